//! The month's figures of this laptop's engineer (月度统计), computed by the same rules as HQ's
//! from the jobs this laptop holds: those scheduled in the month, counted, and the other jobs
//! of their equipment held here, looked at.

use std::collections::BTreeSet;

use outpost_domain::ids::JobId;
use outpost_domain::kpi::{self, JobRecord, Kpis};
use rusqlite::{Connection, params};
use time::OffsetDateTime;

use crate::codec::parse;
use crate::error::Result;
use crate::{complaints, device, jobs, parts, reports};

/// The KPIs of `year`-`month` as of `now`. HQ sends the complaints about each job with the job,
/// so the complaint rate counts as HQ's does.
pub fn month(conn: &Connection, year: i32, month: u8, now: OffsetDateTime) -> Result<Kpis> {
    let ids = {
        let (first, last) = (format!("{year:04}-{month:02}-01"), format!("{year:04}-{month:02}-31"));
        let mut stmt = conn.prepare_cached("SELECT id FROM jobs WHERE scheduled_on BETWEEN ?1 AND ?2")?;
        job_ids(stmt.query_map(params![first, last], |r| r.get(0))?)?
    };
    let mut seen: BTreeSet<JobId> = ids.iter().copied().collect();
    let counted = ids.into_iter().map(|id| record(conn, id)).collect::<Result<Vec<_>>>()?;
    let mut around = Vec::new();
    for r in &counted {
        // The other jobs of its equipment, the visit it continues and the visits continuing it.
        let mut stmt = conn.prepare_cached(
            "SELECT id FROM jobs WHERE id <> ?1 AND (equipment_id = ?2 OR previous_visit = ?1 OR id = ?3)",
        )?;
        let job = &r.job;
        let key =
            params![job.id.to_text(), job.equipment_id.map(|e| e.to_text()), job.previous_visit.map(|p| p.to_text())];
        for id in job_ids(stmt.query_map(key, |r| r.get(0))?)? {
            if seen.insert(id) {
                around.push(record(conn, id)?);
            }
        }
    }
    Ok(kpi::compute(&counted, &around, &device::sla_policy(conn)?, now))
}

fn job_ids(rows: impl Iterator<Item = rusqlite::Result<String>>) -> Result<Vec<JobId>> {
    rows.map(|text| parse("job id", &text?)).collect()
}

fn record(conn: &Connection, id: JobId) -> Result<JobRecord> {
    Ok(JobRecord {
        job: jobs::get(conn, id)?,
        report: reports::get(conn, id)?,
        parts: parts::lines(conn, id)?,
        events: jobs::events(conn, id)?,
        complaint: Some(!complaints::of_job(conn, id)?.is_empty()),
    })
}
