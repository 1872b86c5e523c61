//! Jobs as dispatchers take, read, assign, cancel and close them.

use axum::Json;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use outpost_domain::ids::{EngineerId, JobId};
use outpost_domain::job::Job;
use outpost_wire::dispatch::{AssignInput, CancelInput, JobInput, JobUpdate};
use outpost_wire::model;
use outpost_wire::sync::JobBundle;
use serde::Deserialize;
use uuid::Uuid;

use super::parse_id;
use crate::auth::Dispatcher;
use crate::db::Value;
use crate::dispatch;
use crate::error::{AppError, Result};
use crate::json::{Body, Params};
use crate::promises;
use crate::records;
use crate::state::AppState;

/// The routes of this resource.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/jobs", post(create_job).get(list_jobs))
        .route("/api/v1/jobs/{id}", get(get_job).put(update_job))
        .route("/api/v1/jobs/{id}/signature", get(get_signature))
        .route("/api/v1/jobs/{id}/signature/strokes", get(get_strokes))
        .route("/api/v1/jobs/{id}/revisions", get(get_revisions))
        .route("/api/v1/jobs/{id}/assign", post(assign))
        .route("/api/v1/jobs/{id}/cancel", post(cancel))
        .route("/api/v1/jobs/{id}/close", post(close))
        .route("/api/v1/unresolved", get(unresolved))
}

pub async fn update_job(
    State(s): State<AppState>,
    by: Dispatcher,
    Path(id): Path<String>,
    Body(input): Body<JobUpdate>,
) -> Result<Json<model::Job>> {
    let id: JobId = parse_id("job", &id)?;
    let now = s.now();
    Ok(Json(s.db.tx(move |tx| dispatch::update_job(tx, id, &input, &by.actor(), now)).await?.into()))
}

pub async fn create_job(
    State(s): State<AppState>,
    by: Dispatcher,
    Body(input): Body<JobInput>,
) -> Result<(StatusCode, Json<model::Job>)> {
    let id = JobId(Uuid::now_v7());
    let now = s.now();
    let job = s.db.tx(move |tx| dispatch::create_job(tx, id, &input, &by.actor(), now)).await?;
    Ok((StatusCode::CREATED, Json(job.into())))
}

/// Filters of the job list.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JobQuery {
    engineer_id: Option<EngineerId>,
    status: Option<String>,
    #[serde(default)]
    limit: Option<i64>,
}

pub async fn list_jobs(
    State(s): State<AppState>,
    _: Dispatcher,
    Params(q): Params<JobQuery>,
) -> Result<Json<Vec<model::Job>>> {
    if let Some(status) = &q.status {
        outpost_domain::job::JobStatus::parse(status)?;
    }
    let limit = q.limit.unwrap_or(1000).clamp(1, 10_000);
    let rows = s
        .db
        .tx(move |tx| {
            tx.query(
                "SELECT body FROM jobs WHERE (COALESCE($1, '') = '' OR engineer_id = $1) AND (COALESCE($2, '') = '' OR status = $2)
                  ORDER BY scheduled_on DESC, number DESC LIMIT $3",
                &[q.engineer_id.map(|e| e.to_text()).into(), q.status.into(), Value::Int(limit)],
            )
        })
        .await?;
    Ok(Json(rows.iter().map(|r| r.json::<Job>(0).map(Into::into)).collect::<Result<_>>()?))
}

/// A job as a dispatcher reads it: with events, report (signature and ratings) and parts.
pub async fn get_job(State(s): State<AppState>, _: Dispatcher, Path(id): Path<String>) -> Result<Json<JobBundle>> {
    let id: JobId = parse_id("job", &id)?;
    Ok(Json(s.db.tx(move |tx| records::bundle(tx, id)).await?.into()))
}

/// `GET /api/v1/jobs/{id}/revisions`: the signed revisions of the job's report that a
/// correction superseded, oldest first, as they were signed (the current one is in the job).
pub async fn get_revisions(
    State(s): State<AppState>,
    _: Dispatcher,
    Path(id): Path<String>,
) -> Result<Json<Vec<model::ServiceReport>>> {
    let id: JobId = parse_id("job", &id)?;
    let kept =
        s.db.tx(move |tx| {
            records::job(tx, id)?;
            records::revisions(tx, id)
        })
        .await?;
    Ok(Json(kept.into_iter().map(Into::into).collect()))
}

