//! The app's state, managed once: the engineer's laptop (data folder and store) and the
//! background sync loop.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use outpost_laptop::Laptop;
use outpost_sync::watch::{SyncLoop, SyncStatus};
use tauri::{AppHandle, Emitter, Manager, Runtime, State};
use time::UtcOffset;

use crate::error::{AppError, Result};
use crate::views::SyncView;

/// The event the status bar listens to.
pub const SYNC_EVENT: &str = "sync-status";

/// Everything the commands share; a clone shares the same store and sync loop.
#[derive(Debug, Clone)]
pub struct AppState {
    /// The data folder and the laptop's time zone (read at start: it can only be read safely then).
    pub laptop: Laptop,
    sync: Arc<Mutex<Option<SyncLoop>>>,
}

impl AppState {
    /// Opens (or creates) the store in `data_dir`.
    pub fn open(data_dir: PathBuf, offset: UtcOffset) -> Result<AppState> {
        Ok(AppState { laptop: Laptop::open(data_dir, offset)?, sync: Arc::new(Mutex::new(None)) })
    }

    /// Starts the background sync loop when the laptop is enrolled and no loop runs yet; every
    /// status it publishes goes to the window as [`SYNC_EVENT`].
    pub fn start_sync<R: Runtime>(&self, app: &AppHandle<R>) -> Result<()> {
        if !self.laptop.settings()?.enrolled {
            return Ok(());
        }
        let mut slot = self.sync.lock().map_err(|_| {
            AppError::system("sync_stopped", "the sync loop stopped; restart the app", "同步已停止：请重新启动应用")
        })?;
        if slot.is_none() {
            let app = app.clone();
            *slot = Some(SyncLoop::start(self.laptop.store().clone(), move |s: &SyncStatus| {
                let _ = app.emit(SYNC_EVENT, SyncView::of(s));
            }));
        }
        Ok(())
    }

    /// Stops the loop (sign-out).
    pub fn stop_sync(&self) {
        if let Ok(mut slot) = self.sync.lock() {
            slot.take();
        }
    }

    /// The loop's latest status, or "not enrolled".
    pub fn sync_status(&self) -> Result<SyncView> {
        let slot = self.sync.lock().map_err(|_| {
            AppError::system("sync_stopped", "the sync loop stopped; restart the app", "同步已停止：请重新启动应用")
        })?;
        Ok(match slot.as_ref() {
            Some(l) => SyncView::of(&l.status()),
            None => SyncView {
                state: "not_enrolled".into(),
                pending: self.laptop.pending()?,
                refused: 0,
                set_aside: Vec::new(),
                clock_offset_secs: None,
                hq_newer: false,
                last_success: None,
                last_error: None,
                next_attempt_in: None,
                progress: None,
            },
        })
    }

    /// Asks the loop to sync at once (after a local change or "sync now").
    pub fn wake_sync(&self) {
        if let Ok(slot) = self.sync.lock()
            && let Some(l) = slot.as_ref()
        {
            l.sync_now();
        }
    }
}

/// Runs a command's work on a blocking thread with its own handle on the state: the store
/// fsyncs and the HQ client blocks, and neither may hold up the async runtime.
pub async fn on_state<T: Send + 'static>(
    state: &AppState,
    f: impl FnOnce(&AppState) -> Result<T> + Send + 'static,
) -> Result<T> {
    let state = state.clone();
    blocking(move || f(&state)).await
}

/// Runs store work off the async runtime (the store and the HQ client block).
pub async fn blocking<T: Send + 'static>(f: impl FnOnce() -> Result<T> + Send + 'static) -> Result<T> {
    tauri::async_runtime::spawn_blocking(f)
        .await
        .map_err(|e| AppError::system("task_failed", format!("a task failed: {e}"), format!("一项后台任务失败：{e}")))?
}

/// The state from any manager (commands get it as `State<AppState>`).
pub fn state<R: Runtime>(app: &AppHandle<R>) -> State<'_, AppState> {
    app.state::<AppState>()
}
