//! The desktop app end to end, in its real window under Xvfb through tauri-driver, against a
//! real HQ on loopback: enroll, a whole repair in Chinese (status moves, report, an in-warranty
//! and a charged part, the quote accepted, ratings, a signature drawn with the pointer, signing,
//! the receipt), a kill -9 mid-form, HQ going away and coming back, both languages at 1280×800
//! and 1024×768 (screenshots in target/e2e-screens/), and the time to a usable list of 10 000 jobs.
//!
//! Needs Xvfb, WebKitWebDriver and tauri-driver, and the app built with its UI: `make e2e`.

mod webdriver;

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use outpost_domain::equipment::WarrantyState;
use outpost_domain::job::{JobStatus, JobType};
use outpost_store::Store;
use outpost_store::jobs::{self, JobFilter};
use outpost_tests::harness::Hq;
use serde_json::json;
use webdriver::{BoxError, Session};

type TestResult = Result<(), BoxError>;

const HQ_BIN: &str = env!("CARGO_BIN_EXE_hq-under-test");
const ENTER: &str = "\u{E007}";

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn app_binary() -> PathBuf {
    std::env::var_os("OUTPOST_APP_BIN").map_or_else(|| root().join("target/debug/outpost-app"), PathBuf::from)
}

fn free_port() -> Result<u16, BoxError> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

/// Xvfb and tauri-driver, stopped when dropped.
struct Desktop {
    xvfb: Child,
    driver: Child,
    url: String,
    screens: PathBuf,
}

impl Desktop {
    fn start() -> Result<Desktop, BoxError> {
        let display = (90..200)
            .find(|n| {
                !Path::new(&format!("/tmp/.X11-unix/X{n}")).exists() && !Path::new(&format!("/tmp/.X{n}-lock")).exists()
            })
            .ok_or("no free X display")?;
        let xvfb = Command::new("Xvfb")
            .arg(format!(":{display}"))
            .args(["-screen", "0", "1280x800x24", "-nolisten", "tcp"])
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("Xvfb: {e} (make e2e installs it)"))?;
        let port = free_port()?;
        let native = free_port()?;
        let driver_bin = which("tauri-driver").ok_or("tauri-driver is not installed (make e2e installs it)")?;
        let driver = Command::new(driver_bin)
            .args(["--port", &port.to_string(), "--native-port", &native.to_string()])
            .env("DISPLAY", format!(":{display}"))
            .env("LANG", "en_US.UTF-8")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()?;
        let started = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            if started.elapsed() > Duration::from_secs(20) {
                return Err("tauri-driver did not start".into());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let screens = root().join("target/e2e-screens");
        std::fs::create_dir_all(&screens)?;
        Ok(Desktop { xvfb, driver, url: format!("http://127.0.0.1:{port}"), screens })
    }

    fn open(&self, data_dir: &Path) -> Result<Session, BoxError> {
        Session::start(&self.url, &app_binary(), &["--data-dir".into(), data_dir.display().to_string()])
    }

    fn shot(&self, s: &Session, name: &str) -> Result<(), BoxError> {
        std::thread::sleep(Duration::from_millis(150));
        s.screenshot(&self.screens.join(format!("{name}.png")))
    }
}

impl Drop for Desktop {
    fn drop(&mut self) {
        let _ = self.driver.kill();
        let _ = self.xvfb.kill();
        let _ = self.driver.wait();
        let _ = self.xvfb.wait();
    }
}

fn which(name: &str) -> Option<PathBuf> {
    let home = std::env::var_os("HOME").map(|h| Path::new(&h).join(".cargo/bin"));
    let path = std::env::var_os("PATH").map(|p| std::env::split_paths(&p).collect::<Vec<_>>()).unwrap_or_default();
    path.into_iter().chain(home).map(|d| d.join(name)).find(|p| p.is_file())
}

/// kill -9 of the app process working on `data_dir`.
fn kill_app(data_dir: &Path) -> TestResult {
    let pattern = format!("outpost-app --data-dir {}", data_dir.display());
    let status = Command::new("pkill").args(["-9", "-f", &pattern]).status()?;
    assert!(status.success(), "the app was running");
    std::thread::sleep(Duration::from_millis(300));
    Ok(())
}

