//! Values for the domain's own unit tests.

use time::OffsetDateTime;
use time::macros::{date, datetime};
use uuid::Uuid;

use crate::ids::*;
use crate::job::{Job, JobStatus, JobType, Severity, VisitTimes};
use crate::money::{Currency, Money};
use crate::part::{FaultOrigin, Part, PartLine};
use crate::rating::{Dimension, Rating, Ratings, Satisfaction};
use crate::report::ServiceReport;

pub const ENGINEER: EngineerId = EngineerId(Uuid::from_u128(0xE1));
pub const OTHER_ENGINEER: EngineerId = EngineerId(Uuid::from_u128(0xE2));
pub const T0: OffsetDateTime = datetime!(2026-11-23 08:00 UTC);

pub fn job(job_type: JobType) -> Job {
    Job {
        id: JobId(Uuid::from_u128(0x10B)),
        number: "J2611-00001".into(),
        job_type,
        status: JobStatus::Assigned,
        severity: Severity::Common,
        customer_id: CustomerId(Uuid::from_u128(0xC)),
        site_id: SiteId(Uuid::from_u128(0x5)),
        equipment_id: Some(EquipmentId(Uuid::from_u128(0xEE))),
        engineer_id: Some(ENGINEER),
        reported_fault: "空压机排气温度高，自动停机".into(),
        reported_at: datetime!(2026-11-22 15:00 UTC),
        scheduled_on: date!(2026 - 11 - 23),
        window: None,
        previous_visit: None,
        unresolved: None,
        cancel_reason: None,
        times: VisitTimes::default(),
        left_unsigned: None,
    }
}

pub fn cny(minor: i64) -> Money {
    Money::new(minor, Currency::CNY).expect("non-negative")
}

pub fn part(code: &str, cost: i64, price: i64) -> Part {
    Part::new(PartId(Uuid::from_u128(0xA0)), code, "空气滤芯", "", cny(cost), cny(price)).expect("valid part")
}

pub fn line(n: u128, part: &Part, quantity: i64, origin: FaultOrigin) -> PartLine {
    PartLine::new(PartLineId(Uuid::from_u128(n)), JobId(Uuid::from_u128(0x10B)), part, quantity, origin)
        .expect("valid line")
}

pub fn satisfaction(values: [i64; 4]) -> Satisfaction {
    let mut ratings = Ratings::default();
    for (d, v) in Dimension::ALL.into_iter().zip(values) {
        ratings.set(d, Rating::new(v).expect("1-5"));
    }
    Satisfaction::rated(ratings, "").expect("valid")
}

/// A repair report with every mandatory field filled (parts: "none").
pub fn complete_repair_report(job: &Job) -> ServiceReport {
    use crate::report::ReportField as F;
    let mut r = ServiceReport::new(job.id, job.job_type, &job.reported_fault);
    for (field, value) in [
        (F::SymptomFound, "排气温度 112°C，风扇不转"),
        (F::FaultCause, "冷却风扇电机烧毁"),
        (F::Solution, "更换风扇电机"),
        (F::PartsReplaced, "none"),
        (F::TestsDone, "满载运行 30 分钟，温度 85°C"),
        (F::Result, "resolved"),
        (F::CustomerOpinion, "满意"),
    ] {
        r.set(field, value).expect("valid field");
    }
    r.set_satisfaction(satisfaction([5, 5, 4, 5])).expect("editable");
    r
}
