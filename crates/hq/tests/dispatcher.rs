//! What the dispatcher meets at HQ, end to end through the router: jobs left unsigned, job
//! numbers after the demo, the audit log, tokens, customers read and written back, files too
//! large, and what creating and assigning a job leaves behind.

mod common;

use axum::http::{Method, StatusCode};
use common::{NOW, TestResult, backends, blocking, mutation, push, transition, work_for};
use outpost_domain::change::Change;
use outpost_domain::ids::JobId;
use outpost_domain::job::JobStatus;
use serde_json::{Value, json};

#[tokio::test]
async fn a_visit_left_unsigned_reaches_the_dispatcher_as_an_alert_with_its_reason() -> TestResult {
    use outpost_domain::job::{LeftUnsigned, UnsignedReason};
    for hq in backends().await? {
        let dispatcher = hq.dispatcher().await?;
        let (engineer, client, token) = hq.enrolled("王建国").await?;
        let (job, _) = work_for(&hq, &dispatcher, &engineer).await?;
        let id: JobId = job.parse()?;
        let declared =
            LeftUnsigned { reason: UnsignedReason::CustomerRefused, note: Some("对收费有异议".into()) };
        let leave = |unsigned| Change::JobTransitioned {
            job_id: id,
            to: JobStatus::Departed,
            at: NOW,
            reason: None,
            promised_on: None,
            unsigned,
        };
        let batch = vec![
            mutation(1, &transition(id, JobStatus::EnRoute))?,
            mutation(2, &transition(id, JobStatus::OnSite))?,
            mutation(3, &transition(id, JobStatus::Completed))?,
            mutation(4, &leave(None))?,
            mutation(5, &leave(Some(declared)))?,
        ];
        let (s, answer) = push(&hq, &token, &client, batch).await?;
        check!(hq, s == StatusCode::OK, "{answer}");
        let outcomes: Vec<&Value> =
            answer["results"].as_array().ok_or("results")?.iter().map(|r| &r["outcome"]).collect();
        check!(hq, outcomes == ["applied", "applied", "applied", "rejected", "applied"], "{answer}");
        check!(hq, answer["results"][3]["refusal"]["code"] == "unsigned_departure", "{answer}");
        let (_, shown) = hq.call(Method::GET, &format!("/api/v1/jobs/{job}"), Some(&dispatcher), None).await?;
        check!(hq, shown["job"]["status"] == "departed", "{shown}");
        check!(hq, shown["job"]["left_unsigned"]["reason"] == "customer_refused", "{shown}");
        let (s, closed) = hq.call(Method::POST, &format!("/api/v1/jobs/{job}/close"), Some(&dispatcher), None).await?;
        check!(hq, s == StatusCode::OK, "a declared departure can be closed: {closed}");
    }
    Ok(())
}

#[tokio::test]
async fn after_seeding_the_demo_new_jobs_get_numbers_of_their_own_in_every_month() -> TestResult {
    for hq in backends().await? {
        let db = hq.db.clone();
        blocking(move || Ok(outpost_hq::admin::seed_demo(&db, 120, NOW)?)).await?;
        let dispatcher = hq.dispatcher().await?;
        let (_, listed) = hq.call(Method::GET, "/api/v1/jobs?limit=1000", Some(&dispatcher), None).await?;
        let jobs = listed.as_array().ok_or("jobs")?;
        let mut months: Vec<String> =
            jobs.iter().filter_map(|j| j["scheduled_on"].as_str().map(|d| d[..7].to_owned())).collect();
        months.sort();
        months.dedup();
        check!(hq, months.len() >= 2, "the demo spans months: {months:?}");
        let site = jobs[0]["site_id"].clone();
        let mut numbers: Vec<String> = jobs.iter().filter_map(|j| j["number"].as_str().map(str::to_owned)).collect();
        for month in &months {
            for _ in 0..3 {
                let (s, job) = hq
                    .call(
                        Method::POST,
                        "/api/v1/jobs",
                        Some(&dispatcher),
                        Some(json!({"job_type": "repair", "site_id": site, "reported_fault": "不制冷", "scheduled_on": format!("{month}-15")})),
                    )
                    .await?;
                check!(hq, s == StatusCode::CREATED, "{month}: {job}");
                numbers.push(job["number"].as_str().ok_or("number")?.to_owned());
            }
        }
        let all = numbers.len();
        numbers.sort();
        numbers.dedup();
        check!(hq, numbers.len() == all, "every number once");
    }
    Ok(())
}

