use std::collections::HashSet;

use time::macros::datetime;

use super::*;

const NOW: OffsetDateTime = datetime!(2026-11-23 01:00 UTC);

#[test]
fn the_same_seed_gives_the_same_data() {
    let a = generate(&DemoConfig::new(7, 120, NOW));
    let b = generate(&DemoConfig::new(7, 120, NOW));
    let ids = |d: &DemoData| d.jobs.iter().map(|j| (j.job.id, j.job.status)).collect::<Vec<_>>();
    assert_eq!(ids(&a), ids(&b));
    assert_ne!(ids(&a), ids(&generate(&DemoConfig::new(8, 120, NOW))));
}

#[test]
fn every_type_appears_in_every_state() {
    let data = generate(&DemoConfig::new(1, 60, NOW));
    let seen: HashSet<(JobType, JobStatus)> = data.jobs.iter().map(|j| (j.job.job_type, j.job.status)).collect();
    for t in JobType::ALL {
        for s in JobStatus::ALL {
            assert!(seen.contains(&(t, s)), "no {t} job in {s}");
        }
    }
}

#[test]
fn signed_reports_verify_and_finished_jobs_have_reports() {
    let data = generate(&DemoConfig::new(3, 400, NOW));
    let mut signed = 0;
    for j in &data.jobs {
        let past_signing = matches!(j.job.status, JobStatus::Signed | JobStatus::Departed | JobStatus::Closed);
        if past_signing {
            let report = j.report.as_ref().expect("a signed job has a report");
            assert!(outpost_domain::signature::verify(&j.job, report, &j.parts).unwrap());
            signed += 1;
        }
        if matches!(j.job.status, JobStatus::Completed | JobStatus::Unresolved) {
            assert!(j.report.is_some());
        }
        assert_eq!(j.events.last().map(|e| e.to), (j.job.status != JobStatus::Assigned).then_some(j.job.status));
    }
    assert!(signed > 100, "most demo jobs are done: {signed}");
}

#[test]
fn data_is_bilingual_and_today_has_work() {
    let cfg = DemoConfig::new(5, 300, NOW);
    let data = generate(&cfg);
    let today = NOW.to_offset(cfg.utc_offset).date();
    assert!(data.customers.iter().any(|c| c.language == Language::ZhCn));
    assert!(data.customers.iter().any(|c| c.language == Language::En));
    assert!(data.customers.iter().all(|c| !c.contacts.is_empty()));
    let todays = data.jobs.iter().filter(|j| j.job.scheduled_on == today).count();
    assert!((6..20).contains(&todays), "{todays} jobs today");
    let in_warranty = data.equipment.iter().filter(|e| e.warranty_on(today).covered()).count();
    assert!(in_warranty > 0 && in_warranty < data.equipment.len());
    let numbers: HashSet<&str> = data.jobs.iter().map(|j| j.job.number.as_str()).collect();
    assert_eq!(numbers.len(), data.jobs.len(), "job numbers are unique");
}
