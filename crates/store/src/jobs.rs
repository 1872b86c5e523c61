//! Jobs, their events, and the job lists of the engineer's day.

use outpost_domain::ids::{EquipmentId, JobId};
use outpost_domain::job::{Actor, Job, JobEvent, JobStatus, JobType, Severity, Unresolved, VisitTimes, Window};
use rusqlite::{Connection, OptionalExtension, Row, Transaction, params};
use serde::Serialize;
use time::{Date, OffsetDateTime};

use crate::codec::{
    date_from_sql, date_to_sql, opt_date_from_sql, opt_time_from_sql, parse, time_from_sql, time_to_sql,
};
use crate::error::{Result, StoreError};
use crate::search::{self, HitKind};

/// Inserts or replaces a job.
pub fn upsert(tx: &Transaction<'_>, j: &Job) -> Result<()> {
    let t = &j.times;
    tx.prepare_cached(
        "INSERT INTO jobs (id, number, job_type, status, severity, customer_id, site_id, equipment_id, engineer_id,
                           reported_fault, reported_at, scheduled_on, window_from, window_until, previous_visit,
                           unresolved_reason, promised_on, cancel_reason,
                           en_route_at, arrived_at, finished_at, signed_at, departed_at, closed_at, clock_suspect,
                           left_unsigned)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24,
                 ?25, ?26)
         ON CONFLICT (id) DO UPDATE SET number = ?2, job_type = ?3, status = ?4, severity = ?5, customer_id = ?6,
             site_id = ?7, equipment_id = ?8, engineer_id = ?9, reported_fault = ?10, reported_at = ?11,
             scheduled_on = ?12, window_from = ?13, window_until = ?14, previous_visit = ?15,
             unresolved_reason = ?16, promised_on = ?17, cancel_reason = ?18, en_route_at = ?19,
             arrived_at = ?20, finished_at = ?21, signed_at = ?22, departed_at = ?23, closed_at = ?24,
             clock_suspect = ?25, left_unsigned = ?26",
    )?
    .execute(params![
        j.id.to_text(),
        j.number,
        j.job_type.as_str(),
        j.status.as_str(),
        severity_str(j.severity),
        j.customer_id.to_text(),
        j.site_id.to_text(),
        j.equipment_id.map(|e| e.to_text()),
        j.engineer_id.map(|e| e.to_text()),
        j.reported_fault,
        time_to_sql(j.reported_at),
        date_to_sql(j.scheduled_on),
        j.window.map(|w| time_to_sql(w.from)),
        j.window.map(|w| time_to_sql(w.until)),
        j.previous_visit.map(|p| p.to_text()),
        j.unresolved.as_ref().map(|u| u.reason.clone()),
        j.unresolved.as_ref().map(|u| date_to_sql(u.promised_on)),
        j.cancel_reason,
        t.en_route_at.map(time_to_sql),
        t.arrived_at.map(time_to_sql),
        t.finished_at.map(time_to_sql),
        t.signed_at.map(time_to_sql),
        t.departed_at.map(time_to_sql),
        t.closed_at.map(time_to_sql),
        t.clock_suspect,
        j.left_unsigned.as_ref().map(serde_json::to_string).transpose()?,
    ])?;
    Ok(())
}

