//! The people who work at HQ and their sessions: named users with a role, passwords kept as
//! argon2id hashes, a one-time password replaced at first sign-in, and sessions kept as the
//! SHA-256 of their cookie that end after a working day. Hashing is slow on purpose, so it is
//! never done inside a database transaction: the functions here that hash take no `Tx`.

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use outpost_wire::people::{NewUser, Role, Session, User};
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

use crate::auth;
use crate::db::{Row, Tx};
use crate::error::{AppError, Result};
use crate::records::ns;

/// How long a session lasts from sign-in: a working day.
pub const SESSION_HOURS: i64 = 12;

/// The shortest password a person may choose.
pub const MIN_PASSWORD: usize = 10;

/// The hash of a random password nobody knows, with the parameters of every other: checked for
/// an unknown name, so that a wrong name takes as long as a wrong password.
const DECOY: &str = "$argon2id$v=19$m=19456,t=2,p=1$M21u7U8fdpHRtqdHmbWAVQ$m2RXhay7Av5sKjBGt+UL4CvPT+P4g+9KiIBhFP1fnJ0";

/// A signed-in person, as a request sees them.
#[derive(Clone, PartialEq, Eq)]
pub struct SignedIn {
    pub user_id: String,
    pub name: String,
    pub role: Role,
    /// False while the one-time password is still theirs.
    pub password_set: bool,
    /// The session's CSRF token.
    pub csrf: String,
    pub expires_at: OffsetDateTime,
}

impl std::fmt::Debug for SignedIn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SignedIn").field("name", &self.name).field("role", &self.role).finish_non_exhaustive()
    }
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

/// A one-time password people can read out and type (16 characters without look-alikes), and
/// its hash.
#[derive(Clone)]
pub struct OneTime {
    pub password: String,
    hash: String,
}

impl std::fmt::Debug for OneTime {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("OneTime(…)")
    }
}

/// A new one-time password (slow: hashes).
pub fn one_time() -> Result<OneTime> {
    let code = auth::new_enrollment_code()?;
    let more = auth::new_enrollment_code()?;
    let password = format!("{code}-{}", &more[..4]);
    Ok(OneTime { hash: hash_password(&password)?, password })
}

fn checked_name(name: &str) -> Result<String> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 64 || name.chars().any(char::is_control) {
        return Err(AppError::invalid("name", "a name is 1 to 64 characters, without line breaks"));
    }
    Ok(name.to_owned())
}

fn role_of(r: &Row, i: usize) -> Result<Role> {
    Role::parse(&r.text(i)?).ok_or_else(|| AppError::internal("stored role"))
}

/// Adds a person with a one-time password, to be replaced at first sign-in.
pub fn add(tx: &mut dyn Tx, name: &str, role: Role, once: &OneTime, now: OffsetDateTime) -> Result<NewUser> {
    let name = checked_name(name)?;
    if tx.query_opt("SELECT 1 FROM hq_users WHERE name = $1", &[name.as_str().into()])?.is_some() {
        return Err(AppError::Conflict { code: "duplicate_name", message: format!("{name} can already sign in") });
    }
    let id = Uuid::now_v7().to_string();
    tx.execute(
        "INSERT INTO hq_users (id, name, role, password_hash, created_at) VALUES ($1, $2, $3, $4, $5)",
        &[id.as_str().into(), name.as_str().into(), role.as_str().into(), once.hash.as_str().into(), ns(now).into()],
    )?;
    let user = User { id, name, role, password_set: false, created_at: now };
    Ok(NewUser { user, one_time_password: once.password.clone() })
}

/// A new one-time password for a person who forgot theirs; their sessions end.
pub fn reset(tx: &mut dyn Tx, name: &str, once: &OneTime) -> Result<()> {
    let name = checked_name(name)?;
    let id = tx
        .query_opt("SELECT id FROM hq_users WHERE name = $1 AND disabled_at IS NULL", &[name.as_str().into()])?
        .ok_or_else(|| AppError::NotFound(format!("nobody named {name} can sign in")))?
        .text(0)?;
    tx.execute(
        "UPDATE hq_users SET password_hash = $2, password_set_at = NULL WHERE id = $1",
        &[id.as_str().into(), once.hash.as_str().into()],
    )?;
    tx.execute("DELETE FROM hq_sessions WHERE user_id = $1", &[id.as_str().into()]).map(drop)
}

