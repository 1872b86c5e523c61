//! The Outpost desktop app: a thin Tauri shell. The screens live in `ui/`; every command here
//! takes the state, calls one function of the store, sync or receipt crates, and answers with
//! a view (`views.rs`, whose TypeScript bindings are generated into `ui/src/bindings/`).

pub mod commands;
pub mod error;
pub mod state;
pub mod views;

use std::path::PathBuf;

use tauri::{Builder, Manager, Runtime};
use time::UtcOffset;

use crate::state::AppState;

/// Where the laptop's data lives: `--data-dir DIR`, else `OUTPOST_DATA_DIR`, else `None` (the
/// platform's app data folder).
fn data_dir_from(args: &[String]) -> Option<PathBuf> {
    let flag = args.iter().position(|a| a == "--data-dir").and_then(|i| args.get(i + 1)).map(PathBuf::from);
    flag.or_else(|| std::env::var_os("OUTPOST_DATA_DIR").map(PathBuf::from))
}

/// Starts the app.
pub fn run() {
    // The local offset can only be read safely while the process has one thread: read it first.
    let offset = UtcOffset::current_local_offset().unwrap_or(UtcOffset::UTC);
    let args: Vec<String> = std::env::args().collect();
    let app = builder(Builder::default(), data_dir_from(&args), offset).build(tauri::generate_context!());
    match app {
        Ok(app) => app.run(|_, _| {}),
        Err(e) => {
            eprintln!("Outpost could not start: {e}");
            std::process::exit(1);
        }
    }
}

/// The app on any runtime (tests pass the mock one): the state, every command, and the sync
/// loop started once the app runs. With a data folder given, the state is managed at once.
pub fn builder<R: Runtime>(builder: Builder<R>, data_dir: Option<PathBuf>, offset: UtcOffset) -> Builder<R> {
    // With a data folder given the state is managed before the app starts (the command tests
    // rely on it); a folder that cannot be opened fails the start, in words, at setup.
    let mut failed = None;
    let builder = match data_dir.map(|d| AppState::open(d, offset)) {
        Some(Ok(state)) => builder.manage(state),
        Some(Err(e)) => {
            failed = Some(e);
            builder
        }
        None => builder,
    };
    builder
        .setup(move |app| {
            if let Some(e) = failed.take() {
                return Err(Box::new(e));
            }
            if app.try_state::<AppState>().is_none() {
                let state = AppState::open(app.path().app_data_dir()?, offset).map_err(Box::new)?;
                app.manage(state);
            }
            state::state(app.handle()).start_sync(app.handle()).map_err(Box::new)?;
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::settings::get_settings,
            commands::settings::enroll,
            commands::settings::set_language,
            commands::settings::sign_out,
            commands::jobs::list_jobs,
            commands::jobs::get_job,
            commands::jobs::transition_job,
            commands::jobs::leave_unsigned,
            commands::jobs::reopen_report,
            commands::report::set_report_field,
            commands::report::set_check,
            commands::report::find_parts,
            commands::report::add_part,
            commands::report::remove_part,
            commands::report::request_parts,
            commands::report::accept_quote,
            commands::report::rate,
            commands::report::decline_rating,
            commands::report::set_survey_comment,
            commands::report::sign_report,
            commands::report::sign_training,
            commands::receipt::make_receipt,
            commands::receipt::open_receipt,
            commands::receipt::print_receipt,
            commands::sync::get_sync_status,
            commands::sync::sync_now,
            commands::sync::list_refused,
            commands::sync::dismiss_refused,
            commands::month::my_month,
        ])
}
