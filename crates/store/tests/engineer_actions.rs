mod common;

use common::{NOW, TestResult, demo_store};
use outpost_domain::DomainError;
use outpost_domain::ids::PartLineId;
use outpost_domain::job::{JobStatus, JobType, MoveDetails};
use outpost_domain::part::FaultOrigin;
use outpost_domain::rating::Dimension;
use outpost_domain::report::ReportField;
use outpost_domain::signature::{sha256_hex, verify};
use outpost_domain::warranty::AcceptanceMethod;
use outpost_store::outbox::{self, Change};
use outpost_store::{StoreError, detail, jobs, parts, reports};
use time::Duration;
use uuid::Uuid;

fn line_id(n: u128) -> PartLineId {
    PartLineId(Uuid::from_u128(n))
}

#[test]
fn every_change_writes_its_outbox_row_in_the_same_transaction() -> TestResult {
    let f = demo_store(60)?;
    let job = f.job(JobType::Repair, JobStatus::OnSite);
    let before = f.outbox_len()?;
    let id = f.store.set_report_field(job, ReportField::FaultCause, "冷却风扇电机烧毁", NOW)?;
    assert_eq!(f.outbox_len()?, before + 1);
    let pending = f.store.read(|c| outbox::pending(c, 100))?;
    let last = pending.last().expect("a pending change");
    assert_eq!(last.mutation_id, id);
    assert_eq!(
        last.change,
        Change::ReportFieldSet {
            job_id: job,
            revision: 1,
            field: ReportField::FaultCause,
            value: "冷却风扇电机烧毁".into(),
            replaced: Some(String::new())
        }
    );
    let report = f.store.read(|c| reports::get(c, job))?.expect("saved");
    assert_eq!(report.fault_cause.as_deref(), Some("冷却风扇电机烧毁"));
    Ok(())
}

#[test]
fn a_refused_change_writes_nothing() -> TestResult {
    let f = demo_store(60)?;
    let job = f.job(JobType::Repair, JobStatus::OnSite);
    let before = f.outbox_len()?;
    let err = f.store.set_report_field(job, ReportField::LabourMinutes, "-5", NOW).unwrap_err();
    assert_eq!(err.to_string(), "Labour (minutes): is -5; minutes cannot be negative");
    assert!(f.store.rate(job, Dimension::Overall, 6, NOW).is_err());
    let err = f.store.add_part_line(job, line_id(1), "NOPE-1", 1, FaultOrigin::Quality, NOW).unwrap_err();
    assert!(matches!(err, StoreError::NotFound { what: "part", .. }), "{err}");
    let code = f.data.parts[0].code.clone();
    assert!(f.store.add_part_line(job, line_id(2), &code, -1, FaultOrigin::Quality, NOW).is_err());
    let cancelled = f.job(JobType::Repair, JobStatus::Cancelled);
    let err = f.store.set_report_field(cancelled, ReportField::Solution, "x", NOW).unwrap_err();
    assert!(err.to_string().ends_with(" is cancelled: its report can no longer change"), "{err}");
    assert_eq!(f.outbox_len()?, before);
    assert!(f.store.read(|c| parts::lines(c, job))?.iter().all(|l| l.id != line_id(2)));
    Ok(())
}

#[test]
fn transitions_record_events_and_refuse_illegal_moves() -> TestResult {
    let f = demo_store(60)?;
    let job = f.job(JobType::Inspection, JobStatus::Assigned);
    let event = f.store.transition_job(job, JobStatus::EnRoute, MoveDetails::default(), NOW)?;
    assert_eq!((event.from, event.to), (JobStatus::Assigned, JobStatus::EnRoute));
    f.store.transition_job(job, JobStatus::OnSite, MoveDetails::default(), NOW + Duration::hours(1))?;
    let stored = f.store.read(|c| jobs::get(c, job))?;
    assert_eq!(stored.status, JobStatus::OnSite);
    assert_eq!(stored.times.arrived_at, Some(NOW + Duration::hours(1)));
    let err = f.store.transition_job(job, JobStatus::Closed, MoveDetails::default(), NOW).unwrap_err();
    assert!(matches!(err, StoreError::Domain(DomainError::IllegalTransition { .. })));
    let events = f.store.read(|c| jobs::events(c, job))?;
    assert_eq!(events.last().map(|e| e.to), Some(JobStatus::OnSite));
    Ok(())
}

