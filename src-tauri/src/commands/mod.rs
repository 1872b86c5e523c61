//! Tauri commands, one file per feature; each body runs off the async runtime, calls one
//! action of the engineer's laptop (`outpost-laptop`) and maps the answer to a view.

#[cfg(test)]
mod bindings;
pub mod jobs;
pub mod month;
pub mod receipt;
pub mod report;
pub mod settings;
pub mod sync;

use time::OffsetDateTime;

fn now() -> OffsetDateTime {
    OffsetDateTime::now_utc()
}
