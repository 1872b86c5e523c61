//! The people who work at HQ and their sessions: named users with a role, passwords kept as
//! argon2id hashes, a one-time password replaced at first sign-in, and sessions kept as the
//! SHA-256 of their cookie that end after a working day.

use std::sync::OnceLock;

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use outpost_wire::people::{NewUser, Role, Session, User};
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

use crate::auth;
use crate::db::Tx;
use crate::error::{AppError, Result};
use crate::records::ns;

/// How long a session lasts from sign-in: a working day.
pub const SESSION_HOURS: i64 = 12;

/// The shortest password a person may choose.
pub const MIN_PASSWORD: usize = 10;

/// A signed-in person, as a request sees them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedIn {
    pub user_id: String,
    pub name: String,
    pub role: Role,
    pub password_set: bool,
    pub csrf: String,
    pub expires_at: OffsetDateTime,
}

impl SignedIn {
    /// What the console is told of its session.
    pub fn session(&self) -> Session {
        Session {
            csrf: self.csrf.clone(),
            name: self.name.clone(),
            role: self.role,
            must_change_password: !self.password_set,
            expires_at: self.expires_at,
        }
    }
}

fn hash_password(password: &str) -> Result<String> {
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).map_err(|e| AppError::internal(format!("no randomness: {e}")))?;
    let salt = SaltString::encode_b64(&salt).map_err(|e| AppError::internal(format!("salt: {e}")))?;
    Ok(Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map_err(|e| AppError::internal(format!("password hash: {e}")))?
        .to_string())
}

fn password_matches(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored).is_ok_and(|h| Argon2::default().verify_password(password.as_bytes(), &h).is_ok())
}

/// A hash no password matches, checked for unknown names so that a wrong name takes as long
/// as a wrong password.
fn decoy() -> &'static str {
    static DECOY: OnceLock<String> = OnceLock::new();
    DECOY.get_or_init(|| hash_password(&auth::random_hex(16).unwrap_or_default()).unwrap_or_default())
}

/// A one-time password people can read out and type: 16 characters without look-alikes.
fn one_time_password() -> Result<String> {
    let code = auth::new_enrollment_code()?;
    let more = auth::new_enrollment_code()?;
    Ok(format!("{code}-{}", &more[..4]))
}

fn checked_name(name: &str) -> Result<String> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 64 || name.chars().any(char::is_control) {
        return Err(AppError::invalid("name", "a name is 1 to 64 characters, without line breaks"));
    }
    Ok(name.to_owned())
}

fn user_from(r: &crate::db::Row) -> Result<User> {
    let role = Role::parse(&r.text(2)?).ok_or_else(|| AppError::internal("stored role"))?;
    let created_at = OffsetDateTime::from_unix_timestamp_nanos(i128::from(r.int(4)?))
        .map_err(|_| AppError::internal("stored time"))?;
    Ok(User { id: r.text(0)?, name: r.text(1)?, role, password_set: r.opt_int(3)?.is_some(), created_at })
}

/// Adds a person with a one-time password, to be replaced at first sign-in.
pub fn add(tx: &mut dyn Tx, name: &str, role: Role, now: OffsetDateTime) -> Result<NewUser> {
    let name = checked_name(name)?;
    if tx.query_opt("SELECT 1 FROM hq_users WHERE name = $1", &[name.as_str().into()])?.is_some() {
        return Err(AppError::Conflict { code: "duplicate_name", message: format!("{name} can already sign in") });
    }
    let password = one_time_password()?;
    let id = Uuid::now_v7().to_string();
    tx.execute(
        "INSERT INTO hq_users (id, name, role, password_hash, created_at) VALUES ($1, $2, $3, $4, $5)",
        &[
            id.as_str().into(),
            name.as_str().into(),
            role.as_str().into(),
            hash_password(&password)?.into(),
            ns(now).into(),
        ],
    )?;
    let user = User { id, name, role, password_set: false, created_at: now };
    Ok(NewUser { user, one_time_password: password })
}

/// A new one-time password for a person who forgot theirs; their sessions end.
pub fn reset(tx: &mut dyn Tx, name: &str) -> Result<String> {
    let name = checked_name(name)?;
    let id = tx
        .query_opt("SELECT id FROM hq_users WHERE name = $1 AND disabled_at IS NULL", &[name.as_str().into()])?
        .ok_or_else(|| AppError::NotFound(format!("nobody named {name} can sign in")))?
        .text(0)?;
    let password = one_time_password()?;
    tx.execute(
        "UPDATE hq_users SET password_hash = $2, password_set_at = NULL WHERE id = $1",
        &[id.as_str().into(), hash_password(&password)?.into()],
    )?;
    tx.execute("DELETE FROM hq_sessions WHERE user_id = $1", &[id.as_str().into()])?;
    Ok(password)
}

