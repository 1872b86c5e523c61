//! Validation of free text entered by people: trimmed, not empty where required, bounded length.

use crate::error::{DomainError, Result};
use crate::field::Field;

/// Longest name (customer, contact, site, part, signer) in characters.
pub const NAME_MAX: usize = 200;
/// Longest free-text report field in characters (a page of notes).
pub const NOTE_MAX: usize = 4000;

/// A required text: trimmed, not empty, at most `max` characters.
pub fn required(field: Field, value: &str, max: usize) -> Result<String> {
    let trimmed = value.trim();
    if trimmed.is_empty() {
        return Err(DomainError::Empty { field });
    }
    bounded(field, trimmed, max)
}

/// An optional text: trimmed; empty becomes `None`; at most `max` characters.
pub fn optional(field: Field, value: &str, max: usize) -> Result<Option<String>> {
    let trimmed = value.trim();
    if trimmed.is_empty() {
        return Ok(None);
    }
    bounded(field, trimmed, max).map(Some)
}

fn bounded(field: Field, trimmed: &str, max: usize) -> Result<String> {
    let chars = trimmed.chars().count();
    if chars > max {
        return Err(DomainError::TooLong { field, chars, max });
    }
    if trimmed.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
        return Err(DomainError::ControlCharacters { field });
    }
    Ok(trimmed.to_owned())
}

/// A phone number as people write it: digits with optional `+`, spaces, dashes and brackets.
pub fn phone(field: Field, value: &str) -> Result<String> {
    let value = required(field, value, 40)?;
    let digits = value.chars().filter(char::is_ascii_digit).count();
    let allowed = |c: char| c.is_ascii_digit() || " +-()".contains(c);
    if !value.chars().all(allowed) || digits < 3 {
        return Err(DomainError::NotPhone { field });
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn required_trims_and_rejects_empty() {
        assert_eq!(required(Field::ContactName, "  王工  ", 10), Ok("王工".to_owned()));
        assert!(matches!(
            required(Field::ContactName, "   ", 10),
            Err(DomainError::Empty { field: Field::ContactName })
        ));
    }

    #[test]
    fn length_counts_characters_not_bytes() {
        let chinese = "设".repeat(10);
        assert!(required(Field::ContactName, &chinese, 10).is_ok());
        let err = required(Field::ContactName, &"设".repeat(11), 10).unwrap_err();
        assert_eq!(err.to_string(), "contact name: is 11 characters long; shorten it to at most 10");
    }

    #[test]
    fn optional_empty_is_none() {
        assert_eq!(optional(Field::RequestNote, " ", 10), Ok(None));
        assert_eq!(optional(Field::RequestNote, "x", 10), Ok(Some("x".into())));
    }

    #[test]
    fn control_characters_are_refused_but_newlines_kept() {
        assert!(required(Field::RequestNote, "a\u{0007}b", 10).is_err());
        assert_eq!(required(Field::RequestNote, "a\nb", 10), Ok("a\nb".into()));
    }

    #[test]
    fn phones() {
        assert_eq!(phone(Field::ContactPhone, "+86 138-0013-8000"), Ok("+86 138-0013-8000".into()));
        assert!(phone(Field::ContactPhone, "call me").is_err());
        assert!(phone(Field::ContactPhone, "12").is_err());
    }
}
