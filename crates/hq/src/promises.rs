//! Unresolved visits and what the customer was promised: the written report of open problems
//! and their completion dates the sources ask HQ for (未解决问题及完成时间), and the follow-up
//! visits that continue them.

use outpost_domain::ids::{CustomerId, EngineerId, JobId};
use outpost_domain::job::{Job, JobStatus};
use serde::Serialize;
use time::{Date, OffsetDateTime};

use crate::db::Tx;
use crate::error::{AppError, Result};
use crate::records;

/// A visit that continues an unresolved one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FollowUp {
    pub job_id: JobId,
    pub number: String,
    pub status: String,
    pub scheduled_on: Date,
}

/// An unresolved visit and its promise.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Promise {
    pub job_id: JobId,
    pub number: String,
    pub status: String,
    pub customer_id: CustomerId,
    pub customer: String,
    pub engineer_id: Option<EngineerId>,
    pub engineer: Option<String>,
    pub reason: String,
    pub promised_on: Date,
    pub scheduled_on: Date,
    /// The promised date has passed and no follow-up visit has finished the work.
    pub overdue: bool,
    /// The visit HQ made to keep the promise, if any.
    pub follow_up: Option<FollowUp>,
}

/// The earlier visit a new one continues: it exists, and was for the same customer.
pub fn continued(tx: &mut dyn Tx, previous: JobId, customer: CustomerId) -> Result<Job> {
    let job = records::job(tx, previous).map_err(|_| AppError::invalid("previous_visit", "no such job"))?;
    if job.customer_id != customer {
        return Err(AppError::invalid(
            "previous_visit",
            format!(
                "{} was a visit for another customer: a follow-up continues a visit at the same customer",
                job.number
            ),
        ));
    }
    if job.status == JobStatus::Cancelled {
        return Err(AppError::invalid(
            "previous_visit",
            format!("{} was cancelled: there is nothing to continue", job.number),
        ));
    }
    Ok(job)
}

/// Whether a follow-up visit has finished the work.
fn finished(status: JobStatus) -> bool {
    matches!(status, JobStatus::Completed | JobStatus::Signed | JobStatus::Departed | JobStatus::Closed)
}

/// The unresolved visits whose promise is still open (`all`: kept ones too), soonest promise
/// first, as of `now` (each promise's day counted where it was made: the offset of the
/// engineer's clock when the visit ended).
pub fn list(tx: &mut dyn Tx, all: bool, now: OffsetDateTime) -> Result<Vec<Promise>> {
    let rows = tx.query(
        "SELECT j.body, c.name, e.name FROM jobs j JOIN customers c ON c.id = j.customer_id
           LEFT JOIN engineers e ON e.id = j.engineer_id
          WHERE j.status IN ('unresolved', 'departed', 'signed', 'closed')",
        &[],
    )?;
    let mut promises = Vec::new();
    for row in &rows {
        let job: Job = row.json(0)?;
        let Some(unresolved) = job.unresolved.clone() else { continue };
        let follow_up = tx
            .query_opt(
                "SELECT body FROM jobs WHERE previous_visit = $1 AND status <> 'cancelled' ORDER BY scheduled_on DESC LIMIT 1",
                &[job.id.to_text().into()],
            )?
            .map(|r| r.json::<Job>(0))
            .transpose()?;
        let today = job.times.finished_at.map_or(now, |at| now.to_offset(at.offset())).date();
        // Closing the unresolved visit after review keeps no promise: only a visit that did the work.
        let kept = follow_up.as_ref().is_some_and(|f| finished(f.status));
        if kept && !all {
            continue;
        }
        promises.push(Promise {
            job_id: job.id,
            number: job.number.clone(),
            status: job.status.as_str().to_owned(),
            customer_id: job.customer_id,
            customer: row.text(1)?,
            engineer_id: job.engineer_id,
            engineer: row.opt_text(2)?,
            reason: unresolved.reason,
            promised_on: unresolved.promised_on,
            scheduled_on: job.scheduled_on,
            overdue: !kept && unresolved.promised_on < today,
            follow_up: follow_up.map(|f| FollowUp {
                job_id: f.id,
                number: f.number,
                status: f.status.as_str().to_owned(),
                scheduled_on: f.scheduled_on,
            }),
        });
    }
    promises.sort_by(|a, b| (a.promised_on, &a.number).cmp(&(b.promised_on, &b.number)));
    Ok(promises)
}
