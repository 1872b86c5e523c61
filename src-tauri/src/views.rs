//! What the screens show, shaped for the UI: ids and enums as strings, times as RFC 3339 (the UI
//! formats them in the laptop's zone), money already formatted. TypeScript bindings are
//! generated from these types into `ui/src/bindings/` (`cargo test -p outpost-app` writes them).

use outpost_domain::customer::Language;
use outpost_domain::equipment::WarrantyState;
use outpost_domain::job::{Job, Mover};
use outpost_domain::kpi::{SlaBadge, SlaPolicy, arrival_badge};
use outpost_domain::part::Part;
use outpost_domain::parts_request::{PartsRequest, RequestState};
use outpost_domain::rating::{Dimension, Satisfaction};
use outpost_domain::report::{ReportField, ServiceReport};
use outpost_store::detail::JobDetail;
use outpost_store::jobs::JobSummary;
use outpost_store::outbox::Mutation;
use outpost_store::parts::VanLevel;
use serde::Serialize;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;
use ts_rs::TS;

fn rfc3339(t: OffsetDateTime) -> String {
    t.format(&Rfc3339).unwrap_or_default()
}

/// The serde name of a unit enum value (`on_site`, `misuse`, …).
fn snake<T: Serialize>(value: &T) -> String {
    serde_json::to_value(value).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
}

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
    fn from_badge(badge: SlaBadge) -> Sla {
        let (kind, minutes) = match badge {
            SlaBadge::ArriveDueIn(m) => ("arrive_due", m),
            SlaBadge::ArriveOverdue(m) => ("arrive_overdue", m),
            SlaBadge::FixDueIn(m) => ("fix_due", m),
            SlaBadge::FixOverdue(m) => ("fix_overdue", m),
            SlaBadge::None => ("none", 0),
        };
        Sla { kind: kind.into(), minutes }
    }

    fn of(job: &Job, now: OffsetDateTime) -> Sla {
        Sla::from_badge(SlaPolicy::default().badge(job, now))
    }

    fn of_summary(s: &JobSummary, now: OffsetDateTime) -> Sla {
        Sla::from_badge(arrival_badge(s.status, s.window_until, now))
    }
}

/// One line of the job list.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct JobRow {
    pub id: String,
    pub number: String,
    pub job_type: String,
    pub status: String,
    pub severity: String,
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
            job_type: s.job_type.as_str().into(),
            status: s.status.as_str().into(),
            severity: snake(&s.severity),
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

/// A priced part line with the warranty decision explained.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct PartLineView {
    pub id: String,
    pub code: String,
    pub name: String,
    pub quantity: u32,
    /// `quality` or `misuse`.
    pub origin: String,
    pub unit_charge: String,
    pub total: String,
    pub free: bool,
    pub explain_en: String,
    pub explain_zh: String,
}

/// The quote: lines, labour, fee, total, and whether the customer has accepted it.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct QuoteView {
    pub lines: Vec<PartLineView>,
    pub labour: String,
    pub service_fee: String,
    pub parts_total: String,
    pub total: String,
    pub needs_acceptance: bool,
    /// Who accepted the current total, when they did.
    pub accepted_by: Option<String>,
}

/// One inspection checklist item.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct CheckView {
    pub key: String,
    /// `ok`, `issue` or none yet.
    pub state: Option<String>,
    pub note: Option<String>,
}

/// The satisfaction survey as answered so far.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct SatisfactionView {
    pub declined: bool,
    /// Ratings 1-5 by dimension (`timeliness`, `attitude`, `quality`, `overall`).
    pub ratings: Vec<(String, u8)>,
    pub comment: Option<String>,
}

/// The signature on a signed report.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct SignatureView {
    pub signer_name: String,
    pub signed_at: String,
    pub short_hash: String,
}

