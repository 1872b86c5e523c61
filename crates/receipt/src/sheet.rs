//! HQ's printed sheets besides the receipt — the monthly inspection report of a system (月度巡检
//! 报告), the month's statistics (维修统计表) — on A4 in the receipt's letterhead and type: a
//! title, the heading's fields, then sections of fields, lines of text and tables.

use outpost_domain::company::CompanyProfile;

use crate::error::Result;
use crate::layout::Flow;
use crate::render::{PageLayout, face, finish, letterhead, table};

/// A sheet to print.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    pub company: CompanyProfile,
    /// The company's hotline as the sheet's language says it (`服务热线：400-…`).
    pub hotline: String,
    pub title: String,
    /// Label and value pairs under the title (the system, the month).
    pub fields: Vec<(String, String)>,
    pub sections: Vec<Section>,
}

/// One section: its heading, then fields, lines and a table, each when it has any.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Section {
    pub heading: String,
    pub fields: Vec<(String, String)>,
    pub lines: Vec<String>,
    pub table: Option<Table>,
}

/// A table: each column's heading and share of the width, then the rows.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Table {
    pub columns: Vec<(String, f32)>,
    pub rows: Vec<Vec<String>>,
}

/// Renders a sheet as A4 PDF bytes, titled `title`.
pub fn render_sheet(sheet: &Sheet) -> Result<Vec<u8>> {
    let face = face()?;
    let mut flow = Flow::new(PageLayout::A4.geometry(), &face);
    let geo = flow.geo;
    letterhead(&mut flow, &sheet.company, &sheet.hotline, 16.0)?;
    flow.paragraph(geo.title, &sheet.title, false);
    for (k, v) in &sheet.fields {
        flow.field(k, v);
    }
    for s in &sheet.sections {
        flow.rule();
        flow.paragraph(geo.body * 1.15, &s.heading, false);
        for (k, v) in &s.fields {
            flow.field(k, v);
        }
        for line in &s.lines {
            flow.paragraph(geo.body, line, false);
        }
        if let Some(t) = &s.table {
            let shares: Vec<f32> = t.columns.iter().map(|(_, w)| *w).collect();
            let header: Vec<&str> = t.columns.iter().map(|(h, _)| h.as_str()).collect();
            table(&mut flow, &shares, &header, &t.rows);
        }
    }
    finish(flow, &sheet.title, sheet.company.logo_png.as_deref(), None)
}
