//! Events extractor: finds lexicon triggers sentence by sentence and fills actor, target,
//! modality and date from entity mentions, dates and the discourse so far.
//!
//! Per trigger: the actor is the nearest entity mention before the trigger that is not the
//! object of a preposition (a passive "by X" wins), else the actor of the previous event or the
//! government last named; the target is the first fitting mention after the trigger in the
//! clause, a noun that corefers with the last framework named ("the forum", "the talks"), or a
//! short noun phrase for policy actions. One event per (actor, action, target) per document.

pub mod lexicon;

use migtrack_domain::{EntityKind, EntityMention};
use migtrack_model::{Action, DateMention, Event, Modality, Span};

use self::lexicon::{Entry, Lexicon, TargetKind, Token, match_at, tokenize};
use super::Context;

/// Everything the event rules read, without the domain pack (so tests can hand-make mentions).
pub struct Input<'a> {
    pub text: &'a str,
    pub sentences: &'a [Span],
    /// Entity mentions, sorted by start and non-overlapping.
    pub mentions: &'a [EntityMention],
}

pub fn extract(ctx: &Context, dates: &[DateMention]) -> Vec<Event> {
    find(
        &Input {
            text: ctx.text,
            sentences: &ctx.sentences,
            mentions: &ctx.mentions,
        },
        dates,
        Lexicon::builtin(),
    )
}

/// What a candidate actor or target is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    State,
    Body,
    Framework,
    /// Parties, courts, legislatures, NGOs: their own name is the id.
    Other,
}

#[derive(Debug, Clone)]
struct Mention {
    span: Span,
    id: String,
    kind: Kind,
    agent: Option<String>,
}

const PREPOSITIONS: &[&str] = &[
    "to", "with", "from", "of", "in", "at", "on", "into", "against", "for", "toward", "towards",
    "across", "through", "about", "over", "under", "between", "than", "like", "via", "within",
    "near", "inside", "outside", "among", "amid",
];
const DETERMINERS: &[&str] = &[
    "the",
    "a",
    "an",
    "its",
    "their",
    "his",
    "her",
    "our",
    "this",
    "that",
    "these",
    "those",
    "some",
    "any",
    "all",
    "several",
    "additional",
    "more",
];
const PHRASE_STOPS: &[&str] = &[
    "to",
    "that",
    "which",
    "who",
    "whom",
    "whose",
    "for",
    "from",
    "in",
    "at",
    "on",
    "by",
    "with",
    "against",
    "as",
    "after",
    "before",
    "because",
    "while",
    "if",
    "since",
    "until",
    "said",
    "says",
    "say",
    "is",
    "are",
    "was",
    "were",
    "will",
    "would",
    "could",
    "should",
    "may",
    "might",
    "has",
    "have",
    "had",
    "under",
    "through",
    "into",
    "amid",
    "during",
    "including",
    "so",
    "but",
    "or",
    "than",
    "when",
    "where",
    "unless",
    "being",
    "be",
    "been",
    "saying",
    "arguing",
    "citing",
    "despite",
    "over",
    "near",
    "along",
    "across",
    "toward",
    "towards",
    "about",
    "via",
    "and",
    "again",
    "also",
    "now",
    "too",
    "already",
    "instead",
    "immediately",
    "permanently",
    "last",
    "next",
    "earlier",
    "later",
    "yesterday",
    "today",
    "tomorrow",
    "back",
    "this",
    "each",
    "every",
    "until",
    "starting",
    "beginning",
    "who",
    "what",
];
/// Subjects that refer back to the government or actor in focus.
const DISCOURSE_SUBJECTS: &[&str] = &[
    "administration",
    "government",
    "president",
    "he",
    "she",
    "it",
    "they",
    "officials",
    "we",
    "ministers",
    "cabinet",
    "white",
    "department",
];

struct Doc<'a> {
    text: &'a str,
    lower: String,
    mentions: Vec<Mention>,
}

