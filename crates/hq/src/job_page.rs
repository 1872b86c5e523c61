//! The dispatcher's job page: the job, its moves on both clocks, the report in the receipt's
//! words (made by the receipt crate, so the page and the printed copy say the same), the signed
//! revisions and the job's audit log.

use std::collections::HashMap;

use outpost_domain::customer::Language;
use outpost_domain::ids::JobId;
use outpost_domain::job::Actor;
use outpost_wire::job_page::{AuditLine, EventLine, JobPage, PartCharge, Revision, Sheet};
use time::UtcOffset;

use crate::db::Tx;
use crate::error::Result;
use crate::receipts::{self, Printed};
use crate::records;
use crate::{audit, audit_words};

/// The page in `language`, times as printed in `offset`.
pub fn page(tx: &mut dyn Tx, id: JobId, language: Language, offset: UtcOffset) -> Result<JobPage> {
    let Printed { receipt, job, customer, site, engineer, signature_image } =
        receipts::printed(tx, id, Some(language), offset)?;
    let strokes = records::report(tx, id)?.and_then(|r| r.signature).and_then(|s| s.strokes_sha256);
    let signature_strokes = match strokes {
        Some(sha) => tx.query_opt("SELECT 1 FROM blobs WHERE sha256 = $1", &[sha.into()])?.is_some(),
        None => false,
    };
    let names: HashMap<String, String> = tx
        .query("SELECT id, name FROM engineers", &[])?
        .iter()
        .map(|r| Ok((r.text(0)?, r.text(1)?)))
        .collect::<Result<_>>()?;
    let events = records::events(tx, id)?
        .into_iter()
        .map(|e| EventLine {
            at: e.at,
            received_at: e.received_at,
            engineer: match e.actor {
                Actor::Engineer(who) => Some(names.get(&who.to_text()).cloned().unwrap_or_else(|| who.to_text())),
                Actor::Hq => None,
            },
            from: e.from.into(),
            to: e.to.into(),
            note: e.said.as_ref().map(|s| s.render(language)).or(e.note),
            clock_suspect: e.clock_suspect,
        })
        .collect();
    let current = records::report(tx, id)?;
    let mut revisions: Vec<Revision> = records::revisions(tx, id)?
        .into_iter()
        .chain(current.clone().filter(|r| r.signature.is_some()))
        .map(|r| Revision {
            revision: r.revision,
            signer: r.signature.as_ref().map(|s| s.signer_name.clone()),
            signed_at: r.signature.as_ref().map(|s| s.signed_at),
            short_hash: r.signature.as_ref().map(|s| s.short_hash()),
            current: current.as_ref().is_some_and(|c| c.revision == r.revision),
        })
        .collect();
    revisions.dedup_by_key(|r| r.revision);
    let filter = audit::Filter { job_id: Some(id.to_text()), limit: 200, ..audit::Filter::default() };
    let audit = audit::list(tx, filter)?
        .into_iter()
        .map(|l| AuditLine {
            at: l.entry.at,
            who: who(&l.entry.actor, &names),
            said: audit_words::said(&l.entry, language),
            outcome_said: audit_words::outcome(l.entry.outcome, language).map(str::to_owned),
            kind: l.entry.kind,
            field: l.entry.field,
            old: l.entry.old,
            new: l.entry.new,
            outcome: l.entry.outcome.as_str().to_owned(),
            reason: l.entry.reason,
        })
        .collect();
    let previous_visit = match job.previous_visit {
        Some(p) => Some(records::job(tx, p)?.number),
        None => None,
    };
    let sheet = Sheet {
        draft: receipt.is_draft(),
        signer: receipt.signature.as_ref().map(|s| s.signer.clone()),
        signed_at: receipt.signature.as_ref().map(|s| s.signed_at.clone()),
        short_hash: receipt.short_hash,
        visit: receipt.visit,
        report: receipt.report,
        parts: receipt
            .parts
            .into_iter()
            .map(|p| PartCharge {
                code: p.code,
                name: p.name,
                quantity: p.quantity,
                unit_charge: p.unit_charge,
                decision: p.decision,
                total: p.total,
            })
            .collect(),
        totals: receipt.totals,
        ratings: receipt.ratings,
        opinion: receipt.opinion,
    };
    Ok(JobPage {
        id: job.id.to_text(),
        number: job.number,
        job_type: job.job_type.into(),
        status: job.status.into(),
        severity: job.severity.into(),
        customer_id: customer.id.to_text(),
        customer: customer.name,
        site_id: site.id.to_text(),
        site: site.name,
        equipment_id: job.equipment_id.map(|e| e.to_text()),
        engineer_id: job.engineer_id.map(|e| e.to_text()),
        engineer,
        reported_fault: job.reported_fault,
        reported_at: job.reported_at,
        scheduled_on: job.scheduled_on,
        window_from: job.window.map(|w| w.from),
        window_until: job.window.map(|w| w.until),
        promised_on: job.unresolved.as_ref().map(|u| u.promised_on),
        left_unsigned: job.left_unsigned.as_ref().map(|l| l.reason.into()),
        previous_visit,
        events,
        sheet,
        signature_image,
        signature_strokes,
        revisions,
        audit,
    })
}

/// An audit actor as people read it: `person:张敏` → 张敏, `engineer:<id>` → the engineer's name.
fn who(actor: &str, engineers: &HashMap<String, String>) -> String {
    match actor.split_once(':') {
        Some(("engineer", id)) => engineers.get(id).cloned().unwrap_or_else(|| id.to_owned()),
        Some((_, name)) => name.to_owned(),
        None => actor.to_owned(),
    }
}
