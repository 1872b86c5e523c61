//! The month's statistics as sheets: CSV and XLSX (the sources keep these "in one Excel"),
//! one row per engineer and one for the team with the same columns, the parts used and the
//! repeat repairs apart; and a printable PDF in the receipt's letterhead.

use outpost_domain::company::CompanyProfile;
use outpost_domain::complaint::Category;
use outpost_domain::customer::Language;
use outpost_domain::money::Money;
use outpost_domain::rating::Dimension;
use outpost_receipt::{Section, Sheet, Table, render_sheet};
use outpost_wire::kpis::Ratio;
use outpost_wire::statistics::{Figures, Statistics};
use rust_xlsxwriter::{Format, Workbook, XlsxError};

use crate::error::{AppError, Result};

/// One cell of a row.
#[derive(Debug, Clone, PartialEq)]
enum Cell {
    Text(String),
    Count(u32),
    /// How many of how many; nothing to count is "not measured", never 0 %.
    Share(Option<Ratio>),
    Money(Vec<Money>),
}

fn both(language: Language, en: &str, zh: &str) -> String {
    if language == Language::En { en.to_owned() } else { zh.to_owned() }
}

/// The headings of a figures row, in `language`.
fn headings(language: Language) -> Vec<String> {
    let l = |en: &str, zh: &str| both(language, en, zh);
    let mut h = vec![
        l("Engineer", "工程师"),
        l("Repairs", "维修"),
        l("Installations", "安装调试"),
        l("Inspections", "巡检"),
        l("Maintenance", "保养"),
        l("Follow-up visits", "回访上门"),
        l("Visits", "上门合计"),
        l("Completed", "已完成"),
        l("Unresolved", "未解决"),
        l("Cancelled", "已取消"),
    ];
    for d in Dimension::ALL {
        h.push(format!("{} {}", d.label(language), l("satisfied", "满意")));
        h.push(format!("{} {}", d.label(language), l("not fully satisfied", "不满意")));
    }
    h.push(l("Declined to rate", "拒绝评价"));
    for c in Category::ALL {
        h.push(format!("{}{}", l("Complaints: ", "投诉："), c.label(language)));
    }
    h.extend([
        l("Compensations", "赔偿次数"),
        l("Compensated", "赔偿金额"),
        l("Callbacks satisfied", "回访满意"),
        l("Callbacks not satisfied", "回访不满意"),
        l("Callbacks by visit", "上门回访"),
        l("Repeat repairs", "返修次数"),
        l("Installation pass rate", "安装合格率"),
        l("Repair pass rate", "维修合格率"),
        l("Part lines", "配件条数"),
        l("Parts fitted", "配件数量"),
        l("Charged", "收费金额"),
        l("Planned visits", "计划上门"),
        l("Done", "按时完成"),
        l("Done late", "逾期完成"),
        l("Missed", "漏检"),
        l("To do", "待完成"),
    ]);
    for share in outpost_domain::kpi::Share::ALL {
        h.push(share.label(language).to_owned());
    }
    h
}

fn row(who: &str, f: &Figures) -> Vec<Cell> {
    let v = &f.visits;
    let mut r = vec![
        Cell::Text(who.to_owned()),
        Cell::Count(v.repair),
        Cell::Count(v.installation),
        Cell::Count(v.inspection),
        Cell::Count(v.maintenance),
        Cell::Count(v.callback),
        Cell::Count(v.repair + v.installation + v.inspection + v.maintenance + v.callback),
        Cell::Count(f.completed),
        Cell::Count(f.unresolved),
        Cell::Count(f.cancelled),
    ];
    for d in &f.satisfaction {
        r.extend([Cell::Count(d.satisfied), Cell::Count(d.not_fully)]);
    }
    r.push(Cell::Count(f.declined));
    r.extend(f.complaints.iter().map(|c| Cell::Count(c.count)));
    r.extend([
        Cell::Count(f.compensations),
        Cell::Money(f.compensated.clone()),
        Cell::Count(f.callbacks.satisfied),
        Cell::Count(f.callbacks.unsatisfied),
        Cell::Count(f.callbacks.visits),
        Cell::Count(f.repeat_repairs),
        Cell::Share(Some(f.installation_pass)),
        Cell::Share(Some(f.repair_pass)),
        Cell::Count(f.part_lines),
        Cell::Count(f.part_pieces),
        Cell::Money(f.charged.clone()),
        Cell::Count(f.planned.planned),
        Cell::Count(f.planned.done),
        Cell::Count(f.planned.late),
        Cell::Count(f.planned.missed),
        Cell::Count(f.planned.pending),
    ]);
    let k: outpost_domain::kpi::Kpis = f.kpis.into();
    r.extend(k.shares().into_iter().map(|(_, share)| Cell::Share(share.map(Into::into))));
    r
}

