//! The service report (售后服务报告单) and its completeness check.
//!
//! The source rules fine an engineer for a report without fault cause, solution, parts replaced
//! (or "none") and customer opinion; the symptom and the tests done are required as well. Which
//! fields are mandatory depends on the job type. A signed report is frozen.

use serde::{Deserialize, Serialize};
use time::Date;

use crate::error::{DomainError, Result};
use crate::field::Field;
use crate::ids::JobId;
use crate::job::JobType;
use crate::part::PartLine;
use crate::rating::Satisfaction;
use crate::signature::Signature;
use crate::text::{self, NAME_MAX, NOTE_MAX};
use crate::warranty::QuoteAcceptance;

/// The answer to one inspection checklist item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum CheckState {
    Ok,
    Issue,
}

/// One item of the inspection checklist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChecklistItem {
    pub key: String,
    pub state: Option<CheckState>,
    pub note: Option<String>,
}

/// The checklist items of a routine inspection (巡检): system functions, equipment condition,
/// safety hazards, and the operating records kept by the customer.
pub const INSPECTION_ITEMS: [&str; 4] =
    ["system_functions", "equipment_condition", "safety_hazards", "operating_records"];

/// One revision of a job's service report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceReport {
    pub job_id: JobId,
    pub job_type: JobType,
    /// 1 for the first; a change after signing starts the next.
    pub revision: u32,
    pub symptom_reported: Option<String>,
    pub symptom_found: Option<String>,
    pub fault_cause: Option<String>,
    pub solution: Option<String>,
    pub work_done: Option<String>,
    /// The engineer confirmed that no part was replaced ("none").
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
    /// SHA-256 of the PNG the trainee signed with; absent from the JSON when unset so the
    /// hashes of reports signed before it existed stay the same.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trainee_signature: Option<String>,
    pub callback_notes: Option<String>,
    pub customer_opinion: Option<String>,
    pub satisfaction: Option<Satisfaction>,
    pub quote_acceptance: Option<QuoteAcceptance>,
    pub signature: Option<Signature>,
}

impl ServiceReport {
    /// An empty first revision; the symptom as reported is copied from the job.
    pub fn new(job_id: JobId, job_type: JobType, reported_fault: &str) -> ServiceReport {
        let checklist = if job_type == JobType::Inspection {
            INSPECTION_ITEMS.iter().map(|k| ChecklistItem { key: (*k).to_owned(), state: None, note: None }).collect()
        } else {
            Vec::new()
        };
        ServiceReport {
            job_id,
            job_type,
            revision: 1,
            symptom_reported: Some(reported_fault.trim().to_owned()).filter(|s| !s.is_empty()),
            symptom_found: None,
            fault_cause: None,
            solution: None,
            work_done: None,
            no_parts_replaced: false,
            tests_done: None,
            result: None,
            follow_up: None,
            follow_up_on: None,
            labour_minutes: None,
            travel_minutes: None,
            checklist,
            acceptance: None,
            acceptance_notes: None,
            trainee_name: None,
            trainee_signature: None,
            callback_notes: None,
            customer_opinion: None,
            satisfaction: None,
            quote_acceptance: None,
            signature: None,
        }
    }

    /// A visit recorded as done must be: a repair's result, when given, is resolved, and an
    /// installation's acceptance did not fail. Otherwise the visit is unresolved.
    pub fn check_done(&self) -> Result<()> {
        match (self.job_type, self.result, self.acceptance) {
            (JobType::Repair, Some(result), _) if result != RepairResult::Resolved => {
                Err(DomainError::RepairNotResolved { result })
            }
            (JobType::Installation, _, Some(Acceptance::Failed)) => Err(DomainError::AcceptanceFailed),
            _ => Ok(()),
        }
    }

    /// Whether the report is signed and so frozen.
    pub fn is_signed(&self) -> bool {
        self.signature.is_some()
    }

    fn ensure_editable(&self) -> Result<()> {
        if self.is_signed() {
            return Err(DomainError::ReportFrozen);
        }
        Ok(())
    }

