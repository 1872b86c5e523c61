//! HQ load generator (prints figures; asserts nothing). N simulated engineers each enroll,
//! then for a while push a batch of mutations and pull, every second or so with jitter,
//! against a real `outpost-hq serve` on loopback. Budget (issue #3): 500 engineers at
//! p99 < 100 ms on 2 cores with 0 errors. `LOAD_SECONDS` sets the duration (default 10).
//! Then the dispatch board's data call with 500 engineers and 10,000 open jobs (budget, issue
//! 13: p99 < 100 ms), and on SQLite the time the console draws it once the data arrived
//! (headless Chromium, budget < 300 ms).

use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use outpost_demo::Rng;
use outpost_domain::change::Change;
use outpost_domain::ids::{CustomerId, EngineerId, JobId, SiteId};
use outpost_domain::job::JobType;
use outpost_domain::report::ReportField;
use outpost_hq::db::Db;
use outpost_hq::{dispatch, enroll};
use outpost_wire::dispatch::{CustomerInput, JobInput, SiteInput};
use outpost_wire::people::Role;
use serde_json::{Value, json};
use time::OffsetDateTime;
use tokio::sync::Mutex;
use uuid::Uuid;

type BoxError = Box<dyn std::error::Error + Send + Sync>;

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// N engineers, each with one job today and an enrollment code.
fn prepare(db: &Db, engineers: usize) -> Result<Vec<(String, String)>, BoxError> {
    prepare_days(db, engineers, 1)
}

/// N engineers, each with `jobs` jobs over the week from today (the first today), and an
/// enrollment code and the first job's id.
fn prepare_days(db: &Db, engineers: usize, jobs: usize) -> Result<Vec<(String, String)>, BoxError> {
    let now = OffsetDateTime::now_utc();
    Ok(db.tx_blocking(|tx| {
        let customer = dispatch::save_customer(
            tx,
            CustomerId(Uuid::now_v7()),
            &CustomerInput {
                name: "负载测试客户".into(),
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
                address: "测试路1号".into(),
                directions: String::new(),
            },
        )?;
        (0..engineers)
            .map(|i| {
                let engineer = enroll::add_engineer(tx, EngineerId(Uuid::now_v7()), &format!("工程师{i}"), now)?;
                let mut first = None;
                for j in 0..jobs {
                    let input = JobInput {
                        job_type: JobType::Repair,
                        site_id: site.id,
                        equipment_id: None,
                        engineer_id: Some(engineer),
                        reported_fault: "运行中有异响".into(),
                        reported_at: None,
                        scheduled_on: now.date() + time::Duration::days((j % 7) as i64),
                        window_from: None,
                        window_until: None,
                        severity: Default::default(),
                        previous_visit: None,
                    };
                    let job = dispatch::create_job(tx, JobId(Uuid::now_v7()), &input, "bench", now)?;
                    first.get_or_insert(job.id.to_text());
                }
                Ok((enroll::new_code(tx, engineer, now)?, first.unwrap_or_default()))
            })
            .collect::<outpost_hq::Result<Vec<_>>>()
    })?)
}

