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
    #[error("{}", not_found_en(what, id))]
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
    #[error("{}", database_failed(.0, Language::En))]
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
            StoreError::NotFound { what: "file", id } => {
                format!("本机数据文件夹中缺少文件 {id}（可能被移动或删除）：请与总部同步取回，或重新拍摄/签字")
            }
            StoreError::NotFound { what, id } => format!("本机没有{} {id}：请检查输入，或与总部同步", thing_zh(what)),
            StoreError::Unsynced { changes, files } => format!(
                "还有 {changes} 项修改和 {files} 个文件没有送到总部；请先同步（连上网络并点“立即同步”），再退出登录"
            ),
            StoreError::Open { path, reason } => format!("无法打开本机数据库 {path}：{reason}"),
            StoreError::Corrupt(what) => {
                format!("本机数据库中有 Outpost 无法读取的值（{what}）；请从备份恢复，或重新与总部同步")
            }
            StoreError::Sqlite(e) => database_failed(e, language),
        }
    }
}

fn not_found_en(what: &str, id: &str) -> String {
    match what {
        "file" => format!(
            "the file {id} is missing from this laptop's data folder (moved or deleted outside Outpost): sync with HQ to get it back, or take it again"
        ),
        _ => format!("{what} {id} is not on this laptop: check what you typed, or sync with HQ"),
    }
}

/// What SQLite's failure means for the engineer, and what to do; nothing was saved.
fn database_failed(e: &rusqlite::Error, language: Language) -> String {
    use rusqlite::ErrorCode::*;
    let zh = language == Language::ZhCn;
    let code = match e {
        rusqlite::Error::SqliteFailure(f, _) => Some(f.code),
        _ => None,
    };
    let advice = match (code, zh) {
        (Some(DiskFull), false) => {
            "the disk is full: free some space on this laptop (old downloads, the recycle bin), then try again"
        }
        (Some(DiskFull), true) => "磁盘已满：请清理本机空间（旧的下载文件、回收站）后重试",
        (Some(SystemIoFailure), false) => {
            "the disk could not be written or read: check the drive (an unplugged or failing disk), then try again"
        }
        (Some(SystemIoFailure), true) => "无法读写磁盘：请检查硬盘（是否拔出或损坏）后重试",
        (Some(DatabaseBusy | DatabaseLocked), false) => {
            "another Outpost (the app or the command line) is using the data folder: try again in a moment"
        }
        (Some(DatabaseBusy | DatabaseLocked), true) => "另一个 Outpost（应用或命令行）正在使用数据文件夹：请稍后重试",
        (Some(ReadOnly | PermissionDenied | CannotOpen), false) => {
            "the data folder cannot be written: check that it is yours and not read-only"
        }
        (Some(ReadOnly | PermissionDenied | CannotOpen), true) => "数据文件夹无法写入：请确认文件夹属于您且不是只读",
        (_, false) => {
            return format!(
                "the local database failed ({e}); nothing was saved: try again, and if it repeats, tell HQ support"
            );
        }
        (_, true) => return format!("本机数据库出错（{e}），未保存任何内容：请重试；如反复出现，请联系总部技术支持"),
    };
    if zh { format!("{advice}。未保存任何内容") } else { format!("{advice}; nothing was saved") }
}

fn thing_zh(what: &str) -> &str {
    match what {
        "contact" => "联系人",
        "customer" => "客户",
        "equipment" => "设备",
        "file" => "文件",
        "job" => "工单",
        "part line" => "配件明细",
        "part" => "配件",
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

#[cfg(test)]
mod tests {
    use super::*;

    fn sqlite(code: std::os::raw::c_int) -> StoreError {
        StoreError::Sqlite(rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(code), None))
    }

    #[test]
    fn a_full_disk_says_so_and_what_to_do_in_both_languages() {
        let full = sqlite(rusqlite::ffi::SQLITE_FULL);
        assert_eq!(
            full.to_string(),
            "the disk is full: free some space on this laptop (old downloads, the recycle bin), then try again; nothing was saved"
        );
        assert_eq!(
            full.render(Language::ZhCn),
            "磁盘已满：请清理本机空间（旧的下载文件、回收站）后重试。未保存任何内容"
        );
        assert!(sqlite(rusqlite::ffi::SQLITE_BUSY).to_string().contains("another Outpost"));
        assert!(sqlite(rusqlite::ffi::SQLITE_READONLY).render(Language::ZhCn).contains("只读"));
        assert!(!sqlite(rusqlite::ffi::SQLITE_IOERR).to_string().contains("disk I/O error"));
    }

    #[test]
    fn a_missing_file_is_not_a_typing_mistake() {
        let missing = StoreError::NotFound { what: "file", id: "5f2b0c0e".into() };
        assert!(!missing.to_string().contains("check what you typed"), "{missing}");
        assert!(missing.to_string().contains("missing from this laptop's data folder"));
        assert!(missing.render(Language::ZhCn).contains("缺少文件"));
        let job = StoreError::NotFound { what: "job", id: "J2611-9".into() };
        assert_eq!(job.to_string(), "job J2611-9 is not on this laptop: check what you typed, or sync with HQ");
    }
}
