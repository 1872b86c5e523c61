//! The pull log. Each scope (an engineer, or the shared catalogue) has a sequence that rises
//! by one under a row lock held to commit, so a reader that has seen entry N has seen every
//! entry before it. The database's random epoch is part of every cursor: a cursor from another
//! HQ database (a reset) is recognised and answered with "start over".
//!
//! The log is compacted as it is written: an entry for a record (an upsert, or a job's removal)
//! replaces the scope's earlier entry for that record. A laptop that is behind reads only what
//! is newer than its cursor, so it gets each record's latest state once, however often it
//! changed meanwhile, and a scope's log holds at most one entry per record.

use outpost_domain::ids::{EngineerId, JobId};
use outpost_wire::sync::{Delta, Record};

use crate::db::Tx;
use crate::error::Result;
use crate::records;

/// The scope every laptop reads besides its engineer's: parts and the charging policy.
pub const CATALOGUE: &str = "catalogue";

/// Appends a delta to a scope, in place of the scope's earlier entry for the same record.
pub fn append(tx: &mut dyn Tx, scope: &str, delta: &Delta) -> Result<i64> {
    // The UPDATE takes the scope's row lock until commit: appends to one scope are serial.
    let seq = match tx
        .query_opt("UPDATE scopes SET last_seq = last_seq + 1 WHERE scope = $1 RETURNING last_seq", &[scope.into()])?
    {
        Some(row) => row.int(0)?,
        None => {
            tx.execute("INSERT INTO scopes (scope, last_seq) VALUES ($1, 1)", &[scope.into()])?;
            1
        }
    };
    let key = delta_key(delta);
    tx.execute("DELETE FROM change_log WHERE scope = $1 AND record_key = $2", &[scope.into(), key.as_str().into()])?;
    tx.execute(
        "INSERT INTO change_log (scope, seq, delta, record_key) VALUES ($1, $2, $3, $4)",
        &[scope.into(), seq.into(), serde_json::to_string(delta)?.into(), key.into()],
    )?;
    Ok(seq)
}

/// The record an entry is about: a job's removal replaces its upserts, and the other way round.
fn delta_key(delta: &Delta) -> String {
    match delta {
        Delta::Upsert { record } => record_key(record),
        Delta::RemoveJob { job_id } => format!("job:{job_id}"),
        // Only a laptop reading a newer HQ meets these; HQ never writes them.
        Delta::Unknown => "unknown".to_owned(),
    }
}

/// How many entries a scope's log holds (for the benchmark and tests).
pub fn size(tx: &mut dyn Tx, scope: &str) -> Result<i64> {
    tx.query_opt("SELECT count(*) FROM change_log WHERE scope = $1", &[scope.into()])?.map_or(Ok(0), |r| r.int(0))
}

fn record_key(record: &Record) -> String {
    match record {
        Record::Customer(c) => format!("customer:{}", c.id),
        Record::Site(s) => format!("site:{}", s.id),
        Record::Equipment(e) => format!("equipment:{}", e.id),
        Record::Part(p) => format!("part:{}", p.id),
        Record::Policy(_) => "policy".to_owned(),
        Record::Company(_) => "company".to_owned(),
        Record::Sla(_) => "sla".to_owned(),
        Record::VanStock(v) => format!("van:{}", v.part_code),
        Record::Job(b) => format!("job:{}", b.job.id),
        Record::Unknown => "unknown".to_owned(),
    }
}

