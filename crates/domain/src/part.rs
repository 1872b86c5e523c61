//! The parts catalogue (配件) and the part lines recorded on a job.

use serde::{Deserialize, Serialize};

use crate::error::{DomainError, Result};
use crate::field::Field;
use crate::ids::{JobId, PartId, PartLineId};
use crate::money::Money;
use crate::text::{self, NAME_MAX};

/// A catalogue part, synced from HQ.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Part {
    pub id: PartId,
    /// The code engineers type, e.g. `FLT-0042`.
    pub code: String,
    pub name: String,
    pub spec: Option<String>,
    /// Codes of parts that can replace this one.
    pub substitutes: Vec<String>,
    /// What the part costs the company; charged "at cost" out of warranty.
    pub unit_cost: Money,
    /// List price.
    pub unit_price: Money,
    /// Where the part is kept in HQ's store (库位), e.g. `A-03-2`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bin: Option<String>,
    /// A part fitted because one failed, or a consumable that wears out in use.
    #[serde(default)]
    pub class: PartClass,
}

/// What kind of part it is, which decides how warranty treats it (see [`crate::warranty`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum PartClass {
    /// 维修件: replaces a part that failed; free in warranty when the fault is one of quality.
    #[default]
    Repair,
    /// 易耗件 (保养件 too): wears out in use and is changed at maintenance, such as a filter
    /// or a belt; not a fault, so warranty does not make it free (the policy says what it costs).
    Consumable,
}

impl PartClass {
    /// Parses `repair` / `consumable`.
    pub fn parse(s: &str) -> Result<PartClass> {
        match s.trim() {
            "repair" => Ok(PartClass::Repair),
            "consumable" => Ok(PartClass::Consumable),
            other => Err(DomainError::not_one_of(Field::PartClass, other, &["repair", "consumable"])),
        }
    }

    /// The stable name, as stored and sent.
    pub fn as_str(self) -> &'static str {
        match self {
            PartClass::Repair => "repair",
            PartClass::Consumable => "consumable",
        }
    }

    pub const ALL: [PartClass; 2] = [PartClass::Repair, PartClass::Consumable];

    /// The class as people read it.
    pub fn label(self, language: crate::customer::Language) -> &'static str {
        let (en, zh) = match self {
            PartClass::Repair => ("Repair part", "维修件"),
            PartClass::Consumable => ("Consumable", "易耗件"),
        };
        if language == crate::customer::Language::En { en } else { zh }
    }
}

impl Part {
    /// A validated catalogue part.
    pub fn new(id: PartId, code: &str, name: &str, spec: &str, unit_cost: Money, unit_price: Money) -> Result<Part> {
        let code = text::required(crate::field::Field::PartCode, code, 64)?;
        if code.chars().any(char::is_whitespace) {
            return Err(DomainError::CodeHasSpaces);
        }
        if unit_cost.currency != unit_price.currency {
            return Err(DomainError::CurrencyMismatch { left: unit_cost.to_string(), right: unit_price.to_string() });
        }
        Ok(Part {
            id,
            code,
            name: text::required(crate::field::Field::PartName, name, NAME_MAX)?,
            spec: text::optional(crate::field::Field::PartSpec, spec, NAME_MAX)?,
            substitutes: Vec::new(),
            unit_cost: Money::new(unit_cost.minor, unit_cost.currency)?,
            unit_price: Money::new(unit_price.minor, unit_price.currency)?,
            bin: None,
            class: PartClass::Repair,
        })
    }

    /// The part as one of `class`.
    pub fn of_class(mut self, class: PartClass) -> Part {
        self.class = class;
        self
    }

    /// The part kept at `bin` (blank: not said).
    pub fn kept_at(mut self, bin: &str) -> Result<Part> {
        self.bin = text::optional(crate::field::Field::PartBin, bin, NAME_MAX)?;
        Ok(self)
    }

    /// The parts that may be fitted instead, by code: one word each, not the part itself, each
    /// once. Whether they are in the catalogue is the catalogue's to say.
    pub fn replaceable_by(mut self, codes: &[String]) -> Result<Part> {
        let mut substitutes: Vec<String> = Vec::new();
        for code in codes {
            let code = text::required(crate::field::Field::Substitute, code, 64)?;
            if code.chars().any(char::is_whitespace) {
                return Err(DomainError::CodeHasSpaces);
            }
            if code != self.code && !substitutes.contains(&code) {
                substitutes.push(code);
            }
        }
        self.substitutes = substitutes;
        Ok(self)
    }
}

/// Why the replaced part failed; decides who pays in warranty (see [`crate::warranty`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum FaultOrigin {
    /// 质量问题: the part or machine was at fault.
    #[default]
    Quality,
    /// 人为损坏: misuse or damage by people.
    Misuse,
}

impl FaultOrigin {
    /// Parses `quality` / `misuse`.
    pub fn parse(s: &str) -> Result<FaultOrigin> {
        match s.trim() {
            "quality" => Ok(FaultOrigin::Quality),
            "misuse" => Ok(FaultOrigin::Misuse),
            other => Err(DomainError::not_one_of(Field::FaultOrigin, other, &["quality", "misuse"])),
        }
    }
}

/// One part used on a job: what, how many, and why it failed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartLine {
    pub id: PartLineId,
    pub job_id: JobId,
    pub part_code: String,
    pub part_name: String,
    pub quantity: u32,
    pub origin: FaultOrigin,
    /// The catalogue's class of the part when it was fitted.
    #[serde(default)]
    pub class: PartClass,
    pub unit_cost: Money,
    pub unit_price: Money,
}

/// Largest quantity of one part on one line.
pub const MAX_QUANTITY: i64 = 10_000;

impl PartLine {
    /// A part line for `part`. The quantity arrives as typed (it may be zero or negative) and is checked here.
    pub fn new(id: PartLineId, job_id: JobId, part: &Part, quantity: i64, origin: FaultOrigin) -> Result<PartLine> {
        if quantity <= 0 {
            return Err(DomainError::LineQuantity { quantity, max: MAX_QUANTITY });
        }
        if quantity > MAX_QUANTITY {
            return Err(DomainError::LineQuantity { quantity, max: MAX_QUANTITY });
        }
        Ok(PartLine {
            id,
            job_id,
            part_code: part.code.clone(),
            part_name: part.name.clone(),
            quantity: u32::try_from(quantity).unwrap_or(u32::MAX),
            origin,
            class: part.class,
            unit_cost: part.unit_cost,
            unit_price: part.unit_price,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::Currency;
    use uuid::Uuid;

    fn part() -> Part {
        let cost = Money::new(8_000, Currency::CNY).unwrap();
        let price = Money::new(12_000, Currency::CNY).unwrap();
        Part::new(PartId(Uuid::nil()), "FLT-0042", "空气滤芯", "", cost, price).unwrap()
    }

    #[test]
    fn quantity_must_be_positive() {
        let p = part();
        let line = |q| PartLine::new(PartLineId(Uuid::nil()), JobId(Uuid::nil()), &p, q, FaultOrigin::Quality);
        assert!(line(0).is_err());
        assert_eq!(
            line(-2).unwrap_err().to_string(),
            "quantity: is -2; enter how many were used, 1 to 10000 on one line"
        );
        assert_eq!(line(3).unwrap().quantity, 3);
        assert!(line(MAX_QUANTITY + 1).is_err());
    }

    #[test]
    fn codes_are_one_word() {
        let m = Money::zero(Currency::CNY);
        assert!(Part::new(PartId(Uuid::nil()), "FLT 42", "x", "", m, m).is_err());
    }
}
