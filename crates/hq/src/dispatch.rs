//! The dispatcher's work: customers, sites, equipment, parts and jobs; assigning, reassigning
//! and cancelling. Plain functions over a transaction, shared by the HTTP handlers and
//! `admin seed-demo`. Every change that a laptop must see goes into its scope's pull log.

use outpost_domain::company::CompanyProfile;
use outpost_domain::customer::{Contact, Customer, Site};
use outpost_domain::equipment::{self, Equipment};
use outpost_domain::ids::{ContactId, CustomerId, EngineerId, EquipmentId, JobId, PartId, SiteId};
use outpost_domain::job::{Actor, EventNote, Job, JobEvent, JobStatus, MoveDetails, NewJob, Window};
use outpost_domain::money::{Currency, Money};
use outpost_domain::part::Part;
use outpost_domain::sla::SlaPolicy;
use outpost_domain::text::{self, NOTE_MAX};
use outpost_domain::van::VanStock;
use outpost_wire::dispatch::{CustomerInput, EquipmentInput, JobInput, JobUpdate, PartInput, SiteInput, VanCountLine};
use outpost_wire::sync::Record;
use time::OffsetDateTime;
use uuid::Uuid;

use crate::audit;
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

fn engineer_exists(tx: &mut dyn Tx, id: EngineerId) -> Result<()> {
    tx.query_opt("SELECT 1 FROM engineers WHERE id = $1", &[id.to_text().into()])?
        .map(drop)
        .ok_or_else(|| AppError::invalid("engineer_id", format!("no engineer {id}")))
}

/// Records a number given elsewhere (demo data, an import), so the month's counter never
/// hands it out again.
pub fn note_number(tx: &mut dyn Tx, number: &str) -> Result<()> {
    let Some((prefix, seq)) = number.split_once('-').and_then(|(p, n)| Some((p, n.parse::<i64>().ok()?))) else {
        return Ok(());
    };
    tx.execute(
        "INSERT INTO job_numbers (prefix, last) VALUES ($1, $2)
         ON CONFLICT (prefix) DO UPDATE SET
             last = CASE WHEN excluded.last > job_numbers.last THEN excluded.last ELSE job_numbers.last END",
        &[prefix.into(), seq.into()],
    )?;
    Ok(())
}

/// The next job number for the month of `day`, e.g. `J2611-000042`.
fn next_number(tx: &mut dyn Tx, day: time::Date) -> Result<String> {
    let prefix = outpost_domain::job::number_prefix(day);
    let row = tx
        .query_opt(
            "INSERT INTO job_numbers (prefix, last) VALUES ($1, 1)
             ON CONFLICT (prefix) DO UPDATE SET last = job_numbers.last + 1 RETURNING last",
            &[prefix.as_str().into()],
        )?
        .ok_or_else(|| AppError::internal("no job number"))?;
    Ok(outpost_domain::job::job_number(day, row.int(0)?))
}

/// Creates a job; when it names an engineer, their laptop receives it.
pub fn create_job(tx: &mut dyn Tx, id: JobId, input: &JobInput, by: &str, now: OffsetDateTime) -> Result<Job> {
    let site = records::site(tx, input.site_id).map_err(|_| AppError::invalid("site_id", "no such site"))?;
    if let Some(e) = input.equipment_id {
        let equipment =
            records::equipment(tx, e).map_err(|_| AppError::invalid("equipment_id", "no such equipment"))?;
        if equipment.site_id != site.id {
            return Err(AppError::invalid("equipment_id", "this equipment is at another site"));
        }
    }
    if let Some(e) = input.engineer_id {
        engineer_exists(tx, e)?;
    }
    let window = match (input.window_from, input.window_until) {
        (Some(from), Some(until)) => Some(Window::new(from, until)?),
        (None, None) => None,
        _ => {
            return Err(AppError::invalid("window_until", "give both window_from and window_until, or neither"));
        }
    };
    let new = NewJob {
        job_type: input.job_type,
        severity: input.severity,
        customer_id: site.customer_id,
        site_id: site.id,
        equipment_id: input.equipment_id,
        engineer_id: input.engineer_id,
        reported_fault: &input.reported_fault,
        reported_at: reported_at(input.reported_at, now)?,
        scheduled_on: input.scheduled_on,
        window,
    };
    let previous = input.previous_visit.map(|p| crate::promises::continued(tx, p, site.customer_id)).transpose()?;
    let mut job = Job::new(id, next_number(tx, input.scheduled_on)?, new)?;
    job.previous_visit = previous.as_ref().map(|p| p.id);
    records::save_job(tx, &job)?;
    let said = EventNote::Created {
        number: job.number.clone(),
        engineer: job.engineer_id.map(|e| engineer_name(tx, e)).transpose()?,
        continues: previous.map(|p| p.number),
    };
    dispatcher_did(tx, &job, ("job_created", by), said, now)?;
    log::publish_job(tx, job.id)?;
    Ok(job)
}

/// When the customer reported the fault: now, or a time typed for a call or letter received
/// earlier — never later than now, within the years a date may have.
fn reported_at(typed: Option<OffsetDateTime>, now: OffsetDateTime) -> Result<OffsetDateTime> {
    let Some(at) = typed else {
        return Ok(now);
    };
    if at > now + outpost_domain::clock::AHEAD_LIMIT {
        return Err(AppError::invalid("reported_at", "the customer cannot have called later than now"));
    }
    Ok(outpost_domain::calendar::check_time(outpost_domain::field::Field::ReportedAt, at)?)
}

