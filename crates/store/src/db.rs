//! Opening the database: pragmas set once, migrations, one writer and a small pool of readers
//! so a read (the job list, a search) never waits behind a long write (a sync download).

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};

use crate::error::{Result, StoreError};
use crate::housekeeping::Housekeeper;
use crate::migrate::migrate;

/// The file name of the database inside a data folder.
pub const DB_FILE: &str = "outpost.sqlite";
const READERS: usize = 4;
pub(crate) const BUSY_TIMEOUT: Duration = Duration::from_secs(10);
/// Backstop: the writer checkpoints itself if the WAL ever grows past this many pages.
const WAL_BACKSTOP_PAGES: i64 = 10_000;

/// The local store of one laptop: one SQLite file in WAL mode.
#[derive(Debug)]
pub struct Store {
    path: PathBuf,
    writer: Mutex<Connection>,
    readers: r2d2::Pool<Readers>,
    housekeeper: Housekeeper,
}

impl Store {
    /// Opens (creating if needed) the store in `data_dir`, migrating it to the newest schema.
    pub fn open(data_dir: &Path) -> Result<Store> {
        std::fs::create_dir_all(data_dir).map_err(|e| StoreError::Open {
            path: data_dir.display().to_string(),
            reason: format!("{e}; choose a folder you can write to"),
        })?;
        let path = data_dir.join(DB_FILE);
        let open_error =
            |e: rusqlite::Error| StoreError::Open { path: path.display().to_string(), reason: e.to_string() };
        let mut writer = Connection::open(&path).map_err(open_error)?;
        configure(&writer).map_err(open_error)?;
        migrate(&mut writer)?;
        let readers = r2d2::Pool::builder()
            .max_size(READERS as u32)
            // A laptop's readers live as long as the app: no reaping, no checks on the way out.
            .idle_timeout(None)
            .max_lifetime(None)
            .test_on_check_out(false)
            .build(Readers { path: path.clone() })
            .map_err(|e| StoreError::Open { path: path.display().to_string(), reason: e.to_string() })?;
        let housekeeper = Housekeeper::start(&path).map_err(open_error)?;
        // Work left over from a crash (an unindexed report) is picked up at once.
        housekeeper.wake();
        Ok(Store { path, writer: Mutex::new(writer), readers, housekeeper })
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Runs `f` in one write transaction (taken immediately, so it never fails half-way on a
    /// lock); commits when `f` returns `Ok`, rolls back otherwise. Nothing is written partially.
    pub fn write<T>(&self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let mut conn = lock(&self.writer);
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = f(&tx)?;
        tx.commit()?;
        self.housekeeper.wake();
        Ok(value)
    }

    /// Runs `f` on a reader connection; it sees the last committed state.
    pub fn read<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let conn = self.readers.get().map_err(|e| StoreError::Open {
            path: self.path.display().to_string(),
            reason: format!("no reader connection: {e}"),
        })?;
        f(&conn)
    }
}

/// The readers' connections (r2d2 pools them): read-only, foreign keys on.
#[derive(Debug)]
struct Readers {
    path: PathBuf,
}

impl r2d2::ManageConnection for Readers {
    type Connection = Connection;
    type Error = rusqlite::Error;

    fn connect(&self) -> rusqlite::Result<Connection> {
        let conn = Connection::open_with_flags(
            &self.path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        Ok(conn)
    }

    fn is_valid(&self, conn: &mut Connection) -> rusqlite::Result<()> {
        conn.execute_batch("")
    }

    fn has_broken(&self, _: &mut Connection) -> bool {
        false
    }
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic while holding the lock cannot leave SQLite half-written (the transaction rolls
    // back on drop), so the connection is still good to use.
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn configure(conn: &Connection) -> rusqlite::Result<()> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(rusqlite::Error::InvalidParameterName(format!("journal_mode is {mode}, WAL is required")));
    }
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.pragma_update(None, "wal_autocheckpoint", WAL_BACKSTOP_PAGES)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opens_in_wal_with_full_sync_and_foreign_keys() -> Result<()> {
        let dir = tempfile::tempdir().map_err(|e| StoreError::Corrupt(e.to_string()))?;
        let store = Store::open(dir.path())?;
        store.write(|tx| {
            let mode: String = tx.query_row("PRAGMA journal_mode", [], |r| r.get(0))?;
            let sync: i64 = tx.query_row("PRAGMA synchronous", [], |r| r.get(0))?;
            let fk: i64 = tx.query_row("PRAGMA foreign_keys", [], |r| r.get(0))?;
            assert_eq!((mode.as_str(), sync, fk), ("wal", 2, 1));
            Ok(())
        })?;
        drop(store);
        Store::open(dir.path())?;
        Ok(())
    }

    #[test]
    fn a_failed_write_leaves_nothing() -> Result<()> {
        let dir = tempfile::tempdir().map_err(|e| StoreError::Corrupt(e.to_string()))?;
        let store = Store::open(dir.path())?;
        let result: Result<()> = store.write(|tx| {
            tx.execute("INSERT INTO device (key, value) VALUES ('a', '1')", [])?;
            Err(StoreError::Corrupt("stop".into()))
        });
        assert!(result.is_err());
        let n: i64 = store.read(|c| Ok(c.query_row("SELECT count(*) FROM device", [], |r| r.get(0))?))?;
        assert_eq!(n, 0);
        Ok(())
    }

    #[test]
    fn refuses_a_newer_schema() -> Result<()> {
        let dir = tempfile::tempdir().map_err(|e| StoreError::Corrupt(e.to_string()))?;
        drop(Store::open(dir.path())?);
        let conn = Connection::open(dir.path().join(DB_FILE))?;
        conn.pragma_update(None, "user_version", 99)?;
        drop(conn);
        let err = Store::open(dir.path()).unwrap_err();
        assert!(err.to_string().contains("written by a newer Outpost"), "{err}");
        Ok(())
    }
}
