//! What people do, not networks: a laptop folder restored from a backup or copied, an
//! enrollment whose answer was lost, a guessed code, a date typed with the wrong year.

mod common;

use axum::http::{Method, StatusCode};
use common::{Hq, TestResult, backends, mutation, push, transition, work_for};
use outpost_domain::change::Change;
use outpost_domain::ids::JobId;
use outpost_domain::job::JobStatus;
use outpost_domain::report::ReportField;
use serde_json::{Value, json};

fn field(job: JobId, value: &str) -> Change {
    Change::ReportFieldSet {
        job_id: job,
        revision: 1,
        field: ReportField::FaultCause,
        value: value.into(),
        replaced: None,
    }
}

fn with_digest(id: i64, change: &Change, digest: &str) -> Result<Value, serde_json::Error> {
    let mut m = mutation(id, change)?;
    m["digest"] = json!(digest);
    Ok(m)
}

async fn fault_cause(hq: &Hq, dispatcher: &str, job: JobId) -> Result<Value, Box<dyn std::error::Error>> {
    let (_, bundle) = hq.call(Method::GET, &format!("/api/v1/jobs/{job}"), Some(dispatcher), None).await?;
    Ok(bundle["report"]["fault_cause"].clone())
}

#[tokio::test]
async fn another_change_under_a_seen_number_is_a_restored_copy_that_takes_a_new_client_id() -> TestResult {
    for hq in backends().await? {
        let dispatcher = hq.dispatcher().await?;
        let (engineer, client, token) = hq.enrolled("王建国").await?;
        let job: JobId = work_for(&hq, &dispatcher, &engineer).await?.0.parse()?;
        let first = vec![
            with_digest(1, &transition(job, JobStatus::EnRoute), "d1")?,
            with_digest(2, &field(job, "原机的判断"), "d2")?,
        ];
        let (s, applied) = push(&hq, &token, &client, first.clone()).await?;
        check!(hq, s == StatusCode::OK && applied["last_mutation_id"] == 2, "{applied}");

        // A retry (same numbers, same digests) is a duplicate, as before.
        let (_, retry) = push(&hq, &token, &client, first).await?;
        check!(hq, retry["results"][1]["outcome"] == "duplicate", "{retry}");

        // The folder restored from a backup taken after change 1: its own next change is 2 again.
        let restored = vec![
            with_digest(1, &transition(job, JobStatus::EnRoute), "d1")?,
            with_digest(2, &field(job, "恢复后的判断"), "other")?,
            with_digest(3, &transition(job, JobStatus::OnSite), "d3")?,
        ];
        let (s, copy) = push(&hq, &token, &client, restored).await?;
        check!(hq, s == StatusCode::OK, "{copy}");
        let outcomes: Vec<&str> =
            copy["results"].as_array().ok_or("results")?.iter().filter_map(|r| r["outcome"].as_str()).collect();
        check!(hq, outcomes == ["duplicate", "restored_copy", "restored_copy"], "{copy}");
        check!(hq, copy["last_mutation_id"] == 1, "only the true retry counts as processed: {copy}");
        check!(hq, fault_cause(&hq, &dispatcher, job).await? == "原机的判断", "nothing of the copy was applied");

        // The copy registers a new client id under the same token and numbers from 1.
        let (s, fresh) = hq.call(Method::POST, "/api/v1/sync/clients", Some(&token), None).await?;
        check!(hq, s == StatusCode::OK, "{fresh}");
        let new_client = fresh["client_id"].as_str().ok_or("client_id")?.to_owned();
        check!(hq, new_client != client, "{fresh}");
        let renumbered = vec![
            with_digest(1, &field(job, "恢复后的判断"), "other")?,
            with_digest(2, &transition(job, JobStatus::OnSite), "d3")?,
        ];
        let (s, sent) = push(&hq, &token, &new_client, renumbered).await?;
        check!(hq, s == StatusCode::OK && sent["last_mutation_id"] == 2, "{sent}");
        check!(hq, sent["results"].as_array().is_some_and(|r| r.iter().all(|m| m["outcome"] == "applied")), "{sent}");
        check!(hq, fault_cause(&hq, &dispatcher, job).await? == "恢复后的判断", "the copy's change arrived once");

        // The original laptop goes on under its own client id, untouched.
        let (s, original) = push(&hq, &token, &client, vec![with_digest(3, &field(job, "原机再改"), "d3b")?]).await?;
        check!(hq, s == StatusCode::OK && original["results"][0]["outcome"] == "applied", "{original}");

        // Another laptop's token cannot push under these client ids.
        let (_, _, stranger) = hq.enrolled("李工").await?;
        let (s, refused) = push(&hq, &stranger, &new_client, vec![mutation(3, &field(job, "x"))?]).await?;
        check!(hq, s == StatusCode::FORBIDDEN, "{refused}");
    }
    Ok(())
}

