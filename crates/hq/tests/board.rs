//! The dispatch board: every engineer's row with the jobs they hold in the days shown and what
//! is still open from earlier days, the queue of jobs nobody holds with its 24-hour reply
//! clock, and nothing cancelled.

mod common;

use axum::http::{Method, StatusCode};
use common::{TestResult, backends};
use serde_json::{Value, json};

fn numbers(cards: &Value) -> Vec<String> {
    cards.as_array().map_or(Vec::new(), |a| a.iter().filter_map(|c| c["number"].as_str().map(str::to_owned)).collect())
}

#[tokio::test]
async fn the_board_shows_each_engineers_days_and_the_queue_with_their_clocks() -> TestResult {
    for hq in backends().await? {
        let token = hq.dispatcher().await?;
        let t = Some(token.as_str());
        hq.engineer("王建国").await?;
        hq.engineer("黄艳").await?;
        let (_, engineers) = hq.call(Method::GET, "/api/v1/engineers", t, None).await?;
        let id = |name: &str| {
            engineers.as_array().and_then(|a| a.iter().find(|e| e["name"] == name)).map(|e| e["id"].clone())
        };
        let (wang, huang) = (id("王建国").ok_or("王")?, id("黄艳").ok_or("黄")?);
        let (_, customer) = hq.call(Method::POST, "/api/v1/customers", t, Some(json!({"name": "济南恒丰"}))).await?;
        let site = json!({"customer_id": customer["id"], "name": "一厂", "address": "工业路1号"});
        let (_, site) = hq.call(Method::POST, "/api/v1/sites", t, Some(site)).await?;
        let job = |engineer: Option<&Value>, day: &str, extra: Value| {
            let mut body =
                json!({"job_type": "repair", "site_id": site["id"], "reported_fault": "不启动", "scheduled_on": day});
            if let Some(e) = engineer {
                body["engineer_id"] = e.clone();
            }
            if let (Some(b), Some(x)) = (body.as_object_mut(), extra.as_object()) {
                b.extend(x.clone());
            }
            body
        };
        let mut numbered = Vec::new();
        for body in [
            job(
                Some(&wang),
                "2026-11-23",
                json!({"window_from": "2026-11-23T01:00:00Z", "window_until": "2026-11-23T03:00:00Z"}),
            ),
            job(None, "2026-11-23", json!({"reported_at": "2026-11-22T06:00:00Z"})),
            job(Some(&wang), "2026-11-22", json!({})),
            job(Some(&huang), "2026-11-24", json!({})),
            job(Some(&huang), "2026-11-23", json!({})),
        ] {
            let (s, created) = hq.call(Method::POST, "/api/v1/jobs", t, Some(body)).await?;
            assert_eq!(s, StatusCode::CREATED, "{created}");
            numbered.push((
                created["id"].as_str().ok_or("id")?.to_owned(),
                created["number"].as_str().ok_or("n")?.to_owned(),
            ));
        }
        let (cancelled, _) = &numbered[4];
        let (s, _) = hq
            .call(Method::POST, &format!("/api/v1/jobs/{cancelled}/cancel"), t, Some(json!({"reason": "客户取消"})))
            .await?;
        assert_eq!(s, StatusCode::OK);
        let n = |i: usize| numbered[i].1.clone();

        let (s, board) = hq.call(Method::GET, "/api/v1/board?from=2026-11-23", t, None).await?;
        assert_eq!(s, StatusCode::OK, "{board}");
        let rows = board["engineers"].as_array().ok_or("rows")?;
        let names: Vec<&str> = rows.iter().filter_map(|r| r["name"].as_str()).collect();
        assert_eq!(names, ["王建国", "黄艳"], "every engineer has a row, even with nothing to do");
        assert_eq!(numbers(&rows[0]["jobs"]), [n(0), n(2)], "today's job, then yesterday's still open");
        let today = &rows[0]["jobs"][0];
        assert_eq!((today["customer"].as_str(), today["site"].as_str()), (Some("济南恒丰"), Some("一厂")));
        assert_eq!(today["sla"], json!({"badge": "arrive_due_in", "minutes": 60}), "{today}");
        assert_eq!(
            (today["carried_over"].as_bool(), rows[0]["jobs"][1]["carried_over"].as_bool()),
            (Some(false), Some(true))
        );
        assert!(numbers(&rows[1]["jobs"]).is_empty(), "tomorrow's job is not today's, the cancelled one is gone");
        assert_eq!(numbers(&board["unassigned"]), [n(1)]);
        assert_eq!(board["unassigned"][0]["reply_due_at"], "2026-11-23T06:00:00Z", "24 hours from the call");
        assert_eq!(today["reply_due_at"], Value::Null, "given to an engineer: replied");

        // Two dispatchers give the queued call away at once: the second is told, not obeyed.
        let assign = format!("/api/v1/jobs/{}/assign", numbered[1].0);
        let (s, _) =
            hq.call(Method::POST, &assign, t, Some(json!({"engineer_id": huang, "if_held_by": "queue"}))).await?;
        assert_eq!(s, StatusCode::OK);
        let (s, body) =
            hq.call(Method::POST, &assign, t, Some(json!({"engineer_id": wang, "if_held_by": "queue"}))).await?;
        assert_eq!((s, body["code"].as_str()), (StatusCode::CONFLICT, Some("assignment_changed")), "{body}");
        assert!(body["message"].as_str().is_some_and(|m| m.contains("黄艳")), "{body}");
        let (s, _) = hq.call(Method::POST, &assign, t, Some(json!({"engineer_id": wang, "if_held_by": huang}))).await?;
        assert_eq!(s, StatusCode::OK, "seen as it is: moved");

        let (_, two_days) = hq.call(Method::GET, "/api/v1/board?from=2026-11-23&days=2", t, None).await?;
        assert_eq!(numbers(&two_days["engineers"][1]["jobs"]), [n(3)]);
        assert_eq!(
            numbers(&two_days["engineers"][0]["jobs"]),
            [n(1), n(0), n(2)],
            "the call (no window first), now 王建国's"
        );
        for bad in ["days=0", "days=15"] {
            let (s, body) = hq.call(Method::GET, &format!("/api/v1/board?{bad}"), t, None).await?;
            assert_eq!((s, body["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("days")), "{bad}: {body}");
        }
        let (s, body) = hq.call(Method::GET, "/api/v1/board?from=9999-12-25&days=14", t, None).await?;
        assert_eq!((s, body["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("from")), "{body}");
        let (s, body) = hq.call(Method::GET, "/api/v1/board?from=23.11.2026", t, None).await?;
        assert_eq!((s, body["field"].as_str()), (StatusCode::BAD_REQUEST, Some("from")), "{body}");
    }
    Ok(())
}
