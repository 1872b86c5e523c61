//! The callback queue (回访) at HQ: filled by itself from signed surveys rated 2 or less, from
//! the month's sample of each engineer's completed jobs, and from customers' quarterly plans;
//! worked by phone from the console or sent to an engineer as a callback job. An unsatisfied
//! answer opens a repair job continuing the visit, and the callback stays open until that job
//! is closed. The handlers are in `api::callbacks`.

use outpost_domain::callback::{Callback, QuarterlyPlan, Reason, Visited, sample};
use outpost_domain::customer::Language;
use outpost_domain::ids::{CallbackId, CustomerId, EngineerId, JobId};
use outpost_domain::job::{Job, JobStatus, JobType};
use outpost_domain::report::ServiceReport;
use outpost_wire::callbacks::{CallbackEntry, CallbackPolicy, CallbackStage, FollowUpJob, PhonedInput, VisitInput};
use outpost_wire::dispatch::JobInput;
use time::{Date, Duration, OffsetDateTime};
use uuid::Uuid;

use crate::db::{Tx, Value};
use crate::dispatch;
use crate::error::{AppError, Result};
use crate::records::{self, ns};

/// The share of each engineer's completed jobs sampled every month until the manager sets
/// another.
pub const DEFAULT_SAMPLE_PERCENT: i64 = 10;

/// Queues a callback unless one with its key is queued already; returns whether it was new.
fn queue(tx: &mut dyn Tx, c: &Callback) -> Result<bool> {
    let changed = tx.execute(
        "INSERT INTO callbacks (id, key, customer_id, job_id, engineer_id, queued_at, state, follow_up, body)
         VALUES ($1, $2, $3, $4, $5, $6, 'queued', NULL, $7) ON CONFLICT (key) DO NOTHING",
        &[
            c.id.to_text().into(),
            c.key().into(),
            c.customer_id.to_text().into(),
            c.job_id.map(JobId::to_text).into(),
            c.engineer_id.map(EngineerId::to_text).into(),
            ns(c.queued_at).into(),
            body(c)?.into(),
        ],
    )?;
    Ok(changed > 0)
}

fn body(c: &Callback) -> Result<String> {
    Ok(serde_json::to_string(&outpost_wire::callbacks::Callback::from(c.clone()))?)
}

fn visited(job: &Job) -> Visited {
    Visited { job_id: job.id, customer_id: job.customer_id, engineer_id: job.engineer_id }
}

/// A report HQ just stored: signed with a rating of 2 or less, it queues its callback (once).
pub fn after_report(tx: &mut dyn Tx, job: &Job, report: &ServiceReport, now: OffsetDateTime) -> Result<()> {
    let Some(survey) = report.satisfaction.as_ref().filter(|_| report.is_signed()) else {
        return Ok(());
    };
    match Callback::low_rating(CallbackId(Uuid::now_v7()), visited(job), survey, now) {
        Some(c) => queue(tx, &c).map(drop),
        None => Ok(()),
    }
}

/// The month's share to sample.
pub fn policy(tx: &mut dyn Tx) -> Result<CallbackPolicy> {
    match tx.query_opt("SELECT value FROM hq_meta WHERE key = 'callback_policy'", &[])? {
        Some(row) => Ok(serde_json::from_str(&row.text(0)?)?),
        None => Ok(CallbackPolicy { sample_percent: DEFAULT_SAMPLE_PERCENT }),
    }
}

/// Sets the month's share to sample (0 to 100 percent).
pub fn set_policy(tx: &mut dyn Tx, p: CallbackPolicy) -> Result<CallbackPolicy> {
    if !(0..=100).contains(&p.sample_percent) {
        return Err(outpost_domain::DomainError::OutOfRange {
            field: outpost_domain::field::Field::SamplePercent,
            value: p.sample_percent,
            min: 0,
            max: 100,
        }
        .into());
    }
    tx.execute(
        "INSERT INTO hq_meta (key, value) VALUES ('callback_policy', $1)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        &[serde_json::to_string(&p)?.into()],
    )?;
    Ok(p)
}

