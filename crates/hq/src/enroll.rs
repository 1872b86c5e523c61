//! Engineers, enrollment codes, device and dispatcher tokens.

use std::net::{IpAddr, SocketAddr};

use axum::Json;
use axum::extract::{ConnectInfo, FromRequestParts, State};
use axum::http::request::Parts;
use outpost_domain::ids::{ClientId, EngineerId};
use outpost_domain::text::{self, NAME_MAX};
use outpost_wire::sync::{ENROLL_RETRY_MINUTES, EnrollRequest, EnrollResponse};
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

use crate::auth;
use crate::db::Tx;
use crate::error::{AppError, Result};
use crate::json::Body;
use crate::records::ns;
use crate::state::AppState;

/// How long an enrollment code can be used.
pub const CODE_VALID_FOR: Duration = Duration::days(7);

/// Creates an engineer; returns their id.
pub fn add_engineer(tx: &mut dyn Tx, id: EngineerId, name: &str, now: OffsetDateTime) -> Result<EngineerId> {
    let name = text::required(outpost_domain::field::Field::EngineerName, name, NAME_MAX)?;
    tx.execute(
        "INSERT INTO engineers (id, name, created_at) VALUES ($1, $2, $3)",
        &[id.to_text().into(), name.into(), ns(now).into()],
    )?;
    Ok(id)
}

/// A new one-time enrollment code for an engineer (shown once, stored hashed).
pub fn new_code(tx: &mut dyn Tx, engineer: EngineerId, now: OffsetDateTime) -> Result<String> {
    let code = auth::new_enrollment_code()?;
    tx.execute(
        "INSERT INTO enrollment_codes (code_hash, engineer_id, expires_at) VALUES ($1, $2, $3)",
        &[auth::hash(&auth::normalise_code(&code)).into(), engineer.to_text().into(), ns(now + CODE_VALID_FOR).into()],
    )?;
    Ok(code)
}

/// A new dispatcher token (shown once, stored hashed).
pub fn new_dispatcher_token(tx: &mut dyn Tx, name: &str, now: OffsetDateTime) -> Result<String> {
    let token = auth::new_dispatcher_token()?;
    tx.execute(
        "INSERT INTO dispatcher_tokens (token_hash, name, created_at) VALUES ($1, $2, $3)",
        &[auth::hash(&token).into(), name.into(), ns(now).into()],
    )?;
    Ok(token)
}

/// Revokes a laptop's token.
pub fn revoke_device(tx: &mut dyn Tx, client: ClientId, now: OffsetDateTime) -> Result<()> {
    let n = tx.execute(
        "UPDATE devices SET revoked_at = $2 WHERE client_id = $1 AND revoked_at IS NULL",
        &[client.to_text().into(), ns(now).into()],
    )?;
    if n == 0 {
        return Err(AppError::NotFound(format!("no active device {client}")));
    }
    Ok(())
}

/// A new code for an engineer whose laptop needs enrolling again (lost, replaced, a code that
/// expired): the engineer's earlier unused codes stop working.
pub fn reissue_code(tx: &mut dyn Tx, engineer: EngineerId, now: OffsetDateTime) -> Result<String> {
    tx.execute(
        "UPDATE enrollment_codes SET expires_at = $2 WHERE engineer_id = $1 AND used_at IS NULL AND expires_at > $2",
        &[engineer.to_text().into(), ns(now).into()],
    )?;
    new_code(tx, engineer, now)
}

/// The engineer of that name.
pub fn engineer_named(tx: &mut dyn Tx, name: &str) -> Result<EngineerId> {
    let rows = tx.query("SELECT id FROM engineers WHERE name = $1", &[name.trim().into()])?;
    match rows.as_slice() {
        [one] => one.text(0)?.parse().map_err(|_| AppError::internal("stored engineer id")),
        [] => Err(AppError::NotFound(format!("no engineer named {name}"))),
        _ => {
            Err(AppError::invalid("name", format!("{} engineers are named {name}: use the engineer's id", rows.len())))
        }
    }
}

/// The client address a request came from, when the server knows it (not in in-process tests).
#[derive(Debug, Clone, Copy)]
pub struct ClientAddr(pub Option<IpAddr>);

impl<S: Send + Sync> FromRequestParts<S> for ClientAddr {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self> {
        Ok(ClientAddr(parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip())))
    }
}

