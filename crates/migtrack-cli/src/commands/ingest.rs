//! `migtrack ingest`: stream documents through the pipeline into the store, in batches of one
//! transaction each, with a progress bar and a final summary. Idempotent: a second run adds
//! nothing.

use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Context as _;
use indicatif::{ProgressBar, ProgressStyle};
use migtrack_domain::Pack;
use migtrack_model::{Diagnostic, RawDocument};
use migtrack_pipeline::{Published, Settings};
use migtrack_store::{NewDocument, PutOutcome, Store};
use serde::Serialize;

use super::{documents, exit_code, failure, inputs, process_batch, report};
use crate::cli::IngestArgs;

/// What one ingest run did.
#[derive(Debug, Default, Clone, Serialize)]
pub struct Summary {
    pub read: usize,
    pub new: usize,
    pub duplicates: usize,
    /// New documents that joined an existing story (near duplicates).
    pub near_duplicates: usize,
    pub failed: usize,
    pub facts: usize,
}

impl Summary {
    pub fn print(&self) {
        eprintln!(
            "read {} documents: {} new, {} duplicates, {} near-duplicates grouped into existing stories, {} failed; {} facts linked",
            self.read, self.new, self.duplicates, self.near_duplicates, self.failed, self.facts
        );
    }
}

pub fn run(db: &Path, args: &IngestArgs, quiet: bool) -> anyhow::Result<ExitCode> {
    // Inputs first: a usage error neither creates nor opens the database.
    let inputs = inputs(&args.input)?;
    // Nearly every ingest parses sentences, and loading the English model is the largest
    // fixed cost of a small one (about 60 ms of CPU): start it now on another core, while the
    // store opens, the domain pack is built and the first batch is read and cleaned (issue 10:
    // ten documents into a large store in under 0.3 s). A document that needs the model
    // first waits for this load instead of starting its own.
    std::thread::spawn(|| {
        migtrack_nlp::Model::english();
    });
    let mut store = super::open_for_ingest(db)?;
    let summary = ingest_stream(
        store.as_mut(),
        documents(inputs),
        args.published.published,
        args.batch_size,
        args.budget.document_budget,
        quiet,
    )?;
    if !quiet {
        summary.print();
    }
    Ok(exit_code(summary.failed))
}

/// Processed batches the writer hands the store at once (`Store::put_batch`): one store batch
/// is this many processing batches (`--batch-size`), 256 documents by default. The store looks
/// a batch's band keys and content hashes up in each sealed run in key order, once for the
/// batch, so larger store batches read fewer leaf pages a document (issue 10, item 4: CPU per
/// document flat); only the store batch waits in memory for them, not the processing.
pub const BATCHES_STORED_AT_ONCE: usize = 4;

/// Ingest a stream of raw documents into `store`, then relink facts.
///
/// Reading and processing (in parallel, `batch_size` documents at a time) run on this thread
/// and rayon's; the store step runs on a writer thread that takes the processed batches
/// through a channel with room for [`BATCHES_STORED_AT_ONCE`] and stores that many of them
/// together, so the next batches are processed while the last ones are stored: at most nine
/// processing batches are in memory (one being processed, four waiting, four gathered or
/// being stored). Documents are stored in input order, so document ids, duplicates and
/// stories are what a serial run gives, whatever the batch sizes.
pub fn ingest_stream(
    store: &mut (dyn Store + Send),
    stream: impl Iterator<Item = Result<RawDocument, Diagnostic>>,
    published: Option<chrono::NaiveDate>,
    batch_size: usize,
    budget: Duration,
    quiet: bool,
) -> anyhow::Result<Summary> {
    let batch_size = batch_size.max(1);
    let store_batch = batch_size.saturating_mul(BATCHES_STORED_AT_ONCE);
    ingest_batches(
        store,
        stream,
        published,
        (batch_size, store_batch),
        budget,
        quiet,
    )
}

