//! What a receipt shows, assembled from the domain's records. Pure: times are printed in the
//! offset the caller gives, nothing is read from a clock or a file.

use outpost_domain::company::CompanyProfile;
use outpost_domain::customer::{Customer, Language, Site};
use outpost_domain::equipment::{Equipment, WarrantyState};
use outpost_domain::job::{Job, JobType};
use outpost_domain::money::Money;
use outpost_domain::rating::{Dimension, Satisfaction};
use outpost_domain::report::ServiceReport;
use outpost_domain::warranty::{AcceptanceMethod, Quote};
use time::macros::format_description;
use time::{OffsetDateTime, UtcOffset};

use crate::labels::{self, labels};
use crate::sections;

/// One line of the parts table, already priced and explained.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartRow {
    pub code: String,
    pub name: String,
    pub quantity: u32,
    pub unit_charge: String,
    pub decision: String,
    pub total: String,
}

/// The customer's signature as printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignatureBlock {
    pub png: Vec<u8>,
    pub signer: String,
    pub signed_at: String,
}

/// Everything a receipt shows, in the order it shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Receipt {
    pub language: Language,
    pub company: CompanyProfile,
    pub number: String,
    /// Label and value pairs of the visit: customer, site, equipment, engineer, times.
    pub visit: Vec<(String, String)>,
    /// Label and value pairs of the report (only the filled ones).
    pub report: Vec<(String, String)>,
    pub parts: Vec<PartRow>,
    /// Label and amount: labour, service fee, total.
    pub totals: Vec<(String, String)>,
    /// Dimension and rating, or one unlabelled line saying the customer declined.
    pub ratings: Vec<(String, String)>,
    pub opinion: Option<String>,
    pub signature: Option<SignatureBlock>,
    /// The report's short hash, when signed.
    pub short_hash: Option<String>,
    /// What the QR code carries: the job number and the report's full SHA-256.
    pub verification: Option<String>,
}

/// What a receipt is made from.
#[derive(Debug, Clone, Copy)]
pub struct ReceiptInput<'a> {
    pub company: &'a CompanyProfile,
    pub job: &'a Job,
    pub customer: &'a Customer,
    pub site: &'a Site,
    pub equipment: Option<&'a Equipment>,
    pub warranty: WarrantyState,
    pub report: &'a ServiceReport,
    pub quote: &'a Quote,
    pub engineer: &'a str,
    /// The PNG of the signature, when the report is signed.
    pub signature_png: Option<&'a [u8]>,
    /// Times are printed in this offset (the laptop's time zone).
    pub offset: UtcOffset,
}

/// When the visit happened: arrival, departure and the time on site, or for a callback (often
/// by phone) only when it was made.
fn visit_times(job: &Job, offset: UtcOffset, language: Language) -> Vec<(String, String)> {
    let (l, t) = (labels(language), job.times);
    if job.job_type == JobType::Callback {
        return t
            .finished_at
            .or(t.arrived_at)
            .map(|at| (l.callback_at.to_owned(), when(at, offset)))
            .into_iter()
            .collect();
    }
    let mut lines = Vec::new();
    if let Some(at) = t.arrived_at {
        lines.push((l.arrived.to_owned(), when(at, offset)));
    }
    if let Some(at) = t.departed_at {
        lines.push((l.departed.to_owned(), when(at, offset)));
    }
    if let (Some(a), Some(end)) = (t.arrived_at, t.departed_at.or(t.finished_at))
        && let Some(text) = sections::duration((end - a).whole_minutes().max(0), language)
    {
        lines.push((l.duration.to_owned(), text));
    }
    lines
}

fn when(t: OffsetDateTime, offset: UtcOffset) -> String {
    t.to_offset(offset).format(format_description!("[year]-[month]-[day] [hour]:[minute]")).unwrap_or_default()
}

