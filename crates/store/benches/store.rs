//! Store benchmarks at 100k jobs with reports (prints figures; asserts nothing).
//! Budgets (issue #2): search p95 < 10 ms, field save p99 < 1 ms with WAL, list today < 5 ms.

use std::fs::OpenOptions;
use std::io::Write;
use std::time::{Duration, Instant};

use outpost_demo::{DemoConfig, generate};
use outpost_domain::job::JobStatus;
use outpost_domain::report::ReportField;
use outpost_store::jobs::{self, JobFilter};
use outpost_store::{Store, search};
use time::OffsetDateTime;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let jobs: usize = std::env::var("BENCH_JOBS").ok().and_then(|v| v.parse().ok()).unwrap_or(100_000);
    let dir = tempfile::tempdir()?;
    let now = OffsetDateTime::now_utc();
    let cfg = DemoConfig::new(42, jobs, now);
    let today = now.to_offset(cfg.utc_offset).date();

    let t = Instant::now();
    let data = generate(&cfg);
    let generated = t.elapsed();
    let store = Store::open(dir.path())?;
    let t = Instant::now();
    outpost_store::demo::load(&store, &data)?;
    println!(
        "setup: {jobs} jobs generated in {:.1} s, loaded in {:.1} s",
        generated.as_secs_f64(),
        t.elapsed().as_secs_f64()
    );
    drop(store);
    let size = std::fs::metadata(dir.path().join(outpost_store::DB_FILE))?.len();
    println!("database size: {:.1} MB", size as f64 / 1e6);

    // Open the database and list today's jobs (what the app does at start).
    let mut opens = Vec::new();
    for _ in 0..20 {
        let t = Instant::now();
        let store = Store::open(dir.path())?;
        let list = store.read(|c| jobs::list(c, JobFilter::Today, today, 200))?;
        opens.push(t.elapsed());
        assert!(!list.is_empty());
    }
    report("open + list today", &mut opens, "budget < 5 ms for the list");

    let store = Store::open(dir.path())?;
    let mut lists = Vec::new();
    for _ in 0..500 {
        let t = Instant::now();
        let list = store.read(|c| jobs::list(c, JobFilter::Today, today, 200))?;
        lists.push(t.elapsed());
        std::hint::black_box(list);
    }
    report("list today", &mut lists, "budget < 5 ms");

    let queries = [
        "压缩机",
        "空压",
        "济南",
        "恒丰",
        "风扇电机",
        "排气温度",
        "Greenfield",
        "dairy",
        "compressor",
        "HL37A",
        "J",
        "王",
        "轴承",
        "Riverside Mills",
        "E05",
        "TMR",
        "noise",
        "青岛 注塑",
    ];
    let mut searches = Vec::new();
    let mut hits = 0;
    for round in 0..30 {
        for q in queries {
            let t = Instant::now();
            let found = store.read(|c| search::search(c, q, 50))?;
            searches.push(t.elapsed());
            if round == 0 {
                hits += found.len();
            }
        }
    }
    report("search (50 best hits)", &mut searches, "budget p95 < 10 ms");
    println!("  ({} queries, {hits} hits in the first round)", queries.len());

    let open_jobs: Vec<_> = data
        .jobs
        .iter()
        .filter(|j| {
            matches!(
                j.job.status,
                JobStatus::Assigned
                    | JobStatus::EnRoute
                    | JobStatus::OnSite
                    | JobStatus::Completed
                    | JobStatus::Unresolved
            )
        })
        .filter(|j| j.report.as_ref().is_none_or(|r| !r.is_signed()))
        .map(|j| j.job.id)
        .take(200)
        .collect();
    let mut saves = Vec::new();
    for i in 0..2_000 {
        let job = open_jobs[i % open_jobs.len()];
        let value = format!("冷却风扇电机烧毁 第{i}次修改");
        let t = Instant::now();
        store.set_report_field(job, ReportField::FaultCause, &value, OffsetDateTime::now_utc())?;
        saves.push(t.elapsed());
    }
    report("save one report field (WAL, synchronous=FULL, with outbox row)", &mut saves, "budget p99 < 1 ms");

    let mut syncs = Vec::new();
    let path = dir.path().join("fsync-probe");
    let mut file = OpenOptions::new().create(true).write(true).truncate(true).open(&path)?;
    for _ in 0..200 {
        let t = Instant::now();
        file.write_all(&[7u8; 4096])?;
        file.sync_data()?;
        syncs.push(t.elapsed());
    }
    report("fsync of a 4 KB append on this disk", &mut syncs, "what one durable commit costs at least");
    Ok(())
}

fn report(what: &str, samples: &mut [Duration], budget: &str) {
    samples.sort();
    let at = |p: f64| samples[((samples.len() as f64 - 1.0) * p).round() as usize];
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{what}: p50 {:.3} ms, p95 {:.3} ms, p99 {:.3} ms, max {:.3} ms (n = {}; {budget})",
        ms(at(0.50)),
        ms(at(0.95)),
        ms(at(0.99)),
        ms(at(1.0)),
        samples.len()
    );
}
