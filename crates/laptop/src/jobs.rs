//! The job list, one job, and moving a visit on.

use outpost_domain::calendar::parse_date;
use outpost_domain::field::Field;
use outpost_domain::ids::JobId;
use outpost_domain::job::{JobEvent, JobStatus, LeftUnsigned, MoveDetails, UnsignedReason};
use outpost_store::detail::{self, JobDetail};
use outpost_store::jobs::{self, JobFilter, JobSummary};
use outpost_store::search::{self, SearchHit};
use time::OffsetDateTime;

use crate::{Laptop, Result};

impl Laptop {
    /// The job a person names by its id or its number (`FS-…`).
    pub fn find_job(&self, id_or_number: &str) -> Result<JobId> {
        Ok(self.store.read(|c| jobs::find(c, id_or_number))?.id)
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
