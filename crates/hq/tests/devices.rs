//! Engineers and their laptops from the console: a new engineer gets a code shown once, each
//! laptop shows when it last synced and the version it runs, and a revoked laptop is refused
//! at once, kept in the audit log under the name of whoever revoked it.

mod common;

use axum::http::{Method, StatusCode};
use common::{TestResult, backends};
use serde_json::json;

#[tokio::test]
async fn a_new_engineer_enrolls_syncs_shows_its_version_and_is_revoked_by_name() -> TestResult {
    for hq in backends().await? {
        let dispatcher = hq.dispatcher().await?;
        let (s, code) =
            hq.call(Method::POST, "/api/v1/engineers", Some(&dispatcher), Some(json!({"name": " 周杰 "}))).await?;
        check!(hq, s == StatusCode::CREATED, "{code}");
        check!(hq, code["expires_at"] == "2026-11-30T02:00:00Z", "a week to use it: {code}");
        let (s, twice) =
            hq.call(Method::POST, "/api/v1/engineers", Some(&dispatcher), Some(json!({"name": "周杰"}))).await?;
        check!(hq, (s, twice["code"].as_str()) == (StatusCode::CONFLICT, Some("duplicate_name")), "{twice}");
        let (s, blank) =
            hq.call(Method::POST, "/api/v1/engineers", Some(&dispatcher), Some(json!({"name": "  "}))).await?;
        check!(hq, s == StatusCode::UNPROCESSABLE_ENTITY && blank["field"] == "engineer name", "{blank}");

        let (s, device) = hq
            .call(
                Method::POST,
                "/api/v1/enroll",
                None,
                Some(json!({"code": code["code"], "device_name": "ThinkPad T14"})),
            )
            .await?;
        check!(hq, s == StatusCode::OK, "{device}");
        let token = device["token"].as_str().ok_or("token")?;
        let (_, listed) = hq.call(Method::GET, "/api/v1/devices", Some(&dispatcher), None).await?;
        check!(hq, listed[0]["last_sync_at"].is_null() && listed[0]["app_version"].is_null(), "{listed}");

        let agent = [("user-agent", "outpost/9.8.7")];
        let (s, _) = hq.call_with(Method::GET, "/api/v1/sync/pull", Some(token), &agent, None).await?;
        check!(hq, s == StatusCode::OK, "pulled");
        let (_, listed) = hq.call(Method::GET, "/api/v1/devices", Some(&dispatcher), None).await?;
        let laptop = &listed[0];
        check!(hq, laptop["engineer_id"] == code["engineer_id"] && laptop["engineer_name"] == "周杰", "{laptop}");
        check!(hq, laptop["name"] == "ThinkPad T14" && laptop["enrolled_at"] == "2026-11-23T02:00:00Z", "{laptop}");
        check!(hq, laptop["last_sync_at"] == "2026-11-23T02:00:00Z" && laptop["app_version"] == "9.8.7", "{laptop}");
        check!(hq, laptop["revoked_at"].is_null(), "{laptop}");
        // An agent that is not Outpost's keeps the version last named.
        let other = [("user-agent", "curl/8.5.0")];
        hq.call_with(Method::GET, "/api/v1/sync/pull", Some(token), &other, None).await?;
        let (_, listed) = hq.call(Method::GET, "/api/v1/devices", Some(&dispatcher), None).await?;
        check!(hq, listed[0]["app_version"] == "9.8.7", "{listed}");

        let path = format!("/api/v1/devices/{}/revoke", device["client_id"].as_str().ok_or("client")?);
        let (s, revoked) = hq.call(Method::POST, &path, Some(&dispatcher), None).await?;
        check!(hq, s == StatusCode::OK && revoked["revoked_at"] == "2026-11-23T02:00:00Z", "{revoked}");
        let (s, refused) = hq.call_with(Method::GET, "/api/v1/sync/pull", Some(token), &agent, None).await?;
        check!(hq, s == StatusCode::UNAUTHORIZED, "{refused}");
        let (s, again) = hq.call(Method::POST, &path, Some(&dispatcher), None).await?;
        check!(hq, s == StatusCode::NOT_FOUND, "revoked once: {again}");
        let (_, audit) = hq.call(Method::GET, "/api/v1/audit", Some(&dispatcher), None).await?;
        let entry = audit.as_array().ok_or("audit")?.iter().find(|a| a["kind"] == "device_revoked").ok_or("entry")?;
        check!(hq, entry["actor"] == "token:admin" && entry["new"] == "ThinkPad T14 (周杰)", "{entry}");
        check!(hq, entry["client_id"] == device["client_id"], "{entry}");

        // A new code for the engineer's replacement laptop: the one before stops working.
        let codes = format!("/api/v1/engineers/{}/code", code["engineer_id"].as_str().ok_or("id")?);
        let (_, first) = hq.call(Method::POST, &codes, Some(&dispatcher), None).await?;
        let (_, second) = hq.call(Method::POST, &codes, Some(&dispatcher), None).await?;
        let enroll = |c: &serde_json::Value| json!({"code": c["code"], "device_name": "X1"});
        let (s, _) = hq.call(Method::POST, "/api/v1/enroll", None, Some(enroll(&first))).await?;
        check!(hq, s == StatusCode::UNAUTHORIZED, "the earlier code");
        let (s, _) = hq.call(Method::POST, "/api/v1/enroll", None, Some(enroll(&second))).await?;
        check!(hq, s == StatusCode::OK, "the new code");
        let (_, listed) = hq.call(Method::GET, "/api/v1/devices", Some(&dispatcher), None).await?;
        let names: Vec<&str> = listed.as_array().ok_or("devices")?.iter().filter_map(|d| d["name"].as_str()).collect();
        check!(hq, names == ["X1", "ThinkPad T14"], "the newest first: {names:?}");
    }
    Ok(())
}
