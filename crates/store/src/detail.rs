//! Everything the job screen shows, read in one go.

use outpost_domain::company::CompanyProfile;
use outpost_domain::complaint::Complaint;
use outpost_domain::customer::{Customer, Site};
use outpost_domain::equipment::{Equipment, WarrantyState};
use outpost_domain::ids::JobId;
use outpost_domain::job::{Job, JobEvent};
use outpost_domain::part::PartLine;
use outpost_domain::parts_request::PartsRequest;
use outpost_domain::report::{ReportField, ServiceReport};
use outpost_domain::sla::SlaPolicy;
use outpost_domain::visit::{Visit, warranty_on_visit};
use outpost_domain::warranty::Quote;
use rusqlite::Connection;
use serde::Serialize;

use crate::Store;
use crate::error::{Result, StoreError};
use crate::jobs::{self, JobSummary};
use crate::{blobs, complaints, customers, device, parts_requests, visits};

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
    /// The customer's complaints about this job, as HQ handles them.
    pub complaints: Vec<Complaint>,
    /// Mandatory report fields still empty; signing is possible when this is empty.
    pub missing: Vec<ReportField>,
    pub events: Vec<JobEvent>,
    /// Earlier jobs on the same equipment, newest first.
    pub history: Vec<JobSummary>,
    /// The service-level targets the job's badge counts down against (HQ's, or the defaults).
    pub sla_policy: SlaPolicy,
}

/// Reads the job screen of one job.
pub fn job_detail(conn: &Connection, id: JobId) -> Result<JobDetail> {
    let visit = visits::load(conn, id)?;
    let warranty = warranty_on_visit(&visit.job, visit.equipment.as_ref());
    let quote = visit.quote()?;
    let Visit { job, report, parts: lines, equipment, .. } = visit;
    let history = match job.equipment_id {
        Some(e) => jobs::history(conn, e, 50)?.into_iter().filter(|s| s.id != id).collect(),
        None => Vec::new(),
    };
    Ok(JobDetail {
        customer: customers::get(conn, job.customer_id)?,
        site: customers::get_site(conn, job.site_id)?,
        missing: report.missing(&lines),
        parts_requests: parts_requests::of_job(conn, id)?,
        complaints: complaints::of_job(conn, id)?,
        sla_policy: device::sla_policy(conn)?,
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
