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
    draft: "草稿 — 客户尚未签字，不作为服务凭证",
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
    trainee_signed: "已签字确认培训",
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
    trainee_signed: "signed for the training",
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

/// The name of a job type.
pub fn job_type(language: Language, t: JobType) -> &'static str {
    match (language, t) {
        (Language::ZhCn, JobType::Repair) => "维修",
        (Language::ZhCn, JobType::Installation) => "安装调试",
        (Language::ZhCn, JobType::Inspection) => "巡检",
        (Language::ZhCn, JobType::Maintenance) => "保养",
        (Language::ZhCn, JobType::Callback) => "回访",
        (Language::En, JobType::Repair) => "Repair",
        (Language::En, JobType::Installation) => "Installation and commissioning",
        (Language::En, JobType::Inspection) => "Inspection",
        (Language::En, JobType::Maintenance) => "Maintenance",
        (Language::En, JobType::Callback) => "Follow-up visit",
    }
}

/// The name of a rated dimension.
pub fn dimension(language: Language, d: Dimension) -> &'static str {
    match (language, d) {
        (Language::ZhCn, Dimension::Timeliness) => "响应及时性",
        (Language::ZhCn, Dimension::Attitude) => "服务态度",
        (Language::ZhCn, Dimension::Quality) => "技术水平",
        (Language::ZhCn, Dimension::Overall) => "总体满意度",
        (Language::En, Dimension::Timeliness) => "Timeliness",
        (Language::En, Dimension::Attitude) => "Attitude",
        (Language::En, Dimension::Quality) => "Technical quality",
        (Language::En, Dimension::Overall) => "Overall",
    }
}