/// [`ingest_stream`] with its two batch sizes: documents processed at a time, and documents
/// (at least) stored at a time.
fn ingest_batches(
    store: &mut (dyn Store + Send),
    stream: impl Iterator<Item = Result<RawDocument, Diagnostic>>,
    published: Option<chrono::NaiveDate>,
    (batch_size, store_batch): (usize, usize),
    budget: Duration,
    quiet: bool,
) -> anyhow::Result<Summary> {
    let pack = Pack::builtin();
    let settings = Settings {
        published: Published::Fallback(published),
        budget: Some(budget),
    };
    let progress = if quiet {
        ProgressBar::hidden()
    } else {
        ProgressBar::new_spinner()
    };
    progress.set_style(
        ProgressStyle::with_template(
            "{spinner} {elapsed_precise} {pos} documents ({per_sec}) {msg}",
        )
        .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    progress.enable_steady_tick(Duration::from_millis(120));
    let mut summary = Summary::default();
    let mut stream = stream.peekable();
    // Room for a store batch's worth of processed batches, so that processing goes on while
    // the writer stores (a store batch takes longer than one processing batch).
    let (sender, receiver) = std::sync::mpsc::sync_channel::<ProcessedBatch>(
        store_batch.div_ceil(batch_size.max(1)).max(1),
    );
    let stored = std::thread::scope(|scope| {
        let writer = scope.spawn(|| store_batches(&mut *store, receiver, store_batch, &progress));
        while stream.peek().is_some() {
            let batch: Vec<_> = stream.by_ref().take(batch_size.max(1)).collect();
            summary.read += batch.len();
            let processed: Vec<Result<NewDocument, Diagnostic>> = process_batch(batch, |raw| {
                migtrack_pipeline::process(raw, pack, &settings)
                    .map_err(|error| failure(raw, error))
            });
            let mut ready = Vec::with_capacity(processed.len());
            for item in processed {
                match item {
                    Ok(doc) => {
                        tracing::debug!(source = %doc.doc.source, "processed");
                        if let Some(encoding) = &doc.doc.encoding {
                            progress.suspend(|| super::note_encoding(&doc.doc.source, encoding));
                        }
                        ready.push(doc);
                    }
                    Err(diagnostic) => {
                        tracing::info!(
                            source = %diagnostic.source,
                            reason = %diagnostic.message,
                            "skipped"
                        );
                        summary.failed += 1;
                        progress.suspend(|| report(&diagnostic));
                    }
                }
            }
            let batch = ProcessedBatch {
                documents: ready,
                read: summary.read,
                failed: summary.failed,
            };
            if sender.send(batch).is_err() {
                // The writer stopped on an error, which its join below returns.
                break;
            }
        }
        drop(sender);
        writer
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    })?;
    progress.finish_and_clear();
    summary.new = stored.new;
    summary.duplicates = stored.duplicates;
    summary.near_duplicates = stored.near_duplicates;
    summary.facts = on_a_processing_thread(|| link_new_documents(store, &stored))?;
    Ok(summary)
}

/// The link step after the documents are stored: relink the units of the new documents, then
/// every unit if an earlier ingest stopped before its link; returns the number of facts.
fn link_new_documents(store: &mut (dyn Store + Send), stored: &Stored) -> anyhow::Result<usize> {
    let units = link_units(store, &stored.new_doc_ids)?;
    migtrack_server::relink::relink_units(store, units, stored.new)
        .context("linking the new events")?;
    // An earlier ingest that stopped before linking left events of other units without facts.
    if store.facts_stale()? {
        super::relink(store)?;
    }
    Ok(store.fact_count()?)
}

/// Run `work` on one of rayon's processing threads and wait for it. The link at the end of
/// an ingest runs there rather than on this thread: glibc's malloc gives each thread an arena
/// and keeps what is freed in it, so the link's events and facts reuse the memory that the
/// processing of the documents freed in that thread's arena, where on the main thread (whose
/// heap is small) they were new resident memory on top of it: the last 10-14 MiB of a bulk
/// ingest's peak (issue 10, item 6).
fn on_a_processing_thread<R: Send>(work: impl FnOnce() -> R + Send) -> R {
    rayon::scope(|_| work())
}

/// A processed batch on its way to the writer, with the counts so far for the progress line.
struct ProcessedBatch {
    documents: Vec<NewDocument>,
    read: usize,
    failed: usize,
}

/// What the writer stored.
#[derive(Default)]
struct Stored {
    new: usize,
    duplicates: usize,
    near_duplicates: usize,
    new_doc_ids: IdRanges,
}

/// The ids of the new documents as runs of consecutive ids: one writer's new documents get
/// consecutive ids, so this stays a few entries long where a list of ids grew by 8 bytes a
/// document (8 MB of resident memory at 1M documents; issue 10, item 6).
#[derive(Default, Debug, PartialEq)]
struct IdRanges(Vec<(i64, i64)>);

impl IdRanges {
    fn push(&mut self, id: i64) {
        match self.0.last_mut() {
            Some((_, last)) if *last + 1 == id => *last = id,
            _ => self.0.push((id, id)),
        }
    }

    /// The ids in order, `chunk` at a time.
    fn chunks(&self, chunk: usize) -> impl Iterator<Item = Vec<i64>> + '_ {
        let mut ids = self.0.iter().flat_map(|&(first, last)| first..=last);
        std::iter::from_fn(move || {
            let next: Vec<i64> = ids.by_ref().take(chunk.max(1)).collect();
            (!next.is_empty()).then_some(next)
        })
    }
}

