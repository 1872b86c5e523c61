//! The customer archive as it travels: customers with their contacts, sites and equipment.

use outpost_domain::ids::{ContactId, CustomerId, EquipmentId, SiteId};
use outpost_domain::{customer as domain, equipment};
use serde::{Deserialize, Serialize};
use time::Date;

use crate::edge::mirror;

/// The language a customer's papers are printed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../console/src/bindings/"))]
pub enum Language {
    #[default]
    #[serde(rename = "zh-CN")]
    ZhCn,
    #[serde(rename = "en")]
    En,
}
mirror!(Language = enum domain::Language { ZhCn {}, En {} });

/// A customer (organisation or person).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../console/src/bindings/"))]
pub struct Customer {
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub id: CustomerId,
    pub name: String,
    pub language: Language,
    pub contacts: Vec<Contact>,
    pub notes: Option<String>,
}
mirror!(Customer = domain::Customer { id, name, language, contacts, notes });

/// A contact person of a customer; `version` rises with each edit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../console/src/bindings/"))]
pub struct Contact {
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub id: ContactId,
    pub name: String,
    pub phone: String,
    pub role: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub version: u64,
}
mirror!(Contact = domain::Contact { id, name, phone, role, version });

/// A site where equipment is installed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../console/src/bindings/"))]
pub struct Site {
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub id: SiteId,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub customer_id: CustomerId,
    pub name: String,
    pub address: String,
    pub directions: Option<String>,
}
mirror!(Site = domain::Site { id, customer_id, name, address, directions });

/// One piece of installed equipment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../console/src/bindings/"))]
pub struct Equipment {
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub id: EquipmentId,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub customer_id: CustomerId,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub site_id: SiteId,
    pub brand: String,
    pub model: String,
    pub serial: String,
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub installed_on: Option<Date>,
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub accepted_on: Option<Date>,
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub warranty_end: Option<Date>,
    pub software_version: Option<String>,
    pub connection_notes: Option<String>,
}
mirror!(
    Equipment = equipment::Equipment {
        id,
        customer_id,
        site_id,
        brand,
        model,
        serial,
        installed_on,
        accepted_on,
        warranty_end,
        software_version,
        connection_notes,
    }
);
