//! The engineer's own monthly figures (月度统计), by the rules HQ counts with.

use outpost_domain::calendar::parse_month;
use outpost_domain::field::Field;
use outpost_domain::kpi::Kpis;
use outpost_domain::kpi::statistics::Figures;
use serde::Serialize;
use time::OffsetDateTime;

use crate::{Laptop, Result};

/// One month's figures of the jobs this laptop holds.
#[derive(Debug, Clone, Serialize)]
pub struct MonthFigures {
    /// `YYYY-MM`.
    pub month: String,
    pub kpis: Kpis,
}

/// The engineer's own month (My month): the statistics HQ keeps for them, counted here from
/// the jobs this laptop holds.
#[derive(Debug, Clone, Serialize)]
pub struct MyMonth {
    /// `YYYY-MM`.
    pub month: String,
    pub figures: Figures,
}

impl Laptop {
    /// The month typed (`YYYY-MM`), or this month.
    fn month_of(&self, month: Option<&str>, now: OffsetDateTime) -> Result<(i32, u8)> {
        Ok(match month {
            Some(typed) => parse_month(Field::Month, typed)?,
            None => {
                let today = self.today(now);
                (today.year(), u8::from(today.month()))
            }
        })
    }

    /// The figures of `month` (`YYYY-MM`, typed; this month when none) as of `now`.
    pub fn kpis(&self, month: Option<&str>, now: OffsetDateTime) -> Result<MonthFigures> {
        let (year, month) = self.month_of(month, now)?;
        let kpis = self.store.read(|c| outpost_store::figures::month(c, year, month, now))?;
        Ok(MonthFigures { month: format!("{year:04}-{month:02}"), kpis })
    }

    /// The engineer's own statistics of `month` (this month when none) as of `now`.
    pub fn my_month(&self, month: Option<&str>, now: OffsetDateTime) -> Result<MyMonth> {
        let (year, month) = self.month_of(month, now)?;
        let figures = self.store.read(|c| outpost_store::figures::statistics(c, year, month, now))?;
        Ok(MyMonth { month: format!("{year:04}-{month:02}"), figures })
    }
}
