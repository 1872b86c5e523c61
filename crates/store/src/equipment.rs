//! Installed equipment (客户档案).

use outpost_domain::equipment::Equipment;
use outpost_domain::ids::EquipmentId;
use rusqlite::{Connection, OptionalExtension, Transaction, params};

use crate::codec::{date_to_sql, opt_date_from_sql, parse};
use crate::error::{Result, StoreError};
use crate::search::{self, HitKind};

/// Inserts or replaces equipment and indexes it for search.
pub fn upsert(tx: &Transaction<'_>, e: &Equipment) -> Result<()> {
    tx.execute(
        "INSERT INTO equipment (id, customer_id, site_id, brand, model, serial, installed_on, accepted_on,
                                warranty_end, software_version, connection_notes)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
         ON CONFLICT (id) DO UPDATE SET customer_id = ?2, site_id = ?3, brand = ?4, model = ?5, serial = ?6,
             installed_on = ?7, accepted_on = ?8, warranty_end = ?9, software_version = ?10, connection_notes = ?11",
        params![
            e.id.to_text(),
            e.customer_id.to_text(),
            e.site_id.to_text(),
            e.brand,
            e.model,
            e.serial,
            e.installed_on.map(date_to_sql),
            e.accepted_on.map(date_to_sql),
            e.warranty_end.map(date_to_sql),
            e.software_version,
            e.connection_notes,
        ],
    )?;
    let title = format!("{} {} {}", e.brand, e.model, e.serial);
    search::index(tx, HitKind::Equipment, &e.id.to_text(), None, &title, e.connection_notes.as_deref().unwrap_or(""))
}

/// One piece of equipment.
pub fn get(conn: &Connection, id: EquipmentId) -> Result<Equipment> {
    let row = conn
        .query_row(
            "SELECT customer_id, site_id, brand, model, serial, installed_on, accepted_on, warranty_end,
                    software_version, connection_notes
               FROM equipment WHERE id = ?1",
            [id.to_text()],
            |r| {
                Ok((
                    (r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get(2)?, r.get(3)?, r.get(4)?),
                    (r.get(5)?, r.get(6)?, r.get(7)?, r.get(8)?, r.get(9)?),
                ))
            },
        )
        .optional()?
        .ok_or_else(|| StoreError::NotFound { what: "equipment", id: id.to_text() })?;
    let ((customer, site, brand, model, serial), (installed, accepted, end, software, notes)) = row;
    Ok(Equipment {
        id,
        customer_id: parse("customer id", &customer)?,
        site_id: parse("site id", &site)?,
        brand,
        model,
        serial,
        installed_on: opt_date_from_sql(installed)?,
        accepted_on: opt_date_from_sql(accepted)?,
        warranty_end: opt_date_from_sql(end)?,
        software_version: software,
        connection_notes: notes,
    })
}
