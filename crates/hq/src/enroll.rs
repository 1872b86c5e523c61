//! Engineers, enrollment codes, device and dispatcher tokens.

use axum::Json;
use axum::extract::State;
use outpost_domain::ids::{ClientId, EngineerId};
use outpost_domain::text::{self, NAME_MAX};
use outpost_wire::sync::{EnrollRequest, EnrollResponse};
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
    let name = text::required("engineer name", name, NAME_MAX)?;
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

/// `POST /api/v1/enroll`: trades a one-time code for a device token.
pub async fn enroll(State(state): State<AppState>, Body(req): Body<EnrollRequest>) -> Result<Json<EnrollResponse>> {
    let device_name = text::required("device_name", &req.device_name, NAME_MAX)?;
    let code_hash = auth::hash(&auth::normalise_code(&req.code));
    let now = state.now();
    let token = auth::new_device_token()?;
    let token_hash = auth::hash(&token);
    let client_id = ClientId(Uuid::now_v7());
    let (engineer_id, engineer_name) = state
        .db
        .tx(move |tx| {
            let lock = format!(
                "SELECT c.engineer_id, e.name FROM enrollment_codes c JOIN engineers e ON e.id = c.engineer_id
                  WHERE c.code_hash = $1 AND c.used_at IS NULL AND c.expires_at > $2{}",
                tx.for_update()
            );
            let row = tx.query_opt(&lock, &[code_hash.as_str().into(), ns(now).into()])?.ok_or_else(|| {
                AppError::Unauthorized("this enrollment code is not valid (mistyped, used or expired): ask HQ for a new one".into())
            })?;
            let engineer_id = row.text(0)?;
            tx.execute("UPDATE enrollment_codes SET used_at = $2 WHERE code_hash = $1", &[code_hash.into(), ns(now).into()])?;
            tx.execute(
                "INSERT INTO devices (client_id, engineer_id, name, token_hash, created_at) VALUES ($1, $2, $3, $4, $5)",
                &[client_id.to_text().into(), engineer_id.as_str().into(), device_name.into(), token_hash.into(), ns(now).into()],
            )?;
            Ok((engineer_id, row.text(1)?))
        })
        .await?;
    let engineer_id = engineer_id.parse().map_err(|_| AppError::internal("stored engineer id"))?;
    Ok(Json(EnrollResponse { token, engineer_id, client_id, engineer_name }))
}
