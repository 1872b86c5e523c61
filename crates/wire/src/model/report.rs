//! A service report as it travels: its fields, the survey, the quote's acceptance and the
//! customer's signature.

use outpost_domain::ids::JobId;
use outpost_domain::money::Money;
use outpost_domain::rating::Rating;
use outpost_domain::{rating, report as domain, signature, warranty};
use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};

use super::JobType;
use crate::edge::mirror;

/// A field of the report, as a change names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReportField {
    SymptomReported,
    SymptomFound,
    FaultCause,
    Solution,
    WorkDone,
    PartsReplaced,
    TestsDone,
    Result,
    FollowUp,
    FollowUpOn,
    LabourMinutes,
    TravelMinutes,
    Checklist,
    Acceptance,
    AcceptanceNotes,
    TraineeName,
    TraineeSignature,
    CallbackNotes,
    CustomerOpinion,
    Satisfaction,
}
mirror!(ReportField = enum domain::ReportField {
    SymptomReported {}, SymptomFound {}, FaultCause {}, Solution {}, WorkDone {}, PartsReplaced {}, TestsDone {},
    Result {}, FollowUp {}, FollowUpOn {}, LabourMinutes {}, TravelMinutes {}, Checklist {}, Acceptance {},
    AcceptanceNotes {}, TraineeName {}, TraineeSignature {}, CallbackNotes {}, CustomerOpinion {}, Satisfaction {},
});

/// The answer to one inspection checklist item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckState {
    Ok,
    Issue,
}
mirror!(CheckState = enum domain::CheckState { Ok {}, Issue {} });

/// One item of the inspection checklist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChecklistItem {
    pub key: String,
    pub state: Option<CheckState>,
    pub note: Option<String>,
}
mirror!(ChecklistItem = domain::ChecklistItem { key, state, note });

/// How a repair ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RepairResult {
    Resolved,
    NeedsParts,
    NeedsFactoryRepair,
    NeedsSecondVisit,
}
mirror!(RepairResult = enum domain::RepairResult { Resolved {}, NeedsParts {}, NeedsFactoryRepair {}, NeedsSecondVisit {} });

/// The outcome of an installation's acceptance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Acceptance {
    Passed,
    PassedWithRemarks,
    Failed,
}
mirror!(Acceptance = enum domain::Acceptance { Passed {}, PassedWithRemarks {}, Failed {} });

/// A dimension of the satisfaction survey.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../console/src/bindings/"))]
pub enum Dimension {
    Timeliness,
    Attitude,
    Quality,
    Overall,
}
mirror!(Dimension = enum rating::Dimension { Timeliness {}, Attitude {}, Quality {}, Overall {} });

/// The survey's ratings, 1 to 5.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Ratings {
    pub timeliness: Option<Rating>,
    pub attitude: Option<Rating>,
    pub quality: Option<Rating>,
    pub overall: Option<Rating>,
}
mirror!(Ratings = rating::Ratings { timeliness, attitude, quality, overall });

/// The customer's answer to the survey.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "answer")]
pub enum Satisfaction {
    Rated {
        ratings: Ratings,
        comment: Option<String>,
    },
    Declined {
        #[serde(with = "time::serde::rfc3339")]
        at: OffsetDateTime,
    },
}
mirror!(Satisfaction = enum rating::Satisfaction { Rated { ratings, comment }, Declined { at } });

/// How the customer accepted the quote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AcceptanceMethod {
    Signature,
    Confirmation,
}
mirror!(AcceptanceMethod = enum warranty::AcceptanceMethod { Signature {}, Confirmation {} });

/// The customer accepted the quote's total before the charged work.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuoteAcceptance {
    pub total: Money,
    pub accepted_by: String,
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
    pub method: AcceptanceMethod,
}
mirror!(QuoteAcceptance = warranty::QuoteAcceptance { total, accepted_by, at, method });

/// The customer's signature over one revision of the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signature {
    pub signer_name: String,
    #[serde(with = "time::serde::rfc3339")]
    pub signed_at: OffsetDateTime,
    pub image_sha256: String,
    pub content_sha256: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub strokes_sha256: Option<String>,
}
mirror!(Signature = signature::Signature { signer_name, signed_at, image_sha256, content_sha256, strokes_sha256 });

/// One revision of a job's service report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceReport {
    pub job_id: JobId,
    pub job_type: JobType,
    pub revision: u32,
    pub symptom_reported: Option<String>,
    pub symptom_found: Option<String>,
    pub fault_cause: Option<String>,
    pub solution: Option<String>,
    pub work_done: Option<String>,
    pub no_parts_replaced: bool,
    pub tests_done: Option<String>,
    pub result: Option<RepairResult>,
    pub follow_up: Option<String>,
    pub follow_up_on: Option<Date>,
    pub labour_minutes: Option<u32>,
    pub travel_minutes: Option<u32>,
    pub checklist: Vec<ChecklistItem>,
    pub acceptance: Option<Acceptance>,
    pub acceptance_notes: Option<String>,
    pub trainee_name: Option<String>,
    /// SHA-256 of the PNG the trainee signed with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trainee_signature: Option<String>,
    pub callback_notes: Option<String>,
    pub customer_opinion: Option<String>,
    pub satisfaction: Option<Satisfaction>,
    pub quote_acceptance: Option<QuoteAcceptance>,
    pub signature: Option<Signature>,
}
mirror!(
    ServiceReport = domain::ServiceReport {
        job_id,
        job_type,
        revision,
        symptom_reported,
        symptom_found,
        fault_cause,
        solution,
        work_done,
        no_parts_replaced,
        tests_done,
        result,
        follow_up,
        follow_up_on,
        labour_minutes,
        travel_minutes,
        checklist,
        acceptance,
        acceptance_notes,
        trainee_name,
        trainee_signature,
        callback_notes,
        customer_opinion,
        satisfaction,
        quote_acceptance,
        signature,
    }
);
