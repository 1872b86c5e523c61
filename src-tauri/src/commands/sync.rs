//! The always-visible sync state, "sync now", and the changes HQ refused.

use tauri::State;

use crate::error::Result;
use crate::state::{AppState, on_state};
use crate::views::{RefusedView, SyncView};

/// The status at page load (events sent before the page listens are lost).
#[tauri::command(rename_all = "snake_case")]
pub async fn get_sync_status(state: State<'_, AppState>) -> Result<SyncView> {
    state.sync_status()
}

#[tauri::command(rename_all = "snake_case")]
pub async fn sync_now(state: State<'_, AppState>) -> Result<SyncView> {
    state.wake_sync();
    state.sync_status()
}

/// Changes HQ refused for good and conflicts it settled its way, newest first, with the reasons.
#[tauri::command(rename_all = "snake_case")]
pub async fn list_refused(state: State<'_, AppState>) -> Result<Vec<RefusedView>> {
    on_state(&state, move |state| {
        let refused = state.laptop.refused(200)?;
        Ok(refused.iter().rev().map(RefusedView::of).collect())
    })
    .await
}

/// Sets aside a refused change the engineer has read; answers the list as it now stands.
#[tauri::command(rename_all = "snake_case")]
pub async fn dismiss_refused(state: State<'_, AppState>, number: i64) -> Result<Vec<RefusedView>> {
    on_state(&state, move |state| {
        state.laptop.dismiss_refused(number, time::OffsetDateTime::now_utc())?;
        Ok(state.laptop.refused(200)?.iter().rev().map(RefusedView::of).collect())
    })
    .await
}
