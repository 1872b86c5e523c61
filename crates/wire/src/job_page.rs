//! A job as the dispatcher's job page shows it (`GET /api/v1/jobs/{id}/page`): what was asked
//! and who holds it, every move with the device's and HQ's clocks, the report as the receipt
//! words it (the same text, in the reader's language), its signed revisions and the audit log.

use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};

use crate::model::{JobStatus, JobType, Severity, UnsignedReason};

/// The page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../console/src/bindings/"))]
pub struct JobPage {
    pub id: String,
    pub number: String,
    pub job_type: JobType,
    pub status: JobStatus,
    pub severity: Severity,
    pub customer_id: String,
    pub customer: String,
    pub site_id: String,
    pub site: String,
    /// The machine the job is about, if one.
    pub equipment_id: Option<String>,
    pub engineer_id: Option<String>,
    pub engineer: Option<String>,
    pub reported_fault: String,
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub reported_at: OffsetDateTime,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub scheduled_on: Date,
    #[serde(with = "time::serde::rfc3339::option")]
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub window_from: Option<OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339::option")]
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub window_until: Option<OffsetDateTime>,
    /// Unresolved: the date promised to the customer.
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub promised_on: Option<Date>,
    pub left_unsigned: Option<UnsignedReason>,
    /// The earlier visit this one continues, by number.
    pub previous_visit: Option<String>,
    pub events: Vec<EventLine>,
    /// The report as the receipt prints it.
    pub sheet: Sheet,
    /// Whether HQ holds the customer's signature image (`GET /api/v1/jobs/{id}/signature`).
    pub signature_image: bool,
    /// Whether HQ holds the pen strokes the pad recorded (`GET /api/v1/jobs/{id}/signature/strokes`).
    pub signature_strokes: bool,
    pub revisions: Vec<Revision>,
    pub audit: Vec<AuditLine>,
}

/// One move of the job.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../console/src/bindings/"))]
pub struct EventLine {
    /// On the device's clock (HQ's for HQ's own moves).
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub at: OffsetDateTime,
    /// When HQ received it.
    #[serde(with = "time::serde::rfc3339::option")]
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub received_at: Option<OffsetDateTime>,
    /// The engineer's name, or none for HQ.
    pub engineer: Option<String>,
    pub from: JobStatus,
    pub to: JobStatus,
    /// What happened, in the reader's language.
    pub note: Option<String>,
    pub clock_suspect: bool,
}

/// The report in the receipt's words: label and value pairs, the parts with the warranty
/// decision and price of each line, the totals, the ratings and the signature.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../console/src/bindings/"))]
pub struct Sheet {
    pub visit: Vec<(String, String)>,
    pub report: Vec<(String, String)>,
    pub parts: Vec<PartCharge>,
    pub totals: Vec<(String, String)>,
    pub ratings: Vec<(String, String)>,
    pub opinion: Option<String>,
    /// Who signed and when, as printed.
    pub signer: Option<String>,
    pub signed_at: Option<String>,
    /// The receipt's short code (`3F2A-91C0-77BE`), when signed.
    pub short_hash: Option<String>,
    /// Unsigned: the receipt would print as a draft.
    pub draft: bool,
}

/// One part line as the receipt prices it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../console/src/bindings/"))]
pub struct PartCharge {
    pub code: String,
    pub name: String,
    pub quantity: u32,
    pub unit_charge: String,
    /// Why free or charged (保修期内质量问题：免费 …).
    pub decision: String,
    pub total: String,
}

/// A signed revision of the report, kept when it was corrected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../console/src/bindings/"))]
pub struct Revision {
    pub revision: u32,
    pub signer: Option<String>,
    #[serde(with = "time::serde::rfc3339::option")]
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub signed_at: Option<OffsetDateTime>,
    pub short_hash: Option<String>,
    /// The current one (the others were corrected).
    pub current: bool,
}

/// An entry of the audit log about this job.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../console/src/bindings/"))]
pub struct AuditLine {
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub at: OffsetDateTime,
    /// A person's or script's name, or the engineer's.
    pub who: String,
    /// What was done, in the reader's language (`评分：总体满意度 → 5`).
    pub said: String,
    /// Refused or in conflict, in the reader's language; none when applied.
    pub outcome_said: Option<String>,
    pub kind: String,
    pub field: Option<String>,
    pub old: Option<String>,
    pub new: Option<String>,
    /// `applied`, `rejected`, `conflict` …
    pub outcome: String,
    pub reason: Option<String>,
}
