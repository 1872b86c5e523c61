//! What HQ sets reaches the laptop over a real HQ process: the van's count, the answer to a
//! parts request, a complaint about a job, a callback's follow-up repair, the service-level targets, the charging policy,
//! and the catalogue's bins and substitutes.

use outpost_domain::job::{JobStatus, MoveDetails};
use outpost_domain::report::ReportField;
use outpost_store::device;
use outpost_tests::harness::{BoxError, Hq, Laptop, assigned_repair};
use serde_json::{Value, json};
use time::OffsetDateTime;

type TestResult = Result<(), BoxError>;

const HQ_BIN: &str = env!("CARGO_BIN_EXE_hq-under-test");

fn now() -> OffsetDateTime {
    OffsetDateTime::now_utc()
}

/// HQ's count of the van reaches the laptop; every part line after it takes from it, once,
/// also after the line has been to HQ and back; stock that lay still is flagged.
#[test]
fn the_van_count_reaches_the_laptop_and_each_part_line_takes_from_it() -> TestResult {
    use outpost_domain::ids::PartLineId;
    use outpost_domain::part::FaultOrigin;
    use outpost_domain::van::Staleness;
    use outpost_store::parts;
    let dir = tempfile::tempdir()?;
    let hq = Hq::start(HQ_BIN, dir.path())?;
    let codes = hq.seed(40)?;
    let laptop = Laptop::enrolled(&hq, &codes[0].1)?;
    let carried = laptop.store.read(|c| parts::in_van(c, 100))?;
    assert_eq!(carried.len(), 12, "the demo van carries a dozen parts");
    let level = |code: &str| -> Result<parts::VanLevel, BoxError> {
        Ok(laptop.store.read(|c| parts::van_level(c, code, now()))?.ok_or("carried")?)
    };
    let still: Vec<Staleness> =
        carried.iter().map(|p| level(&p.code).map(|l| l.staleness)).collect::<Result<_, _>>()?;
    assert!(still.contains(&Staleness::Moving) && still.contains(&Staleness::StillForThreeMonths), "{still:?}");

    let engineer = laptop.store.read(device::engineer)?.ok_or("enrolled")?;
    let code = carried[0].code.clone();
    let answer = reqwest::blocking::Client::new()
        .put(format!("{}/api/v1/engineers/{}/van-stock", hq.url, engineer.id))
        .bearer_auth(hq.dispatcher()?)
        .json(&json!({"parts": [{"part_code": code, "counted": 6}]}))
        .send()?;
    assert_eq!(answer.status(), reqwest::StatusCode::OK);
    outpost_sync::sync_once(&laptop.store)?;
    assert_eq!(level(&code)?.on_hand, 6, "the recount arrived");

    let job = assigned_repair(&laptop.store)?;
    laptop.store.transition_job(job, JobStatus::EnRoute, MoveDetails::default(), now())?;
    laptop.store.transition_job(job, JobStatus::OnSite, MoveDetails::default(), now())?;
    let line = PartLineId(uuid::Uuid::now_v7());
    laptop.store.add_part_line(job, line, &code, 2, FaultOrigin::Quality, now())?;
    assert_eq!((level(&code)?.on_hand, level(&code)?.staleness), (4, Staleness::Moving));
    outpost_sync::sync_once(&laptop.store)?;
    assert_eq!(laptop.pending()?, 0);
    assert_eq!(level(&code)?.on_hand, 4, "the line back from HQ is not counted twice");
    Ok(())
}