/// Sets or removes a customer's quarterly plan.
pub fn set_plan(tx: &mut dyn Tx, customer: CustomerId, month_of_quarter: Option<i64>) -> Result<()> {
    records::customer(tx, customer)?;
    match month_of_quarter {
        Some(m) => {
            let plan = QuarterlyPlan::new(m)?;
            tx.execute(
                "INSERT INTO callback_plans (customer_id, month_of_quarter) VALUES ($1, $2)
                 ON CONFLICT (customer_id) DO UPDATE SET month_of_quarter = excluded.month_of_quarter",
                &[customer.to_text().into(), i64::from(plan.month_of_quarter).into()],
            )?;
        }
        None => {
            tx.execute("DELETE FROM callback_plans WHERE customer_id = $1", &[customer.to_text().into()])?;
        }
    }
    Ok(())
}

/// A customer's quarterly plan: the month of each quarter, when there is one.
pub fn plan(tx: &mut dyn Tx, customer: CustomerId) -> Result<Option<u8>> {
    tx.query_opt("SELECT month_of_quarter FROM callback_plans WHERE customer_id = $1", &[customer.to_text().into()])?
        .map(|r| Ok(u8::try_from(r.int(0)?).unwrap_or(0)))
        .transpose()
}

/// What the day's tick queues: the previous month's sample (once, the first day it runs in a
/// new month) and the quarterly callbacks due this month. Returns how many it queued.
pub fn tick(tx: &mut dyn Tx, today: Date, now: OffsetDateTime) -> Result<usize> {
    let mut queued = 0;
    let last_month = today.replace_day(1).map_err(|_| AppError::internal("day 1"))? - Duration::days(1);
    let month = format!("{:04}-{:02}", last_month.year(), u8::from(last_month.month()));
    let fresh = tx.execute(
        "INSERT INTO callback_samples (month, drawn_at) VALUES ($1, $2) ON CONFLICT (month) DO NOTHING",
        &[month.as_str().into(), ns(now).into()],
    )?;
    if fresh > 0 {
        let percent = u32::try_from(policy(tx)?.sample_percent).unwrap_or(0);
        let rows = tx.query(
            "SELECT id, engineer_id, customer_id FROM jobs WHERE scheduled_on LIKE $1 AND engineer_id IS NOT NULL
               AND status IN ('completed', 'signed', 'departed', 'closed') ORDER BY engineer_id, id",
            &[format!("{month}-%").into()],
        )?;
        let mut by_engineer: std::collections::BTreeMap<String, Vec<(JobId, CustomerId)>> = Default::default();
        for r in &rows {
            let job: JobId = r.text(0)?.parse()?;
            by_engineer.entry(r.text(1)?).or_default().push((job, r.text(2)?.parse()?));
        }
        for (engineer, jobs) in by_engineer {
            let engineer: EngineerId = engineer.parse()?;
            let ids: Vec<JobId> = jobs.iter().map(|(j, _)| *j).collect();
            for drawn in sample(&ids, &month, percent) {
                let customer_id =
                    jobs.iter().find(|(j, _)| *j == drawn).map(|(_, c)| *c).unwrap_or(CustomerId(Uuid::nil()));
                let visit = Visited { job_id: drawn, customer_id, engineer_id: Some(engineer) };
                let reason = Reason::Sampled { month: month.clone() };
                queued += usize::from(queue(tx, &Callback::about(CallbackId(Uuid::now_v7()), visit, reason, now))?);
            }
        }
    }
    for r in tx.query("SELECT customer_id, month_of_quarter FROM callback_plans ORDER BY customer_id", &[])? {
        let plan = QuarterlyPlan::new(r.int(1)?)?;
        let Some((quarter, due_on)) = plan.due(today) else { continue };
        let c = Callback {
            id: CallbackId(Uuid::now_v7()),
            customer_id: r.text(0)?.parse()?,
            job_id: None,
            engineer_id: None,
            reason: Reason::Planned { quarter },
            queued_at: now,
            due_on,
            outcome: None,
        };
        queued += usize::from(queue(tx, &c)?);
    }
    Ok(queued)
}

