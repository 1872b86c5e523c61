//! The jobs of a month as the figures need them, each with its events, report, part lines and
//! whether the customer complained of it — loaded in a few queries however many jobs the month
//! has: the jobs scheduled in it (of one engineer when asked), and around them the other jobs of
//! their equipment and the visits they continue or that continue them, looked at but not counted.

use std::collections::{BTreeSet, HashMap};

use outpost_domain::ids::EngineerId;
use outpost_domain::job::{Job, JobEvent};
use outpost_domain::kpi::JobRecord;
use outpost_domain::part::PartLine;
use outpost_domain::report::ServiceReport;
use serde::de::DeserializeOwned;
use time::{Date, Month};

use crate::db::{Row, Tx, Value};
use crate::error::{AppError, Result};

/// The month's jobs, counted and looked at.
#[derive(Debug, Default)]
pub struct MonthRecords {
    pub counted: Vec<JobRecord>,
    pub around: Vec<JobRecord>,
}

/// The first day of `year`-`month` and of the month after.
pub fn bounds(year: i32, month: u8) -> Result<(Date, Date)> {
    let bad = || AppError::invalid("month", "not a month");
    let m = Month::try_from(month).map_err(|_| bad())?;
    let first = Date::from_calendar_date(year, m, 1).map_err(|_| bad())?;
    Ok((first, outpost_domain::plan::months_after(first, 1)))
}

/// The jobs scheduled in the month ($1 to $2, the engineer $3 when given).
const COUNTED: &str = "SELECT id FROM jobs WHERE scheduled_on >= $1 AND scheduled_on < $2 AND (COALESCE($3, '') = '' OR engineer_id = $3)";

/// Loads the month's records.
pub fn load(tx: &mut dyn Tx, year: i32, month: u8, engineer: Option<EngineerId>) -> Result<MonthRecords> {
    let (first, next) = bounds(year, month)?;
    let params: [Value; 3] = [first.to_string().into(), next.to_string().into(), engineer.map(|e| e.to_text()).into()];
    let counted = records(tx, &[(COUNTED.to_owned(), params.to_vec())])?;
    let own: BTreeSet<String> = counted.iter().map(|r| r.job.id.to_text()).collect();
    // The other jobs of the same equipment, and the visits continued or continuing, found once.
    let near = format!(
        "SELECT id FROM jobs WHERE equipment_id IN (SELECT equipment_id FROM jobs WHERE id IN ({COUNTED}))
            OR previous_visit IN ({COUNTED})
            OR id IN (SELECT previous_visit FROM jobs WHERE id IN ({COUNTED}))"
    );
    let ids: Vec<Value> = tx
        .query(&near, &params)?
        .iter()
        .map(|r| r.text(0))
        .filter(|id| !id.as_ref().is_ok_and(|id| own.contains(id)))
        .map(|id| id.map(Value::from))
        .collect::<Result<_>>()?;
    // Looked up by their ids, a few hundred at a time.
    let chunks: Vec<(String, Vec<Value>)> = ids
        .chunks(500)
        .map(|chunk| {
            let marks = (1..=chunk.len()).map(|i| format!("${i}")).collect::<Vec<_>>().join(", ");
            (format!("SELECT id FROM jobs WHERE id IN ({marks})"), chunk.to_vec())
        })
        .collect();
    Ok(MonthRecords { counted, around: records(tx, &chunks)? })
}

/// The jobs whose ids each scope selects (with its parameters), with all that hangs off them.
fn records(tx: &mut dyn Tx, scopes: &[(String, Vec<Value>)]) -> Result<Vec<JobRecord>> {
    let mut events: HashMap<String, Vec<JobEvent>> = HashMap::new();
    let mut reports: HashMap<String, ServiceReport> = HashMap::new();
    let mut parts: HashMap<String, Vec<PartLine>> = HashMap::new();
    let mut complained: BTreeSet<String> = BTreeSet::new();
    let mut jobs = Vec::new();
    for (scope, params) in scopes {
        let sql = format!("SELECT job_id, body FROM job_events WHERE job_id IN ({scope}) ORDER BY job_id, position");
        for (id, e) in parsed(&tx.query(&sql, params)?)? {
            events.entry(id).or_default().push(e);
        }
        let sql = format!("SELECT job_id, body FROM reports WHERE job_id IN ({scope})");
        reports.extend(parsed(&tx.query(&sql, params)?)?);
        let sql = format!("SELECT job_id, body FROM part_lines WHERE job_id IN ({scope}) ORDER BY job_id, id");
        for (id, l) in parsed(&tx.query(&sql, params)?)? {
            parts.entry(id).or_default().push(l);
        }
        for row in tx.query(&format!("SELECT DISTINCT job_id FROM complaints WHERE job_id IN ({scope})"), params)? {
            complained.insert(row.text(0)?);
        }
        jobs.extend(tx.query(&format!("SELECT id, body FROM jobs WHERE id IN ({scope}) ORDER BY id"), params)?);
    }
    parsed::<Job>(&jobs)?
        .into_iter()
        .map(|(id, job)| {
            Ok(JobRecord {
                events: events.remove(&id).unwrap_or_default(),
                report: reports.remove(&id),
                parts: parts.remove(&id).unwrap_or_default(),
                complaint: Some(complained.contains(&id)),
                job,
            })
        })
        .collect()
}

/// Each row's id (column 0) and its JSON body (column 1) decoded, on every core: decoding is
/// most of the time a month of 100,000 jobs takes.
fn parsed<T: DeserializeOwned + Send>(rows: &[Row]) -> Result<Vec<(String, T)>> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let per = rows.len().div_ceil(cores).max(1);
    let one = |chunk: &[Row]| chunk.iter().map(|r| Ok((r.text(0)?, r.json(1)?))).collect::<Result<Vec<_>>>();
    let parts: Vec<Result<Vec<(String, T)>>> = std::thread::scope(|s| {
        let running: Vec<_> = rows.chunks(per).map(|chunk| s.spawn(move || one(chunk))).collect();
        running.into_iter().map(|t| t.join().unwrap_or_else(|_| Err(AppError::internal("decoding stopped")))).collect()
    });
    let mut out = Vec::with_capacity(rows.len());
    for part in parts {
        out.extend(part?);
    }
    Ok(out)
}
