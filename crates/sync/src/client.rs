//! HQ over HTTP(S): a blocking client with timeouts; every answer is checked, every failure
//! becomes a [`SyncError`] that says whether to retry.

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use time::OffsetDateTime;

use outpost_domain::ids::ClientId;
use outpost_wire::sync::{ClientResponse, EnrollRequest, EnrollResponse, PullResponse, PushRequest, PushResponse};
use outpost_wire::{ErrorBody, PROTOCOL, PROTOCOL_HEADER};
use reqwest::StatusCode;
use reqwest::blocking::{Client, RequestBuilder, Response};

use crate::error::{Result, SyncError};

/// A connection to one HQ.
#[derive(Debug, Clone)]
pub struct HqClient {
    base: String,
    token: Option<String>,
    http: Client,
    /// HQ's clock as its last answer gave it (the HTTP `Date` header), beside this laptop's.
    last_reading: Arc<Mutex<Option<ClockReading>>>,
    /// The protocol HQ's last answer named (0: none yet, or an HQ older than the header).
    hq_protocol: Arc<AtomicU32>,
    /// This laptop's clock (tests move it).
    now: fn() -> OffsetDateTime,
}

/// HQ's time and this laptop's at one answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClockReading {
    pub hq: OffsetDateTime,
    pub laptop: OffsetDateTime,
}

impl ClockReading {
    /// How far this laptop's clock is ahead of HQ's (negative: behind), to the second.
    pub fn offset(&self) -> time::Duration {
        self.laptop - self.hq
    }
}

/// Bytes of the last exchange, for the wire-size figures of the benchmark.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Traffic {
    pub sent: u64,
    pub received: u64,
}

impl HqClient {
    /// A client for `base` (e.g. `https://hq.example.com`), with an optional device token.
    pub fn new(base: &str, token: Option<String>) -> Result<HqClient> {
        let _ = rustls::crypto::ring::default_provider().install_default();
        let base = base.trim().trim_end_matches('/').to_owned();
        if !(base.starts_with("https://")
            || base.starts_with("http://127.")
            || base.starts_with("http://localhost")
            || base.starts_with("http://[::1]"))
        {
            return Err(SyncError::Protocol(format!(
                "{base} is not an HQ address: use https://…, or http:// only for a server on this machine"
            )));
        }
        let http = Client::builder()
            // HQ shows the console which version each laptop runs.
            .user_agent(concat!("outpost/", env!("CARGO_PKG_VERSION")))
            .connect_timeout(Duration::from_secs(10))
            .timeout(Duration::from_secs(60))
            .build()
            .map_err(|e| SyncError::Protocol(format!("cannot set up HTTPS: {e}")))?;
        Ok(HqClient {
            base,
            token,
            http,
            last_reading: Arc::default(),
            hq_protocol: Arc::default(),
            now: OffsetDateTime::now_utc,
        })
    }

    /// The same client reading this laptop's time from `now`.
    pub fn with_clock(self, now: fn() -> OffsetDateTime) -> HqClient {
        HqClient { now, ..self }
    }

    fn authorized(&self, req: RequestBuilder) -> Result<RequestBuilder> {
        match &self.token {
            Some(t) => Ok(req.bearer_auth(t)),
            None => Err(SyncError::NoEnrollment),
        }
    }

