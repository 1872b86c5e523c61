//! How domain values sit in SQLite columns: times as UTC nanoseconds (exact round trip, which
//! the signature hash needs), dates as `YYYY-MM-DD`, ids as hyphenated text.

use std::str::FromStr;

use time::macros::format_description;
use time::{Date, OffsetDateTime};

use crate::error::{Result, StoreError};

/// A timestamp as UTC nanoseconds since the epoch.
pub fn time_to_sql(t: OffsetDateTime) -> i64 {
    i64::try_from(t.unix_timestamp_nanos()).unwrap_or(i64::MAX)
}

/// The inverse of [`time_to_sql`].
pub fn time_from_sql(ns: i64) -> Result<OffsetDateTime> {
    OffsetDateTime::from_unix_timestamp_nanos(i128::from(ns))
        .map_err(|e| StoreError::Corrupt(format!("timestamp {ns}: {e}")))
}

/// An optional timestamp.
pub fn opt_time_from_sql(ns: Option<i64>) -> Result<Option<OffsetDateTime>> {
    ns.map(time_from_sql).transpose()
}

/// A date as `YYYY-MM-DD`.
pub fn date_to_sql(d: Date) -> String {
    let format = format_description!("[year]-[month]-[day]");
    d.format(format).unwrap_or_default()
}

/// The inverse of [`date_to_sql`].
pub fn date_from_sql(s: &str) -> Result<Date> {
    let format = format_description!("[year]-[month]-[day]");
    Date::parse(s, format).map_err(|e| StoreError::Corrupt(format!("date '{s}': {e}")))
}

/// An optional date.
pub fn opt_date_from_sql(s: Option<String>) -> Result<Option<Date>> {
    s.as_deref().map(date_from_sql).transpose()
}

/// Parses a typed id (or any `FromStr` domain value) read from a column.
pub fn parse<T: FromStr>(what: &str, s: &str) -> Result<T> {
    s.parse().map_err(|_| StoreError::Corrupt(format!("{what} '{s}'")))
}
