//! What each command does: open the store, call one library function, print.

use outpost_demo::{DemoConfig, generate};
use outpost_domain::customer::Language;
use outpost_domain::ids::{JobId, PartLineId, PartsRequestId};
use outpost_domain::job::{JobStatus, MoveDetails};
use outpost_domain::part::FaultOrigin;
use outpost_domain::rating::Dimension;
use outpost_domain::report::ReportField;
use outpost_receipt::PageLayout;
use outpost_store::jobs::{self, JobFilter};
use outpost_store::search;
use outpost_store::{Store, blobs, detail, device, outbox, parse_acceptance_method, parse_check_state, parts};
use serde::Serialize;
use time::{Date, OffsetDateTime, UtcOffset};
use uuid::Uuid;

use crate::error::{CliError, Result};
use crate::print;
use crate::{Cli, Command, JobCommand, PartCommand, ReportCommand};

/// The moment a command runs, and the laptop's time zone for "today".
#[derive(Debug, Clone, Copy)]
pub struct Clock {
    pub now: OffsetDateTime,
    pub offset: UtcOffset,
}

impl Clock {
    fn today(&self) -> Date {
        self.now.to_offset(self.offset).date()
    }
}

/// Runs one command.
pub fn run(cli: Cli, clock: Clock) -> Result<()> {
    let store = Store::open(&cli.data_dir)?;
    let now = clock.now;
    match cli.command {
        Command::Demo { jobs, seed } => demo(&store, jobs, seed, clock),
        Command::Enroll { hq, code, device_name } => {
            let name = device_name.unwrap_or_else(outpost_sync::device_name);
            let engineer = outpost_sync::enroll(&store, &hq, &code, &name)?;
            out!("enrolled as {} with {hq}; run `sync` to download your jobs", engineer.name);
            Ok(())
        }
        Command::Sync { watch: false } => {
            let report = outpost_sync::sync_once(&store)?;
            let (pending, refused) = store.read(|c| Ok((outbox::pending_count(c)?, outbox::rejected_count(c)?)))?;
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
            for file in store.read(blobs::set_aside_files)? {
                out!("  set aside: {}", file.message());
            }
            for m in store.read(|c| outbox::rejected(c, 20))? {
                out!("  refused: {} on job {}: {}", m.change.kind(), m.change.job_id(), m.rejected.unwrap_or_default());
            }
            if pending > 0 {
                return Err(CliError::Refused(format!(
                    "{pending} changes are still waiting for HQ ({refused} refused)"
                )));
            }
            Ok(())
        }
        Command::Sync { watch: true } => {
            let store = std::sync::Arc::new(store);
            let _loop = outpost_sync::watch::SyncLoop::start(store, |s| {
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
        Command::Status { json } => status(&store, clock, json),
        Command::Jobs { when, search, json } => list_jobs(&store, clock, &when, search.as_deref(), json),
        Command::Search { query, json } => {
            let hits = store.read(|c| search::search(c, &query, 50))?;
            if json { print::json(&hits) } else { hits.iter().try_for_each(print::hit) }
        }
        Command::Job { command: JobCommand::Show { job, json } } => {
            let id = find_job(&store, &job)?;
            let detail = store.read(|c| detail::job_detail(c, id))?;
            if json { print::json(&detail) } else { print::detail(&detail, clock.offset) }
        }
        Command::Job { command: JobCommand::Transition { job, state, reason, promised_on } } => {
            let id = find_job(&store, &job)?;
            let to = JobStatus::parse(&state)?;
            let promised_on = promised_on.as_deref().map(parse_date).transpose()?;
            let event = store.transition_job(id, to, MoveDetails { reason, promised_on, engineer: None }, now)?;
            out!("{}: {} → {}", job, event.from, event.to);
            Ok(())
        }
        Command::Report { command: ReportCommand::Set { job, field, value } } => {
            let id = find_job(&store, &job)?;
            let field = ReportField::parse(&field)?;
            store.set_report_field(id, field, &value, now)?;
            print::missing(&store.read(|c| detail::job_detail(c, id))?.missing)
        }
        Command::Report { command: ReportCommand::Check { job, item, answer, note } } => {
            let id = find_job(&store, &job)?;
            store.set_check(id, &item, parse_check_state(&answer)?, &note, now)?;
            print::missing(&store.read(|c| detail::job_detail(c, id))?.missing)
        }
        Command::Part { command: PartCommand::Add { job, part_code, quantity, misuse } } => {
            let id = find_job(&store, &job)?;
            let origin = if misuse { FaultOrigin::Misuse } else { FaultOrigin::Quality };
            let line = store.add_part_line(id, PartLineId(Uuid::now_v7()), &part_code, quantity, origin, now)?;
            let quote = store.read(|c| detail::job_detail(c, id))?.quote;
            if let Some(priced) = quote.lines.iter().find(|l| l.part_line_id == line.id) {
                out!("{} × {}: {} ({})", priced.quantity, priced.part_code, priced.total, priced.explain_en());
            }
            out!("total: {}", quote.total);
            Ok(())
        }
        Command::Part { command: PartCommand::Request { job, part_code, quantity, misuse, note } } => {
            let id = find_job(&store, &job)?;
            let origin = if misuse { FaultOrigin::Misuse } else { FaultOrigin::Quality };
            let request = PartsRequestId(Uuid::now_v7());
            let r = store.request_parts(id, request, &part_code, quantity, origin, &note, now)?;
            out!(
                "requested {} × {} from HQ; due by {} at the latest; sync to send it",
                r.quantity,
                r.part_code,
                r.due_by()
            );
            Ok(())
        }
        Command::Part { command: PartCommand::Find { text } } => {
            for p in store.read(|c| parts::find(c, &text, 30))? {
                out!("{}\t{}\t{}", p.code, p.name, p.unit_price);
            }
            Ok(())
        }
        Command::Rate { job, dimension, rating } => {
            let id = find_job(&store, &job)?;
            store.rate(id, Dimension::parse(&dimension)?, rating, now)?;
            Ok(())
        }
        Command::SurveyComment { job, text } => {
            let id = find_job(&store, &job)?;
            store.set_rating_comment(id, &text, now)?;
            Ok(())
        }
        Command::DeclineRating { job } => {
            let id = find_job(&store, &job)?;
            store.decline_rating(id, now)?;
            Ok(())
        }
        Command::AcceptQuote { job, name, method } => {
            let id = find_job(&store, &job)?;
            let acceptance = store.accept_quote(id, &name, parse_acceptance_method(&method)?, now)?;
            out!("accepted {} by {}", acceptance.total, acceptance.accepted_by);
            Ok(())
        }
        Command::Receipt { job, out, layout, lang } => {
            let layout = PageLayout::parse(&layout)?;
            let language = lang.as_deref().map(Language::parse).transpose()?;
            let (pdf, _) =
                outpost_receipt::receipt_for(&store, find_job(&store, &job)?, layout, language, clock.offset)?;
            outpost_receipt::save_receipt(&out, &pdf)?;
            out!("wrote {} ({} KB)", out.display(), pdf.len().div_ceil(1024));
            Ok(())
        }
        Command::Sign { job, name, png } => {
            let id = find_job(&store, &job)?;
            let bytes =
                std::fs::read(&png).map_err(|source| CliError::Read { path: png.display().to_string(), source })?;
            let signature = store.sign_report(id, &name, &bytes, now)?;
            out!("signed by {}; report hash {}", signature.signer_name, signature.short_hash());
            Ok(())
        }
    }
}

fn find_job(store: &Store, id_or_number: &str) -> Result<JobId> {
    Ok(store.read(|c| jobs::find(c, id_or_number))?.id)
}

fn parse_date(s: &str) -> Result<Date> {
    Ok(outpost_domain::calendar::parse_date(outpost_domain::field::Field::PromisedDate, s)?)
}

fn demo(store: &Store, jobs: usize, seed: u64, clock: Clock) -> Result<()> {
    let existing = store.read(|c| outpost_store::jobs::count(c, JobFilter::All, time::Date::MIN))?;
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

#[derive(Debug, Serialize)]
struct Status {
    engineer: Option<EngineerOut>,
    hq: Option<String>,
    last_sync: Option<String>,
    jobs: u64,
    today: u64,
    pending_changes: u64,
    rejected_changes: u64,
    queued_files: u64,
    /// Files missing or damaged on this laptop, each with what to do.
    set_aside_files: Vec<String>,
    /// How far this laptop's clock was ahead of HQ's at the last sync (negative: behind).
    clock_offset_secs: Option<i64>,
    /// HQ speaks a newer sync protocol or sent records this app does not know: update the app.
    hq_newer: bool,
}

/// The warning for a laptop clock this far off HQ's, when it is worth one.
fn clock_warning(seconds: i64) -> Option<String> {
    outpost_domain::clock::offset_warning(time::Duration::seconds(seconds))
}

#[derive(Debug, Serialize)]
struct EngineerOut {
    id: String,
    name: String,
}

fn status(store: &Store, clock: Clock, json: bool) -> Result<()> {
    let status = store.read(|c| {
        Ok(Status {
            engineer: device::engineer(c)?.map(|e| EngineerOut { id: e.id.to_text(), name: e.name }),
            hq: device::enrollment(c)?.map(|e| e.hq_url),
            last_sync: device::last_sync(c)?,
            jobs: jobs::count(c, JobFilter::All, clock.today())?,
            today: jobs::count(c, JobFilter::Today, clock.today())?,
            pending_changes: outbox::pending_count(c)?,
            rejected_changes: outbox::rejected_count(c)?,
            queued_files: blobs::queued_count(c)?,
            set_aside_files: blobs::set_aside_files(c)?.iter().map(blobs::SetAsideFile::message).collect(),
            clock_offset_secs: device::clock_offset(c)?,
            hq_newer: device::hq_is_newer(c, outpost_sync::PROTOCOL)?,
        })
    })?;
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

fn list_jobs(store: &Store, clock: Clock, when: &str, query: Option<&str>, json: bool) -> Result<()> {
    let filter = JobFilter::parse(when)?;
    // A script gets every job of the list.
    let list = store.read(|c| search::shown(c, filter, query, clock.today(), 100_000))?;
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
