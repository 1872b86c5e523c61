//! Maintenance plans (巡检 / 保养计划): a system in its maintenance period is inspected every
//! month and maintained every six months (001 §二: 每月对售后工地进行月检, 定期（半年）对工地系统
//! 设备进行维护和保养). A plan names the equipment, the work, every how many months and the first
//! day; each visit's job is made a number of days ahead. A visit is one per equipment, work and
//! month: that key makes it once however often the plan runs or is edited. Missed inspections
//! are scored (未按照次数要求完成工地巡检的，每次扣 3 分), so each planned visit has a standing.

use serde::{Deserialize, Serialize};
use time::{Date, Duration, Month};

use crate::calendar;
use crate::equipment::Equipment;
use crate::error::{DomainError, Result};
use crate::field::Field;
use crate::ids::{EngineerId, EquipmentId, PlanId};
use crate::job::JobType;

/// How many days before a visit is due its job is made, unless the plan says otherwise.
pub const LEAD_DAYS: i64 = 14;
/// The longest lead a plan may have.
pub const LEAD_DAYS_MAX: i64 = 60;
/// The longest gap between two planned visits.
pub const EVERY_MONTHS_MAX: i64 = 24;

/// A plan of visits to one piece of equipment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plan {
    pub id: PlanId,
    pub equipment_id: EquipmentId,
    /// Inspection (巡检) or maintenance (保养).
    pub job_type: JobType,
    pub every_months: u8,
    /// The first visit's day; later visits fall on the same day of the month (or the month's
    /// last day when it is shorter).
    pub first_on: Date,
    /// The last day a visit may fall on: the end of the equipment's maintenance period.
    pub until: Date,
    pub lead_days: u8,
    /// Who goes; without one, the engineer who last visited the site, or the queue.
    pub engineer_id: Option<EngineerId>,
    /// Visits due before this day are never made: the first day of the month the plan was
    /// made in. An edit keeps it.
    pub since: Date,
}

/// A plan as typed, before the rules.
#[derive(Debug, Clone, Copy)]
pub struct PlanInput {
    pub job_type: JobType,
    pub every_months: i64,
    pub first_on: Date,
    /// Defaults to the equipment's warranty end (its free maintenance period, 免费维护期).
    pub until: Option<Date>,
    pub lead_days: Option<i64>,
    pub engineer_id: Option<EngineerId>,
}

impl Plan {
    /// A new plan for `equipment`, made on `today`.
    pub fn new(id: PlanId, equipment: &Equipment, input: PlanInput, today: Date) -> Result<Plan> {
        let since = today.replace_day(1).unwrap_or(today);
        let mut plan = Plan {
            id,
            equipment_id: equipment.id,
            job_type: input.job_type,
            every_months: 1,
            first_on: input.first_on,
            until: input.first_on,
            lead_days: LEAD_DAYS as u8,
            engineer_id: None,
            since,
        };
        plan.edit(equipment, input)?;
        Ok(plan)
    }

    /// Changes the plan; the visits already made stay as they are, and a month that has its
    /// visit gets no second one.
    pub fn edit(&mut self, equipment: &Equipment, input: PlanInput) -> Result<()> {
        if !matches!(input.job_type, JobType::Inspection | JobType::Maintenance) {
            return Err(DomainError::NotPlannable { job_type: input.job_type });
        }
        let every_months = in_range(Field::EveryMonths, input.every_months, 1, EVERY_MONTHS_MAX)?;
        let lead_days = in_range(Field::LeadDays, input.lead_days.unwrap_or(LEAD_DAYS), 0, LEAD_DAYS_MAX)?;
        let first_on = calendar::check_date(Field::FirstOn, input.first_on)?;
        let until = match input.until.or(equipment.warranty_end) {
            Some(d) => calendar::check_date(Field::PlanUntil, d)?,
            None => return Err(DomainError::NoMaintenancePeriod),
        };
        if until < first_on {
            return Err(DomainError::PlanEndsBeforeStart);
        }
        self.job_type = input.job_type;
        self.every_months = every_months;
        self.first_on = first_on;
        self.until = until;
        self.lead_days = lead_days;
        self.engineer_id = input.engineer_id;
        Ok(())
    }

