//! The one error type of the engineer's actions: the store's, the rules', sync's and the
//! receipt's errors as they are, and what a typed value can get wrong; each worded in both
//! languages.

use outpost_domain::DomainError;
use outpost_domain::customer::Language;
use outpost_store::StoreError;
use outpost_sync::SyncError;

/// Why an action failed.
#[derive(Debug, thiserror::Error)]
pub enum LaptopError {
    #[error(transparent)]
    Store(#[from] StoreError),

    #[error(transparent)]
    Domain(#[from] DomainError),

    #[error(transparent)]
    Sync(#[from] SyncError),

    #[error(transparent)]
    Receipt(#[from] outpost_receipt::ReceiptError),

    /// A part line id that is not one.
    #[error("'{0}' is not a part line; reopen the job")]
    NotAPartLine(String),

    /// The signature pad sent something that is not its image or strokes.
    #[error("the signature was damaged on its way from the pad; clear the pad and sign again")]
    SignatureDamaged,

    /// A number that names no refused change still listed.
    #[error("no refused change {0} is listed; `refused` lists them with their numbers")]
    NotRefused(i64),

    /// `next` named no job: nothing is under way or left to do today.
    #[error("no job is under way or left to do today; `jobs --when all` lists every job")]
    NothingNext,

    /// A file or folder the action needs could not be read or written.
    #[error("cannot {action} {path}: {source}")]
    File { action: &'static str, path: String, source: std::io::Error },
}

/// Result of an action.
pub type Result<T> = std::result::Result<T, LaptopError>;

impl LaptopError {
    /// The domain rule that refused, if one did.
    pub fn rule(&self) -> Option<&DomainError> {
        match self {
            LaptopError::Domain(e)
            | LaptopError::Store(StoreError::Domain(e))
            | LaptopError::Sync(SyncError::Store(StoreError::Domain(e))) => Some(e),
            _ => None,
        }
    }

    /// The laptop is not enrolled with HQ (yet, or any more).
    pub fn not_enrolled(&self) -> bool {
        matches!(self, LaptopError::Sync(SyncError::NoEnrollment | SyncError::NotEnrolled(_)))
    }

    /// The error's words in `language` (English is the `Display`).
    pub fn render(&self, language: Language) -> String {
        match self {
            _ if language == Language::En => self.to_string(),
            LaptopError::Store(e) => e.render(language),
            LaptopError::Domain(e) => e.render(language),
            LaptopError::Sync(e) => e.render(language),
            LaptopError::Receipt(e) => e.render(language),
            LaptopError::NotAPartLine(id) => format!("“{id}”不是配件明细：请重新打开工单"),
            LaptopError::SignatureDamaged => "签字从签字板传来时损坏了：请清除签字板后重新签字".into(),
            LaptopError::NotRefused(n) => format!("没有编号为 {n} 的被拒修改：用 refused 查看列表及编号"),
            LaptopError::NothingNext => "今天没有进行中或待办的工单：用 jobs --when all 查看全部工单".into(),
            LaptopError::File { action, path, source } => {
                let verb = match *action {
                    "read" => "读取",
                    "create" => "创建",
                    _ => "写入",
                };
                format!("无法{verb} {path}：{source}")
            }
        }
    }

    pub(crate) fn file(action: &'static str, path: &std::path::Path, source: std::io::Error) -> LaptopError {
        LaptopError::File { action, path: path.display().to_string(), source }
    }
}