pub fn find(input: &Input, dates: &[DateMention], lexicon: &Lexicon) -> Vec<Event> {
    let text = input.text;
    let lower = text.to_ascii_lowercase();
    let mut tokens: Vec<Token> = Vec::with_capacity(64);
    let mut doc = Doc {
        text,
        lower,
        mentions: Vec::new(),
    };
    // Pass 1: tokens per sentence, mentions (pack + own actor names), kept per sentence.
    let mut sentence_tokens: Vec<(usize, usize)> = Vec::with_capacity(input.sentences.len());
    let mut all_tokens: Vec<Token> = Vec::with_capacity(text.len() / 5);
    for sentence in input.sentences {
        tokens.clear();
        tokenize(text, sentence.start, sentence.end, &mut tokens);
        let from = all_tokens.len();
        all_tokens.extend_from_slice(&tokens);
        sentence_tokens.push((from, all_tokens.len()));
    }
    doc.mentions = collect_mentions(input.mentions, &all_tokens, &sentence_tokens, &doc, lexicon);

    let mut state = State::default();
    let mut events: Vec<Event> = Vec::new();
    for (sentence_index, sentence) in input.sentences.iter().enumerate() {
        let (from, to) = sentence_tokens[sentence_index];
        let tokens = &all_tokens[from..to];
        let matches = find_triggers(tokens, &doc.lower, lexicon);
        for (entry_index, start, end) in matches {
            let entry = &lexicon.entries[entry_index];
            if let Some(event) = build_event(
                &doc, lexicon, entry, tokens, start, end, *sentence, dates, &mut state,
            ) {
                merge(&mut events, event);
            }
        }
    }
    events
}

#[derive(Default)]
struct State {
    last_actor: Option<(String, Kind, Option<String>)>,
}

/// Pack mentions plus the lexicon's own actor names and organisation names ("Refugee Council").
fn collect_mentions(
    pack: &[EntityMention],
    tokens: &[Token],
    sentence_tokens: &[(usize, usize)],
    doc: &Doc,
    lexicon: &Lexicon,
) -> Vec<Mention> {
    let mut mentions: Vec<Mention> = pack
        .iter()
        .map(|mention| Mention {
            span: mention.span,
            id: mention.id.clone(),
            kind: match mention.kind {
                EntityKind::State => Kind::State,
                EntityKind::Body => Kind::Body,
                EntityKind::Framework => Kind::Framework,
            },
            agent: mention.agent.clone(),
        })
        .collect();
    let overlaps_pack = |span: Span| pack.iter().any(|mention| mention.span.overlaps(span));
    for &(from, to) in sentence_tokens {
        let sentence = &tokens[from..to];
        let mut index = 0;
        while index < sentence.len() {
            let token = sentence[index];
            let word = &doc.lower[token.start..token.end];
            let mut found: Option<(usize, String)> = None;
            for &actor_index in lexicon.actor_candidates(word) {
                let actor = &lexicon.actors[actor_index];
                if let Some(end) = match_at(&actor.pattern, sentence, &doc.lower, index)
                    && found.as_ref().is_none_or(|(best, _)| end > *best)
                {
                    found = Some((end, actor.id.clone()));
                }
            }
            if let Some((end, id)) = found {
                let span = Span::new(token.start, sentence[end - 1].end);
                if !overlaps_pack(span) {
                    mentions.push(Mention {
                        span,
                        id,
                        kind: Kind::Other,
                        agent: None,
                    });
                }
                index = end;
                continue;
            }
            // Organisation names: a capitalised run ending in a head noun ("Refugee Council").
            if is_capitalised(doc.text, token) {
                let mut end = index;
                while end < sentence.len()
                    && sentence[end].word
                    && is_capitalised(doc.text, sentence[end])
                {
                    end += 1;
                }
                if end - index >= 2 {
                    let last = sentence[end - 1];
                    let head = &doc.lower[last.start..last.end];
                    if lexicon.org_heads.iter().any(|h| h == head) {
                        let span = Span::new(token.start, last.end);
                        if !overlaps_pack(span) {
                            mentions.push(Mention {
                                span,
                                id: doc.text[span.start..span.end].to_string(),
                                kind: Kind::Other,
                                agent: None,
                            });
                        }
                        index = end;
                        continue;
                    }
                }
            }
            index += 1;
        }
    }
    mentions.sort_by_key(|mention| mention.span.start);
    mentions
}

fn is_capitalised(text: &str, token: Token) -> bool {
    token.word
        && text[token.start..token.end]
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
}

