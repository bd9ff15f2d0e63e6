//! Sentences and tokens: the shared first layer every extractor reads.
//!
//! - [`sentences`] splits cleaned text into sentence spans (byte offsets), robust to
//!   abbreviations ("U.S.", "Nov. 27", "Gen.", "George W. Bush"), decimals, quotes that close after
//!   the final stop (`… nation.” he said` / `“… over.” Pigott said.`), headlines and bullet lines.
//! - [`tokens`] cuts a span into words, numbers and single punctuation marks; [`Tokens`] adds
//!   lowercase access and adjacency checks, which is what the rule-based extractors need.
//!
//! Both are single passes over bytes/chars: no regex, no allocation per character.

use memchr::{memchr, memchr3};
use migtrack_model::Span;

/// Sentence spans of `text`, in order. Robust to abbreviations ("U.S.", "Nov.", "Gen."),
/// quotes spanning sentences, and headlines (a line without final punctuation is a sentence).
///
/// Line breaks: a line break ends a sentence when the next line is blank, a bullet, or starts
/// with anything but a lowercase letter; a line without final punctuation followed by a line
/// starting in lowercase is a hard-wrapped sentence and continues. Bullet markers ("- ", "• ",
/// "* ") are left out of the sentence span.
pub fn sentences(text: &str) -> Vec<Span> {
    let bytes = text.as_bytes();
    let mut spans = Vec::with_capacity(text.len() / 80 + 1);
    let mut current: Option<usize> = None;
    let mut line_start = 0;
    while line_start < bytes.len() {
        let line_end = memchr(b'\n', &bytes[line_start..]).map_or(bytes.len(), |i| line_start + i);
        let next_line = (line_end + 1).min(bytes.len());
        let Some(content_start) = skip_space(bytes, line_start, line_end) else {
            // Blank line: a paragraph break.
            close(text, &mut spans, &mut current, line_start);
            line_start = next_line;
            continue;
        };
        let (content_start, bullet) = match bullet_len(bytes, content_start, line_end) {
            Some(len) => (content_start + len, true),
            None => (content_start, false),
        };
        if bullet {
            close(text, &mut spans, &mut current, line_start);
        }
        if current.is_none() {
            current = skip_space(bytes, content_start, line_end);
        }
        split_line(text, content_start, line_end, &mut spans, &mut current);
        if current.is_some() {
            let continues = !bullet
                && !ends_with_final_punct(text, line_start, line_end)
                && next_line_continues(text, next_line);
            if !continues {
                close(text, &mut spans, &mut current, line_end);
            }
        }
        line_start = next_line;
    }
    close(text, &mut spans, &mut current, bytes.len());
    spans
}

/// Push the open sentence `[current, end)` (trimmed) and reset it.
fn close(text: &str, spans: &mut Vec<Span>, current: &mut Option<usize>, end: usize) {
    if let Some(start) = current.take() {
        let slice = &text[start..end.max(start)];
        let trimmed = slice.trim_end();
        if !trimmed.is_empty() {
            spans.push(Span::new(start, start + trimmed.len()));
        }
    }
}

fn skip_space(bytes: &[u8], mut at: usize, end: usize) -> Option<usize> {
    while at < end {
        match bytes[at] {
            b' ' | b'\t' | b'\r' | 0x0b | 0x0c => at += 1,
            // U+00A0 no-break space.
            0xc2 if bytes.get(at + 1) == Some(&0xa0) => at += 2,
            _ => return Some(at),
        }
    }
    None
}

/// Length of a bullet marker (with its following space) at `at`, if the line starts with one.
fn bullet_len(bytes: &[u8], at: usize, end: usize) -> Option<usize> {
    let rest = &bytes[at..end];
    for marker in ["- ", "* ", "• ", "– ", "— ", "· "] {
        if rest.starts_with(marker.as_bytes()) {
            return Some(marker.len());
        }
    }
    None
}

fn ends_with_final_punct(text: &str, start: usize, end: usize) -> bool {
    let line = text[start..end].trim_end();
    let line = line.trim_end_matches(is_closing);
    line.ends_with(['.', '!', '?', ':', ';', '…'])
}

/// A hard-wrapped sentence continues on the next line when that line starts in lowercase.
fn next_line_continues(text: &str, next_line: usize) -> bool {
    let rest = &text[next_line..];
    let line = rest.split('\n').next().unwrap_or("");
    let trimmed = line.trim_start();
    if trimmed.is_empty() || bullet_len(trimmed.as_bytes(), 0, trimmed.len()).is_some() {
        return false;
    }
    trimmed.chars().next().is_some_and(char::is_lowercase)
}

fn is_closing(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '”' | '’' | ')' | ']' | '»' | '›' | '“' | '‘'
    )
}

