//! The `outpost-hq` binary.

fn main() -> std::process::ExitCode {
    outpost_hq::cli::main()
}