/// A repair from arrival to signature: report, an in-warranty and a charged part, the quote
/// accepted, ratings, signature; the signed report read back from SQLite still verifies.
#[test]
fn a_whole_repair_through_the_store() -> TestResult {
    let f = demo_store(60)?;
    let job = f.job(JobType::Repair, JobStatus::OnSite);
    for (field, value) in outpost_demo::REPAIR_REPORT {
        f.store.set_report_field(job, field, value, NOW)?;
    }
    let code = f.data.parts[3].code.clone();
    f.store.add_part_line(job, line_id(10), &code, 1, FaultOrigin::Quality, NOW)?;
    f.store.add_part_line(job, line_id(11), &code, 2, FaultOrigin::Misuse, NOW)?;
    let quote = f.store.read(|c| detail::job_detail(c, job))?.quote;
    let charged = !quote.total.is_zero();
    if charged {
        let err = f.store.transition_job(job, JobStatus::Completed, MoveDetails::default(), NOW).unwrap_err();
        assert!(matches!(err, StoreError::Domain(DomainError::QuoteNotAccepted { .. })), "{err}");
        f.store.accept_quote(job, "李经理", AcceptanceMethod::Confirmation, NOW)?;
    }
    f.store.transition_job(job, JobStatus::Completed, MoveDetails::default(), NOW)?;
    let png = b"\x89PNG\r\n\x1a\nsignature strokes".to_vec();
    let err = f.store.sign_report(job, "李经理", &png, NOW).unwrap_err();
    assert_eq!(err.to_string(), "The report cannot be signed yet: fill in satisfaction ratings first");
    for d in Dimension::ALL {
        f.store.rate(job, d, 5, NOW)?;
    }
    assert!(f.store.sign_report(job, "李经理", b"not a png", NOW).is_err());
    let strokes = br#"[{"points":[{"x":1,"y":2,"time":0}]}]"#;
    let signature = f.store.sign_report_with_strokes(job, "李经理", &png, Some(strokes), NOW + Duration::minutes(5))?;
    assert_eq!(signature.image_sha256, sha256_hex(&png));
    assert_eq!(outpost_store::blobs::read(f.store.path(), &signature.image_sha256)?, png);
    assert_eq!(signature.strokes_sha256.as_deref(), Some(sha256_hex(strokes).as_str()));
    assert_eq!(f.store.read(outpost_store::blobs::queued_count)?, 2, "the image and the strokes go to HQ");
    let detail = f.store.read(|c| detail::job_detail(c, job))?;
    assert_eq!(detail.job.status, JobStatus::Signed);
    assert!(verify(&detail.job, &detail.report, &detail.parts)?, "the hash survives SQLite");
    assert_eq!(detail.report.signature.as_ref().map(|s| s.short_hash()), Some(signature.short_hash()));
    let err = f.store.set_report_field(job, ReportField::Solution, "changed", NOW).unwrap_err();
    assert!(matches!(err, StoreError::Domain(DomainError::ReportFrozen)));
    assert!(f.store.remove_part_line(job, line_id(10), NOW).is_err());
    let kinds: Vec<&str> = f.store.read(|c| outbox::pending(c, 100))?.iter().map(|m| m.change.kind()).collect();
    assert_eq!(kinds.last(), Some(&"report_signed"));
    assert!(kinds.contains(&"part_line_added") && kinds.contains(&"rating_set"));
    Ok(())
}

#[test]
fn another_engineers_job_cannot_be_touched() -> TestResult {
    let f = demo_store(60)?;
    let job = f.job(JobType::Repair, JobStatus::OnSite);
    f.store.write(|tx| {
        tx.execute("UPDATE jobs SET engineer_id = ?1 WHERE id = ?2", [Uuid::from_u128(9).to_string(), job.to_text()])?;
        Ok(())
    })?;
    let err = f.store.set_report_field(job, ReportField::Solution, "x", NOW).unwrap_err();
    assert!(err.to_string().contains("assigned to another engineer"));
    Ok(())
}

#[test]
fn acknowledged_changes_leave_and_rejected_ones_stay_with_their_reason() -> TestResult {
    let f = demo_store(60)?;
    let job = f.job(JobType::Repair, JobStatus::OnSite);
    let a = f.store.set_report_field(job, ReportField::Solution, "a", NOW)?;
    let b = f.store.set_report_field(job, ReportField::Solution, "b", NOW)?;
    let c = f.store.set_report_field(job, ReportField::Solution, "c", NOW)?;
    assert_eq!((b, c), (a + 1, a + 2), "mutation ids rise by one");
    f.store.write(|tx| {
        outbox::acknowledge(
            tx,
            b,
            &[outbox::Rejection { number: b, reason: "job was reassigned".into(), refusal: None }],
        )
    })?;
    let pending = f.store.read(|c| outbox::pending(c, 10))?;
    assert_eq!(pending.iter().map(|m| m.mutation_id).collect::<Vec<_>>(), vec![c]);
    let rejected = f.store.read(|c| outbox::rejected(c, 10))?;
    assert_eq!(rejected[0].rejected.as_deref(), Some("job was reassigned"));
    assert_eq!(f.store.read(outbox::pending_count)?, 1);
    let d = f.store.set_report_field(job, ReportField::Solution, "d", NOW)?;
    assert_eq!(d, c + 1, "ids are never reused after acknowledgement");
    Ok(())
}

