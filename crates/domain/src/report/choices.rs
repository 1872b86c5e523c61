//! The names of the report: its fields, and the choices of its choice fields.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::error::{DomainError, Result};
use crate::field::Field;

/// A field of the report, as the UI and the command line name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
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
    /// The trainee's handwritten signature (SHA-256 of its PNG) confirming the training.
    TraineeSignature,
    CallbackNotes,
    CustomerOpinion,
    Satisfaction,
}

impl ReportField {
    /// Fields set as plain values with [`ServiceReport::set`].
    pub const SETTABLE: [ReportField; 17] = [
        ReportField::SymptomReported,
        ReportField::SymptomFound,
        ReportField::FaultCause,
        ReportField::Solution,
        ReportField::WorkDone,
        ReportField::PartsReplaced,
        ReportField::TestsDone,
        ReportField::Result,
        ReportField::FollowUp,
        ReportField::FollowUpOn,
        ReportField::LabourMinutes,
        ReportField::TravelMinutes,
        ReportField::Acceptance,
        ReportField::AcceptanceNotes,
        ReportField::TraineeName,
        ReportField::TraineeSignature,
        ReportField::CallbackNotes,
    ];

    /// The stable name.
    pub fn as_str(&self) -> &'static str {
        match self {
            ReportField::SymptomReported => "symptom_reported",
            ReportField::SymptomFound => "symptom_found",
            ReportField::FaultCause => "fault_cause",
            ReportField::Solution => "solution",
            ReportField::WorkDone => "work_done",
            ReportField::PartsReplaced => "parts_replaced",
            ReportField::TestsDone => "tests_done",
            ReportField::Result => "result",
            ReportField::FollowUp => "follow_up",
            ReportField::FollowUpOn => "follow_up_on",
            ReportField::LabourMinutes => "labour_minutes",
            ReportField::TravelMinutes => "travel_minutes",
            ReportField::Checklist => "checklist",
            ReportField::Acceptance => "acceptance",
            ReportField::AcceptanceNotes => "acceptance_notes",
            ReportField::TraineeName => "trainee_name",
            ReportField::TraineeSignature => "trainee_signature",
            ReportField::CallbackNotes => "callback_notes",
            ReportField::CustomerOpinion => "customer_opinion",
            ReportField::Satisfaction => "satisfaction",
        }
    }

    /// Parses a settable field name; the error lists them.
    pub fn parse(s: &str) -> Result<ReportField> {
        let s = s.trim();
        ReportField::SETTABLE.into_iter().chain([ReportField::CustomerOpinion]).find(|f| f.as_str() == s).ok_or_else(
            || {
                let names: Vec<&str> =
                    ReportField::SETTABLE.iter().chain(&[ReportField::CustomerOpinion]).map(|f| f.as_str()).collect();
                DomainError::not_one_of(Field::ReportFieldName, s, &names)
            },
        )
    }
}

impl fmt::Display for ReportField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How a repair ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum RepairResult {
    Resolved,
    NeedsParts,
    NeedsFactoryRepair,
    NeedsSecondVisit,
}

impl RepairResult {
    /// The stable name.
    pub fn as_str(&self) -> &'static str {
        match self {
            RepairResult::Resolved => "resolved",
            RepairResult::NeedsParts => "needs_parts",
            RepairResult::NeedsFactoryRepair => "needs_factory_repair",
            RepairResult::NeedsSecondVisit => "needs_second_visit",
        }
    }

    /// Every result.
    pub const ALL: [RepairResult; 4] = [
        RepairResult::Resolved,
        RepairResult::NeedsParts,
        RepairResult::NeedsFactoryRepair,
        RepairResult::NeedsSecondVisit,
    ];

    pub(super) fn parse(s: &str) -> Result<RepairResult> {
        RepairResult::ALL
            .into_iter()
            .find(|r| r.as_str() == s)
            .ok_or_else(|| DomainError::not_one_of(Field::RepairResult, s, &RepairResult::ALL.map(|r| r.as_str())))
    }
}

/// The outcome of an installation's acceptance (验收).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Acceptance {
    Passed,
    PassedWithRemarks,
    Failed,
}

impl Acceptance {
    /// The stable name.
    pub fn as_str(&self) -> &'static str {
        match self {
            Acceptance::Passed => "passed",
            Acceptance::PassedWithRemarks => "passed_with_remarks",
            Acceptance::Failed => "failed",
        }
    }

    /// Every outcome.
    pub const ALL: [Acceptance; 3] = [Acceptance::Passed, Acceptance::PassedWithRemarks, Acceptance::Failed];

    pub(super) fn parse(s: &str) -> Result<Acceptance> {
        Acceptance::ALL
            .into_iter()
            .find(|a| a.as_str() == s)
            .ok_or_else(|| DomainError::not_one_of(Field::AcceptanceResult, s, &Acceptance::ALL.map(|a| a.as_str())))
    }
}