impl Receipt {
    /// Assembles the receipt in `language` (the customer's, usually).
    pub fn build(input: &ReceiptInput<'_>, language: Language) -> Receipt {
        let l = labels(language);
        let zh = language == Language::ZhCn;
        let (job, report) = (input.job, input.report);
        let mut visit = vec![
            (l.customer.to_owned(), input.customer.name.clone()),
            (l.site.to_owned(), format!("{} · {}", input.site.name, input.site.address)),
        ];
        if let Some(e) = input.equipment {
            visit.push((l.equipment.to_owned(), format!("{} {}", e.brand, e.model)));
            visit.push((l.serial.to_owned(), e.serial.clone()));
            let warranty = match (input.warranty, zh) {
                (WarrantyState::InWarranty { until }, true) => format!("保修期内（至 {until}）"),
                (WarrantyState::InWarranty { until }, false) => format!("In warranty until {until}"),
                (WarrantyState::Expired { ended }, true) => format!("已过保修期（{ended} 到期）"),
                (WarrantyState::Expired { ended }, false) => format!("Out of warranty since {ended}"),
                (WarrantyState::Unknown, true) => "无保修记录".to_owned(),
                (WarrantyState::Unknown, false) => "No warranty on record".to_owned(),
            };
            visit.push((l.warranty.to_owned(), warranty));
        }
        visit.push((l.engineer.to_owned(), input.engineer.to_owned()));
        visit.push((l.job_type.to_owned(), labels::job_type(language, job.job_type).to_owned()));
        visit.extend(visit_times(job, input.offset, language));

        let money = |m: Money| m.words(language);
        let parts = input
            .quote
            .lines
            .iter()
            .map(|p| PartRow {
                code: p.part_code.clone(),
                name: p.part_name.clone(),
                quantity: p.quantity,
                unit_charge: money(p.unit_charge),
                decision: (if zh { p.explain_zh() } else { p.explain_en() }).to_owned(),
                total: money(p.total),
            })
            .collect();
        let q = input.quote;
        let mut totals = vec![
            (l.labour.to_owned(), money(q.labour)),
            (l.service_fee.to_owned(), money(q.service_fee)),
            (l.total.to_owned(), money(q.total)),
        ];
        if let Some(a) = &report.quote_acceptance {
            let how = match a.method {
                AcceptanceMethod::Signature => l.accepted_by_signature,
                AcceptanceMethod::Confirmation => l.accepted_by_confirmation,
            };
            let what = format!("{} · {how} · {} · {}", a.accepted_by, when(a.at, input.offset), money(a.total));
            totals.push((l.quote_accepted.to_owned(), what));
        }

        let ratings = match &report.satisfaction {
            Some(Satisfaction::Declined { .. }) => vec![(String::new(), l.declined.to_owned())],
            Some(Satisfaction::Rated { ratings, .. }) => Dimension::ALL
                .iter()
                .map(|d| {
                    let value = ratings.get(*d).map_or(l.not_rated.to_owned(), |r| format!("{} / 5", r.value()));
                    (labels::dimension(language, *d).to_owned(), value)
                })
                .collect(),
            None => vec![(String::new(), l.not_rated.to_owned())],
        };
        let mut ratings = ratings;
        if let Some(Satisfaction::Rated { comment: Some(c), .. }) = &report.satisfaction
            && !c.trim().is_empty()
        {
            ratings.push((l.survey_comment.to_owned(), c.clone()));
        }

        let signature = match (&report.signature, input.signature_png) {
            (Some(s), Some(png)) => Some(SignatureBlock {
                png: png.to_vec(),
                signer: s.signer_name.clone(),
                signed_at: when(s.signed_at, input.offset),
            }),
            _ => None,
        };
        Receipt {
            language,
            company: input.company.clone(),
            number: format!("{}-R{}", job.number, report.revision),
            visit,
            report: sections::report_lines(job, report, language),
            parts,
            totals,
            ratings,
            opinion: report.customer_opinion.clone(),
            short_hash: report.signature.as_ref().map(|s| s.short_hash()),
            verification: report
                .signature
                .as_ref()
                .map(|s| format!("OUTPOST-VERIFY:{}:{}", job.number, s.content_sha256)),
            signature,
        }
    }

    /// A receipt without the customer's signature is a draft and says so.
    pub fn is_draft(&self) -> bool {
        self.signature.is_none()
    }
}
