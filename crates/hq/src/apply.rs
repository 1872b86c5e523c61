//! Applying an engineer's change at HQ: the domain's rulebook ([`Visit::apply`]) decides, on
//! in-memory copies; only a change that passes is written, so a refused mutation leaves
//! nothing behind inside the batch's transaction. What the rulebook cannot see — HQ's
//! catalogue, the customer's contacts, whether an image has arrived, HQ's clock — is here.

use std::collections::{BTreeSet, HashMap};

use outpost_domain::change::Change;
use outpost_domain::customer::ContactEdit;
use outpost_domain::ids::{EngineerId, JobId};
use outpost_domain::money::Currency;
use outpost_domain::parts_request::PartsRequest;
use outpost_domain::report::ServiceReport;
use outpost_domain::visit::{Applied, Visit};
use outpost_domain::warranty::ChargingPolicy;
use outpost_domain::{DomainError, clock};
use time::OffsetDateTime;

use crate::db::Tx;
use crate::error::{AppError, Result};
use crate::records;

/// What an applied change did, for the audit log.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Audit {
    pub field: Option<String>,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// Why a change was not applied.
#[derive(Debug)]
pub enum ApplyError {
    /// Refused for good by a rule; the refusal goes back to the engineer.
    Refused(DomainError),
    /// Refused for good: what it names is not at HQ (a job or customer HQ never had).
    Missing(String),
    /// A shared value changed meanwhile: HQ keeps its value; the edit goes to the conflict log.
    Conflict(Box<Conflict>),
    /// HQ itself failed; the whole batch rolls back and the laptop retries.
    Failed(AppError),
}

impl From<DomainError> for ApplyError {
    fn from(e: DomainError) -> Self {
        match e {
            DomainError::EditedMeanwhile { field, ref item, ref kept, ref theirs } => {
                let key = match (field, item) {
                    (outpost_domain::field::Field::Report(f), _) => f.as_str().to_owned(),
                    (outpost_domain::field::Field::ChecklistItem, Some(i)) => format!("checklist.{i}"),
                    (outpost_domain::field::Field::Rating, Some(d)) => format!("rating.{d}"),
                    _ => "survey_comment".to_owned(),
                };
                ApplyError::Conflict(Box::new(Conflict {
                    on: ConflictOn::Report { field: key },
                    theirs: serde_json::Value::from(theirs.as_str()).to_string(),
                    kept: serde_json::Value::from(kept.as_str()).to_string(),
                    refusal: e,
                }))
            }
            other => ApplyError::Refused(other),
        }
    }
}

impl From<AppError> for ApplyError {
    fn from(e: AppError) -> Self {
        match e {
            AppError::NotFound(m) => ApplyError::Missing(m),
            other => ApplyError::Failed(other),
        }
    }
}

/// An edit HQ did not apply because what it replaced had changed.
#[derive(Debug)]
pub struct Conflict {
    pub on: ConflictOn,
    /// The engineer's value (JSON).
    pub theirs: String,
    /// The value HQ kept (JSON).
    pub kept: String,
    /// What the engineer reads.
    pub refusal: DomainError,
}

/// What the conflicting edit was of.
#[derive(Debug)]
pub enum ConflictOn {
    /// A contact of a customer.
    Contact { customer_id: String },
    /// A part of a job's report: a field, `checklist.<item>`, `rating.<dimension>` or
    /// `survey_comment`.
    Report { field: String },
}

/// Applies one change made by `engineer`, received at `now` by HQ's clock.
pub fn apply(
    tx: &mut dyn Tx,
    batch: &mut Batch,
    engineer: EngineerId,
    change: &Change,
    now: OffsetDateTime,
) -> std::result::Result<Audit, ApplyError> {
    let job_id = change.job_id();
    let mut visit = batch.visit(tx, job_id)?;
    let applied = visit.apply(engineer, change)?;
    match change {
        Change::PartsRequested { request } => receive_parts_request(tx, &visit, request)?,
        Change::ContactEdited { customer_id, contact, base_version, .. } => {
            let mut customer = records::customer(tx, *customer_id)?;
            match customer.edit_contact(contact.clone(), *base_version)? {
                ContactEdit::Applied => {
                    records::save_customer(tx, &customer)?;
                    crate::dispatch::publish_customer(tx, &customer)?;
                }
                ContactEdit::Stale(kept) => {
                    return Err(ApplyError::Conflict(Box::new(Conflict {
                        on: ConflictOn::Contact { customer_id: customer.id.to_text() },
                        theirs: serde_json::to_string(contact).map_err(AppError::from)?,
                        kept: serde_json::to_string(&kept).map_err(AppError::from)?,
                        refusal: DomainError::ContactChangedMeanwhile {
                            kept: format!("{} {}", kept.name, kept.phone),
                            theirs: format!("{} {}", contact.name, contact.phone),
                        },
                    })));
                }
            }
        }
        _ => {}
    }
    Ok(batch.keep(tx, visit, applied, change, now)?)
}

