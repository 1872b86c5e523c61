//! The register of complaints (投诉登记): registering one, the steps taken, compensation, and
//! closing it with the customer's answer.

use outpost_domain::complaint as domain;
use outpost_domain::ids::{CustomerId, EngineerId, JobId};
use outpost_domain::money::Money;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::model::{Complaint, ComplaintCategory, ComplaintChannel};

/// `POST /api/v1/complaints`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../console/src/bindings/"))]
pub struct ComplaintInput {
    /// When it came in; default now. The 24 hours count from then.
    #[serde(default, with = "time::serde::rfc3339::option")]
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub received_at: Option<OffsetDateTime>,
    pub channel: ComplaintChannel,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub customer_id: CustomerId,
    /// The job complained about, when known: it must be the customer's.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub job_id: Option<JobId>,
    /// The engineer complained about, when not the job's.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub engineer_id: Option<EngineerId>,
    pub category: ComplaintCategory,
    pub text: String,
}

/// `POST /api/v1/complaints/{id}/handling`: a step taken; the first one is the reply.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../console/src/bindings/"))]
pub struct HandlingInput {
    pub text: String,
}

/// `POST /api/v1/complaints/{id}/compensation` (the service manager): approved as sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../console/src/bindings/"))]
pub struct CompensationInput {
    pub model: String,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub quantity: i64,
    pub amount: Money,
}

/// `POST /api/v1/complaints/{id}/close`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../console/src/bindings/"))]
pub struct ClosureInput {
    pub customer_answer: String,
    /// The customer accepted the outcome.
    pub accepted: bool,
}

/// Where a complaint stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../console/src/bindings/"))]
pub enum ComplaintStage {
    /// Nobody has replied to the customer yet.
    Received,
    Handling,
    Closed,
}
crate::edge::mirror!(ComplaintStage = enum domain::Stage { Received {}, Handling {}, Closed {} });

/// One complaint as `GET /api/v1/complaints` lists it: the complaint, the names it refers to,
/// and its clock.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../console/src/bindings/"))]
pub struct ComplaintEntry {
    #[serde(flatten)]
    pub complaint: Complaint,
    pub customer: String,
    pub job_number: Option<String>,
    pub engineer: Option<String>,
    pub stage: ComplaintStage,
    /// The end of the 24 hours.
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub reply_due: OffsetDateTime,
    /// Past the 24 hours with no reply.
    pub overdue: bool,
    /// Whether the reply came within the 24 hours (`null` while they run).
    pub replied_in_time: Option<bool>,
}
