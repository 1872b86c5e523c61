//! The month's statistics and the day's plan run at scale (prints figures; asserts nothing).
//! Budgets (issue 14): the statistics of a month of 100,000 jobs and 500 engineers as JSON and
//! as XLSX in < 2 s each; a plan run over 50,000 equipment, each with a visit due, in < 5 s.
//! On SQLite in a temporary folder; `STATISTICS_JOBS` and `PLAN_EQUIPMENT` change the sizes.

use std::time::Instant;

use outpost_demo::{DemoConfig, generate};
use outpost_domain::customer::Language;
use outpost_domain::equipment::{Equipment, EquipmentInput};
use outpost_domain::ids::EquipmentId;
use outpost_hq::db::Db;
use outpost_hq::{enroll, plans, records, statistics, tick};
use outpost_wire::model::JobType;
use outpost_wire::plans::PlanInput;
use time::macros::{date, datetime};
use time::{Duration, UtcOffset};
use uuid::Uuid;

type BoxError = Box<dyn std::error::Error + Send + Sync>;

fn size(var: &str, default: usize) -> usize {
    std::env::var(var).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// A month of `jobs` demo jobs (reports, events, parts) for `engineers` engineers, all in
/// November 2026.
fn month_of_jobs(db: &Db, jobs: usize, engineers: usize) -> Result<(), BoxError> {
    let now = datetime!(2026-11-28 10:00 +8);
    let mut cfg = DemoConfig::new(20261204, jobs, now);
    cfg.engineers = engineers;
    let data = generate(&cfg);
    db.tx_blocking(|tx| {
        for e in &data.engineers {
            enroll::add_engineer(tx, e.id, &e.name, now)?;
        }
        for c in &data.customers {
            records::save_customer(tx, c)?;
        }
        for s in &data.sites {
            records::save_site(tx, s)?;
        }
        for e in &data.equipment {
            records::save_equipment(tx, e)?;
        }
        for (i, j) in data.jobs.iter().enumerate() {
            let mut job = j.job.clone();
            job.scheduled_on = date!(2026 - 11 - 01) + Duration::days((i % 30) as i64);
            records::save_job(tx, &job)?;
            for e in &j.events {
                records::add_event(tx, e)?;
            }
            for l in &j.parts {
                records::save_part_line(tx, l, None)?;
            }
            if let Some(r) = &j.report {
                records::save_report(tx, r, None)?;
            }
        }
        Ok(())
    })?;
    Ok(())
}

/// `count` machines at one site, each with a monthly inspection due on 10 December.
fn planned_equipment(db: &Db, count: usize) -> Result<(), BoxError> {
    let data = generate(&DemoConfig::new(7, 8, datetime!(2026-11-28 10:00 +8)));
    let (customer, site) = (&data.customers[0], &data.sites[0]);
    db.tx_blocking(|tx| {
        records::save_customer(tx, customer)?;
        records::save_site(tx, site)?;
        for i in 0..count {
            let serial = format!("BENCH-{i:06}");
            let input = EquipmentInput {
                brand: "宏力",
                model: "HL-37A",
                serial: &serial,
                warranty_end: Some(date!(2027 - 12 - 31)),
                ..Default::default()
            };
            let e = Equipment::new(EquipmentId(Uuid::now_v7()), customer.id, site.id, input)?;
            records::save_equipment(tx, &e)?;
            let plan = PlanInput {
                equipment_id: e.id,
                job_type: JobType::Inspection,
                every_months: 1,
                first_on: date!(2026 - 12 - 10),
                until: None,
                lead_days: None,
                engineer_id: None,
            };
            plans::create(tx, &plan, date!(2026 - 12 - 01))?;
        }
        Ok(())
    })?;
    Ok(())
}

fn main() -> Result<(), BoxError> {
    let (jobs, engineers) = (size("STATISTICS_JOBS", 100_000), 500);
    let dir = tempfile::tempdir()?;
    let db = Db::open_sqlite(dir.path())?;
    let t = Instant::now();
    month_of_jobs(&db, jobs, engineers)?;
    eprintln!("(loaded {jobs} jobs in {:.1} s)", t.elapsed().as_secs_f64());
    let now = datetime!(2026-12-04 10:00 +8);
    let offset = UtcOffset::from_hms(8, 0, 0)?;
    let t = Instant::now();
    let stats = db.tx_blocking(|tx| statistics::month(tx, 2026, 11, None, now.date(), now, offset))?;
    let json = serde_json::to_vec(&stats)?;
    let json_ms = t.elapsed().as_millis();
    let t = Instant::now();
    let stats = db.tx_blocking(|tx| statistics::month(tx, 2026, 11, None, now.date(), now, offset))?;
    let xlsx = outpost_hq::statistics_sheets::xlsx(&stats, Language::ZhCn)?;
    let xlsx_ms = t.elapsed().as_millis();
    println!(
        "statistics {jobs} jobs / {} engineers: JSON {json_ms} ms ({} KB), XLSX {xlsx_ms} ms ({} KB) (budget 2000 ms each)",
        stats.engineers.len(),
        json.len() / 1024,
        xlsx.len() / 1024
    );

    let count = size("PLAN_EQUIPMENT", 50_000);
    let dir = tempfile::tempdir()?;
    let db = Db::open_sqlite(dir.path())?;
    planned_equipment(&db, count)?;
    let t = Instant::now();
    let ran = tick::run(&db, date!(2026 - 11 - 26), now)?;
    let run_ms = t.elapsed().as_millis();
    let t = Instant::now();
    let again = tick::run(&db, date!(2026 - 11 - 27), now)?;
    println!(
        "plan run {count} equipment: {run_ms} ms for {} jobs made (budget 5000 ms); the next day's run {} ms, {} made",
        ran.jobs.len(),
        t.elapsed().as_millis(),
        again.jobs.len()
    );
    Ok(())
}
