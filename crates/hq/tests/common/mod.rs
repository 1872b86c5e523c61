//! The HQ test helper: the whole router over a real database, called without a socket.
//! `OUTPOST_TEST_PG_URL` (set by `make test`) adds PostgreSQL: every test runs on both.
#![allow(dead_code)] // each test file uses a different part of the helper

use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Method, Request, StatusCode};
use http_body_util::BodyExt;
use outpost_domain::change::Change;
use outpost_domain::ids::JobId;
use outpost_domain::job::JobStatus;
use outpost_hq::db::Db;
use outpost_hq::{AppState, app};
use outpost_wire::people::Role;
use serde_json::{Value, json};
use time::OffsetDateTime;
use time::macros::datetime;
use tower::ServiceExt;

pub type TestResult = Result<(), Box<dyn std::error::Error>>;

pub const NOW: OffsetDateTime = datetime!(2026-11-23 02:00 UTC);

/// One HQ under test.
pub struct Hq {
    pub app: Router,
    pub db: Db,
    pub backend: &'static str,
    _dir: Option<tempfile::TempDir>,
}

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Runs blocking database work off the async test thread (the PostgreSQL client blocks).
pub async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, BoxError> + Send + 'static,
) -> Result<T, Box<dyn std::error::Error>> {
    Ok(tokio::task::spawn_blocking(f).await?.map_err(|e| e.to_string())?)
}

/// A fresh HQ on every backend available to this run.
pub async fn backends() -> Result<Vec<Hq>, Box<dyn std::error::Error>> {
    blocking(|| {
        let dir = tempfile::tempdir()?;
        let mut out = vec![build(Db::open_sqlite(dir.path())?, "sqlite", Some(dir))?];
        if let Ok(url) = std::env::var("OUTPOST_TEST_PG_URL") {
            out.push(build(fresh_postgres(&url)?, "postgres", None)?);
        }
        Ok(out)
    })
    .await
}

impl Hq {
    /// The same database served by an HQ whose clock reads `t`.
    pub async fn at(&self, t: OffsetDateTime) -> Result<Hq, Box<dyn std::error::Error>> {
        let (db, backend) = (self.db.clone(), self.backend);
        let app = blocking(move || Ok(app(AppState::with_clock(db, Arc::new(move || t))?))).await?;
        Ok(Hq { app, db: self.db.clone(), backend, _dir: None })
    }
}

fn build(db: Db, backend: &'static str, dir: Option<tempfile::TempDir>) -> Result<Hq, BoxError> {
    let state = AppState::with_clock(db.clone(), Arc::new(|| NOW))?;
    Ok(Hq { app: app(state), db, backend, _dir: dir })
}

/// A new, empty database on the test cluster for each test.
pub fn fresh_postgres(url: &str) -> Result<Db, BoxError> {
    let name = format!("t_{}", uuid::Uuid::now_v7().simple());
    let mut admin = postgres::Client::connect(url, postgres::NoTls)?;
    admin.batch_execute(&format!("CREATE DATABASE {name}"))?;
    let base = url.rsplit_once('/').map_or(url, |(b, _)| b);
    Ok(Db::open_postgres(&format!("{base}/{name}"))?)
}

