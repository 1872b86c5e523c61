//! Parts requests (补件申请) at HQ: kept as engineers send them, answered by dispatchers (a
//! promised date within the rules' 15 days, delivered, or declined), and every answer sent down
//! to the engineer's laptop with the job. The storage; the handlers are in `api::parts_requests`.

use outpost_domain::ids::{JobId, PartsRequestId};
use outpost_domain::parts_request::PartsRequest;
use outpost_wire::parts::PartsRequestLine;
use time::OffsetDateTime;

use crate::db::Tx;
use crate::error::{AppError, Result};
use crate::{log, records};

/// Keeps a request as it now stands.
pub fn save(tx: &mut dyn Tx, r: &PartsRequest) -> Result<()> {
    tx.execute(
        "INSERT INTO parts_requests (id, job_id, state, requested_at, body) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (id) DO UPDATE SET state = excluded.state, body = excluded.body",
        &[
            r.id.to_text().into(),
            r.job_id.to_text().into(),
            r.state.as_str().into(),
            records::ns(r.requested_at).into(),
            serde_json::to_string(r)?.into(),
        ],
    )?;
    Ok(())
}

/// A request, if HQ has it.
pub fn get(tx: &mut dyn Tx, id: PartsRequestId) -> Result<Option<PartsRequest>> {
    tx.query_opt("SELECT body FROM parts_requests WHERE id = $1", &[id.to_text().into()])?
        .map(|r| r.json(0))
        .transpose()
}

/// The requests of a job, oldest first.
pub fn of_job(tx: &mut dyn Tx, job: JobId) -> Result<Vec<PartsRequest>> {
    tx.query("SELECT body FROM parts_requests WHERE job_id = $1 ORDER BY requested_at, id", &[job.to_text().into()])?
        .iter()
        .map(|r| r.json(0))
        .collect()
}

/// The requests in `state` (`open` or `all`), oldest first, as of `now`.
pub fn list(tx: &mut dyn Tx, state: &str, now: OffsetDateTime) -> Result<Vec<PartsRequestLine>> {
    let filter = match state {
        "open" => "WHERE r.state IN ('requested', 'promised')",
        "all" => "",
        other => return Err(AppError::invalid("state", format!("'{other}' is not a list; use open or all"))),
    };
    let sql = format!(
        "SELECT r.body, j.number, j.engineer_id, e.name FROM parts_requests r JOIN jobs j ON j.id = r.job_id
           LEFT JOIN engineers e ON e.id = j.engineer_id {filter}
         ORDER BY r.requested_at, r.id"
    );
    tx.query(&sql, &[])?
        .iter()
        .map(|row| {
            let request: PartsRequest = row.json(0)?;
            let engineer_id = row.opt_text(2)?.map(|e| e.parse()).transpose().map_err(AppError::from)?;
            Ok(PartsRequestLine {
                due_by: request.due_by(),
                overdue: request.is_overdue(now),
                job_number: row.text(1)?,
                engineer_id,
                engineer: row.opt_text(3)?,
                request: request.into(),
            })
        })
        .collect()
}

/// Applies a dispatcher's answer to request `id` and sends the job's new state to its laptop.
pub fn answer(
    tx: &mut dyn Tx,
    id: PartsRequestId,
    decide: impl FnOnce(&mut PartsRequest) -> outpost_domain::Result<()>,
) -> Result<PartsRequest> {
    let mut request = get(tx, id)?
        .ok_or_else(|| AppError::NotFound(format!("no parts request {id}: see GET /api/v1/parts-requests")))?;
    decide(&mut request)?;
    save(tx, &request)?;
    log::publish_job_state(tx, request.job_id)?;
    Ok(request)
}
