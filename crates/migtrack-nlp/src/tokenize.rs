//! UD-style words of one sentence span, as the English Web Treebank cuts them: punctuation
//! split off, clitics and possessives split ("don't" → do + n't, "government's" →
//! government + 's), hyphenated words split (Al - Zaman), while numbers (7,500 · 1.5 · 10:30 ·
//! 713-853-3989), URLs, e-mail addresses and abbreviations (U.S., Mr., a.m.) stay whole.
//!
//! One pass over whitespace-delimited chunks; each chunk is peeled from both ends, then its
//! core is cut at clitics and hyphens. Linear in the input; no allocation per character.

use crate::{Piece, Span};

/// Abbreviations that keep their final period (lower case, without it). Single letters
/// ("J.", "W.") and words with inner periods ("U.S.", "a.m.") keep it without being listed.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "sen", "rep", "gov", "lt", "col", "sgt", "capt",
    "cmdr", "adm", "maj", "rev", "hon", "pres", "st", "mt", "ft", "vs", "no", "nos", "vol", "pp",
    "fig", "jr", "sr", "inc", "co", "corp", "ltd", "bros", "etc", "jan", "feb", "mar", "apr",
    "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "tues", "wed", "thu",
    "thur", "thurs", "fri", "sat", "sun", "approx", "dept", "est", "ave", "blvd", "attn", "arrv",
    "ca", "cf", "ph", "mssrs", "messrs", "supt", "insp", "univ", "assn", "govt", "reps", "sens",
    "gens",
];

/// Clitics split off the end of a word, longest first, with the apostrophe as ' or ’.
const CLITICS: &[&str] = &["n't", "'s", "'re", "'ve", "'ll", "'d", "'m", "'"];

/// Contractions whose first part is not a plain prefix split: (written, first word length).
const SPECIAL: &[(&str, usize)] = &[
    ("cannot", 3),
    ("gonna", 3),
    ("wanna", 3),
    ("gotta", 3),
    ("dont", 2),
    ("wont", 2),
    ("cant", 2),
    ("didnt", 3),
    ("doesnt", 4),
    ("isnt", 2),
    ("wasnt", 3),
    ("arent", 3),
    ("couldnt", 5),
    ("wouldnt", 5),
    ("shouldnt", 6),
    ("havent", 4),
    ("hasnt", 3),
    ("alot", 1),
    ("outta", 3),
    ("im", 1),
    ("ive", 1),
];

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// Characters split off the start of a chunk.
fn is_opening(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '“'
            | '‘'
            | '«'
            | '‹'
            | '('
            | '['
            | '{'
            | '¿'
            | '¡'
            | '*'
            | '$'
            | '£'
            | '€'
            | '#'
            | '„'
            | '‚'
            | '<'
            | '>'
            | '~'
    )
}

/// Characters split off the end of a chunk.
fn is_closing(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '”'
            | '’'
            | '»'
            | '›'
            | ')'
            | ']'
            | '}'
            | '.'
            | ','
            | ';'
            | ':'
            | '!'
            | '?'
            | '…'
            | '%'
            | '*'
            | '>'
            | '<'
            | '“'
            | '‘'
    )
}

/// Characters that are always a word of their own inside a chunk, except in the cases the
/// core rules keep ("7,500", "10:30", "e-mail").
fn is_inner_break(c: char) -> bool {
    matches!(
        c,
        '$' | '"'
            | '“'
            | '”'
            | '('
            | ')'
            | '['
            | ']'
            | '{'
            | '}'
            | '…'
            | ';'
            | '!'
            | '?'
            | '«'
            | '»'
            | '—'
            | '–'
    )
}

/// UD words of `text[span]`, in order, whitespace dropped.
pub fn tokenize(text: &str, span: Span) -> Vec<Piece> {
    let mut out = Vec::with_capacity(span.len() / 5 + 1);
    let sentence = &text[span.start..span.end];
    let mut token = 0u32;
    let mut chunk_start = None;
    for (offset, c) in sentence
        .char_indices()
        .chain(std::iter::once((sentence.len(), ' ')))
    {
        if c.is_whitespace() || c.is_control() {
            if let Some(start) = chunk_start.take() {
                chunk(
                    text,
                    span.start + start,
                    span.start + offset,
                    &mut token,
                    &mut out,
                );
            }
        } else if chunk_start.is_none() {
            chunk_start = Some(offset);
        }
    }
    out
}