/// Non-overlapping trigger matches, longest first at each start: (entry, first, end) tokens.
fn find_triggers(tokens: &[Token], lower: &str, lexicon: &Lexicon) -> Vec<(usize, usize, usize)> {
    let mut found: Vec<(usize, usize, usize)> = Vec::new();
    for (index, token) in tokens.iter().enumerate() {
        if !token.word {
            continue;
        }
        let word = &lower[token.start..token.end];
        let mut best: Option<(usize, usize)> = None;
        for &(entry, pattern) in lexicon.candidates(word) {
            let pattern = &lexicon.entries[entry].patterns[pattern];
            if let Some(end) = match_at(pattern, tokens, lower, index)
                && best.is_none_or(|(_, best_end)| end > best_end)
            {
                best = Some((entry, end));
            }
        }
        if let Some((entry, end)) = best {
            if found
                .last()
                .is_some_and(|&(_, _, last_end)| index < last_end)
            {
                continue;
            }
            found.push((entry, index, end));
        }
    }
    found
}

fn word<'a>(doc: &'a Doc<'_>, token: Token) -> &'a str {
    &doc.lower[token.start..token.end]
}

/// First token index of the clause containing `at` (after the last clause break before it).
fn clause_start(doc: &Doc, lexicon: &Lexicon, tokens: &[Token], at: usize) -> usize {
    (0..at)
        .rev()
        .find(|&i| {
            !tokens[i].word
                && lexicon
                    .clause_breaks
                    .iter()
                    .any(|b| b == word(doc, tokens[i]))
        })
        .map_or(0, |i| i + 1)
}

fn clause_end(doc: &Doc, lexicon: &Lexicon, tokens: &[Token], from: usize) -> usize {
    (from..tokens.len())
        .find(|&i| {
            !tokens[i].word
                && lexicon
                    .clause_breaks
                    .iter()
                    .any(|b| b == word(doc, tokens[i]))
        })
        .unwrap_or(tokens.len())
}

/// Is the mention the object of a preposition ("to the United Nations", "across Europe,
/// Canada and Australia")? "the chairwoman of X" does not count: X acts through its officer.
fn after_preposition(doc: &Doc, lexicon: &Lexicon, tokens: &[Token], mention: &Mention) -> bool {
    let mut index = tokens.partition_point(|token| token.start < mention.span.start);
    while index > 0 {
        index -= 1;
        let token = tokens[index];
        let before = word(doc, token);
        let listed = matches!(before, "," | "and" | "or") || is_capitalised(doc.text, token);
        if DETERMINERS.contains(&before) || listed {
            continue;
        }
        if !token.word || !PREPOSITIONS.contains(&before) {
            return false;
        }
        let role = index
            .checked_sub(1)
            .map(|i| word(doc, tokens[i]))
            .is_some_and(|w| lexicon.role_words.iter().any(|r| r == w));
        return !(before == "of" && role);
    }
    false
}

fn mentions_in<'d>(doc: &'d Doc<'_>, start: usize, end: usize) -> &'d [Mention] {
    let from = doc.mentions.partition_point(|m| m.span.start < start);
    let to = doc.mentions.partition_point(|m| m.span.start < end);
    &doc.mentions[from..to.max(from)]
}

