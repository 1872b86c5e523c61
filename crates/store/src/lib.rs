//! The laptop's local store: one SQLite file (WAL, `synchronous=FULL`, foreign keys), migrated
//! forward by embedded SQL, one module per aggregate, FTS5 search, and the sync outbox written in
//! the same transaction as every change the engineer makes.

mod actions;
pub mod blobs;
pub mod codec;
pub mod complaints;
pub mod customers;
mod db;
#[cfg(feature = "demo")]
pub mod demo;
pub mod detail;
pub mod device;
pub mod downloads;
pub mod equipment;
pub mod error;
pub mod figures;
mod housekeeping;
mod import;
pub mod jobs;
mod migrate;
pub mod outbox;
pub mod parts;
pub mod parts_requests;
pub mod reports;
pub mod search;
pub mod visits;

pub use actions::{parse_acceptance_method, parse_check_state};
pub use db::{DB_FILE, Store};
pub use error::{Result, StoreError};
pub use import::{Import, process_pending_removals};
