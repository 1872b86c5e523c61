//! The catalogue: each error's words in English and in Chinese, side by side, so no code can
//! lack either language. Values people typed are quoted as typed; our own words are translated.

use super::DomainError;
use crate::calendar::{FIRST_YEAR, LAST_YEAR};
use crate::customer::Language;
use crate::field::Field;
use crate::job::{JobStatus, Mover};

/// The error's words in `language`.
pub(super) fn render(error: &DomainError, language: Language) -> String {
    let (en, zh) = both(error);
    let about = error.field();
    let prefixed = !matches!(
        error,
        DomainError::IllegalTransition { .. }
            | DomainError::HqOnly { .. }
            | DomainError::ReportIncomplete { .. }
            | DomainError::ReportFrozen
            | DomainError::UnsignedDeparture
            | DomainError::ReopenNeedsSigned { .. }
            | DomainError::QuoteNotAccepted { .. }
            | DomainError::CurrencyMismatch { .. }
            | DomainError::NotYourJob { .. }
            | DomainError::JobClosed { .. }
            | DomainError::StaleRevision { .. }
            | DomainError::HashMismatch { .. }
            | DomainError::PartLineNotOnJob { .. }
            | DomainError::NotInCatalogue { .. }
            | DomainError::RequestOnClosedJob { .. }
            | DomainError::SiteOfAnotherCustomer
            | DomainError::JobOfAnotherCustomer
            | DomainError::ComplaintClosed
            | DomainError::CallbackDone
            | DomainError::RequestAlreadySent { .. }
            | DomainError::RequestArrivedAnswered
            | DomainError::ContactOfAnotherCustomer { .. }
            | DomainError::ContactChangedMeanwhile { .. }
            | DomainError::EditedMeanwhile { .. }
    );
    match (language, prefixed) {
        (Language::En, true) => format!("{}: {en}", about.label(Language::En)),
        (Language::ZhCn, true) => format!("{}：{zh}", about.label(Language::ZhCn)),
        (Language::En, false) => en,
        (Language::ZhCn, false) => zh,
    }
}

