//! Engineers: the list, new enrollment codes, the van stock counts.

use axum::Json;
use axum::Router;
use axum::extract::{Path, State};
use axum::routing::{get, post};
use outpost_domain::ids::EngineerId;
use outpost_wire::dispatch::Engineer;
use outpost_wire::dispatch::VanCountInput;
use outpost_wire::model;
use serde::Serialize;

use super::parse_id;
use crate::auth::Dispatcher;
use crate::dispatch;
use crate::error::{AppError, Result};
use crate::json::Body;
use crate::state::AppState;

/// The routes of this resource.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/engineers", get(list_engineers))
        .route("/api/v1/engineers/{id}/code", post(reissue_code))
        .route("/api/v1/engineers/{id}/van-stock", get(get_van_stock).put(count_van))
}

/// `GET /api/v1/engineers/{id}/van-stock`: the engineer's van as last counted.
pub async fn get_van_stock(
    State(s): State<AppState>,
    _: Dispatcher,
    Path(id): Path<String>,
) -> Result<Json<Vec<model::VanStock>>> {
    let id: EngineerId = parse_id("engineer", &id)?;
    Ok(Json(s.db.tx(move |tx| dispatch::van_stock(tx, id)).await?.into_iter().map(Into::into).collect()))
}

/// `PUT /api/v1/engineers/{id}/van-stock`: a count of the engineer's van; answers the counts
/// recorded (each timestamped by HQ), which reach the engineer's laptop at its next sync.
pub async fn count_van(
    State(s): State<AppState>,
    _: Dispatcher,
    Path(id): Path<String>,
    Body(input): Body<VanCountInput>,
) -> Result<Json<Vec<model::VanStock>>> {
    let id: EngineerId = parse_id("engineer", &id)?;
    let now = s.now();
    Ok(Json(
        s.db.tx(move |tx| dispatch::count_van(tx, id, &input.parts, now)).await?.into_iter().map(Into::into).collect(),
    ))
}

pub async fn list_engineers(State(s): State<AppState>, _: Dispatcher) -> Result<Json<Vec<Engineer>>> {
    let rows = s.db.tx(|tx| tx.query("SELECT id, name FROM engineers ORDER BY name", &[])).await?;
    Ok(Json(rows.iter().map(|r| Ok(Engineer { id: r.text(0)?, name: r.text(1)? })).collect::<Result<_>>()?))
}

/// A new one-time enrollment code for an engineer.
#[derive(Debug, Serialize)]
pub struct CodeOut {
    engineer_id: String,
    code: String,
    #[serde(with = "time::serde::rfc3339")]
    expires_at: time::OffsetDateTime,
}

/// `POST /api/v1/engineers/{id}/code`: a new enrollment code; the engineer's earlier unused
/// codes stop working.
pub async fn reissue_code(State(s): State<AppState>, _: Dispatcher, Path(id): Path<String>) -> Result<Json<CodeOut>> {
    let id: EngineerId = parse_id("engineer", &id)?;
    let now = s.now();
    let code =
        s.db.tx(move |tx| {
            if tx.query_opt("SELECT 1 FROM engineers WHERE id = $1", &[id.to_text().into()])?.is_none() {
                return Err(AppError::NotFound(format!("no engineer {id}")));
            }
            crate::enroll::reissue_code(tx, id, now)
        })
        .await?;
    Ok(Json(CodeOut { engineer_id: id.to_text(), code, expires_at: now + crate::enroll::CODE_VALID_FOR }))
}
