//! What an engineer did on a laptop, as one change. The laptop writes each into its outbox and
//! sends it to HQ, which applies it under the same rules; the shape is the wire's too.

use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};

use crate::customer::Contact;
use crate::ids::{CustomerId, JobId, PartLineId};
use crate::job::{JobStatus, LeftUnsigned};
use crate::part::PartLine;
use crate::parts_request::PartsRequest;
use crate::rating::{Dimension, Rating, Satisfaction};
use crate::report::{CheckState, ReportField};
use crate::signature::Signature;
use crate::warranty::QuoteAcceptance;

/// A change the engineer made on this laptop, as it will be sent to HQ.
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
        /// The field's value on the laptop before this change ([`ServiceReport::field_text`]):
        /// HQ applies the change only over that value (absent from older laptops).
        ///
        /// [`ServiceReport::field_text`]: crate::report::ServiceReport::field_text
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
    /// One dimension of the survey rated, over the rating it replaced (none when unrated).
    RatingSet {
        job_id: JobId,
        revision: u32,
        dimension: Dimension,
        rating: Rating,
        replaced: Option<Rating>,
    },
    /// The survey comment (评价意见), over the comment it replaced.
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
    /// The signed `revision` reopened for a correction, before leaving: it is kept as signed
    /// and the report continues as `revision + 1`, unsigned, to be signed again.
    ReportReopened {
        job_id: JobId,
        revision: u32,
        reason: String,
        #[serde(with = "time::serde::rfc3339")]
        at: OffsetDateTime,
    },
    /// A part asked of HQ for the job (补件申请).
    PartsRequested {
        request: PartsRequest,
    },
    /// A contact of the job's customer edited (or added, with `base_version` 0) on site.
    ContactEdited {
        job_id: JobId,
        customer_id: CustomerId,
        contact: Contact,
        base_version: u64,
    },
}

impl Change {
    /// The stable name of the kind of change.
    pub fn kind(&self) -> &'static str {
        match self {
            Change::JobTransitioned { .. } => "job_transitioned",
            Change::ReportFieldSet { .. } => "report_field_set",
            Change::ChecklistItemSet { .. } => "checklist_item_set",
            Change::RatingSet { .. } => "rating_set",
            Change::SurveyCommentSet { .. } => "survey_comment_set",
            Change::PartLineAdded { .. } => "part_line_added",
            Change::PartLineRemoved { .. } => "part_line_removed",
            Change::SatisfactionSet { .. } => "satisfaction_set",
            Change::QuoteAccepted { .. } => "quote_accepted",
            Change::ReportSigned { .. } => "report_signed",
            Change::ReportReopened { .. } => "report_reopened",
            Change::ContactEdited { .. } => "contact_edited",
            Change::PartsRequested { .. } => "parts_requested",
        }
    }

    /// The job the change belongs to.
    pub fn job_id(&self) -> JobId {
        match self {
            Change::JobTransitioned { job_id, .. }
            | Change::ReportFieldSet { job_id, .. }
            | Change::ChecklistItemSet { job_id, .. }
            | Change::RatingSet { job_id, .. }
            | Change::SurveyCommentSet { job_id, .. }
            | Change::PartLineRemoved { job_id, .. }
            | Change::SatisfactionSet { job_id, .. }
            | Change::QuoteAccepted { job_id, .. }
            | Change::ReportSigned { job_id, .. }
            | Change::ReportReopened { job_id, .. }
            | Change::ContactEdited { job_id, .. } => *job_id,
            Change::PartLineAdded { line } => line.job_id,
            Change::PartsRequested { request } => request.job_id,
        }
    }
}
