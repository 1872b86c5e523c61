//! Two writers of one thing: two laptops of one engineer editing one job (field-level merge:
//! nothing lost silently), and a laptop whose clock is far from HQ's (two clocks: HQ keeps its
//! own time, marks the laptop's suspect and the engineer is warned). Against a real HQ process.

use std::collections::BTreeMap;

use outpost_domain::ids::JobId;
use outpost_store::Store;
use outpost_tests::harness::{BoxError, FIELDS, Hq, Laptop, editable_jobs, env_or, seed};
use time::OffsetDateTime;

type TestResult = Result<(), BoxError>;

const HQ_BIN: &str = env!("CARGO_BIN_EXE_hq-under-test");

/// One edit a laptop made: the field as HQ's audit names it, and the value as text.
type Edit = (String, String);

fn edit(store: &Store, job: JobId, rng: &mut outpost_demo::Rng, n: usize) -> Result<Edit, BoxError> {
    let now = OffsetDateTime::now_utc();
    Ok(match rng.below(3) {
        0 => {
            let field = *rng.pick(&FIELDS);
            let value = format!("{}-{n}", field.as_str());
            store.set_report_field(job, field, &value, now)?;
            (field.as_str().to_owned(), value)
        }
        1 => {
            let dimension = *rng.pick(&outpost_domain::rating::Dimension::ALL);
            let rating = rng.range(1, 5);
            store.rate(job, dimension, rating, now)?;
            (format!("rating.{}", dimension.as_str()), rating.to_string())
        }
        _ => {
            let comment = format!("评价-{n}");
            store.set_rating_comment(job, &comment, now)?;
            ("survey_comment".to_owned(), comment)
        }
    })
}

/// The text of every field of the job's report as `store` holds it, keyed as HQ's audit names them.
fn report_text(report: &outpost_domain::report::ServiceReport) -> BTreeMap<String, String> {
    let mut out: BTreeMap<String, String> =
        FIELDS.iter().map(|f| (f.as_str().to_owned(), report.field_text(*f))).collect();
    for d in outpost_domain::rating::Dimension::ALL {
        out.insert(format!("rating.{}", d.as_str()), outpost_domain::report::merge::rating_text(report.rating(d)));
    }
    out.insert("survey_comment".into(), report.survey_comment());
    out
}

#[test]
fn two_laptops_of_one_engineer_editing_one_job_lose_no_edit_silently() -> TestResult {
    let seed = seed();
    let rounds = env_or("MERGE_ROUNDS", 60);
    let dir = tempfile::tempdir()?;
    let hq = Hq::start(HQ_BIN, dir.path())?;
    let codes = hq.seed(200)?;
    let again = hq.seed(200)?;
    let a = Laptop::enrolled(&hq, &codes[0].1)?;
    let second = &again.iter().find(|(name, _)| *name == codes[0].0).ok_or("same engineer")?.1;
    let b = Laptop::enrolled(&hq, second)?;
    let job = *editable_jobs(&a.store)?.first().ok_or("a job")?;
    // The case that lost a rating: overall on one laptop, timeliness on the other, both offline.
    a.store.rate(job, outpost_domain::rating::Dimension::Overall, 2, OffsetDateTime::now_utc())?;
    b.store.rate(job, outpost_domain::rating::Dimension::Timeliness, 5, OffsetDateTime::now_utc())?;
    let mut edits: Vec<Edit> = vec![("rating.overall".into(), "2".into()), ("rating.timeliness".into(), "5".into())];
    outpost_sync::sync_once(&b.store)?;
    outpost_sync::sync_once(&a.store)?;
    let both = a.store.read(|c| outpost_store::reports::get(c, job))?.ok_or("a report")?;
    assert_eq!(
        (report_text(&both)["rating.overall"].as_str(), report_text(&both)["rating.timeliness"].as_str()),
        ("2", "5"),
        "both ratings kept"
    );

    let mut rng = outpost_demo::Rng::new(seed);
    for n in 0..rounds as usize {
        let laptop = if rng.chance(50) { &a } else { &b };
        edits.push(edit(&laptop.store, job, &mut rng, n)?);
        if rng.chance(30) {
            outpost_sync::sync_once(&laptop.store)?;
        }
    }
    for laptop in [&a, &b, &a, &b] {
        outpost_sync::sync_once(&laptop.store)?;
    }

    let db = hq.db()?;
    let (applied, conflicts, body) = db.tx_blocking(move |tx| {
        let applied = tx.query(
            "SELECT field, new_value FROM audit_log WHERE job_id = $1 AND outcome = 'applied' ORDER BY id",
            &[job.to_text().into()],
        )?;
        let conflicts =
            tx.query("SELECT field, theirs, kept FROM report_conflicts WHERE job_id = $1", &[job.to_text().into()])?;
        let body = tx.query_opt("SELECT body FROM reports WHERE job_id = $1", &[job.to_text().into()])?;
        Ok((applied, conflicts, body))
    })?;
    let applied: Vec<Edit> = applied.iter().map(|r| Ok((r.text(0)?, r.text(1)?))).collect::<Result<_, BoxError>>()?;
    let conflicted: Vec<Edit> =
        conflicts.iter().map(|r| Ok((r.text(0)?, r.json::<String>(1)?))).collect::<Result<_, BoxError>>()?;
    // Every edit either was applied or is in the conflict log, once.
    let count = |list: &[Edit]| {
        let mut m: BTreeMap<Edit, usize> = BTreeMap::new();
        for e in list {
            *m.entry(e.clone()).or_default() += 1;
        }
        m
    };
    let mut arrived = count(&applied);
    for (e, n) in count(&conflicted) {
        *arrived.entry(e).or_default() += n;
    }
    assert_eq!(arrived, count(&edits), "seed {seed}: each edit applied or in the conflict log, once");
    // Every field holds the last value HQ applied, at HQ and on both laptops.
    let hq_report: outpost_domain::report::ServiceReport = body.ok_or("HQ's report")?.json(0)?;
    let hq_text = report_text(&hq_report);
    for (field, value) in &hq_text {
        let last = applied.iter().rev().find(|(f, _)| f == field).map(|(_, v)| v.clone()).unwrap_or_default();
        assert_eq!(value, &last, "seed {seed}: {field} holds the last value HQ applied");
    }
    for laptop in [&a, &b] {
        let local = laptop.store.read(|c| outpost_store::reports::get(c, job))?.ok_or("a report")?;
        assert_eq!(report_text(&local), hq_text, "seed {seed}: the laptops converge on HQ's report");
    }
    eprintln!(
        "{} edits on two laptops: {} applied, {} conflicts (seed {seed})",
        edits.len(),
        applied.len(),
        conflicted.len()
    );
    Ok(())
}

