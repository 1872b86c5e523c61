//! The dispatch board (派工): each engineer's jobs over some days and the queue of jobs nobody
//! has yet, each a card with what a dispatcher decides by.

use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};

use crate::model::{JobStatus, JobType, Severity, UnsignedReason};

/// `GET /api/v1/board?from=YYYY-MM-DD&days=N`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../console/src/bindings/"))]
pub struct Board {
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub from: Date,
    pub days: u32,
    /// HQ's clock when the board was read: the countdowns count from it.
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub now: OffsetDateTime,
    /// Every engineer, by name, with the jobs they hold.
    pub engineers: Vec<EngineerDay>,
    /// Jobs given to nobody yet, oldest call first.
    pub unassigned: Vec<Card>,
}

/// One engineer's row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../console/src/bindings/"))]
pub struct EngineerDay {
    pub id: String,
    pub name: String,
    /// Scheduled in the days shown, then what is still open from earlier days.
    pub jobs: Vec<Card>,
}

/// One job on the board.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../console/src/bindings/"))]
pub struct Card {
    pub id: String,
    pub number: String,
    pub job_type: JobType,
    pub status: JobStatus,
    pub severity: Severity,
    pub customer: String,
    pub site: String,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub scheduled_on: Date,
    /// The promised arrival window.
    #[serde(with = "time::serde::rfc3339::option")]
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub window_from: Option<OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339::option")]
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub window_until: Option<OffsetDateTime>,
    /// When the customer called (the 24-hour reply counts from it).
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub reported_at: OffsetDateTime,
    /// For a job nobody has yet: by when it must be given to an engineer (24 小时答复).
    #[serde(with = "time::serde::rfc3339::option")]
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub reply_due_at: Option<OffsetDateTime>,
    /// The arrival or fix countdown.
    pub sla: Countdown,
    /// Scheduled before the days shown and still not done.
    pub carried_over: bool,
    /// Unresolved: the date promised to the customer.
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub promised_on: Option<Date>,
    /// The engineer left before the customer signed, and why.
    pub left_unsigned: Option<UnsignedReason>,
    /// A laptop time on this job looked wrong against HQ's clock.
    pub clock_suspect: bool,
}

/// The arrival or fix countdown: `{"badge": "arrive_due_in", "minutes": 40}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "badge", content = "minutes")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../console/src/bindings/"))]
pub enum Countdown {
    ArriveDueIn(#[cfg_attr(feature = "ts", ts(type = "number"))] i64),
    ArriveOverdue(#[cfg_attr(feature = "ts", ts(type = "number"))] i64),
    FixDueIn(#[cfg_attr(feature = "ts", ts(type = "number"))] i64),
    FixOverdue(#[cfg_attr(feature = "ts", ts(type = "number"))] i64),
    None,
}

impl From<outpost_domain::sla::SlaBadge> for Countdown {
    fn from(b: outpost_domain::sla::SlaBadge) -> Countdown {
        use outpost_domain::sla::SlaBadge as B;
        match b {
            B::ArriveDueIn(m) => Countdown::ArriveDueIn(m),
            B::ArriveOverdue(m) => Countdown::ArriveOverdue(m),
            B::FixDueIn(m) => Countdown::FixDueIn(m),
            B::FixOverdue(m) => Countdown::FixOverdue(m),
            B::None => Countdown::None,
        }
    }
}
