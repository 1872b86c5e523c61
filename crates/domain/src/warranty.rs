//! Warranty and charges (保修 / 收费): who pays for each part line and the labour.
//!
//! The default policy follows the source rules: in warranty a quality fault is free; in warranty
//! misuse pays the parts at cost; out of warranty pays the parts at cost, labour free unless the
//! company sets a fee. Any charge needs the customer's acceptance of the quote before the repair.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::equipment::WarrantyState;
use crate::error::{DomainError, Result};
use crate::field::Field;
use crate::ids::PartLineId;
use crate::money::{Currency, Money};
use crate::part::{FaultOrigin, PartLine};
use crate::text::{self, NAME_MAX};

/// The situation a part line (or the labour) is priced in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Situation {
    /// 保修期内，质量问题
    InWarrantyQuality,
    /// 保修期内，人为损坏
    InWarrantyMisuse,
    /// 保修期外
    OutOfWarranty,
}

impl Situation {
    /// The situation for a warranty state and a fault origin.
    pub fn of(warranty: WarrantyState, origin: FaultOrigin) -> Situation {
        match (warranty.covered(), origin) {
            (true, FaultOrigin::Quality) => Situation::InWarrantyQuality,
            (true, FaultOrigin::Misuse) => Situation::InWarrantyMisuse,
            (false, _) => Situation::OutOfWarranty,
        }
    }
}

/// How parts are charged in a situation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PartsCharge {
    Free,
    AtCost,
    AtListPrice,
}

/// What is charged in one situation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChargeRule {
    pub parts: PartsCharge,
    /// Labour per hour in minor units; 0 is free.
    pub labour_per_hour: i64,
    /// A fixed service (call-out) fee in minor units; 0 is none.
    pub service_fee: i64,
}

/// A company's charging policy, one rule per situation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChargingPolicy {
    pub currency: Currency,
    pub in_warranty_quality: ChargeRule,
    pub in_warranty_misuse: ChargeRule,
    pub out_of_warranty: ChargeRule,
}

impl ChargingPolicy {
    /// The policy of the source rules (DESIGN §2).
    pub fn default_for(currency: Currency) -> ChargingPolicy {
        let free_labour = |parts| ChargeRule { parts, labour_per_hour: 0, service_fee: 0 };
        ChargingPolicy {
            currency,
            in_warranty_quality: free_labour(PartsCharge::Free),
            in_warranty_misuse: free_labour(PartsCharge::AtCost),
            out_of_warranty: free_labour(PartsCharge::AtCost),
        }
    }

    /// Checks a configured policy: no negative fees.
    pub fn validate(&self) -> Result<()> {
        for rule in [self.in_warranty_quality, self.in_warranty_misuse, self.out_of_warranty] {
            if rule.labour_per_hour < 0 || rule.service_fee < 0 {
                return Err(DomainError::Negative { field: Field::ChargingPolicy });
            }
        }
        Ok(())
    }

    /// The rule for a situation.
    pub fn rule(&self, situation: Situation) -> ChargeRule {
        match situation {
            Situation::InWarrantyQuality => self.in_warranty_quality,
            Situation::InWarrantyMisuse => self.in_warranty_misuse,
            Situation::OutOfWarranty => self.out_of_warranty,
        }
    }
}

/// One part line with its price and the reason for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PricedLine {
    pub part_line_id: PartLineId,
    pub part_code: String,
    pub part_name: String,
    pub quantity: u32,
    pub situation: Situation,
    pub charge: PartsCharge,
    pub unit_charge: Money,
    pub total: Money,
}

impl PricedLine {
    /// Why this line costs what it costs, in English.
    pub fn explain_en(&self) -> &'static str {
        match (self.situation, self.charge) {
            (_, PartsCharge::Free) => match self.situation {
                Situation::InWarrantyQuality => "In warranty, quality fault: free",
                _ => "Free by company policy",
            },
            (Situation::InWarrantyMisuse, _) => "In warranty, but damaged by misuse: part charged",
            (Situation::OutOfWarranty, _) => "Out of warranty: part charged",
            (Situation::InWarrantyQuality, _) => "Charged by company policy",
        }
    }

    /// Why this line costs what it costs, in Chinese.
    pub fn explain_zh(&self) -> &'static str {
        match (self.situation, self.charge) {
            (_, PartsCharge::Free) => match self.situation {
                Situation::InWarrantyQuality => "保修期内，质量问题：免费",
                _ => "按公司政策免费",
            },
            (Situation::InWarrantyMisuse, _) => "保修期内，人为损坏：配件收费",
            (Situation::OutOfWarranty, _) => "已过保修期：配件收费",
            (Situation::InWarrantyQuality, _) => "按公司政策收费",
        }
    }
}

