//! A receipt onto paper: the flow of sections, then the PDF with the font embedded and subset.

use outpost_domain::company::CompanyProfile;
use outpost_domain::report::ReportField;
use printpdf::{
    Color, Greyscale, Mm, Op, PaintMode, ParsedFont, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt,
    RawImage, Rect, Rgb, TextItem, XObjectTransform,
};
use qrcode::{Color as QrColor, QrCode};
use ttf_parser::Face;

use crate::error::{ReceiptError, Result};
use crate::labels::labels;
use crate::layout::{Flow, Geometry, Item, MM, Picture};
use crate::model::Receipt;

/// The paper.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageLayout {
    /// A4 portrait, pages as needed, numbered.
    A4,
    /// An 80 mm thermal roll (72 mm printable), one page as long as the content.
    Roll80,
}

impl PageLayout {
    /// Parses `a4` / `80mm`.
    pub fn parse(s: &str) -> Result<PageLayout> {
        match s.trim().to_ascii_lowercase().as_str() {
            "a4" => Ok(PageLayout::A4),
            "80mm" | "80" | "roll" => Ok(PageLayout::Roll80),
            _ => Err(ReceiptError::Layout(s.trim().to_owned())),
        }
    }

    pub(crate) fn geometry(self) -> Geometry {
        match self {
            PageLayout::A4 => Geometry {
                page_width: 210.0 * MM,
                page_height: Some(297.0 * MM),
                margin: 15.0 * MM,
                body: 10.0,
                small: 8.0,
                title: 16.0,
            },
            PageLayout::Roll80 => Geometry {
                page_width: 80.0 * MM,
                page_height: None,
                margin: 4.0 * MM,
                body: 8.0,
                small: 7.0,
                title: 11.0,
            },
        }
    }
}

/// The font of every receipt: WenQuanYi Micro Hei (Chinese and Latin), subset on save.
static FONT: &[u8] = include_bytes!("../../../assets/fonts/wqy-microhei.ttc");

/// Renders a receipt as PDF bytes. Pure: the only input besides `receipt` is the embedded font.
pub fn render(receipt: &Receipt, layout: PageLayout) -> Result<Vec<u8>> {
    let face = face()?;
    let mut flow = Flow::new(layout.geometry(), &face);
    compose(&mut flow, receipt, layout)?;
    let signature = receipt.signature.as_ref().map(|s| s.png.as_slice());
    finish(flow, &receipt.number, receipt.company.logo_png.as_deref(), signature)
}

/// The embedded font's face, to measure text with.
pub(crate) fn face() -> Result<Face<'static>> {
    Face::parse(FONT, 0).map_err(|e| ReceiptError::Font(e.to_string()))
}

/// The flow's pages, numbered when there are several, as a PDF titled `title`.
pub(crate) fn finish(flow: Flow<'_>, title: &str, logo: Option<&[u8]>, signature: Option<&[u8]>) -> Result<Vec<u8>> {
    let (geo, mut pages, end) = (flow.geo, flow.pages, flow.y);
    let page_height = geo.page_height.unwrap_or(end + geo.margin);
    let count = pages.len();
    if count > 1 {
        for (i, page) in pages.iter_mut().enumerate() {
            let text = format!("{} / {}", i + 1, count);
            let width = text.chars().count() as f32 * geo.small * 0.5;
            page.push(Item::Text {
                x: (geo.page_width - width) / 2.0,
                y: page_height - geo.margin / 2.0,
                size: geo.small,
                text,
                red: false,
            });
        }
    }
    to_pdf(title, logo, signature, &pages, geo.page_width, page_height)
}