#[allow(clippy::too_many_arguments)]
fn build_event(
    doc: &Doc,
    lexicon: &Lexicon,
    entry: &Entry,
    tokens: &[Token],
    start: usize,
    end: usize,
    sentence: Span,
    dates: &[DateMention],
    state: &mut State,
) -> Option<Event> {
    let trigger = Span::new(tokens[start].start, tokens[end - 1].end);
    let clause_from = clause_start(doc, lexicon, tokens, start);
    let clause_to = clause_end(doc, lexicon, tokens, end);
    let clause_span = Span::new(
        tokens.get(clause_from).map_or(sentence.start, |t| t.start),
        tokens
            .get(clause_to.saturating_sub(1))
            .map_or(sentence.end, |t| t.end),
    );

    // Actor: a passive "by X" after the trigger, else the nearest subject-like mention before.
    let passive_by = (end < tokens.len() && word(doc, tokens[end]) == "by")
        .then(|| {
            let after = tokens.get(end + 1)?;
            mentions_in(doc, after.start, clause_span.end.max(after.start + 1))
                .first()
                .filter(|m| m.span.start <= tokens.get(end + 3).map_or(usize::MAX, |t| t.start))
        })
        .flatten();
    let before = mentions_in(doc, sentence.start, trigger.start);
    let is_subject = |mention: &&Mention| {
        mention.span.end <= trigger.start && !after_preposition(doc, lexicon, tokens, mention)
    };
    // "X informed Y that it was ending …": the pronoun refers back to the main subject.
    let that_pronoun = (clause_from.max(1)..start).any(|i| {
        word(doc, tokens[i - 1]) == "that"
            && matches!(word(doc, tokens[i]), "it" | "they" | "he" | "she" | "we")
    });
    let subject = if that_pronoun {
        before.iter().find(is_subject)
    } else {
        before.iter().rev().find(is_subject)
    };
    let passive = end < tokens.len()
        && word(doc, tokens[end]) == "by"
        && word(doc, tokens[end - 1]).ends_with("ed");
    let (actor_id, actor_kind, agent, from_text) = if let Some(mention) = passive_by {
        (
            mention.id.clone(),
            mention.kind,
            mention.agent.clone(),
            true,
        )
    } else if passive && let Some((id, kind, agent)) = state.last_actor.clone() {
        // "policies opposed by the administration": the government in focus.
        (id, kind, agent, false)
    } else if let Some(mention) = subject {
        (
            mention.id.clone(),
            mention.kind,
            mention.agent.clone(),
            true,
        )
    } else if let Some(mention) = mentions_in(doc, trigger.start, trigger.end)
        .iter()
        .find(|m| m.kind == Kind::State && start + 1 < end)
    {
        // "pulls the U.S. out of": the state inside the trigger is the one acting.
        (
            mention.id.clone(),
            mention.kind,
            mention.agent.clone(),
            true,
        )
    } else if let Some((id, kind, agent)) = state.last_actor.clone() {
        (id, kind, agent, false)
    } else {
        let government = doc.mentions[..doc
            .mentions
            .partition_point(|m| m.span.start < trigger.start)]
            .iter()
            .rev()
            .find(|m| m.kind == Kind::State)?;
        (
            government.id.clone(),
            Kind::State,
            government.agent.clone(),
            false,
        )
    };
    if entry.other_actors_only && actor_kind != Kind::Other {
        return None;
    }
    let _ = DISCOURSE_SUBJECTS;
    // "effort to restrict …", "criticism for opposing …": a noun's complement, not an event.
    let nominal = (start.saturating_sub(3)..start).any(|i| {
        let w = word(doc, tokens[i]);
        tokens[i].word && lexicon.nominal_heads.iter().any(|h| h == w)
    });
    if nominal {
        return None;
    }

    // Target.
    let after_from = end;
    let after_to = clause_to.min(end + 12);
    let after_span = Span::new(
        tokens.get(after_from).map_or(trigger.end, |t| t.start),
        tokens
            .get(after_to.saturating_sub(1))
            .map_or(trigger.end, |t| t.end)
            .max(trigger.end),
    );
    let passive_target = (passive_by.is_some() || passive)
        .then_some(())
        .and_then(|_| {
            before
                .iter()
                .rev()
                .find(|m| matches!(m.kind, Kind::Framework | Kind::Body))
        });
    let entity_after = |kinds: &[Kind]| -> Option<&Mention> {
        mentions_in(doc, after_span.start, after_span.end)
            .iter()
            .find(|m| kinds.contains(&m.kind) && m.id != actor_id && m.span.end <= after_span.end)
    };
    // The direct object: a mention starting within four words of the trigger.
    let near_limit = tokens.get(end + 4).map_or(usize::MAX, |t| t.start);
    let entity_near = |kinds: &[Kind]| entity_after(kinds).filter(|m| m.span.start <= near_limit);
    let phrase = noun_phrase(doc, tokens, end, after_to);
    let phrase_ok = |phrase: &str| {
        !phrase.is_empty()
            && (entry.object_words.is_empty()
                || entry
                    .object_words
                    .iter()
                    .any(|w| phrase.to_ascii_lowercase().contains(w.as_str())))
    };
    // "the forum", "the talks", "the compact process": the framework named before (one whose
    // name contains the noun first), else the first one named later.
    let coreferent_framework = || -> Option<String> {
        let head = phrase_first_head(&phrase);
        let noun = head.split(|c: char| !c.is_alphanumeric()).find(|w| {
            lexicon
                .event_nouns
                .iter()
                .any(|n| w.starts_with(n.as_str()))
        })?;
        let earlier = &doc.mentions[..doc
            .mentions
            .partition_point(|m| m.span.start < trigger.start)];
        let frameworks = || earlier.iter().rev().filter(|m| m.kind == Kind::Framework);
        frameworks()
            .find(|m| {
                doc.lower
                    .get(m.span.start..m.span.end)
                    .is_some_and(|name| name.contains(noun.trim_end_matches('s')))
            })
            .or_else(|| frameworks().next())
            .or_else(|| doc.mentions.iter().find(|m| m.kind == Kind::Framework))
            .map(|m| m.id.clone())
    };
    let target: String = match entry.target {
        TargetKind::Entity => {
            if let Some(mention) = passive_target {
                mention.id.clone()
            } else if let Some(mention) = entity_after(&[Kind::Framework, Kind::Body]) {
                // "U.N. talks", "a United Nations–linked body": the body only modifies the noun.
                match (mention.kind, coreferent_framework()) {
                    (Kind::Body, Some(id)) => id,
                    _ => mention.id.clone(),
                }
            } else if let Some(id) = coreferent_framework() {
                id
            } else if matches!(entry.action, Action::Support | Action::Criticize) {
                entity_after(&[Kind::State, Kind::Other])?.id.clone()
            } else {
                return None;
            }
        }
        TargetKind::State => {
            // "X and Y signed": the coordinated partner; else a state after the trigger; else
            // the last other state named in the document.
            let coordinated = subject.and_then(|subject| {
                let index = before.iter().position(|m| m.span == subject.span)?;
                let previous = before.get(index.checked_sub(1)?)?;
                let between = doc.lower.get(previous.span.end..subject.span.start)?;
                (between.trim() == "and" && previous.id != actor_id).then(|| previous.id.clone())
            });
            if let Some(id) = coordinated {
                id
            } else if let Some(mention) = entity_after(&[Kind::State, Kind::Body]) {
                mention.id.clone()
            } else {
                doc.mentions[..doc
                    .mentions
                    .partition_point(|m| m.span.start < trigger.start)]
                    .iter()
                    .rev()
                    .find(|m| m.kind == Kind::State && m.id != actor_id)?
                    .id
                    .clone()
            }
        }
        TargetKind::Phrase => {
            if phrase_ok(&phrase) {
                phrase.clone()
            } else if let Some(default) = &entry.default_target {
                default.clone()
            } else {
                return None;
            }
        }
        TargetKind::EntityOrPhrase => {
            let trigger_last = word(doc, tokens[end - 1]);
            let anaphor = lexicon
                .policy_anaphors
                .iter()
                .any(|a| a == trigger_last || phrase.eq_ignore_ascii_case(a));
            let government_word = phrase
                .split_whitespace()
                .next()
                .is_some_and(|w| matches!(w, "president" | "administration" | "government"));
            if let Some(mention) = passive_target {
                mention.id.clone()
            } else if government_word {
                // "chided the president": the government in focus.
                doc.mentions[..doc
                    .mentions
                    .partition_point(|m| m.span.start < trigger.start)]
                    .iter()
                    .rev()
                    .find(|m| m.kind == Kind::State)?
                    .id
                    .clone()
            } else if anaphor && entry.action == Action::Criticize {
                // "called the plans …": the plans of the last other actor.
                let (id, _, _) = state.last_actor.clone()?;
                if id == actor_id {
                    return None;
                }
                id
            } else if let Some(mention) =
                entity_near(&[Kind::Framework, Kind::Body, Kind::State, Kind::Other])
            {
                mention.id.clone()
            } else if let Some(id) = coreferent_framework() {
                id
            } else if phrase_ok(&phrase) {
                phrase.clone()
            } else {
                return None;
            }
        }
    };
    if target.is_empty() || target == actor_id {
        return None;
    }

    let modality = entry
        .modality
        .unwrap_or_else(|| modality(doc, lexicon, tokens, clause_from, start, clause_to));
    let date = pick_date(doc, tokens, dates, clause_span, sentence, trigger);
    if from_text || state.last_actor.is_none() {
        state.last_actor = Some((actor_id.clone(), actor_kind, agent.clone()));
    }
    Some(Event {
        actor: actor_id,
        action: entry.action,
        target,
        date,
        modality,
        agent,
        cameo: entry.cameo.clone(),
        plover: entry.plover.clone(),
        span: trigger,
        sentence,
        rule: entry.id.clone(),
    })
}

