//! A small flow layout: text wrapped to a width by the font's own glyph advances (Chinese
//! breaks between any two characters, other scripts at spaces), rules, images and filled
//! squares, placed top-down on pages. A4 breaks onto new pages; the 80 mm roll is one page
//! that grows with the content.

use ttf_parser::Face;

/// Points per millimetre.
pub const MM: f32 = 72.0 / 25.4;

/// What is drawn; `y` is measured from the top of the page (baselines for text).
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Text { x: f32, y: f32, size: f32, text: String, red: bool },
    Square { x: f32, y: f32, w: f32, h: f32, grey: bool },
    Image { x: f32, y: f32, w: f32, h: f32, picture: Picture },
}

/// The two pictures a receipt can carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Picture {
    Logo,
    Signature,
}

/// The size of the paper and the type.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Geometry {
    pub page_width: f32,
    /// `None` for a roll, which grows with the content.
    pub page_height: Option<f32>,
    pub margin: f32,
    pub body: f32,
    pub small: f32,
    pub title: f32,
}

impl Geometry {
    /// The width between the margins.
    pub fn content_width(&self) -> f32 {
        self.page_width - 2.0 * self.margin
    }
}

fn breaks_anywhere(c: char) -> bool {
    matches!(c as u32, 0x2E80..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF | 0x20000..=0x3134F)
}

/// Lays items out on pages.
#[derive(Debug)]
pub struct Flow<'f> {
    pub geo: Geometry,
    face: &'f Face<'f>,
    pub pages: Vec<Vec<Item>>,
    pub y: f32,
}