/// Appends a record to a scope unless the scope's latest version of it is identical.
pub fn upsert(tx: &mut dyn Tx, scope: &str, record: Record) -> Result<Option<i64>> {
    let key = record_key(&record);
    let delta = Delta::Upsert { record };
    let digest = outpost_domain::signature::sha256_hex(serde_json::to_string(&delta)?.as_bytes());
    let latest = tx.query_opt(
        "SELECT digest FROM scope_records WHERE scope = $1 AND record_key = $2",
        &[scope.into(), key.as_str().into()],
    )?;
    if latest.map(|r| r.text(0)).transpose()?.as_deref() == Some(digest.as_str()) {
        return Ok(None);
    }
    tx.execute(
        "INSERT INTO scope_records (scope, record_key, digest) VALUES ($1, $2, $3)
         ON CONFLICT (scope, record_key) DO UPDATE SET digest = excluded.digest",
        &[scope.into(), key.into(), digest.into()],
    )?;
    append(tx, scope, &delta).map(Some)
}

/// Entries of a scope after `after`, at most `limit`, with their sequence numbers.
pub fn read(tx: &mut dyn Tx, scope: &str, after: i64, limit: usize) -> Result<Vec<(i64, Delta)>> {
    tx.query(
        "SELECT seq, delta FROM change_log WHERE scope = $1 AND seq > $2 ORDER BY seq LIMIT $3",
        &[scope.into(), after.into(), (limit as i64).into()],
    )?
    .iter()
    .map(|r| Ok((r.int(0)?, r.json(1)?)))
    .collect()
}

/// Puts a job, and the customer, site and equipment it needs, into its engineer's scope.
pub fn publish_job(tx: &mut dyn Tx, job_id: JobId) -> Result<()> {
    let bundle = records::bundle(tx, job_id)?;
    let Some(engineer) = bundle.job.engineer_id else {
        return Ok(());
    };
    let scope = engineer.to_text();
    let customer = records::customer(tx, bundle.job.customer_id)?;
    let site = records::site(tx, bundle.job.site_id)?;
    upsert(tx, &scope, Record::Customer(customer.into()))?;
    upsert(tx, &scope, Record::Site(site.into()))?;
    if let Some(e) = bundle.job.equipment_id {
        let equipment = records::equipment(tx, e)?;
        upsert(tx, &scope, Record::Equipment(equipment.into()))?;
    }
    upsert(tx, &scope, Record::Job(Box::new(bundle.into())))?;
    Ok(())
}

/// Puts the current state of a job (events, report, parts) into its engineer's scope, after
/// a change that leaves its customer, site and equipment as they were.
pub fn publish_job_state(tx: &mut dyn Tx, job_id: JobId) -> Result<()> {
    let bundle = records::bundle(tx, job_id)?;
    match bundle.job.engineer_id {
        Some(engineer) => upsert(tx, &engineer.to_text(), Record::Job(Box::new(bundle.into()))).map(drop),
        None => Ok(()),
    }
}

/// Sends a job's state to its engineer's scope again even when unchanged: a laptop whose edit
/// HQ did not apply (a conflict) holds its own value and must get HQ's back.
pub fn republish_job_state(tx: &mut dyn Tx, job_id: JobId) -> Result<()> {
    tx.execute("DELETE FROM scope_records WHERE record_key = $1", &[format!("job:{job_id}").into()])?;
    publish_job_state(tx, job_id)
}

/// Tells an engineer's laptop that a job left its scope.
pub fn remove_job(tx: &mut dyn Tx, engineer: EngineerId, job_id: JobId) -> Result<()> {
    let scope = engineer.to_text();
    tx.execute(
        "DELETE FROM scope_records WHERE scope = $1 AND record_key = $2",
        &[scope.as_str().into(), format!("job:{job_id}").into()],
    )?;
    append(tx, &scope, &Delta::RemoveJob { job_id }).map(drop)
}

/// The random id of this HQ database, made once (safe when several HQ processes start together).
pub fn epoch(tx: &mut dyn Tx, fresh: &str) -> Result<String> {
    tx.execute("INSERT INTO hq_meta (key, value) VALUES ('epoch', $1) ON CONFLICT (key) DO NOTHING", &[fresh.into()])?;
    tx.query_opt("SELECT value FROM hq_meta WHERE key = 'epoch'", &[])?
        .ok_or_else(|| crate::error::AppError::internal("no epoch"))?
        .text(0)
}
