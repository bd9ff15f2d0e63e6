//! Events extractor: finds lexicon triggers sentence by sentence and fills actor, target,
//! modality and date from entity mentions, dates and the discourse so far.
//!
//! Per trigger: the actor is the nearest entity mention before the trigger that is not the
//! object of a preposition (a passive "by X" wins), else the actor of the previous event or the
//! government last named; the target is the first fitting mention after the trigger in the
//! clause, a noun that corefers with the last framework named ("the forum", "the talks"), or a
//! short noun phrase for policy actions. One event per (actor, action, target) per document.
//! The stages of one trigger are in `build` (site, actor, no-act gates, modality, coding) and
//! `target`; `tree` then re-reads each event's sentence from its dependency tree.

mod build;
mod counts;
mod evaluation;
mod frames;
pub mod lexicon;
mod target;
pub(in crate::extract) mod tree;

use migtrack_domain::{EntityKind, EntityMention};
use migtrack_model::{Action, DateMention, Event, Modality, Quote, Span};

use self::build::build_event;
use self::lexicon::{Entry, Lexicon, Token, match_at};
use super::Context;

/// Everything the event rules read, without the domain pack (so tests can hand-make mentions).
pub struct Input<'a> {
    pub text: &'a str,
    /// Sentences with their words (the linguistic layer).
    pub layer: &'a [migtrack_nlp::Sentence],
    /// Entity mentions, sorted by start and non-overlapping.
    pub mentions: &'a [EntityMention],
    /// Direct quotes whose speaker resolves to a state or body: an act the quote reports in
    /// the first person ("We will not sign …," the chancellor said) is that entity's.
    pub speakers: &'a [QuoteSpeaker],
}

/// A direct quote's content and the state or body its speaker stands for.
#[derive(Debug, Clone)]
pub struct QuoteSpeaker {
    pub span: Span,
    pub entity: String,
    pub kind: EntityKind,
    /// The speaker as the article names them, with their role ("Chancellor Sebastian Kurz").
    pub agent: Option<String>,
}

/// The speakers of `quotes` that resolve to a state or body of the pack.
pub fn quote_speakers(quotes: &[Quote], pack: &migtrack_domain::Pack) -> Vec<QuoteSpeaker> {
    quotes
        .iter()
        .filter(|quote| quote.direct)
        .filter_map(|quote| {
            let id = quote.speaker_entity.as_ref()?;
            let entity = pack.entity(id)?;
            matches!(entity.kind, EntityKind::State | EntityKind::Body).then(|| QuoteSpeaker {
                span: quote.span,
                entity: id.clone(),
                kind: entity.kind,
                agent: quote.speaker.as_ref().map(|name| match &quote.role {
                    Some(role) => format!("{role} {name}"),
                    None => name.clone(),
                }),
            })
        })
        .collect()
}

pub fn extract(ctx: &Context, dates: &[DateMention], quotes: &[Quote]) -> Vec<Event> {
    let lexicon = Lexicon::builtin();
    let speakers = quote_speakers(quotes, ctx.pack);
    let (events, mentions) = find_until(
        &Input {
            text: ctx.text,
            layer: &ctx.layer,
            mentions: &ctx.mentions,
            speakers: &speakers,
        },
        dates,
        lexicon,
        &|| ctx.over_budget(),
    );
    let mut events = events;
    let sources = frames::Sources {
        mentions: &mentions,
        policy_words: &lexicon.policy_words,
    };
    let framed = frames::find(ctx, frames::builtin(), &sources, dates, &events);
    events.extend(framed);
    let mut events = tree::refine(ctx, lexicon, &mentions, quotes, events);
    if !ctx.over_budget() {
        let judged = evaluation::find(ctx, quotes, &mentions, lexicon, &events);
        events.extend(judged);
    }
    events
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
    /// A political party (or a person speaking for one).
    party: bool,
}

impl Mention {
    /// A name outside the pack (an organisation, a party, a court) as the text writes it.
    fn named(text: &str, span: Span) -> Mention {
        Mention {
            span,
            id: text[span.start..span.end].to_string(),
            kind: Kind::Other,
            agent: None,
            party: false,
        }
    }
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
/// Measures that an `expand` trigger widens against migrants ("expand immigration detention").
const ENFORCEMENT_WORDS: &[&str] = &["detention", "enforcement", "deportation", "raids"];

struct Doc<'a> {
    text: &'a str,
    lower: String,
    mentions: Vec<Mention>,
    speakers: &'a [QuoteSpeaker],
}

pub fn find(input: &Input, dates: &[DateMention], lexicon: &Lexicon) -> Vec<Event> {
    find_until(input, dates, lexicon, &|| false).0
}

