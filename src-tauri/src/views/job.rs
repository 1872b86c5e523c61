//! The job list and the job screen.

use outpost_domain::customer::Language;
use outpost_domain::equipment::WarrantyState;
use outpost_domain::job::{FormSection, Job, JobStatus, JobType, LeftUnsigned, Mover, Severity};
use outpost_domain::sla::{SlaBadge, SlaPolicy, arrival_badge};
use outpost_store::detail::JobDetail;
use outpost_store::jobs::JobSummary;
use serde::Serialize;
use time::OffsetDateTime;
use ts_rs::TS;

use super::complaint::ComplaintView;
use super::report::{PartsRequestView, QuoteView, ReportView};
use super::rfc3339;

/// The SLA badge of a job at a moment: what is due and in how many minutes.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Sla {
    /// `arrive_due`, `arrive_overdue`, `fix_due`, `fix_overdue` or `none`.
    pub kind: String,
    #[ts(type = "number")]
    pub minutes: i64,
}

impl Sla {
    pub(crate) fn from_badge(badge: SlaBadge) -> Sla {
        let (kind, minutes) = match badge {
            SlaBadge::ArriveDueIn(m) => ("arrive_due", m),
            SlaBadge::ArriveOverdue(m) => ("arrive_overdue", m),
            SlaBadge::FixDueIn(m) => ("fix_due", m),
            SlaBadge::FixOverdue(m) => ("fix_overdue", m),
            SlaBadge::None => ("none", 0),
        };
        Sla { kind: kind.into(), minutes }
    }

    /// Against HQ's targets (the defaults until HQ sends its own).
    pub(crate) fn of(job: &Job, policy: &SlaPolicy, now: OffsetDateTime) -> Sla {
        Sla::from_badge(policy.badge(job, now))
    }

    pub(crate) fn of_summary(s: &JobSummary, now: OffsetDateTime) -> Sla {
        Sla::from_badge(arrival_badge(s.status, s.window_until, now))
    }
}

/// One line of the job list.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct JobRow {
    pub id: String,
    pub number: String,
    pub job_type: JobType,
    pub status: JobStatus,
    pub severity: Severity,
    pub customer: String,
    pub site: String,
    pub address: String,
    pub equipment: Option<String>,
    pub reported_fault: String,
    pub scheduled_on: String,
    pub window_from: Option<String>,
    pub window_until: Option<String>,
    pub sla: Sla,
}

impl JobRow {
    /// A row of the list at `now`.
    pub fn of(s: &JobSummary, now: OffsetDateTime) -> JobRow {
        JobRow {
            id: s.id.to_string(),
            number: s.number.clone(),
            job_type: s.job_type,
            status: s.status,
            severity: s.severity,
            customer: s.customer.clone(),
            site: s.site.clone(),
            address: s.address.clone(),
            equipment: s.equipment.clone(),
            reported_fault: s.reported_fault.clone(),
            scheduled_on: s.scheduled_on.to_string(),
            window_from: s.window_from.map(rfc3339),
            window_until: s.window_until.map(rfc3339),
            sla: Sla::of_summary(s, now),
        }
    }
}

/// A contact of the customer.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ContactView {
    pub name: String,
    pub phone: String,
    pub role: Option<String>,
}

/// The equipment with its warranty on the day of the visit.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct EquipmentView {
    pub brand: String,
    pub model: String,
    pub serial: String,
    pub software_version: Option<String>,
    /// `in_warranty`, `expired` or `unknown`.
    pub warranty: String,
    /// The last day of warranty (in warranty) or the day it ended (expired).
    pub warranty_date: Option<String>,
}

/// A step of the job's history.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct EventView {
    pub at: String,
    pub from: JobStatus,
    pub to: JobStatus,
    /// What the event says in English, and in Chinese (`note_zh`): names, not ids.
    pub note: Option<String>,
    pub note_zh: Option<String>,
}

