//! The outbox: every local change as a numbered mutation, written in the same transaction as
//! the change. `mutation_id` rises by one per change (SQLite AUTOINCREMENT never reuses an id,
//! and a rolled-back change takes its number back with it).

pub use outpost_domain::change::Change;
use rusqlite::{Connection, Transaction, params};
use serde::Serialize;
use time::OffsetDateTime;

use crate::codec::{time_from_sql, time_to_sql};
use crate::error::Result;

/// Appends a change; returns its mutation id.
pub fn push(tx: &Transaction<'_>, change: &Change, at: OffsetDateTime) -> Result<i64> {
    tx.prepare_cached("INSERT INTO outbox (created_at, kind, entity_id, payload) VALUES (?1, ?2, ?3, ?4)")?
        .execute(params![time_to_sql(at), change.kind(), change.job_id().to_text(), serde_json::to_string(change)?])?;
    Ok(tx.last_insert_rowid())
}

/// A mutation waiting in the outbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mutation {
    pub mutation_id: i64,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    pub change: Change,
    /// Set when HQ refused the change for good.
    pub rejected: Option<String>,
}

/// The oldest pending mutations, at most `limit`.
pub fn pending(conn: &Connection, limit: usize) -> Result<Vec<Mutation>> {
    read(conn, "state = 'pending'", limit)
}

/// Every mutation HQ refused, with its reason.
pub fn rejected(conn: &Connection, limit: usize) -> Result<Vec<Mutation>> {
    read(conn, "state = 'rejected'", limit)
}

fn read(conn: &Connection, condition: &str, limit: usize) -> Result<Vec<Mutation>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT mutation_id, created_at, payload, reject_reason FROM outbox WHERE {condition} ORDER BY mutation_id LIMIT ?1"
    ))?;
    let mut rows = stmt.query([limit as i64])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(Mutation {
            mutation_id: r.get(0)?,
            created_at: time_from_sql(r.get(1)?)?,
            change: serde_json::from_str(&r.get::<_, String>(2)?)?,
            rejected: r.get(3)?,
        });
    }
    Ok(out)
}

/// How many changes wait for HQ.
pub fn pending_count(conn: &Connection) -> Result<u64> {
    let n: i64 = conn.query_row("SELECT count(*) FROM outbox WHERE state = 'pending'", [], |r| r.get(0))?;
    Ok(u64::try_from(n).unwrap_or(0))
}

/// HQ acknowledged every mutation up to `last` (applied or refused): applied ones leave,
/// refused ones stay with their reason.
pub fn acknowledge(tx: &Transaction<'_>, last: i64, rejections: &[(i64, String)]) -> Result<()> {
    for (id, reason) in rejections {
        tx.execute(
            "UPDATE outbox SET state = 'rejected', reject_reason = ?2 WHERE mutation_id = ?1",
            params![id, reason],
        )?;
    }
    tx.execute("DELETE FROM outbox WHERE mutation_id <= ?1 AND state = 'pending'", [last])?;
    Ok(())
}
