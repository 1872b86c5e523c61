//! A job's life at HQ: its number, creation, rescheduling, (re)assignment, cancelling and
//! closing, each an event on the job and an entry in the audit log under the person's name.

use outpost_domain::ids::{EngineerId, JobId};
use outpost_domain::job::{Actor, EventNote, Job, JobEvent, JobStatus, MoveDetails, NewJob, Window};
use outpost_domain::text::{self, NOTE_MAX};
use outpost_wire::dispatch::{JobInput, JobUpdate};
use time::OffsetDateTime;

use crate::audit;
use crate::db::Tx;
use crate::error::{AppError, Result};
use crate::log;
use crate::records;

fn engineer_exists(tx: &mut dyn Tx, id: EngineerId) -> Result<()> {
    tx.query_opt("SELECT 1 FROM engineers WHERE id = $1", &[id.to_text().into()])?
        .map(drop)
        .ok_or_else(|| AppError::invalid("engineer_id", format!("no engineer {id}")))
}

/// Records a number given elsewhere (demo data, an import), so the month's counter never
/// hands it out again.
pub fn note_number(tx: &mut dyn Tx, number: &str) -> Result<()> {
    let Some((prefix, seq)) = number.split_once('-').and_then(|(p, n)| Some((p, n.parse::<i64>().ok()?))) else {
        return Ok(());
    };
    tx.execute(
        "INSERT INTO job_numbers (prefix, last) VALUES ($1, $2)
         ON CONFLICT (prefix) DO UPDATE SET
             last = CASE WHEN excluded.last > job_numbers.last THEN excluded.last ELSE job_numbers.last END",
        &[prefix.into(), seq.into()],
    )?;
    Ok(())
}

/// The next job number for the month of `day`, e.g. `J2611-000042`.
fn next_number(tx: &mut dyn Tx, day: time::Date) -> Result<String> {
    let prefix = outpost_domain::job::number_prefix(day);
    let row = tx
        .query_opt(
            "INSERT INTO job_numbers (prefix, last) VALUES ($1, 1)
             ON CONFLICT (prefix) DO UPDATE SET last = job_numbers.last + 1 RETURNING last",
            &[prefix.as_str().into()],
        )?
        .ok_or_else(|| AppError::internal("no job number"))?;
    Ok(outpost_domain::job::job_number(day, row.int(0)?))
}

/// Creates a job; when it names an engineer, their laptop receives it.
pub fn create_job(tx: &mut dyn Tx, id: JobId, input: &JobInput, by: &str, now: OffsetDateTime) -> Result<Job> {
    let site = records::site(tx, input.site_id).map_err(|_| AppError::invalid("site_id", "no such site"))?;
    if let Some(e) = input.equipment_id {
        let equipment =
            records::equipment(tx, e).map_err(|_| AppError::invalid("equipment_id", "no such equipment"))?;
        if equipment.site_id != site.id {
            return Err(AppError::invalid("equipment_id", "this equipment is at another site"));
        }
    }
    if let Some(e) = input.engineer_id {
        engineer_exists(tx, e)?;
    }
    let window = match (input.window_from, input.window_until) {
        (Some(from), Some(until)) => Some(Window::new(from, until)?),
        (None, None) => None,
        _ => {
            return Err(AppError::invalid("window_until", "give both window_from and window_until, or neither"));
        }
    };
    let new = NewJob {
        job_type: input.job_type,
        severity: input.severity,
        customer_id: site.customer_id,
        site_id: site.id,
        equipment_id: input.equipment_id,
        engineer_id: input.engineer_id,
        reported_fault: &input.reported_fault,
        reported_at: reported_at(input.reported_at, now)?,
        scheduled_on: input.scheduled_on,
        window,
    };
    let previous = input.previous_visit.map(|p| crate::promises::continued(tx, p, site.customer_id)).transpose()?;
    let mut job = Job::new(id, next_number(tx, input.scheduled_on)?, new)?;
    job.previous_visit = previous.as_ref().map(|p| p.id);
    records::save_job(tx, &job)?;
    let said = EventNote::Created {
        number: job.number.clone(),
        engineer: job.engineer_id.map(|e| engineer_name(tx, e)).transpose()?,
        continues: previous.map(|p| p.number),
    };
    dispatcher_did(tx, &job, ("job_created", by), said, now)?;
    log::publish_job(tx, job.id)?;
    Ok(job)
}

/// When the customer reported the fault: now, or a time typed for a call or letter received
/// earlier — never later than now, within the years a date may have.
fn reported_at(typed: Option<OffsetDateTime>, now: OffsetDateTime) -> Result<OffsetDateTime> {
    let Some(at) = typed else {
        return Ok(now);
    };
    if at > now + outpost_domain::clock::AHEAD_LIMIT {
        return Err(AppError::invalid("reported_at", "the customer cannot have called later than now"));
    }
    Ok(outpost_domain::calendar::check_time(outpost_domain::field::Field::ReportedAt, at)?)
}

/// An engineer's name (their id when the name is gone).
pub fn engineer_name(tx: &mut dyn Tx, id: EngineerId) -> Result<String> {
    Ok(tx
        .query_opt("SELECT name FROM engineers WHERE id = $1", &[id.to_text().into()])?
        .map(|r| r.text(0))
        .transpose()?
        .unwrap_or_else(|| id.to_text()))
}

/// What a dispatcher did to a job that is no status move of its own (creating it, giving it
/// its first engineer): an event on the job, as the engineer's laptop shows it, and an entry in
/// the audit log under the person's name (`by`).
fn dispatcher_did(
    tx: &mut dyn Tx,
    job: &Job,
    (kind, by): (&str, &str),
    said: EventNote,
    now: OffsetDateTime,
) -> Result<()> {
    let note = said.english();
    let mut event = JobEvent::new(job.id, now, Actor::Hq, job.status, job.status, Some(said));
    event.received_at = Some(now);
    records::add_event(tx, &event)?;
    audited(tx, job, (kind, by), note, now)
}

