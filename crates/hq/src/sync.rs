//! The laptop's endpoints: push mutations, pull changes, put and get blobs.

use std::collections::BTreeSet;

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use outpost_wire::limits::{MAX_BATCH, MAX_BLOB_BYTES, MAX_PULL_PAGE};
use outpost_wire::sync::{MutationResult, Outcome, PullResponse, PushRequest, PushResponse};
use serde::Deserialize;

use crate::apply::{ApplyError, Batch, apply};
use crate::auth::Device;
use crate::error::{AppError, Result};
use crate::json::Body;
use crate::log::{self, CATALOGUE};
use crate::records::ns;
use crate::state::AppState;

/// `POST /api/v1/sync/push`: one transaction for the batch. Mutations HQ has seen are skipped,
/// a gap is refused, each new one is applied or refused for good, and the device's last
/// mutation id moves to the end of the batch.
pub async fn push(
    State(state): State<AppState>,
    device: Device,
    Body(req): Body<PushRequest>,
) -> Result<Json<PushResponse>> {
    if req.client_id != device.client_id {
        return Err(AppError::Forbidden("this push names another laptop's client id".into()));
    }
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
    let response = state
        .db
        .tx(move |tx| {
            let lock = format!("SELECT last_mutation_id FROM devices WHERE client_id = $1{}", tx.for_update());
            let last = tx.query_opt(&lock, &[device.client_id.to_text().into()])?.ok_or_else(|| AppError::internal("device vanished"))?.int(0)?;
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
            let mut results = Vec::with_capacity(req.mutations.len());
            let mut touched = BTreeSet::new();
            let mut batch = Batch::default();
            let mut new_last = last;
            for m in &req.mutations {
                if m.mutation_id <= last {
                    results.push(MutationResult { mutation_id: m.mutation_id, outcome: Outcome::Duplicate, reason: None });
                    continue;
                }
                let (outcome, reason, applied) = match apply(tx, &mut batch, device.engineer_id, &m.change) {
                    Ok(applied) => {
                        touched.insert(m.change.job_id());
                        (Outcome::Applied, None, applied)
                    }
                    Err(ApplyError::Refused(reason)) => (Outcome::Rejected, Some(reason), Default::default()),
                    Err(ApplyError::Conflict { customer_id, theirs, kept, reason }) => {
                        tx.execute(
                            "INSERT INTO conflicts (at, engineer_id, client_id, mutation_id, job_id, customer_id, theirs, kept)
                             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                            &[
                                ns(now).into(),
                                device.engineer_id.to_text().into(),
                                device.client_id.to_text().into(),
                                m.mutation_id.into(),
                                m.change.job_id().to_text().into(),
                                customer_id.as_str().into(),
                                theirs.into(),
                                kept.into(),
                            ],
                        )?;
                        // The laptop changed its copy: it gets HQ's value back on its next pull, even
                        // though this scope already had that version.
                        let customer = crate::records::customer(tx, customer_id.parse().map_err(|_| AppError::internal("customer id"))?)?;
                        log::append(tx, &device.engineer_id.to_text(), &outpost_wire::sync::Delta::Upsert { record: outpost_wire::sync::Record::Customer(customer) })?;
                        (Outcome::Conflict, Some(reason), Default::default())
                    }
                    Err(ApplyError::Failed(e)) => return Err(e),
                };
                tx.execute(
                    "INSERT INTO audit_log (at, actor, client_id, mutation_id, job_id, kind, field, old_value, new_value, outcome, reason)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
                    &[
                        ns(now).into(),
                        format!("engineer:{}", device.engineer_id).into(),
                        device.client_id.to_text().into(),
                        m.mutation_id.into(),
                        m.change.job_id().to_text().into(),
                        m.change.kind().into(),
                        applied.field.into(),
                        applied.old.into(),
                        applied.new.into(),
                        (match outcome {
                            Outcome::Applied => "applied",
                            Outcome::Conflict => "conflict",
                            _ => "rejected",
                        })
                        .into(),
                        reason.clone().into(),
                    ],
                )?;
                results.push(MutationResult { mutation_id: m.mutation_id, outcome, reason });
                new_last = m.mutation_id;
            }
            batch.flush(tx)?;
            for job in touched {
                log::publish_job_state(tx, job)?;
            }
            tx.execute(
                "UPDATE devices SET last_mutation_id = $2 WHERE client_id = $1",
                &[device.client_id.to_text().into(), new_last.into()],
            )?;
            Ok(PushResponse { last_mutation_id: new_last, results })
        })
        .await?;
    Ok(Json(response))
}

/// The query of a pull.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PullQuery {
    #[serde(default)]
    cursor: String,
    #[serde(default)]
    limit: Option<usize>,
}

