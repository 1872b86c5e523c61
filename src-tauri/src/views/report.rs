//! The report, its parts, quote and parts requests, and the catalogue.

use outpost_domain::customer::Language;
use outpost_domain::money::Money;
use outpost_domain::part::{FaultOrigin, PartClass};
use outpost_domain::parts_request::{PartsRequest, RequestState};
use outpost_domain::rating::{Dimension, Satisfaction};
use outpost_domain::report::{CheckState, ReportField, ServiceReport};
use outpost_laptop::FoundPart;
use outpost_store::detail::JobDetail;
use serde::Serialize;
use time::OffsetDateTime;
use ts_rs::TS;

use super::rfc3339;

/// An amount as each language writes it: `¥1,234.00` in Chinese, `CNY 1,234.00` in English.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Amount {
    pub en: String,
    #[serde(rename = "zh-CN")]
    #[ts(rename = "zh-CN")]
    pub zh: String,
}

impl Amount {
    pub fn of(m: Money) -> Amount {
        Amount { en: m.words(Language::En), zh: m.words(Language::ZhCn) }
    }
}

/// A priced part line with the warranty decision explained.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct PartLineView {
    pub id: String,
    pub code: String,
    pub name: String,
    pub quantity: u32,
    pub origin: FaultOrigin,
    pub unit_charge: Amount,
    pub total: Amount,
    pub free: bool,
    pub explain_en: String,
    pub explain_zh: String,
}

/// The quote: lines, labour, fee, total, and whether the customer has accepted it.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct QuoteView {
    pub lines: Vec<PartLineView>,
    pub labour: Amount,
    pub service_fee: Amount,
    pub parts_total: Amount,
    pub total: Amount,
    pub needs_acceptance: bool,
    /// Who accepted the current total, when they did.
    pub accepted_by: Option<String>,
}

/// One inspection checklist item.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct CheckView {
    pub key: String,
    /// None until answered.
    pub state: Option<CheckState>,
    pub note: Option<String>,
}

/// The satisfaction survey as answered so far.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct SatisfactionView {
    pub declined: bool,
    /// Ratings 1-5 by dimension.
    pub ratings: Vec<(Dimension, u8)>,
    pub comment: Option<String>,
}

/// The signature on a signed report.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct SignatureView {
    pub signer_name: String,
    pub signed_at: String,
    pub short_hash: String,
}

/// The service report: every settable field as text, what the job type requires, what is
/// still missing before signing.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ReportView {
    pub revision: u32,
    /// Field name → value as typed (empty when not set).
    pub fields: Vec<(String, String)>,
    pub checklist: Vec<CheckView>,
    pub required: Vec<ReportField>,
    pub missing: Vec<ReportField>,
    pub satisfaction: SatisfactionView,
    pub signature: Option<SignatureView>,
}

/// A parts request and HQ's answer so far.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct PartsRequestView {
    pub id: String,
    pub code: String,
    pub name: String,
    pub quantity: u32,
    pub origin: FaultOrigin,
    pub note: Option<String>,
    pub requested_at: String,
    /// `requested`, `promised`, `delivered` or `declined`.
    pub state: String,
    /// The date HQ promised (`promised`), else the latest the rules allow.
    pub deliver_by: String,
    pub delivered_at: Option<String>,
    pub declined_reason: Option<String>,
    pub overdue: bool,
    /// What the customer pays for it (zero: a free 补件), with why; none on requests made
    /// before requests were priced.
    pub charge: Option<Amount>,
    pub charge_en: Option<String>,
    pub charge_zh: Option<String>,
}

impl PartsRequestView {
    pub(crate) fn of(r: &PartsRequest, now: OffsetDateTime) -> PartsRequestView {
        let (deliver_by, delivered_at, declined_reason) = match &r.state {
            RequestState::Promised { deliver_by } => (*deliver_by, None, None),
            RequestState::Delivered { at } => (r.due_by(), Some(rfc3339(*at)), None),
            RequestState::Declined { reason } => (r.due_by(), None, Some(reason.clone())),
            RequestState::Requested => (r.due_by(), None, None),
        };
        PartsRequestView {
            id: r.id.to_string(),
            code: r.part_code.clone(),
            name: r.part_name.clone(),
            quantity: r.quantity,
            origin: r.origin,
            note: r.note.clone(),
            requested_at: rfc3339(r.requested_at),
            state: r.state.as_str().into(),
            deliver_by: deliver_by.to_string(),
            delivered_at,
            declined_reason,
            overdue: r.is_overdue(now),
            charge: r.price.map(|p| Amount::of(p.total)),
            charge_en: r.price.map(|p| p.explain_en().to_owned()),
            charge_zh: r.price.map(|p| p.explain_zh().to_owned()),
        }
    }
}

