//! Callbacks (回访): HQ calls the customer back after a visit to hear how it went. A job rated
//! 2 or less on any dimension enters the queue by itself; a share of each engineer's completed
//! jobs is sampled into it every month (抽查, 001 §二); a customer may have a quarterly plan,
//! broken down by month (以季度為單位，分解到月, 000). The outcome is the customer's
//! satisfaction: satisfied ends it (回访结束); not satisfied opens a repair job linked to the
//! visit (重新进行维修程序), followed to its close.

use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};

use crate::error::{DomainError, Result};
use crate::field::Field;
use crate::ids::{CallbackId, CustomerId, EngineerId, JobId};
use crate::rating::{Dimension, Rating, Satisfaction};
use crate::signature::sha256_hex;
use crate::text::{self, NOTE_MAX};

/// A callback whose customer answers below this is not satisfied: the same line as the
/// satisfaction figure (rated 4 or 5 is satisfied).
pub const SATISFIED_FROM: u8 = 4;

/// Why a callback is in the queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Reason {
    /// The customer rated these dimensions 2 or less.
    LowRating { dimensions: Vec<Dimension> },
    /// Drawn in the month's sample of the engineer's completed jobs (`YYYY-MM`).
    Sampled { month: String },
    /// The customer's quarterly callback (`2026-Q4`), in its planned month.
    Planned { quarter: String },
}

impl Reason {
    /// The stable name of the kind, as stored.
    pub fn kind(&self) -> &'static str {
        match self {
            Reason::LowRating { .. } => "low_rating",
            Reason::Sampled { .. } => "sampled",
            Reason::Planned { .. } => "planned",
        }
    }
}

/// What the callback found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "by", rename_all = "snake_case")]
pub enum Outcome {
    /// HQ phoned: the customer's satisfaction 1-5 and what they said; when not satisfied, the
    /// repair job opened for it.
    Phoned {
        #[serde(with = "time::serde::rfc3339")]
        at: OffsetDateTime,
        who: String,
        satisfaction: Rating,
        notes: String,
        repair_job: Option<JobId>,
    },
    /// Sent to an engineer as a `callback` job (a visit).
    Visit {
        #[serde(with = "time::serde::rfc3339")]
        at: OffsetDateTime,
        who: String,
        job_id: JobId,
    },
}

/// One entry of the callback queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Callback {
    pub id: CallbackId,
    pub customer_id: CustomerId,
    /// The visit called back about (none for a planned callback of the customer).
    pub job_id: Option<JobId>,
    pub engineer_id: Option<EngineerId>,
    pub reason: Reason,
    #[serde(with = "time::serde::rfc3339")]
    pub queued_at: OffsetDateTime,
    /// By when to call: the day it was queued, or the plan's month's first day.
    pub due_on: Date,
    pub outcome: Option<Outcome>,
}

/// The visit a callback is about.
#[derive(Debug, Clone, Copy)]
pub struct Visited {
    pub job_id: JobId,
    pub customer_id: CustomerId,
    pub engineer_id: Option<EngineerId>,
}

impl Callback {
    /// The callback a signed survey asks for: the dimensions rated 2 or less; none when no
    /// dimension is.
    pub fn low_rating(id: CallbackId, visit: Visited, survey: &Satisfaction, now: OffsetDateTime) -> Option<Callback> {
        let Satisfaction::Rated { ratings, .. } = survey else {
            return None;
        };
        let dimensions: Vec<Dimension> = Dimension::ALL
            .into_iter()
            .filter(|d| ratings.get(*d).is_some_and(|r| r.value() <= crate::rating::CALLBACK_AT_OR_BELOW))
            .collect();
        (!dimensions.is_empty()).then(|| Callback::about(id, visit, Reason::LowRating { dimensions }, now))
    }

    /// A callback about a visit, for another reason (sampled).
    pub fn about(id: CallbackId, visit: Visited, reason: Reason, now: OffsetDateTime) -> Callback {
        Callback {
            id,
            customer_id: visit.customer_id,
            job_id: Some(visit.job_id),
            engineer_id: visit.engineer_id,
            reason,
            queued_at: now,
            due_on: now.date(),
            outcome: None,
        }
    }

