//! The engineer's laptop: every action an engineer takes (enroll, list, search, move a visit on,
//! fill the report, parts, quote, ratings, sign, receipt, sync status), written once for both
//! `outpost-cli` and the desktop app's commands. Each action parses what a person typed, calls
//! the store, the sync engine or the receipt maker, and answers with what they return; the
//! callers only print or show it.

mod error;
mod figures;
mod jobs;
mod receipt;
mod settings;
mod status;
mod visit;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use outpost_store::Store;
use time::{Date, OffsetDateTime, UtcOffset};

pub use error::{LaptopError, Result};
pub use figures::{MonthFigures, MyMonth};
pub use receipt::{Receipt, SavedReceipt};
pub use settings::Settings;
pub use status::Status;
pub use visit::FoundPart;

/// One data folder, as the engineer works in it.
#[derive(Debug, Clone)]
pub struct Laptop {
    store: Arc<Store>,
    data_dir: PathBuf,
    /// The laptop's time zone, for "today" and the times a receipt prints.
    offset: UtcOffset,
}

impl Laptop {
    /// Opens (or creates) the data folder `data_dir`.
    pub fn open(data_dir: impl Into<PathBuf>, offset: UtcOffset) -> Result<Laptop> {
        let data_dir = data_dir.into();
        let store = Arc::new(Store::open(&data_dir)?);
        Ok(Laptop { store, data_dir, offset })
    }

    /// The store, for the sync loop and demo data.
    pub fn store(&self) -> &Arc<Store> {
        &self.store
    }

    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// The laptop's date at `now`.
    pub fn today(&self, now: OffsetDateTime) -> Date {
        now.to_offset(self.offset).date()
    }
}

#[cfg(test)]
mod tests;
