//! The HQ API end to end through the router: dispatch, enrollment, push, pull, blobs.

mod common;

use axum::http::{Method, StatusCode};
use common::{Hq, NOW, TestResult, backends, mutation, push, transition, work_for};
use outpost_domain::change::Change;
use outpost_domain::equipment::WarrantyState;
use outpost_domain::ids::{JobId, PartLineId};
use outpost_domain::job::{Actor, JobStatus};
use outpost_domain::money::Currency;
use outpost_domain::part::{FaultOrigin, Part, PartLine};
use outpost_domain::rating::{Dimension, Rating, Ratings, Satisfaction};
use outpost_domain::report::ReportField;
use outpost_domain::signature::{SignOff, sha256_hex, sign_report};
use outpost_domain::warranty::{ChargingPolicy, price_job};
use outpost_wire::sync::JobBundle;
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

/// A whole repair: a charged part, the quote accepted, ratings, the signature; HQ recomputes
/// the hash and keeps the report waiting until the signature image arrives.
#[tokio::test]
async fn a_signed_report_is_accepted_only_when_its_hash_matches() -> TestResult {
    for hq in backends().await? {
        let dispatcher = hq.dispatcher().await?;
        let (engineer, client, token) = hq.enrolled("王建国").await?;
        let (job, part) = work_for(&hq, &dispatcher, &engineer).await?;
        let job: JobId = job.parse()?;
        let part: Part = serde_json::from_value(part)?;
        let line = PartLine::new(PartLineId(uuid::Uuid::now_v7()), job, &part, 1, FaultOrigin::Quality)?;
        let mut ratings = Ratings::default();
        for d in Dimension::ALL {
            ratings.set(d, Rating::new(5)?);
        }
        let mut changes = vec![transition(job, JobStatus::EnRoute), transition(job, JobStatus::OnSite)];
        for (field, value) in outpost_demo::REPAIR_REPORT {
            changes.push(Change::ReportFieldSet {
                job_id: job,
                revision: 1,
                field,
                value: value.into(),
                replaced: None,
            });
        }
        changes.push(Change::PartLineAdded { line: line.clone() });
        changes.push(Change::SatisfactionSet {
            job_id: job,
            revision: 1,
            satisfaction: Satisfaction::Rated { ratings, comment: None },
        });
        let quote = price_job(
            &ChargingPolicy::default_for(Currency::CNY),
            WarrantyState::Expired { ended: time::macros::date!(2024 - 05 - 01) },
            std::slice::from_ref(&line),
            0,
        )?;
        let acceptance = outpost_domain::warranty::QuoteAcceptance::of(
            &quote,
            "李经理",
            NOW,
            outpost_domain::warranty::AcceptanceMethod::Confirmation,
        )?;
        changes.push(Change::QuoteAccepted { job_id: job, revision: 1, acceptance });
        changes.push(transition(job, JobStatus::Completed));
        let mutations =
            changes.iter().enumerate().map(|(i, c)| mutation(i as i64 + 1, c)).collect::<Result<Vec<_>, _>>()?;
        let (s, body) = push(&hq, &token, &client, mutations).await?;
        check!(
            hq,
            s == StatusCode::OK
                && body["results"].as_array().is_some_and(|r| r.iter().all(|m| m["outcome"] == "applied")),
            "{body}"
        );

        // The laptop signs its copy, which equals HQ's.
        let (_, bundle) = hq.call(Method::GET, &format!("/api/v1/jobs/{job}"), Some(&dispatcher), None).await?;
        let bundle = outpost_domain::job::JobBundle::from(serde_json::from_value::<JobBundle>(bundle)?);
        let (mut j, mut report) = (bundle.job.clone(), bundle.report.clone().ok_or("report")?);
        let png = outpost_demo::SIGNATURE_PNG.to_vec();
        let sign_off =
            SignOff { signer_name: "李经理", image_sha256: &sha256_hex(&png), strokes_sha256: None, at: NOW };
        sign_report(&mut j, &mut report, &bundle.parts, &quote, Actor::Engineer(engineer.parse()?), sign_off)?;
        let mut signature = report.signature.clone().ok_or("signature")?;

        let mut forged = signature.clone();
        forged.content_sha256 = sha256_hex(b"something else");
        let next = changes.len() as i64 + 1;
        let (_, refused) = push(
            &hq,
            &token,
            &client,
            vec![mutation(next, &Change::ReportSigned { job_id: job, revision: 1, signature: forged })?],
        )
        .await?;
        check!(hq, refused["results"][0]["outcome"] == "rejected", "{refused}");
        check!(
            hq,
            refused["results"][0]["reason"].as_str().is_some_and(|r| r.contains("does not match its hash")),
            "{refused}"
        );

        signature.signer_name = "李经理".into();
        let (_, signed) = push(
            &hq,
            &token,
            &client,
            vec![mutation(next + 1, &Change::ReportSigned { job_id: job, revision: 1, signature: signature.clone() })?],
        )
        .await?;
        check!(hq, signed["results"][0]["outcome"] == "applied", "{signed}");
        let waiting = hq
            .db
            .tx(move |tx| tx.query_opt("SELECT waiting_for FROM reports WHERE job_id = $1", &[job.to_text().into()]))
            .await?;
        check!(hq, waiting.is_some_and(|r| r.opt_text(0).ok().flatten().is_some()), "waits for the image");

        let receipt = format!("/api/v1/jobs/{job}/receipt.pdf?language=zh-CN&utc_offset_minutes=480");
        let (s, _) = hq.call_raw(Method::GET, &receipt, Some(&dispatcher), "", Vec::new()).await?;
        check!(hq, s == StatusCode::NOT_FOUND, "no receipt before the signature image is at HQ: {s}");

        let path = format!("/api/v1/blobs/{}", signature.image_sha256);
        let (s, _) = hq
            .call_raw(Method::PUT, &path, Some(&token), "application/octet-stream", b"not the image".to_vec())
            .await?;
        check!(hq, s == StatusCode::UNPROCESSABLE_ENTITY, "a damaged upload is refused");
        for _ in 0..2 {
            let (s, _) = hq.call_raw(Method::PUT, &path, Some(&token), "image/png", png.clone()).await?;
            check!(hq, s == StatusCode::NO_CONTENT, "blob PUT is idempotent");
        }
        let (s, image) = hq
            .call_raw(Method::GET, &format!("/api/v1/jobs/{job}/signature"), Some(&dispatcher), "", Vec::new())
            .await?;
        check!(hq, s == StatusCode::OK && image == png, "the dispatcher sees the signature");
        let (_, bundle) = hq.call(Method::GET, &format!("/api/v1/jobs/{job}"), Some(&dispatcher), None).await?;
        check!(hq, bundle["job"]["status"] == "signed", "{}", bundle["job"]);
        check!(hq, bundle["report"]["signature"]["content_sha256"] == signature.content_sha256.as_str(), "stored");

        // HQ prints the customer's copy: signed, with the signer, the parts' total and the code.
        let (s, pdf) = hq.call_raw(Method::GET, &receipt, Some(&dispatcher), "", Vec::new()).await?;
        check!(hq, s == StatusCode::OK && pdf.starts_with(b"%PDF"), "{s}");
        let text = pdf_text(&pdf)?;
        let number = bundle["job"]["number"].as_str().unwrap_or_default();
        for printed in [number, "李经理", signature.short_hash().as_str(), "维修"] {
            check!(hq, text.contains(printed), "the receipt lacks {printed}: {text}");
        }
        check!(hq, !text.contains("草稿") && !text.contains("DRAFT"), "a signed report's receipt is no draft: {text}");
        let (s, _) = hq
            .call_raw(
                Method::GET,
                &format!("/api/v1/jobs/{job}/receipt.pdf?layout=A5"),
                Some(&dispatcher),
                "",
                Vec::new(),
            )
            .await?;
        check!(hq, s == StatusCode::UNPROCESSABLE_ENTITY, "an unknown layout: {s}");

        // The job page says what the receipt says, in the reader's language.
        let page = format!("/api/v1/jobs/{job}/page?language=zh-CN&utc_offset_minutes=480");
        let (s, page) = hq.call(Method::GET, &page, Some(&dispatcher), None).await?;
        check!(hq, s == StatusCode::OK, "{page}");
        let sheet = &page["sheet"];
        check!(hq, sheet["signer"] == "李经理" && sheet["draft"] == false, "{sheet}");
        check!(hq, sheet["short_hash"] == signature.short_hash().as_str(), "{sheet}");
        check!(
            hq,
            text.contains(sheet["parts"][0]["decision"].as_str().unwrap_or("?")),
            "the line's decision: {sheet}"
        );
        check!(hq, sheet["parts"][0]["code"] == part.code.as_str(), "{sheet}");
        check!(hq, page["engineer"] == "王建国" && page["signature_image"] == true, "{page}");
        let moves: Vec<(&str, &str)> = page["events"]
            .as_array()
            .ok_or("events")?
            .iter()
            .filter(|e| e["engineer"] == "王建国")
            .filter_map(|e| Some((e["to"].as_str()?, e["received_at"].as_str()?)))
            .collect();
        check!(
            hq,
            moves.iter().map(|m| m.0).collect::<Vec<_>>() == ["en_route", "on_site", "completed", "signed"],
            "{moves:?}"
        );
        check!(
            hq,
            page["revisions"]
                == json!([{"revision": 1, "signer": "李经理", "signed_at": "2026-11-23T02:00:00Z",
            "short_hash": signature.short_hash(), "current": true}]),
            "{}",
            page["revisions"]
        );
        check!(
            hq,
            page["audit"]
                .as_array()
                .is_some_and(|a| a.iter().any(|l| l["who"] == "王建国" && l["outcome"] == "rejected")),
            "the forged signature is in the job's audit: {}",
            page["audit"]
        );

        // A printed receipt's hash checks out at HQ, short or full; others do not.
        for printed in [signature.short_hash(), signature.content_sha256.clone()] {
            let (s, answer) =
                hq.call(Method::GET, &format!("/api/v1/verify/{printed}"), Some(&dispatcher), None).await?;
            check!(hq, s == StatusCode::OK && answer["valid"] == true, "{printed}: {answer}");
            check!(
                hq,
                answer["job_number"] == bundle["job"]["number"] && answer["signer_name"] == "李经理",
                "{answer}"
            );
        }
        let (_, unknown) = hq.call(Method::GET, "/api/v1/verify/0000-0000-0000", Some(&dispatcher), None).await?;
        check!(hq, unknown == json!({"valid": false}), "{unknown}");
        let (s, _) = hq.call(Method::GET, "/api/v1/verify/not-a-hash", Some(&dispatcher), None).await?;
        check!(hq, s == StatusCode::UNPROCESSABLE_ENTITY, "malformed hash");
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

/// The text of a PDF, read back by `pdftotext`.
fn pdf_text(pdf: &[u8]) -> Result<String, Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("receipt.pdf");
    std::fs::write(&path, pdf)?;
    let out =
        std::process::Command::new("pdftotext").args(["-layout", "-enc", "UTF-8"]).arg(&path).arg("-").output()?;
    if !out.status.success() {
        return Err(format!("pdftotext: {}", String::from_utf8_lossy(&out.stderr)).into());
    }
    Ok(String::from_utf8(out.stdout)?)
}
