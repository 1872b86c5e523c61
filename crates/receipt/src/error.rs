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
    /// A layout the receipt is not printed in.
    #[error("'{0}' is not a receipt layout: use a4 or 80mm")]
    Layout(String),
}

/// Result of rendering a receipt.
pub type Result<T> = std::result::Result<T, ReceiptError>;

impl ReceiptError {
    /// The stable code.
    pub fn code(&self) -> &'static str {
        match self {
            ReceiptError::Font(_) => "receipt_font",
            ReceiptError::Signature(_) => "receipt_signature",
            ReceiptError::Picture(_) => "receipt_logo",
            ReceiptError::Store(_) => "receipt_data",
            ReceiptError::Save(_) => "receipt_save",
            ReceiptError::Qr(_) => "receipt_qr",
            ReceiptError::Layout(_) => "receipt_layout",
        }
    }

    /// The error's words in `language` (English is the `Display`).
    pub fn render(&self, language: outpost_domain::customer::Language) -> String {
        if language == outpost_domain::customer::Language::En {
            return self.to_string();
        }
        match self {
            ReceiptError::Font(why) => format!("无法读取回执字体：{why}"),
            ReceiptError::Signature(why) => format!("无法读取签字图片（{why}）：请重新签字"),
            ReceiptError::Picture(why) => format!("无法读取公司标志（{why}）：请在总部设置 PNG 格式的标志"),
            ReceiptError::Store(why) => format!("无法读取回执所需的数据：{why}"),
            ReceiptError::Save(why) => format!("无法保存回执 PDF：{why}"),
            ReceiptError::Qr(why) => format!("无法生成验证二维码：{why}"),
            ReceiptError::Layout(layout) => format!("没有“{layout}”这种回执版式：请使用 a4 或 80mm"),
        }
    }
}
