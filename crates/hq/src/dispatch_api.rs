//! HTTP handlers of the dispatch API (dispatcher token): thin wrappers over [`crate::dispatch`].

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use outpost_domain::company::CompanyProfile;
use outpost_domain::customer::{Customer, Site};
use outpost_domain::equipment::Equipment;
use outpost_domain::ids::{CustomerId, EngineerId, EquipmentId, JobId, PartId, SiteId};
use outpost_domain::job::Job;
use outpost_domain::part::Part;
use outpost_domain::van::VanStock;
use outpost_wire::dispatch::{
    AssignInput, CancelInput, CustomerInput, EquipmentInput, JobInput, JobUpdate, PartInput, SiteInput, VanCountInput,
};
use outpost_wire::sync::JobBundle;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::auth::Dispatcher;
use crate::db::Value;
use crate::dispatch;
use crate::error::{AppError, Result};
use crate::json::{Body, Params};
use crate::records;
use crate::state::AppState;

fn parse_id<T: std::str::FromStr>(what: &str, s: &str) -> Result<T> {
    s.parse().map_err(|_| AppError::NotFound(format!("{what} {s} does not exist")))
}

pub async fn create_customer(
    State(s): State<AppState>,
    _: Dispatcher,
    Body(input): Body<CustomerInput>,
) -> Result<(StatusCode, Json<Customer>)> {
    let id = CustomerId(Uuid::now_v7());
    let c = s.db.tx(move |tx| dispatch::save_customer(tx, id, &input)).await?;
    Ok((StatusCode::CREATED, Json(c)))
}

pub async fn update_customer(
    State(s): State<AppState>,
    _: Dispatcher,
    Path(id): Path<String>,
    Body(input): Body<CustomerInput>,
) -> Result<Json<Customer>> {
    let id: CustomerId = parse_id("customer", &id)?;
    let c =
        s.db.tx(move |tx| {
            records::customer(tx, id)?;
            dispatch::save_customer(tx, id, &input)
        })
        .await?;
    Ok(Json(c))
}

pub async fn get_customer(State(s): State<AppState>, _: Dispatcher, Path(id): Path<String>) -> Result<Json<Customer>> {
    let id: CustomerId = parse_id("customer", &id)?;
    Ok(Json(s.db.tx(move |tx| records::customer(tx, id)).await?))
}

pub async fn list_customers(State(s): State<AppState>, _: Dispatcher) -> Result<Json<Vec<Customer>>> {
    let rows = s.db.tx(|tx| tx.query("SELECT body FROM customers ORDER BY name LIMIT 10000", &[])).await?;
    Ok(Json(rows.iter().map(|r| r.json(0)).collect::<Result<_>>()?))
}

pub async fn create_site(
    State(s): State<AppState>,
    _: Dispatcher,
    Body(input): Body<SiteInput>,
) -> Result<(StatusCode, Json<Site>)> {
    let id = SiteId(Uuid::now_v7());
    Ok((StatusCode::CREATED, Json(s.db.tx(move |tx| dispatch::save_site(tx, id, &input)).await?)))
}

pub async fn update_site(
    State(s): State<AppState>,
    _: Dispatcher,
    Path(id): Path<String>,
    Body(input): Body<SiteInput>,
) -> Result<Json<Site>> {
    let id: SiteId = parse_id("site", &id)?;
    Ok(Json(
        s.db.tx(move |tx| {
            records::site(tx, id)?;
            dispatch::save_site(tx, id, &input)
        })
        .await?,
    ))
}

pub async fn update_equipment(
    State(s): State<AppState>,
    _: Dispatcher,
    Path(id): Path<String>,
    Body(input): Body<EquipmentInput>,
) -> Result<Json<Equipment>> {
    let id: EquipmentId = parse_id("equipment", &id)?;
    Ok(Json(
        s.db.tx(move |tx| {
            records::equipment(tx, id)?;
            dispatch::save_equipment(tx, id, &input)
        })
        .await?,
    ))
}

