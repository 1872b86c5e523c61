//! The callback queue: list it, record a phoned outcome, send one to an engineer as a visit;
//! the share sampled every month (the manager's) and a customer's quarterly plan.

use axum::extract::{Path, State};
use axum::routing::{get, post, put};
use axum::{Json, Router};
use outpost_domain::ids::{CallbackId, CustomerId};
use outpost_wire::callbacks::{CallbackEntry, CallbackPlanInput, CallbackPolicy, PhonedInput, VisitInput};
use serde::Deserialize;

use super::parse_id;
use crate::auth::{Dispatcher, Manager};
use crate::callbacks::{self, Listing};
use crate::error::{AppError, Result};
use crate::json::{Body, Params};
use crate::state::AppState;

/// The routes of the queue.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/callbacks", get(list))
        .route("/api/v1/callbacks/{id}/phoned", post(phoned))
        .route("/api/v1/callbacks/{id}/visit", post(visit))
        .route("/api/v1/callback-policy", get(policy).put(set_policy))
        .route("/api/v1/customers/{id}/callback-plan", put(set_plan))
}

fn parse(id: &str) -> Result<CallbackId> {
    id.parse().map_err(|_| AppError::NotFound(format!("no callback {id}: see GET /api/v1/callbacks")))
}

/// `state`: open (the default: not called yet, or followed up by a job not closed), done, all.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListQuery {
    #[serde(default)]
    state: Option<String>,
}

/// `GET /api/v1/callbacks`: the queue, the longest waiting first.
pub async fn list(
    State(s): State<AppState>,
    _: Dispatcher,
    Params(q): Params<ListQuery>,
) -> Result<Json<Vec<CallbackEntry>>> {
    let listing: Listing = q.state.as_deref().unwrap_or("open").parse()?;
    Ok(Json(s.db.tx(move |tx| callbacks::list(tx, listing, None)).await?))
}

/// `POST /api/v1/callbacks/{id}/phoned`.
pub async fn phoned(
    State(s): State<AppState>,
    by: Dispatcher,
    Path(id): Path<String>,
    Body(input): Body<PhonedInput>,
) -> Result<Json<CallbackEntry>> {
    let id = parse(&id)?;
    let now = s.now();
    Ok(Json(s.db.tx(move |tx| callbacks::phoned(tx, id, &input, &by.name, now)).await?))
}

/// `POST /api/v1/callbacks/{id}/visit`.
pub async fn visit(
    State(s): State<AppState>,
    by: Dispatcher,
    Path(id): Path<String>,
    Body(input): Body<VisitInput>,
) -> Result<Json<CallbackEntry>> {
    let id = parse(&id)?;
    let now = s.now();
    Ok(Json(s.db.tx(move |tx| callbacks::visit(tx, id, &input, &by.name, now)).await?))
}

/// `GET /api/v1/callback-policy`.
pub async fn policy(State(s): State<AppState>, _: Dispatcher) -> Result<Json<CallbackPolicy>> {
    Ok(Json(s.db.tx(callbacks::policy).await?))
}

/// `PUT /api/v1/callback-policy` (the manager).
pub async fn set_policy(
    State(s): State<AppState>,
    _: Manager,
    Body(input): Body<CallbackPolicy>,
) -> Result<Json<CallbackPolicy>> {
    Ok(Json(s.db.tx(move |tx| callbacks::set_policy(tx, input)).await?))
}

/// `PUT /api/v1/customers/{id}/callback-plan`.
pub async fn set_plan(
    State(s): State<AppState>,
    _: Dispatcher,
    Path(id): Path<String>,
    Body(input): Body<CallbackPlanInput>,
) -> Result<Json<CallbackPlanInput>> {
    let id: CustomerId = parse_id("customer", &id)?;
    s.db.tx(move |tx| callbacks::set_plan(tx, id, input.month_of_quarter)).await?;
    Ok(Json(input))
}
