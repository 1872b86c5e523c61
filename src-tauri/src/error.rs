//! The one IPC error type: every command failure reaches the UI as `{code, message, words,
//! rule}` — `code` to switch on, `words` in both languages (the UI shows its own), `rule` the
//! domain rule's code and parameters when a rule refused.

use outpost_domain::DomainError;
use outpost_domain::customer::Language;
use outpost_laptop::LaptopError;
use serde::ser::{Serialize, SerializeStruct, Serializer};

/// Why a command failed.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// The engineer's action failed (a rule, the store, sync, the receipt).
    #[error(transparent)]
    Laptop(#[from] LaptopError),

    /// A receipt file that is not there any more.
    #[error("that receipt is gone; make it again")]
    ReceiptGone,

    /// The system refused something outside Outpost (a folder, a viewer, the printer).
    #[error("{en}")]
    System { code: &'static str, en: String, zh: String },
}

/// The layers' own errors reach the app as the engineer's action failing.
macro_rules! through_laptop {
    ($($error:ty),*) => {$(
        impl From<$error> for AppError {
            fn from(e: $error) -> AppError {
                AppError::Laptop(e.into())
            }
        }
    )*};
}
through_laptop!(DomainError, outpost_store::StoreError, outpost_sync::SyncError);

impl AppError {
    /// A failure outside Outpost, worded in both languages.
    pub fn system(code: &'static str, en: impl Into<String>, zh: impl Into<String>) -> AppError {
        AppError::System { code, en: en.into(), zh: zh.into() }
    }

    /// What the UI switches on: `incomplete` (the report lacks fields), `not_enrolled`, or
    /// `error` for everything that is only shown.
    pub fn code(&self) -> &'static str {
        match self {
            _ if matches!(self.rule(), Some(DomainError::ReportIncomplete { .. })) => "incomplete",
            AppError::Laptop(e) if e.not_enrolled() => "not_enrolled",
            AppError::System { code, .. } => code,
            _ => "error",
        }
    }

    /// The domain rule that refused, if one did.
    pub fn rule(&self) -> Option<&DomainError> {
        match self {
            AppError::Laptop(e) => e.rule(),
            _ => None,
        }
    }

    /// The error's words in `language`.
    pub fn render(&self, language: Language) -> String {
        match self {
            _ if language == Language::En => self.to_string(),
            AppError::Laptop(e) => e.render(language),
            AppError::ReceiptGone => "这份回执文件已不存在：请重新生成".into(),
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
        let e = AppError::from(LaptopError::NotAPartLine("x".into()));
        let json = serde_json::to_value(&e)?;
        assert_eq!(json["code"], "error");
        assert_eq!(json["message"], "'x' is not a part line; reopen the job");
        assert_eq!(json["words"]["zh-CN"], "“x”不是配件明细：请重新打开工单");
        assert_eq!(json["rule"], serde_json::Value::Null);
        let incomplete = AppError::from(DomainError::ReportIncomplete {
            missing: vec![outpost_domain::report::ReportField::FaultCause],
        });
        let json = serde_json::to_value(&incomplete)?;
        assert_eq!(json["code"], "incomplete");
        assert_eq!(json["rule"]["code"], "report_incomplete");
        assert_eq!(json["words"]["zh-CN"], "服务报告还不能签字：请先填写故障原因");
        let store = AppError::from(outpost_store::StoreError::Domain(DomainError::Empty { field: Field::SignerName }));
        assert_eq!(serde_json::to_value(&store)?["words"]["zh-CN"], "签字人姓名：未填写，请填写");
        Ok(())
    }
}
