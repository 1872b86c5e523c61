//! The commands through Tauri's IPC on the mock runtime, over a real store with demo data:
//! what the UI receives, including errors as `{code, message}`.

use serde_json::{Value, json};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{INVOKE_KEY, get_ipc_response, mock_builder, mock_context, noop_assets};
use tauri::webview::InvokeRequest;
use tauri::{WebviewWindow, WebviewWindowBuilder};

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn app_over(
    dir: &std::path::Path,
) -> Result<(tauri::App<tauri::test::MockRuntime>, WebviewWindow<tauri::test::MockRuntime>), Box<dyn std::error::Error>>
{
    let app = outpost_app::builder(mock_builder(), Some(dir.to_owned()), time::UtcOffset::UTC)
        .build(mock_context(noop_assets()))?;
    let window = WebviewWindowBuilder::new(&app, "main", Default::default()).build()?;
    Ok((app, window))
}

fn call(window: &WebviewWindow<tauri::test::MockRuntime>, cmd: &str, args: Value) -> Result<Value, Value> {
    let request = InvokeRequest {
        cmd: cmd.into(),
        callback: CallbackFn(0),
        error: CallbackFn(1),
        url: "tauri://localhost".parse().map_err(|_| json!("url"))?,
        body: InvokeBody::Json(args),
        headers: Default::default(),
        invoke_key: INVOKE_KEY.to_string(),
    };
    get_ipc_response(window, request).map(|b| b.deserialize::<Value>().unwrap_or(Value::Null))
}

#[test]
fn the_job_list_and_a_report_change_go_through_ipc() -> TestResult {
    let dir = tempfile::tempdir()?;
    {
        let store = outpost_store::Store::open(dir.path())?;
        let data = outpost_demo::generate(&outpost_demo::DemoConfig::new(3, 60, time::OffsetDateTime::now_utc()));
        outpost_store::demo::load(&store, &data)?;
    }
    let (_app, window) = app_over(dir.path())?;
    let settings = call(&window, "get_settings", json!({})).map_err(|e| e.to_string())?;
    assert_eq!(settings["enrolled"], false, "a demo laptop: an engineer, no HQ");
    assert!(settings["engineer"].is_string());

    let rows = call(&window, "list_jobs", json!({"when": "all", "search": null})).map_err(|e| e.to_string())?;
    let on_site = rows.as_array().and_then(|r| r.iter().find(|r| r["status"] == "on_site")).ok_or("a job on site")?;
    let job =
        call(&window, "set_report_field", json!({"id": on_site["id"], "field": "fault_cause", "value": "油封老化"}))
            .map_err(|e| e.to_string())?;
    assert!(
        job["report"]["fields"].as_array().is_some_and(|f| f.contains(&json!(["fault_cause", "油封老化"]))),
        "{job}"
    );
    assert!(!job["report"]["missing"].as_array().is_some_and(|m| m.contains(&json!("fault_cause"))));
    Ok(())
}

#[test]
fn refusals_reach_the_ui_as_code_and_words() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (_app, window) = app_over(dir.path())?;
    let bad = call(&window, "list_jobs", json!({"when": "yesterday", "search": null})).err().ok_or("refused")?;
    assert_eq!(bad["code"], "error", "{bad}");
    assert!(bad["message"].as_str().unwrap_or_default().contains("use today, overdue, upcoming or all"), "{bad}");
    let bad = call(&window, "get_job", json!({"id": "nope"})).err().ok_or("refused")?;
    assert_eq!(bad["message"], "job nope is not on this laptop: check what you typed, or sync with HQ", "{bad}");
    assert_eq!(bad["words"]["zh-CN"], "本机没有工单 nope：请检查输入，或与总部同步", "{bad}");
    let bad =
        call(&window, "enroll", json!({"hq_url": "http://127.0.0.1:9", "code": "ABCDEF"})).err().ok_or("refused")?;
    assert!(bad["message"].as_str().unwrap_or_default().contains("HQ is not reachable"), "{bad}");
    Ok(())
}