fn ahead() -> OffsetDateTime {
    OffsetDateTime::now_utc() + time::Duration::days(400)
}

fn behind() -> OffsetDateTime {
    OffsetDateTime::now_utc() - time::Duration::days(400)
}

#[test]
fn hq_keeps_its_own_time_beside_a_wrong_laptop_clock_and_the_engineer_is_warned() -> TestResult {
    use outpost_domain::job::{JobStatus, MoveDetails};
    let dir = tempfile::tempdir()?;
    let hq = Hq::start(HQ_BIN, dir.path())?;
    let codes = hq.seed(200)?;
    let dispatcher = hq.dispatcher()?;
    for (clock, side) in [(ahead as fn() -> OffsetDateTime, "ahead of"), (behind, "behind")] {
        let laptop = Laptop::enrolled(&hq, &codes[usize::from(side == "behind")].1)?;
        let job = *editable_jobs(&laptop.store)?.first().ok_or("a job")?;
        laptop.store.transition_job(job, JobStatus::EnRoute, MoveDetails::default(), clock())?;
        laptop.store.transition_job(job, JobStatus::OnSite, MoveDetails::default(), clock())?;
        let report = outpost_sync::sync_with_clock(&laptop.store, clock, &mut |_| {})?;
        let offset = report.clock_offset_secs.ok_or("HQ's time was read")?;
        assert!((offset.abs() - 400 * 86_400).abs() < 10, "{side}: {offset}");
        let warning = outpost_domain::clock::offset_warning(time::Duration::seconds(offset)).ok_or("a warning")?;
        assert!(warning.contains(&format!("400 d 0 h {side} HQ")), "{warning}");
        assert_eq!(laptop.store.read(outpost_store::device::clock_offset)?, Some(offset));

        let at_hq: serde_json::Value = reqwest::blocking::Client::new()
            .get(format!("{}/api/v1/jobs/{job}", hq.url))
            .bearer_auth(&dispatcher)
            .send()?
            .json()?;
        let events = at_hq["events"].as_array().ok_or("events")?;
        let moved: Vec<_> = events.iter().filter(|e| e["to"] == "en_route" || e["to"] == "on_site").collect();
        assert_eq!(moved.len(), 2, "{at_hq}");
        for e in moved {
            assert_eq!(e["clock_suspect"], true, "{side}: {e}");
            let received: OffsetDateTime = OffsetDateTime::parse(
                e["received_at"].as_str().ok_or("received_at")?,
                &time::format_description::well_known::Rfc3339,
            )?;
            assert!((received - OffsetDateTime::now_utc()).abs() < time::Duration::minutes(5), "HQ's own time: {e}");
        }
        assert_eq!(at_hq["job"]["times"]["clock_suspect"], true, "{side}: on-time figures leave it out");
    }
    Ok(())
}