/// Cut one whitespace-free chunk `text[start..end]` into words.
fn chunk(text: &str, start: usize, end: usize, token: &mut u32, out: &mut Vec<Piece>) {
    if let Some(length) = emoticon(&text[start..end]) {
        push(out, start, start + length, token, true);
        if start + length < end {
            chunk(text, start + length, end, token, out);
        }
        return;
    }
    // Leading punctuation, one mark (or one run of the same mark) at a time.
    let mut front = start;
    while front < end {
        let c = text[front..].chars().next().expect("front < end");
        if !is_opening(c) || (front + c.len_utf8() == end && end - start == c.len_utf8()) {
            break;
        }
        if c == '#' && text[front + 1..end].starts_with(char::is_alphabetic) {
            break; // a hashtag
        }
        if is_apostrophe(c)
            && text[front + c.len_utf8()..end].starts_with(|next: char| next.is_ascii_digit())
        {
            break; // '68
        }
        // An apostrophe opening a word is a clitic of the next word only in "'s", "'re" …
        // chunks; at the very start it is a quote.
        let run = run_length(text, front, end, c);
        push(out, front, front + run, token, true);
        front += run;
    }
    if front >= end {
        return;
    }
    let word = &text[front..end];
    if is_url_or_email(word) {
        // Trailing sentence punctuation is not part of the address.
        let trimmed =
            word.trim_end_matches(['.', ',', ';', ':', ')', '!', '?', '"', '”', '\'', '>', ']']);
        push(out, front, front + trimmed.len(), token, true);
        peel_end(text, front + trimmed.len(), end, token, out);
        return;
    }
    // Trailing punctuation, from the end back.
    let mut back = end;
    let mut tail: Vec<(usize, usize)> = Vec::new();
    while back > front {
        let c = text[..back].chars().next_back().expect("back > front");
        if !is_closing(c) {
            break;
        }
        if c == '.' && keeps_period(&text[front..back]) {
            break;
        }
        if is_apostrophe(c) && ends_in_possessive_s(&text[front..back]) {
            // "states'" → states + '
            tail.push((back - c.len_utf8(), back));
            back -= c.len_utf8();
            break;
        }
        let run_start = run_start(text, front, back, c);
        tail.push((run_start, back));
        back = run_start;
    }
    if back > front {
        core(text, front, back, token, out);
    }
    for (piece_start, piece_end) in tail.into_iter().rev() {
        push(out, piece_start, piece_end, token, true);
    }
}

/// The trailing punctuation after an address, each as its own word.
fn peel_end(text: &str, mut at: usize, end: usize, token: &mut u32, out: &mut Vec<Piece>) {
    while at < end {
        let c = text[at..].chars().next().expect("at < end");
        let run = run_length(text, at, end, c);
        push(out, at, at + run, token, true);
        at += run;
    }
}

/// Bytes of the run of `c` starting at `at` ("...", "!!!", "--").
fn run_length(text: &str, at: usize, end: usize, c: char) -> usize {
    if is_stop(c) {
        // "...", "?!", ".?": one word
        return text[at..end]
            .chars()
            .take_while(|&next| is_stop(next))
            .map(char::len_utf8)
            .sum();
    }
    if !is_repeatable(c) {
        return c.len_utf8();
    }
    text[at..end]
        .chars()
        .take_while(|&next| next == c)
        .map(char::len_utf8)
        .sum()
}

fn is_stop(c: char) -> bool {
    matches!(c, '.' | '!' | '?')
}

/// Marks whose runs are one word ("--", "$$$", "<<", "***").
fn is_repeatable(c: char) -> bool {
    matches!(c, '-' | '*' | '=' | '_' | '~' | '$' | '<' | '>' | '#' | '+')
}

/// An emoticon at the start of a chunk (":)", ":-)", ";)", ":(", ":D", ":P"), with its length.
fn emoticon(word: &str) -> Option<usize> {
    // Every face opens with one of these: most chunks are turned away by one byte test
    // instead of a dozen prefix comparisons.
    if !word.starts_with([':', ';', '=']) {
        return None;
    }
    for face in [
        ":-)", ":-(", ":-D", ":-P", ";-)", ":)", ":(", ";)", ":D", ":P", ":p", "=)",
    ] {
        if let Some(rest) = word.strip_prefix(face)
            && !rest.starts_with(char::is_alphanumeric)
        {
            return Some(face.len());
        }
    }
    None
}

