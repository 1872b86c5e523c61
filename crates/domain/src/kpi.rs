//! The monthly KPIs (月度统计), computed the same way on the laptop (own jobs) and at HQ
//! (everyone).

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};
use time::{Duration, OffsetDateTime};

use crate::ids::{EquipmentId, JobId};
use crate::job::{Job, JobEvent, JobStatus, JobType};
use crate::part::PartLine;
use crate::report::{RepairResult, ServiceReport};
use crate::sla::SlaPolicy;

mod clocks;
pub mod statistics;

pub use clocks::{FactoryRepair, factory_return};

/// A share: how many of how many. No floats until display.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Ratio {
    pub numerator: u32,
    pub denominator: u32,
}

impl Ratio {
    /// The share in percent; `None` when there is nothing to count.
    pub fn percent(&self) -> Option<f64> {
        (self.denominator > 0).then(|| f64::from(self.numerator) * 100.0 / f64::from(self.denominator))
    }

    fn count(&mut self, counted: bool, hit: bool) {
        if counted {
            self.denominator += 1;
            if hit {
                self.numerator += 1;
            }
        }
    }
}

/// Everything the KPIs need about one job.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobRecord {
    pub job: Job,
    pub report: Option<ServiceReport>,
    pub parts: Vec<PartLine>,
    /// The job's events: when HQ gave it to an engineer is the reply to the customer's call.
    pub events: Vec<JobEvent>,
    /// Whether the customer complained about the job; `None` where no complaint register is
    /// kept (the complaint rate is then not measured).
    pub complaint: Option<bool>,
}

impl JobRecord {
    /// Finished and fixed, as the report says: result 已解决, not an empty report, 待配件 or
    /// a visit left unresolved.
    pub fn fixed(&self) -> bool {
        let says_resolved = self.report.as_ref().is_some_and(|rep| rep.result == Some(RepairResult::Resolved));
        self.job.times.finished_at.is_some() && self.job.unresolved.is_none() && says_resolved
    }

    /// The report's result, when it gives one.
    fn result(&self) -> Option<RepairResult> {
        self.report.as_ref().and_then(|rep| rep.result)
    }
}

/// The monthly figures of an engineer or a team.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct Kpis {
    /// 维修及时率: arrived within the promised window / jobs with a window that is due (a visit
    /// with a `clock_suspect` time is left out: not measured).
    pub on_time_arrival: Ratio,
    /// 故障解决率: repairs whose report says resolved (已解决) / repairs completed or unresolved.
    pub fix_rate: Ratio,
    /// Resolved on the first visit / resolved: a repair linked to an earlier visit, or of
    /// equipment whose earlier repair ended unresolved, is a second visit.
    pub first_visit_fix: Ratio,
    /// Mean overall rating (sum and count).
    pub overall_rating_sum: u32,
    pub overall_rating_count: u32,
    /// 客户满意度: jobs rated ≥ 4 overall / jobs rated.
    pub satisfied: Ratio,
    /// 返修率: resolved repairs followed by another repair of the same equipment within 30 days / resolved repairs.
    pub repeat_repair: Ratio,
    /// 投诉率: jobs with a complaint / completed jobs; `None` (not measured) unless every
    /// completed job's complaints were recorded.
    pub complaint: Option<Ratio>,
    /// Signed reports with every mandatory field / jobs past signing (signed, departed,
    /// closed): a job closed without a signed report counts as incomplete.
    pub report_completeness: Ratio,
    /// 24 小时答复率: repairs given to an engineer (派工) within the reply target of the call /
    /// repairs given, or whose reply target has passed.
    pub reply_in_time: Ratio,
    /// 返厂维修及时率: units sent to the factory (a repair whose result is 需返厂) fixed within
    /// the working days of the policy / those fixed, or whose working days have passed.
    pub factory_repair_in_time: Ratio,
}

impl Kpis {
    /// The mean overall rating, when any.
    pub fn mean_overall(&self) -> Option<f64> {
        (self.overall_rating_count > 0)
            .then(|| f64::from(self.overall_rating_sum) / f64::from(self.overall_rating_count))
    }

