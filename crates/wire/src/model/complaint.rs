//! A complaint as it travels: to the console, and down to the laptop of the engineer whose job
//! it names.

use outpost_domain::complaint as domain;
use outpost_domain::ids::{ComplaintId, CustomerId, EngineerId, JobId};
use outpost_domain::money::Money;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::edge::mirror;

/// How the complaint reached HQ: 来电, 来函, 来人, 经销商.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../console/src/bindings/"))]
pub enum ComplaintChannel {
    Phone,
    Letter,
    Visit,
    Dealer,
}
mirror!(ComplaintChannel = enum domain::Channel { Phone {}, Letter {}, Visit {}, Dealer {} });

/// What the customer complains about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../console/src/bindings/"))]
pub enum ComplaintCategory {
    Attitude,
    Response,
    RepairQuality,
    ProductQuality,
    Charges,
    Other,
}
mirror!(ComplaintCategory = enum domain::Category {
    Attitude {}, Response {}, RepairQuality {}, ProductQuality {}, Charges {}, Other {},
});

/// One step HQ took.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../console/src/bindings/"))]
pub struct Handling {
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub at: OffsetDateTime,
    pub by: String,
    pub text: String,
}
mirror!(Handling = domain::Handling { at, by, text });

/// What the customer is given, and who approved it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../console/src/bindings/"))]
pub struct Compensation {
    pub model: String,
    pub quantity: u32,
    pub amount: Money,
    pub approved_by: String,
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub approved_at: OffsetDateTime,
}
mirror!(Compensation = domain::Compensation { model, quantity, amount, approved_by, approved_at });

/// How it ended: the customer's answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../console/src/bindings/"))]
pub struct Closure {
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub at: OffsetDateTime,
    pub by: String,
    pub customer_answer: String,
    pub accepted: bool,
}
mirror!(Closure = domain::Closure { at, by, customer_answer, accepted });

/// One complaint of the register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../console/src/bindings/"))]
pub struct Complaint {
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub id: ComplaintId,
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub received_at: OffsetDateTime,
    pub channel: ComplaintChannel,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub customer_id: CustomerId,
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub job_id: Option<JobId>,
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub engineer_id: Option<EngineerId>,
    pub category: ComplaintCategory,
    pub text: String,
    pub registered_by: String,
    pub handling: Vec<Handling>,
    pub compensation: Option<Compensation>,
    pub closure: Option<Closure>,
}
mirror!(
    Complaint = domain::Complaint {
        id,
        received_at,
        channel,
        customer_id,
        job_id,
        engineer_id,
        category,
        text,
        registered_by,
        handling,
        compensation,
        closure,
    }
);
