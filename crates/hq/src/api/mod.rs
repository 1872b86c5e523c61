//! HQ's HTTP API for dispatchers and the service manager: one module per resource, each with
//! its own routes; thin handlers over [`crate::dispatch`], [`crate::records`] and the
//! per-table modules.

mod board;
mod callbacks;
mod calls;
mod catalogue;
mod complaints;
mod conflicts;
mod customers;
mod engineers;
mod jobs;
mod parts_requests;
mod people;
mod plans;
mod receipts;
mod reminders;
mod review;
mod statistics;

use axum::Router;

use crate::error::{AppError, Result};
use crate::state::AppState;

/// Every dispatcher route.
pub fn router() -> Router<AppState> {
    Router::new()
        .merge(board::router())
        .merge(callbacks::router())
        .merge(calls::router())
        .merge(customers::router())
        .merge(catalogue::router())
        .merge(complaints::router())
        .merge(conflicts::router())
        .merge(jobs::router())
        .merge(engineers::router())
        .merge(parts_requests::router())
        .merge(people::router())
        .merge(plans::router())
        .merge(receipts::router())
        .merge(reminders::router())
        .merge(review::router())
        .merge(statistics::router())
}

pub(crate) fn parse_id<T: std::str::FromStr>(what: &str, s: &str) -> Result<T> {
    s.parse().map_err(|_| AppError::NotFound(format!("{what} {s} does not exist")))
}
