//! The one error type of the domain crate. Every refusal has a stable code (its variant's name
//! in snake_case) and typed parameters, travels as JSON (`{"code": "too_long", "field":
//! "contact_name", "chars": 201, "max": 200}`), and is rendered in zh-CN or English by one
//! catalogue ([`DomainError::render`]), so the laptop, the command line and HQ say the same
//! thing in the reader's language. `Display` is the English text.

mod words;

use serde::{Deserialize, Serialize};
use time::Date;

use crate::customer::Language;
use crate::field::Field;
use crate::job::JobStatus;
use crate::report::{RepairResult, ReportField};

/// Why a domain rule refused an input or an action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum DomainError {
    // --- values that break the rule of their field ---
    /// A required text is empty.
    Empty { field: Field },
    /// A text is longer than its field allows.
    TooLong { field: Field, chars: usize, max: usize },
    /// A text holds control characters.
    ControlCharacters { field: Field },
    /// A phone number that is not one.
    NotPhone { field: Field },
    /// A date that does not parse as `YYYY-MM-DD`.
    NotDate { field: Field, value: String },
    /// A month that does not parse as `YYYY-MM`.
    NotMonth { field: Field, value: String },
    /// A date outside the years 2000 to 2100 (a typo or a broken clock).
    OutsideYears { field: Field, date: String },
    /// An id that is not a UUID.
    NotId { field: Field, value: String },
    /// A file hash that is not a SHA-256.
    NotSha256 { field: Field },
    /// An image that is not a PNG.
    NotPng { field: Field },
    /// A file larger than allowed.
    FileTooLarge { field: Field, kb: usize, max_kb: usize },
    /// A value that is not one of its field's choices.
    NotOneOf { field: Field, value: String, allowed: Vec<String> },
    /// Minutes that do not parse.
    NotMinutes { field: Field, value: String },
    /// Minutes below zero.
    NegativeMinutes { field: Field, minutes: i64 },
    /// Minutes over one week.
    TooManyMinutes { field: Field, minutes: i64 },
    /// A negative price or fee.
    Negative { field: Field },
    /// A sum too large to compute.
    Overflow { field: Field },
    /// A value that cannot be written into the signed content.
    CannotWrite { field: Field, reason: String },
    /// A part line's quantity outside 1 to `max`.
    LineQuantity { quantity: i64, max: i64 },
    /// A parts request's quantity outside 1 to `max`.
    RequestQuantity { quantity: i64, max: i64 },
    /// A van stock count outside 0 to `max`.
    CountQuantity { quantity: i64, max: i64 },
    /// A rating outside 1 to 5.
    RatingOutOfRange { rating: i64 },
    /// Leaving a visit whose report the customer has not signed (擅自离开).
    UnsignedDeparture,
    /// A repair recorded as done whose result says it is not (waiting for parts, …).
    RepairNotResolved { result: RepairResult },
    /// An installation recorded as done whose acceptance failed (验收不合格).
    AcceptanceFailed,
    /// A report reopened for a correction that is not signed, or on a job past its signing.
    ReopenNeedsSigned { job: String, status: JobStatus },
    /// A number (a target, a limit) outside what its field allows.
    OutOfRange { field: Field, value: i64, min: i64, max: i64 },
    /// A currency code that is not three letters.
    NotCurrency { value: String },
    /// A part code with spaces in it.
    CodeHasSpaces,
    /// Parts typed as text instead of added as part lines.
    PartsAsLines,
    /// A report field set as text that has its own form.
    NotTextField { report_field: ReportField },
    /// A survey comment on a survey the customer declined.
    SurveyDeclined,
    /// A checklist issue without a note.
    IssueNeedsNote,
    /// A checklist item the job's checklist does not have.
    NotOnChecklist { item: String },
    /// An equipment's warranty ending before its acceptance.
    WarrantyEndsBeforeAcceptance,
    /// An arrival window ending before it starts.
    WindowEndsBeforeStart,
    /// A contact edited on a laptop that HQ removed.
    ContactRemoved,
    /// A contact edit for a customer that is not the job's.
    ContactOfAnotherCustomer { job: String },
    /// A contact edit made over a version HQ has changed since; HQ kept its own.
    ContactChangedMeanwhile { kept: String, theirs: String },
    /// An edit of a report value (`item`: the checklist item or rating dimension) made over
    /// a value that changed meanwhile; the value held is kept and the edit logged as a conflict.
    EditedMeanwhile {
        field: Field,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        item: Option<String>,
        kept: String,
        theirs: String,
    },

    // --- the job and who may move it ---
    /// The state machine forbids this move; `allowed` lists the moves that are.
    IllegalTransition { from: JobStatus, to: JobStatus, allowed: Vec<JobStatus> },
    /// Only HQ may make this move (cancel, reassign, close).
    HqOnly { to: JobStatus },
    /// Only the assigned engineer may make this move.
    EngineerOnly { to: JobStatus },
    /// A job moves to signed only by signing its report.
    SignThroughReport,
    /// The job is another engineer's (HQ reassigned or cancelled it).
    NotYourJob { job: String },
    /// An unresolved job needs the date promised to the customer.
    PromisedDateMissing,
    /// The promised date is before today.
    PromisedDateInPast,
    /// A reassignment that names no engineer.
    ReassignWithoutEngineer,
    /// A reassignment to the engineer who has the job.
    AlreadyAssigned,
    /// The job is closed, cancelled or signed off: its report no longer changes.
    JobClosed { job: String, status: JobStatus },

    // --- the report ---
    /// A report cannot be signed while mandatory fields are empty.
    ReportIncomplete { missing: Vec<ReportField> },
    /// A signed report is frozen; changes go into a new revision.
    ReportFrozen,
    /// A change made for another revision of the report than HQ holds.
    StaleRevision { sent: u32, current: u32 },
    /// The signed content HQ computes differs from the laptop's.
    HashMismatch { laptop: String, hq: String },

    // --- parts, quotes and money ---
    /// An out-of-warranty charge exists and the customer has not accepted the quote yet.
    QuoteNotAccepted { total: String },
    /// A quote acceptance asked for where nothing is charged.
    NothingToAccept,
    /// Two amounts in different currencies were combined.
    CurrencyMismatch { left: String, right: String },
    /// A part line removed that the job does not have.
    PartLineNotOnJob { line: String, job: String },
    /// A part code HQ's catalogue does not have.
    NotInCatalogue { part_code: String },
    /// A parts request sent from a job that is over.
    RequestOnClosedJob { job: String, status: JobStatus },
    /// A parts request that arrived twice.
    RequestAlreadySent { request: String },
    /// A new parts request that arrives already answered.
    RequestArrivedAnswered,
    /// A delivery date outside the 15 days after the request.
    DeliveryOutOfRange { deliver_by: Date, from: Date, until: Date },
    /// A parts request that was already answered.
    RequestAnswered { state: String },
    /// A call registered with neither a job made for it nor the answer given.
    CallNeedsOutcome,
    /// A call registered both as answered and as a job.
    CallAnsweredAndJob,
    /// A call's job at a site of another customer than the caller's.
    SiteOfAnotherCustomer,
    /// A time later than now (a call cannot have come in yet).
    LaterThanNow { field: Field },

    // --- complaints ---
    /// A complaint about a job of another customer than the complainant.
    JobOfAnotherCustomer,
    /// A closed complaint changes no more.
    ComplaintClosed,
    /// A complaint closed before anyone told the customer anything.
    ComplaintNotHandled,

    // --- callbacks ---
    /// A callback whose outcome is recorded already.
    CallbackDone,
    // --- maintenance plans ---
    /// A plan of work other than inspection or maintenance.
    NotPlannable { job_type: crate::job::JobType },
    /// A plan for equipment with no maintenance period on record and no end given.
    NoMaintenancePeriod,
    /// A plan ending before its first visit.
    PlanEndsBeforeStart,
}

