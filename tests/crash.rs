//! kill -9 at random moments: a child process writes through the store and reports each commit;
//! the parent kills it with SIGKILL, again and again on the same file. After reopening, every
//! reported write is there, the outbox is gap-free and matches the domain tables, and SQLite's
//! integrity check passes. `CRASH_ITERATIONS` (default 60) and `CRASH_SEED` tune a soak run.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::{BufRead, BufReader, Read};
use std::os::unix::process::ExitStatusExt;
use std::process::{Command, Stdio};
use std::time::Duration;

use outpost_demo::{DemoConfig, Rng, generate};
use outpost_domain::ids::{JobId, PartLineId};
use outpost_domain::job::JobStatus;
use outpost_domain::rating::{Dimension, Satisfaction};
use outpost_domain::report::ReportField;
use outpost_store::outbox::{self, Change};
use outpost_store::{Store, parts, reports};
use outpost_tests::{Write, job_for, parse_committed, write_for};

type TestResult = Result<(), Box<dyn std::error::Error>>;

#[test]
fn kill_9_loses_no_reported_write_and_keeps_the_outbox_in_step() -> TestResult {
    let iterations: u64 = env_or("CRASH_ITERATIONS", 60);
    let seed: u64 = env_or("CRASH_SEED", std::process::id().into());
    eprintln!("crash test: {iterations} kills, CRASH_SEED={seed}");
    let dir = tempfile::tempdir()?;
    let data = generate(&DemoConfig::new(5, 60, time::OffsetDateTime::now_utc()));
    let jobs: Vec<JobId> = data
        .jobs
        .iter()
        .filter(|j| matches!(j.job.status, JobStatus::Assigned | JobStatus::EnRoute | JobStatus::OnSite))
        .map(|j| j.job.id)
        .take(5)
        .collect();
    let part_code = data.parts[0].code.clone();
    {
        let store = Store::open(dir.path())?;
        outpost_store::demo::load(&store, &data)?;
    }

    let mut rng = Rng::new(seed);
    let mut reported: Vec<(u64, i64)> = Vec::new();
    for iteration in 0..iterations {
        let mut child = Command::new(env!("CARGO_BIN_EXE_crash-writer"))
            .arg(dir.path())
            .arg((iteration * 1_000_000).to_string())
            .args(jobs.iter().map(|j| j.to_text()))
            .env("CRASH_PART_CODE", &part_code)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()?;
        let stdout = child.stdout.take().ok_or("no stdout")?;
        let lines =
            std::thread::spawn(move || BufReader::new(stdout).lines().map_while(Result::ok).collect::<Vec<_>>());
        std::thread::sleep(Duration::from_millis(rng.range(3, 90).unsigned_abs()));
        child.kill()?;
        let status = child.wait()?;
        if status.signal() != Some(libc_sigkill()) {
            let mut err = String::new();
            child.stderr.take().ok_or("no stderr")?.read_to_string(&mut err)?;
            return Err(
                format!("the writer stopped by itself ({status}) at kill {iteration}, seed {seed}: {err}").into()
            );
        }
        let lines = lines.join().map_err(|_| "reader thread panicked")?;
        reported.extend(lines.iter().filter_map(|l| parse_committed(l)));
    }
    assert!(reported.len() as u64 > iterations, "the writer committed too little to test anything: {}", reported.len());

    let store = Store::open(dir.path())?;
    let integrity: String = store.read(|c| Ok(c.query_row("PRAGMA integrity_check", [], |r| r.get(0))?))?;
    assert_eq!(integrity, "ok", "seed {seed}");

    let mutations = store.read(|c| outbox::pending(c, usize::MAX >> 1))?;
    let first = mutations.first().map_or(1, |m| m.mutation_id);
    for (k, m) in mutations.iter().enumerate() {
        assert_eq!(m.mutation_id, first + k as i64, "mutation ids have no gaps (seed {seed})");
    }
    let n = mutations.len();
    assert!(
        n >= reported.len() && n <= reported.len() + iterations as usize,
        "{n} outbox rows for {} reported writes (seed {seed})",
        reported.len()
    );

    let by_id: HashMap<i64, &Change> = mutations.iter().map(|m| (m.mutation_id, &m.change)).collect();
    for (step, mutation_id) in &reported {
        let change = by_id
            .get(mutation_id)
            .ok_or(format!("reported write {step} (mutation {mutation_id}) is gone, seed {seed}"))?;
        assert!(
            matches_write(change, *step, &jobs),
            "mutation {mutation_id} is not write {step}: {change:?} (seed {seed})"
        );
    }

    // Replaying the outbox gives exactly what the domain tables hold.
    let mut fields: BTreeMap<(JobId, ReportField), String> = BTreeMap::new();
    let mut lines: HashSet<PartLineId> = HashSet::new();
    let mut ratings: BTreeMap<(JobId, &'static str), u8> = BTreeMap::new();
    for m in &mutations {
        match &m.change {
            Change::ReportFieldSet { job_id, field, value, .. } => {
                fields.insert((*job_id, *field), value.clone());
            }
            Change::PartLineAdded { line } => {
                lines.insert(line.id);
            }
            Change::RatingSet { job_id, dimension, rating, .. } => {
                ratings.insert((*job_id, dimension.as_str()), rating.value());
            }
            other => return Err(format!("unexpected change {other:?}").into()),
        }
    }
    for job in &jobs {
        let report = store.read(|c| reports::get(c, *job))?;
        let stored_lines: HashSet<PartLineId> = store.read(|c| parts::lines(c, *job))?.iter().map(|l| l.id).collect();
        let expected_lines: HashSet<PartLineId> = mutations
            .iter()
            .filter_map(|m| match &m.change {
                Change::PartLineAdded { line } if line.job_id == *job => Some(line.id),
                _ => None,
            })
            .collect();
        assert_eq!(stored_lines, expected_lines, "part lines of {job} (seed {seed})");
        let Some(report) = report else {
            assert!(!fields.keys().any(|(j, _)| j == job));
            continue;
        };
        assert_eq!(report.fault_cause, fields.get(&(*job, ReportField::FaultCause)).cloned(), "seed {seed}");
        assert_eq!(report.solution, fields.get(&(*job, ReportField::Solution)).cloned(), "seed {seed}");
        for d in Dimension::ALL {
            let stored = match &report.satisfaction {
                Some(Satisfaction::Rated { ratings: r, .. }) => r.get(d).map(|v| v.value()),
                _ => None,
            };
            assert_eq!(
                stored,
                ratings.get(&(*job, d.as_str())).copied(),
                "rating {} of {job} (seed {seed})",
                d.as_str()
            );
        }
    }
    assert_eq!(
        lines.len(),
        store.read(|c| Ok(c.query_row(
            "SELECT count(*) FROM part_lines WHERE id IN (SELECT json_extract(payload, '$.line.id') FROM outbox)",
            [],
            |r| r.get::<_, i64>(0)
        )?))? as usize
    );
    eprintln!("crash test: {} reported writes, {n} in the outbox, all consistent", reported.len());
    Ok(())
}

fn matches_write(change: &Change, step: u64, jobs: &[JobId]) -> bool {
    let job = job_for(step, jobs);
    match (write_for(step), change) {
        (Write::Field { field, value }, Change::ReportFieldSet { job_id, field: f, value: v, .. }) => {
            *job_id == job && field == *f && value == *v
        }
        (Write::PartLine { line_id }, Change::PartLineAdded { line }) => line.job_id == job && line.id == line_id,
        (Write::Rating { dimension, rating }, Change::RatingSet { job_id, dimension: d, rating: r, .. }) => {
            *job_id == job && *d == dimension && i64::from(r.value()) == rating
        }
        _ => false,
    }
}

fn libc_sigkill() -> i32 {
    9
}

fn env_or(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}
