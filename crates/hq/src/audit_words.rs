//! An audit entry as a person reads it, in their language: what was done, to which field, and
//! the value it got. Field and status names are the domain's own words; what people typed stays
//! as typed.

use outpost_domain::customer::Language;
use outpost_domain::job::JobStatus;
use outpost_domain::rating::Dimension;
use outpost_domain::report::ReportField;

use crate::audit::{Entry, Outcome};

/// What each kind of entry did: [English, Chinese].
const KINDS: &[(&str, [&str; 2])] = &[
    ("job_created", ["Job created", "新建工单"]),
    ("job_assigned", ["Assigned", "派工"]),
    ("job_reassigned", ["Reassigned", "改派"]),
    ("job_rescheduled", ["Rescheduled", "改约"]),
    ("job_cancelled", ["Cancelled", "取消工单"]),
    ("job_closed", ["Closed", "关闭工单"]),
    ("job_transitioned", ["Status", "状态变更"]),
    ("report_field_set", ["Report", "填写服务报告"]),
    ("checklist_item_set", ["Checklist", "填写巡检项目"]),
    ("rating_set", ["Rating", "评分"]),
    ("survey_comment_set", ["Survey comment", "评价意见"]),
    ("satisfaction_set", ["Survey", "满意度评价"]),
    ("part_line_added", ["Part added", "添加配件"]),
    ("part_line_removed", ["Part removed", "移除配件"]),
    ("quote_accepted", ["Quote accepted", "客户确认报价"]),
    ("report_signed", ["Signed", "客户签字"]),
    ("report_reopened", ["Report reopened", "报告退回更正"]),
    ("contact_edited", ["Contact changed", "修改联系人"]),
    ("parts_requested", ["Parts requested", "申请补件"]),
    ("conflict_settled", ["Conflict settled", "处理冲突"]),
];

fn pick(words: [&'static str; 2], language: Language) -> &'static str {
    match language {
        Language::En => words[0],
        Language::ZhCn => words[1],
    }
}

/// The entry in `language`: `评分：总体满意度 → 5`, `状态变更：在现场`.
pub fn said(entry: &Entry, language: Language) -> String {
    let kind = KINDS.iter().find(|(k, _)| *k == entry.kind).map_or(entry.kind.as_str(), |(_, w)| pick(*w, language));
    // HQ's own moves are worded in the job's events; here the English note reads only in English.
    if entry.kind.starts_with("job_") && entry.kind != "job_transitioned" {
        // The note says it whole ("cancelled: 客户取消"); in Chinese the kind, the moves say the rest.
        return match (&entry.new, language) {
            (Some(note), Language::En) => note.clone(),
            _ => kind.to_owned(),
        };
    }
    let field = entry.field.as_deref().and_then(|f| field_label(f, language));
    let value = match (entry.field.as_deref(), entry.new.as_deref()) {
        (Some("status"), Some(s)) => JobStatus::parse(s).map_or(s.to_owned(), |s| s.label(language).to_owned()),
        (Some(f), Some(v)) => value_said(f, v, language),
        (None, Some(v)) => v.to_owned(),
        (_, None) => String::new(),
    };
    let colon = if language == Language::ZhCn { "：" } else { ": " };
    match (field, value.is_empty()) {
        (Some(_), false) if entry.field.as_deref() == Some("status") => format!("{kind}{colon}{value}"),
        (Some(f), false) => format!("{kind}{colon}{f} → {value}"),
        (Some(f), true) => format!("{kind}{colon}{f}"),
        (None, false) => format!("{kind}{colon}{value}"),
        (None, true) => kind.to_owned(),
    }
}

/// A field as the entry names it (`fault_cause`, `rating.overall`, `status`) in `language`;
/// none for a field the kind already says (`signature` of a signing).
pub fn field_label(name: &str, language: Language) -> Option<String> {
    if let Some(item) = name.strip_prefix("checklist.") {
        return Some(outpost_domain::report::registry::checklist_item_label(item, language).to_owned());
    }
    if name == "survey_comment" {
        return Some(outpost_domain::field::Field::SatisfactionComment.label(language).to_owned());
    }
    if let Some(d) = name.strip_prefix("rating.").and_then(|d| Dimension::parse(d).ok()) {
        return Some(match language {
            Language::ZhCn => d.label_zh().to_owned(),
            Language::En => d.as_str().to_owned(),
        });
    }
    if name == "status" {
        return Some(outpost_domain::field::Field::Status.label(language).to_owned());
    }
    ReportField::parse(name).ok().map(|f| f.label(language).to_owned())
}

/// A value of the field `name` names (as [`field_label`] takes it) in `language`: a choice's
/// label, a checklist answer's (`有问题 漏油`), what people typed as typed.
pub fn value_said(name: &str, value: &str, language: Language) -> String {
    if name.starts_with("checklist.") {
        let (state, note) = value.split_once(' ').unwrap_or((value, ""));
        let state = match state {
            "ok" => outpost_domain::report::CheckState::Ok.label(language),
            "issue" => outpost_domain::report::CheckState::Issue.label(language),
            _ => return value.to_owned(),
        };
        return if note.is_empty() { state.to_owned() } else { format!("{state} {note}") };
    }
    ReportField::parse(name)
        .ok()
        .and_then(|f| f.value_label(value, language))
        .map_or_else(|| value.to_owned(), str::to_owned)
}

/// An outcome in `language`; none for an applied change.
pub fn outcome(outcome: Outcome, language: Language) -> Option<&'static str> {
    match outcome {
        Outcome::Applied => None,
        Outcome::Conflict => Some(pick(["conflict: HQ kept its value", "冲突：以总部数据为准"], language)),
        Outcome::Rejected => Some(pick(["refused", "已拒绝"], language)),
    }
}

#[cfg(test)]
mod tests {
    use time::macros::datetime;

    use super::*;

    fn entry(kind: &str, field: Option<&str>, new: Option<&str>) -> Entry {
        Entry {
            at: datetime!(2026-12-03 02:00 UTC),
            actor: "engineer:x".into(),
            client_id: None,
            mutation_id: None,
            job_id: None,
            kind: kind.into(),
            field: field.map(str::to_owned),
            old: None,
            new: new.map(str::to_owned),
            outcome: Outcome::Applied,
            reason: None,
        }
    }

    #[test]
    fn an_entry_reads_in_the_reader_s_words() {
        let zh = Language::ZhCn;
        assert_eq!(said(&entry("rating_set", Some("rating.overall"), Some("5")), zh), "评分：总体满意度 → 5");
        assert_eq!(said(&entry("job_transitioned", Some("status"), Some("on_site")), zh), "状态变更：在现场");
        assert_eq!(
            said(&entry("report_field_set", Some("fault_cause"), Some("油封老化")), zh),
            "填写服务报告：故障原因 → 油封老化"
        );
        assert_eq!(said(&entry("job_created", None, Some("created as J2612-000001")), zh), "新建工单");
        assert_eq!(
            said(&entry("job_created", None, Some("created as J2612-000001")), Language::En),
            "created as J2612-000001"
        );
        assert_eq!(said(&entry("something_new", None, None), zh), "something_new");
        assert_eq!(
            said(&entry("report_field_set", Some("result"), Some("resolved")), zh),
            "填写服务报告：处理结果 → 已解决"
        );
        assert_eq!(
            said(&entry("report_field_set", Some("parts_replaced"), Some("none")), zh),
            "填写服务报告：更换零件 → 无"
        );
        assert_eq!(
            said(&entry("report_signed", Some("signature"), Some("DD7D-05AF-F95C")), zh),
            "客户签字：DD7D-05AF-F95C"
        );
    }
}
