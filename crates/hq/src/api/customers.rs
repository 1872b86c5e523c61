//! Customers, their sites and equipment (客户档案), as dispatchers keep them.

use axum::Json;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use outpost_domain::customer::Customer;
use outpost_domain::ids::{CustomerId, EquipmentId, SiteId};
use outpost_wire::dispatch::{CustomerInput, EquipmentInput, SiteInput};
use outpost_wire::model;
use uuid::Uuid;

use super::parse_id;
use crate::auth::Dispatcher;
use crate::dispatch;
use crate::error::Result;
use crate::json::Body;
use crate::records;
use crate::state::AppState;

/// The routes of this resource.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/customers", post(create_customer).get(list_customers))
        .route("/api/v1/customers/{id}", get(get_customer).put(update_customer))
        .route("/api/v1/sites", post(create_site))
        .route("/api/v1/sites/{id}", get(get_site).put(update_site))
        .route("/api/v1/equipment", post(create_equipment))
        .route("/api/v1/equipment/{id}", get(get_equipment).put(update_equipment))
}

pub async fn create_customer(
    State(s): State<AppState>,
    _: Dispatcher,
    Body(input): Body<CustomerInput>,
) -> Result<(StatusCode, Json<model::Customer>)> {
    let id = CustomerId(Uuid::now_v7());
    let c = s.db.tx(move |tx| dispatch::save_customer(tx, id, &input)).await?;
    Ok((StatusCode::CREATED, Json(c.into())))
}

pub async fn update_customer(
    State(s): State<AppState>,
    _: Dispatcher,
    Path(id): Path<String>,
    Body(input): Body<CustomerInput>,
) -> Result<Json<model::Customer>> {
    let id: CustomerId = parse_id("customer", &id)?;
    let c =
        s.db.tx(move |tx| {
            records::customer(tx, id)?;
            dispatch::save_customer(tx, id, &input)
        })
        .await?;
    Ok(Json(c.into()))
}

pub async fn get_customer(
    State(s): State<AppState>,
    _: Dispatcher,
    Path(id): Path<String>,
) -> Result<Json<model::Customer>> {
    let id: CustomerId = parse_id("customer", &id)?;
    Ok(Json(s.db.tx(move |tx| records::customer(tx, id)).await?.into()))
}

pub async fn list_customers(State(s): State<AppState>, _: Dispatcher) -> Result<Json<Vec<model::Customer>>> {
    let rows = s.db.tx(|tx| tx.query("SELECT body FROM customers ORDER BY name LIMIT 10000", &[])).await?;
    Ok(Json(rows.iter().map(|r| r.json::<Customer>(0).map(Into::into)).collect::<Result<_>>()?))
}

pub async fn create_site(
    State(s): State<AppState>,
    _: Dispatcher,
    Body(input): Body<SiteInput>,
) -> Result<(StatusCode, Json<model::Site>)> {
    let id = SiteId(Uuid::now_v7());
    Ok((StatusCode::CREATED, Json(s.db.tx(move |tx| dispatch::save_site(tx, id, &input)).await?.into())))
}

pub async fn update_site(
    State(s): State<AppState>,
    _: Dispatcher,
    Path(id): Path<String>,
    Body(input): Body<SiteInput>,
) -> Result<Json<model::Site>> {
    let id: SiteId = parse_id("site", &id)?;
    Ok(Json(
        s.db.tx(move |tx| {
            records::site(tx, id)?;
            dispatch::save_site(tx, id, &input)
        })
        .await?
        .into(),
    ))
}

pub async fn update_equipment(
    State(s): State<AppState>,
    _: Dispatcher,
    Path(id): Path<String>,
    Body(input): Body<EquipmentInput>,
) -> Result<Json<model::Equipment>> {
    let id: EquipmentId = parse_id("equipment", &id)?;
    Ok(Json(
        s.db.tx(move |tx| {
            records::equipment(tx, id)?;
            dispatch::save_equipment(tx, id, &input)
        })
        .await?
        .into(),
    ))
}

pub async fn get_site(State(s): State<AppState>, _: Dispatcher, Path(id): Path<String>) -> Result<Json<model::Site>> {
    let id: SiteId = parse_id("site", &id)?;
    Ok(Json(s.db.tx(move |tx| records::site(tx, id)).await?.into()))
}

pub async fn create_equipment(
    State(s): State<AppState>,
    _: Dispatcher,
    Body(input): Body<EquipmentInput>,
) -> Result<(StatusCode, Json<model::Equipment>)> {
    let id = EquipmentId(Uuid::now_v7());
    Ok((StatusCode::CREATED, Json(s.db.tx(move |tx| dispatch::save_equipment(tx, id, &input)).await?.into())))
}

pub async fn get_equipment(
    State(s): State<AppState>,
    _: Dispatcher,
    Path(id): Path<String>,
) -> Result<Json<model::Equipment>> {
    let id: EquipmentId = parse_id("equipment", &id)?;
    Ok(Json(s.db.tx(move |tx| records::equipment(tx, id)).await?.into()))
}
