//! The outbox: every local change as a numbered mutation, written in the same transaction as
//! the change. `mutation_id` rises by one per change (SQLite AUTOINCREMENT never reuses an id,
//! and a rolled-back change takes its number back with it).
//!
//! HQ knows a change by its client id and its number under that client id: the local id
//! less the numbering base. A restored or copied data folder takes a new client id from HQ and
//! a new base, so its pending changes are numbered from 1 again without rewriting a row.

use outpost_domain::DomainError;
pub use outpost_domain::change::Change;
use outpost_domain::customer::Language;
use outpost_domain::ids::ClientId;
use outpost_domain::signature::sha256_hex;
use rusqlite::{Connection, Transaction, params};
use serde::Serialize;
use time::OffsetDateTime;
use uuid::Uuid;

use crate::codec::{time_from_sql, time_to_sql};
use crate::device;
use crate::error::Result;

const NUMBERING_BASE: &str = "mutation_base";

/// Appends a change; returns its mutation id. Its digest is made here, once: the payload, the
/// time and a random part, so two changes of equal content are still two changes.
pub fn push(tx: &Transaction<'_>, change: &Change, at: OffsetDateTime) -> Result<i64> {
    let payload = serde_json::to_string(change)?;
    let digest = sha256_hex(format!("{}\n{payload}\n{}", time_to_sql(at), Uuid::now_v7()).as_bytes());
    tx.prepare_cached("INSERT INTO outbox (created_at, kind, entity_id, payload, digest) VALUES (?1, ?2, ?3, ?4, ?5)")?
        .execute(params![time_to_sql(at), change.kind(), change.job_id().to_text(), payload, digest])?;
    Ok(tx.last_insert_rowid())
}

/// A mutation waiting in the outbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mutation {
    /// The local id (rises by one, never reused).
    pub mutation_id: i64,
    /// Its number under this laptop's current client id, as HQ knows it.
    pub number: i64,
    /// The change's identity, sent with it.
    pub digest: String,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    pub change: Change,
    /// Set when HQ refused the change for good: its reason in English.
    pub rejected: Option<String>,
    /// The rule that refused it, when this laptop knows the rule's code.
    pub refusal: Option<DomainError>,
}

impl Mutation {
    /// Why HQ refused the change, in `language` (English when the rule is not known here).
    pub fn reason(&self, language: Language) -> Option<String> {
        match &self.refusal {
            Some(rule) => Some(rule.render(language)),
            None => self.rejected.clone(),
        }
    }
}

/// HQ's answer to one refused change.
#[derive(Debug, Clone, PartialEq)]
pub struct Rejection {
    /// HQ's number of the change ([`Mutation::number`]).
    pub number: i64,
    /// The reason in English.
    pub reason: String,
    /// The rule as code and parameters (JSON), when HQ named one.
    pub refusal: Option<String>,
}

/// The oldest pending mutations, at most `limit`.
pub fn pending(conn: &Connection, limit: usize) -> Result<Vec<Mutation>> {
    read(conn, "state = 'pending'", limit)
}

/// Every mutation HQ refused, with its reason.
pub fn rejected(conn: &Connection, limit: usize) -> Result<Vec<Mutation>> {
    read(conn, "state = 'rejected' AND dismissed_at IS NULL", limit)
}

/// Sets aside refused change number `number` (as [`Mutation::number`] shows it) once the
/// engineer has read it; answers whether there was one.
pub fn dismiss(tx: &Transaction<'_>, number: i64, now: OffsetDateTime) -> Result<bool> {
    let base = numbering_base(tx)?;
    let changed = tx.execute(
        "UPDATE outbox SET dismissed_at = ?2 WHERE mutation_id = ?1 AND state = 'rejected' AND dismissed_at IS NULL",
        params![number + base, time_to_sql(now)],
    )?;
    Ok(changed == 1)
}

