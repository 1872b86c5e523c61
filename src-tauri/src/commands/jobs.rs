//! The job list, the job screen and the visit's status moves.

use outpost_domain::job::{JobStatus, MoveDetails};
use outpost_store::jobs::JobFilter;
use outpost_store::{detail, search};
use tauri::State;
use time::Date;

use super::{job_id, now};
use crate::error::Result;
use crate::state::{AppState, on_state};
use crate::views::{JobRow, JobView};

/// Jobs of a list (`today`, `overdue`, `upcoming`, `all`), or those matching a search.
#[tauri::command(rename_all = "snake_case")]
pub async fn list_jobs(state: State<'_, AppState>, when: String, search: Option<String>) -> Result<Vec<JobRow>> {
    on_state(&state, move |state| {
        let filter = JobFilter::parse(&when)?;
        let (now, today) = (now(), state.today());
        // A screenful: the window lists at most 5,000 rows.
        let rows = state.store.read(|c| search::shown(c, filter, search.as_deref(), today, 5_000))?;
        Ok(rows.iter().map(|s| JobRow::of(s, now)).collect())
    })
    .await
}

pub(crate) fn view(state: &AppState, id: &str) -> Result<JobView> {
    let id = job_id(id)?;
    Ok(JobView::of(&state.store.read(|c| detail::job_detail(c, id))?, now()))
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
        let promised_on = promised_on.filter(|d| !d.trim().is_empty()).map(|d| parse_date(&d)).transpose()?;
        let details = MoveDetails { reason, promised_on, ..Default::default() };
        state.store.transition_job(job_id(&id)?, to, details, now())?;
        changed(state, &id)
    })
    .await
}

fn parse_date(s: &str) -> Result<Date> {
    Ok(outpost_domain::calendar::parse_date(outpost_domain::field::Field::PromisedDate, s)?)
}
