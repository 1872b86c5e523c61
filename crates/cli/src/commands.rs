//! What each command does: open the data folder, call one action of the engineer's laptop
//! (`outpost-laptop`, the same the desktop app calls), print.

use outpost_demo::{DemoConfig, generate};
use outpost_domain::customer::Language;
use outpost_domain::job::{JobStatus, UnsignedReason};
use outpost_domain::part::FaultOrigin;
use outpost_domain::rating::Dimension;
use outpost_domain::report::ReportField;
use outpost_laptop::Laptop;
use outpost_store::parse_check_state;
use time::{OffsetDateTime, UtcOffset};

use crate::error::{CliError, Result};
use crate::print;
use crate::{Cli, Command, JobCommand, PartCommand, RefusedCommand, ReportCommand};

/// The moment a command runs, and the laptop's time zone for "today".
#[derive(Debug, Clone, Copy)]
pub struct Clock {
    pub now: OffsetDateTime,
    pub offset: UtcOffset,
}

/// Runs one command.
pub fn run(cli: Cli, clock: Clock) -> Result<()> {
    let laptop = Laptop::open(&cli.data_dir, clock.offset)?;
    let now = clock.now;
    match cli.command {
        Command::Demo { jobs, seed } => demo(&laptop, jobs, seed, clock),
        Command::Enroll { hq, code, device_name } => {
            let engineer = laptop.enroll(&hq, &code, device_name.as_deref())?;
            out!("enrolled as {} with {hq}; run `sync` to download your jobs", engineer.name);
            Ok(())
        }
        Command::Sync { watch: false } => {
            let report = laptop.sync_once()?;
            let status = laptop.status(now)?;
            let (pending, refused) = (status.pending_changes, status.rejected_changes);
            out!(
                "synced: {} changes sent ({} refused by HQ), {} received, {} files uploaded",
                report.pushed,
                report.refused,
                report.pulled,
                report.files
            );
            if let Some(warning) = report.clock_offset_secs.and_then(clock_warning) {
                out!("{warning}");
            }
            if report.renumbered > 0 {
                out!(
                    "this data folder is a restored or copied one: HQ already held other changes under its numbers; \
                     its {} waiting changes took a new client id and were sent again",
                    report.renumbered
                );
            }
            for message in &status.set_aside_files {
                out!("  set aside: {message}");
            }
            for m in laptop.refused(20)? {
                out!(
                    "  refused {}: {} on job {}: {} (`refused dismiss {}` once read)",
                    m.number,
                    m.change.kind(),
                    m.change.job_id(),
                    m.rejected.unwrap_or_default(),
                    m.number
                );
            }
            if pending > 0 {
                return Err(CliError::Refused(format!(
                    "{pending} changes are still waiting for HQ ({refused} refused)"
                )));
            }
            Ok(())
        }
        Command::Sync { watch: true } => {
            let _loop = outpost_sync::watch::SyncLoop::start(laptop.store().clone(), |s| {
                eprintln!(
                    "{} sync: {:?}, {} waiting, {} refused, last sync {}{}",
                    outpost_sync::watch::now_text(),
                    s.state,
                    s.pending,
                    s.refused,
                    s.last_success.as_deref().unwrap_or("never"),
                    s.last_error.as_ref().map(|e| format!(" — {}", e.en)).unwrap_or_default()
                );
            });
            loop {
                std::thread::park();
            }
        }
        Command::Refused { command: None } => {
            let refused = laptop.refused(1_000)?;
            if refused.is_empty() {
                out!("HQ refused nothing that is still listed");
            }
            let language = crate::error::language();
            for m in refused {
                out!(
                    "{}\t{}\t{}\t{}",
                    m.number,
                    m.change.kind(),
                    m.change.job_id(),
                    m.reason(language).unwrap_or_default()
                );
            }
            Ok(())
        }
        Command::Refused { command: Some(RefusedCommand::Dismiss { number }) } => {
            laptop.dismiss_refused(number, now)?;
            out!("refused change {number} set aside");
            Ok(())
        }
        Command::Status { json } => status(&laptop, clock, json),
        Command::Kpis { month, json } => {
            let figures = laptop.kpis(month.as_deref(), now)?;
            if json { print::json(&figures) } else { print::figures(&figures, crate::error::language()) }
        }
        Command::Month { month, json } => {
            let mine = laptop.my_month(month.as_deref(), now)?;
            if json { print::json(&mine) } else { print::my_month(&mine, crate::error::language()) }
        }
        Command::Jobs { when, search, json } => list_jobs(&laptop, clock, &when, search.as_deref(), json),
        Command::Search { query, json } => {
            let hits = laptop.search(&query, 50)?;
            if json { print::json(&hits) } else { hits.iter().try_for_each(print::hit) }
        }
        Command::Job { command: JobCommand::Show { job, json } } => {
            let detail = laptop.job(laptop.find_job(&job)?)?;
            if json { print::json(&detail) } else { print::detail(&detail, clock.offset) }
        }
        Command::Job { command: JobCommand::Transition { job, state, reason, promised_on, unsigned, note } } => {
            let id = laptop.find_job(&job)?;
            let to = JobStatus::parse(&state)?;
            let event = match unsigned {
                Some(why) if to == JobStatus::Departed => {
                    laptop.leave_unsigned(id, UnsignedReason::parse(&why)?, note.as_deref().unwrap_or(""), now)?
                }
                Some(_) => {
                    return Err(CliError::Refused(
                        "--unsigned is for leaving the site: `job transition JOB departed --unsigned REASON`".into(),
                    ));
                }
                None => laptop.transition(id, to, reason, promised_on.as_deref(), now)?,
            };
            out!("{}: {} → {}", job, event.from, event.to);
            Ok(())
        }
        Command::Report { command: ReportCommand::Set { job, field, value } } => {
            let id = laptop.find_job(&job)?;
            laptop.set_report_field(id, ReportField::parse(&field)?, &value, now)?;
            print::missing(&laptop.job(id)?.missing)
        }
        Command::Report { command: ReportCommand::Check { job, item, answer, note } } => {
            let id = laptop.find_job(&job)?;
            laptop.set_check(id, &item, parse_check_state(&answer)?, &note, now)?;
            print::missing(&laptop.job(id)?.missing)
        }
        Command::Report { command: ReportCommand::Reopen { job, reason } } => {
            let id = laptop.find_job(&job)?;
            let event = laptop.reopen_report(id, &reason, now)?;
            out!("{}: {} → {}; {}", job, event.from, event.to, event.note.unwrap_or_default());
            out!("correct the report, then have the customer sign the new revision");
            Ok(())
        }
        Command::Part { command: PartCommand::Add { job, part_code, quantity, misuse } } => {
            let id = laptop.find_job(&job)?;
            let origin = if misuse { FaultOrigin::Misuse } else { FaultOrigin::Quality };
            let line = laptop.add_part(id, &part_code, quantity, origin, now)?;
            let quote = laptop.job(id)?.quote;
            if let Some(priced) = quote.lines.iter().find(|l| l.part_line_id == line.id) {
                out!(
                    "{} × {}: {} ({})",
                    priced.quantity,
                    priced.part_code,
                    priced.total.words(Language::En),
                    priced.explain_en()
                );
            }
            out!("total: {}", quote.total.words(Language::En));
            Ok(())
        }
        Command::Part { command: PartCommand::Request { job, part_code, quantity, misuse, note } } => {
            let id = laptop.find_job(&job)?;
            let origin = if misuse { FaultOrigin::Misuse } else { FaultOrigin::Quality };
            let r = laptop.request_parts(id, &part_code, quantity, origin, &note, now)?;
            out!(
                "requested {} × {} from HQ; due by {} at the latest; sync to send it",
                r.quantity,
                r.part_code,
                r.due_by()
            );
            Ok(())
        }
        Command::Part { command: PartCommand::Find { text } } => {
            for found in laptop.find_parts(&text, now)? {
                out!("{}", print::found_part(&found));
            }
            Ok(())
        }
        Command::Rate { job, dimension, rating } => {
            laptop.rate(laptop.find_job(&job)?, Dimension::parse(&dimension)?, rating, now)?;
            Ok(())
        }
        Command::SurveyComment { job, text } => {
            laptop.survey_comment(laptop.find_job(&job)?, &text, now)?;
            Ok(())
        }
        Command::DeclineRating { job } => {
            laptop.decline_rating(laptop.find_job(&job)?, now)?;
            Ok(())
        }
        Command::AcceptQuote { job, name, method } => {
            let acceptance = laptop.accept_quote(laptop.find_job(&job)?, &name, &method, now)?;
            out!("accepted {} by {}", acceptance.total.words(Language::En), acceptance.accepted_by);
            Ok(())
        }
        Command::Receipt { job, out, layout, lang } => {
            let saved = laptop.save_receipt(laptop.find_job(&job)?, &layout, lang.as_deref(), out.as_deref())?;
            out!("wrote {} ({} KB)", saved.path.display(), saved.bytes.div_ceil(1024));
            Ok(())
        }
        Command::Sign { job, name, png, strokes } => {
            let id = laptop.find_job(&job)?;
            let unread = |path: &std::path::PathBuf| {
                let path = path.display().to_string();
                move |source| CliError::Read { path, source }
            };
            let bytes = std::fs::read(&png).map_err(unread(&png))?;
            let strokes = strokes.as_ref().map(|p| std::fs::read_to_string(p).map_err(unread(p))).transpose()?;
            let signature = laptop.sign(id, &name, &bytes, strokes.as_deref(), now)?;
            out!("signed by {}; report hash {}", signature.signer_name, signature.short_hash());
            Ok(())
        }
    }
}

