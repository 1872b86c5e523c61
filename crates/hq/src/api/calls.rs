//! Taking a call (报修受理): finding the caller, their archive, and the register of calls.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use outpost_domain::ids::{CallId, CustomerId};
use outpost_wire::calls::{Archive, Call, CallInput, CallerMatch};
use serde::Deserialize;
use time::{Date, Duration, OffsetDateTime};
use uuid::Uuid;

use super::parse_id;
use crate::auth::Dispatcher;
use crate::error::Result;
use crate::json::{Body, Params};
use crate::state::AppState;
use crate::{archive, calls};

/// The routes of this resource.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/callers", get(find_callers))
        .route("/api/v1/customers/{id}/archive", get(get_archive))
        .route("/api/v1/calls", get(list_calls).post(take_call))
}

/// What the dispatcher typed.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CallerQuery {
    q: String,
}

/// `GET /api/v1/callers?q=`: customers by name, a contact's phone, or an equipment serial.
pub async fn find_callers(
    State(s): State<AppState>,
    _: Dispatcher,
    Params(q): Params<CallerQuery>,
) -> Result<Json<Vec<CallerMatch>>> {
    Ok(Json(s.db.tx(move |tx| archive::callers(tx, &q.q)).await?))
}

/// The day the warranty is read on: the dispatcher's own (HQ's UTC date by default).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArchiveQuery {
    #[serde(default)]
    on: Option<Date>,
}

/// `GET /api/v1/customers/{id}/archive`: sites, equipment with warranty, jobs.
pub async fn get_archive(
    State(s): State<AppState>,
    _: Dispatcher,
    Path(id): Path<String>,
    Params(q): Params<ArchiveQuery>,
) -> Result<Json<Archive>> {
    let id: CustomerId = parse_id("customer", &id)?;
    let on = q.on.unwrap_or(s.now().date());
    Ok(Json(s.db.tx(move |tx| archive::archive(tx, id, on)).await?))
}

/// `POST /api/v1/calls`: a call registered, with the job made for it or the answer given.
pub async fn take_call(
    State(s): State<AppState>,
    by: Dispatcher,
    Body(input): Body<CallInput>,
) -> Result<(StatusCode, Json<Call>)> {
    let id = CallId(Uuid::now_v7());
    let now = s.now();
    let call = s.db.tx(move |tx| calls::take(tx, id, &input, &by.actor(), now)).await?;
    Ok((StatusCode::CREATED, Json(call)))
}

/// Which calls: received since `since` (the last 7 days by default), of one customer or all.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CallQuery {
    #[serde(default, with = "time::serde::rfc3339::option")]
    since: Option<OffsetDateTime>,
    #[serde(default)]
    customer_id: Option<CustomerId>,
}

/// `GET /api/v1/calls`: the register, newest first.
pub async fn list_calls(
    State(s): State<AppState>,
    _: Dispatcher,
    Params(q): Params<CallQuery>,
) -> Result<Json<Vec<Call>>> {
    let since = q.since.unwrap_or(s.now() - Duration::days(7));
    let filter = calls::Filter { since, customer_id: q.customer_id, only: None };
    Ok(Json(s.db.tx(move |tx| calls::list(tx, filter)).await?))
}