/// New document ids looked up at once for their link units.
const LINK_UNIT_IDS_AT_ONCE: usize = 65_536;

/// The link units (`Store::link_units`) of the new documents, a slice of ids at a time.
fn link_units(
    store: &mut (dyn Store + Send),
    ids: &IdRanges,
) -> anyhow::Result<Vec<migtrack_model::LinkUnit>> {
    let mut units = std::collections::BTreeSet::new();
    for chunk in ids.chunks(LINK_UNIT_IDS_AT_ONCE) {
        units.extend(store.link_units(&chunk).context("linking the new events")?);
    }
    Ok(units.into_iter().collect())
}

/// Documents stored in one bulk transaction, at most: what a crash can cost (they are ingested
/// again by the next run, never twice) and how long a writer holds the lock, against the pages
/// every transaction rewrites (issue 10, item 4).
const BULK_DOCUMENTS: usize = 4096;
/// ... and seconds, at most, so that another process waiting to write is not held long.
const BULK_SECONDS: u64 = 5;

/// The writer thread: gather the processed batches as they come into store batches of at least
/// `store_batch` documents (the last one smaller) until the channel closes, and store each, the
/// store batches of a few seconds in one transaction (`Store::begin_bulk`); the first error
/// ends it, with the bulk transactions before the failed one's committed.
fn store_batches(
    store: &mut dyn Store,
    batches: std::sync::mpsc::Receiver<ProcessedBatch>,
    store_batch: usize,
    progress: &ProgressBar,
) -> anyhow::Result<Stored> {
    let mut stored = Stored::default();
    let (mut pending, mut since) = (0, std::time::Instant::now());
    let mut batches = batches.into_iter();
    while let Some(mut batch) = batches.next() {
        // Gather: each processed batch's documents are moved into the first one's vector.
        while batch.documents.len() < store_batch {
            let Some(next) = batches.next() else { break };
            batch.documents.extend(next.documents);
            (batch.read, batch.failed) = (next.read, next.failed);
        }
        if pending == 0 {
            store.begin_bulk().context("storing a batch")?;
            since = std::time::Instant::now();
        }
        let ready = batch.documents;
        let outcomes = {
            let _stage = tracing::debug_span!("store", documents = ready.len()).entered();
            let started = std::time::Instant::now();
            let outcomes = match store.put_batch(&ready) {
                Ok(outcomes) => outcomes,
                Err(error) => {
                    // The failed batch is rolled back, in SQLite with the bulk transaction it
                    // was in (the next ingest stores those documents again); what a store
                    // kept of the bulk transaction is committed.
                    store.commit_bulk().context("storing a batch")?;
                    return Err(error).context("storing a batch");
                }
            };
            tracing::debug!(
                elapsed_ms = started.elapsed().as_millis() as u64,
                "stored a batch"
            );
            outcomes
        };
        for (doc, outcome) in ready.iter().zip(outcomes) {
            let source = &doc.doc.source;
            match outcome {
                PutOutcome::New {
                    joined_story,
                    doc_id,
                    story_id,
                } => {
                    stored.new_doc_ids.push(doc_id);
                    stored.new += 1;
                    stored.near_duplicates += usize::from(joined_story);
                    if joined_story {
                        tracing::info!(
                            %source,
                            doc_id,
                            story_id,
                            "near duplicate: grouped into an existing story"
                        );
                    }
                }
                PutOutcome::Duplicate { doc_id } => {
                    tracing::info!(%source, doc_id, "exact duplicate: not stored again");
                    stored.duplicates += 1;
                }
            }
        }
        pending += ready.len().max(1);
        if pending >= BULK_DOCUMENTS || since.elapsed().as_secs() >= BULK_SECONDS {
            store.commit_bulk().context("storing a batch")?;
            pending = 0;
        }
        progress.set_position(batch.read as u64);
        progress.set_message(format!("{} new, {} failed", stored.new, batch.failed));
    }
    store.commit_bulk().context("storing a batch")?;
    Ok(stored)
}

