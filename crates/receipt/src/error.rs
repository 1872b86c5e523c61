//! The one error type of the receipt crate.

/// Why a receipt could not be made.
#[derive(Debug, thiserror::Error)]
pub enum ReceiptError {
    /// The embedded font cannot be read (a broken build).
    #[error("the receipt font cannot be read: {0}")]
    Font(String),
    /// The signature image is not a readable PNG.
    #[error("the signature image cannot be read ({0}): capture the signature again")]
    Signature(String),
    /// The company logo is not a readable PNG.
    #[error("the company logo cannot be read ({0}): set a PNG logo at HQ")]
    Picture(String),
    /// The job's data could not be read from the laptop's store.
    #[error("{0}")]
    Store(String),
    /// The PDF could not be written.
    #[error("{0}")]
    Save(String),
    /// The verification reference cannot be put into a QR code.
    #[error("the verification code cannot be drawn: {0}")]
    Qr(String),
}

/// Result of rendering a receipt.
pub type Result<T> = std::result::Result<T, ReceiptError>;
