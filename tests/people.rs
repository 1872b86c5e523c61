//! What people do with data folders: restore one from a backup, copy one to a second laptop,
//! damage or delete a file in it. Against a real HQ process: every change a folder saved and
//! then synced reaches HQ, once, and a bad file never holds the rest back.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;
use std::sync::Arc;

use outpost_domain::ids::JobId;
use outpost_domain::report::ReportField;
use outpost_store::Store;
use outpost_tests::harness::{BoxError, FIELDS, Hq, Laptop, Storage, editable_jobs, env_or, repair, seed};
use time::OffsetDateTime;

type TestResult = Result<(), BoxError>;

const HQ_BIN: &str = env!("CARGO_BIN_EXE_hq-under-test");

/// A data folder at work: its store and the values it saved (each value is one change).
struct Folder {
    dir: tempfile::TempDir,
    store: Arc<Store>,
    saved: Vec<String>,
}

impl Folder {
    /// A copy of this folder's files, as a backup tool or a USB stick would make it.
    fn copy(&self) -> Result<Folder, BoxError> {
        let dir = tempfile::tempdir()?;
        copy_dir(self.dir.path(), dir.path())?;
        let store = Arc::new(Store::open(dir.path())?);
        Ok(Folder { dir, store, saved: self.saved.clone() })
    }

    fn save(&mut self, job: JobId, field: ReportField, value: String) -> Result<(), BoxError> {
        self.store.set_report_field(job, field, &value, OffsetDateTime::now_utc())?;
        self.saved.push(value);
        Ok(())
    }
}

fn copy_dir(from: &Path, to: &Path) -> Result<(), BoxError> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), target)?;
        }
    }
    Ok(())
}

/// How many times each value reached HQ: applied, or kept in the conflict log because it was
/// made over a value another folder had changed meanwhile.
fn arrived_at_hq(hq: &Hq) -> Result<BTreeMap<String, i64>, BoxError> {
    let db = hq.db()?;
    let (applied, conflicts) = db.tx_blocking(|tx| {
        let applied =
            tx.query("SELECT new_value FROM audit_log WHERE outcome = 'applied' AND kind = 'report_field_set'", &[])?;
        Ok((applied, tx.query("SELECT theirs FROM report_conflicts", &[])?))
    })?;
    let mut arrived = BTreeMap::new();
    for value in applied.iter().map(|r| r.text(0)).chain(conflicts.iter().map(|r| r.json::<String>(0))) {
        *arrived.entry(value?).or_insert(0) += 1;
    }
    Ok(arrived)
}

#[test]
fn a_folder_restored_from_a_backup_at_random_points_loses_and_doubles_nothing() -> TestResult {
    let dir = tempfile::tempdir()?;
    for storage in Storage::all(dir.path())? {
        a_folder_restored_from_a_backup_at_random_points_loses_and_doubles_nothing_on(storage)?;
    }
    Ok(())
}

fn a_folder_restored_from_a_backup_at_random_points_loses_and_doubles_nothing_on(storage: Storage) -> TestResult {
    let seed = seed();
    let restores = env_or("RESTORES", 50);
    let hq = Hq::start_on(HQ_BIN, storage)?;
    let codes = hq.seed(200)?;
    let first = Laptop::enrolled(&hq, &codes[0].1)?;
    let jobs = editable_jobs(&first.store)?;
    let mut folder = Folder { dir: first.dir, store: first.store, saved: Vec::new() };
    // Values that reached HQ from a folder (or still can, from the live one): HQ must hold each once.
    let mut delivered: Vec<String> = Vec::new();
    let mut rng = outpost_demo::Rng::new(seed);
    let mut backup: Option<Folder> = None;
    let mut counter = 0;
    let mut renumbered = 0;
    for round in 0..restores * 3 {
        for _ in 0..rng.range(1, 4) {
            counter += 1;
            folder.save(*rng.pick(&jobs), *rng.pick(&FIELDS), format!("值-{counter}"))?;
        }
        if rng.chance(60) {
            let report = outpost_sync::sync_once(&folder.store)?;
            renumbered += report.renumbered;
            let refused = folder.store.read(|c| outpost_store::outbox::rejected(c, 1000))?;
            assert!(
                refused.iter().all(|m| m.rejected.as_deref().is_some_and(|r| r.contains("conflict log"))),
                "seed {seed}: only stale edits are refused, into the conflict log: {refused:?}"
            );
            delivered.append(&mut folder.saved);
        }
        if backup.is_none() || rng.chance(40) {
            backup = Some(folder.copy()?);
        }
        if round % 3 == 2 {
            // The laptop's folder is lost; the last backup (perhaps put back before) is put back
            // again and work goes on.
            folder = backup.as_ref().ok_or("a backup")?.copy()?;
        }
    }
    let report = outpost_sync::sync_once(&folder.store)?;
    renumbered += report.renumbered;
    delivered.append(&mut folder.saved);
    assert_eq!(folder.store.read(outpost_store::outbox::pending_count)?, 0, "seed {seed}");

    let at_hq = arrived_at_hq(&hq)?;
    for value in &delivered {
        assert_eq!(at_hq.get(value), Some(&1), "seed {seed}: {value} reached HQ once (applied or in the conflict log)");
    }
    let doubled: Vec<_> = at_hq.iter().filter(|(_, n)| **n > 1).collect();
    assert!(doubled.is_empty(), "seed {seed}: arrived twice: {doubled:?}");
    assert!(renumbered > 0, "seed {seed}: some restore made other changes under seen numbers");
    eprintln!(
        "{restores} restores, {counter} changes, {} delivered, {renumbered} renumbered (seed {seed})",
        delivered.len()
    );
    Ok(())
}

