//! The month's statistics (维修统计表): what the department head sums up at the start of each
//! month for the one before (下月初，部门负责人将上一月售后维修情况整理统计, 001), per engineer and
//! for the team: visits by type, completed and unresolved, satisfied and not fully satisfied by
//! dimension, complaints and compensation, callbacks and their results, repeat repairs with
//! their reasons, installation and repair pass rates, parts used and amounts charged, planned
//! inspections against done, and the month's KPIs. Every figure is counted from records; none
//! is estimated.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::{Index, JobRecord, Kpis, Ratio, compute_by, repeated_by};
use crate::callback::{Callback, Outcome, satisfied};
use crate::complaint::{Category, Complaint};
use crate::ids::{EngineerId, JobId};
use crate::job::{JobStatus, JobType};
use crate::money::Money;
use crate::plan::{Standing, Tally};
use crate::rating::{Dimension, Satisfaction};
use crate::report::Acceptance;
use crate::sla::SlaPolicy;

/// What the month's statistics are made from.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    /// The jobs scheduled in the month.
    pub counted: &'a [JobRecord],
    /// Other jobs of the same equipment, looked at (repeat repairs, second visits).
    pub around: &'a [JobRecord],
    /// The complaints received in the month.
    pub complaints: &'a [Complaint],
    /// The callbacks whose outcome was recorded in the month.
    pub callbacks: &'a [Callback],
    /// The month's planned visits: the engineer of each visit's job, and where it stands.
    pub planned: &'a [(Option<EngineerId>, Standing)],
    pub policy: &'a SlaPolicy,
    pub now: OffsetDateTime,
}

/// Visits by job type.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Visits {
    pub repair: u32,
    pub installation: u32,
    pub inspection: u32,
    pub maintenance: u32,
    pub callback: u32,
}

impl Visits {
    fn add(&mut self, t: JobType) {
        *match t {
            JobType::Repair => &mut self.repair,
            JobType::Installation => &mut self.installation,
            JobType::Inspection => &mut self.inspection,
            JobType::Maintenance => &mut self.maintenance,
            JobType::Callback => &mut self.callback,
        } += 1;
    }

    /// Every visit.
    pub fn total(&self) -> u32 {
        self.repair + self.installation + self.inspection + self.maintenance + self.callback
    }
}

/// One rated dimension: rated 4 or 5 (satisfied) and rated 1 to 3 (not fully satisfied).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DimensionCount {
    pub dimension: Dimension,
    pub satisfied: u32,
    pub not_fully: u32,
}

/// Complaints of one category.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryCount {
    pub category: Category,
    pub count: u32,
}

/// The callbacks done in the month and what they found.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Callbacks {
    /// Phoned, the customer satisfied (4 or 5).
    pub satisfied: u32,
    /// Phoned, the customer not satisfied: a repair job was opened.
    pub unsatisfied: u32,
    /// Sent to an engineer as a callback visit.
    pub visits: u32,
}

/// The figures of an engineer, or of the team.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Figures {
    /// Visits scheduled in the month, by type (cancelled ones apart).
    pub visits: Visits,
    pub cancelled: u32,
    /// Finished and resolved.
    pub completed: u32,
    /// Finished unresolved, waiting for a second visit.
    pub unresolved: u32,
    /// Rated visits, by dimension.
    pub satisfaction: Vec<DimensionCount>,
    /// Visits whose customer declined to rate.
    pub declined: u32,
    pub complaints: Vec<CategoryCount>,
    /// Complaints with a compensation the manager approved, and what was paid, by currency.
    pub compensations: u32,
    pub compensated: Vec<Money>,
    pub callbacks: Callbacks,
    /// Resolved repairs repeated within 30 days.
    pub repeat_repairs: u32,
    /// 安装合格率: installations accepted (passed, with or without remarks) / installations
    /// whose acceptance is recorded.
    pub installation_pass: Ratio,
    /// 维修合格率: resolved repairs not repeated within 30 days / resolved repairs.
    pub repair_pass: Ratio,
    /// Parts fitted: lines and pieces.
    pub part_lines: u32,
    pub part_pieces: u32,
    /// What customers accepted to pay (the quotes they accepted), by currency.
    pub charged: Vec<Money>,
    /// Planned visits of the month against done (missed inspections are scored).
    pub planned: Tally,
    pub kpis: Kpis,
}

