//! Plain-text cleaning: paragraphs, whitespace folding with a map back to the original offsets,
//! boilerplate lines and blocks, repeated paragraphs.
//!
//! Output shape (shared with the HTML path): one paragraph per source line, paragraphs separated
//! by exactly one blank line (`"\n\n"`), runs of whitespace inside a paragraph folded to one
//! space, no leading or trailing whitespace. Characters are otherwise kept as they are
//! (typographic quotes included), so every word of the cleaned text is a byte-exact copy of the
//! original and the origin map is exact.

use std::collections::HashSet;

use super::CleanConfig;
use super::rules;

/// The cleaned text being built and its map back to the original.
#[derive(Debug, Default)]
pub(crate) struct Output {
    pub text: String,
    pub map: Vec<(usize, usize)>,
}

impl Output {
    /// Append one paragraph, folding its whitespace. `locate(word, offset_in_paragraph)` gives
    /// the word's offset in the decoded original, or `None` when it cannot be found there.
    pub(crate) fn push_paragraph(
        &mut self,
        paragraph: &str,
        mut locate: impl FnMut(&str, usize) -> Option<usize>,
    ) {
        let mut first = true;
        let mut previous_end: Option<usize> = None;
        for (word_offset, word) in words(paragraph) {
            if first {
                if !self.text.is_empty() {
                    self.text.push_str("\n\n");
                }
                first = false;
            } else {
                self.text.push(' ');
            }
            // A word continues the current run when it follows the previous one after exactly
            // one ASCII space, in the paragraph and (for located text) in the original.
            let contiguous = previous_end.is_some_and(|end| {
                word_offset == end + 1 && paragraph.as_bytes().get(end) == Some(&b' ')
            });
            match locate(word, word_offset) {
                Some(original) => {
                    let continues = contiguous
                        && self.map.last().is_some_and(|&(clean, orig)| {
                            orig + (self.text.len() - clean) == original
                        });
                    if !continues {
                        self.map.push((self.text.len(), original));
                    }
                }
                None => {
                    // Not found verbatim (HTML entities, generated text): keep the previous run.
                }
            }
            self.text.push_str(word);
            previous_end = Some(word_offset + word.len());
        }
    }
}

/// Whitespace-separated words of a paragraph with their byte offsets.
pub(crate) fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split(char::is_whitespace)
        .filter(|word| !word.is_empty())
        .map(move |word| (word.as_ptr() as usize - text.as_ptr() as usize, word))
}

/// The folded, lower-cased form of a paragraph used to spot repeats.
pub(crate) fn repeat_key(line: &str) -> String {
    let mut key = String::with_capacity(line.len());
    for (_, word) in words(line) {
        if !key.is_empty() {
            key.push(' ');
        }
        key.extend(word.chars().flat_map(char::to_lowercase));
    }
    key
}

/// A non-empty line of the source: its trimmed byte range.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Line {
    pub start: usize,
    pub end: usize,
}

/// The non-empty lines of a text, trimmed.
pub(crate) fn lines(text: &str) -> Vec<Line> {
    let mut lines = Vec::new();
    for piece in text.split('\n') {
        let trimmed = piece.trim();
        if !trimmed.is_empty() {
            let offset = trimmed.as_ptr() as usize - text.as_ptr() as usize;
            lines.push(Line {
                start: offset,
                end: offset + trimmed.len(),
            });
        }
    }
    lines
}

/// Which lines of a document survive the line rules (boilerplate, teaser blocks, repeats).
pub(crate) fn keep_lines(lines: &[&str], config: &CleanConfig) -> Vec<usize> {
    let mut kept = Vec::with_capacity(lines.len());
    let mut seen = HashSet::new();
    for (index, line) in lines.iter().enumerate() {
        if config.drop_boilerplate {
            if rules::is_teaser_heading(line) && teaser_block_follows(lines, index) {
                break;
            }
            if rules::is_boilerplate_line(line) {
                continue;
            }
        }
        if config.drop_repeated_paragraphs && words(line).count() >= rules::MIN_REPEAT_WORDS {
            let key = repeat_key(line);
            if !seen.insert(key) {
                continue;
            }
        }
        kept.push(index);
    }
    kept
}

/// A teaser heading ends the article when it sits in the second half of the document or when
/// everything after it is short lines (headlines and one-line teasers).
fn teaser_block_follows(lines: &[&str], index: usize) -> bool {
    let rest = &lines[index + 1..];
    index * 2 >= lines.len()
        || rest
            .iter()
            .all(|line| line.chars().count() <= rules::MAX_TEASER_CHARS)
}

/// Clean a decoded plain-text document.
pub(crate) fn clean_text(source: &str, config: &CleanConfig) -> Output {
    let all_lines = lines(source);
    let texts: Vec<&str> = all_lines
        .iter()
        .map(|line| &source[line.start..line.end])
        .collect();
    let mut output = Output::default();
    for index in keep_lines(&texts, config) {
        let line = all_lines[index];
        let paragraph = texts[index];
        output.push_paragraph(paragraph, |_, offset| Some(line.start + offset));
    }
    output
}