/// The PNG of a job's signature.
pub async fn get_signature(State(s): State<AppState>, _: Dispatcher, Path(id): Path<String>) -> Result<Response> {
    let id: JobId = parse_id("job", &id)?;
    let report = s.db.tx(move |tx| records::report(tx, id)).await?;
    let sha = report
        .and_then(|r| r.signature)
        .map(|sig| sig.image_sha256)
        .ok_or_else(|| AppError::NotFound("this job's report is not signed".into()))?;
    let mut image = crate::sync::blob_response(&s, sha, None).await?;
    image.headers_mut().insert(axum::http::header::CONTENT_TYPE, axum::http::HeaderValue::from_static("image/png"));
    Ok(image)
}

/// `GET /api/v1/jobs/{id}/signature/strokes`: the pen strokes the signature pad recorded
/// (JSON, as the pad keeps them), for the job page to replay the signing; 404 when the pad
/// recorded none or they have not reached HQ.
pub async fn get_strokes(State(s): State<AppState>, _: Dispatcher, Path(id): Path<String>) -> Result<Response> {
    let id: JobId = parse_id("job", &id)?;
    let report = s.db.tx(move |tx| records::report(tx, id)).await?;
    let sha = report
        .and_then(|r| r.signature)
        .and_then(|sig| sig.strokes_sha256)
        .ok_or_else(|| AppError::NotFound("this job's signature has no recorded strokes".into()))?;
    let mut strokes = crate::sync::blob_response(&s, sha, None).await?;
    let json = axum::http::HeaderValue::from_static("application/json");
    strokes.headers_mut().insert(axum::http::header::CONTENT_TYPE, json);
    Ok(strokes)
}

pub async fn assign(
    State(s): State<AppState>,
    by: Dispatcher,
    Path(id): Path<String>,
    Body(input): Body<AssignInput>,
) -> Result<Json<model::Job>> {
    let id: JobId = parse_id("job", &id)?;
    let now = s.now();
    let job =
        s.db.tx(move |tx| {
            if let Some(seen) = &input.if_held_by {
                dispatch::still_held_by(tx, id, seen)?;
            }
            dispatch::assign(tx, id, input.engineer_id, &by.actor(), now)
        })
        .await?;
    Ok(Json(job.into()))
}

pub async fn cancel(
    State(s): State<AppState>,
    by: Dispatcher,
    Path(id): Path<String>,
    Body(input): Body<CancelInput>,
) -> Result<Json<model::Job>> {
    let id: JobId = parse_id("job", &id)?;
    let now = s.now();
    Ok(Json(s.db.tx(move |tx| dispatch::cancel(tx, id, &input.reason, &by.actor(), now)).await?.into()))
}

pub async fn close(State(s): State<AppState>, by: Dispatcher, Path(id): Path<String>) -> Result<Json<model::Job>> {
    let id: JobId = parse_id("job", &id)?;
    let now = s.now();
    Ok(Json(s.db.tx(move |tx| dispatch::close(tx, id, &by.actor(), now)).await?.into()))
}

/// Filter of the unresolved list: `open` (default) or `all`, kept promises too.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnresolvedQuery {
    #[serde(default)]
    state: Option<String>,
}

/// `GET /api/v1/unresolved`: the visits left unresolved, with the reason and the date promised
/// to the customer, soonest first, overdue marked, and the follow-up visit when there is one.
pub async fn unresolved(
    State(s): State<AppState>,
    _: Dispatcher,
    Params(q): Params<UnresolvedQuery>,
) -> Result<Json<Vec<promises::Promise>>> {
    let all = match q.state.as_deref() {
        None | Some("open") => false,
        Some("all") => true,
        Some(other) => return Err(AppError::invalid("state", format!("'{other}' is not a list; use open or all"))),
    };
    let now = s.now();
    Ok(Json(s.db.tx(move |tx| promises::list(tx, all, now)).await?))
}