    /// Every visit's due day, in order, from the first to the last within the plan's end.
    pub fn due_days(&self) -> impl Iterator<Item = Date> + '_ {
        (0u32..).map(|k| months_after(self.first_on, k * u32::from(self.every_months))).take_while(|d| *d <= self.until)
    }

    /// The visits whose job is to be made on `today`: due from the plan's `since` on, after
    /// `made_through` (the last visit made, when there is one), and no more than the lead
    /// ahead of today. A visit whose day passed while HQ was not running is still made.
    pub fn due_by(&self, today: Date, made_through: Option<Date>) -> Vec<Date> {
        let horizon = today + Duration::days(i64::from(self.lead_days));
        self.due_days()
            .take_while(|d| *d <= horizon)
            .filter(|d| *d >= self.since && made_through.is_none_or(|m| *d > m))
            .collect()
    }

    /// The next visit due on or after `today`, if the plan has one left.
    pub fn next_due(&self, today: Date) -> Option<Date> {
        self.due_days().find(|d| *d >= today.max(self.since))
    }
}

/// The key that makes a visit once: its month, `YYYY-MM`.
pub fn visit_month(due: Date) -> String {
    format!("{:04}-{:02}", due.year(), u8::from(due.month()))
}

/// `months` months after `from`, on the same day or the month's last.
pub fn months_after(from: Date, months: u32) -> Date {
    let index = from.year() * 12 + i32::from(u8::from(from.month())) - 1 + months as i32;
    let (year, month) = (index.div_euclid(12), (index.rem_euclid(12) + 1) as u8);
    let month = Month::try_from(month).unwrap_or(Month::January);
    let day = from.day().min(time::util::days_in_month(month, year));
    Date::from_calendar_date(year, month, day).unwrap_or(from)
}

fn in_range(field: Field, value: i64, min: i64, max: i64) -> Result<u8> {
    if (min..=max).contains(&value) { Ok(value as u8) } else { Err(DomainError::OutOfRange { field, value, min, max }) }
}

/// Where a planned visit stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Standing {
    /// Its month is not over and its job not finished yet.
    Pending,
    /// Finished within its month.
    Done,
    /// Finished, but after its month.
    Late,
    /// Its month ended without the visit, or its job was cancelled.
    Missed,
}

impl Standing {
    /// A visit due on `due`, its job finished on `finished_on` (the local day) or cancelled,
    /// seen on `today`.
    pub fn of(due: Date, finished_on: Option<Date>, cancelled: bool, today: Date) -> Standing {
        let month_end = months_after(due.replace_day(1).unwrap_or(due), 1) - Duration::days(1);
        match finished_on {
            Some(d) if d <= month_end => Standing::Done,
            Some(_) => Standing::Late,
            None if cancelled || today > month_end => Standing::Missed,
            None => Standing::Pending,
        }
    }
}

/// Planned visits against done ones: missed inspections are measured, as the sources score them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    pub planned: u32,
    pub done: u32,
    pub late: u32,
    pub missed: u32,
    pub pending: u32,
}

impl Tally {
    /// Counts one visit.
    pub fn add(&mut self, s: Standing) {
        self.planned += 1;
        match s {
            Standing::Pending => self.pending += 1,
            Standing::Done => self.done += 1,
            Standing::Late => self.late += 1,
            Standing::Missed => self.missed += 1,
        }
    }
}

