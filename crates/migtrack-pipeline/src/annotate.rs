//! Sentences and tokens: the shared first layer every extractor reads.

use migtrack_model::Span;

/// Sentence spans of `text`, in order. Robust to abbreviations ("U.S.", "Nov.", "Gen."),
/// quotes spanning sentences, and headlines (a line without final punctuation is a sentence).
pub fn sentences(text: &str) -> Vec<Span> {
    // Placeholder splitter: one sentence per line. Replaced by the real splitter.
    let mut spans = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_end();
        if !trimmed.trim().is_empty() {
            spans.push(Span::new(start, start + trimmed.len()));
        }
        start += line.len();
    }
    spans
}
