//! The one error type of the CLI; `main` prints it and exits non-zero.

use outpost_domain::DomainError;
use outpost_store::StoreError;

/// Why a command failed, in words the user can act on.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error(transparent)]
    Store(#[from] StoreError),

    #[error(transparent)]
    Domain(#[from] DomainError),

    #[error(transparent)]
    Sync(#[from] outpost_sync::SyncError),

    #[error(transparent)]
    Receipt(#[from] outpost_receipt::ReceiptError),

    #[error("cannot read {path}: {source}")]
    Read { path: String, source: std::io::Error },

    #[error("{0}")]
    Refused(String),

    #[error("cannot write the output: {0}")]
    Output(#[from] serde_json::Error),

    #[error("cannot write the output: {0}")]
    Write(std::io::Error),

    /// The reader of our output went away (`| head`); not an error for the user.
    #[error("output closed")]
    StdoutClosed,
}

/// Result of a CLI command.
pub type Result<T> = std::result::Result<T, CliError>;