fn read(conn: &Connection, condition: &str, limit: usize) -> Result<Vec<Mutation>> {
    let base = numbering_base(conn)?;
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT mutation_id, created_at, payload, reject_reason, digest, reject_refusal FROM outbox WHERE {condition}
          ORDER BY mutation_id LIMIT ?1"
    ))?;
    let mut rows = stmt.query([limit as i64])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let (mutation_id, created_at, payload): (i64, i64, String) = (r.get(0)?, r.get(1)?, r.get(2)?);
        let digest =
            r.get::<_, Option<String>>(4)?.unwrap_or_else(|| sha256_hex(format!("{created_at}\n{payload}").as_bytes()));
        out.push(Mutation {
            mutation_id,
            number: mutation_id - base,
            digest,
            created_at: time_from_sql(created_at)?,
            change: serde_json::from_str(&payload)?,
            rejected: r.get(3)?,
            // A rule this laptop does not know yet (a newer HQ) is shown by its English reason.
            refusal: r.get::<_, Option<String>>(5)?.and_then(|json| serde_json::from_str(&json).ok()),
        });
    }
    Ok(out)
}

/// What local ids less to give HQ's numbers (0 until a restored copy took a new client id).
fn numbering_base(conn: &Connection) -> Result<i64> {
    Ok(device::get(conn, NUMBERING_BASE)?.and_then(|v| v.parse().ok()).unwrap_or(0))
}

/// This data folder was restored or copied: its changes go on under `client_id`, the first
/// pending change numbered 1. Returns how many changes were renumbered.
pub fn renumber(tx: &Transaction<'_>, client_id: ClientId) -> Result<u64> {
    let (first_pending, last_used, pending): (Option<i64>, Option<i64>, i64) = tx.query_row(
        "SELECT (SELECT min(mutation_id) FROM outbox WHERE state = 'pending'),
                (SELECT seq FROM sqlite_sequence WHERE name = 'outbox'),
                (SELECT count(*) FROM outbox WHERE state = 'pending')",
        [],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    let base = first_pending.map_or(last_used.unwrap_or(0), |first| first - 1);
    device::set(tx, NUMBERING_BASE, &base.to_string())?;
    device::set_client_id(tx, client_id)?;
    Ok(u64::try_from(pending).unwrap_or(0))
}

/// A new enrollment numbers its changes from 1: the outbox must be empty of pending work.
pub fn restart_numbering(tx: &Transaction<'_>) -> Result<()> {
    tx.execute("DELETE FROM outbox", [])?;
    tx.execute("DELETE FROM sqlite_sequence WHERE name = 'outbox'", [])?;
    tx.execute("DELETE FROM device WHERE key = ?1", [NUMBERING_BASE])?;
    Ok(())
}

/// How many changes HQ refused.
pub fn rejected_count(conn: &Connection) -> Result<u64> {
    let n: i64 =
        conn.query_row("SELECT count(*) FROM outbox WHERE state = 'rejected' AND dismissed_at IS NULL", [], |r| {
            r.get(0)
        })?;
    Ok(u64::try_from(n).unwrap_or(0))
}

/// How many changes wait for HQ.
pub fn pending_count(conn: &Connection) -> Result<u64> {
    let n: i64 = conn.query_row("SELECT count(*) FROM outbox WHERE state = 'pending'", [], |r| r.get(0))?;
    Ok(u64::try_from(n).unwrap_or(0))
}

/// HQ acknowledged every mutation up to number `last` (applied or refused): applied ones
/// leave, refused ones stay with their reason. Numbers are HQ's ([`Mutation::number`]).
pub fn acknowledge(tx: &Transaction<'_>, last: i64, rejections: &[Rejection]) -> Result<()> {
    let base = numbering_base(tx)?;
    for r in rejections {
        tx.execute(
            "UPDATE outbox SET state = 'rejected', reject_reason = ?2, reject_refusal = ?3 WHERE mutation_id = ?1",
            params![r.number + base, r.reason, r.refusal],
        )?;
    }
    tx.execute("DELETE FROM outbox WHERE mutation_id <= ?1 AND state = 'pending'", [last + base])?;
    Ok(())
}