/// A cursor: `<epoch>.<engineer seq>.<catalogue seq>`; empty means from the start.
fn parse_cursor(cursor: &str, epoch: &str) -> Option<(i64, i64)> {
    if cursor.is_empty() {
        return Some((0, 0));
    }
    let mut parts = cursor.split('.');
    let (e, a, b) = (parts.next()?, parts.next()?, parts.next()?);
    if e != epoch || parts.next().is_some() {
        return None;
    }
    Some((a.parse().ok().filter(|v: &i64| *v >= 0)?, b.parse().ok().filter(|v: &i64| *v >= 0)?))
}

/// `GET /api/v1/sync/pull?cursor=…`: the changes of this engineer's scope and the catalogue
/// since the cursor, oldest first.
pub async fn pull(
    State(state): State<AppState>,
    device: Device,
    Query(q): Query<PullQuery>,
) -> Result<Json<PullResponse>> {
    let epoch = state.epoch.clone();
    let Some((mine, shared)) = parse_cursor(&q.cursor, &epoch) else {
        return Ok(Json(PullResponse { cursor: String::new(), deltas: Vec::new(), has_more: false, start_over: true }));
    };
    let limit = q.limit.unwrap_or(MAX_PULL_PAGE).clamp(1, MAX_PULL_PAGE);
    let response = state
        .db
        .tx(move |tx| {
            let scope = device.engineer_id.to_text();
            let mut own = log::read(tx, &scope, mine, limit + 1)?;
            let own_more = own.len() > limit;
            own.truncate(limit);
            let room = limit - own.len();
            let mut catalogue = if room > 0 { log::read(tx, CATALOGUE, shared, room + 1)? } else { Vec::new() };
            let catalogue_more =
                catalogue.len() > room || (room == 0 && !log::read(tx, CATALOGUE, shared, 1)?.is_empty());
            catalogue.truncate(room);
            let new_mine = own.last().map_or(mine, |(s, _)| *s);
            let new_shared = catalogue.last().map_or(shared, |(s, _)| *s);
            let mut deltas: Vec<_> = catalogue.into_iter().map(|(_, d)| d).collect();
            deltas.extend(own.into_iter().map(|(_, d)| d));
            Ok(PullResponse {
                cursor: format!("{epoch}.{new_mine}.{new_shared}"),
                deltas,
                has_more: own_more || catalogue_more,
                start_over: false,
            })
        })
        .await?;
    Ok(Json(response))
}

/// `PUT /api/v1/blobs/{sha256}`: stores bytes under their hash; the hash is checked, a repeat
/// is a no-op. A signed report waiting for this image stops waiting.
pub async fn put_blob(
    State(state): State<AppState>,
    device: Device,
    Path(sha): Path<String>,
    bytes: Bytes,
) -> Result<StatusCode> {
    outpost_domain::signature::check_sha256("sha256", &sha)?;
    if bytes.len() > MAX_BLOB_BYTES {
        return Err(AppError::invalid(
            "body",
            format!("{} bytes; a file may be at most {MAX_BLOB_BYTES}", bytes.len()),
        ));
    }
    let actual = outpost_domain::signature::sha256_hex(&bytes);
    if actual != sha {
        return Err(AppError::invalid(
            "sha256",
            format!("the body's SHA-256 is {actual}, not {sha}: the upload was damaged, send it again"),
        ));
    }
    let now = state.now();
    state
        .db
        .tx(move |tx| {
            tx.execute(
                "INSERT INTO blobs (sha256, owner, size, bytes, created_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (sha256) DO NOTHING",
                &[sha.as_str().into(), device.engineer_id.to_text().into(), (bytes.len() as i64).into(), bytes.to_vec().into(), ns(now).into()],
            )?;
            tx.execute("UPDATE reports SET waiting_for = NULL WHERE waiting_for = $1", &[sha.as_str().into()])?;
            Ok(())
        })
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `GET /api/v1/blobs/{sha256}`: the bytes, if HQ has them.
pub async fn get_blob(State(state): State<AppState>, device: Device, Path(sha): Path<String>) -> Result<Response> {
    blob_response(&state, sha, Some(device.engineer_id.to_text())).await
}

/// The bytes of a blob as a response; with an owner, only that engineer's blobs.
pub async fn blob_response(state: &AppState, sha: String, owner: Option<String>) -> Result<Response> {
    outpost_domain::signature::check_sha256("sha256", &sha)?;
    let row = state
        .db
        .tx(move |tx| {
            tx.query_opt(
                "SELECT bytes FROM blobs WHERE sha256 = $1 AND (COALESCE($2, '') = '' OR owner = $2)",
                &[sha.into(), owner.into()],
            )
        })
        .await?
        .ok_or_else(|| AppError::NotFound("HQ does not have this file yet".into()))?;
    Ok(([(header::CONTENT_TYPE, "application/octet-stream")], row.bytes(0)?).into_response())
}
