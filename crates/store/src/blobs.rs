//! Content-addressed files (signature PNGs, photos). A file is written and flushed to disk
//! under its SHA-256 before any row refers to it, so a crash leaves at worst an unreferenced
//! file, never a record whose bytes are missing.

use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};

use outpost_domain::signature::sha256_hex;
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde::Serialize;
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

/// Records a blob as queued for upload (once). A file set aside before and written whole
/// again is no longer set aside.
pub fn record(tx: &Transaction<'_>, sha256: &str, size: usize, media_type: &str, at: OffsetDateTime) -> Result<()> {
    tx.execute("DELETE FROM set_aside_files WHERE sha256 = ?1", [sha256])?;
    tx.execute(
        "INSERT OR IGNORE INTO blobs (sha256, size, media_type, created_at) VALUES (?1, ?2, ?3, ?4)",
        params![sha256, size as i64, media_type, time_to_sql(at)],
    )?;
    Ok(())
}

/// The bytes of a blob.
pub fn read(db_path: &Path, sha256: &str) -> Result<Vec<u8>> {
    outpost_domain::signature::check_sha256(outpost_domain::field::Field::Blob, sha256)?;
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

/// Why a queued file cannot be sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FileProblem {
    /// The file is gone from the blobs folder.
    Missing,
    /// The file's bytes no longer match their hash (a disk error, a stray edit).
    Damaged,
}

impl FileProblem {
    /// The stable name, as stored.
    pub fn as_str(self) -> &'static str {
        match self {
            FileProblem::Missing => "missing",
            FileProblem::Damaged => "damaged",
        }
    }

    fn parse(text: &str) -> FileProblem {
        if text == "missing" { FileProblem::Missing } else { FileProblem::Damaged }
    }
}

/// What a file is for, in the report that needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FileUsage {
    /// The customer's signature over the report.
    Signature,
    /// The trainee's signature of an installation's training.
    TraineeSignature,
    /// Any other file.
    File,
}

impl FileUsage {
    /// The stable name, as stored.
    pub fn as_str(self) -> &'static str {
        match self {
            FileUsage::Signature => "signature",
            FileUsage::TraineeSignature => "trainee_signature",
            FileUsage::File => "file",
        }
    }

    fn parse(text: &str) -> FileUsage {
        [FileUsage::Signature, FileUsage::TraineeSignature]
            .into_iter()
            .find(|u| u.as_str() == text)
            .unwrap_or(FileUsage::File)
    }
}

/// A file set aside: out of the upload queue, with the job that needs it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SetAsideFile {
    pub sha256: String,
    pub problem: FileProblem,
    pub usage: FileUsage,
    pub job_number: Option<String>,
}

impl SetAsideFile {
    /// What happened and what to do, for `status`, `sync` and the sync bar.
    pub fn message(&self) -> String {
        let job = self.job_number.as_deref().unwrap_or("(no job)");
        let state = match self.problem {
            FileProblem::Missing => "is missing",
            FileProblem::Damaged => "is damaged",
        };
        match self.usage {
            FileUsage::Signature => {
                format!("the signature image of job {job} {state} on this laptop: ask the customer to sign again")
            }
            FileUsage::TraineeSignature => {
                format!("the trainee's signature of job {job} {state} on this laptop: ask the trainee to sign again")
            }
            FileUsage::File => format!("a file of job {job} {state} on this laptop: add it again"),
        }
    }
}

/// The bytes of a queued blob if they are whole; otherwise why not.
pub fn read_checked(db_path: &Path, sha256: &str) -> Result<std::result::Result<Vec<u8>, FileProblem>> {
    outpost_domain::signature::check_sha256(outpost_domain::field::Field::Blob, sha256)?;
    match fs::read(dir(db_path).join(sha256)) {
        Ok(bytes) if sha256_hex(&bytes) == sha256 => Ok(Ok(bytes)),
        Ok(_) => Ok(Err(FileProblem::Damaged)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Err(FileProblem::Missing)),
        Err(e) => Err(StoreError::Open { path: dir(db_path).display().to_string(), reason: e.to_string() }),
    }
}

/// Takes a file out of the upload queue and records why, with the report that needs it.
pub fn set_aside(tx: &Transaction<'_>, sha256: &str, problem: FileProblem, at: OffsetDateTime) -> Result<SetAsideFile> {
    let found: Option<(String, String, String)> = tx
        .query_row(
            "SELECT r.job_id, j.number,
                    CASE WHEN json_extract(r.body, '$.signature.image_sha256') = ?1 THEN 'signature'
                         WHEN json_extract(r.body, '$.trainee_signature') = ?1 THEN 'trainee_signature'
                         ELSE 'file' END
               FROM reports r JOIN jobs j ON j.id = r.job_id
              WHERE json_extract(r.body, '$.signature.image_sha256') = ?1
                 OR json_extract(r.body, '$.trainee_signature') = ?1",
            [sha256],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let (job_id, job_number, usage) = match found {
        Some((id, number, usage)) => (Some(id), Some(number), usage),
        None => (None, None, "file".to_owned()),
    };
    let problem_text = problem.as_str();
    tx.execute(
        "INSERT OR REPLACE INTO set_aside_files (sha256, problem, job_id, usage, found_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![sha256, problem_text, job_id, usage, time_to_sql(at)],
    )?;
    tx.execute("DELETE FROM blobs WHERE sha256 = ?1", [sha256])?;
    Ok(SetAsideFile { sha256: sha256.to_owned(), problem, usage: FileUsage::parse(&usage), job_number })
}

/// Every file set aside, newest first.
pub fn set_aside_files(conn: &Connection) -> Result<Vec<SetAsideFile>> {
    let mut stmt = conn.prepare_cached(
        "SELECT s.sha256, s.problem, s.usage, j.number FROM set_aside_files s LEFT JOIN jobs j ON j.id = s.job_id
          ORDER BY s.found_at DESC",
    )?;
    let rows = stmt.query_map([], |r| {
        let problem: String = r.get(1)?;
        let usage: String = r.get(2)?;
        Ok(SetAsideFile {
            sha256: r.get(0)?,
            problem: FileProblem::parse(&problem),
            usage: FileUsage::parse(&usage),
            job_number: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Does the job's report need the customer to sign again (its signature image was lost here)?
pub fn needs_new_signature(conn: &Connection, job_id: outpost_domain::ids::JobId) -> Result<bool> {
    let n: i64 = conn.query_row(
        "SELECT count(*) FROM set_aside_files WHERE job_id = ?1 AND usage = 'signature'",
        [job_id.to_text()],
        |r| r.get(0),
    )?;
    Ok(n > 0)
}
