//! The one error type of the sync crate, in words an engineer can act on.

use outpost_store::StoreError;

/// Why a sync step failed.
#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    /// HQ could not be reached (no network, HQ down, timeout): try again later, nothing lost.
    #[error("HQ is not reachable ({0}); your changes are kept and will be sent when it is")]
    Offline(String),
    /// HQ refused this laptop's token.
    #[error("HQ does not accept this laptop any more ({0}): enroll it again with a new code")]
    NotEnrolled(String),
    /// This laptop is not enrolled yet.
    #[error("this laptop is not enrolled: enroll it with a code from HQ first")]
    NoEnrollment,
    /// HQ answered with an error.
    #[error("HQ refused the request ({status}): {message}")]
    Refused { status: u16, code: String, message: String },
    /// HQ's answer does not follow the protocol.
    #[error("HQ answered something unexpected: {0}")]
    Protocol(String),
    /// The local store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Result of a sync step.
pub type Result<T> = std::result::Result<T, SyncError>;

impl SyncError {
    /// Worth retrying later by itself (network or HQ trouble), as opposed to needing a person.
    pub fn is_transient(&self) -> bool {
        match self {
            SyncError::Offline(_) | SyncError::Protocol(_) => true,
            SyncError::Refused { status, .. } => *status >= 500 || *status == 429,
            _ => false,
        }
    }
}
