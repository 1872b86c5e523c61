//! First run and settings: enrollment, language, sign-out.

use outpost_domain::customer::Language;
use outpost_store::device;
use tauri::{AppHandle, Runtime, State};

use crate::error::Result;
use crate::state::{AppState, blocking, on_state};
use crate::views::SettingsView;

fn settings(state: &AppState) -> Result<SettingsView> {
    let data_dir = state.data_dir.display().to_string();
    Ok(state.store.read(|c| {
        let engineer = device::engineer(c)?;
        let enrollment = device::enrollment(c)?;
        Ok(SettingsView {
            enrolled: enrollment.is_some(),
            engineer: engineer.map(|e| e.name),
            hq_url: enrollment.map(|e| e.hq_url),
            data_dir,
            language: device::ui_language(c)?.map(|l| l.as_str().to_owned()),
            company: device::company(c)?.name,
        })
    })?)
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
    let store = state.store.clone();
    let device_name = outpost_sync::device_name();
    blocking(move || Ok(outpost_sync::enroll(&store, hq_url.trim(), code.trim(), &device_name)?)).await?;
    state.start_sync(&app)?;
    state.wake_sync();
    settings(&state)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn set_language(state: State<'_, AppState>, language: Language) -> Result<SettingsView> {
    on_state(&state, move |state| {
        state.store.write(|tx| device::set_ui_language(tx, language))?;
        settings(state)
    })
    .await
}

/// Signs out, refused while changes wait for HQ.
#[tauri::command(rename_all = "snake_case")]
pub async fn sign_out(state: State<'_, AppState>) -> Result<SettingsView> {
    on_state(&state, move |state| {
        state.store.sign_out()?;
        state.stop_sync();
        settings(state)
    })
    .await
}
