//! The monthly inspection report of a system (月度巡检报告), as PDF: the equipment and its
//! maintenance period, the month's planned visits and where each stands, then each inspection
//! of the month as its receipt words it — the checklist item by item, what was found, the
//! customer's opinion and signature, and the report's check code.

use outpost_domain::customer::Language;
use outpost_domain::ids::EquipmentId;
use outpost_domain::job::JobType;
use outpost_domain::plan::Standing;
use outpost_receipt::labels::labels;
use outpost_receipt::{Section, Sheet, Table, render_sheet};
use time::{Date, UtcOffset};

use crate::db::Tx;
use crate::error::{AppError, Result};
use crate::{dispatch, plans, receipts, records};

struct Words {
    title: &'static str,
    month: &'static str,
    period: &'static str,
    no_period: &'static str,
    planned: &'static str,
    none_planned: &'static str,
    due: &'static str,
    job: &'static str,
    status: &'static str,
    standing: &'static str,
    none_done: &'static str,
    signed_by: &'static str,
    unsigned: &'static str,
}

const ZH: Words = Words {
    title: "月度巡检报告",
    month: "月份",
    period: "维护期至",
    no_period: "无保修记录",
    planned: "本月计划巡检",
    none_planned: "本月没有计划巡检。",
    due: "计划日期",
    job: "工单",
    status: "状态",
    standing: "完成情况",
    none_done: "本月没有巡检记录。",
    signed_by: "客户签字",
    unsigned: "客户尚未签字",
};

const EN: Words = Words {
    title: "Monthly inspection report",
    month: "Month",
    period: "Maintenance period until",
    no_period: "No warranty on record",
    planned: "Inspections planned this month",
    none_planned: "No inspection was planned this month.",
    due: "Due",
    job: "Job",
    status: "Status",
    standing: "Standing",
    none_done: "No inspection was recorded this month.",
    signed_by: "Customer's signature",
    unsigned: "Not signed by the customer yet",
};

fn standing_label(s: Standing, language: Language) -> &'static str {
    let (en, zh) = match s {
        Standing::Pending => ("To do", "待完成"),
        Standing::Done => ("Done", "已完成"),
        Standing::Late => ("Done late", "逾期完成"),
        Standing::Missed => ("Missed", "漏检"),
    };
    if language == Language::En { en } else { zh }
}

/// The report of `equipment` for `month` (`YYYY-MM`) in `language`, times in `offset`.
pub fn pdf(
    tx: &mut dyn Tx,
    equipment: EquipmentId,
    month: &str,
    language: Language,
    today: Date,
    offset: UtcOffset,
) -> Result<Vec<u8>> {
    let (w, l) = (if language == Language::En { &EN } else { &ZH }, labels(language));
    let e = records::equipment(tx, equipment)?;
    let customer = records::customer(tx, e.customer_id)?;
    let site = records::site(tx, e.site_id)?;
    let company = dispatch::company(tx)?;
    let fields = vec![
        (l.customer.to_owned(), customer.name.clone()),
        (l.site.to_owned(), format!("{} · {}", site.name, site.address)),
        (l.equipment.to_owned(), format!("{} {}", e.brand, e.model)),
        (l.serial.to_owned(), e.serial.clone()),
        (w.period.to_owned(), e.warranty_end.map_or(w.no_period.to_owned(), |d| d.to_string())),
        (w.month.to_owned(), month.to_owned()),
    ];
    let visits = plans::of_equipment(tx, equipment, month, today, offset)?;
    let visits: Vec<_> = visits.into_iter().filter(|v| JobType::from(v.job_type) == JobType::Inspection).collect();
    let mut planned = Section { heading: w.planned.to_owned(), ..Section::default() };
    if visits.is_empty() {
        planned.lines.push(w.none_planned.to_owned());
    } else {
        planned.table = Some(Table {
            columns: [(w.due, 0.18), (w.job, 0.2), (l.engineer, 0.22), (w.status, 0.2), (w.standing, 0.2)]
                .map(|(h, s)| (h.to_owned(), s))
                .to_vec(),
            rows: visits
                .iter()
                .map(|v| {
                    let status = outpost_domain::job::JobStatus::from(v.status);
                    vec![
                        v.due_on.to_string(),
                        v.job_number.clone(),
                        v.engineer.clone().unwrap_or_else(|| "—".to_owned()),
                        status.label(language).to_owned(),
                        standing_label(v.standing.into(), language).to_owned(),
                    ]
                })
                .collect(),
        });
    }
    let mut sections = vec![planned];
    let mut inspections = Vec::new();
    for row in tx.query(
        "SELECT body FROM jobs WHERE equipment_id = $1 AND scheduled_on LIKE $2 ORDER BY scheduled_on, number",
        &[equipment.to_text().into(), format!("{month}-%").into()],
    )? {
        let job: outpost_domain::job::Job = row.json(0)?;
        if job.job_type == JobType::Inspection {
            inspections.push(job.id);
        }
    }
    if inspections.is_empty() {
        sections.push(Section { heading: w.job.to_owned(), lines: vec![w.none_done.to_owned()], ..Section::default() });
    }
    for id in inspections {
        let printed = receipts::printed(tx, id, Some(language), offset)?;
        let r = printed.receipt;
        let mut fields: Vec<(String, String)> = r.visit.into_iter().skip_while(|(k, _)| k != l.engineer).collect();
        fields.extend(r.report);
        if let Some(opinion) = r.opinion {
            fields.push((outpost_domain::report::ReportField::CustomerOpinion.label(language).to_owned(), opinion));
        }
        // A signature whose image has not reached HQ yet is still named by its signer.
        let signer = records::report(tx, id)?.and_then(|report| report.signature).map(|s| s.signer_name);
        let signed = match (&r.signature, signer) {
            (Some(s), _) => format!("{} · {}", s.signer, s.signed_at),
            (None, Some(name)) => name,
            (None, None) => w.unsigned.to_owned(),
        };
        fields.push((w.signed_by.to_owned(), signed));
        if let Some(short) = r.short_hash {
            fields.push((l.verify.to_owned(), short));
        }
        sections.push(Section {
            heading: format!("{}{}{}", w.job, l.colon, printed.job.number),
            fields,
            ..Section::default()
        });
    }
    let sheet = Sheet {
        hotline: format!("{}{}{}", l.hotline, l.colon, company.hotline),
        company,
        title: format!("{} {month}", w.title),
        fields,
        sections,
    };
    render_sheet(&sheet).map_err(|e| AppError::internal(format!("inspection report: {}", e.render(Language::En))))
}