    /// The key that makes a callback once: per job and reason kind, or per customer and quarter.
    pub fn key(&self) -> String {
        match (&self.reason, self.job_id) {
            (Reason::Planned { quarter }, _) => format!("planned:{}:{quarter}", self.customer_id),
            (reason, Some(job)) => format!("{}:{job}", reason.kind()),
            (reason, None) => format!("{}:{}", reason.kind(), self.id),
        }
    }

    fn open(&self) -> Result<()> {
        match self.outcome {
            Some(_) => Err(DomainError::CallbackDone),
            None => Ok(()),
        }
    }

    /// The customer answered the phone: `satisfaction` 1-5 and what they said. Not satisfied
    /// needs the repair job opened for it (`repair`), satisfied none.
    pub fn phoned(
        &mut self,
        satisfaction: i64,
        notes: &str,
        who: &str,
        at: OffsetDateTime,
        repair: impl FnOnce() -> Result<JobId>,
    ) -> Result<()> {
        self.open()?;
        let satisfaction = Rating::new(satisfaction)?;
        let notes = text::required(Field::CallbackNotes, notes, NOTE_MAX)?;
        let repair_job = if satisfied(satisfaction) { None } else { Some(repair()?) };
        self.outcome = Some(Outcome::Phoned { at, who: who.to_owned(), satisfaction, notes, repair_job });
        Ok(())
    }

    /// Sent to an engineer as the callback job `job_id`.
    pub fn visit(&mut self, job_id: JobId, who: &str, at: OffsetDateTime) -> Result<()> {
        self.open()?;
        self.outcome = Some(Outcome::Visit { at, who: who.to_owned(), job_id });
        Ok(())
    }

    /// The job that follows the callback up: the repair opened, or the callback visit.
    pub fn follow_up_job(&self) -> Option<JobId> {
        match &self.outcome {
            Some(Outcome::Phoned { repair_job, .. }) => *repair_job,
            Some(Outcome::Visit { job_id, .. }) => Some(*job_id),
            None => None,
        }
    }

    /// Whether the customer said they are satisfied, once they said anything.
    pub fn satisfied(&self) -> Option<bool> {
        match &self.outcome {
            Some(Outcome::Phoned { satisfaction, .. }) => Some(satisfied(*satisfaction)),
            _ => None,
        }
    }
}

/// Whether a callback's answer counts as satisfied.
pub fn satisfied(r: Rating) -> bool {
    r.value() >= SATISFIED_FROM
}

/// Of an engineer's completed jobs of a month, the `percent` share drawn for callbacks: at
/// least one when there is any, the same draw however often it is made (each job's place is
/// the hash of the month and its id).
pub fn sample(jobs: &[JobId], month: &str, percent: u32) -> Vec<JobId> {
    if jobs.is_empty() || percent == 0 {
        return Vec::new();
    }
    let take = (jobs.len() * percent.min(100) as usize).div_ceil(100).max(1);
    let mut drawn: Vec<(String, JobId)> =
        jobs.iter().map(|j| (sha256_hex(format!("{month}:{j}").as_bytes()), *j)).collect();
    drawn.sort();
    drawn.into_iter().take(take).map(|(_, j)| j).collect()
}

/// A customer's quarterly callback plan: which month of each quarter (1, 2 or 3) to call in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuarterlyPlan {
    pub month_of_quarter: u8,
}

impl QuarterlyPlan {
    /// A plan for month 1, 2 or 3 of each quarter.
    pub fn new(month_of_quarter: i64) -> Result<QuarterlyPlan> {
        if !(1..=3).contains(&month_of_quarter) {
            return Err(DomainError::OutOfRange {
                field: Field::MonthOfQuarter,
                value: month_of_quarter,
                min: 1,
                max: 3,
            });
        }
        Ok(QuarterlyPlan { month_of_quarter: month_of_quarter as u8 })
    }

    /// The quarter (`2026-Q4`) and the first day of its planned month, when `today` is in
    /// that month.
    pub fn due(&self, today: Date) -> Option<(String, Date)> {
        let month = u8::from(today.month());
        let quarter = (month - 1) / 3 + 1;
        let planned = (quarter - 1) * 3 + self.month_of_quarter;
        (planned == month).then(|| (format!("{}-Q{quarter}", today.year()), today.replace_day(1).unwrap_or(today)))
    }
}

#[cfg(test)]
mod tests {
    use time::macros::{date, datetime};
    use uuid::Uuid;

