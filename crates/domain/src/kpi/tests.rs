use time::Duration;

use super::*;
use crate::fixtures::{T0, complete_repair_report, job, satisfaction};
use crate::ids::{EquipmentId, JobId};
use crate::job::{Job, JobStatus, JobType, Unresolved, Window};
use uuid::Uuid;

fn record(n: u128, f: impl FnOnce(&mut Job)) -> JobRecord {
    let mut j = job(JobType::Repair);
    j.id = JobId(Uuid::from_u128(n));
    f(&mut j);
    JobRecord { job: j, report: None, parts: vec![], complaint: Some(false) }
}

fn finished(j: &mut Job, at: OffsetDateTime) {
    j.status = JobStatus::Completed;
    j.times.arrived_at = Some(at - Duration::hours(1));
    j.times.finished_at = Some(at);
}

#[test]
fn kpis_follow_the_design_formulas() {
    let window = Window::new(T0, T0 + Duration::hours(2)).unwrap();
    let on_time = record(1, |j| {
        j.window = Some(window);
        finished(j, T0 + Duration::hours(2));
    });
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
    let k = compute(&[on_time, late, not_due, missed, rated, cancelled], T0);
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
    let k = compute(&[done, record(2, |j| finished(j, T0))], T0);
    assert_eq!(k.complaint, None, "not 0 %: nobody counted complaints");
    assert_eq!(k.fix_rate.denominator, 2, "the other figures still are");
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
    let k = compute(&[first.clone(), again], T0);
    assert_eq!(k.repeat_repair, Ratio { numerator: 1, denominator: 1 });
    let k = compute(&[first, much_later], T0);
    assert_eq!(k.repeat_repair, Ratio { numerator: 0, denominator: 1 });
}

#[test]
fn empty_sets_have_no_percentages() {
    let k = compute(&[], T0);
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
    let k = compute(&[on_time, suspect], T0);
    assert_eq!(k.on_time_arrival, Ratio { numerator: 1, denominator: 1 }, "the suspect arrival is left out");
}