impl Default for Figures {
    fn default() -> Figures {
        Figures {
            visits: Visits::default(),
            cancelled: 0,
            completed: 0,
            unresolved: 0,
            satisfaction: Dimension::ALL
                .map(|dimension| DimensionCount { dimension, satisfied: 0, not_fully: 0 })
                .to_vec(),
            declined: 0,
            complaints: Category::ALL.iter().map(|&category| CategoryCount { category, count: 0 }).collect(),
            compensations: 0,
            compensated: Vec::new(),
            callbacks: Callbacks::default(),
            repeat_repairs: 0,
            installation_pass: Ratio::default(),
            repair_pass: Ratio::default(),
            part_lines: 0,
            part_pieces: 0,
            charged: Vec::new(),
            planned: Tally::default(),
            kpis: Kpis::default(),
        }
    }
}

/// The two pass rates of the statistics (合格率).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PassRate {
    /// 安装合格率.
    Installation,
    /// 维修合格率.
    Repair,
}

impl PassRate {
    /// The figure's name in `language`, as the statistics sheet calls it.
    pub fn label(self, language: crate::customer::Language) -> &'static str {
        use crate::customer::Language::{En, ZhCn};
        match (self, language) {
            (PassRate::Installation, En) => "installation pass rate",
            (PassRate::Installation, ZhCn) => "安装合格率",
            (PassRate::Repair, En) => "repair pass rate",
            (PassRate::Repair, ZhCn) => "维修合格率",
        }
    }
}

/// One part as used in the month by the whole team.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartUse {
    pub code: String,
    pub name: String,
    pub lines: u32,
    pub pieces: u32,
}

/// A resolved repair of the month repeated within 30 days, and why the customer called again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Repeat {
    pub job_id: JobId,
    pub engineer_id: Option<EngineerId>,
    pub repeated_by: JobId,
    /// The fault the customer reported the second time.
    pub reason: String,
    /// What the first visit found the cause to be, when it says.
    pub first_cause: Option<String>,
}

/// The month's statistics.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Statistics {
    pub team: Figures,
    pub engineers: BTreeMap<EngineerId, Figures>,
    /// The parts used, most pieces first.
    pub parts: Vec<PartUse>,
    pub repeats: Vec<Repeat>,
}

fn add_money(sums: &mut Vec<Money>, m: Money) {
    match sums.iter_mut().find(|s| s.currency == m.currency) {
        // An i64 of minor units does not overflow on any real month; were it to, the sum stays.
        Some(sum) => *sum = sum.checked_add(m).unwrap_or(*sum),
        None => sums.push(m),
    }
}

/// Each count made once, into the team's figures and the engineer's.
struct Both<'s> {
    team: &'s mut Figures,
    engineers: &'s mut BTreeMap<EngineerId, Figures>,
}

impl Both<'_> {
    fn count(&mut self, engineer: Option<EngineerId>, f: impl Fn(&mut Figures)) {
        f(self.team);
        if let Some(e) = engineer {
            f(self.engineers.entry(e).or_default());
        }
    }
}

