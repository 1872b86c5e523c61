//! The month's figures (月度统计) from what HQ holds: the jobs scheduled in the month, counted,
//! and the other jobs of their equipment, looked at (the visit a repair continues, the repair
//! that repeats it, the visit that brought a unit back from the factory).

use outpost_domain::ids::{EngineerId, JobId};
use outpost_domain::kpi::{self, JobRecord, Kpis};
use time::OffsetDateTime;

use crate::db::Tx;
use crate::error::{AppError, Result};
use crate::{dispatch, month_records, records};

/// The KPIs of `year`-`month`, of one engineer or of everyone, as of `now`.
pub fn month(tx: &mut dyn Tx, year: i32, month: u8, engineer: Option<EngineerId>, now: OffsetDateTime) -> Result<Kpis> {
    let m = month_records::load(tx, year, month, engineer)?;
    Ok(kpi::compute(&m.counted, &m.around, &dispatch::sla_policy(tx)?, now))
}

/// One job as the figures need it, before the register of complaints is read.
pub(crate) fn record(tx: &mut dyn Tx, id: JobId) -> Result<JobRecord> {
    let b = records::bundle(tx, id)?;
    Ok(JobRecord { job: b.job, report: b.report, parts: b.parts, events: b.events, complaint: None })
}

/// The other jobs of a job's equipment, the visit it continues and the visits continuing it.
pub(crate) fn related(tx: &mut dyn Tx, job: &outpost_domain::job::Job) -> Result<Vec<JobId>> {
    let rows = tx.query(
        "SELECT id FROM jobs WHERE id <> $1 AND (equipment_id = $2 OR previous_visit = $1 OR id = $3)",
        &[
            job.id.to_text().into(),
            job.equipment_id.map(|e| e.to_text()).into(),
            job.previous_visit.map(|p| p.to_text()).into(),
        ],
    )?;
    rows.iter().map(|r| r.text(0)?.parse().map_err(|_| AppError::internal("a job id in the jobs table"))).collect()
}
