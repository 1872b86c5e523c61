//! Engineers and their laptops: the list, a new engineer, enrollment codes, the van stock
//! counts, the devices and revoking one.

use axum::Json;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use outpost_domain::ids::{ClientId, EngineerId};
use outpost_wire::dispatch::Engineer;
use outpost_wire::dispatch::VanCountInput;
use outpost_wire::fleet::{Device, EngineerInput, EnrollmentCode};
use outpost_wire::model;
use outpost_wire::parts::VanLevel;

use super::parse_id;
use crate::auth::{Dispatcher, Manager};
use crate::error::Result;
use crate::json::Body;
use crate::state::AppState;
use crate::{dispatch, fleet, vans};

/// The routes of this resource.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/engineers", get(list_engineers).post(add_engineer))
        .route("/api/v1/engineers/{id}/code", post(reissue_code))
        .route("/api/v1/engineers/{id}/van-stock", get(get_van_stock).put(count_van))
        .route("/api/v1/devices", get(list_devices))
        .route("/api/v1/devices/{client_id}/revoke", post(revoke_device))
}

/// `GET /api/v1/engineers/{id}/van-stock`: the engineer's van as last counted, less what the
/// engineer's reports used since, each part flagged when it has lain still.
pub async fn get_van_stock(
    State(s): State<AppState>,
    _: Dispatcher,
    Path(id): Path<String>,
) -> Result<Json<Vec<VanLevel>>> {
    let id: EngineerId = parse_id("engineer", &id)?;
    let now = s.now();
    Ok(Json(s.db.tx(move |tx| vans::levels(tx, id, now)).await?))
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

/// `POST /api/v1/engineers`: a new engineer and the one-time code for their first laptop.
pub async fn add_engineer(
    State(s): State<AppState>,
    _: Dispatcher,
    Body(input): Body<EngineerInput>,
) -> Result<(StatusCode, Json<EnrollmentCode>)> {
    let now = s.now();
    let code = s.db.tx(move |tx| fleet::add_engineer(tx, &input.name, now)).await?;
    Ok((StatusCode::CREATED, Json(code)))
}

/// `POST /api/v1/engineers/{id}/code`: a new enrollment code; the engineer's earlier unused
/// codes stop working.
pub async fn reissue_code(
    State(s): State<AppState>,
    _: Dispatcher,
    Path(id): Path<String>,
) -> Result<Json<EnrollmentCode>> {
    let id: EngineerId = parse_id("engineer", &id)?;
    let now = s.now();
    Ok(Json(s.db.tx(move |tx| fleet::reissue_code(tx, id, now)).await?))
}

/// `GET /api/v1/devices`: every laptop enrolled, with its last sync and version.
pub async fn list_devices(State(s): State<AppState>, _: Dispatcher) -> Result<Json<Vec<Device>>> {
    let sightings = s.sightings.clone();
    Ok(Json(
        s.db.tx(move |tx| {
            sightings.write(tx)?;
            fleet::devices(tx)
        })
        .await?,
    ))
}

/// `POST /api/v1/devices/{client_id}/revoke`: the laptop's token stops working (the service
/// manager's decision: a lost or stolen laptop).
pub async fn revoke_device(
    State(s): State<AppState>,
    Manager(by): Manager,
    Path(id): Path<String>,
) -> Result<Json<Device>> {
    let id: ClientId = parse_id("device", &id)?;
    let now = s.now();
    Ok(Json(s.db.tx(move |tx| fleet::revoke(tx, id, &by.actor(), now)).await?))
}
