//! The register of calls and letters (来电来函登记): every call HQ takes, in one transaction
//! with the job made for it, or with the answer given there and then.

use outpost_domain::call::{Call, Decided, NewCall};
use outpost_domain::ids::{CallId, CustomerId, JobId};
use outpost_wire::calls::{self as wire, CallInput};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::db::Tx;
use crate::dispatch;
use crate::error::{AppError, Result};
use crate::records::{self, ns};

/// The most calls one read lists.
pub const LISTED: i64 = 500;

/// Registers a call taken by `by`; a job made for it is reported at the call's time (the
/// 24-hour reply counts from then) and belongs to the call's customer.
pub fn take(tx: &mut dyn Tx, id: CallId, input: &CallInput, by: &str, now: OffsetDateTime) -> Result<wire::Call> {
    let received_at = input.received_at.unwrap_or(now);
    if let Some(customer) = input.customer_id {
        records::customer(tx, customer).map_err(|_| AppError::invalid("customer_id", "no such customer"))?;
    }
    let job = match &input.job {
        Some(job) => {
            let site = records::site(tx, job.site_id).map_err(|_| AppError::invalid("site_id", "no such site"))?;
            Some((JobId(Uuid::now_v7()), site.customer_id))
        }
        None => None,
    };
    let new = NewCall {
        received_at,
        channel: input.channel.into(),
        caller: &input.caller,
        phone: &input.phone,
        customer_id: input.customer_id,
        subject: &input.subject,
        taken_by: by,
    };
    let decided = Decided { answer: input.answer.as_deref().unwrap_or(""), job };
    let call = Call::new(id, new, decided, now)?;
    if let (Some(job), Some(job_id)) = (&input.job, call.job_id()) {
        let mut job = job.clone();
        job.reported_at = Some(received_at);
        dispatch::create_job(tx, job_id, &job, by, now)?;
    }
    tx.execute(
        "INSERT INTO calls (id, received_at, customer_id, job_id, body) VALUES ($1, $2, $3, $4, $5)",
        &[
            call.id.to_text().into(),
            ns(call.received_at).into(),
            call.customer_id.map(CustomerId::to_text).into(),
            call.job_id().map(JobId::to_text).into(),
            serde_json::to_string(&call)?.into(),
        ],
    )?;
    let mut listed = list(tx, Filter { since: call.received_at, customer_id: None, only: Some(call.id) })?;
    listed.pop().ok_or_else(|| AppError::internal("a call just registered is not there"))
}

/// Which calls to list.
#[derive(Debug, Clone, Copy)]
pub struct Filter {
    /// Received at or after.
    pub since: OffsetDateTime,
    pub customer_id: Option<CustomerId>,
    pub only: Option<CallId>,
}

/// The register, newest first, with each call's customer and job number.
pub fn list(tx: &mut dyn Tx, f: Filter) -> Result<Vec<wire::Call>> {
    let rows = tx.query(
        "SELECT c.body, cu.name, j.number FROM calls c
           LEFT JOIN customers cu ON cu.id = c.customer_id
           LEFT JOIN jobs j ON j.id = c.job_id
          WHERE c.received_at >= $1
            AND (COALESCE($2, '') = '' OR c.customer_id = $2)
            AND (COALESCE($3, '') = '' OR c.id = $3)
          ORDER BY c.received_at DESC, c.id DESC LIMIT $4",
        &[
            ns(f.since).into(),
            f.customer_id.map(CustomerId::to_text).into(),
            f.only.map(CallId::to_text).into(),
            LISTED.into(),
        ],
    )?;
    rows.iter()
        .map(|r| {
            let call: Call = r.json(0)?;
            let (job_id, answer) = match call.outcome {
                outpost_domain::call::Outcome::Job { job_id } => (Some(job_id.to_text()), None),
                outpost_domain::call::Outcome::Answered { answer } => (None, Some(answer)),
            };
            Ok(wire::Call {
                id: call.id.to_text(),
                received_at: call.received_at,
                channel: call.channel.into(),
                caller: call.caller,
                phone: call.phone,
                customer_id: call.customer_id.map(CustomerId::to_text),
                customer: r.opt_text(1)?,
                subject: call.subject,
                job_id,
                job_number: r.opt_text(2)?,
                answer,
                taken_by: call.taken_by.split_once(':').map_or(call.taken_by.as_str(), |(_, name)| name).to_owned(),
            })
        })
        .collect()
}
