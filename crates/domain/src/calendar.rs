//! Dates and times people and clocks enter, kept within reason: a year outside 2000-2100 is a
//! typo or a broken clock, never a real visit, promise or warranty, so it is refused with the
//! field's name and the range instead of being stored, synced and printed on a receipt.

use time::{Date, OffsetDateTime};

use crate::error::{DomainError, Result};
use crate::field::Field;

/// The first year a date may have.
pub const FIRST_YEAR: i32 = 2000;
/// The last year a date may have.
pub const LAST_YEAR: i32 = 2100;

/// A date typed as `YYYY-MM-DD`, within the allowed years.
pub fn parse_date(field: Field, value: &str) -> Result<Date> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    let value = value.trim();
    // The parser takes signed and five-digit years ("-0001", "+10000"): only 4 digits pass.
    let plain = value.len() == 10 && value.as_bytes()[0].is_ascii_digit();
    let date = Date::parse(value, format)
        .ok()
        .filter(|_| plain)
        .ok_or_else(|| DomainError::NotDate { field, value: value.to_owned() })?;
    check_date(field, date)
}

/// A month typed as `YYYY-MM`, within the allowed years: its year and month (1-12).
pub fn parse_month(field: Field, value: &str) -> Result<(i32, u8)> {
    let value = value.trim();
    let not_month = || DomainError::NotMonth { field, value: value.to_owned() };
    let (year, month) = value.split_once('-').ok_or_else(not_month)?;
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(year, 4) || !digits(month, 2) {
        return Err(not_month());
    }
    let (year, month) = (year.parse::<i32>().map_err(|_| not_month())?, month.parse::<u8>().map_err(|_| not_month())?);
    let first = time::Month::try_from(month).ok().and_then(|m| Date::from_calendar_date(year, m, 1).ok());
    check_date(field, first.ok_or_else(not_month)?)?;
    Ok((year, month))
}

/// The date, if its year is within [`FIRST_YEAR`]..=[`LAST_YEAR`].
pub fn check_date(field: Field, date: Date) -> Result<Date> {
    if (FIRST_YEAR..=LAST_YEAR).contains(&date.year()) {
        return Ok(date);
    }
    Err(DomainError::OutsideYears { field, date: date.to_string() })
}

/// The time, if its date is within the allowed years (a laptop clock set to 1970 is caught here).
pub fn check_time(field: Field, at: OffsetDateTime) -> Result<OffsetDateTime> {
    check_date(field, at.date()).map(|_| at)
}

/// An optional date, checked when present.
pub fn check_opt_date(field: Field, date: Option<Date>) -> Result<Option<Date>> {
    date.map(|d| check_date(field, d)).transpose()
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn a_month_is_four_digits_a_dash_and_two() {
        assert_eq!(parse_month(Field::Month, " 2026-11 "), Ok((2026, 11)));
        for typed in ["2026-13", "2026-00", "2026-1", "26-11", "11/2026", "2026-11-01", "+2026-11", ""] {
            assert!(matches!(parse_month(Field::Month, typed), Err(DomainError::NotMonth { .. })), "{typed}");
        }
        assert!(matches!(parse_month(Field::Month, "1999-12"), Err(DomainError::OutsideYears { .. })));
    }

    #[test]
    fn dates_outside_2000_to_2100_are_refused_naming_the_field() {
        for typed in ["0000-01-01", "-0001-01-01", "1999-12-31", "2101-01-01", "+10000-01-01"] {
            let err = parse_date(Field::Report(crate::report::ReportField::FollowUpOn), typed)
                .map(drop)
                .map_err(|e| e.to_string());
            let message = err.expect_err(typed);
            assert!(message.contains("Follow-up date"), "{typed}: {message}");
        }
        assert!(
            parse_date(Field::Report(crate::report::ReportField::FollowUpOn), "1999-12-31")
                .is_err_and(|e| e.to_string().contains("2000 to 2100"))
        );
        assert_eq!(parse_date(Field::PromisedDate, " 2000-01-01 ").ok(), Some(date!(2000 - 01 - 01)));
        assert_eq!(parse_date(Field::PromisedDate, "2100-12-31").ok(), Some(date!(2100 - 12 - 31)));
        assert!(parse_date(Field::PromisedDate, "2026-02-30").is_err());
        assert!(check_time(Field::Time, OffsetDateTime::UNIX_EPOCH).is_err());
    }
}
