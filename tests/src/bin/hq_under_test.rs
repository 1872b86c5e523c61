//! The HQ server, as a process the cross-process tests can start and kill -9.

fn main() -> std::process::ExitCode {
    outpost_hq::cli::main()
}
