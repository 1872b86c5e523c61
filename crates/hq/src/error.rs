//! The one error type of the HQ server. It becomes the one JSON error shape
//! `{code, message, field?}`; a 500 never shows internals (they go to the log).

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use outpost_domain::DomainError;
use outpost_wire::ErrorBody;

/// Why a request (or a start-up step) failed.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// The request body or a value in it is wrong (422), or the JSON is unreadable (400).
    #[error("{message}")]
    Invalid { status: StatusCode, code: &'static str, message: String, field: Option<String> },
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
        response
    }
}

impl From<DomainError> for AppError {
    fn from(e: DomainError) -> Self {
        use outpost_domain::customer::Language;
        let field = || Some(e.field().label(Language::En).to_owned());
        let (code, field) = match &e {
            DomainError::IllegalTransition { .. } => ("illegal_transition", field()),
            DomainError::HqOnly { .. } => ("hq_only", field()),
            DomainError::ReportIncomplete { .. } => ("report_incomplete", None),
            DomainError::ReportFrozen => ("report_frozen", None),
            DomainError::QuoteNotAccepted { .. } => ("quote_not_accepted", None),
            DomainError::CurrencyMismatch { .. } => ("currency_mismatch", None),
            _ => ("invalid", field()),
        };
        AppError::Invalid { status: StatusCode::UNPROCESSABLE_ENTITY, code, message: e.to_string(), field }
    }
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
