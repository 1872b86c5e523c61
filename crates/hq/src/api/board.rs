//! The dispatch board: each engineer's jobs over some days and the queue nobody holds yet.

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use outpost_wire::board::Board;
use serde::Deserialize;
use time::Date;

use crate::auth::Dispatcher;
use crate::error::Result;
use crate::json::Params;
use crate::state::AppState;
use crate::{board, dispatch};

/// The routes of the board.
pub fn router() -> Router<AppState> {
    Router::new().route("/api/v1/board", get(get_board))
}

/// Which days: from `from` (HQ's UTC date by default; the console sends the dispatcher's own
/// day) for `days` days (1 by default, at most 14).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BoardQuery {
    #[serde(default)]
    pub from: Option<Date>,
    #[serde(default)]
    pub days: Option<u32>,
}

/// `GET /api/v1/board`: every engineer with the jobs they hold in those days (and what is still
/// open from earlier ones), and the unassigned queue, each job with its countdowns.
pub async fn get_board(State(s): State<AppState>, _: Dispatcher, Params(q): Params<BoardQuery>) -> Result<Json<Board>> {
    let now = s.now();
    let from = q.from.unwrap_or(now.date());
    let days = q.days.unwrap_or(1);
    Ok(Json(
        s.db.tx(move |tx| {
            let sla = dispatch::sla_policy(tx)?;
            board::board(tx, from, days, &sla, now)
        })
        .await?,
    ))
}
