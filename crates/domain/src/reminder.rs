//! What HQ is reminded of before it is late: a system whose free maintenance period ends within
//! three months (维护期满前三个月, so its renewal can be offered), a parts request near or past
//! its 15 days, a unit at the factory past its ten working days, and a promise to the customer
//! due today or already past.

use serde::{Deserialize, Serialize};
use time::{Date, Duration};

use crate::plan::months_after;

/// How many months before a maintenance period ends it is reminded of.
pub const PERIOD_NOTICE_MONTHS: u32 = 3;
/// How many days before its limit a parts request is near it.
pub const PARTS_NOTICE_DAYS: i64 = 3;

/// What a reminder is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReminderKind {
    /// The equipment's warranty (its free maintenance period) ends soon.
    WarrantyEnding,
    /// A maintenance plan's period, beyond the warranty (a paid contract), ends soon.
    PlanEnding,
    /// A parts request near or past its 15 days.
    PartsRequest,
    /// A unit sent to the factory, not back fixed within its working days.
    FactoryRepair,
    /// A promise made on an unresolved visit, due today or past.
    PromiseDue,
}

impl ReminderKind {
    /// Every kind, in the order the page lists them.
    pub const ALL: [ReminderKind; 5] = [
        ReminderKind::PromiseDue,
        ReminderKind::PartsRequest,
        ReminderKind::FactoryRepair,
        ReminderKind::WarrantyEnding,
        ReminderKind::PlanEnding,
    ];
}

/// Whether a period ending on `end` is to be reminded of on `today`: not ended yet, and ending
/// within [`PERIOD_NOTICE_MONTHS`].
pub fn period_ends_soon(end: Date, today: Date) -> bool {
    end >= today && end <= months_after(today, PERIOD_NOTICE_MONTHS)
}

/// Whether a parts request due by `due_by` is near its limit or past it on `today`.
pub fn parts_near(due_by: Date, today: Date) -> bool {
    due_by - today <= Duration::days(PARTS_NOTICE_DAYS)
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;

    #[test]
    fn a_period_is_reminded_of_in_its_last_three_months() {
        let today = date!(2026 - 12 - 04);
        assert!(period_ends_soon(date!(2027 - 03 - 04), today));
        assert!(!period_ends_soon(date!(2027 - 03 - 05), today));
        assert!(period_ends_soon(today, today));
        assert!(!period_ends_soon(date!(2026 - 12 - 03), today), "ended: nothing left to renew in time");
    }

    #[test]
    fn a_parts_request_is_near_three_days_before_its_limit() {
        let today = date!(2026 - 12 - 04);
        assert!(!parts_near(date!(2026 - 12 - 08), today));
        assert!(parts_near(date!(2026 - 12 - 07), today));
        assert!(parts_near(date!(2026 - 11 - 30), today));
    }
}
