//! Quotes extractor: direct quotes in quotation marks, partial quotes inside reported speech and
//! indirect speech ("X said that …", "…, X said.", "according to X, …"), each attributed to its
//! speaker (a person, a body or a document) with coreference (surname, pronoun, "the
//! spokesperson") and the role the text gives. Quoted terms and scare quotes yield nothing.

pub(crate) mod lexicon;
mod marks;
mod speaker;
mod tree;

use std::collections::HashMap;

use migtrack_model::{Quote, Span};

use super::Context;
use lexicon::{
    ADVERBS, BE_HAVE, CLAUSE_VERBS, CONNECTORS, DETERMINERS, EVIDENCE_DOCS, FINDING_DOCS,
    FINDING_VERBS, HONORIFICS, ING_NOUNS, INTRODUCERS, MODALS, NAMING_VERBS, NOUN_OPENERS,
    OBJECT_VERBS, PARTICIPLES, PRIVATE_MARKERS, PRONOUNS, REPORTED_ONLY, ROLE_NOUNS, SPEECH_VERBS,
    SUBORDINATORS, TITLES, WEEKDAYS, contains,
};
use marks::Marked;
use speaker::{Np, NpKind, Words};
use tree::Analyses;

/// Quotes of one document, in text order.
pub fn extract(ctx: &Context) -> Vec<Quote> {
    // Mentions in text order that do not overlap (the pack's matcher gives them so) are found
    // by binary search; otherwise by a scan, with the same answer: the first that overlaps.
    let ordered = ctx.mentions.is_sorted_by_key(|mention| mention.span.start)
        && ctx.mentions.is_sorted_by_key(|mention| mention.span.end);
    let entity_of = |span: Span, name: &str| -> Option<String> {
        let found = if ordered {
            let first = ctx
                .mentions
                .partition_point(|mention| mention.span.end <= span.start);
            ctx.mentions
                .get(first)
                .filter(|mention| mention.span.overlaps(span))
        } else {
            ctx.mentions
                .iter()
                .find(|mention| mention.span.overlaps(span))
        };
        found.map(|mention| mention.id.clone()).or_else(|| {
            ctx.pack
                .office_holder(name, ctx.published)
                .map(|holder| holder.entity.clone())
        })
    };
    let mut quotes = extract_in(
        ctx.text,
        &ctx.layer,
        &entity_of,
        migtrack_nlp::Model::for_language(ctx.lang),
        &|index| ctx.analysis(index),
        &|| ctx.over_budget(),
    );
    for quote in &mut quotes {
        if let Some(speaker) = &quote.speaker
            && let Some(name) = canonical_actor(speaker)
        {
            quote.speaker = Some(name.to_string());
        } else if let Some(speaker) = &quote.speaker
            && let Some(name) = expand_acronym(ctx.text, speaker)
        {
            quote.speaker = Some(name);
        }
    }
    quotes
}

/// The full name an acronym speaker stands for when the article spells it out as
/// "Customs and Border Protection (CBP)": the speaker is the fullest name the article gives
/// (GUIDELINES.md), and one body is one speaker.
fn expand_acronym(text: &str, speaker: &str) -> Option<String> {
    let letters = speaker.chars().filter(|c| *c != '.').count();
    if !(2..=6).contains(&letters) || !speaker.chars().all(|c| c.is_ascii_uppercase() || c == '.') {
        return None;
    }
    let acronym: String = speaker.chars().filter(|c| *c != '.').collect();
    let marker = format!("({acronym})");
    let at = text.find(&marker)?;
    let before = text[..at].trim_end();
    // The capitalised words before the parenthesis, with the joiners a name holds, whose
    // initials spell the acronym.
    let words: Vec<&str> = before.split_whitespace().collect();
    let mut initials = String::new();
    let mut first = words.len();
    for (index, word) in words.iter().enumerate().rev() {
        let initial = word.chars().next()?;
        if initial.is_uppercase() {
            initials.insert(0, initial);
            first = index;
        } else if !matches!(*word, "of" | "and" | "for" | "the" | "on" | "&") {
            break;
        }
        if initials.len() >= acronym.len() {
            break;
        }
    }
    (initials == acronym && first < words.len()).then(|| words[first..].join(" "))
}

/// The name the events lexicon gives an actor outside the domain pack (parties, courts,
/// legislatures) when `speaker` is one of its written forms ("the Tories", "Lib Dems"), so
/// that a party is one speaker whatever the article calls it.
fn canonical_actor(speaker: &str) -> Option<&'static str> {
    let lower = speaker.to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    let words = match words.first() {
        Some(&"the") => &words[1..],
        _ => &words[..],
    };
    crate::extract::events::lexicon::Lexicon::builtin()
        .actors
        .iter()
        .find(|actor| {
            actor.pattern.len() == words.len()
                && actor.pattern.iter().zip(words).all(|(element, word)| {
                    matches!(element, crate::extract::events::lexicon::Element::Word(forms)
                        if forms.iter().any(|form| form == word))
                })
        })
        .map(|actor| actor.id.as_str())
}

/// The extractor without a domain pack: `entity_of(speaker_span, speaker)` resolves speakers to
/// entity ids. `layer` is the text's sentences with their words (`migtrack_nlp::split`).
pub fn extract_with(
    text: &str,
    layer: &[migtrack_nlp::Sentence],
    entity_of: &dyn Fn(Span, &str) -> Option<String>,
) -> Vec<Quote> {
    extract_in(
        text,
        layer,
        entity_of,
        migtrack_nlp::Model::for_language("en"),
        &|_| None,
        &|| false,
    )
}

/// [`extract_with`] with the language's model (`None`: no tags are asked for) and the
/// sentences' trees (`analysis`), stopping early (with nothing) once `stop` says so: the
/// document's time budget has run out.
fn extract_in<'a>(
    text: &'a str,
    layer: &'a [migtrack_nlp::Sentence],
    entity_of: &dyn Fn(Span, &str) -> Option<String>,
    model: Option<&migtrack_nlp::Model>,
    analysis: &'a Analyses<'a>,
    stop: &dyn Fn() -> bool,
) -> Vec<Quote> {
    let mut doc = Doc::new(text, layer, analysis);
    if let Some(model) = model
        && doc.unname_sentence_initial_nouns(layer, model)
    {
        doc.people = doc.find_people();
    }
    let mut candidates = Vec::new();
    let mut consumed: Vec<Span> = Vec::new();
    for (index, marked) in doc.marks.iter().enumerate() {
        if index % STOP_CHECK_EVERY == 0 && stop() {
            return Vec::new();
        }
        if let Some(candidate) = doc.direct(marked) {
            consumed.push(Span::new(marked.open, marked.end));
            if !candidate.direct {
                consumed.push(candidate.span);
            }
            candidates.push(candidate);
        }
    }
    // "“Hungary says the migrants are fleeing poverty,” the correspondent reports": a body's
    // statement reported inside a direct quote is the body's; a quote that opens with one is
    // all report and no words of the outer speaker.
    let mut nested: Vec<Candidate> = Vec::new();
    for candidate in candidates.iter_mut().filter(|candidate| candidate.direct) {
        let inner = doc.reports_inside(candidate.span, entity_of);
        let opens = inner.first().is_some_and(|first| {
            let Attribution::Speaker(np) = &first.attribution else {
                return false;
            };
            doc.text[candidate.span.start..np.span.start]
                .trim_matches(|c: char| !c.is_alphanumeric())
                .split_whitespace()
                .all(|word| matches!(word.to_lowercase().as_str(), "the" | "a" | "an"))
        });
        if opens {
            // Still the outer speaker's for a quote that continues it.
            candidate.rule = REPORTS_ONLY;
        }
        nested.extend(inner);
    }
    candidates.extend(nested);
    // The title restates the story in shorthand: no quote of its own ("Trump warns shutdown
    // could last 'years,' says he may declare …"). Only the first line: inside the story a
    // line without a stop is as often a sentence whose stop the archive lost.
    let punctuated = super::punctuated(text);
    let lead = text.len() - text.trim_start().len();
    let title = lead..text[lead..].find('\n').map_or(lead, |end| lead + end);
    let headline =
        |span: Span| punctuated && title.contains(&span.start) && super::is_headline(text, span);
    candidates.retain(|candidate| {
        doc.sentence_of(candidate.span.start)
            .is_none_or(|sentence| !headline(sentence))
    });
    let consumed_set = super::SpanSet::new(consumed.iter().copied());
    let mut consumed_ends: Vec<usize> = consumed.iter().map(|span| span.end).collect();
    consumed_ends.sort_unstable();
    for (index, sentence) in doc.sentences.iter().enumerate() {
        if index % STOP_CHECK_EVERY == 0 && stop() {
            return Vec::new();
        }
        if headline(*sentence) {
            continue;
        }
        if consumed_set.overlaps_any(*sentence) {
            // "“…,” Trump said in a speech, even as he contended the situation …": a second
            // statement after the attribution of a quote.
            if let Some(rest) = doc.rest_after_attribution(*sentence, &consumed_ends) {
                candidates.extend(doc.indirect(rest));
            }
            continue;
        }
        candidates.extend(doc.indirect(*sentence));
    }
    candidates.sort_by_key(|candidate| candidate.span.start);
    candidates.dedup_by(|later, earlier| later.span == earlier.span);
    doc.resolve(candidates, entity_of, stop)
}

/// The rule of a report by a body or person inside a direct quote: it is not the quote a
/// later unattributed quote continues.
const NESTED_REPORT: &str = "nested_report";
/// The rule of a direct quote that is all report of others' words: it names who continues
/// speaking but is no quote of its own.
const REPORTS_ONLY: &str = "reports_only";

/// The longest subject of an attribution after a direct quote the tree is asked for, in
/// tokens ("…,” Anna Berg, director of the Migration Policy Institute and a professor at the
/// University of Leeds, said").
const TREE_SUBJECT_WORDS: usize = 32;

/// How many marks, sentences or candidates go between two looks at the clock.
const STOP_CHECK_EVERY: usize = 16;

/// A resolved speaker: (name, role, kind, paragraph, speaker span).
type Resolved = (String, Option<String>, NpKind, usize, Option<Span>);

/// Who a candidate quote is attributed to, before coreference.
#[derive(Debug, Clone)]
enum Attribution {
    Speaker(Np),
    /// An unattributed quote continuing the previous speaker's.
    Continued,
}

#[derive(Debug, Clone)]
struct Candidate {
    span: Span,
    text: String,
    direct: bool,
    attribution: Attribution,
    rule: &'static str,
}

struct Doc<'a> {
    text: &'a str,
    /// The layer's sentences, and their trees on demand (`tree.rs`).
    layer: &'a [migtrack_nlp::Sentence],
    analysis: &'a Analyses<'a>,
    w: Words<'a>,
    /// Per token: a verb of saying in lower case.
    speech: Vec<bool>,
    sentences: Vec<Span>,
    marks: Vec<Marked>,
    people: Vec<Person>,
    /// Byte offsets of every line break, for paragraph numbers.
    line_breaks: Vec<usize>,
    /// Token indices of each word (a possessive "’s" stripped), for surname lookups that
    /// cost the surname's mentions rather than the whole text.
    bare_words: HashMap<&'a str, Vec<usize>>,
    /// The text has (almost) no commas: press archives that strip punctuation ("labour
    /// seized on the data saying the policy was in shreds", "… since 2004 said the office
    /// for national statistics"). The rules that read an attribution off a comma then read
    /// it off the words alone.
    unpunctuated: bool,
}

/// Whether `text` is written without commas: at least 80 words and fewer than one comma per
/// 100 words (news prose has one every 15 or so).
fn is_unpunctuated(text: &str) -> bool {
    let words = text.split_whitespace().count();
    let commas = text.matches(',').count();
    words >= 80 && commas * 100 < words
}

/// A person named in the text, for surname and role lookups.
#[derive(Debug, Clone)]
struct Person {
    name: String,
    role: Option<String>,
    at: usize,
    /// 'm' or 'f' when the text shows it (honorifics, pronouns after the name).
    gender: Option<char>,
    /// The mention reads as a clause's subject: it opens its sentence, or a speech verb
    /// follows it (after an appositive role, if any). Such mentions are what a later "he" or
    /// "she" most likely refers to.
    subject: bool,
}

/// Whom a surname alone refers to among the people named with it so far (`named`, in text
/// order): the name given most often, the earlier on a tie ("Hillary Clinton" over a "Bill
/// Clinton" named once: news gives the lesser family members their first names, and a
/// headline's misread "Rip Donald Trump" is outnumbered), at that name's latest mention
/// (which carries the latest role).
fn surname_referent<'p>(named: impl Iterator<Item = &'p Person> + Clone) -> Option<&'p Person> {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for person in named.clone() {
        match counts.iter_mut().find(|(name, _)| *name == person.name) {
            Some((_, count)) => *count += 1,
            None => counts.push((&person.name, 1)),
        }
    }
    // `max_by_key` keeps the last of equal maxima; reversed, that is the earliest name.
    let (best, _) = counts.iter().rev().max_by_key(|(_, count)| *count)?;
    named.filter(|person| person.name == *best).last()
}

/// A person's age as news gives it in apposition: one to three digits.
fn is_age(word: &str) -> bool {
    (1..=3).contains(&word.len()) && word.bytes().all(|b| b.is_ascii_digit())
}

/// The first name of `name` when another person of `people` has the same surname under a
/// different first name (two people of one family), else `None`.
fn shared_surname<'n>(people: &[Person], name: &'n str) -> Option<&'n str> {
    let words: Vec<&str> = name.split_whitespace().collect();
    let (first, surname) = (*words.first()?, *words.last()?);
    (words.len() >= 2
        && people.iter().any(|other| {
            let other: Vec<&str> = other.name.split_whitespace().collect();
            other.len() >= 2 && other.last() == Some(&surname) && other[0] != first
        }))
    .then_some(first)
}

fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?')
}

