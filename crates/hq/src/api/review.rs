//! What the service manager reads (dispatcher token): the audit log, the month's KPIs, and
//! whether a printed receipt's hash belongs to a report HQ holds. Thin: the SQL is in
//! [`crate::audit`] and [`crate::records`].

use axum::extract::{Path, State};
use axum::routing::get;
use axum::{Json, Router};
use outpost_domain::ids::{EngineerId, JobId};
use outpost_wire::kpis::Kpis;
use serde::{Deserialize, Serialize};

use crate::audit;
use crate::auth::Dispatcher;
use crate::error::{AppError, Result};
use crate::json::Params;
use crate::state::AppState;
use crate::{figures, records};

/// The manager's reading routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/audit", get(audit))
        .route("/api/v1/verify/{hash}", get(verify))
        .route("/api/v1/kpis", get(kpis))
}

/// Filters and page of the audit log.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuditQuery {
    job_id: Option<JobId>,
    outcome: Option<audit::Outcome>,
    /// The last `id` of the page before.
    before: Option<i64>,
    /// At most this many (1 to 1000, default 1000).
    limit: Option<usize>,
}

pub async fn audit(
    State(s): State<AppState>,
    _: Dispatcher,
    Params(q): Params<AuditQuery>,
) -> Result<Json<Vec<audit::Listed>>> {
    let limit = q.limit.unwrap_or(1000);
    if !(1..=1000).contains(&limit) {
        return Err(AppError::invalid("limit", "ask for 1 to 1000 entries; page on with before"));
    }
    let filter = audit::Filter { job_id: q.job_id.map(|j| j.to_text()), outcome: q.outcome, before: q.before, limit };
    Ok(Json(s.db.tx(move |tx| audit::list(tx, filter)).await?))
}

/// The month and engineer of a KPI query.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KpiQuery {
    engineer_id: Option<EngineerId>,
    /// `YYYY-MM`.
    month: String,
}

pub async fn kpis(State(s): State<AppState>, _: Dispatcher, Params(q): Params<KpiQuery>) -> Result<Json<Kpis>> {
    let (year, month) = outpost_domain::calendar::parse_month(outpost_domain::field::Field::Month, &q.month)?;
    let now = s.now();
    let kpis = s.db.tx(move |tx| figures::month(tx, year, month, q.engineer_id, now)).await?;
    Ok(Json(kpis.into()))
}

/// The answer to a receipt check.
#[derive(Debug, Serialize)]
pub struct Verification {
    /// Whether HQ holds a signed report with this hash.
    valid: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    job_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    job_number: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    revision: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    signer_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", with = "time::serde::rfc3339::option")]
    signed_at: Option<time::OffsetDateTime>,
    #[serde(skip_serializing_if = "Option::is_none")]
    content_sha256: Option<String>,
    /// The report was corrected after this revision was signed: the receipt was true when
    /// printed, and a later revision replaces it.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    superseded: bool,
}

/// `GET /api/v1/verify/{hash}`: does a printed receipt's hash (the full SHA-256, or the short
/// form `3F2A-91C0-77BE`) match a signed report HQ holds?
pub async fn verify(State(s): State<AppState>, _: Dispatcher, Path(hash): Path<String>) -> Result<Json<Verification>> {
    let hex: String = hash.chars().filter(|c| *c != '-').collect::<String>().to_ascii_lowercase();
    if !(hex.len() == 12 || hex.len() == 64) || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
        return Err(AppError::invalid(
            "hash",
            "give the receipt's hash: 12 hex digits as printed (e.g. 3F2A-91C0-77BE) or the full 64",
        ));
    }
    let Some((report, number, superseded)) = s.db.tx(move |tx| records::signed_report_by_hash(tx, &hex)).await? else {
        return Ok(Json(Verification {
            valid: false,
            job_id: None,
            job_number: None,
            revision: None,
            signer_name: None,
            signed_at: None,
            content_sha256: None,
            superseded: false,
        }));
    };
    let signature = report.signature.ok_or_else(|| AppError::internal("signed report without signature"))?;
    Ok(Json(Verification {
        valid: true,
        job_id: Some(report.job_id.to_text()),
        job_number: Some(number),
        revision: Some(report.revision),
        signer_name: Some(signature.signer_name),
        signed_at: Some(signature.signed_at),
        content_sha256: Some(signature.content_sha256),
        superseded,
    }))
}
