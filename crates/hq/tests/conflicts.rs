//! Settling the conflict log: both values side by side, one kept. The engineer's contact
//! becomes a new version every laptop gets; the engineer's report value is applied under the
//! report's rules; a conflict settles once, in the audit log under the dispatcher's name.

mod common;

use axum::http::{Method, StatusCode};
use common::{TestResult, backends, mutation, push, work_for};
use outpost_domain::change::Change;
use outpost_domain::customer::Contact;
use outpost_domain::ids::JobId;
use outpost_domain::report::ReportField;
use serde_json::{Value, json};

async fn first(hq: &common::Hq, dispatcher: &str, query: &str) -> Result<Value, Box<dyn std::error::Error>> {
    let (s, listed) = hq.call(Method::GET, &format!("/api/v1/conflicts?{query}"), Some(dispatcher), None).await?;
    assert_eq!(s, StatusCode::OK, "{listed}");
    Ok(listed[0].clone())
}

#[tokio::test]
async fn the_engineers_contact_is_kept_as_a_new_version_and_a_conflict_settles_once() -> TestResult {
    for hq in backends().await? {
        let dispatcher = hq.dispatcher().await?;
        let (engineer, client, token) = hq.enrolled("王建国").await?;
        let (job, _) = work_for(&hq, &dispatcher, &engineer).await?;
        let (_, jobs) = hq.call(Method::GET, &format!("/api/v1/jobs/{job}"), Some(&dispatcher), None).await?;
        let customer_id = jobs["job"]["customer_id"].as_str().ok_or("customer")?.to_owned();
        let path = format!("/api/v1/customers/{customer_id}");
        let (_, customer) = hq.call(Method::GET, &path, Some(&dispatcher), None).await?;
        let contact: Contact = serde_json::from_value(customer["contacts"][0].clone())?;
        let at_hq = json!({"name": customer["name"], "contacts": [{"id": contact.id, "name": "李经理", "phone": "0531-1111 2222"}]});
        hq.call(Method::PUT, &path, Some(&dispatcher), Some(at_hq)).await?;
        let edit = Change::ContactEdited {
            job_id: job.parse()?,
            customer_id: customer_id.parse()?,
            contact: Contact { phone: "139 0000 0000".into(), ..contact.clone() },
            base_version: 1,
        };
        let (_, pushed) = push(&hq, &token, &client, vec![mutation(1, &edit)?]).await?;
        check!(hq, pushed["results"][0]["outcome"] == "conflict", "{pushed}");

        let open = first(&hq, &dispatcher, "state=open").await?;
        check!(hq, open["kind"] == "contact" && open["engineer"] == "王建国" && open["settled"].is_null(), "{open}");
        check!(hq, open["customer"] == "济南恒丰机械制造有限公司" && open["job_number"].is_string(), "{open}");
        let settle = format!("/api/v1/conflicts/contact/{}/settle", open["id"]);
        let (s, settled) = hq.call(Method::POST, &settle, Some(&dispatcher), Some(json!({"keep": "engineer"}))).await?;
        check!(hq, s == StatusCode::OK, "{settled}");
        check!(hq, settled["settled"]["by"] == "token:admin" && settled["settled"]["keep"] == "engineer", "{settled}");
        let (_, now) = hq.call(Method::GET, &path, Some(&dispatcher), None).await?;
        check!(hq, now["contacts"][0]["phone"] == "139 0000 0000" && now["contacts"][0]["version"] == 3, "{now}");

        let (s, twice) = hq.call(Method::POST, &settle, Some(&dispatcher), Some(json!({"keep": "hq"}))).await?;
        check!(hq, (s, twice["code"].as_str()) == (StatusCode::CONFLICT, Some("already_settled")), "{twice}");
        let (_, open) = hq.call(Method::GET, "/api/v1/conflicts?state=open", Some(&dispatcher), None).await?;
        check!(hq, open == json!([]), "{open}");
        let (_, audit) = hq.call(Method::GET, &format!("/api/v1/audit?job_id={job}"), Some(&dispatcher), None).await?;
        let entry = audit.as_array().ok_or("audit")?.iter().find(|a| a["kind"] == "conflict_settled").ok_or("entry")?;
        check!(hq, entry["actor"] == "token:admin" && entry["new"] == "李经理 139 0000 0000", "{entry}");
        check!(hq, entry["old"] == "李经理 0531-1111 2222", "{entry}");
        let (s, bad) = hq
            .call(Method::POST, "/api/v1/conflicts/other/1/settle", Some(&dispatcher), Some(json!({"keep": "hq"})))
            .await?;
        check!(hq, s == StatusCode::NOT_FOUND, "{bad}");
    }
    Ok(())
}