/// [`find`] that gives up (no events) once `stop` says so: the document's time budget has run
/// out. Looked at every [`STOP_CHECK_EVERY`] sentences. Also gives the mentions it read
/// (the pack's, the lexicon's actor names, organisations, linked people).
fn find_until(
    input: &Input,
    dates: &[DateMention],
    lexicon: &Lexicon,
    stop: &dyn Fn() -> bool,
) -> (Vec<Event>, Vec<Mention>) {
    // In text order, so that each event's date search looks at its own sentence's dates only
    // (`pick_date`); the dates stage gives them in order already.
    let sorted: Vec<DateMention>;
    let dates = if dates.is_sorted_by_key(|date| date.span.start) {
        dates
    } else {
        let mut copy = dates.to_vec();
        copy.sort_by_key(|date| date.span.start);
        sorted = copy;
        &sorted
    };
    let text = input.text;
    let lower = text.to_ascii_lowercase();
    let mut doc = Doc {
        text,
        lower,
        mentions: Vec::new(),
        speakers: input.speakers,
    };
    // Pass 1: tokens per sentence, mentions (pack + own actor names), kept per sentence.
    let sentences: Vec<Span> = input.layer.iter().map(|sentence| sentence.span).collect();
    let mut sentence_tokens: Vec<(usize, usize)> = Vec::with_capacity(sentences.len());
    let mut all_tokens: Vec<Token> = Vec::with_capacity(text.len() / 5);
    for sentence in input.layer {
        let from = all_tokens.len();
        super::tokens::push_tokens(text, &sentence.words, &mut all_tokens);
        sentence_tokens.push((from, all_tokens.len()));
    }
    doc.mentions = collect_mentions(input.mentions, &all_tokens, &sentence_tokens, &doc, lexicon);
    if stop() {
        return (Vec::new(), Vec::new());
    }

    let mut state = State::default();
    let mut events: Vec<Event> = Vec::new();
    // The event touched last and its sentence index (for "the decision … on Friday").
    let mut recent: Option<(usize, usize)> = None;
    for (sentence_index, sentence) in sentences.iter().enumerate() {
        if sentence_index % STOP_CHECK_EVERY == 0 && stop() {
            return (Vec::new(), Vec::new());
        }
        let (from, to) = sentence_tokens[sentence_index];
        let tokens = &all_tokens[from..to];
        state.bullet = is_bullet(text, *sentence, tokens);
        note_plan_owner(&doc, tokens, &mut state);
        let matches = find_triggers(tokens, &doc.lower, lexicon);
        let before_sentence = recent;
        let mut urge_end: Option<usize> = None;
        for (entry_index, start, end) in matches {
            let entry = &lexicon.entries[entry_index];
            // "urged Mexico to deport …", "pressures nations to accept …": the act urged on
            // someone else is not an event of its own.
            // "ordered the administration to continue accepting …" likewise.
            let urged = urge_end.is_some_and(|urge| {
                let before = |k: usize| start.checked_sub(k).map_or("", |i| word(&doc, tokens[i]));
                start >= urge
                    && start - urge <= 7
                    && (before(1) == "to"
                        || matches!(before(1), "continue" | "keep" | "resume" | "start" | "stop")
                            && before(2) == "to")
            });
            // A court's order binds the government: what it is ordered to do is not the
            // court's act (a government's own order to its agencies is, and stays).
            let court_order = entry.action == Action::Instruct
                && doc
                    .lower
                    .get(sentence.start..tokens[start].start)
                    .is_some_and(|head| head.contains("court") || head.contains("judge"));
            if entry.action == Action::Urge || court_order {
                urge_end = Some(end);
            }
            if court_order {
                continue;
            }
            if urged {
                continue;
            }
            // The longest pattern at a start wins, but when it makes no event ("would not sign
            // the UN migration pact" read as a deal with no partner), the shorter patterns
            // that match at the same word are tried in turn ("sign the …": endorse).
            let built = build_event(
                &doc, lexicon, entry, tokens, start, end, *sentence, dates, &mut state,
            )
            .or_else(|| {
                shorter_matches(tokens, &doc.lower, lexicon, start, entry_index, end)
                    .into_iter()
                    .find_map(|(other, other_end)| {
                        build_event(
                            &doc,
                            lexicon,
                            &lexicon.entries[other],
                            tokens,
                            start,
                            other_end,
                            *sentence,
                            dates,
                            &mut state,
                        )
                    })
            });
            if let Some(event) = built {
                // "halted the government's plan to deport …": the blocked plan is not the
                // court's own act.
                if event.action == Action::Block {
                    urge_end = Some(end);
                }
                // "\"The government may try and deport some of them,\" he said": a hypothetical
                // act inside a direct quote is the speaker's speculation, not an event.
                if event.modality == Modality::Hypothetical
                    && inside_quote(text, sentence.start, tokens[start].start)
                {
                    continue;
                }
                if event.modality == Modality::Planned {
                    state.plan_owner = Some(event.actor.clone());
                }
                let partner = coordinated_actor(&doc, tokens, &event);
                recent = Some((merge(&mut events, event.clone()), sentence_index));
                if let Some(partner) = partner {
                    merge(
                        &mut events,
                        Event {
                            actor: partner,
                            ..event
                        },
                    );
                }
            }
        }
        if let Some((index, at)) = before_sentence
            && sentence_index <= at + 2
            && let Some(date) = decision_date(&doc, lexicon, tokens, dates, *sentence)
            && let Some(event) = events.get_mut(index)
            && event.date.is_none()
        {
            event.date = Some(date);
        }
        if !state.bullet
            && let Some(subject) = sentence_subject(&doc, lexicon, tokens)
        {
            state.focus = Some(subject);
        }
    }
    let mentions = std::mem::take(&mut doc.mentions);
    (events, mentions)
}