impl<'f> Flow<'f> {
    /// An empty first page.
    pub fn new(geo: Geometry, face: &'f Face<'f>) -> Flow<'f> {
        Flow { geo, face, pages: vec![Vec::new()], y: geo.margin }
    }

    /// Line height for a type size.
    pub fn line(size: f32) -> f32 {
        size * 1.45
    }

    /// The width of `text` at `size`, in points. Characters the font lacks count as a space.
    pub fn measure(&self, text: &str, size: f32) -> f32 {
        let units = f32::from(self.face.units_per_em());
        let fallback = self.face.glyph_index(' ').and_then(|g| self.face.glyph_hor_advance(g)).unwrap_or(500);
        let sum: u32 = text
            .chars()
            .map(|c| {
                u32::from(self.face.glyph_index(c).and_then(|g| self.face.glyph_hor_advance(g)).unwrap_or(fallback))
            })
            .sum();
        sum as f32 * size / units
    }

    /// Splits `text` into lines no wider than `width`.
    pub fn wrap(&self, text: &str, size: f32, width: f32) -> Vec<String> {
        let mut lines = Vec::new();
        for paragraph in text.split('\n') {
            let mut line = String::new();
            // Tokens: a CJK character alone, or a run of other characters up to a space.
            let mut tokens: Vec<String> = Vec::new();
            let mut word = String::new();
            for c in paragraph.chars() {
                if breaks_anywhere(c) || c == ' ' {
                    if !word.is_empty() {
                        tokens.push(std::mem::take(&mut word));
                    }
                    tokens.push(c.to_string());
                } else {
                    word.push(c);
                }
            }
            if !word.is_empty() {
                tokens.push(word);
            }
            for token in tokens {
                let candidate = format!("{line}{token}");
                if self.measure(&candidate, size) <= width
                    || line.trim().is_empty() && self.measure(&token, size) <= width
                {
                    line = candidate;
                    continue;
                }
                if !line.trim().is_empty() {
                    lines.push(line.trim_end().to_owned());
                }
                line = String::new();
                if token == " " {
                    continue;
                }
                // A word wider than the line is cut by characters.
                for c in token.chars() {
                    let candidate = format!("{line}{c}");
                    if self.measure(&candidate, size) > width && !line.is_empty() {
                        lines.push(std::mem::take(&mut line));
                    }
                    line.push(c);
                }
            }
            lines.push(line.trim_end().to_owned());
        }
        lines
    }

    /// Starts a new page when `height` more would not fit (A4 only).
    pub fn need(&mut self, height: f32) -> bool {
        match self.geo.page_height {
            Some(h) if self.y + height > h - self.geo.margin - Self::line(self.geo.small) => {
                self.pages.push(Vec::new());
                self.y = self.geo.margin;
                true
            }
            _ => false,
        }
    }

    fn push(&mut self, item: Item) {
        if let Some(page) = self.pages.last_mut() {
            page.push(item);
        }
    }

    /// Text at `x` on the current line's baseline, no wrapping.
    pub fn put(&mut self, x: f32, size: f32, text: &str, red: bool) {
        let y = self.y + size;
        self.push(Item::Text { x, y, size, text: text.to_owned(), red });
    }

    /// Wrapped text in a column; returns the height used.
    pub fn column(&mut self, x: f32, width: f32, size: f32, text: &str) -> f32 {
        let lines = self.wrap(text, size, width);
        for (i, line) in lines.iter().enumerate() {
            let y = self.y + size + i as f32 * Self::line(size);
            self.push(Item::Text { x, y, size, text: line.clone(), red: false });
        }
        lines.len() as f32 * Self::line(size)
    }

    /// A paragraph across the whole width.
    pub fn paragraph(&mut self, size: f32, text: &str, red: bool) {
        for line in self.wrap(text, size, self.geo.content_width()) {
            self.need(Self::line(size));
            self.put(self.geo.margin, size, &line, red);
            self.y += Self::line(size);
        }
    }

    /// A label and its value: side by side on A4, one under the other on a roll.
    pub fn field(&mut self, label: &str, value: &str) {
        let (m, w, size) = (self.geo.margin, self.geo.content_width(), self.geo.body);
        if self.geo.page_height.is_some() {
            let label_w = w * 0.24;
            let lines = self.wrap(value, size, w - label_w);
            let mut first = true;
            for line in lines {
                self.need(Self::line(size));
                if first {
                    self.put(m, size, label, false);
                    first = false;
                }
                self.put(m + label_w, size, &line, false);
                self.y += Self::line(size);
            }
        } else if self.measure(label, self.geo.small) + 6.0 + self.measure(value, size) <= w && !value.contains('\n') {
            // A short pair shares one line: the roll is paid for by the millimetre.
            self.need(Self::line(size));
            let (small, baseline) = (self.geo.small, self.y + size);
            self.push(Item::Text { x: m, y: baseline, size: small, text: label.to_owned(), red: false });
            self.put(m + self.measure(label, small) + 6.0, size, value, false);
            self.y += Self::line(size);
        } else {
            if !label.is_empty() {
                self.paragraph(self.geo.small, label, false);
            }
            self.paragraph(size, value, false);
        }
    }

    /// A thin horizontal rule and some space.
    pub fn rule(&mut self) {
        self.need(6.0);
        self.y += 2.0;
        let (x, w) = (self.geo.margin, self.geo.content_width());
        self.push(Item::Square { x, y: self.y, w, h: 0.5, grey: true });
        self.y += 4.0;
    }

    /// A filled square (QR modules).
    pub fn square(&mut self, x: f32, y: f32, side: f32) {
        self.push(Item::Square { x, y, w: side, h: side, grey: false });
    }

    /// An image box at the current position, below which the flow continues.
    pub fn image(&mut self, picture: Picture, x: f32, w: f32, h: f32) {
        self.need(h);
        self.place(picture, x, self.y, w, h);
        self.y += h;
    }

    /// An image box anywhere on the current page; the flow does not move.
    pub fn place(&mut self, picture: Picture, x: f32, y: f32, w: f32, h: f32) {
        self.push(Item::Image { x, y, w, h, picture });
    }
}
