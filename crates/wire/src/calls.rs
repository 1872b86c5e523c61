//! Taking a call (报修受理): finding the caller among the customers, their archive to pick the
//! site and equipment from, and the register of calls and letters (来电来函登记).

use outpost_domain::call as domain;
use outpost_domain::ids::CustomerId;
use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};

use crate::dispatch::JobInput;
use crate::model::{Customer, Equipment, JobStatus, JobType, Site};

/// How the customer reached HQ.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../console/src/bindings/"))]
pub enum Channel {
    /// 来电.
    #[default]
    Phone,
    /// 来函: a letter, fax or e-mail.
    Letter,
}
crate::edge::mirror!(Channel = enum domain::Channel { Phone {}, Letter {} });

/// `POST /api/v1/calls`: a call as it was taken, and either the job made for it or the answer
/// given there and then.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../console/src/bindings/"))]
pub struct CallInput {
    /// When the call or letter came in; default now. A job made for it is reported then.
    #[serde(default, with = "time::serde::rfc3339::option")]
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub received_at: Option<OffsetDateTime>,
    #[serde(default)]
    pub channel: Channel,
    pub caller: String,
    #[serde(default)]
    pub phone: String,
    /// The customer, when the caller is one HQ knows; a job's site says it when left out.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub customer_id: Option<CustomerId>,
    /// What the customer said.
    pub subject: String,
    /// The job made for the call.
    #[serde(default)]
    pub job: Option<JobInput>,
    /// Or the answer given.
    #[serde(default)]
    pub answer: Option<String>,
}

/// One entry of the register, as `GET /api/v1/calls` lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../console/src/bindings/"))]
pub struct Call {
    pub id: String,
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub received_at: OffsetDateTime,
    pub channel: Channel,
    pub caller: String,
    pub phone: Option<String>,
    pub customer_id: Option<String>,
    pub customer: Option<String>,
    pub subject: String,
    /// The job made for it…
    pub job_id: Option<String>,
    pub job_number: Option<String>,
    /// …or the answer given.
    pub answer: Option<String>,
    /// Who took it: a person's name, or a script's token name.
    pub taken_by: String,
}

/// What a search matched on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../console/src/bindings/"))]
pub enum Matched {
    Name,
    Phone,
    Serial,
}

/// `GET /api/v1/callers?q=`: a customer found by name, a contact's phone, or an equipment serial.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../console/src/bindings/"))]
pub struct CallerMatch {
    pub customer_id: String,
    pub customer: String,
    pub matched: Matched,
    /// What matched, as a dispatcher reads it: the name, `李经理 0531-8888 6666`, or
    /// `HL-2024-0117 · 宏力 CPD30 · 一厂`.
    pub text: String,
    /// A serial match names its equipment and site, to pick them at once.
    pub site_id: Option<String>,
    pub equipment_id: Option<String>,
}

/// `GET /api/v1/customers/{id}/archive` (客户档案): the customer with its sites, its equipment
/// with the warranty on today's date, and its jobs, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../console/src/bindings/"))]
pub struct Archive {
    pub customer: Customer,
    pub sites: Vec<Site>,
    pub equipment: Vec<ArchivedEquipment>,
    pub jobs: Vec<PastJob>,
    /// The month of each quarter (1, 2 or 3) the customer is called back in; `null`: no plan.
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub callback_plan: Option<u8>,
}

/// Equipment and whether its warranty covers today.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../console/src/bindings/"))]
pub struct ArchivedEquipment {
    #[serde(flatten)]
    pub equipment: Equipment,
    pub in_warranty: bool,
}

/// One job of a customer's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../console/src/bindings/"))]
pub struct PastJob {
    pub id: String,
    pub number: String,
    pub job_type: JobType,
    pub status: JobStatus,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub scheduled_on: Date,
    pub site_id: String,
    pub equipment_id: Option<String>,
    pub engineer: Option<String>,
    pub reported_fault: String,
}