#[tokio::test]
async fn the_audit_log_pages_newest_first_with_rfc3339_times() -> TestResult {
    for hq in backends().await? {
        let dispatcher = hq.dispatcher().await?;
        let (engineer, client, token) = hq.enrolled("王建国").await?;
        let (job, _) = work_for(&hq, &dispatcher, &engineer).await?;
        let id: JobId = job.parse()?;
        let batch = vec![
            mutation(1, &transition(id, JobStatus::EnRoute))?,
            mutation(2, &transition(id, JobStatus::OnSite))?,
            mutation(3, &transition(id, JobStatus::Closed))?,
        ];
        let (s, _) = push(&hq, &token, &client, batch).await?;
        check!(hq, s == StatusCode::OK, "pushed");
        let (_, first) = hq.call(Method::GET, "/api/v1/audit?limit=2", Some(&dispatcher), None).await?;
        let first = first.as_array().ok_or("entries")?.clone();
        check!(hq, first.len() == 2, "{first:?}");
        check!(hq, first[0]["outcome"] == "rejected" && first[1]["outcome"] == "applied", "newest first: {first:?}");
        let at = first[0]["at"].as_str().ok_or("at as text")?;
        check!(hq, time::OffsetDateTime::parse(at, &time::format_description::well_known::Rfc3339).is_ok(), "{at}");
        let last = first[1]["id"].as_i64().ok_or("id")?;
        let (_, rest) =
            hq.call(Method::GET, &format!("/api/v1/audit?limit=2&before={last}"), Some(&dispatcher), None).await?;
        let rest = rest.as_array().ok_or("entries")?;
        check!(
            hq,
            rest.len() == 2 && rest[0]["mutation_id"] == 1 && rest[1]["kind"] == "job_created",
            "the page after, down to the job's creation: {rest:?}"
        );
        let (s, _) = hq.call(Method::GET, "/api/v1/audit?limit=0", Some(&dispatcher), None).await?;
        check!(hq, s == StatusCode::UNPROCESSABLE_ENTITY, "a limit of 0 is refused");
    }
    Ok(())
}

#[tokio::test]
async fn a_made_up_token_is_unknown_whatever_it_starts_with() -> TestResult {
    for hq in backends().await? {
        let (s, body) = hq.call(Method::GET, "/api/v1/sync/pull", Some("odp_made_up"), None).await?;
        check!(hq, s == StatusCode::UNAUTHORIZED, "{body}");
        let (s, body) = hq.call(Method::GET, "/api/v1/jobs", Some("odv_made_up"), None).await?;
        check!(hq, s == StatusCode::UNAUTHORIZED, "{body}");
        let dispatcher = hq.dispatcher().await?;
        let (s, _) = hq.call(Method::GET, "/api/v1/sync/pull", Some(&dispatcher), None).await?;
        check!(hq, s == StatusCode::FORBIDDEN, "a real dispatcher token is still the wrong kind for sync");
    }
    Ok(())
}

