//! The job list, the job screen and the visit's status moves.

use outpost_domain::job::{JobStatus, UnsignedReason};
use tauri::State;

use super::now;
use crate::error::Result;
use crate::state::{AppState, on_state};
use crate::views::{JobRow, JobView};

/// Jobs of a list (`today`, `overdue`, `upcoming`, `all`), or those matching a search.
#[tauri::command(rename_all = "snake_case")]
pub async fn list_jobs(state: State<'_, AppState>, when: String, search: Option<String>) -> Result<Vec<JobRow>> {
    on_state(&state, move |state| {
        let now = now();
        // A screenful: the window lists at most 5,000 rows.
        let rows = state.laptop.jobs(&when, search.as_deref(), now, 5_000)?;
        Ok(rows.iter().map(|s| JobRow::of(s, now)).collect())
    })
    .await
}

pub(crate) fn view(state: &AppState, id: &str) -> Result<JobView> {
    let id = state.laptop.find_job(id)?;
    Ok(JobView::of(&state.laptop.job(id)?, now()))
}

/// After a local change: wake the sync loop and answer with the job as it now stands.
pub(crate) fn changed(state: &AppState, id: &str) -> Result<JobView> {
    state.wake_sync();
    view(state, id)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn get_job(state: State<'_, AppState>, id: String) -> Result<JobView> {
    on_state(&state, move |state| view(state, &id)).await
}

/// Moves the visit on: en route, on site, completed, unresolved (reason and promised date), departed.
#[tauri::command(rename_all = "snake_case")]
pub async fn transition_job(
    state: State<'_, AppState>,
    id: String,
    to: JobStatus,
    reason: Option<String>,
    promised_on: Option<String>,
) -> Result<JobView> {
    on_state(&state, move |state| {
        state.laptop.transition(state.laptop.find_job(&id)?, to, reason, promised_on.as_deref(), now())?;
        changed(state, &id)
    })
    .await
}

/// Reopens the signed report for a correction before leaving, saying what and why: the signed
/// revision is kept, the report goes on as the next one to be signed again.
#[tauri::command(rename_all = "snake_case")]
pub async fn reopen_report(state: State<'_, AppState>, id: String, reason: String) -> Result<JobView> {
    on_state(&state, move |state| {
        state.laptop.reopen_report(state.laptop.find_job(&id)?, &reason, now())?;
        changed(state, &id)
    })
    .await
}

/// Leaves before the customer signed, saying why (`other` needs a note): HQ sees it on the job.
#[tauri::command(rename_all = "snake_case")]
pub async fn leave_unsigned(
    state: State<'_, AppState>,
    id: String,
    reason: UnsignedReason,
    note: String,
) -> Result<JobView> {
    on_state(&state, move |state| {
        state.laptop.leave_unsigned(state.laptop.find_job(&id)?, reason, &note, now())?;
        changed(state, &id)
    })
    .await
}
