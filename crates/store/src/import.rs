//! Writing data that comes from HQ (a sync download, or demo data standing in for one).
//! No outbox rows: these changes are HQ's, not the engineer's.

use outpost_domain::customer::{Customer, Site};
use outpost_domain::equipment::Equipment;
use outpost_domain::job::{Job, JobEvent};
use outpost_domain::part::{Part, PartLine};
use outpost_domain::report::ServiceReport;
use outpost_domain::warranty::ChargingPolicy;
use rusqlite::Transaction;
use time::OffsetDateTime;

use crate::db::Store;
use crate::device::{self, Engineer};
use crate::error::Result;
use crate::{customers, equipment, jobs, parts, reports};

/// One transaction's worth of HQ data; see [`Store::import`].
#[derive(Debug)]
pub struct Import<'a> {
    tx: &'a Transaction<'a>,
}

impl Import<'_> {
    /// The laptop's engineer.
    pub fn engineer(&self, engineer: &Engineer) -> Result<()> {
        device::set_engineer(self.tx, engineer)
    }

    /// The company's charging policy.
    pub fn charging_policy(&self, policy: &ChargingPolicy) -> Result<()> {
        device::set_charging_policy(self.tx, policy)
    }

    /// A customer with contacts.
    pub fn customer(&self, c: &Customer) -> Result<()> {
        customers::upsert(self.tx, c)
    }

    /// A site.
    pub fn site(&self, s: &Site) -> Result<()> {
        customers::upsert_site(self.tx, s)
    }

    /// A piece of equipment.
    pub fn equipment(&self, e: &Equipment) -> Result<()> {
        equipment::upsert(self.tx, e)
    }

    /// A catalogue part.
    pub fn part(&self, p: &Part) -> Result<()> {
        parts::upsert(self.tx, p)
    }

    /// A job (its customer, site and equipment must be there already).
    pub fn job(&self, j: &Job) -> Result<()> {
        jobs::upsert(self.tx, j)?;
        jobs::index(self.tx, j)
    }

    /// A job event.
    pub fn event(&self, e: &JobEvent) -> Result<()> {
        jobs::insert_event(self.tx, e)
    }

    /// A report as HQ holds it.
    pub fn report(&self, r: &ServiceReport, at: OffsetDateTime) -> Result<()> {
        reports::save_indexed(self.tx, r, at)
    }

    /// A part line as HQ holds it.
    pub fn part_line(&self, l: &PartLine, at: OffsetDateTime) -> Result<()> {
        parts::insert_line(self.tx, l, at)
    }
}

impl Store {
    /// Applies HQ data in one transaction: all of it or none.
    pub fn import<T>(&self, f: impl FnOnce(&Import<'_>) -> Result<T>) -> Result<T> {
        self.write(|tx| f(&Import { tx }))
    }
}
