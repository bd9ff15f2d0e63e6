//! One event from one trigger match, in stages: where the trigger sits ([`site`]), who acts
//! ([`actor`]), whether the match is an act at all ([`no_act`]), what it acts on
//! ([`super::target`]), and its modality, date and coding ([`finish`]).

use migtrack_domain::EntityKind;
use migtrack_model::{Action, DateMention, Event, Modality, Span};

use super::lexicon::{Entry, Lexicon, Token};
use super::target::Targeting;
use super::{
    Doc, ENFORCEMENT_WORDS, Kind, Mention, State, after_preposition, clause_end, clause_start,
    is_capitalised, mentions_in, modality, not_a_request, own_subject_name, pick_date, word,
};

/// Where a trigger sits: its words, its clause, and the candidate subjects before it.
pub(super) struct Site<'d> {
    /// Token range of the trigger.
    pub start: usize,
    pub end: usize,
    pub trigger: Span,
    pub sentence: Span,
    /// Token range of the trigger's clause (between clause breaks).
    pub clause_from: usize,
    pub clause_to: usize,
    pub clause_span: Span,
    /// Mentions from the sentence start to the trigger.
    pub before: &'d [Mention],
    /// The nearest mention before the trigger that no preposition governs (the first one
    /// after "that it": "X informed Y that it was ending …").
    pub subject: Option<&'d Mention>,
    /// "… by X" right after the trigger.
    pub passive_by: Option<&'d Mention>,
    /// An "-ed" trigger followed by "by".
    pub passive: bool,
}

/// Who acts, and whether the text names them here (`from_text`) or the discourse supplies
/// them (the last actor, the sentence focus).
pub(super) struct Actor {
    pub id: String,
    pub kind: Kind,
    pub agent: Option<String>,
    pub from_text: bool,
}

impl Actor {
    fn named(mention: &Mention) -> Actor {
        Actor {
            id: mention.id.clone(),
            kind: mention.kind,
            agent: mention.agent.clone(),
            from_text: true,
        }
    }

    fn remembered((id, kind, agent): (String, Kind, Option<String>)) -> Actor {
        Actor {
            id,
            kind,
            agent,
            from_text: false,
        }
    }
}

/// The event for the trigger at tokens `start..end` of `sentence`, or None when the match is
/// no act or finds no actor or target. Updates the discourse `state` for a built event.
#[allow(clippy::too_many_arguments)]
pub(super) fn build_event(
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
    let site = site(doc, lexicon, tokens, start, end, sentence);
    if gerund_subject(doc, lexicon, tokens, &site) {
        return None;
    }
    let actor = actor(doc, tokens, &site, state)?;
    if site
        .subject
        .is_some_and(|subject| subject.party && subset_of(doc, lexicon, tokens, subject))
    {
        return None;
    }
    if entry.other_actors_only && actor.kind != Kind::Other {
        return None;
    }
    if no_act(doc, lexicon, entry, tokens, &site) {
        return None;
    }
    let target = Targeting::new(doc, lexicon, entry, tokens, &site, &actor.id).target(state)?;
    if target.is_empty() || target == actor.id {
        return None;
    }
    Some(finish(
        doc, lexicon, entry, tokens, &site, dates, actor, target, state,
    ))
}

fn site<'d>(
    doc: &'d Doc,
    lexicon: &Lexicon,
    tokens: &[Token],
    start: usize,
    end: usize,
    sentence: Span,
) -> Site<'d> {
    let trigger = Span::new(tokens[start].start, tokens[end - 1].end);
    let clause_from = clause_start(doc, lexicon, tokens, start);
    let clause_to = clause_end(doc, lexicon, tokens, end);
    let clause_span = Span::new(
        tokens.get(clause_from).map_or(sentence.start, |t| t.start),
        tokens
            .get(clause_to.saturating_sub(1))
            .map_or(sentence.end, |t| t.end),
    );
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
    Site {
        start,
        end,
        trigger,
        sentence,
        clause_from,
        clause_to,
        clause_span,
        before,
        subject,
        passive_by,
        passive,
    }
}

