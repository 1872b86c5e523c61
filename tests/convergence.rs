//! Convergence: one HQ, three laptops (two of them one engineer's), a dispatcher, and random
//! interleavings of edits, transitions, contact changes, reassignments, reschedules,
//! cancellations and syncs. At the end every laptop agrees with HQ, every change is on HQ
//! exactly once, and every conflict HQ answered is in its conflict log. `CONVERGE_STEPS`
//! (default 300) and `SYNC_SEED` tune and replay a run.

use std::collections::{BTreeMap, BTreeSet};

use outpost_demo::Rng;
use outpost_domain::ids::{EngineerId, JobId};
use outpost_domain::job::{JobStatus, MoveDetails};
use outpost_domain::report::ReportField;
use outpost_store::jobs::{self, JobFilter};
use outpost_store::{Store, device, outbox};
use outpost_tests::harness::{BoxError, Hq, Laptop, env_or, seed};
use serde_json::{Value, json};
use time::OffsetDateTime;

fn open_jobs(store: &Store) -> Result<Vec<JobId>, BoxError> {
    Ok(store
        .read(|c| jobs::list(c, JobFilter::All, OffsetDateTime::now_utc().date(), 100_000))?
        .into_iter()
        .filter(|j| j.status.is_open())
        .map(|j| j.id)
        .collect())
}

