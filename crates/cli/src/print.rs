//! Text and JSON output.

/// `println!` that returns an error instead of panicking when stdout is closed.
macro_rules! out {
    ($($t:tt)*) => { $crate::print::write_line(format_args!($($t)*))? };
}

use outpost_domain::customer::Language;
use outpost_domain::equipment::WarrantyState;
use outpost_domain::parts_request::RequestState;
use outpost_domain::rating::{Dimension, Satisfaction};
use outpost_domain::report::ReportField;
use outpost_store::detail::JobDetail;
use outpost_store::jobs::JobSummary;
use outpost_store::search::SearchHit;
use serde::Serialize;
use time::macros::format_description;
use time::{OffsetDateTime, UtcOffset};

use std::io::Write;

use crate::error::{CliError, Result};

/// Writes one line to stdout. A closed pipe (`| head`) is reported as
/// [`CliError::StdoutClosed`] so `main` can stop quietly instead of panicking.
pub fn write_line(args: std::fmt::Arguments<'_>) -> Result<()> {
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "{args}").map_err(|e| {
        if e.kind() == std::io::ErrorKind::BrokenPipe { CliError::StdoutClosed } else { CliError::Write(e) }
    })
}

/// Pretty JSON on stdout.
pub fn json<T: Serialize>(value: &T) -> Result<()> {
    out!("{}", serde_json::to_string_pretty(value)?);
    Ok(())
}

fn hm(t: OffsetDateTime, offset: UtcOffset) -> String {
    t.to_offset(offset).format(format_description!("[hour]:[minute]")).unwrap_or_default()
}

fn when(t: OffsetDateTime, offset: UtcOffset) -> String {
    t.to_offset(offset).format(format_description!("[year]-[month]-[day] [hour]:[minute]")).unwrap_or_default()
}

/// One line of the job list.
pub fn summary(j: &JobSummary, offset: UtcOffset) -> Result<()> {
    let window = match (j.window_from, j.window_until) {
        (Some(a), Some(b)) => format!("{}-{}", hm(a, offset), hm(b, offset)),
        _ => "     -     ".into(),
    };
    out!(
        "{}  {}  {:<12} {:<10} {}  {} · {}  {}",
        j.number,
        j.scheduled_on,
        j.job_type.as_str(),
        j.status.as_str(),
        window,
        j.customer,
        j.site,
        j.equipment.as_deref().unwrap_or("")
    );
    Ok(())
}

/// One search hit.
pub fn hit(h: &SearchHit) -> Result<()> {
    out!("{:<9} {}  {}", format!("{:?}", h.kind).to_lowercase(), h.id, h.title);
    Ok(())
}

/// What is still missing before signing.
pub fn missing(missing: &[ReportField]) -> Result<()> {
    if missing.is_empty() {
        out!("report complete: ready for the customer's signature");
    } else {
        let names: Vec<&str> = missing.iter().map(|f| f.as_str()).collect();
        out!("still missing before signing: {}", names.join(", "));
    }
    Ok(())
}

