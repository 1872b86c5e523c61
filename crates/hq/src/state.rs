//! What every handler shares: the database and the clock.

use std::sync::Arc;

use time::{Date, OffsetDateTime, UtcOffset};

use crate::attempts::FailedAttempts;
use crate::db::Db;

/// Wrong enrollment codes one client address may send in a minute before it must wait.
pub const ENROLL_FAILURES: usize = 10;

/// Wrong passwords for one name in a minute before signing in as that name must wait.
pub const SIGN_IN_FAILURES: usize = 10;

/// The clock HQ reads; tests pass a fixed one.
pub type Clock = Arc<dyn Fn() -> OffsetDateTime + Send + Sync>;

/// Shared by all handlers.
#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub clock: Clock,
    /// The random id of this HQ database, part of every pull cursor.
    pub epoch: String,
    /// Wrong enrollment codes per client address.
    pub enroll_failures: Arc<FailedAttempts>,
    /// Wrong passwords per name (and wrong current passwords per person).
    pub sign_in_failures: Arc<FailedAttempts>,
    /// The session cookie is always Secure (HQ is reached over TLS).
    pub secure_cookies: bool,
    /// When each laptop last called, until written to `devices`.
    pub sightings: Arc<crate::fleet::Sightings>,
    /// HQ's time zone: the day its plans and lists count in (UTC unless `serve` says).
    pub offset: UtcOffset,
}

impl std::fmt::Debug for AppState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppState").field("epoch", &self.epoch).finish()
    }
}

impl AppState {
    /// The state over a database, with the system clock.
    pub fn new(db: Db) -> crate::error::Result<AppState> {
        AppState::with_clock(db, Arc::new(OffsetDateTime::now_utc))
    }

    /// The state with a given clock.
    pub fn with_clock(db: Db, clock: Clock) -> crate::error::Result<AppState> {
        let fresh = crate::auth::random_hex(8)?;
        let epoch = db.tx_blocking(|tx| crate::log::epoch(tx, &fresh))?;
        let enroll_failures = Arc::new(FailedAttempts::new(ENROLL_FAILURES, time::Duration::minutes(1)));
        let sign_in_failures = Arc::new(FailedAttempts::new(SIGN_IN_FAILURES, time::Duration::minutes(1)));
        Ok(AppState {
            db,
            clock,
            epoch,
            enroll_failures,
            sign_in_failures,
            secure_cookies: false,
            sightings: Arc::default(),
            offset: UtcOffset::UTC,
        })
    }

    /// The state with the session cookie always Secure, or not.
    pub fn with_secure_cookies(self, secure_cookies: bool) -> AppState {
        AppState { secure_cookies, ..self }
    }

    /// The state with HQ's time zone.
    pub fn with_offset(self, offset: UtcOffset) -> AppState {
        AppState { offset, ..self }
    }

    /// Now, by HQ's clock.
    pub fn now(&self) -> OffsetDateTime {
        (self.clock)()
    }

    /// Today, in HQ's time zone.
    pub fn today(&self) -> Date {
        self.now().to_offset(self.offset).date()
    }
}
