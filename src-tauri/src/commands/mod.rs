//! Tauri commands, one file per feature; each body takes the state, calls one library
//! function and maps the answer to a view.

#[cfg(test)]
mod bindings;
pub mod jobs;
pub mod receipt;
pub mod report;
pub mod settings;
pub mod sync;

use outpost_domain::ids::JobId;
use time::OffsetDateTime;

use crate::error::{AppError, Result};

/// A job id from the UI.
fn job_id(id: &str) -> Result<JobId> {
    id.parse().map_err(|_| AppError::NotAJob(id.to_owned()))
}

fn now() -> OffsetDateTime {
    OffsetDateTime::now_utc()
}
