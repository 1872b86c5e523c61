//! The day's reminders at HQ, from what it holds: promises due today or past, parts requests
//! near or past their limit, units at the factory past their working days, warranties and
//! maintenance contracts ending within three months. The rules are the domain's.

use outpost_domain::equipment::Equipment;
use outpost_domain::ids::JobId;
use outpost_domain::kpi::{FactoryRepair, JobRecord, factory_return};
use outpost_domain::parts_request::{PartsRequest, RequestState};
use outpost_domain::plan::Plan;
use outpost_domain::reminder::{ReminderKind, parts_near, period_ends_soon};
use outpost_wire::reminders::{Reminder, Reminders};
use time::{Date, OffsetDateTime, UtcOffset};

use crate::db::Tx;
use crate::error::Result;
use crate::{dispatch, figures, promises};

/// A reminder before the names of what it is about are filled in.
fn reminder(kind: ReminderKind, due_on: Date, today: Date, detail: String) -> Reminder {
    Reminder {
        kind: kind.into(),
        due_on,
        days_left: (due_on - today).whole_days(),
        customer_id: String::new(),
        customer: String::new(),
        job_id: None,
        job_number: None,
        engineer: None,
        equipment_id: None,
        equipment: None,
        detail,
    }
}

fn named(e: &Equipment) -> String {
    format!("{} {} · {}", e.brand, e.model, e.serial)
}

/// The reminders of `today` (HQ's day; `now` for the promises and requests, each counted in
/// the zone it was made in), soonest first.
pub fn list(tx: &mut dyn Tx, today: Date, now: OffsetDateTime, offset: UtcOffset) -> Result<Reminders> {
    let mut out = Vec::new();
    for p in promises::list(tx, false, now)? {
        if p.promised_on > today {
            continue;
        }
        out.push(Reminder {
            customer_id: p.customer_id.to_text(),
            customer: p.customer,
            job_id: Some(p.job_id.to_text()),
            job_number: Some(p.number),
            engineer: p.engineer,
            ..reminder(ReminderKind::PromiseDue, p.promised_on, today, p.reason)
        });
    }
    let rows = tx.query(
        "SELECT r.body, j.id, j.number, c.id, c.name, e.name FROM parts_requests r JOIN jobs j ON j.id = r.job_id
           JOIN customers c ON c.id = j.customer_id LEFT JOIN engineers e ON e.id = j.engineer_id
          WHERE r.state IN ('requested', 'promised') ORDER BY r.requested_at, r.id",
        &[],
    )?;
    for row in rows {
        let request: PartsRequest = row.json(0)?;
        let limit = match request.state {
            RequestState::Promised { deliver_by } => deliver_by,
            _ => request.due_by(),
        };
        let today_there = now.to_offset(request.requested_at.offset()).date();
        if !parts_near(limit, today_there) {
            continue;
        }
        let detail = format!("{} {} × {}", request.part_code, request.part_name, request.quantity);
        out.push(Reminder {
            job_id: Some(row.text(1)?),
            job_number: Some(row.text(2)?),
            customer_id: row.text(3)?,
            customer: row.text(4)?,
            engineer: row.opt_text(5)?,
            ..reminder(ReminderKind::PartsRequest, limit, today_there, detail)
        });
    }
    factory(tx, today, now, offset, &mut out)?;
    let rows = tx.query("SELECT e.body, c.name FROM equipment e JOIN customers c ON c.id = e.customer_id", &[])?;
    let mut warranties = std::collections::HashMap::new();
    for row in rows {
        let e: Equipment = row.json(0)?;
        warranties.insert(e.id, (e.clone(), row.text(1)?));
        let Some(end) = e.warranty_end.filter(|end| period_ends_soon(*end, today)) else { continue };
        out.push(Reminder {
            customer_id: e.customer_id.to_text(),
            customer: row.text(1)?,
            equipment_id: Some(e.id.to_text()),
            equipment: Some(named(&e)),
            ..reminder(ReminderKind::WarrantyEnding, end, today, String::new())
        });
    }
    for row in tx.query("SELECT body FROM plans ORDER BY id", &[])? {
        let plan: Plan = row.json::<outpost_wire::plans::Plan>(0)?.into();
        let Some((e, customer)) = warranties.get(&plan.equipment_id) else { continue };
        if Some(plan.until) == e.warranty_end || !period_ends_soon(plan.until, today) {
            continue;
        }
        out.push(Reminder {
            customer_id: e.customer_id.to_text(),
            customer: customer.clone(),
            equipment_id: Some(e.id.to_text()),
            equipment: Some(named(e)),
            ..reminder(ReminderKind::PlanEnding, plan.until, today, plan.job_type.as_str().to_owned())
        });
    }
    let order = |k: outpost_wire::reminders::ReminderKind| {
        ReminderKind::ALL.iter().position(|x| outpost_wire::reminders::ReminderKind::from(*x) == k)
    };
    out.sort_by_key(|r| (r.due_on, order(r.kind)));
    Ok(Reminders { today, reminders: out })
}

/// Units sent to the factory and not back fixed within their working days.
fn factory(
    tx: &mut dyn Tx,
    today: Date,
    now: OffsetDateTime,
    offset: UtcOffset,
    out: &mut Vec<Reminder>,
) -> Result<()> {
    let policy = dispatch::sla_policy(tx)?;
    // The stored report names its result; the parsed record decides.
    let sent = tx.query("SELECT job_id FROM reports WHERE body LIKE '%needs_factory_repair%'", &[])?;
    for row in sent {
        let id: JobId = row.text(0)?.parse()?;
        let record = figures::record(tx, id)?;
        let around: Vec<JobRecord> =
            figures::related(tx, &record.job)?.into_iter().map(|j| figures::record(tx, j)).collect::<Result<_>>()?;
        let around: Vec<&JobRecord> = around.iter().collect();
        let Some(FactoryRepair { due_by, back: None, .. }) = factory_return(&record, &around, &policy) else {
            continue;
        };
        if due_by >= now {
            continue;
        }
        let job = &record.job;
        let customer = crate::records::customer(tx, job.customer_id)?;
        let equipment = job.equipment_id.map(|e| crate::records::equipment(tx, e)).transpose()?;
        let engineer = job.engineer_id.map(|e| dispatch::engineer_name(tx, e)).transpose()?;
        out.push(Reminder {
            customer_id: customer.id.to_text(),
            customer: customer.name,
            job_id: Some(job.id.to_text()),
            job_number: Some(job.number.clone()),
            engineer,
            equipment_id: equipment.as_ref().map(|e| e.id.to_text()),
            equipment: equipment.as_ref().map(named),
            ..reminder(ReminderKind::FactoryRepair, due_by.to_offset(offset).date(), today, job.reported_fault.clone())
        });
    }
    Ok(())
}
