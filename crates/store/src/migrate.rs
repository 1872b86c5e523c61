//! Forward-only migrations embedded in the binary. `PRAGMA user_version` records how many ran;
//! each runs in its own transaction; an applied migration is never edited, only followed.

use rusqlite::Connection;

use crate::error::{Result, StoreError};

const MIGRATIONS: &[&str] = &[
    include_str!("../migrations/0001_init.sql"),
    include_str!("../migrations/0002_sync.sql"),
    include_str!("../migrations/0003_search_queue.sql"),
    include_str!("../migrations/0004_van_stock.sql"),
    include_str!("../migrations/0005_parts_requests.sql"),
    include_str!("../migrations/0006_change_identity.sql"),
    include_str!("../migrations/0007_clock_suspect.sql"),
    include_str!("../migrations/0008_refusals.sql"),
    include_str!("../migrations/0009_no_report_revisions.sql"),
];

/// Brings the database up to the newest schema.
pub fn migrate(conn: &mut Connection) -> Result<()> {
    let applied: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let applied = usize::try_from(applied).unwrap_or(usize::MAX);
    if applied > MIGRATIONS.len() {
        return Err(StoreError::Open {
            path: conn.path().unwrap_or("?").to_owned(),
            reason: format!(
                "it was written by a newer Outpost (schema {applied}, this one knows {}); update the app",
                MIGRATIONS.len()
            ),
        });
    }
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(applied) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", (index + 1) as i64)?;
        tx.commit()?;
    }
    Ok(())
}