#[tokio::test]
async fn a_customer_read_back_can_be_written_back_as_it_is() -> TestResult {
    for hq in backends().await? {
        let dispatcher = hq.dispatcher().await?;
        let (engineer, _, _) = hq.enrolled("王建国").await?;
        work_for(&hq, &dispatcher, &engineer).await?;
        let (_, customers) = hq.call(Method::GET, "/api/v1/customers", Some(&dispatcher), None).await?;
        let id = customers[0]["id"].as_str().ok_or("a customer")?.to_owned();
        let path = format!("/api/v1/customers/{id}");
        let (_, mut read) = hq.call(Method::GET, &path, Some(&dispatcher), None).await?;
        read["notes"] = json!("每周三上午不接待");
        let (s, written) = hq.call(Method::PUT, &path, Some(&dispatcher), Some(read.clone())).await?;
        check!(hq, s == StatusCode::OK, "GET → PUT round trip: {written}");
        check!(hq, written["notes"] == "每周三上午不接待" && written["contacts"] == read["contacts"], "{written}");
        let mut other = read.clone();
        other["id"] = json!("0190a000-0000-7000-8000-000000000000");
        let (s, _) = hq.call(Method::PUT, &path, Some(&dispatcher), Some(other)).await?;
        check!(hq, s == StatusCode::UNPROCESSABLE_ENTITY, "the body's id must be the path's");
    }
    Ok(())
}

#[tokio::test]
async fn a_file_too_large_is_refused_in_the_one_error_shape() -> TestResult {
    for hq in backends().await? {
        let (_, _, token) = hq.enrolled("王建国").await?;
        let sha = "ab".repeat(32);
        for size in [outpost_wire::limits::MAX_BLOB_BYTES + 1, outpost_wire::limits::MAX_BLOB_BYTES + 4096] {
            let (s, body) = hq
                .call_raw(Method::PUT, &format!("/api/v1/blobs/{sha}"), Some(&token), "image/png", vec![0u8; size])
                .await?;
            check!(hq, s == StatusCode::PAYLOAD_TOO_LARGE, "{size} bytes: {s}");
            let answer: Value = serde_json::from_slice(&body)?;
            check!(hq, answer["code"] == "too_large" && answer["field"] == "body", "{size} bytes: {answer}");
        }
    }
    Ok(())
}

#[tokio::test]
async fn creating_and_first_assigning_a_job_are_on_the_job_and_in_the_audit_log() -> TestResult {
    for hq in backends().await? {
        let dispatcher = hq.dispatcher().await?;
        let (engineer, _, _) = hq.enrolled("王建国").await?;
        let (assigned, _) = work_for(&hq, &dispatcher, &engineer).await?;
        let (_, shown) = hq.call(Method::GET, &format!("/api/v1/jobs/{assigned}"), Some(&dispatcher), None).await?;
        let note = shown["events"][0]["note"].as_str().unwrap_or_default().to_owned();
        check!(hq, note.starts_with("created as J") && note.ends_with("assigned to 王建国"), "{shown}");
        let site = shown["job"]["site_id"].clone();
        let (s, open) = hq
            .call(
                Method::POST,
                "/api/v1/jobs",
                Some(&dispatcher),
                Some(json!({"job_type": "repair", "site_id": site, "reported_fault": "漏油", "scheduled_on": "2026-11-24"})),
            )
            .await?;
        check!(hq, s == StatusCode::CREATED, "{open}");
        let id = open["id"].as_str().ok_or("id")?.to_owned();
        let (s, _) = hq
            .call(
                Method::POST,
                &format!("/api/v1/jobs/{id}/assign"),
                Some(&dispatcher),
                Some(json!({"engineer_id": engineer})),
            )
            .await?;
        check!(hq, s == StatusCode::OK, "assigned");
        let (_, audit) = hq.call(Method::GET, &format!("/api/v1/audit?job_id={id}"), Some(&dispatcher), None).await?;
        let kinds: Vec<&str> = audit.as_array().ok_or("entries")?.iter().filter_map(|e| e["kind"].as_str()).collect();
        check!(hq, kinds == ["job_assigned", "job_created"], "newest first: {audit}");
        check!(
            hq,
            audit[0]["actor"] == "token:admin" && audit[0]["new"] == "assigned to 王建国",
            "the token's name: {audit}"
        );
    }
    Ok(())
}
