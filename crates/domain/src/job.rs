//! Jobs (工单) and their lifecycle state machine.
//!
//! `assigned → en_route → on_site → completed | unresolved → signed → departed → closed`,
//! plus `cancelled` and reassignment, which only HQ may do. Every move is an event with who,
//! when, from and to; the time comes from the caller (the device clock), never from here.

use std::fmt;

use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};

use crate::error::{DomainError, Result};
use crate::field::Field;
use crate::ids::{CustomerId, EngineerId, EquipmentId, JobId, SiteId};

/// The kinds of visit, each with its own report sections.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum JobType {
    /// 报修: a customer-reported fault.
    Repair,
    /// 安装调试: installation and commissioning, with acceptance and operator training.
    Installation,
    /// 巡检: a routine check against a checklist.
    Inspection,
    /// 保养: periodic maintenance.
    Maintenance,
    /// 回访: a follow-up visit or call with a satisfaction check.
    Callback,
}

impl JobType {
    /// Every job type, in the order the UI lists them.
    pub const ALL: [JobType; 5] =
        [JobType::Repair, JobType::Installation, JobType::Inspection, JobType::Maintenance, JobType::Callback];

    /// The stable name used in storage, on the wire and on the command line.
    pub fn as_str(&self) -> &'static str {
        match self {
            JobType::Repair => "repair",
            JobType::Installation => "installation",
            JobType::Inspection => "inspection",
            JobType::Maintenance => "maintenance",
            JobType::Callback => "callback",
        }
    }

    /// Parses a stable name; an unknown name is an error that lists the known ones.
    pub fn parse(s: &str) -> Result<JobType> {
        JobType::ALL
            .into_iter()
            .find(|t| t.as_str() == s.trim())
            .ok_or_else(|| DomainError::not_one_of(Field::JobType, s, &JobType::ALL.map(|t| t.as_str())))
    }

    /// The report sections this type of job fills, in form order.
    pub fn sections(&self) -> &'static [FormSection] {
        use FormSection::*;
        match self {
            JobType::Repair => &[Fault, Parts, Tests, Result, CustomerSignOff],
            JobType::Installation => &[Acceptance, Training, Parts, Tests, CustomerSignOff],
            JobType::Inspection => &[Checklist, Parts, CustomerSignOff],
            JobType::Maintenance => &[WorkDone, Parts, Tests, CustomerSignOff],
            JobType::Callback => &[CallbackNotes, CustomerSignOff],
        }
    }
}

impl fmt::Display for JobType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A section of the service report form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum FormSection {
    Fault,
    WorkDone,
    Checklist,
    Acceptance,
    Training,
    Parts,
    Tests,
    Result,
    CallbackNotes,
    CustomerSignOff,
}

/// Where a job is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum JobStatus {
    Assigned,
    EnRoute,
    OnSite,
    Completed,
    Unresolved,
    Signed,
    Departed,
    Closed,
    Cancelled,
}

impl JobStatus {
    /// Every status, in lifecycle order.
    pub const ALL: [JobStatus; 9] = [
        JobStatus::Assigned,
        JobStatus::EnRoute,
        JobStatus::OnSite,
        JobStatus::Completed,
        JobStatus::Unresolved,
        JobStatus::Signed,
        JobStatus::Departed,
        JobStatus::Closed,
        JobStatus::Cancelled,
    ];

