//! One module per subcommand; this file dispatches and holds what several of them share:
//! turning the command line's inputs into a stream of raw documents, and processing a batch.

mod demo;
mod eval;
mod ingest;
mod nlp;
mod query;
mod stages;

use std::process::ExitCode;

use anyhow::Context as _;
use migtrack_ingest::{IngestConfig, Input};
use migtrack_model::{Diagnostic, RawDocument};
use migtrack_store::SqliteStore;

use crate::cli::{Cli, Command, InputArgs, NlpCommand};

pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let quiet = cli.quiet;
    match cli.command {
        Command::Demo(args) => demo::run(&cli.db, &args, quiet),
        Command::Ingest(args) => ingest::run(&cli.db, &args, quiet),
        Command::Clean(args) => stages::clean(&args),
        Command::Extract(args) => stages::extract(&args),
        Command::Eval(args) => eval::run(&args),
        Command::Parse(args) => nlp::parse(&args),
        Command::Nlp(NlpCommand::Train(args)) => nlp::train(&args, quiet),
        Command::Nlp(NlpCommand::Text(args)) => nlp::text(&args),
        Command::Events(args) => query::events(&open_existing(&cli.db)?, &args),
        Command::Facts(args) => query::facts(&open_existing(&cli.db)?, &args),
        Command::Quotes(args) => query::quotes(&open_existing(&cli.db)?, &args),
        Command::Speakers(args) => query::speakers(&open_existing(&cli.db)?, &args),
        Command::Dates(args) => query::dates(&open_existing(&cli.db)?, &args),
        Command::Figures(args) => query::figures(&open_existing(&cli.db)?, &args),
        Command::Claims(args) => query::claims(&open_existing(&cli.db)?, &args),
        Command::Timeline(args) => query::timeline(&open_existing(&cli.db)?, &args),
        Command::Status(args) => query::status(&open_existing(&cli.db)?, &args),
        Command::Show(args) => query::show(&open_existing(&cli.db)?, &args),
        Command::Export(args) => query::export(&open_existing(&cli.db)?, &args),
        Command::Search(args) => query::search(&open_existing(&cli.db)?, &args),
        Command::Serve(args) => serve(&cli.db, args),
    }
}

/// Queries never create a database: a missing file is a clear error, not an empty answer.
fn open_existing(path: &std::path::Path) -> anyhow::Result<SqliteStore> {
    anyhow::ensure!(
        path.exists(),
        "no database at {} (run `migtrack ingest …` or `migtrack demo` first, or pass --db)",
        path.display()
    );
    SqliteStore::open_read_only(path).with_context(|| format!("opening {}", path.display()))
}

fn serve(db: &std::path::Path, args: crate::cli::ServeArgs) -> anyhow::Result<ExitCode> {
    anyhow::ensure!(
        db.exists(),
        "no database at {} (run `migtrack ingest …` or `migtrack demo` first)",
        db.display()
    );
    let cfg = migtrack_server::ServeConfig {
        listen: args.listen,
        db_path: db.to_path_buf(),
        token: args.token,
        max_body_bytes: args.max_body_bytes,
        allowed_hosts: args.allow_host,
        ..migtrack_server::ServeConfig::default()
    };
    migtrack_server::serve_blocking(cfg)?;
    Ok(ExitCode::SUCCESS)
}

/// The inputs named on the command line, in order: manifests first, then paths.
pub fn inputs(args: &InputArgs) -> anyhow::Result<Vec<Input>> {
    let mut inputs: Vec<Input> = args.manifest.iter().cloned().map(Input::Manifest).collect();
    for path in &args.paths {
        inputs.push(if path == "-" {
            Input::Stdin
        } else {
            Input::Path(path.into())
        });
    }
    anyhow::ensure!(
        !inputs.is_empty(),
        "no input: name files, folders, feeds or archives, `-` for standard input, or --manifest FILE"
    );
    Ok(inputs)
}

