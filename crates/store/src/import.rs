//! Writing data that comes from HQ (a sync download, or demo data standing in for one).
//! No outbox rows: these changes are HQ's, not the engineer's.

use outpost_domain::company::CompanyProfile;
use outpost_domain::customer::{Customer, Site};
use outpost_domain::equipment::Equipment;
use outpost_domain::job::{Job, JobBundle, JobEvent};
use outpost_domain::part::{Part, PartLine};
use outpost_domain::report::ServiceReport;
use outpost_domain::sla::SlaPolicy;
use outpost_domain::van::VanStock;
use outpost_domain::warranty::ChargingPolicy;
use std::cell::Cell;
use std::collections::HashSet;

use outpost_domain::ids::JobId;
use rusqlite::{OptionalExtension, Transaction};
use time::OffsetDateTime;

use crate::db::Store;
use crate::device::{self, Engineer};
use crate::error::Result;
use crate::{complaints, customers, equipment, jobs, parts, parts_requests, reports};

/// One transaction's worth of HQ data; see [`Store::import`].
#[derive(Debug)]
pub struct Import<'a> {
    tx: &'a Transaction<'a>,
    /// Whether any local change waits for HQ (asked once per import, not once per job).
    local_work: Cell<Option<bool>>,
}

impl<'a> Import<'a> {
    fn new(tx: &'a Transaction<'a>) -> Import<'a> {
        Import { tx, local_work: Cell::new(None) }
    }

    fn any_local_work(&self) -> Result<bool> {
        if let Some(known) = self.local_work.get() {
            return Ok(known);
        }
        let any: bool = self.tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM outbox WHERE state = 'pending') OR EXISTS (SELECT 1 FROM pending_removals)",
            [],
            |r| r.get(0),
        )?;
        self.local_work.set(Some(any));
        Ok(any)
    }

    /// The laptop's engineer.
    pub fn engineer(&self, engineer: &Engineer) -> Result<()> {
        device::set_engineer(self.tx, engineer)
    }

    /// The company's charging policy.
    pub fn charging_policy(&self, policy: &ChargingPolicy) -> Result<()> {
        device::set_charging_policy(self.tx, policy)
    }

    /// The company's receipt header.
    pub fn company(&self, profile: &CompanyProfile) -> Result<()> {
        device::set_company(self.tx, profile)
    }

    /// The service-level targets.
    pub fn sla_policy(&self, policy: &SlaPolicy) -> Result<()> {
        device::set_sla_policy(self.tx, policy)
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

    /// HQ's count of a part in the van.
    pub fn van_stock(&self, stock: &VanStock) -> Result<()> {
        parts::set_van_stock(self.tx, stock)
    }

    /// Drops every van count (before a download from scratch brings HQ's).
    pub fn forget_van_stock(&self) -> Result<()> {
        self.tx.execute("DELETE FROM van_stock", [])?;
        Ok(())
    }

    /// A part line as HQ holds it.
    pub fn part_line(&self, l: &PartLine, at: OffsetDateTime) -> Result<()> {
        parts::insert_line(self.tx, l, at)
    }

    /// Whether changes to this job still wait in the outbox (HQ's copy would undo them).
    pub fn has_local_work(&self, job: JobId) -> Result<bool> {
        if !self.any_local_work()? {
            return Ok(false);
        }
        Ok(self
            .tx
            .query_row(
                "SELECT 1 FROM outbox WHERE entity_id = ?1 AND state = 'pending' LIMIT 1",
                [job.to_text()],
                |_| Ok(()),
            )
            .optional()?
            .is_some())
    }

    /// A job as HQ holds it, with its events, report and parts, replacing the local copy —
    /// unless local changes to it are still waiting for HQ; then the local copy stays and the
    /// next sync brings HQ's version with those changes applied. Returns whether it was taken.
    pub fn job_bundle(&self, bundle: &JobBundle) -> Result<bool> {
        let JobBundle { job, events, report, parts: lines, parts_requests: requests, complaints: said } = bundle;
        if self.has_local_work(job.id)? {
            return Ok(false);
        }
        let id = job.id.to_text();
        let known = self.tx.prepare_cached("SELECT 1 FROM jobs WHERE id = ?1")?.exists([&id])?;
        if self.any_local_work()? {
            self.tx.prepare_cached("DELETE FROM pending_removals WHERE job_id = ?1")?.execute([&id])?;
        }
        jobs::upsert(self.tx, job)?;
        self.tx
            .prepare_cached("INSERT OR IGNORE INTO search_queue (kind, ref_id) VALUES ('job', ?1)")?
            .execute([&id])?;
        if known {
            // Replacing HQ's earlier version: what hangs off the job is replaced too.
            self.tx.prepare_cached("DELETE FROM job_events WHERE job_id = ?1")?.execute([&id])?;
            self.tx.prepare_cached("DELETE FROM part_lines WHERE job_id = ?1")?.execute([&id])?;
            self.tx.prepare_cached("DELETE FROM parts_requests WHERE job_id = ?1")?.execute([&id])?;
            self.tx.prepare_cached("DELETE FROM complaints WHERE job_id = ?1")?.execute([&id])?;
            if report.is_none() {
                self.tx.prepare_cached("DELETE FROM reports WHERE job_id = ?1")?.execute([&id])?;
            }
        }
        for e in events {
            jobs::insert_event(self.tx, e)?;
        }
        let at = events.last().map_or(job.reported_at, |e| e.at);
        for l in lines {
            parts::insert_line(self.tx, l, at)?;
        }
        for r in requests {
            parts_requests::save(self.tx, r)?;
        }
        for c in said {
            complaints::save(self.tx, c)?;
        }
        if let Some(r) = report {
            reports::save(self.tx, r, at)?;
        }
        Ok(true)
    }

    /// A customer as HQ holds it, unless a contact edit of this laptop is still on its way.
    pub fn customer_from_hq(&self, c: &Customer) -> Result<bool> {
        let pending: Option<()> = self
            .tx
            .query_row(
                "SELECT 1 FROM outbox WHERE state = 'pending' AND kind = 'contact_edited'
                   AND json_extract(payload, '$.customer_id') = ?1 LIMIT 1",
                [c.id.to_text()],
                |_| Ok(()),
            )
            .optional()?;
        if pending.is_some() {
            return Ok(false);
        }
        customers::upsert(self.tx, c)?;
        Ok(true)
    }

    /// HQ took the job away (reassigned or cancelled). It goes now, or, when local changes
    /// still wait for HQ, as soon as they are acknowledged.
    pub fn remove_job(&self, job: JobId) -> Result<()> {
        if self.has_local_work(job)? {
            self.tx.execute("INSERT OR IGNORE INTO pending_removals (job_id) VALUES (?1)", [job.to_text()])?;
            return Ok(());
        }
        delete_job(self.tx, job)
    }

    /// After a download from the start: jobs HQ no longer sends are removed, unless local work
    /// on them still waits for HQ.
    pub fn keep_only_jobs(&self, seen: &HashSet<JobId>) -> Result<usize> {
        let mut stmt = self.tx.prepare("SELECT id FROM jobs")?;
        let all: Vec<String> = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        let mut removed = 0;
        for id in all {
            let job: JobId = crate::codec::parse("job id", &id)?;
            if !seen.contains(&job) {
                self.remove_job(job)?;
                removed += 1;
            }
        }
        Ok(removed)
    }
}