#[tokio::test]
async fn a_lost_enrollment_answer_is_retried_with_the_same_nonce_and_gets_the_same_device() -> TestResult {
    for hq in backends().await? {
        let code = hq.engineer("王建国").await?;
        let body = json!({"code": code, "device_name": "ThinkPad", "nonce": "n-1"});
        let (s, first) = hq.call(Method::POST, "/api/v1/enroll", None, Some(body.clone())).await?;
        check!(hq, s == StatusCode::OK, "{first}");
        // The answer never reached the laptop: it tries again with the same code and nonce.
        let (s, again) = hq.call(Method::POST, "/api/v1/enroll", None, Some(body)).await?;
        check!(hq, s == StatusCode::OK, "{again}");
        check!(hq, again["client_id"] == first["client_id"] && again["token"] != first["token"], "{again}");
        let lost = first["token"].as_str().ok_or("token")?;
        let (s, _) = hq.call(Method::GET, "/api/v1/sync/pull", Some(lost), None).await?;
        check!(hq, s == StatusCode::UNAUTHORIZED, "the token that never arrived is no orphan");
        let kept = again["token"].as_str().ok_or("token")?;
        let (s, pulled) = hq.call(Method::GET, "/api/v1/sync/pull", Some(kept), None).await?;
        check!(hq, s == StatusCode::OK, "{pulled}");

        // Another laptop (another nonce, or none) cannot use the code.
        for other in
            [json!({"code": code, "device_name": "X", "nonce": "n-2"}), json!({"code": code, "device_name": "X"})]
        {
            let (s, refused) = hq.call(Method::POST, "/api/v1/enroll", None, Some(other)).await?;
            check!(hq, s == StatusCode::UNAUTHORIZED, "{refused}");
        }
    }
    Ok(())
}

#[tokio::test]
async fn a_new_code_can_be_issued_and_the_earlier_unused_one_stops_working() -> TestResult {
    for hq in backends().await? {
        let dispatcher = hq.dispatcher().await?;
        let old = hq.engineer("王建国").await?;
        let (_, engineers) = hq.call(Method::GET, "/api/v1/engineers", Some(&dispatcher), None).await?;
        let id = engineers[0]["id"].as_str().ok_or("engineer id")?.to_owned();
        let (s, issued) =
            hq.call(Method::POST, &format!("/api/v1/engineers/{id}/code"), Some(&dispatcher), None).await?;
        check!(hq, s == StatusCode::OK, "{issued}");
        let (s, stale) =
            hq.call(Method::POST, "/api/v1/enroll", None, Some(json!({"code": old, "device_name": "T"}))).await?;
        check!(hq, s == StatusCode::UNAUTHORIZED, "the earlier code stopped working: {stale}");
        let (s, enrolled) = hq
            .call(Method::POST, "/api/v1/enroll", None, Some(json!({"code": issued["code"], "device_name": "T"})))
            .await?;
        check!(hq, s == StatusCode::OK && enrolled["engineer_id"] == id.as_str(), "{enrolled}");
        let (_, _, token) = hq.enrolled("李工").await?;
        let (s, _) = hq.call(Method::POST, &format!("/api/v1/engineers/{id}/code"), Some(&token), None).await?;
        check!(hq, s == StatusCode::FORBIDDEN, "a laptop cannot issue codes");
        let (s, unknown) = hq.call(Method::POST, "/api/v1/engineers/not-an-id/code", Some(&dispatcher), None).await?;
        check!(hq, s == StatusCode::NOT_FOUND && unknown["code"] == "not_found", "{s} {unknown}");
        let (s, bad) = hq.call(Method::GET, "/api/v1/conflicts?job_id=zz", Some(&dispatcher), None).await?;
        check!(hq, s == StatusCode::BAD_REQUEST && bad["code"] == "invalid_query" && bad["field"] == "job_id", "{bad}");
    }
    Ok(())
}

