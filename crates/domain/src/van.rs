//! Van stock (随车配件): the parts an engineer carries. HQ counts the van (a quantity per part and
//! when it was counted); every part line the engineer records after the count takes from it.
//! Stock that has not moved for a month is flagged, for three months more so.

use serde::{Deserialize, Serialize};
use time::{Duration, OffsetDateTime};

use crate::error::{DomainError, Result};
use crate::part::MAX_QUANTITY;
use crate::text::{self, NAME_MAX};

/// One part in an engineer's van, as last counted at HQ.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VanStock {
    pub part_code: String,
    pub counted: u32,
    #[serde(with = "time::serde::rfc3339")]
    pub counted_at: OffsetDateTime,
}

impl VanStock {
    /// A count of one part: its catalogue code and how many are in the van (0 to 10 000).
    pub fn new(part_code: &str, counted: i64, counted_at: OffsetDateTime) -> Result<VanStock> {
        let part_code = text::required(crate::field::Field::PartCode, part_code, NAME_MAX)?;
        let counted = u32::try_from(counted)
            .ok()
            .filter(|&n| i64::from(n) <= MAX_QUANTITY)
            .ok_or(DomainError::CountQuantity { quantity: counted, max: MAX_QUANTITY })?;
        Ok(VanStock { part_code, counted, counted_at })
    }

    /// What is left once `used_since_count` have gone on reports. Below zero means more went on
    /// reports than the count held: the van needs counting again.
    pub fn on_hand(&self, used_since_count: u64) -> i64 {
        i64::from(self.counted) - i64::try_from(used_since_count).unwrap_or(i64::MAX)
    }
}

/// How long stock has lain still: the van's dead weight.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Staleness {
    /// Moved within the last month.
    Moving,
    /// No movement for a month or more (shown yellow).
    StillForAMonth,
    /// No movement for three months or more (shown red).
    StillForThreeMonths,
}

/// Whether stock last moved (counted or used) at `last_movement` is stale at `now`.
pub fn staleness(last_movement: OffsetDateTime, now: OffsetDateTime) -> Staleness {
    let still = now - last_movement;
    if still >= Duration::days(90) {
        Staleness::StillForThreeMonths
    } else if still >= Duration::days(30) {
        Staleness::StillForAMonth
    } else {
        Staleness::Moving
    }
}

#[cfg(test)]
mod tests {
    use time::macros::datetime;

    use super::*;

    const COUNTED: OffsetDateTime = datetime!(2026-09-01 08:00 UTC);

    #[test]
    fn on_hand_is_the_count_less_what_went_on_reports_since() {
        let stock = VanStock::new(" FLT-0001 ", 4, COUNTED).unwrap();
        assert_eq!(stock.part_code, "FLT-0001");
        assert_eq!(stock.on_hand(0), 4);
        assert_eq!(stock.on_hand(3), 1);
        assert_eq!(stock.on_hand(6), -2, "more used than counted shows as short, not as zero");
    }

    #[test]
    fn a_count_must_be_a_real_quantity_of_a_named_part() {
        assert!(VanStock::new("", 1, COUNTED).is_err());
        assert!(VanStock::new("FLT-0001", -1, COUNTED).is_err());
        assert!(VanStock::new("FLT-0001", MAX_QUANTITY + 1, COUNTED).is_err());
        assert_eq!(VanStock::new("FLT-0001", 0, COUNTED).unwrap().counted, 0);
    }

    #[test]
    fn stock_still_for_a_month_then_three_is_flagged() {
        assert_eq!(staleness(COUNTED, COUNTED + Duration::days(29)), Staleness::Moving);
        assert_eq!(staleness(COUNTED, COUNTED + Duration::days(30)), Staleness::StillForAMonth);
        assert_eq!(staleness(COUNTED, COUNTED + Duration::days(89)), Staleness::StillForAMonth);
        assert_eq!(staleness(COUNTED, COUNTED + Duration::days(90)), Staleness::StillForThreeMonths);
    }
}