#[test]
fn reads_do_not_wait_behind_a_long_write() -> TestResult {
    let f = demo_store(60)?;
    let store = &f.store;
    std::thread::scope(|s| -> TestResult {
        let (started_tx, started) = std::sync::mpsc::channel();
        let writer = s.spawn(move || {
            store.write(|tx| {
                tx.execute("INSERT INTO device (key, value) VALUES ('long', 'write')", [])?;
                let _ = started_tx.send(());
                std::thread::sleep(std::time::Duration::from_millis(600));
                Ok(())
            })
        });
        started.recv()?;
        let t = std::time::Instant::now();
        let n: i64 = store.read(|c| Ok(c.query_row("SELECT count(*) FROM jobs", [], |r| r.get(0))?))?;
        assert_eq!(n, 60);
        assert!(t.elapsed() < std::time::Duration::from_millis(300), "read waited {:?}", t.elapsed());
        writer.join().map_err(|_| "writer panicked")??;
        Ok(())
    })?;
    Ok(())
}

#[test]
fn contacts_edited_on_site_carry_the_version_they_were_made_on() -> TestResult {
    let f = demo_store(60)?;
    let job = f.job(JobType::Repair, JobStatus::OnSite);
    let customer = f.store.read(|c| jobs::get(c, job))?.customer_id;
    let before = f.store.read(|c| outpost_store::customers::get(c, customer))?.contacts[0].clone();
    let edited = f.store.edit_contact(job, Some(before.id), &before.name, "139 0013 9000", "维修班长", NOW)?;
    assert_eq!(edited.version, before.version + 1);
    let added = f.store.edit_contact(job, None, "赵工", "13600136000", "", NOW)?;
    assert_eq!(added.version, 1);
    let stored = f.store.read(|c| outpost_store::customers::get(c, customer))?;
    assert_eq!(stored.contacts.iter().find(|c| c.id == before.id).map(|c| c.phone.as_str()), Some("139 0013 9000"));
    let changes: Vec<Change> = f.store.read(|c| outbox::pending(c, 10))?.into_iter().map(|m| m.change).collect();
    assert!(matches!(&changes[0], Change::ContactEdited { base_version, .. } if *base_version == before.version));
    assert!(matches!(&changes[1], Change::ContactEdited { base_version: 0, .. }));
    assert!(f.store.edit_contact(job, None, "赵工", "not a phone", "", NOW).is_err());
    Ok(())
}

#[test]
fn signing_out_waits_for_hq_then_leaves_an_empty_laptop() -> TestResult {
    let f = demo_store(40)?;
    let job = f.job(JobType::Repair, JobStatus::OnSite);
    let last = f.store.set_report_field(job, ReportField::Solution, "更换密封圈", NOW)?;
    let refused = f.store.sign_out().err().map(|e| e.to_string()).unwrap_or_default();
    assert!(refused.contains("1 changes and 0 files have not reached HQ yet; sync first"), "{refused}");
    assert!(f.store.read(|c| jobs::get(c, job)).is_ok(), "nothing was removed");

    f.store.write(|tx| outbox::acknowledge(tx, last, &[]))?;
    f.store.sign_out()?;
    assert!(f.store.read(outpost_store::device::engineer)?.is_none());
    assert!(f.store.read(|c| jobs::get(c, job)).is_err());
    assert!(f.store.read(|c| outpost_store::search::search(c, "更换", 10))?.is_empty(), "the index is empty too");
    let left: Vec<(String, i64)> = f.store.read(|c| {
        let names: Vec<String> = c
            .prepare("SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%'")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let count = |n: &String| c.query_row(&format!("SELECT count(*) FROM \"{n}\""), [], |r| r.get(0));
        Ok(names.iter().map(|n| Ok((n.clone(), count(n)?))).collect::<rusqlite::Result<Vec<_>>>()?)
    })?;
    let (history, data): (Vec<_>, Vec<_>) = left.into_iter().partition(|(name, _)| name == "schema_history");
    assert!(data.len() > 15 && data.iter().all(|(_, n)| *n == 0), "every table is empty: {data:?}");
    assert!(history.len() == 1 && history[0].1 > 0, "what the migrations did stays, so the folder opens again");
    Ok(())
}