/// Everyone who can sign in, by name.
pub fn list(tx: &mut dyn Tx) -> Result<Vec<User>> {
    let rows = tx.query(
        "SELECT id, name, role, password_set_at, created_at FROM hq_users WHERE disabled_at IS NULL ORDER BY name",
        &[],
    )?;
    rows.iter().map(user_from).collect()
}

/// Signs a person in: a new session and its cookie token, or `None` for a wrong name or
/// password (which is which is not said).
pub fn sign_in(tx: &mut dyn Tx, name: &str, password: &str, now: OffsetDateTime) -> Result<Option<(String, SignedIn)>> {
    let row = tx.query_opt(
        "SELECT id, name, role, password_hash, password_set_at FROM hq_users WHERE name = $1 AND disabled_at IS NULL",
        &[name.trim().into()],
    )?;
    let Some(row) = row else {
        password_matches(password, decoy());
        return Ok(None);
    };
    if !password_matches(password, &row.text(3)?) {
        return Ok(None);
    }
    tx.execute("DELETE FROM hq_sessions WHERE expires_at <= $1", &[ns(now).into()])?;
    let token = format!("oss_{}", auth::random_hex(32)?);
    let csrf = auth::random_hex(16)?;
    let expires_at = now + Duration::hours(SESSION_HOURS);
    let user_id = row.text(0)?;
    tx.execute(
        "INSERT INTO hq_sessions (token_hash, user_id, csrf, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)",
        &[
            auth::hash(&token).into(),
            user_id.as_str().into(),
            csrf.as_str().into(),
            ns(now).into(),
            ns(expires_at).into(),
        ],
    )?;
    let role = Role::parse(&row.text(2)?).ok_or_else(|| AppError::internal("stored role"))?;
    let person =
        SignedIn { user_id, name: row.text(1)?, role, password_set: row.opt_int(4)?.is_some(), csrf, expires_at };
    Ok(Some((token, person)))
}

/// The person a session cookie belongs to; an ended, expired or unknown session is a 401.
pub fn session(tx: &mut dyn Tx, token: &str, now: OffsetDateTime) -> Result<SignedIn> {
    let row = tx
        .query_opt(
            "SELECT u.id, u.name, u.role, u.password_set_at, s.csrf, s.expires_at
               FROM hq_sessions s JOIN hq_users u ON u.id = s.user_id
              WHERE s.token_hash = $1 AND u.disabled_at IS NULL",
            &[auth::hash(token).into()],
        )?
        .ok_or_else(|| AppError::Unauthorized("you are not signed in (or you signed out): sign in again".into()))?;
    let expires_at = OffsetDateTime::from_unix_timestamp_nanos(i128::from(row.int(5)?))
        .map_err(|_| AppError::internal("stored time"))?;
    if expires_at <= now {
        return Err(AppError::Unauthorized(format!("your session ended after {SESSION_HOURS} hours: sign in again")));
    }
    let role = Role::parse(&row.text(2)?).ok_or_else(|| AppError::internal("stored role"))?;
    Ok(SignedIn {
        user_id: row.text(0)?,
        name: row.text(1)?,
        role,
        password_set: row.opt_int(3)?.is_some(),
        csrf: row.text(4)?,
        expires_at,
    })
}

/// Ends a session.
pub fn sign_out(tx: &mut dyn Tx, token: &str) -> Result<()> {
    tx.execute("DELETE FROM hq_sessions WHERE token_hash = $1", &[auth::hash(token).into()]).map(drop)
}

/// Replaces a person's password after checking the current one.
pub fn change_password(
    tx: &mut dyn Tx,
    person: &SignedIn,
    current: &str,
    new: &str,
    now: OffsetDateTime,
) -> Result<()> {
    let stored = tx
        .query_opt("SELECT password_hash FROM hq_users WHERE id = $1", &[person.user_id.as_str().into()])?
        .ok_or_else(|| AppError::Unauthorized("you are not signed in: sign in again".into()))?
        .text(0)?;
    if !password_matches(current, &stored) {
        return Err(AppError::invalid("password", "that is not your current password"));
    }
    if new.chars().count() < MIN_PASSWORD {
        return Err(AppError::invalid(
            "new_password",
            format!("choose a password of at least {MIN_PASSWORD} characters"),
        ));
    }
    if new == current || new.trim() == person.name {
        return Err(AppError::invalid("new_password", "choose a password other than the current one and your name"));
    }
    tx.execute(
        "UPDATE hq_users SET password_hash = $2, password_set_at = $3 WHERE id = $1",
        &[person.user_id.as_str().into(), hash_password(new)?.into(), ns(now).into()],
    )
    .map(drop)
}
