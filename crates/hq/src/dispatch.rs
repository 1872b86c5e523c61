//! The dispatcher's work: customers, sites, equipment, parts, the company's settings and vans;
//! jobs in `jobs`. Plain functions over a transaction, shared by the HTTP handlers and
//! `admin seed-demo`. Every change that a laptop must see goes into its scope's pull log.

use outpost_domain::company::CompanyProfile;
use outpost_domain::customer::{Contact, Customer, Site};
use outpost_domain::equipment::{self, Equipment};
use outpost_domain::ids::{ContactId, CustomerId, EngineerId, EquipmentId, PartId, SiteId};
use outpost_domain::money::{Currency, Money};
use outpost_domain::part::Part;
use outpost_domain::sla::SlaPolicy;
use outpost_domain::text::{self, NOTE_MAX};
use outpost_domain::van::VanStock;
use outpost_wire::dispatch::{CustomerInput, EquipmentInput, PartInput, SiteInput, VanCountLine};
use outpost_wire::sync::Record;
use time::OffsetDateTime;
use uuid::Uuid;

use crate::db::Tx;
use crate::error::{AppError, Result};
use crate::log::{self, CATALOGUE};
use crate::records;

/// Creates a customer, or changes one, from dispatcher input. Contacts named by id keep their
/// id (and move to a new version when changed); laptops with the customer's open jobs see it.
pub fn save_customer(tx: &mut dyn Tx, id: CustomerId, input: &CustomerInput) -> Result<Customer> {
    if input.id.is_some_and(|sent| sent != id) {
        return Err(AppError::invalid("id", "the body names another customer than the path"));
    }
    let mut customer = Customer::new(id, &input.name, input.language)?;
    if let Ok(existing) = records::customer(tx, id) {
        unchanged_since_read(&existing, input)?;
        customer.contacts = existing.contacts;
        customer.notes = existing.notes;
    }
    if let Some(notes) = &input.notes {
        customer.notes = text::optional(outpost_domain::field::Field::CustomerNotes, notes, NOTE_MAX)?;
    }
    let contacts = input
        .contacts
        .iter()
        .map(|c| {
            let role = c.role.as_deref().unwrap_or("");
            Contact::new(c.id.unwrap_or(ContactId(Uuid::now_v7())), &c.name, &c.phone, role)
        })
        .collect::<outpost_domain::Result<Vec<_>>>()?;
    customer.replace_contacts(contacts);
    records::save_customer(tx, &customer)?;
    publish_customer(tx, &customer)?;
    Ok(customer)
}

/// A contact sent back with the version it was read at must still be at that version: an
/// engineer (or another dispatcher) may have changed it since, and a read-modify-write would
/// silently undo that. Contacts sent without a version are taken as given.
fn unchanged_since_read(existing: &Customer, input: &CustomerInput) -> Result<()> {
    for sent in &input.contacts {
        let (Some(id), Some(version)) = (sent.id, sent.version) else { continue };
        let now = existing.contacts.iter().find(|c| c.id == id);
        if now.is_none_or(|c| c.version != version) {
            let message = match now {
                Some(c) => {
                    format!("{} was changed meanwhile (now {} {}): read the customer again", sent.name, c.name, c.phone)
                }
                None => format!("{} was removed meanwhile: read the customer again", sent.name),
            };
            return Err(AppError::Conflict { code: "contact_changed", message });
        }
    }
    Ok(())
}

/// Sends a customer to every laptop holding one of its open jobs.
pub fn publish_customer(tx: &mut dyn Tx, customer: &Customer) -> Result<()> {
    let engineers = tx.query(
        "SELECT DISTINCT engineer_id FROM jobs WHERE customer_id = $1 AND engineer_id IS NOT NULL AND status NOT IN ('closed', 'cancelled')",
        &[customer.id.to_text().into()],
    )?;
    for row in engineers {
        log::upsert(tx, &row.text(0)?, Record::Customer(customer.clone().into()))?;
    }
    Ok(())
}

