//! The one error type of the CLI; `main` prints it and exits non-zero.

use outpost_domain::DomainError;
use outpost_domain::customer::Language;
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

impl CliError {
    /// The error's words in `language` (English is the `Display`).
    pub fn render(&self, language: Language) -> String {
        match self {
            CliError::Store(e) => e.render(language),
            CliError::Domain(e) => e.render(language),
            CliError::Sync(e) => e.render(language),
            CliError::Receipt(e) => e.render(language),
            other => other.to_string(),
        }
    }
}

/// The language errors are worded in: `OUTPOST_LANG`, else the locale (`LC_ALL`,
/// `LC_MESSAGES`, `LANG`); Chinese for `zh…`, English otherwise.
pub fn language() -> Language {
    let tag = ["OUTPOST_LANG", "LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .find_map(|name| std::env::var(name).ok().filter(|v| !v.is_empty()))
        .unwrap_or_default();
    if tag.to_ascii_lowercase().starts_with("zh") { Language::ZhCn } else { Language::En }
}
