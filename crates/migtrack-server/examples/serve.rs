//! Serves a database the way `migtrack serve` does, without the CLI: for the browser tests and
//! for trying the page while the CLI is elsewhere.
//! Usage: `cargo run -p migtrack-server --example serve -- --db PATH [--listen ADDR:PORT]
//! [--token TOKEN]`.

use std::process::ExitCode;

use migtrack_server::{ServeConfig, serve_blocking};

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("serve: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> anyhow::Result<()> {
    let mut cfg = ServeConfig::default();
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let mut value = || {
            args.next()
                .ok_or_else(|| anyhow::anyhow!("{flag} needs a value"))
        };
        match flag.as_str() {
            "--db" => cfg.db_path = value()?.into(),
            "--listen" => cfg.listen = value()?.parse()?,
            "--token" => cfg.token = Some(value()?),
            "--max-body-bytes" => cfg.max_body_bytes = value()?.parse()?,
            other => anyhow::bail!("unknown argument {other}"),
        }
    }
    serve_blocking(cfg)
}
