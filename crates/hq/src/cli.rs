//! The `outpost-hq` command line: `serve`, and `admin` commands for engineers, tokens and demo
//! data. In the library so test binaries can run the very same server as a process.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use crate::db::Db;
use crate::{AppError, AppState, admin, app};
use clap::{Args, Parser, Subcommand};
use time::OffsetDateTime;

/// Outpost HQ: dispatch API and sync for the field laptops.
#[derive(Debug, Parser)]
#[command(name = "outpost-hq", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// Where HQ keeps its data.
#[derive(Debug, Args)]
struct Storage {
    /// The folder of the SQLite database (hq.sqlite).
    #[arg(long, value_name = "DIR", required_unless_present = "database_url")]
    data_dir: Option<PathBuf>,
    /// A PostgreSQL database instead, e.g. postgres://user@127.0.0.1:5432/outpost.
    #[arg(long, value_name = "URL")]
    database_url: Option<String>,
}

impl Storage {
    fn open(&self) -> Result<Db, AppError> {
        match (&self.database_url, &self.data_dir) {
            (Some(url), _) => Db::open_postgres(url),
            (None, Some(dir)) => Db::open_sqlite(dir),
            (None, None) => Err(AppError::setup("give --data-dir DIR or --database-url URL")),
        }
    }
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Serves the API until SIGTERM or Ctrl-C.
    Serve {
        #[command(flatten)]
        storage: Storage,
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1:8730")]
        listen: SocketAddr,
        /// Mark the console's session cookie Secure (HQ is reached over TLS, through a proxy
        /// in front of it); without it, only requests the proxy marks `X-Forwarded-Proto:
        /// https` get a Secure cookie.
        #[arg(long)]
        secure_cookies: bool,
    },
    /// Administration.
    Admin {
        #[command(flatten)]
        storage: Storage,
        #[command(subcommand)]
        command: AdminCommand,
    },
}

#[derive(Debug, Subcommand)]
enum AdminCommand {
    /// Engineers.
    Engineer {
        #[command(subcommand)]
        command: EngineerCommand,
    },
    /// People at HQ who sign in to the console.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Prints a new dispatcher token (for scripts) as the last line.
    DispatcherToken,
    /// Loads demo data and prints `<engineer name>\t<enrollment code>` per demo engineer.
    SeedDemo {
        #[arg(long, default_value_t = 400)]
        jobs: usize,
    },
    /// Revokes a laptop's token (its client id).
    RevokeDevice { client_id: String },
    /// Maintenance plans.
    Plans {
        #[command(subcommand)]
        command: PlansCommand,
    },
}

