//! What HQ sets for every laptop: the charging rules, the receipt's header and the service-level
//! targets.

use outpost_domain::money::Currency;
use outpost_domain::{company, sla, warranty};
use serde::{Deserialize, Serialize};

use crate::edge::mirror;

/// How parts are charged in one situation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../console/src/bindings/"))]
pub enum PartsCharge {
    Free,
    AtCost,
    AtListPrice,
}
mirror!(PartsCharge = enum warranty::PartsCharge { Free {}, AtCost {}, AtListPrice {} });

/// The charges of one situation; amounts in minor units of the policy's currency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../console/src/bindings/"))]
pub struct ChargeRule {
    pub parts: PartsCharge,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub labour_per_hour: i64,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub service_fee: i64,
}
mirror!(ChargeRule = warranty::ChargeRule { parts, labour_per_hour, service_fee });

/// The charging rules (收费标准) by warranty situation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../console/src/bindings/"))]
pub struct ChargingPolicy {
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub currency: Currency,
    pub in_warranty_quality: ChargeRule,
    pub in_warranty_misuse: ChargeRule,
    pub out_of_warranty: ChargeRule,
    /// How consumables (易耗件) are charged in warranty; at cost when HQ does not say.
    #[serde(default = "at_cost")]
    pub consumables: PartsCharge,
}
mirror!(
    ChargingPolicy =
        warranty::ChargingPolicy { currency, in_warranty_quality, in_warranty_misuse, out_of_warranty, consumables }
);

fn at_cost() -> PartsCharge {
    PartsCharge::AtCost
}

/// The situation a part is priced in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../console/src/bindings/"))]
pub enum Situation {
    InWarrantyQuality,
    InWarrantyMisuse,
    OutOfWarranty,
    InWarrantyConsumable,
}
mirror!(Situation = enum warranty::Situation {
    InWarrantyQuality {}, InWarrantyMisuse {}, OutOfWarranty {}, InWarrantyConsumable {},
});

/// What some number of one part costs the customer, and in which situation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../console/src/bindings/"))]
pub struct PartPrice {
    pub situation: Situation,
    pub charge: PartsCharge,
    pub unit_charge: outpost_domain::money::Money,
    pub total: outpost_domain::money::Money,
}
mirror!(PartPrice = warranty::PartPrice { situation, charge, unit_charge, total });

/// The receipt header of the company.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompanyProfile {
    pub name: String,
    pub hotline: String,
    /// A PNG, as hex.
    #[serde(default, with = "hex_bytes", skip_serializing_if = "Option::is_none")]
    pub logo_png: Option<Vec<u8>>,
}
mirror!(CompanyProfile = company::CompanyProfile { name, hotline, logo_png });

/// The service-level targets (服务时限).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlaPolicy {
    pub reply_within_hours: u32,
    pub fix_common_minutes: u32,
    pub fix_major_minutes: u32,
    pub factory_repair_working_days: u32,
}
mirror!(
    SlaPolicy =
        sla::SlaPolicy { reply_within_hours, fix_common_minutes, fix_major_minutes, factory_repair_working_days }
);

mod hex_bytes {
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(bytes: &Option<Vec<u8>>, s: S) -> Result<S::Ok, S::Error> {
        match bytes {
            Some(b) => s.serialize_str(&hex::encode(b)),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Vec<u8>>, D::Error> {
        Option::<String>::deserialize(d)?.map(|h| hex::decode(h).map_err(serde::de::Error::custom)).transpose()
    }
}
