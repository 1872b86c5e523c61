use time::Duration;

use super::*;
use crate::fixtures::*;
use crate::job::JobType;
use crate::money::Currency;
use crate::part::FaultOrigin;
use crate::report::ReportField;
use crate::signature::SignOff;

const SHA: &str = "5f2b0c0e3d7a4c9b8e1f6a2d3c4b5a69788796a5b4c3d2e1f0a9b8c7d6e5f4a3";

fn visit(status: JobStatus) -> Visit {
    let mut job = job(JobType::Repair);
    job.status = status;
    let report = complete_repair_report(&job);
    Visit { job, report, parts: Vec::new(), equipment: None, policy: ChargingPolicy::default_for(Currency::CNY) }
}

fn set(field: ReportField, value: &str, replaced: Option<&str>) -> Change {
    Change::ReportFieldSet {
        job_id: visit(JobStatus::OnSite).job.id,
        revision: 1,
        field,
        value: value.into(),
        replaced: replaced.map(str::to_owned),
    }
}

fn to(status: JobStatus) -> Change {
    Change::JobTransitioned {
        job_id: visit(JobStatus::OnSite).job.id,
        to: status,
        at: T0,
        reason: None,
        promised_on: None,
        unsigned: None,
    }
}

#[test]
fn another_engineers_change_is_refused_and_nothing_changes() {
    let mut v = visit(JobStatus::OnSite);
    let before = v.report.clone();
    let err = v.apply(OTHER_ENGINEER, &set(ReportField::Solution, "换风扇", None)).unwrap_err();
    assert_eq!(err, DomainError::NotYourJob { job: "J2611-00001".into() });
    assert_eq!(v.report, before);
}

#[test]
fn a_charged_part_must_be_accepted_before_the_repair_is_completed() {
    let mut v = visit(JobStatus::OnSite);
    let line = line(1, &part("FLT-1", 30_000, 36_000), 1, FaultOrigin::Quality);
    let added = v.apply(ENGINEER, &Change::PartLineAdded { line: line.clone() }).unwrap();
    assert_eq!(added.line_added, Some(line));
    let err = v.apply(ENGINEER, &to(JobStatus::Completed)).unwrap_err();
    assert!(matches!(err, DomainError::QuoteNotAccepted { .. }), "{err}");
    assert_eq!(v.job.status, JobStatus::OnSite);
}

#[test]
fn an_edit_over_a_value_that_changed_meanwhile_keeps_the_value_held() {
    let mut v = visit(JobStatus::OnSite);
    v.apply(ENGINEER, &set(ReportField::Solution, "A 的判断", Some("更换风扇电机"))).unwrap();
    let err = v.apply(ENGINEER, &set(ReportField::Solution, "B 的判断", Some("更换风扇电机"))).unwrap_err();
    let DomainError::EditedMeanwhile { kept, theirs, .. } = &err else { panic!("{err}") };
    assert_eq!((kept.as_str(), theirs.as_str()), ("A 的判断", "B 的判断"));
    assert_eq!(v.report.solution.as_deref(), Some("A 的判断"));
    assert!(err.render(crate::customer::Language::ZhCn).contains("总部保留了“A 的判断”"));
}

#[test]
fn a_report_changes_only_while_the_job_is_open_and_on_its_revision() {
    let mut closed = visit(JobStatus::Closed);
    let err = closed.apply(ENGINEER, &set(ReportField::Solution, "x", None)).unwrap_err();
    assert_eq!(err, DomainError::JobClosed { job: "J2611-00001".into(), status: JobStatus::Closed });
    let mut v = visit(JobStatus::OnSite);
    let old = Change::ReportFieldSet {
        job_id: v.job.id,
        revision: 0,
        field: ReportField::Solution,
        value: "x".into(),
        replaced: None,
    };
    assert_eq!(v.apply(ENGINEER, &old).unwrap_err(), DomainError::StaleRevision { sent: 0, current: 1 });
    let missing = Change::PartLineRemoved { job_id: v.job.id, line_id: PartLineId(uuid::Uuid::from_u128(9)) };
    assert!(matches!(v.apply(ENGINEER, &missing), Err(DomainError::PartLineNotOnJob { .. })));
}