#[derive(Debug, Subcommand)]
enum PlansCommand {
    /// Runs the day's work (planned visits' jobs, callbacks) as `serve` does, for a given day,
    /// and prints one line per job it made: number, work, due day, serial, engineer.
    Run {
        /// The day to run for, YYYY-MM-DD (HQ's today when not given).
        #[arg(long, value_name = "YYYY-MM-DD")]
        today: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
enum UserCommand {
    /// Lets a person sign in and prints their one-time password as the last line (they
    /// choose their own at first sign-in).
    Add {
        #[arg(long)]
        name: String,
        /// `dispatcher`, `manager` (also people and settings) or `viewer` (reads only).
        #[arg(long)]
        role: String,
    },
    /// Prints a new one-time password for a person who forgot theirs as the last line; their
    /// sessions end.
    Reset {
        #[arg(long)]
        name: String,
    },
}

#[derive(Debug, Subcommand)]
enum EngineerCommand {
    /// Adds an engineer and prints their one-time enrollment code as the last line.
    Add {
        #[arg(long)]
        name: String,
    },
    /// Prints a new one-time enrollment code for the engineer as the last line (a lost answer,
    /// a replaced laptop); their earlier unused codes stop working.
    Code {
        #[arg(long)]
        name: String,
    },
}

/// Runs the command line (`std::env::args`).
pub fn main() -> ExitCode {
    // The local offset can only be read safely while the process has one thread: read it first.
    // The demo's "today" is this machine's, as the laptops on it count their day.
    let offset = time::UtcOffset::current_local_offset().unwrap_or(time::UtcOffset::UTC);
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info,tower_http=info".into()),
        )
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .init();
    match run(Cli::parse(), offset) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli, offset: time::UtcOffset) -> Result<(), AppError> {
    let now = OffsetDateTime::now_utc();
    match cli.command {
        Command::Serve { storage, listen, secure_cookies } => serve(storage.open()?, listen, secure_cookies, offset),
        Command::Admin { storage, command } => {
            let db = storage.open()?;
            match command {
                AdminCommand::Engineer { command: EngineerCommand::Add { name } } => {
                    let code = admin::add_engineer(&db, &name, now)?;
                    println!("engineer {name} added; enrollment code (valid 7 days, once):");
                    println!("{code}");
                }
                AdminCommand::Engineer { command: EngineerCommand::Code { name } } => {
                    let code = admin::reissue_code(&db, &name, now)?;
                    println!(
                        "new enrollment code for {name} (valid 7 days, once; earlier unused codes no longer work):"
                    );
                    println!("{code}");
                }
                AdminCommand::User { command: UserCommand::Add { name, role } } => {
                    let role = outpost_wire::people::Role::parse(&role).ok_or_else(|| {
                        AppError::invalid("role", format!("'{role}' is not a role: use dispatcher, manager or viewer"))
                    })?;
                    let added = admin::add_user(&db, &name, role, now)?;
                    println!(
                        "{} can sign in as {}; one-time password (changed at first sign-in):",
                        added.user.name,
                        role.as_str()
                    );
                    println!("{}", added.one_time_password);
                }
                AdminCommand::User { command: UserCommand::Reset { name } } => {
                    let password = admin::reset_password(&db, &name)?;
                    println!("{name}'s new one-time password (changed at first sign-in):");
                    println!("{password}");
                }
                AdminCommand::DispatcherToken => {
                    let token = admin::dispatcher_token(&db, now)?;
                    println!("dispatcher token (shown once):");
                    println!("{token}");
                }
                AdminCommand::SeedDemo { jobs } => {
                    for (name, code) in admin::seed_demo(&db, jobs, now.to_offset(offset))? {
                        println!("{name}\t{code}");
                    }
                }
                AdminCommand::Plans { command: PlansCommand::Run { today } } => {
                    let today = match today {
                        Some(day) => outpost_domain::calendar::parse_date(outpost_domain::field::Field::Today, &day)?,
                        None => now.to_offset(offset).date(),
                    };
                    let ran = crate::tick::run(&db, today, now)?;
                    for job in &ran.jobs {
                        println!("{job}");
                    }
                    eprintln!("{today}: {} planned jobs made, {} callbacks queued", ran.jobs.len(), ran.callbacks);
                }
                AdminCommand::RevokeDevice { client_id } => {
                    let id = client_id.parse().map_err(|_| AppError::invalid("client_id", "not a client id"))?;
                    admin::revoke_device(&db, id, now)?;
                    println!("revoked {client_id}");
                }
            }
            Ok(())
        }
    }
}

fn serve(db: Db, listen: SocketAddr, secure_cookies: bool, offset: time::UtcOffset) -> Result<(), AppError> {
    db.tx_blocking(crate::records::fill_search_columns)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| AppError::setup(format!("cannot start: {e}")))?;
    runtime.block_on(async move {
        let state = tokio::task::spawn_blocking(move || AppState::new(db))
            .await
            .map_err(|e| AppError::setup(e.to_string()))??
            .with_secure_cookies(secure_cookies)
            .with_offset(offset);
        let listener = tokio::net::TcpListener::bind(listen)
            .await
            .map_err(|e| AppError::setup(format!("cannot listen on {listen}: {e}")))?;
        // One line on stdout once HQ answers, with the port it got (`--listen 127.0.0.1:0`
        // picks a free one): scripts and tests wait for it.
        let bound = listener.local_addr().map_err(|e| AppError::setup(format!("cannot listen on {listen}: {e}")))?;
        println!("outpost-hq listening on http://{bound}");
        std::io::Write::flush(&mut std::io::stdout()).map_err(|e| AppError::setup(e.to_string()))?;
        // The laptops' last calls, written twice a minute and once more on the way out.
        let keeper = tokio::spawn(note_sightings(state.clone()));
        // The day's follow-up work (callbacks sampled and planned), once at start and every ten minutes.
        let follow_up = tokio::spawn(crate::tick::keep(state.db.clone(), state.clock.clone(), offset));
        let state_at_exit = state.clone();
        let service = app(state).into_make_service_with_connect_info::<SocketAddr>();
        axum::serve(listener, service)
            .with_graceful_shutdown(shutdown())
            .await
            .map_err(|e| AppError::setup(format!("server failed: {e}")))?;
        keeper.abort();
        follow_up.abort();
        let sightings = state_at_exit.sightings.clone();
        state_at_exit.db.tx(move |tx| sightings.write(tx)).await?;
        tracing::info!("outpost-hq stopped");
        Ok(())
    })
}

/// Writes the laptops' last calls twice a minute (they are kept in memory in between).
async fn note_sightings(state: AppState) {
    loop {
        tokio::time::sleep(std::time::Duration::from_secs(30)).await;
        let sightings = state.sightings.clone();
        if let Err(e) = state.db.tx(move |tx| sightings.write(tx)).await {
            tracing::warn!(error = %e, "could not note the laptops' last syncs; trying again");
        }
    }
}

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
}
