//! What the engineer does on the laptop. Each action is one transaction: the domain rule
//! decides, the domain tables change, and the outbox gets the change — all or nothing.

use outpost_domain::DomainError;
use outpost_domain::field::Field;
use outpost_domain::ids::{JobId, PartLineId, PartsRequestId};
use outpost_domain::job::{Actor, Job, JobEvent, JobStatus, MoveDetails};
use outpost_domain::part::{FaultOrigin, PartLine};
use outpost_domain::parts_request::PartsRequest;
use outpost_domain::rating::{Dimension, Rating, Satisfaction};
use outpost_domain::report::{CheckState, ReportField, ServiceReport};
use outpost_domain::signature::{SignOff, Signature, check_signature_png, sign_report};
use outpost_domain::warranty::{AcceptanceMethod, QuoteAcceptance};
use rusqlite::Transaction;
use time::OffsetDateTime;

use crate::db::Store;
use crate::detail::{quote, warranty_on_visit};
use crate::error::{Result, StoreError};
use crate::outbox::{self, Change};
use crate::{blobs, device, equipment, jobs, parts, parts_requests, reports};

/// The job, the acting engineer and the report, loaded inside the action's transaction.
struct Work {
    job: Job,
    actor: Actor,
    report: ServiceReport,
}

fn load(tx: &Transaction<'_>, job_id: JobId) -> Result<Work> {
    let engineer = device::require_engineer(tx)?;
    let job = jobs::get(tx, job_id)?;
    if job.engineer_id != Some(engineer.id) {
        return Err(DomainError::NotYourJob { job: job.number.clone() }.into());
    }
    let report = reports::get_or_new(tx, &job)?;
    Ok(Work { actor: Actor::Engineer(engineer.id), job, report })
}

/// Loads a job whose report may still change.
fn load_editable(tx: &Transaction<'_>, job_id: JobId) -> Result<Work> {
    let work = load(tx, job_id)?;
    if work.job.status.is_terminal() {
        return Err(DomainError::JobClosed { job: work.job.number.clone(), status: work.job.status }.into());
    }
    Ok(work)
}

fn warranty_quote(
    tx: &Transaction<'_>,
    job: &Job,
    report: &ServiceReport,
    lines: &[PartLine],
) -> Result<outpost_domain::warranty::Quote> {
    let equipment = job.equipment_id.map(|e| equipment::get(tx, e)).transpose()?;
    quote(tx, report, lines, warranty_on_visit(job, equipment.as_ref()))
}

impl Store {
    /// Moves a job (en route, arrived, completed, unresolved, departed). Completing a repair
    /// with a charge needs the customer's acceptance of the quote first.
    pub fn transition_job(
        &self,
        job_id: JobId,
        to: JobStatus,
        details: MoveDetails,
        now: OffsetDateTime,
    ) -> Result<JobEvent> {
        self.write(|tx| {
            let mut w = load(tx, job_id)?;
            if to == JobStatus::Completed {
                let lines = parts::lines(tx, job_id)?;
                warranty_quote(tx, &w.job, &w.report, &lines)?.check_accepted(w.report.quote_acceptance.as_ref())?;
            }
            let change = Change::JobTransitioned {
                job_id,
                to,
                at: now,
                reason: details.reason.clone(),
                promised_on: details.promised_on,
            };
            let event = w.job.transition(to, w.actor, now, details)?;
            jobs::upsert(tx, &w.job)?;
            jobs::insert_event(tx, &event)?;
            outbox::push(tx, &change, now)?;
            Ok(event)
        })
    }

    /// Saves one report field as typed (autosave); returns the mutation id.
    pub fn set_report_field(&self, job_id: JobId, field: ReportField, value: &str, now: OffsetDateTime) -> Result<i64> {
        self.write(|tx| {
            let mut w = load_editable(tx, job_id)?;
            let replaced = Some(w.report.field_text(field));
            w.report.set(field, value)?;
            reports::save(tx, &w.report, now)?;
            let revision = w.report.revision;
            let change = Change::ReportFieldSet { job_id, revision, field, value: value.to_owned(), replaced };
            outbox::push(tx, &change, now)
        })
    }

    /// The trainee signs for the operator training of an installation: the PNG is kept (and
    /// queued for HQ) and its hash recorded in the report; returns the mutation id.
    pub fn sign_training(&self, job_id: JobId, png: &[u8], now: OffsetDateTime) -> Result<i64> {
        check_signature_png(png)?;
        let sha = blobs::write_file(self.path(), png)?;
        self.write(|tx| {
            blobs::record(tx, &sha, png.len(), "image/png", now)?;
            let mut w = load_editable(tx, job_id)?;
            let field = ReportField::TraineeSignature;
            let replaced = Some(w.report.field_text(field));
            w.report.set(field, &sha)?;
            reports::save(tx, &w.report, now)?;
            let revision = w.report.revision;
            let change = Change::ReportFieldSet { job_id, revision, field, value: sha.clone(), replaced };
            outbox::push(tx, &change, now)
        })
    }

