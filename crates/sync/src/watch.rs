//! The background sync loop for the desktop app and `outpost-cli sync --watch`: it syncs (the
//! idle round is one small pull, so no separate probe), backs off exponentially with jitter
//! while HQ does not answer, wakes at once on a local change or "sync now", and publishes a
//! status the UI can always show.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use outpost_store::blobs::{self, SetAsideFile};
use outpost_store::{Store, device, outbox};
use serde::Serialize;
use time::OffsetDateTime;

use crate::engine::{CycleReport, sync_reporting};
use crate::error::SyncError;

/// How often an idle, online laptop checks HQ for new work.
pub const IDLE: Duration = Duration::from_secs(30);
/// First retry after a failure; doubles up to [`MAX_BACKOFF`].
pub const FIRST_BACKOFF: Duration = Duration::from_secs(2);
/// Longest wait between attempts while HQ cannot be reached.
pub const MAX_BACKOFF: Duration = Duration::from_secs(300);
/// Successful cycles in a row that leave the same pending changes before the watchdog speaks.
pub const STALL_CYCLES: u32 = 3;

/// Where the sync stands, as the UI shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "state")]
pub enum SyncState {
    /// Not enrolled: nothing to sync with.
    NotEnrolled,
    /// A cycle is running.
    Syncing,
    /// The last cycle finished.
    Online,
    /// HQ could not be reached; the next try is scheduled.
    Offline,
    /// Something needs a person (refused token, HQ missing changes, no progress).
    Error,
}

/// The status published after every step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SyncStatus {
    pub state: SyncState,
    /// Changes waiting for HQ.
    pub pending: u64,
    /// Changes HQ refused for good (shown with their reasons).
    pub refused: u64,
    /// Files missing or damaged on this laptop, set aside so they hold nothing back.
    pub set_aside: Vec<SetAsideFile>,
    /// How far this laptop's clock was ahead of HQ's at the last sync (negative: behind).
    pub clock_offset_secs: Option<i64>,
    /// HQ is newer than this app (a newer protocol, or records this app skipped): update it.
    pub hq_newer: bool,
    /// When the last complete sync ended (RFC 3339).
    pub last_success: Option<String>,
    /// The last error, in words.
    pub last_error: Option<ErrorWords>,
    /// Seconds until the next attempt.
    pub next_attempt_in: Option<u64>,
    /// How far the running cycle has got (while syncing).
    pub progress: Option<SyncProgress>,
}

/// An error's words in English and in Chinese: the app shows its own language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ErrorWords {
    pub en: String,
    pub zh: String,
}

impl From<&SyncError> for ErrorWords {
    fn from(e: &SyncError) -> ErrorWords {
        ErrorWords { en: e.to_string(), zh: e.render(outpost_domain::customer::Language::ZhCn) }
    }
}

/// A running cycle's progress: changes sent of those waiting when it began, files sent, and
/// changes received from HQ so far.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct SyncProgress {
    pub sent: u64,
    pub to_send: u64,
    pub files_sent: u64,
    pub received: u64,
}

enum Wake {
    Now,
    Stop,
}

/// A running background loop; dropping it stops the loop after the current step.
#[derive(Debug)]
pub struct SyncLoop {
    wake: Sender<Wake>,
    status: Arc<Mutex<SyncStatus>>,
    thread: Option<JoinHandle<()>>,
}

fn jitter(d: Duration) -> Duration {
    // ±20 %, from the standard library's random hasher keys (no extra dependency).
    let mut h = RandomState::new().build_hasher();
    h.write_u64(d.as_millis() as u64);
    let spread = (h.finish() % 401) as f64 / 1000.0 - 0.2;
    d.mul_f64(1.0 + spread)
}

/// What the status shows of the store: changes waiting and refused, the last sync, and the
/// files set aside as missing or damaged.
fn counts(store: &Store) -> (u64, u64, Option<String>, Vec<SetAsideFile>) {
    store
        .read(|c| {
            Ok((
                outbox::pending_count(c)?,
                outbox::rejected_count(c)?,
                device::last_sync(c)?,
                blobs::set_aside_files(c)?,
            ))
        })
        .unwrap_or((0, 0, None, Vec::new()))
}

/// How far this laptop's clock was off HQ's at the last sync.
fn clock_offset(store: &Store) -> Option<i64> {
    store.read(device::clock_offset).ok().flatten()
}

/// Whether HQ is newer than this app.
fn hq_newer(store: &Store) -> bool {
    store.read(|c| device::hq_is_newer(c, outpost_wire::PROTOCOL)).unwrap_or(false)
}

