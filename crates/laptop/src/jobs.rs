//! The job list, one job, and moving a visit on.

use outpost_domain::calendar::parse_date;
use outpost_domain::field::Field;
use outpost_domain::ids::JobId;
use outpost_domain::job::{JobEvent, JobStatus, LeftUnsigned, MoveDetails, UnsignedReason};
use outpost_store::detail::{self, JobDetail};
use outpost_store::jobs::{self, JobFilter, JobSummary};
use outpost_store::search::{self, SearchHit};
use time::OffsetDateTime;

use crate::{Laptop, LaptopError, Result};

/// What a person types for the job in hand.
pub const NEXT: &str = "next";

impl Laptop {
    /// The job a person names: its id, its number (`J2612-000042`), or `next`, the visit under
    /// way or else the first of today's still to do.
    pub fn find_job(&self, id_or_number: &str) -> Result<JobId> {
        if id_or_number.trim() == NEXT {
            return self.next_job(OffsetDateTime::now_utc());
        }
        Ok(self.store.read(|c| jobs::find(c, id_or_number))?.id)
    }

    /// The visit under way (on site, en route), else the first of today's jobs still assigned.
    pub fn next_job(&self, now: OffsetDateTime) -> Result<JobId> {
        let today = self.jobs("today", None, now, 1_000)?;
        let rank = |s: JobStatus| match s {
            JobStatus::OnSite => Some(0),
            JobStatus::EnRoute => Some(1),
            JobStatus::Completed | JobStatus::Unresolved => Some(2),
            JobStatus::Assigned => Some(3),
            _ => None,
        };
        today
            .iter()
            .filter_map(|j| rank(j.status).map(|r| (r, j.id)))
            .min_by_key(|(r, _)| *r)
            .map(|(_, id)| id)
            .ok_or(LaptopError::NothingNext)
    }

    /// The jobs of a list (`today`, `overdue`, `upcoming`, `all`), or those matching `search`
    /// when one is typed; at most `limit`.
    pub fn jobs(&self, when: &str, search: Option<&str>, now: OffsetDateTime, limit: usize) -> Result<Vec<JobSummary>> {
        let filter = JobFilter::parse(when)?;
        let today = self.today(now);
        Ok(self.store.read(|c| search::shown(c, filter, search, today, limit))?)
    }

    /// Full-text search over this laptop's jobs and reports, best first.
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>> {
        Ok(self.store.read(|c| search::search(c, query, limit))?)
    }

    /// Everything known of one job: report, parts and quote, signature, what is missing.
    pub fn job(&self, id: JobId) -> Result<JobDetail> {
        Ok(self.store.read(|c| detail::job_detail(c, id))?)
    }

    /// Moves the visit on; `promised_on` (`YYYY-MM-DD`, blank for none) and `reason` are for
    /// an unresolved visit.
    pub fn transition(
        &self,
        id: JobId,
        to: JobStatus,
        reason: Option<String>,
        promised_on: Option<&str>,
        now: OffsetDateTime,
    ) -> Result<JobEvent> {
        let promised_on =
            promised_on.filter(|d| !d.trim().is_empty()).map(|d| parse_date(Field::PromisedDate, d)).transpose()?;
        let reason = reason.filter(|r| !r.trim().is_empty());
        Ok(self.store.transition_job(id, to, MoveDetails { reason, promised_on, ..Default::default() }, now)?)
    }

    /// Leaves the site before the customer signed, saying why (`other` needs a note); HQ sees
    /// it as an alert on the job.
    pub fn leave_unsigned(
        &self,
        id: JobId,
        reason: UnsignedReason,
        note: &str,
        now: OffsetDateTime,
    ) -> Result<JobEvent> {
        let declared = LeftUnsigned::new(reason, note)?;
        let details = MoveDetails { unsigned: Some(declared), ..Default::default() };
        Ok(self.store.transition_job(id, JobStatus::Departed, details, now)?)
    }
}