#[tokio::test]
async fn dates_outside_2000_to_2100_are_refused_naming_the_field() -> TestResult {
    for hq in backends().await? {
        let dispatcher = hq.dispatcher().await?;
        let (engineer, client, token) = hq.enrolled("王建国").await?;
        let (job, _) = work_for(&hq, &dispatcher, &engineer).await?;
        let (_, created) = hq.call(Method::GET, &format!("/api/v1/jobs/{job}"), Some(&dispatcher), None).await?;
        let site = created["job"]["site_id"].clone();
        let (s, refused) = hq
            .call(
                Method::POST,
                "/api/v1/jobs",
                Some(&dispatcher),
                Some(json!({"job_type": "repair", "site_id": site, "reported_fault": "停机", "scheduled_on": "2206-11-23"})),
            )
            .await?;
        check!(hq, s == StatusCode::UNPROCESSABLE_ENTITY && refused["field"] == "scheduled_on", "{refused}");
        check!(hq, refused["message"].as_str().is_some_and(|m| m.contains("2000 to 2100")), "{refused}");

        let job: JobId = job.parse()?;
        let far = Change::ReportFieldSet {
            job_id: job,
            revision: 1,
            field: ReportField::FollowUpOn,
            value: "0000-01-01".into(),
            replaced: None,
        };
        let (s, answer) = push(&hq, &token, &client, vec![mutation(1, &far)?]).await?;
        check!(hq, s == StatusCode::OK && answer["results"][0]["outcome"] == "rejected", "{answer}");
        check!(
            hq,
            answer["results"][0]["reason"].as_str().is_some_and(|r| r.to_lowercase().contains("follow-up date")),
            "{answer}"
        );
    }
    Ok(())
}

#[tokio::test]
async fn a_laptop_behind_a_job_rescheduled_200_times_receives_it_once_and_the_log_stays_bounded() -> TestResult {
    for hq in backends().await? {
        let dispatcher = hq.dispatcher().await?;
        let (engineer, _, token) = hq.enrolled("王建国").await?;
        let (job, _) = work_for(&hq, &dispatcher, &engineer).await?;
        let (s, first) = hq.call(Method::GET, "/api/v1/sync/pull?cursor=", Some(&token), None).await?;
        check!(hq, s == StatusCode::OK && first["has_more"] == false, "{first}");
        let cursor = first["cursor"].as_str().ok_or("cursor")?.to_owned();
        let scope = engineer.clone();
        let db = hq.db.clone();
        let size = move || {
            let (db, scope) = (db.clone(), scope.clone());
            common::blocking(move || Ok(db.tx_blocking(|tx| outpost_hq::log::size(tx, &scope))?))
        };
        let before = size().await?;
        // Offline meanwhile: the dispatcher reschedules the job 200 times.
        for day in 0..200 {
            let date = time::Date::from_calendar_date(2026, time::Month::December, 1)? + time::Duration::days(day);
            let (s, moved) = hq
                .call(
                    Method::PUT,
                    &format!("/api/v1/jobs/{job}"),
                    Some(&dispatcher),
                    Some(json!({"reported_fault": "排气温度高", "scheduled_on": date.to_string()})),
                )
                .await?;
            check!(hq, s == StatusCode::OK, "{moved}");
        }
        check!(hq, size().await? == before, "the log holds one entry per record: {} then {}", before, size().await?);
        let (s, caught_up) =
            hq.call(Method::GET, &format!("/api/v1/sync/pull?cursor={cursor}"), Some(&token), None).await?;
        check!(hq, s == StatusCode::OK, "{caught_up}");
        let deltas = caught_up["deltas"].as_array().ok_or("deltas")?;
        check!(hq, deltas.len() == 1, "the laggard receives the job once: {} deltas", deltas.len());
        check!(hq, deltas[0]["record"]["data"]["job"]["scheduled_on"] == "2027-06-18", "its latest state: {caught_up}");
    }
    Ok(())
}
