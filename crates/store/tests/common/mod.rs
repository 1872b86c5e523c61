//! The shared helper of the store tests: a real SQLite file with demo data in a temp folder.
#![allow(dead_code)] // each test file uses a different part of the helper

use outpost_demo::{DemoConfig, DemoData, generate};
use outpost_domain::ids::JobId;
use outpost_domain::job::{JobStatus, JobType};
use outpost_store::Store;
use tempfile::TempDir;
use time::OffsetDateTime;
use time::macros::datetime;

pub type TestResult = Result<(), Box<dyn std::error::Error>>;

pub const NOW: OffsetDateTime = datetime!(2026-11-23 02:00 UTC);

pub struct Fixture {
    pub dir: TempDir,
    pub store: Store,
    pub data: DemoData,
}

pub fn demo_store(jobs: usize) -> Result<Fixture, Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let store = Store::open(dir.path())?;
    let data = generate(&DemoConfig::new(11, jobs, NOW));
    outpost_store::demo::load(&store, &data)?;
    Ok(Fixture { dir, store, data })
}

impl Fixture {
    /// A job of this type in this state.
    pub fn job(&self, job_type: JobType, status: JobStatus) -> JobId {
        self.data
            .jobs
            .iter()
            .find(|j| j.job.job_type == job_type && j.job.status == status)
            .map(|j| j.job.id)
            .expect("demo data has every type in every state")
    }

    pub fn outbox_len(&self) -> Result<i64, Box<dyn std::error::Error>> {
        Ok(self.store.read(|c| Ok(c.query_row("SELECT count(*) FROM outbox", [], |r| r.get(0))?))?)
    }
}
