//! Caps on the nesting depth of a page, before and after parsing.
//!
//! - Before: html5ever's tree building is quadratic in the depth of nested block elements
//!   (each `<div>` looks down the stack of open elements for a `<p>` in scope): 10,000 nested
//!   `<div>` took seconds. [`cap_tags`] is a tag-level pre-pass over the source that drops the
//!   start and end tags of elements nested deeper than [`MAX_SOURCE_DEPTH`], so the parser's
//!   stack stays short; the text between the tags stays.
//! - After: the parser builds a tree of any depth without recursion, but the main-content
//!   extractor walks it recursively: 30,000 nested `<i>` overflowed the stack and aborted the
//!   whole process. Past [`MAX_DEPTH`] elements are unwrapped (their children take their
//!   place), so the text stays and the tree is shallow. The pre-pass only estimates the
//!   parser's stack, so this stays as the guarantee.

use std::borrow::Cow;

use dom_query::NodeRef;

/// Deepest element kept; real articles nest a few dozen levels.
pub(crate) const MAX_DEPTH: usize = 256;

/// Deepest element the pre-pass lets through to the parser: below [`MAX_DEPTH`] with room for
/// the elements the parser adds itself (`html`, `body`, reopened formatting elements).
pub(crate) const MAX_SOURCE_DEPTH: usize = 200;

/// How far down the stack of open elements an end tag looks for its start tag. Bounds the work
/// per tag whatever the page's shape.
const END_TAG_SEARCH: usize = 64;

/// Elements that never have content, so never deepen the tree.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta", "param",
    "source", "track", "wbr",
];

/// Elements whose content is raw text up to their end tag (no tags inside).
const RAW_TEXT: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes",
];

/// Elements whose start closes an open element of the listed kinds (`<li>` after `<li>`,
/// `<tr>` after an unclosed `<tr><td>`), as the parser does: the nearest one is closed with
/// everything above it, unless a boundary element (the enclosing list or table) comes first.
type ImpliedEnd = (
    &'static str,
    &'static [&'static str],
    &'static [&'static str],
);
const IMPLIED_ENDS: &[ImpliedEnd] = &[
    ("li", &["li"], &["ul", "ol", "table"]),
    ("dt", &["dt", "dd"], &["dl", "table"]),
    ("dd", &["dt", "dd"], &["dl", "table"]),
    ("option", &["option"], &["select", "datalist"]),
    ("tr", &["tr"], &["table", "tbody", "thead", "tfoot"]),
    ("td", &["td", "th"], &["tr", "table"]),
    ("th", &["td", "th"], &["tr", "table"]),
    ("tbody", &["tbody", "thead", "tfoot"], &["table"]),
    ("thead", &["tbody", "thead", "tfoot"], &["table"]),
    ("tfoot", &["tbody", "thead", "tfoot"], &["table"]),
];

/// A block's start closes an open `<p>` (with what is above it) unless one of these comes
/// first.
const P_BOUNDARIES: &[&str] = &["table", "td", "th", "button"];

/// Block elements whose start closes an open `<p>`.
const CLOSES_P: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "li",
    "dd",
    "dt",
    "hgroup",
    "hr",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "ul",
];