/// Every row: each engineer, then the team.
fn rows(s: &Statistics, language: Language) -> Vec<Vec<Cell>> {
    let mut out: Vec<Vec<Cell>> = s.engineers.iter().map(|e| row(&e.engineer, &e.figures)).collect();
    if s.engineer_id.is_none() {
        out.push(row(&both(language, "Team", "全部门"), &s.team));
    }
    out
}

fn not_measured(language: Language) -> String {
    both(language, "not measured", "未统计")
}

fn text(c: &Cell, language: Language) -> String {
    match c {
        Cell::Text(t) => t.clone(),
        Cell::Count(n) => n.to_string(),
        Cell::Share(Some(r)) if r.denominator > 0 => {
            format!(
                "{:.1}% ({}/{})",
                f64::from(r.numerator) * 100.0 / f64::from(r.denominator),
                r.numerator,
                r.denominator
            )
        }
        Cell::Share(_) => not_measured(language),
        Cell::Money(sums) if sums.is_empty() => "0".to_owned(),
        Cell::Money(sums) => sums.iter().map(|m| m.words(language)).collect::<Vec<_>>().join("; "),
    }
}

/// RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled.
fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) { format!("\"{}\"", s.replace('"', "\"\"")) } else { s.to_owned() }
}

fn csv_line(fields: impl IntoIterator<Item = String>) -> String {
    let mut line = fields.into_iter().map(|f| csv_field(&f)).collect::<Vec<_>>().join(",");
    line.push_str("\r\n");
    line
}

/// The statistics as CSV in UTF-8 with a byte-order mark (what Excel needs to read Chinese).
pub fn csv(s: &Statistics, language: Language) -> String {
    let mut out = String::from("\u{feff}");
    out.push_str(&csv_line(headings(language)));
    for r in rows(s, language) {
        out.push_str(&csv_line(r.iter().map(|c| match c {
            // Plain numbers for a spreadsheet: `3/4`, empty when there is nothing to count.
            Cell::Share(Some(r)) if r.denominator > 0 => format!("{}/{}", r.numerator, r.denominator),
            Cell::Share(_) => String::new(),
            Cell::Money(sums) => sums.iter().map(|m| m.to_string()).collect::<Vec<_>>().join("; "),
            other => text(other, language),
        })));
    }
    out
}

fn xlsx_error(e: XlsxError) -> AppError {
    AppError::internal(format!("statistics workbook: {e}"))
}

/// The statistics as an Excel workbook: the figures, the parts used, the repeat repairs.
pub fn xlsx(s: &Statistics, language: Language) -> Result<Vec<u8>> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let percent = Format::new().set_num_format("0.0%");
    let l = |en: &str, zh: &str| both(language, en, zh);
    let sheet = book.add_worksheet().set_name(l("Statistics", "维修统计")).map_err(xlsx_error)?;
    sheet.write_string(0, 0, format!("{} {}", l("Monthly statistics", "月度统计"), s.month)).map_err(xlsx_error)?;
    for (c, h) in headings(language).iter().enumerate() {
        sheet.write_string_with_format(1, c as u16, h, &bold).map_err(xlsx_error)?;
    }
    for (i, r) in rows(s, language).iter().enumerate() {
        let at = i as u32 + 2;
        for (c, cell) in r.iter().enumerate() {
            let c = c as u16;
            match cell {
                Cell::Text(t) => sheet.write_string(at, c, t).map(drop),
                Cell::Count(n) => sheet.write_number(at, c, f64::from(*n)).map(drop),
                Cell::Share(Some(r)) if r.denominator > 0 => sheet
                    .write_number_with_format(at, c, f64::from(r.numerator) / f64::from(r.denominator), &percent)
                    .map(drop),
                Cell::Share(_) => sheet.write_string(at, c, not_measured(language)).map(drop),
                Cell::Money(sums) if sums.len() == 1 => {
                    let m = sums[0];
                    sheet.write_number(at, c, m.minor as f64 / m.currency.minor_per_major() as f64).map(drop)
                }
                Cell::Money(sums) if sums.is_empty() => sheet.write_number(at, c, 0.0).map(drop),
                money => sheet.write_string(at, c, text(money, language)).map(drop),
            }
            .map_err(xlsx_error)?;
        }
    }
    let parts = book.add_worksheet().set_name(l("Parts", "配件")).map_err(xlsx_error)?;
    for (c, h) in [l("Code", "编码"), l("Part", "配件"), l("Lines", "条数"), l("Pieces", "数量")].iter().enumerate()
    {
        parts.write_string_with_format(0, c as u16, h, &bold).map_err(xlsx_error)?;
    }
    for (i, p) in s.parts.iter().enumerate() {
        let at = i as u32 + 1;
        parts.write_string(at, 0, &p.code).map_err(xlsx_error)?;
        parts.write_string(at, 1, &p.name).map_err(xlsx_error)?;
        parts.write_number(at, 2, f64::from(p.lines)).map_err(xlsx_error)?;
        parts.write_number(at, 3, f64::from(p.pieces)).map_err(xlsx_error)?;
    }
    let repeats = book.add_worksheet().set_name(l("Repeat repairs", "返修")).map_err(xlsx_error)?;
    let heads = [
        l("Job", "工单"),
        l("Engineer", "工程师"),
        l("Repeated by", "返修工单"),
        l("Reason", "返修原因"),
        l("First cause", "首次故障原因"),
    ];
    for (c, h) in heads.iter().enumerate() {
        repeats.write_string_with_format(0, c as u16, h, &bold).map_err(xlsx_error)?;
    }
    for (i, r) in s.repeats.iter().enumerate() {
        let at = i as u32 + 1;
        for (c, v) in [
            &r.job_number,
            r.engineer.as_deref().unwrap_or(""),
            &r.repeated_by_number,
            &r.reason,
            r.first_cause.as_deref().unwrap_or(""),
        ]
        .iter()
        .enumerate()
        {
            repeats.write_string(at, c as u16, *v).map_err(xlsx_error)?;
        }
    }
    book.save_to_buffer().map_err(xlsx_error)
}

