//! The visit receipt, made from the store as PDF and saved where the engineer finds it again.

use std::path::{Path, PathBuf};

use outpost_domain::customer::Language;
use outpost_domain::ids::JobId;
use outpost_receipt::PageLayout;
use outpost_store::{jobs, reports};

use crate::{Laptop, LaptopError, Result};

/// A receipt as made.
#[derive(Debug, Clone)]
pub struct Receipt {
    pub pdf: Vec<u8>,
    /// Made before the customer signed: printed as a draft.
    pub draft: bool,
    /// `<job number>-<layout>.pdf` (`<job number>-R<revision>-<layout>.pdf` for a corrected
    /// report), the receipt's file name in the receipts folder.
    pub file_name: String,
}

/// A receipt written to a file.
#[derive(Debug, Clone)]
pub struct SavedReceipt {
    pub path: PathBuf,
    pub bytes: u64,
    pub draft: bool,
}

impl Laptop {
    /// Makes the receipt of a job: `a4` or `80mm`, in `language` (`zh-CN`, `en`) or else the
    /// customer's.
    pub fn receipt(&self, id: JobId, layout: &str, language: Option<&str>) -> Result<Receipt> {
        let layout = PageLayout::parse(layout)?;
        let language = language.map(Language::parse).transpose()?;
        let (pdf, draft) = outpost_receipt::receipt_for(&self.store, id, layout, language, self.offset)?;
        let (number, revision) =
            self.store.read(|c| Ok((jobs::get(c, id)?.number, reports::get(c, id)?.map_or(1, |r| r.revision))))?;
        let suffix = if layout == PageLayout::A4 { "a4" } else { "80mm" };
        // A corrected report's receipt is a file of its own: the signed earlier one stays.
        let revision = if revision > 1 { format!("-R{revision}") } else { String::new() };
        Ok(Receipt { pdf, draft, file_name: format!("{number}{revision}-{suffix}.pdf") })
    }

    /// Where receipts are kept: `<data folder>/receipts/`.
    pub fn receipts_dir(&self) -> PathBuf {
        self.data_dir.join("receipts")
    }

    /// Makes the receipt and writes it whole to `out`, or else into the receipts folder.
    pub fn save_receipt(
        &self,
        id: JobId,
        layout: &str,
        language: Option<&str>,
        out: Option<&Path>,
    ) -> Result<SavedReceipt> {
        let receipt = self.receipt(id, layout, language)?;
        let path = match out {
            Some(out) => out.to_path_buf(),
            None => {
                let dir = self.receipts_dir();
                std::fs::create_dir_all(&dir).map_err(|e| LaptopError::file("create", &dir, e))?;
                dir.join(&receipt.file_name)
            }
        };
        outpost_receipt::save_receipt(&path, &receipt.pdf)?;
        Ok(SavedReceipt { path, bytes: receipt.pdf.len() as u64, draft: receipt.draft })
    }

    /// A receipt this laptop made, by its path: only files in the receipts folder.
    pub fn saved_receipt(&self, path: &str) -> Option<PathBuf> {
        let path = PathBuf::from(path);
        let inside = path.parent().is_some_and(|p| p == self.receipts_dir());
        (inside && path.is_file()).then_some(path)
    }
}
