//! The callback queue fills by itself: the month's sample of each engineer's completed jobs
//! (once, however often the day's work runs) and the customers' quarterly plans; a callback
//! is sent to an engineer as a callback job on their laptop; the share sampled is the
//! manager's.

mod common;

use axum::http::{Method, StatusCode};
use common::{NOW, TestResult, backends, blocking, mutation, push, transition, work_for};
use outpost_domain::ids::JobId;
use outpost_domain::job::JobStatus;
use serde_json::{Value, json};
use time::macros::date;

async fn day(hq: &common::Hq, today: time::Date) -> Result<usize, Box<dyn std::error::Error>> {
    let db = hq.db.clone();
    Ok(blocking(move || Ok(outpost_hq::tick::run(&db, today, NOW)?)).await?.callbacks)
}

async fn queue(hq: &common::Hq, dispatcher: &str) -> Result<Value, Box<dyn std::error::Error>> {
    let (s, listed) = hq.call(Method::GET, "/api/v1/callbacks", Some(dispatcher), None).await?;
    assert_eq!(s, StatusCode::OK, "{listed}");
    Ok(listed)
}

#[tokio::test]
async fn the_months_sample_and_the_quarterly_plans_are_queued_once() -> TestResult {
    for hq in backends().await? {
        let dispatcher = hq.dispatcher().await?;
        let (engineer, client, token) = hq.enrolled("王建国").await?;
        let (job, _) = work_for(&hq, &dispatcher, &engineer).await?;
        let id: JobId = job.parse()?;
        let moves = [JobStatus::EnRoute, JobStatus::OnSite, JobStatus::Completed];
        let batch = moves.iter().enumerate().map(|(i, to)| mutation(i as i64 + 1, &transition(id, *to)));
        push(&hq, &token, &client, batch.collect::<Result<_, _>>()?).await?;

        // November's jobs are sampled in December; every one at 100 %.
        let (s, _) = hq
            .call(Method::PUT, "/api/v1/callback-policy", Some(&dispatcher), Some(json!({"sample_percent": 101})))
            .await?;
        check!(hq, s == StatusCode::UNPROCESSABLE_ENTITY, "a share over 100 %");
        let (s, _) = hq
            .call(Method::PUT, "/api/v1/callback-policy", Some(&dispatcher), Some(json!({"sample_percent": 100})))
            .await?;
        check!(hq, s == StatusCode::OK, "the share set");
        check!(hq, day(&hq, date!(2026 - 11 - 30)).await? == 0, "October had nothing to sample");
        check!(hq, day(&hq, date!(2026 - 12 - 03)).await? == 1, "November's one completed job");
        check!(hq, day(&hq, date!(2026 - 12 - 03)).await? == 0, "sampled once");
        let listed = queue(&hq, &dispatcher).await?;
        check!(hq, listed.as_array().map(Vec::len) == Some(1), "{listed}");
        let sampled = &listed[0];
        check!(hq, sampled["reason"] == json!({"kind": "sampled", "month": "2026-11"}), "{sampled}");
        check!(hq, sampled["job_id"] == job.as_str() && sampled["engineer"] == "王建国", "{sampled}");
        check!(hq, sampled["stage"] == "queued" && sampled["outcome"].is_null(), "{sampled}");

        // A quarterly plan in the third month of each quarter: due in December, once.
        let customer = sampled["customer_id"].as_str().ok_or("customer")?.to_owned();
        let plan = format!("/api/v1/customers/{customer}/callback-plan");
        let (s, refused) = hq.call(Method::PUT, &plan, Some(&dispatcher), Some(json!({"month_of_quarter": 4}))).await?;
        check!(hq, s == StatusCode::UNPROCESSABLE_ENTITY && refused["field"] == "month_of_quarter", "{refused}");
        hq.call(Method::PUT, &plan, Some(&dispatcher), Some(json!({"month_of_quarter": 3}))).await?;
        check!(hq, day(&hq, date!(2026 - 12 - 03)).await? == 1, "the quarter's callback");
        check!(hq, day(&hq, date!(2026 - 12 - 20)).await? == 0, "once a quarter");
        let listed = queue(&hq, &dispatcher).await?;
        let planned =
            listed.as_array().and_then(|l| l.iter().find(|c| c["reason"]["kind"] == "planned")).ok_or("planned")?;
        check!(hq, planned["reason"]["quarter"] == "2026-Q4" && planned["due_on"] == "2026-12-01", "{planned}");
        check!(hq, planned["job_id"].is_null(), "a customer's callback, no job: {planned}");
    }
    Ok(())
}

#[tokio::test]
async fn a_callback_sent_as_a_visit_becomes_the_engineers_callback_job() -> TestResult {
    for hq in backends().await? {
        let dispatcher = hq.dispatcher().await?;
        let (engineer, client, token) = hq.enrolled("王建国").await?;
        let (job, _) = work_for(&hq, &dispatcher, &engineer).await?;
        let id: JobId = job.parse()?;
        let moves = [JobStatus::EnRoute, JobStatus::OnSite, JobStatus::Completed];
        let batch = moves.iter().enumerate().map(|(i, to)| mutation(i as i64 + 1, &transition(id, *to)));
        push(&hq, &token, &client, batch.collect::<Result<_, _>>()?).await?;
        hq.call(Method::PUT, "/api/v1/callback-policy", Some(&dispatcher), Some(json!({"sample_percent": 100})))
            .await?;
        day(&hq, date!(2026 - 12 - 01)).await?;
        let callback = queue(&hq, &dispatcher).await?[0]["id"].as_str().ok_or("id")?.to_owned();

        let send = json!({"engineer_id": engineer, "scheduled_on": "2026-12-02"});
        let path = format!("/api/v1/callbacks/{callback}/visit");
        let (s, sent) = hq.call(Method::POST, &path, Some(&dispatcher), Some(send.clone())).await?;
        check!(hq, s == StatusCode::OK && sent["stage"] == "following", "{sent}");
        check!(hq, sent["follow_up"]["job_type"] == "callback" && sent["follow_up"]["status"] == "assigned", "{sent}");
        let visit = sent["follow_up"]["id"].as_str().ok_or("visit")?;
        let (_, page) = hq.call(Method::GET, &format!("/api/v1/jobs/{visit}"), Some(&dispatcher), None).await?;
        check!(hq, page["job"]["previous_visit"] == job.as_str(), "continues the visit: {page}");
        check!(hq, page["job"]["reported_fault"] == "回访：了解上次服务情况", "in the customer's words: {page}");
        let (_, pulled) = hq.call(Method::GET, "/api/v1/sync/pull?cursor=", Some(&token), None).await?;
        check!(hq, pulled.to_string().contains(visit), "on the engineer's laptop");

        let (s, again) = hq.call(Method::POST, &path, Some(&dispatcher), Some(send)).await?;
        check!(hq, s == StatusCode::UNPROCESSABLE_ENTITY, "sent once: {again}");
        let (_, open) = hq.call(Method::GET, "/api/v1/callbacks?state=done", Some(&dispatcher), None).await?;
        check!(hq, open == json!([]), "not done while the visit is open: {open}");
    }
    Ok(())
}