/// The page with the start and end tags of elements nested deeper than `max_depth` removed
/// (each replaced by one space, so words on either side stay apart), in one pass over the
/// bytes with bounded work per tag. The nesting is estimated the way the parser would build
/// it for ordinary pages: void elements do not nest, a `<p>` is closed by a block and a `<li>`
/// by the next `<li>`, an end tag closes up to its start tag. Comments, doctypes and the raw
/// text of `<script>`, `<style>` and the like are passed through untouched. Borrowed (no copy)
/// when nothing is that deep.
pub(crate) fn cap_tags(html: &str, max_depth: usize) -> Cow<'_, str> {
    let bytes = html.as_bytes();
    // Open elements the parser will see, and above them the ones dropped.
    let mut open: Vec<String> = Vec::new();
    let mut dropped: Vec<String> = Vec::new();
    let mut out: Option<String> = None;
    // Everything before `copied` is already in `out` (when `out` exists).
    let mut copied = 0;
    let mut position = 0;
    while let Some(found) = memchr::memchr(b'<', &bytes[position..]) {
        let start = position + found;
        let Some(tag) = scan_tag(bytes, start) else {
            position = start + 1;
            continue;
        };
        position = tag.end;
        let keep = match tag.kind {
            TagKind::Other => true,
            TagKind::Start => {
                let name = &html[tag.name.0..tag.name.1];
                let name = name.to_ascii_lowercase();
                if RAW_TEXT.contains(&name.as_str()) {
                    position = skip_raw_text(bytes, position, &name);
                    true
                } else if name == "plaintext" {
                    // Everything after it is text.
                    break;
                } else if VOID.contains(&name.as_str()) || self_closed(bytes, &tag) {
                    // `<path/>` in inline SVG closes itself; in HTML the parser ignores the
                    // slash, so counting it as closed can only underestimate (the flatten
                    // step after parsing still caps the tree).
                    true
                } else if !dropped.is_empty() || open.len() >= max_depth {
                    dropped.push(name);
                    false
                } else {
                    if CLOSES_P.contains(&name.as_str()) {
                        close_nearest(&mut open, &["p"], P_BOUNDARIES);
                    }
                    if let Some((_, closes, boundaries)) =
                        IMPLIED_ENDS.iter().find(|(starts, _, _)| *starts == name)
                    {
                        close_nearest(&mut open, closes, boundaries);
                    }
                    open.push(name);
                    true
                }
            }
            TagKind::End => {
                let name = html[tag.name.0..tag.name.1].to_ascii_lowercase();
                if dropped.is_empty() {
                    if let Some(depth) = find_near_top(&open, &name) {
                        open.truncate(depth);
                    }
                    true
                } else {
                    // It closes a dropped element when one of that name is near the top;
                    // otherwise it is a stray among dropped tags and goes too.
                    if let Some(depth) = find_near_top(&dropped, &name) {
                        dropped.truncate(depth);
                    }
                    false
                }
            }
        };
        if !keep {
            let text = out.get_or_insert_with(|| String::with_capacity(html.len()));
            text.push_str(&html[copied..start]);
            text.push(' ');
            copied = tag.end;
        }
    }
    match out {
        None => Cow::Borrowed(html),
        Some(mut text) => {
            text.push_str(&html[copied..]);
            Cow::Owned(text)
        }
    }
}

/// Close the nearest open element named in `closes` (and everything above it), looking at
/// most [`END_TAG_SEARCH`] entries down and stopping at a `boundaries` element.
fn close_nearest(open: &mut Vec<String>, closes: &[&str], boundaries: &[&str]) {
    let found = open
        .iter()
        .enumerate()
        .rev()
        .take(END_TAG_SEARCH)
        .find(|(_, element)| {
            closes.contains(&element.as_str()) || boundaries.contains(&element.as_str())
        });
    if let Some((index, element)) = found
        && closes.contains(&element.as_str())
    {
        open.truncate(index);
    }
}

