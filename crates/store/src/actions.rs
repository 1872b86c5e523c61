//! What the engineer does on the laptop. Each action is one transaction: the domain's rulebook
//! ([`Visit::apply`]) decides, the domain tables change, and the outbox gets the change — all
//! or nothing. HQ applies the same change under the same rulebook when it arrives.

use outpost_domain::DomainError;
use outpost_domain::change::Change;
use outpost_domain::customer::Contact;
use outpost_domain::field::Field;
use outpost_domain::ids::{ContactId, EngineerId, JobId, PartLineId, PartsRequestId};
use outpost_domain::job::{JobEvent, JobStatus, MoveDetails};
use outpost_domain::part::{FaultOrigin, PartLine};
use outpost_domain::parts_request::PartsRequest;
use outpost_domain::rating::{Dimension, Rating, Satisfaction};
use outpost_domain::report::{CheckState, ReportField};
use outpost_domain::signature::{SignOff, Signature, check_signature_png};
use outpost_domain::visit::{Applied, Visit};
use outpost_domain::warranty::{AcceptanceMethod, QuoteAcceptance};
use rusqlite::Transaction;
use time::OffsetDateTime;

use crate::db::Store;
use crate::error::{Result, StoreError};
use crate::{blobs, customers, device, outbox, parts, parts_requests, visits};

/// The visit and the engineer of this laptop, loaded inside the action's transaction.
fn load(tx: &Transaction<'_>, job_id: JobId) -> Result<(Visit, EngineerId)> {
    let engineer = device::require_engineer(tx)?;
    Ok((visits::load(tx, job_id)?, engineer.id))
}