    /// The shares in the order of the monthly statistics, each with its name; `None` where
    /// nothing is recorded to count.
    pub fn shares(&self) -> [(Share, Option<Ratio>); 9] {
        [
            (Share::OnTimeArrival, Some(self.on_time_arrival)),
            (Share::ReplyInTime, Some(self.reply_in_time)),
            (Share::FixRate, Some(self.fix_rate)),
            (Share::FirstVisitFix, Some(self.first_visit_fix)),
            (Share::RepeatRepair, Some(self.repeat_repair)),
            (Share::FactoryRepairInTime, Some(self.factory_repair_in_time)),
            (Share::Satisfied, Some(self.satisfied)),
            (Share::Complaint, self.complaint),
            (Share::ReportCompleteness, Some(self.report_completeness)),
        ]
    }
}

/// The name of one share of the monthly statistics.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Share {
    OnTimeArrival,
    ReplyInTime,
    FixRate,
    FirstVisitFix,
    RepeatRepair,
    FactoryRepairInTime,
    Satisfied,
    Complaint,
    ReportCompleteness,
}

/// What the sources ask of a share, in percent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Target {
    /// At least this (客户满意度 90%以上, 003).
    AtLeast(u32),
    /// Below this (客户投诉率 低于10%, 003).
    Below(u32),
}

impl Target {
    /// Whether a share in percent meets the target.
    pub fn met(self, percent: f64) -> bool {
        match self {
            Target::AtLeast(p) => percent >= f64::from(p),
            Target::Below(p) => percent < f64::from(p),
        }
    }
}

impl Share {
    /// Every share, in the order of the monthly statistics.
    pub const ALL: [Share; 9] = [
        Share::OnTimeArrival,
        Share::ReplyInTime,
        Share::FixRate,
        Share::FirstVisitFix,
        Share::RepeatRepair,
        Share::FactoryRepairInTime,
        Share::Satisfied,
        Share::Complaint,
        Share::ReportCompleteness,
    ];

    /// Its name in the figures' JSON (`on_time_arrival`).
    pub fn key(self) -> &'static str {
        match self {
            Share::OnTimeArrival => "on_time_arrival",
            Share::ReplyInTime => "reply_in_time",
            Share::FixRate => "fix_rate",
            Share::FirstVisitFix => "first_visit_fix",
            Share::RepeatRepair => "repeat_repair",
            Share::FactoryRepairInTime => "factory_repair_in_time",
            Share::Satisfied => "satisfied",
            Share::Complaint => "complaint",
            Share::ReportCompleteness => "report_completeness",
        }
    }

    /// What the sources ask of it, where they set a figure.
    pub fn target(self) -> Option<Target> {
        match self {
            Share::Satisfied => Some(Target::AtLeast(90)),
            Share::Complaint => Some(Target::Below(10)),
            _ => None,
        }
    }

    /// The figure's name in `language`, as the department's monthly statistics call it.
    pub fn label(self, language: crate::customer::Language) -> &'static str {
        use crate::customer::Language::{En, ZhCn};
        match (self, language) {
            (Share::OnTimeArrival, En) => "on-time arrival",
            (Share::OnTimeArrival, ZhCn) => "维修及时率",
            (Share::ReplyInTime, En) => "replied within the target",
            (Share::ReplyInTime, ZhCn) => "24 小时答复率",
            (Share::FixRate, En) => "fix rate",
            (Share::FixRate, ZhCn) => "故障解决率",
            (Share::FirstVisitFix, En) => "first-visit fix",
            (Share::FirstVisitFix, ZhCn) => "一次修复率",
            (Share::RepeatRepair, En) => "repeat repairs",
            (Share::RepeatRepair, ZhCn) => "返修率",
            (Share::FactoryRepairInTime, En) => "factory repairs in time",
            (Share::FactoryRepairInTime, ZhCn) => "返厂维修及时率",
            (Share::Satisfied, En) => "satisfied customers",
            (Share::Satisfied, ZhCn) => "客户满意度",
            (Share::Complaint, En) => "complaint rate",
            (Share::Complaint, ZhCn) => "客户投诉率",
            (Share::ReportCompleteness, En) => "complete reports",
            (Share::ReportCompleteness, ZhCn) => "服务报告完整率",
        }
    }
}