/// A role that marks a private person ("a 37-year-old migrant"): never recorded.
fn is_private(role: Option<&str>) -> bool {
    let Some(role) = role else { return false };
    if is_age(role) {
        return true;
    }
    // The head of the role: its last word before a preposition or relative pronoun.
    let lower = role.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|word| !word.is_empty())
        .collect();
    let cut = words
        .iter()
        .position(|word| matches!(*word, "in" | "of" | "from" | "at" | "with" | "who" | "on"))
        .unwrap_or(words.len());
    words[..cut]
        .last()
        .is_some_and(|head| contains(&PRIVATE_MARKERS, head))
}

/// Whether a role is one its holder has left ("former president", "ex-minister").
pub(crate) fn is_former(role: &str) -> bool {
    role.split(|c: char| !c.is_alphanumeric() && c != '-')
        .any(|word| word.eq_ignore_ascii_case("former") || word.to_lowercase().starts_with("ex-"))
}

/// Whether a person's `role` is the office a definite role phrase names (`name`, with its head
/// noun `head`): the role's head word is the phrase's ("the president" is the "President" of
/// "President Omar Field", not the "Vice President" or a "president of the council"'s deputy),
/// and a rank the role holds ("vice", "deputy", "former") is in the phrase too.
fn role_refers_to(role: &str, name: &str, head: &str) -> bool {
    const RANKS: &[&str] = &[
        "vice",
        "deputy",
        "former",
        "assistant",
        "acting",
        "lieutenant",
    ];
    let lower = role.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric() && c != '-' && c != '\'' && c != '’')
        .filter(|word| !word.is_empty())
        .collect();
    let cut = words
        .iter()
        .position(|word| matches!(*word, "of" | "for" | "to" | "at" | "in" | "on"))
        .unwrap_or(words.len());
    let name = name.to_lowercase();
    let name_words: Vec<&str> = name.split_whitespace().collect();
    words[..cut]
        .iter()
        .any(|word| word.trim_end_matches("’s").trim_end_matches("'s") == head)
        && words[..cut]
            .iter()
            .filter(|word| RANKS.contains(word))
            .all(|rank| name_words.contains(rank))
}

/// Whether a person's `role` names an office other than the one a definite role phrase names
/// (`name`, head noun `head`): its own words (before "of", "for", …) hold a role noun, and it
/// is not that office ("Home Secretary" for "the prime minister"). A role with no role noun
/// ("of Save the Children") names no office.
fn names_other_office(role: &str, name: &str, head: &str) -> bool {
    let lower = role.to_lowercase();
    lower
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|word| !word.is_empty())
        .take_while(|word| !matches!(*word, "of" | "for" | "to" | "at" | "in" | "on"))
        .any(|word| contains(&ROLE_NOUNS, word))
        && !role_refers_to(role, name, head)
}

/// Whether an unnamed role speaker quoted before (`earlier`: "a senior State Department
/// official") is the source a definite role phrase (`name`, head `head`: "the official", "the
/// State Department official") refers back to: the same office, and every word the phrase adds
/// to its head is in the earlier phrase ("the Republican senator" is no "Democratic senator").
fn same_unnamed_role(earlier: &str, name: &str, head: &str) -> bool {
    let earlier_words: Vec<String> = earlier
        .split_whitespace()
        .map(|word| word.to_lowercase())
        .collect();
    role_refers_to(earlier, name, head)
        && name
            .split_whitespace()
            .map(str::to_lowercase)
            .filter(|word| !matches!(word.as_str(), "the" | "a" | "an"))
            .all(|word| earlier_words.contains(&word))
}

/// Remove quotation marks and surrounding punctuation from a clause.
fn clean_clause(text: &str) -> String {
    let without: String = text
        .chars()
        .filter(|c| !matches!(c, '“' | '”' | '"' | '„' | '«' | '»'))
        .collect::<String>()
        .replace("''", "");
    without
        .trim()
        .trim_start_matches([',', ';', ':', ' ', '—', '–'])
        .trim_end_matches(['.', ',', ';', ':', ' '])
        .trim()
        .to_string()
}

impl<'a> Doc<'a> {
    fn new(text: &'a str, layer: &'a [migtrack_nlp::Sentence], analysis: &'a Analyses<'a>) -> Self {
        let w = Words::new(text, crate::extract::tokens::of_layer(text, layer));
        let speech = w
            .toks
            .iter()
            .enumerate()
            .map(|(index, tok)| {
                tok.word
                    && contains(&SPEECH_VERBS, w.lower(index))
                    && !text[tok.start..tok.end]
                        .chars()
                        .next()
                        .is_some_and(char::is_uppercase)
                    // "one of the states suing the agency", "his claims": after a determiner
                    // or a possessive the form is a noun.
                    && !index
                        .checked_sub(1)
                        .is_some_and(|before| contains(&NOUN_OPENERS, w.lower(before)))
            })
            .collect();
        let sentences = layer.iter().map(|sentence| sentence.span).collect();
        let marks = marks::scan(text);
        let mut doc = Doc {
            text,
            layer,
            analysis,
            w,
            speech,
            sentences,
            marks,
            people: Vec::new(),
            line_breaks: text.match_indices('\n').map(|(at, _)| at).collect(),
            bare_words: HashMap::new(),
            unpunctuated: is_unpunctuated(text),
        };
        for index in 0..doc.w.toks.len() {
            let word = doc.word(index);
            let bare = word
                .strip_suffix("’s")
                .or_else(|| word.strip_suffix("'s"))
                .unwrap_or(word);
            doc.bare_words.entry(bare).or_default().push(index);
        }
        doc.people = doc.find_people();
        doc
    }

    /// A capitalised common noun that opens a sentence is no first name ("Policy Trump
    /// announced last year …", "Officials Smith and …"): when the tagger reads the first word
    /// as a common noun and the second as a proper noun, the name starts at the second.
    /// Only sentences that open with two name-like words are tagged, and only their first
    /// words.
    /// Whether any word was unnamed (the people must then be found again).
    fn unname_sentence_initial_nouns(
        &mut self,
        layer: &[migtrack_nlp::Sentence],
        model: &migtrack_nlp::Model,
    ) -> bool {
        let mut changed = false;
        for sentence in layer {
            let first = self
                .w
                .toks
                .partition_point(|tok| tok.start < sentence.span.start);
            if !(self.w.name_like.get(first) == Some(&true)
                && self.w.name_like.get(first + 1) == Some(&true))
            {
                continue;
            }
            let forms: Vec<&str> = sentence
                .words
                .iter()
                .take(5)
                .map(|word| word.form(self.text))
                .collect();
            // Only the first two tags are read (the words after them are their context).
            let tags = model.upos_of_first(&forms, 2);
            if tags.first() == Some(&migtrack_nlp::Upos::Noun)
                && tags.get(1) == Some(&migtrack_nlp::Upos::Propn)
            {
                self.w.name_like[first] = false;
                changed = true;
            }
        }
        changed
    }