fn demo(laptop: &Laptop, jobs: usize, seed: u64, clock: Clock) -> Result<()> {
    let store = laptop.store();
    let existing = laptop.status(clock.now)?.jobs;
    if existing > 0 {
        return Err(CliError::Refused(format!(
            "{} already holds {existing} jobs: use an empty data folder for demo data",
            store.path().display()
        )));
    }
    let mut cfg = DemoConfig::new(seed, jobs, clock.now);
    cfg.utc_offset = clock.offset;
    let data = generate(&cfg);
    let loaded = outpost_store::demo::load(store, &data)?;
    out!("loaded {loaded} demo jobs for {} into {}", data.engineers[0].name, store.path().display());
    Ok(())
}

/// The warning for a laptop clock this far off HQ's, when it is worth one.
fn clock_warning(seconds: i64) -> Option<String> {
    outpost_domain::clock::offset_warning(time::Duration::seconds(seconds))
}

fn status(laptop: &Laptop, clock: Clock, json: bool) -> Result<()> {
    let status = laptop.status(clock.now)?;
    if json {
        return print::json(&status);
    }
    match &status.engineer {
        Some(e) => out!("engineer: {} ({})", e.name, e.id),
        None => out!("engineer: not enrolled"),
    }
    out!("HQ: {}", status.hq.as_deref().unwrap_or("not enrolled"));
    out!("last sync: {}", status.last_sync.as_deref().unwrap_or("never"));
    out!("jobs: {} ({} today)", status.jobs, status.today);
    out!("changes waiting for HQ: {} ({} refused)", status.pending_changes, status.rejected_changes);
    out!("files waiting for HQ: {}", status.queued_files);
    for message in &status.set_aside_files {
        out!("set aside: {message}");
    }
    if let Some(warning) = status.clock_offset_secs.and_then(clock_warning) {
        out!("{warning}");
    }
    if status.hq_newer {
        out!("HQ is newer than this app: update it (some of what HQ sends is not shown here)");
    }
    Ok(())
}

fn list_jobs(laptop: &Laptop, clock: Clock, when: &str, query: Option<&str>, json: bool) -> Result<()> {
    // A script gets every job of the list.
    let list = laptop.jobs(when, query, clock.now, 100_000)?;
    if json {
        return print::json(&list);
    }
    if list.is_empty() {
        out!("no jobs");
    }
    for j in &list {
        print::summary(j, clock.offset)?;
    }
    Ok(())
}