/// Indexes a job for search under its number, customer, site and equipment.
pub fn index(tx: &Transaction<'_>, j: &Job) -> Result<()> {
    let (customer, site, address): (String, String, String) = tx.query_row(
        "SELECT c.name, s.name, s.address FROM customers c JOIN sites s ON s.id = ?2 WHERE c.id = ?1",
        params![j.customer_id.to_text(), j.site_id.to_text()],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    let equipment: Option<String> = match j.equipment_id {
        Some(e) => tx
            .query_row(
                "SELECT brand || ' ' || model || ' ' || serial FROM equipment WHERE id = ?1",
                [e.to_text()],
                |r| r.get(0),
            )
            .optional()?,
        None => None,
    };
    let title = format!("{} {} {}", j.number, customer, site);
    let body = format!("{} {} {} {}", j.job_type.as_str(), j.reported_fault, address, equipment.unwrap_or_default());
    let id = j.id.to_text();
    search::index(tx, HitKind::Job, &id, Some(&id), &title, &body)
}

const JOB_COLUMNS: &str = "id, number, job_type, status, severity, customer_id, site_id, equipment_id, engineer_id,
    reported_fault, reported_at, scheduled_on, window_from, window_until, previous_visit, unresolved_reason,
    promised_on, cancel_reason, en_route_at, arrived_at, finished_at, signed_at, departed_at, closed_at, clock_suspect,
    left_unsigned";

fn job_from_row(r: &Row<'_>) -> Result<Job> {
    let window = match (r.get::<_, Option<i64>>(12)?, r.get::<_, Option<i64>>(13)?) {
        (Some(from), Some(until)) => Some(Window { from: time_from_sql(from)?, until: time_from_sql(until)? }),
        _ => None,
    };
    let unresolved = match (r.get::<_, Option<String>>(15)?, opt_date_from_sql(r.get(16)?)?) {
        (Some(reason), Some(promised_on)) => Some(Unresolved { reason, promised_on }),
        _ => None,
    };
    Ok(Job {
        id: parse("job id", &r.get::<_, String>(0)?)?,
        number: r.get(1)?,
        job_type: JobType::parse(&r.get::<_, String>(2)?)?,
        status: JobStatus::parse(&r.get::<_, String>(3)?)?,
        severity: parse_severity(&r.get::<_, String>(4)?)?,
        customer_id: parse("customer id", &r.get::<_, String>(5)?)?,
        site_id: parse("site id", &r.get::<_, String>(6)?)?,
        equipment_id: r.get::<_, Option<String>>(7)?.map(|s| parse("equipment id", &s)).transpose()?,
        engineer_id: r.get::<_, Option<String>>(8)?.map(|s| parse("engineer id", &s)).transpose()?,
        reported_fault: r.get(9)?,
        reported_at: time_from_sql(r.get(10)?)?,
        scheduled_on: date_from_sql(&r.get::<_, String>(11)?)?,
        window,
        previous_visit: r.get::<_, Option<String>>(14)?.map(|s| parse("job id", &s)).transpose()?,
        unresolved,
        cancel_reason: r.get(17)?,
        times: VisitTimes {
            en_route_at: opt_time_from_sql(r.get(18)?)?,
            arrived_at: opt_time_from_sql(r.get(19)?)?,
            finished_at: opt_time_from_sql(r.get(20)?)?,
            signed_at: opt_time_from_sql(r.get(21)?)?,
            departed_at: opt_time_from_sql(r.get(22)?)?,
            closed_at: opt_time_from_sql(r.get(23)?)?,
            clock_suspect: r.get(24)?,
        },
        left_unsigned: r.get::<_, Option<String>>(25)?.map(|j| serde_json::from_str(&j)).transpose()?,
    })
}

/// One job.
pub fn get(conn: &Connection, id: JobId) -> Result<Job> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {JOB_COLUMNS} FROM jobs WHERE id = ?1"))?;
    let mut rows = stmt.query([id.to_text()])?;
    match rows.next()? {
        Some(row) => job_from_row(row),
        None => Err(StoreError::NotFound { what: "job", id: id.to_text() }),
    }
}

/// Finds a job by its id or its number (what people type).
pub fn find(conn: &Connection, id_or_number: &str) -> Result<Job> {
    let key = id_or_number.trim();
    let id: Option<String> =
        conn.query_row("SELECT id FROM jobs WHERE id = ?1 OR number = ?1", [key], |r| r.get(0)).optional()?;
    match id {
        Some(id) => get(conn, parse("job id", &id)?),
        None => Err(StoreError::NotFound { what: "job", id: key.to_owned() }),
    }
}

