//! Facts about this laptop: who uses it and the company settings it last received.

use outpost_domain::ids::EngineerId;
use outpost_domain::money::Currency;
use outpost_domain::warranty::ChargingPolicy;
use rusqlite::{Connection, OptionalExtension, Transaction, params};

use crate::codec::parse;
use crate::error::{Result, StoreError};

const ENGINEER_ID: &str = "engineer_id";
const ENGINEER_NAME: &str = "engineer_name";
const CHARGING_POLICY: &str = "charging_policy";

fn get(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT value FROM device WHERE key = ?1")?
        .query_row([key], |r| r.get(0))
        .optional()?)
}

fn set(tx: &Transaction<'_>, key: &str, value: &str) -> Result<()> {
    tx.execute(
        "INSERT INTO device (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = ?2",
        params![key, value],
    )?;
    Ok(())
}

/// The engineer this laptop works for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Engineer {
    pub id: EngineerId,
    pub name: String,
}

/// Records the laptop's engineer (at enrollment, or when demo data is loaded).
pub fn set_engineer(tx: &Transaction<'_>, engineer: &Engineer) -> Result<()> {
    set(tx, ENGINEER_ID, &engineer.id.to_text())?;
    set(tx, ENGINEER_NAME, &engineer.name)
}

/// The laptop's engineer, if enrolled.
pub fn engineer(conn: &Connection) -> Result<Option<Engineer>> {
    match (get(conn, ENGINEER_ID)?, get(conn, ENGINEER_NAME)?) {
        (Some(id), Some(name)) => Ok(Some(Engineer {
            id: parse("engineer id", &id)?,
            name,
        })),
        _ => Ok(None),
    }
}

/// The laptop's engineer, or an error saying how to enroll.
pub fn require_engineer(conn: &Connection) -> Result<Engineer> {
    engineer(conn)?.ok_or_else(|| StoreError::NotFound {
        what: "engineer",
        id: "(this laptop is not enrolled: enroll it with a code from HQ)".into(),
    })
}

/// Stores the company's charging policy as received from HQ.
pub fn set_charging_policy(tx: &Transaction<'_>, policy: &ChargingPolicy) -> Result<()> {
    policy.validate()?;
    set(tx, CHARGING_POLICY, &serde_json::to_string(policy)?)
}

/// The charging policy; the default of the source rules in CNY until HQ sends one.
pub fn charging_policy(conn: &Connection) -> Result<ChargingPolicy> {
    match get(conn, CHARGING_POLICY)? {
        Some(json) => Ok(serde_json::from_str(&json)?),
        None => Ok(ChargingPolicy::default_for(Currency::CNY)),
    }
}
