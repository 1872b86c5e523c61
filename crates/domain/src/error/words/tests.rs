use time::macros::date;

use super::*;
use crate::report::ReportField;

fn is_chinese(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// The position of each variant: a new variant fails to compile here until it is listed,
/// and the test below fails until it has a sample.
fn index(e: &DomainError) -> usize {
    use DomainError::*;
    match e {
        Empty { .. } => 0,
        TooLong { .. } => 1,
        ControlCharacters { .. } => 2,
        NotPhone { .. } => 3,
        NotDate { .. } => 4,
        OutsideYears { .. } => 5,
        NotId { .. } => 6,
        NotSha256 { .. } => 7,
        NotPng { .. } => 8,
        FileTooLarge { .. } => 9,
        NotOneOf { .. } => 10,
        NotMinutes { .. } => 11,
        NegativeMinutes { .. } => 12,
        TooManyMinutes { .. } => 13,
        Negative { .. } => 14,
        Overflow { .. } => 15,
        CannotWrite { .. } => 16,
        LineQuantity { .. } => 17,
        RequestQuantity { .. } => 18,
        CountQuantity { .. } => 19,
        RatingOutOfRange { .. } => 20,
        NotCurrency { .. } => 21,
        CodeHasSpaces => 22,
        PartsAsLines => 23,
        NotTextField { .. } => 24,
        IssueNeedsNote => 25,
        NotOnChecklist { .. } => 26,
        WarrantyEndsBeforeAcceptance => 27,
        WindowEndsBeforeStart => 28,
        ContactRemoved => 29,
        ContactOfAnotherCustomer { .. } => 30,
        IllegalTransition { .. } => 31,
        HqOnly { .. } => 32,
        EngineerOnly { .. } => 33,
        SignThroughReport => 34,
        NotYourJob { .. } => 35,
        PromisedDateMissing => 36,
        PromisedDateInPast => 37,
        ReassignWithoutEngineer => 38,
        AlreadyAssigned => 39,
        JobClosed { .. } => 40,
        ReportIncomplete { .. } => 41,
        ReportFrozen => 42,
        StaleRevision { .. } => 43,
        HashMismatch { .. } => 44,
        QuoteNotAccepted { .. } => 45,
        NothingToAccept => 46,
        CurrencyMismatch { .. } => 47,
        PartLineNotOnJob { .. } => 48,
        NotInCatalogue { .. } => 49,
        RequestOnClosedJob { .. } => 50,
        RequestAlreadySent { .. } => 51,
        RequestArrivedAnswered => 52,
        DeliveryOutOfRange { .. } => 53,
        RequestAnswered { .. } => 54,
        ContactChangedMeanwhile { .. } => 55,
        EditedMeanwhile { .. } => 56,
        SurveyDeclined => 57,
        OutOfRange { .. } => 58,
        UnsignedDeparture => 59,
        RepairNotResolved { .. } => 60,
        AcceptanceFailed => 61,
        ReopenNeedsSigned { .. } => 62,
        NotMonth { .. } => 63,
        CallNeedsOutcome => 64,
        CallAnsweredAndJob => 65,
        SiteOfAnotherCustomer => 66,
        LaterThanNow { .. } => 67,
        JobOfAnotherCustomer => 68,
        ComplaintClosed => 69,
        ComplaintNotHandled => 70,
        CallbackDone => 71,
        NotPlannable { .. } => 72,
        NoMaintenancePeriod => 73,
        PlanEndsBeforeStart => 74,
    }
}
const VARIANTS: usize = 75;

fn samples() -> Vec<DomainError> {
    use DomainError::*;
    let f = Field::ContactName;
    let job = "J-2026-0001".to_owned();
    let minutes = Field::Report(ReportField::LabourMinutes);
    let on_site = JobStatus::OnSite.moves().iter().map(|m| m.0).collect();
    vec![
        Empty { field: f },
        TooLong { field: f, chars: 201, max: 200 },
        ControlCharacters { field: f },
        NotPhone { field: Field::ContactPhone },
        NotDate { field: Field::PromisedDate, value: "12/1".into() },
        OutsideYears { field: Field::PromisedDate, date: "1999-12-31".into() },
        NotMonth { field: Field::Month, value: "11/2026".into() },
        NotId { field: Field::JobId, value: "x".into() },
        NotSha256 { field: Field::File },
        NotPng { field: Field::SignatureImage },
        FileTooLarge { field: Field::CompanyLogo, kb: 600, max_kb: 512 },
        NotOneOf { field: Field::JobType, value: "painting".into(), allowed: vec!["repair".into(), "callback".into()] },
        NotMinutes { field: minutes, value: "abc".into() },
        NegativeMinutes { field: minutes, minutes: -1 },
        TooManyMinutes { field: minutes, minutes: 100_000 },
        Negative { field: Field::Price },
        Overflow { field: Field::Labour },
        CannotWrite { field: Field::SignedAt, reason: "year 10000".into() },
        LineQuantity { quantity: 0, max: 10_000 },
        RequestQuantity { quantity: 0, max: 10_000 },
        CountQuantity { quantity: -1, max: 10_000 },
        RatingOutOfRange { rating: 7 },
        NotCurrency { value: "RMB1".into() },
        CodeHasSpaces,
        PartsAsLines,
        NotTextField { report_field: ReportField::Checklist },
        IssueNeedsNote,
        SurveyDeclined,
        OutOfRange { field: Field::FixMajorMinutes, value: 0, min: 5, max: 2880 },
        UnsignedDeparture,
        RepairNotResolved { result: crate::report::RepairResult::NeedsParts },
        AcceptanceFailed,
        NotOnChecklist { item: "roof".into() },
        WarrantyEndsBeforeAcceptance,
        WindowEndsBeforeStart,
        ContactRemoved,
        ContactOfAnotherCustomer { job: job.clone() },
        IllegalTransition { from: JobStatus::OnSite, to: JobStatus::Closed, allowed: on_site },
        HqOnly { to: JobStatus::Closed },
        EngineerOnly { to: JobStatus::OnSite },
        SignThroughReport,
        NotYourJob { job: job.clone() },
        PromisedDateMissing,
        PromisedDateInPast,
        ReassignWithoutEngineer,
        AlreadyAssigned,
        JobClosed { job: job.clone(), status: JobStatus::Closed },
        ReopenNeedsSigned { job: job.clone(), status: JobStatus::Departed },
        ReportIncomplete { missing: vec![ReportField::FaultCause, ReportField::Solution] },
        ReportFrozen,
        StaleRevision { sent: 1, current: 2 },
        HashMismatch { laptop: "3F2A-91C0".into(), hq: "0000-1111".into() },
        QuoteNotAccepted { total: "CNY 625.20".into() },
        NothingToAccept,
        CurrencyMismatch { left: "CNY 1.00".into(), right: "USD 1.00".into() },
        PartLineNotOnJob { line: "L1".into(), job: job.clone() },
        NotInCatalogue { part_code: "NOPE-1".into() },
        RequestOnClosedJob { job, status: JobStatus::Cancelled },
        RequestAlreadySent { request: "R1".into() },
        RequestArrivedAnswered,
        DeliveryOutOfRange {
            deliver_by: date!(2026 - 12 - 09),
            from: date!(2026 - 11 - 23),
            until: date!(2026 - 12 - 08),
        },
        RequestAnswered { state: "delivered".into() },
        CallNeedsOutcome,
        CallAnsweredAndJob,
        SiteOfAnotherCustomer,
        LaterThanNow { field: Field::CallReceivedAt },
        JobOfAnotherCustomer,
        ComplaintClosed,
        ComplaintNotHandled,
        CallbackDone,
        NotPlannable { job_type: crate::job::JobType::Repair },
        NoMaintenancePeriod,
        PlanEndsBeforeStart,
        ContactChangedMeanwhile { kept: "Li 0531-8888 7777".into(), theirs: "Li 139 0013 9000".into() },
        EditedMeanwhile { field: Field::Rating, item: Some("overall".into()), kept: "2".into(), theirs: "4".into() },
    ]
}

#[test]
fn every_code_is_worded_in_both_languages() {
    let samples = samples();
    let mut seen = [false; VARIANTS];
    for e in &samples {
        seen[index(e)] = true;
        let (en, zh) = (e.render(Language::En), e.render(Language::ZhCn));
        assert!(!e.code().is_empty(), "{e:?}");
        let typed_word = matches!(e, DomainError::PartsAsLines); // "type none (无)"
        assert!(typed_word || !is_chinese(&en), "{}: English has Chinese: {en}", e.code());
        assert!(is_chinese(&zh), "{}: no Chinese: {zh}", e.code());
        assert!(!zh.contains("the ") && !zh.contains(" is "), "{}: English words in Chinese: {zh}", e.code());
        assert_eq!(e.to_string(), en);
    }
    let missing: Vec<usize> = (0..VARIANTS).filter(|i| !seen[*i]).collect();
    assert!(missing.is_empty(), "variants without a sample: {missing:?}");
}

#[test]
fn errors_travel_as_code_and_parameters_and_come_back_whole() -> serde_json::Result<()> {
    for e in samples() {
        let json = serde_json::to_value(&e)?;
        assert_eq!(json["code"], e.code());
        let back: DomainError = serde_json::from_value(json)?;
        assert_eq!(back, e);
    }
    let e = DomainError::QuoteNotAccepted { total: "CNY 625.20".into() };
    assert_eq!(serde_json::to_value(&e)?, serde_json::json!({"code": "quote_not_accepted", "total": "CNY 625.20"}));
    Ok(())
}

#[test]
fn field_errors_name_the_field_in_the_readers_language() {
    let e = DomainError::TooLong { field: Field::ContactName, chars: 201, max: 200 };
    assert_eq!(e.to_string(), "contact name: is 201 characters long; shorten it to at most 200");
    assert_eq!(e.render(Language::ZhCn), "联系人姓名：共 201 个字，请删减到 200 个字以内");
    let allowed = vec![JobStatus::Completed, JobStatus::Unresolved, JobStatus::Assigned, JobStatus::Cancelled];
    let t = DomainError::IllegalTransition { from: JobStatus::OnSite, to: JobStatus::Closed, allowed };
    assert_eq!(
        t.to_string(),
        "Cannot move a job from on_site to closed: from on_site it can go to completed, unresolved; HQ can move it to assigned, cancelled"
    );
    assert_eq!(
        t.render(Language::ZhCn),
        "工单不能从“在现场”改为“已关闭”：工程师可改为“已完成”、“未解决”；总部可改为“已派工”、“已取消”"
    );
}