impl Hq {
    /// Calls the API; returns the status and the JSON body (Null when empty or not JSON).
    pub async fn call(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> Result<(StatusCode, Value), Box<dyn std::error::Error>> {
        self.call_with(method, path, token, &[], body).await
    }

    /// Calls the API with more headers.
    pub async fn call_with(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        headers: &[(&str, &str)],
        body: Option<Value>,
    ) -> Result<(StatusCode, Value), Box<dyn std::error::Error>> {
        let mut req = Request::builder().method(method).uri(path);
        if let Some(t) = token {
            req = req.header("authorization", format!("Bearer {t}"));
        }
        for (name, value) in headers {
            req = req.header(*name, *value);
        }
        let req = match body {
            Some(b) => req.header("content-type", "application/json").body(Body::from(serde_json::to_vec(&b)?))?,
            None => req.body(Body::empty())?,
        };
        let res = self.app.clone().oneshot(req).await?;
        let status = res.status();
        let bytes = res.into_body().collect().await?.to_bytes();
        let json = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        Ok((status, json))
    }

    /// Calls with raw bytes (blobs, broken JSON).
    pub async fn call_raw(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        content_type: &str,
        body: Vec<u8>,
    ) -> Result<(StatusCode, Vec<u8>), Box<dyn std::error::Error>> {
        self.call_raw_with(method, path, token, &[("content-type", content_type)], body).await
    }

    /// Calls with raw bytes and these headers.
    pub async fn call_raw_with(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        headers: &[(&str, &str)],
        body: Vec<u8>,
    ) -> Result<(StatusCode, Vec<u8>), Box<dyn std::error::Error>> {
        let mut req = Request::builder().method(method).uri(path);
        if let Some(t) = token {
            req = req.header("authorization", format!("Bearer {t}"));
        }
        for (name, value) in headers {
            req = req.header(*name, *value);
        }
        let res = self.app.clone().oneshot(req.body(Body::from(body))?).await?;
        let status = res.status();
        Ok((status, res.into_body().collect().await?.to_bytes().to_vec()))
    }

    /// A dispatcher token.
    pub async fn dispatcher(&self) -> Result<String, Box<dyn std::error::Error>> {
        let db = self.db.clone();
        blocking(move || Ok(outpost_hq::admin::dispatcher_token(&db, NOW)?)).await
    }

    /// A new engineer; returns their one-time enrollment code.
    pub async fn engineer(&self, name: &str) -> Result<String, Box<dyn std::error::Error>> {
        let (db, name) = (self.db.clone(), name.to_owned());
        blocking(move || Ok(outpost_hq::admin::add_engineer(&db, &name, NOW)?)).await
    }

    /// A new engineer with an enrolled laptop: (engineer id, client id, device token).
    pub async fn enrolled(&self, name: &str) -> Result<(String, String, String), Box<dyn std::error::Error>> {
        let code = self.engineer(name).await?;
        let (status, body) = self
            .call(
                Method::POST,
                "/api/v1/enroll",
                None,
                Some(serde_json::json!({"code": code, "device_name": format!("{name}'s laptop")})),
            )
            .await?;
        assert_eq!(status, StatusCode::OK, "{body}");
        let s = |k: &str| body[k].as_str().map(str::to_owned).ok_or(format!("no {k}"));
        Ok((s("engineer_id")?, s("client_id")?, s("token")?))
    }
}

/// A browser's call: the session cookie and the CSRF header when given; answers the status,
/// the headers and the JSON body.
pub async fn browse(
    app: &Router,
    method: Method,
    path: &str,
    cookie: Option<&str>,
    csrf: Option<&str>,
    body: Option<Value>,
) -> Result<(StatusCode, HeaderMap, Value), Box<dyn std::error::Error>> {
    let mut req = Request::builder().method(method).uri(path);
    if let Some(c) = cookie {
        req = req.header("cookie", format!("theme=dark; outpost_session={c}"));
    }
    if let Some(t) = csrf {
        req = req.header("x-outpost-csrf", t);
    }
    let req = match body {
        Some(b) => req.header("content-type", "application/json").body(Body::from(serde_json::to_vec(&b)?))?,
        None => req.body(Body::empty())?,
    };
    let res = app.clone().oneshot(req).await?;
    let (status, headers) = (res.status(), res.headers().clone());
    let bytes = res.into_body().collect().await?.to_bytes();
    Ok((status, headers, serde_json::from_slice(&bytes).unwrap_or(Value::Null)))
}

/// A person added by the admin command's function, with their one-time password.
pub async fn person(hq: &Hq, name: &str, role: Role) -> Result<String, Box<dyn std::error::Error>> {
    let (db, name) = (hq.db.clone(), name.to_owned());
    Ok(blocking(move || Ok(outpost_hq::admin::add_user(&db, &name, role, NOW)?)).await?.one_time_password)
}

/// Signs in; answers the cookie's token and the session.
pub async fn sign_in(app: &Router, name: &str, password: &str) -> Result<(String, Value), Box<dyn std::error::Error>> {
    let (s, headers, session) =
        browse(app, Method::POST, "/api/v1/session", None, None, Some(json!({"name": name, "password": password})))
            .await?;
    assert_eq!(s, StatusCode::OK, "{session}");
    let cookie = headers.get("set-cookie").ok_or("a session cookie")?.to_str()?.to_owned();
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && cookie.contains("Path=/"), "{cookie}");
    let token = cookie.strip_prefix("outpost_session=").and_then(|c| c.split(';').next()).ok_or("token")?;
    Ok((token.to_owned(), session))
}

