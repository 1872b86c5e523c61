//! The engineer's own monthly figures (月度统计), by the rules HQ counts with.

use outpost_domain::calendar::parse_month;
use outpost_domain::field::Field;
use outpost_domain::kpi::Kpis;
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

impl Laptop {
    /// The figures of `month` (`YYYY-MM`, typed; this month when none) as of `now`.
    pub fn kpis(&self, month: Option<&str>, now: OffsetDateTime) -> Result<MonthFigures> {
        let (year, month) = match month {
            Some(typed) => parse_month(Field::Month, typed)?,
            None => {
                let today = self.today(now);
                (today.year(), u8::from(today.month()))
            }
        };
        let kpis = self.store.read(|c| outpost_store::figures::month(c, year, month, now))?;
        Ok(MonthFigures { month: format!("{year:04}-{month:02}"), kpis })
    }
}
