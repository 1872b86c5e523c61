//! The two clocks of the sources that run across visits: the 24-hour reply to a reported fault
//! (接到服务信息，应在24小时内答复) and the ten working days of a factory repair
//! (设备故障需发回厂家维修的……在十个工作日内完成).

use time::{Duration, OffsetDateTime, Weekday};

use super::JobRecord;
use crate::job::{EventNote, JobType};
use crate::report::RepairResult;
use crate::sla::SlaPolicy;

/// Whether a repair's reply is due (given to an engineer, or the target has passed) and
/// whether it was in time. The reply is the moment HQ gave the job to an engineer (派工): from
/// then the customer can be told who comes and when. A job held by an engineer with no event
/// saying when it was given (older records, imported data) is not measured.
pub(super) fn reply(r: &JobRecord, policy: &SlaPolicy, now: OffsetDateTime) -> (bool, bool) {
    let by = r.job.reported_at + policy.reply_within();
    match replied_at(r) {
        Some(at) => (true, at <= by),
        None if r.job.engineer_id.is_none() => (by < now, false),
        None => (false, false),
    }
}

/// When the job was first given to an engineer, from its events.
pub fn replied_at(r: &JobRecord) -> Option<OffsetDateTime> {
    r.events
        .iter()
        .filter(|e| match &e.said {
            Some(EventNote::Created { engineer, .. }) => engineer.is_some(),
            Some(EventNote::Assigned { .. } | EventNote::Reassigned { .. }) => true,
            _ => false,
        })
        .map(|e| e.at)
        .min()
}

/// A unit a repair sent to the factory: when, by when it is to be back fixed, and when a later
/// repair of the same unit (or one continuing this visit) fixed it, if one has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FactoryRepair {
    pub sent: OffsetDateTime,
    pub due_by: OffsetDateTime,
    pub back: Option<OffsetDateTime>,
}

/// The factory repair `r` started, looked for in `records`; none when it sent nothing.
pub fn factory_return(r: &JobRecord, records: &[&JobRecord], policy: &SlaPolicy) -> Option<FactoryRepair> {
    let sent = r.job.times.finished_at.filter(|_| r.result() == Some(RepairResult::NeedsFactoryRepair))?;
    let back = records
        .iter()
        .filter(|later| {
            later.job.id != r.job.id
                && later.job.job_type == JobType::Repair
                && (later.job.previous_visit == Some(r.job.id)
                    || (r.job.equipment_id.is_some() && later.job.equipment_id == r.job.equipment_id))
                && later.fixed()
        })
        .filter_map(|later| later.job.times.finished_at.filter(|done| *done > sent))
        .min();
    Some(FactoryRepair { sent, due_by: after_working_days(sent, policy.factory_repair_working_days), back })
}

/// Whether a repair that sent a unit to the factory is due (fixed, or its working days have
/// passed) and whether it was fixed in time. A repair that sent nothing is not counted.
pub(super) fn factory_repair(
    r: &JobRecord,
    records: &[&JobRecord],
    policy: &SlaPolicy,
    now: OffsetDateTime,
) -> (bool, bool) {
    match factory_return(r, records, policy) {
        None => (false, false),
        Some(FactoryRepair { due_by, back: Some(done), .. }) => (true, done <= due_by),
        Some(FactoryRepair { due_by, back: None, .. }) => (due_by < now, false),
    }
}

/// `from` moved on by `days` working days, Monday to Friday, at the same time of day. Public
/// holidays and the weekend days worked in their place (调休) are not known here: they count as
/// the weekdays they fall on.
pub fn after_working_days(from: OffsetDateTime, days: u32) -> OffsetDateTime {
    let mut at = from;
    let mut left = days;
    while left > 0 {
        at += Duration::days(1);
        if !matches!(at.weekday(), Weekday::Saturday | Weekday::Sunday) {
            left -= 1;
        }
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn ten_working_days_skip_the_weekends() {
        // Monday 2026-10-05 09:00 → the Monday two weeks on.
        assert_eq!(after_working_days(datetime!(2026-10-05 09:00 UTC), 10), datetime!(2026-10-19 09:00 UTC));
        // Friday → the next Friday but one.
        assert_eq!(after_working_days(datetime!(2026-10-09 17:00 UTC), 10), datetime!(2026-10-23 17:00 UTC));
        // Saturday → the Friday after next.
        assert_eq!(after_working_days(datetime!(2026-10-10 12:00 UTC), 10), datetime!(2026-10-23 12:00 UTC));
        assert_eq!(after_working_days(datetime!(2026-10-10 12:00 UTC), 1), datetime!(2026-10-12 12:00 UTC));
    }
}
