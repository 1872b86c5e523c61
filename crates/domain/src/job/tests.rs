use proptest::prelude::*;
use time::Duration;
use time::macros::date;

use super::*;
use crate::fixtures::{ENGINEER, OTHER_ENGINEER, T0, job};

fn engineer() -> Actor {
    Actor::Engineer(ENGINEER)
}

#[test]
fn a_visit_goes_through_its_steps_with_timestamps() -> Result<()> {
    let mut j = job(JobType::Repair);
    let e1 = j.transition(JobStatus::EnRoute, engineer(), T0, MoveDetails::default())?;
    assert_eq!((e1.from, e1.to), (JobStatus::Assigned, JobStatus::EnRoute));
    j.transition(JobStatus::OnSite, engineer(), T0 + Duration::hours(1), MoveDetails::default())?;
    j.transition(JobStatus::Completed, engineer(), T0 + Duration::hours(2), MoveDetails::default())?;
    assert_eq!(j.times.en_route_at, Some(T0));
    assert_eq!(j.times.arrived_at, Some(T0 + Duration::hours(1)));
    assert_eq!(j.times.finished_at, Some(T0 + Duration::hours(2)));
    Ok(())
}

#[test]
fn the_engineer_leaves_only_after_the_customer_signed_and_hq_closes_only_signed_work() -> Result<()> {
    for unsigned in [JobStatus::Completed, JobStatus::Unresolved] {
        let mut j = job(JobType::Repair);
        j.status = unsigned;
        let err = j.transition(JobStatus::Departed, engineer(), T0, MoveDetails::default()).unwrap_err();
        assert_eq!(err, DomainError::UnsignedDeparture);
        assert_eq!(
            err.render(crate::customer::Language::ZhCn),
            "客户尚未在服务报告上签字：离开现场前，请让客户评价并签字；如客户无法签字，请选择原因（客户不在现场、客户拒绝签字或其他原因）后再离开"
        );
        assert!(j.transition(JobStatus::Closed, Actor::Hq, T0, MoveDetails::default()).is_err(), "HQ cannot close it");
        assert_eq!(j.status, unsigned);
    }
    let mut signed = job(JobType::Repair);
    signed.status = JobStatus::Signed;
    signed.transition(JobStatus::Departed, engineer(), T0, MoveDetails::default())?;
    signed.transition(JobStatus::Closed, Actor::Hq, T0, MoveDetails::default())?;
    Ok(())
}

#[test]
fn leaving_unsigned_needs_a_declared_reason_and_hq_sees_it() -> Result<()> {
    let mut j = job(JobType::Repair);
    j.status = JobStatus::Completed;
    let vague = MoveDetails {
        unsigned: Some(LeftUnsigned { reason: UnsignedReason::Other, note: None }),
        ..Default::default()
    };
    let err = j.transition(JobStatus::Departed, engineer(), T0, vague).unwrap_err();
    assert_eq!(err, DomainError::Empty { field: Field::UnsignedNote }, "`other` says what happened");
    let absent = LeftUnsigned::new(UnsignedReason::CustomerAbsent, " 王经理外出，电话确认下周补签 ")?;
    let event = j.transition(
        JobStatus::Departed,
        engineer(),
        T0,
        MoveDetails { unsigned: Some(absent.clone()), ..Default::default() },
    )?;
    assert_eq!(event.note.as_deref(), Some("left unsigned: customer_absent (王经理外出，电话确认下周补签)"));
    assert_eq!(j.left_unsigned.as_ref().map(|l| l.reason), Some(UnsignedReason::CustomerAbsent));
    j.transition(JobStatus::Closed, Actor::Hq, T0, MoveDetails::default())?;
    assert_eq!(UnsignedReason::parse("customer_refused")?.label(crate::customer::Language::ZhCn), "客户拒绝签字");
    assert!(UnsignedReason::parse("busy").is_err());
    Ok(())
}

#[test]
fn an_illegal_move_says_which_are_allowed() {
    let mut j = job(JobType::Repair);
    let err = j.transition(JobStatus::Completed, engineer(), T0, MoveDetails::default()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "Cannot move a job from assigned to completed: from assigned it can go to en_route; HQ can move it to assigned, cancelled"
    );
    assert_eq!(j.status, JobStatus::Assigned, "a refused move changes nothing");
}

#[test]
fn terminal_states_say_so() {
    let mut j = job(JobType::Repair);
    j.status = JobStatus::Closed;
    let err = j.transition(JobStatus::OnSite, engineer(), T0, MoveDetails::default()).unwrap_err();
    assert_eq!(err.to_string(), "Cannot move a job from closed to on_site: a closed job cannot change any more");
}

#[test]
fn only_hq_cancels_and_it_needs_a_reason() {
    let mut j = job(JobType::Repair);
    let err = j.transition(JobStatus::Cancelled, engineer(), T0, MoveDetails::default()).unwrap_err();
    assert_eq!(err, DomainError::HqOnly { to: JobStatus::Cancelled });
    assert!(j.transition(JobStatus::Cancelled, Actor::Hq, T0, MoveDetails::default()).is_err());
    let details = MoveDetails { reason: Some("客户取消".into()), ..Default::default() };
    j.transition(JobStatus::Cancelled, Actor::Hq, T0, details).unwrap();
    assert_eq!(j.cancel_reason.as_deref(), Some("客户取消"));
}

