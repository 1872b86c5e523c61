//! The month's figures (月度统计) over a fixture of 30 jobs entered at a real HQ, worked on a
//! real laptop and synced: the laptop's own figures, HQ's for the engineer and HQ's for the team
//! are each the values counted by hand below, on SQLite and on PostgreSQL.
//!
//! The old visits happen in the month before last (their clocks — the factory's ten working
//! days, the 30 days of a repeat repair — have all run out); their calls were answered (派工)
//! when HQ entered them, today, so all late. The calls of the last hours, answered at once,
//! are this month's.

mod steps;

use outpost_domain::ids::JobId;
use outpost_domain::job::UnsignedReason;
use outpost_domain::kpi::{Kpis, Ratio};
use outpost_domain::report::ReportField;
use outpost_store::Store;
use outpost_tests::harness::{BoxError, Hq, Laptop, Storage};
use serde_json::json;
use steps::{Call, Desk, Visit};
use time::{Duration, OffsetDateTime, Time};

type TestResult = Result<(), BoxError>;

const HQ_BIN: &str = env!("CARGO_BIN_EXE_hq-under-test");

#[test]
fn thirty_jobs_give_the_hand_counted_figures_on_the_laptop_and_at_hq() -> TestResult {
    let dir = tempfile::tempdir()?;
    for storage in Storage::all(dir.path())? {
        let backend = storage.name();
        let hq = Hq::start_on(HQ_BIN, storage)?;
        let codes = hq.seed(0)?;
        let desk = Desk::open(&hq)?;
        let laptop = Laptop::enrolled(&hq, &codes.iter().find(|(n, _)| n == "王建国").ok_or("王建国")?.1)?;
        let now = OffsetDateTime::now_utc();
        let old = Fixture::first_of_month_before_last(now);
        old.enter_and_work(&desk, &laptop.store)?;
        let recent = Recent { now };
        recent.enter_and_work(&desk, &laptop.store)?;
        outpost_sync::sync_once(&laptop.store)?;
        assert_eq!(laptop.pending()?, 0, "{backend}: HQ took every change");
        old.closed_at_hq(&desk)?;
        outpost_sync::sync_once(&laptop.store)?;

        let now = OffsetDateTime::now_utc();
        for (month, wang, team) in [(old.month(), old.expected_wang(), old.expected_team()), recent.expected()] {
            let (year, m) = (month.0, month.1);
            let on_laptop = laptop.store.read(|c| outpost_store::figures::month(c, year, m, now))?;
            assert_eq!(on_laptop, wang, "{backend}: the laptop's figures of {year}-{m:02}");
            assert_eq!(desk.kpis(month, Some(&desk.wang))?, wang, "{backend}: HQ's of 王建国 for {year}-{m:02}");
            assert_eq!(desk.kpis(month, None)?, team, "{backend}: HQ's of the team for {year}-{m:02}");
        }
        old.statistics(&desk, &laptop.store).map_err(|e| format!("{backend}: {e}"))?;
    }
    Ok(())
}

fn r(numerator: u32, denominator: u32) -> Ratio {
    Ratio { numerator, denominator }
}

/// The month before last: the old visits, from 01:00 UTC on its first day (`t(0)`).
struct Fixture {
    start: OffsetDateTime,
    ids: std::cell::RefCell<Vec<(&'static str, JobId)>>,
}

impl Fixture {
    fn first_of_month_before_last(now: OffsetDateTime) -> Fixture {
        let this_month = now.date().replace_day(1).unwrap_or(now.date());
        let last_month = (this_month - Duration::days(1)).replace_day(1).unwrap_or(this_month);
        let before_last = (last_month - Duration::days(1)).replace_day(1).unwrap_or(last_month);
        Fixture {
            start: before_last.with_time(Time::from_hms(1, 0, 0).unwrap_or(Time::MIDNIGHT)).assume_utc(),
            ids: Default::default(),
        }
    }

    fn month(&self) -> (i32, u8) {
        (self.start.year(), u8::from(self.start.month()))
    }

    /// `hours` after the start.
    fn t(&self, hours: i64) -> OffsetDateTime {
        self.start + Duration::hours(hours)
    }

    fn id(&self, name: &str) -> Result<JobId, BoxError> {
        Ok(self.ids.borrow().iter().find(|(n, _)| *n == name).ok_or(name.to_owned())?.1)
    }