/// The service report: every settable field as text, what the job type requires, what is
/// still missing before signing.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ReportView {
    pub revision: u32,
    /// Field name → value as typed (empty when not set).
    pub fields: Vec<(String, String)>,
    pub checklist: Vec<CheckView>,
    pub required: Vec<String>,
    pub missing: Vec<String>,
    pub satisfaction: SatisfactionView,
    pub signature: Option<SignatureView>,
}

/// A step of the job's history.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct EventView {
    pub at: String,
    pub from: String,
    pub to: String,
    pub note: Option<String>,
}

/// Everything the job screen shows.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct JobView {
    pub row: JobRow,
    pub sla: Sla,
    pub customer_language: String,
    pub contacts: Vec<ContactView>,
    pub directions: Option<String>,
    pub equipment: Option<EquipmentView>,
    pub report: ReportView,
    pub quote: QuoteView,
    pub events: Vec<EventView>,
    /// Earlier jobs on this equipment (客户档案), newest first.
    pub history: Vec<JobRow>,
    /// Statuses the engineer may move the job to now.
    pub next: Vec<String>,
    /// The report sections of this job type, in form order.
    pub sections: Vec<String>,
    pub unresolved_reason: Option<String>,
    pub promised_on: Option<String>,
    /// Parts asked of HQ for this job (补件申请), oldest first.
    pub parts_requests: Vec<PartsRequestView>,
}

/// A parts request and HQ's answer so far.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct PartsRequestView {
    pub id: String,
    pub code: String,
    pub name: String,
    pub quantity: u32,
    /// `quality` or `misuse`.
    pub origin: String,
    pub note: Option<String>,
    pub requested_at: String,
    /// `requested`, `promised`, `delivered` or `declined`.
    pub state: String,
    /// The date HQ promised (`promised`), else the latest the rules allow.
    pub deliver_by: String,
    pub delivered_at: Option<String>,
    pub declined_reason: Option<String>,
    pub overdue: bool,
}

impl PartsRequestView {
    fn of(r: &PartsRequest, now: OffsetDateTime) -> PartsRequestView {
        let (deliver_by, delivered_at, declined_reason) = match &r.state {
            RequestState::Promised { deliver_by } => (*deliver_by, None, None),
            RequestState::Delivered { at } => (r.due_by(), Some(rfc3339(*at)), None),
            RequestState::Declined { reason } => (r.due_by(), None, Some(reason.clone())),
            RequestState::Requested => (r.due_by(), None, None),
        };
        PartsRequestView {
            id: r.id.to_string(),
            code: r.part_code.clone(),
            name: r.part_name.clone(),
            quantity: r.quantity,
            origin: snake(&r.origin),
            note: r.note.clone(),
            requested_at: rfc3339(r.requested_at),
            state: r.state.as_str().into(),
            deliver_by: deliver_by.to_string(),
            delivered_at,
            declined_reason,
            overdue: r.is_overdue(now),
        }
    }
}

impl ReportView {
    fn of(d: &JobDetail) -> ReportView {
        let r = &d.report;
        let fields = ReportField::SETTABLE
            .iter()
            .chain(&[ReportField::CustomerOpinion])
            .map(|f| (f.as_str().to_owned(), r.field_text(*f)))
            .collect();
        let blank = ServiceReport::new(d.job.id, d.job.job_type, "");
        let satisfaction = match &r.satisfaction {
            Some(Satisfaction::Declined { .. }) => {
                SatisfactionView { declined: true, ratings: Vec::new(), comment: None }
            }
            Some(Satisfaction::Rated { ratings, comment }) => SatisfactionView {
                declined: false,
                ratings: Dimension::ALL
                    .iter()
                    .filter_map(|dim| ratings.get(*dim).map(|v| (dim.as_str().to_owned(), v.value())))
                    .collect(),
                comment: comment.clone(),
            },
            None => SatisfactionView { declined: false, ratings: Vec::new(), comment: None },
        };
        ReportView {
            revision: r.revision,
            fields,
            checklist: r
                .checklist
                .iter()
                .map(|c| CheckView { key: c.key.clone(), state: c.state.as_ref().map(snake), note: c.note.clone() })
                .collect(),
            required: blank.missing(&[]).iter().map(|f| f.as_str().to_owned()).collect(),
            missing: d.missing.iter().map(|f| f.as_str().to_owned()).collect(),
            satisfaction,
            signature: r.signature.as_ref().map(|s| SignatureView {
                signer_name: s.signer_name.clone(),
                signed_at: rfc3339(s.signed_at),
                short_hash: s.short_hash(),
            }),
        }
    }
}