/// Customer, site, equipment (out of warranty), a part, and a repair job for `engineer`.
pub async fn work_for(
    hq: &Hq,
    dispatcher: &str,
    engineer: &str,
) -> Result<(String, Value), Box<dyn std::error::Error>> {
    let (s, customer) = hq
        .call(
            Method::POST,
            "/api/v1/customers",
            Some(dispatcher),
            Some(json!({
                "name": "济南恒丰机械制造有限公司", "language": "zh-CN",
                "contacts": [{"name": "李经理", "phone": "0531-8888 6666", "role": "设备科长"}]
            })),
        )
        .await?;
    assert_eq!(s, StatusCode::CREATED, "{customer}");
    let (s, site) = hq
        .call(
            Method::POST,
            "/api/v1/sites",
            Some(dispatcher),
            Some(json!({
                "customer_id": customer["id"], "name": "一厂", "address": "济南市经十路100号", "directions": "东门进"
            })),
        )
        .await?;
    assert_eq!(s, StatusCode::CREATED, "{site}");
    let (s, equipment) = hq
        .call(
            Method::POST,
            "/api/v1/equipment",
            Some(dispatcher),
            Some(json!({
                "site_id": site["id"], "brand": "宏力 Hongli", "model": "HL-37A", "serial": "HL37A-2023-000123",
                "accepted_on": "2023-05-01"
            })),
        )
        .await?;
    assert_eq!(s, StatusCode::CREATED, "{equipment}");
    let (s, part) = hq
        .call(
            Method::POST,
            "/api/v1/parts",
            Some(dispatcher),
            Some(json!({
                "code": "MOT-0501", "name": "风扇电机", "unit_cost": 165100, "unit_price": 222885, "currency": "CNY"
            })),
        )
        .await?;
    assert_eq!(s, StatusCode::CREATED, "{part}");
    let (s, job) = hq
        .call(
            Method::POST,
            "/api/v1/jobs",
            Some(dispatcher),
            Some(json!({
                "job_type": "repair", "site_id": site["id"], "equipment_id": equipment["id"], "engineer_id": engineer,
                "reported_fault": "排气温度高，自动停机", "scheduled_on": "2026-11-23",
                "window_from": "2026-11-23T01:00:00Z", "window_until": "2026-11-23T04:00:00Z"
            })),
        )
        .await?;
    assert_eq!(s, StatusCode::CREATED, "{job}");
    Ok((job["id"].as_str().ok_or("job id")?.to_owned(), part))
}

/// A change as a laptop sends it: in the wire's form.
pub fn mutation(id: i64, change: &Change) -> Result<Value, serde_json::Error> {
    let change = outpost_wire::model::Change::from(change.clone());
    Ok(json!({"mutation_id": id, "change": serde_json::to_value(change)?}))
}

pub async fn push(
    hq: &Hq,
    token: &str,
    client: &str,
    mutations: Vec<Value>,
) -> Result<(StatusCode, Value), Box<dyn std::error::Error>> {
    hq.call(Method::POST, "/api/v1/sync/push", Some(token), Some(json!({"client_id": client, "mutations": mutations})))
        .await
}

/// A status move at the test clock.
pub fn transition(job: JobId, to: JobStatus) -> Change {
    Change::JobTransitioned { job_id: job, to, at: NOW, reason: None, promised_on: None, unsigned: None }
}

/// Panics with the backend's name when a check fails.
#[macro_export]
macro_rules! check {
    ($hq:expr, $cond:expr, $($msg:tt)+) => {
        assert!($cond, "[{}] {}", $hq.backend, format!($($msg)+))
    };
}

/// The text of a PDF, read back by `pdftotext`.
pub fn pdf_text(pdf: &[u8]) -> Result<String, Box<dyn std::error::Error>> {
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