/// Index of the nearest `name` among the top [`END_TAG_SEARCH`] entries of `stack`.
fn find_near_top(stack: &[String], name: &str) -> Option<usize> {
    stack
        .iter()
        .enumerate()
        .rev()
        .take(END_TAG_SEARCH)
        .find(|(_, open)| *open == name)
        .map(|(index, _)| index)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TagKind {
    Start,
    End,
    /// A comment, doctype, processing instruction or CDATA section.
    Other,
}

#[derive(Debug)]
struct Tag {
    kind: TagKind,
    /// Byte range of the tag name.
    name: (usize, usize),
    /// Just past the closing `>` (or the end of the page).
    end: usize,
}

/// The tag that starts at `bytes[start] == b'<'`, or `None` when that `<` is text.
fn scan_tag(bytes: &[u8], start: usize) -> Option<Tag> {
    let after = start + 1;
    match bytes.get(after)? {
        b'!' => {
            let end = if bytes[after..].starts_with(b"!--") {
                memchr::memmem::find(&bytes[after + 3..], b"-->")
                    .map_or(bytes.len(), |found| after + 3 + found + 3)
            } else {
                memchr::memchr(b'>', &bytes[after..]).map_or(bytes.len(), |found| after + found + 1)
            };
            Some(Tag {
                kind: TagKind::Other,
                name: (after, after),
                end,
            })
        }
        b'?' => {
            let end = memchr::memchr(b'>', &bytes[after..])
                .map_or(bytes.len(), |found| after + found + 1);
            Some(Tag {
                kind: TagKind::Other,
                name: (after, after),
                end,
            })
        }
        b'/' => {
            let name_start = after + 1;
            if !bytes.get(name_start)?.is_ascii_alphabetic() {
                return None;
            }
            let name_end = name_end(bytes, name_start);
            Some(Tag {
                kind: TagKind::End,
                name: (name_start, name_end),
                end: tag_end(bytes, name_end),
            })
        }
        byte if byte.is_ascii_alphabetic() => {
            let name_end = name_end(bytes, after);
            Some(Tag {
                kind: TagKind::Start,
                name: (after, name_end),
                end: tag_end(bytes, name_end),
            })
        }
        _ => None,
    }
}

/// Whether a start tag ends with `/>`.
fn self_closed(bytes: &[u8], tag: &Tag) -> bool {
    tag.end >= 2 && bytes[tag.end - 1] == b'>' && bytes[tag.end - 2] == b'/'
}

fn name_end(bytes: &[u8], from: usize) -> usize {
    bytes[from..]
        .iter()
        .position(|&byte| byte.is_ascii_whitespace() || matches!(byte, b'/' | b'>'))
        .map_or(bytes.len(), |offset| from + offset)
}

/// Just past the `>` that ends a tag whose attributes start at `from`; a quoted attribute
/// value may hold `>`.
fn tag_end(bytes: &[u8], from: usize) -> usize {
    let mut index = from;
    let mut after_equals = false;
    while index < bytes.len() {
        let byte = bytes[index];
        match byte {
            b'>' => return index + 1,
            b'"' | b'\'' if after_equals => {
                index = memchr::memchr(byte, &bytes[index + 1..])
                    .map_or(bytes.len(), |found| index + 1 + found + 1);
                after_equals = false;
                continue;
            }
            b'=' => after_equals = true,
            byte if byte.is_ascii_whitespace() => {}
            _ => after_equals = false,
        }
        index += 1;
    }
    bytes.len()
}

/// Just past the end tag of raw-text element `name` (case-insensitive), or the end of the page.
fn skip_raw_text(bytes: &[u8], from: usize, name: &str) -> usize {
    let mut position = from;
    while let Some(found) = memchr::memmem::find(&bytes[position..], b"</") {
        let name_start = position + found + 2;
        let name_end = name_start + name.len();
        if bytes
            .get(name_start..name_end)
            .is_some_and(|candidate| candidate.eq_ignore_ascii_case(name.as_bytes()))
            && bytes
                .get(name_end)
                .is_none_or(|&byte| byte.is_ascii_whitespace() || matches!(byte, b'/' | b'>'))
        {
            return tag_end(bytes, name_end);
        }
        position = name_start;
    }
    bytes.len()
}

/// Unwrap every element deeper than `max_depth` below `root`, without recursion, in time
/// linear in the number of nodes (each node moves at most once). Returns how many elements
/// were unwrapped.
pub(crate) fn flatten(root: &NodeRef<'_>, max_depth: usize) -> usize {
    let mut unwrapped = 0;
    let mut pending = vec![(*root, 0usize)];
    while let Some((node, depth)) = pending.pop() {
        let mut child = node.first_child();
        while let Some(current) = child {
            let next = current.next_sibling();
            if current.is_element() && depth >= max_depth {
                // Its children move up into its place and are looked at next, at this depth.
                let first = current.first_child();
                if let Some(first) = &first {
                    current.insert_siblings_before(first);
                }
                current.remove_from_parent();
                unwrapped += 1;
                child = first.or(next);
                continue;
            }
            if current.first_child().is_some() {
                pending.push((current, depth + 1));
            }
            child = next;
        }
    }
    unwrapped
}

#[cfg(test)]
mod tests {
    use super::*;

    fn depth_of_deepest(root: &NodeRef<'_>) -> usize {
        let mut deepest = 0;
        let mut pending = vec![(*root, 0usize)];
        while let Some((node, depth)) = pending.pop() {
            deepest = deepest.max(depth);
            let mut child = node.first_child();
            while let Some(current) = child {
                pending.push((current, depth + 1));
                child = current.next_sibling();
            }
        }
        deepest
    }

    #[test]
    fn deep_nesting_is_cut_to_the_cap_and_keeps_every_word() {
        let html = format!(
            "<html><body>{}<p>one <b>two</b> three</p>{}</body></html>",
            "<div>".repeat(50),
            "</div>".repeat(50)
        );
        let document = dom_query::Document::from(html.as_str());
        let before = depth_of_deepest(&document.root());
        assert!(before > 50, "{before}");
        let unwrapped = flatten(&document.root(), 10);
        assert!(unwrapped >= 40, "{unwrapped}");
        // Elements stop at depth 10; a text node may sit one below.
        assert!(depth_of_deepest(&document.root()) <= 11);
        let text = document.root().text().to_string();
        assert_eq!(
            text.split_whitespace().collect::<Vec<_>>(),
            ["one", "two", "three"]
        );
    }

    #[test]
    fn the_pre_pass_drops_tags_past_the_cap_and_keeps_the_text() {
        let html = format!(
            "<html><body>{}<p>one <b>two</b> three</p>{}<p>after</p></body></html>",
            "<div class=\"a>b\">".repeat(50),
            "</div>".repeat(50)
        );
        let capped = cap_tags(&html, 10);
        // html, body and eight divs are let through; the rest of the divs, the p and the b go.
        assert_eq!(capped.matches("<div").count(), 8, "{capped}");
        assert_eq!(capped.matches("</div>").count(), 8, "{capped}");
        assert!(capped.contains("one  two  three"), "{capped}");
        assert!(
            capped.contains("<p>after</p>"),
            "the end tags closed the dropped ones"
        );
        let document = dom_query::Document::from(capped.as_ref());
        assert!(depth_of_deepest(&document.root()) <= 12);
        assert_eq!(
            document
                .root()
                .text()
                .split_whitespace()
                .collect::<Vec<_>>(),
            ["one", "two", "three", "after"]
        );
    }

    #[test]
    fn the_pre_pass_leaves_ordinary_pages_alone() {
        let html = "<!DOCTYPE html><html><head><title>a < b</title>\
            <script>if (a < b) { document.write('<div><div><div>'); }</script></head>\
            <body><!-- <div><div> --><ul><li>one<li>two<li>three</ul>\
            <p>para<p>para<div>block</div><p>x<br>y<img src=a.png></body></html>";
        assert!(matches!(cap_tags(html, 6), Cow::Borrowed(_)));
        // A thousand unclosed paragraphs and list items are siblings, not a deep nest.
        let paragraphs = format!("<html><body>{}</body></html>", "<p>text".repeat(1000));
        assert!(matches!(cap_tags(&paragraphs, 6), Cow::Borrowed(_)));
        let items = format!(
            "<html><body><ul>{}</ul></body></html>",
            "<li>item".repeat(1000)
        );
        assert!(matches!(cap_tags(&items, 6), Cow::Borrowed(_)));
        // Old-style tables and lists that never close a row, cell or item, with paragraphs.
        let table = format!(
            "<html><body><table><tbody>{}</table></body></html>",
            "<tr><td><p>cell<td>cell<th>head".repeat(1000)
        );
        assert!(matches!(cap_tags(&table, 8), Cow::Borrowed(_)));
        let lists = format!(
            "<html><body>{}</body></html>",
            "<ul><li><p>one<li>two</ul><dl><dt>term<dd><p>definition</dl><p>text".repeat(1000)
        );
        assert!(matches!(cap_tags(&lists, 8), Cow::Borrowed(_)));
        // Inline SVG icons: hundreds of self-closed shapes are not a deep nest.
        let svg = format!(
            "<html><body><svg viewBox=\"0 0 10 10\">{}</svg><p>text</p></body></html>",
            "<path d=\"M0 0L10 10\"/><g><use href=\"#a\" /></g>".repeat(500)
        );
        assert!(matches!(cap_tags(&svg, 8), Cow::Borrowed(_)));
    }

    #[test]
    fn the_pre_pass_does_bounded_work_on_stray_end_tags() {
        // Stray end tags among a deep nest look only near the top of the stack.
        let html = format!(
            "<html><body>{}text{}</body></html>",
            "<div>".repeat(10_000),
            "</span>".repeat(10_000)
        );
        let capped = cap_tags(&html, MAX_SOURCE_DEPTH);
        assert_eq!(capped.matches("<div>").count(), MAX_SOURCE_DEPTH - 2);
        assert!(!capped.contains("</span>"));
        assert!(capped.contains("text"));
    }

    #[test]
    fn a_shallow_page_is_not_touched() {
        let html = "<html><body><article><p>a <i>b</i></p><p>c</p></article></body></html>";
        let document = dom_query::Document::from(html);
        let before = document.html().to_string();
        assert_eq!(flatten(&document.root(), MAX_DEPTH), 0);
        assert_eq!(document.html().to_string(), before);
    }
}
