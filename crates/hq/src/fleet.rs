//! The engineers' laptops as the console manages them: every enrolled device with its last sync
//! and version, a new engineer with a first code, revoking a laptop under the manager's name.

use std::collections::HashMap;
use std::sync::Mutex;

use outpost_domain::ids::{ClientId, EngineerId};
use outpost_wire::fleet::{Device, EnrollmentCode};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::audit;
use crate::db::{Row, Tx};
use crate::enroll;
use crate::error::{AppError, Result};
use crate::records::ns;

const DEVICES: &str = "SELECT d.client_id, d.engineer_id, e.name, d.name, d.created_at, d.last_sync_at, d.app_version,
        d.revoked_at FROM devices d JOIN engineers e ON e.id = d.engineer_id";

fn device(r: &Row) -> Result<Device> {
    Ok(Device {
        client_id: r.text(0)?,
        engineer_id: r.text(1)?,
        engineer_name: r.text(2)?,
        name: r.text(3)?,
        enrolled_at: r.time(4)?,
        last_sync_at: r.opt_time(5)?,
        app_version: r.opt_text(6)?,
        revoked_at: r.opt_time(7)?,
    })
}

/// When each laptop last called HQ and the version it named, kept in memory by the request
/// that authenticated it and written now and then in one transaction ([`Sightings::write`]):
/// a syncing fleet adds no write, and no wait for the single writer, to its requests.
#[derive(Debug, Default)]
pub struct Sightings(Mutex<HashMap<ClientId, Sighting>>);

/// A laptop's latest call.
#[derive(Debug, Clone)]
pub struct Sighting {
    at: OffsetDateTime,
    version: Option<String>,
}

impl Sightings {
    /// A laptop called at `at`, naming `version` (or none: the one named before stays).
    pub fn saw(&self, client: ClientId, version: Option<String>, at: OffsetDateTime) {
        let mut seen = self.0.lock().unwrap_or_else(|p| p.into_inner());
        let kept = seen.get(&client).and_then(|s| s.version.clone());
        seen.insert(client, Sighting { at, version: version.or(kept) });
    }

    /// Writes what was seen since the last write; what a failed statement did not write is kept
    /// for the next one.
    pub fn write(&self, tx: &mut dyn Tx) -> Result<()> {
        let seen: Vec<(ClientId, Sighting)> = self.0.lock().unwrap_or_else(|p| p.into_inner()).drain().collect();
        for (i, (client, s)) in seen.iter().enumerate() {
            let written = tx.execute(
                "UPDATE devices SET app_version = COALESCE($3, app_version),
                        last_sync_at = CASE WHEN last_sync_at IS NULL OR last_sync_at < $2 THEN $2 ELSE last_sync_at END
                  WHERE client_id = $1",
                &[client.to_text().into(), ns(s.at).into(), s.version.clone().into()],
            );
            if let Err(e) = written {
                for (client, s) in &seen[i..] {
                    self.saw(*client, s.version.clone(), s.at);
                }
                return Err(e);
            }
        }
        Ok(())
    }
}

/// Every laptop ever enrolled, by engineer, the newest first.
pub fn devices(tx: &mut dyn Tx) -> Result<Vec<Device>> {
    tx.query(&format!("{DEVICES} ORDER BY e.name, d.created_at DESC, d.client_id DESC"), &[])?
        .iter()
        .map(device)
        .collect()
}

/// Adds an engineer and a first enrollment code. Names are unique, so that `outpost-hq admin`
/// can name the engineer and the board's rows tell people apart.
pub fn add_engineer(tx: &mut dyn Tx, name: &str, now: OffsetDateTime) -> Result<EnrollmentCode> {
    if tx.query_opt("SELECT 1 FROM engineers WHERE name = $1", &[name.trim().into()])?.is_some() {
        return Err(AppError::Conflict {
            code: "duplicate_name",
            message: format!("an engineer named {} already exists", name.trim()),
        });
    }
    let id = enroll::add_engineer(tx, EngineerId(Uuid::now_v7()), name, now)?;
    let code = enroll::new_code(tx, id, now)?;
    Ok(EnrollmentCode { engineer_id: id.to_text(), code, expires_at: now + enroll::CODE_VALID_FOR })
}

/// A new code for an engineer HQ holds; their earlier unused codes stop working.
pub fn reissue_code(tx: &mut dyn Tx, id: EngineerId, now: OffsetDateTime) -> Result<EnrollmentCode> {
    if tx.query_opt("SELECT 1 FROM engineers WHERE id = $1", &[id.to_text().into()])?.is_none() {
        return Err(AppError::NotFound(format!("no engineer {id}")));
    }
    let code = enroll::reissue_code(tx, id, now)?;
    Ok(EnrollmentCode { engineer_id: id.to_text(), code, expires_at: now + enroll::CODE_VALID_FOR })
}

/// Revokes a laptop: its token stops working at its next request. Kept in the audit log under
/// the name of whoever did it.
pub fn revoke(tx: &mut dyn Tx, client: ClientId, by: &str, now: OffsetDateTime) -> Result<Device> {
    enroll::revoke_device(tx, client, now)?;
    let revoked = tx
        .query_opt(&format!("{DEVICES} WHERE d.client_id = $1"), &[client.to_text().into()])?
        .ok_or_else(|| AppError::internal("revoked device"))?;
    let revoked = device(&revoked)?;
    audit::append(
        tx,
        audit::Entry {
            at: now,
            actor: by.into(),
            client_id: Some(revoked.client_id.clone()),
            mutation_id: None,
            job_id: None,
            kind: "device_revoked".into(),
            field: None,
            old: None,
            new: Some(format!("{} ({})", revoked.name, revoked.engineer_name)),
            outcome: audit::Outcome::Applied,
            reason: None,
        },
    )?;
    Ok(revoked)
}
