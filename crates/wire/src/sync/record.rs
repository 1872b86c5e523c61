//! A record HQ sends down, read kind by kind: a kind this app does not know (a newer HQ) is
//! skipped as [`Record::Unknown`] instead of failing the page, while a known kind that does
//! not decode is still an error.

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, Serialize};

use super::JobBundle;
use crate::model::{ChargingPolicy, CompanyProfile, Customer, Equipment, Part, Site, SlaPolicy, VanStock};

/// A record HQ sends down.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", content = "data", rename_all = "snake_case")]
pub enum Record {
    Customer(Customer),
    Site(Site),
    Equipment(Equipment),
    Part(Part),
    Policy(ChargingPolicy),
    /// The company's receipt header.
    Company(CompanyProfile),
    /// The service-level targets HQ set (服务时限).
    Sla(SlaPolicy),
    /// One part in this engineer's van, as HQ last counted it.
    VanStock(VanStock),
    /// A job with its events, report and part lines as HQ holds them.
    Job(Box<JobBundle>),
    /// A kind of record from a newer HQ that this app does not know: skipped, and the laptop
    /// says HQ is newer than the app.
    Unknown,
}

/// The `data` of a record of kind `0`.
struct Data<'a>(&'a str);

impl<'de> DeserializeSeed<'de> for Data<'_> {
    type Value = Record;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Record, D::Error> {
        Ok(match self.0 {
            "customer" => Record::Customer(Customer::deserialize(d)?),
            "site" => Record::Site(Site::deserialize(d)?),
            "equipment" => Record::Equipment(Equipment::deserialize(d)?),
            "part" => Record::Part(Part::deserialize(d)?),
            "policy" => Record::Policy(ChargingPolicy::deserialize(d)?),
            "company" => Record::Company(CompanyProfile::deserialize(d)?),
            "sla" => Record::Sla(SlaPolicy::deserialize(d)?),
            "van_stock" => Record::VanStock(VanStock::deserialize(d)?),
            "job" => Record::Job(Box::new(JobBundle::deserialize(d)?)),
            _ => {
                IgnoredAny::deserialize(d)?;
                Record::Unknown
            }
        })
    }
}

impl<'de> Deserialize<'de> for Record {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Record, D::Error> {
        d.deserialize_map(RecordVisitor)
    }
}

struct RecordVisitor;

impl<'de> Visitor<'de> for RecordVisitor {
    type Value = Record;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a record: {\"type\": …, \"data\": …}")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Record, A::Error> {
        let (mut kind, mut record, mut early) = (None::<String>, None, None::<serde_json::Value>);
        while let Some(key) = map.next_key::<String>()? {
            match (key.as_str(), &kind) {
                ("type", _) => kind = Some(map.next_value()?),
                // HQ writes the type first, so the data decodes in place.
                ("data", Some(k)) => record = Some(map.next_value_seed(Data(k))?),
                ("data", None) => early = Some(map.next_value()?),
                _ => drop(map.next_value::<IgnoredAny>()?),
            }
        }
        match (record, kind) {
            (Some(record), _) => Ok(record),
            (None, Some(k)) => Data(&k).deserialize(early.unwrap_or_default()).map_err(de::Error::custom),
            (None, None) => Err(de::Error::missing_field("type")),
        }
    }
}