/// The priced parts, labour and fees of a job.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    pub lines: Vec<PricedLine>,
    pub labour_situation: Situation,
    pub labour: Money,
    pub service_fee: Money,
    pub parts_total: Money,
    pub total: Money,
}

impl Quote {
    /// Any charge means the customer must accept the quote before the repair is recorded as done.
    pub fn needs_acceptance(&self) -> bool {
        !self.total.is_zero()
    }

    /// Passes when nothing is charged or the customer accepted exactly this total.
    pub fn check_accepted(&self, acceptance: Option<&QuoteAcceptance>) -> Result<()> {
        if !self.needs_acceptance() {
            return Ok(());
        }
        match acceptance {
            Some(a) if a.total == self.total => Ok(()),
            _ => Err(DomainError::QuoteNotAccepted { total: self.total.to_string() }),
        }
    }
}

/// How the customer accepted a quote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AcceptanceMethod {
    Signature,
    Confirmation,
}

/// The customer's acceptance of a quote's total (报甲方批示).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuoteAcceptance {
    pub total: Money,
    pub accepted_by: String,
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
    pub method: AcceptanceMethod,
}

impl QuoteAcceptance {
    /// A validated acceptance of `quote` by the named person.
    pub fn of(
        quote: &Quote,
        accepted_by: &str,
        at: OffsetDateTime,
        method: AcceptanceMethod,
    ) -> Result<QuoteAcceptance> {
        Ok(QuoteAcceptance {
            total: quote.total,
            accepted_by: text::required(crate::field::Field::AcceptedBy, accepted_by, NAME_MAX)?,
            at,
            method,
        })
    }
}

/// Prices every part line and the labour of a job under `policy`.
pub fn price_job(
    policy: &ChargingPolicy,
    warranty: WarrantyState,
    parts: &[PartLine],
    labour_minutes: u32,
) -> Result<Quote> {
    policy.validate()?;
    let currency = policy.currency;
    let mut parts_total = Money::zero(currency);
    let mut lines = Vec::with_capacity(parts.len());
    for line in parts {
        let situation = Situation::of(warranty, line.origin);
        let charge = policy.rule(situation).parts;
        let unit_charge = match charge {
            PartsCharge::Free => Money::zero(currency),
            PartsCharge::AtCost => line.unit_cost,
            PartsCharge::AtListPrice => line.unit_price,
        };
        let total = unit_charge.times(line.quantity)?;
        parts_total = parts_total.checked_add(total)?;
        lines.push(PricedLine {
            part_line_id: line.id,
            part_code: line.part_code.clone(),
            part_name: line.part_name.clone(),
            quantity: line.quantity,
            situation,
            charge,
            unit_charge,
            total,
        });
    }
    let labour_situation = if !warranty.covered() {
        Situation::OutOfWarranty
    } else if parts.iter().any(|l| l.origin == FaultOrigin::Misuse) {
        Situation::InWarrantyMisuse
    } else {
        Situation::InWarrantyQuality
    };
    let rule = policy.rule(labour_situation);
    let labour_minor = rule
        .labour_per_hour
        .checked_mul(i64::from(labour_minutes))
        .map(|m| (m + 59) / 60)
        .ok_or(DomainError::Overflow { field: Field::Labour })?;
    let labour = Money::new(labour_minor, currency)?;
    let service_fee = Money::new(rule.service_fee, currency)?;
    let total = parts_total.checked_add(labour)?.checked_add(service_fee)?;
    Ok(Quote { lines, labour_situation, labour, service_fee, parts_total, total })
}

#[cfg(test)]
mod tests;
