//! The month's figures of this laptop's engineer (月度统计), computed by the same rules as HQ's
//! from the jobs this laptop holds: those scheduled in the month, counted, and the other jobs
//! of their equipment held here, looked at.

use std::collections::BTreeSet;

use outpost_domain::ids::JobId;
use outpost_domain::kpi::statistics::{self, Figures, Input};
use outpost_domain::kpi::{self, JobRecord, Kpis};
use rusqlite::{Connection, params};
use time::OffsetDateTime;

use crate::codec::parse;
use crate::error::Result;
use crate::{complaints, device, jobs, parts, reports};

/// The KPIs of `year`-`month` as of `now`. HQ sends the complaints about each job with the job,
/// so the complaint rate counts as HQ's does.
pub fn month(conn: &Connection, year: i32, month: u8, now: OffsetDateTime) -> Result<Kpis> {
    let (counted, around) = records(conn, year, month)?;
    Ok(kpi::compute(&counted, &around, &device::sla_policy(conn)?, now))
}

/// The engineer's own statistics of `year`-`month` (My month), by the formula HQ's monthly
/// statistics use: over the jobs held here and the complaints HQ sent about them. The callback
/// queue and the planned visits are kept at HQ, and a job HQ cancels leaves the laptop: those
/// counts here stay empty.
pub fn statistics(conn: &Connection, year: i32, month: u8, now: OffsetDateTime) -> Result<Figures> {
    let (counted, around) = records(conn, year, month)?;
    let prefix = format!("{year:04}-{month:02}");
    let mut complaints = Vec::new();
    for r in &counted {
        complaints.extend(
            complaints::of_job(conn, r.job.id)?
                .into_iter()
                .filter(|c| c.received_at.to_offset(now.offset()).date().to_string().starts_with(&prefix)),
        );
    }
    let policy = device::sla_policy(conn)?;
    let input = Input {
        counted: &counted,
        around: &around,
        complaints: &complaints,
        callbacks: &[],
        planned: &[],
        policy: &policy,
        now,
    };
    Ok(statistics::compute(&input).team)
}

/// The jobs scheduled in the month, counted, and the other jobs of their equipment held here.
fn records(conn: &Connection, year: i32, month: u8) -> Result<(Vec<JobRecord>, Vec<JobRecord>)> {
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
    Ok((counted, around))
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
