//! The people who work at HQ, their sign-in and their sessions, as the console and scripts
//! send and receive them.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

/// What a person at HQ may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../console/src/bindings/"))]
pub enum Role {
    /// Takes calls, dispatches, answers parts requests, follows up.
    Dispatcher,
    /// Everything a dispatcher does, plus people and the company's settings.
    Manager,
    /// Reads everything, changes nothing.
    Viewer,
}

impl Role {
    /// The stable name, as stored.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Dispatcher => "dispatcher",
            Role::Manager => "manager",
            Role::Viewer => "viewer",
        }
    }

    /// Parses a stored or typed role.
    pub fn parse(s: &str) -> Option<Role> {
        match s.trim() {
            "dispatcher" => Some(Role::Dispatcher),
            "manager" => Some(Role::Manager),
            "viewer" => Some(Role::Viewer),
            _ => None,
        }
    }
}

/// `POST /api/v1/session`: signing in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../console/src/bindings/"))]
pub struct SignIn {
    pub name: String,
    pub password: String,
}

/// The signed-in person, and the token every state-changing request sends back as
/// `x-outpost-csrf`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../console/src/bindings/"))]
pub struct Session {
    pub csrf: String,
    pub name: String,
    pub role: Role,
    /// The one-time password must be replaced before anything else.
    pub must_change_password: bool,
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub expires_at: OffsetDateTime,
}

/// `PUT /api/v1/session/password`: the current password and the new one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../console/src/bindings/"))]
pub struct PasswordChange {
    pub password: String,
    pub new_password: String,
}

/// `POST /api/v1/users`: a new person at HQ.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../console/src/bindings/"))]
pub struct UserInput {
    pub name: String,
    pub role: Role,
}

/// A person at HQ.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../console/src/bindings/"))]
pub struct User {
    pub id: String,
    pub name: String,
    pub role: Role,
    /// False until the one-time password was replaced.
    pub password_set: bool,
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub created_at: OffsetDateTime,
}

/// A new person with the one-time password to hand over (shown once).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../console/src/bindings/"))]
pub struct NewUser {
    #[serde(flatten)]
    #[cfg_attr(feature = "ts", ts(flatten))]
    pub user: User,
    pub one_time_password: String,
}
