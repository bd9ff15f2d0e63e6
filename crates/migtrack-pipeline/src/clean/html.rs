//! HTML → main text with dom_smoothie (formatted text), then our post-filter over its lines:
//! captions, share/related/subscribe furniture, teaser blocks and repeated lines.

use std::collections::HashSet;

use dom_smoothie::{Config, Readability, TextMode};

use super::CleanConfig;
use super::depth;
use super::rules;
use super::text::{self, Output};

/// What the main-content extractor found in a page.
#[derive(Debug, Default)]
pub(crate) struct Extracted {
    pub title: Option<String>,
    pub byline: Option<String>,
    pub published: Option<String>,
    pub lang: Option<String>,
    /// Main text as dom_smoothie formats it (one block per line).
    pub text: String,
    /// Folded texts of the page's links: a line that is all link is navigation or a teaser.
    pub link_texts: HashSet<String>,
}

/// `<html`, `<!doctype html`, `<head` or `<body` near the start.
pub(crate) fn sniff(text: &str) -> bool {
    let start = text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    let head: String = start
        .chars()
        .take(1024)
        .flat_map(char::to_lowercase)
        .collect();
    head.starts_with("<!doctype html")
        || head.starts_with("<html")
        || head.starts_with("<?xml") && head.contains("<html")
        || (head.starts_with('<')
            && (head.contains("<html") || head.contains("<head") || head.contains("<body")))
}

fn non_empty(value: Option<String>) -> Option<String> {
    let value = value?;
    let folded = value.split_whitespace().collect::<Vec<_>>().join(" ");
    (!folded.is_empty()).then_some(folded)
}

/// Run dom_smoothie on a page.
pub(crate) fn extract(html: &str, url: Option<&str>) -> Option<Extracted> {
    let config = Config {
        text_mode: TextMode::Formatted,
        ..Config::default()
    };
    // dom_smoothie rejects relative URLs; a page without a usable URL is parsed without one.
    let url = url.filter(|url| Readability::new("", Some(url), None).is_ok());
    // The parser's work grows with the square of the nesting depth, so tags nested past a cap
    // are dropped before it runs; the tree is built without recursion, and the extractor then
    // walks it recursively, so a tree still too deep is flattened (see `depth`).
    let (document, _flattened) = parse(html);
    let mut readability = Readability::with_document(document, url, Some(config)).ok()?;
    let link_texts = readability
        .doc
        .select("a")
        .nodes()
        .iter()
        .map(|node| text::repeat_key(&node.text()))
        .filter(|key| !key.is_empty())
        .collect();
    let article = readability.parse().ok()?;
    Some(Extracted {
        title: non_empty(Some(article.title.clone())),
        byline: non_empty(article.byline.clone()),
        published: non_empty(article.published_time.clone()),
        lang: non_empty(article.lang.clone()),
        text: article.text_content.to_string(),
        link_texts,
    })
}

/// Parse a page with its nesting capped: tags nested past [`depth::MAX_SOURCE_DEPTH`] are
/// dropped before the parser runs, and elements the parser still built deeper than
/// [`depth::MAX_DEPTH`] are unwrapped after; returns how many had to be unwrapped.
fn parse(html: &str) -> (dom_query::Document, usize) {
    let document =
        dom_query::Document::from(depth::cap_tags(html, depth::MAX_SOURCE_DEPTH).as_ref());
    let flattened = depth::flatten(&document.root(), depth::MAX_DEPTH);
    (document, flattened)
}

/// Which of the extracted lines to keep.
pub(crate) fn post_filter(
    lines: &[&str],
    link_texts: &HashSet<String>,
    config: &CleanConfig,
) -> Vec<usize> {
    if !config.html_post_filter {
        return (0..lines.len()).collect();
    }
    let kept = text::keep_lines(lines, config);
    kept.into_iter()
        .filter(|&index| !is_caption_like(lines, index))
        .filter(|&index| !is_link_line(lines[index], link_texts))
        .collect()
}

/// A line that is the whole text of a link: navigation or a teaser. Bare URLs and shopping
/// lines with prices are links that articles do list on purpose.
fn is_link_line(line: &str, link_texts: &HashSet<String>) -> bool {
    let trimmed = line.trim();
    if trimmed.starts_with("http")
        || trimmed.starts_with("www.")
        || trimmed.contains(['$', '£', '€'])
    {
        return false;
    }
    link_texts.contains(&text::repeat_key(line))
}

/// Image credits and caption furniture that survive the extractor.
fn is_caption_like(lines: &[&str], index: usize) -> bool {
    let line = lines[index];
    rules::is_credit_line(line) || rules::is_html_furniture(line)
}

/// Build the cleaned text from the extracted main text; the origin map points into the HTML
/// source where each word is found verbatim (searching forward), and is approximate elsewhere.
pub(crate) fn clean_html_text(extracted: &Extracted, source: &str, config: &CleanConfig) -> Output {
    let lines: Vec<&str> = extracted
        .text
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .collect();
    let mut output = Output::default();
    // Start after `<body` so the title and meta tags in the head do not catch the first words.
    let mut cursor = memchr::memmem::find(source.as_bytes(), b"<body").unwrap_or(0);
    for index in post_filter(&lines, &extracted.link_texts, config) {
        output.push_paragraph(lines[index], |word, offset_in_paragraph| {
            let rest = source.get(cursor..)?;
            // The first word of a paragraph may be far ahead (navigation, asides); later words
            // are close to the previous one.
            let limit = if offset_in_paragraph == 0 {
                rest.len()
            } else {
                rest.len().min(SEARCH_WINDOW)
            };
            let window = &rest.as_bytes()[..limit];
            let found = memchr::memmem::find(window, word.as_bytes())?;
            let original = cursor + found;
            cursor = original + word.len();
            Some(original)
        });
    }
    output
}

/// How far ahead of the previous word the origin search looks in the HTML source.
const SEARCH_WINDOW: usize = 16 * 1024;

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 12, item 2: 10,000 nested `<div>` reached the parser whole, which spent seconds
    /// building a tree 10,000 deep (its cost grows with the square of the depth), and only then
    /// was the tree flattened. The pre-pass keeps the parser's tree below the cap, so there is
    /// nothing left to flatten.
    #[test]
    fn a_page_nested_ten_thousand_deep_reaches_the_parser_capped() {
        let page = format!(
            "<html><body>{}<p>The US withdrew from the compact.</p>{}</body></html>",
            "<div>".repeat(10_000),
            "</div>".repeat(10_000)
        );
        let (document, flattened) = parse(&page);
        assert_eq!(flattened, 0, "the parser built no element past the cap");
        assert!(
            document
                .root()
                .text()
                .contains("The US withdrew from the compact.")
        );
        let extracted = extract(&page, None).expect("extracted");
        assert!(
            extracted.text.contains("The US withdrew from the compact."),
            "{:?}",
            extracted.text
        );
    }
}
