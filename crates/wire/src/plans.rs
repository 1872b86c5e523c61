//! Maintenance plans (巡检 / 保养计划): a plan per equipment and work, the visits it made and
//! where each stands, planned against done.

use outpost_domain::ids::{EngineerId, EquipmentId, PlanId};
use outpost_domain::plan as domain;
use serde::{Deserialize, Serialize};
use time::Date;

use crate::edge::mirror;
use crate::model::{JobStatus, JobType};

/// A plan of visits to one piece of equipment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../console/src/bindings/"))]
pub struct Plan {
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub id: PlanId,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub equipment_id: EquipmentId,
    pub job_type: JobType,
    pub every_months: u8,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub first_on: Date,
    /// The last day a visit may fall on: the end of the maintenance period.
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub until: Date,
    pub lead_days: u8,
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub engineer_id: Option<EngineerId>,
    /// Visits due before this day are never made (the month the plan was made in).
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub since: Date,
}
mirror!(
    Plan = domain::Plan { id, equipment_id, job_type, every_months, first_on, until, lead_days, engineer_id, since }
);

/// `POST /api/v1/plans` and `PUT /api/v1/plans/{id}`: `until` defaults to the equipment's
/// warranty end, `lead_days` to 14, the engineer to the one who last visited the site.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../console/src/bindings/"))]
pub struct PlanInput {
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub equipment_id: EquipmentId,
    pub job_type: JobType,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub every_months: i64,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub first_on: Date,
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(type = "string | null", optional))]
    pub until: Option<Date>,
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(type = "number | null", optional))]
    pub lead_days: Option<i64>,
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(type = "string | null", optional))]
    pub engineer_id: Option<EngineerId>,
}

impl PlanInput {
    /// The domain's input (the equipment is looked up apart).
    pub fn to_domain(&self) -> domain::PlanInput {
        domain::PlanInput {
            job_type: self.job_type.into(),
            every_months: self.every_months,
            first_on: self.first_on,
            until: self.until,
            lead_days: self.lead_days,
            engineer_id: self.engineer_id,
        }
    }
}

/// Where a planned visit stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../console/src/bindings/"))]
pub enum Standing {
    Pending,
    Done,
    Late,
    Missed,
}
mirror!(Standing = enum domain::Standing { Pending {}, Done {}, Late {}, Missed {} });

/// Planned visits against done ones.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../console/src/bindings/"))]
pub struct Tally {
    pub planned: u32,
    pub done: u32,
    pub late: u32,
    pub missed: u32,
    pub pending: u32,
}
mirror!(Tally = domain::Tally { planned, done, late, missed, pending });

/// The equipment a plan or visit is of, as people name it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../console/src/bindings/"))]
pub struct PlannedEquipment {
    pub customer_id: String,
    pub customer: String,
    pub site: String,
    /// Brand and model.
    pub model: String,
    pub serial: String,
}

/// One plan as `GET /api/v1/plans` lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../console/src/bindings/"))]
pub struct PlanEntry {
    #[serde(flatten)]
    pub plan: Plan,
    pub equipment: PlannedEquipment,
    /// The plan's own engineer.
    pub engineer: Option<String>,
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub next_due: Option<Date>,
    /// Every visit the plan made so far.
    pub tally: Tally,
}

/// One planned visit as `GET /api/v1/plans/visits?month=YYYY-MM` lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../console/src/bindings/"))]
pub struct PlannedVisit {
    pub plan_id: String,
    pub equipment_id: String,
    pub equipment: PlannedEquipment,
    pub job_type: JobType,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub due_on: Date,
    pub job_id: String,
    pub job_number: String,
    pub status: JobStatus,
    pub engineer: Option<String>,
    pub standing: Standing,
}

/// A month's planned visits with their count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../console/src/bindings/"))]
pub struct PlannedMonth {
    pub month: String,
    pub tally: Tally,
    pub visits: Vec<PlannedVisit>,
}
