//! What a dispatcher sends to HQ to create and assign work.

use outpost_domain::customer::Language;
use outpost_domain::ids::{CustomerId, EngineerId, EquipmentId, SiteId};
use outpost_domain::job::{JobType, Severity};
use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};

/// A contact of a new or changed customer; `id` names an existing contact to change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../console/src/bindings/"))]
pub struct ContactInput {
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub id: Option<outpost_domain::ids::ContactId>,
    pub name: String,
    pub phone: String,
    #[serde(default)]
    pub role: Option<String>,
    /// As `GET` answers it; HQ numbers the versions itself, so a read-modify-write may send it back.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub version: Option<u64>,
}

/// `POST /api/v1/customers`, `PUT /api/v1/customers/{id}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../console/src/bindings/"))]
pub struct CustomerInput {
    /// As `GET` answers it; when sent it must be the customer of the path.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub id: Option<CustomerId>,
    pub name: String,
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(as = "crate::model::Language"))]
    pub language: Language,
    #[serde(default)]
    pub contacts: Vec<ContactInput>,
    /// Absent: kept as it is; empty: cleared.
    #[serde(default)]
    pub notes: Option<String>,
}

/// `POST /api/v1/sites`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../console/src/bindings/"))]
pub struct SiteInput {
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub customer_id: CustomerId,
    pub name: String,
    pub address: String,
    #[serde(default)]
    pub directions: String,
}

/// `POST /api/v1/equipment`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../console/src/bindings/"))]
pub struct EquipmentInput {
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub site_id: SiteId,
    pub brand: String,
    pub model: String,
    pub serial: String,
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub installed_on: Option<Date>,
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub accepted_on: Option<Date>,
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub warranty_end: Option<Date>,
    #[serde(default)]
    pub software_version: String,
    #[serde(default)]
    pub connection_notes: String,
}

/// `POST /api/v1/parts`: prices in minor units of `currency`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../console/src/bindings/"))]
pub struct PartInput {
    pub code: String,
    pub name: String,
    #[serde(default)]
    pub spec: String,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub unit_cost: i64,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub unit_price: i64,
    pub currency: String,
    /// Codes of catalogue parts that may be fitted instead.
    #[serde(default)]
    pub substitutes: Vec<String>,
    /// Where the part is kept (库位), e.g. `A-03-2`.
    #[serde(default)]
    pub bin: String,
    /// `repair` (the default) or `consumable` (易耗件, not free in warranty).
    #[serde(default)]
    pub class: crate::model::PartClass,
}

/// `PUT /api/v1/engineers/{id}/van-stock`: a count of the engineer's van.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../console/src/bindings/"))]
pub struct VanCountInput {
    pub parts: Vec<VanCountLine>,
}

/// One counted part: its catalogue code and how many are in the van.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../console/src/bindings/"))]
pub struct VanCountLine {
    pub part_code: String,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub counted: i64,
}

/// `POST /api/v1/parts-requests/{id}/promise`: the date HQ promises the part by.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../console/src/bindings/"))]
pub struct PromiseInput {
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub deliver_by: Date,
}

/// `POST /api/v1/parts-requests/{id}/decline`: why HQ will not send the part.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../console/src/bindings/"))]
pub struct DeclineInput {
    pub reason: String,
}

/// `POST /api/v1/jobs`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../console/src/bindings/"))]
pub struct JobInput {
    #[cfg_attr(feature = "ts", ts(as = "crate::model::JobType"))]
    pub job_type: JobType,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub site_id: SiteId,
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub equipment_id: Option<EquipmentId>,
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub engineer_id: Option<EngineerId>,
    pub reported_fault: String,
    /// When the customer called or wrote (来电来函时间), when it was before the job was
    /// entered: the 24-hour reply is counted from then. Default: now.
    #[serde(default, with = "time::serde::rfc3339::option")]
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub reported_at: Option<OffsetDateTime>,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub scheduled_on: Date,
    #[serde(default, with = "time::serde::rfc3339::option")]
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub window_from: Option<OffsetDateTime>,
    #[serde(default, with = "time::serde::rfc3339::option")]
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub window_until: Option<OffsetDateTime>,
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(as = "crate::model::Severity"))]
    pub severity: Severity,
    /// The earlier visit this one continues (a second visit after an unresolved one): same
    /// customer; a first-visit fix counts the two as one.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub previous_visit: Option<outpost_domain::ids::JobId>,
}

/// `PUT /api/v1/jobs/{id}`: what a dispatcher may change on a job that is not finished, or on
/// an unresolved one (moved to the date promised to the customer).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../console/src/bindings/"))]
pub struct JobUpdate {
    pub reported_fault: String,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub scheduled_on: Date,
    #[serde(default, with = "time::serde::rfc3339::option")]
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub window_from: Option<OffsetDateTime>,
    #[serde(default, with = "time::serde::rfc3339::option")]
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub window_until: Option<OffsetDateTime>,
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(as = "crate::model::Severity"))]
    pub severity: Severity,
}

/// `POST /api/v1/jobs/{id}/assign`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AssignInput {
    pub engineer_id: EngineerId,
    /// Who the dispatcher saw holding the job (an engineer's id, or `queue` for nobody): when
    /// someone else moved it meanwhile, HQ answers 409 instead of moving it again.
    #[serde(default)]
    pub if_held_by: Option<String>,
}

/// `POST /api/v1/jobs/{id}/cancel`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../console/src/bindings/"))]
pub struct CancelInput {
    pub reason: String,
}

/// An engineer as `GET /api/v1/engineers` lists them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../console/src/bindings/"))]
pub struct Engineer {
    pub id: String,
    pub name: String,
}
