//! migtrack's pipeline: pure, deterministic stages from a raw document to records.
//! No IO here: every function takes values and returns values plus diagnostics.

pub mod annotate;
pub mod clean;
pub mod dedupe;
pub mod eval;
pub mod extract;
pub mod link;
pub mod overlap;
pub mod people;

use std::cell::Cell;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::time::{Duration, Instant};

use migtrack_domain::Pack;
use migtrack_model::{CleanDocument, Extraction, RawDocument};

thread_local! {
    /// How many [`guard`] calls are running on this thread.
    static GUARDED: Cell<usize> = const { Cell::new(0) };
}

/// Run one document's work, turning a panic inside it into a one-line error message: a bug
/// that one document meets is that document's failure, never the batch's (the stages hold no
/// shared state a panic could leave half-changed). While `work` runs, [`is_guarded`] is true
/// on this thread, so that a panic hook can stay quiet about a panic that will be reported.
///
/// (A stack overflow is not a panic and cannot be caught: the clean stage caps the depth of a
/// page for that.)
pub fn guard<T>(work: impl FnOnce() -> T) -> Result<T, String> {
    GUARDED.with(|count| count.set(count.get() + 1));
    let result = catch_unwind(AssertUnwindSafe(work));
    GUARDED.with(|count| count.set(count.get().saturating_sub(1)));
    result.map_err(|payload| {
        let message = payload
            .downcast_ref::<&str>()
            .map(|text| (*text).to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "no message".to_string());
        let message = message.split_whitespace().collect::<Vec<_>>().join(" ");
        format!("internal error while processing (a bug, please report it): {message}")
    })
}

/// Whether a [`guard`] is running on this thread (a panic here will be caught and reported).
pub fn is_guarded() -> bool {
    GUARDED.with(Cell::get) > 0
}

/// A document that went through clean, dedupe signatures and extract: ready to store.
#[derive(Debug, Clone)]
pub struct Processed {
    pub doc: CleanDocument,
    pub content_hash: String,
    pub signature: Vec<u64>,
    pub bands: Vec<u64>,
    pub extraction: Extraction,
}

/// Run the per-document stages on one raw document. `published` is the fallback publication
/// date for a document that carries none of its own (`--published`).
pub fn process(
    raw: &RawDocument,
    pack: &Pack,
    published: Option<chrono::NaiveDate>,
) -> Result<Processed, clean::CleanError> {
    let mut doc = clean::clean(raw)?;
    fill_published(&mut doc, published);
    let lang = doc.lang.as_deref().unwrap_or("en");
    let extraction = extract::extract_lang(&doc.text, lang, doc.published, pack);
    Ok(finish(doc, extraction))
}

/// Default wall-clock budget for one document ([`process_within`], `--document-budget`): an
/// article takes milliseconds and a 1 MB text under a second in a release build, so only a
/// pathological document (megabytes of one run-on paragraph) meets it.
pub const DEFAULT_DOCUMENT_BUDGET: Duration = Duration::from_secs(20);

/// Why [`process_within`] gave no records for a document.
#[derive(Debug, thiserror::Error)]
pub enum ProcessError {
    #[error(transparent)]
    Clean(#[from] clean::CleanError),
    /// The document's time budget ran out; it is reported and skipped, so one pathological
    /// document cannot stall a batch.
    #[error(
        "took longer than the {}-second budget per document (during {stage}); skipped",
        budget.as_secs_f64()
    )]
    OverBudget {
        budget: Duration,
        /// The stage that was running when the budget ran out.
        stage: &'static str,
    },
}

/// A wall-clock budget for one document, started when it is made.
#[derive(Debug, Clone, Copy)]
pub struct Budget {
    budget: Duration,
    deadline: Instant,
}

impl Budget {
    pub fn start(budget: Duration) -> Self {
        Budget {
            budget,
            deadline: Instant::now() + budget,
        }
    }

    /// An error naming `stage` once the budget has run out.
    pub fn check(&self, stage: &'static str) -> Result<(), ProcessError> {
        if Instant::now() >= self.deadline {
            Err(ProcessError::OverBudget {
                budget: self.budget,
                stage,
            })
        } else {
            Ok(())
        }
    }
}

/// [`process`] with a wall-clock budget: once it has run out, the remaining work is cut short
/// (no more sentences are parsed, the extractors not yet started are skipped) and the document
/// is an error, [`ProcessError::OverBudget`], rather than a partial record set. The stages are
/// linear or capped in the size of their input, so the work past the budget is bounded; the
/// budget is the backstop for what is slow without being superlinear (a 10 MB document).
pub fn process_within(
    raw: &RawDocument,
    pack: &Pack,
    published: Option<chrono::NaiveDate>,
    budget: Duration,
) -> Result<Processed, ProcessError> {
    let budget = Budget::start(budget);
    let mut doc = clean::clean(raw)?;
    budget.check("clean")?;
    fill_published(&mut doc, published);
    let extraction = extract_within(&doc, pack, &budget)?;
    Ok(finish(doc, extraction))
}