/// The actor, in order: the state or body of a first-person quote's speaker, a passive
/// "by X", the government in focus for a bare passive, the subject, a state inside the
/// trigger, then what the discourse remembers ([`remembered_actor`]).
fn actor(doc: &Doc, tokens: &[Token], site: &Site, state: &State) -> Option<Actor> {
    if let Some(actor) = quote_speaker(doc, tokens, site) {
        return Some(actor);
    }
    if let Some(mention) = site.passive_by {
        return Some(Actor::named(mention));
    }
    if site.passive
        && let Some(last) = state.last_actor.clone()
    {
        // "policies opposed by the administration": the government in focus.
        return Some(Actor::remembered(last));
    }
    if let Some(mention) = site.subject {
        return Some(Actor::named(mention));
    }
    if let Some(mention) = mentions_in(doc, site.trigger.start, site.trigger.end)
        .iter()
        .find(|m| m.kind == Kind::State && site.start + 1 < site.end)
    {
        // "pulls the U.S. out of": the state inside the trigger is the one acting.
        return Some(Actor::named(mention));
    }
    remembered_actor(doc, tokens, site, state)
}

/// "Sending troops to the border would not be unprecedented": a gerund that opens the
/// sentence and is the subject of its verb (a modal or finite be/have/do follows before any
/// comma) names an act in general, done by nobody in particular. ("Withdrawing from the
/// compact, Hungary said …" is no subject: the comma comes first.)
fn gerund_subject(doc: &Doc, lexicon: &Lexicon, tokens: &[Token], site: &Site) -> bool {
    let opens = tokens[..site.start]
        .iter()
        .rev()
        .take_while(|token| token.start >= site.sentence.start)
        .all(|token| !token.word);
    if !opens || !word(doc, tokens[site.start]).ends_with("ing") {
        return false;
    }
    tokens[site.end..]
        .iter()
        .take_while(|token| token.end <= site.sentence.end)
        .map(|token| word(doc, *token))
        .take_while(|word| *word != ",")
        .any(|word| lexicon.finite_auxiliaries.iter().any(|aux| aux == word))
}

/// "Some Republicans also rejected …", "a handful of Democrats called for …": a quantifier
/// right before a party subject (at most "of" and one lower-case word between) makes it some
/// of the party's members, whose act is not the party's.
fn subset_of(doc: &Doc, lexicon: &Lexicon, tokens: &[Token], subject: &Mention) -> bool {
    let at = tokens.partition_point(|token| token.start < subject.span.start);
    tokens[..at]
        .iter()
        .rev()
        .take(3)
        .take_while(|token| token.word)
        .map(|token| word(doc, *token))
        .any(|word| lexicon.subset_quantifiers.iter().any(|q| q == word))
}

/// "“We will not sign the compact,” Chancellor Kurz said": a first-person act inside a direct
/// quote is the act of the state or body the speaker stands for.
fn quote_speaker(doc: &Doc, tokens: &[Token], site: &Site) -> Option<Actor> {
    let quote = doc.speakers.iter().find(|quote| {
        if !quote.span.contains(site.trigger) {
            return false;
        }
        let from = tokens
            .partition_point(|t| t.start < quote.span.start)
            .max(site.clause_from);
        let first_person = (from..site.start).any(|i| {
            // "we", and its contractions ("we've", "we’re", "i'm"): one orthographic token.
            matches!(
                word(doc, tokens[i]).split(['\'', '’']).next(),
                Some("we" | "i")
            ) || matches!(word(doc, tokens[i]), "our" | "my")
                && tokens.get(i + 1).is_some_and(|next| {
                    matches!(
                        word(doc, *next),
                        "country" | "government" | "nation" | "administration" | "state"
                    )
                })
        });
        first_person && !site.before.iter().any(|m| m.span.start >= quote.span.start)
    })?;
    Some(Actor {
        id: quote.entity.clone(),
        kind: match quote.kind {
            EntityKind::Body => Kind::Body,
            _ => Kind::State,
        },
        agent: quote.agent.clone(),
        from_text: true,
    })
}