    /// Sets one field from text as typed; an empty value clears it. Numbers, dates and
    /// choices are parsed here so every entry path validates the same way.
    pub fn set(&mut self, field: ReportField, value: &str) -> Result<()> {
        self.ensure_editable()?;
        let name = Field::Report(field);
        let note = |v: &str| text::optional(name, v, NOTE_MAX);
        let choice = value.trim();
        match field {
            ReportField::SymptomReported => self.symptom_reported = note(value)?,
            ReportField::SymptomFound => self.symptom_found = note(value)?,
            ReportField::FaultCause => self.fault_cause = note(value)?,
            ReportField::Solution => self.solution = note(value)?,
            ReportField::WorkDone => self.work_done = note(value)?,
            ReportField::TestsDone => self.tests_done = note(value)?,
            ReportField::FollowUp => self.follow_up = note(value)?,
            ReportField::AcceptanceNotes => self.acceptance_notes = note(value)?,
            ReportField::CallbackNotes => self.callback_notes = note(value)?,
            ReportField::CustomerOpinion => self.customer_opinion = note(value)?,
            ReportField::TraineeName => self.trainee_name = text::optional(name, value, NAME_MAX)?,
            ReportField::TraineeSignature => {
                self.trainee_signature = if choice.is_empty() {
                    None
                } else {
                    crate::signature::check_sha256(name, choice)?;
                    Some(choice.to_ascii_lowercase())
                }
            }
            ReportField::PartsReplaced => {
                self.no_parts_replaced = match choice {
                    "none" | "无" => true,
                    "" => false,
                    _ => {
                        return Err(DomainError::PartsAsLines);
                    }
                }
            }
            ReportField::Result => {
                self.result = (!choice.is_empty()).then(|| RepairResult::parse(choice)).transpose()?
            }
            ReportField::Acceptance => {
                self.acceptance = (!choice.is_empty()).then(|| Acceptance::parse(choice)).transpose()?
            }
            ReportField::FollowUpOn => self.follow_up_on = parse_date(name, choice)?,
            ReportField::LabourMinutes => self.labour_minutes = parse_minutes(name, choice)?,
            ReportField::TravelMinutes => self.travel_minutes = parse_minutes(name, choice)?,
            ReportField::Checklist | ReportField::Satisfaction => {
                return Err(DomainError::NotTextField { report_field: field });
            }
        }
        Ok(())
    }

    /// Answers one inspection checklist item; an issue needs a note saying what is wrong.
    pub fn set_check(&mut self, key: &str, state: CheckState, note: &str) -> Result<()> {
        self.ensure_editable()?;
        let note = text::optional(crate::field::Field::ChecklistNote, note, NOTE_MAX)?;
        if state == CheckState::Issue && note.is_none() {
            return Err(DomainError::IssueNeedsNote);
        }
        let item = self
            .checklist
            .iter_mut()
            .find(|i| i.key == key)
            .ok_or_else(|| DomainError::NotOnChecklist { item: key.to_owned() })?;
        item.state = Some(state);
        item.note = note;
        Ok(())
    }

    /// Records the customer's survey answer.
    pub fn set_satisfaction(&mut self, satisfaction: Satisfaction) -> Result<()> {
        self.ensure_editable()?;
        self.satisfaction = Some(satisfaction);
        Ok(())
    }

    /// Records that the customer accepted the out-of-warranty quote.
    pub fn accept_quote(&mut self, acceptance: QuoteAcceptance) -> Result<()> {
        self.ensure_editable()?;
        self.quote_acceptance = Some(acceptance);
        Ok(())
    }

    /// A part line was added: "none" no longer holds.
    pub fn part_added(&mut self) -> Result<()> {
        self.ensure_editable()?;
        self.no_parts_replaced = false;
        Ok(())
    }

