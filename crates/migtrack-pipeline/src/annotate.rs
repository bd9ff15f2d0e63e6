//! Sentences and tokens: the shared first layer every extractor reads.
//!
//! - [`sentences()`] splits cleaned text into sentence spans (byte offsets), robust to
//!   abbreviations ("U.S.", "Nov. 27", "Gen.", "George W. Bush"), decimals, quotes that close after
//!   the final stop (`… nation.” he said` / `“… over.” Pigott said.`), headlines and bullet lines.
//! - [`tokens`] cuts a span into words, numbers and single punctuation marks; [`Tokens`] adds
//!   lowercase access and adjacency checks, which is what the rule-based extractors need.
//!
//! Both are single passes over bytes/chars: no regex, no allocation per character.

use migtrack_model::Span;
pub use migtrack_nlp::sentences;
/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters, with internal apostrophes ("don't", "Shi’a", "Obama’s").
    Word,
    /// Digits with internal separators followed by a digit ("7,500", "1.5", "4.806.702").
    Number,
    /// Any other single non-space character ("$", "%", "-", ".", "“").
    Punct,
}

/// One token: its byte span in the text and its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub span: Span,
    pub kind: TokenKind,
}

/// Tokens of `text[span]`: words, numbers and single punctuation marks; whitespace dropped.
/// Hyphenated words come out as `word - word`: check [`Tokens::glued`] to see that no space
/// separates two tokens.
pub fn tokens(text: &str, span: Span) -> Vec<Token> {
    let mut out = Vec::with_capacity(span.len() / 5 + 1);
    let Some(slice) = text.get(span.start..span.end) else {
        return out;
    };
    let mut chars = slice.char_indices().peekable();
    while let Some((offset, c)) = chars.next() {
        let start = span.start + offset;
        if c.is_whitespace() {
            continue;
        }
        let mut end = start + c.len_utf8();
        let kind = if c.is_alphabetic() {
            while let Some(&(next_offset, next)) = chars.peek() {
                if next.is_alphabetic() {
                    end = span.start + next_offset + next.len_utf8();
                    chars.next();
                } else if matches!(next, '\'' | '’') {
                    // Internal apostrophe only when a letter follows.
                    let after = slice[next_offset + next.len_utf8()..].chars().next();
                    if after.is_some_and(char::is_alphabetic) {
                        end = span.start + next_offset + next.len_utf8();
                        chars.next();
                    } else {
                        break;
                    }
                } else {
                    break;
                }
            }
            TokenKind::Word
        } else if c.is_ascii_digit() {
            while let Some(&(next_offset, next)) = chars.peek() {
                let separator_then_digit = matches!(next, ',' | '.')
                    && slice
                        .as_bytes()
                        .get(next_offset + 1)
                        .is_some_and(u8::is_ascii_digit);
                if next.is_ascii_digit() || separator_then_digit {
                    end = span.start + next_offset + 1;
                    chars.next();
                } else {
                    break;
                }
            }
            TokenKind::Number
        } else {
            TokenKind::Punct
        };
        out.push(Token {
            span: Span::new(start, end),
            kind,
        });
    }
    out
}

/// Word spans of `text[span]` (letters and numbers; punctuation dropped).
pub fn words(text: &str, span: Span) -> Vec<Span> {
    tokens(text, span)
        .into_iter()
        .filter(|token| token.kind != TokenKind::Punct)
        .map(|token| token.span)
        .collect()
}

/// The tokens of one span with cheap lowercase access: what rule matchers walk over.
pub struct Tokens<'a> {
    text: &'a str,
    tokens: Vec<Token>,
    lower: String,
    lower_spans: Vec<(u32, u32)>,
}

