//! Service-level targets (服务时限) and the badge a job list shows against them. HQ sets the
//! targets (`PUT /api/v1/sla-policy`) and every laptop receives them; until then the source
//! rules' defaults hold.

use serde::{Deserialize, Serialize};
use time::{Duration, OffsetDateTime};

use crate::error::{DomainError, Result};
use crate::field::Field;
use crate::job::{Job, JobStatus, JobType, Severity};

/// The targets, in the units people set them in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SlaPolicy {
    /// Reply to a reported fault within this many hours (24).
    pub reply_within_hours: u32,
    /// Fix a common fault within this many minutes of arrival (30).
    pub fix_common_minutes: u32,
    /// Fix a major fault within this many minutes of arrival (120).
    pub fix_major_minutes: u32,
    /// Factory repairs take at most this many working days (10).
    pub factory_repair_working_days: u32,
}

impl Default for SlaPolicy {
    fn default() -> Self {
        SlaPolicy {
            reply_within_hours: 24,
            fix_common_minutes: 30,
            fix_major_minutes: 120,
            factory_repair_working_days: 10,
        }
    }
}

/// What the job list shows next to a job.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "badge", content = "minutes")]
pub enum SlaBadge {
    /// The promised arrival window ends in this many minutes.
    ArriveDueIn(i64),
    /// The promised arrival window ended this many minutes ago.
    ArriveOverdue(i64),
    /// On site: the fix target ends in this many minutes.
    FixDueIn(i64),
    /// On site: the fix target passed this many minutes ago.
    FixOverdue(i64),
    /// Nothing is due (no window, or the work is done).
    None,
}

impl SlaPolicy {
    /// Each target within reason: a week to reply, a day or two to fix on site, twelve weeks
    /// at the factory.
    pub fn validate(&self) -> Result<()> {
        let within = |field: Field, value: u32, min: u32, max: u32| {
            if (min..=max).contains(&value) {
                Ok(())
            } else {
                Err(DomainError::OutOfRange {
                    field,
                    value: i64::from(value),
                    min: i64::from(min),
                    max: i64::from(max),
                })
            }
        };
        within(Field::ReplyWithinHours, self.reply_within_hours, 1, 168)?;
        within(Field::FixCommonMinutes, self.fix_common_minutes, 5, 1440)?;
        within(Field::FixMajorMinutes, self.fix_major_minutes, 5, 2880)?;
        within(Field::FactoryRepairDays, self.factory_repair_working_days, 1, 60)
    }

    /// The fix target for a severity.
    pub fn fix_within(&self, severity: Severity) -> Duration {
        Duration::minutes(i64::from(match severity {
            Severity::Common => self.fix_common_minutes,
            Severity::Major => self.fix_major_minutes,
        }))
    }

    /// The reply target for a reported fault.
    pub fn reply_within(&self) -> Duration {
        Duration::hours(i64::from(self.reply_within_hours))
    }

    /// The badge for a job at `now`.
    pub fn badge(&self, job: &Job, now: OffsetDateTime) -> SlaBadge {
        let due = Due {
            status: job.status,
            job_type: job.job_type,
            severity: job.severity,
            window_until: job.window.map(|w| w.until),
            arrived_at: job.times.arrived_at,
        };
        self.badge_of(due, now)
    }

    /// The badge from what decides it (a list that reads only these of each job).
    pub fn badge_of(&self, due: Due, now: OffsetDateTime) -> SlaBadge {
        match due.status {
            JobStatus::Assigned | JobStatus::EnRoute => arrival_badge(due.status, due.window_until, now),
            JobStatus::OnSite if due.job_type == JobType::Repair => {
                let Some(arrived) = due.arrived_at else {
                    return SlaBadge::None;
                };
                let due = arrived + self.fix_within(due.severity);
                if now <= due {
                    SlaBadge::FixDueIn((due - now).whole_minutes())
                } else {
                    SlaBadge::FixOverdue((now - due).whole_minutes())
                }
            }
            _ => SlaBadge::None,
        }
    }
}

/// What decides a job's badge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Due {
    pub status: JobStatus,
    pub job_type: JobType,
    pub severity: Severity,
    pub window_until: Option<OffsetDateTime>,
    pub arrived_at: Option<OffsetDateTime>,
}

/// The arrival part of the badge, from what a job list row holds: before arrival, how long
/// until (or since) the promised window ends.
pub fn arrival_badge(status: JobStatus, window_until: Option<OffsetDateTime>, now: OffsetDateTime) -> SlaBadge {
    match (status, window_until) {
        (JobStatus::Assigned | JobStatus::EnRoute, Some(until)) if now <= until => {
            SlaBadge::ArriveDueIn((until - now).whole_minutes())
        }
        (JobStatus::Assigned | JobStatus::EnRoute, Some(until)) => {
            SlaBadge::ArriveOverdue((now - until).whole_minutes())
        }
        _ => SlaBadge::None,
    }
}

#[cfg(test)]
mod tests;
