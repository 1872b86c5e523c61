//! Tokens and who a request is. Tokens are random, shown once, stored only as a SHA-256.
//! A device token acts for one engineer; a dispatcher token acts for HQ; neither can pose as
//! the other.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use outpost_domain::ids::{ClientId, EngineerId};

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
        Ok(Device {
            client_id: row.text(0)?.parse().map_err(stored)?,
            engineer_id: row.text(1)?.parse().map_err(stored)?,
        })
    }
}

/// A dispatcher (or admin) at HQ.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dispatcher;

impl FromRequestParts<AppState> for Dispatcher {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self> {
        let token = bearer(parts)?;
        if token.starts_with(DEVICE_PREFIX) && known(state, "devices", &token).await? {
            return Err(AppError::Forbidden("a device token cannot use the dispatch API".into()));
        }
        let token_hash = hash(&token);
        let row = state
            .db
            .tx(move |tx| {
                tx.query_opt("SELECT revoked_at FROM dispatcher_tokens WHERE token_hash = $1", &[token_hash.into()])
            })
            .await?
            .ok_or_else(|| AppError::Unauthorized("HQ does not know this dispatcher token".into()))?;
        if row.opt_int(0)?.is_some() {
            return Err(AppError::Unauthorized("this dispatcher token was revoked".into()));
        }
        Ok(Dispatcher)
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