/// An assigned repair on in-warranty equipment, today's if there is one, as the laptop holds it.
fn todays_repair(data_dir: &Path) -> Result<(String, Vec<String>), BoxError> {
    let store = Store::open(data_dir)?;
    let today = time::OffsetDateTime::now_utc()
        .to_offset(time::UtcOffset::current_local_offset().unwrap_or(time::UtcOffset::UTC))
        .date();
    let mut listed = store.read(|c| jobs::list(c, JobFilter::Today, today, 1000))?;
    listed.extend(store.read(|c| jobs::list(c, JobFilter::Upcoming, today, 1000))?);
    let parts: Vec<String> =
        store.read(|c| outpost_store::parts::find(c, "", 5))?.into_iter().map(|p| p.code).collect();
    for s in listed.iter().filter(|s| s.job_type == JobType::Repair && s.status == JobStatus::Assigned) {
        let d = store.read(|c| outpost_store::detail::job_detail(c, s.id))?;
        if matches!(d.warranty, WarrantyState::InWarranty { .. }) {
            return Ok((s.number.clone(), parts));
        }
    }
    Err(format!("no assigned in-warranty repair among {} jobs", listed.len()).into())
}

fn wait_text(s: &Session, css: &str, expected: &str) -> TestResult {
    let condition = format!(
        "return (document.querySelector({css:?})?.textContent ?? '').includes({expected:?})",
        css = css,
        expected = expected
    );
    s.wait_for(&format!("{css} to show {expected}"), &condition, Duration::from_secs(15))
}

fn open_job(s: &Session, number: &str) -> TestResult {
    s.click("[data-testid=list-all]")?;
    s.type_into("[data-testid=search]", number)?;
    s.wait_for("the search to find the job", &format!("return document.querySelectorAll('.rows li').length === 1 && document.querySelector('.rows .row').dataset.number === {number:?}"), Duration::from_secs(10))?;
    s.keys(ENTER)?;
    s.find("[data-testid=job]").map(drop)
}

fn fill(s: &Session, field: &str, text: &str) -> TestResult {
    s.type_into(&format!("[data-field={field}]"), text)
}

