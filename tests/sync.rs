//! Sync across processes: a real HQ process on loopback, laptops as data folders.

use std::time::Duration;

use outpost_domain::ids::JobId;
use outpost_domain::job::{JobStatus, MoveDetails};
use outpost_domain::report::ReportField;
use outpost_store::jobs::{self, JobFilter};
use outpost_store::{Store, device, downloads, outbox};
use outpost_sync::SyncError;
use outpost_tests::harness::{BoxError, Hq, Laptop, Storage, assigned_repair, env_or, repair, seed};
use serde_json::{Value, json};
use time::OffsetDateTime;

type TestResult = Result<(), BoxError>;

const HQ_BIN: &str = env!("CARGO_BIN_EXE_hq-under-test");

fn now() -> OffsetDateTime {
    OffsetDateTime::now_utc()
}

fn hq_job(hq: &Hq, token: &str, job: JobId) -> Result<Value, BoxError> {
    Ok(reqwest::blocking::Client::new()
        .get(format!("{}/api/v1/jobs/{job}", hq.url))
        .bearer_auth(token)
        .send()?
        .json()?)
}

#[test]
fn a_repair_done_offline_reaches_hq_once_with_its_signature() -> TestResult {
    let dir = tempfile::tempdir()?;
    let hq = Hq::start(HQ_BIN, dir.path())?;
    let codes = hq.seed(80)?;
    let laptop = Laptop::enrolled(&hq, &codes[0].1)?;
    let job = assigned_repair(&laptop.store)?;
    repair(&laptop.store, job, b"\x89PNG\r\n\x1a\nsignature strokes")?;
    assert!(laptop.pending()? > 10);
    let report = outpost_sync::sync_once(&laptop.store)?;
    assert_eq!((report.files, report.refused), (1, 0), "{report:?}");
    assert_eq!(laptop.pending()?, 0);
    let again = outpost_sync::sync_once(&laptop.store)?;
    assert_eq!((again.pushed, again.pulled, again.requests), (0, 0, 1), "an idle round is one request: {again:?}");
    assert!(again.traffic.received < 1024, "{again:?}");

    let dispatcher = hq.dispatcher()?;
    let at_hq = hq_job(&hq, &dispatcher, job)?;
    assert_eq!(at_hq["job"]["status"], "signed");
    let local = laptop.store.read(|c| outpost_store::detail::job_detail(c, job))?;
    let local_hash = local.report.signature.as_ref().map(|s| s.content_sha256.clone()).ok_or("signed locally")?;
    assert_eq!(at_hq["report"]["signature"]["content_sha256"], local_hash.as_str());
    let company = laptop.store.read(outpost_store::device::company)?;
    assert!(company.name.contains("Hongli") && company.logo_png.is_some(), "the receipt header came down: {company:?}");
    let audit: Value = reqwest::blocking::Client::new()
        .get(format!("{}/api/v1/audit?job_id={job}", hq.url))
        .bearer_auth(&dispatcher)
        .send()?
        .json()?;
    let applied = audit.as_array().ok_or("audit")?.iter().filter(|a| a["outcome"] == "applied").count();
    assert_eq!(applied, report.pushed, "each change applied exactly once");
    Ok(())
}

