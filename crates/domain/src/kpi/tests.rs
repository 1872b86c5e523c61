use time::Duration;

use super::*;
use crate::fixtures::{T0, complete_repair_report, job, satisfaction};
use crate::ids::{EquipmentId, JobId};
use crate::job::{Actor, EventNote, Job, JobEvent, JobStatus, JobType, Unresolved, Window};
use crate::report::ReportField;
use crate::sla::SlaPolicy;
use uuid::Uuid;

fn record(n: u128, f: impl FnOnce(&mut Job)) -> JobRecord {
    let mut j = job(JobType::Repair);
    j.id = JobId(Uuid::from_u128(n));
    f(&mut j);
    // A finished, not unresolved repair comes with its report saying 已解决.
    let report = (j.times.finished_at.is_some() && j.unresolved.is_none()).then(|| complete_repair_report(&j));
    JobRecord { job: j, report, parts: vec![], events: vec![], complaint: Some(false) }
}

fn kpis(records: &[JobRecord], now: OffsetDateTime) -> Kpis {
    compute(records, &[], &SlaPolicy::default(), now)
}

fn finished(j: &mut Job, at: OffsetDateTime) {
    j.status = JobStatus::Completed;
    j.times.arrived_at = Some(at - Duration::hours(1));
    j.times.finished_at = Some(at);
}

#[test]
fn kpis_follow_the_design_formulas() {
    let window = Window::new(T0, T0 + Duration::hours(2)).unwrap();
    let mut on_time = record(1, |j| {
        j.window = Some(window);
        finished(j, T0 + Duration::hours(2));
    });
    if let Some(report) = on_time.report.as_mut() {
        report.satisfaction = None;
    }
    let late = record(2, |j| {
        j.window = Some(window);
        finished(j, T0 + Duration::hours(4));
        j.unresolved = Some(Unresolved { reason: "等配件".into(), promised_on: T0.date() });
    });
    let not_due =
        record(3, |j| j.window = Some(Window { from: T0 + Duration::days(9), until: T0 + Duration::days(10) }));
    let missed = record(4, |j| j.window = Some(Window { from: T0 - Duration::days(2), until: T0 - Duration::days(1) }));
    let mut rated = record(5, |j| {
        finished(j, T0);
        j.previous_visit = Some(JobId(Uuid::from_u128(99)));
    });
    let mut report = complete_repair_report(&rated.job);
    report.set_satisfaction(satisfaction([5, 5, 5, 3])).unwrap();
    rated.report = Some(report);
    rated.complaint = Some(true);
    let cancelled = record(6, |j| {
        j.status = JobStatus::Cancelled;
        j.window = Some(window);
    });
    let k = kpis(&[on_time, late, not_due, missed, rated, cancelled], T0);
    assert_eq!(k.on_time_arrival, Ratio { numerator: 1, denominator: 3 });
    assert_eq!(k.fix_rate, Ratio { numerator: 2, denominator: 3 });
    assert_eq!(k.first_visit_fix, Ratio { numerator: 1, denominator: 2 });
    assert_eq!(k.satisfied, Ratio { numerator: 0, denominator: 1 });
    assert_eq!(k.mean_overall(), Some(3.0));
    assert_eq!(k.complaint, Some(Ratio { numerator: 1, denominator: 3 }));
    assert_eq!(k.report_completeness, Ratio { numerator: 0, denominator: 0 });
    assert_eq!(k.complaint.and_then(|c| c.percent()).map(|p| p.round()), Some(33.0));
}

#[test]
fn without_a_complaint_register_the_complaint_rate_is_not_measured() {
    let mut done = record(1, |j| finished(j, T0));
    done.complaint = None;
    let k = kpis(&[done, record(2, |j| finished(j, T0))], T0);
    assert_eq!(k.complaint, None, "not 0 %: nobody counted complaints");
    assert_eq!(k.fix_rate.denominator, 2, "the other figures still are");
}