/// A trigger with no subject of its own: the last sentence's subject after "he"/"she" or on a
/// bullet line, else the last actor (not when the clause names a subject the pack does not
/// know, see below), else the last state named.
fn remembered_actor(doc: &Doc, tokens: &[Token], site: &Site, state: &State) -> Option<Actor> {
    let start = site.start;
    if (start >= 1 && matches!(word(doc, tokens[start - 1]), "he" | "she"))
        && let Some(focus) = state.focus.clone()
    {
        // "He accused the government …": the person who was the last sentence's subject.
        return Some(Actor::remembered(focus));
    }
    if state.bullet
        && let Some(focus) = state.focus.clone()
    {
        // A bullet line without its own subject: the subject of the lead-in.
        return Some(Actor::remembered(focus));
    }
    if own_subject_name(doc, tokens, site.clause_from, start) {
        // "Former U.N. Secretary-General Ban Ki-moon hosted …" (a former office holder acts
        // for no government), or a named subject the pack does not know while the last actor,
        // a body (an alliance deploying abroad), acted in an earlier paragraph: the sentence's
        // own subject is not that actor.
        let former = (site.clause_from..start).any(|i| {
            word(doc, tokens[i]) == "former"
                && tokens
                    .get(i + 1)
                    .is_some_and(|t| is_capitalised(doc.text, *t))
        });
        let sentence = site.sentence;
        let earlier_paragraph = doc
            .text
            .get(state.last_actor_at.min(sentence.start)..sentence.start)
            .is_none_or(|between| between.contains('\n'));
        let last = state.last_actor.clone()?;
        if former || earlier_paragraph && last.1 == Kind::Body {
            return None;
        }
        return Some(Actor::remembered(last));
    }
    if let Some(last) = state.last_actor.clone() {
        return Some(Actor::remembered(last));
    }
    let government = doc.mentions[..doc
        .mentions
        .partition_point(|m| m.span.start < site.trigger.start)]
        .iter()
        .rev()
        .find(|m| m.kind == Kind::State)?;
    Some(Actor {
        id: government.id.clone(),
        kind: Kind::State,
        agent: government.agent.clone(),
        from_text: false,
    })
}

/// Matches that name no act of the actor's: an imperative, an open question, a noun's
/// complement, a word inside a name, a topic gerund, a purpose, or a non-request "ask"/"call".
fn no_act(doc: &Doc, lexicon: &Lexicon, entry: &Entry, tokens: &[Token], site: &Site) -> bool {
    let (start, end, sentence) = (site.start, site.end, site.sentence);
    // "Congress, fund the WALL!": an imperative addressed to the actor, not its act. The
    // addressee opens the sentence ("the party's spokesman, Mark Oaten, accused": a name
    // closing an apposition is no addressee).
    let vocative = site.subject.is_some_and(|m| {
        start >= 1
            && doc.text[sentence.start..m.span.start]
                .chars()
                .all(|c| !c.is_alphanumeric())
            && word(doc, tokens[start - 1]) == ","
            && tokens[start - 1].start >= m.span.end
            && doc.text[m.span.end..tokens[start - 1].start]
                .trim()
                .is_empty()
    });
    // "to determine whether the United States would participate": an open question.
    let open_question = (site.clause_from..start).any(|i| word(doc, tokens[i]) == "whether")
        || tokens.last().is_some_and(|t| word(doc, *t) == "?");
    // "effort to restrict …", "criticism for opposing …": a noun's complement, not an event.
    let nominal = (start.saturating_sub(3)..start).any(|i| {
        let w = word(doc, tokens[i]);
        tokens[i].word && lexicon.nominal_heads.iter().any(|h| h == w)
    });
    // "Ban Ki-moon": a capitalised trigger word inside a name.
    let in_name = start > 0
        && is_capitalised(doc.text, tokens[start])
        && tokens
            .get(start + 1)
            .is_some_and(|t| is_capitalised(doc.text, *t));
    // "dissuade governments from detaining …": a gerund after "from" is what someone else is
    // kept from doing; "differences over restricting …", "talk about expanding …": a gerund
    // after "over", "about" or "on" is a topic, not an act ("focus resources on deporting
    // …").
    let kept_from = start > 0
        && matches!(
            word(doc, tokens[start - 1]),
            "from" | "over" | "about" | "on"
        )
        && word(doc, tokens[start]).ends_with("ing");
    // "a deal aimed at curbing migration", "rules meant to deter …": the purpose of
    // something else, not an act of its own.
    let purpose = (start.saturating_sub(2)..start).any(|i| {
        let w = word(doc, tokens[i]);
        let next = tokens.get(i + 1).map_or("", |t| word(doc, *t));
        matches!(
            (w, next),
            ("aimed" | "aiming", "at") | ("meant" | "designed" | "intended", "to")
        )
    });
    vocative
        || open_question
        || nominal
        || in_name
        || kept_from
        || purpose
        || not_a_request(doc, entry, tokens, start, end)
}

