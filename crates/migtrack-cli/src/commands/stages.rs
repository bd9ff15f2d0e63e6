//! `migtrack clean` and `migtrack extract`: the pipeline stages on their own, streaming JSON to
//! standard output, no database.

use std::io::{BufWriter, Write};
use std::process::ExitCode;

use migtrack_domain::Pack;
use migtrack_model::{Diagnostic, DocInfo, ExtractedDocument, RawDocument};
use migtrack_pipeline::{Processed, Published, Settings};
use serde::Serialize;

use super::{documents, exit_code, failure, inputs, process_batch, report};
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

pub fn clean(args: &CleanArgs) -> anyhow::Result<ExitCode> {
    let published = Published::Fallback(args.published.published);
    stream(&args.input, args.format, |raw| {
        let doc = migtrack_pipeline::clean_document(raw, published)
            .map_err(|error| failure(raw, error))?;
        if let Some(encoding) = &doc.encoding {
            super::note_encoding(&doc.source, encoding);
        }
        Ok(doc)
    })
}

pub fn extract(args: &ExtractArgs) -> anyhow::Result<ExitCode> {
    let pack = Pack::builtin();
    let settings = Settings {
        published: Published::Fallback(args.published.published),
        budget: Some(args.budget.document_budget),
    };
    stream(&args.input, args.format, |raw| {
        let Processed {
            doc, extraction, ..
        } = migtrack_pipeline::process(raw, pack, &settings)
            .map_err(|error| failure(raw, error))?;
        if let Some(encoding) = &doc.encoding {
            super::note_encoding(&doc.source, encoding);
        }
        Ok(ExtractedDocument {
            doc: DocInfo {
                source: doc.source,
                title: doc.title,
                published: doc.published,
                lang: doc.lang,
            },
            records: extraction,
        })
    })
}
