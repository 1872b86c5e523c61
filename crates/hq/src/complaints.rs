//! The register of complaints (投诉登记) at HQ: kept with the steps taken, the compensation and
//! the closure, counted in the month's figures, and sent down with the job it names to that
//! job's engineer. The storage; the handlers are in `api::complaints`.

use std::collections::BTreeSet;

use outpost_domain::complaint::{Complaint, JobNamed, NewComplaint};
use outpost_domain::ids::{ComplaintId, EngineerId, JobId};
use outpost_wire::complaints::{ComplaintEntry, ComplaintInput};
use time::OffsetDateTime;

use crate::db::{Tx, Value};
use crate::error::{AppError, Result};
use crate::log;
use crate::records::{self, ns};

/// The most complaints one read lists.
pub const LISTED: i64 = 500;

/// Registers a complaint taken by `by` at `now`.
pub fn register(
    tx: &mut dyn Tx,
    id: ComplaintId,
    input: &ComplaintInput,
    by: &str,
    now: OffsetDateTime,
) -> Result<ComplaintEntry> {
    records::customer(tx, input.customer_id).map_err(|_| AppError::invalid("customer_id", "no such customer"))?;
    let job = match input.job_id {
        Some(job_id) => {
            let job = records::job(tx, job_id).map_err(|_| AppError::invalid("job_id", "no such job"))?;
            Some(JobNamed { job_id, customer_id: job.customer_id, engineer_id: job.engineer_id })
        }
        None => None,
    };
    if let Some(engineer) = input.engineer_id {
        tx.query_opt("SELECT 1 FROM engineers WHERE id = $1", &[engineer.to_text().into()])?
            .ok_or_else(|| AppError::invalid("engineer_id", "no such engineer"))?;
    }
    let new = NewComplaint {
        received_at: input.received_at.unwrap_or(now),
        channel: input.channel.into(),
        customer_id: input.customer_id,
        category: input.category.into(),
        text: &input.text,
        registered_by: by,
    };
    let complaint = Complaint::new(id, new, job, input.engineer_id, now)?;
    save(tx, &complaint)?;
    entry(tx, id, now)
}

/// Applies a step to complaint `id` (handled, compensated, closed) and sends its job's new
/// state to the engineer's laptop.
pub fn change(
    tx: &mut dyn Tx,
    id: ComplaintId,
    now: OffsetDateTime,
    step: impl FnOnce(&mut Complaint) -> outpost_domain::Result<()>,
) -> Result<ComplaintEntry> {
    let mut complaint = get(tx, id)?;
    step(&mut complaint)?;
    save(tx, &complaint)?;
    entry(tx, id, now)
}

/// Keeps a complaint as it now stands, and the job it names on its engineer's laptop.
fn save(tx: &mut dyn Tx, c: &Complaint) -> Result<()> {
    tx.execute(
        "INSERT INTO complaints (id, received_at, reply_due, customer_id, job_id, engineer_id, stage, body)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (id) DO UPDATE SET stage = excluded.stage, body = excluded.body",
        &[
            c.id.to_text().into(),
            ns(c.received_at).into(),
            ns(c.reply_due()).into(),
            c.customer_id.to_text().into(),
            c.job_id.map(JobId::to_text).into(),
            c.engineer_id.map(EngineerId::to_text).into(),
            c.stage().as_str().into(),
            serde_json::to_string(&wire(c))?.into(),
        ],
    )?;
    match c.job_id {
        Some(job) => log::publish_job_state(tx, job),
        None => Ok(()),
    }
}

/// The stored form: the wire's, so the domain can change shape without a migration.
fn wire(c: &Complaint) -> outpost_wire::model::Complaint {
    c.clone().into()
}

fn get(tx: &mut dyn Tx, id: ComplaintId) -> Result<Complaint> {
    let sql = format!("SELECT body FROM complaints WHERE id = $1{}", tx.for_update());
    let row = tx
        .query_opt(&sql, &[id.to_text().into()])?
        .ok_or_else(|| AppError::NotFound(format!("no complaint {id}: see GET /api/v1/complaints")))?;
    Ok(row.json::<outpost_wire::model::Complaint>(0)?.into())
}

/// The complaints naming a job, oldest first.
pub fn of_job(tx: &mut dyn Tx, job: JobId) -> Result<Vec<Complaint>> {
    tx.query("SELECT body FROM complaints WHERE job_id = $1 ORDER BY received_at, id", &[job.to_text().into()])?
        .iter()
        .map(|r| Ok(r.json::<outpost_wire::model::Complaint>(0)?.into()))
        .collect()
}

