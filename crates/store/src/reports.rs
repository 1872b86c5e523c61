//! Service reports, stored as the domain's JSON so a signed report reads back byte-exact.

use outpost_domain::ids::JobId;
use outpost_domain::job::Job;
use outpost_domain::report::ServiceReport;
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use time::OffsetDateTime;

use crate::codec::time_to_sql;
use crate::error::Result;
use crate::search::{self, HitKind};

/// The current revision of a job's report, if one was started.
pub fn get(conn: &Connection, job_id: JobId) -> Result<Option<ServiceReport>> {
    let body: Option<String> = conn
        .prepare_cached("SELECT body FROM reports WHERE job_id = ?1")?
        .query_row([job_id.to_text()], |r| r.get(0))
        .optional()?;
    Ok(body.map(|b| serde_json::from_str(&b)).transpose()?)
}

/// The current report, or a new empty one for the job.
pub fn get_or_new(conn: &Connection, job: &Job) -> Result<ServiceReport> {
    Ok(get(conn, job.id)?
        .unwrap_or_else(|| ServiceReport::new(job.id, job.job_type, &job.reported_fault)))
}

/// Saves the current revision and reindexes its text.
pub fn save(tx: &Transaction<'_>, report: &ServiceReport, at: OffsetDateTime) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO reports (job_id, revision, body, updated_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (job_id) DO UPDATE SET revision = ?2, body = ?3, updated_at = ?4",
    )?
    .execute(params![
        report.job_id.to_text(),
        i64::from(report.revision),
        serde_json::to_string(report)?,
        time_to_sql(at),
    ])?;
    let text: Vec<&str> = [
        &report.symptom_found,
        &report.fault_cause,
        &report.solution,
        &report.work_done,
        &report.tests_done,
        &report.follow_up,
        &report.callback_notes,
        &report.customer_opinion,
    ]
    .into_iter()
    .filter_map(|f| f.as_deref())
    .collect();
    let id = report.job_id.to_text();
    let title = report.fault_cause.as_deref().unwrap_or("");
    search::index(tx, HitKind::Report, &id, Some(&id), title, &text.join(" "))
}