/// The company's logo at the top right, its name and hotline beside it.
pub(crate) fn letterhead(flow: &mut Flow<'_>, company: &CompanyProfile, hotline: &str, logo_mm: f32) -> Result<()> {
    let geo = flow.geo;
    let top = flow.y;
    let mut header_width = geo.content_width();
    let mut logo_bottom = top;
    if let Some(logo) = &company.logo_png {
        let (w, h) = picture_size(logo)?;
        let height = logo_mm * MM;
        let width = height * (w / h).min(3.0);
        flow.place(Picture::Logo, geo.page_width - geo.margin - width, top, width, height);
        header_width -= width + 3.0 * MM;
        logo_bottom = top + height;
    }
    flow.y += flow.column(geo.margin, header_width, geo.title, &company.name);
    flow.y += flow.column(geo.margin, header_width, geo.small, hotline);
    flow.y = flow.y.max(logo_bottom) + 4.0;
    Ok(())
}

fn compose(flow: &mut Flow<'_>, r: &Receipt, layout: PageLayout) -> Result<()> {
    let l = labels(r.language);
    let geo = flow.geo;
    let hotline = format!("{}{}{}", l.hotline, l.colon, r.company.hotline);
    letterhead(flow, &r.company, &hotline, if layout == PageLayout::A4 { 16.0 } else { 11.0 })?;
    flow.paragraph(geo.title, l.title, false);
    flow.paragraph(geo.body, &format!("{}{}{}", l.number, l.colon, r.number), false);
    if r.is_draft() {
        flow.paragraph(geo.body, l.draft, true);
    }
    flow.rule();
    for (k, v) in &r.visit {
        flow.field(k, v);
    }
    flow.rule();
    for (k, v) in &r.report {
        flow.field(k, v);
    }
    flow.rule();
    flow.paragraph(geo.body, ReportField::PartsReplaced.label(r.language), false);
    parts(flow, r, layout);
    for (k, v) in &r.totals {
        flow.field(k, v);
    }
    flow.rule();
    flow.paragraph(geo.body, ReportField::Satisfaction.label(r.language), false);
    for (k, v) in &r.ratings {
        flow.field(k, v);
    }
    if let Some(opinion) = &r.opinion {
        flow.field(ReportField::CustomerOpinion.label(r.language), opinion);
    }
    flow.rule();
    sign_off(flow, r, layout)
}

/// The signature with the signer's name and time, and the report's check code with its QR
/// code: side by side on A4 (kept together on one page), one after the other on a roll.
fn sign_off(flow: &mut Flow<'_>, r: &Receipt, layout: PageLayout) -> Result<()> {
    let l = labels(r.language);
    let geo = flow.geo;
    let (a4, line) = (layout == PageLayout::A4, Flow::line(geo.body));
    let side = 30.0 * MM;
    let picture = match &r.signature {
        Some(sig) => {
            let (pw, ph) = picture_size(&sig.png).map_err(|_| ReceiptError::Signature("not a readable PNG".into()))?;
            let w = (if a4 { 60.0 } else { 45.0 }) * MM;
            Some((w, (w * ph / pw).min(40.0 * MM)))
        }
        None => None,
    };
    let check = r.short_hash.as_ref().zip(r.verification.as_ref());
    // On A4 the check code and QR take a right-hand column.
    let right = 56.0 * MM;
    let left_width = if a4 && check.is_some() { geo.content_width() - right - 4.0 * MM } else { geo.content_width() };
    if a4 {
        let signature_height = 3.0 * line + picture.map_or(0.0, |(_, h)| h);
        flow.need(signature_height.max(3.0 * line + side));
    }
    let top = flow.y;
    flow.y += flow.column(geo.margin, left_width, geo.body, l.signature);
    match (&r.signature, picture) {
        (Some(sig), Some((w, h))) => {
            flow.image(Picture::Signature, geo.margin, w, h);
            flow.y += flow.column(geo.margin, left_width, geo.body, &format!("{} · {}", sig.signer, sig.signed_at));
        }
        _ => flow.paragraph(geo.body, l.unsigned, true),
    }
    let Some((short, reference)) = check else {
        return Ok(());
    };
    let x = if a4 {
        let below_signature = flow.y;
        let x = geo.page_width - geo.margin - right;
        flow.y = top;
        flow.y += flow.column(x, right, geo.body, l.verify);
        flow.y += flow.column(x, right, geo.body, short);
        qr(flow, x, reference, side)?;
        flow.y = flow.y.max(below_signature);
        return Ok(());
    } else {
        flow.rule();
        flow.paragraph(geo.body, &format!("{}{}{short}", l.verify, l.colon), false);
        flow.need(side);
        geo.margin
    };
    qr(flow, x, reference, side)
}

