//! Where the laptop stands with HQ: what waits, what HQ refused, the last sync; and one sync.

use outpost_store::jobs::{self, JobFilter};
use outpost_store::outbox::{self, Mutation};
use outpost_store::{blobs, device};
use outpost_sync::CycleReport;
use serde::Serialize;
use time::OffsetDateTime;

use crate::{Laptop, LaptopError, Result};

/// The laptop's state, as `status` prints it.
#[derive(Debug, Clone, Serialize)]
pub struct Status {
    pub engineer: Option<EngineerOut>,
    pub hq: Option<String>,
    pub last_sync: Option<String>,
    pub jobs: u64,
    pub today: u64,
    pub pending_changes: u64,
    pub rejected_changes: u64,
    pub queued_files: u64,
    /// Files missing or damaged on this laptop, each with what to do.
    pub set_aside_files: Vec<String>,
    /// How far this laptop's clock was ahead of HQ's at the last sync (negative: behind).
    pub clock_offset_secs: Option<i64>,
    /// HQ speaks a newer sync protocol or sent records this app does not know: update the app.
    pub hq_newer: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct EngineerOut {
    pub id: String,
    pub name: String,
}

impl Laptop {
    pub fn status(&self, now: OffsetDateTime) -> Result<Status> {
        let today = self.today(now);
        Ok(self.store.read(|c| {
            Ok(Status {
                engineer: device::engineer(c)?.map(|e| EngineerOut { id: e.id.to_text(), name: e.name }),
                hq: device::enrollment(c)?.map(|e| e.hq_url),
                last_sync: device::last_sync(c)?,
                jobs: jobs::count(c, JobFilter::All, today)?,
                today: jobs::count(c, JobFilter::Today, today)?,
                pending_changes: outbox::pending_count(c)?,
                rejected_changes: outbox::rejected_count(c)?,
                queued_files: blobs::queued_count(c)?,
                set_aside_files: blobs::set_aside_files(c)?.iter().map(blobs::SetAsideFile::message).collect(),
                clock_offset_secs: device::clock_offset(c)?,
                hq_newer: device::hq_is_newer(c, outpost_sync::PROTOCOL)?,
            })
        })?)
    }

    /// How many changes wait for HQ.
    pub fn pending(&self) -> Result<u64> {
        Ok(self.store.read(outbox::pending_count)?)
    }

    /// Changes HQ refused for good and conflicts it settled its way, oldest first.
    pub fn refused(&self, limit: usize) -> Result<Vec<Mutation>> {
        Ok(self.store.read(|c| outbox::rejected(c, limit))?)
    }

    /// Sets aside refused change `number` (as listed) once read: it is no longer listed or
    /// counted.
    pub fn dismiss_refused(&self, number: i64, now: OffsetDateTime) -> Result<()> {
        if self.store.write(|tx| outbox::dismiss(tx, number, now))? {
            Ok(())
        } else {
            Err(LaptopError::NotRefused(number))
        }
    }

    /// One sync with HQ now: send what waits, upload files, download what changed.
    pub fn sync_once(&self) -> Result<CycleReport> {
        Ok(outpost_sync::sync_once(&self.store)?)
    }
}