    /// The stable name used in storage, on the wire and on the command line.
    pub fn as_str(&self) -> &'static str {
        match self {
            JobStatus::Assigned => "assigned",
            JobStatus::EnRoute => "en_route",
            JobStatus::OnSite => "on_site",
            JobStatus::Completed => "completed",
            JobStatus::Unresolved => "unresolved",
            JobStatus::Signed => "signed",
            JobStatus::Departed => "departed",
            JobStatus::Closed => "closed",
            JobStatus::Cancelled => "cancelled",
        }
    }

    /// Parses a stable name; an unknown name lists the known ones.
    pub fn parse(s: &str) -> Result<JobStatus> {
        JobStatus::ALL.into_iter().find(|t| t.as_str() == s.trim()).ok_or_else(|| {
            let names: Vec<&str> = JobStatus::ALL.iter().map(|s| s.as_str()).collect();
            DomainError::not_one_of(Field::Status, s, &names)
        })
    }

    /// The job still needs the engineer (not finished, not cancelled).
    pub fn is_open(&self) -> bool {
        matches!(self, JobStatus::Assigned | JobStatus::EnRoute | JobStatus::OnSite)
    }

    /// HQ may move its day and window: not yet done, or unresolved (moved to the day promised
    /// to the customer).
    pub fn reschedulable(&self) -> bool {
        self.is_open() || *self == JobStatus::Unresolved
    }

    /// The statuses HQ may move a job in this one to (reassigning is a move to `assigned`).
    pub fn hq_moves(&self) -> impl Iterator<Item = JobStatus> {
        self.moves().iter().filter(|(_, by)| *by == Mover::Hq).map(|(to, _)| *to)
    }

    /// Still the engineer's to work on: from assigned until they leave the site (a dispatch
    /// board carries such a job over from earlier days).
    pub fn with_engineer(&self) -> bool {
        matches!(
            self,
            JobStatus::Assigned
                | JobStatus::EnRoute
                | JobStatus::OnSite
                | JobStatus::Completed
                | JobStatus::Unresolved
                | JobStatus::Signed
        )
    }

    /// Nothing can happen to the job any more.
    pub fn is_terminal(&self) -> bool {
        matches!(self, JobStatus::Closed | JobStatus::Cancelled)
    }

    /// The moves out of this status and who may make them.
    pub fn moves(&self) -> &'static [(JobStatus, Mover)] {
        use JobStatus::*;
        use Mover::*;
        match self {
            Assigned => &[(EnRoute, Engineer), (Assigned, Hq), (Cancelled, Hq)],
            EnRoute => &[(OnSite, Engineer), (Assigned, Hq), (Cancelled, Hq)],
            OnSite => &[(Completed, Engineer), (Unresolved, Engineer), (Assigned, Hq), (Cancelled, Hq)],
            // The customer signs the report (and its survey) before the engineer leaves; leaving
            // unsigned needs a declared reason (moves.rs), else it is 擅自离开.
            Completed => &[(Signed, Engineer), (OnSite, Engineer), (Departed, Engineer)],
            Unresolved => {
                &[(Signed, Engineer), (OnSite, Engineer), (Departed, Engineer), (Assigned, Hq), (Cancelled, Hq)]
            }
            Signed => &[(Departed, Engineer), (Closed, Hq)],
            Departed => &[(Closed, Hq)],
            Closed | Cancelled => &[],
        }
    }
}

impl JobType {
    /// The type as people read it.
    pub fn label(self, language: crate::customer::Language) -> &'static str {
        use crate::customer::Language::{En, ZhCn};
        match (language, self) {
            (ZhCn, JobType::Repair) => "维修",
            (ZhCn, JobType::Installation) => "安装调试",
            (ZhCn, JobType::Inspection) => "巡检",
            (ZhCn, JobType::Maintenance) => "保养",
            (ZhCn, JobType::Callback) => "回访",
            (En, JobType::Repair) => "Repair",
            (En, JobType::Installation) => "Installation and commissioning",
            (En, JobType::Inspection) => "Inspection",
            (En, JobType::Maintenance) => "Maintenance",
            (En, JobType::Callback) => "Follow-up visit",
        }
    }
}