/// Records a job event.
pub fn insert_event(tx: &Transaction<'_>, e: &JobEvent) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO job_events (job_id, at, actor, from_status, to_status, note, said)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        e.job_id.to_text(),
        time_to_sql(e.at),
        serde_json::to_string(&e.actor)?,
        e.from.as_str(),
        e.to.as_str(),
        e.note,
        e.said.as_ref().map(serde_json::to_string).transpose()?,
    ])?;
    Ok(())
}

/// The events of a job, oldest first.
pub fn events(conn: &Connection, id: JobId) -> Result<Vec<JobEvent>> {
    let mut stmt = conn.prepare_cached(
        "SELECT at, actor, from_status, to_status, note, said FROM job_events WHERE job_id = ?1 ORDER BY id",
    )?;
    let mut rows = stmt.query([id.to_text()])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let actor: Actor = serde_json::from_str(&r.get::<_, String>(1)?)?;
        out.push(JobEvent {
            job_id: id,
            at: time_from_sql(r.get(0)?)?,
            actor,
            from: JobStatus::parse(&r.get::<_, String>(2)?)?,
            to: JobStatus::parse(&r.get::<_, String>(3)?)?,
            note: r.get(4)?,
            received_at: None,
            clock_suspect: false,
            // A note this build cannot read (a newer HQ's) keeps its words in `note`.
            said: r.get::<_, Option<String>>(5)?.and_then(|j| serde_json::from_str(&j).ok()),
        });
    }
    Ok(out)
}

/// Which jobs a list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JobFilter {
    /// Scheduled for the day, in any state but cancelled.
    Today,
    /// Scheduled before the day and still not finished.
    Overdue,
    /// Scheduled after the day and not cancelled.
    Upcoming,
    /// Everything, newest first.
    All,
}

impl JobFilter {
    /// Parses `today` / `overdue` / `upcoming` / `all`.
    pub fn parse(s: &str) -> Result<JobFilter> {
        match s.trim() {
            "today" => Ok(JobFilter::Today),
            "overdue" => Ok(JobFilter::Overdue),
            "upcoming" => Ok(JobFilter::Upcoming),
            "all" => Ok(JobFilter::All),
            other => Err(outpost_domain::DomainError::not_one_of(
                outpost_domain::field::Field::JobList,
                other,
                &["today", "overdue", "upcoming", "all"],
            )
            .into()),
        }
    }
}

/// A line of the job list.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct JobSummary {
    pub id: JobId,
    pub number: String,
    pub job_type: JobType,
    pub status: JobStatus,
    pub severity: Severity,
    pub customer: String,
    pub site: String,
    pub address: String,
    pub equipment: Option<String>,
    pub reported_fault: String,
    pub scheduled_on: Date,
    #[serde(with = "time::serde::rfc3339::option")]
    pub window_from: Option<OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub window_until: Option<OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub arrived_at: Option<OffsetDateTime>,
}

const SUMMARY_SQL: &str = "SELECT j.id, j.number, j.job_type, j.status, j.severity, c.name, s.name, s.address,
        e.brand || ' ' || e.model || ' · ' || e.serial, j.reported_fault, j.scheduled_on, j.window_from,
        j.window_until, j.arrived_at
   FROM jobs j JOIN customers c ON c.id = j.customer_id JOIN sites s ON s.id = j.site_id
   LEFT JOIN equipment e ON e.id = j.equipment_id";

