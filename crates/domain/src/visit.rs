//! The rulebook: one engineer's change applied to one job. The laptop calls it before it
//! queues a change, HQ calls it when the change arrives, so both refuse the same things with
//! the same words ([`DomainError`]). Pure: the caller loads the visit and writes back what
//! [`Applied`] says changed.

use crate::change::Change;
use crate::equipment::{Equipment, WarrantyState};
use crate::error::{DomainError, Result};
use crate::field::Field;
use crate::ids::{EngineerId, PartLineId};
use crate::job::{Actor, EventNote, Job, JobEvent, JobStatus, MoveDetails};
use crate::part::{FaultOrigin, MAX_QUANTITY, Part, PartLine};
use crate::parts_request::RequestState;
use crate::report::merge::{self, rating_text};
use crate::report::{ReportField, ServiceReport};
use crate::signature::{SignOff, Signature, short_hash, sign_report};
use crate::warranty::{ChargingPolicy, PartPrice, Quote, price_job};

/// A job as the rules see it: the job, its report, its part lines, and what prices it.
#[derive(Debug, Clone)]
pub struct Visit {
    pub job: Job,
    pub report: ServiceReport,
    pub parts: Vec<PartLine>,
    /// The job's equipment, for its warranty on the day of the visit.
    pub equipment: Option<Equipment>,
    pub policy: ChargingPolicy,
}

/// What an applied change did: which parts of the visit to write back, the event to log,
/// and the audit line (field, old value, new value).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Applied {
    /// A status move or the signature, to add to the job's events.
    pub event: Option<JobEvent>,
    pub job_changed: bool,
    pub report_changed: bool,
    /// A part line to insert.
    pub line_added: Option<PartLine>,
    /// A part line to delete.
    pub line_removed: Option<PartLineId>,
    /// A signed revision of the report, superseded by a correction: to keep as it was.
    pub revision_kept: Option<ServiceReport>,
    pub field: Option<String>,
    pub old: Option<String>,
    pub new: Option<String>,
}

impl Applied {
    fn report(field: String, old: Option<String>, new: Option<String>) -> Applied {
        Applied { report_changed: true, field: Some(field), old, new, ..Applied::default() }
    }
}

/// Which warranty applies to a visit: the equipment's on the day of arrival, or on the
/// scheduled day before the engineer arrives.
pub fn warranty_on_visit(job: &Job, equipment: Option<&Equipment>) -> WarrantyState {
    let day = job.times.arrived_at.map(|t| t.date()).unwrap_or(job.scheduled_on);
    equipment.map_or(WarrantyState::Unknown, |e| e.warranty_on(day))
}

impl Visit {
    /// Prices the job's parts and labour under the charging policy and today's warranty.
    pub fn quote(&self) -> Result<Quote> {
        let warranty = warranty_on_visit(&self.job, self.equipment.as_ref());
        price_job(&self.policy, warranty, &self.parts, self.report.labour_minutes.unwrap_or(0))
    }

    /// What `quantity` of `part`, replaced for `origin`, costs the customer on this visit: how
    /// a parts request (补件) is priced.
    pub fn price_part(&self, part: &Part, quantity: u32, origin: FaultOrigin) -> Result<PartPrice> {
        let warranty = warranty_on_visit(&self.job, self.equipment.as_ref());
        PartPrice::of(&self.policy, warranty, (part.class, origin), (part.unit_cost, part.unit_price), quantity)
    }

    /// The signature `sign_off` would give the report, without changing the visit.
    pub fn signature_for(&self, engineer: EngineerId, sign_off: SignOff<'_>) -> Result<Signature> {
        let mut trial = self.clone();
        let quote = trial.quote()?;
        sign_report(&mut trial.job, &mut trial.report, &trial.parts, &quote, Actor::Engineer(engineer), sign_off)?;
        trial.report.signature.ok_or(DomainError::ReportFrozen)
    }

    /// Applies one change made by `engineer`. On a refusal nothing in the visit changed.
    pub fn apply(&mut self, engineer: EngineerId, change: &Change) -> Result<Applied> {
        if self.job.engineer_id != Some(engineer) {
            return Err(DomainError::NotYourJob { job: self.job.number.clone() });
        }
        let mut next = self.clone();
        let applied = next.apply_owned(engineer, change)?;
        *self = next;
        Ok(applied)
    }