/// All documents of all inputs as one stream; source failures come through as diagnostics.
pub fn documents(inputs: Vec<Input>) -> impl Iterator<Item = Result<RawDocument, Diagnostic>> {
    let cfg = IngestConfig::default();
    inputs.into_iter().flat_map(move |input| {
        migtrack_ingest::open(&input, &cfg).map(|item| {
            item.map_err(|error| Diagnostic {
                source: error.source.clone(),
                message: error.reason.clone(),
            })
        })
    })
}

/// Apply `stage` to a batch of documents in parallel, keeping input order. A source failure
/// stays a diagnostic, and so does a panic in `stage`: it is that document's error line, and
/// the rest of the batch goes on.
pub fn process_batch<T: Send>(
    batch: Vec<Result<RawDocument, Diagnostic>>,
    stage: impl Fn(&RawDocument) -> Result<T, Diagnostic> + Sync,
) -> Vec<Result<T, Diagnostic>> {
    use rayon::prelude::*;
    batch
        .into_par_iter()
        .map(|item| {
            let raw = item?;
            migtrack_pipeline::guard(|| stage(&raw)).unwrap_or_else(|message| {
                Err(Diagnostic {
                    source: raw.source.clone(),
                    message,
                })
            })
        })
        .collect()
}

/// Report one failed input on stderr, as one line naming it and the reason.
pub fn report(diagnostic: &Diagnostic) {
    eprintln!("migtrack: {diagnostic}");
}

/// Say that an input was not UTF-8 and how it was read (a note, not a failure).
pub fn note_encoding(source: &str, encoding: &str) {
    eprintln!("migtrack: {source}: note: not UTF-8, decoded as {encoding}");
}

pub fn exit_code(failed: usize) -> ExitCode {
    if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// Link all stored events into facts again and store them; returns the number of facts.
pub fn relink(store: &mut SqliteStore) -> anyhow::Result<usize> {
    use migtrack_store::Store;
    let facts = migtrack_pipeline::link::link(&store.event_refs()?);
    store.replace_facts(&facts).context("storing facts")?;
    Ok(facts.len())
}

/// Facts in time order.
pub fn timeline(facts: Vec<migtrack_store::Fact>) -> Vec<migtrack_store::Fact> {
    migtrack_pipeline::link::timeline(facts)
}

/// The state × framework table on `at` (today when `None`).
pub fn status(
    facts: Vec<migtrack_store::Fact>,
    at: Option<chrono::NaiveDate>,
) -> Vec<migtrack_store::StatusCell> {
    migtrack_pipeline::link::status_table(&facts, at, migtrack_domain::Pack::builtin())
}

#[cfg(test)]
mod tests {
    use super::*;
    use migtrack_model::{ContentKind, DocMeta};

    fn raw(source: &str) -> Result<RawDocument, Diagnostic> {
        Ok(RawDocument {
            source: source.into(),
            bytes: source.as_bytes().to_vec(),
            kind: ContentKind::Text,
            meta: DocMeta::default(),
        })
    }

    /// Issue 12, item 1: a panic while processing one document (on a rayon thread) is that
    /// document's error line; the others in the batch come through.
    #[test]
    fn a_panic_in_one_document_is_its_diagnostic_and_the_batch_goes_on() {
        let batch: Vec<_> = (0..64)
            .map(|index| raw(&format!("doc{index}.txt")))
            .collect();
        let results = process_batch(batch, |raw| {
            if raw.source == "doc7.txt" {
                panic!("boom\nsecond line");
            }
            Ok(raw.source.clone())
        });
        assert_eq!(results.len(), 64);
        for (index, result) in results.iter().enumerate() {
            if index == 7 {
                let diagnostic = result.as_ref().unwrap_err();
                assert_eq!(diagnostic.source, "doc7.txt");
                assert!(diagnostic.message.contains("boom"), "{diagnostic}");
                assert!(!diagnostic.to_string().contains('\n'), "{diagnostic}");
            } else {
                assert_eq!(result.as_ref().unwrap(), &format!("doc{index}.txt"));
            }
        }
    }
}
