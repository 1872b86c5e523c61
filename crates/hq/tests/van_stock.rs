//! An engineer's van as the console reads it: HQ's count less the part lines the laptop sent
//! since, below zero when reports used more than the count held, and flagged when a part has
//! lain still for a month.

mod common;

use axum::http::{Method, StatusCode};
use common::{NOW, TestResult, backends, blocking, mutation, push, transition, work_for};
use outpost_domain::change::Change;
use outpost_domain::ids::{JobId, PartLineId};
use outpost_domain::job::JobStatus;
use outpost_domain::part::{FaultOrigin, Part, PartLine};
use outpost_wire::dispatch::VanCountLine;
use serde_json::json;
use time::Duration;

#[tokio::test]
async fn the_van_shows_what_is_left_since_the_count_and_what_has_lain_still() -> TestResult {
    for hq in backends().await? {
        let dispatcher = hq.dispatcher().await?;
        let (engineer, client, token) = hq.enrolled("王建国").await?;
        let (job, motor) = work_for(&hq, &dispatcher, &engineer).await?;
        let (job, motor): (JobId, Part) = (job.parse()?, serde_json::from_value(motor)?);
        let filter = json!({"code": "FLT-0001", "name": "空气滤芯", "unit_cost": 8000, "unit_price": 12000,
            "currency": "CNY", "class": "consumable"});
        let (s, _) = hq.call(Method::POST, "/api/v1/parts", Some(&dispatcher), Some(filter)).await?;
        check!(hq, s == StatusCode::CREATED, "filter");

        // Counted forty days ago: three motors, two filters.
        let (db, id) = (hq.db.clone(), engineer.parse()?);
        blocking(move || {
            let lines =
                [("MOT-0501", 3), ("FLT-0001", 2)].map(|(code, n)| VanCountLine { part_code: code.into(), counted: n });
            Ok(db.tx_blocking(|tx| outpost_hq::dispatch::count_van(tx, id, &lines, NOW - Duration::days(40)))?)
        })
        .await?;
        let fitted = |n| PartLine::new(PartLineId(uuid::Uuid::now_v7()), job, &motor, n, FaultOrigin::Quality);
        let changes = [
            transition(job, JobStatus::EnRoute),
            transition(job, JobStatus::OnSite),
            Change::PartLineAdded { line: fitted(1)? },
            Change::PartLineAdded { line: fitted(3)? },
        ];
        let mutations = changes.iter().enumerate().map(|(i, c)| mutation(i as i64 + 1, c)).collect::<Result<_, _>>()?;
        let (s, pushed) = push(&hq, &token, &client, mutations).await?;
        check!(hq, s == StatusCode::OK, "{pushed}");

        let (s, van) =
            hq.call(Method::GET, &format!("/api/v1/engineers/{engineer}/van-stock"), Some(&dispatcher), None).await?;
        check!(hq, s == StatusCode::OK, "{van}");
        let [filters, motors] = van.as_array().map(Vec::as_slice).ok_or("van")? else {
            return Err(format!("two parts: {van}").into());
        };
        check!(hq, motors["part_name"] == "风扇电机" && motors["counted"] == 3, "{motors}");
        check!(hq, motors["used_since_count"] == 4 && motors["on_hand"] == -1, "more used than counted: {motors}");
        check!(hq, motors["last_movement_at"] == "2026-11-23T02:00:00Z" && motors["staleness"] == "moving", "{motors}");
        check!(hq, filters["used_since_count"] == 0 && filters["on_hand"] == 2, "{filters}");
        check!(hq, filters["last_movement_at"] == "2026-10-14T02:00:00Z", "still since the count: {filters}");
        check!(hq, filters["staleness"] == "still_for_a_month", "{filters}");

        // A new count starts again from it.
        let count = json!({"parts": [{"part_code": "MOT-0501", "counted": 2}]});
        let path = format!("/api/v1/engineers/{engineer}/van-stock");
        hq.call(Method::PUT, &path, Some(&dispatcher), Some(count)).await?;
        let (_, van) = hq.call(Method::GET, &path, Some(&dispatcher), None).await?;
        check!(hq, van[1]["used_since_count"] == 0 && van[1]["on_hand"] == 2, "{van}");
    }
    Ok(())
}
