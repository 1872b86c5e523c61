//! The engineer's actions over a real data folder with demo data.

use outpost_domain::DomainError;
use outpost_domain::customer::Language;
use outpost_domain::field::Field;
use outpost_domain::job::JobStatus;
use outpost_domain::report::ReportField;
use time::{OffsetDateTime, UtcOffset};

use crate::{Laptop, LaptopError};

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn demo_laptop(dir: &std::path::Path) -> Result<Laptop, Box<dyn std::error::Error>> {
    let laptop = Laptop::open(dir, UtcOffset::UTC)?;
    // The demo's day in the laptop's own offset: at 20:00 UTC it is already tomorrow in +08:00.
    let config = outpost_demo::DemoConfig {
        utc_offset: UtcOffset::UTC,
        ..outpost_demo::DemoConfig::new(7, 40, OffsetDateTime::now_utc())
    };
    let data = outpost_demo::generate(&config);
    outpost_store::demo::load(laptop.store(), &data)?;
    Ok(laptop)
}

fn job_in(laptop: &Laptop, status: JobStatus) -> Result<outpost_domain::ids::JobId, Box<dyn std::error::Error>> {
    let now = OffsetDateTime::now_utc();
    let rows = laptop.jobs("all", None, now, 1_000)?;
    Ok(rows.iter().find(|r| r.status == status).ok_or("a demo job in that status")?.id)
}

#[test]
fn a_job_is_found_by_its_number_or_its_id() -> TestResult {
    let dir = tempfile::tempdir()?;
    let laptop = demo_laptop(dir.path())?;
    let row = laptop.jobs("all", None, OffsetDateTime::now_utc(), 1)?.remove(0);
    assert_eq!(laptop.find_job(&row.number)?, row.id);
    assert_eq!(laptop.find_job(&format!(" {} ", row.id.to_text()))?, row.id);
    assert!(matches!(laptop.find_job("FS-nothing"), Err(LaptopError::Store(_))));
    Ok(())
}

#[test]
fn a_promised_date_is_checked_where_it_is_typed_and_blank_means_none() -> TestResult {
    let dir = tempfile::tempdir()?;
    let laptop = demo_laptop(dir.path())?;
    let id = job_in(&laptop, JobStatus::OnSite)?;
    let now = OffsetDateTime::now_utc();
    let err = laptop
        .transition(id, JobStatus::Unresolved, Some("配件未到".into()), Some("12/01/2026"), now)
        .err()
        .ok_or("a date in another format is refused")?;
    assert!(matches!(err.rule(), Some(DomainError::NotDate { field: Field::PromisedDate, .. })), "{err:?}");
    assert!(err.render(Language::ZhCn).contains("承诺"), "{}", err.render(Language::ZhCn));
    assert_eq!(laptop.job(id)?.job.status, JobStatus::OnSite, "nothing was written");
    let event = laptop.transition(id, JobStatus::Unresolved, Some("配件未到".into()), Some("2026-12-20"), now)?;
    assert_eq!(event.to, JobStatus::Unresolved);
    assert_eq!(laptop.job(id)?.job.unresolved.map(|u| u.promised_on.to_string()).as_deref(), Some("2026-12-20"));
    Ok(())
}

#[test]
fn damaged_strokes_refuse_the_signature_and_write_nothing() -> TestResult {
    let dir = tempfile::tempdir()?;
    let laptop = demo_laptop(dir.path())?;
    let id = job_in(&laptop, JobStatus::OnSite)?;
    let png = b"\x89PNG\r\n\x1a\nIHDR".to_vec();
    let err = laptop.sign(id, "王经理", &png, Some("{not json"), OffsetDateTime::now_utc()).err().ok_or("refused")?;
    assert!(matches!(err, LaptopError::SignatureDamaged));
    assert_eq!(err.render(Language::ZhCn), "签字从签字板传来时损坏了：请清除签字板后重新签字");
    assert!(laptop.job(id)?.report.signature.is_none());
    Ok(())
}

#[test]
fn a_receipt_is_saved_under_the_job_number_in_the_receipts_folder() -> TestResult {
    let dir = tempfile::tempdir()?;
    let laptop = demo_laptop(dir.path())?;
    let id = job_in(&laptop, JobStatus::OnSite)?;
    let number = laptop.job(id)?.job.number;
    let saved = laptop.save_receipt(id, "80mm", Some("en"), None)?;
    assert_eq!(saved.path, dir.path().join("receipts").join(format!("{number}-80mm.pdf")));
    assert!(saved.draft, "not signed yet: a draft");
    assert_eq!(std::fs::metadata(&saved.path)?.len(), saved.bytes);
    assert_eq!(laptop.saved_receipt(&saved.path.display().to_string()), Some(saved.path.clone()));
    assert_eq!(laptop.saved_receipt("/etc/passwd"), None, "only the receipts folder's files");
    let err = laptop.save_receipt(id, "A5", None, None).err().ok_or("an unknown layout")?;
    assert!(matches!(err, LaptopError::Receipt(_)), "{err:?}");
    Ok(())
}

