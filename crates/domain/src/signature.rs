//! The customer's signature (客户签字) over a report, and the canonical content it covers.
//!
//! Signing computes a SHA-256 over a canonical JSON of the report, its part lines, the job's
//! identity and the signature's own facts (who, when, which image). Keys are sorted by this
//! module, not by serde, so the hash is the same in every binary. Once signed, the report is
//! frozen; HQ recomputes the hash and refuses a report whose content does not match.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};
use time::OffsetDateTime;

use crate::error::{DomainError, Result};
use crate::field::Field;
use crate::job::{Actor, Job, JobEvent, JobStatus, MoveDetails};
use crate::part::PartLine;
use crate::report::ServiceReport;
use crate::text::{self, NAME_MAX};
use crate::warranty::Quote;

pub mod content;

/// A signature given over one revision of a report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signature {
    pub signer_name: String,
    #[serde(with = "time::serde::rfc3339")]
    pub signed_at: OffsetDateTime,
    /// SHA-256 (hex) of the PNG of the handwritten signature.
    pub image_sha256: String,
    /// SHA-256 (hex) of the canonical report content at signing.
    pub content_sha256: String,
    /// SHA-256 (hex) of the pen strokes the pad recorded (JSON), kept beside the image; not
    /// part of the signed content.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub strokes_sha256: Option<String>,
}

impl Signature {
    /// The hash as printed on the receipt: the first 12 hex digits in groups of four.
    pub fn short_hash(&self) -> String {
        short_hash(&self.content_sha256)
    }
}

/// `3F2A-91C0-77BE` from a hex SHA-256.
pub fn short_hash(hex_sha256: &str) -> String {
    let upper = hex_sha256.to_ascii_uppercase();
    let head: Vec<&str> = [0, 4, 8].iter().filter_map(|&i| upper.get(i..i + 4)).collect();
    head.join("-")
}

/// SHA-256 of bytes, as lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// Checks that a text is a lowercase hex SHA-256.
pub fn check_sha256(field: Field, value: &str) -> Result<()> {
    if value.len() == 64 && value.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)) {
        Ok(())
    } else {
        Err(DomainError::NotSha256 { field })
    }
}

/// Largest signature image accepted, in bytes.
pub const MAX_SIGNATURE_PNG: usize = 2 * 1024 * 1024;

/// Checks that bytes are a PNG of a sensible size for a signature.
pub fn check_signature_png(bytes: &[u8]) -> Result<()> {
    const MAGIC: &[u8] = b"\x89PNG\r\n\x1a\n";
    if !bytes.starts_with(MAGIC) {
        return Err(DomainError::NotPng { field: Field::SignatureImage });
    }
    if bytes.len() > MAX_SIGNATURE_PNG {
        return Err(DomainError::FileTooLarge {
            field: Field::SignatureImage,
            kb: bytes.len() / 1024,
            max_kb: MAX_SIGNATURE_PNG / 1024,
        });
    }
    Ok(())
}

/// The canonical content a signature covers ([`content::ContentV1`]), as compact JSON with
/// sorted keys.
pub fn canonical_content(
    job: &Job,
    report: &ServiceReport,
    parts: &[PartLine],
    signer_name: &str,
    image_sha256: &str,
    signed_at: OffsetDateTime,
) -> Result<String> {
    let signed_at = signed_at
        .to_offset(time::UtcOffset::UTC)
        .format(&time::format_description::well_known::Rfc3339)
        .map_err(|_| DomainError::CannotWrite { field: Field::SignedAt, reason: "not a date".into() })?;
    let content = content::ContentV1::new(job, report, parts, signer_name, image_sha256, signed_at);
    let value = serde_json::to_value(&content).map_err(json_error)?;
    let mut out = String::new();
    write_canonical(&value, &mut out);
    Ok(out)
}

fn json_error(e: serde_json::Error) -> DomainError {
    DomainError::CannotWrite { field: Field::ServiceReport, reason: e.to_string() }
}

fn write_canonical(value: &Value, out: &mut String) {
    match value {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            out.push('{');
            for (i, key) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(key.clone()).to_string());
                out.push(':');
                write_canonical(&map[key], out);
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_canonical(item, out);
            }
            out.push(']');
        }
        scalar => out.push_str(&scalar.to_string()),
    }
}

/// What the customer gives when signing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignOff<'a> {
    pub signer_name: &'a str,
    pub image_sha256: &'a str,
    /// The pad's strokes, when a pad recorded them.
    pub strokes_sha256: Option<&'a str>,
    pub at: OffsetDateTime,
}

/// Signs the report: it must be complete, any charge accepted, and the job completed or
/// unresolved. Freezes the report and moves the job to `signed`. On error nothing changes.
pub fn sign_report(
    job: &mut Job,
    report: &mut ServiceReport,
    parts: &[PartLine],
    quote: &Quote,
    actor: Actor,
    sign_off: SignOff<'_>,
) -> Result<JobEvent> {
    if report.is_signed() {
        return Err(DomainError::ReportFrozen);
    }
    let signer_name = text::required(crate::field::Field::SignerName, sign_off.signer_name, NAME_MAX)?;
    check_sha256(crate::field::Field::SignatureImage, sign_off.image_sha256)?;
    if let Some(strokes) = sign_off.strokes_sha256 {
        check_sha256(crate::field::Field::SignatureImage, strokes)?;
    }
    // A visit recorded as done that is not (failed acceptance, waiting for parts) is said
    // first: filling the remaining fields would not make it signable.
    if job.status == JobStatus::Completed {
        report.check_done()?;
    }
    report.check_complete(parts)?;
    quote.check_accepted(report.quote_acceptance.as_ref())?;
    let content = canonical_content(job, report, parts, &signer_name, sign_off.image_sha256, sign_off.at)?;
    let event = job.apply(JobStatus::Signed, actor, sign_off.at, MoveDetails::default())?;
    report.signature = Some(Signature {
        signer_name,
        signed_at: sign_off.at,
        image_sha256: sign_off.image_sha256.to_owned(),
        content_sha256: sha256_hex(content.as_bytes()),
        strokes_sha256: sign_off.strokes_sha256.map(str::to_owned),
    });
    Ok(event)
}

/// Whether a signed report's content still matches the hash its signature was given over.
pub fn verify(job: &Job, report: &ServiceReport, parts: &[PartLine]) -> Result<bool> {
    let Some(sig) = &report.signature else {
        return Ok(false);
    };
    let content = canonical_content(job, report, parts, &sig.signer_name, &sig.image_sha256, sig.signed_at)?;
    Ok(sha256_hex(content.as_bytes()) == sig.content_sha256)
}

#[cfg(test)]
mod tests;
