//! The laptop's endpoints: pull changes, put and get blobs (pushes are in `push`).

use axum::Json;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use outpost_domain::ids::EngineerId;
use outpost_wire::limits::{MAX_BLOB_BYTES, MAX_PULL_PAGE};
use outpost_wire::sync::PullResponse;
use serde::Deserialize;

use crate::auth::Device;
use crate::db::Tx;
use crate::error::{AppError, Result};
use crate::json::{FileBody, Params};
use crate::log::{self, CATALOGUE};
use crate::records::ns;
use crate::state::AppState;

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
    Params(q): Params<PullQuery>,
) -> Result<Json<PullResponse>> {
    let epoch = state.epoch.clone();
    let limit = q.limit.unwrap_or(MAX_PULL_PAGE).clamp(1, MAX_PULL_PAGE);
    let engineer = device.engineer_id;
    Ok(Json(state.db.tx(move |tx| pull_page(tx, engineer, &epoch, &q.cursor, limit)).await?))
}

/// One page of an engineer's download after `cursor`, at most `limit` deltas, in one
/// transaction: a cursor of another epoch (HQ was reset) answers "start over".
pub fn pull_page(
    tx: &mut dyn Tx,
    engineer: EngineerId,
    epoch: &str,
    cursor: &str,
    limit: usize,
) -> Result<PullResponse> {
    let Some((mine, shared)) = parse_cursor(cursor, epoch) else {
        return Ok(PullResponse { cursor: String::new(), deltas: Vec::new(), has_more: false, start_over: true });
    };
    let scope = engineer.to_text();
    let mut own = log::read(tx, &scope, mine, limit + 1)?;
    let own_more = own.len() > limit;
    own.truncate(limit);
    let room = limit - own.len();
    let mut catalogue = if room > 0 { log::read(tx, CATALOGUE, shared, room + 1)? } else { Vec::new() };
    let catalogue_more = catalogue.len() > room || (room == 0 && !log::read(tx, CATALOGUE, shared, 1)?.is_empty());
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
}

/// `PUT /api/v1/blobs/{sha256}`: stores bytes under their hash; the hash is checked, a repeat
/// is a no-op. A signed report waiting for this image stops waiting.
pub async fn put_blob(
    State(state): State<AppState>,
    device: Device,
    Path(sha): Path<String>,
    FileBody(bytes): FileBody,
) -> Result<StatusCode> {
    outpost_domain::signature::check_sha256(outpost_domain::field::Field::File, &sha)?;
    if bytes.len() > MAX_BLOB_BYTES {
        return Err(AppError::Invalid {
            status: StatusCode::PAYLOAD_TOO_LARGE,
            code: "too_large",
            message: format!("{} bytes; a file may be at most {MAX_BLOB_BYTES}", bytes.len()),
            field: Some("body".into()),
        });
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
    outpost_domain::signature::check_sha256(outpost_domain::field::Field::File, &sha)?;
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

#[cfg(test)]
mod tests;