#[test]
fn a_signed_report_corrected_on_site_keeps_its_first_revision_verifiable_at_hq() -> TestResult {
    let dir = tempfile::tempdir()?;
    let hq = Hq::start(HQ_BIN, dir.path())?;
    let codes = hq.seed(80)?;
    let laptop = Laptop::enrolled(&hq, &codes[0].1)?;
    let job = assigned_repair(&laptop.store)?;
    let png = b"\x89PNG\r\n\x1a\nsignature strokes";
    repair(&laptop.store, job, png)?;
    let first = laptop.store.read(|c| outpost_store::reports::get(c, job))?.ok_or("signed")?;
    let first_hash = first.signature.as_ref().map(|s| s.content_sha256.clone()).ok_or("signed")?;

    let refused = laptop.store.reopen_report(job, "", now()).err().ok_or("a correction needs its reason")?;
    assert!(refused.to_string().contains("reason for the correction"), "{refused}");
    let event = laptop.store.reopen_report(job, "工时应为 75 分钟", now())?;
    assert_eq!((event.from, event.to), (JobStatus::Signed, JobStatus::Completed));
    laptop.store.set_report_field(job, ReportField::LabourMinutes, "75", now())?;
    laptop.store.sign_report(job, "李经理", png, now())?;
    let kept = laptop.store.read(|c| outpost_store::reports::revisions(c, job))?;
    assert_eq!(kept, vec![first.clone()], "the laptop keeps the signed first revision as it was");
    let report = outpost_sync::sync_once(&laptop.store)?;
    assert_eq!(report.refused, 0, "{report:?}");

    let dispatcher = hq.dispatcher()?;
    let at_hq = hq_job(&hq, &dispatcher, job)?;
    assert_eq!((at_hq["job"]["status"].as_str(), at_hq["report"]["revision"].as_i64()), (Some("signed"), Some(2)));
    assert_eq!(at_hq["report"]["labour_minutes"], 75);
    let get = |path: String| -> Result<Value, BoxError> {
        Ok(reqwest::blocking::Client::new().get(format!("{}{path}", hq.url)).bearer_auth(&dispatcher).send()?.json()?)
    };
    let revisions = get(format!("/api/v1/jobs/{job}/revisions"))?;
    assert_eq!(revisions.as_array().map(Vec::len), Some(1), "{revisions}");
    assert_eq!(revisions[0]["signature"]["content_sha256"], first_hash.as_str());
    let old = get(format!("/api/v1/verify/{first_hash}"))?;
    assert_eq!(
        (old["valid"].as_bool(), old["revision"].as_i64(), old["superseded"].as_bool()),
        (Some(true), Some(1), Some(true)),
        "{old}"
    );
    let current = at_hq["report"]["signature"]["content_sha256"].as_str().ok_or("hash")?.to_owned();
    let new = get(format!("/api/v1/verify/{current}"))?;
    assert_eq!((new["revision"].as_i64(), new.get("superseded")), (Some(2), None), "{new}");
    let events = at_hq["events"].as_array().ok_or("events")?;
    assert!(events.iter().any(|e| e["note"] == "revision 1 reopened as 2: 工时应为 75 分钟"), "{events:?}");
    Ok(())
}

#[test]
fn a_job_reassigned_while_offline_leaves_after_its_changes_are_answered() -> TestResult {
    let dir = tempfile::tempdir()?;
    let hq = Hq::start(HQ_BIN, dir.path())?;
    let codes = hq.seed(80)?;
    let first = Laptop::enrolled(&hq, &codes[0].1)?;
    let second = Laptop::enrolled(&hq, &codes[1].1)?;
    let job = assigned_repair(&first.store)?;
    first.store.transition_job(job, JobStatus::EnRoute, MoveDetails::default(), now())?;
    first.store.set_report_field(job, ReportField::FaultCause, "油封老化", now())?;

    let dispatcher = hq.dispatcher()?;
    let other = second.store.read(device::engineer)?.ok_or("engineer")?.id;
    let moved: Value = reqwest::blocking::Client::new()
        .post(format!("{}/api/v1/jobs/{job}/assign", hq.url))
        .bearer_auth(&dispatcher)
        .json(&json!({"engineer_id": other}))
        .send()?
        .json()?;
    assert_eq!(moved["engineer_id"], other.to_text().as_str(), "{moved}");

    let report = outpost_sync::sync_once(&first.store)?;
    assert_eq!(report.refused, 2, "{report:?}");
    let refused = first.store.read(|c| outbox::rejected(c, 10))?;
    assert!(
        refused.iter().all(|m| m.rejected.as_deref().is_some_and(|r| r.contains("no longer assigned to you"))),
        "{refused:?}"
    );
    assert!(first.store.read(|c| jobs::get(c, job)).is_err(), "the job left the first laptop");
    outpost_sync::sync_once(&second.store)?;
    assert_eq!(second.store.read(|c| jobs::get(c, job))?.status, JobStatus::Assigned);
    Ok(())
}

