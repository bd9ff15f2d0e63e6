//! Tokens and speaker noun phrases: who a quote is attributed to, read backwards from a verb of
//! saying ("Principal Deputy Spokesperson Tommy Pigott said") or forwards after it ("said Eric
//! Schwartz, president of Refugees International").

use migtrack_model::Span;

use super::lexicon::{BODY, CAP_STOPWORD, CONNECTOR, DOC, MODIFIER, ROLE, TITLE, classes};
use super::lexicon::{
    BODY_WORDS, CONNECTORS, DETERMINERS, DOC_NOUNS, HONORIFICS, INDEFINITES, MODIFIERS,
    NAME_HOMOGRAPHS, PARTY_MEMBERS, PLACE_HEADS, PRIVATE_MARKERS, PRONOUNS, ROLE_NOUNS,
    SPEECH_VERBS, TITLES, contains,
};

pub use crate::extract::tokens::Token as Tok;

/// The kind of speaker a noun phrase names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NpKind {
    Person,
    Pronoun,
    /// People named by role ("a spokesperson for the State Department", "officials").
    Role,
    Body,
    Doc,
}

/// A speaker mention.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Np {
    pub span: Span,
    pub kind: NpKind,
    /// The name as written, without a leading determiner or title.
    pub name: String,
    pub role: Option<String>,
    /// Lower-case head: the surname, the pronoun, or the head noun.
    pub head: String,
    /// Whether it opened with "the" (a definite role refers back: "the spokesperson").
    pub definite: bool,
}

/// The tokens of a text with what the rules ask of each token, computed once: its lower-case
/// form, whether it can be part of a person's name, whether it can be part of a speaker noun
/// phrase.
pub struct Words<'a> {
    pub text: &'a str,
    pub toks: Vec<Tok>,
    /// Every token's lower-case form, one after another (one allocation for the text).
    lower_text: String,
    /// Per token: its range in `lower_text`.
    lower_spans: Vec<(usize, usize)>,
    pub name_like: Vec<bool>,
    pub np_word: Vec<bool>,
}

