//! The one error type of the store.

use outpost_domain::DomainError;

/// Why a store call failed. Domain errors pass through unchanged so their message reaches the user.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A domain rule refused the change; nothing was written.
    #[error(transparent)]
    Domain(#[from] DomainError),

    /// The thing asked for does not exist on this laptop.
    #[error("{what} {id} is not on this laptop: check what you typed, or sync with HQ")]
    NotFound { what: &'static str, id: String },

    /// The laptop's state forbids the action; the message says what to do first.
    #[error("{0}")]
    Refused(String),

    /// The database file could not be opened or migrated.
    #[error("cannot open the local database {path}: {reason}")]
    Open { path: String, reason: String },

    /// A stored row does not decode: the file was changed outside Outpost.
    #[error(
        "the local database holds a value Outpost cannot read ({0}); restore it from a backup or sync again from HQ"
    )]
    Corrupt(String),

    /// SQLite failed (disk full, I/O error, locked too long).
    #[error("the local database failed: {0}")]
    Sqlite(#[from] rusqlite::Error),
}

/// Result of a store call.
pub type Result<T> = std::result::Result<T, StoreError>;

impl From<serde_json::Error> for StoreError {
    fn from(e: serde_json::Error) -> Self {
        StoreError::Corrupt(e.to_string())
    }
}
