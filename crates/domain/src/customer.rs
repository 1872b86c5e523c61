//! Customers (客户), their contacts and sites (现场).

use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::ids::{ContactId, CustomerId, SiteId};
use crate::text::{self, NAME_MAX, NOTE_MAX};

/// The language a customer reads: receipts are printed in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum Language {
    #[default]
    #[serde(rename = "zh-CN")]
    ZhCn,
    #[serde(rename = "en")]
    En,
}

impl Language {
    /// The BCP 47 tag.
    pub fn as_str(&self) -> &'static str {
        match self {
            Language::ZhCn => "zh-CN",
            Language::En => "en",
        }
    }

    /// Parses `zh-CN` / `zh` / `en`.
    pub fn parse(tag: &str) -> Result<Language> {
        match tag.trim().to_ascii_lowercase().as_str() {
            "zh-cn" | "zh" | "zh_cn" => Ok(Language::ZhCn),
            "en" | "en-us" | "en-gb" => Ok(Language::En),
            _ => Err(crate::DomainError::invalid(
                "language",
                format!("'{tag}' is not a supported language; use zh-CN or en"),
            )),
        }
    }
}

/// A customer: an organisation or a person who owns equipment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Customer {
    pub id: CustomerId,
    pub name: String,
    pub language: Language,
    pub contacts: Vec<Contact>,
    pub notes: Option<String>,
}

impl Customer {
    /// A validated customer with no contacts yet.
    pub fn new(id: CustomerId, name: &str, language: Language) -> Result<Customer> {
        Ok(Customer {
            id,
            name: text::required("customer name", name, NAME_MAX)?,
            language,
            contacts: Vec::new(),
            notes: None,
        })
    }
}

/// A person at the customer, reachable by phone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    pub id: ContactId,
    pub name: String,
    pub phone: String,
    pub role: Option<String>,
}

impl Contact {
    /// A validated contact.
    pub fn new(id: ContactId, name: &str, phone: &str, role: &str) -> Result<Contact> {
        Ok(Contact {
            id,
            name: text::required("contact name", name, NAME_MAX)?,
            phone: text::phone("contact phone", phone)?,
            role: text::optional("contact role", role, NAME_MAX)?,
        })
    }
}

/// An address where equipment is installed, with directions for the drive there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Site {
    pub id: SiteId,
    pub customer_id: CustomerId,
    pub name: String,
    pub address: String,
    pub directions: Option<String>,
}

impl Site {
    /// A validated site.
    pub fn new(
        id: SiteId,
        customer_id: CustomerId,
        name: &str,
        address: &str,
        directions: &str,
    ) -> Result<Site> {
        Ok(Site {
            id,
            customer_id,
            name: text::required("site name", name, NAME_MAX)?,
            address: text::required("site address", address, NOTE_MAX)?,
            directions: text::optional("directions", directions, NOTE_MAX)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    #[test]
    fn customer_needs_a_name() {
        let err = Customer::new(CustomerId(Uuid::nil()), " ", Language::ZhCn).unwrap_err();
        assert_eq!(
            err.to_string(),
            "customer name: is empty: please fill it in"
        );
    }

    #[test]
    fn contact_validates_phone() {
        let id = ContactId(Uuid::nil());
        assert!(Contact::new(id, "李经理", "0531-8888 6666", "设备科").is_ok());
        assert!(Contact::new(id, "李经理", "n/a", "").is_err());
    }

    #[test]
    fn languages_parse() {
        assert_eq!(Language::parse("zh-CN").unwrap(), Language::ZhCn);
        assert_eq!(Language::parse("EN").unwrap(), Language::En);
        assert!(Language::parse("fr").is_err());
    }
}