/// A part the van lacks is asked of HQ with the job; the dispatcher sees it, promises a date
/// within the rules' 15 days (a later one is refused) and the laptop shows the answer.
#[test]
fn a_parts_request_reaches_the_dispatcher_and_the_answer_comes_back() -> TestResult {
    use outpost_domain::ids::PartsRequestId;
    use outpost_domain::part::FaultOrigin;
    use outpost_domain::parts_request::RequestState;
    let dir = tempfile::tempdir()?;
    let hq = Hq::start(HQ_BIN, dir.path())?;
    let codes = hq.seed(40)?;
    let laptop = Laptop::enrolled(&hq, &codes[0].1)?;
    let job = assigned_repair(&laptop.store)?;
    let code = laptop.store.read(|c| outpost_store::parts::find(c, "", 1))?.pop().ok_or("a part")?.code;
    let id = PartsRequestId(uuid::Uuid::now_v7());
    let requested_at = now();
    laptop.store.request_parts(job, id, &code, 2, FaultOrigin::Quality, "库存不足", requested_at)?;
    outpost_sync::sync_once(&laptop.store)?;
    assert_eq!(laptop.pending()?, 0, "HQ took the request");

    let http = reqwest::blocking::Client::new();
    let token = hq.dispatcher()?;
    let open: serde_json::Value =
        http.get(format!("{}/api/v1/parts-requests", hq.url)).bearer_auth(&token).send()?.json()?;
    let listed = open.as_array().and_then(|l| l.iter().find(|r| r["id"] == id.to_text())).ok_or("listed")?;
    assert_eq!((listed["part_code"].as_str(), listed["quantity"].as_u64()), (Some(code.as_str()), Some(2)));
    assert_eq!((listed["state"].as_str(), listed["overdue"].as_bool()), (Some("requested"), Some(false)));

    let promise = |day: time::Date| {
        http.post(format!("{}/api/v1/parts-requests/{id}/promise", hq.url))
            .bearer_auth(&token)
            .json(&json!({"deliver_by": day.to_string()}))
            .send()
    };
    let today = requested_at.date();
    let late = promise(today + time::Duration::days(16))?;
    assert_eq!(late.status(), reqwest::StatusCode::UNPROCESSABLE_ENTITY);
    assert!(late.text()?.contains("at most 15 days after the request"));
    assert_eq!(promise(today + time::Duration::days(5))?.status(), reqwest::StatusCode::OK);

    outpost_sync::sync_once(&laptop.store)?;
    let requests = laptop.store.read(|c| outpost_store::parts_requests::of_job(c, job))?;
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].state, RequestState::Promised { deliver_by: today + time::Duration::days(5) });
    Ok(())
}

/// A complaint HQ registers about a job shows on the engineer's laptop under that job, and
/// follows HQ's handling to its close.
#[test]
fn a_complaint_about_a_job_reaches_its_engineers_laptop_and_follows_its_close() -> TestResult {
    use outpost_domain::complaint::{Category, Stage};
    let dir = tempfile::tempdir()?;
    let hq = Hq::start(HQ_BIN, dir.path())?;
    let codes = hq.seed(40)?;
    let laptop = Laptop::enrolled(&hq, &codes[0].1)?;
    let job = assigned_repair(&laptop.store)?;
    let customer = laptop.store.read(|c| outpost_store::detail::job_detail(c, job))?.customer.id;
    let (http, token) = (reqwest::blocking::Client::new(), hq.dispatcher()?);
    let registered: Value = http
        .post(format!("{}/api/v1/complaints", hq.url))
        .bearer_auth(&token)
        .json(&json!({"channel": "phone", "customer_id": customer, "job_id": job, "category": "attitude",
            "text": "工程师没有解释故障原因"}))
        .send()?
        .error_for_status()?
        .json()?;
    outpost_sync::sync_once(&laptop.store)?;
    let said = laptop.store.read(|c| outpost_store::detail::job_detail(c, job))?.complaints;
    assert_eq!(said.len(), 1, "{said:?}");
    assert_eq!(
        (said[0].category, said[0].text.as_str(), said[0].stage()),
        (Category::Attitude, "工程师没有解释故障原因", Stage::Received)
    );

    let id = registered["id"].as_str().ok_or("id")?;
    for (step, body) in [
        ("handling", json!({"text": "已致歉，由主管回电说明"})),
        ("close", json!({"customer_answer": "满意", "accepted": true})),
    ] {
        let url = format!("{}/api/v1/complaints/{id}/{step}", hq.url);
        http.post(url).bearer_auth(&token).json(&body).send()?.error_for_status()?;
    }
    outpost_sync::sync_once(&laptop.store)?;
    let said = laptop.store.read(|c| outpost_store::detail::job_detail(c, job))?.complaints;
    assert_eq!(said[0].stage(), Stage::Closed);
    assert_eq!(said[0].closure.as_ref().map(|c| c.customer_answer.as_str()), Some("满意"));
    Ok(())
}

