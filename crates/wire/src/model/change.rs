//! What an engineer did on a laptop, as one change sent to HQ: `{"type": "report_field_set", …}`.

use outpost_domain::change as domain;
use outpost_domain::ids::{CustomerId, JobId, PartLineId};
use outpost_domain::rating::Rating;
use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};

use super::{
    CheckState, Contact, Dimension, JobStatus, LeftUnsigned, PartLine, PartsRequest, QuoteAcceptance, ReportField,
    Satisfaction, Signature,
};
use crate::edge::mirror;

/// One change, as HQ applies it under the same rules as the laptop did. A change that edits a
/// value carries the value it replaced (`replaced`), so HQ applies it only over that value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Change {
    JobTransitioned {
        job_id: JobId,
        to: JobStatus,
        #[serde(with = "time::serde::rfc3339")]
        at: OffsetDateTime,
        reason: Option<String>,
        promised_on: Option<Date>,
        /// Leaving before the customer signed, and why.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        unsigned: Option<LeftUnsigned>,
    },
    ReportFieldSet {
        job_id: JobId,
        revision: u32,
        field: ReportField,
        value: String,
        /// Absent from older laptops.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        replaced: Option<String>,
    },
    ChecklistItemSet {
        job_id: JobId,
        revision: u32,
        key: String,
        state: CheckState,
        note: String,
        /// The item's answer before, as text (`ok`, `issue <note>` or empty).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        replaced: Option<String>,
    },
    RatingSet {
        job_id: JobId,
        revision: u32,
        dimension: Dimension,
        rating: Rating,
        replaced: Option<Rating>,
    },
    SurveyCommentSet {
        job_id: JobId,
        revision: u32,
        comment: String,
        replaced: String,
    },
    PartLineAdded {
        line: PartLine,
    },
    PartLineRemoved {
        job_id: JobId,
        line_id: PartLineId,
    },
    SatisfactionSet {
        job_id: JobId,
        revision: u32,
        satisfaction: Satisfaction,
    },
    QuoteAccepted {
        job_id: JobId,
        revision: u32,
        acceptance: QuoteAcceptance,
    },
    ReportSigned {
        job_id: JobId,
        revision: u32,
        signature: Signature,
    },
    /// The signed `revision` reopened for a correction: kept as signed, the report goes on as
    /// `revision + 1`.
    ReportReopened {
        job_id: JobId,
        revision: u32,
        reason: String,
        #[serde(with = "time::serde::rfc3339")]
        at: OffsetDateTime,
    },
    PartsRequested {
        request: PartsRequest,
    },
    /// A contact edited (or added, with `base_version` 0) on site.
    ContactEdited {
        job_id: JobId,
        customer_id: CustomerId,
        contact: Contact,
        base_version: u64,
    },
}
mirror!(Change = enum domain::Change {
    JobTransitioned { job_id, to, at, reason, promised_on, unsigned },
    ReportFieldSet { job_id, revision, field, value, replaced },
    ChecklistItemSet { job_id, revision, key, state, note, replaced },
    RatingSet { job_id, revision, dimension, rating, replaced },
    SurveyCommentSet { job_id, revision, comment, replaced },
    PartLineAdded { line },
    PartLineRemoved { job_id, line_id },
    SatisfactionSet { job_id, revision, satisfaction },
    QuoteAccepted { job_id, revision, acceptance },
    ReportSigned { job_id, revision, signature },
    ReportReopened { job_id, revision, reason, at },
    PartsRequested { request },
    ContactEdited { job_id, customer_id, contact, base_version },
});