impl<'a> Words<'a> {
    /// The words of `toks` (the layer's tokens of `text`).
    pub fn new(text: &'a str, toks: Vec<Tok>) -> Self {
        let mut lower_text = String::with_capacity(text.len());
        let mut lower_spans = Vec::with_capacity(toks.len());
        let mut name_like = Vec::with_capacity(toks.len());
        let mut np_word = Vec::with_capacity(toks.len());
        for tok in &toks {
            let word = &text[tok.start..tok.end];
            let start = lower_text.len();
            if word.is_ascii() {
                lower_text.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
            } else {
                lower_text.push_str(&word.to_lowercase());
            }
            let lower = &lower_text[start..];
            name_like.push(name_like_lower(word, lower));
            np_word.push(np_word_lower(text, tok, lower));
            lower_spans.push((start, lower_text.len()));
        }
        // A title word that ends a run of name words after a first name is a surname
        // ("Sen. Angus King", "Carole King"); after a modifier it stays a title ("the Prime
        // Minister", "the Foreign Secretary").
        for index in 1..toks.len() {
            let (start, end) = lower_spans[index];
            let lower = &lower_text[start..end];
            let (before_start, before_end) = lower_spans[index - 1];
            let before = &lower_text[before_start..before_end];
            if !name_like[index]
                && name_like[index - 1]
                && is_capitalised(&text[toks[index].start..toks[index].end])
                && classes(lower) & TITLE != 0
                && classes(before) & (MODIFIER | TITLE) == 0
                && toks[index - 1].end < toks[index].start
                && !name_like.get(index + 1).copied().unwrap_or(false)
            {
                name_like[index] = true;
            }
        }
        // A first name that is also a document noun, between a title and a name word, is a
        // name ("President Bill Clinton", "Mayor Bill de Blasio"): the position, not the word,
        // says so. (Body nouns stay out: "the General Assembly Miroslav Lajčák".)
        for index in 1..toks.len().saturating_sub(1) {
            let word = &text[toks[index].start..toks[index].end];
            let (start, end) = lower_spans[index];
            let lower = &lower_text[start..end];
            let (before_start, before_end) = lower_spans[index - 1];
            let before = lower_text[before_start..before_end].trim_end_matches('.');
            if !name_like[index]
                && name_like[index + 1]
                && is_capitalised(word)
                && classes(lower) & DOC != 0
                && classes(lower) & (TITLE | ROLE) == 0
                && classes(before) & TITLE != 0
                && is_capitalised(&text[toks[index - 1].start..toks[index - 1].end])
                && toks[index - 1].end < toks[index].start
                && toks[index].end < toks[index + 1].start
            {
                name_like[index] = true;
            }
        }
        // A name word that is also a month or a modal verb, capitalised inside a sentence, is
        // a name by its position: a surname right after a first name ("Theresa May said"), a
        // first name or a surname after a title ("Rep. Will Hurd", "Mrs May said"). Not
        // before a number ("Friday May 5") and never alone.
        for index in 1..toks.len() {
            let word = &text[toks[index].start..toks[index].end];
            let (start, end) = lower_spans[index];
            let lower = &lower_text[start..end];
            if name_like[index] || !is_capitalised(word) || !contains(NAME_HOMOGRAPHS, lower) {
                continue;
            }
            let (before_start, before_end) = lower_spans[index - 1];
            let before = lower_text[before_start..before_end].trim_end_matches('.');
            let next_is_number = toks.get(index + 1).is_some_and(|next| {
                text[next.start..next.end].starts_with(|c: char| c.is_ascii_digit())
            });
            let glued = toks[index - 1].end + 1 == toks[index].start;
            let after_first_name = name_like[index - 1]
                && classes(before) & (TITLE | MODIFIER) == 0
                && !name_like.get(index + 1).copied().unwrap_or(false);
            // After a title: a first name before a surname, else the surname itself ("Mrs
            // May said", "Prime Minister May said").
            let first_name = classes(before) & TITLE != 0
                && is_capitalised(&text[toks[index - 1].start..toks[index - 1].end]);
            if glued && !next_is_number && (after_first_name || first_name) {
                name_like[index] = true;
                np_word[index] = true;
            }
        }
        Words {
            text,
            toks,
            lower_text,
            lower_spans,
            name_like,
            np_word,
        }
    }

    /// The token's text ("" past the end).
    /// Whether a line break separates token `index` from the one before it: a noun phrase
    /// never crosses one (a headline is not part of the name that starts the next line).
    pub fn starts_line(&self, index: usize) -> bool {
        index > 0
            && index < self.toks.len()
            && self.text[self.toks[index - 1].end..self.toks[index].start].contains('\n')
    }

    pub fn word(&self, index: usize) -> &'a str {
        self.toks
            .get(index)
            .map_or("", |tok| &self.text[tok.start..tok.end])
    }

    /// The token's lower-case text ("" past the end).
    pub fn lower(&self, index: usize) -> &str {
        self.lower_spans
            .get(index)
            .map_or("", |&(start, end)| &self.lower_text[start..end])
    }
}

pub fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

pub(super) fn strip_possessive(word: &str) -> &str {
    word.strip_suffix("’s")
        .or_else(|| word.strip_suffix("'s"))
        .unwrap_or(word)
}

/// A word that can be part of a person's name.
/// Given the word and its lower-case form.
fn name_like_lower(word: &str, lower: &str) -> bool {
    if !is_capitalised(word) {
        return false;
    }
    if word.ends_with("’s") || word.ends_with("'s") {
        return false;
    }
    // A generational suffix ends a name ("Thomas M. Davis III", "Martin Luther King Jr.").
    if matches!(lower, "ii" | "iii" | "iv" | "jr" | "jr." | "sr" | "sr.") {
        return true;
    }
    let initial = word.len() == 2 && word.ends_with('.');
    if word.contains('.') && !initial && lower != "jr." && lower != "st." {
        return false;
    }
    let mut letters = 0;
    let mut all_upper = true;
    for c in word.chars().filter(|c| c.is_alphabetic()) {
        letters += 1;
        all_upper &= c.is_uppercase();
    }
    if letters >= 2 && all_upper {
        return false;
    }
    let first_part = lower.split(['-', '‑']).next().unwrap_or("");
    classes(lower) & (TITLE | BODY | ROLE | DOC | CAP_STOPWORD) == 0
        && classes(first_part) & TITLE == 0
}

