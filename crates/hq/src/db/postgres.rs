//! The PostgreSQL backend, for several HQ processes sharing one database: a pool of
//! connections (r2d2: a connection PostgreSQL closed is replaced, not handed out again), rows
//! locked with `FOR UPDATE` where two processes could race.

use std::collections::HashMap;
use std::error::Error as _;
use std::time::Duration;

use postgres::types::{IsNull, ToSql, Type, to_sql_checked};
use postgres::{Client, NoTls, Statement};

use super::schema::{self, Backend};
use super::{Row, Tx, Value};
use crate::error::{AppError, Result};

const POOL: u32 = 8;

impl std::fmt::Debug for Postgres {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Postgres")
    }
}

pub(super) struct Postgres {
    /// `None` only while dropping.
    pool: Option<r2d2::Pool<Connector>>,
}

/// A connection and the statements already prepared on it (preparing costs a round trip).
struct Connection {
    client: Client,
    statements: HashMap<String, Statement>,
    /// The server shut this connection down: the pool drops it rather than hand it out again.
    dead: bool,
}

/// Makes the pool's connections.
struct Connector {
    url: String,
}

impl r2d2::ManageConnection for Connector {
    type Connection = Connection;
    type Error = postgres::Error;

    fn connect(&self) -> std::result::Result<Connection, postgres::Error> {
        Ok(Connection { client: Client::connect(&self.url, NoTls)?, statements: HashMap::new(), dead: false })
    }

    fn is_valid(&self, conn: &mut Connection) -> std::result::Result<(), postgres::Error> {
        conn.client.simple_query("").map(drop)
    }

    fn has_broken(&self, conn: &mut Connection) -> bool {
        conn.dead || conn.client.is_closed()
    }
}

impl Postgres {
    pub(super) fn open(url: &str) -> Result<Postgres> {
        let cannot = |e: &dyn std::fmt::Display| AppError::setup(format!("cannot connect to PostgreSQL: {e}"));
        let mut first = Client::connect(url, NoTls).map_err(|e| cannot(&e))?;
        migrate(&mut first)?;
        close(first);
        let pool = r2d2::Pool::builder()
            .max_size(POOL)
            // No extra round trip per checkout (it cost a quarter of the throughput at 500
            // engineers): `tx` finds a dead connection by its BEGIN instead.
            .test_on_check_out(false)
            .connection_timeout(Duration::from_secs(10))
            .build(Connector { url: url.to_owned() })
            .map_err(|e| cannot(&e))?;
        Ok(Postgres { pool: Some(pool) })
    }

    pub(super) fn tx<T>(&self, f: impl FnOnce(&mut dyn Tx) -> Result<T>) -> Result<T> {
        let pool = self.pool.as_ref().ok_or_else(|| AppError::internal("the database is closing"))?;
        let mut f = Some(f);
        // After PostgreSQL restarts or fails over, every pooled connection is dead: each fails
        // its BEGIN, is dropped (r2d2 replaces it), and the next one is tried.
        for _ in 0..=POOL {
            let mut conn = pool.get().map_err(|e| AppError::internal(format!("postgres: no connection: {e}")))?;
            let conn = &mut *conn;
            let failed = match conn.client.transaction() {
                Ok(tx) => {
                    let mut wrapped = PgTx { tx, statements: &mut conn.statements };
                    let f = f.take().ok_or_else(|| AppError::internal("a transaction ran twice"))?;
                    let value = f(&mut wrapped)?;
                    wrapped.tx.commit()?;
                    return Ok(value);
                }
                Err(e) => e,
            };
            // Closed, or closing: the server said it is shutting this connection down (57P…).
            conn.dead = conn.client.is_closed()
                || failed.is_closed()
                || failed.code().is_some_and(|c| c.code().starts_with("57P"));
            if !conn.dead {
                return Err(failed.into());
            }
        }
        Err(AppError::internal("postgres: every connection was closed; is the server up?"))
    }
}

impl Drop for Postgres {
    /// The client blocks when it closes, which an async thread must not do: close the
    /// connections on a thread of their own.
    fn drop(&mut self) {
        let pool = self.pool.take();
        let _ = std::thread::spawn(move || drop(pool)).join();
    }
}

/// Closes a client off any async thread (see [`Postgres`]'s `Drop`).
fn close(client: Client) {
    let _ = std::thread::spawn(move || drop(client)).join();
}

