//! A laptop syncing as fast as it can, to be killed at random moments by the crash tests.
//! Usage: laptop-sync DATA_DIR

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args().nth(1).ok_or("usage: laptop-sync DATA_DIR")?;
    let store = outpost_store::Store::open(std::path::Path::new(&dir))?;
    loop {
        // Failures (HQ busy, killed mid-request) are retried; the parent decides when it ends.
        let _ = outpost_sync::sync_once(&store);
    }
}
