//! A real HQ process on a loopback port, and laptops (data folders with their store), for the
//! tests across processes.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use outpost_store::Store;

pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Where an HQ under test keeps its data: a SQLite folder, or a PostgreSQL database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Storage {
    Dir(PathBuf),
    Postgres(String),
}

impl Storage {
    /// Every backend this run has: SQLite in `dir`, and a fresh PostgreSQL database when
    /// `OUTPOST_TEST_PG_URL` is set (`make test` sets it), so a test runs against both.
    pub fn all(dir: &Path) -> Result<Vec<Storage>, BoxError> {
        let mut out = vec![Storage::Dir(dir.to_owned())];
        if let Ok(url) = std::env::var("OUTPOST_TEST_PG_URL") {
            let name = format!("t_{}", uuid::Uuid::now_v7().simple());
            let created =
                Command::new("psql").arg(&url).args(["-q", "-c", &format!("CREATE DATABASE {name}")]).status()?;
            if !created.success() {
                return Err(format!("psql could not create database {name}").into());
            }
            let base = url.rsplit_once('/').map_or(url.as_str(), |(b, _)| b);
            out.push(Storage::Postgres(format!("{base}/{name}")));
        }
        Ok(out)
    }

    fn args(&self) -> Vec<std::ffi::OsString> {
        match self {
            Storage::Dir(dir) => vec!["--data-dir".into(), dir.into()],
            Storage::Postgres(url) => vec!["--database-url".into(), url.into()],
        }
    }

    /// The backend's name, for messages.
    pub fn name(&self) -> &'static str {
        match self {
            Storage::Dir(_) => "sqlite",
            Storage::Postgres(_) => "postgres",
        }
    }
}

/// An `outpost-hq serve` process over a SQLite folder or a PostgreSQL database.
#[derive(Debug)]
pub struct Hq {
    bin: PathBuf,
    pub storage: Storage,
    pub url: String,
    port: u16,
    child: Option<Child>,
}

impl Hq {
    /// Starts HQ (the binary `bin`, from `env!("CARGO_BIN_EXE_hq-under-test")`) over `dir`
    /// (created if needed) on a free port.
    pub fn start(bin: &str, dir: &Path) -> Result<Hq, BoxError> {
        Hq::start_on(bin, Storage::Dir(dir.to_owned()))
    }

    /// Starts HQ over `storage`.
    pub fn start_on(bin: &str, storage: Storage) -> Result<Hq, BoxError> {
        // reqwest is built without a default TLS provider here (the sync client installs ring);
        // tests that call HQ directly need it too.
        let _ = rustls::crypto::ring::default_provider().install_default();
        // Port 0: HQ takes a free port itself and says which, so tests running side by side
        // never race for one.
        let mut hq = Hq { bin: bin.into(), storage, url: String::new(), port: 0, child: None };
        hq.restart()?;
        Ok(hq)
    }

    /// Starts the process again on the same port (after [`Hq::kill9`]); waits until HQ says
    /// it is listening. A port still held a moment after a kill is tried again.
    pub fn restart(&mut self) -> Result<(), BoxError> {
        let started = Instant::now();
        loop {
            match self.spawn()? {
                Some(port) => {
                    self.port = port;
                    self.url = format!("http://127.0.0.1:{port}");
                    return Ok(());
                }
                None if self.port != 0 && started.elapsed() < Duration::from_secs(20) => {
                    std::thread::sleep(Duration::from_millis(100));
                }
                None => return Err(format!("HQ did not start on port {}", self.port).into()),
            }
        }
    }

