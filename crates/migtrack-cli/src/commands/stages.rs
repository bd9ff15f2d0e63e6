//! `migtrack clean` and `migtrack extract`: the pipeline stages on their own, streaming JSON to
//! standard output, no database.

use std::io::{BufWriter, Write};
use std::process::ExitCode;

use migtrack_domain::Pack;
use migtrack_model::{Diagnostic, DocInfo, ExtractedDocument, RawDocument};
use serde::Serialize;

use super::{documents, exit_code, inputs, process_batch, report};
use crate::cli::{CleanArgs, ExtractArgs, StreamFormat};

/// Documents are processed in parallel in chunks of this many; output keeps input order.
const CHUNK: usize = 32;

/// Apply `stage` to every document, in parallel chunks, writing results in input order.
fn stream<T: Serialize + Send>(
    args: &crate::cli::InputArgs,
    format: StreamFormat,
    stage: impl Fn(&RawDocument) -> Result<T, Diagnostic> + Sync,
) -> anyhow::Result<ExitCode> {
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut failed = 0;
    let mut first = true;
    if format == StreamFormat::Json {
        write!(out, "[")?;
    }
    let mut all = documents(inputs(args)?).peekable();
    while all.peek().is_some() {
        let chunk: Vec<_> = all.by_ref().take(CHUNK).collect();
        let results: Vec<Result<T, Diagnostic>> = process_batch(chunk, &stage);
        for result in results {
            match result {
                Ok(value) => match format {
                    StreamFormat::Jsonl => {
                        serde_json::to_writer(&mut out, &value)?;
                        writeln!(out)?;
                    }
                    StreamFormat::Json => {
                        if !first {
                            write!(out, ",")?;
                        }
                        writeln!(out)?;
                        serde_json::to_writer_pretty(&mut out, &value)?;
                        first = false;
                    }
                },
                Err(diagnostic) => {
                    failed += 1;
                    report(&diagnostic);
                }
            }
        }
        out.flush()?;
    }
    if format == StreamFormat::Json {
        writeln!(out, "\n]")?;
    }
    out.flush()?;
    Ok(exit_code(failed))
}

fn clean_one(
    raw: &RawDocument,
    published: Option<chrono::NaiveDate>,
) -> Result<migtrack_model::CleanDocument, Diagnostic> {
    let mut doc = migtrack_pipeline::clean::clean(raw).map_err(|error| Diagnostic {
        source: raw.source.clone(),
        message: error.to_string(),
    })?;
    if let Some(encoding) = &doc.encoding {
        super::note_encoding(&doc.source, encoding);
    }
    if doc.published.is_none()
        && let Some(date) = published
    {
        doc.published = Some(date);
        doc.published_origin = Some(migtrack_model::DateOrigin::Metadata);
    }
    Ok(doc)
}

pub fn clean(args: &CleanArgs) -> anyhow::Result<ExitCode> {
    let published = args.published.published;
    stream(&args.input, args.format, |raw| clean_one(raw, published))
}

pub fn extract(args: &ExtractArgs) -> anyhow::Result<ExitCode> {
    let pack = Pack::builtin();
    let published = args.published.published;
    let document_budget = args.budget.document_budget;
    stream(&args.input, args.format, |raw| {
        let budget = migtrack_pipeline::Budget::start(document_budget);
        let doc = clean_one(raw, published)?;
        let records = budget
            .check("clean")
            .and_then(|()| migtrack_pipeline::extract_within(&doc, pack, &budget))
            .map_err(|error| Diagnostic {
                source: raw.source.clone(),
                message: error.to_string(),
            })?;
        Ok(ExtractedDocument {
            doc: DocInfo {
                source: doc.source,
                title: doc.title,
                published: doc.published,
                lang: doc.lang,
            },
            records,
        })
    })
}