const PARTICLES: &[&str] = &[
    "de", "da", "van", "von", "bin", "al", "del", "la", "le", "di",
];

/// Whether a token may belong to a speaker noun phrase.
fn np_word_lower(text: &str, tok: &Tok, lower: &str) -> bool {
    // "Standard & Poor's", "Ernst & Young": an ampersand joins a name's words.
    if lower == "&" {
        return true;
    }
    if !tok.word {
        return false;
    }
    let word = &text[tok.start..tok.end];
    let bare = strip_possessive(lower);
    if classes(bare) & (ROLE | BODY | DOC | MODIFIER | CONNECTOR | TITLE) != 0 {
        return true;
    }
    if is_capitalised(word) {
        return classes(lower) & CAP_STOPWORD == 0;
    }
    // A name's particle ("Hans Van de Weerd").
    if PARTICLES.contains(&lower) {
        return true;
    }
    // Lower-case possessives inside a role ("the agency's director").
    bare != lower
}

/// The noun phrase that ends at token `hi` (exclusive), starting no earlier than `lo`.
/// Returns the token range it covers.
pub fn np_before(w: &Words, lo: usize, hi: usize) -> Option<(usize, usize)> {
    let mut start = hi;
    let mut modifiers = 0;
    loop {
        if !(start > lo && hi - start < 16 && !w.starts_line(start)) {
            break;
        }
        if !w.np_word[start - 1] {
            // A lower-case modifier between a determiner or a possessive and the phrase's
            // words ("the nonpartisan Commission on Presidential Debates", "the
            // conservative-leaning Tax Foundation"): one, with a capitalised word of the phrase
            // after it.
            if modifiers < 1 && start < hi && start >= lo + 2 && lower_modifier(w, start - 1) {
                let before = w.lower(start - 2);
                let opener = contains(&DETERMINERS, before)
                    || (before.ends_with("'s") || before.ends_with("’s")) && w.np_word[start - 2];
                if opener {
                    modifiers += 1;
                    start -= 1;
                    continue;
                }
            }
            break;
        }
        let word = w.lower(start - 1);
        if contains(&DETERMINERS, word) {
            // Keep going only through "of the", "to the", "for the".
            let before = start
                .checked_sub(2)
                .filter(|&b| b >= lo)
                .map(|b| w.lower(b));
            if before.is_some_and(|w| matches!(w, "of" | "to" | "for" | "at" | "in")) {
                start -= 1;
                continue;
            }
            start -= 1;
            break;
        }
        start -= 1;
    }
    // Drop leading connectors other than determiners.
    while start < hi {
        let word = w.lower(start);
        if contains(&CONNECTORS, word) && !contains(&DETERMINERS, word) {
            start += 1;
        } else {
            break;
        }
    }
    // Drop trailing connectors ("Trump and" is not a speaker).
    if start < hi && contains(&CONNECTORS, w.lower(hi - 1)) {
        return None;
    }
    (start < hi).then_some((start, hi))
}

/// Whether token `index` is a lower-case adjective that can describe a capitalised name
/// inside a speaker phrase ("nonpartisan", "conservative-leaning", "independent"): letters
/// and hyphens, with an adjective's ending or a hyphen, and a capitalised word right after it.
fn lower_modifier(w: &Words, index: usize) -> bool {
    const ADJECTIVE_ENDINGS: &[&str] = &[
        "al", "an", "ic", "ive", "ary", "ory", "ous", "ist", "ish", "ful", "less", "ent", "ant",
    ];
    let tok = w.toks[index];
    let word = &w.text[tok.start..tok.end];
    let lower = w.lower(index);
    let next_capitalised = w
        .toks
        .get(index + 1)
        .is_some_and(|next| next.word && is_capitalised(&w.text[next.start..next.end]));
    tok.word
        && next_capitalised
        && !is_capitalised(word)
        && lower.len() > 3
        && word.chars().all(|c| c.is_alphabetic() || c == '-')
        && (lower.contains('-') || ADJECTIVE_ENDINGS.iter().any(|end| lower.ends_with(end)))
        && !contains(&CONNECTORS, lower)
        && !contains(&PRONOUNS, lower)
        && !contains(&SPEECH_VERBS, lower)
        && classes(lower) & CAP_STOPWORD == 0
}

