//! The JSON body and query-string extractors: bad JSON, wrong types, unknown or missing fields,
//! oversized bodies and unreadable query parameters all answer with the one error shape, naming
//! the field when serde knows it.

use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::StatusCode;
use axum::http::request::Parts;
use serde::de::DeserializeOwned;

use crate::error::AppError;

/// A JSON request body of type `T`.
#[derive(Debug)]
pub struct Body<T>(pub T);

impl<S, T> FromRequest<S> for Body<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, AppError> {
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(value)) => Ok(Body(value)),
            Err(rejection) => Err(from_rejection(rejection)),
        }
    }
}

fn from_rejection(rejection: JsonRejection) -> AppError {
    let status = rejection.status();
    let text = rejection.body_text();
    match rejection {
        JsonRejection::JsonDataError(_) => {
            // "Failed to deserialize the JSON body into the target type: mutations[0].change: unknown variant …"
            let detail = text.split_once("target type: ").map_or(text.as_str(), |(_, d)| d);
            let (field, message) = match detail.split_once(": ") {
                Some((path, msg)) if !path.contains(' ') => (Some(path.to_owned()), msg.to_owned()),
                _ => (None, detail.to_owned()),
            };
            AppError::Invalid {
                status: StatusCode::UNPROCESSABLE_ENTITY,
                code: "invalid_body",
                message: format!("the request body does not fit: {message}"),
                field,
            }
        }
        JsonRejection::JsonSyntaxError(_) => {
            AppError::bad_request(format!("the request body is not valid JSON: {text}"))
        }
        JsonRejection::MissingJsonContentType(_) => {
            AppError::bad_request("send the body as JSON with 'Content-Type: application/json'")
        }
        _ if status == StatusCode::PAYLOAD_TOO_LARGE => AppError::Invalid {
            status,
            code: "too_large",
            message: format!(
                "the request body is larger than {} bytes: send fewer mutations per push",
                outpost_wire::limits::MAX_BODY_BYTES
            ),
            field: None,
        },
        _ => AppError::bad_request(format!("the request body cannot be read: {text}")),
    }
}

/// The query string as `T` (`?job_id=…&outcome=…`).
#[derive(Debug)]
pub struct Params<T>(pub T);

impl<S, T> FromRequestParts<S> for Params<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        match axum::extract::Query::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Query(value)) => Ok(Params(value)),
            Err(rejection) => Err(from_query_rejection(&rejection)),
        }
    }
}

fn from_query_rejection(rejection: &QueryRejection) -> AppError {
    // "Failed to deserialize query string: job_id: UUID parsing failed: …"
    let text = rejection.body_text();
    let detail = text.split_once("query string: ").map_or(text.as_str(), |(_, d)| d);
    let (field, message) = match detail.split_once(": ") {
        Some((name, msg)) if !name.contains(' ') => (Some(name.to_owned()), msg.to_owned()),
        _ => (None, detail.to_owned()),
    };
    AppError::Invalid {
        status: StatusCode::BAD_REQUEST,
        code: "invalid_query",
        message: format!("the query string does not fit: {message}"),
        field,
    }
}

/// A file's bytes (`PUT /api/v1/blobs/…`), with a too-large or broken upload answered in the
/// one error shape rather than axum's plain text.
#[derive(Debug)]
pub struct FileBody(pub axum::body::Bytes);

impl<S: Send + Sync> FromRequest<S> for FileBody {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, AppError> {
        match axum::body::Bytes::from_request(req, state).await {
            Ok(bytes) => Ok(FileBody(bytes)),
            Err(rejection) if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE => Err(AppError::Invalid {
                status: StatusCode::PAYLOAD_TOO_LARGE,
                code: "too_large",
                message: format!("a file may be at most {} bytes", outpost_wire::limits::MAX_BLOB_BYTES),
                field: Some("body".into()),
            }),
            Err(rejection) => {
                Err(AppError::bad_request(format!("the file could not be read: {}", rejection.body_text())))
            }
        }
    }
}
