//! Each type of visit prints what the customer signs for: an inspection its checklist item by
//! item, a callback its notes and when it was made (no arrival), a maintenance its content; an
//! unresolved visit why and the date promised; the quote's acceptance and the survey comment; in
//! Chinese, full-width punctuation and ¥ amounts; never a zero duration.

mod sample;

use outpost_domain::customer::Language;
use outpost_domain::job::{JobStatus, JobType, Unresolved};
use outpost_domain::report::{CheckState, ReportField, ServiceReport};
use outpost_receipt::{PageLayout, render};
use sample::{Sample, receipt, sample};
use time::macros::{date, datetime};

type TestResult = Result<(), Box<dyn std::error::Error>>;

/// The receipt's text in reading order, without spaces (pdftotext of the rendered PDF).
fn printed(s: &Sample, language: Language) -> Result<String, Box<dyn std::error::Error>> {
    let pdf = render(&receipt(s, language)?, PageLayout::A4)?;
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("r.pdf");
    std::fs::write(&path, pdf)?;
    let out =
        std::process::Command::new("pdftotext").args(["-layout", "-enc", "UTF-8"]).arg(&path).arg("-").output()?;
    assert!(out.status.success());
    Ok(String::from_utf8(out.stdout)?.chars().filter(|c| !c.is_whitespace()).collect())
}

fn in_order(text: &str, expected: &[&str]) {
    let mut from = 0;
    for e in expected {
        let needle: String = e.chars().filter(|c| !c.is_whitespace()).collect();
        match text[from..].find(&needle) {
            Some(i) => from += i + needle.len(),
            None => panic!("'{e}' missing or out of order in:\n{text}"),
        }
    }
}

fn retyped(mut s: Sample, job_type: JobType, reported: &str) -> Result<Sample, Box<dyn std::error::Error>> {
    s.job.job_type = job_type;
    s.job.reported_fault = reported.into();
    // A fresh report of that type (a draft receipt: what is printed does not depend on signing).
    let (satisfaction, opinion) = (s.report.satisfaction.clone(), s.report.customer_opinion.clone());
    s.report = ServiceReport::new(s.job.id, job_type, reported);
    s.report.satisfaction = satisfaction;
    s.report.customer_opinion = opinion;
    Ok(s)
}

#[test]
fn an_inspection_prints_its_checklist_item_by_item_and_not_a_fault() -> TestResult {
    let mut s = retyped(sample(Language::ZhCn, 0, false)?, JobType::Inspection, "季度巡检")?;
    s.report.set_check("system_functions", CheckState::Ok, "")?;
    s.report.set_check("equipment_condition", CheckState::Issue, "皮带磨损，下次保养更换")?;
    s.report.set_check("safety_hazards", CheckState::Ok, "")?;
    let zh = printed(&s, Language::ZhCn)?;
    in_order(
        &zh,
        &[
            "服务类型",
            "巡检",
            "服务内容",
            "季度巡检",
            "巡检清单",
            "系统功能",
            "正常",
            "设备状况",
            "有问题：皮带磨损，下次保养更换",
            "安全隐患",
            "正常",
            "运行记录",
            "未检查",
        ],
    );
    assert!(!zh.contains("报修现象"), "an inspection is not headed as a reported fault:\n{zh}");
    let en = printed(&s, Language::En)?;
    in_order(&en, &["Servicerequested", "Inspectionchecklist", "Equipmentcondition", "Issue:皮带磨损"]);
    Ok(())
}

#[test]
fn a_callback_prints_its_notes_and_when_it_was_made_without_an_arrival() -> TestResult {
    let mut s = retyped(sample(Language::ZhCn, 0, false)?, JobType::Callback, "满意度回访")?;
    s.report.set(ReportField::CallbackNotes, "客户反映设备运行正常，噪音已消除")?;
    let zh = printed(&s, Language::ZhCn)?;
    in_order(&zh, &["回访时间", "回访记录", "客户反映设备运行正常，噪音已消除"]);
    assert!(!zh.contains("到达时间") && !zh.contains("现场用时"), "no arrival for a callback:\n{zh}");
    Ok(())
}

#[test]
fn a_maintenance_prints_its_content_and_minutes_and_an_unresolved_visit_its_promise() -> TestResult {
    let mut s = retyped(sample(Language::ZhCn, 0, false)?, JobType::Maintenance, "半年保养")?;
    s.report.set(ReportField::WorkDone, "更换空滤、油滤，紧固接线端子")?;
    s.report.set(ReportField::LabourMinutes, "95")?;
    s.report.set(ReportField::TravelMinutes, "40")?;
    s.job.status = JobStatus::Unresolved;
    s.job.unresolved = Some(Unresolved { reason: "油分芯缺货".into(), promised_on: date!(2026 - 11 - 30) });
    let zh = printed(&s, Language::ZhCn)?;
    in_order(
        &zh,
        &[
            "保养内容",
            "更换空滤、油滤，紧固接线端子",
            "工时（分钟）",
            "95",
            "路程时间（分钟）",
            "40",
            "未解决原因",
            "油分芯缺货",
            "承诺解决日期",
            "2026-11-30",
        ],
    );
    let en = printed(&s, Language::En)?;
    in_order(&en, &["Workdone", "Labour(minutes)", "95", "Notresolvedbecause", "Promisedby", "2026-11-30"]);
    Ok(())
}

#[test]
fn the_quote_acceptance_and_the_survey_comment_are_printed_and_chinese_amounts_read_as_yuan() -> TestResult {
    let mut s = sample(Language::ZhCn, 2, false)?;
    let comment = "工程师讲解得很清楚";
    if let Some(outpost_domain::rating::Satisfaction::Rated { comment: c, .. }) = &mut s.report.satisfaction {
        *c = Some(comment.into());
    }
    let zh = printed(&s, Language::ZhCn)?;
    let acceptance = s.report.quote_acceptance.as_ref().ok_or("the sample's charged parts were accepted")?;
    in_order(&zh, &["合计", "报价确认", "李经理·当面确认·2026-11-2311:00", &acceptance.total.words(Language::ZhCn)]);
    in_order(&zh, &["满意度评价", "评价意见", comment]);
    assert!(zh.contains('¥') && !zh.contains("CNY"), "yuan in Chinese:\n{zh}");
    assert!(zh.contains("服务热线：") && zh.contains("回执编号："), "full-width colons in Chinese:\n{zh}");
    let en = printed(&s, Language::En)?;
    assert!(en.contains("CNY") && !en.contains('¥') && en.contains("Quoteaccepted"), "{en}");
    Ok(())
}

#[test]
fn a_visit_of_no_measurable_length_prints_no_zero_duration() -> TestResult {
    let mut s = sample(Language::ZhCn, 0, false)?;
    let at = datetime!(2026-11-23 02:00 UTC);
    (s.job.times.arrived_at, s.job.times.departed_at, s.job.times.finished_at) = (Some(at), Some(at), Some(at));
    let zh = printed(&s, Language::ZhCn)?;
    assert!(!zh.contains("0小时0分钟") && !zh.contains("现场用时"), "{zh}");
    s.job.times.departed_at = Some(at + time::Duration::minutes(35));
    in_order(&printed(&s, Language::ZhCn)?, &["现场用时", "35分钟"]);
    s.job.times.departed_at = Some(at + time::Duration::minutes(80));
    in_order(&printed(&s, Language::En)?, &["Timeonsite", "1h20min"]);
    Ok(())
}
