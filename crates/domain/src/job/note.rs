//! What an event says beside its move, as a kind with its facts, worded in both languages: a
//! Chinese screen reads it in Chinese and names people, not ids. [`super::JobEvent::note`]
//! keeps the English words for logs, HQ's audit and older readers.

use serde::{Deserialize, Serialize};
use time::Date;

use super::UnsignedReason;
use crate::customer::Language;

/// The facts an event states.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "say", rename_all = "snake_case")]
pub enum EventNote {
    /// Left unresolved: why, and the date promised to the customer.
    Unresolved { reason: String, promised_on: Date },
    /// Cancelled by HQ, and why.
    Cancelled { reason: String },
    /// Given to another engineer, named when HQ knows the name.
    Reassigned { engineer: Option<String> },
    /// Left before the customer signed, and why.
    LeftUnsigned { reason: UnsignedReason, note: Option<String> },
    /// Back on site after it was completed or left unresolved.
    Reopened,
    /// Created at HQ under its number, given to an engineer at once or not, continuing an
    /// earlier visit or not.
    Created { number: String, engineer: Option<String>, continues: Option<String> },
    /// Given to its first engineer.
    Assigned { engineer: String },
    /// Moved to another day.
    Rescheduled { from: Date, to: Date },
    /// The signed report reopened for a correction, as revision `to`.
    Corrected { from: u32, to: u32, reason: String },
}

impl EventNote {
    /// The words in `language`.
    pub fn render(&self, language: Language) -> String {
        let zh = language == Language::ZhCn;
        let with = |text: &str, extra: &Option<String>| match extra {
            Some(e) if zh => format!("{text}（{e}）"),
            Some(e) => format!("{text} ({e})"),
            None => text.to_owned(),
        };
        match (self, zh) {
            (EventNote::Unresolved { reason, promised_on }, false) => format!("{reason} (promised {promised_on})"),
            (EventNote::Unresolved { reason, promised_on }, true) => format!("{reason}（承诺 {promised_on} 前解决）"),
            (EventNote::Cancelled { reason }, _) => reason.clone(),
            (EventNote::Reassigned { engineer: Some(name) }, false) => format!("reassigned to {name}"),
            (EventNote::Reassigned { engineer: Some(name) }, true) => format!("改派给{name}"),
            (EventNote::Reassigned { engineer: None }, false) => "reassigned to another engineer".into(),
            (EventNote::Reassigned { engineer: None }, true) => "已改派给其他工程师".into(),
            (EventNote::LeftUnsigned { reason, note }, false) => {
                with(&format!("left unsigned: {}", reason.as_str()), note)
            }
            (EventNote::LeftUnsigned { reason, note }, true) => {
                with(&format!("未签字离开：{}", reason.label(Language::ZhCn)), note)
            }
            (EventNote::Reopened, false) => "reopened".into(),
            (EventNote::Reopened, true) => "重新打开".into(),
            (EventNote::Created { number, engineer, continues }, false) => {
                let follows = continues.as_ref().map(|c| format!(", continuing {c}")).unwrap_or_default();
                let to = engineer.as_ref().map(|e| format!(", assigned to {e}")).unwrap_or_default();
                format!("created as {number}{follows}{to}")
            }
            (EventNote::Created { number, engineer, continues }, true) => {
                let follows = continues.as_ref().map(|c| format!("，续 {c}")).unwrap_or_default();
                let to = engineer.as_ref().map(|e| format!("，派给{e}")).unwrap_or_default();
                format!("创建为 {number}{follows}{to}")
            }
            (EventNote::Assigned { engineer }, false) => format!("assigned to {engineer}"),
            (EventNote::Assigned { engineer }, true) => format!("派给{engineer}"),
            (EventNote::Rescheduled { from, to }, false) => format!("rescheduled from {from} to {to}"),
            (EventNote::Rescheduled { from, to }, true) => format!("由 {from} 改期至 {to}"),
            (EventNote::Corrected { from, to, reason }, false) => format!("revision {from} reopened as {to}: {reason}"),
            (EventNote::Corrected { from, to, reason }, true) => {
                format!("第 {from} 版报告重新打开为第 {to} 版：{reason}")
            }
        }
    }

    /// The English words, as [`super::JobEvent::note`] keeps them.
    pub fn english(&self) -> String {
        self.render(Language::En)
    }
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;

    #[test]
    fn every_note_reads_in_both_languages_with_names_not_ids() {
        let chinese = |s: &str| s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
        let notes = [
            EventNote::Unresolved { reason: "等配件".into(), promised_on: date!(2026 - 12 - 05) },
            EventNote::Cancelled { reason: "客户改期".into() },
            EventNote::Reassigned { engineer: Some("李工".into()) },
            EventNote::Reassigned { engineer: None },
            EventNote::LeftUnsigned {
                reason: UnsignedReason::CustomerAbsent, note: Some("门卫说负责人出差".into())
            },
            EventNote::Reopened,
            EventNote::Created {
                number: "J2612-000002".into(),
                engineer: Some("王建国".into()),
                continues: Some("J2612-000001".into()),
            },
            EventNote::Assigned { engineer: "王建国".into() },
            EventNote::Rescheduled { from: date!(2026 - 12 - 01), to: date!(2026 - 12 - 05) },
            EventNote::Corrected { from: 1, to: 2, reason: "工时填错".into() },
        ];
        for note in &notes {
            let (en, zh) = (note.render(Language::En), note.render(Language::ZhCn));
            // A cancellation says the dispatcher's reason as typed.
            let same_words = matches!(note, EventNote::Cancelled { .. });
            assert!(chinese(&zh) && !en.is_empty() && (en != zh || same_words), "{note:?}: {en} / {zh}");
        }
        assert_eq!(notes[2].render(Language::ZhCn), "改派给李工");
        assert_eq!(notes[4].render(Language::ZhCn), "未签字离开：客户不在现场（门卫说负责人出差）");
        assert_eq!(notes[8].render(Language::ZhCn), "由 2026-12-01 改期至 2026-12-05");
    }
}
