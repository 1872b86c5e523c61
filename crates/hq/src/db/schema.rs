//! HQ's schema: one source (`migrations/V<n>__<name>.sql`) for both backends, run by refinery
//! (as the laptop's store is), all pending migrations in one transaction. Where SQLite and
//! PostgreSQL differ, a migration names the difference as a placeholder, filled in here:
//!
//! | placeholder    | SQLite                | PostgreSQL                                        |
//! |----------------|-----------------------|---------------------------------------------------|
//! | `{{bytes}}`    | `BLOB`                | `BYTEA`                                           |
//! | `{{row_id}}`   | `INTEGER PRIMARY KEY` | `BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY` |
//!
//! Databases from before refinery counted their migrations (SQLite `PRAGMA user_version`,
//! PostgreSQL table `hq_schema`); they are taken over as they stand, and the count is still
//! kept so an older outpost-hq refuses a newer database instead of migrating it again.

use refinery::error::Kind;
use refinery::{Migration, Runner, Target};

use crate::error::{AppError, Result};

refinery::embed_migrations!("migrations");

/// The table refinery keeps the applied migrations in.
pub(super) const HISTORY: &str = "schema_history";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    fn fill(self, placeholder: &str) -> Option<&'static str> {
        Some(match (placeholder, self) {
            ("bytes", Backend::Sqlite) => "BLOB",
            ("bytes", Backend::Postgres) => "BYTEA",
            ("row_id", Backend::Sqlite) => "INTEGER PRIMARY KEY",
            ("row_id", Backend::Postgres) => "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY",
            _ => return None,
        })
    }
}

/// A migration's SQL for one backend; an unknown placeholder is a mistake in the source.
fn render(sql: &str, backend: Backend) -> Result<String> {
    let mut out = String::with_capacity(sql.len());
    let mut rest = sql;
    while let Some(start) = rest.find("{{") {
        let end = rest[start..]
            .find("}}")
            .map(|e| start + e)
            .ok_or_else(|| AppError::setup("an unclosed {{ in HQ's schema"))?;
        let name = rest[start + 2..end].trim();
        let filled = backend
            .fill(name)
            .ok_or_else(|| AppError::setup(format!("HQ's schema names an unknown placeholder {{{{{name}}}}}")))?;
        out.push_str(&rest[..start]);
        out.push_str(filled);
        rest = &rest[end + 2..];
    }
    out.push_str(rest);
    Ok(out)
}

/// Every migration, as this backend runs it.
pub(super) fn migrations(backend: Backend) -> Result<Vec<Migration>> {
    migrations::runner()
        .get_migrations()
        .iter()
        .map(|m| {
            let sql = render(m.sql().unwrap_or_default(), backend)?;
            Migration::unapplied(&format!("V{}__{}", m.version(), m.name()), &sql)
                .map_err(|e| AppError::setup(format!("HQ's schema: {e}")))
        })
        .collect()
}

/// The newest schema this build knows.
pub(super) fn latest() -> i64 {
    migrations::runner().get_migrations().iter().map(|m| i64::from(m.version())).max().unwrap_or(0)
}

fn runner(backend: Backend, target: Target) -> Result<Runner> {
    let mut runner = Runner::new(&migrations(backend)?).set_grouped(true).set_target(target);
    runner.set_migration_table_name(HISTORY);
    Ok(runner)
}

fn newer(found: i64) -> AppError {
    AppError::setup(format!("the database was written by a newer outpost-hq (schema {found}); update the server"))
}

/// Brings a database up to the newest schema. `counted` is what the old runner recorded (0
/// for none) and `has_history` whether refinery ran on it before.
pub(super) fn migrate<C: refinery::Migrate>(
    conn: &mut C,
    backend: Backend,
    counted: i64,
    has_history: bool,
) -> Result<()> {
    if counted > latest() {
        return Err(newer(counted));
    }
    if !has_history && counted > 0 {
        let version = i32::try_from(counted).unwrap_or(i32::MAX);
        runner(backend, Target::FakeVersion(version))?.run(conn).map_err(failed)?;
    }
    runner(backend, Target::Latest)?.run(conn).map_err(|e| match e.kind() {
        Kind::MissingVersion(m) => newer(i64::from(m.version())),
        _ => failed(e),
    })?;
    Ok(())
}

fn failed(e: refinery::Error) -> AppError {
    AppError::setup(format!("HQ's schema could not be upgraded: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_placeholder_is_filled_for_both_backends_and_only_they_differ() -> Result<()> {
        for backend in [Backend::Sqlite, Backend::Postgres] {
            for m in migrations(backend)? {
                let sql = m.sql().unwrap_or_default();
                assert!(!sql.contains("{{"), "{m} keeps a placeholder for {backend:?}");
            }
        }
        let (sqlite, postgres) = (migrations(Backend::Sqlite)?, migrations(Backend::Postgres)?);
        let first = |ms: &[Migration]| {
            ms.iter().find(|m| m.version() == 1).and_then(|m| m.sql().map(str::to_owned)).unwrap_or_default()
        };
        assert!(first(&sqlite).contains("bytes      BLOB NOT NULL"));
        assert!(first(&postgres).contains("bytes      BYTEA NOT NULL"));
        assert_eq!(sqlite.len() as i64, latest());
        Ok(())
    }

    #[test]
    fn an_unknown_placeholder_is_refused_by_name() {
        let err = render("CREATE TABLE t (x {{uuid}})", Backend::Sqlite).err().map(|e| e.to_string());
        assert!(err.is_some_and(|e| e.contains("{{uuid}}")));
        assert_eq!(render("a {{ bytes }} b", Backend::Postgres).ok().as_deref(), Some("a BYTEA b"));
    }
}