/// A repair within this many days after a resolved one counts as a repeat repair.
pub const REPEAT_REPAIR_DAYS: i64 = 30;

/// The KPIs over the jobs `counted` (the caller picks the engineer or team and the month).
/// `around` holds other jobs of the same equipment, counted in no figure but looked at: the
/// earlier visit a repair continues, the repair that repeats one, the visit that brought a unit
/// back from the factory. `now` decides which promised windows and targets are already due.
pub fn compute(counted: &[JobRecord], around: &[JobRecord], policy: &SlaPolicy, now: OffsetDateTime) -> Kpis {
    compute_by(counted, around, policy, now, |_| None::<()>).0
}

/// The KPIs of everyone, and of each group `group` puts a counted job in (its engineer), in one
/// pass over the jobs: each looks only at the jobs of its own equipment and those continuing it.
pub fn compute_by<K: Ord>(
    counted: &[JobRecord],
    around: &[JobRecord],
    policy: &SlaPolicy,
    now: OffsetDateTime,
    group: impl Fn(&JobRecord) -> Option<K>,
) -> (Kpis, BTreeMap<K, Kpis>) {
    let index = Index::new(counted, around);
    let mut team = Counting::default();
    let mut groups: BTreeMap<K, Counting> = BTreeMap::new();
    for r in counted {
        let one = Counting::of(r, &index.near(r), policy, now);
        team.add(&one);
        if let Some(k) = group(r) {
            groups.entry(k).or_default().add(&one);
        }
    }
    (team.kpis(), groups.into_iter().map(|(k, c)| (k, c.kpis())).collect())
}

/// The jobs by equipment and by the visit they continue.
struct Index<'a> {
    by_equipment: HashMap<EquipmentId, Vec<&'a JobRecord>>,
    by_previous: HashMap<JobId, Vec<&'a JobRecord>>,
}

impl<'a> Index<'a> {
    fn new(counted: &'a [JobRecord], around: &'a [JobRecord]) -> Index<'a> {
        let mut index = Index { by_equipment: HashMap::new(), by_previous: HashMap::new() };
        for r in counted.iter().chain(around) {
            if let Some(e) = r.job.equipment_id {
                index.by_equipment.entry(e).or_default().push(r);
            }
            if let Some(p) = r.job.previous_visit {
                index.by_previous.entry(p).or_default().push(r);
            }
        }
        index
    }

    /// The jobs a record's figures look at: its equipment's, and the visits continuing it.
    fn near(&self, r: &JobRecord) -> Vec<&'a JobRecord> {
        let mut near: Vec<&JobRecord> = Vec::new();
        if let Some(e) = r.job.equipment_id.and_then(|e| self.by_equipment.get(&e)) {
            near.extend(e);
        }
        if let Some(p) = self.by_previous.get(&r.job.id) {
            near.extend(p.iter().filter(|c| c.job.equipment_id.is_none() || c.job.equipment_id != r.job.equipment_id));
        }
        near
    }
}

/// The figures of some jobs as they are counted, before the complaint rate is known to be
/// measured: only where complaints are recorded (some job says so) and no finished one lacks it.
#[derive(Debug, Default)]
struct Counting {
    k: Kpis,
    complaint: Ratio,
    recorded: bool,
    lacking: bool,
}