/// Everyone who can sign in, by name.
pub fn list(tx: &mut dyn Tx) -> Result<Vec<User>> {
    let rows = tx.query(
        "SELECT id, name, role, password_set_at, created_at FROM hq_users WHERE disabled_at IS NULL ORDER BY name",
        &[],
    )?;
    rows.iter()
        .map(|r| {
            Ok(User {
                id: r.text(0)?,
                name: r.text(1)?,
                role: role_of(r, 2)?,
                password_set: r.opt_int(3)?.is_some(),
                created_at: r.time(4)?,
            })
        })
        .collect()
}

/// A person found by name, with the stored hash to check a password against.
#[derive(Clone)]
pub struct Found {
    person: SignedIn,
    hash: String,
}

impl std::fmt::Debug for Found {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Found").field("person", &self.person).finish_non_exhaustive()
    }
}

/// The person of that name who may sign in, if any.
pub fn find(tx: &mut dyn Tx, name: &str) -> Result<Option<Found>> {
    let row = tx.query_opt(
        "SELECT id, name, role, password_hash, password_set_at FROM hq_users WHERE name = $1 AND disabled_at IS NULL",
        &[name.trim().into()],
    )?;
    row.map(|r| {
        let person = SignedIn {
            user_id: r.text(0)?,
            name: r.text(1)?,
            role: role_of(&r, 2)?,
            password_set: r.opt_int(4)?.is_some(),
            csrf: String::new(),
            expires_at: OffsetDateTime::UNIX_EPOCH,
        };
        Ok(Found { person, hash: r.text(3)? })
    })
    .transpose()
}

/// The person if `password` is theirs (slow: hashes; an unknown name takes as long).
pub fn check(found: Option<Found>, password: &str) -> Option<Found> {
    match found {
        Some(found) if password_matches(password, &found.hash) => Some(found),
        Some(_) => None,
        None => {
            password_matches(password, DECOY);
            None
        }
    }
}

/// Opens a session for a person whose password was checked: its cookie token and the person.
pub fn open_session(tx: &mut dyn Tx, found: &Found, now: OffsetDateTime) -> Result<(String, SignedIn)> {
    tx.execute("DELETE FROM hq_sessions WHERE expires_at <= $1", &[ns(now).into()])?;
    let token = format!("oss_{}", auth::random_hex(32)?);
    let person = SignedIn {
        csrf: auth::random_hex(16)?,
        expires_at: now + Duration::hours(SESSION_HOURS),
        ..found.person.clone()
    };
    tx.execute(
        "INSERT INTO hq_sessions (token_hash, user_id, csrf, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)",
        &[
            auth::hash(&token).into(),
            person.user_id.as_str().into(),
            person.csrf.as_str().into(),
            ns(now).into(),
            ns(person.expires_at).into(),
        ],
    )?;
    Ok((token, person))
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
    let expires_at = row.time(5)?;
    if expires_at <= now {
        return Err(AppError::Unauthorized(format!("your session ended after {SESSION_HOURS} hours: sign in again")));
    }
    Ok(SignedIn {
        user_id: row.text(0)?,
        name: row.text(1)?,
        role: role_of(&row, 2)?,
        password_set: row.opt_int(3)?.is_some(),
        csrf: row.text(4)?,
        expires_at,
    })
}

/// Ends a session.
pub fn sign_out(tx: &mut dyn Tx, token: &str) -> Result<()> {
    tx.execute("DELETE FROM hq_sessions WHERE token_hash = $1", &[auth::hash(token).into()]).map(drop)
}

/// The stored hash of a signed-in person's password, to check the current one against.
pub fn stored_hash(tx: &mut dyn Tx, person: &SignedIn) -> Result<String> {
    tx.query_opt("SELECT password_hash FROM hq_users WHERE id = $1", &[person.user_id.as_str().into()])?
        .ok_or_else(|| AppError::Unauthorized("you are not signed in: sign in again".into()))?
        .text(0)
}

/// Checks the current password and the new one, and hashes the new one (slow).
pub fn new_password_hash(person: &SignedIn, stored: &str, current: &str, new: &str) -> Result<String> {
    if !password_matches(current, stored) {
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
    hash_password(new)
}

/// Keeps a person's new password; every other session of theirs ends (whoever else saw the
/// one-time password is signed out).
pub fn set_password(
    tx: &mut dyn Tx,
    person: &SignedIn,
    keep_session: &str,
    hash: &str,
    now: OffsetDateTime,
) -> Result<()> {
    tx.execute(
        "UPDATE hq_users SET password_hash = $2, password_set_at = $3 WHERE id = $1",
        &[person.user_id.as_str().into(), hash.into(), ns(now).into()],
    )?;
    tx.execute(
        "DELETE FROM hq_sessions WHERE user_id = $1 AND token_hash <> $2",
        &[person.user_id.as_str().into(), auth::hash(keep_session).into()],
    )
    .map(drop)
}