    /// A repair of unit `n` called in at `t(0)`, to 王建国, for the next day 01:00-05:00.
    fn repair<'a>(&self, desk: &'a Desk, n: usize) -> Call<'a> {
        Call {
            job_type: "repair",
            equipment: Some(n),
            engineer: Some(&desk.wang),
            reported_at: self.t(0),
            scheduled_on: self.t(24).date(),
            window: Some((self.t(24), self.t(28))),
            previous: None,
        }
    }

    fn enter(&self, desk: &Desk, name: &'static str, call: Call) -> Result<JobId, BoxError> {
        let id = desk.enter(call)?;
        self.ids.borrow_mut().push((name, id));
        Ok(id)
    }

    fn enter_and_work(&self, desk: &Desk, store: &Store) -> TestResult {
        let t = |h| self.t(h);
        let e = |name: &'static str, call: Call| self.enter(desk, name, call);
        e("R1 on time, fixed", self.repair(desk, 0))?;
        e("R2 late, fixed, closed", self.repair(desk, 1))?;
        e("R3 fixed, unhappy", self.repair(desk, 2).without_window())?;
        e("R4 empty report, left", self.repair(desk, 3).without_window())?;
        let needs_parts = e("R5 needs parts", self.repair(desk, 4).without_window())?;
        e(
            "R6 second visit",
            Call {
                reported_at: t(48),
                scheduled_on: t(96).date(),
                previous: Some(needs_parts),
                ..self.repair(desk, 4).without_window()
            },
        )?;
        let factory = e("R7 to the factory", self.repair(desk, 5).without_window())?;
        e(
            "R8 back in 2 days",
            Call {
                reported_at: t(48),
                scheduled_on: t(72).date(),
                previous: Some(factory),
                ..self.repair(desk, 5).without_window()
            },
        )?;
        e(
            "R9 to the factory",
            Call { reported_at: t(19 * 24), scheduled_on: t(20 * 24).date(), ..self.repair(desk, 6).without_window() },
        )?;
        e(
            "R10 back in 22 days, next month",
            Call { reported_at: t(40 * 24), scheduled_on: t(42 * 24).date(), ..self.repair(desk, 6).without_window() },
        )?;
        e("R11 never back", self.repair(desk, 7).without_window())?;
        e("R12 fixed, repeated", self.repair(desk, 8).without_window())?;
        e(
            "R13 the repeat",
            Call { reported_at: t(10 * 24), scheduled_on: t(11 * 24).date(), ..self.repair(desk, 8).without_window() },
        )?;
        e("R14 survey declined", self.repair(desk, 9).without_window())?;
        e("R15 reopened", self.repair(desk, 10).without_window())?;
        e("R16 customer refused to sign", self.repair(desk, 11).without_window())?;
        let cancelled = e("R17 cancelled", self.repair(desk, 12).without_window())?;
        e("R18 window missed", self.repair(desk, 13))?;
        e("R22 never given", Call { engineer: None, ..self.repair(desk, 17).without_window() })?;
        let given_later = e("R23 given later", Call { engineer: None, ..self.repair(desk, 18).without_window() })?;
        e("R24 黄艳's, window missed", Call { engineer: Some(&desk.huang), ..self.repair(desk, 19) })?;
        e("M1 maintenance, closed", Call { job_type: "maintenance", ..self.repair(desk, 21) })?;
        e("C1 callback", Call { job_type: "callback", equipment: None, ..self.repair(desk, 0).without_window() })?;
        e(
            "M2 maintenance half done, left",
            Call { job_type: "maintenance", ..self.repair(desk, 23).without_window() },
        )?;
        e(
            "P1 the month before, unhappy",
            Call { reported_at: t(-26), scheduled_on: t(-22).date(), ..self.repair(desk, 24).without_window() },
        )?;
        desk.post(&format!("/api/v1/jobs/{cancelled}/cancel"), json!({"reason": "客户改期"}))?;
        desk.post(&format!("/api/v1/jobs/{given_later}/assign"), json!({"engineer_id": desk.wang}))?;
        outpost_sync::sync_once(store)?;

        let v = |name: &str| -> Result<Visit<'_>, BoxError> { Ok(Visit { store, job: self.id(name)? }) };
        let m = |h: i64, minutes: i64| t(h) + Duration::minutes(minutes);
        v("R1 on time, fixed")?.fixed(t(25), Some(5))?;
        v("R2 late, fixed, closed")?.fixed(t(30), Some(4))?;
        v("R3 fixed, unhappy")?.fixed(t(26), Some(2))?;
        v("R4 empty report, left")?.arrive(t(27))?.complete(m(27, 20))?.leave_unsigned(
            UnsignedReason::CustomerAbsent,
            "",
            m(27, 30),
        )?;
        v("R5 needs parts")?.not_fixed("needs_parts", t(24), Some(5))?;
        v("R6 second visit")?.fixed(t(96), Some(5))?;
        v("R7 to the factory")?.not_fixed("needs_factory_repair", t(26), None)?;
        v("R8 back in 2 days")?.fixed(t(74), Some(5))?;
        v("R9 to the factory")?.not_fixed("needs_factory_repair", t(20 * 24), None)?;
        v("R10 back in 22 days, next month")?.fixed(t(42 * 24), Some(5))?;
        v("R11 never back")?.not_fixed("needs_factory_repair", t(26), Some(5))?;
        v("R12 fixed, repeated")?.fixed(t(24), Some(5))?;
        v("R13 the repeat")?.fixed(t(11 * 24), Some(5))?;
        v("R14 survey declined")?.fixed(t(25), None)?;
        let reopened = v("R15 reopened")?;
        reopened
            .arrive(t(25))?
            .repaired("resolved", m(25, 30))?
            .complete(t(26))?
            .survey(Some(3), t(26))?
            .sign(t(26))?;
        store.reopen_report(reopened.job, "解决方法写错了型号", m(26, 5))?;
        reopened
            .write(&[(ReportField::Solution, "更换风扇电机（HL-37A 专用）")], m(26, 10))?
            .sign(m(26, 15))?
            .leave(m(26, 20))?;
        v("R16 customer refused to sign")?
            .arrive(t(25))?
            .repaired("resolved", m(25, 30))?
            .complete(t(26))?
            .leave_unsigned(UnsignedReason::CustomerRefused, "", m(26, 10))?;
        v("R23 given later")?.fixed(t(30), Some(5))?;
        let maintained = [
            (ReportField::WorkDone, "更换空滤、油滤，清洗冷却器"),
            (ReportField::PartsReplaced, "none"),
            (ReportField::TestsDone, "加载运行20分钟"),
            (ReportField::CustomerOpinion, "满意"),
        ];
        v("M1 maintenance, closed")?
            .arrive(t(25))?
            .write(&maintained, m(25, 30))?
            .complete(t(26))?
            .survey(Some(4), t(26))?
            .sign(t(26))?
            .leave(m(26, 10))?;
        let called = [(ReportField::CallbackNotes, "客户反映运行正常"), (ReportField::CustomerOpinion, "满意")];
        v("C1 callback")?
            .arrive(t(25))?
            .write(&called, m(25, 10))?
            .complete(m(25, 20))?
            .survey(Some(5), m(25, 20))?
            .sign(m(25, 25))?;
        v("M2 maintenance half done, left")?
            .arrive(t(26))?
            .write(&maintained[2..3], m(26, 30))?
            .complete(t(27))?
            .leave_unsigned(UnsignedReason::Other, "客户临时停产，负责人不在", m(27, 10))?;
        v("P1 the month before, unhappy")?.fixed(t(-22), Some(1))?;
        Ok(())
    }

    /// What HQ does after the laptop synced: closes two signed visits and one left unsigned.
    fn closed_at_hq(&self, desk: &Desk) -> TestResult {
        for name in ["R2 late, fixed, closed", "R4 empty report, left", "M1 maintenance, closed"] {
            desk.send(reqwest::Method::POST, &format!("/api/v1/jobs/{}/close", self.id(name)?), None)?;
        }
        Ok(())
    }

    /// Counted by hand over the month's jobs of 王建国 (R1-R9, R11-R18, R23, M1, C1, M2; R10 is
    /// next month's, P1 last month's, R22 nobody's, R24 黄艳's).
    fn expected_wang(&self) -> Kpis {
        Kpis {
            // Windows: R1 in, M1 in; R2 arrived after it, R18 never came.
            on_time_arrival: r(2, 4),
            // 16 repairs finished (R1-R9, R11-R16, R23; R17 cancelled, R18 not visited); not
            // fixed: R4 (empty report), R5 (待配件), R7, R9, R11 (需返厂).
            fix_rate: r(11, 16),
            // R6 continues R5, R8 continues R7.
            first_visit_fix: r(9, 11),
            // R1 R5 R6 R8 R11 R12 R13 R23 C1 five stars, R2 M1 four, R15 three, R3 two; R7 R9
            // R14 declined; R4 R16 M2 not asked.
            overall_rating_sum: 9 * 5 + 2 * 4 + 3 + 2,
            overall_rating_count: 13,
            satisfied: r(11, 13),
            // R12: R13 was called in nine days after it.
            repeat_repair: r(1, 11),
            // No complaint registered: none of the 19 finished visits complained of.
            complaint: Some(r(0, 19)),
            // Past signing: 19; left unsigned: R4 (then closed), R16, M2.
            report_completeness: r(16, 19),
            // Every old call was given to the engineer today: 17 repairs, all late.
            reply_in_time: r(0, 17),
            // R7 back in 2 days (R8), R9 in 22 (R10, next month), R11 never.
            factory_repair_in_time: r(1, 3),
        }
    }

    /// The month's statistics, counted by hand: as JSON, as CSV and as a workbook read back.
    fn statistics(&self, desk: &Desk, store: &Store) -> TestResult {
        let (year, month) = self.month();
        let path = format!("/api/v1/statistics?month={year:04}-{month:02}");
        let s = desk.send(reqwest::Method::GET, &path, None)?;
        let team = &s["team"];
        // 20 repairs less R17 (cancelled); M1 M2; C1.
        assert_eq!(
            team["visits"],
            json!({"repair": 19, "installation": 0, "inspection": 0, "maintenance": 2, "callback": 1})
        );
        assert_eq!(team["cancelled"], 1);
        // 19 finished, of which R5 R7 R9 R11 unresolved.
        assert_eq!((&team["completed"], &team["unresolved"]), (&json!(15), &json!(4)), "{team}");
        // Every dimension rated alike: nine fives and two fours, R15's three and R3's two; R7 R9 R14 declined.
        for d in team["satisfaction"].as_array().ok_or("satisfaction")? {
            assert_eq!((&d["satisfied"], &d["not_fully"]), (&json!(11), &json!(2)), "{d}");
        }
        assert_eq!(team["declined"], 3);
        // R12 repeated by R13, nine days later: one of the eleven resolved repairs.
        assert_eq!(team["repeat_repairs"], 1);
        assert_eq!(team["repair_pass"], json!({"numerator": 10, "denominator": 11}));
        assert_eq!(team["installation_pass"], json!({"numerator": 0, "denominator": 0}));
        assert_eq!(team["complaints"].as_array().map(|c| c.iter().all(|k| k["count"] == 0)), Some(true));
        assert_eq!((&team["part_lines"], &team["charged"]), (&json!(0), &json!([])), "nothing fitted, nothing charged");
        assert_eq!(serde_json::from_value::<Kpis>(team["kpis"].clone())?, self.expected_team());
        let repeat = &s["repeats"][0];
        assert_eq!(
            (&repeat["reason"], &repeat["first_cause"]),
            (&json!("排气温度高，自动停机"), &json!("冷却风扇电机烧毁"))
        );
        assert_eq!(repeat["engineer"], "王建国");
        let names: Vec<&str> =
            s["engineers"].as_array().ok_or("engineers")?.iter().filter_map(|e| e["engineer"].as_str()).collect();
        assert_eq!(names, ["王建国", "黄艳"]);
        // R22 is nobody's, R24 黄艳's.
        assert_eq!(s["engineers"][0]["figures"]["visits"]["repair"], 17);
        assert_eq!(s["engineers"][1]["figures"]["visits"]["repair"], 1);
        assert_eq!(serde_json::from_value::<Kpis>(s["engineers"][0]["figures"]["kpis"].clone())?, self.expected_wang());
        // My month on the laptop: the same statistics of 王建国, by the same formula; but R17,
        // cancelled at HQ, left the laptop.
        let wang: outpost_domain::kpi::statistics::Figures =
            serde_json::from_value::<outpost_wire::statistics::Figures>(s["engineers"][0]["figures"].clone())?.into();
        assert_eq!(wang.cancelled, 1, "R17");
        let wang = outpost_domain::kpi::statistics::Figures { cancelled: 0, ..wang };
        let now = OffsetDateTime::now_utc();
        let mine = store.read(|c| outpost_store::figures::statistics(c, year, month, now))?;
        assert_eq!(mine, wang, "the laptop's own month");

        // The CSV: a header and one row per engineer, then the team's, the same columns each.
        let csv = String::from_utf8(desk.bytes(&format!("{path}&format=csv"))?)?;
        let rows: Vec<Vec<&str>> = csv.trim_start_matches('\u{feff}').lines().map(|l| l.split(',').collect()).collect();
        assert_eq!(rows.len(), 4, "{csv}");
        assert!(rows.iter().all(|r| r.len() == rows[0].len()), "{csv}");
        let col = |name: &str| rows[0].iter().position(|h| *h == name).ok_or(format!("no column {name}"));
        assert_eq!(rows[3][0], "Team");
        assert_eq!((rows[3][col("Repairs")?], rows[3][col("Visits")?]), ("19", "22"));
        assert_eq!(rows[3][col("Repair pass rate")?], "10/11");
        assert_eq!(rows[3][col("Installation pass rate")?], "", "nothing to count: left empty, not 0");
        assert_eq!(rows[1][col("Engineer")?], "王建国");

        // The workbook, read back, in Chinese.
        let xlsx = desk.bytes(&format!("{path}&format=xlsx&language=zh-CN"))?;
        let mut book: calamine::Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(xlsx))?;
        let sheet = calamine::Reader::worksheet_range(&mut book, "维修统计")?;
        let cell = |r: u32, c: u32| sheet.get_value((r, c)).map(|v| v.to_string()).unwrap_or_default();
        let heads: Vec<String> = (0..rows[0].len() as u32).map(|c| cell(1, c)).collect();
        let at = |name: &str| heads.iter().position(|h| h == name).map(|c| c as u32).ok_or(format!("no column {name}"));
        assert_eq!((cell(2, 0), cell(4, 0)), ("王建国".to_owned(), "全部门".to_owned()));
        assert_eq!(cell(4, at("维修")?), "19");
        assert_eq!(cell(4, at("维修合格率")?), (10.0_f64 / 11.0).to_string());
        assert_eq!(cell(4, at("安装合格率")?), "未统计");
        let repeats = calamine::Reader::worksheet_range(&mut book, "返修")?;
        assert_eq!(repeats.get_value((1, 3)).map(|v| v.to_string()), Some("排气温度高，自动停机".to_owned()));

        let pdf = desk.bytes(&format!("{path}&format=pdf&language=zh-CN"))?;
        assert!(pdf.starts_with(b"%PDF"), "a PDF");
        Ok(())
    }

    /// The team adds R22 (never given, its reply long due) and 黄艳's R24 (window missed).
    fn expected_team(&self) -> Kpis {
        Kpis { on_time_arrival: r(2, 5), reply_in_time: r(0, 19), ..self.expected_wang() }
    }
}

