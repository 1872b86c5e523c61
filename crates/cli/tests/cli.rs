//! The CLI as a script sees it: exit codes, stable JSON, errors in words.

use std::process::{Command, Output};

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn cli(dir: &std::path::Path, args: &[&str]) -> std::io::Result<Output> {
    Command::new(env!("CARGO_BIN_EXE_outpost-cli"))
        .env("OUTPOST_LANG", "en")
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .output()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn demo_then_list_and_show_as_json() -> TestResult {
    let dir = tempfile::tempdir()?;
    let out = cli(dir.path(), &["demo", "--jobs", "120"])?;
    assert!(out.status.success(), "{}", stderr(&out));
    let again = cli(dir.path(), &["demo"])?;
    assert!(!again.status.success());
    assert!(stderr(&again).contains("already holds 120 jobs"));

    let status: serde_json::Value = serde_json::from_slice(&cli(dir.path(), &["status", "--json"])?.stdout)?;
    assert_eq!(status["jobs"], 120);
    assert_eq!(status["pending_changes"], 0);

    let jobs: serde_json::Value = serde_json::from_slice(&cli(dir.path(), &["jobs", "--json"])?.stdout)?;
    let jobs = jobs.as_array().ok_or("an array")?;
    assert_eq!(jobs.len(), 120);
    let first = &jobs[0];
    for key in ["id", "number", "job_type", "status", "customer", "site", "scheduled_on", "window_from"] {
        assert!(first.get(key).is_some(), "jobs --json has {key}");
    }
    let number = first["number"].as_str().ok_or("a number")?;
    let shown: serde_json::Value =
        serde_json::from_slice(&cli(dir.path(), &["job", "show", number, "--json"])?.stdout)?;
    assert_eq!(shown["job"]["number"], *number);
    assert!(shown["quote"]["total"]["minor"].is_i64());
    Ok(())
}

#[test]
fn mistakes_exit_non_zero_with_a_message_that_says_what_to_do() -> TestResult {
    let dir = tempfile::tempdir()?;
    cli(dir.path(), &["demo", "--jobs", "60"])?;
    let today: serde_json::Value =
        serde_json::from_slice(&cli(dir.path(), &["jobs", "--when", "today", "--json"])?.stdout)?;
    let on_site = today
        .as_array()
        .and_then(|a| a.iter().find(|j| j["status"] == "on_site"))
        .and_then(|j| j["number"].as_str())
        .ok_or("a job on site today")?
        .to_owned();
    for (args, expected) in [
        (vec!["job", "show", "J-NOPE"], "job J-NOPE is not on this laptop"),
        (vec!["report", "set", &on_site, "labour_minutes", "-5"], "minutes cannot be negative"),
        (vec!["report", "set", &on_site, "cause", "x"], "'cause' is not a report field"),
        (vec!["rate", &on_site, "overall", "0"], "ratings go from 1"),
        (vec!["job", "transition", &on_site, "cancelled"], "Only HQ can move a job to cancelled"),
        (
            vec!["job", "transition", &on_site, "closed"],
            "from on_site it can go to completed, unresolved; HQ can move it to assigned, cancelled",
        ),
        (vec!["jobs", "--when", "yesterday"], "use today, overdue, upcoming or all"),
        (vec!["sign", &on_site, "--name", "李", "--png", "/nonexistent.png"], "cannot read /nonexistent.png"),
        (vec!["part", "request", &on_site, "NOPE-1", "1"], "NOPE-1"),
        (vec!["part", "request", &on_site, "FLT-0001", "0"], "request 1 to 10000 of a part"),
    ] {
        let out = cli(dir.path(), &args)?;
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(stderr(&out).contains(expected), "{args:?}: {}", stderr(&out));
    }
    let status: serde_json::Value = serde_json::from_slice(&cli(dir.path(), &["status", "--json"])?.stdout)?;
    assert_eq!(status["pending_changes"], 0, "refused commands wrote nothing");
    let chinese = Command::new(env!("CARGO_BIN_EXE_outpost-cli"))
        .env("OUTPOST_LANG", "zh-CN")
        .arg("--data-dir")
        .arg(dir.path())
        .args(["job", "transition", &on_site, "cancelled"])
        .output()?;
    assert_eq!(stderr(&chinese).trim(), "error: 只有总部才能把工单改为“已取消”，请联系调度员");

    let ok = cli(dir.path(), &["report", "set", &on_site, "fault_cause", "油封老化"])?;
    assert!(stdout(&ok).contains("still missing before signing"), "{}", stdout(&ok));

    let asked = cli(dir.path(), &["part", "request", &on_site, "FLT-0001", "2", "--note", "车上没有"])?;
    assert!(stdout(&asked).starts_with("requested 2 × FLT-0001 from HQ; due by"), "{}", stderr(&asked));
    let shown = stdout(&cli(dir.path(), &["job", "show", &on_site])?);
    assert!(shown.contains("parts requested from HQ:") && shown.contains("sent, due by"), "{shown}");
    Ok(())
}

#[test]
fn receipts_are_written_whole_in_either_layout_and_language() -> TestResult {
    let dir = tempfile::tempdir()?;
    cli(dir.path(), &["demo", "--jobs", "80"])?;
    let jobs: serde_json::Value = serde_json::from_slice(&cli(dir.path(), &["jobs", "--json"])?.stdout)?;
    let number_in = |status: &str| {
        jobs.as_array()
            .and_then(|a| a.iter().find(|j| j["status"] == status))
            .and_then(|j| j["number"].as_str())
            .map(str::to_owned)
            .ok_or(format!("a job {status}"))
    };
    let (signed, on_site) = (number_in("signed")?, number_in("on_site")?);
    for (job, layout, lang, expected) in [
        (&signed, "a4", "zh-CN", "售后服务回执"),
        (&signed, "80mm", "en", "Service visit receipt"),
        (&on_site, "a4", "en", "DRAFT"),
    ] {
        let pdf = dir.path().join(format!("{job}-{layout}-{lang}.pdf"));
        let pdf_arg = pdf.to_str().ok_or("a UTF-8 path")?;
        let out = cli(dir.path(), &["receipt", job, "--out", pdf_arg, "--layout", layout, "--lang", lang])?;
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(stdout(&out).contains("wrote"), "{}", stdout(&out));
        let text = Command::new("pdftotext").arg(&pdf).arg("-").output()?;
        let text = String::from_utf8(text.stdout)?;
        assert!(text.contains(expected) && text.contains(job.as_str()), "{job} {layout} {lang}:\n{text}");
        assert_eq!(
            text.contains("DRAFT") || text.contains("草稿"),
            job == &on_site,
            "only the unsigned one is a draft"
        );
    }
    let missing = dir.path().join("no-such-folder/r.pdf");
    for (args, expected) in [
        (vec!["receipt", &signed, "--out", "r.pdf", "--layout", "letter"], "use a4 or 80mm"),
        (vec!["receipt", &signed, "--out", "r.pdf", "--lang", "fr"], "use zh-CN or en"),
        (vec!["receipt", &signed, "--out", missing.to_str().ok_or("path")?], "choose a folder you can write to"),
    ] {
        let out = cli(dir.path(), &args)?;
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(stderr(&out).contains(expected), "{args:?}: {}", stderr(&out));
    }
    assert!(!missing.parent().ok_or("parent")?.exists(), "nothing partial is left behind");
    Ok(())
}

#[test]
fn leaving_before_the_customer_signs_needs_a_declared_reason() -> TestResult {
    let dir = tempfile::tempdir()?;
    cli(dir.path(), &["demo", "--jobs", "80"])?;
    let all: serde_json::Value =
        serde_json::from_slice(&cli(dir.path(), &["jobs", "--when", "all", "--json"])?.stdout)?;
    let unresolved = all
        .as_array()
        .and_then(|a| a.iter().find(|j| j["status"] == "unresolved"))
        .and_then(|j| j["number"].as_str())
        .ok_or("an unresolved demo job")?
        .to_owned();
    let plain = cli(dir.path(), &["job", "transition", &unresolved, "departed"])?;
    assert!(!plain.status.success());
    assert!(stderr(&plain).contains("the customer has not signed the service report yet"), "{}", stderr(&plain));
    let vague = cli(dir.path(), &["job", "transition", &unresolved, "departed", "--unsigned", "other"])?;
    assert!(!vague.status.success());
    assert!(stderr(&vague).contains("note on leaving unsigned"), "{}", stderr(&vague));
    let bad = cli(dir.path(), &["job", "transition", &unresolved, "departed", "--unsigned", "busy"])?;
    assert!(stderr(&bad).contains("customer_absent, customer_refused"), "{}", stderr(&bad));
    let declared = cli(
        dir.path(),
        &["job", "transition", &unresolved, "departed", "--unsigned", "customer_absent", "--note", "客户外出"],
    )?;
    assert!(declared.status.success(), "{}", stderr(&declared));
    let shown: serde_json::Value =
        serde_json::from_slice(&cli(dir.path(), &["job", "show", &unresolved, "--json"])?.stdout)?;
    assert_eq!(shown["job"]["status"], "departed");
    assert_eq!(shown["job"]["left_unsigned"]["reason"], "customer_absent");
    assert_eq!(shown["job"]["left_unsigned"]["note"], "客户外出");
    let status: serde_json::Value = serde_json::from_slice(&cli(dir.path(), &["status", "--json"])?.stdout)?;
    assert_eq!(status["pending_changes"], 1, "HQ hears it with the next sync");
    Ok(())
}

/// The README's CLI examples, as printed, against a fresh demo folder (`make run`'s laptop is
/// one): each must succeed whatever day the demo was made.
#[test]
fn every_readme_example_works_as_printed() -> TestResult {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../README.md"))?;
    let examples: Vec<&str> =
        readme.lines().filter_map(|l| l.strip_prefix("    target/release/outpost-cli ")).collect();
    assert!(examples.len() >= 4, "the README shows the CLI: {examples:?}");
    let dir = tempfile::tempdir()?;
    let demo = Command::new(env!("CARGO_BIN_EXE_outpost-cli"))
        .current_dir(dir.path())
        .args(["--data-dir", "demo-data", "demo"])
        .output()?;
    assert!(demo.status.success(), "{}", stderr(&demo));
    for example in examples {
        let out = Command::new(env!("CARGO_BIN_EXE_outpost-cli"))
            .current_dir(dir.path())
            .env("OUTPOST_LANG", "en")
            .args(example.split_whitespace())
            .output()?;
        assert!(out.status.success(), "`outpost-cli {example}`: {}", stderr(&out));
        assert!(!stdout(&out).trim().is_empty(), "`outpost-cli {example}` prints something");
    }
    assert!(dir.path().join("receipt.pdf").is_file());
    Ok(())
}

#[test]
fn amounts_are_grouped_as_english_reads_them() -> TestResult {
    let dir = tempfile::tempdir()?;
    cli(dir.path(), &["demo", "--jobs", "20"])?;
    let found = cli(dir.path(), &["part", "find", "FLT"])?;
    assert!(found.status.success(), "{}", stderr(&found));
    let prices: Vec<String> = stdout(&found).lines().filter_map(|l| l.split('\t').nth(2)).map(str::to_owned).collect();
    assert!(!prices.is_empty());
    let grouped = |p: &str| {
        let Some((major, minor)) = p.strip_prefix("CNY ").and_then(|a| a.split_once('.')) else { return false };
        let groups: Vec<&str> = major.split(',').collect();
        minor.len() == 2
            && groups[0].len() <= 3
            && groups[1..].iter().all(|g| g.len() == 3)
            && groups.iter().all(|g| !g.is_empty() && g.chars().all(|c| c.is_ascii_digit()))
    };
    assert!(prices.iter().all(|p| grouped(p)), "{prices:?}");
    assert!(prices.iter().any(|p| p.contains(',')), "a part of 1,000 or more: {prices:?}");
    Ok(())
}