    /// The mandatory fields still empty, in form order; empty means the report can be signed.
    pub fn missing(&self, parts: &[PartLine]) -> Vec<ReportField> {
        use ReportField as F;
        let required: &[ReportField] = match self.job_type {
            JobType::Repair => &[
                F::SymptomFound,
                F::FaultCause,
                F::Solution,
                F::PartsReplaced,
                F::TestsDone,
                F::Result,
                F::CustomerOpinion,
                F::Satisfaction,
            ],
            JobType::Installation => &[
                F::Acceptance,
                F::TraineeName,
                F::TraineeSignature,
                F::PartsReplaced,
                F::TestsDone,
                F::CustomerOpinion,
                F::Satisfaction,
            ],
            JobType::Inspection => &[F::Checklist, F::PartsReplaced, F::CustomerOpinion, F::Satisfaction],
            JobType::Maintenance => &[F::WorkDone, F::PartsReplaced, F::TestsDone, F::CustomerOpinion, F::Satisfaction],
            JobType::Callback => &[F::CallbackNotes, F::CustomerOpinion, F::Satisfaction],
        };
        let mut missing: Vec<ReportField> = required.iter().copied().filter(|f| !self.is_filled(*f, parts)).collect();
        // An acceptance with remarks or a failed one says what is to be put right.
        let remarked = matches!(self.acceptance, Some(Acceptance::PassedWithRemarks | Acceptance::Failed));
        if self.job_type == JobType::Installation && remarked && !self.is_filled(F::AcceptanceNotes, parts) {
            missing.insert(0, F::AcceptanceNotes);
        }
        missing
    }

    fn is_filled(&self, field: ReportField, parts: &[PartLine]) -> bool {
        use ReportField as F;
        match field {
            F::SymptomReported => self.symptom_reported.is_some(),
            F::SymptomFound => self.symptom_found.is_some(),
            F::FaultCause => self.fault_cause.is_some(),
            F::Solution => self.solution.is_some(),
            F::WorkDone => self.work_done.is_some(),
            F::PartsReplaced => self.no_parts_replaced || !parts.is_empty(),
            F::TestsDone => self.tests_done.is_some(),
            F::Result => self.result.is_some(),
            F::FollowUp => self.follow_up.is_some(),
            F::FollowUpOn => self.follow_up_on.is_some(),
            F::LabourMinutes => self.labour_minutes.is_some(),
            F::TravelMinutes => self.travel_minutes.is_some(),
            F::Checklist => self.checklist.iter().all(|i| i.state.is_some()),
            F::Acceptance => self.acceptance.is_some(),
            F::AcceptanceNotes => self.acceptance_notes.is_some(),
            F::TraineeName => self.trainee_name.is_some(),
            F::TraineeSignature => self.trainee_signature.is_some(),
            F::CallbackNotes => self.callback_notes.is_some(),
            F::CustomerOpinion => self.customer_opinion.is_some(),
            F::Satisfaction => self.satisfaction.as_ref().is_some_and(Satisfaction::is_answered),
        }
    }

    /// Checks completeness; the error names what is missing.
    pub fn check_complete(&self, parts: &[PartLine]) -> Result<()> {
        let missing = self.missing(parts);
        if missing.is_empty() { Ok(()) } else { Err(DomainError::ReportIncomplete { missing }) }
    }

    /// A new, unsigned revision with the same content, for a correction after signing.
    pub fn next_revision(&self) -> ServiceReport {
        ServiceReport { revision: self.revision + 1, signature: None, ..self.clone() }
    }
}

fn parse_minutes(field: Field, value: &str) -> Result<Option<u32>> {
    if value.is_empty() {
        return Ok(None);
    }
    match value.parse::<i64>() {
        Ok(m) if (0..=24 * 60 * 7).contains(&m) => Ok(u32::try_from(m).ok()),
        Ok(m) if m < 0 => Err(DomainError::NegativeMinutes { field, minutes: m }),
        Ok(m) => Err(DomainError::TooManyMinutes { field, minutes: m }),
        Err(_) => Err(DomainError::NotMinutes { field, value: value.to_owned() }),
    }
}

fn parse_date(field: Field, value: &str) -> Result<Option<Date>> {
    if value.is_empty() {
        return Ok(None);
    }
    crate::calendar::parse_date(field, value).map(Some)
}

mod choices;
pub mod merge;
pub mod registry;

pub use choices::{Acceptance, RepairResult, ReportField};
#[cfg(test)]
mod tests;
