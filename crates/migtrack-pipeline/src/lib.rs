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
    if doc.published.is_none()
        && let Some(date) = published
    {
        doc.published = Some(date);
        doc.published_origin = Some(migtrack_model::DateOrigin::Metadata);
    }
    let content_hash = dedupe::content_hash(&doc.text);
    let signature = dedupe::signature(&doc.text);
    let bands = dedupe::bands(&signature);
    let lang = doc.lang.as_deref().unwrap_or("en");
    let extraction = extract::extract_lang(&doc.text, lang, doc.published, pack);
    Ok(Processed {
        doc,
        content_hash,
        signature,
        bands,
        extraction,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

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
