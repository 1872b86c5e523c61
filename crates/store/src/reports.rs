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
    Ok(get(conn, job.id)?.unwrap_or_else(|| ServiceReport::new(job.id, job.job_type, &job.reported_fault)))
}

/// Saves the current revision; its text is indexed for search shortly after, in the
/// background (see `housekeeping`), so typing in the report never waits for the index.
pub fn save(tx: &Transaction<'_>, report: &ServiceReport, at: OffsetDateTime) -> Result<()> {
    write(tx, report, at)?;
    tx.prepare_cached("INSERT OR IGNORE INTO search_queue (kind, ref_id) VALUES ('report', ?1)")?
        .execute([report.job_id.to_text()])?;
    Ok(())
}

/// Saves the current revision and indexes it in the same transaction (bulk loads from HQ).
pub fn save_indexed(tx: &Transaction<'_>, report: &ServiceReport, at: OffsetDateTime) -> Result<()> {
    write(tx, report, at)?;
    index(tx, report)
}

/// Keeps a signed revision superseded by a correction, as it was signed.
pub fn keep_revision(tx: &Transaction<'_>, report: &ServiceReport, reason: &str, at: OffsetDateTime) -> Result<()> {
    tx.prepare_cached(
        "INSERT OR REPLACE INTO report_revisions (job_id, revision, body, reason, reopened_at) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![
        report.job_id.to_text(),
        i64::from(report.revision),
        serde_json::to_string(report)?,
        reason,
        time_to_sql(at)
    ])?;
    Ok(())
}

/// The kept revisions of a job's report, oldest first.
pub fn revisions(conn: &Connection, job_id: JobId) -> Result<Vec<ServiceReport>> {
    let mut statement = conn.prepare_cached("SELECT body FROM report_revisions WHERE job_id = ?1 ORDER BY revision")?;
    let bodies = statement.query_map([job_id.to_text()], |r| r.get::<_, String>(0))?;
    bodies.map(|b| Ok(serde_json::from_str(&b?)?)).collect()
}

fn write(tx: &Transaction<'_>, report: &ServiceReport, at: OffsetDateTime) -> Result<()> {
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
    Ok(())
}

fn index(tx: &Transaction<'_>, report: &ServiceReport) -> Result<()> {
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

/// Indexes up to `limit` queued jobs and reports; returns how many.
pub fn index_backlog(tx: &Transaction<'_>, limit: usize) -> Result<usize> {
    let queued: Vec<(String, String)> = tx
        .prepare_cached("SELECT kind, ref_id FROM search_queue LIMIT ?1")?
        .query_map([limit as i64], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (kind, id) in &queued {
        match kind.as_str() {
            "job" => {
                if let Ok(job) = crate::jobs::get(tx, crate::codec::parse("job id", id)?) {
                    crate::jobs::index(tx, &job)?;
                }
            }
            _ => {
                let body: Option<String> =
                    tx.query_row("SELECT body FROM reports WHERE job_id = ?1", [id], |r| r.get(0)).optional()?;
                if let Some(body) = body {
                    index(tx, &serde_json::from_str(&body)?)?;
                }
            }
        }
        tx.execute("DELETE FROM search_queue WHERE kind = ?1 AND ref_id = ?2", [kind, id])?;
    }
    Ok(queued.len())
}
