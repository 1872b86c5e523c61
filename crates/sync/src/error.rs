//! The one error type of the sync crate, in words an engineer can act on.

use outpost_domain::customer::Language;
use outpost_store::StoreError;

/// Why a sync step failed.
#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    /// HQ could not be reached (no network, HQ down, timeout): try again later, nothing lost.
    #[error("HQ is not reachable ({0}); your changes are kept and will be sent when it is")]
    Offline(String),
    /// HQ refused this laptop's token.
    #[error("HQ does not accept this laptop any more ({0}): enroll it again with a new code")]
    NotEnrolled(String),
    /// This laptop is not enrolled yet.
    #[error("this laptop is not enrolled: enroll it with a code from HQ first")]
    NoEnrollment,
    /// HQ answered with an error.
    #[error("HQ refused the request ({status}): {message}")]
    Refused { status: u16, code: String, message: String },
    /// HQ's answer does not follow the protocol.
    #[error("HQ answered something unexpected: {0}")]
    Protocol(String),
    /// The local store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Result of a sync step.
pub type Result<T> = std::result::Result<T, SyncError>;

impl SyncError {
    /// The stable code.
    pub fn code(&self) -> String {
        match self {
            SyncError::Offline(_) => "offline".into(),
            SyncError::NotEnrolled(_) | SyncError::NoEnrollment => "not_enrolled".into(),
            SyncError::Refused { code, .. } => code.clone(),
            SyncError::Protocol(_) => "protocol".into(),
            SyncError::Store(e) => e.code(),
        }
    }

    /// The error's words in `language` (English is the `Display`).
    pub fn render(&self, language: Language) -> String {
        if language == Language::En {
            return self.to_string();
        }
        match self {
            SyncError::Offline(why) => format!("无法连接总部（{why}）；你的修改都已保存，连上后会自动发送"),
            SyncError::NotEnrolled(why) => format!("总部不再接受这台笔记本（{why}）：请用新的注册码重新注册"),
            SyncError::NoEnrollment => "这台笔记本尚未注册：请先用总部给的注册码注册".into(),
            SyncError::Refused { status, message, .. } => format!("总部拒绝了请求（{status}）：{message}"),
            SyncError::Protocol(what) => format!("总部的回答不符合预期：{what}"),
            SyncError::Store(e) => e.render(language),
        }
    }

    /// Worth retrying later by itself (network or HQ trouble), as opposed to needing a person.
    pub fn is_transient(&self) -> bool {
        match self {
            SyncError::Offline(_) | SyncError::Protocol(_) => true,
            SyncError::Refused { status, .. } => *status >= 500 || *status == 429,
            _ => false,
        }
    }
}