    fn word(&self, index: usize) -> &'a str {
        self.w.word(index)
    }

    fn lower(&self, index: usize) -> &str {
        self.w.lower(index)
    }

    /// First token starting at or after `byte`.
    fn tok_at(&self, byte: usize) -> usize {
        self.w.toks.partition_point(|tok| tok.start < byte)
    }

    fn sentence_of(&self, byte: usize) -> Option<Span> {
        let index = self.sentences.partition_point(|span| span.end <= byte);
        self.sentences
            .get(index)
            .copied()
            .filter(|span| span.start <= byte)
    }

    fn is_speech_verb(&self, index: usize) -> bool {
        self.speech.get(index).copied().unwrap_or(false)
    }

    /// Whether token `index` is a finite be/have or a modal: the sign of a clause of its own.
    /// Whether the speaker read after the speech verb at `verb` (tokens `from..to`) runs on
    /// into a clause of its own before `hi`: a word, not a comma or the sentence's end,
    /// follows it, and the tree reads it as the subject of that clause ("…, said North
    /// Korea's latest provocation cannot be left …"). Only then is the sentence parsed.
    fn runs_on_as_clause(&self, verb: usize, from: usize, to: usize, hi: usize) -> bool {
        to < hi && self.w.toks[to].word && self.subject_of_own_clause(verb, from, to)
    }

    fn finite_aux(&self, index: usize) -> bool {
        let word = self.lower(index);
        BE_HAVE.contains(&word) || MODALS.contains(&word)
    }

    fn is_pronoun(&self, index: usize) -> bool {
        self.w.toks.get(index).is_some_and(|tok| tok.word) && contains(&PRONOUNS, self.lower(index))
    }

    fn pronoun_np(&self, index: usize) -> Option<Np> {
        let tok = self.w.toks.get(index)?;
        Some(Np {
            span: Span::new(tok.start, tok.end),
            kind: NpKind::Pronoun,
            name: self.word(index).to_string(),
            role: None,
            head: self.lower(index).to_string(),
            definite: false,
        })
    }

    /// Every person the text names with at least two name words, with the role it gives.
    fn find_people(&self) -> Vec<Person> {
        let mut people = Vec::new();
        for index in 0..self.w.toks.len() {
            let tok = self.w.toks[index];
            if !tok.word || !self.w.name_like[index] {
                continue;
            }
            let next_is_name = self
                .w
                .toks
                .get(index + 1)
                .is_some_and(|next| next.word && self.w.name_like[index + 1]);
            if next_is_name {
                continue;
            }
            // A place before a title and a name modifies the title: "New Jersey Gov. Chris
            // Christie", "New York Mayor Bill de Blasio".
            let title_after = |at: usize| {
                self.w.toks.get(at).is_some_and(|tok| tok.word)
                    && speaker::is_capitalised(self.word(at))
                    && (contains(&TITLES, self.lower(at))
                        || contains(&TITLES, self.lower(at).trim_end_matches('.')))
            };
            if title_after(index + 1)
                && (index + 2..index + 4).any(|at| {
                    self.w.toks.get(at).is_some_and(|tok| tok.word) && self.w.name_like[at]
                })
            {
                continue;
            }
            let lo = index.saturating_sub(12);
            let Some((start, end)) = speaker::np_before(&self.w, lo, index + 1) else {
                continue;
            };
            let Some(np) = speaker::classify(&self.w, start, end) else {
                continue;
            };
            if np.kind != NpKind::Person {
                continue;
            }
            let mut role = np.role.clone();
            // "Donna Rawlings, 59, of Ashton": an age in apposition is how news names a
            // private person; the age is kept as the role, which marks it (`is_private`).
            let age = (self.lower(index + 1) == "," && self.lower(index + 3) == ",")
                .then(|| self.word(index + 2))
                .filter(|age| is_age(age));
            if let Some(age) = age {
                role = Some(age.to_string());
            }
            if role.is_none()
                && let Some((a, b)) = speaker::appositive(&self.w, index + 1, self.w.toks.len())
            {
                role = Some(self.strip_determiner(a, b));
            }
            // "Mr. Obama", "Ms. Strada": an honorific marks a person named by the surname
            // alone; the first such mention introduces them unless a fuller name did (later
            // mentions are found by surname below).
            let honorific = || {
                let title = match index.checked_sub(1) {
                    Some(dot) if self.lower(dot) == "." => dot.checked_sub(1),
                    before => before,
                };
                title.is_some_and(|title| {
                    np.name.split_whitespace().count() == 1
                        && contains(&HONORIFICS, self.lower(title))
                }) && !people.iter().any(|person: &Person| {
                    person.name.split_whitespace().last() == Some(np.name.as_str())
                })
            };
            if np.name.split_whitespace().count() >= 2 || role.is_some() || honorific() {
                people.push(Person {
                    name: np.name,
                    role,
                    at: tok.start,
                    gender: None,
                    subject: self.reads_as_subject(index),
                });
            }
        }
        // Later mentions by surname alone ("Haley had argued").
        let mut by_surname = Vec::new();
        // People by the last word of their name, in text order: each lookup below costs the
        // mentions of one surname, not every person in the text.
        let mut surnames: HashMap<&str, Vec<usize>> = HashMap::new();
        for (index, person) in people.iter().enumerate() {
            if let Some(last) = person.name.split_whitespace().last() {
                surnames.entry(last).or_default().push(index);
            }
        }
        for index in 0..self.w.toks.len() {
            let word = self.word(index);
            if !self.w.toks[index].word || !self.w.name_like[index] {
                continue;
            }
            let is_name_at = |other: usize| {
                self.w.toks.get(other).is_some_and(|tok| tok.word) && self.w.name_like[other]
            };
            if index.checked_sub(1).is_some_and(is_name_at) || is_name_at(index + 1) {
                continue;
            }
            let at = self.w.toks[index].start;
            let latest = surnames.get(word).and_then(|indices| {
                let before = indices.partition_point(|&person| people[person].at < at);
                let named = indices[..before].iter().map(|&person| &people[person]);
                surname_referent(named)
            });
            if let Some(person) = latest {
                let mut mention = person.clone();
                mention.at = at;
                mention.subject = self.reads_as_subject(index);
                by_surname.push(mention);
            }
        }
        people.extend(by_surname);
        people.sort_by_key(|person| person.at);
        // One gender per distinct name and role (the scan reads the whole text).
        let mut known: std::collections::BTreeMap<(String, Option<String>), Option<char>> =
            std::collections::BTreeMap::new();
        let genders: Vec<Option<char>> = people
            .iter()
            .map(|person| {
                *known
                    .entry((person.name.clone(), person.role.clone()))
                    .or_insert_with(|| {
                        let first = shared_surname(&people, &person.name);
                        self.gender_of(&person.name, person.role.as_deref(), first)
                    })
            })
            .collect();
        for (person, gender) in people.iter_mut().zip(genders) {
            person.gender = gender;
        }
        people
    }

    /// 'm' or 'f' from honorifics and the pronouns after the mentions of the surname.
    /// `first`: the person's first name when someone else in the text has their surname
    /// ("Ivanka Trump" beside "Donald Trump"): then only mentions with the first name count.
    fn gender_of(&self, name: &str, role: Option<&str>, first: Option<&str>) -> Option<char> {
        let role = role.unwrap_or("").to_lowercase();
        if role.contains("woman") {
            return Some('f');
        }
        let surname = name.split_whitespace().last()?;
        let (mut male, mut female) = (0, 0);
        let occurrences = self.bare_words.get(surname).map_or(&[][..], Vec::as_slice);
        for &index in occurrences {
            if let Some(first) = first
                && index
                    .checked_sub(1)
                    .is_none_or(|before| self.word(before) != first)
            {
                continue;
            }
            if let Some(before) = index.checked_sub(1) {
                match self.lower(before) {
                    "mr" | "mr." => male += 3,
                    "mrs" | "mrs." | "ms" | "ms." => female += 3,
                    _ => {}
                }
            }
            // The first pronoun after the mention in its sentence, before anyone else is
            // named there ("McClenney said Clinton … her concern" tells Clinton's, not
            // McClenney's), or else the pronoun that opens the next sentence ("Tim Kaine
            // spoke. He said …"). "him" is no sign: an object pronoun is someone other than
            // its clause's subject ("Lopez agreed with him").
            let end = self
                .sentence_of(self.w.toks[index].start)
                .map_or(usize::MAX, |sentence| sentence.end);
            let mut next = index + 1;
            while let Some(tok) = self.w.toks.get(next) {
                let opens_next = tok.start >= end;
                match self.lower(next) {
                    "he" | "his" | "himself" if !opens_next || self.lower(next) == "he" => {
                        male += 1;
                        break;
                    }
                    "she" | "her" | "hers" | "herself"
                        if !opens_next || self.lower(next) == "she" =>
                    {
                        female += 1;
                        break;
                    }
                    _ if opens_next || (tok.word && self.w.name_like[next]) => break,
                    _ => {}
                }
                next += 1;
            }
        }
        // The given name, when the lexicon knows it, weighs as two pronouns: "Josh Earnest"
        // is no "she" even where no pronoun follows him.
        let words: Vec<&str> = name.split_whitespace().collect();
        if words.len() >= 2 {
            match lexicon::first_name_gender(words[0]) {
                Some('m') => male += 2,
                Some('f') => female += 2,
                _ => {}
            }
        }
        match male.cmp(&female) {
            std::cmp::Ordering::Greater => Some('m'),
            std::cmp::Ordering::Less => Some('f'),
            std::cmp::Ordering::Equal => None,
        }
    }

    fn known_gender(&self, name: &str) -> Option<char> {
        match self.people.iter().find(|person| person.name == name) {
            Some(person) => person.gender,
            None => self.gender_of(name, None, shared_surname(&self.people, name)),
        }
    }

    /// Whether the name at `byte` is its sentence's subject: only its title words before it,
    /// after an introductory phrase closed by a comma if the sentence opens with one ("As he
    /// announced the deal, Mr. Trump paid tribute", "In a statement, Ms. Pelosi said").
    fn opens_sentence(&self, byte: usize) -> bool {
        let Some(sentence) = self.sentence_of(byte) else {
            return false;
        };
        let mut lo = self.tok_at(sentence.start);
        let hi = self.tok_at(byte);
        if lo < hi && contains(&INTRODUCERS, self.lower(lo)) {
            // The name's own title words come after the comma that closes the phrase; with
            // no comma before it the name is inside the phrase ("As Mr. Trump left, …").
            let Some(comma) = (lo + 1..hi).rev().find(|&i| self.word(i) == ",") else {
                return false;
            };
            lo = comma + 1;
        }
        (lo..hi).all(|i| {
            let word = self.word(i);
            word.chars().next().is_some_and(char::is_uppercase)
                || matches!(self.lower(i), "the" | "a" | "an" | "," | "of" | "for")
        })
    }

    /// Whether the name ending at token `last` reads as a subject: it opens its sentence, a
    /// speech verb follows it, a speech verb or another past-tense verb follows the comma that
    /// closes its apposition ("the BBC's correspondent, Daniel Sandford, said", "the shadow
    /// home secretary, Mark Oaten, accused"), a relative clause about it opens with one
    /// (", who accused"), or after an appositive role.
    fn reads_as_subject(&self, last: usize) -> bool {
        let Some(tok) = self.w.toks.get(last) else {
            return false;
        };
        // After a closed apposition any past-tense verb shows the subject; right after the
        // name only a speech verb does ("he did not think Mr Howard intended": an embedded
        // clause's subject), and after a name that no comma opened a participle may be a
        // reduced relative ("the figure of Abraham Lincoln, sheltered in his memorial").
        let verb = |at: usize| {
            self.is_speech_verb(at)
                || self.w.toks.get(at).is_some_and(|tok| {
                    let word = self.word(at);
                    tok.word
                        && word.len() > 4
                        && word.ends_with("ed")
                        && word.chars().all(|c| c.is_ascii_lowercase())
                })
        };
        // "Mitch McConnell, R-Ky., suggested": a short aside between commas.
        let after_aside = self.lower(last + 1) == ","
            && (last + 2..(last + 7).min(self.w.toks.len()))
                .find(|&i| self.word(i) == ",")
                .is_some_and(|close| close > last + 2 && verb(close + 1));
        // "… denied by Foreign Secretary Jack Straw, who accused the Tories …": the subject
        // of a relative clause about the name.
        let relative =
            self.lower(last + 1) == "," && self.lower(last + 2) == "who" && verb(last + 3);
        // "One of them, Senator Susan Collins of Maine, is among …": a finite be/have after
        // the comma closing the apposition shows the subject too.
        // The name must open right after a comma (the apposition's), not after a preposition
        // ("the rebate, secured in 1984 by Margaret Thatcher, was justified").
        let after_comma = || {
            let mut at = last;
            while at > 0 && {
                let word = self.word(at);
                word.chars().next().is_some_and(char::is_uppercase) || self.lower(at) == "of"
            } {
                at -= 1;
            }
            self.word(at) == ","
        };
        let finite =
            |at: usize| matches!(self.lower(at), "is" | "was" | "has" | "had") && after_comma();
        // "…, said Karl Berg, a co-founder of …": the subject of an inverted attribution,
        // whether or not its sentence gave a quote.
        let inverted = || {
            let mut first = last;
            while first > 0 && self.w.toks[first - 1].word && self.w.name_like[first - 1] {
                first -= 1;
            }
            // The name ends the clause: "…, said Paul Ryan "put forth …" has Ryan as the
            // subject of what was said.
            let ends = self
                .w
                .toks
                .get(last + 1)
                .is_none_or(|_| matches!(self.word(last + 1), "," | "." | ";"));
            first >= 2
                && ends
                && self.is_speech_verb(first - 1)
                && matches!(self.word(first - 2), "," | "”" | "\"")
        };
        if self.opens_sentence(tok.start)
            || self.is_speech_verb(last + 1)
            || inverted()
            || (self.lower(last + 1) == ","
                && (self.is_speech_verb(last + 2)
                    || ((verb(last + 2) || finite(last + 2)) && after_comma())))
            || after_aside
            || relative
        {
            return true;
        }
        speaker::appositive(&self.w, last + 1, self.w.toks.len())
            .is_some_and(|(_, end)| self.is_speech_verb(end + 1))
    }

    /// The person a sentence that opens with a definite role ("The president opted …", "But
    /// the prime minister said …") is about: the last person named before that sentence with
    /// that role, of a gender compatible with `gender`.
    fn role_subject(&self, sentence: Span, gender: char) -> Option<&Person> {
        let lo = self.tok_at(sentence.start);
        let hi = self.tok_at(sentence.end).min(self.w.toks.len());
        let mut at = lo;
        while at < hi && matches!(self.lower(at), "but" | "and" | "yet" | "still" | "then") {
            at += 1;
        }
        if at >= hi || self.lower(at) != "the" {
            return None;
        }
        at += 1;
        let first = at;
        while at < hi
            && at < first + 3
            && self.w.toks[at].word
            && !contains(&ROLE_NOUNS, self.lower(at))
        {
            at += 1;
        }
        if at >= hi || !contains(&ROLE_NOUNS, self.lower(at)) {
            return None;
        }
        // The role is the clause's subject: a lower-case word (its verb) follows.
        let next = self.word(at + 1);
        if !next.chars().next().is_some_and(char::is_lowercase) {
            return None;
        }
        let head = self.lower(at);
        let name = self.text[self.w.toks[first].start..self.w.toks[at].end].to_string();
        self.people.iter().rev().find(|person| {
            person.at < sentence.start
                && person.gender.is_none_or(|g| g == gender)
                && person.role.as_deref().is_some_and(|role| {
                    // The role's own head ("President", "White House press secretary"), not a
                    // possessor in it ("the president's counselor").
                    let lower = role.to_lowercase();
                    let own = lower
                        .split(" of ")
                        .next()
                        .and_then(|before| before.split_whitespace().next_back())
                        == Some(head);
                    own && role_refers_to(role, &name, head)
                })
        })
    }

    fn in_quote(&self, byte: usize) -> bool {
        self.marks
            .iter()
            .any(|marked| marked.open <= byte && byte < marked.end)
    }

    fn strip_determiner(&self, a: usize, b: usize) -> String {
        let mut start = a;
        while start < b && matches!(self.lower(start), "the" | "a" | "an") {
            start += 1;
        }
        if start >= b {
            return String::new();
        }
        self.text[self.w.toks[start].start..self.w.toks[b - 1].end].to_string()
    }

    /// The subject of the verb at token `verb`, no earlier than token `lo`: a pronoun, a noun
    /// phrase, or a name with an appositive role ("Eric Schwartz, president of …, said").
    fn subject_of(&self, lo: usize, verb: usize) -> Option<Np> {
        let end = self.skip_between(lo, verb);
        if end == lo {
            return None;
        }
        if self.is_pronoun(end - 1) {
            return self.pronoun_np(end - 1);
        }
        if self.word(end - 1) == "," {
            // Appositive: find the comma before it.
            let close = end - 1;
            let open = (lo..close).rev().take(24).find(|&i| self.word(i) == ",")?;
            // "Trump, who was accompanied by …, said": skip the relative clause.
            if matches!(self.lower(open + 1), "who" | "which" | "whose") {
                if self.is_pronoun(open.checked_sub(1)?) {
                    return None;
                }
                let (start, stop) = speaker::np_before(&self.w, lo, open)?;
                let np = speaker::classify(&self.w, start, stop)?;
                // "Hans Berg, chairman of the Forum, which coordinates …, said": the person
                // before the role's appositive, not the body the relative clause follows.
                if np.kind != NpKind::Person
                    && let Some(first) = (lo..open).rev().take(24).find(|&i| self.word(i) == ",")
                    && let Some((a, b)) = speaker::appositive(&self.w, first, open)
                    && b == open
                    && let Some((p_start, p_stop)) = speaker::np_before(&self.w, lo, first)
                    && let Some(mut person) = speaker::classify(&self.w, p_start, p_stop)
                    && person.kind == NpKind::Person
                {
                    person.role = Some(self.strip_determiner(a, b));
                    return Some(person);
                }
                return Some(np);
            }
            // "Hillary Clinton, at a later press gaggle, said", "the ministry, in a statement,
            // said": an adjunct between commas is no apposition; the subject is before it.
            if matches!(
                self.lower(open + 1),
                "in" | "at"
                    | "on"
                    | "during"
                    | "after"
                    | "before"
                    | "via"
                    | "through"
                    | "speaking"
                    | "writing"
            ) {
                let (start, stop) = speaker::np_before(&self.w, lo, open)?;
                return speaker::classify(&self.w, start, stop);
            }
            // "Mitch McConnell, R-Ky., said": a party and state tag in apposition names the
            // person before it (the parenthesised "(R-Ky.)" is read below).
            if is_party_tag(&self.w.text[self.w.toks[open].end..self.w.toks[close].start]) {
                let (start, stop) = speaker::np_before(&self.w, lo, open)?;
                return speaker::classify(&self.w, start, stop)
                    .filter(|np| np.kind == NpKind::Person);
            }
            // "the minister, Jan Novak, said": a name in apposition to a role.
            if let Some(mut person) =
                speaker::classify(&self.w, open + 1, close).filter(|np| np.kind == NpKind::Person)
            {
                let (start, stop) = speaker::np_before(&self.w, lo, open)?;
                let role = speaker::classify(&self.w, start, stop)?;
                if role.kind == NpKind::Role {
                    person.role = Some(self.strip_determiner(start, stop));
                    person.span = Span::new(self.w.toks[start].start, person.span.end);
                    return Some(person);
                }
                return None;
            }
            let (a, b) = speaker::appositive(&self.w, open, close)?;
            if b != close {
                return None;
            }
            // "Rep. Anna Berg (D-Ohio), chair of the caucus, said": a parenthesis between the
            // name and its apposition.
            let mut name_end = open;
            if self.word(open - 1) == ")"
                && let Some(paren) = (lo..open - 1).rev().take(8).find(|&i| self.word(i) == "(")
            {
                name_end = paren;
            }
            let (start, stop) = speaker::np_before(&self.w, lo, name_end)?;
            let mut np = speaker::classify(&self.w, start, stop)?;
            if np.kind == NpKind::Person {
                np.role = Some(self.strip_determiner(a, b));
                return Some(np);
            }
            return None;
        }
        let (start, stop) = speaker::np_before(&self.w, lo, end)?;
        speaker::classify(&self.w, start, stop)
    }

    /// The part of a sentence after a direct quote's attribution, from the first comma after
    /// the attribution's verb, when no quotation mark is in it.
    /// `consumed_ends` are the ends of the spans quotes took, sorted: the last quote span to end
    /// inside the sentence is the one that overlaps it and ends before it does.
    fn rest_after_attribution(&self, sentence: Span, consumed_ends: &[usize]) -> Option<Span> {
        let before_end = consumed_ends.partition_point(|&end| end < sentence.end);
        let quote_end = *consumed_ends.get(before_end.checked_sub(1)?)?;
        if quote_end <= sentence.start {
            return None;
        }
        let lo = self.tok_at(quote_end);
        let hi = self.tok_at(sentence.end);
        let verb = (lo..hi.min(lo + 8)).find(|&i| self.is_speech_verb(i))?;
        let comma = (verb + 1..hi).find(|&i| self.word(i) == ",")?;
        let mut start = comma + 1;
        while start < hi && matches!(self.lower(start), "even" | "as" | "while" | "and") {
            start += 1;
        }
        // "“…,” Chaffetz said in a statement, adding that …": a participle of speech shares
        // the attribution's subject, so the statement is read with the attribution before it.
        let participle = contains(&PARTICIPLES, self.lower(start));
        if start + 4 >= hi || !participle && !(start..hi).any(|i| self.is_speech_verb(i)) {
            return None;
        }
        let from = if participle {
            // A named or pronoun subject only: "a spokeswoman said, saying …" names nobody.
            let first = (lo..verb).find(|&i| self.w.toks[i].word)?;
            if contains(&DETERMINERS, self.lower(first)) {
                return None;
            }
            first
        } else {
            start
        };
        let span = Span::new(self.w.toks[from].start, sentence.end);
        if self
            .marks
            .iter()
            .any(|m| m.open < span.end && m.end > span.start)
        {
            return None;
        }
        Some(span)
    }

    /// Where the subject of the verb at `verb` ends: adverbs, a parenthetical ("Mitch McConnell
    /// (R-Ky.) announced"), a time adjunct ("the prime minister on Sunday said", "this year
    /// said") and a modal chain ("he was due to say", "is expected to tell") are skipped.
    fn skip_between(&self, lo: usize, verb: usize) -> usize {
        const TIME_WORDS: &[&str] = &[
            "week",
            "month",
            "year",
            "night",
            "morning",
            "evening",
            "afternoon",
            "weekend",
        ];
        let mut end = verb;
        loop {
            if end <= lo {
                return end;
            }
            let last = self.lower(end - 1);
            if contains(&ADVERBS, last) {
                end -= 1;
            } else if last == ")"
                && let Some(open) = (lo..end - 1).rev().take(8).find(|&i| self.word(i) == "(")
            {
                end = open;
            } else if contains(TIME_WORDS, last) || contains(WEEKDAYS, last) {
                end -= 1;
                if end > lo && matches!(self.lower(end - 1), "on" | "last" | "this") {
                    end -= 1;
                }
            } else if last == "to"
                && end >= lo + 3
                && matches!(
                    self.lower(end - 2),
                    "due" | "expected" | "set" | "going" | "scheduled"
                )
                && matches!(self.lower(end - 3), "is" | "was" | "are" | "were")
            {
                end -= 3;
            } else {
                return end;
            }
        }
    }

    /// The speaker after a verb ("said Pigott", "said Eric Schwartz, president of …").
    fn speaker_after(&self, lo: usize, hi: usize) -> Option<Np> {
        if self.is_pronoun(lo) {
            return self.pronoun_np(lo);
        }
        let (start, end) = speaker::np_after(&self.w, lo, hi)?;
        let mut np = speaker::classify(&self.w, start, end)?;
        if np.kind == NpKind::Person
            && np.role.is_none()
            && let Some((a, b)) = speaker::appositive(&self.w, end, hi)
        {
            np.role = Some(self.strip_determiner(a, b));
        }
        Some(np)
    }

    /// Attribute a quoted span, or say it is a quoted term (None).
    fn direct(&self, marked: &Marked) -> Option<Candidate> {
        let content = marked.content();
        let content_text = marked.text(self.text);
        let first = self.tok_at(content.start);
        let last = self.tok_at(content.end);
        let words = (first..last).filter(|&i| self.w.toks[i].word).count();
        let ends_sentence = content_text
            .trim_end_matches(['”', '"', '’', ' '])
            .ends_with(is_terminator);

        // After the quote: "…,” Pigott said." / "…,” said Pigott." / "…,” the cable reads".
        // A quote that ends its sentence ("…?” Ms. Pelosi said.") is attributed by the next
        // one, in the same paragraph.
        let post_start = self.tok_at(marked.end);
        let (post_sentence, next_sentence) = match self.sentence_of(marked.end) {
            Some(span) => (Some(span), false),
            None => (
                self.w
                    .toks
                    .get(post_start)
                    .and_then(|tok| self.sentence_of(tok.start)),
                true,
            ),
        };
        let post_end = post_sentence.map_or(post_start, |span| self.tok_at(span.end));
        let post_end = post_end.max(post_start).min(self.w.toks.len());
        // A new quote in the same sentence ends the post context.
        let post_end = self
            .marks
            .iter()
            .find(|other| other.open >= marked.end)
            .map_or(post_end, |other| post_end.min(self.tok_at(other.open)));
        let same_paragraph = !self
            .text
            .get(marked.end..self.w.toks.get(post_start).map_or(marked.end, |t| t.start))
            .unwrap_or("")
            .contains('\n');
        if same_paragraph
            && !marked.single
            && let Some(np) = self.post_attribution(
                post_start,
                post_end,
                ends_sentence,
                // "…,” Isakson lamented", "…?” Graham asked": a quote that stops short of a
                // full stop goes on into its attribution.
                content
                    .slice(self.text)
                    .trim_end()
                    .ends_with([',', '?', '!']),
            )
            && (!next_sentence || self.attributes_only(post_sentence, post_start, post_end))
        {
            // "The caravan in and of itself “doesn't irritate me,” Trump said": the
            // sentence's own words before the quote belong to the statement.
            let sentence_start = self
                .sentence_of(marked.open)
                .map_or(marked.open, |span| span.start);
            let pre = self.text[sentence_start..marked.open].trim();
            let pre_lo = self.tok_at(sentence_start);
            let pre_hi = self.tok_at(marked.open);
            let pre_clean = pre_hi > pre_lo
                && !(pre_lo..pre_hi).any(|i| self.is_speech_verb(i))
                && !pre.contains(['“', '”', '"'])
                && !pre.ends_with([':', ',']);
            let (span, text) = if pre_clean {
                let span = Span::new(sentence_start, content.end);
                (span, clean_clause(span.slice(self.text)))
            } else {
                (content, content_text)
            };
            return Some(Candidate {
                span,
                text,
                direct: true,
                attribution: Attribution::Speaker(np.0),
                rule: np.1,
            });
        }

        // Before the quote, in the same sentence.
        let sentence_start = self
            .sentence_of(marked.open)
            .map_or(marked.open, |span| span.start);
        let mut pre_lo = self.tok_at(sentence_start);
        let pre_hi = self.tok_at(marked.open);
        if pre_lo >= pre_hi {
            // Paragraph introduced by a colon in the paragraph before.
            let before = self.text[..marked.open].trim_end();
            if before.ends_with(':')
                && let Some(previous) = self.sentence_of(before.len() - 1)
            {
                pre_lo = self.tok_at(previous.start);
            }
        }
        let pre_hi_effective = if pre_lo < pre_hi {
            pre_hi
        } else {
            self.tok_at(self.text[..marked.open].trim_end().len())
        };
        if !marked.single
            && let Some((np, rule)) = self.pre_attribution(pre_lo, pre_hi_effective)
        {
            return Some(Candidate {
                span: content,
                text: content_text,
                direct: true,
                attribution: Attribution::Speaker(np),
                rule,
            });
        }

        // Inside reported speech: "Pigott added that the administration … “run cover for …”".
        if let Some((np, clause_start)) = self.reported_before(pre_lo, pre_hi) {
            let mut end_sentence = self
                .sentence_of(marked.end.saturating_sub(1))
                .map_or(marked.end, |span| span.end)
                .max(marked.end);
            // "… “…” and said he was …": a second statement starts.
            let after = self.tok_at(marked.end);
            let stop = self.tok_at(end_sentence);
            if let Some(and) =
                (after..stop).find(|&i| self.lower(i) == "and" && self.is_speech_verb(i + 1))
            {
                end_sentence = self.w.toks[and].start;
            } else if let Some(comma) = (after..stop)
                .filter(|&i| self.is_speech_verb(i))
                .find_map(|verb| self.closing_attribution(verb, after, stop))
            {
                // "… “public reassurance” that he would sign it, one person close to the talks
                // said.": the report's own attribution is not part of the statement.
                end_sentence = self.w.toks[comma].start;
            }
            let span = marks::trimmed(self.text, self.w.toks[clause_start].start, end_sentence);
            let text = clean_clause(span.slice(self.text));
            return Some(Candidate {
                span,
                text,
                direct: false,
                attribution: Attribution::Speaker(np),
                rule: "partial_in_reported",
            });
        }

        // An unattributed full quote continues the previous speaker; a short one is a term.
        let pre_words = (pre_lo..pre_hi).filter(|&i| self.w.toks[i].word).count();
        let whole_sentence = pre_words == 0 && ends_sentence && words >= 3;
        if (whole_sentence || (words >= 6 && pre_words <= 2)) && !marked.single {
            return Some(Candidate {
                span: content,
                text: content_text,
                direct: true,
                attribution: Attribution::Continued,
                rule: "direct_continued",
            });
        }
        None
    }

    /// Whether the sentence after a quote that ended its own sentence only attributes it
    /// ("…?” Ms. Pelosi said at a news conference."): it opens no quote of its own ("…” Jan
    /// Shaw said: “…”) and no speech verb in it introduces a reported clause ("Trump said the
    /// plan was dead").
    fn attributes_only(&self, sentence: Option<Span>, lo: usize, hi: usize) -> bool {
        let Some(sentence) = sentence else {
            return false;
        };
        !self
            .marks
            .iter()
            .any(|mark| sentence.start <= mark.open && mark.open < sentence.end)
            && !(lo..hi)
                .any(|verb| self.is_speech_verb(verb) && self.clause_start(verb, hi).is_some())
    }

    /// A verb that attributes a quote only by where it stands: after a quote that ends in a
    /// comma, the reporting clause's verb may be any verb of manner ("“We’ve already lost,”
    /// Senator Isakson lamented", "…,” quipped Mr. Brat"), so any lower-case past-tense form
    /// (ending in "-ed") or third-person form of a word the text does not use as a noun
    /// before it. The clause must end after it or go on with an adjunct or an apposition.
    fn attributing_verb(&self, verb: usize, hi: usize) -> bool {
        let word = self.word(verb);
        let lower = self.lower(verb);
        let verbal = word.chars().next().is_some_and(char::is_lowercase)
            && lower.len() > 4
            && lower.ends_with("ed");
        verbal
            && (verb + 1 >= hi
                || !self.w.toks[verb + 1].word
                || matches!(
                    self.lower(verb + 1),
                    "on" | "in"
                        | "at"
                        | "during"
                        | "after"
                        | "before"
                        | "to"
                        | "from"
                        | "as"
                        | "while"
                        | "when"
                        | "with"
                        | "later"
                        | "afterward"
                        | "afterwards"
                        | "recently"
                        | "yesterday"
                        | "today"
                        | "last"
                        | "this"
                        | "according"
                )
                || self
                    .word(verb + 1)
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase))
    }

    fn post_attribution(
        &self,
        lo: usize,
        hi: usize,
        ends_sentence: bool,
        comma_ended: bool,
    ) -> Option<(Np, &'static str)> {
        let mut start = lo;
        while start < hi && matches!(self.word(start), "," | "—" | "–" | "-") {
            start += 1;
        }
        if start >= hi {
            return None;
        }
        let tail_ok = |verb: usize| -> bool {
            // Only the reporting clause counts: "…,” Trump said in a speech, even as he
            // contended …" keeps its attribution.
            let clause_end = (verb + 1..hi).find(|&i| self.word(i) == ",").unwrap_or(hi);
            let rest = verb + 1..clause_end;
            // A "that" after a participle of the adjunct ("said at a news conference
            // announcing that …") is the participle's, not the verb's own report.
            let has_that = rest.clone().any(|i| {
                self.lower(i) == "that"
                    && !(verb + 1..i).any(|j| {
                        let word = self.lower(j);
                        word.len() > 4 && word.ends_with("ing")
                    })
            });
            let another_verb = rest.clone().any(|i| self.is_speech_verb(i));
            // "In an interview on “Morning Report,” Anna Berg said the rise demands a plan":
            // a verb with a reported clause of its own does not attribute the quote before it.
            let own_report = !contains(&OBJECT_VERBS, self.lower(verb))
                && self.clause_start(verb, clause_end).is_some_and(|start| {
                    (start..clause_end).filter(|&i| self.w.toks[i].word).count() >= 4
                });
            !(another_verb || own_report || (ends_sentence && has_that))
        };
        let attributes = |verb: usize| {
            (self.is_speech_verb(verb) && !contains(&REPORTED_ONLY, self.lower(verb)))
                || (comma_ended && self.attributing_verb(verb, hi))
        };
        // "said Pigott"
        if attributes(start)
            && let Some(np) = self.speaker_after(start + 1, hi)
        {
            return Some((np, "direct_after_inverted"));
        }
        // "Pigott said": the token rules read a subject of up to 17 words; the tree one of up
        // to `TREE_SUBJECT_WORDS`.
        let limit = hi.min(start + TREE_SUBJECT_WORDS);
        for verb in start + 1..limit {
            if !attributes(verb) {
                continue;
            }
            // "…,” Anna Berg, director of the institute and a professor at Leeds, said": an
            // apposition the token rules cannot bound (a conjunction, a second apposition,
            // more words than they read) leaves the subject to the tree (asked only after a
            // comma or a parenthesis).
            // Only an apposition's closing comma or parenthesis before the verb: a verb after
            // "and" is as often the second act of a sentence that follows a quoted title
            // ("Appearing on “Newsroom,” Senator Berg discussed … and warned that …").
            let after_apposition = || {
                let mut before = verb - 1;
                while before > start && contains(&ADVERBS, self.lower(before)) {
                    before -= 1;
                }
                matches!(self.word(before), "," | ")")
            };
            let from_tree = || {
                after_apposition()
                    .then(|| self.tree_subject(start, verb))
                    .flatten()
            };
            let np = if verb < start + 18 {
                self.subject_of(start, verb).or_else(from_tree)?
            } else {
                from_tree()?
            };
            let np_start = self.tok_at(np.span.start);
            let leading_ok = (start..np_start).all(|i| matches!(self.lower(i), "the" | "a" | "an"));
            if leading_ok && tail_ok(verb) {
                return Some((np, "direct_after"));
            }
            return None;
        }
        None
    }

    fn pre_attribution(&self, lo: usize, hi: usize) -> Option<(Np, &'static str)> {
        if lo >= hi {
            return None;
        }
        let mut end = hi;
        let mut punctuated = false;
        while end > lo && matches!(self.word(end - 1), ":" | "," | "—" | "–") {
            punctuated = true;
            end -= 1;
        }
        if end <= lo {
            return None;
        }
        // "quotes President Trump as saying"
        if end >= lo + 2 && self.lower(end - 1) == "saying" && self.lower(end - 2) == "as" {
            let quoting = (lo..end - 2)
                .rev()
                .find(|&i| matches!(self.lower(i), "quotes" | "quoted" | "quoting" | "quote"))?;
            let np = self.speaker_after(quoting + 1, end - 2)?;
            return Some((np, "direct_as_saying"));
        }
        // "…, adding: “…”"
        if contains(&PARTICIPLES, self.lower(end - 1)) {
            let verb = (lo..end - 1).find(|&i| self.is_speech_verb(i));
            let np = match verb {
                Some(verb) => self.subject_of(lo, verb),
                None => self.speaker_after(lo, end - 1),
            }?;
            return Some((np, "direct_before_participle"));
        }
        // "Maeve Sherlock called the plans “dangerous …”", "described it as “…”"
        if let Some(verb) = (lo..end)
            .rev()
            .take(7)
            .find(|&i| contains(&NAMING_VERBS, self.lower(i)))
            && let Some(np) = self.subject_of(lo, verb)
            && self.subject_position_ok(lo, &np, false)
        {
            return Some((np, "direct_naming"));
        }
        // "Pigott said: “…”", "Trump told reporters on Friday: “…”"
        let verb = (lo..end).rev().take(9).find(|&i| self.is_speech_verb(i))?;
        if verb + 1 < end && !punctuated {
            return None;
        }
        if (verb + 1..end).any(|i| self.lower(i) == "that") {
            return None;
        }
        let np = self.subject_of(lo, verb)?;
        Some((np, "direct_before"))
    }

    /// A speech verb with its subject before `hi`, followed by a reported clause that runs into
    /// the quote; returns the speaker and the first token of the clause.
    fn reported_before(&self, lo: usize, hi: usize) -> Option<(Np, usize)> {
        for verb in (lo..hi).rev() {
            if !self.is_speech_verb(verb) {
                continue;
            }
            let np = match self.subject_of(lo, verb) {
                Some(np) => np,
                // "He tweeted that … and said he was using …": the earlier verb's subject.
                None if verb > lo && self.lower(verb - 1) == "and" => {
                    match (lo..verb - 1)
                        .rev()
                        .filter(|&i| self.is_speech_verb(i))
                        .find_map(|i| self.subject_of(lo, i))
                    {
                        Some(np) => np,
                        None => continue,
                    }
                }
                None => continue,
            };
            if !self.subject_position_ok(lo, &np, false) {
                continue;
            }
            let clause = self.clause_start(verb, hi)?;
            if clause <= hi {
                return Some((np, clause));
            }
        }
        None
    }

    /// Where the reported clause after a verb of saying starts, if it has one.
    fn clause_start(&self, verb: usize, hi: usize) -> Option<usize> {
        let after = verb + 1;
        // A "that" right before a finite be/have is a relative pronoun ("a pact that was
        // looking into …"), not the start of what was said. (Before a modal it stays: "an
        // agreement that will put smugglers out of business" is what was claimed.)
        let relative = |i: usize| BE_HAVE.contains(&self.lower(i + 1));
        // A "that" after a participle of its own ("announced it on Saturday, maintaining
        // that …") is that participle's.
        // So is one right after a participle that follows a noun ("said at a news conference
        // announcing that …"; "said in a meeting that …" keeps it: a determiner before the
        // -ing word makes it a noun).
        let participle = |i: usize| {
            let ing = |at: usize| self.lower(at).len() > 4 && self.lower(at).ends_with("ing");
            (self.word(i) == "," && ing(i + 1))
                || (ing(i)
                    && !contains(ING_NOUNS, self.lower(i))
                    && self.lower(i + 1) == "that"
                    && i > after
                    && !matches!(
                        self.lower(i - 1),
                        "a" | "an" | "the" | "his" | "her" | "its" | "their" | "our" | "this"
                    ))
        };
        let that_within = |limit: usize| {
            (after..hi.min(after + limit))
                .take_while(|&i| !participle(i))
                .find(|&i| self.lower(i) == "that" && !relative(i))
                .map(|i| i + 1)
        };
        let verb_word = self.lower(verb);
        if contains(&OBJECT_VERBS, verb_word) {
            if let Some(start) = that_within(12) {
                return Some(start);
            }
            if matches!(self.lower(after), "reporters" | "journalists") {
                return Some(after + 1);
            }
            // "told the Times he hoped …", "told Reuters the plan …", "told the forum he was
            // …", "told me he …": an object (a capitalised name, a pronoun, or a noun after
            // a determiner; in a text without capitals and commas any word: "told mps it
            // has …"), then a clause that opens with a pronoun or a determiner. A
            // preposition ends the object and reads no clause ("told the story of his …").
            let opens_clause = |i: usize| {
                matches!(
                    self.lower(i),
                    "he" | "she"
                        | "it"
                        | "they"
                        | "we"
                        | "i"
                        | "the"
                        | "his"
                        | "her"
                        | "its"
                        | "their"
                )
            };
            if matches!(self.lower(after), "me" | "him" | "them" | "us" | "you")
                || (self.lower(after) == "her" && opens_clause(after + 1))
            {
                return (after + 3 < hi && opens_clause(after + 1)).then_some(after + 1);
            }
            let determiner = matches!(self.lower(after), "the" | "a" | "an");
            let mut name = after + usize::from(determiner);
            let first = name;
            while name < hi.min(first + 4)
                && self.w.toks[name].word
                && !opens_clause(name)
                && (self
                    .word(name)
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase)
                    || ((determiner || self.unpunctuated)
                        && !contains(&CONNECTORS, self.lower(name))))
            {
                name += 1;
            }
            return (name > first && name + 2 < hi && opens_clause(name)).then_some(name);
        }
        let next = self.w.toks.get(after)?;
        if !next.word {
            // "has claimed, without any apparent basis in fact, that …": a comma-bounded aside
            // before "that"; otherwise "said, according to …" or the end of the sentence.
            if self.word(after) == ","
                && let Some(close) = (after + 1..hi.min(after + 12)).find(|&i| self.word(i) == ",")
                && self.lower(close + 1) == "that"
                && close + 2 <= hi
            {
                return Some(close + 2);
            }
            return None;
        }
        let mut after = after;
        // "said on Saturday the United States will …": a time adjunct before the clause.
        if matches!(self.lower(after), "on" | "last" | "this")
            && (contains(WEEKDAYS, self.lower(after + 1))
                || matches!(
                    self.lower(after + 1),
                    "week" | "month" | "year" | "weekend" | "morning" | "afternoon" | "evening"
                ))
            && after + 2 < hi
            && self.w.toks[after + 2].word
            && contains(&CLAUSE_VERBS, verb_word)
            && !(after + 2..hi.min(after + 14)).any(|i| self.lower(i) == "that")
        {
            after += 2;
            // "said on Saturday night at the dinner": the part of the day goes with the day.
            if contains(WEEKDAYS, self.lower(after - 1))
                && matches!(
                    self.lower(after),
                    "night" | "morning" | "afternoon" | "evening"
                )
                && after + 1 < hi
            {
                after += 1;
            }
        }
        let next_word = self.lower(after);
        if next_word == "that" {
            return Some(after + 1);
        }
        // "stated plainly that …", "said repeatedly that …": a manner adverb before "that".
        if next_word.len() > 3 && next_word.ends_with("ly") && self.lower(after + 1) == "that" {
            return Some(after + 2);
        }
        const ADJUNCT_STARTS: &[&str] = &[
            "in",
            "on",
            "at",
            "during",
            "after",
            "before",
            "with",
            "by",
            "from",
            "about",
            "as",
            "through",
            "via",
            "over",
            "earlier",
            "later",
            "today",
            "yesterday",
            "last",
            "this",
            "repeatedly",
            "recently",
            "previously",
            "publicly",
            "privately",
            "to",
            "of",
            "for",
            "up",
            "so",
            "nothing",
            "no",
            "yes",
            "something",
            "anything",
            "more",
            "much",
            "little",
        ];
        // "said this finally disposes of …": "this" is the clause's subject unless a time
        // noun ("this week") or a preposition ("said this to reporters") follows it; a "that"
        // further on belongs to a noun inside the clause ("claims that …").
        let this_subject = next_word == "this"
            && contains(&CLAUSE_VERBS, verb_word)
            && self.w.toks.get(after + 1).is_some_and(|tok| tok.word)
            && !contains(ADJUNCT_STARTS, self.lower(after + 1))
            && !contains(WEEKDAYS, self.lower(after + 1))
            && !matches!(
                self.lower(after + 1),
                "week" | "month" | "year" | "morning" | "afternoon" | "evening" | "weekend"
            );
        // "said no decision had been made": "no" opens the clause's subject when a finite
        // be/have or a modal follows its noun ("said no to the plan" is an answer).
        let no_subject = next_word == "no"
            && contains(&CLAUSE_VERBS, verb_word)
            && (after + 2..hi.min(after + 5)).any(|i| self.finite_aux(i))
            && (after + 1..hi.min(after + 5))
                .take_while(|&i| !self.finite_aux(i))
                .all(|i| self.w.toks[i].word);
        if no_subject {
            return Some(after);
        }
        if !this_subject
            && (contains(ADJUNCT_STARTS, next_word)
                || contains(WEEKDAYS, next_word)
                || !contains(&CLAUSE_VERBS, verb_word))
        {
            return that_within(12);
        }
        Some(after)
    }

    /// A subject must start its clause (sentence start, after a comma or a conjunction): "which
    /// critics say …" is not an attribution. With `subordinate`, a subordinating conjunction
    /// may open the clause too ("shortly after Smith said he …"): the caller then ends what was
    /// said with that clause.
    fn subject_position_ok(&self, lo: usize, np: &Np, subordinate: bool) -> bool {
        let start = self.tok_at(np.span.start);
        let mut before = start;
        while before > lo && matches!(self.lower(before - 1), "the" | "a" | "an") {
            before -= 1;
        }
        // "Reuters reports that the agency UNHCR says …": the inner speaker.
        let after_reporting =
            before >= lo + 2 && self.lower(before - 1) == "that" && self.is_speech_verb(before - 2);
        before == lo
            || after_reporting
            || matches!(
                self.lower(before - 1),
                "," | "and"
                    | "but"
                    | ":"
                    | ";"
                    | "—"
                    | "–"
                    | "while"
                    | "meanwhile"
                    | "also"
                    | "however"
            )
            || (subordinate && self.opens_subordinate_clause(lo, before - 1))
            // "In an interview on “Morning Report,” Anna Berg said": a comma inside a quoted
            // title's closing mark.
            || (before >= lo + 2
                && matches!(self.word(before - 1), "”" | "\"")
                && self.word(before - 2) == ",")
    }

    /// Whether token `at` is a subordinating conjunction that opens its clause: at the sentence
    /// start, after a comma or a conjunction, or after an adverb ("shortly after"). After a
    /// noun it is a relative ("the day when he claims victory", "a session when he said").
    fn opens_subordinate_clause(&self, lo: usize, at: usize) -> bool {
        if !contains(SUBORDINATORS, self.lower(at)) {
            return false;
        }
        let mut before = at;
        while before > lo && {
            let word = self.lower(before - 1);
            contains(&ADVERBS, word) || (word.len() > 4 && word.ends_with("ly"))
        } {
            before -= 1;
        }
        before == lo
            || matches!(
                self.lower(before - 1),
                "," | "and" | "but" | ";" | "—" | "–"
            )
    }

    /// Indirect speech in a sentence without an attributed direct quote; a sentence may hold
    /// several ("The Tories say … while the Lib Dems say …").
    /// Whether `name` is a proper name: several words, or one word the text also writes
    /// capitalised after a lower-case word or a comma ("EU"), not a capitalised sentence
    /// opener ("Something", "Whoever"). (A state or body of the pack is a name too.)
    fn is_proper_name(&self, name: &str) -> bool {
        name.contains(char::is_whitespace)
            || self.text.match_indices(name).any(|(at, _)| {
                let before = self.text[..at].trim_end_matches(' ');
                before.len() < at
                    && before
                        .chars()
                        .next_back()
                        .is_some_and(|c| c.is_lowercase() || c == ',')
            })
    }

    /// Reports by a named body or person inside the quoted `content` ("… Romania says migrant quotas are not
    /// the solution; the EU says …"), one candidate per reported clause, sentence by sentence.
    fn reports_inside(
        &self,
        content: Span,
        entity_of: &dyn Fn(Span, &str) -> Option<String>,
    ) -> Vec<Candidate> {
        let mut found = Vec::new();
        for sentence in &self.sentences {
            let start = sentence.start.max(content.start);
            let end = sentence.end.min(content.end);
            if start >= end {
                continue;
            }
            found.extend(
                self.indirect(Span::new(start, end))
                    .into_iter()
                    .filter(|candidate| {
                        candidate.rule == "indirect_that"
                            && matches!(
                                &candidate.attribution,
                                Attribution::Speaker(np)
                                    if matches!(np.kind, NpKind::Body | NpKind::Person)
                                        && !np.name.contains(['\'', '’'])
                                        && (self.is_proper_name(&np.name)
                                            || entity_of(np.span, &np.name).is_some())
                            )
                    })
                    .map(|candidate| Candidate {
                        rule: NESTED_REPORT,
                        ..candidate
                    }),
            );
        }
        found
    }

    /// Whether speech verb `verb` closes its sentence (ending at token `hi`): nothing but
    /// punctuation follows, or a participle phrase about the telling (", one person said,
    /// speaking on the condition of anonymity.").
    fn closes_sentence(&self, verb: usize, hi: usize) -> bool {
        (verb + 1..hi).all(|i| !self.w.toks[i].word)
            || verb + 2 < hi
                && self.word(verb + 1) == ","
                && self.w.toks[verb + 2].word
                && self.lower(verb + 2).ends_with("ing")
    }

    /// Where a sentence-final attribution of the report itself begins ("…, one of the
    /// officials said."): the comma before a few words (none a speech verb) and the closing
    /// speech verb `verb`. The statement before it ends there.
    fn closing_attribution(&self, verb: usize, lo: usize, hi: usize) -> Option<usize> {
        if !self.closes_sentence(verb, hi) {
            return None;
        }
        (verb.saturating_sub(8).max(lo + 1)..verb)
            .rev()
            .find(|&i| self.word(i) == ",")
            .filter(|&comma| comma + 1 < verb && (comma + 1..verb).all(|i| !self.is_speech_verb(i)))
    }

    /// The subject of the nearest speech verb before `verb` that has one in subject position
    /// ("The ministry announced an arrest and said …").
    fn earlier_speech_subject(&self, lo: usize, verb: usize) -> Option<Np> {
        (lo + 1..verb.checked_sub(1)?)
            .rev()
            .filter(|&before| self.is_speech_verb(before))
            .find_map(|before| self.subject_of(lo, before))
            .filter(|np| self.subject_position_ok(lo, np, true))
    }

    fn indirect(&self, sentence: Span) -> Vec<Candidate> {
        let lo = self.tok_at(sentence.start);
        let hi = self.tok_at(sentence.end);
        if hi <= lo + 3 {
            return Vec::new();
        }
        // (speaker, first token of the clause, first token that belongs to this attribution,
        // rule, where the speech verb's own clause ends when it is a subordinate one)
        let mut attributions: Vec<(Np, usize, usize, &'static str, Option<usize>)> = Vec::new();
        // Where a sentence-final attribution of the report itself begins ("He said that the
        // wall was why he was elected, one of the officials said."): the statement ends there.
        let mut tail_from: Option<usize> = None;
        for verb in lo + 1..hi {
            // "The survey found that …": a document's finding reports like a speech verb.
            let finding = !self.is_speech_verb(verb)
                && self.w.toks[verb].word
                && contains(&FINDING_VERBS, self.lower(verb))
                && self.lower(verb + 1) == "that";
            if finding {
                if let Some(np) = self.subject_of(lo, verb)
                    && np.kind == NpKind::Doc
                    && self.subject_position_ok(lo, &np, true)
                {
                    let mut boundary = self.tok_at(np.span.start);
                    while boundary > lo && matches!(self.lower(boundary - 1), "the" | "a" | "an") {
                        boundary -= 1;
                    }
                    attributions.push((np, verb + 2, boundary, "indirect_finding", None));
                }
                continue;
            }
            if self.is_speech_verb(verb) {
                if self.closes_sentence(verb, hi) && !attributions.is_empty() {
                    tail_from = self.closing_attribution(verb, lo, hi);
                    continue;
                }
                let Some(start) = self.clause_start(verb, hi).or_else(|| {
                    // The tree is asked only after a verb that reports a clause and goes on
                    // into words, so that few sentences are parsed for it.
                    (contains(&CLAUSE_VERBS, self.lower(verb))
                        && !contains(&OBJECT_VERBS, self.lower(verb))
                        && self.w.toks.get(verb + 1).is_some_and(|tok| tok.word))
                    .then(|| self.tree_clause_start(verb, hi))
                    .flatten()
                }) else {
                    continue;
                };
                let unpunctuated = self
                    .unpunctuated
                    .then(|| self.unpunctuated_subject(lo, verb))
                    .flatten();
                let np = match unpunctuated.or_else(|| self.subject_of(lo, verb)) {
                    Some(np) => np,
                    // "… and said he was using the military": the subject of the verb before.
                    None if self.lower(verb - 1) == "and" && !attributions.is_empty() => {
                        let np = attributions[attributions.len() - 1].0.clone();
                        attributions.push((np, start, verb - 1, "indirect_that", None));
                        continue;
                    }
                    None => {
                        // "The ministry announced an arrest and said …": the subject of an
                        // earlier speech verb that reported no clause of its own.
                        if self.lower(verb - 1) == "and"
                            && let Some(np) = self.earlier_speech_subject(lo, verb)
                        {
                            attributions.push((np, start, verb - 1, "indirect_that", None));
                            continue;
                        }
                        // The tree is asked only for a statement ("asked whether …", "explained
                        // how …" are a question or a topic), so that few sentences are parsed.
                        if matches!(
                            self.lower(start),
                            "whether" | "how" | "if" | "why" | "what" | "when" | "where" | "who"
                        ) {
                            continue;
                        }
                        let Some(np) = self.tree_subject(lo, verb) else {
                            continue;
                        };
                        np
                    }
                };
                // A text without commas drops the one after an opening phrase ("taking aim at
                // the chancellor he said that …"): a personal pronoun right before the verb,
                // with "that" after it, is that verb's subject.
                let comma_dropped = self.unpunctuated
                    && np.kind == NpKind::Pronoun
                    && self.tok_at(np.span.start) + 1 == verb
                    && matches!(self.lower(verb - 1), "he" | "she" | "they")
                    && self.lower(verb + 1) == "that";
                if !comma_dropped && !self.subject_position_ok(lo, &np, true) {
                    continue;
                }
                let mut boundary = self.tok_at(np.span.start);
                while boundary > lo
                    && (matches!(
                        self.lower(boundary - 1),
                        "the" | "a" | "an" | "," | "and" | "but" | "while" | "whereas" | ";"
                    ) || self.opens_subordinate_clause(lo, boundary - 1)
                        || (boundary < self.tok_at(np.span.start)
                            && contains(&ADVERBS, self.lower(boundary - 1))))
                {
                    boundary -= 1;
                }
                // "Hale said that while the minister had claimed the target was met, it was
                // not": a speaker inside a subordinate clause that opens what the speech verb
                // before reports is part of that report, and the whole report is the outer
                // speaker's. (Without the subordinator, "Reuters reports that UNHCR says …", the
                // inner speaker's words are the inner speaker's.)
                let np_at = self.tok_at(np.span.start);
                if attributions.last().is_some_and(|outer| {
                    outer.1 >= boundary
                        && outer.1 <= np_at
                        && (outer.1..np_at).any(|i| {
                            let word = self.lower(i);
                            contains(SUBORDINATORS, word) || matches!(word, "while" | "if")
                        })
                }) {
                    continue;
                }
                // "When Berg noted that the fund was empty, the room fell silent": what a
                // subordinate clause's speaker said ends with that clause (the tree's).
                let own_clause = (boundary < self.tok_at(np.span.start)
                    && (boundary..self.tok_at(np.span.start))
                        .any(|i| self.opens_subordinate_clause(lo, i)))
                .then(|| self.clause_end(verb))
                .flatten();
                attributions.push((np, start, boundary, "indirect_that", own_clause));
            } else if contains(&PARTICIPLES, self.lower(verb))
                && (self.word(verb - 1) == "," || (self.unpunctuated && verb > lo + 3))
                && attributions.is_empty()
            {
                // "Pelosi chided the president, saying his threat was unbecoming …" (in a text
                // without commas: "labour seized on the data saying …").
                let before = if self.word(verb - 1) == "," {
                    verb - 1
                } else {
                    verb
                };
                let Some(np) = self.sentence_subject(lo, before) else {
                    continue;
                };
                let mut start = verb + 1;
                if self.lower(start) == "that" {
                    start += 1;
                }
                attributions.push((np, start, before, "indirect_participle", None));
            }
        }
        if !attributions.is_empty() {
            let mut found = Vec::new();
            for (index, (np, start, _, rule, own_clause)) in attributions.iter().enumerate() {
                let end = attributions
                    .get(index + 1)
                    .map_or(hi, |next| next.2.max(*start));
                let end = own_clause
                    .filter(|&own| own > *start)
                    .map_or(end, |own| end.min(own));
                let end = tail_from
                    .filter(|&tail| tail > *start)
                    .map_or(end, |tail| end.min(tail));
                if let Some(candidate) = self.clause(*start, end, np.clone(), rule) {
                    found.push(candidate);
                }
            }
            return found;
        }
        self.indirect_tail(sentence, lo, hi)
            .or_else(|| self.indirect_parenthetical(sentence, lo, hi))
            .into_iter()
            .collect()
    }

    /// An attribution set off by commas inside its statement: "The plan, the minister said,
    /// will cost more than planned", "Indeed, said Berg, the camps are full". The statement is
    /// the sentence without the attribution; the attribution is a speaker and a speech verb
    /// (in either order) with at most a short time adjunct ("said on Tuesday"), and the
    /// statement goes on after it.
    fn indirect_parenthetical(&self, sentence: Span, lo: usize, hi: usize) -> Option<Candidate> {
        const ADJUNCT_STARTS: &[&str] = &[
            "on",
            "in",
            "at",
            "last",
            "this",
            "today",
            "yesterday",
            "earlier",
            "later",
            "recently",
        ];
        let words_in = |from: usize, to: usize| (from..to).filter(|&i| self.w.toks[i].word).count();
        if let Some(candidate) = self.according_to_inside(sentence, lo, hi) {
            return Some(candidate);
        }
        for verb in lo + 1..hi {
            if !self.is_speech_verb(verb) || contains(&OBJECT_VERBS, self.lower(verb)) {
                continue;
            }
            // The comma that opens the attribution, and the speaker: after the verb in an
            // inverted one ("said Berg,"), else between that comma and the verb.
            let (np, open) = if self.word(verb - 1) == "," {
                // The speaker follows the verb at once: "X, reported in the paper, …" is a
                // participle with an adjunct, not an inverted attribution.
                let next = self.lower(verb + 1);
                if contains(&CONNECTORS, next) && !contains(&DETERMINERS, next) {
                    continue;
                }
                let Some(np) = self.speaker_after(verb + 1, hi) else {
                    continue;
                };
                (np, verb - 1)
            } else {
                let Some(open) = (lo..verb).rev().take(12).find(|&i| self.word(i) == ",") else {
                    continue;
                };
                let Some(np) = self.subject_of(open + 1, verb) else {
                    continue;
                };
                let np_start = self.tok_at(np.span.start);
                if !(open + 1..np_start).all(|i| matches!(self.lower(i), "the" | "a" | "an")) {
                    continue;
                }
                (np, open)
            };
            let after = if open + 1 == verb {
                self.tok_at(np.span.end)
            } else {
                verb + 1
            };
            // The comma that closes it, after at most a short time adjunct ("said on Friday,").
            let Some(close) = (after..hi.min(after + 5)).find(|&i| self.word(i) == ",") else {
                continue;
            };
            if close > after
                && (!(contains(ADJUNCT_STARTS, self.lower(after))
                    || contains(WEEKDAYS, self.lower(after)))
                    || (after..close).any(|i| !self.w.toks[i].word))
            {
                continue;
            }
            // "said Eric Berg, president of the council, that …": an apposition, not the
            // statement, follows the comma of an inverted attribution. (After "Berg said," the
            // name's apposition would stand before the verb: "said, a majority of voters have
            // …" is the statement.)
            if open + 1 == verb && speaker::appositive(&self.w, close, hi).is_some() {
                continue;
            }
            // "X withdrew, the ministry reported, ending …": a participle after the
            // attribution is an adjunct of the whole sentence, not the rest of a statement.
            // A gerund with a finite verb after it is the statement's subject ("…, he said,
            // replacing the minister would be much harder").
            let finite_after = (close + 2..hi).any(|i| self.finite_aux(i));
            if self.lower(close + 1).ends_with("ing")
                && !self.word(close + 1).starts_with(char::is_uppercase)
                && !finite_after
            {
                continue;
            }
            // "…, said the official, who asked not to be named": the clause after the
            // attribution is about the speaker; the statement is what comes before.
            let about_speaker = matches!(self.lower(close + 1), "who" | "whose" | "whom");
            if np.kind == NpKind::Pronoun && !matches!(np.head.as_str(), "he" | "she") {
                continue;
            }
            let first = marks::trimmed(self.text, sentence.start, self.w.toks[open].start);
            if about_speaker {
                if words_in(lo, open) < 4 {
                    continue;
                }
                return Some(Candidate {
                    span: first,
                    text: clean_clause(first.slice(self.text)),
                    direct: false,
                    attribution: Attribution::Speaker(np),
                    rule: "indirect_parenthetical",
                });
            }
            let (before, rest) = (words_in(lo, open), words_in(close + 1, hi));
            if before == 0 || rest < 2 || before + rest < 4 {
                continue;
            }
            let second = marks::trimmed(self.text, self.w.toks[close].end, sentence.end);
            let text = format!(
                "{} {}",
                clean_clause(first.slice(self.text)),
                clean_clause(second.slice(self.text))
            );
            return Some(Candidate {
                span: Span::new(first.start, second.end),
                text,
                direct: false,
                attribution: Attribution::Speaker(np),
                rule: "indirect_parenthetical",
            });
        }
        None
    }

    /// The subject that opens a sentence (after an opening adverbial ending in a comma).
    fn sentence_subject(&self, lo: usize, hi: usize) -> Option<Np> {
        let mut start = lo;
        if let Some(comma) = (lo..hi.min(lo + 7)).find(|&i| self.word(i) == ",")
            && speaker::np_after(&self.w, lo, hi).is_none_or(|(_, end)| end != comma)
        {
            start = comma + 1;
        }
        let np = self.speaker_after(start, hi)?;
        let end = self.tok_at(np.span.end);
        // The subject must be followed by its verb, not be the whole clause.
        (end < hi && self.w.toks[end].word).then_some(np)
    }

    /// "…, X said." / "…, said X." / "…, according to X.": the attribution after the
    /// sentence's last comma, or after an earlier one when the speaker after the verb is set off
    /// by a comma of its own ("…, said Brian Cole, an adviser to the governor who …").
    fn indirect_tail(&self, sentence: Span, lo: usize, hi: usize) -> Option<Candidate> {
        if self.unpunctuated
            && let Some(candidate) = self.unpunctuated_tail(sentence, lo, hi)
        {
            return Some(candidate);
        }
        let commas = (lo..hi).rev().filter(|&i| self.word(i) == ",");
        for (nth, comma) in commas.take(3).enumerate() {
            let tail_words = (comma + 1..hi).filter(|&i| self.w.toks[i].word).count();
            if tail_words == 0 || tail_words > 14 || comma < lo + 4 {
                return None;
            }
            if let Some(candidate) = self.tail_at(sentence, comma, hi, nth == 0) {
                return Some(candidate);
            }
        }
        None
    }

    /// The subject of the speech verb at `verb` in a text without commas, where a person's
    /// role follows the name with no comma to set it off: "Mark Hilton head of immigration
    /// policy at the London First business group said …", "however Yvette Cooper shadow home
    /// secretary said …". The sentence opens (after a connective) with a name of at least two
    /// words; the words up to the verb (at most 14, none a verb of its own) are the role.
    fn unpunctuated_subject(&self, lo: usize, verb: usize) -> Option<Np> {
        let mut start = lo;
        while start < verb
            && matches!(
                self.lower(start),
                "however" | "but" | "and" | "meanwhile" | "yet" | "also" | "now"
            )
        {
            start += 1;
        }
        let mut name_end = start;
        while name_end < verb && self.w.name_like[name_end] && name_end - start < 4 {
            name_end += 1;
        }
        if name_end - start < 2 || verb - name_end > 14 {
            return None;
        }
        let role_ok = (name_end..verb).all(|i| {
            self.w.toks[i].word
                && !self.is_speech_verb(i)
                && !self.finite_aux(i)
                && !self.is_pronoun(i)
                && !matches!(self.lower(i), "that" | "who" | "which")
        });
        if !role_ok {
            return None;
        }
        let mut np = speaker::classify(&self.w, start, name_end)?;
        if np.kind != NpKind::Person {
            return None;
        }
        if name_end < verb {
            np.role =
                Some(self.text[self.w.toks[name_end].start..self.w.toks[verb - 1].end].to_string());
        }
        Some(np)
    }

    /// The attribution at the end of a sentence of a text without commas: "… yet the figure is
    /// over twice the target she said" (a subject and a speech verb end the sentence), "…
    /// since 2004 said the office for national statistics" (a speech verb and the speaker
    /// after it end the sentence). What was said is everything before it, at least four
    /// words.
    fn unpunctuated_tail(&self, sentence: Span, lo: usize, hi: usize) -> Option<Candidate> {
        let mut end = hi;
        while end > lo && !self.w.toks[end - 1].word {
            end -= 1;
        }
        let statement = |until: usize| -> Option<Span> {
            let words = (lo..until).filter(|&i| self.w.toks[i].word).count();
            (words >= 4 && self.lower(until - 1) != "that")
                .then(|| marks::trimmed(self.text, sentence.start, self.w.toks[until - 1].end))
        };
        // "… she said": the sentence's last word is the speech verb.
        let verb = end.checked_sub(1)?;
        if verb > lo && self.is_speech_verb(verb) && !contains(&REPORTED_ONLY, self.lower(verb)) {
            let np = self.subject_of(lo.max(verb.saturating_sub(12)), verb)?;
            let span = statement(self.tok_at(np.span.start))?;
            return Some(self.reported(span, np, "indirect_after"));
        }
        // "… said the office for national statistics": a speaker that runs to the end.
        let verb = (lo.max(end.saturating_sub(10))..end)
            .rev()
            .find(|&i| self.is_speech_verb(i) && !contains(&REPORTED_ONLY, self.lower(i)))?;
        let np = self.speaker_after(verb + 1, end)?;
        if self.tok_at(np.span.end) != end || np.kind == NpKind::Pronoun {
            return None;
        }
        let span = statement(verb)?;
        Some(self.reported(span, np, "indirect_after"))
    }

    /// An indirect report by `np`: the clause at `span`, cleaned, is what was said.
    fn reported(&self, span: Span, np: Np, rule: &'static str) -> Candidate {
        Candidate {
            span,
            text: clean_clause(span.slice(self.text)),
            direct: false,
            attribution: Attribution::Speaker(np),
            rule,
        }
    }

    /// The attribution of `indirect_tail` after the comma at `comma`; `last`: no comma follows
    /// it in the sentence. After an earlier comma only a speaker after its verb with an
    /// apposition that ends the sentence attributes.
    fn tail_at(&self, sentence: Span, comma: usize, hi: usize, last: bool) -> Option<Candidate> {
        let tail = comma + 1;
        // After an earlier comma the rest of the sentence must be the speaker's apposition,
        // a role (with a relative clause about it), not more of the statement ("In the long
        // run, said Berg, the quota cannot be kept").
        let set_off = |np: &Np| {
            last || speaker::appositive(&self.w, self.tok_at(np.span.end), hi).is_some_and(
                |(_, end)| {
                    (end..hi).all(|i| !self.w.toks[i].word)
                        || matches!(self.lower(end), "who" | "which" | "whose" | "that")
                },
            )
        };
        // "…, reported in the Journal, …": a phrase after the verb that opens with a
        // preposition is an adjunct (a participle's), never its speaker. And the speaker ends
        // the attribution: "…, said members will help" is the subject of a clause of its own.
        let opens_as_speaker = |np: &Np| {
            let first = self.tok_at(np.span.start);
            let finite_after = (self.tok_at(np.span.end)..hi).any(|i| self.finite_aux(i));
            (!contains(&CONNECTORS, self.lower(first)) || contains(&DETERMINERS, self.lower(first)))
                && !finite_after
                && !self.runs_on_as_clause(tail, first, self.tok_at(np.span.end), hi)
        };
        let clause_span = marks::trimmed(self.text, sentence.start, self.w.toks[comma].start);
        let clause_text = clean_clause(clause_span.slice(self.text));
        if self.lower(tail) == "according" && self.lower(tail + 1) == "to" {
            let np = self.according_source(tail + 2, hi)?;
            // Between commas it is `according_to_inside`'s ("…, which, according to the
            // agency, has created …": the statement goes on after it), unless what follows
            // the source is its apposition to the end ("…, according to a study by the
            // Center for Immigration Studies, an organization that …").
            let end = self.tok_at(np.span.end);
            if !last && self.apposition_after(end, hi) != Some(hi) {
                return None;
            }
            return Some(Candidate {
                span: clause_span,
                text: clause_text,
                direct: false,
                attribution: Attribution::Speaker(np),
                rule: "according_to",
            });
        }
        let no_that = |from: usize| !(from..hi).any(|i| self.lower(i) == "that");
        if self.is_speech_verb(tail) {
            let np = self.speaker_after(tail + 1, hi)?;
            return (set_off(&np) && opens_as_speaker(&np) && no_that(tail)).then(|| Candidate {
                span: clause_span,
                text: clause_text.clone(),
                direct: false,
                attribution: Attribution::Speaker(np),
                rule: "indirect_after",
            });
        }
        if !last {
            return None;
        }
        let verb = (tail + 1..hi).find(|&i| self.is_speech_verb(i))?;
        // "…, the ACLU vowed to sue": a verb with an infinitive of its own reports an intent,
        // not the words before it.
        if self.lower(verb + 1) == "to" {
            return None;
        }
        let np = self.subject_of(tail, verb)?;
        let leading_ok =
            (tail..self.tok_at(np.span.start)).all(|i| matches!(self.lower(i), "the" | "a" | "an"));
        (leading_ok && no_that(verb)).then_some(Candidate {
            span: clause_span,
            text: clause_text,
            direct: false,
            attribution: Attribution::Speaker(np),
            rule: "indirect_after",
        })
    }

    /// The source after "according to" at token `lo`: a speaker, or the named author of a
    /// study, report or analysis ([`FINDING_DOCS`]: "a study by the Center for Immigration
    /// Studies", "a Congressional Research Service report", "an analysis from Standard &
    /// Poor’s"). Other documents and statistics, and findings with no named author ("the
    /// latest figures", "a report"), are evidence for a claim, not a speaker: None.
    fn according_source(&self, lo: usize, hi: usize) -> Option<Np> {
        let np = self.speaker_after(lo, hi)?;
        if np.kind != NpKind::Doc && !contains(&EVIDENCE_DOCS, np.head.as_str()) {
            return Some(np);
        }
        if !contains(&FINDING_DOCS, np.head.as_str()) {
            return None;
        }
        let start = self.tok_at(np.span.start);
        let end = self.tok_at(np.span.end);
        let named = |author: &Np| matches!(author.kind, NpKind::Body | NpKind::Person);
        // After the document: "by", "from" or "of" and its author.
        if matches!(self.lower(end), "by" | "from" | "of")
            && let Some(author) = self.speaker_after(end + 1, hi).filter(named)
        {
            return Some(author);
        }
        // Before the document's head noun: a name modifying it, or a possessive.
        let head = (start..end)
            .rev()
            .find(|&i| speaker::strip_possessive(self.lower(i)) == np.head)?;
        if head <= start {
            return None;
        }
        let mut author = speaker::classify(&self.w, start, head).filter(named)?;
        author.name = author
            .name
            .trim_end_matches("'s")
            .trim_end_matches("’s")
            .to_string();
        author.span = Span::new(author.span.start, np.span.end);
        Some(author)
    }

    /// The token after an apposition that opens at the comma at `comma` (", a nonpartisan
    /// group,", ", the ratings agency,"): a determiner, then at most eight words with no
    /// verb of speech, up to the next comma or the end `hi` (where a relative clause may go
    /// on: ", an organization that supports …"). None when no apposition opens there.
    fn apposition_after(&self, comma: usize, hi: usize) -> Option<usize> {
        if self.word(comma) != "," || !matches!(self.lower(comma + 1), "a" | "an" | "the") {
            return None;
        }
        let mut i = comma + 2;
        while i < hi {
            let word = self.lower(i);
            if word == "," {
                return (i - comma <= 9).then_some(i);
            }
            if matches!(word, "who" | "which" | "that" | "whose") {
                return Some(hi);
            }
            if self.is_speech_verb(i) || self.finite_aux(i) || i - comma > 9 {
                return None;
            }
            i += 1;
        }
        Some(hi)
    }

    /// "According to the ministry, the camps are full" and "The camps, according to the
    /// ministry, are full": the source opens the sentence or stands between commas, and the
    /// statement is the rest of the sentence. Documents and statistics are evidence for a
    /// claim, not speakers (as at the end of a sentence, `indirect_tail`).
    fn according_to_inside(&self, sentence: Span, lo: usize, hi: usize) -> Option<Candidate> {
        let at = (lo..hi.saturating_sub(1)).find(|&i| {
            self.lower(i) == "according"
                && self.lower(i + 1) == "to"
                && (i == lo || self.word(i - 1) == ",")
        })?;
        let np = self.according_source(at + 2, hi)?;
        if np.kind == NpKind::Pronoun {
            return None;
        }
        let mut close = self.tok_at(np.span.end);
        if self.word(close) != "," {
            return None;
        }
        // "According to a study by the Migration Policy Institute, a nonpartisan group, if
        // …": the source's apposition is not the statement.
        match self.apposition_after(close, hi) {
            // "…, according to a study by the Center for Immigration Studies, an
            // organization that …": the apposition ends the sentence, the statement is
            // before the source.
            // A sentence that opens with its source has its statement after it: what runs
            // from the comma to the end is that statement, not an apposition ("According to
            // John Smith, the plan failed").
            Some(next) if next == hi && at == lo => {}
            Some(next) if next == hi => {
                let span = marks::trimmed(self.text, sentence.start, self.w.toks[at - 1].start);
                return Some(self.reported(span, np, "according_to"));
            }
            Some(next) => close = next,
            None => {}
        }
        let rest = (close + 1..hi).filter(|&i| self.w.toks[i].word).count();
        if rest < 3 {
            return None;
        }
        let second = marks::trimmed(self.text, self.w.toks[close].end, sentence.end);
        let (span, text) = if at == lo {
            (second, clean_clause(second.slice(self.text)))
        } else {
            let first = marks::trimmed(self.text, sentence.start, self.w.toks[at - 1].start);
            (
                Span::new(first.start, second.end),
                format!(
                    "{} {}",
                    clean_clause(first.slice(self.text)),
                    clean_clause(second.slice(self.text))
                ),
            )
        };
        Some(Candidate {
            span,
            text,
            direct: false,
            attribution: Attribution::Speaker(np),
            rule: "according_to",
        })
    }

    /// The reported clause from token `start` to `hi`, cut before a concessive tail.
    fn clause(&self, start: usize, hi: usize, np: Np, rule: &'static str) -> Option<Candidate> {
        let mut end = hi;
        for i in start + 1..hi {
            // "…, his latest attention-grabbing maneuver …": a possessive noun phrase after a
            // comma comments on the whole report (the writer's words), unless it is a
            // conjunct of a list the clause goes on with ("…, their children and families").
            // A possessive phrase with its own finite verb is the clause's subject ("that
            // according to EU rules, his country isn't responsible"), no comment.
            let finite = |j: usize| {
                let word = self.lower(j);
                word.ends_with("n't")
                    || BE_HAVE.contains(&word)
                    || MODALS.contains(&word)
                    || matches!(word, "does" | "did")
            };
            let comment = matches!(self.lower(i + 1), "his" | "her" | "its" | "their")
                && !(i + 2..hi.min(i + 7)).any(|j| matches!(self.lower(j), "and" | "or" | ","))
                && !(i + 2..hi.min(i + 7)).any(finite);
            if self.word(i) == ","
                && (matches!(
                    self.lower(i + 1),
                    "though" | "although" | "while" | "according"
                ) || comment)
            {
                end = i;
                break;
            }
            // "said he would order a review and warned against …": the speaker's next act,
            // a speech verb the tree joins to the reporting verb, ends what was said.
            if self.lower(i) == "and" {
                let mut verb = i + 1;
                while verb < hi && contains(&ADVERBS, self.lower(verb)) {
                    verb += 1;
                }
                if verb < hi && self.is_speech_verb(verb) && self.conjoins_the_report(verb, start) {
                    end = if self.word(i - 1) == "," { i - 1 } else { i };
                    break;
                }
            }
        }
        if end <= start {
            return None;
        }
        let words = (start..end).filter(|&i| self.w.toks[i].word).count();
        if words < 3 {
            return None;
        }
        let span = marks::trimmed(
            self.text,
            self.w.toks[start].start,
            self.w.toks[end - 1].end,
        );
        Some(Candidate {
            span,
            text: clean_clause(span.slice(self.text)),
            direct: false,
            attribution: Attribution::Speaker(np),
            rule,
        })
    }

    fn paragraph_of(&self, byte: usize) -> usize {
        self.line_breaks.partition_point(|&at| at < byte)
    }

    fn person_by_surname(&self, surname: &str, at: usize) -> Option<&Person> {
        let matches = |person: &&Person| {
            person
                .name
                .split_whitespace()
                .last()
                .is_some_and(|last| last.eq_ignore_ascii_case(surname))
        };
        surname_referent(
            self.people
                .iter()
                .filter(|person| person.at <= at)
                .filter(matches),
        )
        .or_else(|| self.people.iter().find(matches))
    }

    fn role_of(&self, name: &str) -> Option<String> {
        self.people
            .iter()
            .find(|person| person.name == name && person.role.is_some())
            .and_then(|person| person.role.clone())
    }

    /// Coreference and final records, in text order.
    fn resolve(
        &self,
        candidates: Vec<Candidate>,
        entity_of: &dyn Fn(Span, &str) -> Option<String>,
        stop: &dyn Fn() -> bool,
    ) -> Vec<Quote> {
        let mut quotes: Vec<Quote> = Vec::new();
        // (speaker, role, kind, paragraph, speaker span) of resolved quotes so far.
        let mut history: Vec<Resolved> = Vec::new();
        for (index, candidate) in candidates.into_iter().enumerate() {
            if index % STOP_CHECK_EVERY == 0 && stop() {
                return Vec::new();
            }
            let paragraph = self.paragraph_of(candidate.span.start);
            let resolved = match &candidate.attribution {
                Attribution::Continued => history
                    .last()
                    .filter(|last| last.3 + 1 >= paragraph)
                    .map(|last| (last.0.clone(), last.1.clone(), last.2, None)),
                Attribution::Speaker(np) => self.resolve_np(np, &history),
            };
            let Some((name, role, kind, speaker_span)) = resolved else {
                continue;
            };
            // "the Lib Dems say": two capitalised words read like a person's name, but a
            // party, court or organisation of the events lexicon is a body, and a later
            // "the prime minister" or "he" does not refer back to it.
            let kind = if kind == NpKind::Person && canonical_actor(&name).is_some() {
                NpKind::Body
            } else {
                kind
            };
            let entity = match speaker_span {
                Some(span) => entity_of(span, &name),
                None => history
                    .last()
                    .and_then(|last| last.4)
                    .and_then(|span| entity_of(span, &name)),
            }
            // A speaker named by an actor of the events lexicon ("Labour Party", which the
            // text calls "Labour") is that actor, though no pack mention is at its words.
            .or_else(|| canonical_actor(&name).map(str::to_string))
            // A former office holder speaks for no state or body ("the former president,
            // Barack Obama, said …"): only one in office does (GUIDELINES.md, Entities).
            .filter(|_| !role.as_deref().is_some_and(is_former));
            if candidate.rule != NESTED_REPORT {
                history.push((
                    name.clone(),
                    role.clone(),
                    kind,
                    paragraph,
                    speaker_span.or_else(|| history.last().and_then(|last| last.4)),
                ));
            }
            if candidate.text.trim().is_empty()
                || is_private(role.as_deref())
                || candidate.rule == REPORTS_ONLY
            {
                continue;
            }
            quotes.push(Quote {
                speaker: Some(name),
                role,
                speaker_entity: entity,
                text: candidate.text,
                direct: candidate.direct,
                span: candidate.span,
                speaker_span,
                rule: candidate.rule.to_string(),
            });
        }
        quotes
    }

    #[allow(clippy::type_complexity)]
    fn resolve_np(
        &self,
        np: &Np,
        history: &[Resolved],
    ) -> Option<(String, Option<String>, NpKind, Option<Span>)> {
        let span = Some(np.span);
        match np.kind {
            NpKind::Pronoun => {
                let wanted: &[NpKind] = match np.head.as_str() {
                    "he" | "she" => &[NpKind::Person],
                    "it" => &[NpKind::Body, NpKind::Doc],
                    _ => &[NpKind::Body, NpKind::Role],
                };
                if !matches!(np.head.as_str(), "he" | "she") {
                    let found = history
                        .iter()
                        .rev()
                        .find(|entry| wanted.contains(&entry.2))?;
                    return Some((found.0.clone(), found.1.clone(), found.2, span));
                }
                let gender = if np.head == "he" { 'm' } else { 'f' };
                let compatible = |name: &str| self.known_gender(name).is_none_or(|g| g == gender);
                let paragraph = self.paragraph_of(np.span.start);
                let last_speaker = history
                    .iter()
                    .rev()
                    .find(|entry| entry.2 == NpKind::Person && compatible(&entry.0));
                // Salience by recency: the last compatible speaker, unless a person was the
                // subject of a later sentence (one of the two before the pronoun's, outside
                // quotes): "Tillerson defended the decision. ¶ '…,' he said."
                let sentence = self.sentences.partition_point(|s| s.end <= np.span.start);
                let window = self
                    .sentences
                    .get(sentence.saturating_sub(2)..sentence)
                    .and_then(|before| Some((before.first()?.start, before.last()?.end)));
                let speaker_at = last_speaker
                    .and_then(|entry| entry.4)
                    .map(|span| span.start);
                // The sentence after the last speaker's: a subject in the speaker's own
                // sentence ("“…,” Mr. Trump responded after Senator Schumer posed the question")
                // is less salient than the speaker.
                let after_speaker = speaker_at.map(|at| {
                    let index = self.sentences.partition_point(|s| s.end <= at);
                    self.sentences
                        .get(index + 1)
                        .map_or(usize::MAX, |next| next.start)
                });
                let subject = self.people.iter().rev().find(|person| {
                    person.subject
                        && window.is_some_and(|(lo, hi)| (lo..hi).contains(&person.at))
                        && after_speaker.is_none_or(|from| person.at >= from)
                        && !self.in_quote(person.at)
                        && person.gender.is_none_or(|g| g == gender)
                });
                let resolved = |person: &Person| {
                    (
                        person.name.clone(),
                        person.role.clone(),
                        NpKind::Person,
                        span,
                    )
                };
                if let Some(person) = subject {
                    return Some(resolved(person));
                }
                // "The president opted not to … ¶ “…,” he said.": a sentence before that opens
                // with a definite role is about the person named with that role.
                if let Some(person) = (sentence.saturating_sub(2)..sentence)
                    .rev()
                    .filter(|&at| speaker_at.is_none_or(|spoken| self.sentences[at].start > spoken))
                    .find_map(|at| self.role_subject(self.sentences[at], gender))
                {
                    return Some(resolved(person));
                }
                if let Some(found) = last_speaker.filter(|entry| entry.3 == paragraph) {
                    return Some((found.0.clone(), found.1.clone(), NpKind::Person, span));
                }
                let mentioned = self.people.iter().rev().find(|person| {
                    person.at < np.span.start
                        && self.paragraph_of(person.at) == paragraph
                        && !self.in_quote(person.at)
                        && self.opens_sentence(person.at)
                        && person.gender.is_none_or(|g| g == gender)
                });
                if let Some(person) = mentioned {
                    return Some(resolved(person));
                }
                if let Some(found) = last_speaker {
                    return Some((found.0.clone(), found.1.clone(), NpKind::Person, span));
                }
                let person = self.people.iter().rfind(|person| {
                    person.at < np.span.start && person.gender.is_none_or(|g| g == gender)
                })?;
                Some(resolved(person))
            }
            NpKind::Person => {
                let single = !np.name.contains(char::is_whitespace);
                let surname = np.name.split_whitespace().last().unwrap_or("");
                let surname = surname
                    .trim_end_matches("’s")
                    .trim_end_matches("'s")
                    .to_string();
                let (name, known_role, kind) = if single {
                    match self.person_by_surname(&surname, np.span.start) {
                        Some(person) => (person.name.clone(), person.role.clone(), NpKind::Person),
                        // A lone capitalised word nobody introduced: a state or a body.
                        None if np.role.is_none() => (np.name.clone(), None, NpKind::Body),
                        None => (np.name.clone(), None, NpKind::Person),
                    }
                } else {
                    (np.name.clone(), self.role_of(&np.name), NpKind::Person)
                };
                let role = np.role.clone().or(known_role);
                Some((name, role, kind, span))
            }
            NpKind::Role if np.definite && np.name.split_whitespace().count() <= 3 => {
                // "the spokesperson" refers back to a named person with that role.
                let head = np.head.as_str();
                let has_head = |role: &Option<String>| {
                    role.as_deref()
                        .is_some_and(|role| role_refers_to(role, &np.name, head))
                };
                // The latest earlier speaker with that office: a person with that role, or an
                // unnamed role speaker named by it ("A spokesman for the ministry said …
                // “…,” the spokesman said"): the same source, not a person quoted since.
                if let Some(found) = history.iter().rev().find(|entry| {
                    (entry.2 == NpKind::Person && has_head(&entry.1))
                        || (entry.2 == NpKind::Role && same_unnamed_role(&entry.0, &np.name, head))
                }) {
                    return Some((found.0.clone(), found.1.clone(), found.2, span));
                }
                if let Some(person) = self
                    .people
                    .iter()
                    .rev()
                    .find(|person| person.at < np.span.start && has_head(&person.role))
                {
                    return Some((
                        person.name.clone(),
                        person.role.clone(),
                        NpKind::Person,
                        span,
                    ));
                }
                // "The Tory leader said": an office-holder role refers to the last person quoted.
                const OFFICES: &[&str] = &[
                    "leader",
                    "minister",
                    "secretary",
                    "president",
                    "chancellor",
                    "ambassador",
                    "spokesman",
                    "spokeswoman",
                    "spokesperson",
                    "chairman",
                    "governor",
                    "mayor",
                ];
                let words = np.name.split_whitespace().count();
                // Not a person whose own role names another office ("Home Secretary Charles
                // Clarke" is not "the prime minister").
                // The role is the one this mention gives, else one given before (a quote's
                // attribution or the person table).
                let may_hold = |name: &str, role: &Option<String>| {
                    role.clone()
                        .or_else(|| {
                            history
                                .iter()
                                .rev()
                                .find(|entry| entry.0 == name && entry.1.is_some())
                                .and_then(|entry| entry.1.clone())
                        })
                        .or_else(|| self.role_of(name))
                        .is_none_or(|role| !names_other_office(&role, &np.name, head))
                };
                if contains(OFFICES, head)
                    && words <= 3
                    && let Some(found) = history
                        .iter()
                        .rev()
                        .find(|entry| entry.2 == NpKind::Person && may_hold(&entry.0, &entry.1))
                {
                    return Some((found.0.clone(), found.1.clone(), NpKind::Person, span));
                }
                // With no person quoted yet who may hold the office (nobody, or only bodies and
                // holders of other offices): the person named first in the nearest sentence
                // before (its subject, as a rule) within two sentences ("Michael Howard has
                // launched an attack … under Tony Blair. ¶ The Tory leader said …"; "Trump
                // returned to the offensive … ¶ “…,” the president tweeted").
                let sentence = self.sentences.partition_point(|s| s.end <= np.span.start);
                let first_named = (sentence.saturating_sub(2)..sentence).rev().find_map(|at| {
                    let within = self.sentences[at];
                    self.people.iter().find(|person| {
                        within.start <= person.at
                            && person.at < within.end
                            && !self.in_quote(person.at)
                            && may_hold(&person.name, &person.role)
                    })
                });
                if contains(OFFICES, head)
                    && words <= 3
                    // After quotes, only a person who is the subject of that sentence.
                    && let Some(person) =
                        first_named.filter(|person| history.is_empty() || person.subject)
                {
                    return Some((
                        person.name.clone(),
                        person.role.clone(),
                        NpKind::Person,
                        span,
                    ));
                }
                Some((np.name.clone(), None, np.kind, span))
            }
            _ => Some((np.name.clone(), np.role.clone(), np.kind, span)),
        }
    }
}

/// Whether `text` is a US-style party and state tag: "R-Ky.", "D-N.Y.", "I-Vt", "R-Texas".
fn is_party_tag(text: &str) -> bool {
    let text = text.trim();
    let Some((party, state)) = text.split_once('-') else {
        return false;
    };
    matches!(party, "R" | "D" | "I")
        && (2..=8).contains(&state.trim_end_matches('.').len())
        && state.starts_with(|c: char| c.is_ascii_uppercase())
        && state.chars().all(|c| c.is_ascii_alphabetic() || c == '.')
}

#[cfg(test)]
mod tests;