#[test]
fn a_parts_request_is_kept_on_the_job_and_a_bad_one_says_why() -> TestResult {
    let dir = tempfile::tempdir()?;
    {
        let store = outpost_store::Store::open(dir.path())?;
        let data = outpost_demo::generate(&outpost_demo::DemoConfig::new(3, 60, time::OffsetDateTime::now_utc()));
        outpost_store::demo::load(&store, &data)?;
    }
    let (_app, window) = app_over(dir.path())?;
    let rows = call(&window, "list_jobs", json!({"when": "all", "search": null})).map_err(|e| e.to_string())?;
    let on_site = rows.as_array().and_then(|r| r.iter().find(|r| r["status"] == "on_site")).ok_or("a job on site")?;
    let parts = call(&window, "find_parts", json!({"text": "filter"})).map_err(|e| e.to_string())?;
    let code = parts[0]["code"].as_str().ok_or("a part")?;

    let args = |quantity: i64| json!({"id": on_site["id"], "code": code, "quantity": quantity, "origin": "quality", "note": "库存不足"});
    let job = call(&window, "request_parts", args(2)).map_err(|e| e.to_string())?;
    let requests = job["parts_requests"].as_array().ok_or("requests")?;
    assert_eq!(requests.len(), 1, "{job}");
    assert_eq!((requests[0]["code"].as_str(), requests[0]["quantity"].as_u64()), (Some(code), Some(2)));
    assert_eq!(requests[0]["state"], "requested");
    assert_eq!(requests[0]["note"], "库存不足");
    assert_eq!(requests[0]["overdue"], false);

    let bad = call(&window, "request_parts", args(0)).err().ok_or("refused")?;
    assert!(bad["message"].as_str().unwrap_or_default().contains("request 1 to 10000"), "{bad}");
    let again = call(&window, "get_job", json!({"id": on_site["id"]})).map_err(|e| e.to_string())?;
    assert_eq!(again["parts_requests"].as_array().map(Vec::len), Some(1), "a refused request leaves nothing");
    Ok(())
}

#[test]
fn my_month_counts_the_months_visits_and_says_not_measured_when_nothing_is_there() -> TestResult {
    let dir = tempfile::tempdir()?;
    let now = time::OffsetDateTime::now_utc();
    {
        let store = outpost_store::Store::open(dir.path())?;
        let data = outpost_demo::generate(&outpost_demo::DemoConfig::new(3, 60, now));
        outpost_store::demo::load(&store, &data)?;
    }
    let (_app, window) = app_over(dir.path())?;
    let this_month = format!("{:04}-{:02}", now.year(), u8::from(now.month()));
    let rows = call(&window, "list_jobs", json!({"when": "all", "search": null})).map_err(|e| e.to_string())?;
    let scheduled = rows
        .as_array()
        .ok_or("rows")?
        .iter()
        .filter(|r| r["scheduled_on"].as_str().is_some_and(|d| d.starts_with(&this_month)))
        .count();

    let month = call(&window, "my_month", json!({"month": null})).map_err(|e| e.to_string())?;
    assert_eq!(month["month"], this_month.as_str());
    let visits: u64 = month["visits"].as_array().ok_or("visits")?.iter().filter_map(|v| v["count"].as_u64()).sum();
    assert_eq!(visits, scheduled as u64, "every job of the month on this laptop is a visit: {month}");
    assert_eq!(month["visits"][0]["label"]["zh-CN"], "维修");
    assert_eq!(month["repair_pass"]["label"]["zh-CN"], "维修合格率");

    let empty = call(&window, "my_month", json!({"month": "2040-01"})).map_err(|e| e.to_string())?;
    assert!(empty["shares"].as_array().ok_or("shares")?.iter().all(|s| s["measured"] == false), "{empty}");
    assert_eq!(empty["mean_overall"], Value::Null);
    let bad = call(&window, "my_month", json!({"month": "2026-13"})).err().ok_or("refused")?;
    assert!(bad["words"]["zh-CN"].as_str().is_some_and(|w| w.contains("月份")), "{bad}");
    Ok(())
}
