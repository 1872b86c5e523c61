//! The authorization matrix: every endpoint × (engineer A, engineer B, dispatcher, no token,
//! revoked token, forged device token, forged dispatcher token), then × a person's session as
//! viewer, dispatcher and manager, an ended session and a change without its CSRF header. Every
//! cell is the expected status, and no answer to engineer B carries engineer A's data.

mod common;

use axum::http::{Method, StatusCode};
use common::{NOW, TestResult, backends, blocking, browse, person, sign_in};
use outpost_wire::people::Role;
use serde_json::{Value, json};

/// An id HQ holds nothing under: the request gets past authorization and finds nothing.
const NIL: &str = "0190a000-0000-7000-8000-000000000000";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Public,
    Device,
    Dispatcher,
    /// A person's session cookie, which no token is.
    Session,
}

#[tokio::test]
async fn every_endpoint_answers_each_caller_as_expected() -> TestResult {
    for hq in backends().await? {
        let dispatcher = hq.dispatcher().await?;
        let (a, a_client, a_token) = hq.enrolled("王建国").await?;
        let (_b, b_client, b_token) = hq.enrolled("黄艳").await?;
        let (third, revoked) = {
            let code = hq.engineer("李明").await?;
            let (_, body) = hq
                .call(Method::POST, "/api/v1/enroll", None, Some(json!({"code": code, "device_name": "old"})))
                .await?;
            let client: outpost_domain::ids::ClientId = body["client_id"].as_str().ok_or("client")?.parse()?;
            let db = hq.db.clone();
            blocking(move || Ok(outpost_hq::admin::revoke_device(&db, client, NOW)?)).await?;
            (body["engineer_id"].clone(), (client, body["token"].as_str().ok_or("token")?.to_owned()))
        };
        let (revoked_client, revoked) = revoked;
        let forged_device = format!("odv_{}", "ab".repeat(32));
        let forged_dispatcher = format!("odp_{}", "cd".repeat(32));

        // A's work and A's signature image.
        let (s, customer) =
            hq.call(Method::POST, "/api/v1/customers", Some(&dispatcher), Some(json!({"name": "秘密客户甲"}))).await?;
        assert_eq!(s, StatusCode::CREATED);
        let (_, site) = hq
            .call(
                Method::POST,
                "/api/v1/sites",
                Some(&dispatcher),
                Some(json!({"customer_id": customer["id"], "name": "甲厂", "address": "甲路1号"})),
            )
            .await?;
        let (_, equipment) = hq
            .call(
                Method::POST,
                "/api/v1/equipment",
                Some(&dispatcher),
                Some(json!({"site_id": site["id"], "brand": "B", "model": "M", "serial": "SECRET-SERIAL-1"})),
            )
            .await?;
        let mut jobs = Vec::new();
        for _ in 0..4 {
            let (_, job) = hq
                .call(Method::POST, "/api/v1/jobs", Some(&dispatcher), Some(json!({
                    "job_type": "repair", "site_id": site["id"], "engineer_id": a, "reported_fault": "秘密故障", "scheduled_on": "2026-11-23"
                })))
                .await?;
            jobs.push(job["id"].as_str().ok_or("job")?.to_owned());
        }
        let (s, part) = hq
            .call(
                Method::POST,
                "/api/v1/parts",
                Some(&dispatcher),
                Some(json!({"code": "P-1", "name": "x", "unit_cost": 1, "unit_price": 2, "currency": "CNY"})),
            )
            .await?;
        assert_eq!(s, StatusCode::CREATED);
        let png = b"\x89PNG\r\n\x1a\nA's signature".to_vec();
        let sha = outpost_domain::signature::sha256_hex(&png);
        let (s, _) =
            hq.call_raw(Method::PUT, &format!("/api/v1/blobs/{sha}"), Some(&a_token), "image/png", png.clone()).await?;
        assert_eq!(s, StatusCode::NO_CONTENT);

        let empty_push = |client: &str| json!({"client_id": client, "mutations": []});
        let c = customer["id"].as_str().ok_or("id")?;
        let endpoints: Vec<(Method, String, Option<Value>, Kind)> = vec![
            (Method::GET, "/healthz".into(), None, Kind::Public),
            (Method::POST, "/api/v1/sync/push".into(), Some(empty_push(&a_client)), Kind::Device),
            (Method::GET, "/api/v1/sync/pull".into(), None, Kind::Device),
            (Method::GET, format!("/api/v1/blobs/{sha}"), None, Kind::Device),
            (Method::POST, "/api/v1/customers".into(), Some(json!({"name": "新客户"})), Kind::Dispatcher),
            (Method::GET, "/api/v1/customers".into(), None, Kind::Dispatcher),
            (Method::GET, format!("/api/v1/customers/{c}"), None, Kind::Dispatcher),
            (Method::PUT, format!("/api/v1/customers/{c}"), Some(json!({"name": "秘密客户甲"})), Kind::Dispatcher),
            (
                Method::POST,
                "/api/v1/sites".into(),
                Some(json!({"customer_id": c, "name": "乙厂", "address": "乙路"})),
                Kind::Dispatcher,
            ),
            (Method::GET, format!("/api/v1/sites/{}", site["id"].as_str().unwrap_or_default()), None, Kind::Dispatcher),
            (
                Method::POST,
                "/api/v1/equipment".into(),
                Some(json!({"site_id": site["id"], "brand": "B", "model": "M", "serial": "S2"})),
                Kind::Dispatcher,
            ),
            (
                Method::GET,
                format!("/api/v1/equipment/{}", equipment["id"].as_str().unwrap_or_default()),
                None,
                Kind::Dispatcher,
            ),
            (
                Method::PUT,
                format!("/api/v1/sites/{}", site["id"].as_str().unwrap_or_default()),
                Some(json!({"customer_id": c, "name": "甲厂", "address": "甲路1号"})),
                Kind::Dispatcher,
            ),
            (
                Method::PUT,
                format!("/api/v1/equipment/{}", equipment["id"].as_str().unwrap_or_default()),
                Some(json!({"site_id": site["id"], "brand": "B", "model": "M", "serial": "SECRET-SERIAL-1"})),
                Kind::Dispatcher,
            ),
            (
                Method::POST,
                "/api/v1/parts".into(),
                Some(json!({"code": "P-9", "name": "x", "unit_cost": 1, "unit_price": 2, "currency": "CNY"})),
                Kind::Dispatcher,
            ),
            (
                Method::PUT,
                format!("/api/v1/parts/{}", part["id"].as_str().unwrap_or_default()),
                Some(json!({"code": "P-1", "name": "y", "unit_cost": 1, "unit_price": 2, "currency": "CNY"})),
                Kind::Dispatcher,
            ),
            (Method::GET, "/api/v1/parts".into(), None, Kind::Dispatcher),
            (
                Method::POST,
                "/api/v1/jobs".into(),
                Some(
                    json!({"job_type": "inspection", "site_id": site["id"], "reported_fault": "巡检", "scheduled_on": "2026-11-24"}),
                ),
                Kind::Dispatcher,
            ),
            (
                Method::PUT,
                format!("/api/v1/jobs/{}", jobs[3]),
                Some(json!({"reported_fault": "秘密故障", "scheduled_on": "2026-11-24"})),
                Kind::Dispatcher,
            ),
            (Method::GET, format!("/api/v1/jobs/{}/signature", jobs[0]), None, Kind::Dispatcher),
            (Method::GET, format!("/api/v1/jobs/{}/signature/strokes", jobs[0]), None, Kind::Dispatcher),
            (Method::GET, format!("/api/v1/jobs/{}/revisions", jobs[0]), None, Kind::Dispatcher),
            (Method::GET, format!("/api/v1/jobs/{}/page", jobs[0]), None, Kind::Dispatcher),
            (Method::GET, format!("/api/v1/jobs/{}/receipt.pdf", jobs[0]), None, Kind::Dispatcher),
            (Method::POST, format!("/api/v1/jobs/{}/close", jobs[0]), None, Kind::Dispatcher),
            (Method::GET, "/api/v1/conflicts".into(), None, Kind::Dispatcher),
            (
                Method::POST,
                "/api/v1/conflicts/contact/999/settle".into(),
                Some(json!({"keep": "hq"})),
                Kind::Dispatcher,
            ),
            (Method::GET, "/api/v1/verify/3F2A-91C0-77BE".into(), None, Kind::Dispatcher),
            (Method::GET, "/api/v1/jobs".into(), None, Kind::Dispatcher),
            (Method::GET, format!("/api/v1/jobs/{}", jobs[0]), None, Kind::Dispatcher),
            (
                Method::POST,
                format!("/api/v1/jobs/{}/cancel", jobs[1]),
                Some(json!({"reason": "客户取消"})),
                Kind::Dispatcher,
            ),
            (
                Method::POST,
                format!("/api/v1/jobs/{}/assign", jobs[2]),
                Some(json!({"engineer_id": third})),
                Kind::Dispatcher,
            ),
            (Method::GET, "/api/v1/engineers".into(), None, Kind::Dispatcher),
            (
                Method::PUT,
                format!("/api/v1/engineers/{}/van-stock", third.as_str().unwrap_or_default()),
                Some(json!({"parts": [{"part_code": "P-1", "counted": 3}]})),
                Kind::Dispatcher,
            ),
            (
                Method::GET,
                format!("/api/v1/engineers/{}/van-stock", third.as_str().unwrap_or_default()),
                None,
                Kind::Dispatcher,
            ),
            (
                Method::POST,
                format!("/api/v1/engineers/{}/code", third.as_str().unwrap_or_default()),
                None,
                Kind::Dispatcher,
            ),
            (Method::POST, "/api/v1/engineers".into(), Some(json!({"name": "新工程师"})), Kind::Dispatcher),
            (Method::GET, "/api/v1/devices".into(), None, Kind::Dispatcher),
            (Method::POST, format!("/api/v1/devices/{revoked_client}/revoke"), None, Kind::Dispatcher),
            (Method::POST, "/api/v1/sync/clients".into(), None, Kind::Device),
            (Method::GET, "/api/v1/parts-requests?state=all".into(), None, Kind::Dispatcher),
            (Method::GET, "/api/v1/unresolved".into(), None, Kind::Dispatcher),
            (
                Method::POST,
                "/api/v1/parts-requests/0190a000-0000-7000-8000-000000000000/promise".into(),
                Some(json!({"deliver_by": "2026-11-30"})),
                Kind::Dispatcher,
            ),
            (
                Method::POST,
                "/api/v1/parts-requests/0190a000-0000-7000-8000-000000000000/deliver".into(),
                None,
                Kind::Dispatcher,
            ),
            (
                Method::POST,
                "/api/v1/parts-requests/0190a000-0000-7000-8000-000000000000/decline".into(),
                Some(json!({"reason": "停产"})),
                Kind::Dispatcher,
            ),
            (Method::GET, "/api/v1/company".into(), None, Kind::Dispatcher),
            (
                Method::PUT,
                "/api/v1/company".into(),
                Some(json!({"name": "Hongli", "hotline": "400-800-1234"})),
                Kind::Dispatcher,
            ),
            (Method::GET, "/api/v1/sla-policy".into(), None, Kind::Dispatcher),
            (
                Method::PUT,
                "/api/v1/sla-policy".into(),
                Some(
                    json!({"reply_within_hours": 24, "fix_common_minutes": 30, "fix_major_minutes": 120, "factory_repair_working_days": 10}),
                ),
                Kind::Dispatcher,
            ),
            (Method::GET, "/api/v1/charging-policy".into(), None, Kind::Dispatcher),
            (
                Method::PUT,
                "/api/v1/charging-policy".into(),
                Some(json!({"currency": "CNY",
                    "in_warranty_quality": {"parts": "free", "labour_per_hour": 0, "service_fee": 0},
                    "in_warranty_misuse": {"parts": "at_cost", "labour_per_hour": 0, "service_fee": 0},
                    "out_of_warranty": {"parts": "at_cost", "labour_per_hour": 0, "service_fee": 0}})),
                Kind::Dispatcher,
            ),
            (Method::GET, "/api/v1/audit".into(), None, Kind::Dispatcher),
            (Method::GET, "/api/v1/kpis?month=2026-11".into(), None, Kind::Dispatcher),
            (Method::GET, "/api/v1/board?from=2026-11-23&days=7".into(), None, Kind::Dispatcher),
            (Method::GET, "/api/v1/callers?q=%E7%A7%98%E5%AF%86".into(), None, Kind::Dispatcher),
            (Method::GET, format!("/api/v1/customers/{c}/archive"), None, Kind::Dispatcher),
            (
                Method::POST,
                "/api/v1/calls".into(),
                Some(json!({"caller": "秘密来电人", "subject": "问保养周期", "answer": "每 500 小时"})),
                Kind::Dispatcher,
            ),
            (Method::GET, "/api/v1/calls".into(), None, Kind::Dispatcher),
            (
                Method::POST,
                "/api/v1/complaints".into(),
                Some(json!({"channel": "phone", "customer_id": c, "category": "attitude", "text": "秘密投诉"})),
                Kind::Dispatcher,
            ),
            (Method::GET, "/api/v1/complaints?state=all".into(), None, Kind::Dispatcher),
            (Method::GET, "/api/v1/callbacks?state=all".into(), None, Kind::Dispatcher),
            (
                Method::POST,
                format!("/api/v1/callbacks/{NIL}/phoned"),
                Some(json!({"satisfaction": 5, "notes": "满意"})),
                Kind::Dispatcher,
            ),
            (
                Method::POST,
                format!("/api/v1/callbacks/{NIL}/visit"),
                Some(json!({"engineer_id": NIL, "scheduled_on": "2026-11-30"})),
                Kind::Dispatcher,
            ),
            (Method::GET, "/api/v1/callback-policy".into(), None, Kind::Dispatcher),
            (Method::PUT, "/api/v1/callback-policy".into(), Some(json!({"sample_percent": 10})), Kind::Dispatcher),
            (
                Method::PUT,
                format!("/api/v1/customers/{c}/callback-plan"),
                Some(json!({"month_of_quarter": 2})),
                Kind::Dispatcher,
            ),
            (Method::GET, "/api/v1/plans".into(), None, Kind::Dispatcher),
            (Method::GET, "/api/v1/reminders".into(), None, Kind::Dispatcher),
            (Method::GET, "/api/v1/statistics?month=2026-11".into(), None, Kind::Dispatcher),
            (Method::GET, format!("/api/v1/equipment/{NIL}/inspection-report.pdf"), None, Kind::Dispatcher),
            (Method::GET, "/api/v1/plans/visits?month=2026-11".into(), None, Kind::Dispatcher),
            (
                Method::POST,
                "/api/v1/plans".into(),
                Some(
                    json!({"equipment_id": NIL, "job_type": "inspection", "every_months": 1, "first_on": "2026-12-01"}),
                ),
                Kind::Dispatcher,
            ),
            (
                Method::PUT,
                format!("/api/v1/plans/{NIL}"),
                Some(
                    json!({"equipment_id": NIL, "job_type": "inspection", "every_months": 1, "first_on": "2026-12-01"}),
                ),
                Kind::Dispatcher,
            ),
            (Method::DELETE, format!("/api/v1/plans/{NIL}"), None, Kind::Dispatcher),
            (Method::GET, format!("/api/v1/complaints/{NIL}"), None, Kind::Dispatcher),
            (
                Method::POST,
                format!("/api/v1/complaints/{NIL}/handling"),
                Some(json!({"text": "已回电"})),
                Kind::Dispatcher,
            ),
            (
                Method::POST,
                format!("/api/v1/complaints/{NIL}/compensation"),
                Some(json!({"model": "滤芯", "quantity": 1, "amount": {"minor": 100, "currency": "CNY"}})),
                Kind::Dispatcher,
            ),
            (
                Method::POST,
                format!("/api/v1/complaints/{NIL}/close"),
                Some(json!({"customer_answer": "满意", "accepted": true})),
                Kind::Dispatcher,
            ),
            (Method::GET, "/api/v1/users".into(), None, Kind::Dispatcher),
            (Method::POST, "/api/v1/users".into(), Some(json!({"name": "陈静", "role": "viewer"})), Kind::Dispatcher),
            (Method::POST, "/api/v1/session".into(), Some(json!({"name": "陈静", "password": "guess"})), Kind::Session),
            (Method::GET, "/api/v1/session".into(), None, Kind::Session),
            (Method::DELETE, "/api/v1/session".into(), None, Kind::Session),
            (
                Method::PUT,
                "/api/v1/session/password".into(),
                Some(json!({"password": "guess", "new_password": "long enough 2026"})),
                Kind::Session,
            ),
        ];
        let callers: [(&str, Option<&str>); 7] = [
            ("engineer A", Some(&a_token)),
            ("engineer B", Some(&b_token)),
            ("dispatcher", Some(&dispatcher)),
            ("no token", None),
            ("revoked", Some(&revoked)),
            ("forged device", Some(&forged_device)),
            ("forged dispatcher", Some(&forged_dispatcher)),
        ];
        let secrets = [
            "秘密来电人",
            "秘密投诉",
            "秘密客户甲",
            "SECRET-SERIAL-1",
            "秘密故障",
            jobs[0].as_str(),
            a_client.as_str(),
        ];
        for (method, path, body, kind) in &endpoints {
            for (caller, token) in callers {
                let body = match (path.as_str(), caller) {
                    ("/api/v1/sync/push", "engineer B") => Some(empty_push(&b_client)),
                    _ => body.clone(),
                };
                let (status, answer) = hq.call(method.clone(), path, token, body).await?;
                let expected = match (kind, caller) {
                    (Kind::Public, _) => StatusCode::OK,
                    (Kind::Session, _) => StatusCode::UNAUTHORIZED,
                    (Kind::Device, "engineer A") => StatusCode::OK,
                    (Kind::Device, "engineer B") if path.contains("blobs") => StatusCode::NOT_FOUND,
                    (Kind::Device, "engineer B") => StatusCode::OK,
                    // A real token of the other kind is forbidden; one HQ never issued is unknown.
                    (Kind::Device, "dispatcher") => StatusCode::FORBIDDEN,
                    (Kind::Dispatcher, "dispatcher") => StatusCode::OK,
                    (Kind::Dispatcher, "engineer A" | "engineer B" | "revoked") => StatusCode::FORBIDDEN,
                    _ => StatusCode::UNAUTHORIZED,
                };
                // The signature of an unsigned job (404), closing an open job (422), revoking a
                // revoked laptop (404) and answering a request HQ does not hold (404) answer the dispatcher with a rule, not a
                // refusal: they got past authorization.
                let past_auth = !matches!(
                    status,
                    StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN | StatusCode::INTERNAL_SERVER_ERROR
                );
                let ruled = path.ends_with("/signature")
                    || path.ends_with("/strokes")
                    || path.ends_with("/close")
                    || path.ends_with("/revoke")
                    || path.ends_with("/settle")
                    || path.contains("/parts-requests/")
                    || path.contains("/complaints/")
                    || path.contains("/callbacks/")
                    || (path.starts_with("/api/v1/plans") && *method != Method::GET)
                    || path.ends_with("inspection-report.pdf");
                let ok = match (expected, ruled) {
                    (StatusCode::OK, true) => past_auth,
                    (StatusCode::OK, false) => status.is_success(),
                    _ => status == expected,
                };
                check!(hq, ok, "{method} {path} as {caller}: {status} (expected {expected}) {answer}");
                if caller == "engineer B" {
                    let text = answer.to_string();
                    for secret in secrets {
                        check!(hq, !text.contains(secret), "{method} {path} leaks '{secret}' to engineer B: {text}");
                    }
                }
                if !status.is_success() {
                    check!(
                        hq,
                        answer["code"].is_string() && answer["message"].is_string(),
                        "{method} {path} as {caller}: {answer}"
                    );
                }
            }
        }
        // The same endpoints for a person's session, by role: a viewer reads, a dispatcher does
        // all but the manager's few, an ended session and a change without the CSRF header are
        // refused. What a role may do only has to get past authorization here: the tokens above
        // already did it once.
        let mut people = Vec::new();
        for (name, role) in [("陈读", Role::Viewer), ("张调", Role::Dispatcher), ("刘经", Role::Manager)] {
            let once = person(&hq, name, role).await?;
            let (cookie, session) = sign_in(&hq.app, name, &once).await?;
            let csrf = session["csrf"].as_str().ok_or("csrf")?.to_owned();
            let change = json!({"password": once, "new_password": format!("{name} 的密码 2026 年")});
            let (s, _, _) =
                browse(&hq.app, Method::PUT, "/api/v1/session/password", Some(&cookie), Some(&csrf), Some(change))
                    .await?;
            check!(hq, s == StatusCode::OK, "{name} replaces the one-time password");
            people.push((role, cookie, csrf));
        }
        let later = {
            let db = hq.db.clone();
            blocking(move || {
                let t = NOW + time::Duration::hours(outpost_hq::people::SESSION_HOURS + 1);
                Ok(outpost_hq::app(outpost_hq::AppState::with_clock(db, std::sync::Arc::new(move || t))?))
            })
            .await?
        };
        let manager_only = |method: &Method, path: &str| {
            path.ends_with("/revoke")
                || path.ends_with("/compensation")
                || path == "/api/v1/users"
                || (*method == Method::PUT
                    && ["/api/v1/company", "/api/v1/sla-policy", "/api/v1/charging-policy", "/api/v1/callback-policy"]
                        .contains(&path))
        };
        for (method, path, body, kind) in &endpoints {
            if matches!(kind, Kind::Session | Kind::Public) {
                continue;
            }
            for (role, cookie, csrf) in &people {
                let (status, _, answer) =
                    browse(&hq.app, method.clone(), path, Some(cookie), Some(csrf), body.clone()).await?;
                let refused = |code: &str| status == StatusCode::FORBIDDEN && answer["code"] == code;
                let past_auth = !matches!(
                    status,
                    StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN | StatusCode::INTERNAL_SERVER_ERROR
                );
                let ok = match (kind, role) {
                    (Kind::Device, _) => status == StatusCode::UNAUTHORIZED,
                    (_, Role::Viewer) if *method != Method::GET => refused("read_only"),
                    (_, Role::Viewer | Role::Dispatcher) if manager_only(method, path) => refused("manager_only"),
                    _ => past_auth,
                };
                check!(hq, ok, "{method} {path} as a {role:?}'s session: {status} {answer}");
            }
            let (_, cookie, _) = &people[2];
            let (status, _, answer) = browse(&later, method.clone(), path, Some(cookie), None, body.clone()).await?;
            check!(hq, status == StatusCode::UNAUTHORIZED, "{method} {path} on an ended session: {status} {answer}");
            if *method != Method::GET && *kind == Kind::Dispatcher {
                let (status, _, answer) =
                    browse(&hq.app, method.clone(), path, Some(cookie), None, body.clone()).await?;
                check!(
                    hq,
                    status == StatusCode::FORBIDDEN && answer["code"] == "csrf_missing",
                    "{method} {path} without CSRF: {answer}"
                );
            }
        }

        // B cannot push in A's name.
        let (status, _) =
            hq.call(Method::POST, "/api/v1/sync/push", Some(&b_token), Some(empty_push(&a_client))).await?;
        check!(hq, status == StatusCode::FORBIDDEN, "B pushing as A: {status}");
    }
    Ok(())
}