impl ReportView {
    pub(crate) fn of(d: &JobDetail) -> ReportView {
        let r = &d.report;
        let fields = ReportField::SETTABLE
            .iter()
            .chain(&[ReportField::CustomerOpinion])
            .map(|f| (f.as_str().to_owned(), r.field_text(*f)))
            .collect();
        let blank = ServiceReport::new(d.job.id, d.job.job_type, "");
        let satisfaction = match &r.satisfaction {
            Some(Satisfaction::Declined { .. }) => {
                SatisfactionView { declined: true, ratings: Vec::new(), comment: None }
            }
            Some(Satisfaction::Rated { ratings, comment }) => SatisfactionView {
                declined: false,
                ratings: Dimension::ALL.iter().filter_map(|dim| ratings.get(*dim).map(|v| (*dim, v.value()))).collect(),
                comment: comment.clone(),
            },
            None => SatisfactionView { declined: false, ratings: Vec::new(), comment: None },
        };
        ReportView {
            revision: r.revision,
            fields,
            checklist: r
                .checklist
                .iter()
                .map(|c| CheckView { key: c.key.clone(), state: c.state, note: c.note.clone() })
                .collect(),
            required: blank.missing(&[]),
            missing: d.missing.clone(),
            satisfaction,
            signature: r.signature.as_ref().map(|s| SignatureView {
                signer_name: s.signer_name.clone(),
                signed_at: rfc3339(s.signed_at),
                short_hash: s.short_hash(),
            }),
        }
    }
}

impl QuoteView {
    pub(crate) fn of(d: &JobDetail) -> QuoteView {
        let q = &d.quote;
        let origin = |id| d.parts.iter().find(|p| p.id == id).map_or(FaultOrigin::Quality, |p| p.origin);
        QuoteView {
            lines: q
                .lines
                .iter()
                .map(|l| PartLineView {
                    id: l.part_line_id.to_string(),
                    code: l.part_code.clone(),
                    name: l.part_name.clone(),
                    quantity: l.quantity,
                    origin: origin(l.part_line_id),
                    unit_charge: Amount::of(l.unit_charge),
                    total: Amount::of(l.total),
                    free: l.total.is_zero(),
                    explain_en: l.explain_en().to_owned(),
                    explain_zh: l.explain_zh().to_owned(),
                })
                .collect(),
            labour: Amount::of(q.labour),
            service_fee: Amount::of(q.service_fee),
            parts_total: Amount::of(q.parts_total),
            total: Amount::of(q.total),
            needs_acceptance: q.needs_acceptance(),
            accepted_by: d
                .report
                .quote_acceptance
                .as_ref()
                .filter(|a| a.total == q.total)
                .map(|a| a.accepted_by.clone()),
        }
    }
}

/// A catalogue part found by code or name.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct PartView {
    pub code: String,
    pub name: String,
    pub spec: Option<String>,
    pub unit_price: Amount,
    /// Where HQ keeps it (库位), to name when asking for it.
    pub bin: Option<String>,
    /// A repair part or a consumable (易耗件, not free in warranty).
    pub class: PartClass,
    /// Codes of parts that may be fitted instead.
    pub substitutes: Vec<String>,
    /// When the van has none of this part: the substitutes it holds, to fit instead.
    pub stand_ins: Vec<PartView>,
    /// How many the van holds now, when it carries the part (below zero: recount the van).
    #[ts(type = "number | null")]
    pub in_van: Option<i64>,
    /// `moving`, `still_for_a_month` or `still_for_three_months` (with `in_van`).
    pub van_staleness: Option<String>,
}

impl PartView {
    /// A catalogue part with the van's level of it.
    pub fn of(found: FoundPart) -> PartView {
        let FoundPart { part: p, van, stand_ins } = found;
        let staleness =
            van.and_then(|v| serde_json::to_value(v.staleness).ok()).and_then(|v| v.as_str().map(str::to_owned));
        PartView {
            code: p.code,
            name: p.name,
            spec: p.spec,
            unit_price: Amount::of(p.unit_price),
            bin: p.bin,
            class: p.class,
            substitutes: p.substitutes,
            stand_ins: stand_ins.into_iter().map(PartView::of).collect(),
            in_van: van.map(|v| v.on_hand),
            van_staleness: staleness,
        }
    }
}

#[cfg(test)]
mod registry_export {
    use outpost_domain::report::ReportField;

    /// The field registry reaches the screens as generated TypeScript beside the ts-rs
    /// bindings (`make test` fails when it is not committed).
    #[test]
    fn export_report_fields() -> Result<(), Box<dyn std::error::Error>> {
        let dir = std::env::var("TS_RS_EXPORT_DIR").unwrap_or_else(|_| "../ui/src/bindings".into());
        let specs: serde_json::Map<String, serde_json::Value> = ReportField::ALL
            .iter()
            .map(|f| Ok((f.as_str().to_owned(), serde_json::to_value(f.spec())?)))
            .collect::<Result<_, serde_json::Error>>()?;
        let json = serde_json::to_string_pretty(&specs)?;
        let ts = format!(
            "// Generated from the domain's field registry (crates/domain/src/report/registry.rs) by the\n\
             // outpost-app tests. Do not edit this file manually.\n\n\
             export const REPORT_FIELDS = {json} as const;\n\n\
             export type ReportFieldName = keyof typeof REPORT_FIELDS;\n"
        );
        std::fs::write(std::path::Path::new(&dir).join("reportFields.ts"), ts)?;
        Ok(())
    }
}
