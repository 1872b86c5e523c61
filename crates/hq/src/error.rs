//! The one error type of the HQ server. It becomes the one JSON error shape
//! `{code, message, field?}`; a 500 never shows internals (they go to the log).

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use outpost_domain::DomainError;
use outpost_domain::customer::Language;
use outpost_wire::ErrorBody;

/// Why a request (or a start-up step) failed.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// The request body or a value in it is wrong (422), or the JSON is unreadable (400).
    #[error("{message}")]
    Invalid { status: StatusCode, code: &'static str, message: String, field: Option<String> },
    /// A rule of the domain refused the request (422): worded in English, and in Chinese for a
    /// request that prefers it (`Accept-Language`, see [`speak`]).
    #[error("{0}")]
    Rule(DomainError),
    /// No token, or one HQ does not know (or revoked).
    #[error("{0}")]
    Unauthorized(String),
    /// A valid token that may not do this.
    #[error("{0}")]
    Forbidden(String),
    /// A signed-in person who may not do this now, and why, as a code the console words:
    /// `csrf_missing`, `password_change_required`, `read_only`, `manager_only` (403).
    #[error("{message}")]
    Refused { code: &'static str, message: String },
    /// Nothing there, or nothing this caller may see.
    #[error("{0}")]
    NotFound(String),
    /// The request clashes with what HQ holds (a mutation gap, an existing code).
    #[error("{message}")]
    Conflict { code: &'static str, message: String },
    /// Too many failed attempts from one place (wrong enrollment codes): 429 with
    /// `Retry-After` in seconds.
    #[error("{message}")]
    TooMany { retry_after_secs: u64, message: String },
    /// Something broke inside HQ; the details are logged, not sent.
    #[error("internal error: {0}")]
    Internal(String),
    /// The server cannot start (database, address).
    #[error("{0}")]
    Setup(String),
}

/// Result of an HQ operation.
pub type Result<T> = std::result::Result<T, AppError>;

impl AppError {
    /// An internal failure, logged at the edge.
    pub fn internal(message: impl Into<String>) -> Self {
        AppError::Internal(message.into())
    }

    /// A start-up failure.
    pub fn setup(message: impl Into<String>) -> Self {
        AppError::Setup(message.into())
    }

    /// A 422 for one field.
    pub fn invalid(field: &str, message: impl Into<String>) -> Self {
        AppError::Invalid {
            status: StatusCode::UNPROCESSABLE_ENTITY,
            code: "invalid",
            message: message.into(),
            field: Some(field.to_owned()),
        }
    }

    /// A 400 for a body that cannot be read.
    pub fn bad_request(message: impl Into<String>) -> Self {
        AppError::Invalid { status: StatusCode::BAD_REQUEST, code: "bad_request", message: message.into(), field: None }
    }

    /// The status and body this error answers with.
    pub fn answer(&self) -> (StatusCode, ErrorBody) {
        let body =
            |code: &str, message: String, field: Option<String>| ErrorBody { code: code.to_owned(), message, field };
        match self {
            AppError::Invalid { status, code, message, field } => (*status, body(code, message.clone(), field.clone())),
            AppError::Rule(e) => (StatusCode::UNPROCESSABLE_ENTITY, rule_body(e, Language::En)),
            AppError::Unauthorized(m) => (StatusCode::UNAUTHORIZED, body("unauthorized", m.clone(), None)),
            AppError::Forbidden(m) => (StatusCode::FORBIDDEN, body("forbidden", m.clone(), None)),
            AppError::Refused { code, message } => (StatusCode::FORBIDDEN, body(code, message.clone(), None)),
            AppError::NotFound(m) => (StatusCode::NOT_FOUND, body("not_found", m.clone(), None)),
            AppError::Conflict { code, message } => (StatusCode::CONFLICT, body(code, message.clone(), None)),
            AppError::TooMany { message, .. } => {
                (StatusCode::TOO_MANY_REQUESTS, body("too_many_attempts", message.clone(), None))
            }
            AppError::Internal(_) | AppError::Setup(_) => (
                StatusCode::INTERNAL_SERVER_ERROR,
                body(
                    "internal",
                    "HQ could not complete the request; it has been logged. Try again, and tell support if it persists"
                        .into(),
                    None,
                ),
            ),
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let (status, body) = self.answer();
        if status.is_server_error() {
            tracing::error!(error = %self, "request failed");
        }
        let mut response = (status, Json(body)).into_response();
        if let AppError::TooMany { retry_after_secs, .. } = self {
            response.headers_mut().insert(axum::http::header::RETRY_AFTER, retry_after_secs.into());
        }
        if let AppError::Rule(e) = &self {
            response.extensions_mut().insert(InChinese(rule_body(e, Language::ZhCn)));
        }
        response
    }
}

impl From<DomainError> for AppError {
    fn from(e: DomainError) -> Self {
        AppError::Rule(e)
    }
}

/// A rule's refusal in `language`: the code programs switch on, and the field at fault by its
/// English name (what the console places the words by).
fn rule_body(e: &DomainError, language: Language) -> ErrorBody {
    let field = || Some(e.field().label(Language::En).to_owned());
    let (code, field) = match e {
        DomainError::IllegalTransition { .. } => ("illegal_transition", field()),
        DomainError::HqOnly { .. } => ("hq_only", field()),
        DomainError::ReportIncomplete { .. } => ("report_incomplete", None),
        DomainError::ReportFrozen => ("report_frozen", None),
        DomainError::QuoteNotAccepted { .. } => ("quote_not_accepted", None),
        DomainError::CurrencyMismatch { .. } => ("currency_mismatch", None),
        _ => ("invalid", field()),
    };
    ErrorBody { code: code.to_owned(), message: e.render(language), field }
}

/// A rule's refusal worded in Chinese, carried beside the English answer until [`speak`] picks.
#[derive(Debug, Clone)]
struct InChinese(ErrorBody);

/// Answers a rule's refusal in Chinese to a request whose `Accept-Language` prefers it (the
/// console sends the reader's choice); scripts and laptops keep the English words.
pub async fn speak(request: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let chinese = request
        .headers()
        .get(axum::http::header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(prefers_chinese);
    let mut response = next.run(request).await;
    match response.extensions_mut().remove::<InChinese>() {
        Some(InChinese(body)) if chinese => {
            let (mut parts, _) = response.into_parts();
            parts.headers.remove(axum::http::header::CONTENT_LENGTH);
            parts.headers.insert(axum::http::header::VARY, axum::http::HeaderValue::from_static("accept-language"));
            let bytes = serde_json::to_vec(&body).unwrap_or_default();
            Response::from_parts(parts, axum::body::Body::from(bytes))
        }
        Some(_) => {
            response
                .headers_mut()
                .insert(axum::http::header::VARY, axum::http::HeaderValue::from_static("accept-language"));
            response
        }
        None => response,
    }
}

/// Whether the first of Chinese and English in an `Accept-Language` list, by weight, is Chinese.
fn prefers_chinese(header: &str) -> bool {
    let mut best: Option<(f32, bool)> = None;
    for item in header.split(',') {
        let mut parts = item.split(';');
        let tag = parts.next().unwrap_or("").trim().to_ascii_lowercase();
        let weight = parts.find_map(|p| p.trim().strip_prefix("q=").and_then(|q| q.parse::<f32>().ok())).unwrap_or(1.0);
        let zh = tag == "zh" || tag.starts_with("zh-");
        // q=0 says "not this one".
        if weight <= 0.0 {
            continue;
        }
        if (zh || tag == "en" || tag.starts_with("en-")) && best.is_none_or(|(w, _)| weight > w) {
            best = Some((weight, zh));
        }
    }
    best.is_some_and(|(_, zh)| zh)
}

impl From<rusqlite::Error> for AppError {
    fn from(e: rusqlite::Error) -> Self {
        AppError::Internal(format!("sqlite: {e}"))
    }
}

impl From<postgres::Error> for AppError {
    fn from(e: postgres::Error) -> Self {
        AppError::Internal(format!("postgres: {e}"))
    }
}

impl From<serde_json::Error> for AppError {
    fn from(e: serde_json::Error) -> Self {
        AppError::Internal(format!("json: {e}"))
    }
}

#[cfg(test)]
mod tests {
    use super::prefers_chinese;

    #[test]
    fn the_reader_s_first_language_of_the_two_wins() {
        assert!(prefers_chinese("zh-CN"));
        assert!(prefers_chinese("zh-CN,zh;q=0.9,en;q=0.8"));
        assert!(prefers_chinese("en;q=0.5, zh-TW"));
        assert!(!prefers_chinese("en-US,en;q=0.9,zh-CN;q=0.8"));
        assert!(!prefers_chinese("de-DE, fr"));
        assert!(!prefers_chinese(""));
        assert!(!prefers_chinese("zh;q=0, en"));
    }
}
