//! `POST /api/v1/sync/push` and the client ids a device numbers its changes under.
//!
//! A push is one transaction: mutations HQ has seen are skipped, a gap is refused, each new one
//! is applied or refused for good, and the client's last mutation id moves to the end of the
//! batch. A number HQ has seen arriving with another digest is not a retry but a restored or
//! copied data folder: nothing from there on is applied, and the answer says `restored_copy`.

use std::collections::{BTreeSet, HashMap, HashSet};

use axum::Json;
use axum::extract::State;
use outpost_domain::DomainError;
use outpost_domain::change::Change;
use outpost_domain::ids::{ClientId, JobId};
use outpost_wire::limits::MAX_BATCH;
use outpost_wire::sync::{ClientResponse, Delta, Mutation, MutationResult, Outcome, PushRequest, PushResponse, Record};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::apply::{ApplyError, Batch, Conflict, ConflictOn, apply};
use crate::audit;
use crate::auth::Device;
use crate::db::{Tx, Value};
use crate::error::{AppError, Result};
use crate::json::Body;
use crate::log;
use crate::records::ns;
use crate::state::AppState;

/// The handler: checks the batch's shape, then [`push_batch`] in one transaction.
pub async fn push(
    State(state): State<AppState>,
    device: Device,
    Body(req): Body<PushRequest>,
) -> Result<Json<PushResponse>> {
    if req.mutations.len() > MAX_BATCH {
        return Err(AppError::invalid(
            "mutations",
            format!("{} mutations in one push; send at most {MAX_BATCH}", req.mutations.len()),
        ));
    }
    for pair in req.mutations.windows(2) {
        if pair[1].mutation_id != pair[0].mutation_id + 1 {
            return Err(AppError::invalid("mutations", "mutation ids in a push must rise by one"));
        }
    }
    let now = state.now();
    Ok(Json(state.db.tx(move |tx| push_batch(tx, device, &req, now)).await?))
}

/// `POST /api/v1/sync/clients`: a new client id for this device, numbering from 1.
pub async fn register_client(State(state): State<AppState>, device: Device) -> Result<Json<ClientResponse>> {
    let now = state.now();
    let client_id = ClientId(Uuid::now_v7());
    state.db.tx(move |tx| add_client(tx, client_id, device.client_id, now)).await?;
    Ok(Json(ClientResponse { client_id }))
}

/// Registers a client id under a device (at enrollment the device's own id is its first).
pub fn add_client(tx: &mut dyn Tx, client: ClientId, device: ClientId, now: OffsetDateTime) -> Result<()> {
    tx.execute(
        "INSERT INTO sync_clients (client_id, device_id, last_mutation_id, created_at) VALUES ($1, $2, 0, $3)",
        &[client.to_text().into(), device.to_text().into(), ns(now).into()],
    )?;
    Ok(())
}

