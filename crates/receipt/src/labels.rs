//! Receipt labels in the customer's language; customer data is printed as entered. The
//! report's own fields and choices are named by the domain's field registry, not here.

use outpost_domain::customer::Language;
use outpost_domain::job::JobType;
use outpost_domain::rating::Dimension;

/// Every fixed text of a receipt in one language.
#[derive(Debug)]
pub struct Labels {
    pub title: &'static str,
    pub draft: &'static str,
    pub hotline: &'static str,
    pub number: &'static str,
    pub customer: &'static str,
    pub site: &'static str,
    pub equipment: &'static str,
    pub serial: &'static str,
    pub warranty: &'static str,
    pub engineer: &'static str,
    pub job_type: &'static str,
    pub arrived: &'static str,
    pub departed: &'static str,
    pub duration: &'static str,
    pub trainee_signed: &'static str,
    pub colon: &'static str,
    pub requested: &'static str,
    pub not_checked: &'static str,
    pub items_follow: &'static str,
    pub unresolved_reason: &'static str,
    pub promised_on: &'static str,
    pub callback_at: &'static str,
    pub quote_accepted: &'static str,
    pub accepted_by_signature: &'static str,
    pub accepted_by_confirmation: &'static str,
    pub survey_comment: &'static str,
    pub code: &'static str,
    pub part: &'static str,
    pub qty: &'static str,
    pub unit_price: &'static str,
    pub decision: &'static str,
    pub line_total: &'static str,
    pub no_parts: &'static str,
    pub labour: &'static str,
    pub service_fee: &'static str,
    pub total: &'static str,
    pub declined: &'static str,
    pub not_rated: &'static str,
    pub signature: &'static str,
    pub unsigned: &'static str,
    pub verify: &'static str,
    pub page: &'static str,
}

/// The labels of a language.
pub fn labels(language: Language) -> &'static Labels {
    match language {
        Language::ZhCn => &ZH,
        Language::En => &EN,
    }
}

static ZH: Labels = Labels {
    title: "售后服务回执",
    draft: "草稿：客户尚未签字，不作为服务凭证",
    hotline: "服务热线",
    number: "回执编号",
    customer: "客户",
    site: "现场",
    equipment: "设备",
    serial: "序列号",
    warranty: "保修",
    engineer: "服务工程师",
    job_type: "服务类型",
    arrived: "到达时间",
    departed: "离开时间",
    duration: "现场用时",
    trainee_signed: "（已签字确认培训）",
    colon: "：",
    requested: "服务内容",
    not_checked: "未检查",
    items_follow: "逐项结果如下",
    unresolved_reason: "未解决原因",
    promised_on: "承诺解决日期",
    callback_at: "回访时间",
    quote_accepted: "报价确认",
    accepted_by_signature: "签字确认",
    accepted_by_confirmation: "当面确认",
    survey_comment: "评价意见",
    code: "编号",
    part: "名称",
    qty: "数量",
    unit_price: "单价",
    decision: "保修判定",
    line_total: "金额",
    no_parts: "未更换零件",
    labour: "工时费",
    service_fee: "上门服务费",
    total: "合计",
    declined: "客户拒绝评价",
    not_rated: "未评价",
    signature: "客户签字",
    unsigned: "未签字",
    verify: "报告校验码",
    page: "页",
};

static EN: Labels = Labels {
    title: "Service visit receipt",
    draft: "DRAFT — not signed by the customer, not a proof of service",
    hotline: "Service hotline",
    number: "Receipt no.",
    customer: "Customer",
    site: "Site",
    equipment: "Equipment",
    serial: "Serial no.",
    warranty: "Warranty",
    engineer: "Engineer",
    job_type: "Service type",
    arrived: "Arrived",
    departed: "Departed",
    duration: "Time on site",
    trainee_signed: " (signed for the training)",
    colon: ": ",
    requested: "Service requested",
    not_checked: "not checked",
    items_follow: "item by item below",
    unresolved_reason: "Not resolved because",
    promised_on: "Promised by",
    callback_at: "Called back",
    quote_accepted: "Quote accepted",
    accepted_by_signature: "signed",
    accepted_by_confirmation: "confirmed in person",
    survey_comment: "Survey comment",
    code: "Code",
    part: "Part",
    qty: "Qty",
    unit_price: "Unit price",
    decision: "Warranty decision",
    line_total: "Amount",
    no_parts: "No parts replaced",
    labour: "Labour",
    service_fee: "Service fee",
    total: "Total",
    declined: "The customer declined to rate",
    not_rated: "not rated",
    signature: "Customer signature",
    unsigned: "not signed",
    verify: "Report check code",
    page: "page",
};

/// The name of a job type: the domain's.
pub fn job_type(language: Language, t: JobType) -> &'static str {
    t.label(language)
}

/// The name of a rated dimension: the domain's.
pub fn dimension(language: Language, d: Dimension) -> &'static str {
    d.label(language)
}