#[test]
fn two_laptops_of_one_engineer_converge_and_the_stale_edit_goes_to_the_conflict_log() -> TestResult {
    let dir = tempfile::tempdir()?;
    let hq = Hq::start(HQ_BIN, dir.path())?;
    let codes = hq.seed(80)?;
    let again = hq.seed(80)?;
    let a = Laptop::enrolled(&hq, &codes[0].1)?;
    let second_code = &again.iter().find(|(name, _)| *name == codes[0].0).ok_or("same engineer")?.1;
    let b = Laptop::enrolled(&hq, second_code)?;
    let job = assigned_repair(&a.store)?;
    a.store.set_report_field(job, ReportField::FaultCause, "A 的判断", now())?;
    b.store.set_report_field(job, ReportField::FaultCause, "B 的判断", now())?;
    outpost_sync::sync_once(&a.store)?;
    outpost_sync::sync_once(&b.store)?;
    outpost_sync::sync_once(&a.store)?;
    let cause = |s: &Store| -> Result<Option<String>, BoxError> {
        Ok(s.read(|c| outpost_store::reports::get(c, job))?.and_then(|r| r.fault_cause))
    };
    // B's edit was made over the empty field A had filled meanwhile: HQ keeps A's, everywhere,
    // and B's is in the conflict log, never dropped silently.
    assert_eq!(cause(&a.store)?, Some("A 的判断".into()), "the first arrival at HQ is kept everywhere");
    assert_eq!(cause(&b.store)?, Some("A 的判断".into()));
    let dispatcher = hq.dispatcher()?;
    let at_hq = hq_job(&hq, &dispatcher, job)?;
    assert_eq!(at_hq["report"]["fault_cause"], "A 的判断");
    let conflicts: Value = reqwest::blocking::Client::new()
        .get(format!("{}/api/v1/conflicts?job_id={job}", hq.url))
        .bearer_auth(&dispatcher)
        .send()?
        .json()?;
    assert_eq!(conflicts[0]["field"], "fault_cause", "{conflicts}");
    assert_eq!((conflicts[0]["theirs"].as_str(), conflicts[0]["kept"].as_str()), (Some("B 的判断"), Some("A 的判断")));
    let refused = b.store.read(|c| outbox::rejected(c, 10))?;
    assert!(refused[0].rejected.as_deref().is_some_and(|r| r.contains("HQ kept 'A 的判断'")), "{refused:?}");
    Ok(())
}

#[test]
fn a_reset_hq_is_noticed_without_losing_work_or_looping() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut hq = Hq::start(HQ_BIN, dir.path())?;
    let codes = hq.seed(60)?;
    let laptop = Laptop::enrolled(&hq, &codes[0].1)?;
    let jobs_before = laptop.store.read(|c| jobs::list(c, JobFilter::All, now().date(), 100_000))?.len();

    // A cursor from another HQ database: start over once, then all is as before.
    laptop.store.write(|tx| {
        tx.execute("UPDATE device SET value = '00000000deadbeef.7.3' WHERE key = 'sync_cursor'", [])?;
        Ok(())
    })?;
    outpost_sync::sync_once(&laptop.store)?;
    assert_eq!(laptop.store.read(|c| jobs::list(c, JobFilter::All, now().date(), 100_000))?.len(), jobs_before);
    assert!(laptop.store.read(downloads::applied_cursor)?.split('.').next() != Some("00000000deadbeef"));

    // HQ loses its database: the laptop is told to enroll again and keeps its work.
    let job = assigned_repair(&laptop.store)?;
    laptop.store.set_report_field(job, ReportField::FaultCause, "轴承磨损", now())?;
    hq.kill9()?;
    std::fs::remove_dir_all(dir.path())?;
    hq.restart()?;
    match outpost_sync::sync_once(&laptop.store) {
        Err(SyncError::NotEnrolled(_)) => {}
        other => return Err(format!("expected 'enroll again', got {other:?}").into()),
    }
    assert_eq!(laptop.pending()?, 1, "the change is kept");
    Ok(())
}

#[test]
fn hq_killed_mid_batch_loses_and_doubles_nothing() -> TestResult {
    let dir = tempfile::tempdir()?;
    for storage in Storage::all(dir.path())? {
        hq_killed_mid_batch_loses_and_doubles_nothing_on(storage)?;
    }
    Ok(())
}