pub async fn update_part(
    State(s): State<AppState>,
    _: Dispatcher,
    Path(id): Path<String>,
    Body(input): Body<PartInput>,
) -> Result<Json<Part>> {
    let id: PartId = parse_id("part", &id)?;
    Ok(Json(
        s.db.tx(move |tx| {
            tx.query_opt("SELECT 1 FROM parts WHERE id = $1", &[id.to_text().into()])?
                .ok_or_else(|| AppError::NotFound(format!("part {id} does not exist")))?;
            dispatch::save_part(tx, id, &input)
        })
        .await?,
    ))
}

pub async fn update_job(
    State(s): State<AppState>,
    _: Dispatcher,
    Path(id): Path<String>,
    Body(input): Body<JobUpdate>,
) -> Result<Json<Job>> {
    let id: JobId = parse_id("job", &id)?;
    Ok(Json(s.db.tx(move |tx| dispatch::update_job(tx, id, &input)).await?))
}

pub async fn get_site(State(s): State<AppState>, _: Dispatcher, Path(id): Path<String>) -> Result<Json<Site>> {
    let id: SiteId = parse_id("site", &id)?;
    Ok(Json(s.db.tx(move |tx| records::site(tx, id)).await?))
}

pub async fn create_equipment(
    State(s): State<AppState>,
    _: Dispatcher,
    Body(input): Body<EquipmentInput>,
) -> Result<(StatusCode, Json<Equipment>)> {
    let id = EquipmentId(Uuid::now_v7());
    Ok((StatusCode::CREATED, Json(s.db.tx(move |tx| dispatch::save_equipment(tx, id, &input)).await?)))
}

pub async fn get_equipment(
    State(s): State<AppState>,
    _: Dispatcher,
    Path(id): Path<String>,
) -> Result<Json<Equipment>> {
    let id: EquipmentId = parse_id("equipment", &id)?;
    Ok(Json(s.db.tx(move |tx| records::equipment(tx, id)).await?))
}

pub async fn create_part(
    State(s): State<AppState>,
    _: Dispatcher,
    Body(input): Body<PartInput>,
) -> Result<(StatusCode, Json<Part>)> {
    let id = PartId(Uuid::now_v7());
    Ok((StatusCode::CREATED, Json(s.db.tx(move |tx| dispatch::save_part(tx, id, &input)).await?)))
}

pub async fn list_parts(State(s): State<AppState>, _: Dispatcher) -> Result<Json<Vec<Part>>> {
    let rows = s.db.tx(|tx| tx.query("SELECT body FROM parts ORDER BY code", &[])).await?;
    Ok(Json(rows.iter().map(|r| r.json(0)).collect::<Result<_>>()?))
}

pub async fn create_job(
    State(s): State<AppState>,
    _: Dispatcher,
    Body(input): Body<JobInput>,
) -> Result<(StatusCode, Json<Job>)> {
    let id = JobId(Uuid::now_v7());
    let now = s.now();
    Ok((StatusCode::CREATED, Json(s.db.tx(move |tx| dispatch::create_job(tx, id, &input, now)).await?)))
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
) -> Result<Json<Vec<Job>>> {
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
    Ok(Json(rows.iter().map(|r| r.json(0)).collect::<Result<_>>()?))
}

/// A job as a dispatcher reads it: with events, report (signature and ratings) and parts.
pub async fn get_job(State(s): State<AppState>, _: Dispatcher, Path(id): Path<String>) -> Result<Json<JobBundle>> {
    let id: JobId = parse_id("job", &id)?;
    Ok(Json(s.db.tx(move |tx| records::bundle(tx, id)).await?))
}