#[test]
fn a_signature_applies_only_over_the_content_it_was_made_on() {
    let mut v = visit(JobStatus::Completed);
    let at = T0 + Duration::hours(2);
    let strokes = "7".repeat(64);
    let sign_off = SignOff { signer_name: "李经理", image_sha256: SHA, strokes_sha256: Some(&strokes), at };
    let signature = v.signature_for(ENGINEER, sign_off).unwrap();
    assert!(!v.report.is_signed(), "a trial signature changes nothing");
    let mut tampered = signature.clone();
    tampered.content_sha256 = "0".repeat(64);
    let change = |signature| Change::ReportSigned { job_id: v.job.id, revision: 1, signature };
    let err = v.clone().apply(ENGINEER, &change(tampered)).unwrap_err();
    assert!(matches!(err, DomainError::HashMismatch { .. }), "{err}");
    let signed = v.apply(ENGINEER, &change(signature)).unwrap();
    assert!(signed.event.is_some() && signed.job_changed && signed.report_changed);
    assert_eq!(v.job.status, JobStatus::Signed);
    let kept = v.report.signature.as_ref().and_then(|s| s.strokes_sha256.clone());
    assert_eq!(kept, Some(strokes), "the pad's strokes stay named in the signature where it is applied");
}

#[test]
fn a_repair_waiting_for_parts_is_unresolved_not_completed() {
    let mut v = visit(JobStatus::OnSite);
    v.apply(ENGINEER, &set(ReportField::Result, "needs_parts", v.report.result.map(|r| r.as_str()))).unwrap();
    let err = v.apply(ENGINEER, &to(JobStatus::Completed)).unwrap_err();
    assert_eq!(err, DomainError::RepairNotResolved { result: crate::report::RepairResult::NeedsParts });
    assert_eq!(
        err.render(crate::customer::Language::ZhCn),
        "处理结果：为“待配件”，维修尚未完成，请记为未解决，并填写原因和承诺解决日期"
    );
    assert_eq!(v.job.status, JobStatus::OnSite, "nothing moved");
    let unresolved = Change::JobTransitioned {
        job_id: v.job.id,
        to: JobStatus::Unresolved,
        at: T0,
        reason: Some("等厂家发货".into()),
        promised_on: Some(T0.date() + Duration::days(3)),
        unsigned: None,
    };
    v.apply(ENGINEER, &unresolved).unwrap();
    assert_eq!(v.job.status, JobStatus::Unresolved);
}

#[test]
fn an_installation_that_failed_acceptance_cannot_be_completed_or_signed_as_done() {
    let mut job = job(JobType::Installation);
    job.status = JobStatus::OnSite;
    let mut report = crate::report::ServiceReport::new(job.id, job.job_type, "");
    report.set(ReportField::Acceptance, "failed").unwrap();
    let mut v =
        Visit { job, report, parts: Vec::new(), equipment: None, policy: ChargingPolicy::default_for(Currency::CNY) };
    assert_eq!(v.apply(ENGINEER, &to(JobStatus::Completed)).unwrap_err(), DomainError::AcceptanceFailed);
    // Completed before the acceptance was written down: signing it as done is refused too.
    v.report.acceptance = None;
    v.apply(ENGINEER, &to(JobStatus::Completed)).unwrap();
    v.report.acceptance = Some(crate::report::Acceptance::Failed);
    let quote = v.quote().unwrap();
    let sign_off = SignOff { signer_name: "王经理", image_sha256: SHA, strokes_sha256: None, at: T0 };
    let err =
        crate::signature::sign_report(&mut v.job, &mut v.report, &[], &quote, Actor::Engineer(ENGINEER), sign_off);
    assert_eq!(err.err(), Some(DomainError::AcceptanceFailed));
    assert_eq!(v.job.status, JobStatus::Completed);
}

#[test]
fn no_repair_result_is_recorded_while_a_charge_waits_for_the_customer() {
    let mut v = visit(JobStatus::OnSite);
    let line = line(1, &part("FLT-1", 30_000, 36_000), 1, FaultOrigin::Quality);
    v.apply(ENGINEER, &Change::PartLineAdded { line }).unwrap();
    let before = v.report.result;
    let err = v.apply(ENGINEER, &set(ReportField::Result, "resolved", before.map(|r| r.as_str()))).unwrap_err();
    assert!(matches!(err, DomainError::QuoteNotAccepted { .. }), "{err}");
    assert_eq!(v.report.result, before, "nothing recorded");
    v.apply(ENGINEER, &set(ReportField::Result, "", before.map(|r| r.as_str()))).unwrap();
    assert_eq!(v.report.result, None, "clearing it is fine");
}

fn signed_visit() -> Visit {
    let mut v = visit(JobStatus::Completed);
    let at = T0 + Duration::minutes(30);
    let signature = v
        .signature_for(ENGINEER, SignOff { signer_name: "李经理", image_sha256: SHA, strokes_sha256: None, at })
        .unwrap();
    v.apply(ENGINEER, &Change::ReportSigned { job_id: v.job.id, revision: 1, signature }).unwrap();
    v
}