/// A parts request checked again under the domain's rules, named as HQ's catalogue names the part.
fn receive_parts_request(
    tx: &mut dyn Tx,
    visit: &Visit,
    request: &PartsRequest,
) -> std::result::Result<(), ApplyError> {
    let Some(part) = records::part_by_code(tx, &request.part_code)? else {
        return Err(DomainError::NotInCatalogue { part_code: request.part_code.clone() }.into());
    };
    if crate::parts_requests::get(tx, request.id)?.is_some() {
        return Err(DomainError::RequestAlreadySent { request: request.id.to_text() }.into());
    }
    let note = request.note.as_deref().unwrap_or_default();
    let quantity = i64::from(request.quantity);
    let checked =
        PartsRequest::new(request.id, visit.job.id, &part, quantity, request.origin, note, request.requested_at)?;
    let price = visit.price_part(&part, checked.quantity, request.origin)?;
    let checked = checked.priced(price);
    crate::parts_requests::save(tx, &checked)?;
    Ok(())
}

/// The visits one push works on: each loaded once and written once, at the end, however many
/// of the batch's mutations touch it (500 field saves on one report are one write, not 500).
#[derive(Debug, Default)]
pub struct Batch {
    visits: HashMap<JobId, Visit>,
    /// A signed report whose image HQ does not hold yet.
    waiting_for: HashMap<JobId, String>,
    policy: Option<ChargingPolicy>,
    dirty_jobs: BTreeSet<JobId>,
    dirty_reports: BTreeSet<JobId>,
}

impl Batch {
    fn visit(&mut self, tx: &mut dyn Tx, id: JobId) -> Result<Visit> {
        if let Some(visit) = self.visits.get(&id) {
            return Ok(visit.clone());
        }
        let job = records::job(tx, id)?;
        let report =
            records::report(tx, id)?.unwrap_or_else(|| ServiceReport::new(job.id, job.job_type, &job.reported_fault));
        let parts = records::part_lines(tx, id)?;
        let equipment = job.equipment_id.map(|e| records::equipment(tx, e)).transpose()?;
        let policy = match self.policy {
            Some(p) => p,
            None => *self.policy.insert(policy(tx)?),
        };
        let visit = Visit { job, report, parts, equipment, policy };
        self.visits.insert(id, visit.clone());
        Ok(visit)
    }

    /// Keeps what an applied change did: part lines and events now, the job and report at
    /// [`Batch::flush`].
    fn keep(
        &mut self,
        tx: &mut dyn Tx,
        mut visit: Visit,
        applied: Applied,
        change: &Change,
        now: OffsetDateTime,
    ) -> Result<Audit> {
        let id = visit.job.id;
        if let Some(line) = &applied.line_added {
            records::save_part_line(tx, line, visit.job.engineer_id.map(|e| (e, now)))?;
        }
        if let Some(line) = applied.line_removed {
            records::delete_part_line(tx, id, line)?;
        }
        if let Some(kept) = &applied.revision_kept {
            records::keep_revision(tx, kept)?;
        }
        if let Some(mut event) = applied.event {
            clock::receive(&mut visit.job, &mut event, now);
            records::add_event(tx, &event)?;
        }
        if let Change::ReportSigned { signature, .. } = change {
            let held =
                tx.query_opt("SELECT 1 FROM blobs WHERE sha256 = $1", &[signature.image_sha256.as_str().into()])?;
            if held.is_none() {
                self.waiting_for.insert(id, signature.image_sha256.clone());
            }
        }
        if applied.job_changed {
            self.dirty_jobs.insert(id);
        }
        if applied.report_changed {
            self.dirty_reports.insert(id);
        }
        self.visits.insert(id, visit);
        Ok(Audit { field: applied.field, old: applied.old, new: applied.new })
    }

    /// Writes what changed (a report signed with a low rating queues its callback); returns
    /// the jobs it touched.
    pub fn flush(self, tx: &mut dyn Tx, now: OffsetDateTime) -> Result<BTreeSet<JobId>> {
        for id in &self.dirty_jobs {
            if let Some(visit) = self.visits.get(id) {
                records::save_job(tx, &visit.job)?;
            }
        }
        for id in &self.dirty_reports {
            if let Some(visit) = self.visits.get(id) {
                records::save_report(tx, &visit.report, self.waiting_for.get(id).map(String::as_str))?;
                crate::callbacks::after_report(tx, &visit.job, &visit.report, now)?;
            }
        }
        Ok(self.dirty_jobs.union(&self.dirty_reports).copied().collect())
    }
}

/// The charging policy HQ holds (the default of the source rules until one is configured).
pub fn policy(tx: &mut dyn Tx) -> Result<ChargingPolicy> {
    match tx.query_opt("SELECT value FROM hq_meta WHERE key = 'charging_policy'", &[])? {
        Some(row) => Ok(serde_json::from_str(&row.text(0)?)?),
        None => Ok(ChargingPolicy::default_for(Currency::CNY)),
    }
}
