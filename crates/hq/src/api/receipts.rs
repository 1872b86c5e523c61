//! A job's page for the console and its visit receipt as PDF, both made at HQ from the same
//! receipt model.

use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use outpost_domain::customer::Language;
use outpost_domain::ids::JobId;
use outpost_receipt::PageLayout;
use outpost_wire::job_page::JobPage;
use serde::Deserialize;
use time::UtcOffset;

use super::parse_id;
use crate::auth::Dispatcher;
use crate::error::{AppError, Result};
use crate::json::Params;
use crate::state::AppState;
use crate::{job_page, receipts};

/// The routes of this resource.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/jobs/{id}/receipt.pdf", get(get_receipt))
        .route("/api/v1/jobs/{id}/page", get(get_page))
}

/// How to print: `a4` (default) or `80mm`; the language (the customer's by default); the time
/// zone the times are printed in, in minutes east of UTC (`480` for China; UTC by default).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReceiptQuery {
    #[serde(default)]
    layout: Option<String>,
    #[serde(default)]
    language: Option<Language>,
    #[serde(default)]
    utc_offset_minutes: Option<i32>,
}

/// `GET /api/v1/jobs/{id}/receipt.pdf`: the receipt as the customer's copy reads, or marked as a
/// draft while the report is not signed (`Outpost-Receipt-Draft: true`).
pub async fn get_receipt(
    State(s): State<AppState>,
    _: Dispatcher,
    Path(id): Path<String>,
    Params(q): Params<ReceiptQuery>,
) -> Result<Response> {
    let id: JobId = parse_id("job", &id)?;
    let layout = match q.layout.as_deref() {
        None => PageLayout::A4,
        Some(typed) => PageLayout::parse(typed).map_err(|_| AppError::invalid("layout", "a4 or 80mm"))?,
    };
    let offset = offset(q.utc_offset_minutes)?;
    let (pdf, draft) = s.db.tx(move |tx| receipts::receipt(tx, id, layout, q.language, offset)).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/pdf".to_owned()),
            (header::CONTENT_DISPOSITION, "inline; filename=\"receipt.pdf\"".to_owned()),
            (header::HeaderName::from_static("outpost-receipt-draft"), draft.to_string()),
        ],
        pdf,
    )
        .into_response())
}

/// A time zone as minutes east of UTC (UTC when not given).
fn offset(minutes: Option<i32>) -> Result<UtcOffset> {
    let minutes = minutes.unwrap_or(0);
    UtcOffset::from_whole_seconds(minutes.saturating_mul(60))
        .ok()
        .filter(|_| (-720..=840).contains(&minutes))
        .ok_or_else(|| AppError::invalid("utc_offset_minutes", "minutes east of UTC, from -720 to 840"))
}

/// The reader's language (English by default) and time zone.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageQuery {
    #[serde(default)]
    language: Option<Language>,
    #[serde(default)]
    utc_offset_minutes: Option<i32>,
}

/// `GET /api/v1/jobs/{id}/page`: the job page's data, its texts in the reader's language.
pub async fn get_page(
    State(s): State<AppState>,
    _: Dispatcher,
    Path(id): Path<String>,
    Params(q): Params<PageQuery>,
) -> Result<Json<JobPage>> {
    let id: JobId = parse_id("job", &id)?;
    let offset = offset(q.utc_offset_minutes)?;
    let language = q.language.unwrap_or(Language::En);
    Ok(Json(s.db.tx(move |tx| job_page::page(tx, id, language, offset)).await?))
}
