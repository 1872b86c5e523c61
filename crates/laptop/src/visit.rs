//! The visit's paperwork: report fields and checklist, parts and the quote, the survey, and
//! the signatures. Each change is one store transaction through the domain's rulebook.

use outpost_domain::ids::{JobId, PartLineId, PartsRequestId};
use outpost_domain::job::JobEvent;
use outpost_domain::part::{FaultOrigin, Part, PartLine};
use outpost_domain::parts_request::PartsRequest;
use outpost_domain::rating::{Dimension, Satisfaction};
use outpost_domain::report::{CheckState, ReportField};
use outpost_domain::signature::{MAX_SIGNATURE_PNG, Signature};
use outpost_domain::warranty::QuoteAcceptance;
use outpost_store::parse_acceptance_method;
use outpost_store::parts::{self, VanLevel};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::{Laptop, LaptopError, Result};

/// A catalogue part, with what the van holds of it when it carries it.
#[derive(Debug, Clone)]
pub struct FoundPart {
    pub part: Part,
    pub van: Option<VanLevel>,
    /// When the van has none of it: its substitutes that the van does hold.
    pub stand_ins: Vec<FoundPart>,
}

impl FoundPart {
    /// The van holds at least one.
    pub fn in_van(&self) -> bool {
        self.van.is_some_and(|v| v.on_hand > 0)
    }
}

impl Laptop {
    /// Sets one report field (autosave); answers the change's number in the outbox.
    pub fn set_report_field(&self, id: JobId, field: ReportField, value: &str, now: OffsetDateTime) -> Result<i64> {
        Ok(self.store.set_report_field(id, field, value, now)?)
    }

    /// Answers one checklist item (`note` is required for an issue).
    pub fn set_check(&self, id: JobId, item: &str, answer: CheckState, note: &str, now: OffsetDateTime) -> Result<()> {
        Ok(self.store.set_check(id, item, answer, note, now)?)
    }

    /// Catalogue parts by code or name, each with the van's level of it and, when the van has
    /// none, the substitutes it holds; with nothing typed, the parts the van carries.
    pub fn find_parts(&self, text: &str, now: OffsetDateTime) -> Result<Vec<FoundPart>> {
        Ok(self.store.read(|c| {
            let found = if text.trim().is_empty() { parts::in_van(c, 200)? } else { parts::find(c, text, 30)? };
            let level = |part: Part| -> outpost_store::Result<FoundPart> {
                Ok(FoundPart { van: parts::van_level(c, &part.code, now)?, part, stand_ins: Vec::new() })
            };
            let mut out = Vec::with_capacity(found.len());
            for part in found {
                let mut found = level(part)?;
                if !found.in_van() {
                    for code in &found.part.substitutes {
                        let Some(stand_in) = parts::by_code_if_any(c, code)? else { continue };
                        let stand_in = level(stand_in)?;
                        if stand_in.in_van() {
                            found.stand_ins.push(stand_in);
                        }
                    }
                }
                out.push(found);
            }
            Ok(out)
        })?)
    }

    /// Fits a part on this visit; the warranty rules decide whether it is charged.
    pub fn add_part(
        &self,
        id: JobId,
        code: &str,
        quantity: i64,
        origin: FaultOrigin,
        now: OffsetDateTime,
    ) -> Result<PartLine> {
        Ok(self.store.add_part_line(id, PartLineId(Uuid::now_v7()), code, quantity, origin, now)?)
    }

    /// Asks HQ for a part the van does not hold (补件申请); it travels with the next sync.
    pub fn request_parts(
        &self,
        id: JobId,
        code: &str,
        quantity: i64,
        origin: FaultOrigin,
        note: &str,
        now: OffsetDateTime,
    ) -> Result<PartsRequest> {
        let request = PartsRequestId(Uuid::now_v7());
        Ok(self.store.request_parts(id, request, code, quantity, origin, note, now)?)
    }

    /// Takes a part line off the visit; `line` is the line's id as shown.
    pub fn remove_part(&self, id: JobId, line: &str, now: OffsetDateTime) -> Result<()> {
        let line = line.trim().parse().map_err(|_| LaptopError::NotAPartLine(line.to_owned()))?;
        Ok(self.store.remove_part_line(id, PartLineId(line), now)?)
    }

    /// The customer accepts the quote as it stands (`signature` or `confirmation`).
    pub fn accept_quote(&self, id: JobId, name: &str, method: &str, now: OffsetDateTime) -> Result<QuoteAcceptance> {
        Ok(self.store.accept_quote(id, name, parse_acceptance_method(method)?, now)?)
    }

    /// One rating (1-5) of the survey.
    pub fn rate(&self, id: JobId, dimension: Dimension, rating: i64, now: OffsetDateTime) -> Result<Satisfaction> {
        Ok(self.store.rate(id, dimension, rating, now)?)
    }

    /// The customer's comment on the survey (评价意见).
    pub fn survey_comment(&self, id: JobId, comment: &str, now: OffsetDateTime) -> Result<Satisfaction> {
        Ok(self.store.set_rating_comment(id, comment, now)?)
    }

    /// Reopens the signed report for a correction before leaving, saying why: the signed
    /// revision and its receipt are kept, the report goes on as the next revision.
    pub fn reopen_report(&self, id: JobId, reason: &str, now: OffsetDateTime) -> Result<JobEvent> {
        Ok(self.store.reopen_report(id, reason, now)?)
    }

    /// The customer declines the survey.
    pub fn decline_rating(&self, id: JobId, now: OffsetDateTime) -> Result<Satisfaction> {
        Ok(self.store.decline_rating(id, now)?)
    }

    /// The customer signs the report: the pad's PNG and, when the pad recorded them, its pen
    /// strokes (JSON), kept beside the image and sent to HQ with it.
    pub fn sign(
        &self,
        id: JobId,
        name: &str,
        png: &[u8],
        strokes: Option<&str>,
        now: OffsetDateTime,
    ) -> Result<Signature> {
        if let Some(strokes) = strokes {
            let fits = strokes.len() <= MAX_SIGNATURE_PNG;
            if !fits || serde_json::from_str::<serde_json::Value>(strokes).is_err() {
                return Err(LaptopError::SignatureDamaged);
            }
        }
        Ok(self.store.sign_report_with_strokes(id, name, png, strokes.map(str::as_bytes), now)?)
    }

    /// The trainee signs for the operator training (installations).
    pub fn sign_training(&self, id: JobId, png: &[u8], now: OffsetDateTime) -> Result<()> {
        self.store.sign_training(id, png, now)?;
        Ok(())
    }
}
