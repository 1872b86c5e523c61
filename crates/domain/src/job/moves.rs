//! Moving a job through its lifecycle: the checks of the state machine and of who asks, the
//! facts some moves need (a reason, a promised date, the new engineer) and the event each move
//! records.

use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};

use super::{Actor, EventNote, Job, JobStatus, LeftUnsigned, Mover, Unresolved, VisitTimes};
use crate::error::{DomainError, Result};
use crate::ids::{EngineerId, JobId};
use crate::text::{self, NOTE_MAX};

/// Extra facts some moves need.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MoveDetails {
    /// Why (unresolved, cancelled).
    pub reason: Option<String>,
    /// The date promised to the customer (unresolved).
    pub promised_on: Option<Date>,
    /// The new engineer (reassignment).
    pub engineer: Option<EngineerId>,
    /// Leaving before the customer signed, and why (departed from completed or unresolved).
    pub unsigned: Option<LeftUnsigned>,
}

/// A recorded move of a job.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JobEvent {
    pub job_id: JobId,
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
    pub actor: Actor,
    pub from: JobStatus,
    pub to: JobStatus,
    pub note: Option<String>,
    /// When HQ received the move (HQ's clock), beside `at` (the device's).
    #[serde(default, skip_serializing_if = "Option::is_none", with = "time::serde::rfc3339::option")]
    pub received_at: Option<OffsetDateTime>,
    /// `at` cannot be right: ahead of `received_at`, or before the job existed.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub clock_suspect: bool,
    /// What `note` says, as facts worded in each language (absent from older events).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub said: Option<EventNote>,
}

impl JobEvent {
    /// A move, saying `said` (its English words in `note`); HQ stamps `received_at`.
    pub fn new(
        job_id: JobId,
        at: OffsetDateTime,
        actor: Actor,
        from: JobStatus,
        to: JobStatus,
        said: Option<EventNote>,
    ) -> JobEvent {
        let note = said.as_ref().map(EventNote::english);
        JobEvent { job_id, at, actor, from, to, note, received_at: None, clock_suspect: false, said }
    }

    /// The note in `language`: the facts' words, else the note as written.
    pub fn note_in(&self, language: crate::customer::Language) -> Option<String> {
        self.said.as_ref().map(|s| s.render(language)).or_else(|| self.note.clone())
    }
}

impl Job {
    /// Takes a signed job back for a correction of its report (the signed revision is kept by
    /// the caller): to completed, or to unresolved when the visit was signed unresolved (its
    /// reason and promise still hold); only before leaving the site.
    pub(crate) fn reopen(&mut self, actor: Actor, at: OffsetDateTime, said: EventNote) -> Result<JobEvent> {
        crate::calendar::check_time(crate::field::Field::Time, at)?;
        if self.status != JobStatus::Signed {
            return Err(DomainError::ReopenNeedsSigned { job: self.number.clone(), status: self.status });
        }
        let from = self.status;
        self.status = if self.unresolved.is_some() { JobStatus::Unresolved } else { JobStatus::Completed };
        self.times.signed_at = None;
        Ok(JobEvent::new(self.id, at, actor, from, self.status, Some(said)))
    }

    /// Moves the job to `to`, checking the state machine and who is asking.
    /// Signing is not a plain move: it goes through [`crate::signature::sign_report`].
    pub fn transition(
        &mut self,
        to: JobStatus,
        actor: Actor,
        at: OffsetDateTime,
        details: MoveDetails,
    ) -> Result<JobEvent> {
        if to == JobStatus::Signed {
            return Err(DomainError::SignThroughReport);
        }
        self.apply(to, actor, at, details)
    }

