//! One module per subcommand; this file dispatches and holds what several of them share:
//! turning the command line's inputs into a stream of raw documents, and processing a batch.

mod demo;
mod eval;
mod export;
mod ingest;
mod nlp;
mod query;
mod review;
mod stages;

use std::process::ExitCode;

use anyhow::Context as _;
use migtrack_ingest::{IngestConfig, Input};
use migtrack_model::{Diagnostic, RawDocument};
use migtrack_store::{PgStore, SqliteStore, Store};

use std::path::PathBuf;

use crate::cli::{Cli, Command, DbArgs, InputArgs, NlpCommand};

pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let quiet = cli.quiet;
    let top = cli.db;
    // The database a command uses: its own --db, else one given before the command, else
    // MIGTRACK_DB, else migtrack.db. Commands without a database ignore a --db given before
    // them, as they ignore MIGTRACK_DB (`alias mt='migtrack --db x.db'` works for all).
    let db = |own: &DbArgs| -> PathBuf {
        own.db
            .clone()
            .or_else(|| top.clone())
            .or_else(|| std::env::var_os("MIGTRACK_DB").map(PathBuf::from))
            .unwrap_or_else(|| PathBuf::from("migtrack.db"))
    };
    let open = |own: &DbArgs| open_existing(&db(own));
    match cli.command {
        Command::Demo(args) => demo::run(&db(&args.db), &args, quiet),
        Command::Ingest(args) => ingest::run(&db(&args.db), &args, quiet),
        Command::Clean(args) => stages::clean(&args),
        Command::Extract(args) => stages::extract(&args),
        Command::Eval(args) => eval::run(&args),
        Command::Parse(args) => nlp::parse(&args),
        Command::Nlp(NlpCommand::Train(args)) => nlp::train(&args, quiet),
        Command::Nlp(NlpCommand::Text(args)) => nlp::text(&args),
        Command::Events(args) => query::events(open(&args.page.db)?.as_ref(), &args),
        Command::Facts(args) => query::facts(open(&args.page.db)?.as_ref(), &args),
        Command::Quotes(args) => query::quotes(open(&args.page.db)?.as_ref(), &args),
        Command::Speakers(args) => query::speakers(open(&args.db)?.as_ref(), &args),
        Command::Dates(args) => query::dates(open(&args.page.db)?.as_ref(), &args),
        Command::Figures(args) => query::figures(open(&args.page.db)?.as_ref(), &args),
        Command::Claims(args) => query::claims(open(&args.page.db)?.as_ref(), &args),
        Command::Timeline(args) => query::timeline(open(&args.db)?.as_ref(), &args),
        Command::Status(args) => query::status(open(&args.db)?.as_ref(), &args),
        Command::Show(args) => query::show(open(&args.db)?.as_ref(), &args),
        Command::Export(args) => export::run(open(&args.db)?.as_ref(), &args),
        Command::Search(args) => query::search(open(&args.page.db)?.as_ref(), &args),
        Command::Review(args) => review::run(&db(&args.db), &args),
        Command::Serve(args) => serve(&db(&args.db), args),
    }
}

/// The PostgreSQL URL a `--db` value (or MIGTRACK_DB) gives, if it is one: then the store is
/// that database, else a SQLite file.
fn postgres_url(db: &std::path::Path) -> Option<&str> {
    db.to_str().filter(|db| migtrack_store::is_postgres_url(db))
}

/// The database's name for messages: a path, or a URL without its password.
fn db_name(db: &std::path::Path) -> String {
    match postgres_url(db) {
        Some(url) => migtrack_store::redact_url(url),
        None => db.display().to_string(),
    }
}

/// Open (creating if needed) the database an ingest writes to, grouping near duplicates into
/// stories by the pipeline's decision.
fn open_for_ingest(path: &std::path::Path) -> anyhow::Result<Box<dyn Store + Send>> {
    let same_story = migtrack_pipeline::dedupe::same_story;
    Ok(match postgres_url(path) {
        Some(url) => Box::new(
            PgStore::open(url)
                .with_context(|| format!("opening {}", db_name(path)))?
                .with_story_match(same_story),
        ),
        None => Box::new(
            SqliteStore::open(path)
                .with_context(|| format!("opening {}", path.display()))?
                .with_story_match(same_story),
        ),
    })
}

/// Queries never create a database: a missing file is a clear error, not an empty answer.
fn open_existing(path: &std::path::Path) -> anyhow::Result<Box<dyn Store + Send>> {
    let Some(url) = postgres_url(path) else {
        return Ok(Box::new(open_existing_sqlite(path)?));
    };
    let store = match PgStore::open_read_only(url) {
        Ok(store) => Ok(store),
        // A database no migtrack has written to yet, or an older schema: migrate, then read.
        Err(_) if PgStore::open(url).is_ok() => PgStore::open_read_only(url),
        Err(error) => Err(error),
    }
    .with_context(|| format!("opening {}", db_name(path)))?;
    relink_if_stale(path, &store);
    Ok(Box::new(store))
}

fn open_existing_sqlite(path: &std::path::Path) -> anyhow::Result<SqliteStore> {
    anyhow::ensure!(
        path.exists(),
        "no database at {} (run `migtrack ingest …` or `migtrack demo` first, or pass --db)",
        path.display()
    );
    let store = match SqliteStore::open_read_only(path) {
        Ok(store) => Ok(store),
        // A database from an older build: migrate it once, then read.
        Err(_) if SqliteStore::open(path).is_ok() => SqliteStore::open_read_only(path),
        Err(error) => Err(error),
    }
    .with_context(|| format!("opening {}", path.display()))?;
    relink_if_stale(path, &store);
    Ok(store)
}