#[cfg(test)]
mod tests {
    use super::*;
    use migtrack_model::{ContentKind, DocMeta};
    use migtrack_pipeline::dedupe;

    fn sample(name: &str) -> String {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../samples")
            .join(name);
        std::fs::read_to_string(path).unwrap()
    }

    fn raw(source: &str, text: &str) -> Result<RawDocument, Diagnostic> {
        Ok(RawDocument {
            source: source.into(),
            bytes: text.as_bytes().to_vec(),
            kind: ContentKind::Text,
            meta: DocMeta::default(),
        })
    }

    #[test]
    fn the_link_runs_on_a_processing_thread() {
        assert_eq!(rayon::current_thread_index(), None);
        assert!(on_a_processing_thread(rayon::current_thread_index).is_some());
        assert_eq!(on_a_processing_thread(|| 7), 7);
    }

    #[test]
    fn new_ids_are_kept_as_runs_and_given_back_in_order() {
        let mut ids = IdRanges::default();
        for id in [3, 4, 5, 9, 10, 12] {
            ids.push(id);
        }
        assert_eq!(ids, IdRanges(vec![(3, 5), (9, 10), (12, 12)]));
        let chunks: Vec<Vec<i64>> = ids.chunks(4).collect();
        assert_eq!(chunks, vec![vec![3, 4, 5, 9], vec![10, 12]]);
        assert_eq!(IdRanges::default().chunks(4).count(), 0);
    }