#[test]
#[ignore = "drives the real window: run with `make e2e`"]
fn an_engineers_day_in_the_real_window() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut hq = Hq::start(HQ_BIN, &dir.path().join("hq"))?;
    let codes = hq.seed(1200)?;
    let laptop = dir.path().join("laptop");
    let desktop = Desktop::start()?;

    // First run: enroll with the dispatcher's code.
    let s = desktop.open(&laptop)?;
    s.find("[data-testid=enroll]")?;
    desktop.shot(&s, "01-first-run")?;
    s.type_into("input[name=hq_url]", &hq.url)?;
    s.type_into("input[name=code]", &codes[0].1)?;
    s.click("[data-testid=enroll]")?;
    s.wait_for(
        "today's jobs after the first sync",
        "return document.querySelectorAll('.rows li').length > 0",
        Duration::from_secs(30),
    )?;
    wait_text(&s, "[data-testid=sync-state]", "0")?;
    desktop.shot(&s, "02-jobs-today")?;

    // Open today's repair from the search box with the keyboard; go en route, arrive.
    let (number, parts) = todays_repair(&laptop)?;
    open_job(&s, &number)?;
    desktop.shot(&s, "03-job")?;
    s.click("[data-testid=move-en_route]")?;
    wait_text(&s, "[data-testid=status]", "En route").or_else(|_| wait_text(&s, "[data-testid=status]", "已出发"))?;
    s.click("[data-testid=move-on_site]")?;
    s.find("[data-testid=move-completed]")?;

    // The report in Chinese, autosaved; then the window is killed mid-form.
    s.click("[data-testid=tab-report]")?;
    fill(&s, "symptom_found", "排气温度112°C，风扇不转")?;
    fill(&s, "fault_cause", "冷却风扇电机烧毁")?;
    s.wait_for(
        "the autosave",
        "return document.querySelector('[data-testid=saved]').textContent.match(/Saved|已保存/) !== null",
        Duration::from_secs(10),
    )?;
    std::thread::sleep(Duration::from_millis(800));
    desktop.shot(&s, "04-report-before-kill")?;
    kill_app(&laptop)?;
    let _ = s.end();

    let s = desktop.open(&laptop)?;
    s.find("[data-testid=job-list]")?;
    open_job(&s, &number)?;
    s.click("[data-testid=tab-report]")?;
    assert_eq!(s.value("[data-field=fault_cause]")?, "冷却风扇电机烧毁", "the draft survived kill -9");
    assert_eq!(s.value("[data-field=symptom_found]")?, "排气温度112°C，风扇不转");
    fill(&s, "solution", "更换风扇电机")?;
    fill(&s, "tests_done", "满载运行30分钟，排气温度稳定在85°C")?;
    s.click("button[data-option=resolved]")?;
    std::thread::sleep(Duration::from_millis(500));
    desktop.shot(&s, "04-report")?;

    // Parts: one free under warranty, one charged (misuse); the customer accepts the quote.
    s.click("[data-testid=tab-parts]")?;
    s.click("[data-testid=van-stock]")?;
    s.wait_for(
        "the van stock HQ counted",
        "return document.querySelectorAll('.suggest li').length === 12",
        // Runs timed out here when the picker's first-paint effect emptied the list after the
        // van's answer had come; answers are now kept only for what the field says.
        Duration::from_secs(30),
    )?;
    desktop.shot(&s, "05-van-stock")?;
    s.type_into("[data-testid=part-search]", &parts[0])?;
    s.click("[data-testid=part-add]")?;
    wait_text(&s, "[data-testid=part-lines]", &parts[0])?;
    s.type_into("[data-testid=part-search]", &parts[1])?;
    s.click("[data-testid=part-misuse]")?;
    s.click("[data-testid=part-add]")?;
    wait_text(&s, "[data-testid=part-lines]", &parts[1])?;
    // A part the van lacks goes to HQ as a parts request (补件申请).
    s.type_into("[data-testid=part-search]", &parts[2])?;
    s.click("[data-testid=part-request]")?;
    wait_text(&s, "[data-testid=parts-requests]", &parts[2])?;
    s.find("[data-testid=accept-name]")?;
    desktop.shot(&s, "05-parts-quote")?;
    s.type_into("[data-testid=accept-name]", "李经理")?;
    s.click("[data-testid=accept-quote]")?;
    wait_text(&s, "[data-testid=quote]", "李经理")?;

    // Sign-off: ratings, opinion, a signature drawn with the pointer, signing.
    s.click("[data-testid=tab-signOff]")?;
    for (d, n) in [("timeliness", 5), ("attitude", 5), ("quality", 4), ("overall", 5)] {
        s.click(&format!("[data-testid=rate-{d}-{n}]"))?;
        s.wait_for(
            "the rating",
            &format!("return document.querySelector('[data-testid=rate-{d}-{n}]').classList.contains('on')"),
            Duration::from_secs(5),
        )?;
    }
    fill(&s, "customer_opinion", "服务及时，态度很好")?;
    s.draw("[data-testid=pad]", &[(-150, 10), (-100, -30), (-50, 30), (0, -30), (50, 30), (100, -20), (150, 0)])?;
    s.type_into("[data-testid=signer-name]", "李经理")?;
    std::thread::sleep(Duration::from_millis(600));
    s.wait_for(
        "a complete report",
        "return !document.querySelector('[data-testid=sign]').disabled",
        Duration::from_secs(10),
    )?;
    desktop.shot(&s, "06-sign-off")?;
    s.click("[data-testid=sign]")?;
    let hash = s.text("[data-testid=hash]")?;
    assert_eq!(hash.len(), 14, "a short hash like 3F2A-91C0-77BE: {hash}");
    desktop.shot(&s, "07-signed")?;
    // Correcting a signed report asks what and why first; going back leaves it signed.
    s.click("[data-testid=reopen]")?;
    s.find("[data-testid=reopen-reason]")?;
    desktop.shot(&s, "07-reopen-form")?;
    s.click("[data-testid=reopen-form] button.ghost")?;
    s.find("[data-testid=hash]")?;

    // The receipt, in the customer's language, read back.
    s.click("[data-testid=tab-receipt]")?;
    s.click("[data-testid=make-receipt]")?;
    let saved = s.text("[data-testid=receipt-file]")?;
    desktop.shot(&s, "08-receipt")?;
    let pdf = laptop.join("receipts").join(format!("{number}-a4.pdf"));
    assert!(saved.contains(&pdf.display().to_string()), "{saved}");
    let text = String::from_utf8(Command::new("pdftotext").arg(&pdf).arg("-").output()?.stdout)?;
    assert!(text.contains(&number) && text.contains(&hash) && text.contains("冷却风扇电机烧毁"), "{text}");

    // HQ goes away: the bar says offline; it comes back: online, nothing pending.
    s.click("[data-testid=move-departed]")?;
    hq.kill9()?;
    s.click("[data-testid=sync-now]")?;
    s.wait_for(
        "offline",
        "return document.querySelector('[data-testid=sync-state]').dataset.state === 'offline'",
        Duration::from_secs(30),
    )?;
    desktop.shot(&s, "09-offline")?;
    hq.restart()?;
    s.click("[data-testid=sync-now]")?;
    s.wait_for(
        "online with nothing pending",
        "const bar = document.querySelector('[data-testid=sync-state]'); return bar.dataset.state === 'online' && document.querySelector('[data-testid=pending]').textContent.startsWith('0')",
        Duration::from_secs(60),
    )?;
    desktop.shot(&s, "10-back-online")?;

    // My month counts today's visit, and what the customer accepted to pay for the misused part.
    s.click("[data-testid=open-month]")?;
    s.find("[data-testid=month-charged]")?;
    let charged = s.text("[data-testid=month-charged]")?;
    assert!(charged.contains('¥') || charged.contains("CNY"), "the accepted quote is charged: {charged}");
    desktop.shot(&s, "11-my-month")?;
    s.keys("\u{E00C}")?;

    // Both languages at both sizes.
    for (lang, button) in [("en", "[data-testid=lang-en]"), ("zh", "[data-testid=lang-zh]")] {
        s.click("[data-testid=open-settings]")?;
        s.click(button)?;
        for (w, h) in [(1280, 800), (1024, 768)] {
            s.resize(w, h)?;
            s.click("[data-testid=open-settings]")?;
            desktop.shot(&s, &format!("20-settings-{lang}-{w}"))?;
            s.keys("\u{E00C}")?;
            s.find("[data-testid=job-list]")?;
            desktop.shot(&s, &format!("21-jobs-{lang}-{w}"))?;
            open_job(&s, &number)?;
            desktop.shot(&s, &format!("22-job-{lang}-{w}"))?;
            for tab in ["report", "parts", "signOff", "receipt"] {
                s.click(&format!("[data-testid=tab-{tab}]"))?;
                desktop.shot(&s, &format!("23-{tab}-{lang}-{w}"))?;
            }
            s.keys("\u{E00C}")?;
            s.click("[data-testid=open-month]")?;
            s.find("[data-testid=month-completed]")?;
            desktop.shot(&s, &format!("24-month-{lang}-{w}"))?;
            s.keys("\u{E00C}")?;
        }
    }
    s.end()?;
    Ok(())
}