/// Applies one push of `device` inside `tx`, callable without HTTP.
pub fn push_batch(tx: &mut dyn Tx, device: Device, req: &PushRequest, now: OffsetDateTime) -> Result<PushResponse> {
    let client = req.client_id.to_text();
    let lock =
        format!("SELECT last_mutation_id FROM sync_clients WHERE client_id = $1 AND device_id = $2{}", tx.for_update());
    let last = tx
        .query_opt(&lock, &[client.as_str().into(), device.client_id.to_text().into()])?
        .ok_or_else(|| AppError::Forbidden("this push names a client id this laptop's token does not hold".into()))?
        .int(0)?;
    if let Some(first_new) = req.mutations.iter().find(|m| m.mutation_id > last)
        && first_new.mutation_id != last + 1
    {
        return Err(AppError::Conflict {
            code: "mutation_gap",
            message: format!(
                "HQ has every mutation up to {last}; this push continues at {}: send from {} on",
                first_new.mutation_id,
                last + 1
            ),
        });
    }
    let seen = seen_digests(tx, &client, &req.mutations, last)?;
    if let Some(copy_at) = first_other_change(&req.mutations, &seen) {
        return Ok(restored_copy(&req.mutations, copy_at));
    }
    let known = processed_before(tx, &req.mutations, last)?;
    let mut results = Vec::with_capacity(req.mutations.len());
    let mut touched = BTreeSet::new();
    let mut resend = BTreeSet::new();
    let mut batch = Batch::default();
    let mut new_last = last;
    for m in &req.mutations {
        if m.mutation_id <= last {
            results.push(MutationResult::plain(m.mutation_id, Outcome::Duplicate));
            continue;
        }
        if let Some(digest) = m.digest.as_ref().filter(|d| known.contains(*d)) {
            // A change HQ processed under an earlier client id of a folder restored twice from
            // one backup: it takes this number, and is not applied again.
            keep_digest(tx, &client, m.mutation_id, digest)?;
            results.push(MutationResult::plain(m.mutation_id, Outcome::Duplicate));
            new_last = m.mutation_id;
            continue;
        }
        let change = Change::from(m.change.clone());
        let worded = |e: &DomainError| (Some(e.to_string()), serde_json::to_value(e).ok());
        let (outcome, (reason, refusal), applied) = match apply(tx, &mut batch, device.engineer_id, &change, now) {
            Ok(applied) => {
                touched.insert(change.job_id());
                (Outcome::Applied, (None, None), applied)
            }
            Err(ApplyError::Refused(e)) => (Outcome::Rejected, worded(&e), Default::default()),
            Err(ApplyError::Missing(reason)) => (Outcome::Rejected, (Some(reason), None), Default::default()),
            Err(ApplyError::Conflict(conflict)) => {
                let words = worded(&conflict.refusal);
                if let Some(job) = log_conflict(tx, device, &client, m.mutation_id, change.job_id(), *conflict, now)? {
                    resend.insert(job);
                }
                (Outcome::Conflict, words, Default::default())
            }
            Err(ApplyError::Failed(e)) => return Err(e),
        };
        let logged = match outcome {
            Outcome::Applied => audit::Outcome::Applied,
            Outcome::Conflict => audit::Outcome::Conflict,
            _ => audit::Outcome::Rejected,
        };
        audit::append(
            tx,
            audit::Entry {
                at: now,
                actor: format!("engineer:{}", device.engineer_id),
                client_id: Some(client.clone()),
                mutation_id: Some(m.mutation_id),
                job_id: Some(change.job_id().to_text()),
                kind: change.kind().into(),
                field: applied.field,
                old: applied.old,
                new: applied.new,
                outcome: logged,
                reason: reason.clone(),
            },
        )?;
        if let Some(digest) = &m.digest {
            keep_digest(tx, &client, m.mutation_id, digest)?;
        }
        results.push(MutationResult { mutation_id: m.mutation_id, outcome, reason, refusal });
        new_last = m.mutation_id;
    }
    batch.flush(tx, now)?;
    for job in touched {
        log::publish_job_state(tx, job)?;
    }
    for job in resend {
        log::republish_job_state(tx, job)?;
    }
    tx.execute(
        "UPDATE sync_clients SET last_mutation_id = $2 WHERE client_id = $1",
        &[client.as_str().into(), new_last.into()],
    )?;
    Ok(PushResponse { last_mutation_id: new_last, results })
}

fn keep_digest(tx: &mut dyn Tx, client: &str, number: i64, digest: &str) -> Result<()> {
    tx.execute(
        "INSERT INTO mutation_digests (client_id, mutation_id, digest) VALUES ($1, $2, $3)",
        &[client.into(), number.into(), digest.into()],
    )?;
    Ok(())
}

/// Which of the batch's new changes HQ already processed under another number (digests are
/// random per change, so a match is the same change).
fn processed_before(tx: &mut dyn Tx, mutations: &[Mutation], last: i64) -> Result<HashSet<String>> {
    let digests: Vec<Value> =
        mutations.iter().filter(|m| m.mutation_id > last).filter_map(|m| m.digest.clone()).map(Value::from).collect();
    if digests.is_empty() {
        return Ok(HashSet::new());
    }
    let placeholders: Vec<String> = (1..=digests.len()).map(|i| format!("${i}")).collect();
    let sql = format!("SELECT digest FROM mutation_digests WHERE digest IN ({})", placeholders.join(", "));
    tx.query(&sql, &digests)?.iter().map(|r| r.text(0)).collect()
}

