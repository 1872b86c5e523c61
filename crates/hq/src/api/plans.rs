//! Maintenance plans: list, make, change and end them; a month's planned visits with where
//! each stands; a system's monthly inspection report as PDF.

use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use axum::{Json, Router};
use outpost_domain::calendar::parse_month;
use outpost_domain::customer::Language;
use outpost_domain::field::Field;
use outpost_domain::ids::{EquipmentId, PlanId};
use outpost_wire::plans::{PlanEntry, PlanInput, PlannedMonth};
use serde::Deserialize;

use super::parse_id;
use crate::auth::Dispatcher;
use crate::error::{AppError, Result};
use crate::json::{Body, Params};
use crate::state::AppState;
use crate::{inspection_report, plans};

/// The routes of the plans.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/plans", get(list).merge(post(create)))
        .route("/api/v1/plans/visits", get(visits))
        .route("/api/v1/plans/{id}", put(edit).delete(remove))
        .route("/api/v1/equipment/{id}/inspection-report.pdf", get(inspection_report))
}

fn parse(id: &str) -> Result<PlanId> {
    id.parse().map_err(|_| AppError::NotFound(format!("no plan {id}: see GET /api/v1/plans")))
}

/// `GET /api/v1/plans`: every plan, its next visit and its visits so far, planned against done.
pub async fn list(State(s): State<AppState>, _: Dispatcher) -> Result<Json<Vec<PlanEntry>>> {
    let (today, offset) = (s.today(), s.offset);
    Ok(Json(s.db.tx(move |tx| plans::list(tx, today, offset)).await?))
}

/// `POST /api/v1/plans`.
pub async fn create(
    State(s): State<AppState>,
    _: Dispatcher,
    Body(input): Body<PlanInput>,
) -> Result<(StatusCode, Json<PlanEntry>)> {
    let today = s.today();
    Ok((StatusCode::CREATED, Json(s.db.tx(move |tx| plans::create(tx, &input, today)).await?)))
}

/// `PUT /api/v1/plans/{id}`.
pub async fn edit(
    State(s): State<AppState>,
    _: Dispatcher,
    Path(id): Path<String>,
    Body(input): Body<PlanInput>,
) -> Result<Json<PlanEntry>> {
    let id = parse(&id)?;
    let today = s.today();
    Ok(Json(s.db.tx(move |tx| plans::edit(tx, id, &input, today)).await?))
}

/// `DELETE /api/v1/plans/{id}`: no more visits; those made stay.
pub async fn remove(State(s): State<AppState>, _: Dispatcher, Path(id): Path<String>) -> Result<StatusCode> {
    let id = parse(&id)?;
    s.db.tx(move |tx| plans::remove(tx, id)).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `month`: `YYYY-MM`, this month when not given.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MonthQuery {
    #[serde(default)]
    month: Option<String>,
}

/// `GET /api/v1/plans/visits?month=YYYY-MM`: the month's planned visits and their tally.
pub async fn visits(
    State(s): State<AppState>,
    _: Dispatcher,
    Params(q): Params<MonthQuery>,
) -> Result<Json<PlannedMonth>> {
    let (today, offset) = (s.today(), s.offset);
    let month = month_or_this(q.month.as_deref(), today)?;
    Ok(Json(s.db.tx(move |tx| plans::month(tx, &month, today, offset)).await?))
}

/// A month typed `YYYY-MM`, or today's.
fn month_or_this(typed: Option<&str>, today: time::Date) -> Result<String> {
    match typed {
        Some(m) => {
            let (year, month) = parse_month(Field::Month, m)?;
            Ok(format!("{year:04}-{month:02}"))
        }
        None => Ok(outpost_domain::plan::visit_month(today)),
    }
}

/// The month (this month when not given) and the reader's language (English by default).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportQuery {
    #[serde(default)]
    month: Option<String>,
    #[serde(default)]
    language: Option<Language>,
}

/// `GET /api/v1/equipment/{id}/inspection-report.pdf?month=YYYY-MM`: the system's monthly
/// inspection report (月度巡检报告), times in HQ's zone.
pub async fn inspection_report(
    State(s): State<AppState>,
    _: Dispatcher,
    Path(id): Path<String>,
    Params(q): Params<ReportQuery>,
) -> Result<Response> {
    let id: EquipmentId = parse_id("equipment", &id)?;
    let (today, offset) = (s.today(), s.offset);
    let month = month_or_this(q.month.as_deref(), today)?;
    let language = q.language.unwrap_or(Language::En);
    let pdf = s.db.tx(move |tx| inspection_report::pdf(tx, id, &month, language, today, offset)).await?;
    let headers = [
        (header::CONTENT_TYPE, "application/pdf"),
        (header::CONTENT_DISPOSITION, "inline; filename=\"inspection-report.pdf\""),
    ];
    Ok((headers, pdf).into_response())
}
