//! The audit log: every engineer's change as HQ decided it (applied, conflict, rejected), with
//! what it changed, for the dispatcher to read.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::db::Tx;
use crate::error::{AppError, Result};
use crate::records::ns;

/// How HQ decided a change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Applied,
    Conflict,
    Rejected,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Applied => "applied",
            Outcome::Conflict => "conflict",
            Outcome::Rejected => "rejected",
        }
    }
}

/// One entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry {
    /// When HQ decided, on HQ's clock.
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
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
    pub outcome: Outcome,
    pub reason: Option<String>,
}

/// An entry as listed: its number, to page on (`before`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Listed {
    pub id: i64,
    #[serde(flatten)]
    pub entry: Entry,
}

/// Which entries to list, newest first.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub job_id: Option<String>,
    pub outcome: Option<Outcome>,
    /// Only entries older than this one (the last `id` of the page before).
    pub before: Option<i64>,
    pub limit: usize,
}

/// Appends an entry.
pub fn append(tx: &mut dyn Tx, e: Entry) -> Result<()> {
    tx.execute(
        "INSERT INTO audit_log (at, actor, client_id, mutation_id, job_id, kind, field, old_value, new_value, outcome, reason)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        &[
            ns(e.at).into(),
            e.actor.into(),
            e.client_id.into(),
            e.mutation_id.into(),
            e.job_id.into(),
            e.kind.into(),
            e.field.into(),
            e.old.into(),
            e.new.into(),
            e.outcome.as_str().into(),
            e.reason.into(),
        ],
    )?;
    Ok(())
}

/// The newest entries that pass the filter, at most `limit`.
pub fn list(tx: &mut dyn Tx, f: Filter) -> Result<Vec<Listed>> {
    let rows = tx.query(
        "SELECT id, at, actor, client_id, mutation_id, job_id, kind, field, old_value, new_value, outcome, reason
           FROM audit_log WHERE (COALESCE($1, '') = '' OR job_id = $1) AND (COALESCE($2, '') = '' OR outcome = $2)
            AND id < $3
          ORDER BY id DESC LIMIT $4",
        &[
            f.job_id.into(),
            f.outcome.map(Outcome::as_str).into(),
            f.before.unwrap_or(i64::MAX).into(),
            (f.limit as i64).into(),
        ],
    )?;
    rows.iter()
        .map(|r| {
            let outcome = match r.text(10)?.as_str() {
                "applied" => Outcome::Applied,
                "conflict" => Outcome::Conflict,
                _ => Outcome::Rejected,
            };
            let at = OffsetDateTime::from_unix_timestamp_nanos(i128::from(r.int(1)?))
                .map_err(|_| AppError::internal("an audit time out of range"))?;
            Ok(Listed {
                id: r.int(0)?,
                entry: Entry {
                    at,
                    actor: r.text(2)?,
                    client_id: r.opt_text(3)?,
                    mutation_id: r.opt_int(4)?,
                    job_id: r.opt_text(5)?,
                    kind: r.text(6)?,
                    field: r.opt_text(7)?,
                    old: r.opt_text(8)?,
                    new: r.opt_text(9)?,
                    outcome,
                    reason: r.opt_text(11)?,
                },
            })
        })
        .collect()
}
