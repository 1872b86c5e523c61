//! The audit log: every engineer's change as HQ decided it (applied, conflict, rejected), with
//! what it changed, for the dispatcher to read.

use serde::Serialize;

use crate::db::Tx;
use crate::error::Result;

/// One entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry {
    /// Nanoseconds since the epoch, HQ's clock.
    pub at: i64,
    /// `engineer:<id>`.
    pub actor: String,
    pub client_id: Option<String>,
    pub mutation_id: Option<i64>,
    pub job_id: Option<String>,
    /// The kind of change (`report_field_set`, …).
    pub kind: String,
    pub field: Option<String>,
    pub old: Option<String>,
    pub new: Option<String>,
    /// `applied`, `conflict` or `rejected`.
    pub outcome: String,
    pub reason: Option<String>,
}

/// Appends an entry.
pub fn append(tx: &mut dyn Tx, e: Entry) -> Result<()> {
    tx.execute(
        "INSERT INTO audit_log (at, actor, client_id, mutation_id, job_id, kind, field, old_value, new_value, outcome, reason)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        &[
            e.at.into(),
            e.actor.into(),
            e.client_id.into(),
            e.mutation_id.into(),
            e.job_id.into(),
            e.kind.into(),
            e.field.into(),
            e.old.into(),
            e.new.into(),
            e.outcome.into(),
            e.reason.into(),
        ],
    )?;
    Ok(())
}

/// The newest 1000 entries, of one job and one outcome when given.
pub fn list(tx: &mut dyn Tx, job_id: Option<String>, outcome: Option<String>) -> Result<Vec<Entry>> {
    let rows = tx.query(
        "SELECT at, actor, client_id, mutation_id, job_id, kind, field, old_value, new_value, outcome, reason
           FROM audit_log WHERE (COALESCE($1, '') = '' OR job_id = $1) AND (COALESCE($2, '') = '' OR outcome = $2)
          ORDER BY id DESC LIMIT 1000",
        &[job_id.into(), outcome.into()],
    )?;
    rows.iter()
        .map(|r| {
            Ok(Entry {
                at: r.int(0)?,
                actor: r.text(1)?,
                client_id: r.opt_text(2)?,
                mutation_id: r.opt_int(3)?,
                job_id: r.opt_text(4)?,
                kind: r.text(5)?,
                field: r.opt_text(6)?,
                old: r.opt_text(7)?,
                new: r.opt_text(8)?,
                outcome: r.text(9)?,
                reason: r.opt_text(10)?,
            })
        })
        .collect()
}
