//! Applying an engineer's change at HQ under the domain's rules. Everything is computed on
//! in-memory copies first; only a change that passes every rule is written, so a refused
//! mutation leaves nothing behind inside the batch's transaction.

use outpost_domain::change::Change;
use outpost_domain::customer::ContactEdit;
use outpost_domain::equipment::WarrantyState;
use outpost_domain::{DomainError, clock};
use std::collections::{BTreeSet, HashMap};
use time::OffsetDateTime;

use outpost_domain::ids::{EngineerId, JobId};
use outpost_domain::job::{Actor, Job, JobStatus, MoveDetails};
use outpost_domain::money::Currency;
use outpost_domain::part::{MAX_QUANTITY, PartLine};
use outpost_domain::parts_request::{PartsRequest, RequestState};
use outpost_domain::report::{ServiceReport, merge};
use outpost_domain::signature::{SignOff, short_hash, sign_report};
use outpost_domain::warranty::{ChargingPolicy, Quote, price_job};

use crate::db::Tx;
use crate::error::{AppError, Result};
use crate::records;

/// What an applied change did, for the audit log.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Applied {
    pub field: Option<String>,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// Why a change was not applied.
#[derive(Debug)]
pub enum ApplyError {
    /// Refused for good; the reason goes back to the engineer.
    Refused(String),
    /// A shared field changed meanwhile: HQ keeps its value; the edit goes to the conflict log.
    Conflict(Conflict),
    /// HQ itself failed; the whole batch rolls back and the laptop retries.
    Failed(AppError),
}

impl From<DomainError> for ApplyError {
    fn from(e: DomainError) -> Self {
        ApplyError::Refused(e.to_string())
    }
}