fn hq_killed_mid_batch_loses_and_doubles_nothing_on(storage: Storage) -> TestResult {
    let kills = env_or("HQ_KILLS", 50);
    let mut hq = Hq::start_on(HQ_BIN, storage)?;
    let codes = hq.seed(60)?;
    let laptop = Laptop::enrolled(&hq, &codes[0].1)?;
    let job = assigned_repair(&laptop.store)?;
    let mut rng = outpost_demo::Rng::new(kills);
    let mut written = 0u64;
    for round in 0..kills {
        for i in 0..40 {
            laptop.store.set_report_field(job, ReportField::Solution, &format!("第{round}轮 第{i}次"), now())?;
            written += 1;
        }
        let store = laptop.store.clone();
        let syncing = std::thread::spawn(move || outpost_sync::sync_once(&store));
        std::thread::sleep(Duration::from_millis(rng.range(0, 25).unsigned_abs()));
        hq.kill9()?;
        let _ = syncing.join().map_err(|_| "sync thread panicked")?;
        hq.restart()?;
    }
    outpost_sync::sync_once(&laptop.store)?;
    assert_eq!(laptop.pending()?, 0, "the outbox drains once HQ stays up");
    hq.assert_each_change_once(written as i64, kills)?; // the kill count seeds this test
    let last = laptop.store.read(|c| outpost_store::reports::get(c, job))?.and_then(|r| r.solution);
    let at_hq = hq_job(&hq, &hq.dispatcher()?, job)?;
    assert_eq!(at_hq["report"]["solution"].as_str(), last.as_deref(), "laptop and HQ agree");
    Ok(())
}

/// `SYNC_ROUNDS` (default 1000) rounds of edits and syncs through the fault proxy, then the
/// faults stop: every change reaches HQ exactly once and laptop and HQ agree. `SYNC_SEED`
/// replays a run; a failure prints its seed.
#[test]
fn a_thousand_rounds_through_a_faulty_network_lose_and_double_nothing() -> TestResult {
    let dir = tempfile::tempdir()?;
    for storage in Storage::all(dir.path())? {
        a_thousand_rounds_through_a_faulty_network_lose_and_double_nothing_on(storage)?;
    }
    Ok(())
}

fn a_thousand_rounds_through_a_faulty_network_lose_and_double_nothing_on(storage: Storage) -> TestResult {
    let (rounds, seed) = (env_or("SYNC_ROUNDS", 1000), seed());
    eprintln!("fault proxy: {rounds} rounds, SYNC_SEED={seed}");
    let hq = Hq::start_on(HQ_BIN, storage)?;
    let codes = hq.seed(60)?;
    let laptop = Laptop::enrolled(&hq, &codes[0].1)?;
    let proxy = outpost_tests::proxy::FaultProxy::start(hq.url.trim_start_matches("http://").to_owned(), seed, 35)?;
    laptop.store.write(|tx| {
        tx.execute("UPDATE device SET value = ?1 WHERE key = 'hq_url'", [&proxy.url])?;
        Ok(())
    })?;
    let job = assigned_repair(&laptop.store)?;
    let mut rng = outpost_demo::Rng::new(seed);
    let (mut written, mut failed_rounds) = (0i64, 0u64);
    for round in 0..rounds {
        for i in 0..rng.range(1, 3) {
            laptop.store.set_report_field(job, ReportField::FaultCause, &format!("第{round}轮 {i}"), now())?;
            written += 1;
        }
        if outpost_sync::sync_once(&laptop.store).is_err() {
            failed_rounds += 1;
        }
    }
    proxy.calm();
    let mut tries = 0;
    while outpost_sync::sync_once(&laptop.store).is_err() || laptop.pending()? > 0 {
        tries += 1;
        assert!(tries < 5, "the outbox does not drain after the faults stop (seed {seed})");
    }
    hq.assert_each_change_once(written, seed)?;
    let local = laptop.store.read(|c| outpost_store::reports::get(c, job))?.and_then(|r| r.fault_cause);
    let at_hq = hq_job(&hq, &hq.dispatcher()?, job)?;
    assert_eq!(at_hq["report"]["fault_cause"].as_str(), local.as_deref(), "laptop and HQ agree (seed {seed})");
    let counts = proxy.counts.lock().map_err(|_| "counts")?.clone();
    eprintln!(
        "fault proxy: {written} changes, {} requests, {failed_rounds} of {rounds} rounds failed, faults {counts:?}",
        proxy.requests.load(std::sync::atomic::Ordering::SeqCst)
    );
    assert!(failed_rounds > rounds / 10, "the proxy injected too few faults to mean anything");
    Ok(())
}

