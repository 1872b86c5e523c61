//! The service report, parts and quote, ratings and the customer's signature. Every change is
//! saved at once (autosave) and answered with the job screen as it now stands.

use base64::Engine;
use outpost_domain::part::FaultOrigin;
use outpost_domain::rating::Dimension;
use outpost_domain::report::{CheckState, ReportField};
use outpost_laptop::LaptopError;
use tauri::State;

use super::jobs::changed;
use super::now;
use crate::error::Result;
use crate::state::{AppState, on_state};
use crate::views::{JobView, PartView};

#[tauri::command(rename_all = "snake_case")]
pub async fn set_report_field(
    state: State<'_, AppState>,
    id: String,
    field: ReportField,
    value: String,
) -> Result<JobView> {
    on_state(&state, move |state| {
        state.laptop.set_report_field(state.laptop.find_job(&id)?, field, &value, now())?;
        changed(state, &id)
    })
    .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn set_check(
    state: State<'_, AppState>,
    id: String,
    item: String,
    answer: CheckState,
    note: String,
) -> Result<JobView> {
    on_state(&state, move |state| {
        state.laptop.set_check(state.laptop.find_job(&id)?, &item, answer, &note, now())?;
        changed(state, &id)
    })
    .await
}

/// Catalogue parts by code or name, each with what the van holds of it; with nothing typed,
/// the parts the van carries.
#[tauri::command(rename_all = "snake_case")]
pub async fn find_parts(state: State<'_, AppState>, text: String) -> Result<Vec<PartView>> {
    on_state(&state, move |state| Ok(state.laptop.find_parts(&text, now())?.into_iter().map(PartView::of).collect()))
        .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn add_part(
    state: State<'_, AppState>,
    id: String,
    code: String,
    quantity: i64,
    origin: FaultOrigin,
) -> Result<JobView> {
    on_state(&state, move |state| {
        state.laptop.add_part(state.laptop.find_job(&id)?, &code, quantity, origin, now())?;
        changed(state, &id)
    })
    .await
}

/// Asks HQ for a part the van does not hold (补件申请); the request travels with the next sync.
#[tauri::command(rename_all = "snake_case")]
pub async fn request_parts(
    state: State<'_, AppState>,
    id: String,
    code: String,
    quantity: i64,
    origin: FaultOrigin,
    note: String,
) -> Result<JobView> {
    on_state(&state, move |state| {
        state.laptop.request_parts(state.laptop.find_job(&id)?, &code, quantity, origin, &note, now())?;
        changed(state, &id)
    })
    .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn remove_part(state: State<'_, AppState>, id: String, line: String) -> Result<JobView> {
    on_state(&state, move |state| {
        state.laptop.remove_part(state.laptop.find_job(&id)?, &line, now())?;
        changed(state, &id)
    })
    .await
}

/// The customer accepts the quote as it stands.
#[tauri::command(rename_all = "snake_case")]
pub async fn accept_quote(state: State<'_, AppState>, id: String, name: String, method: String) -> Result<JobView> {
    on_state(&state, move |state| {
        state.laptop.accept_quote(state.laptop.find_job(&id)?, &name, &method, now())?;
        changed(state, &id)
    })
    .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn rate(state: State<'_, AppState>, id: String, dimension: Dimension, rating: i64) -> Result<JobView> {
    on_state(&state, move |state| {
        state.laptop.rate(state.laptop.find_job(&id)?, dimension, rating, now())?;
        changed(state, &id)
    })
    .await
}

/// The customer's comment on the survey (评价意见).
#[tauri::command(rename_all = "snake_case")]
pub async fn set_survey_comment(state: State<'_, AppState>, id: String, comment: String) -> Result<JobView> {
    on_state(&state, move |state| {
        state.laptop.survey_comment(state.laptop.find_job(&id)?, &comment, now())?;
        changed(state, &id)
    })
    .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn decline_rating(state: State<'_, AppState>, id: String) -> Result<JobView> {
    on_state(&state, move |state| {
        state.laptop.decline_rating(state.laptop.find_job(&id)?, now())?;
        changed(state, &id)
    })
    .await
}

/// The PNG a signature pad sends (a data URL or bare base64).
fn decode_png(png_base64: &str) -> Result<Vec<u8>> {
    base64::engine::general_purpose::STANDARD
        .decode(png_base64.trim_start_matches("data:image/png;base64,"))
        .map_err(|_| LaptopError::SignatureDamaged.into())
}

/// The trainee signs for the operator training (installations).
#[tauri::command(rename_all = "snake_case")]
pub async fn sign_training(state: State<'_, AppState>, id: String, png_base64: String) -> Result<JobView> {
    on_state(&state, move |state| {
        state.laptop.sign_training(state.laptop.find_job(&id)?, &decode_png(&png_base64)?, now())?;
        changed(state, &id)
    })
    .await
}

/// The customer signs: the PNG of the pad (base64) and its strokes (JSON, kept beside it).
#[tauri::command(rename_all = "snake_case")]
pub async fn sign_report(
    state: State<'_, AppState>,
    id: String,
    name: String,
    png_base64: String,
    strokes: String,
) -> Result<JobView> {
    on_state(&state, move |state| {
        let png = decode_png(&png_base64)?;
        state.laptop.sign(state.laptop.find_job(&id)?, &name, &png, Some(&strokes), now())?;
        changed(state, &id)
    })
    .await
}
