//! The month's figures (月度统计) as `GET /api/v1/kpis` answers them: each share how many of how
//! many, a figure HQ cannot measure `null`.

use outpost_domain::kpi as domain;
use serde::{Deserialize, Serialize};

use crate::edge::mirror;

/// How many of how many.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../console/src/bindings/"))]
pub struct Ratio {
    pub numerator: u32,
    pub denominator: u32,
}
mirror!(Ratio = domain::Ratio { numerator, denominator });

/// The figures of an engineer or the team for one month; the rules are in `docs/kpis.md`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../console/src/bindings/"))]
pub struct Kpis {
    pub on_time_arrival: Ratio,
    pub fix_rate: Ratio,
    pub first_visit_fix: Ratio,
    pub overall_rating_sum: u32,
    pub overall_rating_count: u32,
    pub satisfied: Ratio,
    pub repeat_repair: Ratio,
    pub complaint: Option<Ratio>,
    pub report_completeness: Ratio,
    pub reply_in_time: Ratio,
    pub factory_repair_in_time: Ratio,
}
mirror!(
    Kpis = domain::Kpis {
        on_time_arrival,
        fix_rate,
        first_visit_fix,
        overall_rating_sum,
        overall_rating_count,
        satisfied,
        repeat_repair,
        complaint,
        report_completeness,
        reply_in_time,
        factory_repair_in_time,
    }
);
