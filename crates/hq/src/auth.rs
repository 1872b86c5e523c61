//! Tokens, sessions and who a request is. Tokens are random, shown once, stored only as a
//! SHA-256. A device token acts for one engineer; a dispatcher token acts for HQ (scripts);
//! neither can pose as the other. A person at HQ signs in and is known by a session cookie;
//! every change they make carries the session's CSRF token (`x-outpost-csrf`).

use axum::extract::FromRequestParts;
use axum::http::Method;
use axum::http::request::Parts;
use outpost_domain::ids::{ClientId, EngineerId};
use outpost_wire::people::Role;

use crate::error::{AppError, Result};
use crate::state::AppState;

const DEVICE_PREFIX: &str = "odv_";
const DISPATCHER_PREFIX: &str = "odp_";

/// Random bytes as lowercase hex.
pub fn random_hex(bytes: usize) -> Result<String> {
    let mut buf = vec![0u8; bytes];
    getrandom::fill(&mut buf).map_err(|e| AppError::internal(format!("no randomness: {e}")))?;
    Ok(hex::encode(buf))
}

/// The stored form of a token or code.
pub fn hash(secret: &str) -> String {
    outpost_domain::signature::sha256_hex(secret.trim().as_bytes())
}

/// Whether `token` is one HQ issued, in `table` (`devices` or `dispatcher_tokens`): a token of
/// the other kind is forbidden there (403), one HQ never issued is unknown (401).
async fn known(state: &AppState, table: &'static str, token: &str) -> Result<bool> {
    let token_hash = hash(token);
    let sql = format!("SELECT 1 FROM {table} WHERE token_hash = $1");
    Ok(state.db.tx(move |tx| tx.query_opt(&sql, &[token_hash.into()])).await?.is_some())
}

/// A new device token.
pub fn new_device_token() -> Result<String> {
    Ok(format!("{DEVICE_PREFIX}{}", random_hex(32)?))
}

/// A new dispatcher token.
pub fn new_dispatcher_token() -> Result<String> {
    Ok(format!("{DISPATCHER_PREFIX}{}", random_hex(32)?))
}

/// A one-time enrollment code people can type: 12 characters without look-alikes, in groups.
pub fn new_enrollment_code() -> Result<String> {
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut buf = [0u8; 12];
    getrandom::fill(&mut buf).map_err(|e| AppError::internal(format!("no randomness: {e}")))?;
    let chars: Vec<char> = buf.iter().map(|b| ALPHABET[usize::from(*b) % ALPHABET.len()] as char).collect();
    Ok(chars.chunks(4).map(|c| c.iter().collect::<String>()).collect::<Vec<_>>().join("-"))
}

/// Normalises a typed code: case and separators do not matter.
pub fn normalise_code(code: &str) -> String {
    code.chars().filter(|c| c.is_ascii_alphanumeric()).map(|c| c.to_ascii_uppercase()).collect()
}

fn bearer(parts: &Parts) -> Result<String> {
    let header = parts
        .headers
        .get(axum::http::header::AUTHORIZATION)
        .ok_or_else(|| AppError::Unauthorized("no token: send 'Authorization: Bearer <token>'".into()))?;
    let value =
        header.to_str().map_err(|_| AppError::Unauthorized("the Authorization header is not readable text".into()))?;
    value
        .strip_prefix("Bearer ")
        .map(|t| t.trim().to_owned())
        .filter(|t| !t.is_empty())
        .ok_or_else(|| AppError::Unauthorized("the Authorization header must be 'Bearer <token>'".into()))
}

/// The enrolled laptop making the request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Device {
    pub client_id: ClientId,
    pub engineer_id: EngineerId,
}

impl FromRequestParts<AppState> for Device {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self> {
        let token = bearer(parts)?;
        if token.starts_with(DISPATCHER_PREFIX) && known(state, "dispatcher_tokens", &token).await? {
            return Err(AppError::Forbidden("a dispatcher token cannot sync: enroll a laptop with a code".into()));
        }
        let token_hash = hash(&token);
        let row = state
            .db
            .tx(move |tx| {
                tx.query_opt(
                    "SELECT client_id, engineer_id, revoked_at FROM devices WHERE token_hash = $1",
                    &[token_hash.into()],
                )
            })
            .await?
            .ok_or_else(|| {
                AppError::Unauthorized("HQ does not know this device token: enroll the laptop again".into())
            })?;
        if row.opt_int(2)?.is_some() {
            return Err(AppError::Unauthorized(
                "this laptop's access was revoked: ask HQ for a new enrollment code".into(),
            ));
        }
        let stored = |_| AppError::internal("stored id");
        let device = Device {
            client_id: row.text(0)?.parse().map_err(stored)?,
            engineer_id: row.text(1)?.parse().map_err(stored)?,
        };
        state.sightings.saw(device.client_id, app_version(parts), state.now());
        Ok(device)
    }
}

