//! What the screens show, shaped for the UI: ids and enums as strings, times as RFC 3339 (the UI
//! formats them in the laptop's zone), money already formatted. TypeScript bindings are
//! generated from these types into `ui/src/bindings/` (`cargo test -p outpost-app` writes them).

mod job;
mod laptop;
mod report;

pub use job::*;
pub use laptop::*;
pub use report::*;

use serde::Serialize;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

pub(crate) fn rfc3339(t: OffsetDateTime) -> String {
    t.format(&Rfc3339).unwrap_or_default()
}

/// The serde name of a unit enum value (`on_site`, `misuse`, …).
pub(crate) fn snake<T: Serialize>(value: &T) -> String {
    serde_json::to_value(value).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
}
