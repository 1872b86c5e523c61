//! Real PDFs read back: `pdftotext` finds every field in both languages and layouts, Chinese
//! included; `pdftoppm` renders every page (kept under target/receipts/ to look at); the QR
//! code decodes to the verification reference; odd input renders or fails in words.

mod sample;

use std::path::{Path, PathBuf};
use std::process::Command;

use outpost_domain::customer::Language;
use outpost_receipt::{PageLayout, render};
use sample::{receipt, sample};

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn out_dir() -> Result<PathBuf, Box<dyn std::error::Error>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/receipts");
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}

/// Writes the PDF, renders its pages to PNG, returns its text (pages separated by form feeds).
fn read_back(name: &str, pdf: &[u8]) -> Result<String, Box<dyn std::error::Error>> {
    let dir = out_dir()?;
    for old in std::fs::read_dir(&dir)?.filter_map(|e| e.ok().map(|e| e.path())) {
        let file = old.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        if file
            .strip_prefix(&format!("{name}-"))
            .is_some_and(|rest| rest.trim_end_matches(".png").parse::<u32>().is_ok())
        {
            std::fs::remove_file(&old)?;
        }
    }
    let path = dir.join(format!("{name}.pdf"));
    std::fs::write(&path, pdf)?;
    let text = Command::new("pdftotext").args(["-layout", "-enc", "UTF-8"]).arg(&path).arg("-").output()?;
    assert!(text.status.success(), "pdftotext: {}", String::from_utf8_lossy(&text.stderr));
    let png = Command::new("pdftoppm").args(["-png", "-r", "200"]).arg(&path).arg(dir.join(name)).output()?;
    assert!(png.status.success(), "pdftoppm: {}", String::from_utf8_lossy(&png.stderr));
    Ok(String::from_utf8(text.stdout)?)
}

fn compact(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn a_chinese_a4_receipt_has_every_field_in_reading_order() -> TestResult {
    let s = sample(Language::ZhCn, 8, false)?;
    let r = receipt(&s, Language::ZhCn)?;
    let pdf = render(&r, PageLayout::A4)?;
    assert!(pdf.len() < 150_000, "a receipt stays small: {} bytes", pdf.len());
    let text = compact(&read_back("zh-a4", &pdf)?);
    let expected = [
        "售后服务回执",
        "回执编号",
        &s.job.number,
        "客户",
        &s.customer.name,
        "现场",
        &s.site.name,
        "设备",
        &s.equipment.serial,
        "保修",
        "服务工程师",
        "王建国",
        "服务类型",
        "维修",
        "到达时间",
        "报修现象",
        "现场故障现象",
        "故障原因",
        "冷却风扇电机烧毁",
        "解决办法",
        "测试情况",
        "处理结果",
        "已解决",
        "更换零件",
        "保修判定",
        "合计",
        "满意度评价",
        "用户意见",
        "服务及时，态度很好",
        "客户签字",
        "报告校验码",
    ];
    let mut from = 0;
    for e in expected {
        let needle = compact(e);
        let at = text[from..].find(&needle).map(|i| i + from);
        assert!(at.is_some(), "'{e}' missing or out of order in:\n{text}");
        from = at.unwrap_or(from);
    }
    assert!(text.contains("李经理·2026-11-2311:10"), "the signer and the time of signing are printed");
    let short = s.report.signature.as_ref().map(|sig| sig.short_hash()).ok_or("signed")?;
    assert!(text.contains(&short), "the short hash is printed");
    assert!(!text.contains("草稿"), "a signed receipt is not a draft");
    let images = Command::new("pdfimages").arg("-list").arg(out_dir()?.join("zh-a4.pdf")).output()?;
    let listing = String::from_utf8(images.stdout)?;
    let sizes: Vec<&str> = listing.lines().skip(2).filter_map(|l| l.split_whitespace().nth(3)).collect();
    assert!(sizes.contains(&"360"), "the 360 px wide signature is embedded:\n{listing}");
    assert!(sizes.contains(&"96"), "the 96 px logo is embedded:\n{listing}");
    Ok(())
}

#[test]
fn english_and_roll_receipts_too() -> TestResult {
    let s = sample(Language::En, 3, false)?;
    for (name, language, layout) in [
        ("en-a4", Language::En, PageLayout::A4),
        ("en-80mm", Language::En, PageLayout::Roll80),
        ("zh-80mm", Language::ZhCn, PageLayout::Roll80),
    ] {
        let pdf = render(&receipt(&s, language)?, layout)?;
        let text = compact(&read_back(name, &pdf)?);
        let labels = if language == Language::En {
            [
                "Servicevisitreceipt",
                "Customer",
                "Engineer",
                "Faultcause",
                "Partsreplaced",
                "Total",
                "Customersignature",
                "Reportcheckcode",
            ]
        } else {
            ["售后服务回执", "客户", "服务工程师", "故障原因", "更换零件", "合计", "客户签字", "报告校验码"]
        };
        for l in labels {
            assert!(text.contains(l), "{name}: '{l}' missing in\n{text}");
        }
        assert!(text.contains(&compact(&s.customer.name)), "{name}: customer data is printed as entered");
        // The report's own fields are named as the field registry names them, on every screen.
        use outpost_domain::report::ReportField as F;
        for field in [F::SymptomFound, F::FaultCause, F::Solution, F::TestsDone, F::Result, F::PartsReplaced] {
            let label = compact(field.label(language));
            assert!(text.contains(&label), "{name}: the receipt names {field:?} '{label}' as the registry does");
        }
        assert!(pdf.len() < 150_000, "{name}: {} bytes", pdf.len());
    }
    Ok(())
}

#[test]
fn the_qr_code_decodes_to_the_verification_reference() -> TestResult {
    let s = sample(Language::ZhCn, 2, false)?;
    let r = receipt(&s, Language::ZhCn)?;
    for (name, layout) in [("qr-a4", PageLayout::A4), ("qr-80mm", PageLayout::Roll80)] {
        read_back(name, &render(&r, layout)?)?;
        let pages: Vec<PathBuf> = std::fs::read_dir(out_dir()?)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with(&format!("{name}-")) && n.ends_with(".png"))
            })
            .collect();
        let mut found = Vec::new();
        for page in pages {
            let img = image::open(&page)?.to_luma8();
            let mut prepared = rqrr::PreparedImage::prepare(img);
            for grid in prepared.detect_grids() {
                if let Ok((_, content)) = grid.decode() {
                    found.push(content);
                }
            }
        }
        assert_eq!(found, vec![r.verification.clone().ok_or("reference")?], "{name}");
    }
    Ok(())
}

