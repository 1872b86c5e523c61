//! The engineers and their laptops as HQ's console manages them: a new engineer, the one-time
//! enrollment code, each enrolled laptop with its last sync and app version, revoking one.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

/// `POST /api/v1/engineers`: a new engineer, who gets an enrollment code for a first laptop.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../console/src/bindings/"))]
pub struct EngineerInput {
    pub name: String,
}

/// A one-time enrollment code, shown once: HQ keeps only its hash. Earlier unused codes of the
/// engineer stop working.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../console/src/bindings/"))]
pub struct EnrollmentCode {
    pub engineer_id: String,
    pub code: String,
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub expires_at: OffsetDateTime,
}

/// An enrolled laptop, as `GET /api/v1/devices` lists them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../console/src/bindings/"))]
pub struct Device {
    pub client_id: String,
    pub engineer_id: String,
    pub engineer_name: String,
    /// The name the laptop gave itself when it enrolled.
    pub name: String,
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub enrolled_at: OffsetDateTime,
    /// When it last called HQ to sync; none since HQ began keeping it.
    #[serde(with = "time::serde::rfc3339::option")]
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub last_sync_at: Option<OffsetDateTime>,
    /// The Outpost version it said it runs at that sync.
    pub app_version: Option<String>,
    #[serde(with = "time::serde::rfc3339::option")]
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub revoked_at: Option<OffsetDateTime>,
}
