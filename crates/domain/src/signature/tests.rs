use super::*;
use crate::equipment::WarrantyState;
use crate::fixtures::{ENGINEER, T0, cny, complete_repair_report, job, line, part};
use crate::job::JobType;
use crate::money::Currency;
use crate::part::FaultOrigin;
use crate::report::ReportField;
use crate::warranty::{AcceptanceMethod, ChargingPolicy, QuoteAcceptance, price_job};

const PNG_SHA: &str = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

fn completed_job() -> Job {
    let mut j = job(JobType::Repair);
    j.status = JobStatus::Completed;
    j
}

fn free_quote(parts: &[PartLine]) -> Quote {
    price_job(&ChargingPolicy::default_for(Currency::CNY), WarrantyState::Unknown, parts, 0).unwrap()
}

fn sign_off() -> SignOff<'static> {
    SignOff { signer_name: "李经理", image_sha256: PNG_SHA, strokes_sha256: None, at: T0 }
}

#[test]
fn signing_freezes_the_report_and_moves_the_job() {
    let mut j = completed_job();
    let mut r = complete_repair_report(&j);
    let event = sign_report(&mut j, &mut r, &[], &free_quote(&[]), Actor::Engineer(ENGINEER), sign_off()).unwrap();
    assert_eq!((event.from, event.to), (JobStatus::Completed, JobStatus::Signed));
    assert_eq!(j.times.signed_at, Some(T0));
    let sig = r.signature.clone().unwrap();
    assert_eq!(sig.content_sha256.len(), 64);
    assert_eq!(sig.short_hash().len(), 14);
    assert!(verify(&j, &r, &[]).unwrap());
    assert_eq!(r.set(ReportField::Solution, "changed"), Err(DomainError::ReportFrozen));
}

#[test]
fn any_change_to_the_content_breaks_verification() {
    let mut j = completed_job();
    let mut r = complete_repair_report(&j);
    sign_report(&mut j, &mut r, &[], &free_quote(&[]), Actor::Engineer(ENGINEER), sign_off()).unwrap();
    let mut tampered = r.clone();
    tampered.fault_cause = Some("别的原因".into());
    assert!(!verify(&j, &tampered, &[]).unwrap());
    let p = part("FAN-7", 1, 1);
    assert!(!verify(&j, &r, &[line(1, &p, 1, FaultOrigin::Quality)]).unwrap());
}

#[test]
fn the_hash_is_stable_and_independent_of_part_order() {
    let j = completed_job();
    let r = complete_repair_report(&j);
    let p = part("FAN-7", 1, 1);
    let a = line(1, &p, 1, FaultOrigin::Quality);
    let b = line(2, &p, 3, FaultOrigin::Quality);
    let one = canonical_content(&j, &r, &[a.clone(), b.clone()], "李", PNG_SHA, T0).unwrap();
    let two = canonical_content(&j, &r, &[b, a], "李", PNG_SHA, T0).unwrap();
    assert_eq!(one, two);
    assert!(one.starts_with("{\"image_sha256\":"), "keys are sorted: {one}");
}

#[test]
fn an_incomplete_report_cannot_be_signed_and_nothing_changes() {
    let mut j = completed_job();
    let mut r = complete_repair_report(&j);
    r.set(ReportField::FaultCause, "").unwrap();
    let before = (j.clone(), r.clone());
    let err = sign_report(&mut j, &mut r, &[], &free_quote(&[]), Actor::Engineer(ENGINEER), sign_off()).unwrap_err();
    assert_eq!(err, DomainError::ReportIncomplete { missing: vec![ReportField::FaultCause] });
    assert_eq!((j, r), before);
}

#[test]
fn an_unaccepted_charge_blocks_signing() {
    let mut j = completed_job();
    let mut r = complete_repair_report(&j);
    let p = part("FAN-7", 30_000, 45_000);
    let parts = [line(1, &p, 1, FaultOrigin::Quality)];
    let quote = free_quote(&parts);
    assert_eq!(quote.total, cny(30_000));
    let err = sign_report(&mut j, &mut r, &parts, &quote, Actor::Engineer(ENGINEER), sign_off()).unwrap_err();
    assert!(matches!(err, DomainError::QuoteNotAccepted { .. }));
    r.accept_quote(QuoteAcceptance::of(&quote, "李经理", T0, AcceptanceMethod::Confirmation).unwrap()).unwrap();
    sign_report(&mut j, &mut r, &parts, &quote, Actor::Engineer(ENGINEER), sign_off()).unwrap();
    assert!(verify(&j, &r, &parts).unwrap());
}

#[test]
fn signing_twice_or_in_the_wrong_state_is_refused() {
    let mut j = job(JobType::Repair);
    j.status = JobStatus::OnSite;
    let mut r = complete_repair_report(&j);
    let err = sign_report(&mut j, &mut r, &[], &free_quote(&[]), Actor::Engineer(ENGINEER), sign_off()).unwrap_err();
    assert!(matches!(err, DomainError::IllegalTransition { .. }));
    assert!(!r.is_signed());
    j.status = JobStatus::Completed;
    sign_report(&mut j, &mut r, &[], &free_quote(&[]), Actor::Engineer(ENGINEER), sign_off()).unwrap();
    let again = sign_report(&mut j, &mut r, &[], &free_quote(&[]), Actor::Engineer(ENGINEER), sign_off());
    assert_eq!(again.unwrap_err(), DomainError::ReportFrozen);
}