#[test]
fn with_nothing_typed_the_parts_are_the_vans_only_and_a_bad_line_is_named() -> TestResult {
    let dir = tempfile::tempdir()?;
    let laptop = demo_laptop(dir.path())?;
    let now = OffsetDateTime::now_utc();
    assert!(laptop.find_parts("  ", now)?.is_empty(), "HQ has not counted this van: nothing typed, nothing listed");
    let found = laptop.find_parts("风扇", now)?;
    assert!(!found.is_empty() && found.iter().all(|p| p.van.is_none()), "typed: the catalogue's, none in the van");
    let id = job_in(&laptop, JobStatus::OnSite)?;
    let err = laptop.remove_part(id, "line-7", now).err().ok_or("not a line id")?;
    assert_eq!(err.to_string(), "'line-7' is not a part line; reopen the job");
    laptop.set_report_field(id, ReportField::FaultCause, "油封老化", now)?;
    assert!(!laptop.job(id)?.missing.contains(&ReportField::FaultCause));
    Ok(())
}

#[test]
fn a_part_the_van_lacks_comes_with_the_substitutes_the_van_holds() -> TestResult {
    use outpost_domain::ids::PartId;
    use outpost_domain::money::{Currency, Money};
    use outpost_domain::part::{Part, PartClass};
    use outpost_domain::van::VanStock;

    let dir = tempfile::tempdir()?;
    let laptop = demo_laptop(dir.path())?;
    let now = OffsetDateTime::now_utc();
    let price = Money::new(12_000, Currency::CNY)?;
    let part = |n: u128, code: &str| {
        Part::new(PartId(uuid::Uuid::from_u128(n)), code, "空气滤芯 Air filter", "", price, price)
    };
    let wanted = part(1, "XFLT-1")?.replaceable_by(&["XFLT-2".into(), "XFLT-3".into(), "XFLT-9".into()])?;
    let wanted = wanted.of_class(PartClass::Consumable);
    laptop.store().import(|i| {
        i.part(&wanted)?;
        i.part(&part(2, "XFLT-2")?)?;
        i.part(&part(3, "XFLT-3")?)?;
        i.van_stock(&VanStock::new("XFLT-1", 0, now)?)?;
        i.van_stock(&VanStock::new("XFLT-3", 4, now)?)
    })?;
    let found = laptop.find_parts("XFLT-1", now)?;
    let found = found.iter().find(|f| f.part.code == "XFLT-1").ok_or("the part is found")?;
    assert_eq!(found.part.class, PartClass::Consumable);
    let stand_ins: Vec<(&str, Option<i64>)> =
        found.stand_ins.iter().map(|s| (s.part.code.as_str(), s.van.map(|v| v.on_hand))).collect();
    assert_eq!(stand_ins, [("XFLT-3", Some(4))], "XFLT-2 is not in the van, XFLT-9 not in the catalogue");
    let held = laptop.find_parts("XFLT-3", now)?;
    assert!(held.iter().all(|f| f.stand_ins.is_empty()), "a part the van holds needs no stand-in");
    Ok(())
}

#[test]
fn next_is_the_visit_under_way_before_the_jobs_still_to_start() -> TestResult {
    let dir = tempfile::tempdir()?;
    let laptop = demo_laptop(dir.path())?;
    let now = OffsetDateTime::now_utc();
    let today = laptop.jobs("today", None, now, 1_000)?;
    let waiting = today.iter().rev().find(|j| j.status == JobStatus::Assigned).ok_or("a job still to start today")?;
    laptop.transition(waiting.id, JobStatus::EnRoute, None, None, now)?;
    laptop.transition(waiting.id, JobStatus::OnSite, None, None, now)?;
    let next = laptop.find_job(" next ")?;
    let picked = laptop.jobs("today", None, now, 1_000)?.into_iter().find(|j| j.id == next).ok_or("one of today's")?;
    assert_eq!(picked.status, JobStatus::OnSite, "the visit under way comes before those still to start");
    let empty = tempfile::tempdir()?;
    let nothing = Laptop::open(empty.path(), UtcOffset::UTC)?.find_job("next").err().ok_or("nothing today")?;
    assert!(matches!(nothing, LaptopError::NothingNext));
    assert!(nothing.render(Language::ZhCn).starts_with("今天没有进行中或待办的工单"));
    Ok(())
}

#[test]
fn a_refused_change_once_read_is_set_aside_and_no_longer_counted() -> TestResult {
    use outpost_store::outbox::{self, Rejection};
    let dir = tempfile::tempdir()?;
    let laptop = demo_laptop(dir.path())?;
    let now = OffsetDateTime::now_utc();
    let id = job_in(&laptop, JobStatus::OnSite)?;
    laptop.set_report_field(id, ReportField::FaultCause, "油封老化", now)?;
    let queued = laptop.store().read(|c| outbox::pending(c, 10))?;
    let number = queued.first().ok_or("a queued change")?.number;
    let refusal = Rejection { number, reason: "the job was reassigned".into(), refusal: None };
    laptop.store().write(|tx| outbox::acknowledge(tx, number, &[refusal]))?;
    assert_eq!(laptop.status(now)?.rejected_changes, 1);
    assert!(matches!(laptop.dismiss_refused(number + 1, now), Err(LaptopError::NotRefused(_))));
    laptop.dismiss_refused(number, now)?;
    assert!(laptop.refused(10)?.is_empty(), "no longer listed");
    assert_eq!(laptop.status(now)?.rejected_changes, 0, "nor counted");
    assert!(laptop.dismiss_refused(number, now).is_err(), "once");
    Ok(())
}
