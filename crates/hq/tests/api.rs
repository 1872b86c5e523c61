//! The HQ API end to end through the router: dispatch, enrollment, push, pull, blobs.

mod common;

use axum::http::{Method, StatusCode};
use common::{Hq, TestResult, backends, mutation, push, transition, work_for};
use outpost_domain::change::Change;
use outpost_domain::ids::JobId;
use outpost_domain::job::JobStatus;
use outpost_domain::report::ReportField;
use serde_json::{Value, json};

async fn pull_all(hq: &Hq, token: &str, cursor: &str) -> Result<(Vec<Value>, String), Box<dyn std::error::Error>> {
    let mut cursor = cursor.to_owned();
    let mut deltas = Vec::new();
    loop {
        let (s, page) =
            hq.call(Method::GET, &format!("/api/v1/sync/pull?cursor={cursor}&limit=3"), Some(token), None).await?;
        assert_eq!(s, StatusCode::OK, "{page}");
        assert_eq!(page["start_over"], false);
        deltas.extend(page["deltas"].as_array().cloned().unwrap_or_default());
        cursor = page["cursor"].as_str().ok_or("cursor")?.to_owned();
        if page["has_more"] == false {
            return Ok((deltas, cursor));
        }
    }
}

#[tokio::test]
async fn an_enrollment_code_works_once() -> TestResult {
    for hq in backends().await? {
        let code = hq.engineer("王建国").await?;
        let body = json!({"code": code.to_lowercase(), "device_name": "ThinkPad"});
        let (s, first) = hq.call(Method::POST, "/api/v1/enroll", None, Some(body.clone())).await?;
        check!(hq, s == StatusCode::OK, "{first}");
        check!(hq, first["token"].as_str().is_some_and(|t| t.starts_with("odv_")), "{first}");
        let (s, again) = hq.call(Method::POST, "/api/v1/enroll", None, Some(body)).await?;
        check!(hq, s == StatusCode::UNAUTHORIZED, "{again}");
        check!(hq, again["message"].as_str().is_some_and(|m| m.contains("ask HQ for a new one")), "{again}");
    }
    Ok(())
}

#[tokio::test]
async fn the_engineer_pulls_the_work_assigned_to_them_in_pages() -> TestResult {
    for hq in backends().await? {
        let dispatcher = hq.dispatcher().await?;
        let (engineer, _, token) = hq.enrolled("王建国").await?;
        let (job, _) = work_for(&hq, &dispatcher, &engineer).await?;
        let (deltas, cursor) = pull_all(&hq, &token, "").await?;
        let mut types: Vec<&str> = deltas.iter().filter_map(|d| d["record"]["type"].as_str()).collect();
        types.sort_unstable();
        check!(hq, types == ["customer", "equipment", "job", "part", "site"], "{types:?}");
        check!(hq, deltas.iter().any(|d| d["record"]["data"]["job"]["id"] == job.as_str()), "the job");
        let (more, same) = pull_all(&hq, &token, &cursor).await?;
        check!(hq, more.is_empty() && same == cursor, "nothing new: {more:?}");
    }
    Ok(())
}