    /// Answers one inspection checklist item.
    pub fn set_check(
        &self,
        job_id: JobId,
        key: &str,
        state: CheckState,
        note: &str,
        now: OffsetDateTime,
    ) -> Result<()> {
        self.write(|tx| {
            let mut w = load_editable(tx, job_id)?;
            let replaced = Some(w.report.check_text(key));
            w.report.set_check(key, state, note)?;
            reports::save(tx, &w.report, now)?;
            let change = Change::ChecklistItemSet {
                job_id,
                revision: w.report.revision,
                key: key.to_owned(),
                state,
                note: note.to_owned(),
                replaced,
            };
            outbox::push(tx, &change, now).map(drop)
        })
    }

    /// Adds a catalogue part to the job; the quantity is as typed and checked by the domain.
    pub fn add_part_line(
        &self,
        job_id: JobId,
        line_id: PartLineId,
        part_code: &str,
        quantity: i64,
        origin: FaultOrigin,
        now: OffsetDateTime,
    ) -> Result<PartLine> {
        self.write(|tx| {
            let mut w = load_editable(tx, job_id)?;
            let part = parts::by_code(tx, part_code)?;
            let line = PartLine::new(line_id, job_id, &part, quantity, origin)?;
            w.report.part_added()?;
            parts::insert_line(tx, &line, now)?;
            reports::save(tx, &w.report, now)?;
            outbox::push(tx, &Change::PartLineAdded { line: line.clone() }, now)?;
            Ok(line)
        })
    }

    /// Asks HQ for a catalogue part the job needs and the van does not hold (补件申请); HQ
    /// answers with a delivery date within 15 days, or declines.
    #[allow(clippy::too_many_arguments)]
    pub fn request_parts(
        &self,
        job_id: JobId,
        request_id: PartsRequestId,
        part_code: &str,
        quantity: i64,
        origin: FaultOrigin,
        note: &str,
        now: OffsetDateTime,
    ) -> Result<PartsRequest> {
        self.write(|tx| {
            load_editable(tx, job_id)?;
            let part = parts::by_code(tx, part_code)?;
            let request = PartsRequest::new(request_id, job_id, &part, quantity, origin, note, now)?;
            parts_requests::save(tx, &request)?;
            outbox::push(tx, &Change::PartsRequested { request: request.clone() }, now)?;
            Ok(request)
        })
    }

    /// Removes a part line added by mistake.
    pub fn remove_part_line(&self, job_id: JobId, line_id: PartLineId, now: OffsetDateTime) -> Result<()> {
        self.write(|tx| {
            let w = load_editable(tx, job_id)?;
            if w.report.is_signed() {
                return Err(DomainError::ReportFrozen.into());
            }
            parts::delete_line(tx, job_id, line_id)?;
            outbox::push(tx, &Change::PartLineRemoved { job_id, line_id }, now).map(drop)
        })
    }

    /// Records one rating (1-5) of the satisfaction survey; the other dimensions and the
    /// comment stay as they are (each travels as its own change).
    pub fn rate(&self, job_id: JobId, dimension: Dimension, rating: i64, now: OffsetDateTime) -> Result<Satisfaction> {
        let rating = Rating::new(rating)?;
        self.update_satisfaction(job_id, now, |report| {
            let replaced = report.rating(dimension);
            report.rate(dimension, rating)?;
            Ok(Change::RatingSet { job_id, revision: report.revision, dimension, rating, replaced })
        })
    }

    /// Records the customer's comment on the survey (评价意见).
    pub fn set_rating_comment(&self, job_id: JobId, comment: &str, now: OffsetDateTime) -> Result<Satisfaction> {
        self.update_satisfaction(job_id, now, |report| {
            let replaced = report.survey_comment();
            report.set_survey_comment(comment)?;
            Ok(Change::SurveyCommentSet { job_id, revision: report.revision, comment: comment.to_owned(), replaced })
        })
    }

    /// Records that the customer declined the survey.
    pub fn decline_rating(&self, job_id: JobId, now: OffsetDateTime) -> Result<Satisfaction> {
        self.update_satisfaction(job_id, now, |report| {
            let satisfaction = Satisfaction::Declined { at: now };
            report.set_satisfaction(satisfaction.clone())?;
            Ok(Change::SatisfactionSet { job_id, revision: report.revision, satisfaction })
        })
    }

    fn update_satisfaction(
        &self,
        job_id: JobId,
        now: OffsetDateTime,
        f: impl FnOnce(&mut ServiceReport) -> Result<Change>,
    ) -> Result<Satisfaction> {
        self.write(|tx| {
            let mut w = load_editable(tx, job_id)?;
            let change = f(&mut w.report)?;
            reports::save(tx, &w.report, now)?;
            outbox::push(tx, &change, now)?;
            w.report.satisfaction.clone().ok_or(StoreError::Corrupt("the survey was not kept".into()))
        })
    }