#[tokio::test]
async fn the_engineers_report_value_is_applied_under_the_reports_rules_or_hqs_stays() -> TestResult {
    for hq in backends().await? {
        let dispatcher = hq.dispatcher().await?;
        let (engineer, client, token) = hq.enrolled("王建国").await?;
        let (job, _) = work_for(&hq, &dispatcher, &engineer).await?;
        let job_id: JobId = job.parse()?;
        let set = |field, value: &str| Change::ReportFieldSet {
            job_id,
            revision: 1,
            field,
            value: value.into(),
            replaced: Some(String::new()),
        };
        // Another laptop filled both fields first; this one's edits, made over empty fields, conflict.
        let changes = [
            set(ReportField::FaultCause, "油泵密封老化"),
            set(ReportField::FaultCause, "油封损坏"),
            set(ReportField::Solution, "更换油封"),
            set(ReportField::Solution, "清洗油路"),
        ];
        let mutations = changes.iter().enumerate().map(|(i, c)| mutation(i as i64 + 1, c)).collect::<Result<_, _>>()?;
        let (_, pushed) = push(&hq, &token, &client, mutations).await?;
        let outcomes: Vec<&str> =
            pushed["results"].as_array().ok_or("results")?.iter().filter_map(|r| r["outcome"].as_str()).collect();
        check!(hq, outcomes == ["applied", "conflict", "applied", "conflict"], "{pushed}");

        let (_, listed) = hq
            .call(Method::GET, &format!("/api/v1/conflicts?job_id={job}&language=zh-CN"), Some(&dispatcher), None)
            .await?;
        let [solution, cause] = listed.as_array().map(Vec::as_slice).ok_or("conflicts")? else {
            return Err(format!("two conflicts: {listed}").into());
        };
        check!(hq, cause["field"] == "fault_cause" && cause["field_said"] == "故障原因", "{cause}");
        check!(hq, cause["theirs"] == "油封损坏" && cause["kept"] == "油泵密封老化", "{cause}");
        check!(hq, cause["theirs_said"] == "油封损坏" && cause["kept_said"] == "油泵密封老化", "{cause}");
        let settle = |c: &Value| format!("/api/v1/conflicts/report/{}/settle", c["id"]);
        let (s, kept) =
            hq.call(Method::POST, &settle(cause), Some(&dispatcher), Some(json!({"keep": "engineer"}))).await?;
        check!(hq, s == StatusCode::OK && kept["settled"]["keep"] == "engineer", "{kept}");
        let (s, _) = hq.call(Method::POST, &settle(solution), Some(&dispatcher), Some(json!({"keep": "hq"}))).await?;
        check!(hq, s == StatusCode::OK, "HQ's value stays");
        let (_, bundle) = hq.call(Method::GET, &format!("/api/v1/jobs/{job}"), Some(&dispatcher), None).await?;
        check!(
            hq,
            bundle["report"]["fault_cause"] == "油封损坏" && bundle["report"]["solution"] == "更换油封",
            "{bundle}"
        );
        let (_, pulled) = hq.call(Method::GET, "/api/v1/sync/pull?cursor=", Some(&token), None).await?;
        check!(hq, pulled.to_string().contains("油封损坏"), "the laptop gets the value kept");
    }
    Ok(())
}