#[test]
#[ignore = "drives the real window: run with `make e2e`"]
fn the_window_opens_to_a_usable_list_of_ten_thousand_jobs_quickly() -> TestResult {
    let dir = tempfile::tempdir()?;
    {
        let store = Store::open(dir.path())?;
        let data = outpost_demo::generate(&outpost_demo::DemoConfig::new(7, 10_000, time::OffsetDateTime::now_utc()));
        outpost_store::demo::load(&store, &data)?;
    }
    let desktop = Desktop::start()?;
    // A first start warms the disk cache the way a laptop that ran yesterday has it.
    let warm = desktop.open(dir.path())?;
    warm.find("body[data-ready]")?;
    warm.end()?;
    let started = Instant::now();
    let s = desktop.open(dir.path())?;
    s.wait_for("the job list", "return document.body.dataset.ready !== undefined", Duration::from_secs(30))?;
    let elapsed = started.elapsed();
    let in_page = s.script("return Number(document.body.dataset.ready)", json!([]))?;
    let rows = s.script("return document.querySelectorAll('.rows li').length", json!([]))?;
    desktop.shot(&s, "30-ten-thousand-jobs")?;
    println!(
        "time to a usable job list (10,000 jobs, {rows} today): {} ms from starting the app, {} ms after the page began loading (budget < 1000 ms)",
        elapsed.as_millis(),
        in_page
    );
    assert!(elapsed < Duration::from_secs(5), "the list is usable in {elapsed:?}");
    s.end()?;
    Ok(())
}
