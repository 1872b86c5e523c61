//! The day's reminders: promises, parts requests, factory repairs, ending periods.

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use outpost_wire::reminders::Reminders;

use crate::auth::Dispatcher;
use crate::error::Result;
use crate::reminders;
use crate::state::AppState;

/// The route of the reminders.
pub fn router() -> Router<AppState> {
    Router::new().route("/api/v1/reminders", get(list))
}

/// `GET /api/v1/reminders`: today's, soonest first.
pub async fn list(State(s): State<AppState>, _: Dispatcher) -> Result<Json<Reminders>> {
    let (today, now, offset) = (s.today(), s.now(), s.offset);
    Ok(Json(s.db.tx(move |tx| reminders::list(tx, today, now, offset)).await?))
}
