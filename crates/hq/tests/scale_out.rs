//! Scale-out: two `outpost-hq serve` processes on one PostgreSQL serve the same laptop, with
//! requests alternating between them and the same push sent to both at once. Needs
//! `OUTPOST_TEST_PG_URL` (make test starts a throwaway cluster).

use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use outpost_domain::change::Change;
use outpost_domain::ids::JobId;
use outpost_domain::job::JobStatus;
use outpost_domain::report::ReportField;
use serde_json::{Value, json};

type TestResult = Result<(), Box<dyn std::error::Error>>;

struct Server(Child, String);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> std::io::Result<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

fn start(url: &str) -> Result<Server, Box<dyn std::error::Error>> {
    let port = free_port()?;
    let child = Command::new(env!("CARGO_BIN_EXE_outpost-hq"))
        .args(["serve", "--database-url", url, "--listen", &format!("127.0.0.1:{port}")])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()?;
    let base = format!("http://127.0.0.1:{port}");
    let started = Instant::now();
    while reqwest::blocking::get(format!("{base}/healthz")).is_err() {
        if started.elapsed() > Duration::from_secs(20) {
            return Err("outpost-hq did not start".into());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    Ok(Server(child, base))
}

fn database(url: &str) -> Result<String, Box<dyn std::error::Error>> {
    let name = format!("scale_{}", uuid::Uuid::now_v7().simple());
    postgres::Client::connect(url, postgres::NoTls)?.batch_execute(&format!("CREATE DATABASE {name}"))?;
    let base = url.rsplit_once('/').map_or(url, |(b, _)| b);
    Ok(format!("{base}/{name}"))
}

#[test]
fn two_hq_processes_on_one_postgres_serve_one_laptop() -> TestResult {
    // reqwest is built without a default TLS provider in this workspace (the sync client
    // installs ring); HTTP on loopback still needs one installed.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let Ok(url) = std::env::var("OUTPOST_TEST_PG_URL") else {
        eprintln!("scale-out test needs OUTPOST_TEST_PG_URL: run it through scripts/with-postgres.sh (make test does)");
        return Ok(());
    };
    let url = database(&url)?;
    let seeded = Command::new(env!("CARGO_BIN_EXE_outpost-hq"))
        .args(["admin", "--database-url", &url, "seed-demo", "--jobs", "40"])
        .output()?;
    assert!(seeded.status.success(), "{}", String::from_utf8_lossy(&seeded.stderr));
    let codes = String::from_utf8(seeded.stdout)?;
    let code = codes.lines().next().and_then(|l| l.split('\t').nth(1)).ok_or("a code")?.to_owned();
    let servers = [start(&url)?, start(&url)?];
    let http = reqwest::blocking::Client::new();
    let base = |i: usize| servers[i % 2].1.clone();

    let enrolled: Value = http
        .post(format!("{}/api/v1/enroll", base(0)))
        .json(&json!({"code": code, "device_name": "laptop"}))
        .send()?
        .json()?;
    let token = enrolled["token"].as_str().ok_or("token")?.to_owned();
    let client = enrolled["client_id"].as_str().ok_or("client")?.to_owned();

    // Pull page by page, alternating servers; the cursor of one is good at the other.
    let (mut cursor, mut jobs, mut page) = (String::new(), Vec::new(), 0);
    loop {
        let answer: Value = http
            .get(format!("{}/api/v1/sync/pull?cursor={cursor}&limit=7", base(page)))
            .bearer_auth(&token)
            .send()?
            .json()?;
        assert_eq!(answer["start_over"], false, "{answer}");
        for d in answer["deltas"].as_array().ok_or("deltas")? {
            if d["record"]["type"] == "job" && d["record"]["data"]["job"]["status"] == "assigned" {
                jobs.push(d["record"]["data"]["job"]["id"].as_str().ok_or("id")?.to_owned());
            }
        }
        cursor = answer["cursor"].as_str().ok_or("cursor")?.to_owned();
        page += 1;
        if answer["has_more"] == false {
            break;
        }
    }
    assert!(page > 2 && !jobs.is_empty(), "{page} pages, {} assigned jobs", jobs.len());
    let job: JobId = jobs[0].parse()?;

    // Pushes alternate between the servers; a retry at the other server is a duplicate.
    let changes = [
        Change::JobTransitioned {
            job_id: job,
            to: JobStatus::EnRoute,
            at: time::OffsetDateTime::now_utc(),
            reason: None,
            promised_on: None,
            unsigned: None,
        },
        Change::JobTransitioned {
            job_id: job,
            to: JobStatus::OnSite,
            at: time::OffsetDateTime::now_utc(),
            reason: None,
            promised_on: None,
            unsigned: None,
        },
        Change::ReportFieldSet {
            job_id: job,
            revision: 1,
            field: ReportField::FaultCause,
            value: "油封老化".into(),
            replaced: None,
        },
    ];
    for (i, change) in changes.iter().enumerate() {
        let body = json!({"client_id": client, "mutations": [{"mutation_id": i + 1, "change": change}]});
        let first: Value =
            http.post(format!("{}/api/v1/sync/push", base(i))).bearer_auth(&token).json(&body).send()?.json()?;
        assert_eq!(first["results"][0]["outcome"], "applied", "{first}");
        let retry: Value =
            http.post(format!("{}/api/v1/sync/push", base(i + 1))).bearer_auth(&token).json(&body).send()?.json()?;
        assert_eq!(retry["results"][0]["outcome"], "duplicate", "{retry}");
    }

    // The same push sent to both at once: applied exactly once.
    let body = json!({"client_id": client, "mutations": [{"mutation_id": 4, "change":
        Change::ReportFieldSet { job_id: job, revision: 1, field: ReportField::Solution, value: "更换油封".into(), replaced: None }}]});
    let outcomes: Vec<String> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..2)
            .map(|i| {
                let (http, token, body, url) = (&http, &token, &body, base(i));
                s.spawn(move || -> Result<String, String> {
                    let v: Value = http
                        .post(format!("{url}/api/v1/sync/push"))
                        .bearer_auth(token)
                        .json(body)
                        .send()
                        .and_then(|r| r.json())
                        .map_err(|e| e.to_string())?;
                    Ok(v["results"][0]["outcome"].as_str().unwrap_or("?").to_owned())
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap_or_else(|_| Err("panicked".into()))).collect::<Result<Vec<_>, _>>()
    })?;
    let mut sorted = outcomes.clone();
    sorted.sort();
    assert_eq!(sorted, ["applied", "duplicate"], "{outcomes:?}");

    // Both servers see the same state.
    let token_line = Command::new(env!("CARGO_BIN_EXE_outpost-hq"))
        .args(["admin", "--database-url", &url, "dispatcher-token"])
        .output()?;
    let dispatcher = String::from_utf8(token_line.stdout)?.lines().last().ok_or("token")?.to_owned();
    for i in 0..2 {
        let bundle: Value =
            http.get(format!("{}/api/v1/jobs/{job}", base(i))).bearer_auth(&dispatcher).send()?.json()?;
        assert_eq!(bundle["job"]["status"], "on_site");
        assert_eq!(bundle["report"]["solution"], "更换油封");
        let audit: Value =
            http.get(format!("{}/api/v1/audit?job_id={job}", base(i))).bearer_auth(&dispatcher).send()?.json()?;
        assert_eq!(audit.as_array().map(Vec::len), Some(4), "each mutation audited once: {audit}");
    }
    Ok(())
}
