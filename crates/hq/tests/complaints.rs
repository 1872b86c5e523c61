//! The register of complaints: a complaint about a job goes down to its engineer's laptop with
//! the job and follows it to its close, counts in the month's complaint rate, and is on the
//! overdue list once 24 hours pass with no reply. Compensation is the manager's to approve.

mod common;

use axum::http::{Method, StatusCode};
use common::{NOW, TestResult, backends, browse, mutation, person, push, sign_in, transition, work_for};
use outpost_domain::ids::JobId;
use outpost_domain::job::JobStatus;
use outpost_wire::people::Role;
use serde_json::{Value, json};
use time::Duration;

/// The complaints the laptop holds under `job`, from a pull from scratch.
async fn on_the_laptop(hq: &common::Hq, token: &str, job: &str) -> Result<Vec<Value>, Box<dyn std::error::Error>> {
    let (s, pulled) = hq.call(Method::GET, "/api/v1/sync/pull?cursor=", Some(token), None).await?;
    assert_eq!(s, StatusCode::OK, "{pulled}");
    let bundle = pulled["deltas"]
        .as_array()
        .ok_or("deltas")?
        .iter()
        .map(|d| &d["record"])
        .find(|r| r["type"] == "job" && r["data"]["job"]["id"] == job)
        .ok_or_else(|| format!("the job is not in the pull: {pulled}"))?;
    Ok(bundle["data"].get("complaints").and_then(Value::as_array).cloned().unwrap_or_default())
}

#[tokio::test]
async fn a_complaint_about_a_job_reaches_its_engineer_and_counts_in_the_rate() -> TestResult {
    for hq in backends().await? {
        let dispatcher = hq.dispatcher().await?;
        let (engineer, client, token) = hq.enrolled("王建国").await?;
        let (job, _) = work_for(&hq, &dispatcher, &engineer).await?;
        let id: JobId = job.parse()?;
        let moves = [JobStatus::EnRoute, JobStatus::OnSite, JobStatus::Completed];
        let batch = moves.iter().enumerate().map(|(i, to)| mutation(i as i64 + 1, &transition(id, *to)));
        let (s, pushed) = push(&hq, &token, &client, batch.collect::<Result<_, _>>()?).await?;
        check!(hq, s == StatusCode::OK, "{pushed}");

        let (_, page) = hq.call(Method::GET, &format!("/api/v1/jobs/{job}"), Some(&dispatcher), None).await?;
        let customer = page["job"]["customer_id"].clone();
        let (s, kpis) = hq.call(Method::GET, "/api/v1/kpis?month=2026-11", Some(&dispatcher), None).await?;
        check!(hq, s == StatusCode::OK && kpis["complaint"] == json!({"numerator": 0, "denominator": 1}), "{kpis}");

        let complaint = json!({"channel": "dealer", "customer_id": customer, "job_id": job,
            "category": "repair_quality", "text": "修完第二天又停机"});
        let (s, registered) = hq.call(Method::POST, "/api/v1/complaints", Some(&dispatcher), Some(complaint)).await?;
        check!(hq, s == StatusCode::CREATED, "{registered}");
        check!(
            hq,
            registered["engineer_id"] == engineer.as_str() && registered["engineer"] == "王建国",
            "{registered}"
        );
        check!(hq, registered["stage"] == "received" && registered["overdue"] == false, "{registered}");
        let complaint_id = registered["id"].as_str().ok_or("id")?.to_owned();

        let (s, kpis) = hq.call(Method::GET, "/api/v1/kpis?month=2026-11", Some(&dispatcher), None).await?;
        check!(hq, s == StatusCode::OK && kpis["complaint"] == json!({"numerator": 1, "denominator": 1}), "{kpis}");

        let held = on_the_laptop(&hq, &token, &job).await?;
        check!(
            hq,
            held.len() == 1 && held[0]["text"] == "修完第二天又停机" && held[0]["closure"].is_null(),
            "{held:?}"
        );

        let path = |step: &str| format!("/api/v1/complaints/{complaint_id}/{step}");
        let (s, handled) =
            hq.call(Method::POST, &path("handling"), Some(&dispatcher), Some(json!({"text": "已安排复查"}))).await?;
        check!(hq, s == StatusCode::OK && handled["stage"] == "handling", "{handled}");
        let close = json!({"customer_answer": "复查后正常，认可", "accepted": true});
        let (s, closed) = hq.call(Method::POST, &path("close"), Some(&dispatcher), Some(close)).await?;
        check!(hq, s == StatusCode::OK && closed["stage"] == "closed", "{closed}");
        let held = on_the_laptop(&hq, &token, &job).await?;
        check!(hq, held.len() == 1 && held[0]["closure"]["customer_answer"] == "复查后正常，认可", "{held:?}");
        check!(hq, held[0]["handling"][0]["text"] == "已安排复查", "{held:?}");

        let (_, open) = hq.call(Method::GET, "/api/v1/complaints", Some(&dispatcher), None).await?;
        check!(hq, open == json!([]), "closed is not open: {open}");
        let (_, of_job) = hq
            .call(Method::GET, &format!("/api/v1/complaints?state=all&job_id={job}"), Some(&dispatcher), None)
            .await?;
        check!(hq, of_job.as_array().map(Vec::len) == Some(1), "{of_job}");
    }
    Ok(())
}