/// Modality, date and coding of a built event; remembers its actor in `state`.
#[allow(clippy::too_many_arguments)]
fn finish(
    doc: &Doc,
    lexicon: &Lexicon,
    entry: &Entry,
    tokens: &[Token],
    site: &Site,
    dates: &[DateMention],
    actor: Actor,
    target: String,
    state: &mut State,
) -> Event {
    let modality = event_modality(doc, lexicon, entry, tokens, site, &actor.id);
    let date = pick_date(
        doc,
        tokens,
        dates,
        site.clause_span,
        site.sentence,
        site.trigger,
    );
    if actor.from_text || state.last_actor.is_none() {
        state.last_actor = Some((actor.id.clone(), actor.kind, actor.agent.clone()));
    }
    state.last_actor_at = site.trigger.start;
    let (coded, rule) = recode(lexicon, entry, &actor, &target);
    Event {
        actor: actor.id,
        action: coded.action,
        target,
        date,
        modality,
        agent: actor.agent,
        cameo: coded.cameo.clone(),
        plover: coded.plover.clone(),
        span: site.trigger,
        sentence: site.sentence,
        rule,
    }
}

/// The entry's fixed modality, else the clause's cues ([`modality`]); a party out of
/// government can only plan a measure ("an opposition party's plan is the party's, with
/// modality planned").
fn event_modality(
    doc: &Doc,
    lexicon: &Lexicon,
    entry: &Entry,
    tokens: &[Token],
    site: &Site,
    actor_id: &str,
) -> Modality {
    // "will vote against this measure when it comes for renewal": a vote is cast later; the
    // entry's fixed modality (for "will not sign") does not apply to a vote.
    let vote = matches!(word(doc, tokens[site.start]), "vote" | "votes" | "voting");
    let modality = entry.modality.filter(|_| !vote).unwrap_or_else(|| {
        modality(
            doc,
            lexicon,
            tokens,
            site.clause_from,
            site.start,
            site.clause_to,
        )
    });
    let actor_party = doc.mentions.iter().any(|m| m.party && m.id == actor_id);
    let own_measure = !matches!(
        entry.action,
        Action::Criticize | Action::Support | Action::Urge | Action::Reject | Action::Block
    );
    if actor_party && modality == Modality::Asserted && own_measure {
        Modality::Planned
    } else {
        modality
    }
}

/// The entry an event is coded with, and its rule name. "expand immigration detention":
/// widening enforcement narrows protection (restrict); "A High Court judge halted the
/// government's plan": a court stopping a measure blocks it. A re-coded event names the
/// re-coding rule, then the entry that matched ("block.court:restrict.reduce");
/// `tree::refine` reads the entry from the part after `:`.
fn recode<'l>(
    lexicon: &'l Lexicon,
    entry: &'l Entry,
    actor: &Actor,
    target: &str,
) -> (&'l Entry, String) {
    let enforcement = entry.action == Action::Expand && {
        let lower = target.to_ascii_lowercase();
        ENFORCEMENT_WORDS.iter().any(|w| lower.contains(w))
    };
    let court = entry.action == Action::Restrict && actor.kind == Kind::Other && {
        let lower = actor.id.to_ascii_lowercase();
        lower.contains("court") || lower.contains("judge")
    };
    let recoded = |action: Action, rule: &str| {
        lexicon
            .entries
            .iter()
            .find(|e| e.action == action)
            .map(|e| (e, format!("{}.{rule}:{}", action.as_str(), entry.id)))
    };
    if court {
        recoded(Action::Block, "court")
    } else if enforcement {
        recoded(Action::Restrict, "enforcement")
    } else {
        None
    }
    .unwrap_or_else(|| (entry, entry.id.clone()))
}
