//! The customer's complaints about this laptop's jobs: registered and handled at HQ, shown to
//! the engineer under the job they name.

use outpost_domain::complaint::Complaint;
use outpost_domain::ids::JobId;
use rusqlite::{Connection, Transaction, params};

use crate::codec::time_to_sql;
use crate::error::{Result, StoreError};

/// Keeps a complaint as HQ sent it.
pub fn save(tx: &Transaction<'_>, c: &Complaint) -> Result<()> {
    let job = c.job_id.ok_or_else(|| StoreError::Corrupt("a complaint came without its job".into()))?;
    tx.prepare_cached(
        "INSERT INTO complaints (id, job_id, received_at, body) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (id) DO UPDATE SET body = excluded.body",
    )?
    .execute(params![c.id.to_text(), job.to_text(), time_to_sql(c.received_at), serde_json::to_string(c)?])?;
    Ok(())
}

/// The complaints about a job, oldest first.
pub fn of_job(conn: &Connection, job_id: JobId) -> Result<Vec<Complaint>> {
    let mut stmt = conn.prepare_cached("SELECT body FROM complaints WHERE job_id = ?1 ORDER BY received_at, id")?;
    let bodies = stmt.query_map([job_id.to_text()], |r| r.get::<_, String>(0))?;
    bodies.map(|body| Ok(serde_json::from_str(&body?)?)).collect()
}
