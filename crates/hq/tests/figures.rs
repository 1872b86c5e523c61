//! The month's figures HQ answers: the 24-hour reply counted from when the customer called,
//! which a dispatcher may give when entering the call later, never in the future.

mod common;

use axum::http::{Method, StatusCode};
use common::{TestResult, backends};
use serde_json::json;

#[tokio::test]
async fn the_reply_is_counted_from_the_call_not_from_when_it_was_typed() -> TestResult {
    for hq in backends().await? {
        let dispatcher = hq.dispatcher().await?;
        let (engineer, _, _) = hq.enrolled("王建国").await?;
        // Called at NOW and given to the engineer at once: in time.
        let (job, _) = common::work_for(&hq, &dispatcher, &engineer).await?;
        let (_, first) = hq.call(Method::GET, &format!("/api/v1/jobs/{job}"), Some(&dispatcher), None).await?;
        let site = first["job"]["site_id"].clone();
        let entered = |reported_at: &str| {
            json!({
                "job_type": "repair", "site_id": site, "engineer_id": engineer, "reported_fault": "异响",
                "scheduled_on": "2026-11-23", "reported_at": reported_at
            })
        };
        // A letter of 30 hours ago, entered now: the reply is late.
        let (s, late) =
            hq.call(Method::POST, "/api/v1/jobs", Some(&dispatcher), Some(entered("2026-11-21T20:00:00Z"))).await?;
        assert_eq!(s, StatusCode::CREATED, "{}: {late}", hq.backend);
        assert_eq!(late["reported_at"], "2026-11-21T20:00:00Z");
        let (s, future) =
            hq.call(Method::POST, "/api/v1/jobs", Some(&dispatcher), Some(entered("2026-11-24T02:00:00Z"))).await?;
        assert_eq!((s, &future["field"]), (StatusCode::UNPROCESSABLE_ENTITY, &json!("reported_at")), "{future}");

        let (s, kpis) = hq.call(Method::GET, "/api/v1/kpis?month=2026-11", Some(&dispatcher), None).await?;
        assert_eq!(s, StatusCode::OK, "{kpis}");
        assert_eq!(kpis["reply_in_time"], json!({"numerator": 1, "denominator": 2}), "{}: {kpis}", hq.backend);
        assert_eq!(
            kpis["factory_repair_in_time"],
            json!({"numerator": 0, "denominator": 0}),
            "nothing sent to the factory"
        );
        let (s, bad) = hq.call(Method::GET, "/api/v1/kpis?month=2026-13", Some(&dispatcher), None).await?;
        assert_eq!((s, &bad["field"]), (StatusCode::UNPROCESSABLE_ENTITY, &json!("month")), "{bad}");
    }
    Ok(())
}