/// The PNG of a job's signature.
pub async fn get_signature(State(s): State<AppState>, _: Dispatcher, Path(id): Path<String>) -> Result<Response> {
    let id: JobId = parse_id("job", &id)?;
    let report = s.db.tx(move |tx| records::report(tx, id)).await?;
    let sha = report
        .and_then(|r| r.signature)
        .map(|sig| sig.image_sha256)
        .ok_or_else(|| AppError::NotFound("this job's report is not signed".into()))?;
    crate::sync::blob_response(&s, sha, None).await
}

pub async fn assign(
    State(s): State<AppState>,
    _: Dispatcher,
    Path(id): Path<String>,
    Body(input): Body<AssignInput>,
) -> Result<Json<Job>> {
    let id: JobId = parse_id("job", &id)?;
    let now = s.now();
    Ok(Json(s.db.tx(move |tx| dispatch::assign(tx, id, input.engineer_id, now)).await?))
}

pub async fn cancel(
    State(s): State<AppState>,
    _: Dispatcher,
    Path(id): Path<String>,
    Body(input): Body<CancelInput>,
) -> Result<Json<Job>> {
    let id: JobId = parse_id("job", &id)?;
    let now = s.now();
    Ok(Json(s.db.tx(move |tx| dispatch::cancel(tx, id, &input.reason, now)).await?))
}

pub async fn close(State(s): State<AppState>, _: Dispatcher, Path(id): Path<String>) -> Result<Json<Job>> {
    let id: JobId = parse_id("job", &id)?;
    let now = s.now();
    Ok(Json(s.db.tx(move |tx| dispatch::close(tx, id, now)).await?))
}

/// An engineer as the dispatcher sees them.
#[derive(Debug, Serialize)]
pub struct EngineerOut {
    id: String,
    name: String,
}

/// `GET /api/v1/company`: the receipt header every laptop prints.
pub async fn get_company(State(s): State<AppState>, _: Dispatcher) -> Result<Json<CompanyProfile>> {
    Ok(Json(s.db.tx(|tx| dispatch::company(tx)).await?))
}

/// `PUT /api/v1/company`: sets the receipt header (name, hotline, optional PNG logo as hex).
pub async fn set_company(
    State(s): State<AppState>,
    _: Dispatcher,
    Body(profile): Body<CompanyProfile>,
) -> Result<Json<CompanyProfile>> {
    let stored = profile.clone();
    s.db.tx(move |tx| dispatch::set_company(tx, &stored)).await?;
    Ok(Json(profile))
}

/// `GET /api/v1/engineers/{id}/van-stock`: the engineer's van as last counted.
pub async fn get_van_stock(
    State(s): State<AppState>,
    _: Dispatcher,
    Path(id): Path<String>,
) -> Result<Json<Vec<VanStock>>> {
    let id: EngineerId = parse_id("engineer", &id)?;
    Ok(Json(s.db.tx(move |tx| dispatch::van_stock(tx, id)).await?))
}

/// `PUT /api/v1/engineers/{id}/van-stock`: a count of the engineer's van; answers the counts
/// recorded (each timestamped by HQ), which reach the engineer's laptop at its next sync.
pub async fn count_van(
    State(s): State<AppState>,
    _: Dispatcher,
    Path(id): Path<String>,
    Body(input): Body<VanCountInput>,
) -> Result<Json<Vec<VanStock>>> {
    let id: EngineerId = parse_id("engineer", &id)?;
    let now = s.now();
    Ok(Json(s.db.tx(move |tx| dispatch::count_van(tx, id, &input.parts, now)).await?))
}

pub async fn list_engineers(State(s): State<AppState>, _: Dispatcher) -> Result<Json<Vec<EngineerOut>>> {
    let rows = s.db.tx(|tx| tx.query("SELECT id, name FROM engineers ORDER BY name", &[])).await?;
    Ok(Json(rows.iter().map(|r| Ok(EngineerOut { id: r.text(0)?, name: r.text(1)? })).collect::<Result<_>>()?))
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
