//! The one error type of the store.

use outpost_domain::DomainError;
use outpost_domain::customer::Language;

/// Why a store call failed. Domain errors pass through unchanged so their message reaches the user.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A domain rule refused the change; nothing was written.
    #[error(transparent)]
    Domain(#[from] DomainError),

    /// The thing asked for does not exist on this laptop.
    #[error("{what} {id} is not on this laptop: check what you typed, or sync with HQ")]
    NotFound { what: &'static str, id: String },

    /// Signing out while changes or files have not reached HQ.
    #[error(
        "{changes} changes and {files} files have not reached HQ yet; sync first (connect to the network and press Sync now), then sign out"
    )]
    Unsynced { changes: i64, files: i64 },

    /// The database file could not be opened or migrated.
    #[error("cannot open the local database {path}: {reason}")]
    Open { path: String, reason: String },

    /// A stored row does not decode: the file was changed outside Outpost.
    #[error(
        "the local database holds a value Outpost cannot read ({0}); restore it from a backup or sync again from HQ"
    )]
    Corrupt(String),

    /// SQLite failed (disk full, I/O error, locked too long).
    #[error("the local database failed: {0}")]
    Sqlite(#[from] rusqlite::Error),
}

/// Result of a store call.
pub type Result<T> = std::result::Result<T, StoreError>;

impl StoreError {
    /// The stable code: a domain rule's own, or the store's.
    pub fn code(&self) -> String {
        match self {
            StoreError::Domain(e) => e.code(),
            StoreError::NotFound { .. } => "not_on_laptop".into(),
            StoreError::Unsynced { .. } => "unsynced".into(),
            StoreError::Open { .. } => "cannot_open".into(),
            StoreError::Corrupt(_) => "corrupt".into(),
            StoreError::Sqlite(_) => "database_failed".into(),
        }
    }

    /// The error's words in `language` (English is the `Display`).
    pub fn render(&self, language: Language) -> String {
        if language == Language::En {
            return self.to_string();
        }
        match self {
            StoreError::Domain(e) => e.render(language),
            StoreError::NotFound { what: "engineer", .. } => "这台笔记本尚未注册：请先用总部给的注册码注册".into(),
            StoreError::NotFound { what, id } => format!("本机没有{} {id}：请检查输入，或与总部同步", thing_zh(what)),
            StoreError::Unsynced { changes, files } => format!(
                "还有 {changes} 项修改和 {files} 个文件没有送到总部；请先同步（连上网络并点“立即同步”），再退出登录"
            ),
            StoreError::Open { path, reason } => format!("无法打开本机数据库 {path}：{reason}"),
            StoreError::Corrupt(what) => {
                format!("本机数据库中有 Outpost 无法读取的值（{what}）；请从备份恢复，或重新与总部同步")
            }
            StoreError::Sqlite(e) => format!("本机数据库出错：{e}"),
        }
    }
}

fn thing_zh(what: &str) -> &str {
    match what {
        "contact" => "联系人",
        "customer" => "客户",
        "equipment" => "设备",
        "file" => "文件",
        "job" => "工单",
        "part line" => "零件明细",
        "part" => "零件",
        "signature image" => "签字图片",
        "site" => "现场",
        other => other,
    }
}

impl From<serde_json::Error> for StoreError {
    fn from(e: serde_json::Error) -> Self {
        StoreError::Corrupt(e.to_string())
    }
}
