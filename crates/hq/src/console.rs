//! The HQ console (`console/`, built into `console/dist` by `make console`), embedded in the
//! binary at compile time and served at `/`: it works on an HQ LAN with no internet. Paths the
//! console routes itself (`/board`) answer its page; every answer carries the security headers.

use axum::http::{HeaderValue, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};

use crate::error::AppError;

#[derive(rust_embed::Embed)]
#[folder = "../../console/dist"]
#[allow_missing = true]
struct Assets;

/// Only the console's own files run or load; no frame may hold it.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; style-src 'self'; \
     img-src 'self' data: blob:; connect-src 'self'; font-src 'self'; object-src 'none'; \
     base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

fn content_type(path: &str) -> &'static str {
    match path.rsplit_once('.').map(|(_, ext)| ext) {
        Some("html") => "text/html; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("ico") => "image/x-icon",
        Some("woff2") => "font/woff2",
        Some("ttc") => "font/collection",
        Some("json") => "application/json",
        _ => "application/octet-stream",
    }
}

fn file(path: &str, cache: &'static str) -> Option<Response> {
    let asset = Assets::get(path)?;
    let mut response = asset.data.into_owned().into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type(path)));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    Some(response)
}

/// Answers what no API route did: a console file, the console's page for its own paths, or
/// the API's 404.
pub async fn serve(method: Method, uri: Uri) -> Response {
    let path = uri.path().trim_start_matches('/');
    if path.starts_with("api/") || path == "healthz" || !matches!(method, Method::GET | Method::HEAD) {
        return AppError::NotFound("no such endpoint: see docs/api.md".into()).into_response();
    }
    // Built files carry their hash in the name: they never change under that name.
    if path.starts_with("assets/")
        && let Some(found) = file(path, "public, max-age=31536000, immutable")
    {
        return found;
    }
    if path.contains('.') && !path.ends_with(".html") {
        return AppError::NotFound(format!("the console has no file {path}")).into_response();
    }
    file("index.html", "no-cache").unwrap_or_else(|| {
        (
            StatusCode::SERVICE_UNAVAILABLE,
            "This HQ was built without its console: run `make console`, then build outpost-hq again.",
        )
            .into_response()
    })
}

/// The security headers on every answer, the API's too; an answer that says nothing of caching
/// (every API answer: sessions, customers, jobs) is kept by no cache.
pub async fn secure(mut response: Response) -> Response {
    let headers = response.headers_mut();
    if !headers.contains_key(header::CACHE_CONTROL) {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CONTENT_SECURITY_POLICY));
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    response
}
