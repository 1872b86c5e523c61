//! Everything the job screen shows, read in one go.

use outpost_domain::customer::{Customer, Site};
use outpost_domain::equipment::{Equipment, WarrantyState};
use outpost_domain::ids::JobId;
use outpost_domain::job::{Job, JobEvent};
use outpost_domain::part::PartLine;
use outpost_domain::report::{ReportField, ServiceReport};
use outpost_domain::warranty::{Quote, price_job};
use rusqlite::Connection;
use serde::Serialize;

use crate::error::Result;
use crate::jobs::{self, JobSummary};
use crate::{customers, device, equipment, parts, reports};

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
