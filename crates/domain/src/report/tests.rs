use super::*;
use crate::fixtures::{T0, complete_repair_report, job, line, part, satisfaction};
use crate::part::FaultOrigin;
use crate::rating::Satisfaction;

#[test]
fn an_empty_repair_report_lists_every_mandatory_field() {
    let j = job(JobType::Repair);
    let r = ServiceReport::new(j.id, j.job_type, &j.reported_fault);
    assert_eq!(r.symptom_reported.as_deref(), Some("空压机排气温度高，自动停机"));
    let err = r.check_complete(&[]).unwrap_err();
    assert_eq!(
        err.to_string(),
        "The report cannot be signed yet: fill in symptom as found, fault cause, solution, \
         parts replaced, tests done, result, customer opinion, satisfaction ratings first"
    );
}

#[test]
fn a_filled_repair_report_is_complete() {
    let j = job(JobType::Repair);
    assert_eq!(complete_repair_report(&j).missing(&[]), vec![]);
}

#[test]
fn parts_replaced_is_satisfied_by_a_part_line_or_none() {
    let j = job(JobType::Repair);
    let mut r = complete_repair_report(&j);
    r.set(ReportField::PartsReplaced, "").unwrap();
    assert_eq!(r.missing(&[]), vec![ReportField::PartsReplaced]);
    let p = part("FLT-1", 100, 200);
    assert_eq!(r.missing(&[line(1, &p, 1, FaultOrigin::Quality)]), vec![]);
    assert!(r.set(ReportField::PartsReplaced, "a filter").is_err());
    r.set(ReportField::PartsReplaced, "无").unwrap();
    assert!(r.no_parts_replaced);
}

#[test]
fn typed_fields_are_parsed_with_clear_errors() {
    let j = job(JobType::Repair);
    let mut r = ServiceReport::new(j.id, j.job_type, "");
    assert_eq!(r.symptom_reported, None);
    r.set(ReportField::LabourMinutes, "90").unwrap();
    assert_eq!(r.labour_minutes, Some(90));
    assert_eq!(
        r.set(ReportField::LabourMinutes, "-5").unwrap_err().to_string(),
        "Labour (minutes): is -5; minutes cannot be negative"
    );
    assert!(r.set(ReportField::LabourMinutes, "1.5h").is_err());
    assert!(r.set(ReportField::FollowUpOn, "23/11/2026").is_err());
    r.set(ReportField::FollowUpOn, "2026-12-01").unwrap();
    assert!(r.set(ReportField::Result, "fixed").is_err());
    r.set(ReportField::Result, "").unwrap();
    assert_eq!(r.result, None);
    assert!(r.set(ReportField::FaultCause, &"因".repeat(crate::text::NOTE_MAX + 1)).is_err());
}

#[test]
fn field_names_parse_and_unknown_ones_are_listed() {
    assert_eq!(ReportField::parse("fault_cause").unwrap(), ReportField::FaultCause);
    assert_eq!(ReportField::parse("customer_opinion").unwrap(), ReportField::CustomerOpinion);
    let err = ReportField::parse("cause").unwrap_err().to_string();
    assert!(err.contains("'cause' is not a report field; use one of symptom_reported"));
}

#[test]
fn inspection_needs_every_check_answered_and_issues_need_a_note() {
    let j = job(JobType::Inspection);
    let mut r = ServiceReport::new(j.id, j.job_type, "");
    assert_eq!(r.checklist.len(), INSPECTION_ITEMS.len());
    assert!(r.missing(&[]).contains(&ReportField::Checklist));
    assert!(r.set_check("safety_hazards", CheckState::Issue, " ").is_err());
    assert!(r.set_check("paint", CheckState::Ok, "").is_err());
    for key in INSPECTION_ITEMS {
        r.set_check(key, CheckState::Ok, "").unwrap();
    }
    r.set_check("safety_hazards", CheckState::Issue, "接地线松动，已紧固").unwrap();
    r.set(ReportField::PartsReplaced, "none").unwrap();
    r.set(ReportField::CustomerOpinion, "good").unwrap();
    r.set_satisfaction(Satisfaction::Declined { at: T0 }).unwrap();
    assert_eq!(r.missing(&[]), vec![]);
}

#[test]
fn installation_needs_acceptance_and_training_sign_off() {
    let j = job(JobType::Installation);
    let r = ServiceReport::new(j.id, j.job_type, "");
    let missing = r.missing(&[]);
    assert_eq!(&missing[..2], &[ReportField::Acceptance, ReportField::TraineeName]);
}

#[test]
fn callback_needs_notes_opinion_and_survey() {
    let j = job(JobType::Callback);
    let mut r = ServiceReport::new(j.id, j.job_type, "");
    r.set(ReportField::CallbackNotes, "电话回访，设备运行正常").unwrap();
    r.set(ReportField::CustomerOpinion, "满意").unwrap();
    r.set_satisfaction(satisfaction([4, 4, 4, 4])).unwrap();
    assert_eq!(r.missing(&[]), vec![]);
}

#[test]
fn a_partial_survey_does_not_count() {
    let j = job(JobType::Repair);
    let mut r = complete_repair_report(&j);
    r.set_satisfaction(Satisfaction::rated(Default::default(), "").unwrap()).unwrap();
    assert_eq!(r.missing(&[]), vec![ReportField::Satisfaction]);
}

#[test]
fn a_new_revision_is_unsigned_and_numbered() {
    let j = job(JobType::Repair);
    let r = complete_repair_report(&j);
    let next = r.next_revision();
    assert_eq!(next.revision, 2);
    assert!(!next.is_signed());
    assert_eq!(next.fault_cause, r.fault_cause);
}

#[test]
fn a_failed_or_remarked_acceptance_needs_its_notes() {
    let j = job(JobType::Installation);
    let mut r = ServiceReport::new(j.id, j.job_type, "");
    r.set(ReportField::Acceptance, "passed").unwrap();
    assert!(!r.missing(&[]).contains(&ReportField::AcceptanceNotes));
    r.set(ReportField::Acceptance, "failed").unwrap();
    assert_eq!(r.missing(&[]).first(), Some(&ReportField::AcceptanceNotes), "what is to be put right");
    r.set(ReportField::AcceptanceNotes, "排气管路接口渗漏，需更换密封件后复验").unwrap();
    assert!(!r.missing(&[]).contains(&ReportField::AcceptanceNotes));
}