#[tokio::test]
async fn push_applies_once_refuses_gaps_and_explains_rejections() -> TestResult {
    for hq in backends().await? {
        let dispatcher = hq.dispatcher().await?;
        let (engineer, client, token) = hq.enrolled("王建国").await?;
        let (job, _) = work_for(&hq, &dispatcher, &engineer).await?;
        let job: JobId = job.parse()?;
        let batch = vec![
            mutation(1, &transition(job, JobStatus::EnRoute))?,
            mutation(2, &transition(job, JobStatus::OnSite))?,
            mutation(
                3,
                &Change::ReportFieldSet {
                    job_id: job,
                    revision: 1,
                    field: ReportField::FaultCause,
                    value: "冷却风扇电机烧毁".into(),
                    replaced: None,
                },
            )?,
        ];
        let (s, first) = push(&hq, &token, &client, batch.clone()).await?;
        check!(hq, s == StatusCode::OK, "{first}");
        check!(hq, first["last_mutation_id"] == 3, "{first}");
        check!(hq, first["results"].as_array().is_some_and(|r| r.iter().all(|m| m["outcome"] == "applied")), "{first}");

        let (s, again) = push(&hq, &token, &client, batch).await?;
        check!(
            hq,
            s == StatusCode::OK && again["results"][2]["outcome"] == "duplicate",
            "a retried push is not applied twice: {again}"
        );

        let (s, gap) = push(&hq, &token, &client, vec![mutation(5, &transition(job, JobStatus::Completed))?]).await?;
        check!(hq, s == StatusCode::CONFLICT && gap["code"] == "mutation_gap", "{gap}");
        check!(hq, gap["message"].as_str().is_some_and(|m| m.contains("send from 4 on")), "{gap}");

        let (s, rejected) = push(
            &hq,
            &token,
            &client,
            vec![
                mutation(4, &transition(job, JobStatus::Closed))?,
                mutation(
                    5,
                    &Change::ReportFieldSet {
                        job_id: job,
                        revision: 1,
                        field: ReportField::Solution,
                        value: "更换风扇电机".into(),
                        replaced: None,
                    },
                )?,
            ],
        )
        .await?;
        check!(hq, s == StatusCode::OK, "{rejected}");
        check!(hq, rejected["results"][0]["outcome"] == "rejected", "{rejected}");
        check!(
            hq,
            rejected["results"][0]["reason"].as_str().is_some_and(|r| r.contains("HQ can move it to")),
            "{rejected}"
        );
        check!(hq, rejected["results"][1]["outcome"] == "applied", "a rejection never blocks what follows: {rejected}");
        check!(hq, rejected["last_mutation_id"] == 5, "{rejected}");

        let (_, audit) = hq.call(Method::GET, &format!("/api/v1/audit?job_id={job}"), Some(&dispatcher), None).await?;
        // The engineer's changes (the dispatcher's creation of the job is there too).
        let outcomes: Vec<&str> = audit
            .as_array()
            .ok_or("audit")?
            .iter()
            .filter(|a| a["actor"].as_str().is_some_and(|who| who.starts_with("engineer:")))
            .filter_map(|a| a["outcome"].as_str())
            .collect();
        check!(hq, outcomes == ["applied", "rejected", "applied", "applied", "applied"], "{outcomes:?}");
        let (_, bundle) = hq.call(Method::GET, &format!("/api/v1/jobs/{job}"), Some(&dispatcher), None).await?;
        check!(hq, bundle["job"]["status"] == "on_site", "{bundle}");
        check!(hq, bundle["report"]["solution"] == "更换风扇电机", "{bundle}");
    }
    Ok(())
}

#[tokio::test]
async fn reassignment_moves_the_job_between_laptops() -> TestResult {
    for hq in backends().await? {
        let dispatcher = hq.dispatcher().await?;
        let (first, client, token) = hq.enrolled("王建国").await?;
        let (second, _, second_token) = hq.enrolled("黄艳").await?;
        let (job, _) = work_for(&hq, &dispatcher, &first).await?;
        let (_, cursor) = pull_all(&hq, &token, "").await?;
        let (s, moved) = hq
            .call(
                Method::POST,
                &format!("/api/v1/jobs/{job}/assign"),
                Some(&dispatcher),
                Some(json!({"engineer_id": second})),
            )
            .await?;
        check!(hq, s == StatusCode::OK && moved["engineer_id"] == second.as_str(), "{moved}");
        let (deltas, _) = pull_all(&hq, &token, &cursor).await?;
        check!(hq, deltas == vec![json!({"op": "remove_job", "job_id": job})], "{deltas:?}");
        let (theirs, _) = pull_all(&hq, &second_token, "").await?;
        check!(hq, theirs.iter().any(|d| d["record"]["data"]["job"]["id"] == job.as_str()), "the new engineer gets it");
        let (_, late) =
            push(&hq, &token, &client, vec![mutation(1, &transition(job.parse()?, JobStatus::EnRoute))?]).await?;
        check!(hq, late["results"][0]["outcome"] == "rejected", "{late}");
        check!(
            hq,
            late["results"][0]["reason"].as_str().is_some_and(|r| r.contains("no longer assigned to you")),
            "{late}"
        );
    }
    Ok(())
}