#[test]
fn bad_signer_or_image_hash_is_refused() {
    let mut j = completed_job();
    let mut r = complete_repair_report(&j);
    let bad = SignOff { image_sha256: "abc", ..sign_off() };
    assert!(sign_report(&mut j, &mut r, &[], &free_quote(&[]), Actor::Engineer(ENGINEER), bad).is_err());
    let nameless = SignOff { signer_name: "  ", ..sign_off() };
    assert!(sign_report(&mut j, &mut r, &[], &free_quote(&[]), Actor::Engineer(ENGINEER), nameless).is_err());
}

#[test]
fn short_hash_groups_the_first_twelve_digits() {
    assert_eq!(short_hash(PNG_SHA), "9F86-D081-884C");
    assert_eq!(sha256_hex(b"test"), PNG_SHA);
}

#[test]
fn only_png_images_are_taken_as_signatures() {
    assert!(check_signature_png(b"\x89PNG\r\n\x1a\n rest").is_ok());
    assert!(check_signature_png(b"GIF89a").is_err());
    assert!(check_signature_png(&[]).is_err());
}

/// A report with every kind of value the signed content holds: text, dates, minutes, choices,
/// ratings with a comment, an accepted quote, part lines out of order.
fn rich_signed_report() -> (Job, ServiceReport, Vec<PartLine>) {
    let mut j = completed_job();
    j.times.arrived_at = Some(T0);
    let mut r = complete_repair_report(&j);
    for (field, value) in [
        (ReportField::LabourMinutes, "75"),
        (ReportField::TravelMinutes, "40"),
        (ReportField::FollowUp, "一周后回访"),
        (ReportField::FollowUpOn, "2026-11-30"),
        (ReportField::PartsReplaced, ""),
    ] {
        r.set(field, value).unwrap();
    }
    r.set_survey_comment("师傅很专业").unwrap();
    let p = part("FLT-0042", 30_000, 36_000);
    let parts = vec![line(0x2, &p, 2, FaultOrigin::Misuse), line(0x1, &p, 1, FaultOrigin::Quality)];
    let quote = price_job(&ChargingPolicy::default_for(Currency::CNY), WarrantyState::Unknown, &parts, 75).unwrap();
    r.accept_quote(QuoteAcceptance::of(&quote, "李经理", T0, AcceptanceMethod::Signature).unwrap()).unwrap();
    sign_report(&mut j, &mut r, &parts, &quote, Actor::Engineer(ENGINEER), sign_off()).unwrap();
    (j, r, parts)
}

/// The hash a signature made today gives: it must verify after every later change to the
/// report's or the wire's types (a new field goes into a new version of the signed content).
#[test]
fn a_hash_made_today_verifies_after_every_later_change() {
    let (j, r, parts) = rich_signed_report();
    let signature = r.signature.clone().unwrap();
    assert_eq!(signature.content_sha256, GOLDEN_V1);
    assert!(verify(&j, &r, &parts).unwrap());
    let (mut empty_job, mut plain) = (completed_job(), complete_repair_report(&completed_job()));
    sign_report(&mut empty_job, &mut plain, &[], &free_quote(&[]), Actor::Engineer(ENGINEER), sign_off()).unwrap();
    assert_eq!(plain.signature.unwrap().content_sha256, GOLDEN_V1_PLAIN);
    let mut inspection = job(JobType::Installation);
    inspection.status = JobStatus::Completed;
    let mut r = ServiceReport::new(inspection.id, JobType::Installation, "安装调试");
    r.checklist.push(crate::report::ChecklistItem { key: "safety_hazards".into(), state: None, note: None });
    r.set_check("safety_hazards", crate::report::CheckState::Issue, "接地线松动").unwrap();
    for (field, value) in [
        (ReportField::WorkDone, "安装并调试"),
        (ReportField::Acceptance, "passed_with_remarks"),
        (ReportField::AcceptanceNotes, "接地线已紧固"),
        (ReportField::TraineeName, "张三"),
        (ReportField::TraineeSignature, PNG_SHA),
    ] {
        r.set(field, value).unwrap();
    }
    let content = canonical_content(&inspection, &r, &[], "李经理", PNG_SHA, T0).unwrap();
    assert_eq!(sha256_hex(content.as_bytes()), GOLDEN_V1_INSTALLATION);
}

const GOLDEN_V1: &str = "6c0c632fbd0482e9d35c27bf560367789258133fcc994f47d43ea7d19c0e4b28";
const GOLDEN_V1_PLAIN: &str = "15d7126788575f63bfda31dbf53204d32881c377a52002c5765a8644f80810a7";
const GOLDEN_V1_INSTALLATION: &str = "8b0ca648d6d02d9ba16fe24806e9f965008aa100fc92411cfac01a6f1b8f27c1";
