//! The engineer's own month (My month): the figures HQ keeps for them, counted on the laptop
//! from the jobs it holds, by the domain's formulas; every label in both languages.

use outpost_domain::customer::Language;
use outpost_domain::job::JobType;
use outpost_domain::kpi::Ratio;
use outpost_domain::kpi::statistics::PassRate;
use outpost_domain::rating::Dimension;
use outpost_laptop::MyMonth;
use serde::Serialize;
use ts_rs::TS;

use super::{Amount, Words};

/// The month's figures, as the screen lays them out.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct MyMonthView {
    /// `YYYY-MM`.
    pub month: String,
    /// Visits by job type, every type even when none.
    pub visits: Vec<VisitCount>,
    pub completed: u32,
    pub unresolved: u32,
    /// Ratings by dimension: 4 or 5 satisfied, 1 to 3 not fully.
    pub satisfaction: Vec<RatedCount>,
    /// Visits whose customer declined to rate.
    pub declined: u32,
    /// Complaints by category, every category even when none.
    pub complaints: Vec<LabelledCount>,
    pub compensations: u32,
    pub compensated: Vec<Amount>,
    pub repeat_repairs: u32,
    pub repair_pass: ShareView,
    pub installation_pass: ShareView,
    pub part_lines: u32,
    pub part_pieces: u32,
    pub charged: Vec<Amount>,
    /// The month's KPIs in the order of the statistics.
    pub shares: Vec<ShareView>,
    /// The mean overall rating, none when nobody rated.
    pub mean_overall: Option<f64>,
    pub overall_rated: u32,
}

/// Visits of one job type.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct VisitCount {
    pub job_type: JobType,
    pub label: Words,
    pub count: u32,
}

/// One rated dimension.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct RatedCount {
    pub dimension: Dimension,
    pub label: Words,
    pub satisfied: u32,
    pub not_fully: u32,
}

/// A count with its name.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct LabelledCount {
    pub label: Words,
    pub count: u32,
}

/// A share: how many of how many, or none where nothing is recorded to count ("not measured").
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ShareView {
    /// The figure's key (`on_time_arrival`, …; `repair_pass`, `installation_pass`).
    pub key: String,
    pub label: Words,
    pub numerator: u32,
    pub denominator: u32,
    /// False when there was nothing to count: the screen says "not measured", never 0 %.
    pub measured: bool,
}

fn words(label: impl Fn(Language) -> &'static str) -> Words {
    Words { en: label(Language::En).to_owned(), zh_cn: label(Language::ZhCn).to_owned() }
}

fn share(key: &str, label: Words, ratio: Option<Ratio>) -> ShareView {
    let r = ratio.unwrap_or_default();
    ShareView {
        key: key.to_owned(),
        label,
        numerator: r.numerator,
        denominator: r.denominator,
        measured: ratio.is_some_and(|r| r.denominator > 0),
    }
}

impl MyMonthView {
    pub fn of(m: &MyMonth) -> MyMonthView {
        let f = &m.figures;
        let v = &f.visits;
        let visits = [
            (JobType::Repair, v.repair),
            (JobType::Installation, v.installation),
            (JobType::Inspection, v.inspection),
            (JobType::Maintenance, v.maintenance),
            (JobType::Callback, v.callback),
        ]
        .map(|(job_type, count)| VisitCount { job_type, label: words(|l| job_type.label(l)), count });
        MyMonthView {
            month: m.month.clone(),
            visits: visits.to_vec(),
            completed: f.completed,
            unresolved: f.unresolved,
            satisfaction: f
                .satisfaction
                .iter()
                .map(|d| RatedCount {
                    dimension: d.dimension,
                    label: words(|l| d.dimension.label(l)),
                    satisfied: d.satisfied,
                    not_fully: d.not_fully,
                })
                .collect(),
            declined: f.declined,
            complaints: f
                .complaints
                .iter()
                .map(|c| LabelledCount { label: words(|l| c.category.label(l)), count: c.count })
                .collect(),
            compensations: f.compensations,
            compensated: f.compensated.iter().copied().map(Amount::of).collect(),
            repeat_repairs: f.repeat_repairs,
            repair_pass: share("repair_pass", words(|l| PassRate::Repair.label(l)), Some(f.repair_pass)),
            installation_pass: share(
                "installation_pass",
                words(|l| PassRate::Installation.label(l)),
                Some(f.installation_pass),
            ),
            part_lines: f.part_lines,
            part_pieces: f.part_pieces,
            charged: f.charged.iter().copied().map(Amount::of).collect(),
            shares: f.kpis.shares().iter().map(|&(s, r)| share(s.key(), words(|l| s.label(l)), r)).collect(),
            mean_overall: f.kpis.mean_overall(),
            overall_rated: f.kpis.overall_rating_count,
        }
    }
}
