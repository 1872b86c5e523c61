//! The child of the crash test: writes through the store as fast as it can and prints a line
//! after each commit, until it is killed. Usage: crash-writer DATA_DIR FIRST_STEP JOB_ID...

use std::io::Write as _;
use std::path::PathBuf;

use outpost_domain::ids::JobId;
use outpost_domain::part::FaultOrigin;
use outpost_store::Store;
use outpost_tests::{Write, committed_line, job_for, write_for};
use time::OffsetDateTime;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(args.next().ok_or("usage: crash-writer DATA_DIR FIRST_STEP JOB_ID...")?);
    let first: u64 = args.next().ok_or("missing FIRST_STEP")?.parse()?;
    let jobs: Vec<JobId> = args.map(|a| a.parse()).collect::<Result<_, _>>()?;
    let part_code = std::env::var("CRASH_PART_CODE")?;
    let store = Store::open(&dir)?;
    let mut out = std::io::stdout().lock();
    for i in first.. {
        let job = job_for(i, &jobs);
        let now = OffsetDateTime::now_utc();
        let mutation_id = match write_for(i) {
            Write::Field { field, value } => store.set_report_field(job, field, &value, now)?,
            Write::PartLine { line_id } => {
                store.add_part_line(job, line_id, &part_code, 1, FaultOrigin::Quality, now)?;
                last_mutation(&store)?
            }
            Write::Rating { dimension, rating } => {
                store.rate(job, dimension, rating, now)?;
                last_mutation(&store)?
            }
        };
        writeln!(out, "{}", committed_line(i, mutation_id))?;
        out.flush()?;
    }
    Ok(())
}

fn last_mutation(store: &Store) -> Result<i64, outpost_store::StoreError> {
    store.read(|c| Ok(c.query_row("SELECT max(mutation_id) FROM outbox", [], |r| r.get(0))?))
}
