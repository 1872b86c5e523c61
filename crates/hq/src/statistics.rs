//! The month's statistics at HQ (维修统计表): the domain's formulas over the month's jobs, the
//! complaints received in it, the callbacks done in it and its planned visits; per engineer and
//! for the team. The sheets made from it (CSV, XLSX, PDF) are in `statistics_sheets`.

use std::collections::HashMap;

use outpost_domain::callback::Callback;
use outpost_domain::complaint::Complaint;
use outpost_domain::ids::EngineerId;
use outpost_domain::job::{Job, JobStatus};
use outpost_domain::kpi::statistics::{self as domain, Input};
use outpost_domain::plan::Standing;
use outpost_wire::statistics::{EngineerFigures, RepeatRepair, Statistics};
use time::{Date, OffsetDateTime, PrimitiveDateTime, Time, UtcOffset};

use crate::db::Tx;
use crate::dispatch;
use crate::error::Result;
use crate::month_records::{self, bounds};
use crate::records::ns;

/// The statistics of `year`-`month` (of one engineer when given), days counted in HQ's `offset`,
/// planned visits seen on `today`, as of `now`.
pub fn month(
    tx: &mut dyn Tx,
    year: i32,
    month: u8,
    engineer: Option<EngineerId>,
    today: Date,
    now: OffsetDateTime,
    offset: UtcOffset,
) -> Result<Statistics> {
    let (first, next) = bounds(year, month)?;
    let at = |d: Date| ns(PrimitiveDateTime::new(d, Time::MIDNIGHT).assume_offset(offset));
    let (from, until) = (at(first), at(next));
    let records = month_records::load(tx, year, month, engineer)?;
    let of_engineer = |e: Option<EngineerId>| engineer.is_none() || e == engineer;

    let mut complaints: Vec<Complaint> = Vec::new();
    for row in tx.query(
        "SELECT body FROM complaints WHERE received_at >= $1 AND received_at < $2 ORDER BY received_at, id",
        &[from.into(), until.into()],
    )? {
        let c: Complaint = row.json::<outpost_wire::model::Complaint>(0)?.into();
        if of_engineer(c.engineer_id) {
            complaints.push(c);
        }
    }
    let mut callbacks: Vec<Callback> = Vec::new();
    for row in tx.query("SELECT body FROM callbacks WHERE state = 'done' ORDER BY queued_at, id", &[])? {
        let c: Callback = row.json::<outpost_wire::callbacks::Callback>(0)?.into();
        let done_at = match &c.outcome {
            Some(
                outpost_domain::callback::Outcome::Phoned { at, .. }
                | outpost_domain::callback::Outcome::Visit { at, .. },
            ) => ns(*at),
            None => continue,
        };
        if (from..until).contains(&done_at) && of_engineer(c.engineer_id) {
            callbacks.push(c);
        }
    }
    let mut planned: Vec<(Option<EngineerId>, Standing)> = Vec::new();
    let label = outpost_domain::plan::visit_month(first);
    for row in tx.query(
        "SELECT pv.due_on, j.body FROM planned_visits pv JOIN jobs j ON j.id = pv.job_id WHERE pv.month = $1",
        &[label.as_str().into()],
    )? {
        let due = row.date(0)?;
        let job: Job = row.json(1)?;
        if of_engineer(job.engineer_id) {
            let finished = job.times.finished_at.map(|t| t.to_offset(offset).date());
            planned.push((job.engineer_id, Standing::of(due, finished, job.status == JobStatus::Cancelled, today)));
        }
    }
    let policy = dispatch::sla_policy(tx)?;
    let stats = domain::compute(&Input {
        counted: &records.counted,
        around: &records.around,
        complaints: &complaints,
        callbacks: &callbacks,
        planned: &planned,
        policy: &policy,
        now,
    });
    let names: HashMap<String, String> = tx
        .query("SELECT id, name FROM engineers", &[])?
        .iter()
        .map(|r| Ok((r.text(0)?, r.text(1)?)))
        .collect::<Result<_>>()?;
    let name = |e: EngineerId| names.get(&e.to_text()).cloned().unwrap_or_else(|| e.to_text());
    let numbers: HashMap<_, _> =
        records.counted.iter().chain(&records.around).map(|r| (r.job.id, r.job.number.clone())).collect();
    let mut engineers: Vec<EngineerFigures> = stats
        .engineers
        .into_iter()
        .filter(|(e, _)| of_engineer(Some(*e)))
        .map(|(e, f)| EngineerFigures { engineer_id: e.to_text(), engineer: name(e), figures: f.into() })
        .collect();
    engineers.sort_by(|a, b| a.engineer.cmp(&b.engineer).then_with(|| a.engineer_id.cmp(&b.engineer_id)));
    let repeats = stats
        .repeats
        .into_iter()
        .map(|r| RepeatRepair {
            job_id: r.job_id.to_text(),
            job_number: numbers.get(&r.job_id).cloned().unwrap_or_default(),
            engineer: r.engineer_id.map(name),
            repeated_by: r.repeated_by.to_text(),
            repeated_by_number: numbers.get(&r.repeated_by).cloned().unwrap_or_default(),
            reason: r.reason,
            first_cause: r.first_cause,
        })
        .collect();
    Ok(Statistics {
        month: label,
        engineer_id: engineer.map(|e| e.to_text()),
        team: stats.team.into(),
        engineers,
        parts: stats.parts.into_iter().map(Into::into).collect(),
        repeats,
    })
}