/// The month's statistics from its records.
pub fn compute(input: &Input<'_>) -> Statistics {
    let (kpis, by_engineer) = compute_by(input.counted, input.around, input.policy, input.now, |r| r.job.engineer_id);
    let mut team = Figures { kpis, ..Figures::default() };
    let mut engineers: BTreeMap<EngineerId, Figures> =
        by_engineer.into_iter().map(|(e, kpis)| (e, Figures { kpis, ..Figures::default() })).collect();
    let mut both = Both { team: &mut team, engineers: &mut engineers };
    let index = Index::new(input.counted, input.around);
    let mut parts: BTreeMap<(String, String), PartUse> = BTreeMap::new();
    let mut repeats = Vec::new();
    for r in input.counted {
        let (job, engineer) = (&r.job, r.job.engineer_id);
        if job.status == JobStatus::Cancelled {
            both.count(engineer, |f| f.cancelled += 1);
            continue;
        }
        both.count(engineer, |f| f.visits.add(job.job_type));
        let finished = job.times.finished_at.is_some();
        let unresolved = job.unresolved.is_some() || job.status == JobStatus::Unresolved;
        both.count(engineer, |f| {
            f.completed += u32::from(finished && !unresolved);
            f.unresolved += u32::from(unresolved);
        });
        let report = r.report.as_ref();
        match report.and_then(|rep| rep.satisfaction.as_ref()) {
            Some(Satisfaction::Declined { .. }) => both.count(engineer, |f| f.declined += 1),
            Some(Satisfaction::Rated { ratings, .. }) => {
                for (i, d) in Dimension::ALL.iter().enumerate() {
                    if let Some(v) = ratings.get(*d) {
                        let happy = v.value() >= 4;
                        both.count(engineer, |f| {
                            f.satisfaction[i].satisfied += u32::from(happy);
                            f.satisfaction[i].not_fully += u32::from(!happy);
                        });
                    }
                }
            }
            None => {}
        }
        if job.job_type == JobType::Installation
            && let Some(a) = report.and_then(|rep| rep.acceptance)
        {
            both.count(engineer, |f| f.installation_pass.count(true, a != Acceptance::Failed));
        }
        if job.job_type == JobType::Repair && r.fixed() {
            let again = repeated_by(r, &index.near(r));
            both.count(engineer, |f| {
                f.repair_pass.count(true, again.is_none());
                f.repeat_repairs += u32::from(again.is_some());
            });
            if let Some(again) = again {
                repeats.push(Repeat {
                    job_id: job.id,
                    engineer_id: engineer,
                    repeated_by: again.job.id,
                    reason: again.job.reported_fault.clone(),
                    first_cause: report.and_then(|rep| rep.fault_cause.clone()),
                });
            }
        }
        for line in &r.parts {
            both.count(engineer, |f| {
                f.part_lines += 1;
                f.part_pieces += line.quantity;
            });
            let used = parts.entry((line.part_code.clone(), line.part_name.clone())).or_insert_with(|| PartUse {
                code: line.part_code.clone(),
                name: line.part_name.clone(),
                lines: 0,
                pieces: 0,
            });
            used.lines += 1;
            used.pieces += line.quantity;
        }
        if let Some(a) = report.and_then(|rep| rep.quote_acceptance.as_ref()).filter(|a| !a.total.is_zero()) {
            both.count(engineer, |f| add_money(&mut f.charged, a.total));
        }
    }
    for c in input.complaints {
        let i = Category::ALL.iter().position(|k| *k == c.category).unwrap_or(0);
        both.count(c.engineer_id, |f| f.complaints[i].count += 1);
        if let Some(comp) = &c.compensation {
            both.count(c.engineer_id, |f| {
                f.compensations += 1;
                add_money(&mut f.compensated, comp.amount);
            });
        }
    }
    for c in input.callbacks {
        match &c.outcome {
            Some(Outcome::Phoned { satisfaction, .. }) if satisfied(*satisfaction) => {
                both.count(c.engineer_id, |f| f.callbacks.satisfied += 1)
            }
            Some(Outcome::Phoned { .. }) => both.count(c.engineer_id, |f| f.callbacks.unsatisfied += 1),
            Some(Outcome::Visit { .. }) => both.count(c.engineer_id, |f| f.callbacks.visits += 1),
            None => {}
        }
    }
    for (engineer, standing) in input.planned {
        both.count(*engineer, |f| f.planned.add(*standing));
    }
    let mut parts: Vec<PartUse> = parts.into_values().collect();
    parts.sort_by(|a, b| b.pieces.cmp(&a.pieces).then_with(|| a.code.cmp(&b.code)));
    Statistics { team, engineers, parts, repeats }
}