/// Everything the job screen shows.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct JobView {
    pub row: JobRow,
    pub sla: Sla,
    pub customer_language: Language,
    pub contacts: Vec<ContactView>,
    pub directions: Option<String>,
    pub equipment: Option<EquipmentView>,
    pub report: ReportView,
    pub quote: QuoteView,
    pub events: Vec<EventView>,
    /// Earlier jobs on this equipment (客户档案), newest first.
    pub history: Vec<JobRow>,
    /// Statuses the engineer may move the job to now.
    pub next: Vec<JobStatus>,
    /// The report sections of this job type, in form order.
    pub sections: Vec<FormSection>,
    pub unresolved_reason: Option<String>,
    pub promised_on: Option<String>,
    /// Parts asked of HQ for this job (补件申请), oldest first.
    pub parts_requests: Vec<PartsRequestView>,
    /// The engineer left before the customer signed, and why.
    pub left_unsigned: Option<LeftUnsigned>,
    /// The customer's complaints about this job (投诉), as HQ handles them.
    pub complaints: Vec<ComplaintView>,
}

impl JobView {
    /// The job screen at `now`.
    pub fn of(d: &JobDetail, now: OffsetDateTime) -> JobView {
        let job = &d.job;
        let summary = JobSummary {
            id: job.id,
            number: job.number.clone(),
            job_type: job.job_type,
            status: job.status,
            severity: job.severity,
            customer: d.customer.name.clone(),
            site: d.site.name.clone(),
            address: d.site.address.clone(),
            equipment: d.equipment.as_ref().map(|e| format!("{} {}", e.brand, e.model)),
            reported_fault: job.reported_fault.clone(),
            scheduled_on: job.scheduled_on,
            window_from: job.window.map(|w| w.from),
            window_until: job.window.map(|w| w.until),
            arrived_at: job.times.arrived_at,
        };
        let (warranty, warranty_date) = match d.warranty {
            WarrantyState::InWarranty { until } => ("in_warranty", Some(until.to_string())),
            WarrantyState::Expired { ended } => ("expired", Some(ended.to_string())),
            WarrantyState::Unknown => ("unknown", None),
        };
        JobView {
            row: JobRow::of(&summary, now),
            sla: Sla::of(job, &d.sla_policy, now),
            customer_language: d.customer.language,
            contacts: d
                .customer
                .contacts
                .iter()
                .map(|c| ContactView { name: c.name.clone(), phone: c.phone.clone(), role: c.role.clone() })
                .collect(),
            directions: d.site.directions.clone(),
            equipment: d.equipment.as_ref().map(|e| EquipmentView {
                brand: e.brand.clone(),
                model: e.model.clone(),
                serial: e.serial.clone(),
                software_version: e.software_version.clone(),
                warranty: warranty.into(),
                warranty_date,
            }),
            report: ReportView::of(d),
            quote: QuoteView::of(d),
            events: d
                .events
                .iter()
                .map(|e| EventView {
                    at: rfc3339(e.at),
                    from: e.from,
                    to: e.to,
                    note: e.note_in(outpost_domain::customer::Language::En),
                    note_zh: e.note_in(outpost_domain::customer::Language::ZhCn),
                })
                .collect(),
            history: d.history.iter().map(|s| JobRow::of(s, now)).collect(),
            next: job.status.moves().iter().filter(|(_, who)| *who == Mover::Engineer).map(|(to, _)| *to).collect(),
            sections: job.job_type.sections().to_vec(),
            left_unsigned: job.left_unsigned.clone(),
            unresolved_reason: job.unresolved.as_ref().map(|u| u.reason.clone()),
            promised_on: job.unresolved.as_ref().map(|u| u.promised_on.to_string()),
            parts_requests: d.parts_requests.iter().map(|r| PartsRequestView::of(r, now)).collect(),
            complaints: d.complaints.iter().map(ComplaintView::of).collect(),
        }
    }
}
