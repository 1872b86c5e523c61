//! `GET /api/v1/reminders`: what HQ is to act on before it is late, soonest first.

use outpost_domain::reminder as domain;
use serde::{Deserialize, Serialize};
use time::Date;

use crate::edge::mirror;

/// What a reminder is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../console/src/bindings/"))]
pub enum ReminderKind {
    WarrantyEnding,
    PlanEnding,
    PartsRequest,
    FactoryRepair,
    PromiseDue,
}
mirror!(ReminderKind = enum domain::ReminderKind {
    WarrantyEnding {}, PlanEnding {}, PartsRequest {}, FactoryRepair {}, PromiseDue {},
});

/// One reminder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../console/src/bindings/"))]
pub struct Reminder {
    pub kind: ReminderKind,
    /// The day it is due: the period's end, the request's limit, the factory's working days'
    /// end, the promised day.
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub due_on: Date,
    /// Days from today to `due_on`; below zero when past.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub days_left: i64,
    pub customer_id: String,
    pub customer: String,
    pub job_id: Option<String>,
    pub job_number: Option<String>,
    pub engineer: Option<String>,
    pub equipment_id: Option<String>,
    /// Brand, model and serial.
    pub equipment: Option<String>,
    /// What it is about in the words HQ has: the parts asked for, why the visit was unresolved,
    /// the plan's work.
    pub detail: String,
}

/// The reminders of a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../console/src/bindings/"))]
pub struct Reminders {
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub today: Date,
    pub reminders: Vec<Reminder>,
}
