//! Facts about this laptop: who uses it and the company settings it last received.

use outpost_domain::company::CompanyProfile;
use outpost_domain::customer::Language;
use outpost_domain::ids::EngineerId;
use outpost_domain::money::Currency;
use outpost_domain::sla::SlaPolicy;
use outpost_domain::warranty::ChargingPolicy;
use rusqlite::{Connection, OptionalExtension, Transaction, params};

use crate::codec::parse;
use crate::error::{Result, StoreError};

const ENGINEER_ID: &str = "engineer_id";
const ENGINEER_NAME: &str = "engineer_name";
const CHARGING_POLICY: &str = "charging_policy";

/// A value of the laptop's key-value settings.
pub(crate) fn get(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn.prepare_cached("SELECT value FROM device WHERE key = ?1")?.query_row([key], |r| r.get(0)).optional()?)
}

/// Sets a value of the laptop's key-value settings.
pub(crate) fn set(tx: &Transaction<'_>, key: &str, value: &str) -> Result<()> {
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
        (Some(id), Some(name)) => Ok(Some(Engineer { id: parse("engineer id", &id)?, name })),
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

const COMPANY: &str = "company";
const SLA_POLICY: &str = "sla_policy";

/// Stores the company's receipt header as received from HQ.
pub fn set_company(tx: &Transaction<'_>, profile: &CompanyProfile) -> Result<()> {
    profile.validate()?;
    set(tx, COMPANY, &serde_json::to_string(profile)?)
}

/// The company's receipt header; a placeholder until HQ sends one.
pub fn company(conn: &Connection) -> Result<CompanyProfile> {
    match get(conn, COMPANY)? {
        Some(json) => Ok(serde_json::from_str(&json)?),
        None => Ok(CompanyProfile::unset()),
    }
}

/// Stores the service-level targets as received from HQ.
pub fn set_sla_policy(tx: &Transaction<'_>, policy: &SlaPolicy) -> Result<()> {
    policy.validate()?;
    set(tx, SLA_POLICY, &serde_json::to_string(policy)?)
}

/// The service-level targets; the source rules' until HQ sends its own.
pub fn sla_policy(conn: &Connection) -> Result<SlaPolicy> {
    match get(conn, SLA_POLICY)? {
        Some(json) => Ok(serde_json::from_str(&json)?),
        None => Ok(SlaPolicy::default()),
    }
}

const HQ_URL: &str = "hq_url";
const DEVICE_TOKEN: &str = "device_token";
const CLIENT_ID: &str = "client_id";
const LAST_SYNC: &str = "last_sync_at";
const INSTALL_SECRET: &str = "install_secret";

/// The nonce this data folder sends with an enrollment code: made once per folder and kept
/// before the first try, so a retry after a lost answer sends the same one.
pub fn enrollment_nonce(tx: &Transaction<'_>, code: &str) -> Result<String> {
    let secret = match get(tx, INSTALL_SECRET)? {
        Some(s) => s,
        None => {
            let fresh = uuid::Uuid::now_v7().simple().to_string();
            set(tx, INSTALL_SECRET, &fresh)?;
            fresh
        }
    };
    let typed: String = code.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_uppercase()).collect();
    Ok(outpost_domain::signature::sha256_hex(format!("{secret}\n{typed}").as_bytes()))
}

/// How this laptop reaches HQ, from enrollment.
#[derive(Clone, PartialEq, Eq)]
pub struct Enrollment {
    pub hq_url: String,
    pub token: String,
    pub client_id: outpost_domain::ids::ClientId,
}

impl std::fmt::Debug for Enrollment {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The token never goes into a log.
        f.debug_struct("Enrollment").field("hq_url", &self.hq_url).field("client_id", &self.client_id).finish()
    }
}

/// Records a successful enrollment (and the engineer it made this laptop belong to).
pub fn set_enrollment(tx: &Transaction<'_>, enrollment: &Enrollment, engineer: &Engineer) -> Result<()> {
    set(tx, HQ_URL, &enrollment.hq_url)?;
    set(tx, DEVICE_TOKEN, &enrollment.token)?;
    set(tx, CLIENT_ID, &enrollment.client_id.to_text())?;
    set_engineer(tx, engineer)
}

/// The client id this laptop's changes go to HQ under (a new one after a restored copy).
pub(crate) fn set_client_id(tx: &Transaction<'_>, client_id: outpost_domain::ids::ClientId) -> Result<()> {
    set(tx, CLIENT_ID, &client_id.to_text())
}