/// The audit log's entry for what `by` did to a job.
fn audited(tx: &mut dyn Tx, job: &Job, (kind, by): (&str, &str), said: String, now: OffsetDateTime) -> Result<()> {
    audit::append(
        tx,
        audit::Entry {
            at: now,
            actor: by.into(),
            client_id: None,
            mutation_id: None,
            job_id: Some(job.id.to_text()),
            kind: kind.into(),
            field: None,
            old: None,
            new: Some(said),
            outcome: audit::Outcome::Applied,
            reason: None,
        },
    )
}

/// Changes what was reported, when and how urgent, while the job is not finished or is
/// unresolved (moved to the date promised to the customer, the engineer's "today" then).
pub fn update_job(tx: &mut dyn Tx, id: JobId, input: &JobUpdate, by: &str, now: OffsetDateTime) -> Result<Job> {
    let mut job = records::job(tx, id)?;
    if !job.status.reschedulable() {
        return Err(AppError::invalid(
            "status",
            format!("job {} is {}: it can no longer be rescheduled", job.number, job.status),
        ));
    }
    let was = job.scheduled_on;
    job.reported_fault = text::required(outpost_domain::field::Field::ReportedFault, &input.reported_fault, NOTE_MAX)?;
    job.scheduled_on =
        outpost_domain::calendar::check_date(outpost_domain::field::Field::ScheduledOn, input.scheduled_on)?;
    job.window = match (input.window_from, input.window_until) {
        (Some(from), Some(until)) => Some(Window::new(from, until)?),
        (None, None) => None,
        _ => {
            return Err(AppError::invalid("window_until", "give both window_from and window_until, or neither"));
        }
    };
    job.severity = input.severity;
    records::save_job(tx, &job)?;
    if job.scheduled_on != was {
        let said = EventNote::Rescheduled { from: was, to: job.scheduled_on };
        dispatcher_did(tx, &job, ("job_rescheduled", by), said, now)?;
    }
    log::publish_job_state(tx, id)?;
    Ok(job)
}

/// Assigns a job to an engineer, or reassigns it: the old laptop is told to remove it, the
/// new one receives it.
pub fn assign(tx: &mut dyn Tx, id: JobId, engineer: EngineerId, by: &str, now: OffsetDateTime) -> Result<Job> {
    engineer_exists(tx, engineer)?;
    let mut job = records::job(tx, id)?;
    let previous = job.engineer_id;
    match previous {
        None => {
            job.engineer_id = Some(engineer);
            let said = EventNote::Assigned { engineer: engineer_name(tx, engineer)? };
            dispatcher_did(tx, &job, ("job_assigned", by), said, now)?;
        }
        Some(_) => {
            let mut event = job.transition(
                JobStatus::Assigned,
                Actor::Hq,
                now,
                MoveDetails { engineer: Some(engineer), ..Default::default() },
            )?;
            // HQ knows who the job went to: the laptops show the name, not an id.
            let said = EventNote::Reassigned { engineer: Some(engineer_name(tx, engineer)?) };
            audited(tx, &job, ("job_reassigned", by), said.english(), now)?;
            event.note = Some(said.english());
            event.said = Some(said);
            records::add_event(tx, &event)?;
        }
    }
    records::save_job(tx, &job)?;
    if let Some(old) = previous {
        log::remove_job(tx, old, id)?;
    }
    log::publish_job(tx, id)?;
    Ok(job)
}

/// Refuses (409) when the job is no longer held by whom the dispatcher saw (`queue`: nobody):
/// another dispatcher moved it meanwhile.
pub fn still_held_by(tx: &mut dyn Tx, id: JobId, seen: &str) -> Result<()> {
    let job = records::job(tx, id)?;
    let now_held = job.engineer_id.map_or_else(|| "queue".to_owned(), |e| e.to_text());
    if now_held == seen.trim() {
        return Ok(());
    }
    let holder = match job.engineer_id {
        Some(e) => format!("given to {}", engineer_name(tx, e)?),
        None => "back in the queue".to_owned(),
    };
    Err(AppError::Conflict {
        code: "assignment_changed",
        message: format!("job {} was {holder} meanwhile: read the board again", job.number),
    })
}

/// Cancels a job; its laptop is told to remove it.
pub fn cancel(tx: &mut dyn Tx, id: JobId, reason: &str, by: &str, now: OffsetDateTime) -> Result<Job> {
    let mut job = records::job(tx, id)?;
    let event = job.transition(
        JobStatus::Cancelled,
        Actor::Hq,
        now,
        MoveDetails { reason: Some(reason.to_owned()), ..Default::default() },
    )?;
    audited(tx, &job, ("job_cancelled", by), format!("cancelled: {reason}"), now)?;
    records::save_job(tx, &job)?;
    records::add_event(tx, &event)?;
    if let Some(engineer) = job.engineer_id {
        log::remove_job(tx, engineer, id)?;
    }
    Ok(job)
}

/// Closes a job after review.
pub fn close(tx: &mut dyn Tx, id: JobId, by: &str, now: OffsetDateTime) -> Result<Job> {
    let mut job = records::job(tx, id)?;
    let event = job.transition(JobStatus::Closed, Actor::Hq, now, MoveDetails::default())?;
    audited(tx, &job, ("job_closed", by), "closed".into(), now)?;
    records::save_job(tx, &job)?;
    records::add_event(tx, &event)?;
    log::publish_job_state(tx, id)?;
    Ok(job)
}
