//! The one error type of the domain crate. Every message says what is wrong and what to do.

use crate::job::{JobStatus, Mover};
use crate::report::ReportField;

/// Why a domain rule refused an input or an action.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DomainError {
    /// A value broke a rule of its field (empty, too long, out of range, malformed).
    #[error("{field}: {message}")]
    Invalid { field: &'static str, message: String },

    /// The job state machine forbids this move; the message lists the moves that are allowed.
    #[error("{}", illegal_transition_message(*.from, *.to, .allowed))]
    IllegalTransition { from: JobStatus, to: JobStatus, allowed: Vec<JobStatus> },

    /// Only HQ may make this move (cancel, reassign, close).
    #[error("Only HQ can move a job to {to}: ask the dispatcher")]
    HqOnly { to: JobStatus },

    /// A report cannot be signed while mandatory fields are empty.
    #[error("{}", incomplete_message(.missing))]
    ReportIncomplete { missing: Vec<ReportField> },

    /// A signed report is frozen; changes go into a new revision.
    #[error(
        "The report is signed and frozen: start a new revision to change it (the customer will need to sign again)"
    )]
    ReportFrozen,

    /// An out-of-warranty charge exists and the customer has not accepted the quote yet.
    #[error(
        "The customer has not accepted the quote of {total}: show the quote and record their acceptance before completing the repair"
    )]
    QuoteNotAccepted { total: String },

    /// Two amounts in different currencies were combined.
    #[error("Cannot add {left} and {right}: all prices on one job must use the same currency")]
    CurrencyMismatch { left: String, right: String },
}

/// Result of a domain operation.
pub type Result<T> = std::result::Result<T, DomainError>;

impl DomainError {
    /// Shorthand for a field validation error.
    pub fn invalid(field: &'static str, message: impl Into<String>) -> Self {
        DomainError::Invalid { field, message: message.into() }
    }
}

fn illegal_transition_message(from: JobStatus, to: JobStatus, allowed: &[JobStatus]) -> String {
    if allowed.is_empty() {
        return format!("Cannot move a job from {from} to {to}: a {from} job cannot change any more");
    }
    let names = |mover: Mover| -> Vec<&str> {
        from.moves().iter().filter(|(s, m)| *m == mover && allowed.contains(s)).map(|(s, _)| s.as_str()).collect()
    };
    let (engineer, hq) = (names(Mover::Engineer), names(Mover::Hq));
    let mut message = format!("Cannot move a job from {from} to {to}:");
    if !engineer.is_empty() {
        message.push_str(&format!(" from {from} it can go to {}", engineer.join(", ")));
    }
    if !hq.is_empty() {
        let sep = if engineer.is_empty() { "" } else { ";" };
        message.push_str(&format!("{sep} HQ can move it to {}", hq.join(", ")));
    }
    message
}

fn incomplete_message(missing: &[ReportField]) -> String {
    let names: Vec<&str> = missing.iter().map(|f| f.label_en()).collect();
    format!("The report cannot be signed yet: fill in {} first", names.join(", "))
}
