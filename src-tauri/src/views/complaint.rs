//! A complaint about the job, as HQ registered and handled it: the engineer reads it under the
//! job, in both languages.

use outpost_domain::complaint::Complaint;
use outpost_domain::customer::Language;
use serde::Serialize;
use ts_rs::TS;

use super::rfc3339;

/// One complaint and where HQ stands with it.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ComplaintView {
    pub received_at: String,
    /// How it came (来电, 来函, 来人, 经销商), in English and Chinese.
    pub channel_en: String,
    pub channel_zh: String,
    /// What it is about (服务态度, …).
    pub category_en: String,
    pub category_zh: String,
    pub text: String,
    /// `received` (nobody has replied yet), `handling` or `closed`.
    pub stage: String,
    /// What HQ did, oldest first.
    pub handling: Vec<HandlingView>,
    /// The compensation approved, e.g. `HL-37A 空气滤芯 × 2 · ¥360.00`.
    pub compensation_en: Option<String>,
    pub compensation_zh: Option<String>,
    /// The customer's answer at the close, and whether they accepted the outcome.
    pub customer_answer: Option<String>,
    pub accepted: Option<bool>,
}

/// One step HQ took.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct HandlingView {
    pub at: String,
    pub by: String,
    pub text: String,
}

impl ComplaintView {
    pub(crate) fn of(c: &Complaint) -> ComplaintView {
        let compensation = |language| {
            c.compensation.as_ref().map(|k| format!("{} × {} · {}", k.model, k.quantity, k.amount.words(language)))
        };
        ComplaintView {
            received_at: rfc3339(c.received_at),
            channel_en: c.channel.label(Language::En).into(),
            channel_zh: c.channel.label(Language::ZhCn).into(),
            category_en: c.category.label(Language::En).into(),
            category_zh: c.category.label(Language::ZhCn).into(),
            text: c.text.clone(),
            stage: c.stage().as_str().into(),
            handling: c
                .handling
                .iter()
                .map(|h| HandlingView { at: rfc3339(h.at), by: h.by.clone(), text: h.text.clone() })
                .collect(),
            compensation_en: compensation(Language::En),
            compensation_zh: compensation(Language::ZhCn),
            customer_answer: c.closure.as_ref().map(|k| k.customer_answer.clone()),
            accepted: c.closure.as_ref().map(|k| k.accepted),
        }
    }
}
