//! Runs every example of `docs/api.md` against a fresh HQ on each backend, in order, and
//! checks each answer against the documented one: the same status, the same keys, the same
//! values except `…` (varies) and `{name}` (captured on first sight, then must repeat).

mod common;

use std::collections::HashMap;

use axum::http::{Method, StatusCode};
use common::{NOW, TestResult, backends, blocking};
use serde_json::Value;

struct Example {
    line: usize,
    method: Method,
    path: String,
    headers: Vec<(String, String)>,
    body: String,
    status: StatusCode,
    expected: String,
    /// `<!-- the day's work runs for YYYY-MM-DD -->` before it: HQ's day's work (the tick
    /// `serve` runs) runs for that day first.
    day: Option<time::Date>,
}

fn examples(doc: &str) -> Result<Vec<Example>, Box<dyn std::error::Error>> {
    let lines: Vec<&str> = doc.lines().collect();
    let block = |start: usize| -> (Vec<&str>, usize) {
        let end = (start + 1..lines.len()).find(|&i| lines[i] == "```").unwrap_or(lines.len());
        (lines[start + 1..end].to_vec(), end)
    };
    let mut out = Vec::new();
    let mut i = 0;
    let mut day = None;
    while i < lines.len() {
        if let Some(d) = lines[i].strip_prefix("<!-- the day's work runs for ").and_then(|l| l.strip_suffix(" -->")) {
            day = Some(time::Date::parse(d, time::macros::format_description!("[year]-[month]-[day]"))?);
        }
        if lines[i] != "```request" {
            i += 1;
            continue;
        }
        let (request, end) = block(i);
        let respond_at = (end + 1..lines.len())
            .find(|&k| lines[k].starts_with("```response"))
            .ok_or("a request without a response")?;
        let status: u16 = lines[respond_at].trim_start_matches("```response").trim().parse()?;
        let (response, after) = block(respond_at);
        let (first, rest) = request.split_first().ok_or("empty request")?;
        let (method, path) = first.split_once(' ').ok_or("request line")?;
        let blank = rest.iter().position(|l| l.is_empty()).unwrap_or(rest.len());
        let headers = rest[..blank]
            .iter()
            .filter_map(|h| h.split_once(": ").map(|(k, v)| (k.to_owned(), v.to_owned())))
            .collect();
        let body = rest.get(blank + 1..).map(|b| b.join("\n")).unwrap_or_default();
        out.push(Example {
            line: i + 1,
            method: method.parse()?,
            path: path.to_owned(),
            headers,
            body,
            status: StatusCode::from_u16(status)?,
            expected: response.join("\n"),
            day: day.take(),
        });
        i = after + 1;
    }
    Ok(out)
}

fn substitute(text: &str, vars: &HashMap<String, String>) -> String {
    vars.iter().fold(text.to_owned(), |t, (k, v)| t.replace(&format!("{{{k}}}"), v))
}

/// Does `actual` fit the documented `doc`? Captures placeholders into `vars`.
fn fits(doc: &Value, actual: &Value, vars: &mut HashMap<String, String>, at: &str) -> Result<(), String> {
    match (doc, actual) {
        (Value::String(d), _) if d == "…" => Ok(()),
        (Value::String(d), Value::String(_) | Value::Number(_)) if d.contains('{') => {
            // "{name}", or text with placeholders such as "engineer:{wang_id}"; a number (an
            // id) is captured as its digits.
            let a = &actual.as_str().map_or_else(|| actual.to_string(), str::to_owned);
            let filled = substitute(d, vars);
            if !filled.contains('{') {
                return if &filled == a { Ok(()) } else { Err(format!("{at}: documented {filled:?}, got {a:?}")) };
            }
            let name = d.trim_start_matches('{').trim_end_matches('}');
            if d.starts_with('{') && d.ends_with('}') && !name.contains('{') {
                vars.insert(name.to_owned(), a.clone());
                Ok(())
            } else {
                Err(format!("{at}: cannot match {d:?}"))
            }
        }
        (Value::Object(d), Value::Object(a)) => {
            let (mut dk, mut ak): (Vec<_>, Vec<_>) = (d.keys().collect(), a.keys().collect());
            dk.sort();
            ak.sort();
            if dk != ak {
                return Err(format!("{at}: documented keys {dk:?}, got {ak:?}"));
            }
            d.iter().try_for_each(|(k, v)| fits(v, &a[k], vars, &format!("{at}.{k}")))
        }
        (Value::Array(d), Value::Array(a)) => {
            if d.len() != a.len() {
                return Err(format!("{at}: documented {} items, got {}: {actual}", d.len(), a.len()));
            }
            d.iter().zip(a).enumerate().try_for_each(|(i, (dv, av))| fits(dv, av, vars, &format!("{at}[{i}]")))
        }
        _ if doc == actual => Ok(()),
        _ => Err(format!("{at}: documented {doc}, got {actual}")),
    }
}

#[tokio::test]
async fn every_documented_example_is_what_hq_answers() -> TestResult {
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/api.md"))?;
    let examples = examples(&doc)?;
    assert!(examples.len() >= 30, "only {} examples found", examples.len());
    for hq in backends().await? {
        let mut vars = HashMap::new();
        vars.insert("dispatcher_token".to_owned(), hq.dispatcher().await?);
        vars.insert("enrollment_code".to_owned(), hq.engineer("王建国").await?);
        let db = hq.db.clone();
        blocking(move || Ok(outpost_hq::admin::add_engineer(&db, "黄艳", NOW + time::Duration::seconds(1)).map(drop)?))
            .await?;
        for ex in &examples {
            if let Some(today) = ex.day {
                let db = hq.db.clone();
                blocking(move || Ok(outpost_hq::tick::run(&db, today, NOW).map(drop)?)).await?;
            }
            let path = substitute(&ex.path, &vars);
            let token = ex.headers.iter().find(|(k, _)| k == "Authorization").map(|(_, v)| substitute(v, &vars));
            let token = token.as_deref().and_then(|t| t.strip_prefix("Bearer "));
            let mut headers: Vec<(&str, &str)> = ex
                .headers
                .iter()
                .filter(|(k, _)| k != "Authorization")
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            if !headers.iter().any(|(k, _)| *k == "Content-Type") {
                headers.push(("Content-Type", "application/json"));
            }
            let body = substitute(&ex.body, &vars).into_bytes();
            let (status, bytes) = hq.call_raw_with(ex.method.clone(), &path, token, &headers, body).await?;
            let text = String::from_utf8_lossy(&bytes).into_owned();
            check!(
                hq,
                status == ex.status,
                "docs/api.md:{} {} {path}: documented {}, got {status}: {text}",
                ex.line,
                ex.method,
                ex.status
            );
            if ex.expected.trim().is_empty() {
                check!(hq, text.is_empty(), "docs/api.md:{}: documented no body, got {text}", ex.line);
                continue;
            }
            match serde_json::from_str::<Value>(&ex.expected) {
                Ok(documented) => {
                    let actual: Value = serde_json::from_str(&text)
                        .map_err(|e| format!("docs/api.md:{}: not JSON ({e}): {text}", ex.line))?;
                    if let Err(why) = fits(&documented, &actual, &mut vars, "body") {
                        panic!(
                            "[{}] docs/api.md:{} {} {path}: {why}\nactual: {actual}",
                            hq.backend, ex.line, ex.method
                        );
                    }
                }
                Err(_) => check!(
                    hq,
                    text == ex.expected,
                    "docs/api.md:{}: documented {:?}, got {text:?}",
                    ex.line,
                    ex.expected
                ),
            }
        }
    }
    Ok(())
}
