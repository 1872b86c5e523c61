//! The one IPC error type: every command failure reaches the UI as `{code, message, words,
//! rule}` — `code` to switch on, `words` in both languages (the UI shows its own), `rule` the
//! domain rule's code and parameters when a rule refused.

use outpost_domain::DomainError;
use outpost_domain::customer::Language;
use serde::ser::{Serialize, SerializeStruct, Serializer};

/// Why a command failed.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error(transparent)]
    Store(#[from] outpost_store::StoreError),

    #[error(transparent)]
    Domain(#[from] DomainError),

    #[error(transparent)]
    Sync(#[from] outpost_sync::SyncError),

    #[error(transparent)]
    Receipt(#[from] outpost_receipt::ReceiptError),

    /// A job id from the UI that is not one.
    #[error("'{0}' is not a job id; reopen the job from the list")]
    NotAJob(String),

    /// A part line id from the UI that is not one.
    #[error("'{0}' is not a part line; reopen the job")]
    NotAPartLine(String),

    /// A receipt file that is not there any more.
    #[error("that receipt is gone; make it again")]
    ReceiptGone,

    /// The signature pad sent something that is not its image or strokes.
    #[error("the signature was damaged on its way from the pad; clear the pad and sign again")]
    SignatureDamaged,

    /// The system refused something outside Outpost (a folder, a viewer, the printer).
    #[error("{en}")]
    System { code: &'static str, en: String, zh: String },
}

impl AppError {
    /// A failure outside Outpost, worded in both languages.
    pub fn system(code: &'static str, en: impl Into<String>, zh: impl Into<String>) -> AppError {
        AppError::System { code, en: en.into(), zh: zh.into() }
    }

    /// What the UI switches on: `incomplete` (the report lacks fields), `not_enrolled`, or
    /// `error` for everything that is only shown.
    pub fn code(&self) -> &'static str {
        match self.rule() {
            Some(DomainError::ReportIncomplete { .. }) => "incomplete",
            _ => match self {
                AppError::Sync(outpost_sync::SyncError::NoEnrollment | outpost_sync::SyncError::NotEnrolled(_)) => {
                    "not_enrolled"
                }
                AppError::System { code, .. } => code,
                _ => "error",
            },
        }
    }

    /// The domain rule that refused, if one did.
    pub fn rule(&self) -> Option<&DomainError> {
        match self {
            AppError::Domain(e)
            | AppError::Store(outpost_store::StoreError::Domain(e))
            | AppError::Sync(outpost_sync::SyncError::Store(outpost_store::StoreError::Domain(e))) => Some(e),
            _ => None,
        }
    }

    /// The error's words in `language`.
    pub fn render(&self, language: Language) -> String {
        match self {
            _ if language == Language::En => self.to_string(),
            AppError::Store(e) => e.render(language),
            AppError::Domain(e) => e.render(language),
            AppError::Sync(e) => e.render(language),
            AppError::Receipt(e) => e.render(language),
            AppError::NotAJob(id) => format!("“{id}”不是工单编号：请从列表重新打开工单"),
            AppError::NotAPartLine(id) => format!("“{id}”不是零件明细：请重新打开工单"),
            AppError::ReceiptGone => "这份回执文件已不存在：请重新生成".into(),
            AppError::SignatureDamaged => "签字从签字板传来时损坏了：请清除签字板后重新签字".into(),
            AppError::System { zh, .. } => zh.clone(),
        }
    }
}

impl Serialize for AppError {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let mut out = s.serialize_struct("AppError", 4)?;
        out.serialize_field("code", self.code())?;
        out.serialize_field("message", &self.to_string())?;
        let words = serde_json::json!({"en": self.render(Language::En), "zh-CN": self.render(Language::ZhCn)});
        out.serialize_field("words", &words)?;
        out.serialize_field("rule", &self.rule())?;
        out.end()
    }
}

/// Result of a command.
pub type Result<T> = std::result::Result<T, AppError>;

#[cfg(test)]
mod tests {
    use super::*;
    use outpost_domain::field::Field;

    #[test]
    fn errors_reach_the_ui_as_code_and_words_in_both_languages() -> std::result::Result<(), serde_json::Error> {
        let e = AppError::NotAJob("x".into());
        let json = serde_json::to_value(&e)?;
        assert_eq!(json["code"], "error");
        assert_eq!(json["message"], "'x' is not a job id; reopen the job from the list");
        assert_eq!(json["words"]["zh-CN"], "“x”不是工单编号：请从列表重新打开工单");
        assert_eq!(json["rule"], serde_json::Value::Null);
        let incomplete = AppError::Domain(DomainError::ReportIncomplete {
            missing: vec![outpost_domain::report::ReportField::FaultCause],
        });
        let json = serde_json::to_value(&incomplete)?;
        assert_eq!(json["code"], "incomplete");
        assert_eq!(json["rule"]["code"], "report_incomplete");
        assert_eq!(json["words"]["zh-CN"], "服务报告还不能签字：请先填写故障原因");
        let store = AppError::Store(outpost_store::StoreError::Domain(DomainError::Empty { field: Field::SignerName }));
        assert_eq!(serde_json::to_value(&store)?["words"]["zh-CN"], "签字人姓名：未填写，请填写");
        Ok(())
    }
}