#[test]
fn two_folders_copied_from_one_both_working_both_arrive() -> TestResult {
    let dir = tempfile::tempdir()?;
    let hq = Hq::start(HQ_BIN, dir.path())?;
    let codes = hq.seed(200)?;
    let first = Laptop::enrolled(&hq, &codes[0].1)?;
    let jobs = editable_jobs(&first.store)?;
    let mut a = Folder { dir: first.dir, store: first.store, saved: Vec::new() };
    a.save(jobs[0], ReportField::FaultCause, "复制前".into())?;
    let mut b = a.copy()?;
    for i in 0..20 {
        a.save(jobs[1], ReportField::Solution, format!("A-{i}"))?;
        b.save(jobs[2], ReportField::Solution, format!("B-{i}"))?;
    }
    let ra = outpost_sync::sync_once(&a.store)?;
    let rb = outpost_sync::sync_once(&b.store)?;
    assert_eq!((ra.renumbered, rb.renumbered), (0, 20), "the second copy to arrive renumbers its own 20: {rb:?}");
    a.save(jobs[1], ReportField::Solution, "A-after".into())?;
    b.save(jobs[2], ReportField::Solution, "B-after".into())?;
    outpost_sync::sync_once(&a.store)?;
    outpost_sync::sync_once(&b.store)?;
    outpost_sync::sync_once(&a.store)?;
    let at_hq = arrived_at_hq(&hq)?;
    for value in a.saved.iter().chain(&b.saved) {
        assert_eq!(at_hq.get(value), Some(&1), "{value} reached HQ once: {at_hq:?}");
    }
    let solution = |s: &Store, job| -> Result<Option<String>, BoxError> {
        Ok(s.read(|c| outpost_store::reports::get(c, job))?.and_then(|r| r.solution))
    };
    assert_eq!(solution(&a.store, jobs[2])?, Some("B-after".into()), "each sees the other's work");
    assert_eq!(solution(&b.store, jobs[1])?, Some("A-after".into()));
    Ok(())
}