/// The noun phrase that starts at token `lo`, ending before `hi`.
pub fn np_after(w: &Words, lo: usize, hi: usize) -> Option<(usize, usize)> {
    let mut end = lo;
    let mut modifiers = 0;
    while end < hi && end - lo < 16 && (end == lo || !w.starts_line(end)) {
        if !w.np_word[end] {
            // A lower-case modifier after a determiner or a possessive, before the phrase's
            // words ("according to the nonpartisan Congressional Budget Office"), as in
            // `np_before`.
            let opened = end > lo
                && (contains(&DETERMINERS, w.lower(end - 1))
                    || w.lower(end - 1).ends_with("'s")
                    || w.lower(end - 1).ends_with("’s"));
            if modifiers < 1
                && opened
                && end + 1 < hi
                && lower_modifier(w, end)
                && w.np_word[end + 1]
            {
                modifiers += 1;
                end += 1;
                continue;
            }
            break;
        }
        end += 1;
    }
    while end > lo && contains(&CONNECTORS, w.lower(end - 1)) {
        end -= 1;
    }
    (end > lo).then_some((lo, end))
}

/// An appositive role after a name: ", the U.S. ambassador to the United Nations," — the tokens
/// between the comma at `comma` and the next comma, when they read as a role.
pub fn appositive(w: &Words, comma: usize, hi: usize) -> Option<(usize, usize)> {
    let (text, toks) = (w.text, &w.toks);
    if toks
        .get(comma)
        .is_none_or(|tok| &text[tok.start..tok.end] != ",")
    {
        return None;
    }
    let start = comma + 1;
    let mut end = start;
    while end < hi && end - start < 24 {
        let tok = &toks[end];
        let word = &text[tok.start..tok.end];
        if !tok.word || matches!(word, "who" | "which" | "that" | "whose") || w.starts_line(end) {
            break;
        }
        end += 1;
    }
    if end == start {
        return None;
    }
    // "in Chelsea, the mayor also said that …": a clause with its own speech verb, or a phrase
    // that opens with a preposition ("…, on his first day in office, …"), is no apposition.
    let first_word = w.lower(start);
    if (contains(&CONNECTORS, first_word) && !contains(&DETERMINERS, first_word))
        || (start..end).any(|index| {
            contains(&SPEECH_VERBS, w.lower(index))
                && !is_capitalised(&text[toks[index].start..toks[index].end])
        })
    {
        return None;
    }
    let has_role = (start..end).any(|index| {
        let bare = strip_possessive(w.lower(index));
        contains(&ROLE_NOUNS, bare)
            || contains(&TITLES, bare)
            || contains(&PRIVATE_MARKERS, bare)
            || contains(&PARTY_MEMBERS, bare)
    });
    let first = w.lower(start);
    // "Senator Richard Blumenthal, Democrat of Connecticut, said": a party member noun opens
    // a role as a title does.
    let opens_like_role = contains(&DETERMINERS, first)
        || !is_capitalised(&text[toks[start].start..toks[start].end])
        || contains(&TITLES, first)
        || contains(&PARTY_MEMBERS, first)
        || (start..end).any(|index| contains(&TITLES, w.lower(index)));
    (has_role && opens_like_role).then_some((start, end))
}

/// "M." or "J.": a middle initial.
fn is_initial(word: &str) -> bool {
    let mut chars = word.chars();
    matches!((chars.next(), chars.next(), chars.next()), (Some(c), Some('.'), None) if c.is_uppercase())
}

