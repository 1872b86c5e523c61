//! What an error is about: every value people or other programs enter, named once, with its
//! words in both languages. Errors carry a [`Field`], never a free string, so a refusal made at
//! HQ can be shown on a laptop in the engineer's language.

use serde::{Deserialize, Serialize};

use crate::customer::Language;
use crate::report::ReportField;

macro_rules! fields {
    ($($(#[$doc:meta])* $name:ident => $en:literal, $zh:literal;)*) => {
        /// The value an error is about.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum Field {
            $($(#[$doc])* $name,)*
            /// A field of the service report.
            Report(ReportField),
        }

        impl Field {
            /// Every field but the report's.
            pub const NAMED: &[Field] = &[$(Field::$name),*];

            /// The field's name in `language`.
            pub fn label(self, language: Language) -> &'static str {
                match (self, language) {
                    $((Field::$name, Language::En) => $en,
                      (Field::$name, Language::ZhCn) => $zh,)*
                    (Field::Report(f), language) => f.label(language),
                }
            }
        }
    };
}

fields! {
    EngineerName => "engineer name", "工程师姓名";
    DeviceName => "device_name", "设备名称";
    Nonce => "nonce", "注册随机码";
    ReportedFault => "reported_fault", "报修故障";
    ReportedAt => "reported_at", "报修时间";
    ScheduledOn => "scheduled_on", "预约日期";
    Month => "month", "统计月份";
    SatisfactionComment => "satisfaction comment", "评价意见";
    Brand => "brand", "品牌";
    Model => "model", "型号";
    SerialNumber => "serial number", "序列号";
    SoftwareVersion => "software version", "软件版本";
    ConnectionNotes => "connection notes", "连接说明";
    InstalledOn => "installed on", "安装日期";
    AcceptedOn => "accepted on", "验收日期";
    WarrantyEnd => "warranty end", "保修截止日期";
    PartCode => "part code", "配件编号";
    PartName => "part name", "配件名称";
    PartSpec => "part spec", "配件规格";
    PartBin => "bin location", "库位";
    PartClass => "part class", "配件类别";
    Substitute => "substitute part", "替代配件";
    CompanyName => "company name", "公司名称";
    ServiceHotline => "service hotline", "服务热线";
    CompanyLogo => "company logo", "公司标志";
    CustomerName => "customer name", "客户名称";
    CustomerNotes => "customer notes", "客户备注";
    ContactName => "contact name", "联系人姓名";
    ContactPhone => "contact phone", "联系人电话";
    ContactRole => "contact role", "联系人职务";
    Contact => "contact", "联系人";
    SiteName => "site name", "现场名称";
    SiteAddress => "site address", "现场地址";
    Directions => "directions", "路线说明";
    Language => "language", "语言";
    JobType => "job type", "服务类型";
    Status => "status", "状态";
    Window => "window", "预约时段";
    WindowFrom => "window_from", "预约开始时间";
    WindowUntil => "window_until", "预约结束时间";
    Time => "time", "时间";
    Engineer => "engineer", "工程师";
    Job => "job", "工单";
    JobList => "list", "工单列表";
    UnresolvedReason => "unresolved reason", "未解决原因";
    CancelReason => "cancel reason", "取消原因";
    UnsignedReason => "reason for leaving unsigned", "未签字离开原因";
    UnsignedNote => "note on leaving unsigned", "未签字离开说明";
    ReopenReason => "reason for the correction", "更正原因";
    PromisedDate => "promised date", "承诺日期";
    Quantity => "quantity", "数量";
    FaultOrigin => "fault origin", "故障来源";
    RequestNote => "note", "备注";
    DeclineReason => "reason", "原因";
    DeliverBy => "deliver_by", "交付日期";
    RequestState => "state", "申请状态";
    Quote => "quote", "报价";
    AcceptedBy => "accepted by", "确认人";
    AcceptanceMethod => "acceptance method", "确认方式";
    ChargingPolicy => "charging policy", "收费标准";
    ReplyWithinHours => "reply within (hours)", "答复时限（小时）";
    FixCommonMinutes => "fix a common fault within (minutes)", "一般故障修复时限（分钟）";
    FixMajorMinutes => "fix a major fault within (minutes)", "重大故障修复时限（分钟）";
    FactoryRepairDays => "factory repair within (working days)", "返厂维修时限（工作日）";
    Labour => "labour", "工时费";
    Currency => "currency", "币种";
    Price => "price", "价格";
    Total => "total", "合计";
    ReportFieldName => "report field", "报告栏目";
    RepairResult => "result", "处理结果";
    AcceptanceResult => "acceptance", "验收结果";
    ChecklistItem => "checklist item", "巡检项目";
    ChecklistNote => "checklist note", "巡检说明";
    ChecklistAnswer => "checklist answer", "巡检结论";
    Rating => "rating", "评分";
    Dimension => "dimension", "评价项";
    SignerName => "signer name", "签字人姓名";
    SignatureImage => "signature image", "签字图片";
    SignedAt => "signed at", "签字时间";
    ServiceReport => "report", "服务报告";
    File => "sha256", "文件校验值";
    Blob => "blob", "文件";
    Revision => "revision", "报告版本";
    Part => "part", "配件";
    PartLine => "part line", "配件明细";
    PartsRequest => "parts request", "补件申请";
    CustomerId => "customer_id", "客户编号";
    ContactId => "contact_id", "联系人编号";
    SiteId => "site_id", "现场编号";
    EquipmentId => "equipment_id", "设备编号";
    JobId => "job_id", "工单编号";
    PartId => "part_id", "配件编号";
    PartLineId => "part_line_id", "配件明细编号";
    PartsRequestId => "parts_request_id", "补件申请编号";
    EngineerId => "engineer_id", "工程师编号";
    ClientId => "client_id", "客户端编号";
    CallId => "call_id", "来电编号";
    Caller => "caller", "来电人";
    CallerPhone => "caller phone", "来电号码";
    CallSubject => "what the customer said", "来电内容";
    CallAnswer => "answer", "答复内容";
    CallReceivedAt => "received_at", "来电时间";
    Complaint => "complaint", "投诉";
    ComplaintId => "complaint_id", "投诉编号";
    ComplaintChannel => "channel", "投诉方式";
    ComplaintCategory => "category", "投诉类别";
    ComplaintText => "what the customer complains of", "投诉内容";
    ComplaintReceivedAt => "received_at", "投诉时间";
    ComplaintHandling => "handling record", "处理经过";
    CompensationModel => "compensated model", "赔偿型号";
    CompensationQuantity => "compensated quantity", "赔偿数量";
    CompensationAmount => "compensation amount", "赔偿金额";
    CustomerAnswer => "customer's answer", "客户意见";
    CallbackId => "callback_id", "回访编号";
    CallbackNotes => "notes", "回访记录";
    MonthOfQuarter => "month_of_quarter", "季度内回访月份";
    SamplePercent => "sample_percent", "抽查比例（%）";
    PlanId => "plan_id", "计划编号";
    EveryMonths => "every_months", "间隔月数";
    FirstOn => "first_on", "首次日期";
    PlanUntil => "until", "计划截止日期";
    LeadDays => "lead_days", "提前派工天数";
    Today => "today", "运行日期";
}

impl From<ReportField> for Field {
    fn from(f: ReportField) -> Field {
        Field::Report(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_has_chinese_words_and_english_ones() {
        let report = [ReportField::Checklist, ReportField::CustomerOpinion, ReportField::Satisfaction];
        let report = ReportField::SETTABLE.iter().chain(&report).map(|&f| Field::Report(f));
        for field in Field::NAMED.iter().copied().chain(report) {
            let (en, zh) = (field.label(Language::En), field.label(Language::ZhCn));
            assert!(en.is_ascii() && !en.is_empty(), "{field:?}: {en}");
            assert!(zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{field:?}: {zh}");
        }
    }

    #[test]
    fn fields_travel_as_snake_case_names() -> serde_json::Result<()> {
        assert_eq!(serde_json::to_string(&Field::ContactPhone)?, "\"contact_phone\"");
        let back: Field = serde_json::from_str(&serde_json::to_string(&Field::Report(ReportField::FaultCause))?)?;
        assert_eq!(back, Field::Report(ReportField::FaultCause));
        Ok(())
    }
}
