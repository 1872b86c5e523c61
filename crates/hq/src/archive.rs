//! The customer archive (客户档案) as a dispatcher reads it: finding a caller as they type (by
//! name, a contact's phone, or an equipment serial), and a customer's sites, equipment and jobs.

use outpost_domain::customer::{Customer, Site};
use outpost_domain::equipment::Equipment;
use outpost_domain::ids::CustomerId;
use outpost_domain::job::{JobStatus, JobType};
use outpost_wire::calls::{Archive, ArchivedEquipment, CallerMatch, Matched, PastJob};
use serde::Deserialize;
use time::Date;

use crate::db::Tx;
use crate::error::{AppError, Result};
use crate::records;

/// The most matches one search answers.
pub const MATCHES: usize = 20;
/// The most jobs an archive lists (newest first).
pub const HISTORY: i64 = 200;

/// `%text%` for `LIKE … ESCAPE '\'`, lower-cased, with the text's own `%`, `_` and `\` taken
/// as they are.
fn containing(text: &str) -> String {
    let mut out = String::from("%");
    for c in text.to_lowercase().chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('%');
    out
}

/// A phone as its digits, so `88886666` finds `0531-8888 6666`.
fn digits(text: &str) -> String {
    text.chars().filter(char::is_ascii_digit).collect()
}

/// The customers `q` finds: names containing it, then contacts whose phone holds its digits
/// (three or more), then equipment whose serial contains it; each customer once, by the first
/// way it matched.
pub fn callers(tx: &mut dyn Tx, q: &str) -> Result<Vec<CallerMatch>> {
    let q = q.trim();
    if q.is_empty() {
        return Err(AppError::invalid("q", "type part of a name, a phone number or a serial"));
    }
    let mut found: Vec<CallerMatch> = Vec::new();
    let seen = |found: &[CallerMatch], id: &str| found.iter().any(|m| m.customer_id == id);
    let limit = i64::try_from(MATCHES).unwrap_or(20);

    for row in tx.query(
        "SELECT id, name FROM customers WHERE lower(name) LIKE $1 ESCAPE '\\' ORDER BY name LIMIT $2",
        &[containing(q).into(), limit.into()],
    )? {
        let name = row.text(1)?;
        found.push(CallerMatch {
            customer_id: row.text(0)?,
            customer: name.clone(),
            matched: Matched::Name,
            text: name,
            site_id: None,
            equipment_id: None,
        });
    }

    let wanted = digits(q);
    if wanted.len() >= 3 && found.len() < MATCHES {
        for row in tx.query(
            "SELECT body FROM customers WHERE phones LIKE $1 ORDER BY name LIMIT 200",
            &[format!("%{wanted}%").into()],
        )? {
            let customer: Customer = row.json(0)?;
            let id = customer.id.to_text();
            let Some(contact) = customer.contacts.iter().find(|c| digits(&c.phone).contains(&wanted)) else {
                continue;
            };
            if !seen(&found, &id) && found.len() < MATCHES {
                found.push(CallerMatch {
                    customer_id: id,
                    customer: customer.name.clone(),
                    matched: Matched::Phone,
                    text: format!("{} {}", contact.name, contact.phone),
                    site_id: None,
                    equipment_id: None,
                });
            }
        }
    }

    if found.len() < MATCHES {
        let needle = q.to_lowercase();
        for row in tx.query(
            "SELECT e.body, c.name, s.body FROM equipment e
               JOIN customers c ON c.id = e.customer_id
               JOIN sites s ON s.id = e.site_id
              WHERE e.serial LIKE $1 ESCAPE '\\' ORDER BY c.name LIMIT 200",
            &[containing(q).into()],
        )? {
            let equipment: Equipment = row.json(0)?;
            let id = equipment.customer_id.to_text();
            if !equipment.serial.to_lowercase().contains(&needle) || seen(&found, &id) || found.len() >= MATCHES {
                continue;
            }
            let site: Site = row.json(2)?;
            found.push(CallerMatch {
                customer_id: id,
                customer: row.text(1)?,
                matched: Matched::Serial,
                text: format!("{} · {} {} · {}", equipment.serial, equipment.brand, equipment.model, site.name),
                site_id: Some(site.id.to_text()),
                equipment_id: Some(equipment.id.to_text()),
            });
        }
    }
    Ok(found)
}

/// What the history reads of a stored job.
#[derive(Debug, Deserialize)]
struct StoredJob {
    job_type: JobType,
    status: JobStatus,
    scheduled_on: Date,
    reported_fault: String,
}

/// A customer's archive, with the warranty as it stands on `today`.
pub fn archive(tx: &mut dyn Tx, id: CustomerId, today: Date) -> Result<Archive> {
    let customer = records::customer(tx, id)?;
    let key = id.to_text();
    let mut sites = tx
        .query("SELECT body FROM sites WHERE customer_id = $1", &[key.as_str().into()])?
        .iter()
        .map(|r| r.json::<Site>(0))
        .collect::<Result<Vec<_>>>()?;
    let mut equipment = tx
        .query("SELECT body FROM equipment WHERE customer_id = $1", &[key.as_str().into()])?
        .iter()
        .map(|r| r.json::<Equipment>(0))
        .collect::<Result<Vec<_>>>()?;
    equipment.sort_by(|a, b| (a.site_id, &a.serial).cmp(&(b.site_id, &b.serial)));
    let jobs = tx
        .query(
            "SELECT j.id, j.number, j.site_id, j.equipment_id, e.name, j.body FROM jobs j
               LEFT JOIN engineers e ON e.id = j.engineer_id
              WHERE j.customer_id = $1 ORDER BY j.scheduled_on DESC, j.number DESC LIMIT $2",
            &[key.as_str().into(), HISTORY.into()],
        )?
        .iter()
        .map(|r| {
            let stored: StoredJob = r.json(5)?;
            Ok(PastJob {
                id: r.text(0)?,
                number: r.text(1)?,
                job_type: stored.job_type.into(),
                status: stored.status.into(),
                scheduled_on: stored.scheduled_on,
                site_id: r.text(2)?,
                equipment_id: r.opt_text(3)?,
                engineer: r.opt_text(4)?,
                reported_fault: stored.reported_fault,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    sites.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(Archive {
        customer: customer.into(),
        sites: sites.into_iter().map(Into::into).collect(),
        equipment: equipment
            .into_iter()
            .map(|e| ArchivedEquipment { in_warranty: e.warranty_on(today).covered(), equipment: e.into() })
            .collect(),
        jobs,
        callback_plan: crate::callbacks::plan(tx, id)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_search_takes_its_wildcards_as_typed() {
        assert_eq!(containing("HL_20%"), "%hl\\_20\\%%");
        assert_eq!(containing("恒丰"), "%恒丰%");
        assert_eq!(digits("0531-8888 6666"), "053188886666");
    }
}