impl FromIterator<Standing> for Tally {
    fn from_iter<I: IntoIterator<Item = Standing>>(iter: I) -> Tally {
        let mut t = Tally::default();
        iter.into_iter().for_each(|s| t.add(s));
        t
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use time::macros::date;
    use uuid::Uuid;

    use super::*;
    use crate::equipment::EquipmentInput;
    use crate::ids::{CustomerId, SiteId};

    fn equipment(warranty_end: Option<Date>) -> Result<Equipment> {
        Equipment::new(
            EquipmentId(Uuid::from_u128(1)),
            CustomerId(Uuid::from_u128(2)),
            SiteId(Uuid::from_u128(3)),
            EquipmentInput { brand: "Hikvision", model: "DS-9632", serial: "HK-1", warranty_end, ..Default::default() },
        )
    }

    fn input(job_type: JobType, every_months: i64, first_on: Date) -> PlanInput {
        PlanInput { job_type, every_months, first_on, until: None, lead_days: None, engineer_id: None }
    }

    #[test]
    fn a_monthly_inspection_runs_to_the_end_of_the_maintenance_period() -> Result<()> {
        let e = equipment(Some(date!(2027 - 03 - 30)))?;
        let plan = Plan::new(
            PlanId(Uuid::nil()),
            &e,
            input(JobType::Inspection, 1, date!(2026 - 11 - 30)),
            date!(2026 - 11 - 20),
        )?;
        let days: Vec<Date> = plan.due_days().collect();
        assert_eq!(
            days,
            [
                date!(2026 - 11 - 30),
                date!(2026 - 12 - 30),
                date!(2027 - 01 - 30),
                date!(2027 - 02 - 28),
                date!(2027 - 03 - 30)
            ]
        );
        // Made 14 days ahead, each once: the run after a visit was made makes only the next.
        assert_eq!(plan.due_by(date!(2026 - 11 - 20), None), [date!(2026 - 11 - 30)]);
        assert_eq!(plan.due_by(date!(2026 - 12 - 15), Some(date!(2026 - 11 - 30))), Vec::<Date>::new());
        assert_eq!(plan.due_by(date!(2026 - 12 - 16), Some(date!(2026 - 11 - 30))), [date!(2026 - 12 - 30)]);
        assert_eq!(plan.next_due(date!(2026 - 12 - 01)), Some(date!(2026 - 12 - 30)));
        assert_eq!(plan.next_due(date!(2027 - 04 - 01)), None);
        Ok(())
    }

    #[test]
    fn a_plan_made_today_makes_no_visit_of_earlier_months() -> Result<()> {
        let e = equipment(Some(date!(2028 - 01 - 01)))?;
        let plan = Plan::new(
            PlanId(Uuid::nil()),
            &e,
            input(JobType::Maintenance, 6, date!(2025 - 12 - 02)),
            date!(2026 - 12 - 04),
        )?;
        assert_eq!(plan.due_by(date!(2026 - 12 - 04), None), [date!(2026 - 12 - 02)]);
        Ok(())
    }

    #[test]
    fn the_rules_of_a_plan() -> Result<()> {
        let today = date!(2026 - 12 - 04);
        let id = PlanId(Uuid::nil());
        let none = equipment(None)?;
        let refused = |r: Result<Plan>| r.err();
        assert_eq!(
            refused(Plan::new(id, &none, input(JobType::Inspection, 1, today), today)),
            Some(DomainError::NoMaintenancePeriod)
        );
        let e = equipment(Some(date!(2027 - 12 - 31)))?;
        assert_eq!(
            refused(Plan::new(id, &e, input(JobType::Repair, 1, today), today)),
            Some(DomainError::NotPlannable { job_type: JobType::Repair })
        );
        assert!(matches!(
            refused(Plan::new(id, &e, input(JobType::Inspection, 0, today), today)),
            Some(DomainError::OutOfRange { field: Field::EveryMonths, .. })
        ));
        let late = PlanInput { until: Some(date!(2026 - 01 - 01)), ..input(JobType::Inspection, 1, today) };
        assert_eq!(refused(Plan::new(id, &e, late, today)), Some(DomainError::PlanEndsBeforeStart));
        // A paid maintenance contract beyond the warranty names its own end.
        let contract = PlanInput { until: Some(date!(2029 - 12 - 31)), ..input(JobType::Maintenance, 6, today) };
        assert_eq!(Plan::new(id, &none, contract, today)?.until, date!(2029 - 12 - 31));
        Ok(())
    }

    #[test]
    fn standing_of_a_visit() {
        let due = date!(2026 - 11 - 15);
        assert_eq!(Standing::of(due, None, false, date!(2026 - 11 - 30)), Standing::Pending);
        assert_eq!(Standing::of(due, None, false, date!(2026 - 12 - 01)), Standing::Missed);
        assert_eq!(Standing::of(due, None, true, date!(2026 - 11 - 16)), Standing::Missed);
        assert_eq!(Standing::of(due, Some(date!(2026 - 11 - 02)), false, date!(2026 - 12 - 04)), Standing::Done);
        assert_eq!(Standing::of(due, Some(date!(2026 - 12 - 02)), false, date!(2026 - 12 - 04)), Standing::Late);
        let t: Tally = [Standing::Done, Standing::Missed, Standing::Done].into_iter().collect();
        assert_eq!(t, Tally { planned: 3, done: 2, missed: 1, ..Tally::default() });
    }

    proptest! {
        /// Months after a day land on the same day or the month's last, and a year is twelve.
        #[test]
        fn months_after_keeps_the_day(y in 2000i32..2090, m in 1u8..=12, d in 1u8..=31, k in 0u32..60) {
            let month = Month::try_from(m).unwrap_or(Month::January);
            let from = Date::from_calendar_date(y, month, d.min(time::util::days_in_month(month, y))).unwrap_or(date!(2026 - 01 - 01));
            let to = months_after(from, k);
            prop_assert_eq!(i64::from(to.year()) * 12 + i64::from(u8::from(to.month())), i64::from(from.year()) * 12 + i64::from(m) + i64::from(k));
            prop_assert!(to.day() == from.day() || to.day() == time::util::days_in_month(to.month(), to.year()));
        }
    }
}
