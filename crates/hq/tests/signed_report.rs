//! A signed report at HQ: the hash recomputed and a forged one refused, the signature image
//! awaited, then the customer's copy printed at HQ, the job page saying what the receipt says,
//! and the printed code verified.

mod common;

use axum::http::{Method, StatusCode};
use common::{NOW, TestResult, backends, mutation, pdf_text, push, transition, work_for};
use outpost_domain::change::Change;
use outpost_domain::equipment::WarrantyState;
use outpost_domain::ids::{JobId, PartLineId};
use outpost_domain::job::{Actor, JobStatus};
use outpost_domain::money::Currency;
use outpost_domain::part::{FaultOrigin, Part, PartLine};
use outpost_domain::rating::{Dimension, Rating, Ratings, Satisfaction};
use outpost_domain::signature::{SignOff, sha256_hex, sign_report};
use outpost_domain::warranty::{ChargingPolicy, price_job};
use outpost_wire::sync::JobBundle;
use serde_json::json;

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
        let strokes = br#"[{"points":[{"x":12,"y":40,"time":0},{"x":60,"y":18,"time":120}]}]"#.to_vec();
        let strokes_sha = sha256_hex(&strokes);
        let sign_off = SignOff {
            signer_name: "李经理",
            image_sha256: &sha256_hex(&png),
            strokes_sha256: Some(&strokes_sha),
            at: NOW,
        };
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
        let pen = format!("/api/v1/jobs/{job}/signature/strokes");
        let (s, _) = hq.call_raw(Method::GET, &pen, Some(&dispatcher), "", Vec::new()).await?;
        check!(hq, s == StatusCode::NOT_FOUND, "no strokes before they reach HQ: {s}");
        let (s, _) = hq
            .call_raw(
                Method::PUT,
                &format!("/api/v1/blobs/{strokes_sha}"),
                Some(&token),
                "application/json",
                strokes.clone(),
            )
            .await?;
        check!(hq, s == StatusCode::NO_CONTENT, "the strokes upload");
        let (s, replayed) = hq.call_raw(Method::GET, &pen, Some(&dispatcher), "", Vec::new()).await?;
        check!(hq, s == StatusCode::OK && replayed == strokes, "the dispatcher replays the strokes");
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
        check!(hq, page["signature_strokes"] == true, "{page}");
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
