//! The parts catalogue, the charging policy that prices it, the company profile every receipt
//! prints, and the service-level targets every laptop counts down against.

use axum::Json;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, post, put};
use outpost_domain::company::CompanyProfile;
use outpost_domain::ids::PartId;
use outpost_domain::part::Part;
use outpost_wire::dispatch::PartInput;
use outpost_wire::model;
use uuid::Uuid;

use super::parse_id;
use crate::auth::{Dispatcher, Manager};
use crate::dispatch;
use crate::error::{AppError, Result};
use crate::json::Body;
use crate::state::AppState;

/// The routes of this resource.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/parts", post(create_part).get(list_parts))
        .route("/api/v1/parts/{id}", put(update_part))
        .route("/api/v1/company", get(get_company).put(set_company))
        .route("/api/v1/sla-policy", get(get_sla_policy).put(set_sla_policy))
        .route("/api/v1/charging-policy", get(get_charging_policy).put(set_charging_policy))
}

pub async fn update_part(
    State(s): State<AppState>,
    _: Dispatcher,
    Path(id): Path<String>,
    Body(input): Body<PartInput>,
) -> Result<Json<model::Part>> {
    let id: PartId = parse_id("part", &id)?;
    Ok(Json(
        s.db.tx(move |tx| {
            tx.query_opt("SELECT 1 FROM parts WHERE id = $1", &[id.to_text().into()])?
                .ok_or_else(|| AppError::NotFound(format!("part {id} does not exist")))?;
            dispatch::save_part(tx, id, &input)
        })
        .await?
        .into(),
    ))
}

pub async fn create_part(
    State(s): State<AppState>,
    _: Dispatcher,
    Body(input): Body<PartInput>,
) -> Result<(StatusCode, Json<model::Part>)> {
    let id = PartId(Uuid::now_v7());
    Ok((StatusCode::CREATED, Json(s.db.tx(move |tx| dispatch::save_part(tx, id, &input)).await?.into())))
}

pub async fn list_parts(State(s): State<AppState>, _: Dispatcher) -> Result<Json<Vec<model::Part>>> {
    let rows = s.db.tx(|tx| tx.query("SELECT body FROM parts ORDER BY code", &[])).await?;
    Ok(Json(rows.iter().map(|r| r.json::<Part>(0).map(Into::into)).collect::<Result<_>>()?))
}

/// `GET /api/v1/company`: the receipt header every laptop prints.
pub async fn get_company(State(s): State<AppState>, _: Dispatcher) -> Result<Json<model::CompanyProfile>> {
    Ok(Json(s.db.tx(|tx| dispatch::company(tx)).await?.into()))
}

/// `PUT /api/v1/company`: sets the receipt header (name, hotline, optional PNG logo as hex).
pub async fn set_company(
    State(s): State<AppState>,
    _: Manager,
    Body(profile): Body<model::CompanyProfile>,
) -> Result<Json<model::CompanyProfile>> {
    let stored = CompanyProfile::from(profile.clone());
    s.db.tx(move |tx| dispatch::set_company(tx, &stored)).await?;
    Ok(Json(profile))
}

/// `GET /api/v1/sla-policy`: the service-level targets every laptop counts down against.
pub async fn get_sla_policy(State(s): State<AppState>, _: Dispatcher) -> Result<Json<model::SlaPolicy>> {
    Ok(Json(s.db.tx(|tx| dispatch::sla_policy(tx)).await?.into()))
}

/// `PUT /api/v1/sla-policy`: sets the targets (reply hours, fix minutes by severity, factory
/// repair working days); laptops receive them with their next sync.
pub async fn set_sla_policy(
    State(s): State<AppState>,
    _: Manager,
    Body(policy): Body<model::SlaPolicy>,
) -> Result<Json<model::SlaPolicy>> {
    s.db.tx(move |tx| dispatch::set_sla_policy(tx, &policy.into())).await?;
    Ok(Json(policy))
}

/// `GET /api/v1/charging-policy`: how parts, labour and the service fee are charged in each
/// warranty situation (收费标准); the source rules' until HQ sets its own.
pub async fn get_charging_policy(State(s): State<AppState>, _: Dispatcher) -> Result<Json<model::ChargingPolicy>> {
    Ok(Json(s.db.tx(|tx| crate::apply::policy(tx)).await?.into()))
}

/// `PUT /api/v1/charging-policy`: sets the policy; laptops price with it from their next sync,
/// and HQ checks every quote the laptops' changes carry against it.
pub async fn set_charging_policy(
    State(s): State<AppState>,
    _: Manager,
    Body(policy): Body<model::ChargingPolicy>,
) -> Result<Json<model::ChargingPolicy>> {
    s.db.tx(move |tx| dispatch::set_charging_policy(tx, &policy.into())).await?;
    Ok(Json(policy))
}
