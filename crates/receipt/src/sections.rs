//! The report as printed for each type of job: its form's sections in order, each field under the
//! registry's name, the checklist item by item, and why a visit ended unresolved and what was
//! promised.

use outpost_domain::customer::Language;
use outpost_domain::job::{Job, JobType};
use outpost_domain::report::registry::checklist_item_label;
use outpost_domain::report::{ReportField, ServiceReport};

use crate::labels::labels;

/// Label and value pairs of the report's filled fields, section by section of the job's type.
/// The parts, the survey and the customer's opinion have places of their own on the receipt.
pub fn report_lines(job: &Job, report: &ServiceReport, language: Language) -> Vec<(String, String)> {
    let l = labels(language);
    let mut lines = Vec::new();
    let mut put = |label: &str, value: Option<String>| {
        if let Some(v) = value.filter(|v| !v.trim().is_empty()) {
            lines.push((label.to_owned(), v));
        }
    };
    if job.job_type != JobType::Repair {
        put(l.requested, Some(job.reported_fault.clone()));
    }
    for section in job.job_type.sections() {
        for &field in section.fields() {
            let label = field.label(language);
            match field {
                ReportField::PartsReplaced
                | ReportField::CustomerOpinion
                | ReportField::Satisfaction
                | ReportField::TraineeSignature => {}
                ReportField::SymptomReported => {
                    put(label, report.symptom_reported.clone().or_else(|| Some(job.reported_fault.clone())))
                }
                ReportField::Checklist => {
                    put(label, Some(String::from(l.items_follow)));
                    for item in &report.checklist {
                        let answer = match (item.state, item.note.as_deref()) {
                            (None, _) => l.not_checked.to_owned(),
                            (Some(state), None | Some("")) => state.label(language).to_owned(),
                            (Some(state), Some(note)) => format!("{}{}{note}", state.label(language), l.colon),
                        };
                        put(checklist_item_label(&item.key, language), Some(answer));
                    }
                }
                ReportField::Result => put(label, report.result.map(|r| r.label(language).to_owned())),
                ReportField::Acceptance => put(label, report.acceptance.map(|a| a.label(language).to_owned())),
                ReportField::TraineeName => {
                    let signed = if report.trainee_signature.is_some() { l.trainee_signed } else { "" };
                    put(label, report.trainee_name.clone().map(|n| n + signed))
                }
                other => put(label, Some(report.field_text(other))),
            }
        }
    }
    if let Some(u) = &job.unresolved {
        put(l.unresolved_reason, Some(u.reason.clone()));
        put(l.promised_on, Some(u.promised_on.to_string()));
    }
    lines
}

/// Minutes as people say them: `35 分钟`, `1 小时 20 分钟`, `2 h`; none for zero.
pub fn duration(minutes: i64, language: Language) -> Option<String> {
    let (h, m) = (minutes / 60, minutes % 60);
    let zh = language == Language::ZhCn;
    match (h, m) {
        (0, 0) => None,
        (0, m) => Some(if zh { format!("{m} 分钟") } else { format!("{m} min") }),
        (h, 0) => Some(if zh { format!("{h} 小时") } else { format!("{h} h") }),
        (h, m) => Some(if zh { format!("{h} 小时 {m} 分钟") } else { format!("{h} h {m} min") }),
    }
}