/// Sends a record to every laptop holding an open job whose `column` is `id`.
fn publish_to_open_jobs(tx: &mut dyn Tx, column: &str, id: &str, record: Record) -> Result<()> {
    let sql = format!(
        "SELECT DISTINCT engineer_id FROM jobs WHERE {column} = $1 AND engineer_id IS NOT NULL AND status NOT IN ('closed', 'cancelled')"
    );
    for row in tx.query(&sql, &[id.into()])? {
        log::upsert(tx, &row.text(0)?, record.clone())?;
    }
    Ok(())
}

/// Creates a site, or changes one (laptops with open jobs there receive it).
pub fn save_site(tx: &mut dyn Tx, id: SiteId, input: &SiteInput) -> Result<Site> {
    records::customer(tx, input.customer_id).map_err(|_| AppError::invalid("customer_id", "no such customer"))?;
    let site = Site::new(id, input.customer_id, &input.name, &input.address, &input.directions)?;
    records::save_site(tx, &site)?;
    publish_to_open_jobs(tx, "site_id", &id.to_text(), Record::Site(site.clone().into()))?;
    Ok(site)
}

/// Creates equipment at a site, or changes it (laptops with open jobs on it receive it).
pub fn save_equipment(tx: &mut dyn Tx, id: EquipmentId, input: &EquipmentInput) -> Result<Equipment> {
    let site = records::site(tx, input.site_id).map_err(|_| AppError::invalid("site_id", "no such site"))?;
    let e = Equipment::new(
        id,
        site.customer_id,
        site.id,
        equipment::EquipmentInput {
            brand: &input.brand,
            model: &input.model,
            serial: &input.serial,
            installed_on: input.installed_on,
            accepted_on: input.accepted_on,
            warranty_end: input.warranty_end,
            software_version: &input.software_version,
            connection_notes: &input.connection_notes,
        },
    )?;
    records::save_equipment(tx, &e)?;
    publish_to_open_jobs(tx, "equipment_id", &id.to_text(), Record::Equipment(e.clone().into()))?;
    Ok(e)
}

/// Creates a catalogue part, or changes one; every laptop receives it.
pub fn save_part(tx: &mut dyn Tx, id: PartId, input: &PartInput) -> Result<Part> {
    let currency = Currency::parse(&input.currency)?;
    let part = Part::new(
        id,
        &input.code,
        &input.name,
        &input.spec,
        Money::new(input.unit_cost, currency)?,
        Money::new(input.unit_price, currency)?,
    )?
    .kept_at(&input.bin)?
    .replaceable_by(&input.substitutes)?
    .of_class(input.class.into());
    for code in &part.substitutes {
        if records::part_by_code(tx, code)?.is_none() {
            return Err(AppError::invalid(
                "substitutes",
                format!("{code} is not in the catalogue: add it first, or leave it out"),
            ));
        }
    }
    if records::part_by_code(tx, &part.code)?.is_some_and(|other| other.id != id) {
        return Err(AppError::Conflict {
            code: "duplicate_code",
            message: format!("a part with code {} exists already", part.code),
        });
    }
    publish_part(tx, &part)?;
    Ok(part)
}

/// Sets the company's charging policy; every laptop receives it. Its currency is the
/// catalogue's: a policy in another would make every priced visit fail.
pub fn set_charging_policy(tx: &mut dyn Tx, policy: &outpost_domain::warranty::ChargingPolicy) -> Result<()> {
    policy.validate()?;
    if let Some(part) = tx.query_opt("SELECT body FROM parts LIMIT 1", &[])?.map(|r| r.json::<Part>(0)).transpose()?
        && part.unit_price.currency != policy.currency
    {
        return Err(AppError::invalid(
            "currency",
            format!("the catalogue is priced in {}: the charging policy must be too", part.unit_price.currency),
        ));
    }
    tx.execute(
        "INSERT INTO hq_meta (key, value) VALUES ('charging_policy', $1) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        &[serde_json::to_string(policy)?.into()],
    )?;
    log::upsert(tx, CATALOGUE, Record::Policy((*policy).into())).map(drop)
}

