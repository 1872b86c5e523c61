//! What a customer's signature covers, version 1, field by field. The content is its own
//! type, not the report's serde form: a field added to the report, the store or the wire
//! later changes nothing here, so a hash made today verifies for as long as version 1 is kept
//! (golden hashes in the tests hold it). A field that must be covered becomes version 2: its
//! own struct beside this one, chosen by a version kept with the signatures made under it.

use serde::Serialize;
use time::Date;

use crate::ids::PartLineId;
use crate::ids::{EngineerId, EquipmentId, JobId};
use crate::job::{Job, JobType};
use crate::money::Money;
use crate::part::{FaultOrigin, PartClass, PartLine};
use crate::rating::Satisfaction;
use crate::report::{Acceptance, ChecklistItem, RepairResult, ServiceReport};
use crate::warranty::QuoteAcceptance;

/// Version 1 of the signed content. Written as compact JSON with sorted keys.
#[derive(Debug, Serialize)]
pub struct ContentV1<'a> {
    job: JobV1<'a>,
    report: ReportV1<'a>,
    /// Sorted by id.
    parts: Vec<PartV1<'a>>,
    signer_name: &'a str,
    image_sha256: &'a str,
    /// RFC 3339 in UTC.
    signed_at: String,
}

#[derive(Debug, Serialize)]
struct JobV1<'a> {
    id: JobId,
    number: &'a str,
    #[serde(rename = "type")]
    job_type: JobType,
    customer_id: crate::ids::CustomerId,
    equipment_id: Option<EquipmentId>,
    engineer_id: Option<EngineerId>,
}

#[derive(Debug, Serialize)]
struct PartV1<'a> {
    id: PartLineId,
    job_id: JobId,
    part_code: &'a str,
    part_name: &'a str,
    quantity: u32,
    origin: FaultOrigin,
    /// Absent for a repair part (classes came after the first signed reports).
    #[serde(skip_serializing_if = "is_repair")]
    class: PartClass,
    unit_cost: Money,
    unit_price: Money,
}

fn is_repair(class: &PartClass) -> bool {
    *class == PartClass::Repair
}

impl<'a> PartV1<'a> {
    fn of(p: &'a PartLine) -> PartV1<'a> {
        let PartLine { id, job_id, part_code, part_name, quantity, origin, class, unit_cost, unit_price } = p;
        PartV1 {
            id: *id,
            job_id: *job_id,
            part_code,
            part_name,
            quantity: *quantity,
            origin: *origin,
            class: *class,
            unit_cost: *unit_cost,
            unit_price: *unit_price,
        }
    }
}

#[derive(Debug, Serialize)]
struct ReportV1<'a> {
    job_id: JobId,
    job_type: JobType,
    revision: u32,
    symptom_reported: &'a Option<String>,
    symptom_found: &'a Option<String>,
    fault_cause: &'a Option<String>,
    solution: &'a Option<String>,
    work_done: &'a Option<String>,
    no_parts_replaced: bool,
    tests_done: &'a Option<String>,
    result: Option<RepairResult>,
    follow_up: &'a Option<String>,
    follow_up_on: Option<Date>,
    labour_minutes: Option<u32>,
    travel_minutes: Option<u32>,
    checklist: &'a [ChecklistItem],
    acceptance: Option<Acceptance>,
    acceptance_notes: &'a Option<String>,
    trainee_name: &'a Option<String>,
    /// Absent when unset (it was added after the first signed reports).
    #[serde(skip_serializing_if = "Option::is_none")]
    trainee_signature: &'a Option<String>,
    callback_notes: &'a Option<String>,
    customer_opinion: &'a Option<String>,
    satisfaction: &'a Option<Satisfaction>,
    quote_acceptance: &'a Option<QuoteAcceptance>,
    /// Always null: the content is what is signed, before the signature.
    signature: Option<()>,
}

impl<'a> ContentV1<'a> {
    /// The content of `report` on `job` with `parts`, signed by `signer_name` with the image
    /// `image_sha256` at `signed_at` (RFC 3339, UTC).
    pub fn new(
        job: &'a Job,
        report: &'a ServiceReport,
        parts: &'a [PartLine],
        signer_name: &'a str,
        image_sha256: &'a str,
        signed_at: String,
    ) -> ContentV1<'a> {
        let mut parts: Vec<PartV1<'a>> = parts.iter().map(PartV1::of).collect();
        parts.sort_by_key(|p| p.id);
        let r = report;
        ContentV1 {
            job: JobV1 {
                id: job.id,
                number: &job.number,
                job_type: job.job_type,
                customer_id: job.customer_id,
                equipment_id: job.equipment_id,
                engineer_id: job.engineer_id,
            },
            report: ReportV1 {
                job_id: r.job_id,
                job_type: r.job_type,
                revision: r.revision,
                symptom_reported: &r.symptom_reported,
                symptom_found: &r.symptom_found,
                fault_cause: &r.fault_cause,
                solution: &r.solution,
                work_done: &r.work_done,
                no_parts_replaced: r.no_parts_replaced,
                tests_done: &r.tests_done,
                result: r.result,
                follow_up: &r.follow_up,
                follow_up_on: r.follow_up_on,
                labour_minutes: r.labour_minutes,
                travel_minutes: r.travel_minutes,
                checklist: &r.checklist,
                acceptance: r.acceptance,
                acceptance_notes: &r.acceptance_notes,
                trainee_name: &r.trainee_name,
                trainee_signature: &r.trainee_signature,
                callback_notes: &r.callback_notes,
                customer_opinion: &r.customer_opinion,
                satisfaction: &r.satisfaction,
                quote_acceptance: &r.quote_acceptance,
                signature: None,
            },
            parts,
            signer_name,
            image_sha256,
            signed_at,
        }
    }
}