fn both(error: &DomainError) -> (String, String) {
    use DomainError::*;
    let zh_status = |s: &JobStatus| s.label(Language::ZhCn);
    match error {
        Empty { .. } => ("is empty: please fill it in".into(), "未填写，请填写".into()),
        TooLong { chars, max, .. } => (
            format!("is {chars} characters long; shorten it to at most {max}"),
            format!("共 {chars} 个字，请删减到 {max} 个字以内"),
        ),
        ControlCharacters { .. } => {
            ("contains control characters; retype it without them".into(), "含有控制字符，请重新输入".into())
        }
        NotPhone { .. } => (
            "is not a phone number: use digits, optionally with + - ( ) and spaces".into(),
            "不是有效的电话号码，请填写数字，可包含 +、-、括号和空格".into(),
        ),
        NotDate { value, .. } => (
            format!("'{value}' is not a date; write it as 2026-11-23"),
            format!("“{value}”不是日期，请按 2026-11-23 的格式填写"),
        ),
        NotMonth { value, .. } => (
            format!("'{value}' is not a month; write it as 2026-11"),
            format!("“{value}”不是月份，请按 2026-11 的格式填写"),
        ),
        OutsideYears { date, .. } => (
            format!("{date} is outside the years {FIRST_YEAR} to {LAST_YEAR}; check the year"),
            format!("{date} 不在 {FIRST_YEAR} 年至 {LAST_YEAR} 年之间，请检查年份"),
        ),
        NotId { value, .. } => (
            format!("'{value}' is not an id; copy the full id (36 characters)"),
            format!("“{value}”不是编号，请复制完整的编号（36 个字符）"),
        ),
        NotSha256 { .. } => {
            ("is not a SHA-256 (64 lowercase hex digits)".into(), "不是有效的 SHA-256 校验码（应为 64 位小写十六进制字符）".into())
        }
        NotPng { field: Field::CompanyLogo } => {
            ("is not a PNG file; export the logo as PNG".into(), "不是 PNG 图片，请把标志导出为 PNG".into())
        }
        NotPng { .. } => ("is not a PNG file; capture the signature again".into(), "不是 PNG 图片，请重新签字".into()),
        FileTooLarge { kb, max_kb, .. } => {
            (format!("is {kb} KB; at most {max_kb} KB"), format!("大小为 {kb} KB，不能超过 {max_kb} KB，请压缩后重试"))
        }
        NotOneOf { field, value, allowed } => (
            format!("'{value}' is not a {}; use {}", field.label(Language::En), list_en(allowed)),
            format!("没有“{value}”这一项，请使用 {}", list_zh(allowed)),
        ),
        NotMinutes { value, .. } => (
            format!("'{value}' is not a number of minutes; type digits only, e.g. 90"),
            format!("“{value}”不是分钟数，请只填数字，例如 90"),
        ),
        NegativeMinutes { minutes, .. } => {
            (format!("is {minutes}; minutes cannot be negative"), format!("为 {minutes}，分钟数不能为负"))
        }
        TooManyMinutes { minutes, .. } => {
            (format!("is {minutes}; at most one week (10080 minutes)"), format!("为 {minutes}，不能超过一周（10080 分钟）"))
        }
        Negative { .. } => ("is negative; enter 0 or more".into(), "不能为负数，请填写 0 或以上".into()),
        Overflow { .. } => ("is too large to compute".into(), "数值太大，无法计算".into()),
        CannotWrite { reason, .. } => (format!("cannot be written out: {reason}"), format!("无法写出：{reason}")),
        LineQuantity { quantity, max } => (
            format!("is {quantity}; enter how many were used, 1 to {max} on one line"),
            format!("为 {quantity}，请填写实际用量，每行 1 到 {max}"),
        ),
        RequestQuantity { quantity, max } => (
            format!("is {quantity}; request 1 to {max} of a part"),
            format!("为 {quantity}，每种配件可申请 1 到 {max} 件"),
        ),
        CountQuantity { quantity, max } => {
            (format!("is {quantity}; count 0 to {max}"), format!("为 {quantity}，盘点数量应为 0 到 {max}"))
        }
        RatingOutOfRange { rating } => (
            format!("is {rating}; ratings go from 1 (very unsatisfied) to 5 (very satisfied)"),
            format!("为 {rating}，评分从 1（很不满意）到 5（很满意）"),
        ),
        OutOfRange { value, min, max, .. } => {
            (format!("is {value}; enter {min} to {max}"), format!("为 {value}，请填写 {min} 到 {max} 之间的数"))
        }
        NotCurrency { value } => (
            format!("'{value}' is not a currency code; use three letters such as CNY"),
            format!("“{value}”不是币种代码，请用三个字母，例如 CNY"),
        ),
        CodeHasSpaces => (
            "contains spaces; part codes are one word such as FLT-0042".into(),
            "含有空格，配件编号中不能有空格，例如 FLT-0042".into(),
        ),
        PartsAsLines => (
            "add the parts as part lines; type none (无) when no part was replaced".into(),
            "请在“配件”页逐项添加所用配件；未更换零件时填写“无”".into(),
        ),
        NotTextField { report_field } => (
            format!("{} is not set as text; use its own form", report_field.as_str()),
            format!("“{}”不能直接填写文字，请在该项对应的表单中填写", report_field.label(Language::ZhCn)),
        ),
        RepairNotResolved { result } => (
            format!(
                "is “{}”: the repair is not done; record the visit as unresolved, with the reason and the date promised to the customer",
                result.label(Language::En)
            ),
            format!("为“{}”，维修尚未完成，请记为未解决，并填写原因和承诺解决日期", result.label(Language::ZhCn)),
        ),
        AcceptanceFailed => (
            "failed: the installation is not done; record the visit as unresolved, with the reason and the date promised for the rework".into(),
            "不合格，安装尚未完成，请记为未解决，并填写原因和承诺整改完成的日期".into(),
        ),
        ReopenNeedsSigned { job, status } => (
            format!(
                "{job} is {}: only a signed report can be reopened for a correction, before you leave the site; after that, ask the dispatcher",
                status.label(Language::En)
            ),
            format!("工单 {job} 当前为“{}”：只有已签字的报告可以在离开现场前重新打开更正；离开后请联系调度员", status.label(Language::ZhCn)),
        ),
        UnsignedDeparture => (
            "the customer has not signed the service report yet: have them rate the visit and sign before you leave the site, or, if they cannot, leave saying why (customer absent, refused, other)".into(),
            "客户尚未在服务报告上签字：离开现场前，请让客户评价并签字；如客户无法签字，请选择原因（客户不在现场、客户拒绝签字或其他原因）后再离开".into(),
        ),
        SurveyDeclined => (
            "the customer declined the survey: rate first if they changed their mind, or write their words in the customer opinion".into(),
            "客户已拒绝评价：如客户愿意评价，请先逐项评分；否则请将客户的意见填写在“用户意见”中".into(),
        ),
        IssueNeedsNote => ("is empty: describe the issue you found".into(), "未填写，请写明发现的问题".into()),
        NotOnChecklist { item } => {
            (format!("'{item}' is not on this job's checklist"), format!("本工单的巡检清单中没有“{item}”"))
        }
        WarrantyEndsBeforeAcceptance => {
            ("is before the acceptance date; check both dates".into(), "早于验收日期，请核对这两个日期".into())
        }
        WindowEndsBeforeStart => {
            ("ends before it starts; check the promised times".into(), "结束时间早于开始时间，请核对约定到达时间".into())
        }
        ContactRemoved => (
            "was removed at HQ meanwhile; add it again as a new contact if it is still needed".into(),
            "总部已删除该联系人；如仍需要，请重新添加为新联系人".into(),
        ),
        ContactOfAnotherCustomer { job } => {
            (format!("this contact is not of job {job}'s customer"), format!("该联系人不属于工单 {job} 的客户"))
        }
        ContactChangedMeanwhile { kept, theirs } => (
            format!(
                "HQ changed this contact meanwhile and kept {kept}; your edit ({theirs}) is in the conflict log for the dispatcher"
            ),
            format!("总部在此期间修改了该联系人，已保留 {kept}；您的修改（{theirs}）已记入冲突记录，将由调度员处理"),
        ),
        EditedMeanwhile { field, item, kept, theirs } => edited_meanwhile(*field, item.as_deref(), kept, theirs),
        IllegalTransition { from, to, allowed } => illegal_transition(*from, *to, allowed),
        HqOnly { to } => (
            format!("Only HQ can move a job to {to}: ask the dispatcher"),
            format!("只有总部才能把工单改为“{}”，请联系调度员", zh_status(to)),
        ),
        EngineerOnly { to } => (
            format!("only the assigned engineer can move a job to {to}"),
            format!("只有负责该工单的工程师才能把它改为“{}”", zh_status(to)),
        ),
        SignThroughReport => (
            "a job becomes signed when the customer signs the report; use sign instead".into(),
            "客户在服务报告上签字后，工单才会变为“已签字”；请使用“签字并锁定报告”".into(),
        ),
        NotYourJob { job } => (
            format!(
                "job {job} is no longer assigned to you: it is assigned to another engineer or cancelled; ask the dispatcher to reassign it"
            ),
            format!("工单 {job} 已不再由您负责（已改派给其他工程师或已取消）；如有疑问，请联系调度员"),
        ),
        PromisedDateMissing => (
            "is missing: agree a new date with the customer and enter it".into(),
            "未填写，请与客户商定新的日期后填写".into(),
        ),
        PromisedDateInPast => (
            "is in the past: promise the customer a date from today on".into(),
            "早于今天，请与客户约定今天或之后的日期".into(),
        ),
        ReassignWithoutEngineer => {
            ("choose the engineer to reassign the job to".into(), "请选择改派给哪位工程师".into())
        }
        AlreadyAssigned => ("the job is already assigned to this engineer".into(), "该工单已派给这位工程师".into()),
        JobClosed { job, status } => (
            format!("job {job} is {status}: its report can no longer change"),
            format!("工单 {job} {}，服务报告不能再修改", status_phrase_zh(*status)),
        ),
        ReportIncomplete { missing } => {
            let en: Vec<String> = missing.iter().map(|f| lower_first(f.label(Language::En))).collect();
            let zh: Vec<String> = missing.iter().map(|f| f.label(Language::ZhCn).to_owned()).collect();
            (
                format!("The report cannot be signed yet: fill in {} first", en.join(", ")),
                format!("服务报告还不能签字：请先填写{}", zh.join("、")),
            )
        }
        ReportFrozen => (
            "The report is signed and frozen: start a new revision to change it (the customer will need to sign again)"
                .into(),
            "服务报告已签字锁定：如需修改，请点击“更正报告”生成新版本（客户需重新签字）".into(),
        ),
        StaleRevision { sent, current } => (
            format!("this change is for report revision {sent}; HQ has revision {current}"),
            format!("这项修改针对服务报告第 {sent} 版，总部现在是第 {current} 版"),
        ),
        HashMismatch { laptop, hq } => (
            format!(
                "the signed report does not match its hash (laptop {laptop}, HQ {hq}): its content changed after signing"
            ),
            format!("已签字的服务报告与其校验码不符（本机 {laptop}，总部 {hq}），说明签字后内容已被修改"),
        ),
        QuoteNotAccepted { total } => (
            format!(
                "The customer has not accepted the quote of {total}: show the quote and record their acceptance first; the charged repair, its result, the completion and the signature wait for it"
            ),
            format!("客户尚未确认 {total} 的报价：请先出示报价并记录客户确认；收费维修、处理结果、完工和签字都须在确认之后"),
        ),
        NothingToAccept => (
            "has nothing to accept: no part or labour on this job is charged".into(),
            "无需确认：本工单的配件和工时均不收费".into(),
        ),
        CurrencyMismatch { left, right } => (
            format!("Cannot add {left} and {right}: all prices on one job must use the same currency"),
            format!("{left} 与 {right} 币种不同，不能相加：同一工单的价格必须使用同一币种"),
        ),
        PartLineNotOnJob { line, job } => {
            (format!("part line {line} is not on job {job}"), format!("工单 {job} 中没有配件明细 {line}"))
        }
        NotInCatalogue { part_code } => {
            (format!("no part {part_code} in HQ's catalogue"), format!("总部配件目录中没有编号为 {part_code} 的配件"))
        }
        RequestOnClosedJob { job, status } => (
            format!("job {job} is {status}: ask the dispatcher for parts directly"),
            format!("工单 {job} {}，请直接联系调度员申请配件", status_phrase_zh(*status)),
        ),
        RequestAlreadySent { request } => {
            (format!("parts request {request} was already sent"), format!("补件申请 {request} 已经发送过"))
        }
        RequestArrivedAnswered => {
            ("a new parts request cannot arrive already answered".into(), "新提交的补件申请不应已有答复".into())
        }
        DeliveryOutOfRange { deliver_by, from, until } => (
            format!(
                "is {deliver_by}; promise a date from {from} to {until} (at most {} days after the request)",
                crate::parts_request::DELIVERY_DAYS
            ),
            format!(
                "为 {deliver_by}，请承诺 {from} 至 {until} 之间的日期（申请后最多 {} 天）",
                crate::parts_request::DELIVERY_DAYS
            ),
        ),
        RequestAnswered { state } => (
            format!("the request is already {state}; it can no longer change"),
            format!("该申请已{}，不能再更改", request_state_zh(state)),
        ),
        CallAnsweredAndJob => (
            "is filled in, but the call also becomes a job: keep one of the two".into(),
            "已填写，但此来电又转为派工单：请只保留一种处理方式".into(),
        ),
        SiteOfAnotherCustomer => ("this site is another customer's".into(), "该现场属于其他客户，请重新选择".into()),
        LaterThanNow { .. } => ("is later than now; check the date and time".into(), "晚于当前时间，请核对日期和时间".into()),
        CallNeedsOutcome => (
            "is empty: write the answer given, or make a job for the call".into(),
            "未填写。请填写给客户的答复，或改为派工单".into(),
        ),
        JobOfAnotherCustomer => (
            "this job is another customer's; pick one of the complainant's jobs, or none".into(),
            "该工单属于其他客户，请选择投诉客户自己的工单，或不选".into(),
        ),
        ComplaintClosed => (
            "the complaint is closed; it no longer changes".into(),
            "该投诉已结案，不能再更改".into(),
        ),
        NotPlannable { job_type } => (
            format!("is {}; a plan is of inspections or of maintenance", job_type.as_str()),
            format!("为“{}”，计划只能是巡检或保养", job_type.label(Language::ZhCn)),
        ),
        NoMaintenancePeriod => (
            "is missing: the equipment has no warranty end on record; give the last day of its maintenance period".into(),
            "未填写：该设备没有保修截止日期记录，请填写其维护期的最后一天".into(),
        ),
        PlanEndsBeforeStart => {
            ("is before the first visit; check both dates".into(), "早于首次日期，请核对这两个日期".into())
        }
        CallbackDone => (
            "this callback is done already; its outcome no longer changes".into(),
            "该回访已完成，结果不能再更改".into(),
        ),
        ComplaintNotHandled => (
            "is empty: record how the complaint was handled and what the customer was told before closing it".into(),
            "未填写。结案前请先记录处理经过和告知客户的处理意见".into(),
        ),
    }
}