#[test]
fn a_repair_is_fixed_only_when_its_report_says_so() {
    let mut waiting = record(1, |j| finished(j, T0));
    if let Some(report) = waiting.report.as_mut() {
        report.set(crate::report::ReportField::Result, "needs_parts").unwrap();
    }
    let mut empty = record(2, |j| finished(j, T0));
    empty.report = None;
    let fixed = record(3, |j| finished(j, T0));
    let k = kpis(&[waiting, empty, fixed], T0);
    assert_eq!(k.fix_rate, Ratio { numerator: 1, denominator: 3 }, "待配件 and an empty report are not fixed");
}

#[test]
fn the_visit_after_an_unresolved_one_is_not_a_first_visit_fix() {
    let equipment = Some(EquipmentId(Uuid::from_u128(0xEE)));
    let first = record(1, |j| {
        j.equipment_id = equipment;
        finished(j, T0);
        j.status = JobStatus::Unresolved;
        j.unresolved = Some(Unresolved { reason: "等配件".into(), promised_on: T0.date() });
    });
    let second = record(2, |j| {
        j.equipment_id = equipment;
        finished(j, T0 + Duration::days(3));
    });
    let elsewhere = record(3, |j| {
        j.equipment_id = Some(EquipmentId(Uuid::from_u128(0xFF)));
        finished(j, T0 + Duration::days(3));
    });
    let k = kpis(&[first, second, elsewhere], T0);
    assert_eq!(k.first_visit_fix, Ratio { numerator: 1, denominator: 2 }, "not always 100 %");
}

#[test]
fn a_job_closed_without_a_signed_report_counts_as_incomplete() {
    let mut closed = record(1, |j| finished(j, T0));
    closed.job.status = JobStatus::Closed;
    let mut signed = record(2, |j| finished(j, T0));
    signed.job.status = JobStatus::Signed;
    if let Some(report) = signed.report.as_mut() {
        report.signature = Some(crate::signature::Signature {
            signer_name: "王经理".into(),
            signed_at: T0,
            image_sha256: "0".repeat(64),
            content_sha256: "1".repeat(64),
            strokes_sha256: None,
        });
    }
    let open = record(3, |j| finished(j, T0));
    let k = kpis(&[closed, signed, open], T0);
    assert_eq!(k.report_completeness, Ratio { numerator: 1, denominator: 2 });
}

#[test]
fn a_repair_of_the_same_equipment_within_30_days_is_a_repeat() {
    let equipment = EquipmentId(Uuid::from_u128(0xEE));
    let first = record(1, |j| finished(j, T0));
    let again = record(2, |j| j.reported_at = T0 + Duration::days(20));
    let much_later = record(3, |j| {
        j.reported_at = T0 + Duration::days(45);
        j.equipment_id = Some(equipment);
    });
    let k = kpis(&[first.clone(), again], T0);
    assert_eq!(k.repeat_repair, Ratio { numerator: 1, denominator: 1 });
    let k = kpis(&[first, much_later], T0);
    assert_eq!(k.repeat_repair, Ratio { numerator: 0, denominator: 1 });
}

#[test]
fn empty_sets_have_no_percentages() {
    let k = kpis(&[], T0);
    assert_eq!(k.fix_rate.percent(), None);
    assert_eq!(k.mean_overall(), None);
}

#[test]
fn a_visit_with_a_suspect_clock_is_not_measured_on_time() {
    let window = Window::new(T0, T0 + Duration::hours(2)).unwrap();
    let on_time = record(1, |j| {
        j.window = Some(window);
        finished(j, T0 + Duration::hours(2));
    });
    let suspect = record(2, |j| {
        j.window = Some(window);
        finished(j, T0 + Duration::hours(1));
        j.times.clock_suspect = true;
    });
    let k = kpis(&[on_time, suspect], T0);
    assert_eq!(k.on_time_arrival, Ratio { numerator: 1, denominator: 1 }, "the suspect arrival is left out");
}

