//! Customers, their contacts and sites.

use outpost_domain::customer::{Contact, Customer, Language, Site};
use outpost_domain::ids::{CustomerId, SiteId};
use rusqlite::{Connection, OptionalExtension, Transaction, params};

use crate::codec::parse;
use crate::error::{Result, StoreError};
use crate::search::{self, HitKind};

/// Inserts or replaces a customer with its contacts, and indexes it for search.
pub fn upsert(tx: &Transaction<'_>, c: &Customer) -> Result<()> {
    tx.execute(
        "INSERT INTO customers (id, name, language, notes) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (id) DO UPDATE SET name = ?2, language = ?3, notes = ?4",
        params![c.id.to_text(), c.name, c.language.as_str(), c.notes],
    )?;
    tx.execute("DELETE FROM contacts WHERE customer_id = ?1", [c.id.to_text()])?;
    let mut insert = tx.prepare_cached(
        "INSERT INTO contacts (id, customer_id, name, phone, role, position, version) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for (position, contact) in c.contacts.iter().enumerate() {
        insert.execute(params![
            contact.id.to_text(),
            c.id.to_text(),
            contact.name,
            contact.phone,
            contact.role,
            position as i64,
            i64::try_from(contact.version).unwrap_or(i64::MAX)
        ])?;
    }
    let body: Vec<String> =
        c.contacts.iter().map(|k| format!("{} {} {}", k.name, k.phone, k.role.as_deref().unwrap_or(""))).collect();
    search::index(tx, HitKind::Customer, &c.id.to_text(), None, &c.name, &body.join(" "))
}

/// Inserts or replaces a site.
pub fn upsert_site(tx: &Transaction<'_>, s: &Site) -> Result<()> {
    tx.execute(
        "INSERT INTO sites (id, customer_id, name, address, directions) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (id) DO UPDATE SET customer_id = ?2, name = ?3, address = ?4, directions = ?5",
        params![s.id.to_text(), s.customer_id.to_text(), s.name, s.address, s.directions],
    )?;
    Ok(())
}

/// A customer with its contacts.
pub fn get(conn: &Connection, id: CustomerId) -> Result<Customer> {
    let row = conn
        .query_row("SELECT name, language, notes FROM customers WHERE id = ?1", [id.to_text()], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, Option<String>>(2)?))
        })
        .optional()?
        .ok_or_else(|| StoreError::NotFound { what: "customer", id: id.to_text() })?;
    let mut stmt = conn.prepare_cached(
        "SELECT id, name, phone, role, version FROM contacts WHERE customer_id = ?1 ORDER BY position",
    )?;
    let contacts = stmt
        .query_map([id.to_text()], |r| {
            Ok((r.get::<_, String>(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get::<_, i64>(4)?))
        })?
        .map(|row| {
            let (cid, name, phone, role, version) = row?;
            Ok(Contact {
                id: parse("contact id", &cid)?,
                name,
                phone,
                role,
                version: u64::try_from(version).unwrap_or(0),
            })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(Customer { id, name: row.0, language: Language::parse(&row.1)?, contacts, notes: row.2 })
}

/// A site.
pub fn get_site(conn: &Connection, id: SiteId) -> Result<Site> {
    conn.query_row("SELECT customer_id, name, address, directions FROM sites WHERE id = ?1", [id.to_text()], |r| {
        Ok((r.get::<_, String>(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
    })
    .optional()?
    .ok_or_else(|| StoreError::NotFound { what: "site", id: id.to_text() })
    .and_then(|(customer, name, address, directions)| {
        Ok(Site { id, customer_id: parse("customer id", &customer)?, name, address, directions })
    })
}
