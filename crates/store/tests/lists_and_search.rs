mod common;

use common::{NOW, TestResult, demo_store};
use outpost_domain::job::JobStatus;
use outpost_store::jobs::{self, JobFilter};
use outpost_store::search::{self, HitKind};

#[test]
fn job_lists_split_the_day() -> TestResult {
    let f = demo_store(200)?;
    let today = NOW.to_offset(time::UtcOffset::from_hms(8, 0, 0)?).date();
    let todays = f.store.read(|c| jobs::list(c, JobFilter::Today, today, 100))?;
    assert!(todays.len() >= 6);
    let todays_work = |j: &jobs::JobSummary| {
        (j.scheduled_on == today && j.status != JobStatus::Cancelled) || j.status == JobStatus::Unresolved
    };
    assert!(todays.iter().all(todays_work), "{todays:?}");
    let overdue = f.store.read(|c| jobs::list(c, JobFilter::Overdue, today, 100))?;
    assert!(overdue.iter().all(|j| j.scheduled_on < today && j.status.is_open()));
    let upcoming = f.store.read(|c| jobs::list(c, JobFilter::Upcoming, today, 500))?;
    assert!(!upcoming.is_empty() && upcoming.iter().all(|j| j.scheduled_on > today));
    let all = f.store.read(|c| jobs::list(c, JobFilter::All, today, 1000))?;
    assert_eq!(all.len(), 200);
    for (filter, list) in [(JobFilter::Today, &todays), (JobFilter::Overdue, &overdue), (JobFilter::All, &all)] {
        assert_eq!(f.store.read(|c| jobs::count(c, filter, today))?, list.len() as u64, "{filter:?}");
    }
    let blank = f.store.read(|c| search::shown(c, JobFilter::Today, Some("  "), today, 100))?;
    assert_eq!(blank.len(), todays.len(), "a blank search is the list");
    let number = todays[0].number.clone();
    let found = f.store.read(|c| search::shown(c, JobFilter::Today, Some(&number), today, 100))?;
    assert_eq!(found.first().map(|j| j.number.as_str()), Some(number.as_str()), "a search finds the job by number");
    assert!(JobFilter::parse("yesterday").is_err());
    Ok(())
}

#[test]
fn today_puts_the_visit_under_way_first_and_brings_back_a_promise_on_its_day() -> TestResult {
    use outpost_domain::job::MoveDetails;
    let f = demo_store(200)?;
    let today = NOW.to_offset(time::UtcOffset::from_hms(8, 0, 0)?).date();
    let all = f.store.read(|c| jobs::list(c, JobFilter::All, today, 1000))?;
    let todays = f.store.read(|c| jobs::list(c, JobFilter::Today, today, 1000))?;
    let rank = |s: JobStatus| {
        if s == JobStatus::OnSite {
            0
        } else if s == JobStatus::EnRoute {
            1
        } else {
            2
        }
    };
    assert!(todays.windows(2).all(|w| rank(w[0].status) <= rank(w[1].status)), "the visit under way comes first");

    // A visit left unresolved with a promise in three days comes back that day, not before.
    let later = all.iter().find(|j| j.status == JobStatus::OnSite).ok_or("a job on site")?.id;
    let details = MoveDetails {
        reason: Some("等配件".into()),
        promised_on: Some(today + time::Duration::days(3)),
        ..Default::default()
    };
    f.store.transition_job(later, JobStatus::Unresolved, details, NOW)?;
    let on =
        |day| f.store.read(|c| jobs::list(c, JobFilter::Today, day, 1000)).map(|l| l.iter().any(|j| j.id == later));
    assert!(!on(today + time::Duration::days(2))?, "not before the promised day");
    assert!(on(today + time::Duration::days(3))?, "on the promised day it is that day's work");
    Ok(())
}