fn parts(flow: &mut Flow<'_>, r: &Receipt, layout: PageLayout) {
    let l = labels(r.language);
    let geo = flow.geo;
    if r.parts.is_empty() {
        flow.paragraph(geo.body, l.no_parts, false);
        return;
    }
    if layout == PageLayout::Roll80 {
        for p in &r.parts {
            flow.paragraph(geo.body, &format!("{} × {}  {}", p.name, p.quantity, p.total), false);
            flow.paragraph(geo.small, &format!("{} · {} · {}", p.code, p.unit_charge, p.decision), false);
        }
        return;
    }
    // code | part | qty | unit price | decision | amount, as shares of the width.
    let header = [l.code, l.part, l.qty, l.unit_price, l.decision, l.line_total];
    let rows: Vec<Vec<String>> = r
        .parts
        .iter()
        .map(|p| {
            vec![
                p.code.clone(),
                p.name.clone(),
                p.quantity.to_string(),
                p.unit_charge.clone(),
                p.decision.clone(),
                p.total.clone(),
            ]
        })
        .collect();
    table(flow, &[0.14, 0.28, 0.07, 0.15, 0.22, 0.14], &header, &rows);
}

/// A table in the small type: columns as shares of the width, the header repeated on each page.
pub(crate) fn table(flow: &mut Flow<'_>, shares: &[f32], header: &[&str], rows: &[Vec<String>]) {
    let geo = flow.geo;
    let w = geo.content_width();
    let xs: Vec<f32> = shares
        .iter()
        .scan(geo.margin, |x, s| {
            let here = *x;
            *x += s * w;
            Some(here)
        })
        .collect();
    let size = geo.small;
    let put_header = |flow: &mut Flow<'_>| {
        for (i, h) in header.iter().enumerate() {
            flow.put(xs[i], size, h, false);
        }
        flow.y += Flow::line(size);
    };
    flow.need(2.0 * Flow::line(size));
    put_header(flow);
    for cells in rows {
        let lines =
            cells.iter().enumerate().map(|(i, c)| flow.wrap(c, size, shares[i] * w - 4.0).len()).max().unwrap_or(1);
        if flow.need(lines as f32 * Flow::line(size)) {
            put_header(flow);
        }
        let mut used: f32 = 0.0;
        for (i, c) in cells.iter().enumerate() {
            used = used.max(flow.column(xs[i], shares[i] * w - 4.0, size, c));
        }
        flow.y += used;
    }
    flow.y += 4.0;
}

/// Width and height of a PNG in pixels, from its header.
pub(crate) fn picture_size(png: &[u8]) -> Result<(f32, f32)> {
    let header = png.get(16..24).filter(|_| png.starts_with(b"\x89PNG\r\n\x1a\n"));
    let Some(h) = header else {
        return Err(ReceiptError::Picture("not a PNG file".into()));
    };
    let w = u32::from_be_bytes([h[0], h[1], h[2], h[3]]);
    let hgt = u32::from_be_bytes([h[4], h[5], h[6], h[7]]);
    if w == 0 || hgt == 0 {
        return Err(ReceiptError::Picture("an empty image".into()));
    }
    Ok((w as f32, hgt as f32))
}