/// What became of a code.
enum Trade {
    /// A new device, or the same device again for a retry whose first answer was lost.
    Device { client_id: ClientId, engineer_id: String, engineer_name: String },
    /// Not a code HQ can take.
    Refused,
}

/// `POST /api/v1/enroll`: trades a one-time code for a device token. Wrong codes are counted
/// per client address; a retry with the same code and nonce within minutes gets the same
/// device (with a new token: HQ keeps only the hash of the first one).
pub async fn enroll(
    State(state): State<AppState>,
    ClientAddr(addr): ClientAddr,
    Body(req): Body<EnrollRequest>,
) -> Result<Json<EnrollResponse>> {
    let device_name = text::required(outpost_domain::field::Field::DeviceName, &req.device_name, NAME_MAX)?;
    let nonce =
        req.nonce.as_deref().map(|n| text::required(outpost_domain::field::Field::Nonce, n, 100)).transpose()?;
    let now = state.now();
    let who = addr.map_or_else(|| "unknown".to_owned(), |a| a.to_string());
    state.enroll_failures.check(&who, now, "enrollment codes")?;
    let code_hash = auth::hash(&auth::normalise_code(&req.code));
    let token = auth::new_device_token()?;
    let token_hash = auth::hash(&token);
    let trade = state.db.tx(move |tx| trade_code(tx, &code_hash, nonce, &device_name, &token_hash, now)).await?;
    let Trade::Device { client_id, engineer_id, engineer_name } = trade else {
        state.enroll_failures.fail(&who, now);
        return Err(AppError::Unauthorized(
            "this enrollment code is not valid (mistyped, used or expired): ask HQ for a new one".into(),
        ));
    };
    let engineer_id = engineer_id.parse().map_err(|_| AppError::internal("stored engineer id"))?;
    Ok(Json(EnrollResponse { token, engineer_id, client_id, engineer_name }))
}

fn trade_code(
    tx: &mut dyn Tx,
    code_hash: &str,
    nonce: Option<String>,
    device_name: &str,
    token_hash: &str,
    now: OffsetDateTime,
) -> Result<Trade> {
    let lock = format!(
        "SELECT c.engineer_id, e.name, c.used_at, c.nonce, c.device_id FROM enrollment_codes c
           JOIN engineers e ON e.id = c.engineer_id
          WHERE c.code_hash = $1 AND (c.expires_at > $2 OR c.used_at IS NOT NULL){}",
        tx.for_update()
    );
    let Some(row) = tx.query_opt(&lock, &[code_hash.into(), ns(now).into()])? else {
        return Ok(Trade::Refused);
    };
    let (engineer_id, engineer_name) = (row.text(0)?, row.text(1)?);
    match row.opt_int(2)? {
        None => {
            let client_id = ClientId(Uuid::now_v7());
            tx.execute(
                "UPDATE enrollment_codes SET used_at = $2, nonce = $3, device_id = $4 WHERE code_hash = $1",
                &[code_hash.into(), ns(now).into(), nonce.into(), client_id.to_text().into()],
            )?;
            tx.execute(
                "INSERT INTO devices (client_id, engineer_id, name, token_hash, created_at) VALUES ($1, $2, $3, $4, $5)",
                &[
                    client_id.to_text().into(),
                    engineer_id.as_str().into(),
                    device_name.into(),
                    token_hash.into(),
                    ns(now).into(),
                ],
            )?;
            crate::push::add_client(tx, client_id, client_id, now)?;
            Ok(Trade::Device { client_id, engineer_id, engineer_name })
        }
        Some(used_at) => {
            let retry_until = used_at + ns_of(Duration::minutes(ENROLL_RETRY_MINUTES));
            let same_laptop = nonce.is_some() && row.opt_text(3)? == nonce;
            let (Some(device), true) = (row.opt_text(4)?, same_laptop && ns(now) <= retry_until) else {
                return Ok(Trade::Refused);
            };
            let changed = tx.execute(
                "UPDATE devices SET token_hash = $2, name = $3 WHERE client_id = $1 AND revoked_at IS NULL",
                &[device.as_str().into(), token_hash.into(), device_name.into()],
            )?;
            if changed == 0 {
                return Ok(Trade::Refused);
            }
            let client_id = device.parse().map_err(|_| AppError::internal("stored client id"))?;
            Ok(Trade::Device { client_id, engineer_id, engineer_name })
        }
    }
}

fn ns_of(d: Duration) -> i64 {
    i64::try_from(d.whole_nanoseconds()).unwrap_or(i64::MAX)
}