#[test]
fn search_finds_chinese_substrings_serials_and_numbers() -> TestResult {
    let f = demo_store(300)?;
    let chinese =
        f.data.customers.iter().find(|c| c.name.chars().count() > 6 && !c.name.is_ascii()).expect("a Chinese customer");
    let middle: String = chinese.name.chars().skip(2).take(3).collect();
    let hits = f.store.read(|c| search::search(c, &middle, 50))?;
    assert!(
        hits.iter().any(|h| h.kind == HitKind::Customer && h.id == chinese.id.to_text()),
        "'{middle}' should find {}",
        chinese.name
    );

    let e = &f.data.equipment[0];
    let serial_start: String = e.serial.chars().take(6).collect();
    let hits = f.store.read(|c| search::search(c, &serial_start, 200))?;
    assert!(hits.iter().any(|h| h.id == e.id.to_text()), "serial prefix {serial_start}");

    let job = &f.data.jobs[17].job;
    let hits = f.store.read(|c| search::search(c, &job.number, 5))?;
    assert_eq!(hits.first().map(|h| h.id.clone()), Some(job.id.to_text()), "job number is the best hit");

    for nasty in ["\"", "AND OR NOT", "NEAR(a b)", "*", "col:val", "'; DROP TABLE jobs; --", "😀"] {
        f.store.read(|c| search::search(c, nasty, 10))?;
    }
    Ok(())
}

#[test]
fn english_words_match_by_prefix() -> TestResult {
    let f = demo_store(300)?;
    let english = f.data.customers.iter().find(|c| c.name.is_ascii()).expect("an English customer");
    let word: String = english.name.split_whitespace().next().unwrap_or("").chars().take(5).collect();
    let hits = f.store.read(|c| search::search(c, &word.to_lowercase(), 100))?;
    assert!(hits.iter().any(|h| h.id == english.id.to_text()), "'{word}' should find {}", english.name);
    Ok(())
}

#[test]
fn the_job_screen_has_customer_equipment_history_and_quote() -> TestResult {
    let f = demo_store(400)?;
    let repeat = f
        .data
        .jobs
        .iter()
        .find(|j| f.data.jobs.iter().filter(|o| o.job.equipment_id == j.job.equipment_id).count() > 2)
        .expect("equipment with several jobs");
    let detail = f.store.read(|c| outpost_store::detail::job_detail(c, repeat.job.id))?;
    assert_eq!(detail.customer.id, repeat.job.customer_id);
    assert!(!detail.customer.contacts.is_empty());
    assert!(detail.equipment.is_some());
    assert!(!detail.history.is_empty());
    assert!(detail.history.iter().all(|h| h.id != repeat.job.id));
    assert_eq!(detail.events.len(), repeat.events.len());
    Ok(())
}

#[test]
fn report_text_becomes_searchable_once_typing_pauses() -> TestResult {
    let f = demo_store(60)?;
    let job = f.job(outpost_domain::job::JobType::Repair, JobStatus::OnSite);
    f.store.set_report_field(job, outpost_domain::report::ReportField::FaultCause, "减速机齿轮断齿", NOW)?;
    let found = |store: &outpost_store::Store| -> Result<bool, Box<dyn std::error::Error>> {
        Ok(store
            .read(|c| search::search(c, "齿轮断齿", 10))?
            .iter()
            .any(|h| h.kind == HitKind::Report && h.id == job.to_text()))
    };
    let start = std::time::Instant::now();
    while !found(&f.store)? {
        assert!(start.elapsed() < std::time::Duration::from_secs(5), "never indexed");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    // A save followed at once by closing the store (a CLI command) is indexed on close.
    f.store.set_report_field(job, outpost_domain::report::ReportField::Solution, "更换输出轴承", NOW)?;
    let dir = f.dir;
    drop(f.store);
    let reopened = outpost_store::Store::open(dir.path())?;
    let hits = reopened.read(|c| search::search(c, "输出轴承", 10))?;
    assert!(hits.iter().any(|h| h.id == job.to_text()));
    Ok(())
}