impl QuoteView {
    fn of(d: &JobDetail) -> QuoteView {
        let q = &d.quote;
        let origin = |id| d.parts.iter().find(|p| p.id == id).map(|p| snake(&p.origin)).unwrap_or_default();
        QuoteView {
            lines: q
                .lines
                .iter()
                .map(|l| PartLineView {
                    id: l.part_line_id.to_string(),
                    code: l.part_code.clone(),
                    name: l.part_name.clone(),
                    quantity: l.quantity,
                    origin: origin(l.part_line_id),
                    unit_charge: l.unit_charge.to_string(),
                    total: l.total.to_string(),
                    free: l.total.is_zero(),
                    explain_en: l.explain_en().to_owned(),
                    explain_zh: l.explain_zh().to_owned(),
                })
                .collect(),
            labour: q.labour.to_string(),
            service_fee: q.service_fee.to_string(),
            parts_total: q.parts_total.to_string(),
            total: q.total.to_string(),
            needs_acceptance: q.needs_acceptance(),
            accepted_by: d
                .report
                .quote_acceptance
                .as_ref()
                .filter(|a| a.total == q.total)
                .map(|a| a.accepted_by.clone()),
        }
    }
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
            sla: Sla::of(job, now),
            customer_language: d.customer.language.as_str().into(),
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
                    from: e.from.as_str().into(),
                    to: e.to.as_str().into(),
                    note: e.note.clone(),
                })
                .collect(),
            history: d.history.iter().map(|s| JobRow::of(s, now)).collect(),
            next: job
                .status
                .moves()
                .iter()
                .filter(|(_, who)| *who == Mover::Engineer)
                .map(|(to, _)| to.as_str().to_owned())
                .collect(),
            sections: job.job_type.sections().iter().map(snake).collect(),
            unresolved_reason: job.unresolved.as_ref().map(|u| u.reason.clone()),
            promised_on: job.unresolved.as_ref().map(|u| u.promised_on.to_string()),
            parts_requests: d.parts_requests.iter().map(|r| PartsRequestView::of(r, now)).collect(),
        }
    }
}

/// A catalogue part found by code or name.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct PartView {
    pub code: String,
    pub name: String,
    pub spec: Option<String>,
    pub unit_price: String,
    /// How many the van holds now, when it carries the part (below zero: recount the van).
    #[ts(type = "number | null")]
    pub in_van: Option<i64>,
    /// `moving`, `still_for_a_month` or `still_for_three_months` (with `in_van`).
    pub van_staleness: Option<String>,
}

impl PartView {
    /// A catalogue part with the van's level of it.
    pub fn of(p: Part, van: Option<VanLevel>) -> PartView {
        let staleness =
            van.and_then(|v| serde_json::to_value(v.staleness).ok()).and_then(|v| v.as_str().map(str::to_owned));
        PartView {
            code: p.code,
            name: p.name,
            spec: p.spec,
            unit_price: p.unit_price.to_string(),
            in_van: van.map(|v| v.on_hand),
            van_staleness: staleness,
        }
    }
}

/// The laptop: enrollment, engineer, data folder, language, company.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct SettingsView {
    pub enrolled: bool,
    pub engineer: Option<String>,
    pub hq_url: Option<String>,
    pub data_dir: String,
    /// `zh-CN` or `en`; none until chosen (the UI then follows the system).
    pub language: Option<String>,
    pub company: String,
}