#[tokio::test]
async fn a_complaint_unanswered_for_24_hours_is_on_the_overdue_list_until_someone_replies() -> TestResult {
    for hq in backends().await? {
        let dispatcher = hq.dispatcher().await?;
        let (engineer, _, _) = hq.enrolled("王建国").await?;
        let (job, _) = work_for(&hq, &dispatcher, &engineer).await?;
        let (_, page) = hq.call(Method::GET, &format!("/api/v1/jobs/{job}"), Some(&dispatcher), None).await?;
        let customer = page["job"]["customer_id"].clone();
        let complaint = json!({"received_at": "2026-11-23T01:00:00Z", "channel": "phone", "customer_id": customer,
            "category": "response", "text": "报修两天没人来"});
        let (s, registered) = hq.call(Method::POST, "/api/v1/complaints", Some(&dispatcher), Some(complaint)).await?;
        check!(hq, s == StatusCode::CREATED && registered["engineer"].is_null(), "no job named: {registered}");
        check!(hq, registered["reply_due"] == "2026-11-24T01:00:00Z", "{registered}");
        let (_, overdue) = hq.call(Method::GET, "/api/v1/complaints?state=overdue", Some(&dispatcher), None).await?;
        check!(hq, overdue == json!([]), "23 hours left: {overdue}");

        let later = hq.at(NOW + Duration::hours(24)).await?;
        let (_, overdue) = later.call(Method::GET, "/api/v1/complaints?state=overdue", Some(&dispatcher), None).await?;
        check!(hq, overdue.as_array().map(Vec::len) == Some(1) && overdue[0]["overdue"] == true, "{overdue}");
        let id = overdue[0]["id"].as_str().ok_or("id")?;
        let reply = json!({"text": "已致歉，今天下午上门"});
        let (s, handled) = later
            .call(Method::POST, &format!("/api/v1/complaints/{id}/handling"), Some(&dispatcher), Some(reply))
            .await?;
        check!(hq, s == StatusCode::OK && handled["replied_in_time"] == false, "a late reply stays late: {handled}");
        let (_, overdue) = later.call(Method::GET, "/api/v1/complaints?state=overdue", Some(&dispatcher), None).await?;
        check!(hq, overdue == json!([]), "replied: {overdue}");

        // Compensation is the manager's: a dispatcher's session is refused, a manager's kept.
        let give = json!({"model": "HL-37A 空气滤芯", "quantity": 2, "amount": {"minor": 36000, "currency": "CNY"}});
        let path = format!("/api/v1/complaints/{id}/compensation");
        for (name, role, expected) in
            [("张调", Role::Dispatcher, StatusCode::FORBIDDEN), ("刘经", Role::Manager, StatusCode::OK)]
        {
            let once = person(&hq, name, role).await?;
            let (cookie, session) = sign_in(&hq.app, name, &once).await?;
            let csrf = session["csrf"].as_str().ok_or("csrf")?.to_owned();
            let change = json!({"password": once, "new_password": format!("{name} 的密码 2026 年")});
            browse(&hq.app, Method::PUT, "/api/v1/session/password", Some(&cookie), Some(&csrf), Some(change)).await?;
            let (s, _, answer) =
                browse(&hq.app, Method::POST, &path, Some(&cookie), Some(&csrf), Some(give.clone())).await?;
            check!(hq, s == expected, "{name}: {s} {answer}");
            if s == StatusCode::OK {
                check!(hq, answer["compensation"]["approved_by"] == name, "{answer}");
            }
        }
    }
    Ok(())
}

#[tokio::test]
async fn a_complaint_names_only_the_customers_own_job() -> TestResult {
    for hq in backends().await? {
        let dispatcher = hq.dispatcher().await?;
        let (engineer, _, _) = hq.enrolled("王建国").await?;
        let (job, _) = work_for(&hq, &dispatcher, &engineer).await?;
        let (s, other) =
            hq.call(Method::POST, "/api/v1/customers", Some(&dispatcher), Some(json!({"name": "另一家公司"}))).await?;
        check!(hq, s == StatusCode::CREATED, "{other}");
        let complaint = json!({"channel": "letter", "customer_id": other["id"], "job_id": job,
            "category": "charges", "text": "收费太高"});
        let (s, refused) = hq.call(Method::POST, "/api/v1/complaints", Some(&dispatcher), Some(complaint)).await?;
        check!(hq, s == StatusCode::UNPROCESSABLE_ENTITY && refused["field"] == "job_id", "{refused}");
        let (_, all) = hq.call(Method::GET, "/api/v1/complaints?state=all", Some(&dispatcher), None).await?;
        check!(hq, all == json!([]), "nothing kept: {all}");
    }
    Ok(())
}
