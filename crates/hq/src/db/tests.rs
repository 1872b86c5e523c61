//! The databases as an IT department meets them: files and databases from before refinery,
//! and a PostgreSQL that drops HQ's connections (a restart, a failover).

use super::Db;
use super::schema::{Backend, HISTORY, latest, migrations};

type TestResult = Result<(), Box<dyn std::error::Error>>;

/// An admin client on the test cluster, a fresh database's name and its URL.
type FreshDatabase = (postgres::Client, String, String);

/// A fresh database on the test cluster; `None` outside `make test`.
fn fresh_postgres(prefix: &str) -> Result<Option<FreshDatabase>, Box<dyn std::error::Error>> {
    let Ok(url) = std::env::var("OUTPOST_TEST_PG_URL") else {
        eprintln!("needs OUTPOST_TEST_PG_URL: run it through scripts/with-postgres.sh (make test does)");
        return Ok(None);
    };
    let name = format!("{prefix}_{}", uuid::Uuid::now_v7().simple());
    let mut admin = postgres::Client::connect(&url, postgres::NoTls)?;
    admin.batch_execute(&format!("CREATE DATABASE {name}"))?;
    let url = format!("{}/{name}", url.rsplit_once('/').map_or(url.as_str(), |(b, _)| b));
    Ok(Some((admin, name, url)))
}

/// The first `n` migrations as the old runner applied them.
fn old_schema(backend: Backend, n: i32) -> Result<String, Box<dyn std::error::Error>> {
    let ms = migrations(backend)?;
    Ok(ms.iter().filter(|m| m.version() <= n).filter_map(|m| m.sql()).collect::<Vec<_>>().join("\n"))
}

#[test]
fn an_sqlite_file_from_before_refinery_is_taken_over_with_its_rows() -> TestResult {
    let dir = tempfile::tempdir()?;
    let conn = rusqlite::Connection::open(dir.path().join("hq.sqlite"))?;
    conn.execute_batch(&old_schema(Backend::Sqlite, 4)?)?;
    conn.pragma_update(None, "user_version", 4)?;
    conn.execute("INSERT INTO hq_meta (key, value) VALUES ('epoch', 'kept')", [])?;
    drop(conn);
    let db = Db::open_sqlite(dir.path())?;
    assert_eq!(db.tx_blocking(|tx| crate::log::epoch(tx, "new"))?, "kept", "the rows stay");
    drop(db);
    let conn = rusqlite::Connection::open(dir.path().join("hq.sqlite"))?;
    let ran: i64 = conn.query_row(&format!("SELECT COUNT(*) FROM {HISTORY}"), [], |r| r.get(0))?;
    assert_eq!(ran, latest());
    assert_eq!(conn.query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0))?, latest());
    conn.pragma_update(None, "user_version", latest() + 1)?;
    drop(conn);
    let err = Db::open_sqlite(dir.path()).err().map(|e| e.to_string()).unwrap_or_default();
    assert!(err.contains("newer outpost-hq"), "{err}");
    Ok(())
}

#[test]
fn a_postgres_database_from_before_refinery_is_taken_over_with_its_rows() -> TestResult {
    let Some((_admin, _, url)) = fresh_postgres("takeover")? else { return Ok(()) };
    let mut old = postgres::Client::connect(&url, postgres::NoTls)?;
    old.batch_execute(&old_schema(Backend::Postgres, 5)?)?;
    old.batch_execute(
        "CREATE TABLE hq_schema (version BIGINT NOT NULL); INSERT INTO hq_schema VALUES (5);
         INSERT INTO hq_meta (key, value) VALUES ('epoch', 'kept');",
    )?;
    drop(old);
    let db = Db::open_postgres(&url)?;
    assert_eq!(db.tx_blocking(|tx| crate::log::epoch(tx, "new"))?, "kept", "the rows stay");
    drop(db);
    let mut conn = postgres::Client::connect(&url, postgres::NoTls)?;
    let ran: i64 = conn.query_one(&format!("SELECT COUNT(*) FROM {HISTORY}"), &[])?.get(0);
    assert_eq!(ran, latest());
    let counted: i64 = conn.query_one("SELECT version FROM hq_schema", &[])?.get(0);
    assert_eq!(counted, latest(), "kept for older outpost-hq builds");
    Ok(())
}

#[test]
fn after_postgres_drops_every_connection_the_next_transaction_still_works() -> TestResult {
    let Some((mut admin, name, url)) = fresh_postgres("restart")? else { return Ok(()) };
    let db = Db::open_postgres(&url)?;
    assert_eq!(db.tx_blocking(|tx| crate::log::epoch(tx, "e1"))?, "e1");
    // What a restart or a failover does to HQ's pooled connections.
    let killed: i64 = admin
        .query_one(
            "SELECT count(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1) t",
            &[&name],
        )?
        .get(0);
    assert!(killed >= 1, "HQ's connections were dropped");
    // As after a restart: the old server processes are gone before HQ's next request.
    let gone = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while admin.query_one("SELECT count(*) FROM pg_stat_activity WHERE datname = $1", &[&name])?.get::<_, i64>(0) > 0 {
        assert!(std::time::Instant::now() < gone, "the terminated backends did not go away");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    for _ in 0..3 {
        assert_eq!(db.tx_blocking(|tx| crate::log::epoch(tx, "e2"))?, "e1", "a fresh connection, the same data");
    }
    Ok(())
}