/// Whether the clause before the trigger has its own named subject: two capitalised words in a
/// row that are not a sentence opener ("Secretary of Defense James Mattis ordered …").
fn own_subject_name(doc: &Doc, tokens: &[Token], from: usize, trigger: usize) -> bool {
    (from.max(1)..trigger).any(|i| {
        is_capitalised(doc.text, tokens[i - 1])
            && is_capitalised(doc.text, tokens[i])
            && !matches!(
                word(doc, tokens[i - 1]),
                "the" | "a" | "an" | "in" | "on" | "but"
            )
    })
}

/// Whether `at` lies inside a direct quote opened in its sentence (straight or curly marks).
fn inside_quote(text: &str, sentence_start: usize, at: usize) -> bool {
    let Some(head) = text.get(sentence_start..at) else {
        return false;
    };
    let straight = head.matches('"').count();
    let open = head.matches('\u{201c}').count();
    let close = head.matches('\u{201d}').count();
    straight % 2 == 1 || open > close
}

/// Words of an urge trigger that ask no one to act: "asked why the government …" (a
/// question), "to ask for asylum" (an application), "a conference call on …" (a noun).
fn not_a_request(doc: &Doc, entry: &Entry, tokens: &[Token], start: usize, end: usize) -> bool {
    if entry.action != Action::Urge {
        return false;
    }
    let first = word(doc, tokens[start]);
    let next = tokens.get(end).map_or("", |t| word(doc, *t));
    let after = tokens.get(end + 1).map_or("", |t| word(doc, *t));
    let before = start.checked_sub(1).map_or("", |i| word(doc, tokens[i]));
    let asking = first.starts_with("ask");
    let question = asking
        && matches!(
            next,
            "why" | "whether" | "how" | "what" | "when" | "where" | "who" | "if" | "about"
        );
    let sought = |w: &str| matches!(w, "asylum" | "protection" | "refuge" | "help" | "shelter");
    let application = asking
        && (next == "for" && sought(after) || word(doc, tokens[end - 1]) == "for" && sought(next));
    let noun_call = first.starts_with("call")
        && matches!(
            before,
            "conference" | "phone" | "a" | "the" | "video" | "press" | "telephone"
        );
    question || application || noun_call
}

/// "both France and Britain pledged to accept …": the state coordinated with the actor acts
/// too (not for `agree`, whose partner is its target).
fn coordinated_actor(doc: &Doc, tokens: &[Token], event: &Event) -> Option<String> {
    if event.action == Action::Agree {
        return None;
    }
    let first = tokens.first()?;
    let before = mentions_in(doc, first.start, event.span.start);
    let index = before.iter().rposition(|m| m.id == event.actor)?;
    let actor = &before[index];
    let previous = before.get(index.checked_sub(1)?)?;
    let between = doc.lower.get(previous.span.end..actor.span.start)?.trim();
    let after = doc.lower.get(actor.span.end..event.span.start)?.trim();
    (between == "and"
        && previous.kind == Kind::State
        && actor.kind == Kind::State
        && previous.id != event.actor
        && previous.id != event.target
        && after.split_whitespace().count() <= 2)
        .then(|| previous.id.clone())
}

/// A bullet line: the sentence (or the text just before it on its line) opens with a dash or
/// bullet mark.
fn is_bullet(text: &str, sentence: Span, tokens: &[Token]) -> bool {
    const MARKS: &[&str] = &["-", "•", "*", "–", "·"];
    if tokens
        .first()
        .is_some_and(|t| text.get(t.start..t.end).is_some_and(|m| MARKS.contains(&m)))
    {
        return true;
    }
    // Only the last few bytes before the sentence can be a line that holds nothing but a mark:
    // looking further back (to the line's start) would cost the length of a paragraph for
    // every sentence in it.
    let before = text.get(..sentence.start).unwrap_or("");
    let mut window_start = before.len().saturating_sub(BULLET_LOOKBACK);
    while !before.is_char_boundary(window_start) {
        window_start -= 1;
    }
    let window = &before[window_start..];
    let line = match window.rfind('\n') {
        Some(newline) => &window[newline + 1..],
        None if window_start == 0 => window,
        // The line started before the window: longer than any mark with its spaces.
        None => return false,
    };
    MARKS.contains(&line.trim())
}

/// Longest run of capitalised words read as one organisation name.
const MAX_NAME_WORDS: usize = 32;

/// How many sentences go between two looks at the clock in [`find_until`].
const STOP_CHECK_EVERY: usize = 16;

/// How far before a sentence [`is_bullet`] looks for the start of its line.
const BULLET_LOOKBACK: usize = 32;

