//! The company an engineer works for, as printed on every receipt: name, service hotline and
//! logo. Set at HQ and sent to every laptop.

use serde::{Deserialize, Serialize};

use crate::error::{DomainError, Result};
use crate::field::Field;
use crate::text::{self, NAME_MAX};

/// Largest logo accepted, in bytes: a receipt must stay small.
pub const MAX_LOGO_PNG: usize = 64 * 1024;

/// The receipt header of the company.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompanyProfile {
    pub name: String,
    pub hotline: String,
    /// A PNG, carried as hex in JSON.
    #[serde(default, with = "hex_png", skip_serializing_if = "Option::is_none")]
    pub logo_png: Option<Vec<u8>>,
}

impl CompanyProfile {
    /// A validated profile: a name, a phone number to call, an optional small PNG logo.
    pub fn new(name: &str, hotline: &str, logo_png: Option<Vec<u8>>) -> Result<CompanyProfile> {
        let name = text::required(crate::field::Field::CompanyName, name, NAME_MAX)?;
        let hotline = text::phone(crate::field::Field::ServiceHotline, hotline)?;
        if let Some(png) = &logo_png {
            if !png.starts_with(b"\x89PNG\r\n\x1a\n") {
                return Err(DomainError::NotPng { field: Field::CompanyLogo });
            }
            if png.len() > MAX_LOGO_PNG {
                return Err(DomainError::FileTooLarge {
                    field: Field::CompanyLogo,
                    kb: png.len() / 1024,
                    max_kb: MAX_LOGO_PNG / 1024,
                });
            }
        }
        Ok(CompanyProfile { name, hotline, logo_png })
    }

    /// Checks a profile that came over the wire.
    pub fn validate(&self) -> Result<()> {
        CompanyProfile::new(&self.name, &self.hotline, self.logo_png.clone()).map(drop)
    }

    /// What a laptop prints before HQ has sent the company's profile.
    pub fn unset() -> CompanyProfile {
        CompanyProfile { name: "Outpost".into(), hotline: "-".into(), logo_png: None }
    }
}

mod hex_png {
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(bytes: &Option<Vec<u8>>, s: S) -> Result<S::Ok, S::Error> {
        match bytes {
            Some(b) => s.serialize_str(&hex::encode(b)),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Vec<u8>>, D::Error> {
        match Option::<String>::deserialize(d)? {
            Some(h) => hex::decode(h).map(Some).map_err(serde::de::Error::custom),
            None => Ok(None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_profile_needs_a_name_and_a_callable_hotline() {
        assert!(CompanyProfile::new("山东宏力机电", "400-800-1234", None).is_ok());
        assert!(CompanyProfile::new(" ", "400-800-1234", None).is_err());
        assert!(CompanyProfile::new("Hongli", "call us", None).is_err());
    }

    #[test]
    fn the_logo_must_be_a_small_png_and_travels_as_hex() -> Result<()> {
        assert!(CompanyProfile::new("Hongli", "400", Some(b"GIF89a".to_vec())).is_err());
        let mut big = b"\x89PNG\r\n\x1a\n".to_vec();
        big.resize(MAX_LOGO_PNG + 1, 0);
        assert!(CompanyProfile::new("Hongli", "400", Some(big)).is_err());
        let p = CompanyProfile::new("Hongli", "400", Some(b"\x89PNG\r\n\x1a\nrest".to_vec()))?;
        let json = serde_json::to_string(&p)
            .map_err(|e| DomainError::CannotWrite { field: Field::CompanyName, reason: e.to_string() })?;
        assert!(json.contains("\"logo_png\":\"89504e47"), "{json}");
        assert_eq!(serde_json::from_str::<CompanyProfile>(&json).ok(), Some(p));
        let bare: CompanyProfile = serde_json::from_str(r#"{"name":"A","hotline":"123"}"#)
            .map_err(|e| DomainError::CannotWrite { field: Field::CompanyName, reason: e.to_string() })?;
        assert_eq!(bare.logo_png, None);
        Ok(())
    }
}
