//! `outpost-hq`: where dispatchers create and assign work and where every laptop syncs.
//! One binary on axum; SQLite by default, PostgreSQL for several processes behind a balancer.

pub mod admin;
mod api;
mod apply;
mod archive;
pub mod attempts;
mod audit;
mod audit_words;
pub mod auth;
pub mod board;
pub mod callbacks;
mod calls;
pub mod cli;
pub mod complaints;
mod conflicts;
mod console;
pub mod db;
pub mod dispatch;
pub mod enroll;
pub mod error;
pub mod figures;
pub mod fleet;
mod inspection_report;
mod job_page;
mod json;
pub mod log;
mod month_records;
pub mod parts_requests;
pub mod people;
pub mod plans;
pub mod promises;
pub mod push;
mod receipts;
pub mod records;
mod reminders;
pub mod state;
pub mod statistics;
pub mod statistics_sheets;
mod sync;
pub mod tick;
mod vans;

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
    // The laptops' routes here; the dispatchers' in `api`, one module per resource.
    let api = Router::new()
        .route("/api/v1/enroll", post(enroll::enroll))
        .route("/api/v1/sync/push", post(push::push))
        .route("/api/v1/sync/clients", post(push::register_client))
        .route("/api/v1/sync/pull", get(sync::pull))
        .merge(api::router())
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES));
    Router::new()
        .route("/healthz", get(|| async { "ok" }))
        .merge(api)
        .merge(blobs)
        .fallback(console::serve)
        .layer(axum::middleware::from_fn(error::speak))
        .layer(axum::middleware::map_response(stamp_protocol))
        .layer(axum::middleware::map_response(console::secure))
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