/// Of `jobs`, those a complaint names.
pub fn jobs_complained_of(tx: &mut dyn Tx, jobs: &[JobId]) -> Result<BTreeSet<JobId>> {
    let mut found = BTreeSet::new();
    for chunk in jobs.chunks(500) {
        let marks = (1..=chunk.len()).map(|i| format!("${i}")).collect::<Vec<_>>().join(", ");
        let sql = format!("SELECT DISTINCT job_id FROM complaints WHERE job_id IN ({marks})");
        let ids: Vec<Value> = chunk.iter().map(|j| j.to_text().into()).collect();
        for row in tx.query(&sql, &ids)? {
            found.insert(row.text(0)?.parse().map_err(AppError::from)?);
        }
    }
    Ok(found)
}

/// Which complaints to list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Listing {
    /// Not closed yet.
    Open,
    /// Past the 24 hours with no reply.
    Overdue,
    Closed,
    All,
}

impl std::str::FromStr for Listing {
    type Err = AppError;
    fn from_str(s: &str) -> Result<Listing> {
        Ok(match s {
            "open" => Listing::Open,
            "overdue" => Listing::Overdue,
            "closed" => Listing::Closed,
            "all" => Listing::All,
            other => {
                return Err(AppError::invalid(
                    "state",
                    format!("'{other}' is not a list; use open, overdue, closed or all"),
                ));
            }
        })
    }
}

/// The filter of a listing.
#[derive(Debug, Clone, Copy)]
pub struct Filter {
    pub listing: Listing,
    pub customer_id: Option<outpost_domain::ids::CustomerId>,
    pub job_id: Option<JobId>,
    pub only: Option<ComplaintId>,
}

/// The register, newest first (the overdue list: the longest overdue first), as of `now`.
pub fn list(tx: &mut dyn Tx, f: Filter, now: OffsetDateTime) -> Result<Vec<ComplaintEntry>> {
    let (stage, order) = match f.listing {
        Listing::Open => ("c.stage <> 'closed'", "c.received_at DESC"),
        Listing::Overdue => ("c.stage = 'received' AND c.reply_due < $5", "c.reply_due"),
        Listing::Closed => ("c.stage = 'closed'", "c.received_at DESC"),
        Listing::All => ("1 = 1", "c.received_at DESC"),
    };
    let sql = format!(
        "SELECT c.body, cu.name, j.number, e.name FROM complaints c
           JOIN customers cu ON cu.id = c.customer_id
           LEFT JOIN jobs j ON j.id = c.job_id
           LEFT JOIN engineers e ON e.id = c.engineer_id
          WHERE {stage}
            AND (COALESCE($1, '') = '' OR c.customer_id = $1)
            AND (COALESCE($2, '') = '' OR c.job_id = $2)
            AND (COALESCE($3, '') = '' OR c.id = $3)
          ORDER BY {order}, c.id DESC LIMIT $4"
    );
    let mut params: Vec<Value> = vec![
        f.customer_id.map(|c| c.to_text()).into(),
        f.job_id.map(JobId::to_text).into(),
        f.only.map(ComplaintId::to_text).into(),
        LISTED.into(),
    ];
    if f.listing == Listing::Overdue {
        params.push(ns(now).into());
    }
    let rows = tx.query(&sql, &params)?;
    rows.iter()
        .map(|r| {
            let complaint: Complaint = r.json::<outpost_wire::model::Complaint>(0)?.into();
            Ok(ComplaintEntry {
                stage: complaint.stage().into(),
                reply_due: complaint.reply_due(),
                overdue: complaint.is_overdue(now),
                replied_in_time: complaint.replied_in_time(now),
                customer: r.text(1)?,
                job_number: r.opt_text(2)?,
                engineer: r.opt_text(3)?,
                complaint: complaint.into(),
            })
        })
        .collect()
}

/// One complaint as listed.
pub fn entry(tx: &mut dyn Tx, id: ComplaintId, now: OffsetDateTime) -> Result<ComplaintEntry> {
    let only = Filter { listing: Listing::All, customer_id: None, job_id: None, only: Some(id) };
    list(tx, only, now)?.pop().ok_or_else(|| AppError::NotFound(format!("no complaint {id}")))
}
