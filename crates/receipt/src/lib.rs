//! Visit receipts (服务回执) as PDF, made on the laptop, offline: the customer's language
//! (zh-CN or English), A4 or an 80 mm roll, the parts with their warranty decisions, the
//! ratings, the signature image, and the report's hash as text and QR code so a printed copy
//! can be checked against HQ; and HQ's other printed sheets in the same letterhead ([`Sheet`]).
//! Depends on the domain only.

mod error;
#[cfg(feature = "store")]
mod from_store;
pub mod labels;
mod layout;
mod model;
mod render;
mod sections;
mod sheet;

pub use error::{ReceiptError, Result};
#[cfg(feature = "store")]
pub use from_store::{receipt_for, save_receipt};
pub use model::{PartRow, Receipt, ReceiptInput, SignatureBlock};
pub use render::{PageLayout, render};
pub use sheet::{Section, Sheet, Table, render_sheet};
