//! Warranty and charges (保修 / 收费): who pays for each part line and the labour.
//!
//! The default policy follows the source rules: in warranty a quality fault is free; in warranty
//! misuse pays the parts at cost; out of warranty pays the parts at cost, labour free unless the
//! company sets a fee. A consumable (易耗件: a filter, a belt, changed at maintenance) is no
//! fault, so warranty does not make it free: in warranty it costs what the policy's
//! `consumables` says (at cost by default). Any charge needs the customer's acceptance of the
//! quote before the repair.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::equipment::WarrantyState;
use crate::error::{DomainError, Result};
use crate::field::Field;
use crate::ids::PartLineId;
use crate::money::{Currency, Money};
use crate::part::{FaultOrigin, PartClass, PartLine};
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
    /// 保修期内，易耗件
    InWarrantyConsumable,
}

impl Situation {
    pub const ALL: [Situation; 4] = [
        Situation::InWarrantyQuality,
        Situation::InWarrantyMisuse,
        Situation::OutOfWarranty,
        Situation::InWarrantyConsumable,
    ];

    /// The stable name, as sent.
    pub fn as_str(self) -> &'static str {
        match self {
            Situation::InWarrantyQuality => "in_warranty_quality",
            Situation::InWarrantyMisuse => "in_warranty_misuse",
            Situation::OutOfWarranty => "out_of_warranty",
            Situation::InWarrantyConsumable => "in_warranty_consumable",
        }
    }

    /// The situation as people read it.
    pub fn label(self, language: crate::customer::Language) -> &'static str {
        let (en, zh) = match self {
            Situation::InWarrantyQuality => ("In warranty, quality fault", "保修期内，质量问题"),
            Situation::InWarrantyMisuse => ("In warranty, damaged by misuse", "保修期内，人为损坏"),
            Situation::OutOfWarranty => ("Out of warranty", "已过保修期"),
            Situation::InWarrantyConsumable => ("In warranty, consumable", "保修期内，易耗件"),
        };
        if language == crate::customer::Language::En { en } else { zh }
    }

    /// The situation of a part of `class` replaced for `origin` under a warranty state.
    pub fn of(warranty: WarrantyState, class: PartClass, origin: FaultOrigin) -> Situation {
        match (warranty.covered(), class, origin) {
            (false, _, _) => Situation::OutOfWarranty,
            (true, PartClass::Consumable, _) => Situation::InWarrantyConsumable,
            (true, PartClass::Repair, FaultOrigin::Quality) => Situation::InWarrantyQuality,
            (true, PartClass::Repair, FaultOrigin::Misuse) => Situation::InWarrantyMisuse,
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

impl PartsCharge {
    pub const ALL: [PartsCharge; 3] = [PartsCharge::Free, PartsCharge::AtCost, PartsCharge::AtListPrice];

    /// Charged at what the part costs the company (the default for consumables).
    pub fn at_cost() -> PartsCharge {
        PartsCharge::AtCost
    }

    /// The stable name, as sent.
    pub fn as_str(self) -> &'static str {
        match self {
            PartsCharge::Free => "free",
            PartsCharge::AtCost => "at_cost",
            PartsCharge::AtListPrice => "at_list_price",
        }
    }

    /// The charge as people read it.
    pub fn label(self, language: crate::customer::Language) -> &'static str {
        let (en, zh) = match self {
            PartsCharge::Free => ("Free", "免费"),
            PartsCharge::AtCost => ("At cost", "按成本价收费"),
            PartsCharge::AtListPrice => ("At list price", "按销售价收费"),
        };
        if language == crate::customer::Language::En { en } else { zh }
    }
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
    /// How consumables are charged in warranty (out of warranty every part is).
    #[serde(default = "PartsCharge::at_cost")]
    pub consumables: PartsCharge,
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
            consumables: PartsCharge::AtCost,
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

    /// The labour and fee rule for a situation; changing a consumable in warranty is
    /// in-warranty work, its labour that of a quality fault.
    pub fn rule(&self, situation: Situation) -> ChargeRule {
        match situation {
            Situation::InWarrantyQuality | Situation::InWarrantyConsumable => self.in_warranty_quality,
            Situation::InWarrantyMisuse => self.in_warranty_misuse,
            Situation::OutOfWarranty => self.out_of_warranty,
        }
    }

    /// How parts are charged in a situation.
    pub fn parts(&self, situation: Situation) -> PartsCharge {
        match situation {
            Situation::InWarrantyConsumable => self.consumables,
            other => self.rule(other).parts,
        }
    }
}

