//! Maintenance plans: each visit's job is made its lead ahead, for the engineer who last visited
//! the site, once per month however often the day's work runs, HQ restarts or the plan is
//! edited; planned visits are counted against done ones, and a month that passes without its
//! visit is missed.

mod common;

use std::collections::BTreeMap;

use axum::http::{Method, StatusCode};
use common::{NOW, TestResult, backends, blocking, mutation, pdf_text, push, transition, work_for};
use outpost_domain::ids::{CustomerId, EquipmentId, JobId, PlanId, SiteId};
use outpost_domain::job::JobStatus;
use outpost_domain::plan::visit_month;
use outpost_hq::db::Db;
use outpost_hq::plans::Made;
use proptest::prelude::*;
use serde_json::{Value, json};
use time::macros::{date, datetime};
use time::{Date, Duration};
use uuid::Uuid;

async fn day(hq: &common::Hq, today: Date) -> Result<Vec<Made>, Box<dyn std::error::Error>> {
    let db = hq.db.clone();
    Ok(blocking(move || Ok(outpost_hq::tick::run(&db, today, NOW)?)).await?.jobs)
}

#[tokio::test]
async fn a_plan_makes_each_visit_once_ahead_for_the_engineer_who_last_came() -> TestResult {
    for hq in backends().await? {
        let dispatcher = hq.dispatcher().await?;
        let (engineer, client, token) = hq.enrolled("王建国").await?;
        let (job, _) = work_for(&hq, &dispatcher, &engineer).await?;
        let (_, page) = hq.call(Method::GET, &format!("/api/v1/jobs/{job}"), Some(&dispatcher), None).await?;
        let equipment = page["job"]["equipment_id"].clone();
        let post = |body: Value| hq.call(Method::POST, "/api/v1/plans", Some(&dispatcher), Some(body));

        // The warranty ended in 2024: a plan from now on needs its own end (a paid contract).
        let monthly =
            json!({"equipment_id": equipment, "job_type": "inspection", "every_months": 1, "first_on": "2026-12-10"});
        let (s, refused) = post(monthly.clone()).await?;
        check!(hq, s == StatusCode::UNPROCESSABLE_ENTITY && refused["field"] == "until", "{refused}");
        let (s, refused) = post(json!({"equipment_id": equipment, "job_type": "repair", "every_months": 1,
            "first_on": "2026-12-10", "until": "2027-12-31"}))
        .await?;
        check!(hq, s == StatusCode::UNPROCESSABLE_ENTITY && refused["field"] == "job type", "{refused}");
        let mut contract = monthly.clone();
        contract["until"] = json!("2027-12-31");
        let (s, plan) = post(contract.clone()).await?;
        check!(hq, s == StatusCode::CREATED, "{plan}");
        check!(
            hq,
            plan["next_due"] == "2026-12-10" && plan["lead_days"] == 14 && plan["since"] == "2026-11-01",
            "{plan}"
        );
        check!(hq, plan["equipment"]["serial"] == "HL37A-2023-000123", "{plan}");
        let (s, again) = post(contract.clone()).await?;
        check!(hq, s == StatusCode::CONFLICT && again["code"] == "plan_exists", "one inspection plan each: {again}");

        // Fourteen days ahead, for the engineer who last visited the site, once.
        check!(hq, day(&hq, date!(2026 - 11 - 25)).await?.is_empty(), "not yet: 15 days ahead");
        let made = day(&hq, date!(2026 - 11 - 26)).await?;
        check!(hq, made.len() == 1, "{made:?}");
        check!(
            hq,
            made[0].due_on == date!(2026 - 12 - 10) && made[0].engineer.as_deref() == Some("王建国"),
            "{made:?}"
        );
        check!(hq, made[0].to_string().ends_with(" inspection 2026-12-10 HL37A-2023-000123 王建国"), "{}", made[0]);
        check!(hq, day(&hq, date!(2026 - 11 - 26)).await?.is_empty(), "the same day again");
        check!(hq, day(&hq, date!(2026 - 11 - 30)).await?.is_empty(), "a later day");

        // Moved to the 12th: December has its visit already.
        let id = plan["id"].as_str().ok_or("id")?.to_owned();
        let mut moved = contract.clone();
        moved["first_on"] = json!("2026-12-12");
        let (s, edited) = hq.call(Method::PUT, &format!("/api/v1/plans/{id}"), Some(&dispatcher), Some(moved)).await?;
        check!(hq, s == StatusCode::OK && edited["next_due"] == "2026-12-12", "{edited}");
        check!(hq, day(&hq, date!(2026 - 11 - 28)).await?.is_empty(), "no second December visit");

        // On the laptop, and in the month's planned visits, pending.
        let (_, pulled) = hq.call(Method::GET, "/api/v1/sync/pull?cursor=", Some(&token), None).await?;
        check!(hq, pulled.to_string().contains("计划巡检（2026-12）"), "the inspection is on the laptop");
        let (_, december) = hq.call(Method::GET, "/api/v1/plans/visits?month=2026-12", Some(&dispatcher), None).await?;
        check!(
            hq,
            december["tally"] == json!({"planned": 1, "done": 0, "late": 0, "missed": 0, "pending": 1}),
            "{december}"
        );
        let visit = &december["visits"][0];
        check!(
            hq,
            visit["engineer"] == "王建国" && visit["standing"] == "pending" && visit["due_on"] == "2026-12-10",
            "{visit}"
        );

        // The engineer does it; January's is made; February's passes undone and is missed.
        let inspection: JobId = visit["job_id"].as_str().ok_or("job")?.parse()?;
        let moves = [JobStatus::EnRoute, JobStatus::OnSite, JobStatus::Completed];
        let batch = moves.iter().enumerate().map(|(i, to)| mutation(i as i64 + 1, &transition(inspection, *to)));
        push(&hq, &token, &client, batch.collect::<Result<_, _>>()?).await?;
        check!(hq, day(&hq, date!(2027 - 01 - 01)).await?.len() == 1, "January's, on the 12th");
        check!(hq, day(&hq, date!(2027 - 02 - 01)).await?.len() == 1, "February's");
        let march = hq.at(datetime!(2027-03-01 02:00 UTC)).await?;
        let (_, plans) = march.call(Method::GET, "/api/v1/plans", Some(&dispatcher), None).await?;
        let tally = &plans[0]["tally"];
        check!(hq, tally["planned"] == 3 && tally["missed"] == 2 && tally["done"] == 1, "{plans}");
        let (_, feb) = march.call(Method::GET, "/api/v1/plans/visits?month=2027-02", Some(&dispatcher), None).await?;
        check!(hq, feb["visits"][0]["standing"] == "missed", "{feb}");

        // The system's monthly inspection report, in Chinese: December's done, February's missed.
        let equipment = equipment.as_str().ok_or("equipment")?;
        let report =
            |month: &str| format!("/api/v1/equipment/{equipment}/inspection-report.pdf?month={month}&language=zh-CN");
        let (s, pdf) =
            march.call_raw(Method::GET, &report("2026-12"), Some(&dispatcher), "application/json", vec![]).await?;
        check!(hq, s == StatusCode::OK && pdf.starts_with(b"%PDF"), "{s}");
        let text = pdf_text(&pdf)?;
        let number = visit["job_number"].as_str().ok_or("number")?;
        for said in
            ["月度巡检报告 2026-12", "HL37A-2023-000123", "济南恒丰机械制造有限公司", number, "已完成", "王建国"]
        {
            check!(hq, text.contains(said), "'{said}' in the December report: {text}");
        }
        let (_, pdf) =
            march.call_raw(Method::GET, &report("2027-02"), Some(&dispatcher), "application/json", vec![]).await?;
        check!(hq, pdf_text(&pdf)?.contains("漏检"), "February's inspection missed");
        let (s, _) =
            march.call_raw(Method::GET, &report("2027-13"), Some(&dispatcher), "application/json", vec![]).await?;
        check!(hq, s == StatusCode::UNPROCESSABLE_ENTITY, "not a month");

        // Ended: no more visits; those made stay.
        let (s, _) = hq.call(Method::DELETE, &format!("/api/v1/plans/{id}"), Some(&dispatcher), None).await?;
        check!(hq, s == StatusCode::NO_CONTENT, "removed");
        check!(hq, day(&hq, date!(2027 - 03 - 01)).await?.is_empty(), "no plan, no visit");
        let (_, feb) = march.call(Method::GET, "/api/v1/plans/visits?month=2027-02", Some(&dispatcher), None).await?;
        check!(hq, feb["visits"].as_array().map(Vec::len) == Some(1), "{feb}");
    }
    Ok(())
}