#[test]
fn laptops_and_hq_agree_after_random_interleavings() -> Result<(), BoxError> {
    let (steps, seed) = (env_or("CONVERGE_STEPS", 300), seed());
    eprintln!("convergence: {steps} steps, SYNC_SEED={seed}");
    let dir = tempfile::tempdir()?;
    let hq = Hq::start(env!("CARGO_BIN_EXE_hq-under-test"), dir.path())?;
    let codes = hq.seed(120)?;
    let more = hq.seed(120)?;
    let second_code = &more.iter().find(|(n, _)| *n == codes[0].0).ok_or("same engineer")?.1;
    let laptops =
        [Laptop::enrolled(&hq, &codes[0].1)?, Laptop::enrolled(&hq, second_code)?, Laptop::enrolled(&hq, &codes[1].1)?];
    let engineers: Vec<EngineerId> = laptops
        .iter()
        .map(|l| Ok(l.store.read(device::engineer)?.ok_or("engineer")?.id))
        .collect::<Result<_, BoxError>>()?;
    let dispatcher = hq.dispatcher()?;
    let http = reqwest::blocking::Client::new();
    let mut rng = Rng::new(seed);
    let now = OffsetDateTime::now_utc;

    for step in 0..steps {
        let who = rng.below(5);
        if who < 3 {
            let laptop = &laptops[who as usize];
            let jobs = open_jobs(&laptop.store)?;
            if jobs.is_empty() {
                continue;
            }
            let job = *rng.pick(&jobs);
            // Local refusals (a job that moved on) are part of the game; HQ's answers are checked at the end.
            let _ = match rng.below(6) {
                0 => {
                    laptop.store.set_report_field(job, ReportField::FaultCause, &format!("原因{step}"), now()).map(drop)
                }
                1 => laptop.store.set_report_field(job, ReportField::Solution, &format!("办法{step}"), now()).map(drop),
                2 => {
                    let status = laptop.store.read(|c| jobs::get(c, job))?.status;
                    let next = if status == JobStatus::Assigned { JobStatus::EnRoute } else { JobStatus::OnSite };
                    laptop.store.transition_job(job, next, MoveDetails::default(), now()).map(drop)
                }
                3 => {
                    let customer = laptop.store.read(|c| jobs::get(c, job))?.customer_id;
                    let contact =
                        laptop.store.read(|c| outpost_store::customers::get(c, customer))?.contacts.first().cloned();
                    match contact {
                        Some(c) => laptop
                            .store
                            .edit_contact(job, Some(c.id), &c.name, &format!("139{step:08}"), "", now())
                            .map(drop),
                        None => Ok(()),
                    }
                }
                _ => outpost_sync::sync_once(&laptop.store)
                    .map(drop)
                    .map_err(|e| outpost_store::StoreError::Corrupt(e.to_string())),
            };
        } else {
            let (engineer, other) =
                if rng.chance(50) { (engineers[0], engineers[2]) } else { (engineers[2], engineers[0]) };
            let list: Value = http
                .get(format!("{}/api/v1/jobs?engineer_id={engineer}&status=assigned&limit=50", hq.url))
                .bearer_auth(&dispatcher)
                .send()?
                .json()?;
            let Some(job) =
                list.as_array().and_then(|a| (!a.is_empty()).then(|| a[rng.below(a.len() as u64) as usize].clone()))
            else {
                continue;
            };
            let id = job["id"].as_str().ok_or("id")?;
            match rng.below(4) {
                0 => http
                    .post(format!("{}/api/v1/jobs/{id}/assign", hq.url))
                    .bearer_auth(&dispatcher)
                    .json(&json!({"engineer_id": other}))
                    .send()?,
                1 => http
                    .post(format!("{}/api/v1/jobs/{id}/cancel", hq.url))
                    .bearer_auth(&dispatcher)
                    .json(&json!({"reason": format!("客户取消 {step}")}))
                    .send()?,
                2 => http
                    .put(format!("{}/api/v1/jobs/{id}", hq.url))
                    .bearer_auth(&dispatcher)
                    .json(&json!({"reported_fault": format!("改期 {step}"), "scheduled_on": "2026-12-01"}))
                    .send()?,
                _ => {
                    let customer: Value = http
                        .get(format!("{}/api/v1/customers/{}", hq.url, job["customer_id"].as_str().unwrap_or_default()))
                        .bearer_auth(&dispatcher)
                        .send()?
                        .json()?;
                    let mut contacts = customer["contacts"].as_array().cloned().unwrap_or_default();
                    if let Some(first) = contacts.first_mut() {
                        first["phone"] = json!(format!("0531-{step:07}"));
                    }
                    let contacts: Vec<Value> = contacts.iter().map(|c| json!({"id": c["id"], "name": c["name"], "phone": c["phone"], "role": c["role"].as_str().unwrap_or("")})).collect();
                    http.put(format!("{}/api/v1/customers/{}", hq.url, customer["id"].as_str().unwrap_or_default()))
                        .bearer_auth(&dispatcher)
                        .json(
                            &json!({"name": customer["name"], "language": customer["language"], "contacts": contacts}),
                        )
                        .send()?
                }
            };
        }
    }
    for _ in 0..2 {
        for laptop in &laptops {
            outpost_sync::sync_once(&laptop.store)?;
        }
    }

    let db = hq.db()?;
    for (i, laptop) in laptops.iter().enumerate() {
        assert_eq!(laptop.pending()?, 0, "laptop {i} drained (seed {seed})");
        let client = laptop.store.read(device::enrollment)?.ok_or("enrolled")?.client_id.to_text();
        let made: i64 = laptop.store.read(|c| {
            Ok(c.query_row("SELECT COALESCE(seq, 0) FROM sqlite_sequence WHERE name = 'outbox'", [], |r| r.get(0))
                .unwrap_or(0))
        })?;
        let audit = db
            .tx_blocking(move |tx| {
                tx.query_opt(
                    "SELECT count(*), count(DISTINCT mutation_id) FROM audit_log WHERE client_id = $1",
                    &[client.into()],
                )
            })?
            .ok_or("audit")?;
        assert_eq!(
            (audit.int(0)?, audit.int(1)?),
            (made, made),
            "laptop {i}: every change on HQ exactly once (seed {seed})"
        );
        let refused = laptop.store.read(|c| outbox::rejected(c, 100_000))?;
        assert!(
            refused.iter().all(|m| m.rejected.as_deref().is_some_and(|r| !r.is_empty())),
            "every refusal has a reason"
        );
    }
    let conflicts = db
        .tx_blocking(|tx| {
            tx.query_opt(
                "SELECT (SELECT count(*) FROM audit_log WHERE outcome = 'conflict'),
                        (SELECT count(*) FROM conflicts) + (SELECT count(*) FROM report_conflicts)",
                &[],
            )
        })?
        .ok_or("counts")?;
    assert_eq!(conflicts.int(0)?, conflicts.int(1)?, "every conflict answered is in the conflict log (seed {seed})");

    // Each laptop holds exactly its engineer's live jobs, as HQ has them.
    for (i, laptop) in laptops.iter().enumerate() {
        let engineer = engineers[i].to_text();
        let at_hq = db.tx_blocking(move |tx| {
            tx.query(
                "SELECT id, status, body FROM jobs WHERE engineer_id = $1 AND status <> 'cancelled'",
                &[engineer.into()],
            )
        })?;
        let hq_jobs: BTreeMap<String, Value> =
            at_hq.iter().map(|r| Ok((r.text(0)?, r.json::<Value>(2)?))).collect::<Result<_, BoxError>>()?;
        let local: Vec<_> =
            laptop.store.read(|c| jobs::list(c, JobFilter::All, OffsetDateTime::now_utc().date(), 100_000))?;
        let local_live: BTreeSet<String> =
            local.iter().filter(|j| j.status != JobStatus::Cancelled).map(|j| j.id.to_text()).collect();
        let hq_live: BTreeSet<String> = hq_jobs.keys().cloned().collect();
        assert_eq!(local_live, hq_live, "laptop {i} holds its engineer's jobs (seed {seed})");
        for j in &local {
            if let Some(h) = hq_jobs.get(&j.id.to_text()) {
                assert_eq!(h["status"].as_str(), Some(j.status.as_str()), "status of {} (seed {seed})", j.number);
                assert_eq!(
                    h["reported_fault"].as_str(),
                    Some(j.reported_fault.as_str()),
                    "fault of {} (seed {seed})",
                    j.number
                );
                let id = j.id.to_text();
                let hq_report =
                    db.tx_blocking(move |tx| tx.query_opt("SELECT body FROM reports WHERE job_id = $1", &[id.into()]))?;
                let local_report = laptop.store.read(|c| outpost_store::reports::get(c, j.id))?;
                let hq_cause = hq_report
                    .map(|r| r.json::<Value>(0))
                    .transpose()?
                    .and_then(|r| r["fault_cause"].as_str().map(str::to_owned));
                assert_eq!(hq_cause, local_report.and_then(|r| r.fault_cause), "report of {} (seed {seed})", j.number);
            }
        }
    }
    let refused: usize = laptops
        .iter()
        .map(|l| l.store.read(|c| outbox::rejected(c, 100_000)).map(|r| r.len()))
        .sum::<Result<_, _>>()?;
    eprintln!(
        "convergence: {steps} steps, all three laptops agree with HQ ({} conflicts, {refused} changes refused with reasons)",
        conflicts.int(1)?
    );
    assert!(refused > 0, "the interleavings should make HQ refuse some changes (seed {seed})");
    Ok(())
}