    /// Issue 10, item 4: the writer gathers processed batches into larger store batches; the
    /// store then holds exactly what storing each processed batch alone (or each document
    /// alone) gives: the same document ids, stories, duplicates, records and facts, whether a
    /// store batch is a multiple of the processing batch or not, and when it outlasts the input.
    #[test]
    fn gathering_processed_batches_into_store_batches_stores_the_same() {
        let texts: Vec<String> = (1..=8)
            .map(|n| {
                let name =
                    std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../samples"))
                        .unwrap()
                        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
                        .find(|name| name.starts_with(&format!("0{n}-")))
                        .unwrap();
                sample(&name)
            })
            .collect();
        let paragraphs: Vec<Vec<&str>> = texts.iter().map(|t| t.split("\n\n").collect()).collect();
        // Originals, exact copies, near duplicates (80% of the paragraphs) and mixtures of two
        // articles, interleaved so that copies fall in other batches than their originals.
        let mut documents = Vec::new();
        for round in 0..4 {
            for (i, p) in paragraphs.iter().enumerate() {
                let text = match round {
                    0 => texts[i].clone(),
                    1 => p[..(p.len() * 8 / 10).max(1)].join("\n\n"),
                    2 if i % 2 == 0 => texts[i].clone(),
                    2 => {
                        let other = &paragraphs[(i + 3) % paragraphs.len()];
                        [&p[..p.len() / 2], &other[other.len() / 2..]]
                            .concat()
                            .join("\n\n")
                    }
                    _ => {
                        let other = &paragraphs[(i + 5) % paragraphs.len()];
                        [&other[..other.len() / 2], &p[p.len() / 2..]]
                            .concat()
                            .join("\n\n")
                    }
                };
                documents.push((format!("{round}-{i}.txt"), text));
            }
        }
        let ingest = |batches: (usize, usize)| {
            let dir = tempfile::tempdir().unwrap();
            let mut store = super::super::open_for_ingest(&dir.path().join("x.db")).unwrap();
            let summary = ingest_batches(
                store.as_mut(),
                documents.iter().map(|(source, text)| raw(source, text)),
                None,
                batches,
                migtrack_pipeline::DEFAULT_DOCUMENT_BUDGET,
                true,
            )
            .unwrap();
            let mut rows = Vec::new();
            migtrack_export::write_json(
                store.as_ref(),
                &migtrack_export::Kind::ALL,
                &migtrack_export::Filters::default(),
                false,
                true,
                &mut rows,
            )
            .unwrap();
            let counts = (
                summary.read,
                summary.new,
                summary.duplicates,
                summary.near_duplicates,
                summary.facts,
            );
            (counts, String::from_utf8(rows).unwrap())
        };
        let alone = ingest((1, 1));
        let (counts, rows) = &alone;
        assert_eq!(counts.0, 32);
        assert!(counts.2 >= 4, "exact copies: {counts:?}");
        assert!(counts.3 >= 4, "near duplicates: {counts:?}");
        assert!(counts.4 > 0, "facts: {counts:?}");
        assert_eq!(
            rows.lines()
                .filter(|l| l.contains("\"kind\":\"document\""))
                .count(),
            counts.1
        );
        for batches in [(3, 3), (3, 12), (5, 7), (1, 4), (64, 256)] {
            assert!(ingest(batches) == alone, "{batches:?}");
        }
    }

    /// Issue 11, item 1: what an ingest groups into one story is exactly
    /// `dedupe::is_near_duplicate` (one function, one threshold), for copies on both sides of it.
    #[test]
    fn ingest_groups_exactly_the_pipelines_near_duplicates() {
        let original = sample("03-marrakech-adoption.txt");
        let paragraphs: Vec<&str> = original.split("\n\n").collect();
        let cut = |share: usize| paragraphs[..paragraphs.len() * share / 10].join("\n\n");
        let variants = [
            ("the wire copy", sample("04-marrakech-wire-copy.txt"), true),
            ("cut to 80 %", cut(8), true),
            ("cut to 60 %", cut(6), false),
            ("another story", sample("05-cable-lobbying.txt"), false),
        ];
        let pack = Pack::builtin();
        let signature = |text: &str| {
            migtrack_pipeline::process(&raw("x.txt", text).unwrap(), pack, &Settings::default())
                .unwrap()
                .signature
        };
        for (case, variant, expected) in variants {
            let (a, b) = (signature(&variant), signature(&original));
            println!("{case}: similarity {:.3}", dedupe::similarity(&a, &b));
            let decision = dedupe::is_near_duplicate(&a, &b);
            assert_eq!(decision, expected, "{case}");
            let dir = tempfile::tempdir().unwrap();
            let mut store = super::super::open_for_ingest(&dir.path().join("x.db")).unwrap();
            let documents = [raw("original.txt", &original), raw("variant.txt", &variant)];
            let summary = ingest_stream(
                store.as_mut(),
                documents.into_iter(),
                None,
                64,
                migtrack_pipeline::DEFAULT_DOCUMENT_BUDGET,
                true,
            )
            .unwrap();
            assert_eq!(summary.new, 2, "{case}");
            assert_eq!(summary.near_duplicates, usize::from(expected), "{case}");
        }
    }
}
