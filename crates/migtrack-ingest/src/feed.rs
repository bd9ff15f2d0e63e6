//! The feed source: an RSS 2.0 or Atom file (parsed by `feed-rs`), one document per item.
//!
//! For each item or entry: bytes = its content, else its summary (`ContentKind::Html` when the
//! feed marks it HTML, `Text` otherwise; empty when it has neither — the clean stage rejects
//! it); `url` = its first link; `title`; `published` = its published date, else its updated
//! date (the UTC date: feed-rs normalises times to UTC); `outlet` = the feed's title; `lang` =
//! the item's or feed's language. Its `source` is the link, or `<file>#<n>` (1-based) when it
//! has none. A feed that does not parse is one [`SourceError`] for the file.
//!
//! A feed is parsed in memory, so a feed file is capped by `max_document_bytes`.

use feed_rs::model::{Entry, Feed, Text};
use migtrack_model::{ContentKind, DocMeta, RawDocument};

use crate::{Documents, SourceError};

/// How far into a file [`sniff`] looks for the feed's root element.
const SNIFF_WINDOW: usize = 1024;

/// The bytes look like an RSS or Atom document: markup whose first 1 KiB has `<rss` or `<feed`.
pub fn sniff(bytes: &[u8]) -> bool {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = bytes
        .iter()
        .position(|byte| !byte.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    let window = &bytes[start..bytes.len().min(start + SNIFF_WINDOW)];
    window.first() == Some(&b'<')
        && (contains(window, b"<rss")
            || contains(window, b"<feed")
            || contains(window, b"<rdf:RDF"))
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle)
}

/// Parse a whole feed and stream its items as documents; `source` names the file.
pub fn from_bytes(source: &str, bytes: &[u8]) -> Documents {
    let parser = feed_rs::parser::Builder::new()
        .sanitize_content(false)
        .build();
    let feed = match parser.parse(bytes) {
        Ok(feed) => feed,
        Err(error) => {
            return Box::new(std::iter::once(Err(SourceError::new(
                source,
                format!("broken feed: {error}"),
            ))));
        }
    };
    let Feed {
        title,
        language,
        entries,
        ..
    } = feed;
    let outlet = title
        .map(|text| text.content.trim().to_string())
        .filter(|t| !t.is_empty());
    let source = source.to_string();
    Box::new(entries.into_iter().enumerate().map(move |(index, entry)| {
        Ok(item_document(
            &source,
            index + 1,
            entry,
            outlet.clone(),
            language.clone(),
        ))
    }))
}

fn item_document(
    file: &str,
    number: usize,
    entry: Entry,
    outlet: Option<String>,
    feed_language: Option<String>,
) -> RawDocument {
    let url = entry
        .links
        .iter()
        .find(|link| link.rel.as_deref().is_none_or(|rel| rel == "alternate"))
        .or(entry.links.first())
        .map(|link| link.href.trim().to_string())
        .filter(|href| !href.is_empty());
    let content = entry.content.and_then(|content| {
        let kind = kind_of(content.content_type.as_ref());
        content
            .body
            .filter(|body| !body.trim().is_empty())
            .map(|body| (body.into_bytes(), kind))
    });
    let (bytes, kind) = content
        .or_else(|| entry.summary.map(text_body))
        .unwrap_or((Vec::new(), ContentKind::Unknown));
    let published = entry
        .published
        .or(entry.updated)
        .map(|datetime| datetime.date_naive());
    RawDocument {
        source: url.clone().unwrap_or_else(|| format!("{file}#{number}")),
        bytes,
        kind,
        meta: DocMeta {
            url,
            title: entry
                .title
                .map(|title| title.content.trim().to_string())
                .filter(|title| !title.is_empty()),
            published,
            outlet,
            lang: entry.language.or(feed_language),
        },
    }
}

fn text_body(text: Text) -> (Vec<u8>, ContentKind) {
    let kind = kind_of(text.content_type.as_ref());
    (text.content.into_bytes(), kind)
}

fn kind_of(media_type: &str) -> ContentKind {
    if media_type.to_ascii_lowercase().contains("html") {
        ContentKind::Html
    } else {
        ContentKind::Text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniff_finds_feed_roots_after_a_prolog_only() {
        let cases: [(&[u8], bool); 6] = [
            (b"<?xml version=\"1.0\"?>\n<rss version=\"2.0\">", true),
            (
                b"\xEF\xBB\xBF  <feed xmlns=\"http://www.w3.org/2005/Atom\">",
                true,
            ),
            (b"<!doctype html><html>", false),
            (b"plain text about <rss feeds", false),
            (b"", false),
            (b"<rdf:RDF xmlns:rdf=\"x\">", true),
        ];
        for (bytes, expected) in cases {
            assert_eq!(
                sniff(bytes),
                expected,
                "{:?}",
                String::from_utf8_lossy(bytes)
            );
        }
    }

    #[test]
    fn html_media_types_give_html_kind() {
        assert_eq!(kind_of("text/html"), ContentKind::Html);
        assert_eq!(kind_of("application/xhtml+xml"), ContentKind::Html);
        assert_eq!(kind_of("text/plain"), ContentKind::Text);
    }
}
