//! The field registry: each report field's name, how it is entered, its words in both
//! languages and its hint, and the choices of a choice field. The app's screens (through
//! generated bindings), the receipt and HQ's messages read these; nowhere else names a field.

use serde::Serialize;

use super::{Acceptance, CheckState, RepairResult, ReportField};
use crate::customer::Language;
use crate::job::FormSection;

/// Words in English and Chinese.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Words {
    pub en: &'static str,
    #[serde(rename = "zh-CN")]
    pub zh: &'static str,
}

impl Words {
    /// The words in `language`.
    pub fn get(self, language: Language) -> &'static str {
        match language {
            Language::En => self.en,
            Language::ZhCn => self.zh,
        }
    }
}

const fn w(en: &'static str, zh: &'static str) -> Words {
    Words { en, zh }
}

/// How a field is entered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldKind {
    /// Free text, a page at most.
    Text,
    /// A short name.
    Line,
    /// Whole minutes, 0 to a week.
    Minutes,
    /// A date, `YYYY-MM-DD`.
    Date,
    /// One of [`FieldSpec::choices`].
    Choice,
    /// The part lines, or "none" (无).
    PartsOrNone,
    /// A handwritten signature (its image's SHA-256).
    Signature,
    /// The inspection checklist, answered item by item.
    Checklist,
    /// The satisfaction survey, rated dimension by dimension.
    Survey,
}

/// One value of a choice field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ChoiceValue {
    pub value: &'static str,
    pub label: Words,
}

/// A report field as everyone names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct FieldSpec {
    pub name: &'static str,
    pub kind: FieldKind,
    pub label: Words,
    pub hint: Option<Words>,
    pub choices: &'static [ChoiceValue],
}

const RESULTS: &[ChoiceValue] = &[
    ChoiceValue { value: "resolved", label: w("Resolved", "已解决") },
    ChoiceValue { value: "needs_parts", label: w("Waiting for parts", "待配件") },
    ChoiceValue { value: "needs_factory_repair", label: w("Needs factory repair", "需返厂维修") },
    ChoiceValue { value: "needs_second_visit", label: w("Needs a second visit", "需再次上门") },
];

const ACCEPTANCES: &[ChoiceValue] = &[
    ChoiceValue { value: "passed", label: w("Passed", "合格") },
    ChoiceValue { value: "passed_with_remarks", label: w("Passed with remarks", "有条件合格") },
    ChoiceValue { value: "failed", label: w("Failed", "不合格") },
];

impl ReportField {
    /// Every field, in form order.
    pub const ALL: [ReportField; 20] = [
        ReportField::SymptomReported,
        ReportField::SymptomFound,
        ReportField::FaultCause,
        ReportField::Solution,
        ReportField::WorkDone,
        ReportField::PartsReplaced,
        ReportField::TestsDone,
        ReportField::Result,
        ReportField::FollowUp,
        ReportField::FollowUpOn,
        ReportField::LabourMinutes,
        ReportField::TravelMinutes,
        ReportField::Checklist,
        ReportField::Acceptance,
        ReportField::AcceptanceNotes,
        ReportField::TraineeName,
        ReportField::TraineeSignature,
        ReportField::CallbackNotes,
        ReportField::CustomerOpinion,
        ReportField::Satisfaction,
    ];

    /// The field's entry in the registry.
    pub fn spec(self) -> FieldSpec {
        use FieldKind::*;
        use ReportField as F;
        let (kind, label, hint, choices): (FieldKind, Words, Option<Words>, &'static [ChoiceValue]) = match self {
            F::SymptomReported => (Text, w("Symptom as reported", "报修现象"), None, &[]),
            F::SymptomFound => (Text, w("Symptom as found", "现场故障现象"), None, &[]),
            F::FaultCause => (Text, w("Fault cause", "故障原因"), None, &[]),
            F::Solution => (Text, w("Solution", "解决办法"), None, &[]),
            F::WorkDone => (Text, w("Work done", "保养内容"), None, &[]),
            F::PartsReplaced => (
                PartsOrNone,
                w("Parts replaced", "更换零件"),
                Some(w("Add each part used; when none was replaced, say so", "请逐项添加所用配件；未更换时填写“无”")),
                &[],
            ),
            F::TestsDone => (Text, w("Tests done", "测试情况"), None, &[]),
            F::Result => (Choice, w("Result", "处理结果"), None, RESULTS),
            F::FollowUp => (Text, w("Follow-up", "后续跟进"), None, &[]),
            F::FollowUpOn => (Date, w("Follow-up date", "跟进日期"), None, &[]),
            F::LabourMinutes => (Minutes, w("Labour (minutes)", "工时（分钟）"), None, &[]),
            F::TravelMinutes => (Minutes, w("Travel (minutes)", "路程时间（分钟）"), None, &[]),
            F::Checklist => (Checklist, w("Inspection checklist", "巡检清单"), None, &[]),
            F::Acceptance => (Choice, w("Acceptance", "验收结果"), None, ACCEPTANCES),
            F::AcceptanceNotes => (Text, w("Acceptance notes", "验收说明"), None, &[]),
            F::TraineeName => (Line, w("Operator trained (name)", "培训签收人姓名"), None, &[]),
            F::TraineeSignature => (Signature, w("Trainee's signature", "培训签收人签字"), None, &[]),
            F::CallbackNotes => (Text, w("Callback notes", "回访记录"), None, &[]),
            F::CustomerOpinion => (Text, w("Customer opinion", "用户意见"), None, &[]),
            F::Satisfaction => (
                Survey,
                w("Satisfaction ratings", "满意度评价"),
                Some(w("Rate every dimension, or record that the customer declined", "请逐项评分，或记录客户拒绝评价")),
                &[],
            ),
        };
        FieldSpec { name: self.as_str(), kind, label, hint, choices }
    }