fn phrase_first_head(phrase: &str) -> String {
    phrase
        .split_whitespace()
        .take(4)
        .collect::<Vec<_>>()
        .join(" ")
        .to_ascii_lowercase()
}

/// The short noun phrase starting at token `from`: leading determiners dropped, up to six
/// words, ending before a preposition, verb-like stop word or punctuation.
fn noun_phrase(doc: &Doc, tokens: &[Token], from: usize, to: usize) -> String {
    let mut index = from;
    while index < to && DETERMINERS.contains(&word(doc, tokens[index])) {
        index += 1;
    }
    let first = index;
    if tokens
        .get(first)
        .is_none_or(|t| !t.word || PHRASE_STOPS.contains(&word(doc, *t)))
    {
        return String::new();
    }
    let mut last = None;
    while index < to && index - first < 6 {
        let token = tokens[index];
        if !token.word {
            let text = &doc.text[token.start..token.end];
            // A quoted name inside the phrase ("the “Remain in Mexico” policy") continues it.
            if matches!(text, "“" | "”" | "\"") {
                index += 1;
                continue;
            }
            break;
        }
        let lower = word(doc, token);
        if index > first && PHRASE_STOPS.contains(&lower) {
            // "of" binds inside a noun phrase ("deportation of millions of people").
            break;
        }
        last = Some(index);
        index += 1;
    }
    match last {
        Some(last) => doc.text[tokens[first].start..tokens[last].end].to_string(),
        None => String::new(),
    }
}