fn edited_meanwhile(field: Field, item: Option<&str>, kept: &str, theirs: &str) -> (String, String) {
    let item = item.unwrap_or_default();
    let (what_en, what_zh) = match field {
        Field::ChecklistItem => ("this checklist item".to_owned(), format!("巡检项目“{item}”")),
        Field::Rating => {
            let zh = crate::rating::Dimension::parse(item).map_or(item, |d| d.label_zh());
            (format!("the {item} rating"), format!("“{zh}”评分"))
        }
        Field::SatisfactionComment => ("the survey comment".to_owned(), "评价意见".to_owned()),
        other => (other.label(Language::En).to_owned(), other.label(Language::ZhCn).to_owned()),
    };
    let en = |v: &str| if v.is_empty() { "(empty)".to_owned() } else { format!("'{v}'") };
    let zh = |v: &str| if v.is_empty() { "（空）".to_owned() } else { format!("“{v}”") };
    (
        format!(
            "{what_en} changed on another laptop or at HQ before this edit arrived: HQ kept {}; your {} is in the conflict log",
            en(kept),
            en(theirs)
        ),
        format!(
            "{what_zh}在这次修改到达之前已在另一台笔记本或总部被改过：总部保留了{}，你的{}已记入冲突记录",
            zh(kept),
            zh(theirs)
        ),
    )
}

