//! An unresolved visit followed through at HQ: listed with its reason and promise, moved to the
//! promised date, continued by a linked second visit, and off the open list once that visit
//! finished the work.

mod common;

use axum::http::{Method, StatusCode};
use common::{NOW, TestResult, backends, mutation, push, transition};
use outpost_domain::change::Change;
use outpost_domain::ids::JobId;
use outpost_domain::job::JobStatus;
use serde_json::{Value, json};
use time::macros::date;

#[tokio::test]
async fn an_unresolved_visit_is_listed_rescheduled_and_continued_until_its_promise_is_kept() -> TestResult {
    for hq in backends().await? {
        let dispatcher = hq.dispatcher().await?;
        let (engineer, client, token) = hq.enrolled("王建国").await?;
        let (job, _) = common::work_for(&hq, &dispatcher, &engineer).await?;
        let id: JobId = job.parse()?;
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
            mutation(3, &unresolved)?,
        ];
        let (s, answer) = push(&hq, &token, &client, batch).await?;
        check!(hq, s == StatusCode::OK, "{answer}");

        // Listed for HQ's written report, overdue once the promised day has passed.
        let (s, open) = hq.call(Method::GET, "/api/v1/unresolved", Some(&dispatcher), None).await?;
        check!(hq, s == StatusCode::OK && open.as_array().is_some_and(|a| a.len() == 1), "{open}");
        let promise = &open[0];
        check!(hq, promise["number"].as_str().is_some_and(|n| n.starts_with('J')), "{promise}");
        check!(hq, promise["reason"] == "压缩机需返厂维修" && promise["promised_on"] == "2026-11-27", "{promise}");
        check!(hq, promise["engineer"] == "王建国" && promise["customer"] == "济南恒丰机械制造有限公司", "{promise}");
        check!(hq, promise["overdue"] == (NOW.date() > date!(2026 - 11 - 27)), "{promise}");
        check!(hq, promise["follow_up"].is_null(), "{promise}");
        let (s, bad) = hq.call(Method::GET, "/api/v1/unresolved?state=late", Some(&dispatcher), None).await?;
        check!(hq, s == StatusCode::UNPROCESSABLE_ENTITY && bad["field"] == "state", "{bad}");

        // Moved to the promised date: an event on the job, which its laptop receives.
        let (_, shown) = hq.call(Method::GET, &format!("/api/v1/jobs/{job}"), Some(&dispatcher), None).await?;
        let update = json!({"reported_fault": shown["job"]["reported_fault"], "scheduled_on": "2026-11-27", "severity": "common"});
        let (s, moved) = hq.call(Method::PUT, &format!("/api/v1/jobs/{job}"), Some(&dispatcher), Some(update)).await?;
        check!(hq, s == StatusCode::OK && moved["scheduled_on"] == "2026-11-27", "{moved}");
        check!(hq, moved["status"] == "unresolved", "still waiting for its second visit: {moved}");
        let (_, shown) = hq.call(Method::GET, &format!("/api/v1/jobs/{job}"), Some(&dispatcher), None).await?;
        let notes: Vec<&str> =
            shown["events"].as_array().ok_or("events")?.iter().filter_map(|e| e["note"].as_str()).collect();
        check!(hq, notes.iter().any(|n| n.contains("to 2026-11-27")), "{notes:?}");

        // A linked second visit, for the same customer only.
        let second = |previous: &Value| {
            json!({"job_type": "repair", "site_id": shown["job"]["site_id"], "engineer_id": engineer,
                   "reported_fault": "返厂压缩机回装", "scheduled_on": "2026-11-27", "previous_visit": previous})
        };
        let (s, other) = hq
            .call(Method::POST, "/api/v1/jobs", Some(&dispatcher), Some(second(&json!(JobId(uuid::Uuid::now_v7())))))
            .await?;
        check!(hq, s == StatusCode::UNPROCESSABLE_ENTITY && other["field"] == "previous_visit", "{other}");
        let (s, follow) = hq.call(Method::POST, "/api/v1/jobs", Some(&dispatcher), Some(second(&json!(job)))).await?;
        check!(hq, s == StatusCode::CREATED && follow["previous_visit"] == job.as_str(), "{follow}");
        let (_, open) = hq.call(Method::GET, "/api/v1/unresolved", Some(&dispatcher), None).await?;
        check!(hq, open[0]["follow_up"]["number"] == follow["number"], "the promise shows its follow-up: {open}");

        // The second visit finishes the work: the promise is kept, off the open list.
        let follow_id: JobId = follow["id"].as_str().ok_or("id")?.parse()?;
        let batch = vec![
            mutation(4, &transition(follow_id, JobStatus::EnRoute))?,
            mutation(5, &transition(follow_id, JobStatus::OnSite))?,
            mutation(6, &transition(follow_id, JobStatus::Completed))?,
        ];
        let (_, answer) = push(&hq, &token, &client, batch).await?;
        check!(
            hq,
            answer["results"].as_array().is_some_and(|r| r.iter().all(|m| m["outcome"] == "applied")),
            "{answer}"
        );
        let (_, open) = hq.call(Method::GET, "/api/v1/unresolved", Some(&dispatcher), None).await?;
        check!(hq, open.as_array().is_some_and(|a| a.is_empty()), "{open}");
        let (_, all) = hq.call(Method::GET, "/api/v1/unresolved?state=all", Some(&dispatcher), None).await?;
        check!(hq, all[0]["follow_up"]["status"] == "completed" && all[0]["overdue"] == false, "{all}");
    }
    Ok(())
}

#[tokio::test]
async fn a_finished_job_still_cannot_be_rescheduled() -> TestResult {
    for hq in backends().await? {
        let dispatcher = hq.dispatcher().await?;
        let (engineer, client, token) = hq.enrolled("李工").await?;
        let (job, _) = common::work_for(&hq, &dispatcher, &engineer).await?;
        let id: JobId = job.parse()?;
        let batch = vec![
            mutation(1, &transition(id, JobStatus::EnRoute))?,
            mutation(2, &transition(id, JobStatus::OnSite))?,
            mutation(3, &transition(id, JobStatus::Completed))?,
        ];
        push(&hq, &token, &client, batch).await?;
        let update = json!({"reported_fault": "不制冷", "scheduled_on": "2026-11-30", "severity": "common"});
        let (s, refused) =
            hq.call(Method::PUT, &format!("/api/v1/jobs/{job}"), Some(&dispatcher), Some(update)).await?;
        check!(hq, s == StatusCode::UNPROCESSABLE_ENTITY && refused["field"] == "status", "{refused}");
    }
    Ok(())
}