impl From<AppError> for ApplyError {
    fn from(e: AppError) -> Self {
        match e {
            AppError::NotFound(m) => ApplyError::Refused(m),
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
    pub reason: String,
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

/// A report edit made over `replaced` while HQ holds `current`: a conflict unless they agree.
fn over(
    what: &str,
    field: String,
    replaced: Option<&str>,
    current: &str,
    theirs: &str,
) -> std::result::Result<(), ApplyError> {
    merge::check_base(replaced, current).map_err(|stale| {
        ApplyError::Conflict(Conflict {
            on: ConflictOn::Report { field },
            theirs: serde_json::Value::from(theirs).to_string(),
            kept: serde_json::Value::from(stale.kept.as_str()).to_string(),
            reason: merge::stale_reason(what, theirs, &stale.kept),
        })
    })
}

fn refuse<T>(message: String) -> std::result::Result<T, ApplyError> {
    Err(ApplyError::Refused(message))
}

/// Applies one change made by `engineer`, received at `now` by HQ's clock.
pub fn apply(
    tx: &mut dyn Tx,
    batch: &mut Batch,
    engineer: EngineerId,
    change: &Change,
    now: OffsetDateTime,
) -> std::result::Result<Applied, ApplyError> {
    let job_id = change.job_id();
    let mut job = batch.job(tx, job_id)?;
    if job.engineer_id != Some(engineer) {
        return refuse(format!("job {} is no longer assigned to you: HQ reassigned or cancelled it", job.number));
    }
    let actor = Actor::Engineer(engineer);
    let mut report = batch.report(tx, &job)?;
    match change {
        Change::JobTransitioned { to, at, reason, promised_on, .. } => {
            if *to == JobStatus::Completed {
                let parts = records::part_lines(tx, job_id)?;
                quote(tx, &job, &report, &parts)?.check_accepted(report.quote_acceptance.as_ref())?;
            }
            let old = job.status.as_str().to_owned();
            let details = MoveDetails { reason: reason.clone(), promised_on: *promised_on, engineer: None };
            let mut event = job.transition(*to, actor, *at, details)?;
            clock::receive(&mut job, &mut event, now);
            records::add_event(tx, &event)?;
            batch.put_job(job);
            Ok(Applied { field: Some("status".into()), old: Some(old), new: Some(to.as_str().into()) })
        }
        Change::ReportFieldSet { revision, field, value, replaced, .. } => {
            editable(&job, &report, *revision)?;
            let old = report.field_text(*field);
            over(field.label_en(), field.as_str().into(), replaced.as_deref(), &old, value.trim())?;
            report.set(*field, value)?;
            batch.put_report(report, None);
            Ok(Applied { field: Some(field.as_str().into()), old: Some(old), new: Some(value.clone()) })
        }
        Change::ChecklistItemSet { revision, key, state, note, replaced, .. } => {
            editable(&job, &report, *revision)?;
            let old = report.check_text(key);
            report.set_check(key, *state, note)?;
            let new = report.check_text(key);
            over("this checklist item", format!("checklist.{key}"), replaced.as_deref(), &old, &new)?;
            batch.put_report(report, None);
            Ok(Applied { field: Some(format!("checklist.{key}")), old: Some(old), new: Some(new) })
        }
        Change::RatingSet { revision, dimension, rating, replaced, .. } => {
            editable(&job, &report, *revision)?;
            let old = merge::rating_text(report.rating(*dimension));
            let new = merge::rating_text(Some(*rating));
            let what = format!("the {} rating", dimension.as_str());
            over(&what, format!("rating.{}", dimension.as_str()), Some(&merge::rating_text(*replaced)), &old, &new)?;
            report.rate(*dimension, *rating)?;
            batch.put_report(report, None);
            Ok(Applied { field: Some(format!("rating.{}", dimension.as_str())), old: Some(old), new: Some(new) })
        }
        Change::SurveyCommentSet { revision, comment, replaced, .. } => {
            editable(&job, &report, *revision)?;
            let old = report.survey_comment();
            report.set_survey_comment(comment)?;
            let new = report.survey_comment();
            over("the survey comment", "survey_comment".into(), Some(replaced.trim()), &old, &new)?;
            batch.put_report(report, None);
            Ok(Applied { field: Some("survey_comment".into()), old: Some(old), new: Some(new) })
        }
        Change::PartLineAdded { line } => {
            editable(&job, &report, report.revision)?;
            check_line(line)?;
            report.part_added()?;
            records::save_part_line(tx, line)?;
            batch.put_report(report, None);
            Ok(Applied {
                field: Some("parts".into()),
                old: None,
                new: Some(format!("{} × {}", line.quantity, line.part_code)),
            })
        }
        Change::PartLineRemoved { line_id, .. } => {
            editable(&job, &report, report.revision)?;
            if !records::delete_part_line(tx, job_id, *line_id)? {
                return refuse(format!("part line {line_id} is not on job {}", job.number));
            }
            Ok(Applied { field: Some("parts".into()), old: Some(line_id.to_text()), new: None })
        }
        Change::SatisfactionSet { revision, satisfaction, .. } => {
            editable(&job, &report, *revision)?;
            report.set_satisfaction(satisfaction.clone())?;
            batch.put_report(report, None);
            Ok(Applied { field: Some("satisfaction".into()), old: None, new: serde_json::to_string(satisfaction).ok() })
        }
        Change::QuoteAccepted { revision, acceptance, .. } => {
            editable(&job, &report, *revision)?;
            report.accept_quote(acceptance.clone())?;
            batch.put_report(report, None);
            Ok(Applied { field: Some("quote_acceptance".into()), old: None, new: Some(acceptance.total.to_string()) })
        }
        Change::ReportSigned { revision, signature, .. } => {
            editable(&job, &report, *revision)?;
            let parts = records::part_lines(tx, job_id)?;
            let quote = quote(tx, &job, &report, &parts)?;
            let sign_off = SignOff {
                signer_name: &signature.signer_name,
                image_sha256: &signature.image_sha256,
                at: signature.signed_at,
            };
            let mut event = sign_report(&mut job, &mut report, &parts, &quote, actor, sign_off)?;
            clock::receive(&mut job, &mut event, now);
            let ours = report.signature.as_ref().map(|s| s.content_sha256.clone()).unwrap_or_default();
            if ours != signature.content_sha256 {
                return refuse(format!(
                    "the signed report does not match its hash (laptop {}, HQ {}): its content changed after signing",
                    short_hash(&signature.content_sha256),
                    short_hash(&ours)
                ));
            }
            let have_image = tx
                .query_opt("SELECT 1 FROM blobs WHERE sha256 = $1", &[signature.image_sha256.as_str().into()])?
                .is_some();
            records::add_event(tx, &event)?;
            batch.put_job(job);
            batch.put_report(report, (!have_image).then(|| signature.image_sha256.clone()));
            Ok(Applied { field: Some("signature".into()), old: None, new: Some(signature.short_hash()) })
        }
        Change::PartsRequested { request } => {
            if job.status.is_terminal() {
                return refuse(format!("job {} is {}: ask the dispatcher for parts directly", job.number, job.status));
            }
            let Some(part) = records::part_by_code(tx, &request.part_code)? else {
                return refuse(format!("no part {} in HQ's catalogue", request.part_code));
            };
            if request.state != RequestState::Requested {
                return refuse("a new parts request cannot arrive already answered".into());
            }
            if crate::parts_requests::get(tx, request.id)?.is_some() {
                return refuse(format!("parts request {} was already sent", request.id));
            }
            // Checked again under the domain's rules, named as HQ's catalogue names the part.
            let note = request.note.as_deref().unwrap_or_default();
            let quantity = i64::from(request.quantity);
            let checked =
                PartsRequest::new(request.id, job_id, &part, quantity, request.origin, note, request.requested_at)?;
            crate::parts_requests::save(tx, &checked)?;
            Ok(Applied {
                field: Some("parts_request".into()),
                old: None,
                new: Some(format!("{} × {}", checked.quantity, checked.part_code)),
            })
        }
        Change::ContactEdited { customer_id, contact, base_version, .. } => {
            if *customer_id != job.customer_id {
                return refuse(format!("this contact is not of job {}'s customer", job.number));
            }
            let mut customer = records::customer(tx, *customer_id)?;
            let old = customer.contacts.iter().find(|c| c.id == contact.id).map(|c| format!("{} {}", c.name, c.phone));
            match customer.edit_contact(contact.clone(), *base_version)? {
                ContactEdit::Applied => {
                    records::save_customer(tx, &customer)?;
                    crate::dispatch::publish_customer(tx, &customer)?;
                    Ok(Applied {
                        field: Some(format!("contact.{}", contact.id)),
                        old,
                        new: Some(format!("{} {}", contact.name, contact.phone)),
                    })
                }
                ContactEdit::Stale(kept) => Err(ApplyError::Conflict(Conflict {
                    on: ConflictOn::Contact { customer_id: customer.id.to_text() },
                    theirs: serde_json::to_string(contact).map_err(AppError::from)?,
                    kept: serde_json::to_string(&kept).map_err(AppError::from)?,
                    reason: format!(
                        "HQ changed this contact meanwhile and kept {} {}; your edit ({} {}) is in the conflict log for the dispatcher",
                        kept.name, kept.phone, contact.name, contact.phone
                    ),
                })),
            }
        }
    }
}

/// The jobs and reports one push works on: each loaded once and written once, at the end,
/// however many of the batch's mutations touch it (500 field saves on one report are one
/// write, not 500).
#[derive(Debug, Default)]
pub struct Batch {
    jobs: HashMap<JobId, Job>,
    reports: HashMap<JobId, (ServiceReport, Option<String>)>,
    dirty_jobs: BTreeSet<JobId>,
    dirty_reports: BTreeSet<JobId>,
}

impl Batch {
    fn job(&mut self, tx: &mut dyn Tx, id: JobId) -> Result<Job> {
        if let Some(job) = self.jobs.get(&id) {
            return Ok(job.clone());
        }
        let job = records::job(tx, id)?;
        self.jobs.insert(id, job.clone());
        Ok(job)
    }

    fn report(&mut self, tx: &mut dyn Tx, job: &Job) -> Result<ServiceReport> {
        if let Some((report, _)) = self.reports.get(&job.id) {
            return Ok(report.clone());
        }
        let report = records::report(tx, job.id)?
            .unwrap_or_else(|| ServiceReport::new(job.id, job.job_type, &job.reported_fault));
        self.reports.insert(job.id, (report.clone(), None));
        Ok(report)
    }

    fn put_job(&mut self, job: Job) {
        self.dirty_jobs.insert(job.id);
        self.jobs.insert(job.id, job);
    }

    fn put_report(&mut self, report: ServiceReport, waiting_for: Option<String>) {
        self.dirty_reports.insert(report.job_id);
        self.reports.insert(report.job_id, (report, waiting_for));
    }

    /// Writes what changed; returns the jobs it touched.
    pub fn flush(self, tx: &mut dyn Tx) -> Result<BTreeSet<JobId>> {
        for id in &self.dirty_jobs {
            if let Some(job) = self.jobs.get(id) {
                records::save_job(tx, job)?;
            }
        }
        for id in &self.dirty_reports {
            if let Some((report, waiting)) = self.reports.get(id) {
                records::save_report(tx, report, waiting.as_deref())?;
            }
        }
        Ok(self.dirty_jobs.union(&self.dirty_reports).copied().collect())
    }
}

fn editable(job: &Job, report: &ServiceReport, revision: u32) -> std::result::Result<(), ApplyError> {
    if job.status.is_terminal() {
        return refuse(format!("job {} is {}: its report can no longer change", job.number, job.status));
    }
    if report.is_signed() {
        return Err(DomainError::ReportFrozen.into());
    }
    if revision != report.revision {
        return refuse(format!("this change is for report revision {revision}; HQ has revision {}", report.revision));
    }
    Ok(())
}

fn check_line(line: &PartLine) -> std::result::Result<(), ApplyError> {
    if line.quantity == 0 || i64::from(line.quantity) > MAX_QUANTITY {
        return refuse(format!("quantity {} is not between 1 and {MAX_QUANTITY}", line.quantity));
    }
    if line.unit_cost.minor < 0 || line.unit_price.minor < 0 {
        return refuse("a part price is negative".into());
    }
    Ok(())
}

/// The charging policy HQ holds (the default of the source rules until one is configured).
pub fn policy(tx: &mut dyn Tx) -> Result<ChargingPolicy> {
    match tx.query_opt("SELECT value FROM hq_meta WHERE key = 'charging_policy'", &[])? {
        Some(row) => Ok(serde_json::from_str(&row.text(0)?)?),
        None => Ok(ChargingPolicy::default_for(Currency::CNY)),
    }
}

/// Prices a job at HQ exactly as the laptop does.
pub fn quote(tx: &mut dyn Tx, job: &Job, report: &ServiceReport, parts: &[PartLine]) -> Result<Quote> {
    let day = job.times.arrived_at.map(|t| t.date()).unwrap_or(job.scheduled_on);
    let warranty = match job.equipment_id {
        Some(e) => records::equipment(tx, e)?.warranty_on(day),
        None => WarrantyState::Unknown,
    };
    Ok(price_job(&policy(tx)?, warranty, parts, report.labour_minutes.unwrap_or(0))?)
}
