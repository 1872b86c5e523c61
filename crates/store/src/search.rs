//! Full-text search (FTS5) over customers, equipment, jobs and reports, in any script.
//!
//! SQLite's tokenizer keeps a run of Chinese characters as one token, so "压缩机" would not find
//! "空气压缩机". Han, kana and hangul are therefore indexed one character per token, and a
//! query's CJK run becomes a phrase of those characters: exact substring matching for Chinese,
//! word-prefix matching for Latin text and serial numbers.

use std::collections::HashSet;

use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde::Serialize;

use crate::error::Result;

/// What a search hit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum HitKind {
    Customer,
    Equipment,
    Job,
    Report,
}

impl HitKind {
    fn as_str(&self) -> &'static str {
        match self {
            HitKind::Customer => "customer",
            HitKind::Equipment => "equipment",
            HitKind::Job => "job",
            HitKind::Report => "report",
        }
    }

    fn parse(s: &str) -> HitKind {
        match s {
            "customer" => HitKind::Customer,
            "equipment" => HitKind::Equipment,
            "report" => HitKind::Report,
            _ => HitKind::Job,
        }
    }
}

/// One search result, best first.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchHit {
    pub kind: HitKind,
    /// The id of the customer, equipment or job (a report's id is its job's).
    pub id: String,
    /// The job it belongs to, for jobs and reports.
    pub job_id: Option<String>,
    pub title: String,
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF      // kana
        | 0x3400..=0x4DBF    // CJK extension A
        | 0x4E00..=0x9FFF    // CJK unified ideographs
        | 0xAC00..=0xD7AF    // hangul
        | 0xF900..=0xFAFF    // compatibility ideographs
        | 0x20000..=0x3134F) // extensions B-G
}

/// The text as it goes into the index: CJK characters spaced apart.
pub fn index_form(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    for c in text.chars() {
        if is_cjk(c) {
            out.push(' ');
            out.push(c);
            out.push(' ');
        } else {
            out.push(c);
        }
    }
    out
}

/// The FTS5 query for what a person typed, or `None` when nothing searchable is left.
/// Every term is a quoted phrase, so no input can be read as query syntax.
pub fn query_form(typed: &str) -> Option<String> {
    let mut phrases = Vec::new();
    for word in typed.split_whitespace() {
        let mut cjk = String::new();
        let mut latin = String::new();
        for c in word.chars() {
            if is_cjk(c) {
                flush_latin(&mut latin, &mut phrases);
                cjk.push(c);
            } else {
                flush_cjk(&mut cjk, &mut phrases);
                latin.push(if c.is_alphanumeric() { c } else { ' ' });
            }
        }
        flush_latin(&mut latin, &mut phrases);
        flush_cjk(&mut cjk, &mut phrases);
    }
    (!phrases.is_empty()).then(|| phrases.join(" "))
}

fn flush_cjk(run: &mut String, phrases: &mut Vec<String>) {
    if !run.is_empty() {
        let spaced: Vec<String> = run.chars().map(String::from).collect();
        phrases.push(format!("\"{}\"", spaced.join(" ")));
        run.clear();
    }
}

fn flush_latin(run: &mut String, phrases: &mut Vec<String>) {
    let tokens: Vec<&str> = run.split_whitespace().collect();
    if !tokens.is_empty() {
        phrases.push(format!("\"{}\" *", tokens.join(" ")));
    }
    run.clear();
}

/// Replaces the index entry of one thing.
pub fn index(
    tx: &Transaction<'_>,
    kind: HitKind,
    ref_id: &str,
    job_id: Option<&str>,
    title: &str,
    body: &str,
) -> Result<()> {
    let existing: Option<i64> = tx
        .query_row(
            "SELECT doc_id FROM search_docs WHERE kind = ?1 AND ref_id = ?2",
            params![kind.as_str(), ref_id],
            |r| r.get(0),
        )
        .optional()?;
    let doc_id = match existing {
        Some(id) => {
            tx.execute("DELETE FROM search WHERE rowid = ?1", [id])?;
            tx.execute("UPDATE search_docs SET title = ?2 WHERE doc_id = ?1", params![id, title])?;
            id
        }
        None => {
            tx.execute(
                "INSERT INTO search_docs (kind, ref_id, job_id, title) VALUES (?1, ?2, ?3, ?4)",
                params![kind.as_str(), ref_id, job_id, title],
            )?;
            tx.last_insert_rowid()
        }
    };
    tx.execute(
        "INSERT INTO search (rowid, title, body) VALUES (?1, ?2, ?3)",
        params![doc_id, index_form(title), index_form(body)],
    )?;
    Ok(())
}

