use time::Duration;

use super::*;
use crate::fixtures::{T0, job};
use crate::job::Window;

#[test]
fn sla_badges_count_down_and_then_up() {
    let policy = SlaPolicy::default();
    let mut j = job(JobType::Repair);
    j.window = Some(Window::new(T0, T0 + Duration::hours(2)).unwrap());
    assert_eq!(policy.badge(&j, T0), SlaBadge::ArriveDueIn(120));
    assert_eq!(policy.badge(&j, T0 + Duration::hours(3)), SlaBadge::ArriveOverdue(60));
    j.status = JobStatus::OnSite;
    j.times.arrived_at = Some(T0);
    assert_eq!(policy.badge(&j, T0 + Duration::minutes(10)), SlaBadge::FixDueIn(20));
    j.severity = Severity::Major;
    assert_eq!(policy.badge(&j, T0 + Duration::minutes(150)), SlaBadge::FixOverdue(30));
    j.status = JobStatus::Signed;
    assert_eq!(policy.badge(&j, T0), SlaBadge::None);
}

#[test]
fn the_fix_badge_follows_hqs_targets() {
    let policy = SlaPolicy { fix_common_minutes: 45, ..SlaPolicy::default() };
    let mut j = job(JobType::Repair);
    j.status = JobStatus::OnSite;
    j.times.arrived_at = Some(T0);
    assert_eq!(policy.badge(&j, T0 + Duration::minutes(10)), SlaBadge::FixDueIn(35));
    assert_eq!(policy.reply_within(), Duration::hours(24));
}

#[test]
fn targets_outside_reason_are_refused_naming_the_target_in_both_languages() {
    assert_eq!(SlaPolicy::default().validate(), Ok(()));
    let err = SlaPolicy { fix_major_minutes: 0, ..SlaPolicy::default() }.validate().err();
    assert_eq!(err, Some(DomainError::OutOfRange { field: Field::FixMajorMinutes, value: 0, min: 5, max: 2880 }));
    let err = SlaPolicy { reply_within_hours: 500, ..SlaPolicy::default() }
        .validate()
        .err()
        .map(|e| (e.render(crate::customer::Language::ZhCn), e.to_string()));
    assert_eq!(
        err,
        Some((
            "答复时限（小时）：为 500，请填写 1 到 168 之间的数".into(),
            "reply within (hours): is 500; enter 1 to 168".into()
        ))
    );
}