    /// Spawns `serve`; the port HQ listens on, or `None` when it exited without listening.
    fn spawn(&mut self) -> Result<Option<u16>, BoxError> {
        let mut child = Command::new(&self.bin)
            .arg("serve")
            .args(self.storage.args())
            .args(["--listen", &format!("127.0.0.1:{}", self.port)])
            .env("RUST_LOG", "warn")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()?;
        let stdout = child.stdout.take().ok_or("HQ's stdout")?;
        let (tx, rx) = std::sync::mpsc::channel();
        // Reads HQ's stdout to its end, so HQ never writes into a closed pipe.
        std::thread::spawn(move || {
            for line in std::io::BufRead::lines(std::io::BufReader::new(stdout)).map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
        let port = rx
            .recv_timeout(Duration::from_secs(20))
            .ok()
            .and_then(|line| line.rsplit(':').next().and_then(|p| p.trim().parse().ok()));
        match port {
            Some(port) => {
                self.child = Some(child);
                Ok(Some(port))
            }
            None => {
                let _ = child.kill();
                let _ = child.wait();
                Ok(None)
            }
        }
    }

    /// SIGKILL, no goodbye.
    pub fn kill9(&mut self) -> Result<(), BoxError> {
        if let Some(mut c) = self.child.take() {
            c.kill()?;
            c.wait()?;
        }
        Ok(())
    }

    /// Runs `outpost-hq admin --data-dir DIR <args>` and returns its stdout.
    pub fn admin(&self, args: &[&str]) -> Result<String, BoxError> {
        let out = Command::new(&self.bin).arg("admin").args(self.storage.args()).args(args).output()?;
        if !out.status.success() {
            return Err(format!("admin {args:?}: {}", String::from_utf8_lossy(&out.stderr)).into());
        }
        Ok(String::from_utf8(out.stdout)?)
    }

    /// Demo data; returns (engineer name, enrollment code) per demo engineer. Called again, it
    /// returns fresh codes (another laptop for the same engineer).
    pub fn seed(&self, jobs: usize) -> Result<Vec<(String, String)>, BoxError> {
        let out = self.admin(&["seed-demo", "--jobs", &jobs.to_string()])?;
        Ok(out.lines().filter_map(|l| l.split_once('\t')).map(|(n, c)| (n.to_owned(), c.to_owned())).collect())
    }

    /// HQ's database, opened beside the running process (to check what it holds).
    pub fn db(&self) -> Result<outpost_hq::db::Db, BoxError> {
        Ok(match &self.storage {
            Storage::Dir(dir) => outpost_hq::db::Db::open_sqlite(dir)?,
            Storage::Postgres(url) => outpost_hq::db::Db::open_postgres(url)?,
        })
    }

    /// A dispatcher token.
    pub fn dispatcher(&self) -> Result<String, BoxError> {
        Ok(self.admin(&["dispatcher-token"])?.lines().last().ok_or("no token")?.to_owned())
    }
}

impl Drop for Hq {
    fn drop(&mut self) {
        let _ = self.kill9();
    }
}

/// A laptop: a data folder and its store.
#[derive(Debug)]
pub struct Laptop {
    pub dir: tempfile::TempDir,
    pub store: Arc<Store>,
}

impl Laptop {
    /// A new laptop enrolled with `code`, first sync done.
    pub fn enrolled(hq: &Hq, code: &str) -> Result<Laptop, BoxError> {
        let dir = tempfile::tempdir()?;
        let store = Arc::new(Store::open(dir.path())?);
        outpost_sync::enroll(&store, &hq.url, code, "test laptop")?;
        outpost_sync::sync_once(&store)?;
        Ok(Laptop { dir, store })
    }

    /// Changes waiting for HQ.
    pub fn pending(&self) -> Result<u64, BoxError> {
        Ok(self.store.read(outpost_store::outbox::pending_count)?)
    }
}

/// A number from the environment (soak runs scale the tests with it), or the default.
pub fn env_or(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// The seed of a randomised test: `SYNC_SEED` to replay a run, a fresh one otherwise.
pub fn seed() -> u64 {
    env_or("SYNC_SEED", std::process::id().into())
}

impl Hq {
    /// Checks HQ's own audit log: `written` mutations, each exactly once, numbered 1..=written.
    pub fn assert_each_change_once(&self, written: i64, seed: u64) -> Result<(), BoxError> {
        let db = self.db()?;
        let row = db
            .tx_blocking(|tx| {
                tx.query_opt(
                    // The laptop's changes only: a dispatcher's actions (a reschedule) are logged too.
                    "SELECT count(*), count(DISTINCT mutation_id), COALESCE(min(mutation_id), 0), COALESCE(max(mutation_id), 0)
                       FROM audit_log WHERE mutation_id IS NOT NULL",
                    &[],
                )
            })?
            .ok_or("no audit")?;
        let found = (row.int(0)?, row.int(1)?, row.int(2)?, row.int(3)?);
        assert_eq!(
            found,
            (written, written, i64::from(written > 0), written),
            "0 lost, 0 doubled (seed {seed}, {})",
            self.storage.name()
        );
        Ok(())
    }
}

/// Everything an engineer does on a repair, through the store, offline; the customer rates
/// every dimension 5 and signs with `png`.
pub fn repair(store: &Store, job: outpost_domain::ids::JobId, png: &[u8]) -> Result<(), BoxError> {
    repair_rated(store, job, png, [5; 4])
}

/// [`repair`], the customer rating the dimensions (timeliness, attitude, quality, overall) so.
pub fn repair_rated(
    store: &Store,
    job: outpost_domain::ids::JobId,
    png: &[u8],
    stars: [i64; 4],
) -> Result<(), BoxError> {
    use outpost_domain::job::{JobStatus, MoveDetails};
    let now = time::OffsetDateTime::now_utc;
    store.transition_job(job, JobStatus::EnRoute, MoveDetails::default(), now())?;
    store.transition_job(job, JobStatus::OnSite, MoveDetails::default(), now())?;
    for (field, value) in outpost_demo::REPAIR_REPORT {
        store.set_report_field(job, field, value, now())?;
    }
    store.set_report_field(job, outpost_domain::report::ReportField::PartsReplaced, "none", now())?;
    store.transition_job(job, JobStatus::Completed, MoveDetails::default(), now())?;
    for (d, n) in outpost_domain::rating::Dimension::ALL.into_iter().zip(stars) {
        store.rate(job, d, n, now())?;
    }
    store.sign_report(job, "李经理", png, now())?;
    Ok(())
}

/// Report fields the tests across processes edit as free text.
pub const FIELDS: [outpost_domain::report::ReportField; 4] = {
    use outpost_domain::report::ReportField as F;
    [F::SymptomFound, F::FaultCause, F::Solution, F::TestsDone]
};

/// Up to five jobs of the laptop still assigned (editable by the engineer).
pub fn editable_jobs(store: &Store) -> Result<Vec<outpost_domain::ids::JobId>, BoxError> {
    let all = store.read(|c| {
        outpost_store::jobs::list(
            c,
            outpost_store::jobs::JobFilter::All,
            time::OffsetDateTime::now_utc().date(),
            100_000,
        )
    })?;
    Ok(all.iter().filter(|j| j.status == outpost_domain::job::JobStatus::Assigned).map(|j| j.id).take(5).collect())
}

/// An assigned repair job on the laptop.
pub fn assigned_repair(store: &Store) -> Result<outpost_domain::ids::JobId, BoxError> {
    let all = store.read(|c| {
        outpost_store::jobs::list(
            c,
            outpost_store::jobs::JobFilter::All,
            time::OffsetDateTime::now_utc().date(),
            100_000,
        )
    })?;
    Ok(all
        .iter()
        .find(|j| {
            j.status == outpost_domain::job::JobStatus::Assigned && j.job_type == outpost_domain::job::JobType::Repair
        })
        .ok_or("an assigned repair")?
        .id)
}
