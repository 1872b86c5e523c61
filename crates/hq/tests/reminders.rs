//! The day's reminders: a promise due today, a parts request three days from its limit, a unit
//! at the factory past its ten working days, a warranty and a paid maintenance contract ending
//! within three months — each on the day it comes due, soonest first.

mod common;

use axum::http::{Method, StatusCode};
use common::{NOW, TestResult, backends, mutation, push, transition, work_for};
use outpost_domain::change::Change;
use outpost_domain::ids::{JobId, PartsRequestId};
use outpost_domain::job::JobStatus;
use outpost_domain::part::FaultOrigin;
use outpost_domain::parts_request::PartsRequest;
use outpost_domain::report::ReportField;
use serde_json::{Value, json};
use time::macros::{date, datetime};
use uuid::Uuid;

async fn kinds(
    hq: &common::Hq,
    at: time::OffsetDateTime,
    dispatcher: &str,
) -> Result<Value, Box<dyn std::error::Error>> {
    let (s, listed) = hq.at(at).await?.call(Method::GET, "/api/v1/reminders", Some(dispatcher), None).await?;
    assert_eq!(s, StatusCode::OK, "{listed}");
    Ok(listed)
}

fn of<'a>(listed: &'a Value, kind: &str) -> Vec<&'a Value> {
    listed["reminders"].as_array().map(|r| r.iter().filter(|x| x["kind"] == kind).collect()).unwrap_or_default()
}

#[tokio::test]
async fn each_reminder_comes_on_its_day() -> TestResult {
    for hq in backends().await? {
        let dispatcher = hq.dispatcher().await?;
        let (engineer, client, token) = hq.enrolled("王建国").await?;
        let (job, part) = work_for(&hq, &dispatcher, &engineer).await?;
        let id: JobId = job.parse()?;
        let part: outpost_domain::part::Part = serde_json::from_value::<outpost_wire::model::Part>(part)?.into();
        let request = PartsRequest::new(PartsRequestId(Uuid::now_v7()), id, &part, 2, FaultOrigin::Quality, "", NOW)?;
        let result = Change::ReportFieldSet {
            job_id: id,
            revision: 1,
            field: ReportField::Result,
            value: "needs_factory_repair".into(),
            replaced: None,
        };
        let unresolved = Change::JobTransitioned {
            job_id: id,
            to: JobStatus::Unresolved,
            at: NOW,
            reason: Some("压缩机需返厂维修".into()),
            promised_on: Some(date!(2026 - 11 - 27)),
            unsigned: None,
        };
        let batch = vec![
            mutation(1, &transition(id, JobStatus::EnRoute))?,
            mutation(2, &transition(id, JobStatus::OnSite))?,
            mutation(3, &Change::PartsRequested { request })?,
            mutation(4, &result)?,
            mutation(5, &unresolved)?,
        ];
        let (s, answer) = push(&hq, &token, &client, batch).await?;
        check!(hq, s == StatusCode::OK, "{answer}");

        // A second machine at the site: its warranty ends in February, its paid contract later.
        let (_, page) = hq.call(Method::GET, &format!("/api/v1/jobs/{job}"), Some(&dispatcher), None).await?;
        let machine = json!({"site_id": page["job"]["site_id"], "brand": "宏力 Hongli", "model": "HL-55", "serial": "HL55-0042",
            "warranty_end": "2027-02-15"});
        let (s, machine) = hq.call(Method::POST, "/api/v1/equipment", Some(&dispatcher), Some(machine)).await?;
        check!(hq, s == StatusCode::CREATED, "{machine}");
        let plan = json!({"equipment_id": machine["id"], "job_type": "maintenance", "every_months": 6, "first_on": "2027-02-01",
            "until": "2027-02-20"});
        let (s, plan) = hq.call(Method::POST, "/api/v1/plans", Some(&dispatcher), Some(plan)).await?;
        check!(hq, s == StatusCode::CREATED, "{plan}");

        // The day of the visit: the warranty and the contract only.
        let listed = kinds(&hq, NOW, &dispatcher).await?;
        check!(hq, listed["today"] == "2026-11-23", "{listed}");
        let kinds_now: Vec<&str> =
            listed["reminders"].as_array().ok_or("list")?.iter().filter_map(|r| r["kind"].as_str()).collect();
        check!(hq, kinds_now == ["warranty_ending", "plan_ending"], "{listed}");
        let warranty = of(&listed, "warranty_ending")[0];
        check!(hq, warranty["due_on"] == "2027-02-15" && warranty["days_left"] == 84, "{warranty}");
        check!(hq, warranty["equipment"] == "宏力 Hongli HL-55 · HL55-0042", "{warranty}");
        check!(hq, warranty["customer"] == "济南恒丰机械制造有限公司", "{warranty}");
        check!(hq, of(&listed, "plan_ending")[0]["detail"] == "maintenance", "{listed}");

        // The promised day: the promise, first.
        let listed = kinds(&hq, datetime!(2026-11-27 02:00 UTC), &dispatcher).await?;
        let promise = &listed["reminders"][0];
        check!(hq, promise["kind"] == "promise_due" && promise["days_left"] == 0, "{listed}");
        check!(hq, promise["detail"] == "压缩机需返厂维修" && promise["engineer"] == "王建国", "{promise}");
        check!(hq, of(&listed, "parts_request").is_empty(), "twelve days left: {listed}");

        // Three days before the request's limit, and the unit at the factory past ten working days.
        let listed = kinds(&hq, datetime!(2026-12-05 02:00 UTC), &dispatcher).await?;
        let parts = of(&listed, "parts_request");
        check!(hq, parts.len() == 1 && parts[0]["due_on"] == "2026-12-08" && parts[0]["days_left"] == 3, "{listed}");
        check!(hq, parts[0]["detail"] == "MOT-0501 风扇电机 × 2", "{listed}");
        check!(hq, of(&listed, "factory_repair").is_empty(), "ten working days end on 7 December: {listed}");
        check!(hq, of(&listed, "promise_due")[0]["days_left"] == -8, "still owed: {listed}");
        let listed = kinds(&hq, datetime!(2026-12-08 02:00 UTC), &dispatcher).await?;
        let factory = of(&listed, "factory_repair");
        check!(
            hq,
            factory.len() == 1 && factory[0]["due_on"] == "2026-12-07" && factory[0]["days_left"] == -1,
            "{listed}"
        );
        check!(hq, factory[0]["equipment"] == "宏力 Hongli HL-37A · HL37A-2023-000123", "{listed}");
    }
    Ok(())
}