fn join(text: &str, toks: &[Tok]) -> String {
    match (toks.first(), toks.last()) {
        (Some(first), Some(last)) => text[first.start..last.end].to_string(),
        _ => String::new(),
    }
}

/// Read a token range as a speaker noun phrase.
pub fn classify(w: &Words, lo: usize, hi: usize) -> Option<Np> {
    let (text, toks) = (w.text, &w.toks);
    let mut lo = lo;
    let mut definite = false;
    while lo < hi && contains(&DETERMINERS, w.lower(lo)) {
        definite = w.lower(lo) == "the";
        lo += 1;
    }
    if lo >= hi {
        return None;
    }
    // "Others say …", "Many argue …": an indefinite names no speaker.
    if hi - lo == 1 && contains(&INDEFINITES, w.lower(lo)) {
        return None;
    }
    let span = Span::new(toks[lo].start, toks[hi - 1].end);
    let words: Vec<&str> = toks[lo..hi]
        .iter()
        .map(|tok| &text[tok.start..tok.end])
        .collect();
    let lowers: Vec<&str> = (lo..hi).map(|index| w.lower(index)).collect();
    let name_like = &w.name_like[lo..hi];
    if hi - lo == 1 && contains(&PRONOUNS, lowers[0]) {
        return Some(Np {
            span,
            kind: NpKind::Pronoun,
            name: words[0].to_string(),
            role: None,
            head: lowers[0].to_string(),
            definite,
        });
    }
    // "Hannah Ward of the Refugee Council", "Senator Lisa Murkowski of Alaska": a person's
    // name, then "of"/"from"/"at" and a capitalised body or place, is that person; the rest
    // is the role the text gives. A peer's title keeps its place ("Lord Walker of
    // Gestingthorpe").
    if let Some(at) = lowers
        .iter()
        .position(|w| matches!(*w, "of" | "from" | "at"))
        && at >= 2
        && name_like[at - 1]
        && name_like[at - 2]
        && !lowers[..at]
            .iter()
            .any(|w| matches!(*w, "lord" | "lady" | "baroness" | "baron" | "earl" | "duke"))
        && (at + 1..hi - lo)
            .find(|&index| !contains(&DETERMINERS, lowers[index]))
            .is_some_and(|index| is_capitalised(words[index]))
        && let Some(person) = classify(w, lo, lo + at)
        && person.kind == NpKind::Person
    {
        let affiliation = join(text, &toks[lo + at..hi]);
        return Some(Np {
            span,
            role: Some(match person.role {
                Some(role) => format!("{role} {affiliation}"),
                None => affiliation,
            }),
            ..person
        });
    }
    // A role heading a prepositional phrase: "a spokesperson for the State Department".
    let first_is_role = contains(&ROLE_NOUNS, lowers[0])
        && lowers
            .get(1)
            .is_some_and(|w| matches!(*w, "for" | "of" | "to" | "at"));
    // Trailing run of name words (with particles) = a person.
    let mut run = hi - lo;
    while run > 0 {
        // A particle inside the name, alone or in a row ("Van de Weerd"), with a name word
        // before the row.
        let particle = contains(PARTICLES, lowers[run - 1]) && run < hi - lo && {
            let mut before = run - 1;
            while before > 0 && contains(PARTICLES, lowers[before - 1]) {
                before -= 1;
            }
            before >= 1 && name_like[before - 1]
        };
        if name_like[run - 1] || particle {
            run -= 1;
        } else {
            break;
        }
    }
    // A title inside the run is the role, not the name: "Home Secretary Theresa May". When
    // the title takes a complement ("Secretary of State Rex Tillerson"), the name is the last
    // two words (three with an initial: "Kirstjen M. Nielsen").
    let is_title = |index: usize| {
        let bare = strip_possessive(lowers[index]);
        contains(&TITLES, bare) || contains(&ROLE_NOUNS, bare)
    };
    let mut titled = false;
    if let Some(title) = (0..hi - lo).rev().find(|&index| is_title(index))
        && title + 1 < hi - lo
        && name_like[hi - lo - 1]
    {
        let mut start = title + 1;
        if matches!(lowers[start], "of" | "for" | "to" | "at") {
            start = (hi - lo).saturating_sub(2);
            if start >= 1 && is_initial(words[start]) {
                start -= 1;
            }
            // The complement must keep a word and read as part of a title: capitalised
            // words and connectors ("of Homeland Security"), not "for Senate in".
            let complement_ok = (title + 1..start).all(|index| {
                is_capitalised(words[index])
                    || matches!(
                        lowers[index],
                        "of" | "for" | "to" | "at" | "the" | "and" | "&"
                    )
            });
            // "the chairwoman of Families Belong Together" is a role with its body, no name.
            if definite || start <= title + 2 || !complement_ok || !is_capitalised(words[start - 1])
            {
                start = hi - lo;
            }
        }
        let names = start..hi - lo;
        if !names.is_empty()
            && names.len() <= 3
            && names
                .clone()
                .all(|index| name_like[index] && !is_title(index))
            && (start..hi - lo).all(|index| !contains(PARTICLES, lowers[index]) || index > start)
        {
            run = start;
            titled = true;
        }
    }
    // A party member's word that opens a longer run describes the name that follows
    // ("Democrat Hillary Clinton", "Republican Donald Trump").
    if hi - lo - run >= 3 && contains(&PARTY_MEMBERS, lowers[run]) {
        run += 1;
    }
    let run_len = hi - lo - run;
    let place = contains(&PLACE_HEADS, lowers[hi - lo - 1]);
    if run_len > 0 && run_len <= 4 && (!first_is_role || titled) && !place {
        // A modifier after a conjunction or a preposition inside a prepositional complement
        // ("director of Immigration and Customs Enforcement", "fellow at the Institute of
        // International Affairs") belongs to an organisation's name, whose last words are no
        // person ("The European Union and Turkey" keeps its reading).
        let inside_name = |at: usize| {
            (0..at).any(|index| matches!(lowers[index], "of" | "for" | "at" | "to" | "in" | "on"))
                && (lowers[at] == "and" || (at >= 1 && contains(&CONNECTORS, lowers[at - 1])))
        };
        let prefix_ok = run == 0 || titled || {
            let before = strip_possessive(lowers[run - 1]).to_string();
            contains(&TITLES, before.as_str())
                || contains(&TITLES, before.split(['-', '‑']).next().unwrap_or(""))
                || contains(&ROLE_NOUNS, before.as_str())
                || contains(&PARTY_MEMBERS, before.as_str())
                || (contains(&MODIFIERS, before.as_str()) && !inside_name(run - 1))
        };
        if prefix_ok {
            let name = join(text, &toks[lo + run..hi]);
            let role_toks = &toks[lo..lo + run];
            // A role holds a title or a role noun: modifiers alone ("Policy Trump", a
            // common noun that opens the sentence) are no role.
            let holds_title = (lo..lo + run).any(|index| {
                let bare = strip_possessive(w.lower(index));
                contains(&TITLES, bare)
                    || contains(&TITLES, bare.split(['-', '‑']).next().unwrap_or(""))
                    || contains(&ROLE_NOUNS, bare)
            });
            let role = (!role_toks.is_empty() && holds_title)
                .then(|| join(text, role_toks))
                .filter(|role| !contains(&HONORIFICS, role.to_lowercase().as_str()));
            let head = strip_possessive(lowers[hi - lo - 1]).to_string();
            return Some(Np {
                span,
                kind: NpKind::Person,
                name,
                role,
                head,
                definite,
            });
        }
    }
    // Head = last word before the first preposition.
    let head_index = lowers
        .iter()
        .position(|w| matches!(*w, "of" | "for" | "to" | "at" | "in" | "on"))
        .unwrap_or(lowers.len())
        .saturating_sub(1);
    let head = strip_possessive(lowers[head_index]).to_string();
    let mut name = join(text, &toks[lo..hi]);
    // "pressure group Migrationwatch UK", "the charity Refugee Action": a lower-case
    // description headed by a body word, then the body's name.
    if let Some(named) = (1..hi - lo).find(|&at| {
        contains(&BODY_WORDS, lowers[at - 1])
            && !is_capitalised(words[at - 1])
            && words[at..].iter().all(|word| is_capitalised(word))
    }) {
        name = join(text, &toks[lo + named..hi]);
    }
    // "the nonpartisan Congressional Budget Office", "the conservative-leaning Tax
    // Foundation": lower-case adjectives before a capitalised name describe it and are no
    // part of it. (The modifiers of the lexicon stay: "liberal Democrats" in a text whose
    // case was restored is the party.)
    if let Some(capital) = words.iter().position(|word| is_capitalised(word))
        && capital > 0
        && !(0..capital).any(|at| {
            contains(&CONNECTORS, lowers[at])
                || classes(strip_possessive(lowers[at])) & (ROLE | BODY | DOC | MODIFIER) != 0
        })
        && (capital..hi - lo).all(|at| {
            is_capitalised(words[at])
                || matches!(lowers[at], "of" | "on" | "for" | "the" | "and" | "&")
        })
    {
        name = join(text, &toks[lo + capital..hi]);
    }
    let kind = if contains(&ROLE_NOUNS, head.as_str()) {
        NpKind::Role
    } else if contains(&DOC_NOUNS, head.as_str()) {
        NpKind::Doc
    } else if contains(&BODY_WORDS, head.as_str())
        || lowers.iter().any(|w| contains(&BODY_WORDS, w))
        || words
            .iter()
            .zip(&lowers)
            .all(|(w, lower)| is_capitalised(w) || contains(&CONNECTORS, lower))
    {
        NpKind::Body
    } else {
        return None;
    };
    Some(Np {
        span,
        kind,
        name,
        role: None,
        head,
        definite,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn subject(text: &str) -> Option<(NpKind, String, Option<String>)> {
        let words = Words::new(text, crate::extract::tokens::of_text(text));
        let (lo, hi) = np_before(&words, 0, words.toks.len())?;
        let np = classify(&words, lo, hi)?;
        Some((np.kind, np.name, np.role))
    }

    #[test]
    fn speaker_noun_phrases_read_backwards() {
        let cases: &[(&str, NpKind, &str, Option<&str>)] = &[
            (
                "Principal Deputy Spokesperson Tommy Pigott",
                NpKind::Person,
                "Tommy Pigott",
                Some("Principal Deputy Spokesperson"),
            ),
            (
                "In a statement, U.S. Ambassador to the U.N. Nikki Haley",
                NpKind::Person,
                "Nikki Haley",
                Some("U.S. Ambassador to the U.N."),
            ),
            ("Pigott", NpKind::Person, "Pigott", None),
            (
                "Secretary of State Rex Tillerson",
                NpKind::Person,
                "Rex Tillerson",
                Some("Secretary of State"),
            ),
            (
                "the chairwoman of Families Belong Together",
                NpKind::Role,
                "chairwoman of Families Belong Together",
                None,
            ),
            (
                "Home Secretary Amber Rudd",
                NpKind::Person,
                "Amber Rudd",
                Some("Home Secretary"),
            ),
            (
                "Secretary of Homeland Security Kirstjen M. Nielsen",
                NpKind::Person,
                "Kirstjen M. Nielsen",
                Some("Secretary of Homeland Security"),
            ),
            ("Mr Howard", NpKind::Person, "Howard", None),
            (
                "In a separate statement, the U.S. mission to the United Nations",
                NpKind::Body,
                "U.S. mission to the United Nations",
                None,
            ),
            (
                "A spokesperson for the State Department",
                NpKind::Role,
                "spokesperson for the State Department",
                None,
            ),
            ("the cable", NpKind::Doc, "cable", None),
            ("The White House", NpKind::Body, "White House", None),
        ];
        for (text, kind, name, role) in cases {
            let got = subject(text);
            assert_eq!(
                got,
                Some((*kind, name.to_string(), role.map(str::to_string))),
                "{text}"
            );
        }
    }

    #[test]
    fn private_nouns_are_no_speakers() {
        assert_eq!(subject("the migrants"), None);
    }
}
