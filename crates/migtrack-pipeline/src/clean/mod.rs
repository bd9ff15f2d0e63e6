//! The clean stage: bytes → decoded text → main text without boilerplate, with title, byline,
//! publication date and a map back to the original offsets.
//!
//! Output text shape: one paragraph per line of the source (or per block of the extracted HTML
//! main text), paragraphs separated by exactly one blank line (`"\n\n"`), whitespace inside a
//! paragraph folded to single spaces. Quotes are kept as they are (curly, straight, „ « »): the
//! extractors handle them, and keeping every character makes the origin map exact. For plain
//! text, `origin_map` points into the decoded text and is exact word by word; for HTML it points
//! into the decoded HTML source where the words are found verbatim (entities make it approximate).

mod dateline;
mod decode;
mod depth;
mod html;
pub mod lang;
pub mod metric;
mod rules;
mod text;

/// The decode step alone (public for the fuzz targets in `fuzz/`).
pub use decode::decode;

use migtrack_model::{CleanDocument, ContentKind, DateOrigin, RawDocument};
use serde::Deserialize;

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

/// Settings of the clean stage. The defaults are what `clean` uses.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CleanConfig {
    /// Documents larger than this many bytes are refused ([`CleanError::TooLarge`]).
    pub max_bytes: usize,
    /// Drop share/subscribe/related/comment lines and "More from …" teaser blocks.
    pub drop_boilerplate: bool,
    /// Drop a paragraph that repeats an earlier one (same words, case and spacing aside).
    pub drop_repeated_paragraphs: bool,
    /// Apply our line filter to dom_smoothie's output (off = dom_smoothie alone, the baseline).
    pub html_post_filter: bool,
    /// Read a publication date from a dateline when no metadata gives one.
    pub dateline: bool,
}

impl Default for CleanConfig {
    fn default() -> Self {
        CleanConfig {
            max_bytes: 16 * 1024 * 1024,
            drop_boilerplate: true,
            drop_repeated_paragraphs: true,
            html_post_filter: true,
            dateline: true,
        }
    }
}

/// Clean one raw document with the default settings.
pub fn clean(raw: &RawDocument) -> Result<CleanDocument, CleanError> {
    clean_with(raw, &CleanConfig::default())
}

/// Clean one raw document.
pub fn clean_with(raw: &RawDocument, config: &CleanConfig) -> Result<CleanDocument, CleanError> {
    if raw.bytes.len() > config.max_bytes {
        return Err(CleanError::TooLarge {
            size: raw.bytes.len(),
            limit: config.max_bytes,
        });
    }
    let (decoded, encoding) = decode::decode(&raw.bytes)?;
    if decoded.trim().is_empty() {
        return Err(CleanError::Empty);
    }
    let is_html = match raw.kind {
        ContentKind::Html => true,
        ContentKind::Text => false,
        ContentKind::Unknown => html::sniff(&decoded),
    };
    let mut title = raw.meta.title.clone();
    let mut byline = None;
    let mut lang = raw.meta.lang.clone();
    let mut published = raw.meta.published.map(|date| (date, DateOrigin::Metadata));
    let output = if is_html {
        let extracted = html::extract(&decoded, raw.meta.url.as_deref()).unwrap_or_default();
        title = title.or(extracted.title.clone());
        byline = extracted.byline.clone();
        lang = lang.or_else(|| extracted.lang.as_deref().and_then(primary_language));
        if published.is_none() {
            published = extracted
                .published
                .as_deref()
                .and_then(dateline::metadata_date)
                .map(|date| (date, DateOrigin::Html));
        }
        if published.is_none() && config.dateline {
            // Before the post-filter, which drops stamp lines.
            published =
                dateline::dateline_date(&extracted.text).map(|date| (date, DateOrigin::Dateline));
        }
        html::clean_html_text(&extracted, &decoded, config)
    } else {
        text::clean_text(&decoded, config)
    };
    if output.text.is_empty() {
        return Err(CleanError::NoText);
    }
    if published.is_none() && config.dateline {
        published = dateline::dateline_date(&output.text).map(|date| (date, DateOrigin::Dateline));
    }
    let lang = lang.or_else(|| lang::guess(&output.text).map(str::to_string));
    Ok(CleanDocument {
        source: raw.source.clone(),
        url: raw.meta.url.clone(),
        title,
        byline,
        published: published.map(|(date, _)| date),
        published_origin: published.map(|(_, origin)| origin),
        outlet: raw.meta.outlet.clone(),
        lang,
        encoding: (encoding != "UTF-8").then(|| encoding.into_owned()),
        text: output.text,
        origin_map: output.map,
    })
}

/// `en` from `en-US`, lower-cased; `None` for an empty tag.
fn primary_language(tag: &str) -> Option<String> {
    let primary = tag.split(['-', '_']).next()?.trim().to_ascii_lowercase();
    (!primary.is_empty()).then_some(primary)
}