#[test]
fn forty_parts_run_onto_more_pages_with_the_table_header_repeated() -> TestResult {
    let s = sample(Language::ZhCn, 40, false)?;
    let text = read_back("zh-a4-40-parts", &render(&receipt(&s, Language::ZhCn)?, PageLayout::A4)?)?;
    let pages: Vec<&str> = text.split('\u{c}').filter(|p| !p.trim().is_empty()).collect();
    assert!(pages.len() >= 2, "{} pages", pages.len());
    assert!(compact(pages[1]).contains("编号名称数量"), "the table header repeats on page 2:\n{}", pages[1]);
    assert!(compact(pages[0]).contains(&format!("1/{}", pages.len())), "pages are numbered");
    Ok(())
}

#[test]
fn an_unsigned_receipt_is_marked_as_a_draft() -> TestResult {
    let s = sample(Language::En, 1, true)?;
    let text = read_back("en-draft", &render(&receipt(&s, Language::En)?, PageLayout::A4)?)?;
    assert!(compact(&text).contains("DRAFT—notsignedbythecustomer"), "{text}");
    Ok(())
}

#[test]
fn odd_input_renders_without_panicking() -> TestResult {
    let mut s = sample(Language::ZhCn, 0, false)?;
    let long = "很长的故障描述".repeat(70) + &" a very long English description".repeat(10);
    s.report.fault_cause = Some(long.chars().take(500).collect());
    s.report.solution = Some("更换密封件 🔧 and reset the PLC — Dichtung erneuert, смазка ✅".into());
    s.customer.name = "Müller & 王氏 Farm 🐄 Ltd.".into();
    for (name, layout) in [("odd-a4", PageLayout::A4), ("odd-80mm", PageLayout::Roll80)] {
        let text = compact(&read_back(name, &render(&receipt(&s, Language::ZhCn)?, layout)?)?);
        assert!(text.contains("未更换零件"), "zero parts says so");
        assert!(text.contains("更换密封件"), "mixed scripts survive");
    }
    let many = sample(Language::En, 200, false)?;
    let pdf = render(&receipt(&many, Language::En)?, PageLayout::A4)?;
    let text = read_back("en-a4-200-parts", &pdf)?;
    assert!(text.matches('\u{c}').count() >= 4, "200 parts take several pages");
    Ok(())
}
