//! A job as it travels: the job, its recorded moves, and who made them.

use outpost_domain::ids::{CustomerId, EngineerId, EquipmentId, JobId, SiteId};
use outpost_domain::job as domain;
use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};

use crate::edge::{both_ways, mirror};

/// The kind of visit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../console/src/bindings/"))]
pub enum JobType {
    Repair,
    Installation,
    Inspection,
    Maintenance,
    Callback,
}
mirror!(JobType = enum domain::JobType { Repair {}, Installation {}, Inspection {}, Maintenance {}, Callback {} });

/// Where a job is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../console/src/bindings/"))]
pub enum JobStatus {
    Assigned,
    EnRoute,
    OnSite,
    Completed,
    Unresolved,
    Signed,
    Departed,
    Closed,
    Cancelled,
}
mirror!(JobStatus = enum domain::JobStatus {
    Assigned {}, EnRoute {}, OnSite {}, Completed {}, Unresolved {}, Signed {}, Departed {}, Closed {}, Cancelled {},
});

/// How urgent the fault is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../console/src/bindings/"))]
pub enum Severity {
    #[default]
    Common,
    Major,
}
mirror!(Severity = enum domain::Severity { Common {}, Major {} });

/// Who made a change: `{"kind": "engineer", "id": …}` or `{"kind": "hq"}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "id")]
pub enum Actor {
    Engineer(EngineerId),
    Hq,
}

impl From<domain::Actor> for Actor {
    fn from(actor: domain::Actor) -> Actor {
        match actor {
            domain::Actor::Engineer(id) => Actor::Engineer(id),
            domain::Actor::Hq => Actor::Hq,
        }
    }
}

impl From<Actor> for domain::Actor {
    fn from(actor: Actor) -> domain::Actor {
        match actor {
            Actor::Engineer(id) => domain::Actor::Engineer(id),
            Actor::Hq => domain::Actor::Hq,
        }
    }
}
both_ways!(Actor = domain::Actor);

/// The arrival window promised to the customer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Window {
    #[serde(with = "time::serde::rfc3339")]
    pub from: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub until: OffsetDateTime,
}
mirror!(Window = domain::Window { from, until });

/// Why the visit could not finish the job, and the date promised to the customer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unresolved {
    pub reason: String,
    pub promised_on: Date,
}
mirror!(Unresolved = domain::Unresolved { reason, promised_on });

/// When each step of the visit happened, on the device's clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct VisitTimes {
    #[serde(with = "time::serde::rfc3339::option")]
    pub en_route_at: Option<OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub arrived_at: Option<OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub finished_at: Option<OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub signed_at: Option<OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub departed_at: Option<OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub closed_at: Option<OffsetDateTime>,
    /// HQ found one of the engineer's times impossible.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub clock_suspect: bool,
}
mirror!(
    VisitTimes =
        domain::VisitTimes { en_route_at, arrived_at, finished_at, signed_at, departed_at, closed_at, clock_suspect }
);

/// Why the engineer left before the customer signed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../console/src/bindings/"))]
pub enum UnsignedReason {
    CustomerAbsent,
    CustomerRefused,
    Other,
}
mirror!(UnsignedReason = enum domain::UnsignedReason { CustomerAbsent {}, CustomerRefused {}, Other {} });

/// Leaving before the customer signed, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeftUnsigned {
    pub reason: UnsignedReason,
    pub note: Option<String>,
}
mirror!(LeftUnsigned = domain::LeftUnsigned { reason, note });

/// A job: one visit's work at one site.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Job {
    pub id: JobId,
    /// The number people quote on the phone, e.g. `J2611-000042`.
    pub number: String,
    pub job_type: JobType,
    pub status: JobStatus,
    pub severity: Severity,
    pub customer_id: CustomerId,
    pub site_id: SiteId,
    pub equipment_id: Option<EquipmentId>,
    pub engineer_id: Option<EngineerId>,
    pub reported_fault: String,
    #[serde(with = "time::serde::rfc3339")]
    pub reported_at: OffsetDateTime,
    pub scheduled_on: Date,
    pub window: Option<Window>,
    /// The earlier visit this one continues.
    pub previous_visit: Option<JobId>,
    pub unresolved: Option<Unresolved>,
    pub cancel_reason: Option<String>,
    pub times: VisitTimes,
    /// The engineer left before the customer signed, and said why.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub left_unsigned: Option<LeftUnsigned>,
}
mirror!(
    Job = domain::Job {
        id,
        number,
        job_type,
        status,
        severity,
        customer_id,
        site_id,
        equipment_id,
        engineer_id,
        reported_fault,
        reported_at,
        scheduled_on,
        window,
        previous_visit,
        unresolved,
        cancel_reason,
        times,
        left_unsigned,
    }
);

/// A recorded move of a job.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JobEvent {
    pub job_id: JobId,
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
    pub actor: Actor,
    pub from: JobStatus,
    pub to: JobStatus,
    pub note: Option<String>,
    /// When HQ received the move (HQ's clock), beside `at` (the device's).
    #[serde(default, skip_serializing_if = "Option::is_none", with = "time::serde::rfc3339::option")]
    pub received_at: Option<OffsetDateTime>,
    /// `at` cannot be right.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub clock_suspect: bool,
    /// What `note` says, as facts (absent from older HQs' events; a kind this app does not
    /// know is skipped, `note` keeps its English words).
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "known_note")]
    pub said: Option<EventNote>,
}
mirror!(JobEvent = domain::JobEvent { job_id, at, actor, from, to, note, received_at, clock_suspect, said });

/// An event's facts, or none when a newer HQ says something this app does not know.
fn known_note<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<EventNote>, D::Error> {
    Ok(serde_json::from_value(serde_json::Value::deserialize(d)?).ok())
}

/// What an event states, as facts the reader words in their language: `{"say": "rescheduled",
/// "from": …, "to": …}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "say", rename_all = "snake_case")]
pub enum EventNote {
    Unresolved { reason: String, promised_on: Date },
    Cancelled { reason: String },
    Reassigned { engineer: Option<String> },
    LeftUnsigned { reason: UnsignedReason, note: Option<String> },
    Reopened,
    Created { number: String, engineer: Option<String>, continues: Option<String> },
    Assigned { engineer: String },
    Rescheduled { from: Date, to: Date },
    Corrected { from: u32, to: u32, reason: String },
}
mirror!(EventNote = enum domain::EventNote {
    Unresolved { reason, promised_on },
    Cancelled { reason },
    Reassigned { engineer },
    LeftUnsigned { reason, note },
    Reopened {},
    Created { number, engineer, continues },
    Assigned { engineer },
    Rescheduled { from, to },
    Corrected { from, to, reason },
});
