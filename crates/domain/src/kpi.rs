//! The monthly KPIs (月度统计), computed the same way on the laptop (own jobs) and at HQ
//! (everyone).

use serde::{Deserialize, Serialize};
use time::{Duration, OffsetDateTime};

use crate::job::{Job, JobStatus, JobType};
use crate::part::PartLine;
use crate::report::{RepairResult, ServiceReport};

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
    /// Whether the customer complained about the job; `None` where no complaint register is
    /// kept (the complaint rate is then not measured).
    pub complaint: Option<bool>,
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
}

impl Kpis {
    /// The mean overall rating, when any.
    pub fn mean_overall(&self) -> Option<f64> {
        (self.overall_rating_count > 0)
            .then(|| f64::from(self.overall_rating_sum) / f64::from(self.overall_rating_count))
    }
}

/// A repair within this many days after a resolved one counts as a repeat repair.
pub const REPEAT_REPAIR_DAYS: i64 = 30;

/// The KPIs over a set of jobs (the caller picks the engineer or team and the month).
/// `now` decides which promised windows are already due.
pub fn compute(records: &[JobRecord], now: OffsetDateTime) -> Kpis {
    let mut k = Kpis::default();
    // Measured only where complaints are recorded: some job says so, and no finished one lacks it.
    let (mut complaint, mut complaints_measured) = (Ratio::default(), records.iter().any(|r| r.complaint.is_some()));
    for r in records {
        let job = &r.job;
        if job.status == JobStatus::Cancelled {
            continue;
        }
        // A visit whose device times HQ found impossible is not measured on time.
        if let Some(w) = job.window.filter(|_| !job.times.clock_suspect) {
            let arrived = job.times.arrived_at;
            let due = arrived.is_some() || w.until < now;
            k.on_time_arrival.count(due, arrived.is_some_and(|a| a <= w.until));
        }
        let finished = job.times.finished_at.is_some();
        // Fixed is what the report says: result 已解决, not an empty report or 待配件.
        let says_resolved = r.report.as_ref().is_some_and(|rep| rep.result == Some(RepairResult::Resolved));
        let resolved = finished && job.unresolved.is_none() && says_resolved;
        let is_repair = job.job_type == JobType::Repair;
        k.fix_rate.count(is_repair && finished, resolved);
        k.first_visit_fix.count(is_repair && resolved, job.previous_visit.is_none() && !follows_unresolved(r, records));
        match r.complaint {
            Some(hit) => complaint.count(finished, hit),
            None => complaints_measured &= !finished,
        }
        if is_repair && resolved {
            k.repeat_repair.count(true, is_repeated(r, records));
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
    }
    k.complaint = complaints_measured.then_some(complaint);
    k
}

/// A repair of equipment whose earlier repair visit ended unresolved is a second visit, linked
/// or not.
fn follows_unresolved(r: &JobRecord, records: &[JobRecord]) -> bool {
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

fn is_repeated(resolved: &JobRecord, records: &[JobRecord]) -> bool {
    let (Some(equipment), Some(done)) = (resolved.job.equipment_id, resolved.job.times.finished_at) else {
        return false;
    };
    let until = done + Duration::days(REPEAT_REPAIR_DAYS);
    records.iter().any(|other| {
        other.job.id != resolved.job.id
            && other.job.job_type == JobType::Repair
            && other.job.status != JobStatus::Cancelled
            && other.job.equipment_id == Some(equipment)
            && other.job.reported_at > done
            && other.job.reported_at <= until
    })
}

#[cfg(test)]
mod tests;
