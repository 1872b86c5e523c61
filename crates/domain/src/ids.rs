//! Typed ids. Ids are UUIDv7 made by the caller (device or HQ) and passed in, never made here,
//! so tests choose them and nothing needs the server to exist.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::DomainError;
use crate::field::Field;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident, $field:ident) => {
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
                    DomainError::NotId { field: Field::$field, value: s.to_owned() }
                })
            }
        }
    };
}

id_type!(/// A customer (organisation or person).
    CustomerId, CustomerId);
id_type!(/// A contact person of a customer.
    ContactId, ContactId);
id_type!(/// A site where equipment is installed.
    SiteId, SiteId);
id_type!(/// One piece of installed equipment.
    EquipmentId, EquipmentId);
id_type!(/// A job (work order).
    JobId, JobId);
id_type!(/// A catalogue part.
    PartId, PartId);
id_type!(/// A part line on a job's report.
    PartLineId, PartLineId);
id_type!(/// A parts request (补件申请) sent from a job.
    PartsRequestId, PartsRequestId);
id_type!(/// A field engineer.
    EngineerId, EngineerId);
id_type!(/// A call or letter from a customer, as HQ registered it (来电来函登记).
    CallId, CallId);
id_type!(/// An entry of HQ's callback queue (回访).
    CallbackId, CallbackId);
id_type!(/// A complaint in HQ's register (投诉登记).
    ComplaintId, ComplaintId);
id_type!(/// A plan of inspections or maintenance of one piece of equipment (巡检 / 保养计划).
    PlanId, PlanId);
id_type!(/// One install of the desktop app (one laptop); sync numbers mutations per client.
    ClientId, ClientId);

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