/// The extract stage on a cleaned document under `budget` (see [`process_within`]).
pub fn extract_within(
    doc: &CleanDocument,
    pack: &Pack,
    budget: &Budget,
) -> Result<Extraction, ProcessError> {
    let lang = doc.lang.as_deref().unwrap_or("en");
    let ctx = extract::Context::with_lang(&doc.text, lang, doc.published, pack)
        .with_deadline(budget.deadline);
    budget.check("annotate")?;
    let extraction = extract::run(&ctx);
    if ctx.over_budget() {
        budget.check("extract")?;
    }
    Ok(extraction)
}

fn fill_published(doc: &mut CleanDocument, published: Option<chrono::NaiveDate>) {
    if doc.published.is_none()
        && let Some(date) = published
    {
        doc.published = Some(date);
        doc.published_origin = Some(migtrack_model::DateOrigin::Metadata);
    }
}

fn finish(doc: CleanDocument, extraction: Extraction) -> Processed {
    let content_hash = dedupe::content_hash(&doc.text);
    let signature = dedupe::signature(&doc.text);
    let bands = dedupe::bands(&signature);
    Processed {
        doc,
        content_hash,
        signature,
        bands,
        extraction,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article() -> RawDocument {
        RawDocument {
            source: "bra.txt".into(),
            bytes: b"Brazil withdrew from the Global Compact for Migration on 8 January 2019, \
                     the foreign ministry said. Hungary rejected the compact in July 2018."
                .to_vec(),
            kind: migtrack_model::ContentKind::Text,
            meta: migtrack_model::DocMeta::default(),
        }
    }

    #[test]
    fn a_document_within_its_budget_gets_the_same_records_as_without_one() {
        let pack = Pack::builtin();
        let bounded = process_within(&article(), pack, None, DEFAULT_DOCUMENT_BUDGET).unwrap();
        let unbounded = process(&article(), pack, None).unwrap();
        assert_eq!(bounded.extraction, unbounded.extraction);
        assert_eq!(bounded.content_hash, unbounded.content_hash);
        assert!(!bounded.extraction.events.is_empty());
    }

    /// Issue 12, item 2: past its budget a document is an error naming the budget, and the
    /// work left is cut short: no sentence is parsed after the deadline.
    #[test]
    fn a_document_past_its_budget_is_an_error_and_its_remaining_work_is_skipped() {
        let pack = Pack::builtin();
        let error =
            process_within(&article(), pack, None, Duration::ZERO).expect_err("over budget");
        assert!(matches!(error, ProcessError::OverBudget { .. }), "{error}");
        assert!(error.to_string().contains("budget per document"), "{error}");

        let doc = clean::clean(&article()).unwrap();
        let ctx = extract::Context::new(&doc.text, None, pack).with_deadline(Instant::now());
        let extraction = extract::run(&ctx);
        assert!(ctx.over_budget());
        assert_eq!(ctx.analysed(), 0, "no sentence parsed past the deadline");
        assert!(extraction.events.is_empty() && extraction.quotes.is_empty());
    }

    /// The two longest extractors look at the clock themselves, so a deadline that passes
    /// while one of them runs stops it too (not only the extractors after it).
    #[test]
    fn quotes_and_events_stop_at_the_deadline_themselves() {
        let pack = Pack::builtin();
        let text = "\u{201c}We will not sign this compact,\u{201d} the foreign minister said \
                    on Monday. Brazil withdrew from the Global Compact for Migration.";
        let open = extract::Context::new(text, None, pack);
        assert!(!extract::quotes::extract(&open).is_empty());
        assert!(!extract::events::extract(&open, &[], &[]).is_empty());
        let expired = extract::Context::new(text, None, pack).with_deadline(Instant::now());
        assert!(extract::quotes::extract(&expired).is_empty());
        assert!(extract::events::extract(&expired, &[], &[]).is_empty());
    }

    #[test]
    fn guard_turns_a_panic_into_one_line_and_passes_values_through() {
        assert_eq!(guard(|| 7), Ok(7));
        assert!(!is_guarded());
        let error = guard(|| -> usize {
            assert!(is_guarded());
            panic!("index out of range\nat somewhere")
        })
        .unwrap_err();
        assert!(error.contains("index out of range at somewhere"), "{error}");
        assert!(!is_guarded());
    }
}