/// A visit the customer rates 1 for attitude enters HQ's callback queue by itself; the
/// customer is still not satisfied on the phone, so a repair job continuing the visit opens in
/// the queue; given to the engineer, repaired and signed on the laptop and closed at HQ, it
/// ends the callback.
#[test]
fn a_low_rating_is_called_back_and_an_unsatisfied_answer_is_followed_to_its_close() -> TestResult {
    let dir = tempfile::tempdir()?;
    let hq = Hq::start(HQ_BIN, dir.path())?;
    let codes = hq.seed(40)?;
    let laptop = Laptop::enrolled(&hq, &codes[0].1)?;
    let job = assigned_repair(&laptop.store)?;
    outpost_tests::harness::repair_rated(&laptop.store, job, outpost_demo::SIGNATURE_PNG, [4, 1, 4, 3])?;
    outpost_sync::sync_once(&laptop.store)?;
    assert_eq!(laptop.pending()?, 0);

    let (http, token) = (reqwest::blocking::Client::new(), hq.dispatcher()?);
    let get = |path: &str| -> Result<Value, BoxError> {
        Ok(http.get(format!("{}{path}", hq.url)).bearer_auth(&token).send()?.error_for_status()?.json()?)
    };
    let post = |path: &str, body: Value| -> Result<Value, BoxError> {
        Ok(http.post(format!("{}{path}", hq.url)).bearer_auth(&token).json(&body).send()?.error_for_status()?.json()?)
    };
    let queue = get("/api/v1/callbacks")?;
    let called = queue.as_array().and_then(|q| q.iter().find(|c| c["job_id"] == job.to_text())).ok_or("queued")?;
    assert_eq!(called["reason"], json!({"kind": "low_rating", "dimensions": ["attitude"]}));
    let id = called["id"].as_str().ok_or("id")?;

    let answered =
        post(&format!("/api/v1/callbacks/{id}/phoned"), json!({"satisfaction": 2, "notes": "师傅态度不好，异响还在"}))?;
    assert_eq!(
        (answered["stage"].as_str(), answered["follow_up"]["job_type"].as_str()),
        (Some("following"), Some("repair"))
    );
    let repair = answered["follow_up"]["id"].as_str().ok_or("repair")?.to_owned();
    let opened = get(&format!("/api/v1/jobs/{repair}"))?;
    assert_eq!(opened["job"]["previous_visit"], job.to_text(), "continues the visit");
    assert_eq!(opened["job"]["reported_fault"], "师傅态度不好，异响还在");
    assert!(opened["job"]["engineer_id"].is_null(), "in the queue for a dispatcher");

    let engineer = laptop.store.read(device::engineer)?.ok_or("enrolled")?;
    post(&format!("/api/v1/jobs/{repair}/assign"), json!({"engineer_id": engineer.id, "if_held_by": "queue"}))?;
    outpost_sync::sync_once(&laptop.store)?;
    let repair_id = repair.parse()?;
    outpost_tests::harness::repair(&laptop.store, repair_id, outpost_demo::SIGNATURE_PNG)?;
    outpost_sync::sync_once(&laptop.store)?;
    laptop.store.transition_job(repair_id, JobStatus::Departed, MoveDetails::default(), now())?;
    outpost_sync::sync_once(&laptop.store)?;
    assert_eq!(get("/api/v1/callbacks?state=done")?, json!([]), "open until the repair is closed");
    post(&format!("/api/v1/jobs/{repair}/close"), json!(null))?;
    let done = get("/api/v1/callbacks?state=done")?;
    assert_eq!(done.as_array().map(Vec::len), Some(1), "{done}");
    assert_eq!((done[0]["stage"].as_str(), done[0]["follow_up"]["status"].as_str()), (Some("done"), Some("closed")));
    Ok(())
}

/// HQ's service-level targets reach the laptop with the catalogue, and the job on site counts
/// down against them rather than the defaults.
#[test]
fn hqs_service_level_targets_reach_the_laptop_and_its_countdown() -> TestResult {
    let dir = tempfile::tempdir()?;
    let hq = Hq::start(HQ_BIN, dir.path())?;
    let codes = hq.seed(40)?;
    let laptop = Laptop::enrolled(&hq, &codes[0].1)?;
    let job = assigned_repair(&laptop.store)?;
    let detail = || laptop.store.read(|c| outpost_store::detail::job_detail(c, job));
    assert_eq!(detail()?.sla_policy, outpost_domain::sla::SlaPolicy::default(), "until HQ sets its own");
    let answer = reqwest::blocking::Client::new()
        .put(format!("{}/api/v1/sla-policy", hq.url))
        .bearer_auth(hq.dispatcher()?)
        .json(&json!({"reply_within_hours": 12, "fix_common_minutes": 45, "fix_major_minutes": 180, "factory_repair_working_days": 8}))
        .send()?;
    assert_eq!(answer.status(), reqwest::StatusCode::OK);
    outpost_sync::sync_once(&laptop.store)?;
    laptop.store.transition_job(job, JobStatus::EnRoute, MoveDetails::default(), now())?;
    laptop.store.transition_job(job, JobStatus::OnSite, MoveDetails::default(), now())?;
    let d = detail()?;
    assert_eq!(d.sla_policy.fix_common_minutes, 45);
    let arrived = d.job.times.arrived_at.ok_or("arrived")?;
    let expected = match d.job.severity {
        outpost_domain::job::Severity::Common => 45,
        outpost_domain::job::Severity::Major => 180,
    };
    assert_eq!(
        d.sla_policy.badge(&d.job, arrived + time::Duration::minutes(5)),
        outpost_domain::sla::SlaBadge::FixDueIn(expected - 5)
    );
    Ok(())
}