fn cue_in(doc: &Doc, tokens: &[Token], cues: &[lexicon::Pattern], from: usize, to: usize) -> bool {
    (from..to).any(|i| {
        cues.iter()
            .any(|cue| match_at(cue, tokens, &doc.lower, i).is_some_and(|end| end <= to.max(i + 1)))
    })
}

/// Modality from cues in the clause before the trigger (at most eight words back), and a
/// conditional anywhere in the clause.
fn modality(
    doc: &Doc,
    lexicon: &Lexicon,
    tokens: &[Token],
    clause_from: usize,
    trigger: usize,
    clause_to: usize,
) -> Modality {
    let window_from = clause_from.max(trigger.saturating_sub(8));
    let _ = clause_to;
    let conditional = (clause_from..trigger).any(|i| {
        let w = word(doc, tokens[i]);
        w == "if" || w == "unless" || w == "whether"
    });
    if cue_in(doc, tokens, &lexicon.negated, window_from, trigger) {
        Modality::Negated
    } else if conditional || cue_in(doc, tokens, &lexicon.hypothetical, window_from, trigger) {
        Modality::Hypothetical
    } else if cue_in(doc, tokens, &lexicon.planned, window_from, trigger) {
        Modality::Planned
    } else {
        Modality::Asserted
    }
}

/// The dated expression nearest the trigger in its clause, else in its sentence. A date that
/// belongs to another verb ("scheduled to begin Monday") is skipped.
fn pick_date(
    doc: &Doc,
    tokens: &[Token],
    dates: &[DateMention],
    clause: Span,
    sentence: Span,
    trigger: Span,
) -> Option<String> {
    let distance = |span: Span| {
        if span.end <= trigger.start {
            trigger.start - span.end
        } else {
            span.start.saturating_sub(trigger.end)
        }
    };
    let belongs_elsewhere = |span: Span| {
        let index = tokens.partition_point(|t| t.start < span.start);
        (index.saturating_sub(3)..index).any(|i| {
            matches!(
                word(doc, tokens[i]),
                "begin" | "begins" | "start" | "starts" | "open" | "opens" | "until" | "born"
            )
        })
    };
    // A dateline ("WASHINGTON, Nov. 27, 2025 – …") dates the article, not the event.
    let dateline = |span: Span| {
        span.start < 100
            && doc.text[span.end..]
                .trim_start()
                .starts_with(['–', '—', '-'])
    };
    let best_in = |range: Span| {
        dates
            .iter()
            .filter(|d| {
                range.contains(d.span)
                    && d.value.is_some()
                    && !belongs_elsewhere(d.span)
                    && !dateline(d.span)
            })
            .min_by_key(|d| distance(d.span))
            .and_then(|d| d.value.clone())
    };
    best_in(clause).or_else(|| best_in(sentence))
}

/// Add `event` unless the document already has the same (actor, action, target); a duplicate
/// only fills a missing date.
fn merge(events: &mut Vec<Event>, event: Event) {
    let new_target = event.target.to_lowercase();
    // Same actor and action, and one target contains the other: "U.S. diplomats abroad" and
    // "diplomats" are one event.
    let same = |e: &Event| {
        let target = e.target.to_lowercase();
        e.actor == event.actor
            && e.action == event.action
            && (target.contains(&new_target) || new_target.contains(&target))
    };
    if let Some(existing) = events.iter_mut().find(|e| same(e)) {
        if existing.date.is_none() && event.date.is_some() {
            existing.date = event.date;
        }
        return;
    }
    events.push(event);
}

#[cfg(test)]
mod tests;
