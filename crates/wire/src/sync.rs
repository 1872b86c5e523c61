//! Enrollment and sync: what a laptop sends and receives.

use outpost_domain::ids::{ClientId, EngineerId, JobId};
use serde::{Deserialize, Serialize};

use crate::model::{Change, Complaint, Job, JobEvent, PartLine, PartsRequest, ServiceReport};

mod record;

/// `POST /api/v1/enroll`: a one-time code from HQ and a name for this laptop.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnrollRequest {
    pub code: String,
    pub device_name: String,
    /// Made by the laptop before its first try: a retry with the same code and nonce within
    /// [`ENROLL_RETRY_MINUTES`] (its answer was lost) gets the same enrollment again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nonce: Option<String>,
}

/// How long a used enrollment code still answers a retry that carries the same nonce.
pub const ENROLL_RETRY_MINUTES: i64 = 10;

/// The device token is shown once; HQ keeps only its hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnrollResponse {
    pub token: String,
    pub engineer_id: EngineerId,
    pub client_id: ClientId,
    pub engineer_name: String,
}

/// One outbox entry: the laptop's mutation id (rising by one) and the change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mutation {
    pub mutation_id: i64,
    pub change: Change,
    /// The change's identity (SHA-256 hex, made once when the change was saved): a retry
    /// carries the same digest, another change under a number HQ has seen does not.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub digest: Option<String>,
}

/// `POST /api/v1/sync/push`: a batch of mutations in order, starting right after the last
/// one HQ acknowledged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PushRequest {
    pub client_id: ClientId,
    pub mutations: Vec<Mutation>,
}

/// What became of one mutation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Applied now.
    Applied,
    /// Seen before (a retried push); not applied twice.
    Duplicate,
    /// Refused for good, with a reason; it counts as processed.
    Rejected,
    /// A shared field changed at HQ meanwhile: HQ kept its value, the edit is in the conflict
    /// log (reason says what HQ kept); it counts as processed.
    Conflict,
    /// HQ already holds another change under this number (the laptop's folder was restored
    /// from a backup or copied): nothing from here on was applied. Register a new client id
    /// (`POST /api/v1/sync/clients`), number the pending changes again from 1 and send them.
    RestoredCopy,
}

/// The answer for one mutation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MutationResult {
    pub mutation_id: i64,
    pub outcome: Outcome,
    /// The reason in English, for logs and older laptops.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The rule that refused it, as code and parameters (`{"code": "quote_not_accepted",
    /// "total": "CNY 625.20"}`), so the laptop words it in the engineer's language. Kept as
    /// JSON: a code this laptop does not know yet falls back to `reason`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refusal: Option<serde_json::Value>,
}

impl MutationResult {
    /// An outcome without a reason.
    pub fn plain(mutation_id: i64, outcome: Outcome) -> MutationResult {
        MutationResult { mutation_id, outcome, reason: None, refusal: None }
    }
}

/// The answer to a push: every mutation up to `last_mutation_id` is processed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PushResponse {
    pub last_mutation_id: i64,
    pub results: Vec<MutationResult>,
}

/// `POST /api/v1/sync/clients`: a new client id for this device's token, numbering from 1
/// (a restored or copied data folder takes one).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientResponse {
    pub client_id: ClientId,
}

pub use record::Record;

/// A job and what hangs off it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JobBundle {
    pub job: Job,
    pub events: Vec<JobEvent>,
    pub report: Option<ServiceReport>,
    pub parts: Vec<PartLine>,
    /// Parts asked of HQ for the job, with HQ's answers (absent in logs older than requests).
    #[serde(default)]
    pub parts_requests: Vec<PartsRequest>,
    /// The customer's complaints about the job (absent when none, and in logs older than the
    /// register).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub complaints: Vec<Complaint>,
}

crate::edge::mirror!(
    JobBundle = outpost_domain::job::JobBundle { job, events, report, parts, parts_requests, complaints }
);

/// One entry of the pull log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Delta {
    /// Insert or replace the record.
    Upsert { record: Record },
    /// The job left this engineer's scope (reassigned or cancelled): remove it.
    RemoveJob { job_id: JobId },
    /// An operation from a newer HQ that this app does not know: skipped.
    #[serde(other)]
    Unknown,
}

/// `GET /api/v1/sync/pull?cursor=…`: changes since the cursor. Page until `has_more` is
/// false, then apply everything at once and keep the new cursor. `start_over` means HQ does
/// not know the cursor (a reset HQ): drop the downloaded data, pull from no cursor, once.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PullResponse {
    pub cursor: String,
    pub deltas: Vec<Delta>,
    pub has_more: bool,
    pub start_over: bool,
}