/// What some number of one part costs the customer, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartPrice {
    pub situation: Situation,
    pub charge: PartsCharge,
    pub unit_charge: Money,
    pub total: Money,
}

impl PartPrice {
    /// `quantity` of a part of `class` at its `unit_cost` and `unit_price`, replaced for
    /// `origin` under `warranty`.
    pub fn of(
        policy: &ChargingPolicy,
        warranty: WarrantyState,
        (class, origin): (PartClass, FaultOrigin),
        (unit_cost, unit_price): (Money, Money),
        quantity: u32,
    ) -> Result<PartPrice> {
        let situation = Situation::of(warranty, class, origin);
        let charge = policy.parts(situation);
        let unit_charge = match charge {
            PartsCharge::Free => Money::zero(policy.currency),
            PartsCharge::AtCost => unit_cost,
            PartsCharge::AtListPrice => unit_price,
        };
        Ok(PartPrice { situation, charge, unit_charge, total: unit_charge.times(quantity)? })
    }

    /// Why the part costs what it costs, in English.
    pub fn explain_en(&self) -> &'static str {
        match (self.situation, self.charge) {
            (Situation::InWarrantyQuality, PartsCharge::Free) => "In warranty, quality fault: free",
            (Situation::InWarrantyConsumable, PartsCharge::Free) => "Consumable: free by company policy",
            (_, PartsCharge::Free) => "Free by company policy",
            (Situation::InWarrantyMisuse, _) => "In warranty, but damaged by misuse: part charged",
            (Situation::OutOfWarranty, _) => "Out of warranty: part charged",
            (Situation::InWarrantyConsumable, _) => "Consumable, not covered by warranty: part charged",
            (Situation::InWarrantyQuality, _) => "Charged by company policy",
        }
    }

    /// Why the part costs what it costs, in Chinese.
    pub fn explain_zh(&self) -> &'static str {
        match (self.situation, self.charge) {
            (Situation::InWarrantyQuality, PartsCharge::Free) => "保修期内，质量问题：免费",
            (Situation::InWarrantyConsumable, PartsCharge::Free) => "易耗件：按公司政策免费",
            (_, PartsCharge::Free) => "按公司政策免费",
            (Situation::InWarrantyMisuse, _) => "保修期内，人为损坏：配件收费",
            (Situation::OutOfWarranty, _) => "已过保修期：配件收费",
            (Situation::InWarrantyConsumable, _) => "易耗件，不在保修范围内：配件收费",
            (Situation::InWarrantyQuality, _) => "按公司政策收费",
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
    fn price(&self) -> PartPrice {
        PartPrice { situation: self.situation, charge: self.charge, unit_charge: self.unit_charge, total: self.total }
    }

    /// Why this line costs what it costs, in English.
    pub fn explain_en(&self) -> &'static str {
        self.price().explain_en()
    }

    /// Why this line costs what it costs, in Chinese.
    pub fn explain_zh(&self) -> &'static str {
        self.price().explain_zh()
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
        let PartPrice { situation, charge, unit_charge, total } = PartPrice::of(
            policy,
            warranty,
            (line.class, line.origin),
            (line.unit_cost, line.unit_price),
            line.quantity,
        )?;
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
    } else if parts.iter().any(|l| l.class == PartClass::Repair && l.origin == FaultOrigin::Misuse) {
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
