//! The one IPC error type: every command failure reaches the UI as `{code, message}`, the
//! message in words the engineer can act on.

use serde::ser::{Serialize, SerializeStruct, Serializer};

/// Why a command failed.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error(transparent)]
    Store(#[from] outpost_store::StoreError),

    #[error(transparent)]
    Domain(#[from] outpost_domain::DomainError),

    #[error(transparent)]
    Sync(#[from] outpost_sync::SyncError),

    #[error(transparent)]
    Receipt(#[from] outpost_receipt::ReceiptError),

    /// A value from the UI that does not parse.
    #[error("{0}")]
    Invalid(String),

    /// A file could not be written or a program could not be started.
    #[error("{0}")]
    System(String),
}

impl AppError {
    /// What the UI switches on: `incomplete` (the report lacks fields), `not_enrolled`, or
    /// `error` for everything that is only shown.
    pub fn code(&self) -> &'static str {
        use outpost_domain::DomainError;
        match self {
            AppError::Domain(DomainError::ReportIncomplete { .. })
            | AppError::Store(outpost_store::StoreError::Domain(DomainError::ReportIncomplete { .. })) => "incomplete",
            AppError::Sync(outpost_sync::SyncError::NoEnrollment | outpost_sync::SyncError::NotEnrolled(_)) => {
                "not_enrolled"
            }
            _ => "error",
        }
    }
}

impl Serialize for AppError {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let mut out = s.serialize_struct("AppError", 2)?;
        out.serialize_field("code", self.code())?;
        out.serialize_field("message", &self.to_string())?;
        out.end()
    }
}

/// Result of a command.
pub type Result<T> = std::result::Result<T, AppError>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_reach_the_ui_as_code_and_message() -> std::result::Result<(), serde_json::Error> {
        let e = AppError::Invalid("'x' is not a date: write it as 2026-11-23".into());
        assert_eq!(
            serde_json::to_value(&e)?,
            serde_json::json!({"code": "error", "message": "'x' is not a date: write it as 2026-11-23"})
        );
        let incomplete = AppError::Domain(outpost_domain::DomainError::ReportIncomplete {
            missing: vec![outpost_domain::report::ReportField::FaultCause],
        });
        assert_eq!(serde_json::to_value(&incomplete)?["code"], "incomplete");
        Ok(())
    }
}