/// Split one line's content at sentence-final punctuation.
fn split_line(
    text: &str,
    start: usize,
    end: usize,
    spans: &mut Vec<Span>,
    current: &mut Option<usize>,
) {
    let bytes = text.as_bytes();
    let mut at = start;
    while at < end {
        let Some(offset) = memchr3(b'.', b'!', b'?', &bytes[at..end]) else {
            break;
        };
        let stop = at + offset;
        at = stop + 1;
        // Take in repeated stops and closing quotes/brackets.
        let mut boundary = stop + 1;
        while boundary < end {
            let c = text[boundary..].chars().next().unwrap_or(' ');
            if matches!(c, '.' | '!' | '?') || is_closing(c) {
                boundary += c.len_utf8();
            } else {
                break;
            }
        }
        at = at.max(boundary);
        if boundary < end {
            let next = text[boundary..].chars().next().unwrap_or(' ');
            if !next.is_whitespace() {
                continue; // "U.S.", "1.5", "pic.twitter.com"
            }
        }
        let Some(next_start) = skip_space(bytes, boundary, end) else {
            // End of line: the line-end logic closes the sentence.
            if current.is_some() {
                close(text, spans, current, boundary);
            }
            return;
        };
        let next_char = text[next_start..].chars().next().unwrap_or(' ');
        if next_char.is_lowercase() || matches!(next_char, ',' | ';' | ':' | ')' | '-') {
            continue;
        }
        if bytes[stop] == b'.'
            && boundary == stop + 1
            && !period_ends_sentence(text, stop, next_start)
        {
            continue;
        }
        close(text, spans, current, boundary);
        *current = Some(next_start);
    }
}

/// Titles that never end a sentence ("Gen. Mattis").
const TITLES: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "sen", "rep", "gov", "lt", "col", "sgt", "capt",
    "cmdr", "adm", "maj", "rev", "hon", "pres", "st", "mt", "ft", "vs", "no", "nos", "vol", "pp",
    "art", "fig", "gens", "sens", "reps", "supt", "insp", "messrs", "mme", "mlle", "nr", "abs",
    "bzw", "ca", "sr", "sra", "srta", "dra", "ud", "uds", "approx", "dept", "est", "ave", "blvd",
    "e.g", "i.e", "cf", "viz", "etc.,",
];
const MONTH_ABBREVIATIONS: &[&str] = &[
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
];
const GERMAN_MONTHS: &[&str] = &[
    "Januar",
    "Jänner",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
];
/// Words that start sentences after an ambiguous abbreviation ("… in the U.S. The …").
const SENTENCE_STARTERS: &[&str] = &[
    "The",
    "A",
    "An",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "You",
    "But",
    "And",
    "In",
    "On",
    "At",
    "This",
    "That",
    "These",
    "Those",
    "His",
    "Her",
    "Their",
    "Its",
    "Our",
    "There",
    "What",
    "When",
    "Why",
    "How",
    "If",
    "As",
    "For",
    "So",
    "Mr",
    "Ms",
    "Mrs",
    "Dr",
    "According",
    "After",
    "Before",
    "While",
    "Still",
    "Meanwhile",
    "However",
    "Some",
    "Many",
    "Most",
    "All",
    "One",
    "Officials",
    "Under",
    "Since",
    "Last",
    "Now",
    "Then",
    "Yet",
    "Also",
    "Among",
    "During",
];

/// Whether the period at `stop` ends a sentence, given the next word starts at `next_start`.
fn period_ends_sentence(text: &str, stop: usize, next_start: usize) -> bool {
    let bytes = text.as_bytes();
    // The word before the period, including internal periods ("U.S", "p.m").
    let mut word_start = stop;
    while word_start > 0 {
        let prev = bytes[word_start - 1];
        if prev.is_ascii_alphanumeric() || prev == b'.' || prev >= 0x80 {
            word_start -= 1;
        } else {
            break;
        }
    }
    let word = text[word_start..stop].trim_start_matches('.');
    if word.is_empty() {
        return true;
    }
    let next_char = text[next_start..].chars().next().unwrap_or(' ');
    let next_word: &str = text[next_start..]
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    // A German ordinal day: "am 3. Dezember".
    if word.len() <= 2
        && word.bytes().all(|b| b.is_ascii_digit())
        && GERMAN_MONTHS.contains(&next_word)
    {
        return false;
    }
    let lower = word.to_ascii_lowercase();
    if TITLES.contains(&lower.as_str()) {
        return false;
    }
    if MONTH_ABBREVIATIONS.contains(&lower.as_str()) {
        return !next_char.is_ascii_digit();
    }
    // An initial: "George W. Bush", "Paul D. Ryan".
    let mut chars = word.chars();
    if let (Some(first), None) = (chars.next(), chars.next())
        && first.is_uppercase()
    {
        return false;
    }
    // Acronyms with internal periods and company suffixes end a sentence only before a typical
    // sentence opener.
    if word.contains('.')
        || matches!(
            lower.as_str(),
            "inc" | "co" | "corp" | "ltd" | "jr" | "bros"
        )
    {
        return SENTENCE_STARTERS.contains(&next_word);
    }
    true
}

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
