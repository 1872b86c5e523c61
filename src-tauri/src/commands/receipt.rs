//! The visit receipt: made as PDF into the data folder, then opened in the system viewer or
//! sent to the printer (`lp`); Linux has no print dialog for a webview.

use std::path::PathBuf;
use std::process::Command;

use tauri::State;

use crate::error::{AppError, Result};
use crate::state::{AppState, on_state};
use crate::views::ReceiptFile;

/// Makes the receipt (`a4` or `80mm`, in `language` or the customer's) and saves it under
/// `<data folder>/receipts/`.
#[tauri::command(rename_all = "snake_case")]
pub async fn make_receipt(
    state: State<'_, AppState>,
    id: String,
    layout: String,
    language: Option<String>,
) -> Result<ReceiptFile> {
    on_state(&state, move |state| {
        let saved = state.laptop.save_receipt(state.laptop.find_job(&id)?, &layout, language.as_deref(), None)?;
        Ok(ReceiptFile { path: saved.path.display().to_string(), bytes: saved.bytes, draft: saved.draft })
    })
    .await
}

fn receipt_path(state: &AppState, path: &str) -> Result<PathBuf> {
    state.laptop.saved_receipt(path).ok_or(AppError::ReceiptGone)
}

/// Opens a receipt in the system's PDF viewer.
#[tauri::command(rename_all = "snake_case")]
pub async fn open_receipt(state: State<'_, AppState>, path: String) -> Result<()> {
    on_state(&state, move |state| {
        let path = receipt_path(state, &path)?;
        let opener = if cfg!(target_os = "macos") { "open" } else { "xdg-open" };
        Command::new(opener).arg(&path).spawn().map(drop).map_err(|e| {
            let p = path.display();
            AppError::system(
                "no_viewer",
                format!("no PDF viewer could be started ({e}); the file is {p}"),
                format!("无法打开 PDF 阅读器（{e}）；文件在 {p}"),
            )
        })
    })
    .await
}

/// Sends a receipt to the default printer with `lp` (CUPS).
#[tauri::command(rename_all = "snake_case")]
pub async fn print_receipt(state: State<'_, AppState>, path: String) -> Result<String> {
    on_state(&state, move |state| {
        let path = receipt_path(state, &path)?;
        let out = Command::new("lp").arg(&path).output().map_err(|_| {
            let p = path.display();
            AppError::system(
                "no_printing",
                format!(
                    "printing needs CUPS (the `lp` command), which is not installed; open the receipt and print it from the viewer: {p}"
                ),
                format!("打印需要 CUPS（lp 命令），本机没有安装；请打开回执，从阅读器中打印：{p}"),
            )
        })?;
        if !out.status.success() {
            let why = String::from_utf8_lossy(&out.stderr).trim().to_owned();
            return Err(AppError::system(
                "printer_refused",
                format!("the printer refused the receipt ({why}); check that a printer is set up"),
                format!("打印机拒绝了这份回执（{why}）：请检查是否已设置打印机"),
            ));
        }
        Ok(String::from_utf8_lossy(&out.stdout).trim().to_owned())
    })
    .await
}