fn illegal_transition(from: JobStatus, to: JobStatus, allowed: &[JobStatus]) -> (String, String) {
    let (from_zh, to_zh) = (from.label(Language::ZhCn), to.label(Language::ZhCn));
    if allowed.is_empty() {
        return (
            format!("Cannot move a job from {from} to {to}: a {from} job cannot change any more"),
            format!("工单不能从“{from_zh}”改为“{to_zh}”：“{from_zh}”的工单不能再变更"),
        );
    }
    let names = |mover: Mover| -> Vec<JobStatus> {
        from.moves().iter().filter(|(s, m)| *m == mover && allowed.contains(s)).map(|(s, _)| *s).collect()
    };
    let (engineer, hq) = (names(Mover::Engineer), names(Mover::Hq));
    let en_names = |v: &[JobStatus]| v.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ");
    let zh_names =
        |v: &[JobStatus]| v.iter().map(|s| format!("“{}”", s.label(Language::ZhCn))).collect::<Vec<_>>().join("、");
    let mut en = format!("Cannot move a job from {from} to {to}:");
    let mut zh = format!("工单不能从“{from_zh}”改为“{to_zh}”：");
    if !engineer.is_empty() {
        en.push_str(&format!(" from {from} it can go to {}", en_names(&engineer)));
        zh.push_str(&format!("工程师可改为{}", zh_names(&engineer)));
    }
    if !hq.is_empty() {
        let (sep_en, sep_zh) = if engineer.is_empty() { ("", "") } else { (";", "；") };
        en.push_str(&format!("{sep_en} HQ can move it to {}", en_names(&hq)));
        zh.push_str(&format!("{sep_zh}总部可改为{}", zh_names(&hq)));
    }
    (en, zh)
}

/// "已关闭" reads as a phrase after the job number: "工单 J-1 已关闭".
fn status_phrase_zh(status: JobStatus) -> String {
    match status {
        JobStatus::EnRoute => "已出发".to_owned(),
        JobStatus::OnSite => "正在现场".to_owned(),
        other => other.label(Language::ZhCn).to_owned(),
    }
}

fn request_state_zh(state: &str) -> &str {
    match state {
        "requested" => "提交",
        "promised" => "答复",
        "delivered" => "到货",
        "declined" => "被拒绝",
        other => other,
    }
}

/// "Fault cause" as it reads inside a sentence: "fault cause".
fn lower_first(label: &str) -> String {
    let mut chars = label.chars();
    chars.next().map(|c| c.to_lowercase().chain(chars).collect()).unwrap_or_default()
}

fn list_en(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        _ if items.len() > 5 => format!("one of {}", items.join(", ")),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

fn list_zh(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        _ if items.len() > 5 => format!("以下之一：{}", items.join("、")),
        [rest @ .., last] => format!("{} 或 {last}", rest.join("、")),
    }
}

#[cfg(test)]
mod tests;
