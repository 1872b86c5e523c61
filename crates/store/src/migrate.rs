//! Forward-only migrations (`migrations/V<n>__<name>.sql`), embedded in the binary and run by
//! refinery, all pending ones in one transaction: a kill during an upgrade leaves the old
//! schema whole. refinery keeps what ran, with checksums, in `schema_history`; an applied
//! migration is never edited, only followed.
//!
//! Folders from before refinery counted their migrations in `PRAGMA user_version`; they are
//! taken over as they stand. `user_version` is still kept, so an older Outpost that opens a
//! newer folder says "update the app" instead of migrating it again.

use refinery::error::Kind;
use refinery::{Runner, Target};
use rusqlite::Connection;

use crate::error::{Result, StoreError};

refinery::embed_migrations!("migrations");

/// The table refinery keeps the applied migrations in.
pub(crate) const HISTORY: &str = "schema_history";

fn runner(target: Target) -> Runner {
    let mut runner = migrations::runner().set_grouped(true).set_target(target);
    runner.set_migration_table_name(HISTORY);
    runner
}

/// The newest schema this build knows.
fn latest() -> i64 {
    migrations::runner().get_migrations().iter().map(|m| i64::from(m.version())).max().unwrap_or(0)
}

/// Brings the database up to the newest schema.
pub fn migrate(conn: &mut Connection) -> Result<()> {
    let path = conn.path().unwrap_or("?").to_owned();
    let newer = |found: i64| StoreError::Open {
        path: path.clone(),
        reason: format!(
            "it was written by a newer Outpost (schema {found}, this one knows {}); update the app",
            latest()
        ),
    };
    let counted: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let has_history: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?1)",
        [HISTORY],
        |r| r.get(0),
    )?;
    if counted > latest() {
        return Err(newer(counted));
    }
    if !has_history && counted > 0 {
        let version = i32::try_from(counted).unwrap_or(i32::MAX);
        runner(Target::FakeVersion(version)).run(conn).map_err(|e| failed(&path, e))?;
    }
    runner(Target::Latest).run(conn).map_err(|e| match e.kind() {
        Kind::MissingVersion(m) => newer(i64::from(m.version())),
        _ => failed(&path, e),
    })?;
    conn.pragma_update(None, "user_version", latest())?;
    Ok(())
}

fn failed(path: &str, e: refinery::Error) -> StoreError {
    StoreError::Open { path: path.to_owned(), reason: format!("its schema could not be upgraded: {e}") }
}

#[cfg(test)]
mod tests {
    use super::*;

    type TestResult = std::result::Result<(), Box<dyn std::error::Error>>;

    fn tables(conn: &Connection) -> rusqlite::Result<Vec<String>> {
        let mut stmt = conn.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")?;
        stmt.query_map([], |r| r.get(0))?.collect()
    }

    #[test]
    fn a_new_file_gets_every_migration_once_and_a_second_run_changes_nothing() -> TestResult {
        let mut conn = Connection::open_in_memory()?;
        migrate(&mut conn)?;
        let once = tables(&conn)?;
        migrate(&mut conn)?;
        assert_eq!(tables(&conn)?, once);
        let ran: i64 = conn.query_row(&format!("SELECT COUNT(*) FROM {HISTORY}"), [], |r| r.get(0))?;
        assert_eq!(ran, latest());
        assert_eq!(conn.query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0))?, latest());
        Ok(())
    }

    #[test]
    fn a_folder_from_before_refinery_is_taken_over_and_upgraded() -> TestResult {
        // Schema 7 as the old runner left it: the first seven files, user_version 7.
        let mut conn = Connection::open_in_memory()?;
        for m in migrations::runner().get_migrations().iter().filter(|m| m.version() <= 7) {
            conn.execute_batch(m.sql().ok_or("embedded sql")?)?;
        }
        conn.pragma_update(None, "user_version", 7)?;
        migrate(&mut conn)?;
        let mut fresh = Connection::open_in_memory()?;
        migrate(&mut fresh)?;
        assert_eq!(tables(&conn)?, tables(&fresh)?, "the same schema as a new file");
        Ok(())
    }

    #[test]
    fn a_file_from_a_newer_outpost_is_refused_with_what_to_do() -> TestResult {
        let mut conn = Connection::open_in_memory()?;
        migrate(&mut conn)?;
        conn.execute(
            &format!("INSERT INTO {HISTORY} (version, name, applied_on, checksum) VALUES (?1, 'later', '2027-01-01T00:00:00Z', '1')"),
            [latest() + 1],
        )?;
        let err = migrate(&mut conn).err().ok_or("refused")?;
        assert!(err.to_string().contains("newer Outpost"), "{err}");
        conn.pragma_update(None, "user_version", latest() + 5)?;
        let err = migrate(&mut conn).err().ok_or("refused")?;
        assert!(err.to_string().contains(&format!("schema {}", latest() + 5)), "{err}");
        Ok(())
    }
}