/// Start of the run of `c` ending at `back`.
fn run_start(text: &str, front: usize, back: usize, c: char) -> usize {
    let length = if is_stop(c) {
        text[front..back]
            .chars()
            .rev()
            .take_while(|&previous| is_stop(previous))
            .map(char::len_utf8)
            .sum()
    } else if is_repeatable(c) {
        text[front..back]
            .chars()
            .rev()
            .take_while(|&previous| previous == c)
            .map(char::len_utf8)
            .sum()
    } else {
        c.len_utf8()
    };
    back - length
}

/// Whether the period ending `word` belongs to it ("U.S.", "Mr.", "J.", "a.m.").
fn keeps_period(word: &str) -> bool {
    let stem = &word[..word.len() - 1];
    if stem.is_empty() || stem.ends_with('.') {
        return false; // "..." is a run of periods
    }
    let letters = stem.chars().filter(|c| c.is_alphabetic()).count();
    let mut chars = stem.chars();
    if let (Some(first), None) = (chars.next(), chars.next()) {
        return first.is_alphabetic(); // an initial
    }
    if stem.contains('.')
        && stem
            .split('.')
            .all(|part| part.chars().count() <= 3 && part.chars().all(char::is_alphabetic))
        && letters > 0
    {
        return true; // U.S, a.m, i.e, D.C
    }
    let lower = stem.to_lowercase();
    ABBREVIATIONS.contains(&lower.as_str())
}

fn ends_in_possessive_s(word: &str) -> bool {
    let stem = &word[..word.len() - word.chars().next_back().map_or(0, char::len_utf8)];
    stem.len() > 1
        && stem.ends_with(['s', 'S'])
        && stem.chars().all(|c| c.is_alphabetic() || c == '-')
}

fn is_url_or_email(word: &str) -> bool {
    let lower = word;
    if lower.contains("://") || lower.starts_with("www.") {
        return true;
    }
    if let Some((user, host)) = lower.split_once('@') {
        return !user.is_empty() && host.contains('.') && host.len() > 3;
    }
    false
}

/// The core of a chunk: clitics off the end, then hyphens and inner marks.
fn core(text: &str, start: usize, end: usize, token: &mut u32, out: &mut Vec<Piece>) {
    let word = &text[start..end];
    // Contractions written without an apostrophe or fused: cannot → can + not, gonna → gon + na.
    if let Some((_, first)) = SPECIAL
        .iter()
        .find(|(written, _)| written.eq_ignore_ascii_case(word))
    {
        push(out, start, start + first, token, true);
        push(out, start + first, end, token, false);
        return;
    }
    // Clitics: n't, 's, 're, 've, 'll, 'd, 'm (with ' or ’).
    if let Some(split) = clitic_split(word) {
        let mut first_end = start + split;
        // can't → ca + n't, won't → wo + n't (the n belongs to n't).
        if first_end > start && word[..split].ends_with(['n', 'N']) && word[split..].len() > 1 {
            let rest = &word[split..];
            if rest.chars().nth(1).is_some_and(|c| c == 't' || c == 'T')
                && is_apostrophe(rest.chars().next().unwrap_or(' '))
            {
                first_end -= 1;
            }
        }
        if first_end > start {
            inner(text, start, first_end, token, out, true);
            push(out, first_end, end, token, false);
            return;
        }
    }
    inner(text, start, end, token, out, true);
}

/// Where a clitic starts in `word` (byte offset), if the word ends in one.
fn clitic_split(word: &str) -> Option<usize> {
    let apostrophe = word
        .char_indices()
        .rev()
        .find(|(_, c)| is_apostrophe(*c))?
        .0;
    if apostrophe == 0 {
        return None;
    }
    let after: String = word[apostrophe..]
        .chars()
        .map(|c| if c == '’' { '\'' } else { c })
        .collect::<String>()
        .to_lowercase();
    let before = &word[..apostrophe];
    if !before.chars().next_back().is_some_and(char::is_alphabetic) {
        return None;
    }
    if after == "'t" && before.to_lowercase().ends_with('n') {
        return Some(apostrophe); // the caller moves the n over
    }
    CLITICS
        .iter()
        .any(|clitic| *clitic == after && *clitic != "'")
        .then_some(apostrophe)
}

