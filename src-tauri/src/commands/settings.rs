//! First run and settings: enrollment, language, sign-out.

use outpost_domain::customer::Language;
use tauri::{AppHandle, Runtime, State};

use crate::error::Result;
use crate::state::{AppState, on_state};
use crate::views::SettingsView;

fn settings(state: &AppState) -> Result<SettingsView> {
    let s = state.laptop.settings()?;
    Ok(SettingsView {
        enrolled: s.enrolled,
        engineer: s.engineer,
        hq_url: s.hq_url,
        data_dir: state.laptop.data_dir().display().to_string(),
        language: s.language.map(|l| l.as_str().to_owned()),
        company: s.company,
    })
}

#[tauri::command(rename_all = "snake_case")]
pub async fn get_settings(state: State<'_, AppState>) -> Result<SettingsView> {
    on_state(&state, settings).await
}

/// Enrolls with HQ using the dispatcher's one-time code, then starts syncing.
#[tauri::command(rename_all = "snake_case")]
pub async fn enroll<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    hq_url: String,
    code: String,
) -> Result<SettingsView> {
    on_state(&state, move |state| Ok(state.laptop.enroll(&hq_url, &code, None)?)).await?;
    state.start_sync(&app)?;
    state.wake_sync();
    settings(&state)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn set_language(state: State<'_, AppState>, language: Language) -> Result<SettingsView> {
    on_state(&state, move |state| {
        state.laptop.set_language(language)?;
        settings(state)
    })
    .await
}

/// Signs out, refused while changes wait for HQ.
#[tauri::command(rename_all = "snake_case")]
pub async fn sign_out(state: State<'_, AppState>) -> Result<SettingsView> {
    on_state(&state, move |state| {
        state.laptop.sign_out()?;
        state.stop_sync();
        settings(state)
    })
    .await
}
