//! Days offline: 10,000 queued changes and 50 MB of files drain in one sync, in bounded memory
//! (files go one at a time, changes 500 at a time). Its own test binary, so the peak memory
//! read from /proc is this test's alone.

use outpost_domain::job::JobStatus;
use outpost_domain::report::ReportField;
use outpost_store::jobs::{self, JobFilter};
use outpost_store::{blobs, outbox};
use outpost_tests::harness::{BoxError, Hq, Laptop};
use time::OffsetDateTime;

fn peak_rss_kb() -> Result<u64, BoxError> {
    let status = std::fs::read_to_string("/proc/self/status")?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:")).ok_or("no VmHWM")?;
    Ok(line.split_whitespace().nth(1).ok_or("VmHWM value")?.parse()?)
}

#[test]
fn ten_thousand_changes_and_fifty_megabytes_drain_in_bounded_memory() -> Result<(), BoxError> {
    let dir = tempfile::tempdir()?;
    let hq = Hq::start(env!("CARGO_BIN_EXE_hq-under-test"), dir.path())?;
    let codes = hq.seed(200)?;
    let laptop = Laptop::enrolled(&hq, &codes[0].1)?;
    let now = OffsetDateTime::now_utc();
    let open: Vec<_> = laptop
        .store
        .read(|c| jobs::list(c, JobFilter::All, now.date(), 100_000))?
        .into_iter()
        .filter(|j| j.status == JobStatus::Assigned)
        .map(|j| j.id)
        .collect();
    assert!(open.len() >= 5);
    for i in 0..10_000 {
        let job = open[i % open.len()];
        laptop.store.set_report_field(
            job,
            ReportField::Solution,
            &format!("第{i}次保存：更换油封，清洗散热器"),
            now,
        )?;
    }
    let mut noise = outpost_demo::Rng::new(7);
    for _ in 0..50 {
        let photo: Vec<u8> = (0..1024 * 1024 / 8).flat_map(|_| noise.next_u64().to_le_bytes()).collect();
        let sha = blobs::write_file(laptop.store.path(), &photo)?;
        laptop.store.write(|tx| blobs::record(tx, &sha, photo.len(), "image/jpeg", now))?;
    }
    assert_eq!(laptop.pending()?, 10_000);
    let before = peak_rss_kb()?;
    let started = std::time::Instant::now();
    let report = outpost_sync::sync_once(&laptop.store)?;
    let growth_mb = (peak_rss_kb()?.saturating_sub(before)) as f64 / 1024.0;
    eprintln!(
        "days offline: {} changes and {} files ({} MB) sent in {:.1} s; peak memory grew {growth_mb:.1} MB",
        report.pushed,
        report.files,
        report.traffic.sent / 1_000_000,
        started.elapsed().as_secs_f64()
    );
    assert_eq!((report.pushed, report.files), (10_000, 50));
    assert_eq!(laptop.pending()?, 0);
    assert_eq!(laptop.store.read(|c| blobs::queued(c, 10))?.len(), 0);
    assert!(growth_mb < 40.0, "draining 50 MB of files must not hold them all in memory: grew {growth_mb:.1} MB");
    assert!(laptop.store.read(|c| outbox::rejected(c, 10))?.is_empty());
    Ok(())
}
