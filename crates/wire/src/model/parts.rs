//! Parts as they travel: the catalogue, the lines used on a job, the requests to HQ and the van.

use outpost_domain::ids::{JobId, PartId, PartLineId, PartsRequestId};
use outpost_domain::money::Money;
use outpost_domain::{part, parts_request, van};
use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};

use crate::edge::mirror;
use crate::model::settings::PartPrice;

/// A part in HQ's catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../console/src/bindings/"))]
pub struct Part {
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub id: PartId,
    pub code: String,
    pub name: String,
    pub spec: Option<String>,
    /// Codes of parts that may be fitted instead.
    pub substitutes: Vec<String>,
    pub unit_cost: Money,
    pub unit_price: Money,
    /// Where HQ keeps it (库位); absent when not said.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub bin: Option<String>,
    /// `repair` (维修件) or `consumable` (易耗件); a repair part when HQ does not say.
    #[serde(default)]
    pub class: PartClass,
}
mirror!(Part = part::Part { id, code, name, spec, substitutes, unit_cost, unit_price, bin, class });

/// What kind of part it is, for the warranty.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../console/src/bindings/"))]
pub enum PartClass {
    #[default]
    Repair,
    Consumable,
}
mirror!(PartClass = enum part::PartClass { Repair {}, Consumable {} });

/// Why the old part failed: decides the charge under warranty.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../console/src/bindings/"))]
pub enum FaultOrigin {
    #[default]
    Quality,
    Misuse,
}
mirror!(FaultOrigin = enum part::FaultOrigin { Quality {}, Misuse {} });

/// A part used on a job.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartLine {
    pub id: PartLineId,
    pub job_id: JobId,
    pub part_code: String,
    pub part_name: String,
    pub quantity: u32,
    pub origin: FaultOrigin,
    #[serde(default)]
    pub class: PartClass,
    pub unit_cost: Money,
    pub unit_price: Money,
}
mirror!(PartLine = part::PartLine { id, job_id, part_code, part_name, quantity, origin, class, unit_cost, unit_price });

/// Where HQ's answer to a parts request stands: `{"state": "promised", "deliver_by": …}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../console/src/bindings/"))]
pub enum RequestState {
    Requested,
    Promised {
        #[cfg_attr(feature = "ts", ts(type = "string"))]
        deliver_by: Date,
    },
    Delivered {
        #[serde(with = "time::serde::rfc3339")]
        #[cfg_attr(feature = "ts", ts(type = "string"))]
        at: OffsetDateTime,
    },
    Declined {
        reason: String,
    },
}
mirror!(RequestState = enum parts_request::RequestState {
    Requested {}, Promised { deliver_by }, Delivered { at }, Declined { reason },
});

/// A part asked of HQ for a job (补件申请), with HQ's answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../console/src/bindings/"))]
pub struct PartsRequest {
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub id: PartsRequestId,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub job_id: JobId,
    pub part_code: String,
    pub part_name: String,
    pub quantity: u32,
    pub origin: FaultOrigin,
    pub note: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub requested_at: OffsetDateTime,
    #[serde(flatten)]
    pub state: RequestState,
    /// What the customer pays (zero: a free 补件); absent from requests made before prices were kept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub price: Option<PartPrice>,
}
mirror!(
    PartsRequest = parts_request::PartsRequest {
        id,
        job_id,
        part_code,
        part_name,
        quantity,
        origin,
        note,
        requested_at,
        state,
        price,
    }
);

/// One part in an engineer's van, as HQ last counted it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../console/src/bindings/"))]
pub struct VanStock {
    pub part_code: String,
    pub counted: u32,
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub counted_at: OffsetDateTime,
}
mirror!(VanStock = van::VanStock { part_code, counted, counted_at });