/// Applies the migrations (`schema.rs`) once, even when several HQ processes start together:
/// they queue on an advisory lock. The count the old runner kept in `hq_schema` is taken over,
/// and kept for older outpost-hq builds.
fn migrate(client: &mut Client) -> Result<()> {
    client.execute("SELECT pg_advisory_lock(7318)", &[])?;
    let migrated = (|| {
        client.batch_execute("CREATE TABLE IF NOT EXISTS hq_schema (version BIGINT NOT NULL)")?;
        let counted: i64 = client.query_opt("SELECT version FROM hq_schema", &[])?.map(|r| r.get(0)).unwrap_or(0);
        let has_history: bool = client.query_one("SELECT to_regclass($1) IS NOT NULL", &[&schema::HISTORY])?.get(0);
        schema::migrate(client, Backend::Postgres, counted, has_history)?;
        let mut tx = client.transaction()?;
        tx.execute("DELETE FROM hq_schema", &[])?;
        tx.execute("INSERT INTO hq_schema (version) VALUES ($1)", &[&schema::latest()])?;
        tx.commit()?;
        Ok(())
    })();
    client.execute("SELECT pg_advisory_unlock(7318)", &[])?;
    migrated
}

struct PgTx<'c> {
    tx: postgres::Transaction<'c>,
    statements: &'c mut HashMap<String, Statement>,
}

impl PgTx<'_> {
    fn statement(&mut self, sql: &str) -> Result<Statement> {
        if let Some(s) = self.statements.get(sql) {
            return Ok(s.clone());
        }
        let prepared = self.tx.prepare(sql)?;
        self.statements.insert(sql.to_owned(), prepared.clone());
        Ok(prepared)
    }
}

impl ToSql for Value {
    fn to_sql(
        &self,
        ty: &Type,
        out: &mut postgres::types::private::BytesMut,
    ) -> std::result::Result<IsNull, Box<dyn std::error::Error + Sync + Send>> {
        match self {
            Value::Null => Ok(IsNull::Yes),
            Value::Int(i) if *ty == Type::INT4 => i32::try_from(*i)?.to_sql(ty, out),
            Value::Int(i) => i.to_sql(ty, out),
            Value::Text(s) => s.to_sql(ty, out),
            Value::Bytes(b) => b.to_sql(ty, out),
        }
    }

    fn accepts(_: &Type) -> bool {
        true
    }

    to_sql_checked!();
}

impl Tx for PgTx<'_> {
    fn execute(&mut self, sql: &str, params: &[Value]) -> Result<u64> {
        let statement = self.statement(sql)?;
        let params: Vec<&(dyn ToSql + Sync)> = params.iter().map(|v| v as &(dyn ToSql + Sync)).collect();
        Ok(self.tx.execute(&statement, &params)?)
    }

    fn query(&mut self, sql: &str, params: &[Value]) -> Result<Vec<Row>> {
        let statement = self.statement(sql)?;
        let params: Vec<&(dyn ToSql + Sync)> = params.iter().map(|v| v as &(dyn ToSql + Sync)).collect();
        let rows = self.tx.query(&statement, &params)?;
        rows.iter()
            .map(|r| {
                let mut values = Vec::with_capacity(r.len());
                for (i, column) in r.columns().iter().enumerate() {
                    let ty = column.type_();
                    let value = if *ty == Type::INT8 {
                        r.try_get::<_, Option<i64>>(i)?.map_or(Value::Null, Value::Int)
                    } else if *ty == Type::INT4 {
                        r.try_get::<_, Option<i32>>(i)?.map_or(Value::Null, |v| Value::Int(v.into()))
                    } else if *ty == Type::BYTEA {
                        r.try_get::<_, Option<Vec<u8>>>(i)?.map_or(Value::Null, Value::Bytes)
                    } else {
                        r.try_get::<_, Option<String>>(i)?.map_or(Value::Null, Value::Text)
                    };
                    values.push(value);
                }
                Ok(Row(values))
            })
            .collect::<std::result::Result<Vec<_>, postgres::Error>>()
            .map_err(|e| AppError::internal(format!("{e}{}", e.source().map(|s| format!(": {s}")).unwrap_or_default())))
    }

    fn for_update(&self) -> &'static str {
        " FOR UPDATE"
    }
}