/// Applies `change` under the rulebook, writes what it changed and queues it for HQ; returns
/// what it did and the mutation id.
fn record(
    tx: &Transaction<'_>,
    visit: &mut Visit,
    engineer: EngineerId,
    change: &Change,
    now: OffsetDateTime,
) -> Result<(Applied, i64)> {
    let applied = visit.apply(engineer, change)?;
    visits::save(tx, visit, &applied, now)?;
    let mutation = outbox::push(tx, change, now)?;
    Ok((applied, mutation))
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
            let (mut visit, engineer) = load(tx, job_id)?;
            let change = Change::JobTransitioned {
                job_id,
                to,
                at: now,
                reason: details.reason,
                promised_on: details.promised_on,
                unsigned: details.unsigned,
            };
            let (applied, _) = record(tx, &mut visit, engineer, &change, now)?;
            applied.event.ok_or_else(|| StoreError::Corrupt("a move without its event".into()))
        })
    }

    /// Saves one report field as typed (autosave); returns the mutation id.
    pub fn set_report_field(&self, job_id: JobId, field: ReportField, value: &str, now: OffsetDateTime) -> Result<i64> {
        self.write(|tx| set_field(tx, job_id, field, value, now))
    }

    /// The trainee signs for the operator training of an installation: the PNG is kept (and
    /// queued for HQ) and its hash recorded in the report; returns the mutation id.
    pub fn sign_training(&self, job_id: JobId, png: &[u8], now: OffsetDateTime) -> Result<i64> {
        check_signature_png(png)?;
        let sha = blobs::write_file(self.path(), png)?;
        self.write(|tx| {
            blobs::record(tx, &sha, png.len(), "image/png", now)?;
            set_field(tx, job_id, ReportField::TraineeSignature, &sha, now)
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
            let (mut visit, engineer) = load(tx, job_id)?;
            let change = Change::ChecklistItemSet {
                job_id,
                revision: visit.report.revision,
                key: key.to_owned(),
                state,
                note: note.to_owned(),
                replaced: Some(visit.report.check_text(key)),
            };
            record(tx, &mut visit, engineer, &change, now).map(drop)
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
            let (mut visit, engineer) = load(tx, job_id)?;
            let part = parts::by_code(tx, part_code)?;
            let line = PartLine::new(line_id, job_id, &part, quantity, origin)?;
            record(tx, &mut visit, engineer, &Change::PartLineAdded { line: line.clone() }, now)?;
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
            let (mut visit, engineer) = load(tx, job_id)?;
            let part = parts::by_code(tx, part_code)?;
            let request = PartsRequest::new(request_id, job_id, &part, quantity, origin, note, now)?;
            let price = visit.price_part(&part, request.quantity, origin)?;
            let request = request.priced(price);
            record(tx, &mut visit, engineer, &Change::PartsRequested { request: request.clone() }, now)?;
            parts_requests::save(tx, &request)?;
            Ok(request)
        })
    }

    /// Removes a part line added by mistake.
    pub fn remove_part_line(&self, job_id: JobId, line_id: PartLineId, now: OffsetDateTime) -> Result<()> {
        self.write(|tx| {
            let (mut visit, engineer) = load(tx, job_id)?;
            record(tx, &mut visit, engineer, &Change::PartLineRemoved { job_id, line_id }, now).map(drop)
        })
    }

    /// Records one rating (1-5) of the satisfaction survey; the other dimensions and the
    /// comment stay as they are (each travels as its own change).
    pub fn rate(&self, job_id: JobId, dimension: Dimension, rating: i64, now: OffsetDateTime) -> Result<Satisfaction> {
        let rating = Rating::new(rating)?;
        self.update_satisfaction(job_id, now, |visit| Change::RatingSet {
            job_id,
            revision: visit.report.revision,
            dimension,
            rating,
            replaced: visit.report.rating(dimension),
        })
    }

    /// Records the customer's comment on the survey (评价意见).
    pub fn set_rating_comment(&self, job_id: JobId, comment: &str, now: OffsetDateTime) -> Result<Satisfaction> {
        self.update_satisfaction(job_id, now, |visit| Change::SurveyCommentSet {
            job_id,
            revision: visit.report.revision,
            comment: comment.to_owned(),
            replaced: visit.report.survey_comment(),
        })
    }

    /// Reopens the signed report for a correction, before leaving the site: the signed revision
    /// is kept as it was, the report goes on as the next revision to be signed again.
    pub fn reopen_report(&self, job_id: JobId, reason: &str, now: OffsetDateTime) -> Result<JobEvent> {
        self.write(|tx| {
            let (mut visit, engineer) = load(tx, job_id)?;
            let change =
                Change::ReportReopened { job_id, revision: visit.report.revision, reason: reason.to_owned(), at: now };
            let (applied, _) = record(tx, &mut visit, engineer, &change, now)?;
            applied.event.ok_or_else(|| StoreError::Corrupt("a reopening without its event".into()))
        })
    }

    /// Records that the customer declined the survey.
    pub fn decline_rating(&self, job_id: JobId, now: OffsetDateTime) -> Result<Satisfaction> {
        self.update_satisfaction(job_id, now, |visit| Change::SatisfactionSet {
            job_id,
            revision: visit.report.revision,
            satisfaction: Satisfaction::Declined { at: now },
        })
    }

    fn update_satisfaction(
        &self,
        job_id: JobId,
        now: OffsetDateTime,
        change: impl FnOnce(&Visit) -> Change,
    ) -> Result<Satisfaction> {
        self.write(|tx| {
            let (mut visit, engineer) = load(tx, job_id)?;
            let change = change(&visit);
            record(tx, &mut visit, engineer, &change, now)?;
            visit.report.satisfaction.clone().ok_or(StoreError::Corrupt("the survey was not kept".into()))
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
            let (mut visit, engineer) = load(tx, job_id)?;
            let quote = visit.quote()?;
            if !quote.needs_acceptance() {
                return Err(DomainError::NothingToAccept.into());
            }
            let acceptance = QuoteAcceptance::of(&quote, accepted_by, now, method)?;
            let change =
                Change::QuoteAccepted { job_id, revision: visit.report.revision, acceptance: acceptance.clone() };
            record(tx, &mut visit, engineer, &change, now)?;
            Ok(acceptance)
        })
    }

    /// The customer signs with a handwritten signature (PNG): the image is kept as a blob,
    /// the report must be complete; it is frozen and the job moves to signed.
    pub fn sign_report(&self, job_id: JobId, signer_name: &str, png: &[u8], now: OffsetDateTime) -> Result<Signature> {
        self.sign_report_with_strokes(job_id, signer_name, png, None, now)
    }

    /// [`Store::sign_report`] with the pen strokes a pad recorded (JSON): kept as a blob too,
    /// named in the signature and sent to HQ with the image.
    pub fn sign_report_with_strokes(
        &self,
        job_id: JobId,
        signer_name: &str,
        png: &[u8],
        strokes: Option<&[u8]>,
        now: OffsetDateTime,
    ) -> Result<Signature> {
        check_signature_png(png)?;
        let image_sha256 = blobs::write_file(self.path(), png)?;
        let strokes_sha256 = strokes.map(|s| blobs::write_file(self.path(), s)).transpose()?;
        self.write(|tx| {
            blobs::record(tx, &image_sha256, png.len(), "image/png", now)?;
            if let (Some(sha), Some(bytes)) = (&strokes_sha256, strokes) {
                blobs::record(tx, sha, bytes.len(), "application/json", now)?;
            }
            let (mut visit, engineer) = load(tx, job_id)?;
            let sign_off = SignOff {
                signer_name,
                image_sha256: &image_sha256,
                strokes_sha256: strokes_sha256.as_deref(),
                at: now,
            };
            let signature = visit.signature_for(engineer, sign_off)?;
            let change = Change::ReportSigned { job_id, revision: visit.report.revision, signature: signature.clone() };
            record(tx, &mut visit, engineer, &change, now)?;
            Ok(signature)
        })
    }

    /// Edits (or, without an id, adds) a contact of the job's customer on site. HQ applies it
    /// unless HQ changed the contact meanwhile; then HQ's value stays and the edit is logged
    /// as a conflict that the engineer sees among the refused changes.
    pub fn edit_contact(
        &self,
        job_id: JobId,
        contact_id: Option<ContactId>,
        name: &str,
        phone: &str,
        role: &str,
        now: OffsetDateTime,
    ) -> Result<Contact> {
        self.write(|tx| {
            let (mut visit, engineer) = load(tx, job_id)?;
            let mut customer = customers::get(tx, visit.job.customer_id)?;
            let id = contact_id.unwrap_or(ContactId(uuid::Uuid::now_v7()));
            let base_version = customer.contacts.iter().find(|c| c.id == id).map_or(0, |c| c.version);
            if contact_id.is_some() && base_version == 0 {
                return Err(StoreError::NotFound { what: "contact", id: id.to_text() });
            }
            customer.edit_contact(Contact::new(id, name, phone, role)?, base_version)?;
            let contact = customer
                .contacts
                .iter()
                .find(|c| c.id == id)
                .cloned()
                .ok_or_else(|| StoreError::Corrupt("the edited contact vanished".into()))?;
            let change =
                Change::ContactEdited { job_id, customer_id: customer.id, contact: contact.clone(), base_version };
            record(tx, &mut visit, engineer, &change, now)?;
            customers::upsert(tx, &customer)?;
            Ok(contact)
        })
    }
}

fn set_field(tx: &Transaction<'_>, job_id: JobId, field: ReportField, value: &str, now: OffsetDateTime) -> Result<i64> {
    let (mut visit, engineer) = load(tx, job_id)?;
    let replaced = Some(visit.report.field_text(field));
    let change =
        Change::ReportFieldSet { job_id, revision: visit.report.revision, field, value: value.to_owned(), replaced };
    record(tx, &mut visit, engineer, &change, now).map(|(_, mutation)| mutation)
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
