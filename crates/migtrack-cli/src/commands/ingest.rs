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
use migtrack_store::{NewDocument, PutOutcome, SqliteStore, Store};
use serde::Serialize;

use super::{documents, exit_code, inputs, process_batch, report};
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
    let mut store = SqliteStore::open(db).with_context(|| format!("opening {}", db.display()))?;
    let summary = ingest_stream(
        &mut store,
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

/// Ingest a stream of raw documents into `store`, then relink facts.
pub fn ingest_stream(
    store: &mut SqliteStore,
    stream: impl Iterator<Item = Result<RawDocument, Diagnostic>>,
    published: Option<chrono::NaiveDate>,
    batch_size: usize,
    budget: Duration,
    quiet: bool,
) -> anyhow::Result<Summary> {
    let pack = Pack::builtin();
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
    let mut new_doc_ids = Vec::new();
    while stream.peek().is_some() {
        let batch: Vec<_> = stream.by_ref().take(batch_size.max(1)).collect();
        summary.read += batch.len();
        let processed: Vec<Result<NewDocument, Diagnostic>> = process_batch(batch, |raw| {
            let processed = migtrack_pipeline::process_within(raw, pack, published, budget)
                .map_err(|error| Diagnostic {
                    source: raw.source.clone(),
                    message: error.to_string(),
                })?;
            Ok(NewDocument {
                doc: processed.doc,
                content_hash: processed.content_hash,
                bands: processed.bands,
                signature: processed.signature,
                extraction: processed.extraction,
            })
        });
        let mut ready = Vec::with_capacity(processed.len());
        for item in processed {
            match item {
                Ok(doc) => {
                    if let Some(encoding) = &doc.doc.encoding {
                        progress.suspend(|| super::note_encoding(&doc.doc.source, encoding));
                    }
                    ready.push(doc);
                }
                Err(diagnostic) => {
                    summary.failed += 1;
                    progress.suspend(|| report(&diagnostic));
                }
            }
        }
        for outcome in store.put_batch(&ready).context("storing a batch")? {
            match outcome {
                PutOutcome::New {
                    doc_id,
                    joined_story,
                    ..
                } => {
                    new_doc_ids.push(doc_id);
                    summary.new += 1;
                    summary.near_duplicates += usize::from(joined_story);
                }
                PutOutcome::Duplicate { .. } => summary.duplicates += 1,
            }
        }
        progress.set_position(summary.read as u64);
        progress.set_message(format!("{} new, {} failed", summary.new, summary.failed));
    }
    progress.finish_and_clear();
    super::relink_documents(store, &new_doc_ids)?;
    // An earlier ingest that stopped before linking left events of other units without facts.
    if store.facts_stale()? {
        super::relink(store)?;
    }
    summary.facts = store.counts()?.facts;
    Ok(summary)
}
