//! The `migtrack` binary: a thin layer over the library crates. `main` only maps the outcome
//! of `run` to an exit status; a closed pipe (`migtrack events | head`) exits 0.

mod cli;
mod commands;
mod escape;
mod output;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    init_logging(&cli);
    quiet_guarded_panics();
    match commands::run(cli) {
        Ok(code) => code,
        Err(error) => {
            if is_broken_pipe(&error) {
                return ExitCode::SUCCESS;
            }
            eprintln!("migtrack: error: {}", escape::line(&format!("{error:#}")));
            ExitCode::from(failure_code(&error))
        }
    }
}

/// 2 for a usage error (what the command line asked for cannot be done: no input, no database
/// at that path, a bad filter or query), 1 for a failure while running (the database busy,
/// unreadable or not a database, an IO error). Clap's own usage errors exit 2 before `run`.
fn failure_code(error: &anyhow::Error) -> u8 {
    use migtrack_store::StoreError;
    let runtime = error.chain().any(|cause| {
        cause.is::<std::io::Error>()
            || cause.downcast_ref::<StoreError>().is_some_and(|store| {
                matches!(
                    store,
                    StoreError::Sqlite(_) | StoreError::Open { .. } | StoreError::ReadOnly
                )
            })
    });
    if runtime { 1 } else { 2 }
}

fn init_logging(cli: &cli::Cli) {
    let level = if cli.quiet { "error" } else { cli.log.as_str() };
    let filter = tracing_subscriber::EnvFilter::try_new(level)
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
    use std::io::IsTerminal;
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_target(false);
    match cli.log_format {
        // Readable: a line per event with its spans (document, stage), controls escaped.
        cli::LogFormat::Text => builder
            .with_writer(|| escape::LogLine)
            .with_ansi(std::io::stderr().is_terminal())
            .init(),
        // One JSON object a line; JSON escapes the controls itself.
        cli::LogFormat::Json => builder
            .json()
            .with_current_span(true)
            .with_span_list(true)
            .with_writer(std::io::stderr)
            .init(),
    }
}

/// A panic while one document is processed is caught and reported as that document's error
/// line (see `commands::process_batch`); the default hook would add lines of its own. Any other
/// panic is reported as usual.
fn quiet_guarded_panics() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if migtrack_pipeline::is_guarded() {
            tracing::debug!(%info, "caught a panic while processing a document");
        } else {
            default(info);
        }
    }));
}

fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            || cause.downcast_ref::<csv::Error>().is_some_and(|csv| matches!(csv.kind(), csv::ErrorKind::Io(io) if io.kind() == std::io::ErrorKind::BrokenPipe))
            || cause.downcast_ref::<serde_json::Error>().is_some_and(|json| json.io_error_kind() == Some(std::io::ErrorKind::BrokenPipe))
    })
}
