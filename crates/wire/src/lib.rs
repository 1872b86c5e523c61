//! The HTTP contract between laptops and HQ (`/api/v1`). Bodies are JSON; requests refuse
//! unknown fields so a typo is an error, not a silently ignored value. Records and changes travel
//! as this crate's own types ([`model`]), converted from and to the domain's at the edge.

pub mod board;
pub mod callbacks;
pub mod calls;
pub mod complaints;
pub mod conflicts;
pub mod dispatch;
mod edge;
pub mod fleet;
pub mod job_page;
pub mod kpis;
mod labels;
pub mod model;
pub mod parts;
pub mod people;
pub mod plans;
pub mod reminders;
pub mod statistics;
pub mod sync;

/// The header every sync request and every HQ answer carries: the protocol version its sender
/// speaks. A laptop that hears a higher one from HQ tells the engineer to update the app.
pub const PROTOCOL_HEADER: &str = "outpost-protocol";

/// The protocol this build speaks. 1: the first laptops; 2: refusals with codes, record kinds
/// and operations a laptop does not know are skipped.
pub const PROTOCOL: u32 = 2;

use serde::{Deserialize, Serialize};

/// Every error answer of HQ: a stable `code` to switch on, a `message` for people, and the
/// `field` at fault when there is one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorBody {
    pub code: String,
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

/// Limits HQ enforces on request bodies.
pub mod limits {
    /// Largest JSON request body.
    pub const MAX_BODY_BYTES: usize = 4 * 1024 * 1024;
    /// Largest blob (a photo or signature image).
    pub const MAX_BLOB_BYTES: usize = 16 * 1024 * 1024;
    /// Most mutations in one push.
    pub const MAX_BATCH: usize = 1000;
    /// Most changes in one pull page.
    pub const MAX_PULL_PAGE: usize = 1000;
}
