//! HQ's follow-up work of the day, which nobody has to remember: the callbacks the month's
//! sample and the customers' quarterly plans ask for, and the jobs of the planned inspections
//! and maintenance. `serve` runs it at start and every ten minutes after, `admin plans run`
//! for a given day; each step is made once however often it runs.

use time::{Date, OffsetDateTime};

use crate::db::Db;
use crate::error::Result;
use crate::plans::Made;
use crate::{callbacks, plans};

/// How often `serve` runs the day's work.
pub const EVERY: std::time::Duration = std::time::Duration::from_secs(600);

/// What one run did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Ran {
    /// Callbacks it queued.
    pub callbacks: usize,
    /// The planned visits' jobs it made.
    pub jobs: Vec<Made>,
}

/// Runs the day's work for `today` (HQ's local date), in one transaction.
pub fn run(db: &Db, today: Date, now: OffsetDateTime) -> Result<Ran> {
    db.tx_blocking(|tx| Ok(Ran { callbacks: callbacks::tick(tx, today, now)?, jobs: plans::run(tx, today, now)? }))
}

/// `serve`'s loop: the day's work at start and every [`EVERY`], today in HQ's zone.
pub async fn keep(db: Db, clock: crate::state::Clock, offset: time::UtcOffset) {
    loop {
        let now = clock();
        let db = db.clone();
        match tokio::task::spawn_blocking(move || run(&db, now.to_offset(offset).date(), now)).await {
            Ok(Ok(ran)) if ran != Ran::default() => {
                tracing::info!(callbacks = ran.callbacks, planned_jobs = ran.jobs.len(), "follow-up work queued")
            }
            Ok(Ok(_)) => {}
            Ok(Err(e)) => tracing::warn!(error = %e, "the day's follow-up work failed; trying again later"),
            Err(e) => tracing::warn!(error = %e, "the day's follow-up work stopped; trying again later"),
        }
        tokio::time::sleep(EVERY).await;
    }
}
