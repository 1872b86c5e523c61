//! Parts requests (补件申请) of this laptop's jobs: made here, answered at HQ.

use outpost_domain::ids::JobId;
use outpost_domain::parts_request::PartsRequest;
use rusqlite::{Connection, Transaction, params};

use crate::codec::time_to_sql;
use crate::error::Result;

/// Keeps a request as it now stands (new, or answered by HQ).
pub fn save(tx: &Transaction<'_>, r: &PartsRequest) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO parts_requests (id, job_id, requested_at, body) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (id) DO UPDATE SET body = excluded.body",
    )?
    .execute(params![
        r.id.to_text(),
        r.job_id.to_text(),
        time_to_sql(r.requested_at),
        serde_json::to_string(r)?
    ])?;
    Ok(())
}

/// The requests of a job, oldest first.
pub fn of_job(conn: &Connection, job_id: JobId) -> Result<Vec<PartsRequest>> {
    let mut stmt =
        conn.prepare_cached("SELECT body FROM parts_requests WHERE job_id = ?1 ORDER BY requested_at, id")?;
    let bodies = stmt.query_map([job_id.to_text()], |r| r.get::<_, String>(0))?;
    bodies.map(|body| Ok(serde_json::from_str(&body?)?)).collect()
}