fn given(r: &mut JobRecord, at: OffsetDateTime) {
    let said = EventNote::Assigned { engineer: "张工".into() };
    r.events.push(JobEvent::new(r.job.id, at, Actor::Hq, JobStatus::Assigned, JobStatus::Assigned, Some(said)));
}

#[test]
fn a_repair_given_to_an_engineer_within_24_hours_of_the_call_is_replied_in_time() {
    let mut quick = record(1, |j| j.reported_at = T0);
    given(&mut quick, T0 + Duration::hours(23));
    let mut slow = record(2, |j| j.reported_at = T0);
    given(&mut slow, T0 + Duration::hours(25));
    let waiting_too_long = record(3, |j| {
        j.reported_at = T0 - Duration::hours(30);
        j.engineer_id = None;
    });
    let just_called = record(4, |j| {
        j.reported_at = T0 - Duration::hours(2);
        j.engineer_id = None;
    });
    let given_once_unknown_when = record(6, |j| j.reported_at = T0 - Duration::hours(30));
    let mut planned = record(5, |j| j.job_type = JobType::Inspection);
    given(&mut planned, T0 + Duration::days(5));
    let k = kpis(&[quick, slow, waiting_too_long, just_called, planned, given_once_unknown_when], T0);
    assert_eq!(
        k.reply_in_time,
        Ratio { numerator: 1, denominator: 3 },
        "a call still within its 24 hours is not due; an inspection is planned, not a call; a job \
         given at a time nobody recorded is not measured"
    );
}

#[test]
fn a_unit_back_from_the_factory_within_ten_working_days_is_in_time() {
    let unit = |n| Some(EquipmentId(Uuid::from_u128(n)));
    // Monday 2026-11-23 08:00: T0.
    let sent = |n: u128, equipment| {
        let mut r = record(n, |j| {
            j.equipment_id = equipment;
            finished(j, T0);
        });
        if let Some(rep) = r.report.as_mut() {
            rep.set(ReportField::Result, "needs_factory_repair").unwrap();
        }
        r
    };
    let back = |n: u128, equipment, at: OffsetDateTime| {
        record(n, |j| {
            j.equipment_id = equipment;
            j.reported_at = T0 + Duration::days(1);
            finished(j, at);
        })
    };
    let counted = [sent(1, unit(0xA)), sent(2, unit(0xB)), sent(3, unit(0xC)), sent(4, unit(0xD))];
    let around = [
        // Ten working days: the Monday two weeks on, 08:00.
        back(11, unit(0xA), T0 + Duration::days(14)),
        back(12, unit(0xB), T0 + Duration::days(14) + Duration::minutes(1)),
    ];
    let k = compute(&counted, &around, &SlaPolicy::default(), T0 + Duration::days(30));
    assert_eq!(
        k.factory_repair_in_time,
        Ratio { numerator: 1, denominator: 4 },
        "one back in time, one a minute late, two never back after 30 days"
    );
    let k = compute(&counted, &[], &SlaPolicy::default(), T0 + Duration::days(5));
    assert_eq!(k.factory_repair_in_time, Ratio { numerator: 0, denominator: 0 }, "nothing back, nothing due yet");
    assert_eq!(k.fix_rate, Ratio { numerator: 0, denominator: 4 }, "the units back are counted in their own month");
}

#[test]
fn every_share_is_named_as_the_figures_json_names_it_with_the_sources_targets() {
    let figures = serde_json::to_value(Kpis::default()).unwrap();
    let listed: Vec<Share> = Kpis::default().shares().iter().map(|(s, _)| *s).collect();
    assert_eq!(listed, Share::ALL, "one order for the statistics");
    for share in Share::ALL {
        assert!(figures.get(share.key()).is_some(), "{} is a figure", share.key());
    }
    assert!(Share::Satisfied.target().is_some_and(|t| t.met(90.0) && !t.met(89.9)));
    assert!(Share::Complaint.target().is_some_and(|t| t.met(9.9) && !t.met(10.0)));
    assert_eq!(Share::FixRate.target(), None);
}
