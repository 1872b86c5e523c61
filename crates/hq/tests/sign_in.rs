//! People at HQ sign in by name and password: a one-time password replaced first, a session
//! cookie with a CSRF token on every change, roles, throttled guessing, sessions that end, and
//! the audit log under the person's name. Bearer tokens keep working for scripts.

mod common;

use std::sync::Arc;

use axum::http::{Method, StatusCode};
use common::{NOW, TestResult, backends, blocking, browse, person, sign_in};
use outpost_wire::people::Role;
use serde_json::json;

#[tokio::test]
async fn a_dispatcher_signs_in_changes_the_one_time_password_and_works_under_their_name() -> TestResult {
    for hq in backends().await? {
        let app = &hq.app;
        let once = person(&hq, "张敏", Role::Dispatcher).await?;
        let (token, session) = sign_in(app, "张敏", &once).await?;
        assert_eq!((session["name"].as_str(), session["role"].as_str()), (Some("张敏"), Some("dispatcher")));
        assert_eq!(session["must_change_password"], true);
        let csrf = session["csrf"].as_str().ok_or("csrf")?.to_owned();

        let (s, _, body) = browse(app, Method::GET, "/api/v1/jobs", Some(&token), None, None).await?;
        assert_eq!((s, body["code"].as_str()), (StatusCode::FORBIDDEN, Some("password_change_required")), "{body}");
        let change = json!({"password": once, "new_password": "short"});
        let (s, _, body) =
            browse(app, Method::PUT, "/api/v1/session/password", Some(&token), None, Some(change.clone())).await?;
        assert_eq!((s, body["code"].as_str()), (StatusCode::FORBIDDEN, Some("csrf_missing")), "{body}");
        let (s, _, body) =
            browse(app, Method::PUT, "/api/v1/session/password", Some(&token), Some(&csrf), Some(change)).await?;
        assert_eq!((s, body["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("new_password")), "{body}");
        let change = json!({"password": once, "new_password": "长城 long enough"});
        let (s, _, body) =
            browse(app, Method::PUT, "/api/v1/session/password", Some(&token), Some(&csrf), Some(change)).await?;
        assert_eq!((s, body["must_change_password"].as_bool()), (StatusCode::OK, Some(false)), "{body}");

        // A customer and a job made in the browser: with the CSRF header only.
        let (s, _, body) =
            browse(app, Method::POST, "/api/v1/customers", Some(&token), None, Some(json!({"name": "济南恒丰"})))
                .await?;
        assert_eq!((s, body["code"].as_str()), (StatusCode::FORBIDDEN, Some("csrf_missing")), "{body}");
        let (s, _, body) = browse(
            app,
            Method::POST,
            "/api/v1/customers",
            Some(&token),
            Some("not-it"),
            Some(json!({"name": "济南恒丰"})),
        )
        .await?;
        assert_eq!((s, body["code"].as_str()), (StatusCode::FORBIDDEN, Some("csrf_missing")), "a wrong token: {body}");
        let customer = json!({"name": "济南恒丰"});
        let (s, _, customer) =
            browse(app, Method::POST, "/api/v1/customers", Some(&token), Some(&csrf), Some(customer)).await?;
        assert_eq!(s, StatusCode::CREATED, "{customer}");
        let site = json!({"customer_id": customer["id"], "name": "一厂", "address": "工业路1号"});
        let (_, _, site) = browse(app, Method::POST, "/api/v1/sites", Some(&token), Some(&csrf), Some(site)).await?;
        let job = json!({"job_type": "repair", "site_id": site["id"], "reported_fault": "不启动", "scheduled_on": "2026-11-23"});
        let (s, _, job) = browse(app, Method::POST, "/api/v1/jobs", Some(&token), Some(&csrf), Some(job)).await?;
        assert_eq!(s, StatusCode::CREATED, "{job}");
        let audit = format!("/api/v1/audit?job_id={}", job["id"].as_str().ok_or("id")?);
        let cancel = format!("/api/v1/jobs/{}/cancel", job["id"].as_str().ok_or("id")?);
        let (s, _, _) =
            browse(app, Method::POST, &cancel, Some(&token), Some(&csrf), Some(json!({"reason": "客户取消"}))).await?;
        assert_eq!(s, StatusCode::OK);
        let (s, _, audit) = browse(app, Method::GET, &audit, Some(&token), None, None).await?;
        let entries: Vec<(&str, &str)> = audit
            .as_array()
            .ok_or("entries")?
            .iter()
            .filter_map(|e| Some((e["kind"].as_str()?, e["actor"].as_str()?)))
            .collect();
        assert_eq!(s, StatusCode::OK);
        assert_eq!(
            entries,
            [("job_cancelled", "person:张敏"), ("job_created", "person:张敏")],
            "newest first: {audit}"
        );

        // Signing out ends the cookie at once; a script's bearer token still works.
        let (s, headers, _) = browse(app, Method::DELETE, "/api/v1/session", Some(&token), Some(&csrf), None).await?;
        assert_eq!(s, StatusCode::NO_CONTENT);
        assert!(headers.get("set-cookie").and_then(|c| c.to_str().ok()).is_some_and(|c| c.contains("Max-Age=0")));
        let (s, _, _) = browse(app, Method::GET, "/api/v1/jobs", Some(&token), None, None).await?;
        assert_eq!(s, StatusCode::UNAUTHORIZED);
        let (s, _) = hq.call(Method::GET, "/api/v1/jobs", Some(&hq.dispatcher().await?), None).await?;
        assert_eq!(s, StatusCode::OK);
    }
    Ok(())
}

#[tokio::test]
async fn a_viewer_reads_only_and_only_a_manager_adds_people_or_changes_settings() -> TestResult {
    for hq in backends().await? {
        let app = &hq.app;
        let mut signed = Vec::new();
        for (name, role) in [("陈静", Role::Viewer), ("张敏", Role::Dispatcher), ("刘强", Role::Manager)] {
            let once = person(&hq, name, role).await?;
            let (token, session) = sign_in(app, name, &once).await?;
            let csrf = session["csrf"].as_str().ok_or("csrf")?.to_owned();
            let change = json!({"password": once, "new_password": format!("{name} 的新密码 2026")});
            let (s, _, _) =
                browse(app, Method::PUT, "/api/v1/session/password", Some(&token), Some(&csrf), Some(change)).await?;
            assert_eq!(s, StatusCode::OK);
            signed.push((token, csrf));
        }
        let [(viewer, viewer_csrf), (dispatcher, dispatcher_csrf), (manager, manager_csrf)] = &signed[..] else {
            return Err("three people".into());
        };
        let (s, _, _) = browse(app, Method::GET, "/api/v1/customers", Some(viewer), None, None).await?;
        assert_eq!(s, StatusCode::OK, "a viewer reads");
        let customer = json!({"name": "x"});
        let (s, _, body) =
            browse(app, Method::POST, "/api/v1/customers", Some(viewer), Some(viewer_csrf), Some(customer.clone()))
                .await?;
        assert_eq!((s, body["code"].as_str()), (StatusCode::FORBIDDEN, Some("read_only")), "{body}");

        let policy = outpost_domain::warranty::ChargingPolicy::default_for(outpost_domain::money::Currency::CNY);
        let policy = serde_json::to_value(outpost_wire::model::ChargingPolicy::from(policy))?;
        let newcomer = json!({"name": "王芳", "role": "dispatcher"});
        for (token, csrf, allowed) in [(dispatcher, dispatcher_csrf, false), (manager, manager_csrf, true)] {
            let (s, _, body) =
                browse(app, Method::PUT, "/api/v1/charging-policy", Some(token), Some(csrf), Some(policy.clone()))
                    .await?;
            assert_eq!(s, if allowed { StatusCode::OK } else { StatusCode::FORBIDDEN }, "{body}");
            if !allowed {
                assert_eq!(body["code"], "manager_only", "{body}");
            }
            let (s, _, body) =
                browse(app, Method::POST, "/api/v1/users", Some(token), Some(csrf), Some(newcomer.clone())).await?;
            assert_eq!(s, if allowed { StatusCode::CREATED } else { StatusCode::FORBIDDEN }, "{body}");
            if allowed {
                assert_eq!(body["one_time_password"].as_str().map(str::len), Some(19), "{body}");
            }
            let (s, _, users) = browse(app, Method::GET, "/api/v1/users", Some(token), None, None).await?;
            assert_eq!(s, if allowed { StatusCode::OK } else { StatusCode::FORBIDDEN }, "{users}");
            // Revoking a laptop is the manager's: a dispatcher is refused before HQ looks for it.
            let revoke = "/api/v1/devices/0190a000-0000-7000-8000-000000000000/revoke";
            let (s, _, body) = browse(app, Method::POST, revoke, Some(token), Some(csrf), None).await?;
            assert_eq!(s, if allowed { StatusCode::NOT_FOUND } else { StatusCode::FORBIDDEN }, "{body}");
        }
        let (_, _, users) = browse(app, Method::GET, "/api/v1/users", Some(manager), None, None).await?;
        let names: Vec<&str> = users.as_array().ok_or("users")?.iter().filter_map(|u| u["name"].as_str()).collect();
        assert_eq!(names.len(), 4, "{users}");
        assert!(users.as_array().ok_or("users")?.iter().all(|u| u.get("password_hash").is_none()));
        let (s, _, body) =
            browse(app, Method::POST, "/api/v1/users", Some(manager), Some(manager_csrf), Some(newcomer)).await?;
        assert_eq!((s, body["code"].as_str()), (StatusCode::CONFLICT, Some("duplicate_name")), "{body}");
    }
    Ok(())
}

#[tokio::test]
async fn ten_wrong_passwords_in_a_minute_hold_that_name_back_and_a_session_ends_after_a_working_day() -> TestResult {
    for hq in backends().await? {
        let app = &hq.app;
        let once = person(&hq, "张敏", Role::Dispatcher).await?;
        let wrong = json!({"name": "张敏", "password": "guess"});
        for _ in 0..10 {
            let (s, _, body) = browse(app, Method::POST, "/api/v1/session", None, None, Some(wrong.clone())).await?;
            assert_eq!((s, body["message"].as_str()), (StatusCode::UNAUTHORIZED, Some("wrong name or password")));
        }
        let right = json!({"name": "张敏", "password": once});
        let (s, headers, _) = browse(app, Method::POST, "/api/v1/session", None, None, Some(right.clone())).await?;
        assert_eq!(s, StatusCode::TOO_MANY_REQUESTS, "even the right password waits");
        assert!(headers.contains_key("retry-after"));
        let nobody = json!({"name": "无此人", "password": "guess"});
        let (s, _, _) = browse(app, Method::POST, "/api/v1/session", None, None, Some(nobody)).await?;
        assert_eq!(s, StatusCode::UNAUTHORIZED, "another name is not held back");

        // The same database a minute later, then thirteen hours later.
        let at = |t: time::OffsetDateTime| {
            let db = hq.db.clone();
            blocking(move || Ok(outpost_hq::app(outpost_hq::AppState::with_clock(db, Arc::new(move || t))?)))
        };
        let later = at(NOW + time::Duration::minutes(1)).await?;
        let (token, _) = sign_in(&later, "张敏", &once).await?;
        let (s, _, _) = browse(&later, Method::GET, "/api/v1/session", Some(&token), None, None).await?;
        assert_eq!(s, StatusCode::OK);
        let next_day = at(NOW + time::Duration::hours(13)).await?;
        let (s, _, body) = browse(&next_day, Method::GET, "/api/v1/session", Some(&token), None, None).await?;
        assert_eq!(s, StatusCode::UNAUTHORIZED, "{body}");
        assert!(body["message"].as_str().is_some_and(|m| m.contains("sign in again")), "{body}");
    }
    Ok(())
}

#[tokio::test]
async fn a_forgotten_password_is_reset_to_a_new_one_time_one_and_ends_the_sessions() -> TestResult {
    for hq in backends().await? {
        let app = &hq.app;
        let once = person(&hq, "张敏", Role::Dispatcher).await?;
        let (token, _) = sign_in(app, "张敏", &once).await?;
        let db = hq.db.clone();
        let fresh = blocking(move || Ok(outpost_hq::admin::reset_password(&db, "张敏")?)).await?;
        assert_ne!(fresh, once);
        let (s, _, _) = browse(app, Method::GET, "/api/v1/session", Some(&token), None, None).await?;
        assert_eq!(s, StatusCode::UNAUTHORIZED, "the old session ended");
        let (s, _, _) =
            browse(app, Method::POST, "/api/v1/session", None, None, Some(json!({"name": "张敏", "password": once})))
                .await?;
        assert_eq!(s, StatusCode::UNAUTHORIZED, "the old password no longer works");
        let (_, session) = sign_in(app, "张敏", &fresh).await?;
        assert_eq!(session["must_change_password"], true);
        let db = hq.db.clone();
        let nobody = blocking(move || Ok(outpost_hq::admin::reset_password(&db, "无此人")?)).await;
        assert!(nobody.is_err());

        // Whoever else signed in with the one-time password is signed out when it is replaced.
        let (mine, session) = sign_in(app, "张敏", &fresh).await?;
        let (theirs, _) = sign_in(app, "张敏", &fresh).await?;
        let csrf = session["csrf"].as_str().ok_or("csrf")?;
        let change = json!({"password": fresh, "new_password": "长城 long enough"});
        let (s, _, _) =
            browse(app, Method::PUT, "/api/v1/session/password", Some(&mine), Some(csrf), Some(change)).await?;
        assert_eq!(s, StatusCode::OK);
        let (s, _, _) = browse(app, Method::GET, "/api/v1/session", Some(&theirs), None, None).await?;
        assert_eq!(s, StatusCode::UNAUTHORIZED);
        let (s, _, _) = browse(app, Method::GET, "/api/v1/jobs", Some(&mine), None, None).await?;
        assert_eq!(s, StatusCode::OK);
    }
    Ok(())
}

#[tokio::test]
async fn a_stolen_session_cannot_guess_the_password_and_a_tls_hq_marks_the_cookie_secure() -> TestResult {
    for hq in backends().await? {
        let once = person(&hq, "张敏", Role::Dispatcher).await?;
        let (token, session) = sign_in(&hq.app, "张敏", &once).await?;
        let csrf = session["csrf"].as_str().ok_or("csrf")?;
        for _ in 0..10 {
            let guess = json!({"password": "guess", "new_password": "长城 long enough"});
            let (s, _, body) =
                browse(&hq.app, Method::PUT, "/api/v1/session/password", Some(&token), Some(csrf), Some(guess)).await?;
            assert_eq!((s, body["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("password")), "{body}");
        }
        let right = json!({"password": once, "new_password": "长城 long enough"});
        let (s, _, _) =
            browse(&hq.app, Method::PUT, "/api/v1/session/password", Some(&token), Some(csrf), Some(right)).await?;
        assert_eq!(s, StatusCode::TOO_MANY_REQUESTS, "ten wrong current passwords hold the person back");

        let db = hq.db.clone();
        let tls = blocking(move || {
            let state = outpost_hq::AppState::with_clock(db, Arc::new(|| NOW))?.with_secure_cookies(true);
            Ok(outpost_hq::app(state))
        })
        .await?;
        let (_, headers, _) =
            browse(&tls, Method::POST, "/api/v1/session", None, None, Some(json!({"name": "张敏", "password": once})))
                .await?;
        let cookie = headers.get("set-cookie").ok_or("a cookie")?.to_str()?;
        assert!(cookie.ends_with("; Secure"), "{cookie}");
        let (_, headers, _) = browse(
            &hq.app,
            Method::POST,
            "/api/v1/session",
            None,
            None,
            Some(json!({"name": "张敏", "password": once})),
        )
        .await?;
        assert!(!headers.get("set-cookie").ok_or("a cookie")?.to_str()?.contains("Secure"), "plain HTTP");
    }
    Ok(())
}
