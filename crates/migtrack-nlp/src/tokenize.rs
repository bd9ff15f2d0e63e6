//! UD-style words of one sentence span.

use crate::{Piece, Span};

/// UD words of `text[span]`, in order, whitespace dropped.
pub fn tokenize(text: &str, span: Span) -> Vec<Piece> {
    // Placeholder cut at whitespace, replaced by the UD tokenizer (clitics, possessives,
    // punctuation) in its own change.
    let mut out = Vec::new();
    let mut start = None;
    for (offset, c) in text[span.start..span.end].char_indices() {
        let at = span.start + offset;
        if c.is_whitespace() {
            if let Some(begin) = start.take() {
                out.push(Piece {
                    span: Span::new(begin, at),
                    token: out.len() as u32,
                    form: None,
                });
            }
        } else if start.is_none() {
            start = Some(at);
        }
    }
    if let Some(begin) = start {
        out.push(Piece {
            span: Span::new(begin, span.end),
            token: out.len() as u32,
            form: None,
        });
    }
    out
}