fn get(tx: &mut dyn Tx, id: CallbackId) -> Result<Callback> {
    let sql = format!("SELECT body FROM callbacks WHERE id = $1{}", tx.for_update());
    let row = tx
        .query_opt(&sql, &[id.to_text().into()])?
        .ok_or_else(|| AppError::NotFound(format!("no callback {id}: see GET /api/v1/callbacks")))?;
    Ok(row.json::<outpost_wire::callbacks::Callback>(0)?.into())
}

fn save(tx: &mut dyn Tx, c: &Callback) -> Result<()> {
    tx.execute(
        "UPDATE callbacks SET state = $2, follow_up = $3, body = $4 WHERE id = $1",
        &[
            c.id.to_text().into(),
            if c.outcome.is_some() { "done" } else { "queued" }.into(),
            c.follow_up_job().map(JobId::to_text).into(),
            body(c)?.into(),
        ],
    )?;
    Ok(())
}

/// The visit's site and equipment, for the job that follows a callback up.
fn follow_up_input(tx: &mut dyn Tx, c: &Callback, job_type: JobType, fault: &str, on: Date) -> Result<JobInput> {
    let visit = c.job_id.map(|j| records::job(tx, j)).transpose()?;
    let site_id = match &visit {
        Some(v) => v.site_id,
        None => tx
            .query_opt(
                "SELECT id FROM sites WHERE customer_id = $1 ORDER BY id LIMIT 1",
                &[c.customer_id.to_text().into()],
            )?
            .ok_or_else(|| AppError::invalid("customer_id", "the customer has no site to visit"))?
            .text(0)?
            .parse()?,
    };
    Ok(JobInput {
        job_type,
        site_id,
        equipment_id: visit.as_ref().and_then(|v| v.equipment_id),
        engineer_id: None,
        reported_fault: fault.to_owned(),
        reported_at: None,
        scheduled_on: on,
        window_from: None,
        window_until: None,
        severity: Default::default(),
        previous_visit: visit.map(|v| v.id),
    })
}

/// The customer answered the phone; an unsatisfied answer opens a repair job continuing the
/// visit, in the queue for today, its fault in the customer's words.
pub fn phoned(
    tx: &mut dyn Tx,
    id: CallbackId,
    input: &PhonedInput,
    by: &str,
    now: OffsetDateTime,
) -> Result<CallbackEntry> {
    let mut c = get(tx, id)?;
    let repair_id = JobId(Uuid::now_v7());
    let mut unsatisfied = false;
    c.phoned(input.satisfaction, &input.notes, by, now, || {
        unsatisfied = true;
        Ok(repair_id)
    })?;
    if unsatisfied {
        let job = follow_up_input(tx, &c, JobType::Repair, input.notes.trim(), now.date())?;
        dispatch::create_job(tx, repair_id, &job, by, now)?;
    }
    save(tx, &c)?;
    entry(tx, id)
}

/// Sends the callback to an engineer as a callback job on `scheduled_on`.
pub fn visit(
    tx: &mut dyn Tx,
    id: CallbackId,
    input: &VisitInput,
    by: &str,
    now: OffsetDateTime,
) -> Result<CallbackEntry> {
    let mut c = get(tx, id)?;
    let job_id = JobId(Uuid::now_v7());
    c.visit(job_id, by, now)?;
    let language = records::customer(tx, c.customer_id)?.language;
    let mut job = follow_up_input(tx, &c, JobType::Callback, why(&c.reason, language), input.scheduled_on)?;
    job.engineer_id = Some(input.engineer_id);
    dispatch::create_job(tx, job_id, &job, by, now)?;
    save(tx, &c)?;
    entry(tx, id)
}