    /// The field's name in `language`, as every screen and the receipt show it.
    pub fn label(self, language: Language) -> &'static str {
        self.spec().label.get(language)
    }

    /// A value the field is given from its choices (`resolved`, or `none` for no part replaced)
    /// in `language`; none for a value people typed.
    pub fn value_label(self, value: &str, language: Language) -> Option<&'static str> {
        let spec = self.spec();
        if spec.kind == FieldKind::PartsOrNone && value == "none" {
            return Some(w("none", "无").get(language));
        }
        spec.choices.iter().find(|c| c.value == value).map(|c| c.label.get(language))
    }
}

impl FormSection {
    /// The report fields of the section, in form order.
    pub fn fields(self) -> &'static [ReportField] {
        use FormSection as S;
        use ReportField as F;
        match self {
            S::Fault => &[F::SymptomReported, F::SymptomFound, F::FaultCause, F::Solution],
            S::WorkDone => &[F::WorkDone],
            S::Checklist => &[F::Checklist],
            S::Acceptance => &[F::Acceptance, F::AcceptanceNotes],
            S::Training => &[F::TraineeName, F::TraineeSignature],
            S::Parts => &[F::PartsReplaced],
            S::Tests => &[F::TestsDone, F::LabourMinutes, F::TravelMinutes],
            S::Result => &[F::Result, F::FollowUp, F::FollowUpOn],
            S::CallbackNotes => &[F::CallbackNotes],
            S::CustomerSignOff => &[F::CustomerOpinion, F::Satisfaction],
        }
    }
}

const CHECKLIST_ITEMS: &[ChoiceValue] = &[
    ChoiceValue { value: "system_functions", label: w("System functions", "系统功能") },
    ChoiceValue { value: "equipment_condition", label: w("Equipment condition", "设备状况") },
    ChoiceValue { value: "safety_hazards", label: w("Safety hazards", "安全隐患") },
    ChoiceValue { value: "operating_records", label: w("Operating records", "运行记录") },
];

/// The name of an inspection checklist item (a key of [`super::INSPECTION_ITEMS`]); an item this
/// build does not know keeps its key.
pub fn checklist_item_label(key: &str, language: Language) -> &str {
    CHECKLIST_ITEMS.iter().find(|c| c.value == key).map_or(key, |c| c.label.get(language))
}

impl CheckState {
    /// The answer as people read it.
    pub fn label(self, language: Language) -> &'static str {
        match (self, language) {
            (CheckState::Ok, Language::ZhCn) => "正常",
            (CheckState::Ok, Language::En) => "OK",
            (CheckState::Issue, Language::ZhCn) => "有问题",
            (CheckState::Issue, Language::En) => "Issue",
        }
    }
}

fn choice_label(choices: &[ChoiceValue], value: &str, language: Language) -> &'static str {
    choices.iter().find(|c| c.value == value).map_or("", |c| c.label.get(language))
}

impl RepairResult {
    /// The result as people read it.
    pub fn label(self, language: Language) -> &'static str {
        choice_label(RESULTS, self.as_str(), language)
    }
}

impl Acceptance {
    /// The outcome as people read it.
    pub fn label(self, language: Language) -> &'static str {
        choice_label(ACCEPTANCES, self.as_str(), language)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_and_choice_is_named_in_both_languages() {
        let chinese = |s: &str| s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
        for field in ReportField::ALL {
            let spec = field.spec();
            assert_eq!(spec.name, field.as_str());
            assert!(spec.label.en.is_ascii() && chinese(spec.label.zh), "{field:?}");
            assert_eq!(spec.kind == FieldKind::Choice, !spec.choices.is_empty(), "{field:?}");
        }
        for r in RepairResult::ALL {
            assert!(chinese(r.label(Language::ZhCn)) && !r.label(Language::En).is_empty());
        }
        for a in Acceptance::ALL {
            assert!(chinese(a.label(Language::ZhCn)) && !a.label(Language::En).is_empty());
        }
        let values: Vec<&str> = RESULTS.iter().map(|c| c.value).collect();
        assert_eq!(values, RepairResult::ALL.map(|r| r.as_str()));
        let values: Vec<&str> = ACCEPTANCES.iter().map(|c| c.value).collect();
        assert_eq!(values, Acceptance::ALL.map(|a| a.as_str()));
        let items: Vec<&str> = CHECKLIST_ITEMS.iter().map(|c| c.value).collect();
        assert_eq!(items, super::super::INSPECTION_ITEMS, "every checklist item is named");
        assert!(CHECKLIST_ITEMS.iter().all(|c| chinese(c.label.zh) && c.label.en.is_ascii()));
    }

    #[test]
    fn every_field_of_the_form_belongs_to_one_section_of_a_job_type() {
        use crate::job::JobType;
        for field in ReportField::ALL {
            let homes = JobType::ALL
                .iter()
                .flat_map(|t| t.sections())
                .filter(|s| s.fields().contains(&field))
                .copied()
                .collect::<std::collections::HashSet<_>>();
            assert_eq!(homes.len(), 1, "{field:?} is in {homes:?}");
        }
    }
}
