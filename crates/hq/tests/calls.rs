//! Taking a call (报修受理): the caller found as the dispatcher types (name, phone, serial), their
//! archive to pick a site and equipment from, and the register of calls, each call a job made in
//! the same transaction or an answer given there and then.

mod common;

use axum::http::{Method, StatusCode};
use common::{TestResult, backends};
use serde_json::{Value, json};

fn matched(found: &Value) -> Vec<(String, String)> {
    found.as_array().map_or(Vec::new(), |a| {
        a.iter()
            .map(|m| {
                (
                    m["customer"].as_str().unwrap_or_default().to_owned(),
                    m["matched"].as_str().unwrap_or_default().to_owned(),
                )
            })
            .collect()
    })
}

#[tokio::test]
async fn a_caller_is_found_by_name_phone_or_serial_and_their_call_becomes_a_job() -> TestResult {
    for hq in backends().await? {
        let token = hq.dispatcher().await?;
        let t = Some(token.as_str());
        let customer = json!({"name": "济南恒丰机械", "contacts": [{"name": "李经理", "phone": "0531-8888 6666"}]});
        let (_, hengfeng) = hq.call(Method::POST, "/api/v1/customers", t, Some(customer)).await?;
        let (_, other) = hq.call(Method::POST, "/api/v1/customers", t, Some(json!({"name": "青岛港务 100%"}))).await?;
        let site = json!({"customer_id": hengfeng["id"], "name": "一厂", "address": "工业路1号"});
        let (_, site) = hq.call(Method::POST, "/api/v1/sites", t, Some(site)).await?;
        let forklift = json!({"site_id": site["id"], "brand": "宏力", "model": "CPD30", "serial": "HL-2024-0117",
                              "accepted_on": "2026-03-01"});
        let (s, forklift) = hq.call(Method::POST, "/api/v1/equipment", t, Some(forklift)).await?;
        assert_eq!(s, StatusCode::CREATED, "{forklift}");

        let find = |q: &str| format!("/api/v1/callers?q={}", urlencoding(q));
        let (s, found) = hq.call(Method::GET, &find("恒丰"), t, None).await?;
        assert_eq!(s, StatusCode::OK, "{found}");
        assert_eq!(matched(&found), [("济南恒丰机械".into(), "name".into())]);
        let (_, found) = hq.call(Method::GET, &find("8888 6666"), t, None).await?;
        assert_eq!(matched(&found), [("济南恒丰机械".into(), "phone".into())], "the phone's digits, however written");
        assert_eq!(found[0]["text"], "李经理 0531-8888 6666");
        // A customer saved before phones were kept is found once HQ has started again.
        hq.db.tx(|tx| tx.execute("UPDATE customers SET phones = NULL", &[])).await?;
        let (_, found) = hq.call(Method::GET, &find("88886666"), t, None).await?;
        assert_eq!(matched(&found), Vec::<(String, String)>::new(), "not kept yet");
        hq.db.tx(outpost_hq::records::fill_search_columns).await?;
        let (_, found) = hq.call(Method::GET, &find("88886666"), t, None).await?;
        assert_eq!(matched(&found), [("济南恒丰机械".into(), "phone".into())]);
        let (_, found) = hq.call(Method::GET, &find("hl-2024"), t, None).await?;
        assert_eq!(matched(&found), [("济南恒丰机械".into(), "serial".into())], "{found}");
        assert_eq!((&found[0]["site_id"], &found[0]["equipment_id"]), (&site["id"], &forklift["id"]));
        assert_eq!(found[0]["text"], "HL-2024-0117 · 宏力 CPD30 · 一厂");
        let (_, found) = hq.call(Method::GET, &find("100%"), t, None).await?;
        assert_eq!(matched(&found), [("青岛港务 100%".into(), "name".into())], "a typed % is a percent sign");
        let (_, found) = hq.call(Method::GET, &find("_"), t, None).await?;
        assert_eq!(matched(&found), Vec::<(String, String)>::new(), "a typed _ matches only an underscore");
        let (s, refused) = hq.call(Method::GET, &find("  "), t, None).await?;
        assert_eq!((s, refused["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("q")));

        let archive = format!("/api/v1/customers/{}/archive?on=2026-11-23", hengfeng["id"].as_str().ok_or("id")?);
        let (s, before) = hq.call(Method::GET, &archive, t, None).await?;
        assert_eq!(s, StatusCode::OK, "{before}");
        assert_eq!(before["sites"][0]["name"], "一厂");
        assert_eq!(before["equipment"][0]["serial"], "HL-2024-0117");
        assert_eq!(before["equipment"][0]["in_warranty"], true, "a year from acceptance");
        assert_eq!(before["jobs"], json!([]));

        let call = json!({"received_at": "2026-11-23T01:10:00Z", "caller": "李经理", "phone": "0531-8888 6666",
            "customer_id": hengfeng["id"], "subject": "叉车不能起升",
            "job": {"job_type": "repair", "site_id": site["id"], "equipment_id": forklift["id"],
                    "reported_fault": "叉车不能起升", "scheduled_on": "2026-11-23", "severity": "major"}});
        let (s, taken) = hq.call(Method::POST, "/api/v1/calls", t, Some(call)).await?;
        assert_eq!(s, StatusCode::CREATED, "{taken}");
        assert_eq!((taken["customer"].as_str(), taken["taken_by"].as_str()), (Some("济南恒丰机械"), Some("admin")));
        let number = taken["job_number"].as_str().ok_or("the call's job has a number")?;
        let (_, job) =
            hq.call(Method::GET, &format!("/api/v1/jobs/{}", taken["job_id"].as_str().ok_or("job")?), t, None).await?;
        assert_eq!(job["job"]["reported_at"], "2026-11-23T01:10:00Z", "reported when the customer called: {job}");
        let (_, board) = hq.call(Method::GET, "/api/v1/board?from=2026-11-23", t, None).await?;
        let queued = &board["unassigned"][0];
        assert_eq!(
            (queued["number"].as_str(), queued["reply_due_at"].as_str()),
            (Some(number), Some("2026-11-24T01:10:00Z"))
        );
        let (_, after) = hq.call(Method::GET, &archive, t, None).await?;
        assert_eq!(after["jobs"][0]["number"], number, "the archive lists the customer's jobs");
        assert_eq!(after["jobs"][0]["equipment_id"], forklift["id"]);

        let answered = json!({"received_at": "2026-11-23T01:30:00Z", "channel": "phone", "caller": "王先生",
            "subject": "问保养周期", "answer": "每 500 小时保养一次"});
        let (s, answered) = hq.call(Method::POST, "/api/v1/calls", t, Some(answered)).await?;
        assert_eq!(s, StatusCode::CREATED, "a caller HQ does not know, answered at once: {answered}");
        assert_eq!((answered["customer"].clone(), answered["job_id"].clone()), (Value::Null, Value::Null));

        for (body, field) in [
            (json!({"caller": "王先生", "subject": "问保养周期"}), "answer"),
            (json!({"caller": "", "subject": "问保养周期", "answer": "每 500 小时"}), "caller"),
            (json!({"caller": "王先生", "phone": "不知道", "subject": "问", "answer": "答"}), "caller phone"),
            (
                json!({"caller": "王先生", "subject": "问", "answer": "答", "received_at": "2026-11-24T02:00:00Z"}),
                "received_at",
            ),
            (
                json!({"caller": "王", "subject": "坏了", "answer": "答", "job": {"job_type": "repair", "site_id": site["id"],
                       "reported_fault": "坏了", "scheduled_on": "2026-11-23"}}),
                "answer",
            ),
            (
                json!({"caller": "王", "subject": "坏了", "customer_id": other["id"], "job": {"job_type": "repair",
                       "site_id": site["id"], "reported_fault": "坏了", "scheduled_on": "2026-11-23"}}),
                "site_id",
            ),
            (
                json!({"caller": "王", "subject": "坏了", "job": {"job_type": "repair", "site_id": site["id"],
                       "reported_fault": "", "scheduled_on": "2026-11-23"}}),
                "reported_fault",
            ),
        ] {
            let (s, refused) = hq.call(Method::POST, "/api/v1/calls", t, Some(body.clone())).await?;
            assert_eq!(
                (s, refused["field"].as_str()),
                (StatusCode::UNPROCESSABLE_ENTITY, Some(field)),
                "{body} → {refused}"
            );
        }
        let chinese = [("accept-language", "zh-CN,zh;q=0.9,en;q=0.8")];
        let empty = json!({"caller": " ", "subject": "问保养周期", "answer": "每 500 小时"});
        let (s, refused) = hq.call_with(Method::POST, "/api/v1/calls", t, &chinese, Some(empty)).await?;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(refused, json!({"code": "invalid", "field": "caller", "message": "来电人：未填写，请填写"}));
        let (_, jobs) = hq.call(Method::GET, "/api/v1/jobs", t, None).await?;
        assert_eq!(jobs.as_array().map(Vec::len), Some(1), "a refused call made no job");

        let (s, register) = hq.call(Method::GET, "/api/v1/calls?since=2026-11-23T00:00:00Z", t, None).await?;
        assert_eq!(s, StatusCode::OK, "{register}");
        let callers: Vec<&str> =
            register.as_array().ok_or("list")?.iter().filter_map(|c| c["caller"].as_str()).collect();
        assert_eq!(callers, ["王先生", "李经理"], "newest first, refused ones not there");
        let theirs =
            format!("/api/v1/calls?since=2026-11-23T00:00:00Z&customer_id={}", hengfeng["id"].as_str().ok_or("id")?);
        let (_, theirs) = hq.call(Method::GET, &theirs, t, None).await?;
        assert_eq!(theirs.as_array().map(Vec::len), Some(1));
    }
    Ok(())
}

/// Percent-encodes a query value.
fn urlencoding(q: &str) -> String {
    q.bytes()
        .map(|b| if b.is_ascii_alphanumeric() || b == b'-' { (b as char).to_string() } else { format!("%{b:02X}") })
        .collect()
}
