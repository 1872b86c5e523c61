//! A job's visit receipt made at HQ by the same receipt crate the laptop prints with, from what
//! HQ holds: the same words, prices and verification code as the customer's copy.

use outpost_domain::customer::{Customer, Language, Site};
use outpost_domain::ids::JobId;
use outpost_domain::job::Job;
use outpost_domain::report::ServiceReport;
use outpost_domain::visit::{Visit, warranty_on_visit};
use outpost_receipt::{PageLayout, Receipt, ReceiptError, ReceiptInput};
use time::UtcOffset;

use crate::db::Tx;
use crate::error::{AppError, Result};
use crate::{apply, dispatch, records};

/// A job's receipt as HQ would print it, with what it was made from.
pub struct Printed {
    pub receipt: Receipt,
    pub job: Job,
    pub customer: Customer,
    pub site: Site,
    pub engineer: Option<String>,
    /// HQ holds the signature image of a signed report.
    pub signature_image: bool,
}

/// The receipt in `language` (the customer's when `None`), times in `offset`. A signed report
/// whose image has not reached HQ yet prints without it.
pub fn printed(tx: &mut dyn Tx, id: JobId, language: Option<Language>, offset: UtcOffset) -> Result<Printed> {
    let job = records::job(tx, id)?;
    let report =
        records::report(tx, id)?.unwrap_or_else(|| ServiceReport::new(job.id, job.job_type, &job.reported_fault));
    let signature_png = match &report.signature {
        Some(s) => tx
            .query_opt("SELECT bytes FROM blobs WHERE sha256 = $1", &[s.image_sha256.as_str().into()])?
            .map(|r| r.bytes(0))
            .transpose()?,
        None => None,
    };
    let visit = Visit {
        parts: records::part_lines(tx, id)?,
        equipment: job.equipment_id.map(|e| records::equipment(tx, e)).transpose()?,
        policy: apply::policy(tx)?,
        report,
        job,
    };
    let quote = visit.quote()?;
    let customer = records::customer(tx, visit.job.customer_id)?;
    let site = records::site(tx, visit.job.site_id)?;
    let engineer = match visit.job.engineer_id {
        Some(e) => tx
            .query_opt("SELECT name FROM engineers WHERE id = $1", &[e.to_text().into()])?
            .map(|r| r.text(0))
            .transpose()?,
        None => None,
    };
    let company = dispatch::company(tx)?;
    let input = ReceiptInput {
        company: &company,
        job: &visit.job,
        customer: &customer,
        site: &site,
        equipment: visit.equipment.as_ref(),
        warranty: warranty_on_visit(&visit.job, visit.equipment.as_ref()),
        report: &visit.report,
        quote: &quote,
        engineer: engineer.as_deref().unwrap_or_default(),
        signature_png: signature_png.as_deref(),
        offset,
    };
    let receipt = Receipt::build(&input, language.unwrap_or(customer.language));
    Ok(Printed { receipt, job: visit.job, customer, site, engineer, signature_image: signature_png.is_some() })
}

/// The receipt as PDF, and whether it is a draft (the report is not signed). A signed report
/// is printed only once its signature image is at HQ: the customer's copy carries it.
pub fn receipt(
    tx: &mut dyn Tx,
    id: JobId,
    layout: PageLayout,
    language: Option<Language>,
    offset: UtcOffset,
) -> Result<(Vec<u8>, bool)> {
    let printed = printed(tx, id, language, offset)?;
    if printed.receipt.short_hash.is_some() && !printed.signature_image {
        return Err(AppError::NotFound(format!(
            "{}: the signature image has not reached HQ yet; the laptop sends it at its next sync",
            printed.job.number
        )));
    }
    let pdf = outpost_receipt::render(&printed.receipt, layout).map_err(|e: ReceiptError| match e {
        ReceiptError::Layout(_) => AppError::invalid("layout", e.render(Language::En)),
        other => AppError::internal(format!("receipt: {}", other.render(Language::En))),
    })?;
    Ok((pdf, printed.receipt.is_draft()))
}
