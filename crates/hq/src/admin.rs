//! `outpost-hq admin …`: engineers and their enrollment codes, dispatcher tokens, demo data.

use outpost_demo::{DemoConfig, generate};
use outpost_domain::ids::{ClientId, EngineerId};
use outpost_wire::dispatch::VanCountLine;
use time::OffsetDateTime;

use crate::db::Db;
use crate::dispatch::publish_part;
use crate::error::Result;
use crate::{enroll, log, records};

/// Adds an engineer; returns the one-time enrollment code for their laptop.
pub fn add_engineer(db: &Db, name: &str, now: OffsetDateTime) -> Result<String> {
    db.tx_blocking(|tx| Ok(crate::fleet::add_engineer(tx, name, now)?.code))
}

/// A new one-time code for the engineer of that name; earlier unused ones stop working.
pub fn reissue_code(db: &Db, name: &str, now: OffsetDateTime) -> Result<String> {
    db.tx_blocking(|tx| {
        let id = enroll::engineer_named(tx, name)?;
        enroll::reissue_code(tx, id, now)
    })
}

/// Lets a person at HQ sign in with `role`; returns them with their one-time password.
pub fn add_user(
    db: &Db,
    name: &str,
    role: outpost_wire::people::Role,
    now: OffsetDateTime,
) -> Result<outpost_wire::people::NewUser> {
    let once = crate::people::one_time()?;
    db.tx_blocking(|tx| crate::people::add(tx, name, role, &once, now))
}

/// A new one-time password for a person at HQ; their sessions end.
pub fn reset_password(db: &Db, name: &str) -> Result<String> {
    let once = crate::people::one_time()?;
    db.tx_blocking(|tx| crate::people::reset(tx, name, &once))?;
    Ok(once.password)
}

/// A new dispatcher token.
pub fn dispatcher_token(db: &Db, now: OffsetDateTime) -> Result<String> {
    db.tx_blocking(|tx| enroll::new_dispatcher_token(tx, "admin", now))
}

/// Revokes a laptop's device token.
pub fn revoke_device(db: &Db, client: ClientId, now: OffsetDateTime) -> Result<()> {
    db.tx_blocking(|tx| enroll::revoke_device(tx, client, now))
}

/// Loads the demo company (customers, equipment, parts, jobs for several engineers) and
/// returns each demo engineer with a fresh enrollment code. On an HQ that already has
/// engineers it loads nothing and returns fresh codes for them. Today's work is on the day
/// `now` has in its own offset (`outpost-hq admin seed-demo` gives the machine's).
pub fn seed_demo(db: &Db, jobs: usize, now: OffsetDateTime) -> Result<Vec<(String, String)>> {
    db.tx_blocking(|tx| {
        let existing = tx.query("SELECT id, name FROM engineers ORDER BY created_at, name", &[])?;
        if !existing.is_empty() {
            return existing
                .iter()
                .map(|r| {
                    let id: EngineerId =
                        r.text(0)?.parse().map_err(|_| crate::AppError::internal("stored engineer id"))?;
                    Ok((r.text(1)?, enroll::new_code(tx, id, now)?))
                })
                .collect();
        }
        let mut cfg = DemoConfig::new(20261123, jobs, now);
        cfg.engineers = 4;
        // Today's work on the day of `now`'s offset: the local day of the laptops that show it.
        cfg.utc_offset = now.offset();
        let data = generate(&cfg);
        for e in &data.engineers {
            enroll::add_engineer(tx, e.id, &e.name, now)?;
        }
        crate::dispatch::set_charging_policy(tx, &data.policy)?;
        crate::dispatch::set_company(tx, &data.company)?;
        let signature = outpost_demo::SIGNATURE_PNG;
        tx.execute(
            "INSERT INTO blobs (sha256, owner, size, bytes, created_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (sha256) DO NOTHING",
            &[
                outpost_domain::signature::sha256_hex(signature).into(),
                data.engineers[0].id.to_text().into(),
                (signature.len() as i64).into(),
                signature.to_vec().into(),
                crate::records::ns(now).into(),
            ],
        )?;
        for c in &data.customers {
            records::save_customer(tx, c)?;
        }
        for s in &data.sites {
            records::save_site(tx, s)?;
        }
        for e in &data.equipment {
            records::save_equipment(tx, e)?;
        }
        for p in &data.parts {
            publish_part(tx, p)?;
        }
        for j in &data.jobs {
            records::save_job(tx, &j.job)?;
            crate::dispatch::note_number(tx, &j.job.number)?;
            for e in &j.events {
                records::add_event(tx, e)?;
            }
            // Fitted from the engineer's van at the visit's last move.
            let fitted = j.job.engineer_id.zip(j.events.last().map(|e| e.at));
            for l in &j.parts {
                records::save_part_line(tx, l, fitted)?;
            }
            if let Some(r) = &j.report {
                records::save_report(tx, r, None)?;
            }
            log::publish_job(tx, j.job.id)?;
        }
        // Each van carries a dozen catalogue parts, counted today, 45 days or 120 days ago (so
        // the stale-stock flags show).
        for e in &data.engineers {
            for (age, counted) in [0, 45, 120].into_iter().zip(data.parts.chunks(4)) {
                let lines: Vec<VanCountLine> = counted
                    .iter()
                    .enumerate()
                    .map(|(i, p)| VanCountLine { part_code: p.code.clone(), counted: 1 + (i as i64 * 3) % 7 })
                    .collect();
                crate::dispatch::count_van(tx, e.id, &lines, now - time::Duration::days(age))?;
            }
        }
        data.engineers.iter().map(|e| Ok((e.name.clone(), enroll::new_code(tx, e.id, now)?))).collect()
    })
}
