//! A job as the domain's rulebook sees it ([`Visit`]), read and written back in one place.

use outpost_domain::ids::JobId;
use outpost_domain::job::EventNote;
use outpost_domain::visit::{Applied, Visit};
use rusqlite::{Connection, Transaction};
use time::OffsetDateTime;

use crate::error::Result;
use crate::{device, equipment, jobs, parts, reports};

/// Loads the job, its report (a new one if none yet), its part lines, equipment and the
/// laptop's charging policy.
pub fn load(conn: &Connection, id: JobId) -> Result<Visit> {
    let job = jobs::get(conn, id)?;
    let report = reports::get_or_new(conn, &job)?;
    let parts = parts::lines(conn, id)?;
    let equipment = job.equipment_id.map(|e| equipment::get(conn, e)).transpose()?;
    Ok(Visit { job, report, parts, equipment, policy: device::charging_policy(conn)? })
}

/// Writes back what an applied change changed.
pub fn save(conn: &Transaction<'_>, visit: &Visit, applied: &Applied, now: OffsetDateTime) -> Result<()> {
    if let Some(line) = &applied.line_added {
        parts::insert_line(conn, line, now)?;
    }
    if let Some(line) = applied.line_removed {
        parts::delete_line(conn, visit.job.id, line)?;
    }
    if applied.job_changed {
        jobs::upsert(conn, &visit.job)?;
    }
    if let Some(event) = &applied.event {
        jobs::insert_event(conn, event)?;
    }
    if let Some(kept) = &applied.revision_kept {
        let reason = match applied.event.as_ref().and_then(|e| e.said.as_ref()) {
            Some(EventNote::Corrected { reason, .. }) => reason.as_str(),
            _ => "",
        };
        reports::keep_revision(conn, kept, reason, now)?;
    }
    if applied.report_changed {
        reports::save(conn, &visit.report, now)?;
    }
    Ok(())
}