fn summary_from_row(r: &Row<'_>) -> Result<JobSummary> {
    Ok(JobSummary {
        id: parse("job id", &r.get::<_, String>(0)?)?,
        number: r.get(1)?,
        job_type: JobType::parse(&r.get::<_, String>(2)?)?,
        status: JobStatus::parse(&r.get::<_, String>(3)?)?,
        severity: parse_severity(&r.get::<_, String>(4)?)?,
        customer: r.get(5)?,
        site: r.get(6)?,
        address: r.get(7)?,
        equipment: r.get(8)?,
        reported_fault: r.get(9)?,
        scheduled_on: date_from_sql(&r.get::<_, String>(10)?)?,
        window_from: opt_time_from_sql(r.get(11)?)?,
        window_until: opt_time_from_sql(r.get(12)?)?,
        arrived_at: opt_time_from_sql(r.get(13)?)?,
    })
}

/// A job list for the engineer's day.
pub fn list(conn: &Connection, filter: JobFilter, today: Date, limit: usize) -> Result<Vec<JobSummary>> {
    let (condition, order) = filter_sql(filter);
    let sql = format!("{SUMMARY_SQL} WHERE {condition} ORDER BY {order} LIMIT ?2");
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query(params![date_to_sql(today), limit as i64])?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        out.push(summary_from_row(row)?);
    }
    Ok(out)
}

/// How many jobs a list holds.
pub fn count(conn: &Connection, filter: JobFilter, today: Date) -> Result<u64> {
    let (condition, _) = filter_sql(filter);
    let sql = format!("SELECT count(*) FROM jobs j WHERE {condition}");
    let n: i64 = conn.prepare_cached(&sql)?.query_row([date_to_sql(today)], |r| r.get(0))?;
    Ok(u64::try_from(n).unwrap_or(0))
}

/// The condition and order of a list (`?1` is today).
fn filter_sql(filter: JobFilter) -> (&'static str, &'static str) {
    match filter {
        // Today's work: what is scheduled today, and an unresolved visit whose promised date
        // is today (it comes back on the engineer's list that day). The visit under way first.
        JobFilter::Today => (
            "((j.scheduled_on = ?1 AND j.status <> 'cancelled') OR (j.status = 'unresolved' AND j.promised_on = ?1))",
            "CASE j.status WHEN 'on_site' THEN 0 WHEN 'en_route' THEN 1 ELSE 2 END, j.window_from, j.number",
        ),
        JobFilter::Overdue => {
            ("j.scheduled_on < ?1 AND j.status IN ('assigned', 'en_route', 'on_site')", "j.scheduled_on, j.number")
        }
        JobFilter::Upcoming => {
            ("j.scheduled_on > ?1 AND j.status <> 'cancelled'", "j.scheduled_on, j.window_from, j.number")
        }
        JobFilter::All => ("?1 = ?1", "j.scheduled_on DESC, j.number DESC"),
    }
}

/// Summaries of the given jobs, in the given order (search results).
pub fn summaries(conn: &Connection, ids: &[JobId]) -> Result<Vec<JobSummary>> {
    let mut stmt = conn.prepare_cached(&format!("{SUMMARY_SQL} WHERE j.id = ?1"))?;
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        let mut rows = stmt.query([id.to_text()])?;
        if let Some(row) = rows.next()? {
            out.push(summary_from_row(row)?);
        }
    }
    Ok(out)
}

/// The service history of a piece of equipment (客户档案), newest first.
pub fn history(conn: &Connection, equipment: EquipmentId, limit: usize) -> Result<Vec<JobSummary>> {
    let sql = format!("{SUMMARY_SQL} WHERE j.equipment_id = ?1 ORDER BY j.reported_at DESC LIMIT ?2");
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query(params![equipment.to_text(), limit as i64])?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        out.push(summary_from_row(row)?);
    }
    Ok(out)
}

fn severity_str(s: Severity) -> &'static str {
    match s {
        Severity::Common => "common",
        Severity::Major => "major",
    }
}

fn parse_severity(s: &str) -> Result<Severity> {
    match s {
        "common" => Ok(Severity::Common),
        "major" => Ok(Severity::Major),
        other => Err(StoreError::Corrupt(format!("severity '{other}'"))),
    }
}