/// The laptop killed with SIGKILL at `LAPTOP_KILLS` (default 200) random moments of upload,
/// download and apply while HQ keeps changing its jobs: after a clean sync, nothing is lost or
/// doubled, nothing is stuck, and the file passes SQLite's integrity check.
#[test]
fn a_laptop_killed_during_sync_resumes_without_loss_doubling_or_stuck_state() -> TestResult {
    let dir = tempfile::tempdir()?;
    for storage in Storage::all(dir.path())? {
        a_laptop_killed_during_sync_resumes_without_loss_doubling_or_stuck_state_on(storage)?;
    }
    Ok(())
}

fn a_laptop_killed_during_sync_resumes_without_loss_doubling_or_stuck_state_on(storage: Storage) -> TestResult {
    let (kills, seed) = (env_or("LAPTOP_KILLS", 200), seed());
    eprintln!("laptop kill -9: {kills} kills, SYNC_SEED={seed}");
    let hq = Hq::start_on(HQ_BIN, storage)?;
    let codes = hq.seed(400)?;
    let dispatcher = hq.dispatcher()?;
    let laptop_dir = tempfile::tempdir()?;
    let job = {
        let store = Store::open(laptop_dir.path())?;
        outpost_sync::enroll(&store, &hq.url, &codes[0].1, "killed laptop")?;
        outpost_sync::sync_once(&store)?;
        let job = assigned_repair(&store)?;
        // Start over: the big first download happens under the kills too.
        store.write(downloads::start_over)?;
        job
    };
    let engineer_jobs: Value = reqwest::blocking::Client::new()
        .get(format!(
            "{}/api/v1/jobs?engineer_id={}&status=assigned",
            hq.url,
            hq_job(&hq, &dispatcher, job)?["job"]["engineer_id"].as_str().ok_or("engineer")?
        ))
        .bearer_auth(&dispatcher)
        .send()?
        .json()?;
    let others: Vec<String> = engineer_jobs
        .as_array()
        .ok_or("jobs")?
        .iter()
        .filter_map(|j| j["id"].as_str().map(str::to_owned))
        .filter(|id| *id != job.to_text())
        .collect();
    let http = reqwest::blocking::Client::new();
    let mut rng = outpost_demo::Rng::new(seed);
    let mut written = 0i64;
    for kill in 0..kills {
        {
            let store = Store::open(laptop_dir.path())?;
            for i in 0..rng.range(0, 4) {
                store.set_report_field(job, ReportField::Solution, &format!("第{kill}次 {i}"), now())?;
                written += 1;
            }
        }
        if kill % 5 == 0 && !others.is_empty() {
            let other = &others[(kill as usize / 5) % others.len()];
            let reschedule = json!({"reported_fault": format!("改期 {kill}"), "scheduled_on": "2026-11-30"});
            http.put(format!("{}/api/v1/jobs/{other}", hq.url)).bearer_auth(&dispatcher).json(&reschedule).send()?;
        }
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_laptop-sync")).arg(laptop_dir.path()).spawn()?;
        std::thread::sleep(Duration::from_millis(rng.range(2, 60).unsigned_abs()));
        child.kill()?;
        child.wait()?;
    }
    let store = Store::open(laptop_dir.path())?;
    let integrity: String = store.read(|c| Ok(c.query_row("PRAGMA integrity_check", [], |r| r.get(0))?))?;
    assert_eq!(integrity, "ok", "seed {seed}");
    outpost_sync::sync_once(&store)?;
    assert_eq!(store.read(outbox::pending_count)?, 0, "nothing stuck (seed {seed})");
    assert!(store.read(downloads::staged)?.is_empty(), "no half download left (seed {seed})");

    hq.assert_each_change_once(written, seed)?;
    let local = store.read(|c| outpost_store::reports::get(c, job))?.and_then(|r| r.solution);
    assert_eq!(hq_job(&hq, &dispatcher, job)?["report"]["solution"].as_str(), local.as_deref(), "seed {seed}");
    for other in others.iter().take(20) {
        let id: JobId = other.parse()?;
        let fault = store.read(|c| jobs::get(c, id))?.reported_fault;
        assert_eq!(
            hq_job(&hq, &dispatcher, id)?["job"]["reported_fault"].as_str(),
            Some(fault.as_str()),
            "HQ's changes all arrived (seed {seed})"
        );
    }
    eprintln!("laptop kill -9: {kills} kills, {written} changes, all on HQ once");
    Ok(())
}

