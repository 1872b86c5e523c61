//! One sync cycle: upload waiting files, upload the outbox until it is empty, then download
//! until HQ's checkpoint (which includes this laptop's own uploads, so an edit is never seen
//! "undone"), staging each page, and apply the download whole with its cursor.

use std::collections::HashSet;

use outpost_domain::ids::JobId;
use outpost_store::device::{self, Engineer, Enrollment};
use outpost_store::jobs::{self, JobFilter};
use outpost_store::{Import, Store, blobs, downloads, outbox};
use outpost_wire::sync::{Delta, Mutation, Outcome, PushRequest, Record};
use time::OffsetDateTime;

use crate::client::{HqClient, Traffic};
use crate::error::{Result, SyncError};

/// Mutations per push.
pub const PUSH_BATCH: usize = 500;
/// Changes per pull page.
pub const PULL_PAGE: usize = 1000;

/// What a cycle did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CycleReport {
    pub files: usize,
    pub pushed: usize,
    pub refused: usize,
    pub pulled: usize,
    /// Changes renumbered under a new client id because this folder is a restored or copied
    /// one (HQ already held other changes under their numbers); they were sent again.
    pub renumbered: u64,
    /// Files found missing or damaged on this laptop and set aside (see `blobs::set_aside_files`).
    pub set_aside: usize,
    /// How far this laptop's clock was ahead of HQ's (negative: behind), in seconds.
    pub clock_offset_secs: Option<i64>,
    /// Records and operations from a newer HQ that this app does not know, skipped.
    pub skipped: usize,
    pub requests: u32,
    pub traffic: Traffic,
}

impl CycleReport {
    fn count(&mut self, t: Traffic) {
        self.requests += 1;
        self.traffic.sent += t.sent;
        self.traffic.received += t.received;
    }
}

/// This laptop's name as HQ lists its devices: the host name, or "laptop".
pub fn device_name() -> String {
    std::fs::read_to_string("/etc/hostname")
        .ok()
        .map(|h| h.trim().to_owned())
        .filter(|h| !h.is_empty())
        .or_else(|| std::env::var("HOSTNAME").ok().filter(|h| !h.trim().is_empty()))
        .unwrap_or_else(|| "laptop".into())
}

/// Enrolls this laptop with a one-time code. The data folder must not hold another engineer's
/// work or changes that were never sent.
pub fn enroll(store: &Store, hq_url: &str, code: &str, device_name: &str) -> Result<Engineer> {
    let (pending, current) = store.read(|c| Ok((outbox::pending_count(c)?, device::engineer(c)?)))?;
    if pending > 0 {
        return Err(SyncError::Protocol(format!(
            "this data folder holds {pending} changes not sent to HQ: sync them first, or use a new data folder"
        )));
    }
    let nonce = store.write(|tx| device::enrollment_nonce(tx, code))?;
    let answer = HqClient::new(hq_url, None)?.enroll(code, device_name, &nonce)?;
    if let Some(current) = current
        && current.id != answer.engineer_id
        && store.read(|c| jobs::count(c, JobFilter::All, time::Date::MIN))? > 0
    {
        return Err(SyncError::Protocol(format!(
            "this data folder holds {}'s jobs: enroll {} in a new data folder",
            current.name, answer.engineer_name
        )));
    }
    let engineer = Engineer { id: answer.engineer_id, name: answer.engineer_name };
    let enrollment = Enrollment {
        hq_url: hq_url.trim().trim_end_matches('/').to_owned(),
        token: answer.token,
        client_id: answer.client_id,
    };
    store.write(|tx| {
        // A new enrollment numbers its mutations from 1 again.
        outbox::restart_numbering(tx)?;
        downloads::start_over(tx)?;
        device::set_enrollment(tx, &enrollment, &engineer)
    })?;
    Ok(engineer)
}

/// Runs one full cycle against the enrolled HQ: [`upload`], then [`download`].
pub fn sync_once(store: &Store) -> Result<CycleReport> {
    sync_reporting(store, &mut |_| {})
}

/// [`sync_once`], telling `on_step` how far the cycle has got after every file sent, batch of
/// changes sent and page received (the "syncing" progress the app shows).
pub fn sync_reporting(store: &Store, on_step: &mut dyn FnMut(&CycleReport)) -> Result<CycleReport> {
    sync_with_clock(store, OffsetDateTime::now_utc, on_step)
}

