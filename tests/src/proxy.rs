//! A fault-injecting HTTP/1.1 proxy between a laptop and HQ, for the sync tests. Each request
//! gets a fault drawn from a seeded generator: dropped before HQ sees it, dropped after HQ
//! committed, cut mid-body, delayed, sent twice, answered 500/502/503 by the proxy, or its
//! answer truncated. `calm()` turns faults off so the test can check that everything drains.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use outpost_demo::Rng;

/// What the proxy does to one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    Pass,
    DropRequest,
    DropResponse,
    ResetMidBody,
    Delay,
    Duplicate,
    Answer(u16),
    TruncateResponse,
}

const FAULTS: [Fault; 10] = [
    Fault::DropRequest,
    Fault::DropResponse,
    Fault::ResetMidBody,
    Fault::Delay,
    Fault::Duplicate,
    Fault::Answer(500),
    Fault::Answer(502),
    Fault::Answer(503),
    Fault::TruncateResponse,
    Fault::DropResponse,
];

/// A running proxy on a loopback port.
#[derive(Debug)]
pub struct FaultProxy {
    pub url: String,
    calm: Arc<AtomicBool>,
    pub counts: Arc<Mutex<Vec<(Fault, u64)>>>,
    pub requests: Arc<AtomicU64>,
}

impl FaultProxy {
    /// Proxies to `upstream` (host:port); `percent` of requests get a fault.
    pub fn start(upstream: String, seed: u64, percent: u64) -> std::io::Result<FaultProxy> {
        let listener = TcpListener::bind("127.0.0.1:0")?;
        let url = format!("http://{}", listener.local_addr()?);
        let calm = Arc::new(AtomicBool::new(false));
        let counts = Arc::new(Mutex::new(Vec::new()));
        let requests = Arc::new(AtomicU64::new(0));
        let rng = Arc::new(Mutex::new(Rng::new(seed)));
        let (c, k, r) = (calm.clone(), counts.clone(), requests.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let (upstream, rng, calm, counts, requests) =
                    (upstream.clone(), rng.clone(), c.clone(), k.clone(), r.clone());
                std::thread::spawn(move || {
                    let _ = serve(stream, &upstream, &rng, &calm, &counts, &requests, percent);
                });
            }
        });
        Ok(FaultProxy { url, calm, counts, requests })
    }

    /// No more faults from now on.
    pub fn calm(&self) {
        self.calm.store(true, Ordering::SeqCst);
    }
}

/// Reads one HTTP/1.1 message head and its Content-Length body; `None` at a clean end.
fn read_message(reader: &mut BufReader<TcpStream>) -> std::io::Result<Option<(Vec<u8>, Vec<u8>)>> {
    let mut head = Vec::new();
    loop {
        let mut line = Vec::new();
        if reader.read_until(b'\n', &mut line)? == 0 {
            return Ok(None);
        }
        let end = line == b"\r\n";
        head.extend_from_slice(&line);
        if end {
            break;
        }
    }
    let text = String::from_utf8_lossy(&head).to_ascii_lowercase();
    let length = text
        .lines()
        .find_map(|l| l.strip_prefix("content-length:").map(|v| v.trim().parse::<usize>().unwrap_or(0)))
        .unwrap_or(0);
    let mut body = vec![0u8; length];
    reader.read_exact(&mut body)?;
    Ok(Some((head, body)))
}

/// Forwards one request on a fresh upstream connection (asking it to close) and returns the
/// whole answer.
fn forward(upstream: &str, head: &[u8], body: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut conn = TcpStream::connect(upstream)?;
    conn.set_read_timeout(Some(Duration::from_secs(30)))?;
    let text = String::from_utf8_lossy(head);
    let (request_line, rest) = text.split_once("\r\n").unwrap_or((&text, ""));
    let rest: String = rest
        .lines()
        .filter(|l| !l.to_ascii_lowercase().starts_with("connection:"))
        .map(|l| format!("{l}\r\n"))
        .collect();
    conn.write_all(format!("{request_line}\r\nconnection: close\r\n{}", rest.trim_end_matches("\r\n")).as_bytes())?;
    conn.write_all(b"\r\n\r\n")?;
    conn.write_all(body)?;
    let mut answer = Vec::new();
    conn.read_to_end(&mut answer)?;
    Ok(answer)
}

fn serve(
    client: TcpStream,
    upstream: &str,
    rng: &Mutex<Rng>,
    calm: &AtomicBool,
    counts: &Mutex<Vec<(Fault, u64)>>,
    requests: &AtomicU64,
    percent: u64,
) -> std::io::Result<()> {
    let mut writer = client.try_clone()?;
    let mut reader = BufReader::new(client);
    // One request per connection: every answer asks the client to close.
    let Some((head, body)) = read_message(&mut reader)? else {
        return Ok(());
    };
    {
        requests.fetch_add(1, Ordering::SeqCst);
        let fault = {
            let mut rng = rng.lock().unwrap_or_else(|p| p.into_inner());
            if calm.load(Ordering::SeqCst) || !rng.chance(percent) { Fault::Pass } else { *rng.pick(&FAULTS) }
        };
        {
            let mut counts = counts.lock().unwrap_or_else(|p| p.into_inner());
            match counts.iter_mut().find(|(f, _)| *f == fault) {
                Some((_, n)) => *n += 1,
                None => counts.push((fault, 1)),
            }
        }
        let answer: Option<Vec<u8>> = match fault {
            Fault::DropRequest => None,
            Fault::ResetMidBody => {
                // HQ sees half a request, then the connection dies.
                if let Ok(mut conn) = TcpStream::connect(upstream) {
                    let _ = conn.write_all(&head);
                    let _ = conn.write_all(&body[..body.len() / 2]);
                    let _ = conn.shutdown(Shutdown::Both);
                }
                None
            }
            Fault::Answer(status) => {
                let body = format!("{{\"code\":\"proxy\",\"message\":\"injected {status}\"}}");
                Some(
                    format!("HTTP/1.1 {status} Injected\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}", body.len())
                        .into_bytes(),
                )
            }
            Fault::DropResponse => {
                forward(upstream, &head, &body)?;
                None
            }
            Fault::TruncateResponse => {
                let full = forward(upstream, &head, &body)?;
                Some(full[..full.len() * 2 / 3].to_vec())
            }
            Fault::Duplicate => {
                forward(upstream, &head, &body)?;
                Some(forward(upstream, &head, &body)?)
            }
            Fault::Delay => {
                std::thread::sleep(Duration::from_millis(80));
                Some(forward(upstream, &head, &body)?)
            }
            Fault::Pass => Some(forward(upstream, &head, &body)?),
        };
        if let Some(bytes) = answer {
            writer.write_all(&bytes)?;
        }
        writer.shutdown(Shutdown::Both)
    }
}
