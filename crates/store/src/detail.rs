//! Everything the job screen shows, read in one go.

use outpost_domain::company::CompanyProfile;
use outpost_domain::customer::{Customer, Site};
use outpost_domain::equipment::{Equipment, WarrantyState};
use outpost_domain::ids::JobId;
use outpost_domain::job::{Job, JobEvent};
use outpost_domain::part::PartLine;
use outpost_domain::parts_request::PartsRequest;
use outpost_domain::report::{ReportField, ServiceReport};
use outpost_domain::warranty::{Quote, price_job};
use rusqlite::Connection;
use serde::Serialize;

use crate::Store;
use crate::error::{Result, StoreError};
use crate::jobs::{self, JobSummary};
use crate::{blobs, customers, device, equipment, parts, parts_requests, reports};

/// A job with its customer, site, equipment, report, priced parts and history.
#[derive(Debug, Clone, Serialize)]
pub struct JobDetail {
    pub job: Job,
    pub customer: Customer,
    pub site: Site,
    pub equipment: Option<Equipment>,
    pub warranty: WarrantyState,
    pub report: ServiceReport,
    pub parts: Vec<PartLine>,
    pub quote: Quote,
    /// Parts asked of HQ for this job, with HQ's answers.
    pub parts_requests: Vec<PartsRequest>,
    /// Mandatory report fields still empty; signing is possible when this is empty.
    pub missing: Vec<ReportField>,
    pub events: Vec<JobEvent>,
    /// Earlier jobs on the same equipment, newest first.
    pub history: Vec<JobSummary>,
}

/// Reads the job screen of one job.
pub fn job_detail(conn: &Connection, id: JobId) -> Result<JobDetail> {
    let job = jobs::get(conn, id)?;
    let report = reports::get_or_new(conn, &job)?;
    let lines = parts::lines(conn, id)?;
    let equipment = job.equipment_id.map(|e| equipment::get(conn, e)).transpose()?;
    let warranty = warranty_on_visit(&job, equipment.as_ref());
    let quote = quote(conn, &report, &lines, warranty)?;
    let history = match job.equipment_id {
        Some(e) => jobs::history(conn, e, 50)?.into_iter().filter(|s| s.id != id).collect(),
        None => Vec::new(),
    };
    Ok(JobDetail {
        customer: customers::get(conn, job.customer_id)?,
        site: customers::get_site(conn, job.site_id)?,
        missing: report.missing(&lines),
        parts_requests: parts_requests::of_job(conn, id)?,
        events: jobs::events(conn, id)?,
        equipment,
        warranty,
        report,
        parts: lines,
        quote,
        history,
        job,
    })
}

/// The warranty state on the day of the visit (arrival, or the scheduled day before that).
pub fn warranty_on_visit(job: &Job, equipment: Option<&Equipment>) -> WarrantyState {
    let day = job.times.arrived_at.map(|t| t.date()).unwrap_or(job.scheduled_on);
    equipment.map_or(WarrantyState::Unknown, |e| e.warranty_on(day))
}

/// Prices the job's parts and labour under the laptop's charging policy.
pub fn quote(conn: &Connection, report: &ServiceReport, lines: &[PartLine], warranty: WarrantyState) -> Result<Quote> {
    let policy = device::charging_policy(conn)?;
    Ok(price_job(&policy, warranty, lines, report.labour_minutes.unwrap_or(0))?)
}

/// Everything a visit receipt is made from.
#[derive(Debug, Clone)]
pub struct ReceiptData {
    pub detail: JobDetail,
    /// The engineer's name as printed.
    pub engineer: String,
    pub company: CompanyProfile,
    /// The customer's signature image, when the report is signed.
    pub signature_png: Option<Vec<u8>>,
}

impl Store {
    /// Reads what the receipt of a job shows. A signed report whose signature image is not on
    /// this laptop (signed on another one) is refused with a hint rather than printed as a draft.
    pub fn receipt_data(&self, id: JobId) -> Result<ReceiptData> {
        let (detail, engineer, company) = self.read(|c| {
            let engineer = device::engineer(c)?.map(|e| e.name).unwrap_or_default();
            Ok((job_detail(c, id)?, engineer, device::company(c)?))
        })?;
        let signature_png = match &detail.report.signature {
            Some(s) => Some(blobs::read(self.path(), &s.image_sha256).map_err(|_| StoreError::NotFound {
                what: "signature image",
                id: format!("{} (signed on another laptop: print the receipt there or from HQ)", detail.job.number),
            })?),
            None => None,
        };
        Ok(ReceiptData { detail, engineer, company, signature_png })
    }
}
