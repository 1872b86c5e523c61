//! Customers (客户), their contacts and sites (现场).

use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::ids::{ContactId, CustomerId, SiteId};
use crate::text::{self, NAME_MAX, NOTE_MAX};

/// The language a customer reads: receipts are printed in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
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
            _ => Err(crate::DomainError::not_one_of(crate::field::Field::Language, tag, &["zh-CN", "en"])),
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
            name: text::required(crate::field::Field::CustomerName, name, NAME_MAX)?,
            language,
            contacts: Vec::new(),
            notes: None,
        })
    }
}

/// A person at the customer, reachable by phone. Both HQ and the engineer on site may edit a
/// contact; `version` rises with every change, so an edit made on an older version is seen as
/// a conflict instead of silently overwriting the other side.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    pub id: ContactId,
    pub name: String,
    pub phone: String,
    pub role: Option<String>,
    #[serde(default)]
    pub version: u64,
}

impl Contact {
    /// A validated contact.
    pub fn new(id: ContactId, name: &str, phone: &str, role: &str) -> Result<Contact> {
        Ok(Contact {
            id,
            name: text::required(crate::field::Field::ContactName, name, NAME_MAX)?,
            phone: text::phone(crate::field::Field::ContactPhone, phone)?,
            role: text::optional(crate::field::Field::ContactRole, role, NAME_MAX)?,
            version: 1,
        })
    }
}

/// What became of an edit of a contact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ContactEdit {
    /// The edit was made on the current version and now holds.
    Applied,
    /// The contact changed since the editor saw it; it keeps its current value (returned).
    Stale(Contact),
}

impl Customer {
    /// Edits (or adds, with `base_version` 0) a contact, unless it changed since `base_version`.
    pub fn edit_contact(&mut self, edit: Contact, base_version: u64) -> Result<ContactEdit> {
        let edited = Contact::new(edit.id, &edit.name, &edit.phone, edit.role.as_deref().unwrap_or(""))?;
        match self.contacts.iter_mut().find(|c| c.id == edit.id) {
            Some(current) if current.version == base_version => {
                *current = Contact { version: current.version + 1, ..edited };
                Ok(ContactEdit::Applied)
            }
            Some(current) => Ok(ContactEdit::Stale(current.clone())),
            None if base_version == 0 => {
                self.contacts.push(edited);
                Ok(ContactEdit::Applied)
            }
            None => Err(crate::DomainError::ContactRemoved),
        }
    }

    /// Replaces the contact list with HQ's edit of it: known contacts keep their id and move
    /// to a new version when changed, new ones start at version 1, missing ones are removed.
    pub fn replace_contacts(&mut self, contacts: Vec<Contact>) {
        let old = std::mem::take(&mut self.contacts);
        self.contacts = contacts
            .into_iter()
            .map(|c| match old.iter().find(|o| o.id == c.id) {
                Some(o) if (&o.name, &o.phone, &o.role) == (&c.name, &c.phone, &c.role) => o.clone(),
                Some(o) => Contact { version: o.version + 1, ..c },
                None => Contact { version: 1, ..c },
            })
            .collect();
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
    pub fn new(id: SiteId, customer_id: CustomerId, name: &str, address: &str, directions: &str) -> Result<Site> {
        Ok(Site {
            id,
            customer_id,
            name: text::required(crate::field::Field::SiteName, name, NAME_MAX)?,
            address: text::required(crate::field::Field::SiteAddress, address, NOTE_MAX)?,
            directions: text::optional(crate::field::Field::Directions, directions, NOTE_MAX)?,
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
        assert_eq!(err.to_string(), "customer name: is empty: please fill it in");
    }

    #[test]
    fn contact_validates_phone() {
        let id = ContactId(Uuid::nil());
        assert!(Contact::new(id, "李经理", "0531-8888 6666", "设备科").is_ok());
        assert!(Contact::new(id, "李经理", "n/a", "").is_err());
    }

    #[test]
    fn a_contact_edit_on_a_stale_version_keeps_the_current_value() {
        let mut c = Customer::new(CustomerId(Uuid::nil()), "恒丰", Language::ZhCn).unwrap();
        let id = ContactId(Uuid::from_u128(1));
        let new = Contact::new(id, "李经理", "13800138000", "").unwrap();
        assert_eq!(c.edit_contact(new.clone(), 0), Ok(ContactEdit::Applied));
        assert_eq!(c.contacts[0].version, 1);
        let phone = Contact { phone: "13900139000".into(), ..new.clone() };
        assert_eq!(c.edit_contact(phone, 1), Ok(ContactEdit::Applied));
        assert_eq!(c.contacts[0].version, 2);
        let late = Contact { phone: "13700137000".into(), ..new.clone() };
        assert!(matches!(c.edit_contact(late, 1), Ok(ContactEdit::Stale(current)) if current.phone == "13900139000"));
        assert_eq!(c.contacts[0].phone, "13900139000");
        let bad = Contact { phone: "none".into(), ..new };
        assert!(c.edit_contact(bad, 2).is_err());
    }

    #[test]
    fn hq_edits_of_the_contact_list_move_versions_only_on_change() {
        let mut c = Customer::new(CustomerId(Uuid::nil()), "恒丰", Language::ZhCn).unwrap();
        let a = Contact::new(ContactId(Uuid::from_u128(1)), "李", "13800138000", "").unwrap();
        let b = Contact::new(ContactId(Uuid::from_u128(2)), "王", "13800138001", "").unwrap();
        c.replace_contacts(vec![a.clone(), b.clone()]);
        c.replace_contacts(vec![a.clone(), Contact { phone: "13800138002".into(), ..b.clone() }]);
        assert_eq!((c.contacts[0].version, c.contacts[1].version), (1, 2));
        c.replace_contacts(vec![a]);
        assert_eq!(c.contacts.len(), 1);
    }

    #[test]
    fn languages_parse() {
        assert_eq!(Language::parse("zh-CN").unwrap(), Language::ZhCn);
        assert_eq!(Language::parse("EN").unwrap(), Language::En);
        assert!(Language::parse("fr").is_err());
    }
}
