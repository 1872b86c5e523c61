//! The dispatch board (派工): what each engineer holds over some days and the queue of jobs
//! nobody holds yet. One read of the jobs that matter, joined with their customer and site.

use std::collections::{BTreeSet, HashMap};

use outpost_domain::customer::Site;
use outpost_domain::ids::{EngineerId, JobId};
use outpost_domain::job::{JobStatus, JobType, LeftUnsigned, Severity, Unresolved, Window};
use outpost_domain::sla::{Due, SlaPolicy};
use outpost_wire::board::{Board, Card, EngineerDay};
use serde::Deserialize;
use time::{Date, Duration, OffsetDateTime};

use crate::db::Tx;
use crate::error::{AppError, Result};

/// The most days one board shows.
pub const MAX_DAYS: u32 = 14;

/// What the board reads of a stored job: the few fields a card shows (a week of a large
/// territory is ten thousand jobs, read every few seconds).
#[derive(Debug, Deserialize)]
struct Stored {
    id: JobId,
    number: String,
    job_type: JobType,
    status: JobStatus,
    severity: Severity,
    engineer_id: Option<EngineerId>,
    #[serde(with = "time::serde::rfc3339")]
    reported_at: OffsetDateTime,
    scheduled_on: Date,
    window: Option<Window>,
    unresolved: Option<Unresolved>,
    #[serde(default)]
    left_unsigned: Option<LeftUnsigned>,
    times: StoredTimes,
}

#[derive(Debug, Deserialize)]
struct StoredTimes {
    #[serde(default, with = "time::serde::rfc3339::option")]
    arrived_at: Option<OffsetDateTime>,
    #[serde(default)]
    clock_suspect: bool,
}

/// The board for `days` days from `from`, at `now`.
pub fn board(tx: &mut dyn Tx, from: Date, days: u32, sla: &SlaPolicy, now: OffsetDateTime) -> Result<Board> {
    if !(1..=MAX_DAYS).contains(&days) {
        return Err(AppError::invalid("days", format!("show 1 to {MAX_DAYS} days")));
    }
    let until = from
        .checked_add(Duration::days(i64::from(days)))
        .filter(|until| until.year() <= outpost_domain::calendar::LAST_YEAR)
        .ok_or_else(|| AppError::invalid("from", "a day from 2000 to 2100"))?;
    let outstanding = JobStatus::ALL
        .iter()
        .filter(|s| s.with_engineer())
        .map(|s| format!("'{}'", s.as_str()))
        .collect::<Vec<_>>()
        .join(", ");
    let sql = format!(
        "SELECT j.body, c.name, j.site_id FROM jobs j
           JOIN customers c ON c.id = j.customer_id
          WHERE (j.engineer_id IS NOT NULL AND j.status <> 'cancelled'
                 AND j.scheduled_on >= $1 AND j.scheduled_on < $2)
             OR (j.engineer_id IS NOT NULL AND j.scheduled_on < $1 AND j.status IN ({outstanding}))
             OR (j.engineer_id IS NULL AND j.status = 'assigned')"
    );
    let rows = tx.query(&sql, &[from.to_string().into(), until.to_string().into()])?;
    let mut engineers: Vec<EngineerDay> = tx
        .query("SELECT id, name FROM engineers ORDER BY name", &[])?
        .iter()
        .map(|r| Ok(EngineerDay { id: r.text(0)?, name: r.text(1)?, jobs: Vec::new() }))
        .collect::<Result<_>>()?;
    let rows_of: HashMap<String, usize> = engineers.iter().enumerate().map(|(i, e)| (e.id.clone(), i)).collect();
    let mut unassigned = Vec::new();
    let sites = site_names(tx, &rows)?;
    for row in &rows {
        let job: Stored = row.json(0)?;
        let site = sites.get(&row.text(2)?).cloned().unwrap_or_default();
        let card = card(&job, row.text(1)?, site, from, sla, now);
        match job.engineer_id.and_then(|e| rows_of.get(&e.to_text())) {
            Some(&i) => engineers[i].jobs.push(card),
            None if job.engineer_id.is_none() => unassigned.push(card),
            None => {}
        }
    }
    // Today's work first, then what is carried over from earlier days.
    for day in &mut engineers {
        day.jobs.sort_by(|a, b| {
            (a.carried_over, a.scheduled_on, a.window_from, &a.number).cmp(&(
                b.carried_over,
                b.scheduled_on,
                b.window_from,
                &b.number,
            ))
        });
    }
    unassigned.sort_by(|a, b| (a.reported_at, &a.number).cmp(&(b.reported_at, &b.number)));
    Ok(Board { from, days, now, engineers, unassigned })
}

/// Site names by site id.
type SiteNames = HashMap<String, String>;

/// The names of the sites of `rows` (their third column), each read once: many jobs share a
/// site, and a site's record is larger than its name.
fn site_names(tx: &mut dyn Tx, rows: &[crate::db::Row]) -> Result<SiteNames> {
    let ids: BTreeSet<String> = rows.iter().map(|r| r.text(2)).collect::<Result<_>>()?;
    let ids: Vec<String> = ids.into_iter().collect();
    let mut names = HashMap::with_capacity(ids.len());
    for chunk in ids.chunks(500) {
        let placeholders: Vec<String> = (1..=chunk.len()).map(|i| format!("${i}")).collect();
        let sql = format!("SELECT id, body FROM sites WHERE id IN ({})", placeholders.join(", "));
        let params: Vec<crate::db::Value> = chunk.iter().map(|id| id.as_str().into()).collect();
        for r in tx.query(&sql, &params)? {
            names.insert(r.text(0)?, r.json::<Site>(1)?.name);
        }
    }
    Ok(names)
}

fn card(job: &Stored, customer: String, site: String, from: Date, sla: &SlaPolicy, now: OffsetDateTime) -> Card {
    let status = job.status;
    let due = Due {
        status,
        job_type: job.job_type,
        severity: job.severity,
        window_until: job.window.map(|w| w.until),
        arrived_at: job.times.arrived_at,
    };
    Card {
        id: job.id.to_text(),
        number: job.number.clone(),
        job_type: job.job_type.into(),
        status: status.into(),
        severity: job.severity.into(),
        customer,
        site,
        scheduled_on: job.scheduled_on,
        window_from: job.window.map(|w| w.from),
        window_until: job.window.map(|w| w.until),
        reported_at: job.reported_at,
        reply_due_at: job.engineer_id.is_none().then(|| job.reported_at + sla.reply_within()),
        sla: sla.badge_of(due, now).into(),
        carried_over: job.scheduled_on < from && status.with_engineer(),
        promised_on: job.unresolved.as_ref().map(|u| u.promised_on),
        left_unsigned: job.left_unsigned.as_ref().map(|l| l.reason.into()),
        clock_suspect: job.times.clock_suspect,
    }
}
