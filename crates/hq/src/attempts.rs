//! Counting failed attempts (wrong enrollment codes) per key in a sliding window, so guessing
//! is slow while a person who mistypes twice is never held up. Kept in the process: behind a
//! balancer each HQ instance counts for itself, which still bounds guessing per instance.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;

use time::{Duration, OffsetDateTime};

use crate::error::{AppError, Result};

/// Keys kept before the aged-out ones are swept.
const SWEEP_AT: usize = 10_000;

/// Failures per key within `window`; at `max`, attempts are refused until the oldest ages out.
#[derive(Debug)]
pub struct FailedAttempts {
    max: usize,
    window: Duration,
    failures: Mutex<HashMap<String, VecDeque<OffsetDateTime>>>,
}

impl FailedAttempts {
    /// At most `max` failures per key in `window`.
    pub fn new(max: usize, window: Duration) -> FailedAttempts {
        FailedAttempts { max, window, failures: Mutex::new(HashMap::new()) }
    }

    /// Refuses with 429 and `Retry-After` while `key` has had `max` failures in the window.
    pub fn check(&self, key: &str, now: OffsetDateTime, what: &str) -> Result<()> {
        let mut failures = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        let Some(times) = failures.get_mut(key) else {
            return Ok(());
        };
        while times.front().is_some_and(|t| *t + self.window <= now) {
            times.pop_front();
        }
        if times.is_empty() {
            failures.remove(key);
            return Ok(());
        }
        if times.len() < self.max {
            return Ok(());
        }
        let wait = times.front().map_or(self.window, |oldest| *oldest + self.window - now);
        let secs = u64::try_from(wait.whole_seconds().max(1)).unwrap_or(1);
        Err(AppError::TooMany {
            retry_after_secs: secs,
            message: format!("{} wrong {what} in a short time from here: wait {secs} s, then try again", self.max),
        })
    }

    /// Counts one failure of `key`. Keys whose failures all aged out are forgotten once many
    /// pile up, so guesses at ever new names cannot grow the table without end.
    pub fn fail(&self, key: &str, now: OffsetDateTime) {
        let mut failures = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        if failures.len() >= SWEEP_AT {
            let window = self.window;
            failures.retain(|_, times| times.back().is_some_and(|t| *t + window > now));
        }
        let times = failures.entry(key.to_owned()).or_default();
        times.push_back(now);
        while times.len() > self.max {
            times.pop_front();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_eleventh_failure_in_a_minute_waits_and_the_window_frees_it() -> Result<()> {
        let limits = FailedAttempts::new(10, Duration::minutes(1));
        let t0 = OffsetDateTime::UNIX_EPOCH + Duration::days(20000);
        for i in 0..10 {
            limits.check("10.0.0.1", t0 + Duration::seconds(i), "codes")?;
            limits.fail("10.0.0.1", t0 + Duration::seconds(i));
        }
        let refused = limits.check("10.0.0.1", t0 + Duration::seconds(10), "codes");
        assert!(matches!(refused, Err(AppError::TooMany { retry_after_secs: 50, .. })), "{refused:?}");
        limits.check("10.0.0.2", t0 + Duration::seconds(10), "codes")?;
        limits.check("10.0.0.1", t0 + Duration::seconds(60), "codes")?;
        Ok(())
    }
}
