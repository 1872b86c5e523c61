//! HQ's copy of the domain records: the columns queries filter on, and the record as JSON.

use outpost_domain::customer::{Customer, Site};
use outpost_domain::equipment::Equipment;
use outpost_domain::ids::{CustomerId, EngineerId, EquipmentId, JobId, SiteId};
use outpost_domain::job::{Job, JobBundle, JobEvent};
use outpost_domain::part::{Part, PartLine};
use outpost_domain::report::ServiceReport;
use time::OffsetDateTime;

use crate::db::{Tx, Value};
use crate::error::{AppError, Result};

/// Nanoseconds since the epoch, as stored.
pub fn ns(t: OffsetDateTime) -> i64 {
    i64::try_from(t.unix_timestamp_nanos()).unwrap_or(i64::MAX)
}

fn json<T: serde::Serialize>(value: &T) -> Result<Value> {
    Ok(Value::Text(serde_json::to_string(value)?))
}

/// Saves a customer.
pub fn save_customer(tx: &mut dyn Tx, c: &Customer) -> Result<()> {
    tx.execute(
        "INSERT INTO customers (id, name, body, phones) VALUES ($1, $2, $3, $4)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, body = excluded.body, phones = excluded.phones",
        &[c.id.to_text().into(), c.name.as_str().into(), json(c)?, phone_digits(c).into()],
    )?;
    Ok(())
}