fn reopen(v: &Visit, revision: u32, reason: &str) -> Change {
    Change::ReportReopened { job_id: v.job.id, revision, reason: reason.into(), at: T0 + Duration::minutes(40) }
}

#[test]
fn a_signed_report_is_reopened_as_a_new_revision_keeping_the_signed_one() {
    let mut v = signed_visit();
    let signed = v.report.clone();
    assert_eq!(v.apply(ENGINEER, &reopen(&v, 1, "  ")).unwrap_err(), DomainError::Empty { field: Field::ReopenReason });
    let err = v.apply(ENGINEER, &reopen(&v, 0, "工时填错")).unwrap_err();
    assert_eq!(err, DomainError::StaleRevision { sent: 0, current: 1 });
    let applied = v.apply(ENGINEER, &reopen(&v, 1, "工时填错")).unwrap();
    assert_eq!(applied.revision_kept.as_ref(), Some(&signed), "the signed revision is kept as it was");
    assert_eq!((v.report.revision, v.report.is_signed()), (2, false));
    assert_eq!(v.report.fault_cause, signed.fault_cause, "the new revision starts from the signed content");
    assert_eq!(v.job.status, JobStatus::Completed);
    assert_eq!(v.job.times.signed_at, None);
    let note = applied.event.and_then(|e| e.note).unwrap_or_default();
    assert_eq!(note, "revision 1 reopened as 2: 工时填错");

    let correct = Change::ReportFieldSet {
        job_id: v.job.id,
        revision: 2,
        field: ReportField::LabourMinutes,
        value: "75".into(),
        replaced: Some(v.report.field_text(ReportField::LabourMinutes)),
    };
    v.apply(ENGINEER, &correct).unwrap();
    let at = T0 + Duration::minutes(50);
    let again = v
        .signature_for(ENGINEER, SignOff { signer_name: "李经理", image_sha256: SHA, strokes_sha256: None, at })
        .unwrap();
    let first = signed.signature.as_ref().map(|s| s.content_sha256.clone());
    assert_ne!(Some(again.content_sha256.clone()), first, "the corrected revision has a hash of its own");
    v.apply(ENGINEER, &Change::ReportSigned { job_id: v.job.id, revision: 2, signature: again }).unwrap();
    assert_eq!(v.job.status, JobStatus::Signed);
}

#[test]
fn only_a_signed_report_still_on_site_can_be_reopened() {
    let mut unsigned = visit(JobStatus::Completed);
    let err = unsigned.apply(ENGINEER, &reopen(&unsigned, 1, "x")).unwrap_err();
    assert_eq!(err, DomainError::ReopenNeedsSigned { job: "J2611-00001".into(), status: JobStatus::Completed });
    let mut gone = signed_visit();
    gone.apply(ENGINEER, &to(JobStatus::Departed)).unwrap();
    let err = gone.apply(ENGINEER, &reopen(&gone, 1, "x")).unwrap_err();
    assert!(err.render(crate::customer::Language::ZhCn).contains("离开后请联系调度员"), "{err}");
}

#[test]
fn a_visit_signed_unresolved_is_corrected_as_unresolved_with_its_promise() {
    let mut v = visit(JobStatus::OnSite);
    let unresolved = Change::JobTransitioned {
        job_id: v.job.id,
        to: JobStatus::Unresolved,
        at: T0,
        reason: Some("等厂家发货".into()),
        promised_on: Some(T0.date() + Duration::days(3)),
        unsigned: None,
    };
    v.apply(ENGINEER, &set(ReportField::Result, "needs_parts", v.report.result.map(|r| r.as_str()))).unwrap();
    v.apply(ENGINEER, &unresolved).unwrap();
    let at = T0 + Duration::minutes(30);
    let signature = v
        .signature_for(ENGINEER, SignOff { signer_name: "李经理", image_sha256: SHA, strokes_sha256: None, at })
        .unwrap();
    v.apply(ENGINEER, &Change::ReportSigned { job_id: v.job.id, revision: 1, signature }).unwrap();
    assert_eq!(v.job.status, JobStatus::Signed);
    v.apply(ENGINEER, &reopen(&v, 1, "承诺日期写错")).unwrap();
    assert_eq!(v.job.status, JobStatus::Unresolved, "still unresolved, its promise kept");
    assert!(v.job.unresolved.is_some());
}
