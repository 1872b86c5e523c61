//! The conflict log: list it, settle one.

use axum::extract::{Path, State};
use axum::routing::{get, post};
use axum::{Json, Router};
use outpost_domain::customer::Language;
use outpost_domain::ids::{CustomerId, JobId};
use outpost_wire::conflicts::{ConflictEntry, ConflictKind, SettleInput};
use serde::Deserialize;

use crate::auth::Dispatcher;
use crate::conflicts::{self, Filter};
use crate::error::{AppError, Result};
use crate::json::{Body, Params};
use crate::state::AppState;

/// The routes of the conflict log.
pub fn router() -> Router<AppState> {
    Router::new().route("/api/v1/conflicts", get(list)).route("/api/v1/conflicts/{kind}/{id}/settle", post(settle))
}

/// Filters of the conflict log, and the language its field names are said in.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConflictQuery {
    customer_id: Option<CustomerId>,
    job_id: Option<JobId>,
    /// `open` (waiting to be settled) or `all` (the default).
    state: Option<String>,
    language: Option<Language>,
}

/// `GET /api/v1/conflicts`: contact and report conflicts, newest first.
pub async fn list(
    State(s): State<AppState>,
    _: Dispatcher,
    Params(q): Params<ConflictQuery>,
) -> Result<Json<Vec<ConflictEntry>>> {
    let open_only = match q.state.as_deref() {
        None | Some("all") => false,
        Some("open") => true,
        Some(other) => return Err(AppError::invalid("state", format!("'{other}' is not a list; use open or all"))),
    };
    let filter = Filter { customer_id: q.customer_id, job_id: q.job_id, open_only };
    let language = q.language.unwrap_or(Language::En);
    Ok(Json(s.db.tx(move |tx| conflicts::list(tx, &filter, language)).await?))
}

/// `POST /api/v1/conflicts/{kind}/{id}/settle` with `{"keep": "hq" | "engineer"}`.
pub async fn settle(
    State(s): State<AppState>,
    by: Dispatcher,
    Path((kind, id)): Path<(String, String)>,
    Body(input): Body<SettleInput>,
) -> Result<Json<ConflictEntry>> {
    let missing = || AppError::NotFound(format!("no conflict {kind}/{id}: see GET /api/v1/conflicts"));
    let kind = match kind.as_str() {
        "contact" => ConflictKind::Contact,
        "report" => ConflictKind::Report,
        _ => return Err(missing()),
    };
    let id: i64 = id.parse().map_err(|_| missing())?;
    let now = s.now();
    let actor = by.actor();
    Ok(Json(s.db.tx(move |tx| conflicts::settle(tx, (kind, id), input.keep, &actor, now, Language::En)).await?))
}
