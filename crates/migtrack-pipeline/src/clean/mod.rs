//! The clean stage: bytes → decoded text → main text without boilerplate, with title, byline,
//! publication date and a map back to the original offsets.

use migtrack_model::{CleanDocument, RawDocument};

/// Why a document could not be cleaned (it is reported and skipped; the batch goes on).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CleanError {
    #[error("binary content, not text")]
    Binary,
    #[error("empty document")]
    Empty,
    #[error("no main text found")]
    NoText,
    #[error("document too large: {size} bytes (limit {limit})")]
    TooLarge { size: usize, limit: usize },
}

/// Clean one raw document.
pub fn clean(raw: &RawDocument) -> Result<CleanDocument, CleanError> {
    let text = String::from_utf8_lossy(&raw.bytes).into_owned();
    if text.trim().is_empty() {
        return Err(CleanError::Empty);
    }
    Ok(CleanDocument {
        source: raw.source.clone(),
        url: raw.meta.url.clone(),
        title: raw.meta.title.clone(),
        byline: None,
        published: raw.meta.published,
        published_origin: raw
            .meta
            .published
            .map(|_| migtrack_model::DateOrigin::Metadata),
        outlet: raw.meta.outlet.clone(),
        lang: raw.meta.lang.clone(),
        origin_map: vec![(0, 0)],
        text,
    })
}