/// Why the engineer visits, in the customer's language: the callback job's reported fault.
fn why(reason: &Reason, language: Language) -> &'static str {
    match (reason, language) {
        (Reason::LowRating { .. }, Language::En) => "Callback: the customer rated the last visit poorly",
        (Reason::LowRating { .. }, Language::ZhCn) => "回访：客户对上次服务评价偏低",
        (Reason::Sampled { .. }, Language::En) => "Callback: how did the last visit go",
        (Reason::Sampled { .. }, Language::ZhCn) => "回访：了解上次服务情况",
        (Reason::Planned { .. }, Language::En) => "Quarterly callback",
        (Reason::Planned { .. }, Language::ZhCn) => "季度回访",
    }
}

/// Which callbacks to list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Listing {
    /// Not called yet, or followed up by a job not closed yet.
    Open,
    Done,
    All,
}

impl std::str::FromStr for Listing {
    type Err = AppError;
    fn from_str(s: &str) -> Result<Listing> {
        match s {
            "open" => Ok(Listing::Open),
            "done" => Ok(Listing::Done),
            "all" => Ok(Listing::All),
            other => Err(AppError::invalid("state", format!("'{other}' is not a list; use open, done or all"))),
        }
    }
}

const FINISHED: [JobStatus; 2] = [JobStatus::Closed, JobStatus::Cancelled];

/// The queue, the longest waiting first.
pub fn list(tx: &mut dyn Tx, listing: Listing, only: Option<CallbackId>) -> Result<Vec<CallbackEntry>> {
    let rows = tx.query(
        "SELECT c.body, cu.name, j.number, e.name, f.body, fe.name FROM callbacks c
           JOIN customers cu ON cu.id = c.customer_id
           LEFT JOIN jobs j ON j.id = c.job_id
           LEFT JOIN engineers e ON e.id = c.engineer_id
           LEFT JOIN jobs f ON f.id = c.follow_up
           LEFT JOIN engineers fe ON fe.id = f.engineer_id
          WHERE (COALESCE($1, '') = '' OR c.id = $1)
            AND ($2 = 'all' OR ($2 = 'open') = (c.state = 'queued' OR (f.status IS NOT NULL
                 AND f.status NOT IN ('closed', 'cancelled'))))
          ORDER BY c.queued_at, c.id",
        &[
            only.map(CallbackId::to_text).into(),
            Value::from(match listing {
                Listing::Open => "open",
                Listing::Done => "done",
                Listing::All => "all",
            }),
        ],
    )?;
    rows.iter()
        .map(|r| {
            let callback: Callback = r.json::<outpost_wire::callbacks::Callback>(0)?.into();
            let follow: Option<Job> = r.opt_text(4)?.map(|_| r.json(4)).transpose()?;
            let stage = match (&callback.outcome, &follow) {
                (None, _) => CallbackStage::Queued,
                (Some(_), Some(f)) if !FINISHED.contains(&f.status) => CallbackStage::Following,
                (Some(_), _) => CallbackStage::Done,
            };
            Ok(CallbackEntry {
                customer: r.text(1)?,
                job_number: r.opt_text(2)?,
                engineer: r.opt_text(3)?,
                stage,
                follow_up: follow.map(|f| FollowUpJob {
                    id: f.id.to_text(),
                    number: f.number,
                    job_type: f.job_type.into(),
                    status: f.status.into(),
                    engineer: r.opt_text(5).ok().flatten(),
                }),
                callback: callback.into(),
            })
        })
        .collect()
}

fn entry(tx: &mut dyn Tx, id: CallbackId) -> Result<CallbackEntry> {
    list(tx, Listing::All, Some(id))?.pop().ok_or_else(|| AppError::NotFound(format!("no callback {id}")))
}
