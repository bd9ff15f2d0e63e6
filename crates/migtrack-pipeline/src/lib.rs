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

use chrono::NaiveDate;
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

pub use migtrack_model::Processed;

/// How a document's publication date is settled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Published {
    /// The document's own date (metadata, HTML, dateline), else this one (`--published`).
    Fallback(Option<NaiveDate>),
    /// This one, also when it is `None`, whatever the document says (gold files: the gold's
    /// date is the reference).
    Fixed(Option<NaiveDate>),
}

impl Default for Published {
    fn default() -> Self {
        Published::Fallback(None)
    }
}

/// What [`process`] needs besides the document and the domain pack.
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    pub published: Published,
    /// The document's wall-clock budget ([`DEFAULT_DOCUMENT_BUDGET`]); `None` for none.
    pub budget: Option<Duration>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            published: Published::default(),
            budget: Some(DEFAULT_DOCUMENT_BUDGET),
        }
    }
}

impl Settings {
    /// The default budget, the document's own date else `published`.
    pub fn published(published: Option<NaiveDate>) -> Self {
        Settings {
            published: Published::Fallback(published),
            ..Settings::default()
        }
    }
}

/// The pipeline, assembled once: every caller (ingest, `migtrack extract`, the API's `POST`,
/// `migtrack eval`, the gold tests) runs a raw document through this function. The clean stage
/// ([`clean_document`]), then the extract stage in the document's language under the budget,
/// then the dedupe signatures. Past its budget the remaining work is cut short (no more
/// sentences are parsed, the extractors not yet started are skipped) and the document is an
/// error, [`ProcessError::OverBudget`], rather than a partial record set. The stages are
/// linear or capped in the size of their input, so the work past the budget is bounded; the
/// budget is the backstop for what is slow without being superlinear (a 10 MB document).
pub fn process(
    raw: &RawDocument,
    pack: &Pack,
    settings: &Settings,
) -> Result<Processed, ProcessError> {
    let _document = tracing::debug_span!("document", source = %raw.source).entered();
    let budget = settings.budget.map(Budget::start);
    let doc = clean_document(raw, settings.published)?;
    if let Some(budget) = &budget {
        budget.check("clean")?;
    }
    let extraction = extract_document(&doc, pack, budget.as_ref())?;
    let _stage = tracing::debug_span!("dedupe").entered();
    let content_hash = dedupe::content_hash(&doc.text);
    let signature = dedupe::signature(&doc.text);
    let bands = dedupe::bands(&signature);
    tracing::debug!(content_hash = %&content_hash[..12], "signed");
    Ok(Processed {
        doc,
        content_hash,
        signature,
        bands,
        extraction,
    })
}

/// The clean stage with the publication date settled as `published` says.
pub fn clean_document(
    raw: &RawDocument,
    published: Published,
) -> Result<CleanDocument, clean::CleanError> {
    let _stage = tracing::debug_span!("clean").entered();
    let mut doc = clean::clean(raw)?;
    match published {
        Published::Fixed(date) => {
            doc.published = date;
            doc.published_origin = date.map(|_| migtrack_model::DateOrigin::Metadata);
        }
        Published::Fallback(date) => {
            if doc.published.is_none()
                && let Some(date) = date
            {
                doc.published = Some(date);
                doc.published_origin = Some(migtrack_model::DateOrigin::Metadata);
            }
        }
    }
    tracing::debug!(
        bytes = doc.text.len(),
        lang = doc.lang.as_deref().unwrap_or("-"),
        published = ?doc.published,
        "cleaned"
    );
    Ok(doc)
}

/// Default wall-clock budget for one document ([`Settings::budget`], `--document-budget`): an
/// article takes milliseconds and a 1 MB text under a second in a release build, so only a
/// pathological document (megabytes of one run-on paragraph) meets it.
pub const DEFAULT_DOCUMENT_BUDGET: Duration = Duration::from_secs(20);

/// Why [`process`] gave no records for a document.
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

/// The extract stage on a cleaned document, in its language ("en" when unknown), under
/// `budget` if there is one (see [`process`]).
fn extract_document(
    doc: &CleanDocument,
    pack: &Pack,
    budget: Option<&Budget>,
) -> Result<Extraction, ProcessError> {
    let lang = doc.lang.as_deref().unwrap_or("en");
    // A lower-cased text is read through a truecased copy of the same length, so spans
    // still point into the stored text.
    let text = extract::truecase::truecase(&doc.text, lang, pack);
    let ctx = {
        let _stage = tracing::debug_span!("annotate").entered();
        let ctx = extract::Context::with_lang(&text, lang, doc.published, pack);
        let ctx = match budget {
            Some(budget) => ctx.with_deadline(budget.deadline),
            None => ctx,
        };
        tracing::debug!(
            sentences = ctx.sentences.len(),
            mentions = ctx.mentions.len(),
            "annotated"
        );
        ctx
    };
    if let Some(budget) = budget {
        budget.check("annotate")?;
    }
    let _stage = tracing::debug_span!("extract").entered();
    let extraction = extract::run(&ctx);
    if let Some(budget) = budget
        && ctx.over_budget()
    {
        budget.check("extract")?;
    }
    tracing::debug!(
        events = extraction.events.len(),
        quotes = extraction.quotes.len(),
        dates = extraction.dates.len(),
        figures = extraction.figures.len(),
        claims = extraction.claims.len(),
        parsed = ctx.analysed(),
        "extracted"
    );
    Ok(extraction)
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
        let bounded = process(&article(), pack, &Settings::default()).unwrap();
        let unbounded = process(
            &article(),
            pack,
            &Settings {
                budget: None,
                ..Settings::default()
            },
        )
        .unwrap();
        assert_eq!(bounded.extraction, unbounded.extraction);
        assert_eq!(bounded.content_hash, unbounded.content_hash);
        assert!(!bounded.extraction.events.is_empty());
    }

    /// Issue 12, item 2: past its budget a document is an error naming the budget, and the
    /// work left is cut short: no sentence is parsed after the deadline.
    #[test]
    fn a_document_past_its_budget_is_an_error_and_its_remaining_work_is_skipped() {
        let pack = Pack::builtin();
        let settings = Settings {
            budget: Some(Duration::ZERO),
            ..Settings::default()
        };
        let error = process(&article(), pack, &settings).expect_err("over budget");
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