    use super::*;
    use crate::rating::Ratings;

    const NOW: OffsetDateTime = datetime!(2026-12-03 09:00 +8);

    fn visit() -> Visited {
        Visited {
            job_id: JobId(Uuid::from_u128(1)),
            customer_id: CustomerId(Uuid::from_u128(2)),
            engineer_id: Some(EngineerId(Uuid::from_u128(3))),
        }
    }

    fn rated(values: [i64; 4]) -> Result<Satisfaction> {
        let mut ratings = Ratings::default();
        for (d, v) in Dimension::ALL.into_iter().zip(values) {
            ratings.set(d, Rating::new(v)?);
        }
        Satisfaction::rated(ratings, "")
    }

    #[test]
    fn a_rating_of_two_or_less_queues_a_callback_naming_the_dimensions() -> Result<()> {
        let id = CallbackId(Uuid::nil());
        assert_eq!(Callback::low_rating(id, visit(), &rated([5, 3, 4, 5])?, NOW), None);
        let c = Callback::low_rating(id, visit(), &rated([2, 5, 1, 5])?, NOW).ok_or(DomainError::CallbackDone)?;
        assert_eq!(c.reason, Reason::LowRating { dimensions: vec![Dimension::ALL[0], Dimension::ALL[2]] });
        assert_eq!(c.key(), format!("low_rating:{}", visit().job_id));
        assert_eq!(Callback::low_rating(id, visit(), &Satisfaction::Declined { at: NOW }, NOW), None);
        Ok(())
    }

    #[test]
    fn an_unsatisfied_answer_opens_a_repair_and_a_satisfied_one_none() -> Result<()> {
        let repair = JobId(Uuid::from_u128(9));
        let mut c = Callback::about(CallbackId(Uuid::nil()), visit(), Reason::Sampled { month: "2026-11".into() }, NOW);
        c.phoned(5, "很满意", "张敏", NOW, || Err(DomainError::CallbackDone))?;
        assert_eq!((c.satisfied(), c.follow_up_job()), (Some(true), None));
        assert_eq!(c.phoned(5, "x", "张敏", NOW, || Ok(repair)), Err(DomainError::CallbackDone));

        let mut c = Callback::about(CallbackId(Uuid::nil()), visit(), Reason::Sampled { month: "2026-11".into() }, NOW);
        assert_eq!(
            c.phoned(2, " ", "张敏", NOW, || Ok(repair)),
            Err(DomainError::Empty { field: Field::CallbackNotes })
        );
        assert_eq!(c.phoned(6, "x", "张敏", NOW, || Ok(repair)), Err(DomainError::RatingOutOfRange { rating: 6 }));
        c.phoned(3, "还是有异响", "张敏", NOW, || Ok(repair))?;
        assert_eq!((c.satisfied(), c.follow_up_job()), (Some(false), Some(repair)));
        Ok(())
    }

    #[test]
    fn the_monthly_sample_draws_the_share_the_same_way_every_time() {
        let jobs: Vec<JobId> = (1..=25).map(|n| JobId(Uuid::from_u128(n))).collect();
        let drawn = sample(&jobs, "2026-11", 10);
        assert_eq!(drawn.len(), 3, "10 % of 25, rounded up");
        assert_eq!(sample(&jobs, "2026-11", 10), drawn);
        assert_ne!(sample(&jobs, "2026-10", 10), drawn, "another month draws others");
        assert_eq!(sample(&jobs[..1], "2026-11", 10).len(), 1);
        assert!(sample(&jobs, "2026-11", 0).is_empty() && sample(&[], "2026-11", 50).is_empty());
    }

    #[test]
    fn a_quarterly_plan_is_due_in_its_month_of_each_quarter() -> Result<()> {
        let second = QuarterlyPlan::new(2)?;
        assert_eq!(second.due(date!(2026 - 11 - 17)), Some(("2026-Q4".to_owned(), date!(2026 - 11 - 01))));
        assert_eq!(second.due(date!(2026 - 12 - 03)), None);
        assert_eq!(
            QuarterlyPlan::new(1)?.due(date!(2026 - 01 - 31)),
            Some(("2026-Q1".to_owned(), date!(2026 - 01 - 01)))
        );
        assert!(matches!(QuarterlyPlan::new(4), Err(DomainError::OutOfRange { .. })));
        Ok(())
    }
}
