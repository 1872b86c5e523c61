//! What the screens show, shaped for the UI: ids as strings, the domain's enums as TypeScript
//! string unions, times as RFC 3339 (the UI
//! formats them in the laptop's zone), money already formatted. TypeScript bindings are
//! generated from these types into `ui/src/bindings/` (`cargo test -p outpost-app` writes them).

mod complaint;
mod job;
mod laptop;
mod month;
mod report;

pub use complaint::*;
pub use job::*;
pub use laptop::*;
pub use month::*;
pub use report::*;

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

pub(crate) fn rfc3339(t: OffsetDateTime) -> String {
    t.format(&Rfc3339).unwrap_or_default()
}