/// Split at hyphens between letters and at marks that are always words; keep numbers,
/// times, phone numbers and the like whole. `first` says whether this opens a new token.
fn inner(text: &str, start: usize, end: usize, token: &mut u32, out: &mut Vec<Piece>, first: bool) {
    let word = &text[start..end];
    let mut piece_start = start;
    let mut new_token = first;
    let mut chars = word.char_indices().peekable();
    let mut previous: Option<char> = None;
    while let Some((offset, c)) = chars.next() {
        let at = start + offset;
        let next = chars.peek().map(|(_, next)| *next);
        let splits = if c == '-' && next == Some('-') {
            true // a dash written as "--" inside a chunk ("reality--that")
        } else if c == '-' && is_date_with_month(&text[piece_start..end]) {
            false
        } else if c == '-' {
            // A compound, split as EWT does (Al - Zaman, 15 - year), except between digits
            // (713-853-3989) and after short prefixes it keeps whole (e-mail, co-workers, pre-war).
            let letter_side =
                previous.is_some_and(char::is_alphabetic) || next.is_some_and(char::is_alphabetic);
            letter_side
                && previous.is_some_and(char::is_alphanumeric)
                && next.is_some_and(char::is_alphanumeric)
                && !keeps_hyphen(&text[piece_start..at])
        } else if c == '/' {
            // "and/or", "East/West" split; "9/11", "l/c" stay.
            previous.is_some_and(char::is_alphabetic)
                && next.is_some_and(char::is_alphabetic)
                && at - piece_start > 1
        } else if matches!(c, ',' | ':') {
            // "7,500" and "10:30" stay; "word,word" splits.
            !(previous.is_some_and(|p| p.is_ascii_digit())
                && next.is_some_and(|n| n.is_ascii_digit()))
                && previous.is_some()
                && next.is_some()
        } else if c == '.' {
            // An ellipsis inside a chunk ("past...and", "...Now").
            text[at..end].starts_with("..")
        } else {
            is_inner_break(c) && (previous.is_some() || next.is_some())
        };
        if splits {
            if at > piece_start {
                push(out, piece_start, at, token, new_token);
                new_token = false;
            }
            let run = run_length(text, at, end, c);
            push(out, at, at + run, token, false);
            piece_start = at + run;
            // Skip the rest of the run.
            let mut skipped = c.len_utf8();
            while skipped < run {
                if let Some((_, skipped_char)) = chars.next() {
                    skipped += skipped_char.len_utf8();
                } else {
                    break;
                }
            }
            previous = Some(c);
            continue;
        }
        previous = Some(c);
    }
    if end > piece_start {
        push(out, piece_start, end, token, new_token);
    }
}

/// Prefixes EWT keeps joined to the word after their hyphen.
fn keeps_hyphen(before: &str) -> bool {
    let lower = before.to_lowercase();
    matches!(
        lower.as_str(),
        "e" | "co" | "pre" | "post" | "non" | "ex" | "multi" | "pro" | "anti" | "re" | "mid" | "x"
    )
}

/// Add a word; `starts_token` opens a new orthographic token (else it continues the last).
fn push(out: &mut Vec<Piece>, start: usize, end: usize, token: &mut u32, starts_token: bool) {
    if end <= start {
        return;
    }
    if starts_token && !out.is_empty() {
        *token += 1;
    }
    out.push(Piece {
        span: Span::new(start, end),
        token: *token,
        form: None,
    });
}

