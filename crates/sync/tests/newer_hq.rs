//! A laptop syncing with an HQ newer than its app: a recorded pull from a newer HQ (a record
//! kind and an operation this app does not know, fields it does not know) is replayed over
//! real HTTP on loopback. What the app knows is applied, the rest skipped, and the status says
//! to update the app.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;

use outpost_domain::ids::{ClientId, EngineerId};
use outpost_store::device::{self, Engineer, Enrollment};
use outpost_store::{Store, parts};
use uuid::Uuid;

type TestResult = Result<(), Box<dyn std::error::Error>>;

const RECORDED: &str = include_str!("../../wire/tests/pull_from_newer_hq.json");

/// Answers every request with the recorded pull, as an HQ speaking protocol `protocol` would.
fn newer_hq(protocol: u32) -> std::io::Result<String> {
    let listener = TcpListener::bind("127.0.0.1:0")?;
    let url = format!("http://127.0.0.1:{}", listener.local_addr()?.port());
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut reader = BufReader::new(&stream);
            let mut length = 0;
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                    break;
                }
                if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                    length = v.trim().parse().unwrap_or(0);
                }
            }
            let mut body = vec![0; length];
            let _ = reader.read_exact(&mut body);
            let answer = format!(
                "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\noutpost-protocol: {protocol}\r\n\
                 content-length: {}\r\nconnection: close\r\n\r\n{RECORDED}",
                RECORDED.len()
            );
            let _ = (&stream).write_all(answer.as_bytes());
        }
    });
    Ok(url)
}

fn enrolled_laptop(dir: &std::path::Path, hq_url: String) -> outpost_store::Result<Store> {
    let store = Store::open(dir)?;
    let enrollment = Enrollment { hq_url, token: "t".repeat(40), client_id: ClientId(Uuid::now_v7()) };
    let engineer = Engineer { id: EngineerId(Uuid::now_v7()), name: "王建国".into() };
    store.write(|tx| device::set_enrollment(tx, &enrollment, &engineer))?;
    Ok(store)
}

#[test]
fn an_older_app_applies_what_it_knows_skips_the_rest_and_asks_to_be_updated() -> TestResult {
    let dir = tempfile::tempdir()?;
    let store = enrolled_laptop(dir.path(), newer_hq(outpost_sync::PROTOCOL)?)?;
    assert!(!store.read(|c| device::hq_is_newer(c, outpost_sync::PROTOCOL))?);
    let report = outpost_sync::sync_once(&store)?;
    assert_eq!((report.pulled, report.skipped), (4, 2), "{report:?}");
    assert_eq!(store.read(|c| parts::by_code(c, "FLT-0001"))?.name, "空气滤芯", "the known records are applied");
    assert!(store.read(|c| device::hq_is_newer(c, outpost_sync::PROTOCOL))?, "skipped records ask for an update");
    assert!(!store.read(|c| device::hq_is_newer(c, outpost_sync::PROTOCOL + 1))?, "an updated app no longer asks");
    Ok(())
}

#[test]
fn an_hq_speaking_a_newer_protocol_asks_for_an_update_even_with_nothing_new() -> TestResult {
    let dir = tempfile::tempdir()?;
    let store = enrolled_laptop(dir.path(), newer_hq(outpost_sync::PROTOCOL + 1)?)?;
    outpost_sync::sync_once(&store)?;
    assert!(store.read(|c| device::hq_is_newer(c, outpost_sync::PROTOCOL))?);
    Ok(())
}