/// The enrollment, if this laptop has one.
pub fn enrollment(conn: &Connection) -> Result<Option<Enrollment>> {
    match (get(conn, HQ_URL)?, get(conn, DEVICE_TOKEN)?, get(conn, CLIENT_ID)?) {
        (Some(hq_url), Some(token), Some(client)) => {
            Ok(Some(Enrollment { hq_url, token, client_id: parse("client id", &client)? }))
        }
        _ => Ok(None),
    }
}

/// Records the time of the last complete sync (RFC 3339).
pub fn set_last_sync(tx: &Transaction<'_>, at: &str) -> Result<()> {
    set(tx, LAST_SYNC, at)
}

const CLOCK_OFFSET: &str = "clock_offset_secs";

/// Records how far this laptop's clock was ahead of HQ's at the last sync (negative: behind).
pub fn set_clock_offset(tx: &Transaction<'_>, seconds: i64) -> Result<()> {
    set(tx, CLOCK_OFFSET, &seconds.to_string())
}

/// How far this laptop's clock was ahead of HQ's at the last sync, in seconds.
pub fn clock_offset(conn: &Connection) -> Result<Option<i64>> {
    Ok(get(conn, CLOCK_OFFSET)?.and_then(|v| v.parse().ok()))
}

const HQ_PROTOCOL: &str = "hq_protocol";
const SKIPPED_AT: &str = "skipped_newer_at_protocol";

/// Records the sync protocol HQ last named and, when this app (speaking `ours`) skipped
/// records it does not know, that it did.
pub fn set_hq_protocol(tx: &Transaction<'_>, hq: Option<u32>, skipped: bool, ours: u32) -> Result<()> {
    if let Some(hq) = hq {
        set(tx, HQ_PROTOCOL, &hq.to_string())?;
    }
    if skipped {
        set(tx, SKIPPED_AT, &ours.to_string())?;
    }
    Ok(())
}

/// HQ speaks a newer protocol than `ours`, or this app skipped records from it: the app
/// should be updated. An app updated since the skip no longer says so.
pub fn hq_is_newer(conn: &Connection, ours: u32) -> Result<bool> {
    let number = |key| -> Result<Option<u32>> { Ok(get(conn, key)?.and_then(|v| v.parse().ok())) };
    Ok(number(HQ_PROTOCOL)?.is_some_and(|hq| hq > ours) || number(SKIPPED_AT)? == Some(ours))
}

/// The time of the last complete sync, if any.
pub fn last_sync(conn: &Connection) -> Result<Option<String>> {
    get(conn, LAST_SYNC)
}

const UI_LANGUAGE: &str = "ui_language";

/// The language the engineer chose for the app (`zh-CN` or `en`); none until chosen.
pub fn ui_language(conn: &Connection) -> Result<Option<Language>> {
    get(conn, UI_LANGUAGE)?.map(|tag| Ok(Language::parse(&tag)?)).transpose()
}

/// Remembers the app's language.
pub fn set_ui_language(tx: &Transaction<'_>, language: Language) -> Result<()> {
    set(tx, UI_LANGUAGE, language.as_str())
}

impl crate::Store {
    /// Signs this laptop out: every job, report and setting is removed so the next engineer
    /// enrolls afresh. Refused, with the reason, while anything waits for HQ: signing out then
    /// would lose work nobody else has.
    pub fn sign_out(&self) -> Result<()> {
        self.write(|tx| {
            let (pending, files, removals): (i64, i64, i64) = tx.query_row(
                "SELECT (SELECT count(*) FROM outbox WHERE state = 'pending'),
                        (SELECT count(*) FROM blobs WHERE state = 'queued'),
                        (SELECT count(*) FROM pending_removals)",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )?;
            if pending + files + removals > 0 {
                return Err(StoreError::Unsynced { changes: pending + removals, files });
            }
            // Every table of the schema, so a table added later is erased too (not the record
            // of the migrations that made them); the full-text index is emptied through its
            // own command.
            let tables: Vec<(String, String)> = tx
                .prepare(
                    "SELECT name, type FROM pragma_table_list
                      WHERE schema = 'main' AND type IN ('table', 'virtual') AND name NOT LIKE 'sqlite_%'
                        AND name != ?1",
                )?
                .query_map([crate::migrate::HISTORY], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?;
            for (name, kind) in tables {
                if kind == "virtual" {
                    tx.execute(&format!("INSERT INTO \"{name}\" (\"{name}\") VALUES ('delete-all')"), [])?;
                } else {
                    tx.execute(&format!("DELETE FROM \"{name}\""), [])?;
                }
            }
            Ok(())
        })
    }
}