/// Result of a domain operation.
pub type Result<T> = std::result::Result<T, DomainError>;

impl DomainError {
    /// The stable code: what programs switch on and the catalogue is keyed by.
    pub fn code(&self) -> String {
        serde_json::to_value(self)
            .ok()
            .and_then(|v| v.get("code").and_then(|c| c.as_str()).map(str::to_owned))
            .unwrap_or_default()
    }

    /// The field the error is about, when it is about one.
    /// `value` is not among `allowed` (the names people type: `repair`, `on_site`, …).
    pub fn not_one_of(field: Field, value: &str, allowed: &[&str]) -> DomainError {
        let allowed = allowed.iter().map(|a| (*a).to_owned()).collect();
        DomainError::NotOneOf { field, value: value.trim().to_owned(), allowed }
    }

    /// The field the error is about.
    pub fn field(&self) -> Field {
        use DomainError::*;
        match self {
            Empty { field }
            | TooLong { field, .. }
            | ControlCharacters { field }
            | NotPhone { field }
            | NotDate { field, .. }
            | NotMonth { field, .. }
            | OutsideYears { field, .. }
            | NotId { field, .. }
            | NotSha256 { field }
            | NotPng { field }
            | FileTooLarge { field, .. }
            | NotOneOf { field, .. }
            | NotMinutes { field, .. }
            | NegativeMinutes { field, .. }
            | TooManyMinutes { field, .. }
            | Negative { field }
            | Overflow { field }
            | CannotWrite { field, .. }
            | OutOfRange { field, .. }
            | LaterThanNow { field }
            | EditedMeanwhile { field, .. } => *field,
            LineQuantity { .. } | RequestQuantity { .. } | CountQuantity { .. } => Field::Quantity,
            RatingOutOfRange { .. } => Field::Rating,
            NotCurrency { .. } => Field::Currency,
            CodeHasSpaces => Field::PartCode,
            PartsAsLines => Field::Report(ReportField::PartsReplaced),
            NotTextField { .. } => Field::ReportFieldName,
            IssueNeedsNote => Field::ChecklistNote,
            SurveyDeclined => Field::SatisfactionComment,
            NotOnChecklist { .. } => Field::ChecklistItem,
            WarrantyEndsBeforeAcceptance => Field::WarrantyEnd,
            WindowEndsBeforeStart => Field::Window,
            ContactRemoved | ContactOfAnotherCustomer { .. } | ContactChangedMeanwhile { .. } => Field::Contact,
            IllegalTransition { .. } | HqOnly { .. } | EngineerOnly { .. } | SignThroughReport => Field::Status,
            NotYourJob { .. } | ReassignWithoutEngineer | AlreadyAssigned => Field::Engineer,
            PromisedDateMissing | PromisedDateInPast => Field::PromisedDate,
            JobClosed { .. } => Field::Job,
            StaleRevision { .. } => Field::Revision,
            HashMismatch { .. } | ReportIncomplete { .. } | ReportFrozen | UnsignedDeparture => Field::ServiceReport,
            RepairNotResolved { .. } => Field::Report(ReportField::Result),
            AcceptanceFailed => Field::Report(ReportField::Acceptance),
            ReopenNeedsSigned { .. } => Field::ServiceReport,
            QuoteNotAccepted { .. } | NothingToAccept => Field::Quote,
            CurrencyMismatch { .. } => Field::Currency,
            PartLineNotOnJob { .. } => Field::PartLine,
            NotInCatalogue { .. } => Field::PartCode,
            RequestOnClosedJob { .. } | RequestAlreadySent { .. } | RequestArrivedAnswered => Field::PartsRequest,
            DeliveryOutOfRange { .. } => Field::DeliverBy,
            RequestAnswered { .. } => Field::RequestState,
            CallNeedsOutcome | CallAnsweredAndJob => Field::CallAnswer,
            SiteOfAnotherCustomer => Field::SiteId,
            JobOfAnotherCustomer => Field::JobId,
            ComplaintClosed => Field::Complaint,
            ComplaintNotHandled => Field::ComplaintHandling,
            CallbackDone => Field::CallbackId,
            NotPlannable { .. } => Field::JobType,
            NoMaintenancePeriod | PlanEndsBeforeStart => Field::PlanUntil,
        }
    }

    /// The words of the error in `language`.
    pub fn render(&self, language: Language) -> String {
        words::render(self, language)
    }
}

impl std::fmt::Display for DomainError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.render(Language::En))
    }
}

impl std::error::Error for DomainError {}
