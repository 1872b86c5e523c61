//! Typed ids. Ids are UUIDv7 made by the caller (device or HQ) and passed in, never made here,
//! so tests choose them and nothing needs the server to exist.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::DomainError;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident, $field:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub Uuid);

        impl $name {
            /// The id as its canonical hyphenated text.
            pub fn to_text(self) -> String {
                self.0.hyphenated().to_string()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.hyphenated().fmt(f)
            }
        }

        impl FromStr for $name {
            type Err = DomainError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Uuid::parse_str(s.trim()).map($name).map_err(|_| {
                    DomainError::invalid($field, format!("'{s}' is not an id; copy the full id (36 characters)"))
                })
            }
        }
    };
}

id_type!(/// A customer (organisation or person).
    CustomerId, "customer_id");
id_type!(/// A contact person of a customer.
    ContactId, "contact_id");
id_type!(/// A site where equipment is installed.
    SiteId, "site_id");
id_type!(/// One piece of installed equipment.
    EquipmentId, "equipment_id");
id_type!(/// A job (work order).
    JobId, "job_id");
id_type!(/// A catalogue part.
    PartId, "part_id");
id_type!(/// A part line on a job's report.
    PartLineId, "part_line_id");
id_type!(/// A parts request (补件申请) sent from a job.
    PartsRequestId, "parts_request_id");
id_type!(/// A field engineer.
    EngineerId, "engineer_id");
id_type!(/// One install of the desktop app (one laptop); sync numbers mutations per client.
    ClientId, "client_id");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_round_trip() {
        let id = JobId(Uuid::from_u128(0x0190_0000_0000_7000_8000_0000_0000_0001));
        assert_eq!(id.to_text().parse::<JobId>(), Ok(id));
    }

    #[test]
    fn bad_id_names_the_field() {
        let err = "J-12".parse::<JobId>().unwrap_err();
        assert!(err.to_string().starts_with("job_id: 'J-12' is not an id"));
    }
}
