//! `outpost-cli`: the headless twin of the desktop app over the same data folder.

#[macro_use]
mod print;
mod commands;
mod error;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Outpost for scripts, support and tests: the same data folder as the desktop app.
#[derive(Debug, Parser)]
#[command(name = "outpost-cli", version, about)]
struct Cli {
    /// The data folder (the desktop app's, or any other).
    #[arg(long, value_name = "DIR")]
    data_dir: PathBuf,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Loads demo data (one engineer's laptop) into an empty data folder.
    Demo {
        /// How many jobs.
        #[arg(long, default_value_t = 2000)]
        jobs: usize,
        /// The random seed; the same seed gives the same data.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Enrolls this data folder with HQ using a one-time code from the dispatcher.
    Enroll {
        /// HQ's address, e.g. https://hq.example.com (http:// only for a server on this machine).
        #[arg(long)]
        hq: String,
        /// The one-time enrollment code.
        #[arg(long)]
        code: String,
        /// A name for this laptop as HQ lists it (default: the host name).
        #[arg(long)]
        device_name: Option<String>,
    },
    /// One full sync with HQ; exits 0 when everything went out and the download is complete.
    Sync {
        /// Keep syncing in the background loop, status lines on stderr, until stopped.
        #[arg(long)]
        watch: bool,
    },
    /// The changes HQ refused, numbered, with HQ's reasons; `refused dismiss N` sets one aside
    /// once read.
    Refused {
        #[command(subcommand)]
        command: Option<RefusedCommand>,
    },
    /// This engineer's figures of a month (月度统计), by the rules HQ counts with, from the jobs
    /// this laptop holds.
    Kpis {
        /// `YYYY-MM` (default: this month).
        #[arg(long)]
        month: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// This engineer's own month (My month): the monthly statistics HQ keeps for them, counted
    /// from the jobs this laptop holds — visits, outcomes, ratings, complaints, repeat repairs,
    /// pass rates, parts, charges and the figures.
    Month {
        /// `YYYY-MM` (default: this month).
        #[arg(long)]
        month: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Who this laptop belongs to, how many jobs it holds and what waits for HQ.
    Status {
        #[arg(long)]
        json: bool,
    },
    /// Lists jobs.
    Jobs {
        /// today, overdue, upcoming or all.
        #[arg(long, default_value = "all")]
        when: String,
        /// Only jobs matching this search (customer, site, equipment, fault, report text).
        #[arg(long)]
        search: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// One job.
    Job {
        #[command(subcommand)]
        command: JobCommand,
    },
    /// Searches customers, equipment, jobs and reports.
    Search {
        query: String,
        #[arg(long)]
        json: bool,
    },
    /// The service report.
    Report {
        #[command(subcommand)]
        command: ReportCommand,
    },
    /// Parts used on a job.
    Part {
        #[command(subcommand)]
        command: PartCommand,
    },
    /// A satisfaction rating (1-5) for one dimension: timeliness, attitude, quality, overall.
    Rate {
        job: String,
        dimension: String,
        #[arg(allow_hyphen_values = true)]
        rating: i64,
    },
    /// Records the customer's comment on the survey (评价意见); empty clears it.
    SurveyComment { job: String, text: String },
    /// Records that the customer declined the satisfaction survey.
    DeclineRating { job: String },
    /// Records the customer's acceptance of the quote as it stands.
    AcceptQuote {
        job: String,
        #[arg(long)]
        name: String,
        /// signature or confirmation.
        #[arg(long, default_value = "confirmation")]
        method: String,
    },
    /// The customer signs the report with a PNG of their signature.
    Sign {
        job: String,
        #[arg(long)]
        name: String,
        #[arg(long, value_name = "FILE")]
        png: PathBuf,
        /// The pen strokes the signature pad recorded (JSON), kept and sent with the image.
        #[arg(long, value_name = "FILE")]
        strokes: Option<PathBuf>,
    },
    /// Makes the visit receipt of a job as PDF (marked as a draft until the report is signed).
    Receipt {
        job: String,
        /// Where to write it (default: `<data folder>/receipts/<job number>-<layout>.pdf`, where the app keeps them).
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// a4 or 80mm (a thermal roll).
        #[arg(long, default_value = "a4")]
        layout: String,
        /// zh-CN or en (default: the customer's language).
        #[arg(long)]
        lang: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
enum RefusedCommand {
    /// Sets aside refused change N (as `refused` numbers it): it is no longer listed or counted.
    Dismiss { number: i64 },
}

#[derive(Debug, Subcommand)]
enum JobCommand {
    /// Shows a job: customer, site, equipment, report, parts, quote, events, history.
    Show {
        job: String,
        #[arg(long)]
        json: bool,
    },
    /// Moves a job: en_route, on_site, completed, unresolved, departed.
    Transition {
        job: String,
        state: String,
        /// Why (unresolved).
        #[arg(long)]
        reason: Option<String>,
        /// The date promised to the customer (unresolved), YYYY-MM-DD.
        #[arg(long)]
        promised_on: Option<String>,
        /// Leave (departed) before the customer signed, saying why: customer_absent,
        /// customer_refused or other (needs --note).
        #[arg(long, value_name = "REASON")]
        unsigned: Option<String>,
        /// What happened, with --unsigned.
        #[arg(long, value_name = "TEXT", requires = "unsigned")]
        note: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
enum ReportCommand {
    /// Sets one field; an empty value clears it.
    Set {
        job: String,
        field: String,
        #[arg(allow_hyphen_values = true)]
        value: String,
    },
    /// Answers an inspection checklist item: ok, or issue with a note.
    Check {
        job: String,
        item: String,
        answer: String,
        #[arg(default_value = "")]
        note: String,
    },
    /// Reopens the signed report for a correction, before leaving the site: the signed revision
    /// and its receipt are kept, the report goes on as the next revision to be signed again.
    Reopen {
        job: String,
        /// What is corrected and why, for the customer and HQ.
        #[arg(long)]
        reason: String,
    },
}

#[derive(Debug, Subcommand)]
enum PartCommand {
    /// Adds a catalogue part by code.
    Add {
        job: String,
        part_code: String,
        #[arg(allow_hyphen_values = true)]
        quantity: i64,
        /// The part failed through misuse (人为损坏), not a quality fault.
        #[arg(long)]
        misuse: bool,
    },
    /// Asks HQ for a part the van does not hold (补件申请); HQ answers with a delivery date.
    Request {
        job: String,
        part_code: String,
        #[arg(allow_hyphen_values = true)]
        quantity: i64,
        /// The old part failed through misuse (人为损坏), not a quality fault.
        #[arg(long)]
        misuse: bool,
        /// Why, for the dispatcher.
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Finds catalogue parts by code or name.
    Find { text: String },
}

fn main() -> ExitCode {
    // The local offset can only be read safely while the process has one thread: read it first.
    let offset = time::UtcOffset::current_local_offset().unwrap_or(time::UtcOffset::UTC);
    let clock = commands::Clock { now: time::OffsetDateTime::now_utc(), offset };
    let cli = Cli::parse();
    match commands::run(cli, clock) {
        Ok(()) | Err(error::CliError::StdoutClosed) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {}", e.render(error::language()));
            ExitCode::FAILURE
        }
    }
}
