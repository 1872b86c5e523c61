//! A job's receipt straight from the laptop's store, for the CLI and the desktop app.

use outpost_domain::customer::Language;
use outpost_domain::ids::JobId;
use outpost_store::Store;
use time::UtcOffset;

use crate::error::{ReceiptError, Result};
use crate::model::{Receipt, ReceiptInput};
use crate::render::{PageLayout, render};

/// The receipt of a job as PDF, in `language` (the customer's when `None`), times in `offset`;
/// also says whether it is a draft (the report is not signed).
pub fn receipt_for(
    store: &Store,
    id: JobId,
    layout: PageLayout,
    language: Option<Language>,
    offset: UtcOffset,
) -> Result<(Vec<u8>, bool)> {
    let data = store.receipt_data(id).map_err(|e| ReceiptError::Store(e.to_string()))?;
    let d = &data.detail;
    let input = ReceiptInput {
        company: &data.company,
        job: &d.job,
        customer: &d.customer,
        site: &d.site,
        equipment: d.equipment.as_ref(),
        warranty: d.warranty,
        report: &d.report,
        quote: &d.quote,
        engineer: &data.engineer,
        signature_png: data.signature_png.as_deref(),
        offset,
    };
    let receipt = Receipt::build(&input, language.unwrap_or(d.customer.language));
    Ok((render(&receipt, layout)?, receipt.is_draft()))
}

/// Writes a receipt whole or not at all: a temporary file beside it, synced, then renamed.
pub fn save_receipt(path: &std::path::Path, pdf: &[u8]) -> Result<()> {
    use std::io::Write;
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("receipt.pdf");
    let partial = path.with_file_name(format!(".{name}.partial"));
    let write = || -> std::io::Result<()> {
        let mut f = std::fs::File::create(&partial)?;
        f.write_all(pdf)?;
        f.sync_all()?;
        std::fs::rename(&partial, path)
    };
    write().map_err(|e| {
        let _ = std::fs::remove_file(&partial);
        ReceiptError::Save(format!("cannot write {}: {e}; choose a folder you can write to", path.display()))
    })
}
