//! The console is served at `/` from the binary: its page for its own paths, its hashed files
//! cached for good, nothing inline for the Content-Security-Policy to allow, and the security
//! headers on every answer, the API's too. (`make test` builds `console/dist` first.)

mod common;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use common::{TestResult, backends};
use http_body_util::BodyExt;
use tower::ServiceExt;

async fn get(
    app: &axum::Router,
    method: Method,
    path: &str,
) -> Result<(StatusCode, axum::http::HeaderMap, String), Box<dyn std::error::Error>> {
    let res = app.clone().oneshot(Request::builder().method(method).uri(path).body(Body::empty())?).await?;
    let (status, headers) = (res.status(), res.headers().clone());
    let bytes = res.into_body().collect().await?.to_bytes();
    Ok((status, headers, String::from_utf8_lossy(&bytes).into_owned()))
}

#[tokio::test]
async fn the_console_is_served_from_the_binary_with_a_strict_policy() -> TestResult {
    let hq = backends().await?.remove(0);
    let app = &hq.app;
    let (s, headers, page) = get(app, Method::GET, "/").await?;
    assert_eq!(s, StatusCode::OK, "{page} (run `make console` before testing HQ)");
    assert_eq!(headers["content-type"], "text/html; charset=utf-8");
    let policy = headers["content-security-policy"].to_str()?;
    assert!(policy.contains("script-src 'self'") && policy.contains("frame-ancestors 'none'"), "{policy}");
    assert!(!policy.contains("unsafe"), "{policy}");
    assert_eq!(
        (headers["x-frame-options"].to_str()?, headers["x-content-type-options"].to_str()?),
        ("DENY", "nosniff")
    );
    assert!(page.contains(r#"<div id="app">"#), "{page}");
    let scripts: Vec<&str> = page.split("<script").skip(1).collect();
    assert!(!scripts.is_empty() && scripts.iter().all(|s| s.contains("src=\"/assets/")), "no inline script: {page}");

    let script = page.split("src=\"").nth(1).and_then(|s| s.split('"').next()).ok_or("the script's path")?;
    let (s, headers, js) = get(app, Method::GET, script).await?;
    assert_eq!((s, headers["content-type"].to_str()?), (StatusCode::OK, "text/javascript; charset=utf-8"));
    assert!(headers["cache-control"].to_str()?.contains("immutable") && js.len() > 1000);

    let (s, _, again) = get(app, Method::GET, "/board").await?;
    assert_eq!((s, again == page), (StatusCode::OK, true), "the console's own paths answer its page");
    for (method, path) in [(Method::GET, "/assets/nothing.js"), (Method::GET, "/api/v1/nothing"), (Method::POST, "/")] {
        let (s, headers, body) = get(app, method.clone(), path).await?;
        assert_eq!(s, StatusCode::NOT_FOUND, "{method} {path}: {body}");
        assert!(body.contains("\"code\":\"not_found\""), "{body}");
        assert!(headers.contains_key("content-security-policy"), "the API's answers carry the headers too");
        assert_eq!(headers["cache-control"], "no-store", "{method} {path}");
    }
    Ok(())
}
