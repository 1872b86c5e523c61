//! My month: the engineer's own monthly statistics, counted from the jobs on this laptop.

use tauri::State;

use super::now;
use crate::error::Result;
use crate::state::{AppState, on_state};
use crate::views::MyMonthView;

/// The figures of `month` (`YYYY-MM`; this month when none).
#[tauri::command(rename_all = "snake_case")]
pub async fn my_month(state: State<'_, AppState>, month: Option<String>) -> Result<MyMonthView> {
    on_state(&state, move |state| Ok(MyMonthView::of(&state.laptop.my_month(month.as_deref(), now())?))).await
}
