//! `outpost-hq`: where dispatchers create and assign work and where every laptop syncs.
//! One binary on axum; SQLite by default, PostgreSQL for several processes behind a balancer.

pub mod admin;
mod apply;
pub mod attempts;
mod audit;
pub mod auth;
pub mod cli;
mod conflicts;
pub mod db;
pub mod dispatch;
mod dispatch_api;
pub mod enroll;
pub mod error;
mod json;
pub mod log;
pub mod parts_requests;
pub mod push;
pub mod records;
mod review;
pub mod state;
mod sync;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post, put};
use outpost_wire::limits::{MAX_BLOB_BYTES, MAX_BODY_BYTES};
use tower_http::trace::{DefaultMakeSpan, DefaultOnResponse, TraceLayer};
use tracing::Level;

pub use error::{AppError, Result};
pub use state::AppState;

/// The whole server as one router, so tests can call it without a socket.
pub fn app(state: AppState) -> Router {
    let blobs = Router::new()
        .route("/api/v1/blobs/{sha256}", put(sync::put_blob).get(sync::get_blob))
        .layer(DefaultBodyLimit::max(MAX_BLOB_BYTES + 1024));
    let api = Router::new()
        .route("/api/v1/enroll", post(enroll::enroll))
        .route("/api/v1/sync/push", post(push::push))
        .route("/api/v1/sync/clients", post(push::register_client))
        .route("/api/v1/sync/pull", get(sync::pull))
        .route("/api/v1/customers", post(dispatch_api::create_customer).get(dispatch_api::list_customers))
        .route("/api/v1/customers/{id}", get(dispatch_api::get_customer).put(dispatch_api::update_customer))
        .route("/api/v1/sites", post(dispatch_api::create_site))
        .route("/api/v1/sites/{id}", get(dispatch_api::get_site).put(dispatch_api::update_site))
        .route("/api/v1/equipment", post(dispatch_api::create_equipment))
        .route("/api/v1/equipment/{id}", get(dispatch_api::get_equipment).put(dispatch_api::update_equipment))
        .route("/api/v1/parts", post(dispatch_api::create_part).get(dispatch_api::list_parts))
        .route("/api/v1/parts/{id}", put(dispatch_api::update_part))
        .route("/api/v1/jobs", post(dispatch_api::create_job).get(dispatch_api::list_jobs))
        .route("/api/v1/jobs/{id}", get(dispatch_api::get_job).put(dispatch_api::update_job))
        .route("/api/v1/jobs/{id}/signature", get(dispatch_api::get_signature))
        .route("/api/v1/jobs/{id}/assign", post(dispatch_api::assign))
        .route("/api/v1/jobs/{id}/cancel", post(dispatch_api::cancel))
        .route("/api/v1/jobs/{id}/close", post(dispatch_api::close))
        .route("/api/v1/engineers", get(dispatch_api::list_engineers))
        .route("/api/v1/engineers/{id}/code", post(dispatch_api::reissue_code))
        .route("/api/v1/engineers/{id}/van-stock", get(dispatch_api::get_van_stock).put(dispatch_api::count_van))
        .route("/api/v1/parts-requests", get(parts_requests::list_requests))
        .route("/api/v1/parts-requests/{id}/promise", post(parts_requests::promise))
        .route("/api/v1/parts-requests/{id}/deliver", post(parts_requests::deliver))
        .route("/api/v1/parts-requests/{id}/decline", post(parts_requests::decline))
        .route("/api/v1/company", get(dispatch_api::get_company).put(dispatch_api::set_company))
        .route("/api/v1/audit", get(review::audit))
        .route("/api/v1/conflicts", get(conflicts::conflicts))
        .route("/api/v1/verify/{hash}", get(review::verify))
        .route("/api/v1/kpis", get(review::kpis))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES));
    Router::new()
        .route("/healthz", get(|| async { "ok" }))
        .merge(api)
        .merge(blobs)
        .fallback(|| async { AppError::NotFound("no such endpoint: see docs/api.md".into()) })
        .layer(axum::middleware::map_response(stamp_protocol))
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(DefaultMakeSpan::new().level(Level::INFO))
                .on_request(())
                .on_response(DefaultOnResponse::new().level(Level::INFO)),
        )
        .with_state(state)
}

/// Every answer names the sync protocol this HQ speaks (`Outpost-Protocol`): a laptop that
/// hears a newer one tells its engineer to update the app.
async fn stamp_protocol(mut response: axum::response::Response) -> axum::response::Response {
    let protocol = axum::http::HeaderValue::from(outpost_wire::PROTOCOL);
    response.headers_mut().insert(outpost_wire::PROTOCOL_HEADER, protocol);
    response
}
