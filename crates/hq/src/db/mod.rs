//! The HQ's SQL, written once for two backends. Statements use `$1`-style placeholders and
//! portable SQL; domain records are stored as JSON text beside the columns queries filter on.
//! Work runs as a closure over one transaction on a blocking thread: all of it commits, or
//! none of it does.

mod postgres;
mod schema;
mod sqlite;
#[cfg(test)]
mod tests;

use std::sync::Arc;

use crate::error::{AppError, Result};

/// A value bound to, or read from, a statement.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Int(i64),
    Text(String),
    Bytes(Vec<u8>),
}

impl From<i64> for Value {
    fn from(v: i64) -> Self {
        Value::Int(v)
    }
}

impl From<&str> for Value {
    fn from(v: &str) -> Self {
        Value::Text(v.to_owned())
    }
}

impl From<String> for Value {
    fn from(v: String) -> Self {
        Value::Text(v)
    }
}

impl From<Vec<u8>> for Value {
    fn from(v: Vec<u8>) -> Self {
        Value::Bytes(v)
    }
}

impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(v: Option<T>) -> Self {
        v.map_or(Value::Null, Into::into)
    }
}

/// One result row.
#[derive(Debug, Clone, PartialEq)]
pub struct Row(pub Vec<Value>);

impl Row {
    fn value(&self, i: usize) -> Result<&Value> {
        self.0.get(i).ok_or_else(|| AppError::internal(format!("row has no column {i}")))
    }

    /// An integer column.
    pub fn int(&self, i: usize) -> Result<i64> {
        match self.value(i)? {
            Value::Int(v) => Ok(*v),
            other => Err(AppError::internal(format!("column {i} is {other:?}, not an integer"))),
        }
    }

    /// A text column.
    pub fn text(&self, i: usize) -> Result<String> {
        match self.value(i)? {
            Value::Text(v) => Ok(v.clone()),
            other => Err(AppError::internal(format!("column {i} is {other:?}, not text"))),
        }
    }

    /// A nullable text column.
    pub fn opt_text(&self, i: usize) -> Result<Option<String>> {
        match self.value(i)? {
            Value::Null => Ok(None),
            _ => self.text(i).map(Some),
        }
    }

    /// A nullable integer column.
    pub fn opt_int(&self, i: usize) -> Result<Option<i64>> {
        match self.value(i)? {
            Value::Null => Ok(None),
            _ => self.int(i).map(Some),
        }
    }

    /// A time column, stored as nanoseconds since the epoch.
    pub fn time(&self, i: usize) -> Result<time::OffsetDateTime> {
        time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(self.int(i)?))
            .map_err(|_| AppError::internal(format!("column {i} is not a time")))
    }

    /// A nullable time column.
    pub fn opt_time(&self, i: usize) -> Result<Option<time::OffsetDateTime>> {
        self.opt_int(i)?.map(|_| self.time(i)).transpose()
    }

    /// A date column, stored as `YYYY-MM-DD`.
    pub fn date(&self, i: usize) -> Result<time::Date> {
        let text = self.text(i)?;
        time::Date::parse(&text, &time::format_description::well_known::Iso8601::DATE)
            .map_err(|_| AppError::internal(format!("column {i} is not a date: {text}")))
    }

    /// A nullable date column.
    pub fn opt_date(&self, i: usize) -> Result<Option<time::Date>> {
        self.opt_text(i)?.map(|_| self.date(i)).transpose()
    }

    /// A bytes column.
    pub fn bytes(&self, i: usize) -> Result<Vec<u8>> {
        match self.value(i)? {
            Value::Bytes(v) => Ok(v.clone()),
            other => Err(AppError::internal(format!("column {i} is {other:?}, not bytes"))),
        }
    }

    /// A JSON text column decoded into a record.
    pub fn json<T: serde::de::DeserializeOwned>(&self, i: usize) -> Result<T> {
        let text = match self.value(i)? {
            Value::Text(v) => v,
            other => return Err(AppError::internal(format!("column {i} is {other:?}, not JSON text"))),
        };
        serde_json::from_str(text).map_err(|e| AppError::internal(format!("stored JSON in column {i}: {e}")))
    }
}

/// One open transaction.
pub trait Tx {
    /// Runs a statement; returns the number of rows changed.
    fn execute(&mut self, sql: &str, params: &[Value]) -> Result<u64>;
    /// Runs a query.
    fn query(&mut self, sql: &str, params: &[Value]) -> Result<Vec<Row>>;
    /// ` FOR UPDATE` where the backend locks rows (PostgreSQL); SQLite locks the whole file.
    fn for_update(&self) -> &'static str;

    /// The first row, if any.
    fn query_opt(&mut self, sql: &str, params: &[Value]) -> Result<Option<Row>> {
        Ok(self.query(sql, params)?.into_iter().next())
    }
}

/// The HQ database, either backend.
#[derive(Clone, Debug)]
pub struct Db(Arc<Backend>);

#[derive(Debug)]
enum Backend {
    Sqlite(sqlite::Sqlite),
    Postgres(postgres::Postgres),
}

impl Db {
    /// Opens (creating and migrating) the SQLite file `hq.sqlite` in `data_dir`.
    pub fn open_sqlite(data_dir: &std::path::Path) -> Result<Db> {
        Ok(Db(Arc::new(Backend::Sqlite(sqlite::Sqlite::open(data_dir)?))))
    }

    /// Connects (and migrates) a PostgreSQL database.
    pub fn open_postgres(url: &str) -> Result<Db> {
        Ok(Db(Arc::new(Backend::Postgres(postgres::Postgres::open(url)?))))
    }

    /// Runs `f` in one transaction on a blocking thread; commits on `Ok`, rolls back on `Err`.
    pub async fn tx<T, F>(&self, f: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut dyn Tx) -> Result<T> + Send + 'static,
    {
        let db = self.clone();
        tokio::task::spawn_blocking(move || db.tx_blocking(f))
            .await
            .map_err(|e| AppError::internal(format!("database task failed: {e}")))?
    }

    /// [`Db::tx`] for callers that are already on a blocking thread (admin commands).
    pub fn tx_blocking<T>(&self, f: impl FnOnce(&mut dyn Tx) -> Result<T>) -> Result<T> {
        match &*self.0 {
            Backend::Sqlite(db) => db.tx(f),
            Backend::Postgres(db) => db.tx(f),
        }
    }
}
