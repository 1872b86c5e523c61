//! The pull as a function over a transaction, without HTTP (a file-based sync reuses it).

use outpost_wire::sync::{Delta, Record};
use time::OffsetDateTime;

use super::pull_page;
use crate::db::Db;
use crate::{admin, enroll, log};

type TestResult = Result<(), Box<dyn std::error::Error>>;

#[test]
fn an_engineers_download_pages_through_to_the_end_and_a_reset_says_start_over() -> TestResult {
    let dir = tempfile::tempdir()?;
    let db = Db::open_sqlite(dir.path())?;
    let engineers = admin::seed_demo(&db, 30, OffsetDateTime::now_utc())?;
    let (name, _code) = engineers.first().ok_or("a demo engineer")?;
    let (engineer, epoch) = db.tx_blocking(|tx| Ok((enroll::engineer_named(tx, name)?, log::epoch(tx, "e")?)))?;

    let (mut cursor, mut pages, mut jobs, mut customers) = (String::new(), 0, 0, 0);
    loop {
        let page = db.tx_blocking(|tx| pull_page(tx, engineer, &epoch, &cursor, 7))?;
        assert!(!page.start_over && page.deltas.len() <= 7);
        for delta in &page.deltas {
            match delta {
                Delta::Upsert { record: Record::Job(_) } => jobs += 1,
                Delta::Upsert { record: Record::Customer(_) } => customers += 1,
                _ => {}
            }
        }
        pages += 1;
        cursor = page.cursor;
        if !page.has_more {
            break;
        }
    }
    assert!(pages > 1 && jobs > 0 && customers > 0, "{pages} pages, {jobs} jobs, {customers} customers");
    let again = db.tx_blocking(|tx| pull_page(tx, engineer, &epoch, &cursor, 7))?;
    assert!(again.deltas.is_empty() && !again.has_more, "at the end, nothing more");
    let reset = db.tx_blocking(|tx| pull_page(tx, engineer, "another-epoch", &cursor, 7))?;
    assert!(reset.start_over && reset.deltas.is_empty());
    Ok(())
}