/// Deletes a job and everything hanging off it, its search entries included.
fn delete_job(tx: &Transaction<'_>, job: JobId) -> Result<()> {
    let id = job.to_text();
    let docs: Vec<i64> = tx
        .prepare("SELECT doc_id FROM search_docs WHERE job_id = ?1")?
        .query_map([&id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for doc in docs {
        tx.execute("DELETE FROM search WHERE rowid = ?1", [doc])?;
        tx.execute("DELETE FROM search_docs WHERE doc_id = ?1", [doc])?;
    }
    tx.execute("DELETE FROM search_queue WHERE ref_id = ?1", [&id])?;
    tx.execute("DELETE FROM pending_removals WHERE job_id = ?1", [&id])?;
    tx.execute("DELETE FROM jobs WHERE id = ?1", [&id])?;
    Ok(())
}

/// Removes the jobs HQ took away whose local changes have all been acknowledged.
pub fn process_pending_removals(tx: &Transaction<'_>) -> Result<usize> {
    let ready: Vec<String> = tx
        .prepare(
            "SELECT job_id FROM pending_removals
              WHERE NOT EXISTS (SELECT 1 FROM outbox WHERE entity_id = pending_removals.job_id AND state = 'pending')",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for id in &ready {
        delete_job(tx, crate::codec::parse("job id", id)?)?;
    }
    Ok(ready.len())
}

impl Store {
    /// Applies HQ data in one transaction: all of it or none.
    pub fn import<T>(&self, f: impl FnOnce(&Import<'_>) -> Result<T>) -> Result<T> {
        self.write(|tx| f(&Import::new(tx)))
    }

    /// Applies the staged download through `f` and moves the cursor, in one transaction.
    pub fn apply_download<T>(&self, f: impl FnOnce(&Import<'_>, Vec<String>) -> Result<T>) -> Result<T> {
        self.write(|tx| {
            // HQ's log keeps one entry per record, so a job can come before the customer or site
            // it refers to (that changed later): references are checked when the whole is in.
            tx.pragma_update(None, "defer_foreign_keys", "ON")?;
            let staged = crate::downloads::staged(tx)?;
            let value = f(&Import::new(tx), staged)?;
            crate::downloads::finish(tx)?;
            process_pending_removals(tx)?;
            Ok(value)
        })
    }
}
