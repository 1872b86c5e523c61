//! `GET /api/v1/statistics?month=YYYY-MM[&engineer_id=]`: the month's statistics (维修统计表),
//! per engineer and for the team. Money is in minor units with its currency, as everywhere.

use outpost_domain::kpi::statistics as domain;
use outpost_domain::money::Money;
use serde::{Deserialize, Serialize};

use crate::edge::mirror;
use crate::kpis::{Kpis, Ratio};
use crate::model::{ComplaintCategory, Dimension};
use crate::plans::Tally;

/// Visits by job type.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../console/src/bindings/"))]
pub struct Visits {
    pub repair: u32,
    pub installation: u32,
    pub inspection: u32,
    pub maintenance: u32,
    pub callback: u32,
}
mirror!(Visits = domain::Visits { repair, installation, inspection, maintenance, callback });

/// One rated dimension: rated 4 or 5, and 1 to 3.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../console/src/bindings/"))]
pub struct DimensionCount {
    pub dimension: Dimension,
    pub satisfied: u32,
    pub not_fully: u32,
}
mirror!(DimensionCount = domain::DimensionCount { dimension, satisfied, not_fully });

/// Complaints of one category.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../console/src/bindings/"))]
pub struct CategoryCount {
    pub category: ComplaintCategory,
    pub count: u32,
}
mirror!(CategoryCount = domain::CategoryCount { category, count });

/// The month's callbacks by result.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../console/src/bindings/"))]
pub struct CallbackResults {
    pub satisfied: u32,
    pub unsatisfied: u32,
    pub visits: u32,
}
mirror!(CallbackResults = domain::Callbacks { satisfied, unsatisfied, visits });

/// The figures of an engineer or the team.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../console/src/bindings/"))]
pub struct Figures {
    pub visits: Visits,
    pub cancelled: u32,
    pub completed: u32,
    pub unresolved: u32,
    pub satisfaction: Vec<DimensionCount>,
    pub declined: u32,
    pub complaints: Vec<CategoryCount>,
    pub compensations: u32,
    pub compensated: Vec<Money>,
    pub callbacks: CallbackResults,
    pub repeat_repairs: u32,
    pub installation_pass: Ratio,
    pub repair_pass: Ratio,
    pub part_lines: u32,
    pub part_pieces: u32,
    pub charged: Vec<Money>,
    pub planned: Tally,
    pub kpis: Kpis,
}
mirror!(
    Figures = domain::Figures {
        visits,
        cancelled,
        completed,
        unresolved,
        satisfaction,
        declined,
        complaints,
        compensations,
        compensated,
        callbacks,
        repeat_repairs,
        installation_pass,
        repair_pass,
        part_lines,
        part_pieces,
        charged,
        planned,
        kpis,
    }
);

/// One engineer's figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../console/src/bindings/"))]
pub struct EngineerFigures {
    pub engineer_id: String,
    pub engineer: String,
    pub figures: Figures,
}

/// One part as the team used it in the month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../console/src/bindings/"))]
pub struct PartUse {
    pub code: String,
    pub name: String,
    pub lines: u32,
    pub pieces: u32,
}
mirror!(PartUse = domain::PartUse { code, name, lines, pieces });

/// A resolved repair repeated within 30 days (返修), and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../console/src/bindings/"))]
pub struct RepeatRepair {
    pub job_id: String,
    pub job_number: String,
    pub engineer: Option<String>,
    pub repeated_by: String,
    pub repeated_by_number: String,
    /// The fault the customer reported the second time.
    pub reason: String,
    /// What the first visit found the cause to be.
    pub first_cause: Option<String>,
}

/// The month's statistics.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../console/src/bindings/"))]
pub struct Statistics {
    pub month: String,
    /// The engineer asked for, when one was.
    pub engineer_id: Option<String>,
    pub team: Figures,
    pub engineers: Vec<EngineerFigures>,
    pub parts: Vec<PartUse>,
    pub repeats: Vec<RepeatRepair>,
}