/// The sync state the status bar always shows.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct SyncView {
    /// `not_enrolled`, `syncing`, `online`, `offline` or `error`.
    pub state: String,
    #[ts(type = "number")]
    pub pending: u64,
    #[ts(type = "number")]
    pub refused: u64,
    /// Files missing or damaged on this laptop: each says which job needs what again.
    pub set_aside: Vec<SetAsideView>,
    /// How far this laptop's clock was ahead of HQ's at the last sync (negative: behind).
    #[ts(type = "number | null")]
    pub clock_offset_secs: Option<i64>,
    /// HQ is newer than this app: the engineer should update it.
    pub hq_newer: bool,
    pub last_success: Option<String>,
    pub last_error: Option<Words>,
    #[ts(type = "number | null")]
    pub next_attempt_in: Option<u64>,
    /// While syncing: how far the cycle has got.
    pub progress: Option<SyncProgressView>,
}

/// A file this laptop could not send (missing, or no longer matching its hash), set aside.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct SetAsideView {
    pub job_number: Option<String>,
    #[ts(type = "\"signature\" | \"trainee_signature\" | \"file\"")]
    pub usage: String,
    #[ts(type = "\"missing\" | \"damaged\"")]
    pub problem: String,
}

impl SetAsideView {
    fn of(f: &outpost_store::blobs::SetAsideFile) -> SetAsideView {
        SetAsideView {
            job_number: f.job_number.clone(),
            usage: f.usage.as_str().to_owned(),
            problem: f.problem.as_str().to_owned(),
        }
    }
}

/// Changes sent of those waiting when the cycle began, files sent, changes received.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct SyncProgressView {
    #[ts(type = "number")]
    pub sent: u64,
    #[ts(type = "number")]
    pub to_send: u64,
    #[ts(type = "number")]
    pub files_sent: u64,
    #[ts(type = "number")]
    pub received: u64,
}

impl SyncView {
    /// From the loop's status.
    pub fn of(s: &outpost_sync::watch::SyncStatus) -> SyncView {
        let state = serde_json::to_value(&s.state)
            .ok()
            .and_then(|v| v.get("state").and_then(|s| s.as_str()).map(str::to_owned))
            .unwrap_or_else(|| "error".into());
        SyncView {
            state,
            pending: s.pending,
            refused: s.refused,
            set_aside: s.set_aside.iter().map(SetAsideView::of).collect(),
            clock_offset_secs: s.clock_offset_secs,
            hq_newer: s.hq_newer,
            last_success: s.last_success.clone(),
            last_error: s.last_error.as_ref().map(|e| Words { en: e.en.clone(), zh_cn: e.zh.clone() }),
            next_attempt_in: s.next_attempt_in,
            progress: s.progress.map(|p| SyncProgressView {
                sent: p.sent,
                to_send: p.to_send,
                files_sent: p.files_sent,
                received: p.received,
            }),
        }
    }
}

/// Words in both languages: the UI shows its own.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Words {
    pub en: String,
    #[serde(rename = "zh-CN")]
    #[ts(rename = "zh-CN")]
    pub zh_cn: String,
}

/// A change HQ refused for good, or a conflict HQ resolved its way, with the reason.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct RefusedView {
    pub kind: String,
    pub job_id: String,
    pub at: String,
    pub reason: Words,
}

impl RefusedView {
    /// From an outbox entry HQ answered with a refusal.
    pub fn of(m: &Mutation) -> RefusedView {
        RefusedView {
            kind: m.change.kind().to_owned(),
            job_id: m.change.job_id().to_string(),
            at: rfc3339(m.created_at),
            reason: Words {
                en: m.reason(Language::En).unwrap_or_default(),
                zh_cn: m.reason(Language::ZhCn).unwrap_or_default(),
            },
        }
    }
}

/// A receipt written to disk.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ReceiptFile {
    pub path: String,
    #[ts(type = "number")]
    pub bytes: u64,
    pub draft: bool,
}