fn start(args: &[&str], port: u16) -> Result<Server, BoxError> {
    let listen = format!("127.0.0.1:{port}");
    let child = Command::new(env!("CARGO_BIN_EXE_outpost-hq"))
        .args(["serve"])
        .args(args)
        .args(["--listen", &listen])
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()?;
    let started = Instant::now();
    while std::net::TcpStream::connect(&listen).is_err() {
        if started.elapsed() > Duration::from_secs(20) {
            return Err("outpost-hq did not start".into());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    Ok(Server(child))
}

#[derive(Default)]
struct Tally {
    latencies: Vec<Duration>,
    errors: usize,
}

async fn engineer(
    http: reqwest::Client,
    base: String,
    code: String,
    job: String,
    until: Instant,
    seed: u64,
    tally: Arc<Mutex<Tally>>,
) -> Result<(), BoxError> {
    let enrolled: Value = http
        .post(format!("{base}/api/v1/enroll"))
        .json(&json!({"code": code, "device_name": "load"}))
        .send()
        .await?
        .json()
        .await?;
    let token = enrolled["token"].as_str().ok_or("no token")?.to_owned();
    let client = enrolled["client_id"].as_str().ok_or("no client")?.to_owned();
    let job: JobId = job.parse()?;
    let mut rng = Rng::new(seed);
    let (mut next, mut cursor) = (1i64, String::new());
    tokio::time::sleep(Duration::from_millis(rng.below(1000))).await;
    while Instant::now() < until {
        let mutations: Vec<Value> = (0..5)
            .map(|k| {
                let change = Change::ReportFieldSet {
                    job_id: job,
                    revision: 1,
                    field: ReportField::FaultCause,
                    value: format!("轴承磨损 {}", next + k),
                    replaced: None,
                };
                json!({"mutation_id": next + k, "change": change})
            })
            .collect();
        let t = Instant::now();
        let push = http
            .post(format!("{base}/api/v1/sync/push"))
            .bearer_auth(&token)
            .json(&json!({"client_id": client, "mutations": mutations}))
            .send()
            .await;
        let pushed = matches!(&push, Ok(r) if r.status().is_success());
        let push_took = t.elapsed();
        if pushed {
            next += 5;
        }
        let t = Instant::now();
        let pull = http.get(format!("{base}/api/v1/sync/pull?cursor={cursor}")).bearer_auth(&token).send().await;
        let pulled = match pull {
            Ok(r) if r.status().is_success() => {
                let body: Value = r.json().await?;
                cursor = body["cursor"].as_str().unwrap_or_default().to_owned();
                true
            }
            _ => false,
        };
        let pull_took = t.elapsed();
        {
            let mut tally = tally.lock().await;
            tally.latencies.extend([push_took, pull_took]);
            tally.errors += usize::from(!pushed) + usize::from(!pulled);
        }
        tokio::time::sleep(Duration::from_millis(500 + rng.below(1000))).await;
    }
    Ok(())
}

fn run(backend: &str, engineers: usize, db_args: &[&str], db: Db, seconds: u64) -> Result<(), BoxError> {
    let work = prepare(&db, engineers)?;
    drop(db);
    let port = std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
    let _server = start(db_args, port)?;
    let base = format!("http://127.0.0.1:{port}");
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    let tally = Arc::new(Mutex::new(Tally::default()));
    let started = Instant::now();
    let until = started + Duration::from_secs(seconds);
    runtime.block_on(async {
        let http = reqwest::Client::builder().pool_max_idle_per_host(engineers).build()?;
        let tasks: Vec<_> = work
            .into_iter()
            .enumerate()
            .map(|(i, (code, job))| {
                tokio::spawn(engineer(http.clone(), base.clone(), code, job, until, i as u64, tally.clone()))
            })
            .collect();
        let mut failed = 0;
        for t in tasks {
            if !matches!(t.await, Ok(Ok(()))) {
                failed += 1;
            }
        }
        tally.lock().await.errors += failed;
        Ok::<(), BoxError>(())
    })?;
    let elapsed = started.elapsed().as_secs_f64();
    let mut tally = Arc::try_unwrap(tally).map_err(|_| "tally still shared")?.into_inner();
    tally.latencies.sort();
    let at = |p: f64| {
        tally
            .latencies
            .get(((tally.latencies.len() as f64 - 1.0) * p).round() as usize)
            .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
    };
    println!(
        "{backend:<10} {engineers:>4} engineers: {:>6.0} requests/s, p50 {:>6.2} ms, p99 {:>7.2} ms, max {:>7.2} ms, errors {} ({} requests in {elapsed:.1} s; budget at 500: p99 < 100 ms, 0 errors)",
        tally.latencies.len() as f64 / elapsed,
        at(0.5),
        at(0.99),
        at(1.0),
        tally.errors,
        tally.latencies.len()
    );
    Ok(())
}

/// The pull log of one engineer whose job the dispatcher reschedules 1,000 times while the
/// laptop is behind: entries kept and records the laggard receives, against what an
/// uncompacted log would hold and send.
fn compaction(db: &Db) -> Result<(), BoxError> {
    const EDITS: i64 = 1000;
    let (_, job) = prepare(db, 1)?.pop().ok_or("a job")?;
    let job: JobId = job.parse()?;
    let engineer = db.tx_blocking(|tx| Ok(outpost_hq::records::job(tx, job)?.engineer_id))?.ok_or("an engineer")?;
    let scope = engineer.to_text();
    let (before, cursor) = db.tx_blocking(|tx| {
        let last = outpost_hq::log::read(tx, &scope, 0, 100_000)?.last().map_or(0, |(seq, _)| *seq);
        Ok((outpost_hq::log::size(tx, &scope)?, last))
    })?;
    let today = OffsetDateTime::now_utc().date();
    for day in 0..EDITS {
        let update = outpost_wire::dispatch::JobUpdate {
            reported_fault: "运行中有异响".into(),
            scheduled_on: today + time::Duration::days(day),
            window_from: None,
            window_until: None,
            severity: Default::default(),
        };
        db.tx_blocking(|tx| dispatch::update_job(tx, job, &update, "bench", time::OffsetDateTime::now_utc()))?;
    }
    let (kept, sent) = db.tx_blocking(|tx| {
        Ok((outpost_hq::log::size(tx, &scope)?, outpost_hq::log::read(tx, &scope, cursor, 100_000)?.len()))
    })?;
    println!(
        "pull log, one job rescheduled {EDITS} times while a laptop was behind: the scope holds {kept} entries \
         (uncompacted: {}), the laggard receives {sent} record(s) (uncompacted: {EDITS})",
        before + EDITS
    );
    Ok(())
}

/// The dispatch board over HTTP as the console asks for it (today, and the week), with 500
/// engineers holding 10,000 open jobs.
fn board(backend: &str, db_args: &[&str], db: Db, render: bool) -> Result<(), BoxError> {
    const ENGINEERS: usize = 500;
    const JOBS: usize = 20;
    prepare_days(&db, ENGINEERS, JOBS)?;
    let token = db.tx_blocking(|tx| enroll::new_dispatcher_token(tx, "bench", OffsetDateTime::now_utc()))?;
    let person = outpost_hq::admin::add_user(&db, "看板基准", Role::Dispatcher, OffsetDateTime::now_utc())?;
    drop(db);
    let port = std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
    let _server = start(db_args, port)?;
    let http = reqwest::blocking::Client::new();
    let today = OffsetDateTime::now_utc().date();
    for days in [1, 7] {
        let url = format!("http://127.0.0.1:{port}/api/v1/board?from={today}&days={days}");
        let mut times = Vec::new();
        let mut cards = 0;
        for _ in 0..30 {
            let started = Instant::now();
            // The call: asked, and the whole answer received; reading it is the client's work
            // (the render bench times the console's).
            let answer = http.get(&url).bearer_auth(&token).send()?.error_for_status()?.bytes()?;
            times.push(started.elapsed());
            let board: outpost_wire::board::Board = serde_json::from_slice(&answer)?;
            cards = board.engineers.iter().map(|e| e.jobs.len()).sum();
        }
        times.sort();
        let ms = |p: f64| times[((times.len() - 1) as f64 * p).round() as usize].as_secs_f64() * 1000.0;
        println!(
            "{backend:<10} board, {ENGINEERS} engineers, {} open jobs, {days} day(s) ({cards} cards): p50 {:.1} ms, p99 {:.1} ms (budget p99 < 100 ms)",
            ENGINEERS * JOBS,
            ms(0.5),
            ms(0.99)
        );
    }
    if render {
        render_board(&format!("http://127.0.0.1:{port}"), &person.user.name, &person.one_time_password)?;
    }
    Ok(())
}

/// The time the console takes to draw that board, in headless Chromium (`console/e2e/render-bench.mjs`).
fn render_board(url: &str, name: &str, password: &str) -> Result<(), BoxError> {
    let console = concat!(env!("CARGO_MANIFEST_DIR"), "/../../console");
    if !std::path::Path::new("/usr/bin/chromium").exists()
        || !std::path::Path::new(console).join("node_modules/playwright-core").exists()
    {
        println!("console    board render (skipped: needs Debian's chromium and `make console`)");
        return Ok(());
    }
    let status =
        Command::new("node").arg("e2e/render-bench.mjs").args([url, name, password]).current_dir(console).status()?;
    if !status.success() {
        return Err("the board render bench failed".into());
    }
    Ok(())
}

fn main() -> Result<(), BoxError> {
    // reqwest is built without a default TLS provider in this workspace (the sync client installs ring).
    let _ = rustls::crypto::ring::default_provider().install_default();
    let seconds: u64 = std::env::var("LOAD_SECONDS").ok().and_then(|v| v.parse().ok()).unwrap_or(10);
    // `LOAD_ONLY=board`: the board's figures alone, while working on them.
    let only_board = std::env::var("LOAD_ONLY").is_ok_and(|o| o == "board");
    let dir = tempfile::tempdir()?;
    if !only_board {
        compaction(&Db::open_sqlite(dir.path())?)?;
        println!("HQ load: each engineer pushes 5 mutations and pulls, every 0.5-1.5 s, for {seconds} s");
    }
    for n in [50, 500].into_iter().filter(|_| !only_board) {
        let dir = tempfile::tempdir()?;
        let db = Db::open_sqlite(dir.path())?;
        let path = dir.path().to_string_lossy().into_owned();
        run("sqlite", n, &["--data-dir", &path], db, seconds)?;
        if let Ok(url) = std::env::var("OUTPOST_TEST_PG_URL") {
            let name = format!("load_{}", Uuid::now_v7().simple());
            postgres::Client::connect(&url, postgres::NoTls)?.batch_execute(&format!("CREATE DATABASE {name}"))?;
            let url = format!("{}/{name}", url.rsplit_once('/').map_or(url.as_str(), |(b, _)| b));
            let db = Db::open_postgres(&url)?;
            run("postgres", n, &["--database-url", &url], db, seconds)?;
        } else {
            println!("postgres   (skipped: run through scripts/with-postgres.sh, as make bench does)");
        }
    }
    let dir = tempfile::tempdir()?;
    let path = dir.path().to_string_lossy().into_owned();
    board("sqlite", &["--data-dir", &path], Db::open_sqlite(dir.path())?, true)?;
    if let Ok(url) = std::env::var("OUTPOST_TEST_PG_URL") {
        let name = format!("board_{}", Uuid::now_v7().simple());
        postgres::Client::connect(&url, postgres::NoTls)?.batch_execute(&format!("CREATE DATABASE {name}"))?;
        let url = format!("{}/{name}", url.rsplit_once('/').map_or(url.as_str(), |(b, _)| b));
        let db = Db::open_postgres(&url)?;
        board("postgres", &["--database-url", &url], db, false)?;
    }
    Ok(())
}