#[test]
fn hqs_charging_policy_reaches_the_laptop_and_prices_its_quotes() -> TestResult {
    let dir = tempfile::tempdir()?;
    let hq = Hq::start(HQ_BIN, dir.path())?;
    let codes = hq.seed(40)?;
    let laptop = Laptop::enrolled(&hq, &codes[0].1)?;
    let job = assigned_repair(&laptop.store)?;
    let rule = json!({"parts": "at_cost", "labour_per_hour": 8000, "service_fee": 5000});
    let answer = reqwest::blocking::Client::new()
        .put(format!("{}/api/v1/charging-policy", hq.url))
        .bearer_auth(hq.dispatcher()?)
        .json(&json!({"currency": "CNY", "in_warranty_quality": rule, "in_warranty_misuse": rule, "out_of_warranty": rule}))
        .send()?;
    assert_eq!(answer.status(), reqwest::StatusCode::OK);
    outpost_sync::sync_once(&laptop.store)?;
    assert_eq!(laptop.store.read(device::charging_policy)?.out_of_warranty.labour_per_hour, 8000);
    laptop.store.transition_job(job, JobStatus::EnRoute, MoveDetails::default(), now())?;
    laptop.store.transition_job(job, JobStatus::OnSite, MoveDetails::default(), now())?;
    laptop.store.set_report_field(job, ReportField::LabourMinutes, "90", now())?;
    let quote = laptop.store.read(|c| outpost_store::detail::job_detail(c, job))?.quote;
    assert_eq!(
        (quote.labour.minor, quote.service_fee.minor),
        (12_000, 5_000),
        "1.5 h at ¥80 and the call-out: {quote:?}"
    );
    Ok(())
}

#[test]
fn a_parts_bin_and_substitutes_set_at_hq_reach_the_laptops_catalogue() -> TestResult {
    let dir = tempfile::tempdir()?;
    let hq = Hq::start(HQ_BIN, dir.path())?;
    let codes = hq.seed(10)?;
    let laptop = Laptop::enrolled(&hq, &codes[0].1)?;
    let http = reqwest::blocking::Client::new();
    let dispatcher = hq.dispatcher()?;
    let post = |body: Value| http.post(format!("{}/api/v1/parts", hq.url)).bearer_auth(&dispatcher).json(&body).send();
    let part = |code: &str, extra: Value| {
        let mut body = json!({"code": code, "name": "风扇电机", "spec": "HL-37A", "unit_cost": 100, "unit_price": 120, "currency": "CNY"});
        if let (Some(o), Some(more)) = (body.as_object_mut(), extra.as_object()) {
            o.extend(more.clone());
        }
        body
    };
    assert_eq!(post(part("MOT-9001", json!({"bin": "A-03-2"})))?.status(), reqwest::StatusCode::CREATED);
    let with = post(part("MOT-9002", json!({"substitutes": ["MOT-9001", "MOT-9002", "MOT-9001"]})))?;
    assert_eq!(with.status(), reqwest::StatusCode::CREATED);
    outpost_sync::sync_once(&laptop.store)?;
    let kept = laptop.store.read(|c| outpost_store::parts::by_code(c, "MOT-9001"))?;
    assert_eq!(kept.bin.as_deref(), Some("A-03-2"));
    let other = laptop.store.read(|c| outpost_store::parts::by_code(c, "MOT-9002"))?;
    assert_eq!(other.substitutes, ["MOT-9001"], "each once, never the part itself");
    Ok(())
}