/// [`sync_reporting`] with this laptop's clock given (tests move it). Each cycle also learns
/// how far this laptop's clock is from HQ's and keeps it (see [`device::clock_offset`]).
pub fn sync_with_clock(
    store: &Store,
    now: fn() -> OffsetDateTime,
    on_step: &mut dyn FnMut(&CycleReport),
) -> Result<CycleReport> {
    let (enrollment, client) = connect(store)?;
    let client = client.with_clock(now);
    let mut report = CycleReport::default();
    upload_files(store, &client, &mut report, on_step)?;
    push(store, &client, &enrollment, &mut report, on_step)?;
    pull(store, &client, &mut report, on_step)?;
    let offset = client.clock_reading().map(|r| r.offset().whole_seconds());
    report.clock_offset_secs = offset;
    let now = now().format(&time::format_description::well_known::Rfc3339).unwrap_or_default();
    store.write(|tx| {
        if let Some(secs) = offset {
            device::set_clock_offset(tx, secs)?;
        }
        device::set_hq_protocol(tx, client.hq_protocol(), report.skipped > 0, outpost_wire::PROTOCOL)?;
        device::set_last_sync(tx, &now)
    })?;
    Ok(report)
}

fn connect(store: &Store) -> Result<(Enrollment, HqClient)> {
    let enrollment = store.read(device::enrollment)?.ok_or(SyncError::NoEnrollment)?;
    let client = HqClient::new(&enrollment.hq_url, Some(enrollment.token.clone()))?;
    Ok((enrollment, client))
}

/// Uploads waiting files, then the outbox until it is empty.
pub fn upload(store: &Store) -> Result<CycleReport> {
    let (enrollment, client) = connect(store)?;
    let mut report = CycleReport::default();
    upload_files(store, &client, &mut report, &mut |_| {})?;
    push(store, &client, &enrollment, &mut report, &mut |_| {})?;
    Ok(report)
}

/// Downloads to HQ's checkpoint and applies it whole.
pub fn download(store: &Store) -> Result<CycleReport> {
    let (_, client) = connect(store)?;
    let mut report = CycleReport::default();
    pull(store, &client, &mut report, &mut |_| {})?;
    Ok(report)
}

type OnStep<'a> = &'a mut dyn FnMut(&CycleReport);

fn upload_files(store: &Store, client: &HqClient, report: &mut CycleReport, on_step: OnStep<'_>) -> Result<()> {
    loop {
        let queued = store.read(|c| blobs::queued(c, 50))?;
        if queued.is_empty() {
            return Ok(());
        }
        for (sha, size) in queued {
            let bytes = match blobs::read_checked(store.path(), &sha)? {
                Ok(bytes) => bytes,
                Err(problem) => {
                    // Missing or damaged here: set aside with what to do, never retried, so it
                    // cannot hold back the changes and files behind it.
                    let now = OffsetDateTime::now_utc();
                    store.write(|tx| blobs::set_aside(tx, &sha, problem, now))?;
                    report.set_aside += 1;
                    continue;
                }
            };
            client.put_blob(&sha, bytes)?;
            store.write(|tx| blobs::mark_uploaded(tx, &sha))?;
            report.files += 1;
            report.count(Traffic { sent: u64::try_from(size).unwrap_or(0), received: 0 });
            on_step(report);
        }
    }
}