impl JobStatus {
    /// The status as people read it.
    pub fn label(self, language: crate::customer::Language) -> &'static str {
        use JobStatus::*;
        let (en, zh) = match self {
            Assigned => ("Assigned", "已派工"),
            EnRoute => ("En route", "已出发"),
            OnSite => ("On site", "在现场"),
            Completed => ("Completed", "已完成"),
            Unresolved => ("Unresolved", "未解决"),
            Signed => ("Signed", "已签字"),
            Departed => ("Departed", "已离开"),
            Closed => ("Closed", "已关闭"),
            Cancelled => ("Cancelled", "已取消"),
        };
        if language == crate::customer::Language::En { en } else { zh }
    }
}

impl fmt::Display for JobStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Who may make a move.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mover {
    /// The engineer the job is assigned to.
    Engineer,
    /// A dispatcher at HQ.
    Hq,
}

/// Who made a change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "id")]
pub enum Actor {
    Engineer(EngineerId),
    Hq,
}

/// How urgent the fault is; decides the fix-time SLA (common 30 min, major 2 h).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Severity {
    #[default]
    Common,
    Major,
}

/// The arrival window promised to the customer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Window {
    #[serde(with = "time::serde::rfc3339")]
    pub from: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub until: OffsetDateTime,
}

impl Window {
    /// A window whose end is not before its start.
    pub fn new(from: OffsetDateTime, until: OffsetDateTime) -> Result<Window> {
        crate::calendar::check_time(crate::field::Field::WindowFrom, from)?;
        crate::calendar::check_time(crate::field::Field::WindowUntil, until)?;
        if until < from {
            return Err(DomainError::WindowEndsBeforeStart);
        }
        Ok(Window { from, until })
    }
}

/// Why a job could not be finished today and when the customer was promised a fix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unresolved {
    pub reason: String,
    pub promised_on: Date,
}

/// When each step of the visit happened, on the device clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct VisitTimes {
    #[serde(with = "time::serde::rfc3339::option")]
    pub en_route_at: Option<OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub arrived_at: Option<OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub finished_at: Option<OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub signed_at: Option<OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub departed_at: Option<OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub closed_at: Option<OffsetDateTime>,
    /// HQ found one of the engineer's times impossible (see [`crate::clock`]): on-time
    /// figures leave this visit out.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub clock_suspect: bool,
}

/// A job: one visit's work at one site.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Job {
    pub id: JobId,
    /// The number people quote on the phone, e.g. `J2611-00042`.
    pub number: String,
    pub job_type: JobType,
    pub status: JobStatus,
    pub severity: Severity,
    pub customer_id: CustomerId,
    pub site_id: SiteId,
    pub equipment_id: Option<EquipmentId>,
    pub engineer_id: Option<EngineerId>,
    pub reported_fault: String,
    #[serde(with = "time::serde::rfc3339")]
    pub reported_at: OffsetDateTime,
    pub scheduled_on: Date,
    pub window: Option<Window>,
    /// The earlier visit this one continues (a second visit after an unresolved one).
    pub previous_visit: Option<JobId>,
    pub unresolved: Option<Unresolved>,
    pub cancel_reason: Option<String>,
    pub times: VisitTimes,
    /// The engineer left before the customer signed, and said why: an alert for HQ.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub left_unsigned: Option<LeftUnsigned>,
}

/// A job with what hangs off it: its recorded moves, its report, the parts used, the parts
/// asked of HQ, and the customer's complaints about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobBundle {
    pub job: Job,
    pub events: Vec<JobEvent>,
    pub report: Option<crate::report::ServiceReport>,
    pub parts: Vec<crate::part::PartLine>,
    pub parts_requests: Vec<crate::parts_request::PartsRequest>,
    pub complaints: Vec<crate::complaint::Complaint>,
}

mod moves;
mod new;
mod note;
mod unsigned;

pub use moves::{JobEvent, MoveDetails};
pub use new::{NewJob, job_number, number_prefix};
pub use note::EventNote;
pub use unsigned::{LeftUnsigned, UnsignedReason};

#[cfg(test)]
mod tests;