/// "01-Feb-02" at the start of `rest`: a date EWT keeps as one word.
fn is_date_with_month(rest: &str) -> bool {
    let mut parts = rest.splitn(3, '-');
    let (Some(day), Some(month), Some(year)) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    let year: String = year.chars().take_while(char::is_ascii_digit).collect();
    !day.is_empty()
        && day.len() <= 2
        && day.chars().all(|c| c.is_ascii_digit())
        && month.len() == 3
        && month.chars().all(char::is_alphabetic)
        && (year.len() == 2 || year.len() == 4)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text, Span::new(0, text.len()))
            .iter()
            .map(|piece| &text[piece.span.start..piece.span.end])
            .collect()
    }

    #[test]
    fn splits_punctuation_and_keeps_numbers() {
        assert_eq!(
            words("The cap fell to 7,500, from 100,000."),
            [
                "The", "cap", "fell", "to", "7,500", ",", "from", "100,000", "."
            ]
        );
        assert_eq!(
            words("At 10:30 (local time)"),
            ["At", "10:30", "(", "local", "time", ")"]
        );
        assert_eq!(
            words("“We will not,” he said."),
            ["“", "We", "will", "not", ",", "”", "he", "said", "."]
        );
    }

    #[test]
    fn splits_clitics_and_possessives_as_ud_does() {
        assert_eq!(words("don't"), ["do", "n't"]);
        assert_eq!(words("can't won't"), ["ca", "n't", "wo", "n't"]);
        assert_eq!(
            words("the government's plan"),
            ["the", "government", "'s", "plan"]
        );
        assert_eq!(words("the states' plan"), ["the", "states", "'", "plan"]);
        assert_eq!(
            words("I’m sure they’ve"),
            ["I", "’m", "sure", "they", "’ve"]
        );
        assert_eq!(words("cannot"), ["can", "not"]);
    }

    #[test]
    fn clitics_share_their_token() {
        let text = "don't go";
        let pieces = tokenize(text, Span::new(0, text.len()));
        assert_eq!(
            pieces.iter().map(|piece| piece.token).collect::<Vec<_>>(),
            [0, 0, 1]
        );
    }

    #[test]
    fn keeps_abbreviations_urls_and_emails() {
        assert_eq!(
            words("Mr. Smith of the U.S. met Gen. Mattis at 5 p.m."),
            [
                "Mr.", "Smith", "of", "the", "U.S.", "met", "Gen.", "Mattis", "at", "5", "p.m."
            ]
        );
        assert_eq!(
            words("See https://example.org/a?b=1, or mail info@example.org."),
            [
                "See",
                "https://example.org/a?b=1",
                ",",
                "or",
                "mail",
                "info@example.org",
                "."
            ]
        );
    }

    #[test]
    fn splits_hyphenated_compounds_but_not_phone_numbers() {
        assert_eq!(
            words("Al-Zaman, a long-term plan"),
            ["Al", "-", "Zaman", ",", "a", "long", "-", "term", "plan"]
        );
        assert_eq!(words("call 713-853-3989"), ["call", "713-853-3989"]);
        assert_eq!(words("an e-mail"), ["an", "e-mail"]);
        assert_eq!(
            words("on 01-Feb-02 in '68, reality--that"),
            ["on", "01-Feb-02", "in", "'68", ",", "reality", "--", "that"]
        );
    }

    #[test]
    fn runs_of_marks_are_one_word() {
        assert_eq!(words("Wait... what?!"), ["Wait", "...", "what", "?!"]);
        assert_eq!(words("past...and"), ["past", "...", "and"]);
        assert_eq!(
            words("great :) and/or :-)"),
            ["great", ":)", "and", "/", "or", ":-)"]
        );
        assert_eq!(words("<info@example.org>"), ["<", "info@example.org", ">"]);
        assert_eq!(
            words("a 15-year plan, #hashtag"),
            ["a", "15", "-", "year", "plan", ",", "#hashtag"]
        );
        assert_eq!(words("yes -- no"), ["yes", "--", "no"]);
    }

    #[test]
    fn hostile_text_is_cut_in_linear_time_without_panic() {
        let long = "x".repeat(10_000);
        assert_eq!(words(&long).len(), 1);
        let many = "a ".repeat(5_000);
        assert_eq!(words(&many).len(), 5_000);
        assert_eq!(words("\u{0}\u{7}\u{1b}[31m"), ["[", "31m"]);
        assert_eq!(
            words("Ангела Меркель 和 مهاجر 🇺🇸"),
            ["Ангела", "Меркель", "和", "مهاجر", "🇺🇸"]
        );
        assert!(words("").is_empty());
        assert!(words("   \n\t ").is_empty());
        let marks = "\"".repeat(3_000) + "'" + &"’".repeat(3_000);
        let pieces = words(&marks);
        assert_eq!(pieces.concat(), marks);
    }
}