fn engineer_name(tx: &mut dyn Tx, id: EngineerId) -> Result<String> {
    Ok(tx
        .query_opt("SELECT name FROM engineers WHERE id = $1", &[id.to_text().into()])?
        .map(|r| r.text(0))
        .transpose()?
        .unwrap_or_else(|| id.to_text()))
}

/// What a dispatcher did to a job that is no status move of its own (creating it, giving it
/// its first engineer): an event on the job, as the engineer's laptop shows it, and an entry in
/// the audit log under the person's name (`by`).
fn dispatcher_did(
    tx: &mut dyn Tx,
    job: &Job,
    (kind, by): (&str, &str),
    said: EventNote,
    now: OffsetDateTime,
) -> Result<()> {
    let note = said.english();
    let mut event = JobEvent::new(job.id, now, Actor::Hq, job.status, job.status, Some(said));
    event.received_at = Some(now);
    records::add_event(tx, &event)?;
    audit::append(
        tx,
        audit::Entry {
            at: now,
            actor: by.into(),
            client_id: None,
            mutation_id: None,
            job_id: Some(job.id.to_text()),
            kind: kind.into(),
            field: None,
            old: None,
            new: Some(note),
            outcome: audit::Outcome::Applied,
            reason: None,
        },
    )
}

/// Changes what was reported, when and how urgent, while the job is not finished or is
/// unresolved (moved to the date promised to the customer, the engineer's "today" then).
pub fn update_job(tx: &mut dyn Tx, id: JobId, input: &JobUpdate, by: &str, now: OffsetDateTime) -> Result<Job> {
    let mut job = records::job(tx, id)?;
    if !job.status.is_open() && job.status != JobStatus::Unresolved {
        return Err(AppError::invalid(
            "status",
            format!("job {} is {}: it can no longer be rescheduled", job.number, job.status),
        ));
    }
    let was = job.scheduled_on;
    job.reported_fault = text::required(outpost_domain::field::Field::ReportedFault, &input.reported_fault, NOTE_MAX)?;
    job.scheduled_on =
        outpost_domain::calendar::check_date(outpost_domain::field::Field::ScheduledOn, input.scheduled_on)?;
    job.window = match (input.window_from, input.window_until) {
        (Some(from), Some(until)) => Some(Window::new(from, until)?),
        (None, None) => None,
        _ => {
            return Err(AppError::invalid("window_until", "give both window_from and window_until, or neither"));
        }
    };
    job.severity = input.severity;
    records::save_job(tx, &job)?;
    if job.scheduled_on != was {
        let said = EventNote::Rescheduled { from: was, to: job.scheduled_on };
        dispatcher_did(tx, &job, ("job_rescheduled", by), said, now)?;
    }
    log::publish_job_state(tx, id)?;
    Ok(job)
}

/// Assigns a job to an engineer, or reassigns it: the old laptop is told to remove it, the
/// new one receives it.
pub fn assign(tx: &mut dyn Tx, id: JobId, engineer: EngineerId, by: &str, now: OffsetDateTime) -> Result<Job> {
    engineer_exists(tx, engineer)?;
    let mut job = records::job(tx, id)?;
    let previous = job.engineer_id;
    match previous {
        None => {
            job.engineer_id = Some(engineer);
            let said = EventNote::Assigned { engineer: engineer_name(tx, engineer)? };
            dispatcher_did(tx, &job, ("job_assigned", by), said, now)?;
        }
        Some(_) => {
            let mut event = job.transition(
                JobStatus::Assigned,
                Actor::Hq,
                now,
                MoveDetails { engineer: Some(engineer), ..Default::default() },
            )?;
            // HQ knows who the job went to: the laptops show the name, not an id.
            let said = EventNote::Reassigned { engineer: Some(engineer_name(tx, engineer)?) };
            event.note = Some(said.english());
            event.said = Some(said);
            records::add_event(tx, &event)?;
        }
    }
    records::save_job(tx, &job)?;
    if let Some(old) = previous {
        log::remove_job(tx, old, id)?;
    }
    log::publish_job(tx, id)?;
    Ok(job)
}

/// Cancels a job; its laptop is told to remove it.
pub fn cancel(tx: &mut dyn Tx, id: JobId, reason: &str, now: OffsetDateTime) -> Result<Job> {
    let mut job = records::job(tx, id)?;
    let event = job.transition(
        JobStatus::Cancelled,
        Actor::Hq,
        now,
        MoveDetails { reason: Some(reason.to_owned()), ..Default::default() },
    )?;
    records::save_job(tx, &job)?;
    records::add_event(tx, &event)?;
    if let Some(engineer) = job.engineer_id {
        log::remove_job(tx, engineer, id)?;
    }
    Ok(job)
}

/// Closes a job after review.
pub fn close(tx: &mut dyn Tx, id: JobId, now: OffsetDateTime) -> Result<Job> {
    let mut job = records::job(tx, id)?;
    let event = job.transition(JobStatus::Closed, Actor::Hq, now, MoveDetails::default())?;
    records::save_job(tx, &job)?;
    records::add_event(tx, &event)?;
    log::publish_job_state(tx, id)?;
    Ok(job)
}
