//! Sentence spans of a cleaned text: the one splitter every extractor reads.
//!
//! Robust to abbreviations ("U.S.", "Nov. 27", "Gen.", "George W. Bush"), decimals, quotes that
//! close after the final stop (`… nation.” he said`), headlines and bullet lines. One pass over
//! bytes, no regex, no allocation per character.

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