/// One piece of equipment at a customer's site, with a warranty to the end of 2028.
fn equipment(db: &Db) -> Result<EquipmentId, Box<dyn std::error::Error + Send + Sync>> {
    let (customer, site, equipment) = (CustomerId(Uuid::now_v7()), SiteId(Uuid::now_v7()), EquipmentId(Uuid::now_v7()));
    let c = json!({"name": "青岛港务局", "language": "zh-CN"});
    let s = json!({"customer_id": customer, "name": "前湾码头", "address": "青岛市黄岛区"});
    let e = json!({"site_id": site, "brand": "海康威视", "model": "DS-9632", "serial": "HK-9632-1", "warranty_end": "2028-12-31"});
    db.tx_blocking(|tx| {
        outpost_hq::dispatch::save_customer(tx, customer, &serde_json::from_value(c)?)?;
        outpost_hq::dispatch::save_site(tx, site, &serde_json::from_value(s)?)?;
        outpost_hq::dispatch::save_equipment(tx, equipment, &serde_json::from_value(e)?)?;
        Ok(())
    })?;
    Ok(equipment)
}

/// What a plan run may be asked to do next.
#[derive(Debug, Clone)]
enum Step {
    /// The day's work, `days` after the last run (0: the same day again).
    Run { days: i64 },
    /// HQ stops and starts again on the same files.
    Restart,
    /// The plan changed: every N months, from a first day `shift` days after the plan's start.
    Edit { every_months: i64, shift: i64, lead_days: i64 },
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        4 => (0i64..45).prop_map(|days| Step::Run { days }),
        1 => Just(Step::Restart),
        2 => (1i64..=6, -40i64..120, 0i64..=30).prop_map(|(every_months, shift, lead_days)| Step::Edit { every_months, shift, lead_days }),
    ]
}

