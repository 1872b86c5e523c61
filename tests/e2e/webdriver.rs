//! Just enough W3C WebDriver to drive the real window through tauri-driver: sessions, elements,
//! keys, pointer strokes, scripts and screenshots.

use std::path::Path;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

/// A session with the app.
#[derive(Debug)]
pub struct Session {
    http: reqwest::blocking::Client,
    base: String,
}

impl Session {
    /// Starts the app at `application` with `args` through the driver at `driver`.
    pub fn start(driver: &str, application: &Path, args: &[String]) -> Result<Session, BoxError> {
        let http = reqwest::blocking::Client::builder().timeout(Duration::from_secs(120)).build()?;
        let caps = json!({"capabilities": {"alwaysMatch": {
            "tauri:options": {"application": application, "args": args}
        }}});
        wait_ready(&http, driver)?;
        // tauri-driver may accept a connection before its native driver serves it and then drop it
        // (tauri-apps/tauri#15156): a dropped request launched nothing, so it is safe to ask again.
        let mut attempts = 0;
        let answer: Value = loop {
            attempts += 1;
            match http.post(format!("{driver}/session")).json(&caps).send() {
                Ok(response) => break response.json()?,
                Err(e) if e.is_request() && attempts < 5 => std::thread::sleep(Duration::from_millis(500)),
                Err(e) => return Err(e.into()),
            }
        };
        let id = answer["value"]["sessionId"].as_str().ok_or_else(|| format!("no session: {answer}"))?;
        Ok(Session { http, base: format!("{driver}/session/{id}") })
    }

    fn call(&self, method: reqwest::Method, path: &str, body: Option<Value>) -> Result<Value, BoxError> {
        let mut req = self.http.request(method, format!("{}{path}", self.base));
        if let Some(b) = body {
            req = req.json(&b);
        }
        let answer: Value = req.send()?.json()?;
        if let Some(error) = answer["value"]["error"].as_str() {
            return Err(format!("{path}: {error}: {}", answer["value"]["message"]).into());
        }
        Ok(answer["value"].clone())
    }

    fn post(&self, path: &str, body: Value) -> Result<Value, BoxError> {
        self.call(reqwest::Method::POST, path, Some(body))
    }

    /// Runs a script in the page and returns its value.
    pub fn script(&self, source: &str, args: Value) -> Result<Value, BoxError> {
        self.post("/execute/sync", json!({"script": source, "args": args}))
    }

    /// The first element matching `css`, waiting up to 10 s for it.
    pub fn find(&self, css: &str) -> Result<String, BoxError> {
        let started = Instant::now();
        loop {
            match self.post("/element", json!({"using": "css selector", "value": css})) {
                Ok(v) => {
                    return v[ELEMENT]
                        .as_str()
                        .map(str::to_owned)
                        .ok_or_else(|| format!("no element id in {v}").into());
                }
                Err(e) if started.elapsed() > Duration::from_secs(10) => return Err(format!("{css}: {e}").into()),
                Err(_) => std::thread::sleep(Duration::from_millis(50)),
            }
        }
    }

    /// Waits until `condition` (a script returning a boolean) holds, up to `timeout`.
    pub fn wait_for(&self, what: &str, condition: &str, timeout: Duration) -> Result<(), BoxError> {
        let started = Instant::now();
        while started.elapsed() < timeout {
            if self.script(condition, json!([]))?.as_bool() == Some(true) {
                return Ok(());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        Err(format!("timed out waiting for {what}").into())
    }

    /// Clicks the element, retrying while something (a re-render, a popup) is in the way.
    pub fn click(&self, css: &str) -> Result<(), BoxError> {
        let started = Instant::now();
        loop {
            let id = self.find(css)?;
            match self.post(&format!("/element/{id}/click"), json!({})) {
                Ok(_) => return Ok(()),
                Err(e) if started.elapsed() > Duration::from_secs(5) => return Err(format!("click {css}: {e}").into()),
                Err(_) => std::thread::sleep(Duration::from_millis(100)),
            }
        }
    }

    /// Types into the element (appending to what is there).
    pub fn type_into(&self, css: &str, text: &str) -> Result<(), BoxError> {
        let id = self.find(css)?;
        self.post(&format!("/element/{id}/value"), json!({"text": text})).map(drop)
    }

    pub fn text(&self, css: &str) -> Result<String, BoxError> {
        let id = self.find(css)?;
        Ok(self
            .call(reqwest::Method::GET, &format!("/element/{id}/text"), None)?
            .as_str()
            .unwrap_or_default()
            .to_owned())
    }

    /// The `value` of an input or textarea.
    pub fn value(&self, css: &str) -> Result<String, BoxError> {
        Ok(self
            .script("return document.querySelector(arguments[0])?.value ?? null", json!([css]))?
            .as_str()
            .unwrap_or_default()
            .to_owned())
    }

    /// Presses keys (WebDriver key codes, e.g. "\u{E007}" for Enter) on the focused element.
    pub fn keys(&self, keys: &str) -> Result<(), BoxError> {
        let actions: Vec<Value> = keys
            .chars()
            .flat_map(|c| {
                [json!({"type": "keyDown", "value": c.to_string()}), json!({"type": "keyUp", "value": c.to_string()})]
            })
            .collect();
        self.post("/actions", json!({"actions": [{"type": "key", "id": "kb", "actions": actions}]})).map(drop)
    }

    /// Draws a stroke with the pointer over the element, through `points` relative to its centre.
    pub fn draw(&self, css: &str, points: &[(i64, i64)]) -> Result<(), BoxError> {
        let id = self.find(css)?;
        let origin = json!({ELEMENT: id});
        let mut actions =
            vec![json!({"type": "pointerMove", "duration": 0, "origin": origin, "x": points[0].0, "y": points[0].1})];
        actions.push(json!({"type": "pointerDown", "button": 0}));
        for (x, y) in &points[1..] {
            actions.push(json!({"type": "pointerMove", "duration": 30, "origin": origin, "x": x, "y": y}));
        }
        actions.push(json!({"type": "pointerUp", "button": 0}));
        let pointer =
            json!({"type": "pointer", "id": "pen", "parameters": {"pointerType": "mouse"}, "actions": actions});
        self.post("/actions", json!({"actions": [pointer]}))?;
        self.call(reqwest::Method::DELETE, "/actions", None).map(drop)
    }

    /// Resizes the window.
    pub fn resize(&self, width: u32, height: u32) -> Result<(), BoxError> {
        self.post("/window/rect", json!({"width": width, "height": height})).map(drop)
    }

    /// Saves a PNG of the window.
    pub fn screenshot(&self, path: &Path) -> Result<(), BoxError> {
        use base64::Engine;
        let data = self.call(reqwest::Method::GET, "/screenshot", None)?;
        let png = base64::engine::general_purpose::STANDARD.decode(data.as_str().unwrap_or_default())?;
        std::fs::write(path, png)?;
        Ok(())
    }

    /// Ends the session (the driver closes the app).
    pub fn end(self) -> Result<(), BoxError> {
        self.http.delete(&self.base).send()?;
        Ok(())
    }
}

/// Waits up to 20 s for the driver at `driver` to answer its status through to the native driver.
fn wait_ready(http: &reqwest::blocking::Client, driver: &str) -> Result<(), BoxError> {
    let started = Instant::now();
    loop {
        let ready = http.get(format!("{driver}/status")).send().and_then(|r| r.json::<Value>()).is_ok();
        if ready {
            return Ok(());
        }
        if started.elapsed() > Duration::from_secs(20) {
            return Err(format!("the WebDriver at {driver} did not become ready in 20 s").into());
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}
