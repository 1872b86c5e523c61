//! Work kept off the engineer's save, done on its own connection and thread once saves pause:
//! indexing the reports saved since (one index segment for a burst of typing instead of one per
//! keystroke: FTS5's merges cost up to 40 ms on an unlucky save), merging index segments, and a
//! PASSIVE WAL checkpoint (never blocks a writer or a reader). Whatever fails is retried after
//! the next save; the data itself is already committed.

use std::path::Path;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, SyncSender};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use rusqlite::{Connection, TransactionBehavior};

use crate::db::BUSY_TIMEOUT;
use crate::error::Result;
use crate::reports;

/// Saves in a burst closer together than this share one round of housekeeping.
const QUIET: Duration = Duration::from_millis(250);
/// Housekeeping runs at least this often while saves keep coming.
const MAX_DELAY: Duration = Duration::from_secs(2);
/// Reports indexed per transaction, so a long backlog never holds the write lock for long.
const INDEX_BATCH: usize = 200;

#[derive(Debug)]
pub(crate) struct Housekeeper {
    wake: Option<SyncSender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Housekeeper {
    pub(crate) fn start(path: &Path) -> rusqlite::Result<Housekeeper> {
        let mut conn = Connection::open(path)?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        let (wake, woken) = mpsc::sync_channel::<()>(1);
        let thread = std::thread::Builder::new()
            .name("outpost-housekeeping".into())
            .spawn(move || {
                while woken.recv().is_ok() {
                    let closing = wait_for_quiet(&woken);
                    let _ = tidy(&mut conn);
                    if closing {
                        break;
                    }
                }
            })
            .map_err(|e| rusqlite::Error::InvalidParameterName(format!("cannot start the housekeeping thread: {e}")))?;
        Ok(Housekeeper { wake: Some(wake), thread: Some(thread) })
    }

    /// Something was saved: tidy up once saves pause.
    pub(crate) fn wake(&self) {
        if let Some(wake) = &self.wake {
            let _ = wake.try_send(());
        }
    }
}

/// Waits until no save came for [`QUIET`] (or [`MAX_DELAY`] passed); true when the store closes.
fn wait_for_quiet(woken: &Receiver<()>) -> bool {
    let first = Instant::now();
    while first.elapsed() < MAX_DELAY {
        match woken.recv_timeout(QUIET) {
            Ok(()) => continue,
            Err(RecvTimeoutError::Timeout) => return false,
            Err(RecvTimeoutError::Disconnected) => return true,
        }
    }
    false
}

fn tidy(conn: &mut Connection) -> Result<()> {
    loop {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let indexed = reports::index_backlog(&tx, INDEX_BATCH)?;
        tx.commit()?;
        if indexed < INDEX_BATCH {
            break;
        }
    }
    conn.execute("INSERT INTO search (search, rank) VALUES ('merge', 64)", [])?;
    conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()))?;
    Ok(())
}

impl Drop for Housekeeper {
    /// Closing the store finishes the pending work (a CLI command saves, then exits).
    fn drop(&mut self) {
        self.wake.take();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