    /// Records that the customer accepted the quote as it stands now.
    pub fn accept_quote(
        &self,
        job_id: JobId,
        accepted_by: &str,
        method: AcceptanceMethod,
        now: OffsetDateTime,
    ) -> Result<QuoteAcceptance> {
        self.write(|tx| {
            let mut w = load_editable(tx, job_id)?;
            let lines = parts::lines(tx, job_id)?;
            let quote = warranty_quote(tx, &w.job, &w.report, &lines)?;
            if !quote.needs_acceptance() {
                return Err(DomainError::NothingToAccept.into());
            }
            let acceptance = QuoteAcceptance::of(&quote, accepted_by, now, method)?;
            w.report.accept_quote(acceptance.clone())?;
            reports::save(tx, &w.report, now)?;
            let change = Change::QuoteAccepted { job_id, revision: w.report.revision, acceptance: acceptance.clone() };
            outbox::push(tx, &change, now)?;
            Ok(acceptance)
        })
    }

    /// The customer signs with a handwritten signature (PNG): the image is kept as a blob,
    /// the report must be complete; it is frozen and the job moves to signed.
    pub fn sign_report(&self, job_id: JobId, signer_name: &str, png: &[u8], now: OffsetDateTime) -> Result<Signature> {
        check_signature_png(png)?;
        let image_sha256 = blobs::write_file(self.path(), png)?;
        self.write(|tx| {
            blobs::record(tx, &image_sha256, png.len(), "image/png", now)?;
            let image_sha256 = image_sha256.as_str();
            let mut w = load_editable(tx, job_id)?;
            let lines = parts::lines(tx, job_id)?;
            let quote = warranty_quote(tx, &w.job, &w.report, &lines)?;
            let sign_off = SignOff { signer_name, image_sha256, at: now };
            let event = sign_report(&mut w.job, &mut w.report, &lines, &quote, w.actor, sign_off)?;
            let signature = w.report.signature.clone().ok_or(DomainError::ReportFrozen)?;
            jobs::upsert(tx, &w.job)?;
            jobs::insert_event(tx, &event)?;
            reports::save(tx, &w.report, now)?;
            let change = Change::ReportSigned { job_id, revision: w.report.revision, signature: signature.clone() };
            outbox::push(tx, &change, now)?;
            Ok(signature)
        })
    }
}

impl Store {
    /// Edits (or, without an id, adds) a contact of the job's customer on site. HQ applies it
    /// unless HQ changed the contact meanwhile; then HQ's value stays and the edit is logged
    /// as a conflict that the engineer sees among the refused changes.
    pub fn edit_contact(
        &self,
        job_id: JobId,
        contact_id: Option<outpost_domain::ids::ContactId>,
        name: &str,
        phone: &str,
        role: &str,
        now: OffsetDateTime,
    ) -> Result<outpost_domain::customer::Contact> {
        self.write(|tx| {
            let w = load(tx, job_id)?;
            let mut customer = crate::customers::get(tx, w.job.customer_id)?;
            let id = contact_id.unwrap_or(outpost_domain::ids::ContactId(uuid::Uuid::now_v7()));
            let base_version = customer.contacts.iter().find(|c| c.id == id).map_or(0, |c| c.version);
            if contact_id.is_some() && base_version == 0 {
                return Err(crate::StoreError::NotFound { what: "contact", id: id.to_text() });
            }
            let edit = outpost_domain::customer::Contact::new(id, name, phone, role)?;
            customer.edit_contact(edit, base_version)?;
            let contact = customer
                .contacts
                .iter()
                .find(|c| c.id == id)
                .cloned()
                .ok_or_else(|| crate::StoreError::Corrupt("the edited contact vanished".into()))?;
            crate::customers::upsert(tx, &customer)?;
            let change =
                Change::ContactEdited { job_id, customer_id: customer.id, contact: contact.clone(), base_version };
            outbox::push(tx, &change, now)?;
            Ok(contact)
        })
    }
}

/// How the customer accepted a quote, parsed from `signature` / `confirmation`.
pub fn parse_acceptance_method(s: &str) -> Result<AcceptanceMethod> {
    match s.trim() {
        "signature" => Ok(AcceptanceMethod::Signature),
        "confirmation" => Ok(AcceptanceMethod::Confirmation),
        other => Err(DomainError::not_one_of(Field::AcceptanceMethod, other, &["signature", "confirmation"]).into()),
    }
}

/// Parses `ok` / `issue` for a checklist answer.
pub fn parse_check_state(s: &str) -> Result<CheckState> {
    match s.trim() {
        "ok" => Ok(CheckState::Ok),
        "issue" => Ok(CheckState::Issue),
        other => Err(DomainError::not_one_of(Field::ChecklistAnswer, other, &["ok", "issue"]).into()),
    }
}
