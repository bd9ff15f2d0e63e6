//! Surface tokens for the extractors' lexical patterns, read from the linguistic layer.
//!
//! The layer cuts UD words ("won't" → "wo" + "n't", "pull-out" → "pull" "-" "out"); the
//! lexicons' surface patterns are written over orthographic tokens ("won't", "pull-out",
//! "government's"), which the layer also records (`Piece::token`). These are those tokens,
//! punctuation apart. There is no other tokenizer in the extractors.

/// A word or punctuation token of the cleaned text (byte offsets).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    /// Holds a letter or digit, or is a currency sign (punctuation otherwise).
    pub word: bool,
}

impl Token {
    fn new(text: &str, start: usize, end: usize) -> Token {
        Token {
            start,
            end,
            word: text[start..end]
                .chars()
                .any(|c| c.is_alphanumeric() || matches!(c, '$' | '€' | '£')),
        }
    }
}

/// The layer's `words` grouped into orthographic tokens, appended to `out`.
pub fn push_tokens(text: &str, words: &[migtrack_nlp::Piece], out: &mut Vec<Token>) {
    let mut index = 0;
    while index < words.len() {
        let piece = &words[index];
        let mut end = piece.span.end;
        let mut next = index + 1;
        while let Some(following) = words.get(next)
            && following.token == piece.token
            && following.span.start == end
        {
            end = following.span.end;
            next += 1;
        }
        out.push(Token::new(text, piece.span.start, end));
        index = next;
    }
}

/// The tokens of every sentence of `layer`, in order.
pub fn of_layer(text: &str, layer: &[migtrack_nlp::Sentence]) -> Vec<Token> {
    let mut out = Vec::with_capacity(text.len() / 5);
    for sentence in layer {
        push_tokens(text, &sentence.words, &mut out);
    }
    out
}

/// The tokens of a short text cut by the layer's tokenizer (lexicon patterns, tests).
pub fn of_text(text: &str) -> Vec<Token> {
    let words = migtrack_nlp::tokenize(text, migtrack_nlp::Span::new(0, text.len()));
    let mut out = Vec::with_capacity(words.len());
    push_tokens(text, &words, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clitics_and_hyphens_stay_in_their_token_and_punctuation_is_apart() {
        let text = "The U.S. mission's pull-out won't last, (Nov. 2).";
        let words: Vec<&str> = of_text(text)
            .iter()
            .map(|token| &text[token.start..token.end])
            .collect();
        assert_eq!(
            words,
            [
                "The",
                "U.S.",
                "mission's",
                "pull-out",
                "won't",
                "last",
                ",",
                "(",
                "Nov.",
                "2",
                ")",
                "."
            ]
        );
        let kinds: Vec<bool> = of_text("$5 , n't").iter().map(|t| t.word).collect();
        assert_eq!(kinds, [true, true, false, true]);
    }
}