#[test]
fn the_trainee_signs_for_the_training_with_a_kept_image() -> TestResult {
    let f = demo_store(80)?;
    let job = f.job(JobType::Installation, JobStatus::OnSite);
    let before = f.store.read(|c| detail::job_detail(c, job))?;
    assert!(before.missing.contains(&ReportField::TraineeSignature), "an installation needs the trainee's signature");
    let png = outpost_demo::SIGNATURE_PNG;
    f.store.sign_training(job, png, NOW)?;
    let after = f.store.read(|c| detail::job_detail(c, job))?;
    assert!(!after.missing.contains(&ReportField::TraineeSignature));
    assert_eq!(after.report.trainee_signature.as_deref(), Some(sha256_hex(png).as_str()));
    assert_eq!(outpost_store::blobs::read(f.store.path(), &sha256_hex(png))?, png, "the image is kept");
    assert!(f.store.read(outpost_store::blobs::queued_count)? >= 1, "and queued for HQ");
    assert!(f.store.sign_training(job, b"GIF89a", NOW).is_err(), "only a PNG");
    Ok(())
}

#[test]
fn each_part_line_after_the_van_count_takes_from_the_van() -> TestResult {
    use outpost_domain::van::{Staleness, VanStock};
    let f = demo_store(60)?;
    let job = f.job(JobType::Repair, JobStatus::OnSite);
    let (carried, other) = (f.data.parts[0].code.clone(), f.data.parts[1].code.clone());
    let counted_at = NOW - Duration::days(40);
    f.store.add_part_line(job, line_id(10), &carried, 4, FaultOrigin::Quality, counted_at - Duration::days(1))?;
    f.store.write(|tx| parts::set_van_stock(tx, &VanStock::new(&carried, 5, counted_at)?))?;

    let level = |now| f.store.read(|c| parts::van_level(c, &carried, now));
    let before = level(NOW)?.expect("the van carries it");
    assert_eq!(before.on_hand, 5, "a line from before the count is already off the count");
    assert_eq!(before.staleness, Staleness::StillForAMonth, "not moved for 40 days");

    f.store.add_part_line(job, line_id(11), &carried, 2, FaultOrigin::Quality, NOW)?;
    let after = level(NOW)?.expect("still carried");
    assert_eq!((after.on_hand, after.staleness), (3, Staleness::Moving));
    f.store.add_part_line(job, line_id(12), &carried, 5, FaultOrigin::Quality, NOW)?;
    assert_eq!(level(NOW)?.map(|l| l.on_hand), Some(-2), "more used than counted shows short");
    f.store.remove_part_line(job, line_id(12), NOW)?;
    assert_eq!(level(NOW)?.map(|l| l.on_hand), Some(3), "a removed line gives its parts back");

    assert_eq!(f.store.read(|c| parts::van_level(c, &other, NOW))?, None);
    let in_van: Vec<String> = f.store.read(|c| parts::in_van(c, 50))?.into_iter().map(|p| p.code).collect();
    assert_eq!(in_van, [carried]);
    Ok(())
}

#[test]
fn a_parts_request_goes_to_the_outbox_with_the_job_and_a_bad_one_leaves_nothing() -> TestResult {
    use outpost_domain::ids::PartsRequestId;
    use outpost_domain::parts_request::RequestState;
    let f = demo_store(60)?;
    let job = f.job(JobType::Repair, JobStatus::OnSite);
    let code = f.data.parts[0].code.clone();
    let before = f.outbox_len()?;
    let id = PartsRequestId(Uuid::from_u128(7));
    let request = f.store.request_parts(job, id, &code, 3, FaultOrigin::Misuse, "客户要求加急", NOW)?;
    assert_eq!((request.quantity, request.state.clone()), (3, RequestState::Requested));
    let unit_cost = f.data.parts[0].unit_cost;
    let price = request.price.ok_or("a request is priced when it is made")?;
    assert_eq!(price.total, unit_cost.times(3)?, "misuse is a charged 补件, at cost, in warranty or out");
    let pending = f.store.read(|c| outbox::pending(c, 1000))?;
    assert_eq!(pending.last().map(|m| &m.change), Some(&Change::PartsRequested { request: request.clone() }));
    assert_eq!(f.store.read(|c| detail::job_detail(c, job))?.parts_requests, [request]);

    let err =
        f.store.request_parts(job, PartsRequestId(Uuid::from_u128(8)), "NOPE-1", 1, FaultOrigin::Quality, "", NOW);
    assert!(matches!(err, Err(StoreError::NotFound { what: "part", .. })));
    let err = f.store.request_parts(job, PartsRequestId(Uuid::from_u128(9)), &code, 0, FaultOrigin::Quality, "", NOW);
    assert!(err.is_err());
    let cancelled = f.job(JobType::Repair, JobStatus::Cancelled);
    let err =
        f.store.request_parts(cancelled, PartsRequestId(Uuid::from_u128(10)), &code, 1, FaultOrigin::Quality, "", NOW);
    assert!(err.is_err());
    assert_eq!(f.outbox_len()?, before + 1);
    assert_eq!(f.store.read(|c| outpost_store::parts_requests::of_job(c, job))?.len(), 1);
    Ok(())
}