    /// HQ's clock at its last answer, beside this laptop's at that moment.
    pub fn clock_reading(&self) -> Option<ClockReading> {
        *self.last_reading.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The protocol HQ's last answer named, if it named one.
    pub fn hq_protocol(&self) -> Option<u32> {
        Some(self.hq_protocol.load(Ordering::Relaxed)).filter(|p| *p > 0)
    }

    fn send(&self, req: RequestBuilder) -> Result<Response> {
        let req = req.header(PROTOCOL_HEADER, PROTOCOL.to_string());
        let response = req.send().map_err(|e| SyncError::Offline(short(&e)))?;
        let protocol = response.headers().get(PROTOCOL_HEADER).and_then(|v| v.to_str().ok()?.parse().ok());
        if let Some(protocol) = protocol {
            self.hq_protocol.store(protocol, Ordering::Relaxed);
        }
        let hq = response
            .headers()
            .get(reqwest::header::DATE)
            .and_then(|d| d.to_str().ok())
            .and_then(|d| httpdate::parse_http_date(d).ok());
        if let Some(hq) = hq {
            let reading = ClockReading { hq: hq.into(), laptop: (self.now)() };
            *self.last_reading.lock().unwrap_or_else(|p| p.into_inner()) = Some(reading);
        }
        let status = response.status();
        if status.is_success() {
            return Ok(response);
        }
        let body: Option<ErrorBody> = response.json().ok();
        let (code, message) = body.map_or_else(|| (String::new(), status.to_string()), |b| (b.code, b.message));
        if status == StatusCode::UNAUTHORIZED && code != "enrollment_refused" {
            return Err(SyncError::NotEnrolled(message));
        }
        Err(SyncError::Refused { status: status.as_u16(), code, message })
    }

    /// Trades a one-time code for a device token. `nonce` is this laptop's for this code, so a
    /// retry after a lost answer gets the same enrollment.
    pub fn enroll(&self, code: &str, device_name: &str, nonce: &str) -> Result<EnrollResponse> {
        let body =
            EnrollRequest { code: code.to_owned(), device_name: device_name.to_owned(), nonce: Some(nonce.to_owned()) };
        let response = self.send(self.http.post(format!("{}/api/v1/enroll", self.base)).json(&body));
        match response {
            Err(SyncError::NotEnrolled(message)) => {
                Err(SyncError::Refused { status: 401, code: "unauthorized".into(), message })
            }
            other => other?.json().map_err(|e| SyncError::Protocol(short(&e))),
        }
    }

    /// Sends a batch of mutations.
    pub fn push(&self, batch: &PushRequest) -> Result<(PushResponse, Traffic)> {
        let body = serde_json::to_vec(batch).map_err(|e| SyncError::Protocol(e.to_string()))?;
        let sent = body.len() as u64;
        let req = self.authorized(self.http.post(format!("{}/api/v1/sync/push", self.base)))?;
        let bytes = self
            .send(req.header("content-type", "application/json").body(body))?
            .bytes()
            .map_err(|e| SyncError::Offline(short(&e)))?;
        let answer = serde_json::from_slice(&bytes).map_err(|e| SyncError::Protocol(e.to_string()))?;
        Ok((answer, Traffic { sent, received: bytes.len() as u64 }))
    }

    /// A new client id under this laptop's token, numbering from 1 (a restored or copied folder).
    pub fn register_client(&self) -> Result<ClientId> {
        let req = self.authorized(self.http.post(format!("{}/api/v1/sync/clients", self.base)))?;
        let answer: ClientResponse = self.send(req)?.json().map_err(|e| SyncError::Protocol(short(&e)))?;
        Ok(answer.client_id)
    }

    /// Fetches one page of changes after `cursor`.
    pub fn pull(&self, cursor: &str, limit: usize) -> Result<(PullResponse, Traffic)> {
        // Cursors are HQ's own `<hex>.<n>.<n>`; anything else is not sent.
        if !cursor.chars().all(|c| c.is_ascii_alphanumeric() || c == '.') {
            return Err(SyncError::Protocol(format!("the stored cursor '{cursor}' is not HQ's")));
        }
        let req =
            self.authorized(self.http.get(format!("{}/api/v1/sync/pull?cursor={cursor}&limit={limit}", self.base)))?;
        let bytes = self.send(req)?.bytes().map_err(|e| SyncError::Offline(short(&e)))?;
        let answer = serde_json::from_slice(&bytes).map_err(|e| SyncError::Protocol(e.to_string()))?;
        Ok((answer, Traffic { sent: 0, received: bytes.len() as u64 }))
    }

    /// Uploads a file under its SHA-256 (idempotent at HQ).
    pub fn put_blob(&self, sha256: &str, bytes: Vec<u8>) -> Result<()> {
        let req = self.authorized(self.http.put(format!("{}/api/v1/blobs/{sha256}", self.base)))?;
        self.send(req.header("content-type", "application/octet-stream").body(bytes)).map(drop)
    }
}

/// The error in one line, without the URL's query (no cursor or token ends up in a message).
fn short(e: &reqwest::Error) -> String {
    let kind = if e.is_timeout() {
        "timed out"
    } else if e.is_connect() {
        "cannot connect"
    } else if e.is_decode() || e.is_body() {
        "the answer was cut off"
    } else {
        "connection failed"
    };
    kind.to_owned()
}