/// The Outpost version a laptop names in its `User-Agent` (`outpost/0.1.0`).
fn app_version(parts: &Parts) -> Option<String> {
    let agent = parts.headers.get(axum::http::header::USER_AGENT)?.to_str().ok()?;
    let version = agent.strip_prefix("outpost/")?.split_whitespace().next()?;
    let plain = version.len() <= 32 && version.chars().all(|c| c.is_ascii_alphanumeric() || ".+-".contains(c));
    plain.then(|| version.to_owned())
}

/// The name of the session cookie.
pub const SESSION_COOKIE: &str = "outpost_session";

/// The header that carries the session's CSRF token on every change made with the cookie.
pub const CSRF_HEADER: &str = "x-outpost-csrf";

/// The session token in the request's cookies, if any.
pub fn session_cookie(parts: &Parts) -> Option<String> {
    parts
        .headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, value)| *name == SESSION_COOKIE && !value.is_empty())
        .map(|(_, value)| value.to_owned())
}

fn changes_something(method: &Method) -> bool {
    !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// A person signed in with a session cookie, as the session endpoints see them: a change made
/// with the cookie must carry the session's CSRF token (403 without it).
#[derive(Clone, PartialEq, Eq)]
pub struct Signed {
    /// The cookie's session token.
    pub token: String,
    pub person: crate::people::SignedIn,
}

impl std::fmt::Debug for Signed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Signed").field("person", &self.person).finish_non_exhaustive()
    }
}

impl FromRequestParts<AppState> for Signed {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self> {
        let token = session_cookie(parts).ok_or_else(|| AppError::Unauthorized("you are not signed in".into()))?;
        let now = state.now();
        let looked_up = token.clone();
        let person = state.db.tx(move |tx| crate::people::session(tx, &looked_up, now)).await?;
        if changes_something(&parts.method) {
            let sent = parts.headers.get(CSRF_HEADER).and_then(|v| v.to_str().ok()).unwrap_or_default();
            // Compared as hashes: the time taken says nothing of how much of the token was right.
            if sent.is_empty() || hash(sent) != hash(&person.csrf) {
                return Err(AppError::Refused {
                    code: "csrf_missing",
                    message: format!(
                        "a change made while signed in must carry the {CSRF_HEADER} header of the session: reload the page"
                    ),
                });
            }
        }
        Ok(Signed { token, person })
    }
}

/// Someone at HQ using the dispatch API: a signed-in person (by name and role) or a script
/// with a dispatcher token (by the token's name, with a manager's rights). A viewer reads
/// only; a person still on a one-time password must change it first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dispatcher {
    /// Who: the person's name, or the token's.
    pub name: String,
    pub role: Role,
    /// Signed in as a person (else a script's token).
    pub person: bool,
}

impl Dispatcher {
    /// Who, as the audit log names them: `person:张敏`, `token:admin` (as laptops are
    /// `engineer:<id>`), so a person named like a token cannot pass for it.
    pub fn actor(&self) -> String {
        format!("{}:{}", if self.person { "person" } else { "token" }, self.name)
    }
}

impl FromRequestParts<AppState> for Dispatcher {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self> {
        if !parts.headers.contains_key(axum::http::header::AUTHORIZATION) && session_cookie(parts).is_some() {
            let Signed { person, .. } = Signed::from_request_parts(parts, state).await?;
            if !person.password_set {
                return Err(AppError::Refused {
                    code: "password_change_required",
                    message: "change your one-time password first".into(),
                });
            }
            if person.role == Role::Viewer && changes_something(&parts.method) {
                return Err(AppError::Refused {
                    code: "read_only",
                    message: format!("{} may read only (viewer)", person.name),
                });
            }
            return Ok(Dispatcher { name: person.name, role: person.role, person: true });
        }
        let token = bearer(parts)?;
        if token.starts_with(DEVICE_PREFIX) && known(state, "devices", &token).await? {
            return Err(AppError::Forbidden("a device token cannot use the dispatch API".into()));
        }
        let token_hash = hash(&token);
        let row = state
            .db
            .tx(move |tx| {
                tx.query_opt(
                    "SELECT revoked_at, name FROM dispatcher_tokens WHERE token_hash = $1",
                    &[token_hash.into()],
                )
            })
            .await?
            .ok_or_else(|| AppError::Unauthorized("HQ does not know this dispatcher token".into()))?;
        if row.opt_int(0)?.is_some() {
            return Err(AppError::Unauthorized("this dispatcher token was revoked".into()));
        }
        Ok(Dispatcher { name: row.text(1)?, role: Role::Manager, person: false })
    }
}

/// The service manager: people and the company's settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Manager(pub Dispatcher);

impl FromRequestParts<AppState> for Manager {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self> {
        let someone = Dispatcher::from_request_parts(parts, state).await?;
        if someone.role != Role::Manager {
            return Err(AppError::Refused {
                code: "manager_only",
                message: format!("only a manager may do this; {} is a {}", someone.name, someone.role.as_str()),
            });
        }
        Ok(Manager(someone))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_typeable_and_normalised() -> Result<()> {
        let code = new_enrollment_code()?;
        assert_eq!(code.len(), 14);
        assert_eq!(normalise_code(&code.to_lowercase().replace('-', " ")), code.replace('-', ""));
        assert_ne!(new_device_token()?, new_device_token()?);
        Ok(())
    }
}