impl<'a> Tokens<'a> {
    pub fn new(text: &'a str, span: Span) -> Self {
        let tokens = tokens(text, span);
        let mut lower = String::with_capacity(span.len());
        let mut lower_spans = Vec::with_capacity(tokens.len());
        for token in &tokens {
            let start = lower.len() as u32;
            if token.kind == TokenKind::Word {
                let word = &text[token.span.start..token.span.end];
                if word.is_ascii() {
                    lower.extend(word.bytes().map(|b| b.to_ascii_lowercase() as char));
                } else {
                    for c in word.chars() {
                        // Curly apostrophes compare as straight ones.
                        if c == '’' {
                            lower.push('\'');
                        } else {
                            lower.extend(c.to_lowercase());
                        }
                    }
                }
            }
            lower_spans.push((start, lower.len() as u32));
        }
        Tokens {
            text,
            tokens,
            lower,
            lower_spans,
        }
    }

    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }

    pub fn token(&self, index: usize) -> Option<Token> {
        self.tokens.get(index).copied()
    }

    pub fn kind(&self, index: usize) -> Option<TokenKind> {
        self.tokens.get(index).map(|token| token.kind)
    }

    pub fn span(&self, index: usize) -> Span {
        self.tokens
            .get(index)
            .map_or(Span::default(), |token| token.span)
    }

    /// The token's text as written ("" out of range).
    pub fn raw(&self, index: usize) -> &'a str {
        self.tokens
            .get(index)
            .map_or("", |token| &self.text[token.span.start..token.span.end])
    }

    /// The lowercase form of a word token ("" for other tokens and out of range).
    pub fn lower(&self, index: usize) -> &str {
        self.lower_spans.get(index).map_or("", |&(start, end)| {
            &self.lower[start as usize..end as usize]
        })
    }

    /// Whether token `index` is the word `word` (given in lowercase).
    pub fn is(&self, index: usize, word: &str) -> bool {
        self.lower(index) == word
    }

    /// Whether token `index` is one of `words` (given in lowercase).
    pub fn is_any(&self, index: usize, words: &[&str]) -> bool {
        let lower = self.lower(index);
        !lower.is_empty() && words.contains(&lower)
    }

    /// Whether token `index` is the punctuation mark `mark`.
    pub fn is_punct(&self, index: usize, mark: char) -> bool {
        self.kind(index) == Some(TokenKind::Punct) && self.raw(index).starts_with(mark)
    }

    pub fn is_number(&self, index: usize) -> bool {
        self.kind(index) == Some(TokenKind::Number)
    }

    pub fn is_word(&self, index: usize) -> bool {
        self.kind(index) == Some(TokenKind::Word)
    }

    /// Whether the word at `index` starts with an uppercase letter.
    pub fn is_capitalized(&self, index: usize) -> bool {
        self.is_word(index)
            && self
                .raw(index)
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
    }

    /// Whether tokens `index` and `index + 1` touch (no space between them).
    pub fn glued(&self, index: usize) -> bool {
        match (self.tokens.get(index), self.tokens.get(index + 1)) {
            (Some(left), Some(right)) => left.span.end == right.span.start,
            _ => false,
        }
    }

    /// The span from the start of token `first` to the end of token `last`.
    pub fn between(&self, first: usize, last: usize) -> Span {
        Span::new(self.span(first).start, self.span(last).end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, expected: &[&str]) {
        let got: Vec<&str> = sentences(text)
            .iter()
            .map(|span| span.slice(text))
            .collect();
        assert_eq!(got, expected, "in {text:?}");
    }

    #[test]
    fn sentences_split_at_final_punctuation() {
        check(
            "One here. Two there! Three? Four.",
            &["One here.", "Two there!", "Three?", "Four."],
        );
    }

    #[test]
    fn sentences_keep_abbreviations_together() {
        check(
            "The U.S. ambassador to the U.N. spoke. Gen. Mattis and Sen. Paul D. Ryan agreed.",
            &[
                "The U.S. ambassador to the U.N. spoke.",
                "Gen. Mattis and Sen. Paul D. Ryan agreed.",
            ],
        );
        check(
            "It was sent on Sept. 30 and Nov. 27, 2025 at 4 p.m. local time. Mr. Trump left.",
            &[
                "It was sent on Sept. 30 and Nov. 27, 2025 at 4 p.m. local time.",
                "Mr. Trump left.",
            ],
        );
        check(
            "President George W. Bush sent 1.5 million troops. Dr. No said so.",
            &[
                "President George W. Bush sent 1.5 million troops.",
                "Dr. No said so.",
            ],
        );
    }

    #[test]
    fn sentences_end_after_acronym_before_a_sentence_opener() {
        check(
            "They came to the U.S. The border was closed.",
            &["They came to the U.S.", "The border was closed."],
        );
    }

    #[test]
    fn sentences_close_after_quotes() {
        check(
            "“For too long, it fueled it,” Pigott said. “Under Trump, it is over.” He left.",
            &[
                "“For too long, it fueled it,” Pigott said.",
                "“Under Trump, it is over.”",
                "He left.",
            ],
        );
        check(
            "\"Go home!\" he said. Then he left.",
            &["\"Go home!\" he said.", "Then he left."],
        );
    }

    #[test]
    fn sentences_break_at_headlines_and_bullets() {
        check(
            "Trump Boycotts U.N. Migration Talks\nThe White House sees little gain.\n\n- Deployed troops.\n- Pledged deportations\nNext line.",
            &[
                "Trump Boycotts U.N. Migration Talks",
                "The White House sees little gain.",
                "Deployed troops.",
                "Pledged deportations",
                "Next line.",
            ],
        );
    }

    #[test]
    fn sentences_continue_hard_wrapped_lines() {
        check(
            "The cable was sent\nto dozens of embassies. Then more.",
            &["The cable was sent\nto dozens of embassies.", "Then more."],
        );
    }

    #[test]
    fn sentences_never_split_inside_an_ellipsis_before_lowercase() {
        check(
            "We will guard it ... that's a big step. Yes.",
            &["We will guard it ... that's a big step.", "Yes."],
        );
    }

    #[test]
    fn tokens_keep_numbers_and_words_whole() {
        let text = "Obama’s $1.375 billion, 7,500 COVID-19 don't";
        let got: Vec<(&str, TokenKind)> = tokens(text, Span::new(0, text.len()))
            .iter()
            .map(|token| (token.span.slice(text), token.kind))
            .collect();
        use TokenKind::*;
        assert_eq!(
            got,
            vec![
                ("Obama’s", Word),
                ("$", Punct),
                ("1.375", Number),
                ("billion", Word),
                (",", Punct),
                ("7,500", Number),
                ("COVID", Word),
                ("-", Punct),
                ("19", Number),
                ("don't", Word),
            ]
        );
    }

    #[test]
    fn token_view_lowercases_and_sees_adjacency() {
        let text = "März FY2019 Shi’a";
        let view = Tokens::new(text, Span::new(0, text.len()));
        assert_eq!(view.lower(0), "märz");
        assert!(view.glued(1));
        assert_eq!(view.lower(3), "shi'a");
        assert!(view.is(1, "fy"));
    }
}
