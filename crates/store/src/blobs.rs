//! Content-addressed files (signature PNGs, photos). A file is written and flushed to disk
//! under its SHA-256 before any row refers to it, so a crash leaves at worst an unreferenced
//! file, never a record whose bytes are missing.

use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};

use outpost_domain::signature::sha256_hex;
use rusqlite::{Connection, Transaction, params};
use time::OffsetDateTime;

use crate::codec::time_to_sql;
use crate::error::{Result, StoreError};

/// Where blobs live beside the database.
pub fn dir(db_path: &Path) -> PathBuf {
    db_path.parent().unwrap_or(Path::new(".")).join("blobs")
}

/// Writes the bytes under their hash (idempotent) and returns the hash.
pub fn write_file(db_path: &Path, bytes: &[u8]) -> Result<String> {
    let sha = sha256_hex(bytes);
    let dir = dir(db_path);
    let io = |e: std::io::Error| StoreError::Open {
        path: dir.display().to_string(),
        reason: format!("{e}; check the disk has space"),
    };
    fs::create_dir_all(&dir).map_err(io)?;
    let target = dir.join(&sha);
    if target.exists() {
        return Ok(sha);
    }
    let tmp = dir.join(format!("{sha}.part"));
    let mut file = File::create(&tmp).map_err(io)?;
    file.write_all(bytes).map_err(io)?;
    file.sync_all().map_err(io)?;
    fs::rename(&tmp, &target).map_err(io)?;
    File::open(&dir).and_then(|d| d.sync_all()).map_err(io)?;
    Ok(sha)
}

/// Records a blob as queued for upload (once).
pub fn record(tx: &Transaction<'_>, sha256: &str, size: usize, media_type: &str, at: OffsetDateTime) -> Result<()> {
    tx.execute(
        "INSERT OR IGNORE INTO blobs (sha256, size, media_type, created_at) VALUES (?1, ?2, ?3, ?4)",
        params![sha256, size as i64, media_type, time_to_sql(at)],
    )?;
    Ok(())
}

/// The bytes of a blob.
pub fn read(db_path: &Path, sha256: &str) -> Result<Vec<u8>> {
    outpost_domain::signature::check_sha256("blob", sha256)?;
    fs::read(dir(db_path).join(sha256)).map_err(|_| StoreError::NotFound { what: "file", id: sha256.to_owned() })
}

/// How many blobs wait for upload.
pub fn queued_count(conn: &Connection) -> Result<u64> {
    let n: i64 = conn.query_row("SELECT count(*) FROM blobs WHERE state = 'queued'", [], |r| r.get(0))?;
    Ok(u64::try_from(n).unwrap_or(0))
}

/// Blobs not yet uploaded to HQ, oldest first: (sha256, size).
pub fn queued(conn: &Connection, limit: usize) -> Result<Vec<(String, i64)>> {
    let mut stmt =
        conn.prepare_cached("SELECT sha256, size FROM blobs WHERE state = 'queued' ORDER BY created_at LIMIT ?1")?;
    let rows = stmt.query_map([limit as i64], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// HQ has the bytes.
pub fn mark_uploaded(tx: &Transaction<'_>, sha256: &str) -> Result<()> {
    tx.execute("UPDATE blobs SET state = 'uploaded' WHERE sha256 = ?1 AND state = 'queued'", [sha256])?;
    Ok(())
}
