//! The laptop: settings, the sync bar, refused changes, receipts.

use outpost_domain::customer::Language;
use outpost_store::outbox::Mutation;
use serde::Serialize;
use ts_rs::TS;

use super::rfc3339;

/// The laptop: enrollment, engineer, data folder, language, company.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct SettingsView {
    pub enrolled: bool,
    pub engineer: Option<String>,
    pub hq_url: Option<String>,
    pub data_dir: String,
    /// `zh-CN` or `en`; none until chosen (the UI then follows the system).
    pub language: Option<String>,
    pub company: String,
}

/// The sync state the status bar always shows.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct SyncView {
    /// `not_enrolled`, `syncing`, `online`, `offline` or `error`.
    pub state: String,
    #[ts(type = "number")]
    pub pending: u64,
    #[ts(type = "number")]
    pub refused: u64,
    /// Files missing or damaged on this laptop: each says which job needs what again.
    pub set_aside: Vec<SetAsideView>,
    /// How far this laptop's clock was ahead of HQ's at the last sync (negative: behind).
    #[ts(type = "number | null")]
    pub clock_offset_secs: Option<i64>,
    /// HQ is newer than this app: the engineer should update it.
    pub hq_newer: bool,
    pub last_success: Option<String>,
    pub last_error: Option<Words>,
    #[ts(type = "number | null")]
    pub next_attempt_in: Option<u64>,
    /// While syncing: how far the cycle has got.
    pub progress: Option<SyncProgressView>,
}

/// A file this laptop could not send (missing, or no longer matching its hash), set aside.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct SetAsideView {
    pub job_number: Option<String>,
    #[ts(type = "\"signature\" | \"trainee_signature\" | \"file\"")]
    pub usage: String,
    #[ts(type = "\"missing\" | \"damaged\"")]
    pub problem: String,
}

impl SetAsideView {
    pub(crate) fn of(f: &outpost_store::blobs::SetAsideFile) -> SetAsideView {
        SetAsideView {
            job_number: f.job_number.clone(),
            usage: f.usage.as_str().to_owned(),
            problem: f.problem.as_str().to_owned(),
        }
    }
}

/// Changes sent of those waiting when the cycle began, files sent, changes received.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct SyncProgressView {
    #[ts(type = "number")]
    pub sent: u64,
    #[ts(type = "number")]
    pub to_send: u64,
    #[ts(type = "number")]
    pub files_sent: u64,
    #[ts(type = "number")]
    pub received: u64,
}

impl SyncView {
    /// From the loop's status.
    pub fn of(s: &outpost_sync::watch::SyncStatus) -> SyncView {
        let state = serde_json::to_value(&s.state)
            .ok()
            .and_then(|v| v.get("state").and_then(|s| s.as_str()).map(str::to_owned))
            .unwrap_or_else(|| "error".into());
        SyncView {
            state,
            pending: s.pending,
            refused: s.refused,
            set_aside: s.set_aside.iter().map(SetAsideView::of).collect(),
            clock_offset_secs: s.clock_offset_secs,
            hq_newer: s.hq_newer,
            last_success: s.last_success.clone(),
            last_error: s.last_error.as_ref().map(|e| Words { en: e.en.clone(), zh_cn: e.zh.clone() }),
            next_attempt_in: s.next_attempt_in,
            progress: s.progress.map(|p| SyncProgressView {
                sent: p.sent,
                to_send: p.to_send,
                files_sent: p.files_sent,
                received: p.received,
            }),
        }
    }
}

/// Words in both languages: the UI shows its own.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Words {
    pub en: String,
    #[serde(rename = "zh-CN")]
    #[ts(rename = "zh-CN")]
    pub zh_cn: String,
}

/// A change HQ refused for good, or a conflict HQ resolved its way, with the reason.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct RefusedView {
    /// What `dismiss_refused` takes to set it aside once read.
    #[ts(type = "number")]
    pub number: i64,
    pub kind: String,
    pub job_id: String,
    pub at: String,
    pub reason: Words,
}

impl RefusedView {
    /// From an outbox entry HQ answered with a refusal.
    pub fn of(m: &Mutation) -> RefusedView {
        RefusedView {
            number: m.number,
            kind: m.change.kind().to_owned(),
            job_id: m.change.job_id().to_string(),
            at: rfc3339(m.created_at),
            reason: Words {
                en: m.reason(Language::En).unwrap_or_default(),
                zh_cn: m.reason(Language::ZhCn).unwrap_or_default(),
            },
        }
    }
}

/// A receipt written to disk.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ReceiptFile {
    pub path: String,
    #[ts(type = "number")]
    pub bytes: u64,
    pub draft: bool,
}
