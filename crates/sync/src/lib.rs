//! The laptop's sync with HQ (DESIGN §4): the outbox uploaded exactly once in order, files
//! before the changes that name them, downloads staged and applied whole with their cursor,
//! HQ's "start over" obeyed once, and a background loop that syncs whenever HQ answers.

pub mod client;
pub mod engine;
pub mod error;
pub mod watch;

pub use engine::{CycleReport, device_name, enroll, sync_once, sync_reporting, sync_with_clock};
pub use error::{Result, SyncError};
/// The sync protocol this app speaks (see `device::hq_is_newer`).
pub use outpost_wire::PROTOCOL;