/// Each contact's phone as its digits, one per line: what a search by phone reads.
pub fn phone_digits(c: &Customer) -> String {
    c.contacts
        .iter()
        .map(|k| k.phone.chars().filter(char::is_ascii_digit).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Fills the search columns of rows saved before they were kept (HQ V11): each customer's
/// phones, each machine's serial. Run once at start-up; nothing to do afterwards.
pub fn fill_search_columns(tx: &mut dyn Tx) -> Result<()> {
    for row in tx.query("SELECT body FROM customers WHERE phones IS NULL", &[])? {
        save_customer(tx, &row.json::<Customer>(0)?)?;
    }
    for row in tx.query("SELECT body FROM equipment WHERE serial IS NULL", &[])? {
        save_equipment(tx, &row.json::<Equipment>(0)?)?;
    }
    Ok(())
}

/// A customer.
pub fn customer(tx: &mut dyn Tx, id: CustomerId) -> Result<Customer> {
    tx.query_opt("SELECT body FROM customers WHERE id = $1", &[id.to_text().into()])?
        .ok_or_else(|| AppError::NotFound(format!("customer {id} does not exist")))?
        .json(0)
}

/// Saves a site.
pub fn save_site(tx: &mut dyn Tx, s: &Site) -> Result<()> {
    tx.execute(
        "INSERT INTO sites (id, customer_id, body) VALUES ($1, $2, $3)
         ON CONFLICT (id) DO UPDATE SET customer_id = excluded.customer_id, body = excluded.body",
        &[s.id.to_text().into(), s.customer_id.to_text().into(), json(s)?],
    )?;
    Ok(())
}

/// A site.
pub fn site(tx: &mut dyn Tx, id: SiteId) -> Result<Site> {
    tx.query_opt("SELECT body FROM sites WHERE id = $1", &[id.to_text().into()])?
        .ok_or_else(|| AppError::NotFound(format!("site {id} does not exist")))?
        .json(0)
}

/// Saves equipment.
pub fn save_equipment(tx: &mut dyn Tx, e: &Equipment) -> Result<()> {
    tx.execute(
        "INSERT INTO equipment (id, customer_id, site_id, body, serial) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (id) DO UPDATE SET customer_id = excluded.customer_id, site_id = excluded.site_id,
             body = excluded.body, serial = excluded.serial",
        &[
            e.id.to_text().into(),
            e.customer_id.to_text().into(),
            e.site_id.to_text().into(),
            json(e)?,
            e.serial.to_lowercase().into(),
        ],
    )?;
    Ok(())
}

/// Equipment.
pub fn equipment(tx: &mut dyn Tx, id: EquipmentId) -> Result<Equipment> {
    tx.query_opt("SELECT body FROM equipment WHERE id = $1", &[id.to_text().into()])?
        .ok_or_else(|| AppError::NotFound(format!("equipment {id} does not exist")))?
        .json(0)
}

/// Saves a catalogue part.
pub fn save_part(tx: &mut dyn Tx, p: &Part) -> Result<()> {
    tx.execute(
        "INSERT INTO parts (id, code, body) VALUES ($1, $2, $3)
         ON CONFLICT (id) DO UPDATE SET code = excluded.code, body = excluded.body",
        &[p.id.to_text().into(), p.code.as_str().into(), json(p)?],
    )?;
    Ok(())
}

/// A catalogue part by code.
pub fn part_by_code(tx: &mut dyn Tx, code: &str) -> Result<Option<Part>> {
    tx.query_opt("SELECT body FROM parts WHERE code = $1", &[code.into()])?.map(|r| r.json(0)).transpose()
}

/// Saves a job.
pub fn save_job(tx: &mut dyn Tx, j: &Job) -> Result<()> {
    tx.execute(
        "INSERT INTO jobs (id, number, engineer_id, customer_id, site_id, equipment_id, status, scheduled_on, body,
                           previous_visit)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT (id) DO UPDATE SET number = excluded.number, engineer_id = excluded.engineer_id,
             customer_id = excluded.customer_id, site_id = excluded.site_id, equipment_id = excluded.equipment_id,
             status = excluded.status, scheduled_on = excluded.scheduled_on, body = excluded.body,
             previous_visit = excluded.previous_visit",
        &[
            j.id.to_text().into(),
            j.number.as_str().into(),
            j.engineer_id.map(|e| e.to_text()).into(),
            j.customer_id.to_text().into(),
            j.site_id.to_text().into(),
            j.equipment_id.map(|e| e.to_text()).into(),
            j.status.as_str().into(),
            j.scheduled_on.to_string().into(),
            json(j)?,
            j.previous_visit.map(|p| p.to_text()).into(),
        ],
    )?;
    Ok(())
}

/// A job, locked for update where the backend locks rows.
pub fn job(tx: &mut dyn Tx, id: JobId) -> Result<Job> {
    let sql = format!("SELECT body FROM jobs WHERE id = $1{}", tx.for_update());
    tx.query_opt(&sql, &[id.to_text().into()])?
        .ok_or_else(|| AppError::NotFound(format!("job {id} does not exist")))?
        .json(0)
}

/// Appends a job event.
pub fn add_event(tx: &mut dyn Tx, e: &JobEvent) -> Result<()> {
    tx.execute(
        "INSERT INTO job_events (job_id, position, body)
         VALUES ($1, (SELECT COALESCE(MAX(position), 0) + 1 FROM job_events WHERE job_id = $1), $2)",
        &[e.job_id.to_text().into(), json(e)?],
    )?;
    Ok(())
}

/// The events of a job, oldest first.
pub fn events(tx: &mut dyn Tx, id: JobId) -> Result<Vec<JobEvent>> {
    tx.query("SELECT body FROM job_events WHERE job_id = $1 ORDER BY position", &[id.to_text().into()])?
        .iter()
        .map(|r| r.json(0))
        .collect()
}

/// Saves the current report revision; `waiting_for` names a signature image not received yet.
pub fn save_report(tx: &mut dyn Tx, r: &ServiceReport, waiting_for: Option<&str>) -> Result<()> {
    tx.execute(
        "INSERT INTO reports (job_id, revision, signed, waiting_for, content_sha256, body) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (job_id) DO UPDATE SET revision = excluded.revision, signed = excluded.signed,
             waiting_for = excluded.waiting_for, content_sha256 = excluded.content_sha256, body = excluded.body",
        &[
            r.job_id.to_text().into(),
            i64::from(r.revision).into(),
            i64::from(r.is_signed()).into(),
            waiting_for.into(),
            r.signature.as_ref().map(|s| s.content_sha256.clone()).into(),
            json(r)?,
        ],
    )?;
    Ok(())
}

/// The current report of a job, if one was started.
pub fn report(tx: &mut dyn Tx, id: JobId) -> Result<Option<ServiceReport>> {
    tx.query_opt("SELECT body FROM reports WHERE job_id = $1", &[id.to_text().into()])?.map(|r| r.json(0)).transpose()
}

/// Saves a part line, with who fitted it from their van and when HQ heard of it (kept from
/// the first save).
pub fn save_part_line(tx: &mut dyn Tx, l: &PartLine, fitted: Option<(EngineerId, OffsetDateTime)>) -> Result<()> {
    let (engineer, at) = fitted.map(|(e, at)| (e.to_text(), ns(at))).unzip();
    tx.execute(
        "INSERT INTO part_lines (id, job_id, body, engineer_id, added_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (id) DO UPDATE SET body = excluded.body",
        &[l.id.to_text().into(), l.job_id.to_text().into(), json(l)?, engineer.into(), at.into()],
    )?;
    Ok(())
}

/// Removes a part line; false when there was none.
pub fn delete_part_line(tx: &mut dyn Tx, job: JobId, line: outpost_domain::ids::PartLineId) -> Result<bool> {
    Ok(tx.execute(
        "DELETE FROM part_lines WHERE id = $1 AND job_id = $2",
        &[line.to_text().into(), job.to_text().into()],
    )? > 0)
}

/// The part lines of a job.
pub fn part_lines(tx: &mut dyn Tx, id: JobId) -> Result<Vec<PartLine>> {
    tx.query("SELECT body FROM part_lines WHERE job_id = $1 ORDER BY id", &[id.to_text().into()])?
        .iter()
        .map(|r| r.json(0))
        .collect()
}

/// A job with its events, report, part lines and parts requests.
pub fn bundle(tx: &mut dyn Tx, id: JobId) -> Result<JobBundle> {
    Ok(JobBundle {
        job: job(tx, id)?,
        events: events(tx, id)?,
        report: report(tx, id)?,
        parts: part_lines(tx, id)?,
        parts_requests: crate::parts_requests::of_job(tx, id)?,
        complaints: crate::complaints::of_job(tx, id)?,
    })
}

/// The signed report whose content hash starts with `hex` (lowercase), with its job's number,
/// and whether a correction superseded it (a kept earlier revision).
pub fn signed_report_by_hash(tx: &mut dyn Tx, hex: &str) -> Result<Option<(ServiceReport, String, bool)>> {
    let pattern = Value::from(format!("{hex}%"));
    let current = tx.query_opt(
        "SELECT r.body, j.number FROM reports r JOIN jobs j ON j.id = r.job_id
          WHERE r.signed = 1 AND r.content_sha256 LIKE $1 ORDER BY j.number LIMIT 1",
        std::slice::from_ref(&pattern),
    )?;
    if let Some(r) = current {
        return Ok(Some((r.json(0)?, r.text(1)?, false)));
    }
    let kept = tx.query_opt(
        "SELECT r.body, j.number FROM report_revisions r JOIN jobs j ON j.id = r.job_id
          WHERE r.content_sha256 LIKE $1 ORDER BY j.number, r.revision LIMIT 1",
        &[pattern],
    )?;
    kept.map(|r| Ok((r.json(0)?, r.text(1)?, true))).transpose()
}

/// Keeps a signed revision superseded by a correction.
pub fn keep_revision(tx: &mut dyn Tx, r: &ServiceReport) -> Result<()> {
    tx.execute(
        "INSERT INTO report_revisions (job_id, revision, content_sha256, body) VALUES ($1, $2, $3, $4)
         ON CONFLICT (job_id, revision) DO NOTHING",
        &[
            r.job_id.to_text().into(),
            i64::from(r.revision).into(),
            r.signature.as_ref().map(|s| s.content_sha256.clone()).into(),
            json(r)?,
        ],
    )?;
    Ok(())
}

/// The kept revisions of a job's report, oldest first.
pub fn revisions(tx: &mut dyn Tx, id: JobId) -> Result<Vec<ServiceReport>> {
    tx.query("SELECT body FROM report_revisions WHERE job_id = $1 ORDER BY revision", &[id.to_text().into()])?
        .iter()
        .map(|r| r.json(0))
        .collect()
}