/// The job screen as text.
pub fn detail(d: &JobDetail, offset: UtcOffset) -> Result<()> {
    let j = &d.job;
    out!("{}  {}  {}  ({})", j.number, j.job_type, j.status, j.id);
    out!("scheduled: {}", j.scheduled_on);
    if let Some(w) = j.window {
        out!("window: {} - {}", when(w.from, offset), hm(w.until, offset));
    }
    out!("fault: {}", j.reported_fault);
    out!("customer: {}", d.customer.name);
    for c in &d.customer.contacts {
        out!("  {}  {}  {}", c.name, c.phone, c.role.as_deref().unwrap_or(""));
    }
    out!("site: {}, {}", d.site.name, d.site.address);
    if let Some(dir) = &d.site.directions {
        out!("  directions: {dir}");
    }
    if let Some(e) = &d.equipment {
        let warranty = match d.warranty {
            WarrantyState::InWarranty { until } => format!("in warranty until {until}"),
            WarrantyState::Expired { ended } => format!("warranty ended {ended}"),
            WarrantyState::Unknown => "warranty unknown".into(),
        };
        out!("equipment: {} {} serial {} ({warranty})", e.brand, e.model, e.serial);
    }
    for t in [
        ("en route", j.times.en_route_at),
        ("arrived", j.times.arrived_at),
        ("finished", j.times.finished_at),
        ("signed", j.times.signed_at),
        ("departed", j.times.departed_at),
    ] {
        if let (label, Some(at)) = t {
            out!("{label}: {}", when(at, offset));
        }
    }
    let r = &d.report;
    out!("report (revision {}):", r.revision);
    for (field, value) in [
        (ReportField::SymptomReported, &r.symptom_reported),
        (ReportField::SymptomFound, &r.symptom_found),
        (ReportField::FaultCause, &r.fault_cause),
        (ReportField::Solution, &r.solution),
        (ReportField::WorkDone, &r.work_done),
        (ReportField::TestsDone, &r.tests_done),
        (ReportField::CustomerOpinion, &r.customer_opinion),
    ] {
        if let Some(v) = value {
            out!("  {}: {v}", field.as_str());
        }
    }
    if let Some(result) = r.result {
        out!("  result: {}", result.as_str());
    }
    for item in &r.checklist {
        let state = item.state.map_or("-", |s| match s {
            outpost_domain::report::CheckState::Ok => "ok",
            outpost_domain::report::CheckState::Issue => "issue",
        });
        out!("  check {}: {state} {}", item.key, item.note.as_deref().unwrap_or(""));
    }
    match &r.satisfaction {
        Some(Satisfaction::Declined { .. }) => out!("  satisfaction: declined"),
        Some(Satisfaction::Rated { ratings, .. }) => {
            let parts: Vec<String> = Dimension::ALL
                .iter()
                .map(|dim| {
                    format!("{} {}", dim.as_str(), ratings.get(*dim).map_or("-".into(), |v| v.value().to_string()))
                })
                .collect();
            out!("  satisfaction: {}", parts.join(", "));
        }
        None => {}
    }
    if !d.quote.lines.is_empty() || !d.quote.total.is_zero() {
        out!("parts and charges:");
        for l in &d.quote.lines {
            out!(
                "  {} × {} {}  {}  ({})",
                l.quantity,
                l.part_code,
                l.part_name,
                l.total.words(Language::En),
                l.explain_en()
            );
        }
        let en = |m: outpost_domain::money::Money| m.words(Language::En);
        out!("  labour {}, service fee {}, total {}", en(d.quote.labour), en(d.quote.service_fee), en(d.quote.total));
    }
    if !d.parts_requests.is_empty() {
        out!("parts requested from HQ:");
        for q in &d.parts_requests {
            let answer = match &q.state {
                RequestState::Requested => format!("sent, due by {}", q.due_by()),
                RequestState::Promised { deliver_by } => format!("HQ promises by {deliver_by}"),
                RequestState::Delivered { at } => format!("delivered {}", when(*at, offset)),
                RequestState::Declined { reason } => format!("declined: {reason}"),
            };
            let charge =
                q.price.map(|p| format!("  {}: {}", p.explain_en(), p.total.words(Language::En))).unwrap_or_default();
            out!("  {} × {} {}  {answer}{charge}", q.quantity, q.part_code, q.part_name);
        }
    }
    for c in &d.complaints {
        let stage = match (c.stage(), &c.closure) {
            (_, Some(k)) if k.accepted => format!("closed, the customer accepted: {}", k.customer_answer),
            (_, Some(k)) => format!("closed, the customer did not accept: {}", k.customer_answer),
            (outpost_domain::complaint::Stage::Received, None) => "waiting for HQ's reply".to_owned(),
            _ => "HQ is handling it".to_owned(),
        };
        let (category, channel) = (c.category.label(Language::En), c.channel.label(Language::En));
        out!("COMPLAINT ({category}, {channel}, {}): {}  [{stage}]", when(c.received_at, offset), c.text);
        for h in &c.handling {
            out!("  {} {}: {}", when(h.at, offset), h.by, h.text);
        }
    }
    if let Some(s) = &r.signature {
        out!("signed by {} at {}; hash {}", s.signer_name, when(s.signed_at, offset), s.short_hash());
    } else {
        missing(&d.missing)?;
    }
    if !d.history.is_empty() {
        out!("service history of this equipment:");
        for h in d.history.iter().take(10) {
            out!("  {}  {}  {}  {}", h.scheduled_on, h.number, h.job_type, h.reported_fault);
        }
    }
    Ok(())
}

/// A catalogue part on one line, tab-separated: code, name, list price, class, what the van
/// holds, and when it holds none, the substitutes it does hold.
pub fn found_part(found: &outpost_laptop::FoundPart) -> String {
    let van = |f: &outpost_laptop::FoundPart| match f.van {
        Some(level) => format!("van {}", level.on_hand),
        None => "not in van".to_owned(),
    };
    let p = &found.part;
    let mut line =
        format!("{}\t{}\t{}\t{}\t{}", p.code, p.name, p.unit_price.words(Language::En), p.class.as_str(), van(found));
    if !found.stand_ins.is_empty() {
        let instead: Vec<String> = found.stand_ins.iter().map(|s| format!("{} ({})", s.part.code, van(s))).collect();
        line.push_str(&format!("\tinstead: {}", instead.join(", ")));
    }
    line
}

