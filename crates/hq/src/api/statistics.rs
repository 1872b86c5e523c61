//! The month's statistics (维修统计表) as JSON, CSV, an Excel workbook or a printable PDF.

use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use outpost_domain::calendar::parse_month;
use outpost_domain::customer::Language;
use outpost_domain::field::Field;
use outpost_domain::ids::EngineerId;
use serde::Deserialize;

use crate::auth::Dispatcher;
use crate::error::{AppError, Result};
use crate::json::Params;
use crate::state::AppState;
use crate::{dispatch, statistics, statistics_sheets};

/// The route of the statistics.
pub fn router() -> Router<AppState> {
    Router::new().route("/api/v1/statistics", get(month))
}

/// `month` (`YYYY-MM`), one engineer when given, `format` (`json` by default, `csv`, `xlsx`,
/// `pdf`) and the sheets' language (English by default).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatisticsQuery {
    month: String,
    #[serde(default)]
    engineer_id: Option<EngineerId>,
    #[serde(default)]
    format: Option<String>,
    #[serde(default)]
    language: Option<Language>,
}

/// `GET /api/v1/statistics?month=YYYY-MM[&engineer_id=][&format=csv|xlsx|pdf]`.
pub async fn month(State(s): State<AppState>, _: Dispatcher, Params(q): Params<StatisticsQuery>) -> Result<Response> {
    let (year, month) = parse_month(Field::Month, &q.month)?;
    let format = q.format.unwrap_or_else(|| "json".to_owned());
    if !["json", "csv", "xlsx", "pdf"].contains(&format.as_str()) {
        return Err(AppError::invalid("format", format!("'{format}' is not a format: use json, csv, xlsx or pdf")));
    }
    let (today, now, offset) = (s.today(), s.now(), s.offset);
    let engineer = q.engineer_id;
    let language = q.language.unwrap_or(Language::En);
    let (stats, company) = s
        .db
        .tx(move |tx| Ok((statistics::month(tx, year, month, engineer, today, now, offset)?, dispatch::company(tx)?)))
        .await?;
    let name = format!("statistics-{}", stats.month);
    let file = |kind: &'static str, ext: &str, bytes: Vec<u8>| {
        let disposition = format!("attachment; filename=\"{name}.{ext}\"");
        ([(header::CONTENT_TYPE, kind.to_owned()), (header::CONTENT_DISPOSITION, disposition)], bytes).into_response()
    };
    Ok(match format.as_str() {
        "csv" => file("text/csv; charset=utf-8", "csv", statistics_sheets::csv(&stats, language).into_bytes()),
        "xlsx" => file(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "xlsx",
            statistics_sheets::xlsx(&stats, language)?,
        ),
        "pdf" => file("application/pdf", "pdf", statistics_sheets::pdf(&stats, company, language)?),
        _ => Json(stats).into_response(),
    })
}
