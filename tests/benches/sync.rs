//! Sync benchmark (prints figures; asserts nothing): through a real HQ process on loopback,
//! durable SQLite on both ends. Budgets (issue #4): push 10,000 mutations ≤ 220 ms, pull
//! 10,000 jobs ≤ 220 ms, an idle round one request under 1 KB.

use std::time::Instant;

use outpost_domain::ids::{CustomerId, EngineerId, JobId, SiteId};
use outpost_domain::job::JobType;
use outpost_domain::report::ReportField;
use outpost_hq::db::Db;
use outpost_hq::{dispatch, enroll};
use outpost_store::Store;
use outpost_store::jobs::{self, JobFilter};
use outpost_tests::harness::{BoxError, Hq};
use outpost_wire::dispatch::{CustomerInput, JobInput, SiteInput};
use time::OffsetDateTime;
use uuid::Uuid;

const JOBS: usize = 10_000;
const MUTATIONS: usize = 10_000;

fn main() -> Result<(), BoxError> {
    let hq_dir = tempfile::tempdir()?;
    let now = OffsetDateTime::now_utc();
    let code = {
        let db = Db::open_sqlite(hq_dir.path())?;
        db.tx_blocking(|tx| {
            let customer = dispatch::save_customer(
                tx,
                CustomerId(Uuid::now_v7()),
                &CustomerInput {
                    name: "基准客户".into(),
                    language: Default::default(),
                    contacts: vec![],
                    id: None,
                    notes: None,
                },
            )?;
            let site = dispatch::save_site(
                tx,
                SiteId(Uuid::now_v7()),
                &SiteInput {
                    customer_id: customer.id,
                    name: "一厂".into(),
                    address: "基准路1号".into(),
                    directions: String::new(),
                },
            )?;
            let engineer = enroll::add_engineer(tx, EngineerId(Uuid::now_v7()), "王建国", now)?;
            for i in 0..JOBS {
                let input = JobInput {
                    job_type: JobType::Repair,
                    site_id: site.id,
                    equipment_id: None,
                    engineer_id: Some(engineer),
                    reported_fault: format!("运行中有异响 #{i}"),
                    reported_at: None,
                    scheduled_on: now.date(),
                    window_from: None,
                    window_until: None,
                    severity: Default::default(),
                    previous_visit: None,
                };
                dispatch::create_job(tx, JobId(Uuid::now_v7()), &input, "bench", now)?;
            }
            enroll::new_code(tx, engineer, now)
        })?
    };
    let hq = Hq::start(env!("CARGO_BIN_EXE_hq-under-test"), hq_dir.path())?;
    let laptop = tempfile::tempdir()?;
    let store = Store::open(laptop.path())?;
    outpost_sync::enroll(&store, &hq.url, &code, "bench laptop")?;

    let t = Instant::now();
    let pulled = outpost_sync::engine::download(&store)?;
    let ms = t.elapsed().as_secs_f64() * 1000.0;
    let held = store.read(|c| jobs::list(c, JobFilter::All, now.date(), 100_000))?;
    println!(
        "pull {JOBS} jobs: {ms:.0} ms, {:.1} MB received in {} requests ({} records; budget ≤ 220 ms)",
        pulled.traffic.received as f64 / 1e6,
        pulled.requests,
        pulled.pulled
    );
    assert_eq!(held.len(), JOBS);

    // The downloaded jobs are indexed for search in the background; let that finish first.
    let t = Instant::now();
    while store.read(|c| Ok(c.query_row("SELECT count(*) FROM search_queue", [], |r| r.get::<_, i64>(0))?))? > 0 {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    println!(
        "  (search index of the {JOBS} jobs built in the background in {:.0} ms)",
        t.elapsed().as_secs_f64() * 1000.0
    );

    let targets: Vec<JobId> = held.iter().take(100).map(|j| j.id).collect();
    for i in 0..MUTATIONS {
        store.set_report_field(
            targets[i % targets.len()],
            ReportField::FaultCause,
            &format!("轴承磨损，第{i}次记录"),
            now,
        )?;
    }
    let t = Instant::now();
    let pushed = outpost_sync::engine::upload(&store)?;
    let ms = t.elapsed().as_secs_f64() * 1000.0;
    println!(
        "push {MUTATIONS} mutations: {ms:.0} ms, {:.1} MB sent, {:.1} MB received in {} requests (budget ≤ 220 ms)",
        pushed.traffic.sent as f64 / 1e6,
        pushed.traffic.received as f64 / 1e6,
        pushed.requests
    );
    outpost_sync::sync_once(&store)?;

    let t = Instant::now();
    let idle = outpost_sync::sync_once(&store)?;
    println!(
        "idle round: {:.1} ms, {} request(s), {} bytes sent, {} bytes received (budget: one request under 1 KB)",
        t.elapsed().as_secs_f64() * 1000.0,
        idle.requests,
        idle.traffic.sent,
        idle.traffic.received
    );
    Ok(())
}