impl Counting {
    fn of(r: &JobRecord, records: &[&JobRecord], policy: &SlaPolicy, now: OffsetDateTime) -> Counting {
        let mut c = Counting { recorded: r.complaint.is_some(), ..Counting::default() };
        let (k, job) = (&mut c.k, &r.job);
        if job.status == JobStatus::Cancelled {
            return c;
        }
        // A visit whose device times HQ found impossible is not measured on time.
        if let Some(w) = job.window.filter(|_| !job.times.clock_suspect) {
            let arrived = job.times.arrived_at;
            let due = arrived.is_some() || w.until < now;
            k.on_time_arrival.count(due, arrived.is_some_and(|a| a <= w.until));
        }
        let finished = job.times.finished_at.is_some();
        let resolved = r.fixed();
        let is_repair = job.job_type == JobType::Repair;
        k.fix_rate.count(is_repair && finished, resolved);
        k.first_visit_fix.count(is_repair && resolved, job.previous_visit.is_none() && !follows_unresolved(r, records));
        match r.complaint {
            Some(hit) => c.complaint.count(finished, hit),
            None => c.lacking = finished,
        }
        if is_repair && resolved {
            k.repeat_repair.count(true, is_repeated(r, records));
        }
        if is_repair {
            let (due, in_time) = clocks::reply(r, policy, now);
            k.reply_in_time.count(due, in_time);
            let (due, in_time) = clocks::factory_repair(r, records, policy, now);
            k.factory_repair_in_time.count(due, in_time);
        }
        if let Some(overall) = r.report.as_ref().and_then(|rep| rep.satisfaction.as_ref()).and_then(|s| s.overall()) {
            k.overall_rating_sum += u32::from(overall.value());
            k.overall_rating_count += 1;
            k.satisfied.count(true, overall.value() >= 4);
        }
        // Every job past signing should hold a complete signed report; one closed without it
        // counts against the figure rather than out of it.
        let past_signing = matches!(job.status, JobStatus::Signed | JobStatus::Departed | JobStatus::Closed);
        let complete = r.report.as_ref().is_some_and(|rep| rep.is_signed() && rep.missing(&r.parts).is_empty());
        k.report_completeness.count(past_signing, complete);
        c
    }

    fn add(&mut self, o: &Counting) {
        let (k, ok) = (&mut self.k, &o.k);
        for (mine, theirs) in [
            (&mut k.on_time_arrival, ok.on_time_arrival),
            (&mut k.fix_rate, ok.fix_rate),
            (&mut k.first_visit_fix, ok.first_visit_fix),
            (&mut k.satisfied, ok.satisfied),
            (&mut k.repeat_repair, ok.repeat_repair),
            (&mut k.report_completeness, ok.report_completeness),
            (&mut k.reply_in_time, ok.reply_in_time),
            (&mut k.factory_repair_in_time, ok.factory_repair_in_time),
            (&mut self.complaint, o.complaint),
        ] {
            mine.numerator += theirs.numerator;
            mine.denominator += theirs.denominator;
        }
        k.overall_rating_sum += ok.overall_rating_sum;
        k.overall_rating_count += ok.overall_rating_count;
        self.recorded |= o.recorded;
        self.lacking |= o.lacking;
    }

    fn kpis(self) -> Kpis {
        Kpis { complaint: (self.recorded && !self.lacking).then_some(self.complaint), ..self.k }
    }
}

/// A repair of equipment whose earlier repair visit ended unresolved is a second visit, linked
/// or not.
fn follows_unresolved(r: &JobRecord, records: &[&JobRecord]) -> bool {
    let Some(equipment) = r.job.equipment_id else {
        return false;
    };
    records.iter().any(|earlier| {
        earlier.job.id != r.job.id
            && earlier.job.job_type == JobType::Repair
            && earlier.job.equipment_id == Some(equipment)
            && earlier.job.unresolved.is_some()
            && earlier.job.times.finished_at.is_some_and(|done| done <= r.job.times.arrived_at.unwrap_or(done))
    })
}

fn is_repeated(resolved: &JobRecord, records: &[&JobRecord]) -> bool {
    repeated_by(resolved, records).is_some()
}

/// The repair that repeats a resolved one (返修): of the same equipment, not cancelled, reported
/// within [`REPEAT_REPAIR_DAYS`] after the first was done; the earliest when there are several.
pub fn repeated_by<'a>(resolved: &JobRecord, records: &[&'a JobRecord]) -> Option<&'a JobRecord> {
    let (Some(equipment), Some(done)) = (resolved.job.equipment_id, resolved.job.times.finished_at) else {
        return None;
    };
    let until = done + Duration::days(REPEAT_REPAIR_DAYS);
    records
        .iter()
        .copied()
        .filter(|other| {
            other.job.id != resolved.job.id
                && other.job.job_type == JobType::Repair
                && other.job.status != JobStatus::Cancelled
                && other.job.equipment_id == Some(equipment)
                && other.job.reported_at > done
                && other.job.reported_at <= until
        })
        .min_by_key(|other| other.job.reported_at)
}

#[cfg(test)]
mod tests;