/// "Trump made the decision on Friday": a sentence that refers back to the event just
/// reported ("the decision", "the move", not "the decision to …") dates it.
fn decision_date(
    doc: &Doc,
    lexicon: &Lexicon,
    tokens: &[Token],
    dates: &[DateMention],
    sentence: Span,
) -> Option<String> {
    let noun = (1..tokens.len()).find(|&i| {
        tokens[i].word
            && lexicon
                .decision_nouns
                .iter()
                .any(|n| n == word(doc, tokens[i]))
            && matches!(
                word(doc, tokens[i - 1]),
                "the" | "this" | "that" | "his" | "her" | "its" | "their"
            )
            && tokens.get(i + 1).is_none_or(|t| word(doc, *t) != "to")
    })?;
    let clause_to = clause_end(doc, lexicon, tokens, noun);
    let clause_from = clause_start(doc, lexicon, tokens, noun);
    let clause = Span::new(
        tokens[clause_from].start,
        tokens[clause_to.saturating_sub(1).max(noun)].end,
    );
    dates
        .iter()
        .filter(|d| sentence.contains(d.span) && clause.contains(d.span) && d.value.is_some())
        .min_by_key(|d| d.span.start.abs_diff(tokens[noun].end))
        .and_then(|d| d.value.clone())
}

/// The first subject-like mention of a sentence (not the object of a preposition).
fn sentence_subject(
    doc: &Doc,
    lexicon: &Lexicon,
    tokens: &[Token],
) -> Option<(String, Kind, Option<String>)> {
    let (first, last) = (tokens.first()?, tokens.last()?);
    mentions_in(doc, first.start, last.end)
        .iter()
        .find(|m| !after_preposition(doc, lexicon, tokens, m))
        .map(|m| (m.id.clone(), m.kind, m.agent.clone()))
}

/// "Tory plans", "the Tories' idea", "his party's plans": the owner of the plans referred to
/// later as "the plans".
fn note_plan_owner(doc: &Doc, tokens: &[Token], state: &mut State) {
    let (Some(first), Some(last)) = (tokens.first(), tokens.last()) else {
        return;
    };
    for mention in mentions_in(doc, first.start, last.end) {
        let index = tokens.partition_point(|t| t.start < mention.span.end);
        let next = tokens.get(index).map(|t| word(doc, *t));
        let next = if next == Some("'") || next == Some("’") {
            tokens.get(index + 1).map(|t| word(doc, *t))
        } else {
            next
        };
        if next.is_some_and(|w| {
            matches!(
                w,
                "plans" | "plan" | "proposals" | "proposal" | "idea" | "call"
            ) || matches!(w, "asylum" | "immigration" | "migration")
                && tokens
                    .get(index + 1)
                    .is_some_and(|t| matches!(word(doc, *t), "plans" | "proposals"))
        }) {
            state.plan_owner = Some(mention.id.clone());
        }
    }
}

