//! Money as integer minor units (fen, cents) with an ISO 4217 currency code. Never floats.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::error::{DomainError, Result};
use crate::field::Field;

/// A three-letter ISO 4217 currency code such as `CNY` or `EUR`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Currency([u8; 3]);

impl Currency {
    /// Chinese yuan, the default of the demo company.
    pub const CNY: Currency = Currency(*b"CNY");

    /// Parses a code like `cny` or `CNY`.
    pub fn parse(code: &str) -> Result<Currency> {
        let upper = code.trim().to_ascii_uppercase();
        let bytes: [u8; 3] = upper
            .as_bytes()
            .try_into()
            .ok()
            .filter(|b: &[u8; 3]| b.iter().all(u8::is_ascii_uppercase))
            .ok_or_else(|| DomainError::NotCurrency { value: code.to_owned() })?;
        Ok(Currency(bytes))
    }

    /// The code as text.
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or("???")
    }

    /// Minor units in one major unit (100 for every currency Outpost prices in).
    pub fn minor_per_major(&self) -> i64 {
        match self.as_str() {
            "JPY" | "KRW" => 1,
            _ => 100,
        }
    }
}

impl TryFrom<String> for Currency {
    type Error = DomainError;
    fn try_from(value: String) -> Result<Self> {
        Currency::parse(&value)
    }
}

impl From<Currency> for String {
    fn from(value: Currency) -> Self {
        value.as_str().to_owned()
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An amount of money in minor units. Prices are never negative; totals are checked for overflow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../console/src/bindings/"))]
pub struct Money {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub minor: i64,
    /// ISO 4217, e.g. `CNY`.
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub currency: Currency,
}

impl Money {
    /// A price or charge: refuses negative amounts.
    pub fn new(minor: i64, currency: Currency) -> Result<Money> {
        if minor < 0 {
            return Err(DomainError::Negative { field: Field::Price });
        }
        Ok(Money { minor, currency })
    }

    /// Zero in the given currency.
    pub fn zero(currency: Currency) -> Money {
        Money { minor: 0, currency }
    }

    /// Sum of two amounts of the same currency.
    pub fn checked_add(self, other: Money) -> Result<Money> {
        if self.currency != other.currency {
            return Err(DomainError::CurrencyMismatch { left: self.to_string(), right: other.to_string() });
        }
        let minor = self.minor.checked_add(other.minor).ok_or(DomainError::Overflow { field: Field::Total })?;
        Ok(Money { minor, ..self })
    }

    /// The amount times a quantity.
    pub fn times(self, quantity: u32) -> Result<Money> {
        let minor = self.minor.checked_mul(i64::from(quantity)).ok_or(DomainError::Overflow { field: Field::Total })?;
        Ok(Money { minor, ..self })
    }

    /// Whether the amount is nothing.
    pub fn is_zero(&self) -> bool {
        self.minor == 0
    }
}

impl Money {
    /// The amount as people of `language` read it, thousands grouped: `¥1,234.50` in Chinese
    /// (other currencies keep their code), `CNY 1,234.50` in English.
    pub fn words(&self, language: crate::customer::Language) -> String {
        let per = self.currency.minor_per_major().unsigned_abs();
        let abs = self.minor.unsigned_abs();
        let digits = (abs / per).to_string();
        let mut major = String::with_capacity(digits.len() + digits.len() / 3);
        for (i, d) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                major.push(',');
            }
            major.push(d);
        }
        let sign = if self.minor < 0 { "-" } else { "" };
        let amount = if per == 1 { major } else { format!("{major}.{:02}", abs % per) };
        match language {
            crate::customer::Language::ZhCn if self.currency.as_str() == "CNY" => format!("{sign}¥{amount}"),
            _ => format!("{} {sign}{amount}", self.currency),
        }
    }
}

impl fmt::Display for Money {
    /// `CNY 1234.50`: the code, then major units with the minor part.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let per = self.currency.minor_per_major();
        let sign = if self.minor < 0 { "-" } else { "" };
        let abs = self.minor.unsigned_abs();
        let per_u = per.unsigned_abs();
        if per == 1 {
            write!(f, "{} {sign}{abs}", self.currency)
        } else {
            write!(f, "{} {sign}{}.{:02}", self.currency, abs / per_u, abs % per_u)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_read_as_each_language_writes_them() {
        use crate::customer::Language::{En, ZhCn};
        let m = |minor, code| Money::new(minor, Currency::parse(code).unwrap()).unwrap();
        assert_eq!(m(123_450, "CNY").words(ZhCn), "¥1,234.50");
        assert_eq!(m(123_450, "CNY").words(En), "CNY 1,234.50");
        assert_eq!(m(100_000_000, "CNY").words(En), "CNY 1,000,000.00");
        assert_eq!(m(5, "CNY").words(ZhCn), "¥0.05");
        assert_eq!(m(123_456, "JPY").words(ZhCn), "JPY 123,456");
        assert_eq!(m(99_900, "USD").words(ZhCn), "USD 999.00");
    }

    #[test]
    fn displays_minor_units() {
        let m = Money::new(123_450, Currency::CNY).unwrap();
        assert_eq!(m.to_string(), "CNY 1234.50");
    }

    #[test]
    fn refuses_negative_and_mixed_currencies() {
        assert!(Money::new(-1, Currency::CNY).is_err());
        let eur = Money::new(1, Currency::parse("eur").unwrap()).unwrap();
        let err = Money::zero(Currency::CNY).checked_add(eur).unwrap_err();
        assert!(matches!(err, DomainError::CurrencyMismatch { .. }));
    }

    #[test]
    fn currency_codes_are_three_letters() {
        assert!(Currency::parse("CN").is_err());
        assert!(Currency::parse("C1Y").is_err());
        assert_eq!(Currency::parse(" usd ").unwrap().as_str(), "USD");
    }

    #[test]
    fn overflow_is_an_error_not_a_wrap() {
        let big = Money::new(i64::MAX, Currency::CNY).unwrap();
        assert!(big.times(2).is_err());
        assert!(big.checked_add(Money::new(1, Currency::CNY).unwrap()).is_err());
    }
}
