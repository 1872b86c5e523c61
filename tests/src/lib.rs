//! Shared by the tests across processes: what the crash writer and the crash test agree on
//! (which jobs are written and how the writes of step `i` look, so the test can check each
//! one after a kill -9), and the HQ-process and laptop harness.

pub mod harness;
pub mod proxy;

use outpost_domain::ids::{JobId, PartLineId};
use outpost_domain::rating::Dimension;
use outpost_domain::report::ReportField;
use uuid::Uuid;

/// The writes the child makes, in turn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Write {
    Field { field: ReportField, value: String },
    PartLine { line_id: PartLineId },
    Rating { dimension: Dimension, rating: i64 },
}

/// The write of step `i` (deterministic, so the parent knows what a reported step wrote).
pub fn write_for(i: u64) -> Write {
    match i % 4 {
        0 => Write::Field { field: ReportField::FaultCause, value: format!("原因 v{i}") },
        1 => Write::PartLine { line_id: PartLineId(Uuid::from_u128(u128::from(i) + 1)) },
        2 => Write::Rating { dimension: Dimension::ALL[(i / 4 % 4) as usize], rating: (i % 5 + 1) as i64 },
        _ => Write::Field {
            field: ReportField::Solution,
            value: format!("solution s{i} {}", "x".repeat((i % 300) as usize)),
        },
    }
}

/// The job step `i` writes to, among the editable jobs.
pub fn job_for(i: u64, jobs: &[JobId]) -> JobId {
    jobs[(i / 4 % jobs.len() as u64) as usize]
}

/// The line the child prints after each commit.
pub fn committed_line(i: u64, mutation_id: i64) -> String {
    format!("committed {i} {mutation_id}")
}

/// Parses a line printed by [`committed_line`].
pub fn parse_committed(line: &str) -> Option<(u64, i64)> {
    let mut parts = line.strip_prefix("committed ")?.split(' ');
    Some((parts.next()?.parse().ok()?, parts.next()?.parse().ok()?))
}
