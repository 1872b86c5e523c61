//! A new job (报修受理): what HQ records when the customer calls, and the number people quote.

use time::{Date, OffsetDateTime};

use super::{Job, JobStatus, JobType, Severity, VisitTimes, Window};
use crate::error::Result;
use crate::field::Field;
use crate::ids::{CustomerId, EngineerId, EquipmentId, JobId, SiteId};
use crate::text::{self, NOTE_MAX};

/// What a new job is made of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewJob<'a> {
    pub job_type: JobType,
    pub severity: Severity,
    pub customer_id: CustomerId,
    pub site_id: SiteId,
    pub equipment_id: Option<EquipmentId>,
    /// Assigned at once, or left for the dispatcher.
    pub engineer_id: Option<EngineerId>,
    pub reported_fault: &'a str,
    pub reported_at: OffsetDateTime,
    pub scheduled_on: Date,
    pub window: Option<Window>,
}

/// The prefix of the job numbers of `day`'s month: `J2611`.
pub fn number_prefix(day: Date) -> String {
    format!("J{:02}{:02}", day.year() % 100, u8::from(day.month()))
}

/// The number of the `seq`-th job of `day`'s month: `J2611-000042`.
pub fn job_number(day: Date, seq: i64) -> String {
    format!("{}-{seq:06}", number_prefix(day))
}

impl Job {
    /// A new job, assigned, with its reported fault and scheduled day checked.
    pub fn new(id: JobId, number: String, new: NewJob<'_>) -> Result<Job> {
        Ok(Job {
            id,
            number,
            job_type: new.job_type,
            status: JobStatus::Assigned,
            severity: new.severity,
            customer_id: new.customer_id,
            site_id: new.site_id,
            equipment_id: new.equipment_id,
            engineer_id: new.engineer_id,
            reported_fault: text::required(Field::ReportedFault, new.reported_fault, NOTE_MAX)?,
            reported_at: new.reported_at,
            scheduled_on: crate::calendar::check_date(Field::ScheduledOn, new.scheduled_on)?,
            window: new.window,
            previous_visit: None,
            unresolved: None,
            cancel_reason: None,
            times: VisitTimes::default(),
            left_unsigned: None,
        })
    }
}

#[cfg(test)]
mod tests {
    use time::macros::{date, datetime};
    use uuid::Uuid;

    use super::*;
    use crate::error::DomainError;

    fn call(fault: &str, day: Date) -> NewJob<'_> {
        NewJob {
            job_type: JobType::Repair,
            severity: Severity::Major,
            customer_id: CustomerId(Uuid::from_u128(1)),
            site_id: SiteId(Uuid::from_u128(2)),
            equipment_id: None,
            engineer_id: None,
            reported_fault: fault,
            reported_at: datetime!(2026-11-22 15:00 UTC),
            scheduled_on: day,
            window: None,
        }
    }

    #[test]
    fn a_new_job_is_assigned_numbered_by_its_month_and_checked() {
        let number = job_number(date!(2026 - 11 - 23), 42);
        assert_eq!(number, "J2611-000042");
        let job = Job::new(JobId(Uuid::from_u128(3)), number, call(" 排气温度高 ", date!(2026 - 11 - 23))).unwrap();
        assert_eq!((job.status, job.reported_fault.as_str()), (JobStatus::Assigned, "排气温度高"));
        let empty = Job::new(JobId(Uuid::from_u128(3)), "J".into(), call(" ", date!(2026 - 11 - 23)));
        assert_eq!(empty.unwrap_err(), DomainError::Empty { field: Field::ReportedFault });
        let far = Job::new(JobId(Uuid::from_u128(3)), "J".into(), call("x", date!(2206 - 11 - 23)));
        assert!(matches!(far, Err(DomainError::OutsideYears { field: Field::ScheduledOn, .. })));
    }
}
