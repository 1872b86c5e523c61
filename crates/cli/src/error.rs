//! The one error type of the CLI; `main` prints it and exits non-zero.

use outpost_domain::DomainError;
use outpost_domain::customer::Language;
use outpost_laptop::LaptopError;
use outpost_store::StoreError;

/// Why a command failed, in words the user can act on.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// The engineer's action failed (a rule, the store, sync, the receipt).
    #[error(transparent)]
    Laptop(#[from] LaptopError),

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

/// The layers' own errors reach the CLI as the engineer's action failing.
macro_rules! through_laptop {
    ($($error:ty),*) => {$(
        impl From<$error> for CliError {
            fn from(e: $error) -> CliError {
                CliError::Laptop(e.into())
            }
        }
    )*};
}
through_laptop!(DomainError, StoreError);

/// Result of a CLI command.
pub type Result<T> = std::result::Result<T, CliError>;

impl CliError {
    /// The error's words in `language` (English is the `Display`).
    pub fn render(&self, language: Language) -> String {
        match self {
            CliError::Laptop(e) => e.render(language),
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