#[test]
fn another_engineer_cannot_move_the_job() {
    let mut j = job(JobType::Repair);
    let err =
        j.transition(JobStatus::EnRoute, Actor::Engineer(OTHER_ENGINEER), T0, MoveDetails::default()).unwrap_err();
    assert!(err.to_string().contains("assigned to another engineer"));
}

#[test]
fn unresolved_needs_a_reason_and_a_promised_date_not_in_the_past() {
    let mut j = job(JobType::Repair);
    j.status = JobStatus::OnSite;
    let no_date = MoveDetails { reason: Some("等配件".into()), ..Default::default() };
    assert!(j.transition(JobStatus::Unresolved, engineer(), T0, no_date).is_err());
    let past =
        MoveDetails {
            reason: Some("等配件".into()), promised_on: Some(date!(2026 - 11 - 01)), ..Default::default()
        };
    assert!(j.transition(JobStatus::Unresolved, engineer(), T0, past).is_err());
    let ok =
        MoveDetails {
            reason: Some("等配件".into()), promised_on: Some(date!(2026 - 11 - 25)), ..Default::default()
        };
    let event = j.transition(JobStatus::Unresolved, engineer(), T0, ok).unwrap();
    assert_eq!(event.note.as_deref(), Some("等配件 (promised 2026-11-25)"));
    assert_eq!(j.unresolved.as_ref().map(|u| u.promised_on), Some(date!(2026 - 11 - 25)));
}

#[test]
fn reassignment_hands_the_job_to_the_new_engineer() {
    let mut j = job(JobType::Repair);
    j.transition(JobStatus::EnRoute, engineer(), T0, MoveDetails::default()).unwrap();
    let details = MoveDetails { engineer: Some(OTHER_ENGINEER), ..Default::default() };
    j.transition(JobStatus::Assigned, Actor::Hq, T0, details).unwrap();
    assert_eq!(j.engineer_id, Some(OTHER_ENGINEER));
    assert_eq!(j.times.en_route_at, None);
    let same = MoveDetails { engineer: Some(OTHER_ENGINEER), ..Default::default() };
    assert!(j.transition(JobStatus::Assigned, Actor::Hq, T0, same).is_err());
}

#[test]
fn signing_is_not_a_plain_move() {
    let mut j = job(JobType::Repair);
    j.status = JobStatus::Completed;
    assert!(j.transition(JobStatus::Signed, engineer(), T0, MoveDetails::default()).is_err());
}

#[test]
fn job_types_parse_and_unknown_ones_are_named() {
    assert_eq!(JobType::parse("inspection").unwrap(), JobType::Inspection);
    let err = JobType::parse("painting").unwrap_err();
    assert!(err.to_string().contains("'painting' is not a job type"));
    assert!(JobStatus::parse("done").is_err());
    for s in JobStatus::ALL {
        assert_eq!(JobStatus::parse(s.as_str()).unwrap(), s);
    }
}

fn any_status() -> impl Strategy<Value = JobStatus> {
    proptest::sample::select(JobStatus::ALL.to_vec())
}

fn any_actor() -> impl Strategy<Value = Actor> {
    prop_oneof![Just(Actor::Hq), Just(Actor::Engineer(ENGINEER)), Just(Actor::Engineer(OTHER_ENGINEER)),]
}

fn any_details() -> impl Strategy<Value = MoveDetails> {
    (
        proptest::option::of("[a-z ]{0,8}"),
        proptest::option::of(-3i64..5),
        proptest::option::of(prop_oneof![Just(ENGINEER), Just(OTHER_ENGINEER)]),
        proptest::option::of(Just(LeftUnsigned { reason: UnsignedReason::CustomerAbsent, note: None })),
    )
        .prop_map(|(reason, days, engineer, unsigned)| MoveDetails {
            reason,
            promised_on: days.map(|d| T0.date() + Duration::days(d)),
            engineer,
            unsigned,
        })
}

proptest! {
    /// Whatever sequence of moves is tried, the job only ever takes moves of the table, by the
    /// right mover, a refused move changes nothing, and the timestamps follow the status.
    #[test]
    fn state_machine_invariants(
        start in any_status(),
        steps in proptest::collection::vec((any_status(), any_actor(), any_details(), 0i64..600), 1..40),
    ) {
        let mut j = job(JobType::Repair);
        j.status = start;
        let mut at = T0;
        for (to, actor, details, minutes) in steps {
            at += Duration::minutes(minutes);
            let before = j.clone();
            match j.transition(to, actor, at, details) {
                Ok(event) => {
                    let rule = before.status.moves().iter().find(|(s, _)| *s == to);
                    prop_assert!(rule.is_some(), "{:?} -> {:?} is not in the table", before.status, to);
                    let (_, mover) = rule.copied().unwrap_or((to, Mover::Hq));
                    match mover {
                        Mover::Hq => prop_assert_eq!(actor, Actor::Hq),
                        Mover::Engineer => prop_assert_eq!(actor, Actor::Engineer(before.engineer_id.unwrap_or(ENGINEER))),
                    }
                    prop_assert_eq!((event.from, event.to, event.at), (before.status, to, at));
                    prop_assert_ne!(to, JobStatus::Signed);
                    prop_assert!(!before.status.is_terminal());
                    if to == JobStatus::Unresolved {
                        prop_assert!(j.unresolved.as_ref().is_some_and(|u| u.promised_on >= at.date()));
                    }
                    if matches!(to, JobStatus::Completed | JobStatus::Unresolved) {
                        prop_assert_eq!(j.times.finished_at, Some(at));
                    }
                }
                Err(_) => prop_assert_eq!(&j, &before),
            }
        }
    }
}
