//! The register of complaints: register one, list (open, overdue, closed, all), record a step
//! taken, the compensation the manager approves, and the closure with the customer's answer.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use outpost_domain::ids::{ComplaintId, CustomerId, JobId};
use outpost_wire::complaints::{ClosureInput, CompensationInput, ComplaintEntry, ComplaintInput, HandlingInput};
use serde::Deserialize;
use uuid::Uuid;

use crate::auth::{Dispatcher, Manager};
use crate::complaints::{self, Filter, Listing};
use crate::error::{AppError, Result};
use crate::json::{Body, Params};
use crate::state::AppState;

/// The routes of the register.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/complaints", get(list).post(register))
        .route("/api/v1/complaints/{id}", get(one))
        .route("/api/v1/complaints/{id}/handling", post(handle))
        .route("/api/v1/complaints/{id}/compensation", post(compensate))
        .route("/api/v1/complaints/{id}/close", post(close))
}

fn parse(id: &str) -> Result<ComplaintId> {
    id.parse().map_err(|_| AppError::NotFound(format!("no complaint {id}: see GET /api/v1/complaints")))
}

/// `POST /api/v1/complaints`.
pub async fn register(
    State(s): State<AppState>,
    by: Dispatcher,
    Body(input): Body<ComplaintInput>,
) -> Result<(StatusCode, Json<ComplaintEntry>)> {
    let id = ComplaintId(Uuid::now_v7());
    let now = s.now();
    let entry = s.db.tx(move |tx| complaints::register(tx, id, &input, &by.name, now)).await?;
    Ok((StatusCode::CREATED, Json(entry)))
}

/// Which complaints: `state` open (the default), overdue, closed or all; of one customer or
/// job when given.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListQuery {
    #[serde(default)]
    state: Option<String>,
    #[serde(default)]
    customer_id: Option<CustomerId>,
    #[serde(default)]
    job_id: Option<JobId>,
}

/// `GET /api/v1/complaints`.
pub async fn list(
    State(s): State<AppState>,
    _: Dispatcher,
    Params(q): Params<ListQuery>,
) -> Result<Json<Vec<ComplaintEntry>>> {
    let listing: Listing = q.state.as_deref().unwrap_or("open").parse()?;
    let filter = Filter { listing, customer_id: q.customer_id, job_id: q.job_id, only: None };
    let now = s.now();
    Ok(Json(s.db.tx(move |tx| complaints::list(tx, filter, now)).await?))
}

/// `GET /api/v1/complaints/{id}`.
pub async fn one(State(s): State<AppState>, _: Dispatcher, Path(id): Path<String>) -> Result<Json<ComplaintEntry>> {
    let id = parse(&id)?;
    let now = s.now();
    Ok(Json(s.db.tx(move |tx| complaints::entry(tx, id, now)).await?))
}

/// `POST /api/v1/complaints/{id}/handling`: a step taken; the first one is the reply.
pub async fn handle(
    State(s): State<AppState>,
    by: Dispatcher,
    Path(id): Path<String>,
    Body(input): Body<HandlingInput>,
) -> Result<Json<ComplaintEntry>> {
    let id = parse(&id)?;
    let now = s.now();
    let step = move |c: &mut outpost_domain::complaint::Complaint| c.handle(&input.text, &by.name, now);
    Ok(Json(s.db.tx(move |tx| complaints::change(tx, id, now, step)).await?))
}

/// `POST /api/v1/complaints/{id}/compensation`: the service manager approves it.
pub async fn compensate(
    State(s): State<AppState>,
    Manager(by): Manager,
    Path(id): Path<String>,
    Body(input): Body<CompensationInput>,
) -> Result<Json<ComplaintEntry>> {
    let id = parse(&id)?;
    let now = s.now();
    let step = move |c: &mut outpost_domain::complaint::Complaint| {
        c.compensate(&input.model, input.quantity, input.amount, &by.name, now)
    };
    Ok(Json(s.db.tx(move |tx| complaints::change(tx, id, now, step)).await?))
}

/// `POST /api/v1/complaints/{id}/close`.
pub async fn close(
    State(s): State<AppState>,
    by: Dispatcher,
    Path(id): Path<String>,
    Body(input): Body<ClosureInput>,
) -> Result<Json<ComplaintEntry>> {
    let id = parse(&id)?;
    let now = s.now();
    let step = move |c: &mut outpost_domain::complaint::Complaint| {
        c.close(&input.customer_answer, input.accepted, &by.name, now)
    };
    Ok(Json(s.db.tx(move |tx| complaints::change(tx, id, now, step)).await?))
}