/// Writes a conflict to the log. The laptop changed its copy: it gets HQ's value back on its
/// next pull, even though its scope already had that version. Returns the job to send again.
fn log_conflict(
    tx: &mut dyn Tx,
    device: Device,
    client: &str,
    mutation_id: i64,
    job_id: JobId,
    conflict: Conflict,
    now: OffsetDateTime,
) -> Result<Option<JobId>> {
    let common: [Value; 5] = [
        ns(now).into(),
        device.engineer_id.to_text().into(),
        client.into(),
        mutation_id.into(),
        job_id.to_text().into(),
    ];
    match conflict.on {
        ConflictOn::Contact { customer_id } => {
            let mut params = common.to_vec();
            params.extend([customer_id.as_str().into(), conflict.theirs.into(), conflict.kept.into()]);
            tx.execute(
                "INSERT INTO conflicts (at, engineer_id, client_id, mutation_id, job_id, customer_id, theirs, kept)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                &params,
            )?;
            let customer =
                crate::records::customer(tx, customer_id.parse().map_err(|_| AppError::internal("customer id"))?)?;
            log::append(
                tx,
                &device.engineer_id.to_text(),
                &Delta::Upsert { record: Record::Customer(customer.into()) },
            )?;
            Ok(None)
        }
        ConflictOn::Report { field } => {
            let mut params = common.to_vec();
            params.extend([field.into(), conflict.theirs.into(), conflict.kept.into()]);
            tx.execute(
                "INSERT INTO report_conflicts (at, engineer_id, client_id, mutation_id, job_id, field, theirs, kept)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                &params,
            )?;
            Ok(Some(job_id))
        }
    }
}

/// The digests HQ keeps for the batch's numbers it has already processed.
fn seen_digests(tx: &mut dyn Tx, client: &str, mutations: &[Mutation], last: i64) -> Result<HashMap<i64, String>> {
    let Some(first) = mutations.first().map(|m| m.mutation_id).filter(|first| *first <= last) else {
        return Ok(HashMap::new());
    };
    let rows = tx.query(
        "SELECT mutation_id, digest FROM mutation_digests WHERE client_id = $1 AND mutation_id BETWEEN $2 AND $3",
        &[client.into(), first.into(), last.into()],
    )?;
    rows.iter().map(|r| Ok((r.int(0)?, r.text(1)?))).collect()
}

/// The first mutation that reuses a processed number for another change. A mutation without a
/// digest (a laptop older than digests), or a number HQ processed before it kept digests,
/// cannot be told apart and is taken as a retry, as before.
fn first_other_change(mutations: &[Mutation], seen: &HashMap<i64, String>) -> Option<usize> {
    mutations.iter().position(|m| match (&m.digest, seen.get(&m.mutation_id)) {
        (Some(sent), Some(kept)) => sent != kept,
        _ => false,
    })
}

/// The answer to a restored or copied folder: the true retries before `at` are duplicates,
/// everything from `at` on is `restored_copy` and was not applied.
fn restored_copy(mutations: &[Mutation], at: usize) -> PushResponse {
    let results = mutations
        .iter()
        .enumerate()
        .map(|(i, m)| {
            if i < at {
                MutationResult::plain(m.mutation_id, Outcome::Duplicate)
            } else {
                MutationResult {
                    mutation_id: m.mutation_id,
                    outcome: Outcome::RestoredCopy,
                    reason: Some(format!(
                        "HQ already holds another change numbered {}: this data folder was restored from a backup \
                         or copied; it takes a new client id and sends its changes again",
                        m.mutation_id
                    )),
                    refusal: None,
                }
            }
        })
        .collect();
    PushResponse { last_mutation_id: mutations[at].mutation_id - 1, results }
}
