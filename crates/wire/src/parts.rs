//! Parts as HQ's console shows them: the parts-requests inbox with the 15-day clock, and each
//! engineer's van as counted, less what went on reports since.

use outpost_domain::ids::EngineerId;
use outpost_domain::van;
use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};

use crate::edge::mirror;
use crate::model::PartsRequest;

/// A parts request (补件申请) as the dispatcher lists it: its job, its engineer, the day the
/// rules' 15 days run out and whether that has passed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../console/src/bindings/"))]
pub struct PartsRequestLine {
    #[serde(flatten)]
    pub request: PartsRequest,
    pub job_number: String,
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub engineer_id: Option<EngineerId>,
    /// The engineer's name.
    pub engineer: Option<String>,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub due_by: Date,
    pub overdue: bool,
}

/// How long a part has lain still in a van.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../console/src/bindings/"))]
pub enum Staleness {
    Moving,
    StillForAMonth,
    StillForThreeMonths,
}
mirror!(Staleness = enum van::Staleness { Moving {}, StillForAMonth {}, StillForThreeMonths {} });

/// One part in an engineer's van: HQ's last count, what the engineer's reports used since,
/// what is left, and how long it has lain still.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../console/src/bindings/"))]
pub struct VanLevel {
    pub part_code: String,
    /// The catalogue's name; none for a part no longer in the catalogue.
    pub part_name: Option<String>,
    /// The catalogue's spec or model, which tells parts of one name apart.
    pub spec: Option<String>,
    pub counted: u32,
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub counted_at: OffsetDateTime,
    /// On part lines HQ received since the count.
    pub used_since_count: u32,
    /// Below zero: more went on reports than the count held; the van needs counting again.
    pub on_hand: i32,
    /// The count, or the last part line that used it, whichever is later.
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub last_movement_at: OffsetDateTime,
    pub staleness: Staleness,
}