    fn apply_owned(&mut self, engineer: EngineerId, change: &Change) -> Result<Applied> {
        let actor = Actor::Engineer(engineer);
        match change {
            Change::JobTransitioned { to, at, reason, promised_on, unsigned, .. } => {
                if *to == JobStatus::Completed {
                    self.report.check_done()?;
                    self.quote()?.check_accepted(self.report.quote_acceptance.as_ref())?;
                }
                let old = self.job.status.as_str().to_owned();
                let details = MoveDetails {
                    reason: reason.clone(),
                    promised_on: *promised_on,
                    engineer: None,
                    unsigned: unsigned.clone(),
                };
                let event = self.job.transition(*to, actor, *at, details)?;
                Ok(Applied {
                    event: Some(event),
                    job_changed: true,
                    field: Some("status".into()),
                    old: Some(old),
                    new: Some(to.as_str().into()),
                    ..Applied::default()
                })
            }
            Change::ReportFieldSet { revision, field, value, replaced, .. } => {
                self.editable(*revision)?;
                // 报甲方批示后进行维修: no repair result while a charge waits for the customer.
                if *field == ReportField::Result && !value.trim().is_empty() {
                    self.quote()?.check_accepted(self.report.quote_acceptance.as_ref())?;
                }
                let old = self.report.field_text(*field);
                over(Field::Report(*field), None, replaced.as_deref(), &old, value.trim())?;
                self.report.set(*field, value)?;
                Ok(Applied::report(field.as_str().into(), Some(old), Some(value.clone())))
            }
            Change::ChecklistItemSet { revision, key, state, note, replaced, .. } => {
                self.editable(*revision)?;
                let old = self.report.check_text(key);
                self.report.set_check(key, *state, note)?;
                let new = self.report.check_text(key);
                over(Field::ChecklistItem, Some(key), replaced.as_deref(), &old, &new)?;
                Ok(Applied::report(format!("checklist.{key}"), Some(old), Some(new)))
            }
            Change::RatingSet { revision, dimension, rating, replaced, .. } => {
                self.editable(*revision)?;
                let old = rating_text(self.report.rating(*dimension));
                let new = rating_text(Some(*rating));
                over(Field::Rating, Some(dimension.as_str()), Some(&rating_text(*replaced)), &old, &new)?;
                self.report.rate(*dimension, *rating)?;
                Ok(Applied::report(format!("rating.{}", dimension.as_str()), Some(old), Some(new)))
            }
            Change::SurveyCommentSet { revision, comment, replaced, .. } => {
                self.editable(*revision)?;
                let old = self.report.survey_comment();
                self.report.set_survey_comment(comment)?;
                let new = self.report.survey_comment();
                over(Field::SatisfactionComment, None, Some(replaced.trim()), &old, &new)?;
                Ok(Applied::report("survey_comment".into(), Some(old), Some(new)))
            }
            Change::SatisfactionSet { revision, satisfaction, .. } => {
                self.editable(*revision)?;
                self.report.set_satisfaction(satisfaction.clone())?;
                Ok(Applied::report("satisfaction".into(), None, serde_json::to_string(satisfaction).ok()))
            }
            Change::PartLineAdded { line } => {
                self.editable(self.report.revision)?;
                check_line(line)?;
                self.report.part_added()?;
                self.parts.push(line.clone());
                let new = format!("{} × {}", line.quantity, line.part_code);
                Ok(Applied { line_added: Some(line.clone()), ..Applied::report("parts".into(), None, Some(new)) })
            }
            Change::PartLineRemoved { line_id, .. } => {
                self.editable(self.report.revision)?;
                let before = self.parts.len();
                self.parts.retain(|l| l.id != *line_id);
                if self.parts.len() == before {
                    return Err(DomainError::PartLineNotOnJob {
                        line: line_id.to_text(),
                        job: self.job.number.clone(),
                    });
                }
                Ok(Applied {
                    line_removed: Some(*line_id),
                    report_changed: false,
                    ..Applied::report("parts".into(), Some(line_id.to_text()), None)
                })
            }
            Change::QuoteAccepted { revision, acceptance, .. } => {
                self.editable(*revision)?;
                if !self.quote()?.needs_acceptance() {
                    return Err(DomainError::NothingToAccept);
                }
                self.report.accept_quote(acceptance.clone())?;
                Ok(Applied::report("quote_acceptance".into(), None, Some(acceptance.total.to_string())))
            }
            Change::ReportSigned { revision, signature, .. } => {
                self.editable(*revision)?;
                let quote = self.quote()?;
                let sign_off = SignOff {
                    signer_name: &signature.signer_name,
                    image_sha256: &signature.image_sha256,
                    strokes_sha256: signature.strokes_sha256.as_deref(),
                    at: signature.signed_at,
                };
                let event = sign_report(&mut self.job, &mut self.report, &self.parts, &quote, actor, sign_off)?;
                let ours = self.report.signature.as_ref().map(|s| s.content_sha256.clone()).unwrap_or_default();
                if ours != signature.content_sha256 {
                    let (laptop, hq) = (short_hash(&signature.content_sha256), short_hash(&ours));
                    return Err(DomainError::HashMismatch { laptop, hq });
                }
                Ok(Applied {
                    event: Some(event),
                    job_changed: true,
                    ..Applied::report("signature".into(), None, Some(signature.short_hash()))
                })
            }
            Change::ReportReopened { revision, reason, at, .. } => {
                if !self.report.is_signed() || self.job.status != JobStatus::Signed {
                    return Err(DomainError::ReopenNeedsSigned {
                        job: self.job.number.clone(),
                        status: self.job.status,
                    });
                }
                if *revision != self.report.revision {
                    return Err(DomainError::StaleRevision { sent: *revision, current: self.report.revision });
                }
                let reason = crate::text::required(Field::ReopenReason, reason, crate::text::NOTE_MAX)?;
                let kept = self.report.clone();
                self.report = kept.next_revision();
                let said = EventNote::Corrected { from: kept.revision, to: self.report.revision, reason };
                let event = self.job.reopen(actor, *at, said)?;
                Ok(Applied {
                    event: Some(event),
                    job_changed: true,
                    revision_kept: Some(kept),
                    ..Applied::report("revision".into(), Some(revision.to_string()), Some((revision + 1).to_string()))
                })
            }
            Change::PartsRequested { request } => {
                if self.job.status.is_terminal() {
                    return Err(DomainError::RequestOnClosedJob {
                        job: self.job.number.clone(),
                        status: self.job.status,
                    });
                }
                if request.state != RequestState::Requested {
                    return Err(DomainError::RequestArrivedAnswered);
                }
                let new = format!("{} × {}", request.quantity, request.part_code);
                Ok(Applied { field: Some("parts_request".into()), new: Some(new), ..Applied::default() })
            }
            Change::ContactEdited { customer_id, .. } => {
                if *customer_id != self.job.customer_id {
                    return Err(DomainError::ContactOfAnotherCustomer { job: self.job.number.clone() });
                }
                Ok(Applied::default())
            }
        }
    }