fn plan_input(
    equipment: EquipmentId,
    every_months: i64,
    first_on: Date,
    lead_days: i64,
) -> outpost_wire::plans::PlanInput {
    outpost_wire::plans::PlanInput {
        equipment_id: equipment,
        job_type: outpost_wire::model::JobType::Inspection,
        every_months,
        first_on,
        until: Some(date!(2028 - 06 - 30)),
        lead_days: Some(lead_days),
        engineer_id: None,
    }
}

type Checked<T> = Result<T, TestCaseError>;

/// Any error as the failure of the case.
trait OrFail<T> {
    fn or_fail(self) -> Checked<T>;
}

impl<T, E: std::fmt::Display> OrFail<T> for Result<T, E> {
    fn or_fail(self) -> Checked<T> {
        self.map_err(|e| TestCaseError::fail(e.to_string()))
    }
}

/// The jobs made so far (the plan's only), by month: the day of each.
fn made(db: &Db) -> Checked<BTreeMap<String, Vec<Date>>> {
    let rows = db.tx_blocking(|tx| tx.query("SELECT scheduled_on FROM jobs ORDER BY scheduled_on", &[])).or_fail()?;
    let mut out: BTreeMap<String, Vec<Date>> = BTreeMap::new();
    for r in rows {
        let day = Date::parse(&r.text(0).or_fail()?, &time::format_description::well_known::Iso8601::DATE).or_fail()?;
        out.entry(visit_month(day)).or_default().push(day);
    }
    Ok(out)
}