/// Sets the company's receipt header; every laptop receives it.
pub fn set_company(tx: &mut dyn Tx, profile: &CompanyProfile) -> Result<()> {
    profile.validate()?;
    tx.execute(
        "INSERT INTO hq_meta (key, value) VALUES ('company', $1) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        &[serde_json::to_string(profile)?.into()],
    )?;
    log::upsert(tx, CATALOGUE, Record::Company(profile.clone().into())).map(drop)
}

/// Sets the service-level targets; every laptop receives them.
pub fn set_sla_policy(tx: &mut dyn Tx, policy: &SlaPolicy) -> Result<()> {
    policy.validate()?;
    tx.execute(
        "INSERT INTO hq_meta (key, value) VALUES ('sla_policy', $1) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        &[serde_json::to_string(policy)?.into()],
    )?;
    log::upsert(tx, CATALOGUE, Record::Sla((*policy).into())).map(drop)
}

/// The service-level targets; the source rules' until HQ sets its own.
pub fn sla_policy(tx: &mut dyn Tx) -> Result<SlaPolicy> {
    match tx.query_opt("SELECT value FROM hq_meta WHERE key = 'sla_policy'", &[])? {
        Some(row) => Ok(serde_json::from_str(&row.text(0)?)?),
        None => Ok(SlaPolicy::default()),
    }
}

/// The company's receipt header, until one is set the placeholder laptops print.
pub fn company(tx: &mut dyn Tx) -> Result<CompanyProfile> {
    match tx.query_opt("SELECT value FROM hq_meta WHERE key = 'company'", &[])? {
        Some(row) => Ok(serde_json::from_str(&row.text(0)?)?),
        None => Ok(CompanyProfile::unset()),
    }
}

/// Saves a part and puts it into the catalogue scope.
pub fn publish_part(tx: &mut dyn Tx, part: &Part) -> Result<()> {
    records::save_part(tx, part)?;
    log::upsert(tx, CATALOGUE, Record::Part(part.clone().into())).map(drop)
}

/// Records a count of an engineer's van at `now`: each counted part (a catalogue code) replaces
/// its earlier count and reaches the engineer's laptop; parts not counted keep theirs.
pub fn count_van(
    tx: &mut dyn Tx,
    engineer: EngineerId,
    counts: &[VanCountLine],
    now: OffsetDateTime,
) -> Result<Vec<VanStock>> {
    van_of(tx, engineer)?;
    let mut counted = Vec::with_capacity(counts.len());
    for line in counts {
        let stock = VanStock::new(&line.part_code, line.counted, now)?;
        if records::part_by_code(tx, &stock.part_code)?.is_none() {
            return Err(AppError::invalid(
                "part_code",
                format!("no part {} in the catalogue; add it to the catalogue first", stock.part_code),
            ));
        }
        tx.execute(
            "INSERT INTO van_stock (engineer_id, part_code, body) VALUES ($1, $2, $3)
             ON CONFLICT (engineer_id, part_code) DO UPDATE SET body = excluded.body",
            &[engineer.to_text().into(), stock.part_code.as_str().into(), serde_json::to_string(&stock)?.into()],
        )?;
        log::upsert(tx, &engineer.to_text(), Record::VanStock(stock.clone().into()))?;
        counted.push(stock);
    }
    Ok(counted)
}

/// An engineer's van as last counted, by part code.
pub fn van_stock(tx: &mut dyn Tx, engineer: EngineerId) -> Result<Vec<VanStock>> {
    van_of(tx, engineer)?;
    tx.query("SELECT body FROM van_stock WHERE engineer_id = $1 ORDER BY part_code", &[engineer.to_text().into()])?
        .iter()
        .map(|r| r.json(0))
        .collect()
}

/// The engineer named in the address exists (else 404).
fn van_of(tx: &mut dyn Tx, id: EngineerId) -> Result<()> {
    tx.query_opt("SELECT 1 FROM engineers WHERE id = $1", &[id.to_text().into()])?
        .map(drop)
        .ok_or_else(|| AppError::NotFound(format!("no engineer {id}: see GET /api/v1/engineers")))
}

mod jobs;

pub use jobs::{assign, cancel, close, create_job, engineer_name, note_number, still_held_by, update_job};
