//! The dispatcher's answers to parts requests: list, promise a date, delivered, decline.

use axum::extract::{Path, State};
use axum::routing::{get, post};
use axum::{Json, Router};
use outpost_domain::ids::PartsRequestId;
use outpost_wire::dispatch::{DeclineInput, PromiseInput};
use outpost_wire::model;
use outpost_wire::parts::PartsRequestLine;
use serde::Deserialize;

use crate::auth::Dispatcher;
use crate::error::{AppError, Result};
use crate::json::{Body, Params};
use crate::parts_requests::{answer, list};
use crate::state::AppState;

/// The routes of parts requests.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/parts-requests", get(list_requests))
        .route("/api/v1/parts-requests/{id}/promise", post(promise))
        .route("/api/v1/parts-requests/{id}/deliver", post(deliver))
        .route("/api/v1/parts-requests/{id}/decline", post(decline))
}

/// Which requests to list: `open` (the default: requested or promised) or `all`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListQuery {
    #[serde(default)]
    pub state: Option<String>,
}

fn parse(id: &str) -> Result<PartsRequestId> {
    id.parse().map_err(|_| AppError::NotFound(format!("no parts request {id}: see GET /api/v1/parts-requests")))
}

/// `GET /api/v1/parts-requests?state=open|all`.
pub async fn list_requests(
    State(s): State<AppState>,
    _: Dispatcher,
    Params(q): Params<ListQuery>,
) -> Result<Json<Vec<PartsRequestLine>>> {
    let now = s.now();
    let state = q.state.unwrap_or_else(|| "open".into());
    Ok(Json(s.db.tx(move |tx| list(tx, &state, now)).await?))
}

/// `POST /api/v1/parts-requests/{id}/promise`.
pub async fn promise(
    State(s): State<AppState>,
    _: Dispatcher,
    Path(id): Path<String>,
    Body(input): Body<PromiseInput>,
) -> Result<Json<model::PartsRequest>> {
    let id = parse(&id)?;
    Ok(Json(s.db.tx(move |tx| answer(tx, id, |r| r.promise(input.deliver_by))).await?.into()))
}

/// `POST /api/v1/parts-requests/{id}/deliver`.
pub async fn deliver(
    State(s): State<AppState>,
    _: Dispatcher,
    Path(id): Path<String>,
) -> Result<Json<model::PartsRequest>> {
    let id = parse(&id)?;
    let now = s.now();
    Ok(Json(s.db.tx(move |tx| answer(tx, id, |r| r.deliver(now))).await?.into()))
}

/// `POST /api/v1/parts-requests/{id}/decline`.
pub async fn decline(
    State(s): State<AppState>,
    _: Dispatcher,
    Path(id): Path<String>,
    Body(input): Body<DeclineInput>,
) -> Result<Json<model::PartsRequest>> {
    let id = parse(&id)?;
    Ok(Json(s.db.tx(move |tx| answer(tx, id, |r| r.decline(&input.reason))).await?.into()))
}
