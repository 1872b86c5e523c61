//! Outpost's domain rules: the nouns of after-sales field service and the rules that bind them.
//!
//! Pure: no storage, no network, no clock. Ids and times are passed in by the caller, so the
//! laptop, HQ and tests all get the same answers from the same inputs.

pub mod calendar;
pub mod call;
pub mod callback;
pub mod change;
pub mod clock;
pub mod company;
pub mod complaint;
pub mod customer;
pub mod equipment;
pub mod error;
pub mod field;
pub mod ids;
pub mod job;
pub mod kpi;
pub mod money;
pub mod part;
pub mod parts_request;
pub mod plan;
pub mod rating;
pub mod reminder;
pub mod report;
pub mod signature;
pub mod sla;
pub mod text;
pub mod van;
pub mod visit;
pub mod warranty;

#[cfg(test)]
mod fixtures;

pub use error::{DomainError, Result};
