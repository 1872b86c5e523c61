//! Installed equipment (设备 / 客户档案) and its warranty.

use serde::{Deserialize, Serialize};
use time::Date;

use crate::calendar;
use crate::error::{DomainError, Result};
use crate::ids::{CustomerId, EquipmentId, SiteId};
use crate::text::{self, NAME_MAX, NOTE_MAX};

/// One machine at a site, identified by its serial number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Equipment {
    pub id: EquipmentId,
    pub customer_id: CustomerId,
    pub site_id: SiteId,
    pub brand: String,
    pub model: String,
    pub serial: String,
    pub installed_on: Option<Date>,
    pub accepted_on: Option<Date>,
    /// Last day of warranty; `None` when the equipment was never accepted (no warranty known).
    pub warranty_end: Option<Date>,
    pub software_version: Option<String>,
    pub connection_notes: Option<String>,
}

/// What the warranty says on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "state")]
pub enum WarrantyState {
    /// Covered until (and including) `until`.
    InWarranty { until: Date },
    /// Expired on `ended`.
    Expired { ended: Date },
    /// No acceptance date and no warranty end on record: treated as out of warranty.
    Unknown,
}

impl WarrantyState {
    /// Whether the day is covered.
    pub fn covered(&self) -> bool {
        matches!(self, WarrantyState::InWarranty { .. })
    }
}

/// Fields of new equipment, before validation.
#[derive(Debug, Clone, Default)]
pub struct EquipmentInput<'a> {
    pub brand: &'a str,
    pub model: &'a str,
    pub serial: &'a str,
    pub installed_on: Option<Date>,
    pub accepted_on: Option<Date>,
    pub warranty_end: Option<Date>,
    pub software_version: &'a str,
    pub connection_notes: &'a str,
}

impl Equipment {
    /// Validated equipment. Without an explicit warranty end, warranty runs one year from acceptance.
    pub fn new(
        id: EquipmentId,
        customer_id: CustomerId,
        site_id: SiteId,
        input: EquipmentInput<'_>,
    ) -> Result<Equipment> {
        let installed_on = calendar::check_opt_date(crate::field::Field::InstalledOn, input.installed_on)?;
        let accepted_on = calendar::check_opt_date(crate::field::Field::AcceptedOn, input.accepted_on)?;
        calendar::check_opt_date(crate::field::Field::WarrantyEnd, input.warranty_end)?;
        let warranty_end = match (input.warranty_end, accepted_on) {
            (Some(end), _) => Some(end),
            (None, Some(accepted)) => Some(default_warranty_end(accepted)),
            (None, None) => None,
        };
        if let (Some(end), Some(accepted)) = (warranty_end, accepted_on)
            && end < accepted
        {
            return Err(DomainError::WarrantyEndsBeforeAcceptance);
        }
        Ok(Equipment {
            id,
            customer_id,
            site_id,
            brand: text::required(crate::field::Field::Brand, input.brand, NAME_MAX)?,
            model: text::required(crate::field::Field::Model, input.model, NAME_MAX)?,
            serial: text::required(crate::field::Field::SerialNumber, input.serial, NAME_MAX)?,
            installed_on,
            accepted_on,
            warranty_end,
            software_version: text::optional(crate::field::Field::SoftwareVersion, input.software_version, NAME_MAX)?,
            connection_notes: text::optional(crate::field::Field::ConnectionNotes, input.connection_notes, NOTE_MAX)?,
        })
    }

    /// The warranty state on `day` (the day of the visit).
    pub fn warranty_on(&self, day: Date) -> WarrantyState {
        match self.warranty_end {
            Some(until) if day <= until => WarrantyState::InWarranty { until },
            Some(ended) => WarrantyState::Expired { ended },
            None => WarrantyState::Unknown,
        }
    }
}

/// One year after acceptance, the default of the source rules (保修期一年).
/// 29 February maps to 28 February of the next year.
pub fn default_warranty_end(accepted_on: Date) -> Date {
    let next_year = accepted_on.year() + 1;
    accepted_on
        .replace_year(next_year)
        .or_else(|_| accepted_on.replace_day(28).and_then(|d| d.replace_year(next_year)))
        .unwrap_or(accepted_on)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;
    use uuid::Uuid;

    fn equipment(accepted: Option<Date>, end: Option<Date>) -> Result<Equipment> {
        Equipment::new(
            EquipmentId(Uuid::nil()),
            CustomerId(Uuid::nil()),
            SiteId(Uuid::nil()),
            EquipmentInput {
                brand: "Atlas",
                model: "GA-37",
                serial: "AII-123",
                accepted_on: accepted,
                warranty_end: end,
                ..Default::default()
            },
        )
    }

    #[test]
    fn warranty_defaults_to_one_year_after_acceptance() {
        let e = equipment(Some(date!(2025 - 03 - 10)), None).unwrap();
        assert_eq!(e.warranty_end, Some(date!(2026 - 03 - 10)));
        assert!(e.warranty_on(date!(2026 - 03 - 10)).covered());
        assert_eq!(e.warranty_on(date!(2026 - 03 - 11)), WarrantyState::Expired { ended: date!(2026 - 03 - 10) });
    }

    #[test]
    fn leap_day_acceptance() {
        assert_eq!(default_warranty_end(date!(2024 - 02 - 29)), date!(2025 - 02 - 28));
    }

    #[test]
    fn end_before_acceptance_is_refused() {
        assert!(equipment(Some(date!(2025 - 03 - 10)), Some(date!(2025 - 01 - 01))).is_err());
    }

    #[test]
    fn no_dates_means_unknown_warranty() {
        let e = equipment(None, None).unwrap();
        assert_eq!(e.warranty_on(date!(2025 - 01 - 01)), WarrantyState::Unknown);
    }
}