/// An ingest that ended between storing a batch and linking leaves events without facts: the
/// first query after it links again (`migtrack_server::relink::relink_if_stale`). Failing that
/// (a read-only file), the query goes on with the facts as they are, and says so.
fn relink_if_stale(path: &std::path::Path, store: &dyn Store) {
    if let migtrack_server::relink::Staleness::Behind(error) =
        migtrack_server::relink::relink_if_stale(path, store, None)
    {
        eprintln!(
            "migtrack: {}: note: facts are behind the stored events (an ingest stopped before \
             linking) and could not be linked again: {error}",
            db_name(path)
        );
    }
}

fn serve(db: &std::path::Path, args: crate::cli::ServeArgs) -> anyhow::Result<ExitCode> {
    anyhow::ensure!(
        db.exists() || postgres_url(db).is_some(),
        "no database at {} (run `migtrack ingest …` or `migtrack demo` first)",
        db.display()
    );
    let cfg = migtrack_server::ServeConfig {
        listen: args.listen,
        db_path: db.to_path_buf(),
        token: args.token,
        max_body_bytes: args.max_body_bytes,
        allowed_hosts: args.allow_host,
        limits: migtrack_server::Limits {
            post_per_minute: args.post_per_minute,
            ..migtrack_server::Limits::default()
        },
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

/// A document's failure as a diagnostic naming it.
pub fn failure(raw: &RawDocument, error: impl std::fmt::Display) -> Diagnostic {
    Diagnostic {
        source: raw.source.clone(),
        message: error.to_string(),
    }
}

/// Report one failed input on stderr, as one line naming it and the reason.
pub fn report(diagnostic: &Diagnostic) {
    eprintln!("migtrack: {}", crate::escape::line(&diagnostic.to_string()));
}

/// Say that an input was not UTF-8 and how it was read (a note, not a failure).
pub fn note_encoding(source: &str, encoding: &str) {
    eprintln!("{}", encoding_note(source, encoding));
}

fn encoding_note(source: &str, encoding: &str) -> String {
    let (source, encoding) = (crate::escape::line(source), crate::escape::line(encoding));
    if encoding.starts_with("UTF-8") {
        // Mostly valid UTF-8: the few invalid bytes became U+FFFD.
        format!("migtrack: {source}: note: not all valid UTF-8, decoded as {encoding}")
    } else {
        format!("migtrack: {source}: note: not UTF-8, decoded as {encoding}")
    }
}

pub fn exit_code(failed: usize) -> ExitCode {
    if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// Link all stored events into facts again and store them; returns the number of facts.
pub fn relink(store: &mut dyn Store) -> anyhow::Result<usize> {
    migtrack_server::relink::relink(store).context("linking the stored events")
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

    #[test]
    fn a_mostly_utf8_document_is_noted_as_such() {
        let mut bytes = "Zürich said so. ".as_bytes().to_vec();
        bytes.push(0xFF);
        bytes.extend_from_slice(b" The ministry agreed.");
        let raw = RawDocument {
            source: "z.txt".into(),
            bytes,
            kind: ContentKind::Text,
            meta: DocMeta::default(),
        };
        let doc = migtrack_pipeline::clean::clean(&raw).unwrap();
        assert!(doc.text.starts_with("Zürich"), "{}", doc.text);
        assert_eq!(
            encoding_note(&doc.source, doc.encoding.as_deref().unwrap()),
            "migtrack: z.txt: note: not all valid UTF-8, decoded as UTF-8 with replacement \
             (1 invalid sequence)"
        );
        assert_eq!(
            encoding_note("l.txt", "windows-1252"),
            "migtrack: l.txt: note: not UTF-8, decoded as windows-1252"
        );
    }

    /// Issue 12, item 10: an ingest killed after storing a batch and before linking leaves
    /// events without facts; the next query links them, so timeline and status show them.
    #[test]
    fn a_query_after_an_ingest_that_stopped_before_linking_sees_the_facts() {
        use migtrack_store::{EventFilter, Page};
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("crashed.db");
        let raw = RawDocument {
            source: "bra.txt".into(),
            bytes: b"Brazil withdrew from the Global Compact for Migration on 8 January 2019, \
                     the foreign ministry said."
                .to_vec(),
            kind: ContentKind::Text,
            meta: DocMeta::default(),
        };
        let processed = migtrack_pipeline::process(
            &raw,
            migtrack_domain::Pack::builtin(),
            &migtrack_pipeline::Settings::default(),
        )
        .unwrap();
        let mut store = SqliteStore::open(&path).unwrap();
        // What the killed process left: the batch, committed, and no link after it.
        store.put_batch(&[processed]).unwrap();
        drop(store);
        let counts = SqliteStore::open_read_only(&path)
            .unwrap()
            .counts()
            .unwrap();
        assert!(counts.events > 0 && counts.facts == 0, "{counts:?}");

        let store = open_existing_sqlite(&path).unwrap();
        assert!(store.is_read_only());
        let facts = store
            .facts(&EventFilter::default(), Page::default())
            .unwrap()
            .items;
        assert!(
            facts.iter().any(|fact| fact.actor == "BRA"),
            "the timeline has the stored event: {facts:?}"
        );
        assert!(
            status(facts, None)
                .iter()
                .any(|cell| cell.state == "BRA" && cell.framework == "gcm"),
            "and so has the status table"
        );
        assert!(!store.facts_stale().unwrap());
    }

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