fn push(
    store: &Store,
    client: &HqClient,
    enrollment: &Enrollment,
    report: &mut CycleReport,
    on_step: OnStep<'_>,
) -> Result<()> {
    let mut client_id = enrollment.client_id;
    let mut renumbered_once = false;
    loop {
        let batch = store.read(|c| outbox::pending(c, PUSH_BATCH))?;
        let Some(last) = batch.last().map(|m| m.number) else {
            return Ok(());
        };
        let request = PushRequest {
            client_id,
            mutations: batch
                .into_iter()
                .map(|m| Mutation { mutation_id: m.number, change: m.change.into(), digest: Some(m.digest) })
                .collect(),
        };
        let (answer, traffic) = match client.push(&request) {
            Err(SyncError::Refused { code, message, .. }) if code == "mutation_gap" => {
                return Err(SyncError::Protocol(format!(
                    "HQ is missing changes this laptop sent before ({message}); tell HQ support, your changes are kept"
                )));
            }
            other => other?,
        };
        report.count(traffic);
        let restored = answer.results.iter().any(|r| r.outcome == Outcome::RestoredCopy);
        if answer.last_mutation_id < last && !restored {
            return Err(SyncError::Protocol(format!("HQ processed up to {} of {last}", answer.last_mutation_id)));
        }
        let refusals: Vec<outbox::Rejection> = answer
            .results
            .iter()
            .filter(|r| matches!(r.outcome, Outcome::Rejected | Outcome::Conflict))
            .map(|r| outbox::Rejection {
                number: r.mutation_id,
                reason: r.reason.clone().unwrap_or_else(|| "refused by HQ".into()),
                refusal: r.refusal.as_ref().map(|v| v.to_string()),
            })
            .collect();
        report.pushed += answer.results.iter().filter(|r| r.outcome != Outcome::RestoredCopy).count();
        report.refused += refusals.len();
        store.write(|tx| outbox::acknowledge(tx, answer.last_mutation_id, &refusals))?;
        if restored {
            // Another change already holds these numbers at HQ: this folder is a restored or
            // copied one. It goes on under a new client id, its pending changes numbered from 1.
            if renumbered_once {
                return Err(SyncError::Protocol(
                    "HQ refused this laptop's changes as a restored copy twice in one sync; your changes are kept, \
                     tell HQ support"
                        .into(),
                ));
            }
            renumbered_once = true;
            client_id = client.register_client()?;
            report.requests += 1;
            report.renumbered += store.write(|tx| outbox::renumber(tx, client_id))?;
        }
        on_step(report);
    }
}

fn pull(store: &Store, client: &HqClient, report: &mut CycleReport, on_step: OnStep<'_>) -> Result<()> {
    let mut started_over = false;
    loop {
        let cursor = store.read(downloads::download_cursor)?;
        let (page, traffic) = client.pull(&cursor, PULL_PAGE)?;
        report.count(traffic);
        if page.start_over {
            if started_over || cursor.is_empty() {
                return Err(SyncError::Protocol("HQ asked to start over again; not looping, try later".into()));
            }
            started_over = true;
            store.write(downloads::start_over)?;
            continue;
        }
        let raw = page
            .deltas
            .iter()
            .map(serde_json::to_string)
            .collect::<std::result::Result<Vec<_>, _>>()
            .map_err(|e| SyncError::Protocol(e.to_string()))?;
        report.pulled += raw.len();
        store.write(|tx| downloads::stage(tx, &raw, &page.cursor))?;
        on_step(report);
        if !page.has_more {
            break;
        }
    }
    let from_scratch = store.read(downloads::applied_cursor)?.is_empty();
    let mut skipped = 0;
    store.apply_download(|import, staged| {
        let mut seen = HashSet::new();
        if from_scratch {
            // A download from scratch carries every count of the van HQ now holds.
            import.forget_van_stock()?;
        }
        for raw in staged {
            let delta: Delta =
                serde_json::from_str(&raw).map_err(|e| outpost_store::StoreError::Corrupt(e.to_string()))?;
            skipped += usize::from(apply(import, delta, &mut seen)?);
        }
        if from_scratch {
            import.keep_only_jobs(&seen)?;
        }
        Ok(())
    })?;
    report.skipped += skipped;
    Ok(())
}

/// Applies one delta; `true` when it is of a kind this app does not know (skipped).
fn apply(import: &Import<'_>, delta: Delta, seen: &mut HashSet<JobId>) -> outpost_store::Result<bool> {
    match delta {
        Delta::Upsert { record } => match record {
            Record::Customer(c) => import.customer_from_hq(&c.into()).map(drop)?,
            Record::Site(s) => import.site(&s.into())?,
            Record::Equipment(e) => import.equipment(&e.into())?,
            Record::Part(p) => import.part(&p.into())?,
            Record::VanStock(v) => import.van_stock(&v.into())?,
            Record::Policy(p) => import.charging_policy(&p.into())?,
            Record::Company(c) => import.company(&c.into())?,
            Record::Sla(p) => import.sla_policy(&p.into())?,
            Record::Job(b) => {
                let b = outpost_domain::job::JobBundle::from(*b);
                seen.insert(b.job.id);
                import.job_bundle(&b).map(drop)?
            }
            Record::Unknown => return Ok(true),
        },
        Delta::RemoveJob { job_id } => {
            seen.remove(&job_id);
            import.remove_job(job_id)?
        }
        Delta::Unknown => return Ok(true),
    }
    Ok(false)
}