/// The background loop: online after its first cycle, wakes at once on "sync now", shows
/// offline (with the reason and the changes still waiting) when HQ dies, and comes back online
/// by itself when HQ returns, showing the changes going out batch by batch.
#[test]
fn the_background_loop_follows_hq_and_wakes_on_demand() -> TestResult {
    use outpost_sync::engine::PUSH_BATCH;
    use outpost_sync::watch::{SyncLoop, SyncProgress, SyncState, SyncStatus};
    let dir = tempfile::tempdir()?;
    let mut hq = Hq::start(HQ_BIN, dir.path())?;
    let codes = hq.seed(40)?;
    let laptop = Laptop::enrolled(&hq, &codes[0].1)?;
    let (sender, statuses) = std::sync::mpsc::channel::<SyncStatus>();
    let sync = SyncLoop::start(laptop.store.clone(), move |s| {
        let _ = sender.send(s.clone());
    });
    // Every status up to the first that passes `ok`.
    let statuses_until = |what: &str, ok: &dyn Fn(&SyncStatus) -> bool| -> Result<Vec<SyncStatus>, BoxError> {
        let deadline = std::time::Instant::now() + Duration::from_secs(20);
        let mut seen = Vec::new();
        loop {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            let s = statuses.recv_timeout(left).map_err(|_| format!("no status '{what}' within 20 s"))?;
            let done = ok(&s);
            seen.push(s);
            if done {
                return Ok(seen);
            }
        }
    };
    let wait_for = |what: &str, ok: &dyn Fn(&SyncStatus) -> bool| -> Result<SyncStatus, BoxError> {
        Ok(statuses_until(what, ok)?.pop().ok_or("no status")?)
    };
    wait_for("online", &|s| s.state == SyncState::Online)?;

    let job = assigned_repair(&laptop.store)?;
    laptop.store.set_report_field(job, ReportField::FaultCause, "在线保存", now())?;
    let started = std::time::Instant::now();
    sync.sync_now();
    wait_for("sent", &|s| s.state == SyncState::Online && s.pending == 0)?;
    assert!(started.elapsed() < Duration::from_secs(5), "'sync now' does not wait for the idle timer");

    hq.kill9()?;
    let offline_changes = 2 * PUSH_BATCH as u64 + 200;
    for i in (0..offline_changes).rev() {
        let cause = if i == 0 { "离线保存".to_owned() } else { format!("离线草稿 {i}") };
        laptop.store.set_report_field(job, ReportField::FaultCause, &cause, now())?;
    }
    sync.sync_now();
    let offline = wait_for("offline", &|s| s.state == SyncState::Offline)?;
    assert_eq!(offline.pending, offline_changes);
    assert!(
        offline.last_error.as_ref().is_some_and(|e| e.en.contains("not reachable") && e.zh.contains("无法连接总部")),
        "{offline:?}"
    );
    assert!(offline.next_attempt_in.is_some() && offline.progress.is_none());

    hq.restart()?;
    sync.sync_now();
    let seen = statuses_until("back online", &|s| s.state == SyncState::Online && s.pending == 0)?;
    let back = seen.last().ok_or("no status")?;
    assert!(back.last_success.is_some() && back.progress.is_none());
    let mut sent: Vec<u64> =
        seen.iter().filter_map(|s| s.progress.filter(|p| p.to_send == offline_changes).map(|p| p.sent)).collect();
    sent.dedup(); // a cycle that met HQ still starting shows 0 again; pages received repeat the total
    let batch = PUSH_BATCH as u64;
    assert_eq!(sent, [0, batch, 2 * batch, offline_changes], "sent, batch by batch, of {offline_changes}");
    let last: SyncProgress = seen.iter().rev().find_map(|s| s.progress).ok_or("progress shown")?;
    assert!(last.received > 0, "the download is counted too: {last:?}");
    assert_eq!(sync.status().state, SyncState::Online);
    drop(sync);
    let cause = hq_job(&hq, &hq.dispatcher()?, job)?["report"]["fault_cause"].clone();
    assert_eq!(cause, "离线保存");
    Ok(())
}