    /// The report may change: the job is open, the report unsigned, and the change was made
    /// on the revision held here.
    fn editable(&self, revision: u32) -> Result<()> {
        if self.job.status.is_terminal() {
            return Err(DomainError::JobClosed { job: self.job.number.clone(), status: self.job.status });
        }
        if self.report.is_signed() {
            return Err(DomainError::ReportFrozen);
        }
        if revision != self.report.revision {
            return Err(DomainError::StaleRevision { sent: revision, current: self.report.revision });
        }
        Ok(())
    }
}

/// An edit made over `replaced` while the visit holds `current`: refused as stale unless they
/// agree (the caller keeps what it holds and logs the edit as a conflict).
fn over(field: Field, item: Option<&str>, replaced: Option<&str>, current: &str, theirs: &str) -> Result<()> {
    merge::check_base(replaced, current).map_err(|stale| DomainError::EditedMeanwhile {
        field,
        item: item.map(str::to_owned),
        kept: stale.kept,
        theirs: theirs.to_owned(),
    })
}

fn check_line(line: &PartLine) -> Result<()> {
    let quantity = i64::from(line.quantity);
    if quantity == 0 || quantity > MAX_QUANTITY {
        return Err(DomainError::LineQuantity { quantity, max: MAX_QUANTITY });
    }
    if line.unit_cost.minor < 0 || line.unit_price.minor < 0 {
        return Err(DomainError::Negative { field: Field::Price });
    }
    Ok(())
}

#[cfg(test)]
mod tests;
