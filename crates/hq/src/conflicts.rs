//! `GET /api/v1/conflicts`: the edits HQ did not apply because what they replaced had changed
//! meanwhile (a contact changed at HQ, a report field another laptop filled first), beside the
//! value HQ kept.

use axum::Json;
use axum::extract::State;
use outpost_domain::ids::{CustomerId, JobId};
use serde::{Deserialize, Serialize};

use crate::auth::Dispatcher;
use crate::db::Row;
use crate::error::Result;
use crate::json::Params;
use crate::state::AppState;

/// One conflict: the engineer's edit HQ did not apply, and the value HQ kept. A contact's
/// carries `customer_id`; a report's carries `field` (a report field, `checklist.<item>`,
/// `rating.<dimension>` or `survey_comment`) and the values as text.
#[derive(Debug, Serialize)]
pub struct ConflictEntry {
    at: i64,
    engineer_id: String,
    client_id: String,
    mutation_id: i64,
    job_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    customer_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    field: Option<String>,
    theirs: serde_json::Value,
    kept: serde_json::Value,
}

/// Filters of the conflict log.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConflictQuery {
    customer_id: Option<CustomerId>,
    job_id: Option<JobId>,
}

/// `GET /api/v1/conflicts`: contact and report conflicts, newest first.
pub async fn conflicts(
    State(s): State<AppState>,
    _: Dispatcher,
    Params(q): Params<ConflictQuery>,
) -> Result<Json<Vec<ConflictEntry>>> {
    let (customer, job) = (q.customer_id.map(|c| c.to_text()), q.job_id.map(|j| j.to_text()));
    let (contacts, reports) =
        s.db.tx(move |tx| {
            let contacts = tx.query(
                "SELECT at, engineer_id, client_id, mutation_id, job_id, customer_id, theirs, kept FROM conflicts
                  WHERE (COALESCE($1, '') = '' OR customer_id = $1) AND (COALESCE($2, '') = '' OR job_id = $2)
                  ORDER BY id DESC LIMIT 1000",
                &[customer.clone().into(), job.clone().into()],
            )?;
            // Report conflicts have no customer: a customer filter leaves them out.
            let reports = if customer.is_some() {
                Vec::new()
            } else {
                tx.query(
                    "SELECT at, engineer_id, client_id, mutation_id, job_id, field, theirs, kept FROM report_conflicts
                      WHERE (COALESCE($1, '') = '' OR job_id = $1) ORDER BY id DESC LIMIT 1000",
                    &[job.into()],
                )?
            };
            Ok((contacts, reports))
        })
        .await?;
    let entry = |r: &Row, contact: bool| -> Result<ConflictEntry> {
        Ok(ConflictEntry {
            at: r.int(0)?,
            engineer_id: r.text(1)?,
            client_id: r.text(2)?,
            mutation_id: r.int(3)?,
            job_id: r.text(4)?,
            customer_id: contact.then(|| r.text(5)).transpose()?,
            field: (!contact).then(|| r.text(5)).transpose()?,
            theirs: r.json(6)?,
            kept: r.json(7)?,
        })
    };
    let mut entries: Vec<ConflictEntry> = contacts.iter().map(|r| entry(r, true)).collect::<Result<_>>()?;
    entries.extend(reports.iter().map(|r| entry(r, false)).collect::<Result<Vec<_>>>()?);
    entries.sort_by_key(|e| std::cmp::Reverse(e.at));
    entries.truncate(1000);
    Ok(Json(entries))
}
