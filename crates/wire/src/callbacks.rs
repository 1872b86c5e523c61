//! The callback queue (回访): why each callback is there, what the customer said, and the job
//! that follows an unsatisfied answer up.

use outpost_domain::callback as domain;
use outpost_domain::ids::{CallbackId, CustomerId, EngineerId, JobId};
use outpost_domain::rating::Rating;
use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};

use crate::edge::mirror;
use crate::model::{Dimension, JobStatus, JobType};

/// Why a callback is in the queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../console/src/bindings/"))]
pub enum CallbackReason {
    /// Rated 2 or less on these dimensions.
    LowRating { dimensions: Vec<Dimension> },
    /// Drawn in the month's sample (`YYYY-MM`).
    Sampled { month: String },
    /// The customer's quarterly callback (`2026-Q4`).
    Planned { quarter: String },
}
mirror!(CallbackReason = enum domain::Reason {
    LowRating { dimensions }, Sampled { month }, Planned { quarter },
});

/// What the callback found: `{"by": "phoned", …}` or `{"by": "visit", …}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "by", rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../console/src/bindings/"))]
pub enum CallbackOutcome {
    Phoned {
        #[serde(with = "time::serde::rfc3339")]
        #[cfg_attr(feature = "ts", ts(type = "string"))]
        at: OffsetDateTime,
        who: String,
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        satisfaction: Rating,
        notes: String,
        #[cfg_attr(feature = "ts", ts(type = "string | null"))]
        repair_job: Option<JobId>,
    },
    Visit {
        #[serde(with = "time::serde::rfc3339")]
        #[cfg_attr(feature = "ts", ts(type = "string"))]
        at: OffsetDateTime,
        who: String,
        #[cfg_attr(feature = "ts", ts(type = "string"))]
        job_id: JobId,
    },
}
mirror!(CallbackOutcome = enum domain::Outcome {
    Phoned { at, who, satisfaction, notes, repair_job }, Visit { at, who, job_id },
});

/// One callback of the queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../console/src/bindings/"))]
pub struct Callback {
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub id: CallbackId,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub customer_id: CustomerId,
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub job_id: Option<JobId>,
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub engineer_id: Option<EngineerId>,
    pub reason: CallbackReason,
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub queued_at: OffsetDateTime,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub due_on: Date,
    pub outcome: Option<CallbackOutcome>,
}
mirror!(Callback = domain::Callback { id, customer_id, job_id, engineer_id, reason, queued_at, due_on, outcome });

/// Where a callback stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../console/src/bindings/"))]
pub enum CallbackStage {
    /// Nobody has called yet.
    Queued,
    /// The repair or visit that follows it up is not closed yet.
    Following,
    Done,
}

/// The job that follows a callback up, as it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../console/src/bindings/"))]
pub struct FollowUpJob {
    pub id: String,
    pub number: String,
    pub job_type: JobType,
    pub status: JobStatus,
    pub engineer: Option<String>,
}

/// One callback as `GET /api/v1/callbacks` lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../console/src/bindings/"))]
pub struct CallbackEntry {
    #[serde(flatten)]
    pub callback: Callback,
    pub customer: String,
    /// The visit called back about.
    pub job_number: Option<String>,
    pub engineer: Option<String>,
    pub stage: CallbackStage,
    pub follow_up: Option<FollowUpJob>,
}

/// `POST /api/v1/callbacks/{id}/phoned`: the customer's satisfaction 1-5 and what they said.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../console/src/bindings/"))]
pub struct PhonedInput {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub satisfaction: i64,
    pub notes: String,
}

/// `POST /api/v1/callbacks/{id}/visit`: sent to an engineer as a callback job on a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../console/src/bindings/"))]
pub struct VisitInput {
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub engineer_id: EngineerId,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub scheduled_on: Date,
}

/// `GET`/`PUT /api/v1/callback-policy`: the share of each engineer's completed jobs drawn
/// for callbacks every month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../console/src/bindings/"))]
pub struct CallbackPolicy {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub sample_percent: i64,
}

/// `PUT /api/v1/customers/{id}/callback-plan`: the month of each quarter to call the customer
/// in (1, 2 or 3), or `null` for none.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../console/src/bindings/"))]
pub struct CallbackPlanInput {
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub month_of_quarter: Option<i64>,
}