impl SyncLoop {
    /// Starts the loop; `on_status` is called with every new status (from the loop's thread).
    pub fn start(store: Arc<Store>, on_status: impl Fn(&SyncStatus) + Send + 'static) -> SyncLoop {
        let (pending, refused, last_success, set_aside) = counts(&store);
        let initial = SyncStatus {
            state: SyncState::Offline,
            pending,
            refused,
            set_aside,
            clock_offset_secs: clock_offset(&store),
            hq_newer: hq_newer(&store),
            last_success,
            last_error: None,
            next_attempt_in: Some(0),
            progress: None,
        };
        let status = Arc::new(Mutex::new(initial));
        let (wake, woken) = mpsc::channel();
        let shared = status.clone();
        let thread = std::thread::Builder::new()
            .name("outpost-sync".into())
            .spawn(move || {
                // Stored before it is announced, so whoever hears of a status and then asks
                // `status()` sees that status or a newer one.
                let publish = |s: SyncStatus| {
                    *shared.lock().unwrap_or_else(|p| p.into_inner()) = s.clone();
                    on_status(&s);
                };
                let mut backoff = FIRST_BACKOFF;
                let mut stalled = 0u32;
                let mut wait = Duration::ZERO;
                loop {
                    match woken.recv_timeout(wait) {
                        Ok(Wake::Stop) | Err(RecvTimeoutError::Disconnected) => break,
                        Ok(Wake::Now) | Err(RecvTimeoutError::Timeout) => {}
                    }
                    while let Ok(w) = woken.try_recv() {
                        if matches!(w, Wake::Stop) {
                            return;
                        }
                    }
                    let (pending_before, refused, last_success, set_aside) = counts(&store);
                    let syncing = |done: &CycleReport| {
                        let sent = done.pushed as u64;
                        publish(SyncStatus {
                            state: SyncState::Syncing,
                            pending: pending_before.saturating_sub(sent),
                            refused,
                            set_aside: set_aside.clone(),
                            clock_offset_secs: clock_offset(&store),
                            hq_newer: hq_newer(&store),
                            last_success: last_success.clone(),
                            last_error: None,
                            next_attempt_in: None,
                            progress: Some(SyncProgress {
                                sent,
                                to_send: pending_before,
                                files_sent: done.files as u64,
                                received: done.pulled as u64,
                            }),
                        })
                    };
                    syncing(&CycleReport::default());
                    let result = sync_reporting(&store, &mut |done| syncing(done));
                    let (pending, refused, last_success, set_aside) = counts(&store);
                    let (state, error) = match result {
                        Ok(_) => {
                            backoff = FIRST_BACKOFF;
                            stalled = if pending > 0 && pending >= pending_before { stalled + 1 } else { 0 };
                            wait = if pending > 0 { FIRST_BACKOFF } else { IDLE };
                            if stalled >= STALL_CYCLES {
                                (
                                    SyncState::Error,
                                    Some(ErrorWords {
                                        en: format!(
                                            "{pending} changes are not going out although HQ answers; tell HQ support"
                                        ),
                                        zh: format!("总部有应答，但 {pending} 项修改一直发不出去：请联系总部技术支持"),
                                    }),
                                )
                            } else {
                                (SyncState::Online, None)
                            }
                        }
                        Err(SyncError::NoEnrollment) => {
                            wait = IDLE;
                            (SyncState::NotEnrolled, None)
                        }
                        Err(e) => {
                            wait = jitter(backoff);
                            backoff = (backoff * 2).min(MAX_BACKOFF);
                            let state = if e.is_transient() { SyncState::Offline } else { SyncState::Error };
                            (state, Some(ErrorWords::from(&e)))
                        }
                    };
                    publish(SyncStatus {
                        state,
                        pending,
                        refused,
                        set_aside,
                        clock_offset_secs: clock_offset(&store),
                        hq_newer: hq_newer(&store),
                        last_success,
                        last_error: error,
                        next_attempt_in: Some(wait.as_secs()),
                        progress: None,
                    });
                }
            })
            .ok();
        SyncLoop { wake, status, thread }
    }

    /// Syncs now (the "sync now" button, or right after a local change).
    pub fn sync_now(&self) {
        let _ = self.wake.send(Wake::Now);
    }

    /// The latest status.
    pub fn status(&self) -> SyncStatus {
        self.status.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }
}

impl Drop for SyncLoop {
    fn drop(&mut self) {
        let _ = self.wake.send(Wake::Stop);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// Now as RFC 3339 (for status lines).
pub fn now_text() -> String {
    OffsetDateTime::now_utc().format(&time::format_description::well_known::Rfc3339).unwrap_or_default()
}