/// This month: calls of the last hours, given to an engineer at once.
struct Recent {
    now: OffsetDateTime,
}

impl Recent {
    fn enter_and_work(&self, desk: &Desk, store: &Store) -> TestResult {
        let ago = |minutes: i64| self.now - Duration::minutes(minutes);
        let wang = Some(desk.wang.as_str());
        let base = |n: usize| Call {
            job_type: "repair",
            equipment: Some(n),
            engineer: wang,
            reported_at: ago(180),
            scheduled_on: self.now.date(),
            window: None,
            previous: None,
        };
        let fixed = desk.enter(Call { window: Some((ago(150), ago(60))), ..base(14) })?;
        desk.enter(Call { window: Some((ago(120), ago(60))), ..base(15) })?;
        desk.enter(Call { engineer: None, ..base(16) })?;
        desk.enter(Call { engineer: Some(&desk.huang), ..base(20) })?;
        let later = self.now + Duration::hours(1);
        desk.enter(Call { job_type: "maintenance", window: Some((later, later + Duration::hours(2))), ..base(22) })?;
        outpost_sync::sync_once(store)?;
        Visit { store, job: fixed }.fixed(ago(120), Some(5))?;
        Ok(())
    }

    /// Counted by hand: R19 fixed in its window, R20 missed its window, M3's is still to come;
    /// R21 (nobody's yet, within its 24 hours) counts nowhere; the team adds 黄艳's R25.
    fn expected(&self) -> ((i32, u8), Kpis, Kpis) {
        let wang = Kpis {
            on_time_arrival: r(1, 2),
            fix_rate: r(1, 1),
            first_visit_fix: r(1, 1),
            overall_rating_sum: 5,
            overall_rating_count: 1,
            satisfied: r(1, 1),
            repeat_repair: r(0, 1),
            complaint: Some(r(0, 1)),
            report_completeness: r(1, 1),
            reply_in_time: r(2, 2),
            factory_repair_in_time: r(0, 0),
        };
        ((self.now.year(), u8::from(self.now.month())), wang, Kpis { reply_in_time: r(3, 3), ..wang })
    }
}
