//! The conflict log: the edits HQ did not apply because what they replaced had changed
//! meanwhile (a contact changed at HQ, a report field another laptop filled first), beside the
//! value HQ kept; and settling one, keeping HQ's value or putting the engineer's in its place
//! under the usual rules, in the audit log under the dispatcher's name.

use outpost_domain::customer::{Contact, ContactEdit, Language};
use outpost_domain::ids::{CustomerId, JobId};
use outpost_wire::conflicts::{ConflictEntry, ConflictKind, Keep, Settled};
use time::OffsetDateTime;

use crate::apply::{ApplyError, Batch};
use crate::audit;
use crate::db::{Row, Tx};
use crate::error::{AppError, Result};
use crate::records::{self, ns};
use crate::{audit_words, log};

/// Which conflicts to list.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub customer_id: Option<CustomerId>,
    pub job_id: Option<JobId>,
    /// Only those still waiting for the dispatcher.
    pub open_only: bool,
}

fn columns(kind: ConflictKind) -> (&'static str, &'static str) {
    match kind {
        ConflictKind::Contact => ("conflicts", "c.customer_id, cu.name"),
        ConflictKind::Report => ("report_conflicts", "c.field, NULL"),
    }
}

fn select(kind: ConflictKind) -> String {
    let (table, specific) = columns(kind);
    let customer_join =
        if kind == ConflictKind::Contact { "LEFT JOIN customers cu ON cu.id = c.customer_id" } else { "" };
    format!(
        "SELECT c.id, c.at, c.engineer_id, e.name, c.client_id, c.mutation_id, c.job_id, j.number, {specific},
                c.theirs, c.kept, c.settled_at, c.settled_by, c.settled_keep
           FROM {table} c LEFT JOIN engineers e ON e.id = c.engineer_id LEFT JOIN jobs j ON j.id = c.job_id
           {customer_join}"
    )
}

fn entry(kind: ConflictKind, r: &Row, language: Language) -> Result<ConflictEntry> {
    let keep = |k: Option<String>| match k.as_deref() {
        Some("engineer") => Keep::Engineer,
        _ => Keep::Hq,
    };
    let settled = match (r.opt_time(12)?, r.opt_text(13)?) {
        (Some(at), Some(by)) => Some(Settled { at, by, keep: keep(r.opt_text(14)?) }),
        _ => None,
    };
    let (theirs, kept): (serde_json::Value, serde_json::Value) = (r.json(10)?, r.json(11)?);
    let (customer_id, customer, field) = match kind {
        ConflictKind::Contact => (Some(r.text(8)?), r.opt_text(9)?, None),
        ConflictKind::Report => (None, None, Some(r.text(8)?)),
    };
    Ok(ConflictEntry {
        kind,
        id: r.int(0)?,
        at: r.int(1)?,
        engineer_id: r.text(2)?,
        engineer: r.opt_text(3)?,
        client_id: r.text(4)?,
        mutation_id: r.int(5)?,
        job_id: r.text(6)?,
        job_number: r.opt_text(7)?,
        field_said: field.as_deref().and_then(|f| audit_words::field_label(f, language)),
        theirs_said: field.as_deref().map(|f| audit_words::value_said(f, &text(&theirs), language)),
        kept_said: field.as_deref().map(|f| audit_words::value_said(f, &text(&kept), language)),
        customer_id,
        customer,
        field,
        theirs,
        kept,
        settled,
    })
}

/// Contact and report conflicts, newest first, at most 1000; a customer filter leaves out
/// report conflicts (they have no customer).
pub fn list(tx: &mut dyn Tx, f: &Filter, language: Language) -> Result<Vec<ConflictEntry>> {
    let (customer, job) = (f.customer_id.map(|c| c.to_text()), f.job_id.map(|j| j.to_text()));
    let open = if f.open_only { "AND c.settled_at IS NULL" } else { "" };
    let mut entries = Vec::new();
    let contacts = tx.query(
        &format!(
            "{} WHERE (COALESCE($1, '') = '' OR c.customer_id = $1) AND (COALESCE($2, '') = '' OR c.job_id = $2) {open}
              ORDER BY c.id DESC LIMIT 1000",
            select(ConflictKind::Contact)
        ),
        &[customer.clone().into(), job.clone().into()],
    )?;
    for r in &contacts {
        entries.push(entry(ConflictKind::Contact, r, language)?);
    }
    if customer.is_none() {
        let reports = tx.query(
            &format!(
                "{} WHERE (COALESCE($1, '') = '' OR c.job_id = $1) {open} ORDER BY c.id DESC LIMIT 1000",
                select(ConflictKind::Report)
            ),
            &[job.into()],
        )?;
        for r in &reports {
            entries.push(entry(ConflictKind::Report, r, language)?);
        }
    }
    entries.sort_by_key(|e| std::cmp::Reverse(e.at));
    entries.truncate(1000);
    Ok(entries)
}