#[derive(Default)]
struct State {
    last_actor: Option<(String, Kind, Option<String>)>,
    /// The subject of the last sentence that named one (the lead-in of a bullet list).
    focus: Option<(String, Kind, Option<String>)>,
    /// Whose plans "the plans" are: the last actor with a planned event or "X plans".
    plan_owner: Option<String>,
    /// Sentence of the current trigger is a bullet line ("- Withdrawing from …").
    bullet: bool,
    /// Where the last actor acted (byte offset of its trigger).
    last_actor_at: usize,
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
            party: false,
        })
        .collect();
    // "Former President X", "former Home Secretary Y": a former office holder does not act
    // for the current government.
    mentions.retain(|mention| {
        mention.kind != Kind::State
            || doc
                .lower
                .get(..mention.span.start)
                .is_none_or(|head| head.split_whitespace().next_back() != Some("former"))
    });
    let pack_spans = crate::extract::SpanSet::new(pack.iter().map(|mention| mention.span));
    let overlaps_pack = |span: Span| pack_spans.overlaps_any(span);
    for &(from, to) in sentence_tokens {
        let sentence = &tokens[from..to];
        let mut index = 0;
        while index < sentence.len() {
            let token = sentence[index];
            let word = &doc.lower[token.start..token.end];
            let mut found: Option<(usize, String, bool)> = None;
            for &actor_index in lexicon.actor_candidates(word) {
                let actor = &lexicon.actors[actor_index];
                if actor.cased && !is_capitalised(doc.text, token) {
                    continue;
                }
                if let Some(end) =
                    lexicon::match_at_possessive(&actor.pattern, sentence, &doc.lower, index)
                    && found.as_ref().is_none_or(|(best, _, _)| end > *best)
                    && (!actor.before_role
                        || sentence.get(end).is_some_and(|next| {
                            let next_word = &doc.lower[next.start..next.end];
                            lexicon.role_words.iter().any(|r| r == next_word)
                                || lexicon.role_modifiers.iter().any(|r| r == next_word)
                                || (next.word && is_capitalised(doc.text, *next))
                        }))
                {
                    found = Some((end, actor.id.clone(), actor.party));
                }
            }
            if let Some((end, id, party)) = found {
                let span = Span::new(token.start, sentence[end - 1].end);
                if !overlaps_pack(span) {
                    mentions.push(Mention {
                        span,
                        id,
                        kind: Kind::Other,
                        agent: None,
                        party,
                    });
                }
                index = end;
                continue;
            }
            // "Civil rights group Liberty", "the charity Freedom from Torture": a capitalised
            // name after an organisation descriptor is an organisation.
            if ORG_DESCRIPTORS.contains(&word)
                && let Some(&first) = sentence.get(index + 1)
                && is_capitalised(doc.text, first)
            {
                let mut end = index + 1;
                while end < sentence.len()
                    && sentence[end].word
                    && is_capitalised(doc.text, sentence[end])
                {
                    end += 1;
                }
                let span = Span::new(first.start, sentence[end - 1].end);
                if !overlaps_pack(span) {
                    mentions.push(Mention::named(doc.text, span));
                }
                index = end;
                continue;
            }
            // Organisation names: a capitalised run ending in a head noun ("Refugee Council").
            if is_capitalised(doc.text, token) && !matches!(word, "the" | "a" | "an") {
                let mut end = index;
                // No name is longer than this: a longer run (a title-case line, a hostile
                // input) is looked at in windows, so the work per word stays bounded.
                let limit = sentence.len().min(index + MAX_NAME_WORDS);
                // A plural possessive's apostrophe inside the name ("Lawyers’ Committee").
                let plural_possessive = |at: usize| {
                    at > index
                        && matches!(&doc.text[sentence[at].start..sentence[at].end], "’" | "'")
                        && sentence[at - 1].end == sentence[at].start
                        && doc.lower[..sentence[at].start].ends_with('s')
                        && sentence
                            .get(at + 1)
                            .is_some_and(|next| next.word && is_capitalised(doc.text, *next))
                };
                while end < limit
                    && (sentence[end].word && is_capitalised(doc.text, sentence[end])
                        || plural_possessive(end))
                {
                    end += 1;
                }
                // The longest prefix of the run that ends in a head noun ("Refugee Council
                // Chief Executive Maeve Sherlock" → "Refugee Council").
                // "Amnesty International's Jan Shaw": the possessive ends the name.
                let head_of = |t: Token| {
                    let w = &doc.lower[t.start..t.end];
                    w.strip_suffix("'s")
                        .or_else(|| w.strip_suffix("\u{2019}s"))
                        .unwrap_or(w)
                };
                if let Some(possessive) = (index..end).find(|&i| {
                    let w = &doc.lower[sentence[i].start..sentence[i].end];
                    head_of(sentence[i]).len() < w.len()
                }) {
                    end = possessive + 1;
                }
                while end - index >= 2 && {
                    let last = sentence[end - 1];
                    !lexicon.org_heads.iter().any(|h| h == head_of(last))
                } {
                    end -= 1;
                }
                if end - index >= 2 {
                    let mut last = sentence[end - 1];
                    let head = head_of(last);
                    if lexicon.org_heads.iter().any(|h| h == head) {
                        // "Committee for Civil Rights Under Law", "Council on Foreign
                        // Relations": a capitalised "for/of/on" phrase after the head is part
                        // of the name (not a date: "Committee on Monday").
                        if head.len() == last.end - last.start
                            && let Some(&link) = sentence.get(end)
                            && matches!(&doc.text[link.start..link.end], "for" | "of" | "on")
                        {
                            let mut tail = end + 1;
                            while tail < limit
                                && sentence[tail].word
                                && is_capitalised(doc.text, sentence[tail])
                                && !is_calendar_word(
                                    &doc.lower[sentence[tail].start..sentence[tail].end],
                                )
                            {
                                tail += 1;
                            }
                            if tail > end + 1
                                && !overlaps_pack(Span::new(token.start, sentence[tail - 1].end))
                            {
                                end = tail;
                                last = sentence[end - 1];
                            }
                        }
                        let head = head_of(last);
                        let head_end = last.start + head.len();
                        // "Migration Watch UK": a country code after the head is part of it.
                        let (end, head_end) = match sentence.get(end) {
                            Some(&next)
                                if head_end == last.end
                                    && matches!(
                                        &doc.text[next.start..next.end],
                                        "UK" | "US" | "USA" | "U.S."
                                    ) =>
                            {
                                (end + 1, next.end)
                            }
                            _ => (end, head_end),
                        };
                        let span = Span::new(token.start, head_end);
                        let core = Span::new(token.start, last.end);
                        if !overlaps_pack(core) {
                            // The country code inside the name is no state mention of its own.
                            mentions.retain(|m| {
                                !(span.start <= m.span.start && m.span.end <= span.end)
                            });
                            mentions.push(Mention::named(doc.text, span));
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
    link_people(&mut mentions, tokens, sentence_tokens, doc, lexicon);
    mentions
}

/// Whether a lower-cased word names a weekday or month ("on Monday", "of January").
fn is_calendar_word(word: &str) -> bool {
    use crate::extract::quotes::lexicon::{MONTHS, WEEKDAYS};
    let word = word.trim_end_matches('.');
    WEEKDAYS.contains(&word) || MONTHS.contains(&word)
}

/// Lower-case nouns that introduce an organisation's name ("rights group Liberty").
const ORG_DESCRIPTORS: &[&str] = &["group", "charity", "organisation", "organization", "ngo"];

/// Words before a name that are not part of it ("Mr Howard", "But Michael Howard").
const NAME_PREFIXES: &[&str] = &[
    "mr", "mrs", "ms", "dr", "sir", "lord", "lady", "the", "a", "an", "but", "and", "in", "on",
    "as", "if", "when", "after", "former", "then", "so", "yet", "while",
];

fn surname_key(word: &str) -> &str {
    word.trim_end_matches("'s")
        .trim_end_matches("’s")
        .trim_end_matches(['\'', '’'])
}

fn covered(mentions: &[Mention], span: Span) -> bool {
    let index = mentions.partition_point(|m| m.span.end <= span.start);
    mentions.get(index).is_some_and(|m| m.span.start < span.end)
}

/// Person names in a sentence (token ranges, relative to the sentence): runs of two or three
/// capitalised words outside known mentions, after dropping titles and role words.
fn person_names(
    sentence: &[Token],
    doc: &Doc,
    mentions: &[Mention],
    lexicon: &Lexicon,
) -> Vec<(usize, usize)> {
    let is_role = |w: &str| {
        lexicon.role_words.iter().any(|r| r == w) || lexicon.role_modifiers.iter().any(|r| r == w)
    };
    let mut names = Vec::new();
    let mut index = 0;
    while index < sentence.len() {
        let token = sentence[index];
        if !is_capitalised(doc.text, token) || covered(mentions, Span::new(token.start, token.end))
        {
            index += 1;
            continue;
        }
        let mut end = index;
        while end < sentence.len()
            && is_capitalised(doc.text, sentence[end])
            && !covered(mentions, Span::new(sentence[end].start, sentence[end].end))
        {
            end += 1;
        }
        let mut first = index;
        while first < end {
            let w = surname_key(word(doc, sentence[first]));
            if NAME_PREFIXES.contains(&w) || is_role(w) {
                first += 1;
            } else {
                break;
            }
        }
        if (2..=3).contains(&(end - first)) {
            names.push((first, end));
        }
        index = end.max(index + 1);
    }
    names
}

/// Link person names to the non-state actor they speak for, then let every use of the surname
/// act for it: "Tory leader Michael Howard", "Refugee Council Chief Executive Maeve Sherlock",
/// "The Tory leader said" right after a named person, a name in a sentence whose only
/// non-state actor is one body ("Hannah Ward of the Refugee Council"). "his party" is the party
/// of the person last named.
fn link_people(
    mentions: &mut Vec<Mention>,
    tokens: &[Token],
    sentence_tokens: &[(usize, usize)],
    doc: &Doc,
    lexicon: &Lexicon,
) {
    // (surname, full name, actor id, party)
    let mut links: Vec<(String, String, String, bool)> = Vec::new();
    let is_role = |w: &str| {
        lexicon.role_words.iter().any(|r| r == w) || lexicon.role_modifiers.iter().any(|r| r == w)
    };
    let mut last_name: Option<(String, String)> = None;
    for &(from, to) in sentence_tokens {
        let sentence = &tokens[from..to];
        let names = person_names(sentence, doc, mentions, lexicon);
        if names.is_empty() && last_name.is_none() {
            continue;
        }
        let name_at = |(first, end): (usize, usize)| {
            let full = doc.text[sentence[first].start..sentence[end - 1].end].to_string();
            let surname =
                surname_key(&doc.text[sentence[end - 1].start..sentence[end - 1].end]).to_string();
            (surname, full)
        };
        let in_sentence = mentions_between(
            mentions,
            sentence.first().map_or(0, |t| t.start),
            sentence.last().map_or(0, |t| t.end),
        );
        let others: Vec<&Mention> = in_sentence
            .iter()
            .filter(|m| m.kind == Kind::Other)
            .collect();
        let mut new_links: Vec<(String, String, String, bool)> = Vec::new();
        for other in &others {
            let mut index = sentence.partition_point(|t| t.start < other.span.end);
            let mut roles = 0;
            while index < sentence.len() && roles < 6 && is_role(word(doc, sentence[index])) {
                index += 1;
                roles += 1;
            }
            if roles == 0 {
                continue;
            }
            // "The Tory leader said": the person named just before.
            let definite = other.span.start == sentence.get(1).map_or(usize::MAX, |t| t.start)
                && word(doc, sentence[0]) == "the";
            if let Some(&name) = names.iter().find(|(first, _)| *first == index) {
                let (surname, full) = name_at(name);
                new_links.push((surname, full, other.id.clone(), other.party));
            } else if definite
                && !sentence
                    .get(index)
                    .is_some_and(|t| is_capitalised(doc.text, *t))
                && let Some((surname, full)) = last_name.clone()
            {
                new_links.push((surname, full, other.id.clone(), other.party));
            }
        }
        let distinct: Vec<&str> = others.iter().fold(Vec::new(), |mut ids, m| {
            if !ids.contains(&m.id.as_str()) {
                ids.push(m.id.as_str());
            }
            ids
        });
        if new_links.is_empty() && distinct.len() == 1 && names.len() == 1 {
            let (surname, full) = name_at(names[0]);
            let party = others[0].party;
            new_links.push((surname, full, distinct[0].to_string(), party));
        }
        for link in new_links {
            if !links.iter().any(|l| l.0 == link.0) {
                links.push(link);
            }
        }
        if let Some(&name) = names.last() {
            last_name = Some(name_at(name));
        }
    }
    if links.is_empty() {
        return;
    }
    let mut added: Vec<Mention> = Vec::new();
    let mut last_party: Option<(String, String)> = None;
    let mut index = 0;
    while index < tokens.len() {
        let token = tokens[index];
        let span = Span::new(token.start, token.end);
        if is_capitalised(doc.text, token)
            && !covered(mentions, span)
            && let Some(link) = links
                .iter()
                .find(|l| l.0 == surname_key(&doc.text[token.start..token.end]))
        {
            added.push(Mention {
                span,
                id: link.2.clone(),
                kind: Kind::Other,
                agent: Some(link.1.clone()),
                party: link.3,
            });
            if link.3 {
                last_party = Some((link.2.clone(), link.1.clone()));
            }
        } else if token.word
            && matches!(word(doc, token), "his" | "her")
            && tokens
                .get(index + 1)
                .is_some_and(|t| surname_key(word(doc, *t)) == "party")
            && let Some((id, agent)) = last_party.clone()
        {
            let end = tokens[index + 1].end;
            let span = Span::new(token.start, end);
            if !covered(mentions, span) {
                added.push(Mention {
                    span,
                    id,
                    kind: Kind::Other,
                    agent: Some(agent),
                    party: true,
                });
            }
            index += 2;
            continue;
        } else if covered(mentions, span) {
            let at = mentions.partition_point(|m| m.span.end <= span.start);
            if let Some(m) = mentions.get(at)
                && m.party
            {
                last_party = Some((m.id.clone(), m.agent.clone().unwrap_or_default()));
            }
        }
        index += 1;
    }
    mentions.extend(added);
    mentions.sort_by_key(|mention| mention.span.start);
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

/// The other patterns that match at token `index`, ending before `end`, longest first: one
/// per entry other than `except`.
fn shorter_matches(
    tokens: &[Token],
    lower: &str,
    lexicon: &Lexicon,
    index: usize,
    except: usize,
    end: usize,
) -> Vec<(usize, usize)> {
    let word = &lower[tokens[index].start..tokens[index].end];
    let mut found: Vec<(usize, usize)> = Vec::new();
    for &(entry, pattern) in lexicon.candidates(word) {
        if entry == except {
            continue;
        }
        let pattern = &lexicon.entries[entry].patterns[pattern];
        if let Some(other_end) = match_at(pattern, tokens, lower, index)
            && other_end < end
        {
            match found.iter_mut().find(|(known, _)| *known == entry) {
                Some(known) => known.1 = known.1.max(other_end),
                None => found.push((entry, other_end)),
            }
        }
    }
    found.sort_by_key(|&(entry, other_end)| (std::cmp::Reverse(other_end), entry));
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
    mentions_between(&doc.mentions, start, end)
}

fn mentions_between(mentions: &[Mention], start: usize, end: usize) -> &[Mention] {
    let from = mentions.partition_point(|m| m.span.start < start);
    let to = mentions.partition_point(|m| m.span.start < end);
    &mentions[from..to.max(from)]
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
    let mut window_from = clause_from.max(trigger.saturating_sub(8));
    // "He has vowed to close the border, deployed troops …": a past-tense verb after a comma
    // is its own coordinated clause; the cue before the comma does not reach it.
    if word(doc, tokens[trigger]).ends_with("ed")
        && let Some(comma) = (window_from..trigger)
            .rev()
            .find(|&i| word(doc, tokens[i]) == ",")
    {
        window_from = comma + 1;
    }
    let _ = clause_to;
    let conditional = (clause_from..trigger).any(|i| {
        let w = word(doc, tokens[i]);
        w == "if" || w == "unless" || w == "whether"
    });
    if cue_in(doc, tokens, &lexicon.negated, window_from, trigger) {
        Modality::Negated
    } else if cue_in(doc, tokens, &lexicon.pledges, clause_from, trigger) {
        // "If elected, his party would …": an election pledge is a plan.
        Modality::Planned
    } else if conditional || cue_in(doc, tokens, &lexicon.hypothetical, window_from, trigger) {
        Modality::Hypothetical
    } else if (window_from.max(2)..trigger).any(|i| {
        matches!(word(doc, tokens[i]), "would" | "will")
            && matches!(word(doc, tokens[i - 1]), "that" | "which")
            && lexicon
                .in_force_nouns
                .iter()
                .any(|n| n == word(doc, tokens[i - 2]))
    }) {
        // "a July 16 rule that would bar …": what a rule does, not a plan.
        Modality::Asserted
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
    // "begins Monday", "until 2020", and "as of July 7" (the day a running total was
    // counted, not the day of an act).
    let belongs_elsewhere = |span: Span| {
        let index = tokens.partition_point(|t| t.start < span.start);
        let as_of = index >= 2
            && word(doc, tokens[index - 2]) == "as"
            && word(doc, tokens[index - 1]) == "of";
        as_of
            || (index.saturating_sub(3)..index).any(|i| {
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
    // "the 1951 United Nations Convention": a year that modifies a name is part of it.
    let in_name = |span: Span| {
        let index = tokens.partition_point(|t| t.start < span.end);
        index > 0
            && word(doc, tokens[index - 1]).len() == 4
            && tokens
                .get(index)
                .is_some_and(|t| is_capitalised(doc.text, *t))
            && tokens
                .get(index.wrapping_sub(2))
                .is_some_and(|t| word(doc, *t) == "the")
    };
    // "rejected the offer before Trump announced it on Saturday", "A court blocked it but the
    // Supreme Court on Sept. 11 allowed …": a date across "but" or inside a subordinate clause
    // with its own verb dates that clause.
    let other_clause = |span: Span| {
        let (from, to) = if span.end <= trigger.start {
            (span.end, trigger.start)
        } else {
            (trigger.end, span.start)
        };
        let first = tokens.partition_point(|t| t.start < from);
        let last = tokens.partition_point(|t| t.start < to);
        (first..last).any(|i| {
            let w = word(doc, tokens[i]);
            w == "but"
                || span.start >= trigger.end
                    && matches!(w, "before" | "after" | "when" | "while" | "once" | "since")
                    && i + 2 < last
        })
    };
    let best_in = |range: Span| {
        // `dates` are in text order: only those that start inside the range can be in it.
        let first = dates.partition_point(|d| d.span.start < range.start);
        let last = dates.partition_point(|d| d.span.start <= range.end);
        dates[first..last.max(first)]
            .iter()
            .filter(|d| {
                range.contains(d.span)
                    && d.value.is_some()
                    && !belongs_elsewhere(d.span)
                    && !other_clause(d.span)
                    && !dateline(d.span)
                    && !in_name(d.span)
                    // "the cap for fiscal 2026": the period a measure covers, not its date.
                    && !d.value.as_deref().is_some_and(|v| v.starts_with("FY"))
            })
            .min_by_key(|d| distance(d.span))
            .and_then(|d| d.value.clone())
    };
    best_in(clause).or_else(|| best_in(sentence))
}

/// Add `event` unless the document already has the same (actor, action, target); a duplicate
/// only fills a missing date. A repeatable action (a deployment, a cap cut) reported with
/// another date is another event: "Bush sent troops to the border in 2006 … Obama sent troops
/// to the border in 2010".
fn merge(events: &mut Vec<Event>, mut event: Event) -> usize {
    if let Some(words) = target::hashtag_words(&event.target) {
        event.target = words;
    }
    if let Some(index) = events.iter().position(|known| one_event(known, &event)) {
        let existing = &mut events[index];
        if existing.date.is_none() && event.date.is_some() {
            existing.date = event.date;
        }
        return index;
    }
    events.push(event);
    events.len() - 1
}

/// Whether two reports are one event: same actor and action, one target heads the other
/// ("U.S. diplomats abroad" and "diplomats"), and dates that can be one act.
fn one_event(a: &Event, b: &Event) -> bool {
    if a.actor != b.actor || a.action != b.action {
        return false;
    }
    let (a_target, b_target) = (a.target.to_lowercase(), b.target.to_lowercase());
    (heads_phrase(&a_target, &b_target) || heads_phrase(&b_target, &a_target))
        && one_act_by_dates(a.action, &a.date, &b.date)
}

/// Whether two reports of one (actor, action, target) dated `a` and `b` can be one act: a
/// one-off act always is; a repeatable one unless both dates are known and neither is within
/// the other ("2006" and "2010" are two deployments; "2019-01" and "2019-01-04" one).
pub(super) fn one_act_by_dates(
    action: migtrack_model::Action,
    a: &Option<String>,
    b: &Option<String>,
) -> bool {
    let other_dates = match (a, b) {
        (Some(a), Some(b)) => !a.starts_with(b.as_str()) && !b.starts_with(a.as_str()),
        _ => false,
    };
    action.is_one_off() || !other_dates
}

/// Does `short` name the same thing as `long`: it occurs in `long` as whole words and is its
/// head ("diplomats" in "U.S. diplomats abroad"), not a modifier of another noun ("asylum" in
/// "asylum applications inside the UK" is a different measure).
fn heads_phrase(long: &str, short: &str) -> bool {
    if short.is_empty() {
        return false;
    }
    long.match_indices(short).any(|(at, _)| {
        let before = long[..at].chars().next_back();
        if before.is_some_and(char::is_alphanumeric) {
            return false;
        }
        let rest = &long[at + short.len()..];
        if rest.chars().next().is_some_and(char::is_alphanumeric) {
            return false;
        }
        rest.split_whitespace().next().is_none_or(|next| {
            PREPOSITIONS.contains(&next)
                || PHRASE_STOPS.contains(&next)
                || matches!(next, "abroad" | "overseas" | "here" | "home" | "nationwide")
        })
    })
}

#[cfg(test)]
mod tests;
