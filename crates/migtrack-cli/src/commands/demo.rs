//! `migtrack demo`: the first thing a newcomer runs. Ingests the sample articles bundled in the
//! binary (written for the project, see `samples/README.md`) into the database, prints the
//! timeline and the state × framework table, and with `--serve` opens the web page.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Context as _;
use migtrack_model::{ContentKind, Diagnostic, DocMeta, RawDocument};
use rust_embed::RustEmbed;
use serde::Deserialize;

use crate::cli::{DbArgs, DemoArgs, EventFilterArgs, StatusArgs, TimelineArgs};
use crate::output::Format;

#[derive(RustEmbed)]
#[folder = "../../samples/"]
#[include = "*.txt"]
#[include = "*.html"]
#[include = "index.jsonl"]
struct Samples;

#[derive(Deserialize)]
struct ManifestLine {
    file: String,
    #[serde(default)]
    published: Option<chrono::NaiveDate>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    outlet: Option<String>,
    #[serde(default)]
    lang: Option<String>,
}

/// The bundled sample articles with their manifest metadata.
pub fn sample_documents() -> anyhow::Result<Vec<RawDocument>> {
    let manifest = Samples::get("index.jsonl").context("the binary carries no sample manifest")?;
    let manifest = std::str::from_utf8(&manifest.data).context("sample manifest is not UTF-8")?;
    let mut documents = Vec::new();
    for line in manifest.lines().filter(|line| !line.trim().is_empty()) {
        let entry: ManifestLine = serde_json::from_str(line).context("sample manifest line")?;
        let file =
            Samples::get(&entry.file).with_context(|| format!("sample {} missing", entry.file))?;
        let kind = if entry.file.ends_with(".html") {
            ContentKind::Html
        } else {
            ContentKind::Text
        };
        documents.push(RawDocument {
            source: format!("samples/{}", entry.file),
            bytes: file.data.into_owned(),
            kind,
            meta: DocMeta {
                url: None,
                title: entry.title,
                published: entry.published,
                outlet: entry.outlet,
                lang: entry.lang,
            },
        });
    }
    Ok(documents)
}

pub fn run(db: &Path, args: &DemoArgs, quiet: bool) -> anyhow::Result<ExitCode> {
    let mut store = super::open_for_ingest(db)?;
    let documents = sample_documents()?;
    let count = documents.len();
    let summary = super::ingest::ingest_stream(
        store.as_mut(),
        documents.into_iter().map(Ok::<_, Diagnostic>),
        None,
        64,
        migtrack_pipeline::DEFAULT_DOCUMENT_BUDGET,
        quiet,
    )?;
    drop(store);
    if !quiet {
        eprintln!(
            "migtrack demo: {count} bundled sample articles into {}",
            crate::escape::line(&super::db_name(db))
        );
        summary.print();
    }
    let store = super::open_existing(db)?;
    println!("\nTimeline (facts in date order; sources = independent stories):\n");
    super::query::timeline(
        store.as_ref(),
        &TimelineArgs {
            filter: EventFilterArgs::default(),
            format: Format::Table,
            db: DbArgs::default(),
        },
    )?;
    println!("\nParticipation status (state × framework, latest status with its date):\n");
    super::query::status(
        store.as_ref(),
        &StatusArgs {
            at: None,
            long: false,
            format: Format::Table,
            db: DbArgs::default(),
        },
    )?;
    let me = invocation();
    println!(
        "\nNext: `{me} events`, `{me} quotes`, `{me} show 1`, or `{me} demo --serve` for the web page (database: {}).",
        crate::escape::line(&db.display().to_string())
    );
    if args.serve {
        let cfg = migtrack_server::ServeConfig {
            listen: args.listen,
            db_path: db.to_path_buf(),
            token: None,
            ..migtrack_server::ServeConfig::default()
        };
        migtrack_server::serve_blocking(cfg)?;
    }
    Ok(super::exit_code(summary.failed))
}

/// How the user can run this program again: `migtrack` when it was installed, `cargo run
/// --release --` when it runs from a cargo build directory (not on the PATH).
fn invocation() -> &'static str {
    let in_target = std::env::current_exe().is_ok_and(|exe| {
        exe.components()
            .any(|part| part.as_os_str() == std::ffi::OsStr::new("target"))
    });
    if in_target {
        "cargo run --release --"
    } else {
        "migtrack"
    }
}
