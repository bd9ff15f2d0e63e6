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

use migtrack_domain::Pack;
use migtrack_model::{CleanDocument, Extraction, RawDocument};

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
