//! The conflict log as the console reads and settles it: an engineer's edit HQ did not apply
//! because what it replaced had changed meanwhile, beside the value HQ kept.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

/// What a conflicting edit was of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../console/src/bindings/"))]
pub enum ConflictKind {
    /// A customer's contact, edited on the laptop over a version HQ had changed.
    Contact,
    /// A part of a job's report another laptop of the engineer filled first.
    Report,
}

/// Which of the two values stays.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../console/src/bindings/"))]
pub enum Keep {
    /// The value HQ kept.
    Hq,
    /// The engineer's edit, applied now under the usual rules.
    Engineer,
}

/// How a conflict was settled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../console/src/bindings/"))]
pub struct Settled {
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub at: OffsetDateTime,
    /// Who, as the audit log names them (`person:张敏`).
    pub by: String,
    pub keep: Keep,
}

/// One conflict. A contact's carries `customer_id` and the contacts as JSON; a report's
/// carries `field` (a report field, `checklist.<item>`, `rating.<dimension>` or
/// `survey_comment`) and the values as text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../console/src/bindings/"))]
pub struct ConflictEntry {
    pub kind: ConflictKind,
    /// Its number within its kind: `POST /api/v1/conflicts/{kind}/{id}/settle`.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    /// When HQ received the edit, in nanoseconds since the epoch.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub at: i64,
    pub engineer_id: String,
    /// The engineer's name.
    pub engineer: Option<String>,
    pub client_id: String,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub mutation_id: i64,
    pub job_id: String,
    pub job_number: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub customer_id: Option<String>,
    /// The customer's name (a contact's conflict).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub customer: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub field: Option<String>,
    /// The field in the reader's language (`language`), as the job page words it.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub field_said: Option<String>,
    #[cfg_attr(feature = "ts", ts(type = "unknown"))]
    pub theirs: serde_json::Value,
    #[cfg_attr(feature = "ts", ts(type = "unknown"))]
    pub kept: serde_json::Value,
    /// A report's values in the reader's words (a choice's label, a checklist answer), as typed
    /// otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub theirs_said: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub kept_said: Option<String>,
    /// None while it waits for the dispatcher.
    pub settled: Option<Settled>,
}

/// `POST /api/v1/conflicts/{kind}/{id}/settle`: which value stays.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../console/src/bindings/"))]
pub struct SettleInput {
    pub keep: Keep,
}