    pub(crate) fn apply(
        &mut self,
        to: JobStatus,
        actor: Actor,
        at: OffsetDateTime,
        details: MoveDetails,
    ) -> Result<JobEvent> {
        crate::calendar::check_time(crate::field::Field::Time, at)?;
        crate::calendar::check_opt_date(crate::field::Field::PromisedDate, details.promised_on)?;
        let from = self.status;
        let unsigned_leave = to == JobStatus::Departed && matches!(from, JobStatus::Completed | JobStatus::Unresolved);
        if unsigned_leave && details.unsigned.is_none() {
            return Err(DomainError::UnsignedDeparture);
        }
        let Some(&(_, mover)) = from.moves().iter().find(|(target, _)| *target == to) else {
            return Err(DomainError::IllegalTransition {
                from,
                to,
                allowed: from.moves().iter().map(|(s, _)| *s).collect(),
            });
        };
        match (mover, actor) {
            (Mover::Hq, Actor::Engineer(_)) => return Err(DomainError::HqOnly { to }),
            (Mover::Engineer, Actor::Hq) => {
                return Err(DomainError::EngineerOnly { to });
            }
            (Mover::Engineer, Actor::Engineer(who)) if Some(who) != self.engineer_id => {
                return Err(DomainError::NotYourJob { job: self.number.clone() });
            }
            _ => {}
        }
        let note = self.apply_details(from, to, at, details)?;
        self.status = to;
        self.stamp(to, at);
        Ok(JobEvent::new(self.id, at, actor, from, to, note))
    }

    fn apply_details(
        &mut self,
        from: JobStatus,
        to: JobStatus,
        at: OffsetDateTime,
        details: MoveDetails,
    ) -> Result<Option<EventNote>> {
        match to {
            JobStatus::Unresolved => {
                let reason = text::required(
                    crate::field::Field::UnresolvedReason,
                    details.reason.as_deref().unwrap_or(""),
                    NOTE_MAX,
                )?;
                let promised_on = details.promised_on.ok_or(DomainError::PromisedDateMissing)?;
                if promised_on < at.date() {
                    return Err(DomainError::PromisedDateInPast);
                }
                let said = EventNote::Unresolved { reason: reason.clone(), promised_on };
                self.unresolved = Some(Unresolved { reason, promised_on });
                Ok(Some(said))
            }
            JobStatus::Cancelled => {
                let reason = text::required(
                    crate::field::Field::CancelReason,
                    details.reason.as_deref().unwrap_or(""),
                    NOTE_MAX,
                )?;
                self.cancel_reason = Some(reason.clone());
                Ok(Some(EventNote::Cancelled { reason }))
            }
            JobStatus::Assigned => {
                let engineer = details.engineer.ok_or(DomainError::ReassignWithoutEngineer)?;
                if Some(engineer) == self.engineer_id {
                    return Err(DomainError::AlreadyAssigned);
                }
                self.engineer_id = Some(engineer);
                self.times = VisitTimes::default();
                self.unresolved = None;
                Ok(Some(EventNote::Reassigned { engineer: None }))
            }
            JobStatus::Departed if matches!(from, JobStatus::Completed | JobStatus::Unresolved) => {
                let declared = details.unsigned.ok_or(DomainError::UnsignedDeparture)?.checked()?;
                let said = EventNote::LeftUnsigned { reason: declared.reason, note: declared.note.clone() };
                self.left_unsigned = Some(declared);
                Ok(Some(said))
            }
            JobStatus::OnSite if from != JobStatus::EnRoute => {
                // Reopened after completed / unresolved: the old outcome no longer holds.
                self.unresolved = None;
                self.times.finished_at = None;
                Ok(Some(EventNote::Reopened))
            }
            _ => Ok(None),
        }
    }

    fn stamp(&mut self, to: JobStatus, at: OffsetDateTime) {
        let t = &mut self.times;
        match to {
            JobStatus::EnRoute => t.en_route_at = Some(at),
            JobStatus::OnSite => t.arrived_at = t.arrived_at.or(Some(at)),
            JobStatus::Completed | JobStatus::Unresolved => t.finished_at = Some(at),
            JobStatus::Signed => t.signed_at = Some(at),
            JobStatus::Departed => t.departed_at = Some(at),
            JobStatus::Closed => t.closed_at = Some(at),
            JobStatus::Assigned | JobStatus::Cancelled => {}
        }
    }
}