/// A QR code `side` points square (quiet zone included) at `x` and the flow's position.
fn qr(flow: &mut Flow<'_>, x: f32, reference: &str, side: f32) -> Result<()> {
    let code = QrCode::new(reference.as_bytes()).map_err(|e| ReceiptError::Qr(e.to_string()))?;
    let n = code.width();
    let module = side / (n + 8) as f32;
    let (x0, y0) = (x + 4.0 * module, flow.y + 4.0 * module);
    for (i, color) in code.to_colors().iter().enumerate() {
        if *color == QrColor::Dark {
            flow.square(x0 + (i % n) as f32 * module, y0 + (i / n) as f32 * module, module);
        }
    }
    flow.y += side;
    Ok(())
}

fn to_pdf(
    title: &str,
    logo: Option<&[u8]>,
    signature: Option<&[u8]>,
    pages: &[Vec<Item>],
    width: f32,
    height: f32,
) -> Result<Vec<u8>> {
    let mut doc = PdfDocument::new(title);
    let font =
        ParsedFont::from_bytes(FONT, 0, &mut Vec::new()).ok_or_else(|| ReceiptError::Font("unreadable".into()))?;
    let font_id = doc.add_font(&font);
    let mut add = |png: &[u8]| {
        let raw = RawImage::decode_from_bytes(png, &mut Vec::new())?;
        let size = (raw.width.max(1) as f32, raw.height.max(1) as f32);
        Ok::<_, String>((doc.add_image(&raw), size))
    };
    let logo = logo.map(&mut add).transpose().map_err(ReceiptError::Picture)?;
    let signature = signature.map(add).transpose().map_err(ReceiptError::Signature)?;
    let black = Color::Greyscale(Greyscale { percent: 0.0, icc_profile: None });
    let grey = Color::Greyscale(Greyscale { percent: 0.6, icc_profile: None });
    let red = Color::Rgb(Rgb { r: 0.75, g: 0.1, b: 0.1, icc_profile: None });
    let mut out = Vec::with_capacity(pages.len());
    for items in pages {
        let mut ops = Vec::with_capacity(items.len() * 5);
        for item in items {
            match item {
                Item::Text { x, y, size, text, red: is_red } => {
                    ops.push(Op::SetFillColor { col: if *is_red { red.clone() } else { black.clone() } });
                    ops.push(Op::StartTextSection);
                    ops.push(Op::SetFont { font: PdfFontHandle::External(font_id.clone()), size: Pt(*size) });
                    ops.push(Op::SetTextCursor { pos: Point { x: Pt(*x), y: Pt(height - y) } });
                    ops.push(Op::ShowText { items: vec![TextItem::Text(text.clone())] });
                    ops.push(Op::EndTextSection);
                }
                Item::Square { x, y, w, h, grey: is_grey } => {
                    ops.push(Op::SetFillColor { col: if *is_grey { grey.clone() } else { black.clone() } });
                    ops.push(Op::DrawRectangle {
                        rectangle: Rect {
                            x: Pt(*x),
                            y: Pt(height - y - h),
                            width: Pt(*w),
                            height: Pt(*h),
                            mode: Some(PaintMode::Fill),
                            winding_order: None,
                        },
                    });
                }
                Item::Image { x, y, w, h, picture } => {
                    let image = match picture {
                        Picture::Logo => &logo,
                        Picture::Signature => &signature,
                    };
                    if let Some((id, (pw, ph))) = image {
                        ops.push(Op::UseXobject {
                            id: id.clone(),
                            transform: XObjectTransform {
                                translate_x: Some(Pt(*x)),
                                translate_y: Some(Pt(height - y - h)),
                                scale_x: Some(w / pw),
                                scale_y: Some(h / ph),
                                dpi: Some(72.0),
                                ..Default::default()
                            },
                        });
                    }
                }
            }
        }
        out.push(PdfPage::new(Mm(width / MM), Mm(height / MM), ops));
    }
    let options = PdfSaveOptions { subset_fonts: true, ..Default::default() };
    Ok(doc.with_pages(out).save(&options, &mut Vec::new()))
}