#[tokio::test]
async fn a_cursor_from_another_hq_gets_start_over() -> TestResult {
    for hq in backends().await? {
        let (_, _, token) = hq.enrolled("王建国").await?;
        for cursor in ["0123456789abcdef.4.2", "garbage", "x.y.z"] {
            let (s, body) =
                hq.call(Method::GET, &format!("/api/v1/sync/pull?cursor={cursor}"), Some(&token), None).await?;
            check!(hq, s == StatusCode::OK && body["start_over"] == true && body["cursor"] == "", "{cursor}: {body}");
        }
    }
    Ok(())
}

#[tokio::test]
async fn bad_bodies_get_one_error_shape_and_never_a_500() -> TestResult {
    for hq in backends().await? {
        let dispatcher = hq.dispatcher().await?;
        let (_, client, token) = hq.enrolled("王建国").await?;
        let cases: Vec<(&str, &str, Vec<u8>, StatusCode)> = vec![
            ("/api/v1/enroll", "application/json", b"{not json".to_vec(), StatusCode::BAD_REQUEST),
            ("/api/v1/enroll", "text/plain", b"{}".to_vec(), StatusCode::BAD_REQUEST),
            ("/api/v1/enroll", "application/json", br#"{"code": 1, "device_name": "x"}"#.to_vec(), StatusCode::UNPROCESSABLE_ENTITY),
            ("/api/v1/enroll", "application/json", br#"{"code": "x"}"#.to_vec(), StatusCode::UNPROCESSABLE_ENTITY),
            ("/api/v1/customers", "application/json", br#"{"name": ""}"#.to_vec(), StatusCode::UNPROCESSABLE_ENTITY),
            ("/api/v1/customers", "application/json", br#"{"name": "x", "colour": "red"}"#.to_vec(), StatusCode::UNPROCESSABLE_ENTITY),
            ("/api/v1/parts", "application/json", br#"{"code": "A-1", "name": "x", "unit_cost": -5, "unit_price": 1, "currency": "CNY"}"#.to_vec(), StatusCode::UNPROCESSABLE_ENTITY),
            ("/api/v1/jobs", "application/json", br#"{"job_type": "painting", "site_id": "00000000-0000-0000-0000-000000000000", "reported_fault": "x", "scheduled_on": "2026-11-23"}"#.to_vec(), StatusCode::UNPROCESSABLE_ENTITY),
            ("/api/v1/sync/push", "application/json", vec![b' '; outpost_wire::limits::MAX_BODY_BYTES + 10], StatusCode::PAYLOAD_TOO_LARGE),
        ];
        for (path, content_type, body, expected) in cases {
            let token = if path.contains("sync") { &token } else { &dispatcher };
            let (s, bytes) = hq.call_raw(Method::POST, path, Some(token), content_type, body).await?;
            let answer: Value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
            check!(hq, s == expected, "{path}: {s} {answer}");
            check!(
                hq,
                answer["code"].is_string() && answer["message"].is_string(),
                "{path}: one error shape: {answer}"
            );
        }
        let (s, body) =
            push(&hq, &token, &client, vec![json!({"mutation_id": 1, "change": {"type": "teleported"}})]).await?;
        check!(hq, s == StatusCode::UNPROCESSABLE_ENTITY && body["field"].is_string(), "{body}");
        let (s, body) = push(&hq, &token, "01a20796-944e-7017-8452-b4fac861b39b", vec![]).await?;
        check!(hq, s == StatusCode::FORBIDDEN, "another client id: {body}");
    }
    Ok(())
}

/// The dispatcher and the engineer both change a contact's phone: HQ keeps the change made on
/// the current version, logs the other as a conflict, and sends HQ's value back to the laptop.
#[tokio::test]
async fn a_stale_contact_edit_becomes_a_conflict_and_hq_keeps_its_value() -> TestResult {
    for hq in backends().await? {
        let dispatcher = hq.dispatcher().await?;
        let (engineer, client, token) = hq.enrolled("王建国").await?;
        let (job, _) = work_for(&hq, &dispatcher, &engineer).await?;
        let (deltas, cursor) = pull_all(&hq, &token, "").await?;
        let customer =
            deltas.iter().find(|d| d["record"]["type"] == "customer").ok_or("customer")?["record"]["data"].clone();
        let contact: outpost_domain::customer::Contact = serde_json::from_value(customer["contacts"][0].clone())?;
        assert_eq!(contact.version, 1);

        let mut input = json!({"name": customer["name"], "contacts": [{"id": contact.id, "name": contact.name, "phone": "0531-1111 2222", "role": "设备科长"}]});
        let (s, changed) = hq
            .call(
                Method::PUT,
                &format!("/api/v1/customers/{}", customer["id"].as_str().unwrap_or_default()),
                Some(&dispatcher),
                Some(input.clone()),
            )
            .await?;
        check!(hq, s == StatusCode::OK && changed["contacts"][0]["version"] == 2, "{changed}");

        let edit = |phone: &str, base: u64| Change::ContactEdited {
            job_id: job.parse().unwrap_or(JobId(uuid::Uuid::nil())),
            customer_id: contact_customer(&customer),
            contact: outpost_domain::customer::Contact { phone: phone.into(), ..contact.clone() },
            base_version: base,
        };
        let (_, answer) = push(&hq, &token, &client, vec![mutation(1, &edit("139 0000 0000", 1))?]).await?;
        check!(hq, answer["results"][0]["outcome"] == "conflict", "{answer}");
        check!(
            hq,
            answer["results"][0]["reason"].as_str().is_some_and(|r| r.contains("kept 李经理 0531-1111 2222")),
            "{answer}"
        );
        let (_, conflicts) = hq.call(Method::GET, "/api/v1/conflicts", Some(&dispatcher), None).await?;
        check!(
            hq,
            conflicts[0]["theirs"]["phone"] == "139 0000 0000" && conflicts[0]["kept"]["phone"] == "0531-1111 2222",
            "{conflicts}"
        );
        let (back, _) = pull_all(&hq, &token, &cursor).await?;
        check!(
            hq,
            back.iter().any(|d| d["record"]["data"]["contacts"][0]["phone"] == "0531-1111 2222"),
            "HQ's value goes back: {back:?}"
        );

        let (_, applied) = push(&hq, &token, &client, vec![mutation(2, &edit("139 0000 0000", 2))?]).await?;
        check!(hq, applied["results"][0]["outcome"] == "applied", "an edit on the current version holds: {applied}");
        input["contacts"][0]["phone"] = json!("139 0000 0000");
        let (_, now) = hq
            .call(
                Method::GET,
                &format!("/api/v1/customers/{}", customer["id"].as_str().unwrap_or_default()),
                Some(&dispatcher),
                None,
            )
            .await?;
        check!(hq, now["contacts"][0]["phone"] == "139 0000 0000" && now["contacts"][0]["version"] == 3, "{now}");
    }
    Ok(())
}

fn contact_customer(customer: &Value) -> outpost_domain::ids::CustomerId {
    customer["id"].as_str().and_then(|s| s.parse().ok()).unwrap_or(outpost_domain::ids::CustomerId(uuid::Uuid::nil()))
}

#[tokio::test]
async fn every_answer_names_the_sync_protocol_hq_speaks() -> TestResult {
    use tower::ServiceExt;
    let hq = &backends().await?[0];
    let token = hq.dispatcher().await?;
    for (path, auth) in [("/api/v1/jobs", Some(token.as_str())), ("/api/v1/jobs", None), ("/nope", None)] {
        let mut req = axum::http::Request::builder().uri(path);
        if let Some(t) = auth {
            req = req.header("authorization", format!("Bearer {t}"));
        }
        let res = hq.app.clone().oneshot(req.body(axum::body::Body::empty())?).await?;
        let protocol = res.headers().get(outpost_wire::PROTOCOL_HEADER).and_then(|v| v.to_str().ok());
        assert_eq!(protocol, Some(outpost_wire::PROTOCOL.to_string().as_str()), "{path} ({})", res.status());
    }
    Ok(())
}