/// The engineer's own month, one line per count, in `language`; then the month's figures.
pub fn my_month(m: &outpost_laptop::MyMonth, language: Language) -> Result<()> {
    let (f, zh) = (&m.figures, language == Language::ZhCn);
    let l = |en: &'static str, cn: &'static str| if zh { cn } else { en };
    let join = |parts: Vec<String>| parts.join(if zh { "，" } else { ", " });
    let v = &f.visits;
    let types = [
        (outpost_domain::job::JobType::Repair, v.repair),
        (outpost_domain::job::JobType::Installation, v.installation),
        (outpost_domain::job::JobType::Inspection, v.inspection),
        (outpost_domain::job::JobType::Maintenance, v.maintenance),
        (outpost_domain::job::JobType::Callback, v.callback),
    ];
    out!("{}", if zh { format!("{} 我的月度统计", m.month) } else { format!("my month {}", m.month) });
    let by_type = join(types.iter().map(|(t, n)| format!("{} {n}", t.label(language))).collect());
    let (open, close) = (l(" (", "（"), l(")", "）"));
    out!("{}{}{}{open}{by_type}{close}", l("visits: ", "上门："), v.total(), l("", " 次"));
    out!("{} {}{}{} {}", l("completed", "已完成"), f.completed, l(", ", "，"), l("unresolved", "未解决"), f.unresolved);
    let rated = join(
        f.satisfaction
            .iter()
            .map(|d| format!("{} {} / {}", d.dimension.label(language), d.satisfied, d.not_fully))
            .collect(),
    );
    out!("{}{rated}", l("satisfied / not fully satisfied: ", "满意 / 不满意："));
    out!("{}{}", l("declined to rate: ", "拒绝评价："), f.declined);
    let complained = join(f.complaints.iter().map(|c| format!("{} {}", c.category.label(language), c.count)).collect());
    let total: u32 = f.complaints.iter().map(|c| c.count).sum();
    out!("{}{total}{}{open}{complained}{close}", l("complaints: ", "投诉："), l("", " 次"));
    let money = |sums: &[outpost_domain::money::Money]| {
        if sums.is_empty() {
            "0".to_owned()
        } else {
            sums.iter().map(|m| m.words(language)).collect::<Vec<_>>().join("; ")
        }
    };
    out!(
        "{}{}{}{}",
        l("compensations: ", "赔偿："),
        f.compensations,
        l(", amounting to ", " 次，金额 "),
        money(&f.compensated)
    );
    let share = |r: outpost_domain::kpi::Ratio| match r.percent() {
        Some(p) if zh => format!("{} 单中 {} 单（{p:.1}%）", r.denominator, r.numerator),
        Some(p) => format!("{} of {} ({p:.1} %)", r.numerator, r.denominator),
        None => l("not measured", "未统计").to_owned(),
    };
    out!("{}{}", l("repeat repairs: ", "返修："), f.repeat_repairs);
    let pass = outpost_domain::kpi::statistics::PassRate::Repair.label(language);
    out!("{pass}{}{}", l(": ", "："), share(f.repair_pass));
    let pass = outpost_domain::kpi::statistics::PassRate::Installation.label(language);
    out!("{pass}{}{}", l(": ", "："), share(f.installation_pass));
    out!("{}{} / {}", l("parts fitted (pieces / lines): ", "配件（件 / 条）："), f.part_pieces, f.part_lines);
    out!("{}{}", l("charged: ", "收费："), money(&f.charged));
    // A job HQ cancels leaves the laptop: cancelled jobs, like the callback queue and the
    // planned visits, are HQ's to count.
    out!(
        "{}",
        l("cancelled jobs, callbacks and planned visits: counted at HQ", "取消的工单、回访与计划上门：由总部统计")
    );
    figures(&outpost_laptop::MonthFigures { month: m.month.clone(), kpis: f.kpis }, language)
}

/// A month's figures, one per line, in `language`: how many of how many, or "not measured".
pub fn figures(f: &outpost_laptop::MonthFigures, language: Language) -> Result<()> {
    let zh = language == Language::ZhCn;
    if zh {
        out!("{} 月度统计", f.month);
    } else {
        out!("figures of {}", f.month);
    }
    for (share, ratio) in f.kpis.shares() {
        let label = share.label(language);
        let value = match ratio.and_then(|r| r.percent().map(|p| (r, p))) {
            Some((r, p)) if zh => format!("{} 单中 {} 单（{p:.1}%）", r.denominator, r.numerator),
            Some((r, p)) => format!("{} of {} ({p:.1} %)", r.numerator, r.denominator),
            None if zh => "未统计".to_owned(),
            None => "not measured".to_owned(),
        };
        if zh {
            out!("{label}：{value}");
        } else {
            out!("{label}: {value}");
        }
    }
    let (count, mean) = (f.kpis.overall_rating_count, f.kpis.mean_overall());
    match (mean, zh) {
        (Some(m), true) => out!("总体满意度均分：{m:.1} 分（{count} 份评价）"),
        (Some(m), false) => out!("mean overall rating: {m:.1} of 5 ({count} rated)"),
        (None, true) => out!("总体满意度均分：未统计"),
        (None, false) => out!("mean overall rating: not measured"),
    }
    Ok(())
}