/// The statistics as a printable A4 PDF: the team's figures, each engineer's main ones, the
/// parts used and the repeat repairs.
pub fn pdf(s: &Statistics, company: CompanyProfile, language: Language) -> Result<Vec<u8>> {
    let l = |en: &str, zh: &str| both(language, en, zh);
    let heads = headings(language);
    let team = row("", &s.team);
    let subject = match (&s.engineer_id, s.engineers.first()) {
        (Some(_), Some(e)) => e.engineer.clone(),
        _ => l("Team", "全部门"),
    };
    let mut sections = vec![Section {
        heading: subject,
        fields: heads.iter().zip(&team).skip(1).map(|(h, c)| (h.clone(), text(c, language))).collect(),
        ..Section::default()
    }];
    if s.engineer_id.is_none() && !s.engineers.is_empty() {
        // The columns a page holds: visits, completed, unresolved, repeat repairs, missed planned
        // visits, complaints, satisfied customers.
        let picked = [0usize, 6, 7, 8, 30, 39];
        let mut columns: Vec<(String, f32)> = picked.iter().map(|&i| (heads[i].clone(), 0.1)).collect();
        columns[0].1 = 0.2;
        columns.push((l("Complaints", "投诉"), 0.1));
        columns.push((outpost_domain::kpi::Share::Satisfied.label(language).to_owned(), 0.2));
        let rows = s
            .engineers
            .iter()
            .map(|e| {
                let r = row(&e.engineer, &e.figures);
                let mut cells: Vec<String> = picked.iter().map(|&i| text(&r[i], language)).collect();
                cells.push(e.figures.complaints.iter().map(|c| c.count).sum::<u32>().to_string());
                let k: outpost_domain::kpi::Kpis = e.figures.kpis.into();
                cells.push(text(&Cell::Share(Some(k.satisfied.into())), language));
                cells
            })
            .collect();
        sections.push(Section {
            heading: l("By engineer", "各工程师"),
            table: Some(Table { columns, rows }),
            ..Section::default()
        });
    }
    if !s.parts.is_empty() {
        let columns = [
            (l("Code", "编码"), 0.2),
            (l("Part", "配件"), 0.5),
            (l("Lines", "条数"), 0.15),
            (l("Pieces", "数量"), 0.15),
        ]
        .to_vec();
        let rows = s
            .parts
            .iter()
            .map(|p| vec![p.code.clone(), p.name.clone(), p.lines.to_string(), p.pieces.to_string()])
            .collect();
        sections.push(Section {
            heading: l("Parts used", "配件使用"),
            table: Some(Table { columns, rows }),
            ..Section::default()
        });
    }
    if !s.repeats.is_empty() {
        let columns = [
            (l("Job", "工单"), 0.18),
            (l("Engineer", "工程师"), 0.14),
            (l("Repeated by", "返修工单"), 0.18),
            (l("Reason", "返修原因"), 0.5),
        ]
        .to_vec();
        let rows = s
            .repeats
            .iter()
            .map(|r| {
                vec![
                    r.job_number.clone(),
                    r.engineer.clone().unwrap_or_default(),
                    r.repeated_by_number.clone(),
                    r.reason.clone(),
                ]
            })
            .collect();
        sections.push(Section {
            heading: l("Repeat repairs", "返修明细"),
            table: Some(Table { columns, rows }),
            ..Section::default()
        });
    }
    let labels = outpost_receipt::labels::labels(language);
    let sheet = Sheet {
        hotline: format!("{}{}{}", labels.hotline, labels.colon, company.hotline),
        company,
        title: format!("{} {}", l("Monthly statistics", "月度维修统计表"), s.month),
        fields: Vec::new(),
        sections,
    };
    render_sheet(&sheet).map_err(|e| AppError::internal(format!("statistics sheet: {}", e.render(Language::En))))
}