#[test]
fn damaged_or_missing_files_are_set_aside_and_never_block_the_queue() -> TestResult {
    let seed = seed();
    let dir = tempfile::tempdir()?;
    let hq = Hq::start(HQ_BIN, dir.path())?;
    let codes = hq.seed(400)?;
    let laptop = Laptop::enrolled(&hq, &codes[0].1)?;
    let proxy = outpost_tests::proxy::FaultProxy::start(hq.url.trim_start_matches("http://").to_owned(), seed, 30)?;
    laptop.store.write(|tx| {
        tx.execute("UPDATE device SET value = ?1 WHERE key = 'hq_url'", [&proxy.url])?;
        Ok(())
    })?;
    let all = laptop.store.read(|c| {
        outpost_store::jobs::list(c, outpost_store::jobs::JobFilter::All, OffsetDateTime::now_utc().date(), 100_000)
    })?;
    let repairs: Vec<_> = all
        .iter()
        .filter(|j| {
            j.status == outpost_domain::job::JobStatus::Assigned && j.job_type == outpost_domain::job::JobType::Repair
        })
        .take(8)
        .collect();
    assert!(repairs.len() >= 4, "enough repairs in the demo data");
    let other = all
        .iter()
        .find(|j| j.status == outpost_domain::job::JobStatus::Assigned && !repairs.iter().any(|r| r.id == j.id))
        .ok_or("another job")?
        .id;
    let mut rng = outpost_demo::Rng::new(seed);
    let mut spoiled = BTreeMap::new();
    for (i, job) in repairs.iter().enumerate() {
        let png = [b"\x89PNG\r\n\x1a\n".as_slice(), format!("strokes of customer {i}").as_bytes()].concat();
        repair(&laptop.store, job.id, &png)?;
        let file = outpost_store::blobs::dir(laptop.store.path()).join(outpost_domain::signature::sha256_hex(&png));
        // Some signatures are spoiled on disk before they could be sent: one byte more, or gone.
        if i < 2 || rng.chance(40) {
            if rng.chance(50) {
                std::fs::OpenOptions::new().append(true).open(&file)?.write_all(b"!")?;
                spoiled.insert(job.number.clone(), "damaged");
            } else {
                std::fs::remove_file(&file)?;
                spoiled.insert(job.number.clone(), "missing");
            }
        }
    }
    let mut written = i64::try_from(laptop.pending()?)?;
    let mut failed_rounds = 0;
    for round in 0..30 {
        laptop.store.set_report_field(
            other,
            ReportField::FaultCause,
            &format!("第{round}轮"),
            OffsetDateTime::now_utc(),
        )?;
        written += 1;
        failed_rounds += u64::from(outpost_sync::sync_once(&laptop.store).is_err());
    }
    proxy.calm();
    outpost_sync::sync_once(&laptop.store)?;
    assert_eq!(laptop.pending()?, 0, "seed {seed}: every change went up");
    hq.assert_each_change_once(written, seed)?;
    let set_aside = laptop.store.read(outpost_store::blobs::set_aside_files)?;
    assert_eq!(set_aside.len(), spoiled.len(), "seed {seed}: {set_aside:?}");
    for file in &set_aside {
        let number = file.job_number.clone().ok_or("a job")?;
        let problem = spoiled.get(&number).ok_or("a spoiled job")?;
        assert_eq!(
            file.message(),
            format!("the signature image of job {number} is {problem} on this laptop: ask the customer to sign again")
        );
    }
    for job in &repairs {
        let needs = laptop.store.read(|c| outpost_store::blobs::needs_new_signature(c, job.id))?;
        assert_eq!(needs, spoiled.contains_key(&job.number), "seed {seed}: {}", job.number);
    }
    let db = hq.db()?;
    let waiting =
        db.tx_blocking(|tx| tx.query_opt("SELECT count(*) FROM reports WHERE waiting_for IS NOT NULL", &[]))?;
    let waiting = waiting.ok_or("a count")?.int(0)?;
    assert_eq!(waiting, i64::try_from(spoiled.len())?, "seed {seed}: HQ waits only for the images that were lost");
    eprintln!(
        "{} of {} signature files spoiled, {written} changes, {failed_rounds} of 30 rounds failed (seed {seed})",
        spoiled.len(),
        repairs.len()
    );
    Ok(())
}

#[test]
fn an_enrollment_whose_answer_was_lost_is_retried_and_guessing_codes_is_slowed() -> TestResult {
    let dir = tempfile::tempdir()?;
    let hq = Hq::start(HQ_BIN, dir.path())?;
    let code = hq.admin(&["engineer", "add", "--name", "王建国"])?.lines().last().ok_or("a code")?.to_owned();
    let folder = tempfile::tempdir()?;
    let store = Store::open(folder.path())?;
    // The first try reaches HQ, but its answer never reaches the laptop.
    let nonce = store.write(|tx| outpost_store::device::enrollment_nonce(tx, &code))?;
    outpost_sync::client::HqClient::new(&hq.url, None)?.enroll(&code, "ThinkPad", &nonce)?;
    let engineer = outpost_sync::enroll(&store, &hq.url, &code, "ThinkPad")?;
    assert_eq!(engineer.name, "王建国");
    outpost_sync::sync_once(&store)?;

    // A new code for the engineer; the old unused one stops working.
    let unused = hq.admin(&["engineer", "code", "--name", "王建国"])?.lines().last().ok_or("a code")?.to_owned();
    let fresh = hq.admin(&["engineer", "code", "--name", "王建国"])?.lines().last().ok_or("a code")?.to_owned();
    let other = tempfile::tempdir()?;
    let second = Store::open(other.path())?;
    assert!(outpost_sync::enroll(&second, &hq.url, &unused, "spare").is_err(), "the earlier code no longer works");

    // Ten wrong codes in a minute from one address, then even a right one waits.
    let http = reqwest::blocking::Client::new();
    let try_code = |code: &str| {
        http.post(format!("{}/api/v1/enroll", hq.url))
            .json(&serde_json::json!({"code": code, "device_name": "guess"}))
            .send()
    };
    for i in 0..9 {
        assert_eq!(try_code(&format!("WRONG-{i:04}"))?.status(), 401);
    }
    let blocked = try_code(&fresh)?;
    assert_eq!(blocked.status(), 429, "after 10 failures (one above) even a right code waits");
    let retry_after: u64 = blocked.headers().get("retry-after").ok_or("Retry-After")?.to_str()?.parse()?;
    assert!((1..=60).contains(&retry_after), "{retry_after}");
    let body: serde_json::Value = blocked.json()?;
    assert_eq!(body["code"], "too_many_attempts", "{body}");
    Ok(())
}