fn one(tx: &mut dyn Tx, kind: ConflictKind, id: i64, language: Language) -> Result<ConflictEntry> {
    let row = tx
        .query_opt(&format!("{} WHERE c.id = $1", select(kind)), &[id.into()])?
        .ok_or_else(|| AppError::NotFound("no such conflict: see GET /api/v1/conflicts".into()))?;
    entry(kind, &row, language)
}

/// Settles a conflict once: HQ's value stays, or the engineer's is applied now (a contact as a
/// new version every laptop gets; a report value under the report's rules, refused once the
/// report is signed or the job closed).
pub fn settle(
    tx: &mut dyn Tx,
    (kind, id): (ConflictKind, i64),
    keep: Keep,
    by: &str,
    now: OffsetDateTime,
    language: Language,
) -> Result<ConflictEntry> {
    let conflict = one(tx, kind, id, language)?;
    if conflict.settled.is_some() {
        return Err(AppError::Conflict {
            code: "already_settled",
            message: "this conflict is settled already: see GET /api/v1/conflicts".into(),
        });
    }
    let job: JobId = conflict.job_id.parse().map_err(|_| AppError::internal("stored job id"))?;
    let (field, old, new) = match (keep, kind) {
        (Keep::Hq, _) => (conflict.field.clone(), None, Some(text(&conflict.kept))),
        (Keep::Engineer, ConflictKind::Contact) => {
            keep_contact(tx, &conflict)?;
            (Some("contact".into()), Some(text(&conflict.kept)), Some(text(&conflict.theirs)))
        }
        (Keep::Engineer, ConflictKind::Report) => {
            let key = conflict.field.clone().unwrap_or_default();
            keep_report_value(tx, job, &key, &text(&conflict.theirs), now)?;
            (Some(key), Some(text(&conflict.kept)), Some(text(&conflict.theirs)))
        }
    };
    let (table, _) = columns(kind);
    let side = if keep == Keep::Engineer { "engineer" } else { "hq" };
    tx.execute(
        &format!("UPDATE {table} SET settled_at = $2, settled_by = $3, settled_keep = $4 WHERE id = $1"),
        &[id.into(), ns(now).into(), by.into(), side.into()],
    )?;
    audit::append(
        tx,
        audit::Entry {
            at: now,
            actor: by.into(),
            client_id: Some(conflict.client_id.clone()),
            mutation_id: Some(conflict.mutation_id),
            job_id: Some(conflict.job_id.clone()),
            kind: "conflict_settled".into(),
            field,
            old,
            new,
            outcome: audit::Outcome::Applied,
            reason: None,
        },
    )?;
    one(tx, kind, id, language)
}

/// A logged value as text: a report value as it is, a contact as its name and phone.
fn text(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(s) => s.clone(),
        other => match (other["name"].as_str(), other["phone"].as_str()) {
            (Some(name), Some(phone)) => format!("{name} {phone}"),
            _ => other.to_string(),
        },
    }
}

/// The engineer's contact over the one HQ holds now, as a new version.
fn keep_contact(tx: &mut dyn Tx, conflict: &ConflictEntry) -> Result<()> {
    let customer_id: CustomerId = conflict.customer_id.as_deref().unwrap_or_default().parse()?;
    let theirs: Contact = serde_json::from_value(conflict.theirs.clone())?;
    let mut customer = records::customer(tx, customer_id)?;
    let current = customer.contacts.iter().find(|c| c.id == theirs.id).map(|c| c.version);
    let Some(version) = current else {
        return Err(AppError::Rule(outpost_domain::DomainError::ContactRemoved));
    };
    match customer.edit_contact(theirs, version)? {
        ContactEdit::Applied => {
            records::save_customer(tx, &customer)?;
            crate::dispatch::publish_customer(tx, &customer)
        }
        ContactEdit::Stale(_) => Err(AppError::internal("a contact edited over its own version")),
    }
}

/// The engineer's report value over what the report holds now, applied as a change of the
/// job's engineer under the domain's rules; their laptops get the job again.
fn keep_report_value(tx: &mut dyn Tx, job: JobId, key: &str, theirs: &str, now: OffsetDateTime) -> Result<()> {
    let visit = records::job(tx, job)?;
    let engineer = visit.engineer_id.ok_or_else(|| {
        AppError::invalid("job", format!("job {} has no engineer now: assign it before settling", visit.number))
    })?;
    let report = records::report(tx, job)?.ok_or_else(|| AppError::internal("a conflict on a job with no report"))?;
    let change = report.settling(key, theirs)?;
    let mut batch = Batch::default();
    match crate::apply::apply(tx, &mut batch, engineer, &change, now) {
        Ok(_) => {}
        Err(ApplyError::Refused(e)) => return Err(AppError::Rule(e)),
        Err(ApplyError::Missing(m)) => return Err(AppError::NotFound(m)),
        Err(ApplyError::Conflict(_)) => return Err(AppError::internal("a change made over the current value")),
        Err(ApplyError::Failed(e)) => return Err(e),
    }
    batch.flush(tx, now)?;
    log::publish_job_state(tx, job)
}
