//! The SQLite backend: one file, one connection (SQLite has one writer anyway), WAL and
//! `synchronous=FULL` so an acknowledged push survives a power cut.

use std::path::Path;
use std::sync::Mutex;
use std::time::Duration;

use rusqlite::types::ValueRef;
use rusqlite::{Connection, TransactionBehavior};

use super::schema::{self, Backend};
use super::{Row, Tx, Value};
use crate::error::{AppError, Result};

#[derive(Debug)]
pub(super) struct Sqlite {
    conn: Mutex<Connection>,
}

impl Sqlite {
    pub(super) fn open(data_dir: &Path) -> Result<Sqlite> {
        std::fs::create_dir_all(data_dir)
            .map_err(|e| AppError::setup(format!("cannot create {}: {e}", data_dir.display())))?;
        let path = data_dir.join("hq.sqlite");
        let mut conn =
            Connection::open(&path).map_err(|e| AppError::setup(format!("cannot open {}: {e}", path.display())))?;
        conn.busy_timeout(Duration::from_secs(10))?;
        conn.query_row("PRAGMA journal_mode = WAL", [], |_| Ok(()))?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        // Reads of a whole month (the statistics) pass over every page of its jobs: map the
        // file instead of copying each page in, and keep more of it cached between queries.
        conn.pragma_update(None, "mmap_size", 1_i64 << 30)?;
        conn.pragma_update(None, "cache_size", -65_536)?;
        migrate(&mut conn).map_err(|e| AppError::setup(format!("{}: {e}", path.display())))?;
        Ok(Sqlite { conn: Mutex::new(conn) })
    }

    pub(super) fn tx<T>(&self, f: impl FnOnce(&mut dyn Tx) -> Result<T>) -> Result<T> {
        let mut conn = self.conn.lock().unwrap_or_else(|p| p.into_inner());
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut wrapped = SqliteTx { tx };
        let value = f(&mut wrapped)?;
        wrapped.tx.commit()?;
        Ok(value)
    }
}

struct SqliteTx<'c> {
    tx: rusqlite::Transaction<'c>,
}

/// `$1` → `?1`: the SQL is written for PostgreSQL's placeholders.
fn placeholders(sql: &str) -> String {
    sql.replace('$', "?")
}

fn bind(params: &[Value]) -> Vec<rusqlite::types::Value> {
    params
        .iter()
        .map(|v| match v {
            Value::Null => rusqlite::types::Value::Null,
            Value::Int(i) => rusqlite::types::Value::Integer(*i),
            Value::Text(s) => rusqlite::types::Value::Text(s.clone()),
            Value::Bytes(b) => rusqlite::types::Value::Blob(b.clone()),
        })
        .collect()
}

impl Tx for SqliteTx<'_> {
    fn execute(&mut self, sql: &str, params: &[Value]) -> Result<u64> {
        let mut stmt = self.tx.prepare_cached(&placeholders(sql))?;
        let n = stmt.execute(rusqlite::params_from_iter(bind(params)))?;
        Ok(n as u64)
    }

    fn query(&mut self, sql: &str, params: &[Value]) -> Result<Vec<Row>> {
        let mut stmt = self.tx.prepare_cached(&placeholders(sql))?;
        let columns = stmt.column_count();
        let mut rows = stmt.query(rusqlite::params_from_iter(bind(params)))?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let mut values = Vec::with_capacity(columns);
            for i in 0..columns {
                values.push(match r.get_ref(i)? {
                    ValueRef::Null => Value::Null,
                    ValueRef::Integer(v) => Value::Int(v),
                    ValueRef::Real(v) => Value::Int(v as i64),
                    ValueRef::Text(t) => Value::Text(String::from_utf8_lossy(t).into_owned()),
                    ValueRef::Blob(b) => Value::Bytes(b.to_vec()),
                });
            }
            out.push(Row(values));
        }
        Ok(out)
    }

    fn for_update(&self) -> &'static str {
        ""
    }
}

/// Brings the file up to the newest schema (`schema.rs`); the count the old runner kept in
/// `PRAGMA user_version` is taken over, and kept for older outpost-hq builds.
fn migrate(conn: &mut Connection) -> Result<()> {
    let counted: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let has_history: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?1)",
        [schema::HISTORY],
        |r| r.get(0),
    )?;
    schema::migrate(conn, Backend::Sqlite, counted, has_history)?;
    conn.pragma_update(None, "user_version", schema::latest())?;
    Ok(())
}