/// Searches everything: matches in titles (job number, customer, equipment) first, then
/// matches anywhere; newest first within each. Ordering by rowid lets FTS5 stop after `limit`
/// hits, where ranking by bm25 would score every match (80 ms for a common word at 100k jobs).
pub fn search(conn: &Connection, typed: &str, limit: usize) -> Result<Vec<SearchHit>> {
    let Some(query) = query_form(typed) else {
        return Ok(Vec::new());
    };
    let mut stmt = conn.prepare_cached(
        "SELECT d.doc_id, d.kind, d.ref_id, d.job_id, d.title
           FROM search s JOIN search_docs d ON d.doc_id = s.rowid
          WHERE search MATCH ?1
          ORDER BY s.rowid DESC
          LIMIT ?2",
    )?;
    let mut seen = HashSet::new();
    let mut hits = Vec::new();
    for expression in [format!("{{title}} : ({query})"), query] {
        let rows = stmt.query_map(params![expression, limit as i64], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                SearchHit {
                    kind: HitKind::parse(&r.get::<_, String>(1)?),
                    id: r.get(2)?,
                    job_id: r.get(3)?,
                    title: r.get(4)?,
                },
            ))
        })?;
        for row in rows {
            let (doc_id, hit) = row?;
            if hits.len() < limit && seen.insert(doc_id) {
                hits.push(hit);
            }
        }
        if hits.len() >= limit {
            break;
        }
    }
    Ok(hits)
}

/// The jobs a list screen shows: those matching `typed` (trimmed; blank is no search, at most
/// 200 matches), or else the list `filter` of `today`, at most `limit`. The app and the CLI
/// both list through here.
pub fn shown(
    conn: &Connection,
    filter: crate::jobs::JobFilter,
    typed: Option<&str>,
    today: time::Date,
    limit: usize,
) -> Result<Vec<crate::jobs::JobSummary>> {
    match typed.map(str::trim).filter(|q| !q.is_empty()) {
        Some(q) => matching_jobs(conn, q, 200),
        None => crate::jobs::list(conn, filter, today, limit),
    }
}

/// The jobs whose job or report text matches what was typed, best first, each once.
pub fn matching_jobs(conn: &Connection, typed: &str, limit: usize) -> Result<Vec<crate::jobs::JobSummary>> {
    let mut seen = HashSet::new();
    let ids: Vec<outpost_domain::ids::JobId> = search(conn, typed, limit)?
        .into_iter()
        .filter(|h| matches!(h.kind, HitKind::Job | HitKind::Report))
        .filter_map(|h| h.job_id.and_then(|id| id.parse().ok()))
        .filter(|id| seen.insert(*id))
        .collect();
    crate::jobs::summaries(conn, &ids)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cjk_is_indexed_per_character() {
        assert_eq!(index_form("空压机A"), " 空  压  机 A");
    }

    #[test]
    fn queries_become_quoted_phrases() {
        assert_eq!(query_form("压缩机").as_deref(), Some("\"压 缩 机\""));
        assert_eq!(query_form("GA-37 ").as_deref(), Some("\"GA 37\" *"));
        assert_eq!(query_form("济南GA").as_deref(), Some("\"济 南\" \"GA\" *"));
        assert_eq!(query_form("\"OR\" NEAR(").as_deref(), Some("\"OR\" * \"NEAR\" *"));
        assert_eq!(query_form("  -- ").as_deref(), None);
    }
}
