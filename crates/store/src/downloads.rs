//! The laptop's side of a sync download: pages staged as they arrive (so a dropped connection
//! or a crash resumes where it stopped), then applied whole, with the new cursor, in one
//! transaction. The records themselves are applied through [`crate::Import`].

use rusqlite::{Connection, Transaction, params};

use crate::device::{get, set};
use crate::error::Result;

const CURSOR: &str = "sync_cursor";
const STAGED_CURSOR: &str = "sync_staged_cursor";

/// The cursor of the last download applied (empty before the first).
pub fn applied_cursor(conn: &Connection) -> Result<String> {
    Ok(get(conn, CURSOR)?.unwrap_or_default())
}

/// Where the next page of the current download starts: after the last staged page, or at the
/// applied cursor when nothing is staged.
pub fn download_cursor(conn: &Connection) -> Result<String> {
    match get(conn, STAGED_CURSOR)? {
        Some(c) => Ok(c),
        None => applied_cursor(conn),
    }
}

/// Stages one page (raw JSON deltas, in order) and the cursor after it.
pub fn stage(tx: &Transaction<'_>, deltas: &[String], cursor_after: &str) -> Result<()> {
    let mut insert = tx.prepare_cached("INSERT INTO sync_staging (delta) VALUES (?1)")?;
    for d in deltas {
        insert.execute([d])?;
    }
    set(tx, STAGED_CURSOR, cursor_after)
}

/// The staged deltas in arrival order.
pub fn staged(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached("SELECT delta FROM sync_staging ORDER BY position")?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Makes the staged cursor the applied one and empties the staging area (same transaction as
/// applying the deltas).
pub fn finish(tx: &Transaction<'_>) -> Result<()> {
    if let Some(c) = get(tx, STAGED_CURSOR)? {
        set(tx, CURSOR, &c)?;
    }
    tx.execute("DELETE FROM sync_staging", [])?;
    tx.execute("DELETE FROM device WHERE key = ?1", [STAGED_CURSOR])?;
    Ok(())
}

/// Forgets the download position (HQ said start over): the next download starts from empty.
pub fn start_over(tx: &Transaction<'_>) -> Result<()> {
    tx.execute("DELETE FROM sync_staging", [])?;
    tx.execute("DELETE FROM device WHERE key IN (?1, ?2)", params![CURSOR, STAGED_CURSOR])?;
    Ok(())
}