fn count(made: &BTreeMap<String, Vec<Date>>) -> usize {
    made.values().map(Vec::len).sum()
}

fn check_runs(steps: Vec<Step>) -> Checked<()> {
    let dir = tempfile::tempdir().or_fail()?;
    let mut db = Db::open_sqlite(dir.path()).or_fail()?;
    let equipment = equipment(&db).or_fail()?;
    let start = date!(2026 - 12 - 04);
    let mut today = start;
    let input = plan_input(equipment, 1, start + Duration::days(9), 14);
    let id: PlanId = db.tx_blocking(|tx| outpost_hq::plans::create(tx, &input, start)).or_fail()?.plan.id;
    // Visits due after this day are each made once their lead reaches them: the latest visit
    // made when the plan last changed (the plan goes on after it).
    let mut floor: Option<Date> = None;
    // The last run since the plan last changed: what the plan as it stands has been run for.
    let mut ran_since_edit = None;
    for step in steps {
        match step {
            Step::Run { days } => {
                today += Duration::days(days);
                let before = count(&made(&db)?);
                let ran = outpost_hq::tick::run(&db, today, NOW).or_fail()?;
                prop_assert_eq!(count(&made(&db)?) - before, ran.jobs.len(), "each job made is reported");
                let again = outpost_hq::tick::run(&db, today, NOW).or_fail()?;
                prop_assert!(again.jobs.is_empty(), "a second run on {} made {:?}", today, again.jobs);
                ran_since_edit = Some(today);
            }
            Step::Restart => db = Db::open_sqlite(dir.path()).or_fail()?,
            Step::Edit { every_months, shift, lead_days } => {
                floor = made(&db)?.values().flatten().max().copied();
                let input = plan_input(equipment, every_months, start + Duration::days(shift), lead_days);
                db.tx_blocking(|tx| outpost_hq::plans::edit(tx, id, &input, today)).or_fail()?;
                ran_since_edit = None;
            }
        }
    }
    let made = made(&db)?;
    for (month, days) in &made {
        prop_assert_eq!(days.len(), 1, "one visit in {}: {:?}", month, days);
        prop_assert!(
            days[0] >= date!(2026 - 12 - 01) && days[0] <= date!(2028 - 06 - 30),
            "outside the plan: {}",
            days[0]
        );
    }
    // Every visit of the plan as it stands, due after the floor and within its lead of its last
    // run, has its month's visit.
    let Some(last_run) = ran_since_edit else { return Ok(()) };
    let listed = db.tx_blocking(|tx| outpost_hq::plans::list(tx, today, time::UtcOffset::UTC)).or_fail()?;
    let plan: outpost_domain::plan::Plan =
        listed.into_iter().next().ok_or_else(|| TestCaseError::fail("no plan"))?.plan.into();
    let horizon = last_run + Duration::days(i64::from(plan.lead_days));
    for due in plan.due_days().filter(|d| *d >= plan.since && *d <= horizon && floor.is_none_or(|f| *d > f)) {
        prop_assert!(made.contains_key(&visit_month(due)), "the visit due {} was not made: {:?}", due, made);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, failure_persistence: None, ..ProptestConfig::default() })]
    /// However the runs, restarts and edits interleave, each month has at most one visit and
    /// every visit the plan has due is made.
    #[test]
    fn plan_runs_make_every_due_visit_once(steps in prop::collection::vec(step(), 1..20)) {
        check_runs(steps)?;
    }
}
