//! The target stage of [`super::build`]: what a trigger acts on, by the entry's target kind
//! (an entity, a state, a policy phrase, or either), read from the words after the trigger,
//! the subject of a passive, and the frameworks and measures named before.

use super::build::Site;
use super::lexicon::{Entry, Lexicon, TargetKind, Token};
use super::{DETERMINERS, Doc, Kind, Mention, PHRASE_STOPS, State, mentions_in, word};
use migtrack_model::{Action, Span};

/// The words after a trigger and what the target rules ask of them.
pub(super) struct Targeting<'a, 'd> {
    doc: &'d Doc<'d>,
    lexicon: &'a Lexicon,
    entry: &'a Entry,
    tokens: &'a [Token],
    site: &'a Site<'d>,
    actor_id: &'a str,
    /// Token index where the search after the trigger stops (clause end, at most 12 words).
    after_to: usize,
    after_span: Span,
    /// Byte offset a direct object must start by: four words after the trigger, or the next
    /// comma or semicolon ("rejected the compact, and Austria said …": Austria is the next
    /// clause's subject, not the object).
    near_limit: usize,
    /// The short noun phrase right after the trigger ([`noun_phrase`]).
    phrase: String,
    /// The framework or body a passive trigger's subject names.
    passive_target: Option<&'d Mention>,
}

impl<'a, 'd> Targeting<'a, 'd> {
    pub(super) fn new(
        doc: &'d Doc<'d>,
        lexicon: &'a Lexicon,
        entry: &'a Entry,
        tokens: &'a [Token],
        site: &'a Site<'d>,
        actor_id: &'a str,
    ) -> Self {
        let end = site.end;
        let after_to = site.clause_to.min(end + 12);
        let after_span = Span::new(
            tokens.get(end).map_or(site.trigger.end, |t| t.start),
            tokens
                .get(after_to.saturating_sub(1))
                .map_or(site.trigger.end, |t| t.end)
                .max(site.trigger.end),
        );
        let comma = (end..after_to.min(tokens.len()))
            .find(|&i| matches!(word(doc, tokens[i]), "," | ";"))
            .map_or(usize::MAX, |i| tokens[i].start);
        let near_limit = tokens
            .get(end + 4)
            .map_or(usize::MAX, |t| t.start)
            .min(comma);
        let mut targeting = Targeting {
            doc,
            lexicon,
            entry,
            tokens,
            site,
            actor_id,
            after_to,
            after_span,
            near_limit,
            phrase: noun_phrase(doc, tokens, end, after_to),
            passive_target: None,
        };
        targeting.passive_target = targeting.passive_subject();
        targeting
    }

    /// The target, or None when the entry's kind of target is not found.
    pub(super) fn target(&self, state: &State) -> Option<String> {
        match self.entry.target {
            TargetKind::Entity => self.entity(),
            TargetKind::State => self.state(),
            TargetKind::Phrase => self.policy_phrase(),
            TargetKind::EntityOrPhrase => self.entity_or_phrase(state),
        }
    }

    fn word(&self, index: usize) -> &'d str {
        word(self.doc, self.tokens[index])
    }

    /// A passive trigger's framework or body before it; else "The so-called New York
    /// declaration … was endorsed by": an event noun in the subject names the framework whose
    /// name contains it.
    fn passive_subject(&self) -> Option<&'d Mention> {
        let site = self.site;
        if site.passive_by.is_none() && !site.passive {
            return None;
        }
        site.before
            .iter()
            .rev()
            .find(|m| matches!(m.kind, Kind::Framework | Kind::Body))
            .or_else(|| {
                let noun = (site.clause_from..site.start)
                    .map(|i| self.word(i))
                    .find(|w| {
                        self.lexicon.event_nouns.iter().any(|n| {
                            w.trim_end_matches('s') == n.trim_end_matches('s') && w.len() > 4
                        })
                    })?;
                let noun = noun.trim_end_matches('s');
                self.doc.mentions.iter().find(|m| {
                    m.kind == Kind::Framework
                        && self
                            .doc
                            .lower
                            .get(m.span.start..m.span.end)
                            .is_some_and(|name| name.contains(noun))
                })
            })
    }

    /// The first mention of one of `kinds` after the trigger in its clause.
    fn entity_after(&self, kinds: &[Kind]) -> Option<&'d Mention> {
        mentions_in(self.doc, self.after_span.start, self.after_span.end)
            .iter()
            .find(|m| {
                kinds.contains(&m.kind)
                    && m.id != self.actor_id
                    && m.span.end <= self.after_span.end
            })
    }

    /// [`Self::entity_after`] that starts close enough to be the direct object.
    fn entity_near(&self, kinds: &[Kind]) -> Option<&'d Mention> {
        self.entity_after(kinds)
            .filter(|m| m.span.start <= self.near_limit)
    }

    /// A phrase that names what the entry acts on (one of its object words, when it has any).
    fn phrase_ok(&self, phrase: &str) -> bool {
        !phrase.is_empty()
            && (self.entry.object_words.is_empty()
                || self
                    .entry
                    .object_words
                    .iter()
                    .any(|w| phrase.to_ascii_lowercase().contains(w.as_str())))
    }

    /// "the forum", "the talks", "the compact process": the framework named before (one whose
    /// name contains the noun first), else the first one named later.
    fn coreferent_framework(&self, extra: &str) -> Option<String> {
        let doc = self.doc;
        let head = format!("{} {extra}", phrase_first_head(&self.phrase));
        let noun = head.split(|c: char| !c.is_alphanumeric()).find(|w| {
            self.lexicon
                .event_nouns
                .iter()
                .any(|n| w.starts_with(n.as_str()))
        })?;
        let earlier = &doc.mentions[..doc
            .mentions
            .partition_point(|m| m.span.start < self.site.trigger.start)];
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
    }

    /// The mentions named before the trigger.
    fn earlier(&self) -> &'d [Mention] {
        let mentions = &self.doc.mentions;
        &mentions[..mentions.partition_point(|m| m.span.start < self.site.trigger.start)]
    }

    /// A framework or body: the passive subject's, the first after the trigger, one the noun
    /// after the trigger refers back to; a state or other actor for support and criticism.
    fn entity(&self) -> Option<String> {
        if let Some(mention) = self.passive_target {
            return Some(mention.id.clone());
        }
        if let Some(mention) = self.entity_after(&[Kind::Framework, Kind::Body]) {
            // "U.N. talks", "a United Nations–linked body": the body only modifies the noun.
            // The words right after the body ("–linked body") count too.
            let tokens = self.tokens;
            let index = tokens.partition_point(|t| t.start < mention.span.end);
            let following = tokens[index.min(tokens.len())..(index + 4).min(tokens.len())]
                .iter()
                .map(|t| word(self.doc, *t))
                .collect::<Vec<_>>()
                .join(" ");
            return Some(
                match (mention.kind, self.coreferent_framework(&following)) {
                    (Kind::Body, Some(id)) => id,
                    _ => mention.id.clone(),
                },
            );
        }
        if let Some(id) = self.coreferent_framework("") {
            return Some(id);
        }
        if matches!(self.entry.action, Action::Support | Action::Criticize) {
            return Some(self.entity_after(&[Kind::State, Kind::Other])?.id.clone());
        }
        None
    }

    /// "X and Y signed": the coordinated partner; else a state after the trigger; else the
    /// last other state named in the document.
    fn state(&self) -> Option<String> {
        let site = self.site;
        let coordinated = site.subject.and_then(|subject| {
            let index = site.before.iter().position(|m| m.span == subject.span)?;
            let previous = site.before.get(index.checked_sub(1)?)?;
            let between = self.doc.lower.get(previous.span.end..subject.span.start)?;
            (between.trim() == "and" && previous.id != self.actor_id).then(|| previous.id.clone())
        });
        if let Some(id) = coordinated {
            return Some(id);
        }
        if let Some(mention) = self.entity_after(&[Kind::State, Kind::Body]) {
            return Some(mention.id.clone());
        }
        Some(
            self.earlier()
                .iter()
                .rev()
                .find(|m| m.kind == Kind::State && m.id != self.actor_id)?
                .id
                .clone(),
        )
    }

    /// A policy phrase: the noun phrase after the trigger, continued by its complement when
    /// that names the policy, the trigger's own noun with its complement, or the entry's
    /// default target.
    fn policy_phrase(&self) -> Option<String> {
        let (doc, tokens, site) = (self.doc, self.tokens, self.site);
        let (start, end) = (site.start, site.end);
        let phrase = &self.phrase;
        if self.phrase_ok(phrase) {
            return Some(phrase.clone());
        }
        if let Some(longer) = complemented_phrase(doc, tokens, end, self.after_to, phrase)
            && self.phrase_ok(&longer)
        {
            // "an end to the automatic right to settle": the complement names the policy.
            return Some(longer);
        }
        if phrase.is_empty()
            && start + 1 < end
            && self.entry.object_words.is_empty()
            && let Some(measure) = trigger_complement(doc, tokens, end, self.after_to)
        {
            // "offering a three-year extension for the DACA program": the trigger's noun
            // with its complement names the measure.
            return Some(format!("{} {measure}", self.word(end - 1)));
        }
        let trigger = site.trigger;
        if phrase.is_empty()
            && start + 2 < end
            && tokens
                .get(end)
                .is_some_and(|t| matches!(word(doc, *t), "for" | "on" | "of" | "in" | "and" | "to"))
            && self.phrase_ok(&doc.text[trigger.start..trigger.end])
        {
            // "introduce a points system for …": the trigger names the measure itself.
            return Some(doc.text[trigger.start..trigger.end].to_string());
        }
        self.entry.default_target.clone()
    }

    /// "rejected the compact", "voted against the text": a definite event noun right after a
    /// participation verb, with no framework or body named there, is a framework named before.
    fn framework_named_before(&self) -> bool {
        let (start_after, tokens) = (self.site.end, self.tokens);
        let participation = matches!(
            self.entry.action,
            Action::Reject | Action::Withdraw | Action::Endorse | Action::Join | Action::Boycott
        );
        let definite_event_noun = participation
            && (start_after..(start_after + 3).min(tokens.len()))
                .any(|i| matches!(self.word(i), "the" | "this" | "that"))
            && (start_after..(start_after + 4).min(self.after_to).min(tokens.len())).any(|i| {
                let w = self.word(i);
                w == "text"
                    || self
                        .lexicon
                        .event_nouns
                        .iter()
                        .any(|n| w.trim_end_matches('s') == n.trim_end_matches('s'))
            });
        definite_event_noun && self.entity_near(&[Kind::Framework, Kind::Body]).is_none()
    }

    /// An entity or a policy phrase, in order: the passive subject, a framework named before,
    /// the government behind "the president", the owner of "the plans" criticised, a measure
    /// "it" refers to, the offer or change itself, the direct object, a coreferent framework,
    /// and last the noun phrase.
    fn entity_or_phrase(&self, state: &State) -> Option<String> {
        let (doc, lexicon, tokens, site) = (self.doc, self.lexicon, self.tokens, self.site);
        let (start, end) = (site.start, site.end);
        let action = self.entry.action;
        let phrase = &self.phrase;
        let trigger_last = self.word(end - 1);
        let anaphor = lexicon
            .policy_anaphors
            .iter()
            .any(|a| a == trigger_last || phrase.eq_ignore_ascii_case(a));
        let government_word = phrase
            .split_whitespace()
            .next()
            .is_some_and(|w| matches!(w, "president" | "administration" | "government"));
        if let Some(mention) = self.passive_target {
            return Some(mention.id.clone());
        }
        if self.framework_named_before()
            && let Some(id) = self
                .coreferent_framework("")
                .or_else(|| self.coreferent_framework(" framework"))
        {
            return Some(id);
        }
        if government_word {
            // "chided the president": the government in focus (a state named through its
            // leader or government, else any state).
            let earlier = self.earlier();
            return Some(
                earlier
                    .iter()
                    .rev()
                    .find(|m| m.kind == Kind::State && m.agent.is_some())
                    .or_else(|| earlier.iter().rev().find(|m| m.kind == Kind::State))?
                    .id
                    .clone(),
            );
        }
        if anaphor && action == Action::Criticize {
            // "called the plans …": the plans of their owner, else of the last other actor.
            let id = match state.plan_owner.clone() {
                Some(owner) if owner != self.actor_id => owner,
                _ => state.last_actor.clone()?.0,
            };
            return (id != self.actor_id).then_some(id);
        }
        let measure_words = matches!(action, Action::Reject | Action::Block | Action::Support);
        if (measure_words || action == Action::Criticize)
            && let Some(named) = pronoun_target(doc, lexicon, tokens, end, site.trigger.start)
        {
            // "A federal court blocked it": the measure named last before.
            return Some(named);
        }
        if measure_words
            && anaphor
            && !phrase.chars().any(char::is_uppercase)
            && tokens.get(end).is_some_and(|t| {
                matches!(
                    word(doc, *t),
                    "the" | "this" | "that" | "his" | "her" | "their" | "its"
                )
            })
        {
            // "Democrats rejected the offer before Trump announced it": the offer itself,
            // not the person named after it.
            return Some(phrase.clone());
        }
        if action == Action::Support
            && let Some(noun) = (start + 1..end)
                .map(|i| self.word(i))
                .find(|w| lexicon.policy_anaphors.iter().any(|a| a == w))
        {
            // "called the change pragmatic": the change is what is supported.
            return Some(noun.to_string());
        }
        if let Some(mention) =
            self.entity_near(&[Kind::Framework, Kind::Body, Kind::State, Kind::Other])
        {
            return Some(mention.id.clone());
        }
        if let Some(id) = self.coreferent_framework("") {
            return Some(id);
        }
        self.phrase_ok(phrase).then(|| phrase.clone())
    }
}

/// "blocked it": the policy noun named last before the trigger ("the rule", "a July 16 rule"),
/// searched back over the previous few hundred bytes of the document.
fn pronoun_target(
    doc: &Doc,
    lexicon: &Lexicon,
    tokens: &[Token],
    end: usize,
    trigger_start: usize,
) -> Option<String> {
    let next = tokens.get(end)?;
    if !matches!(word(doc, *next), "it" | "them") {
        return None;
    }
    let from = trigger_start.saturating_sub(400);
    let window = doc.lower.get(from..trigger_start)?;
    let bytes = window.as_bytes();
    let mut best: Option<(usize, &str)> = None;
    for anaphor in &lexicon.policy_anaphors {
        let mut search = window.len();
        while let Some(at) = window[..search].rfind(anaphor.as_str()) {
            let after = at + anaphor.len();
            let bounded = (at == 0 || !bytes[at - 1].is_ascii_alphanumeric())
                && bytes.get(after).is_none_or(|b| !b.is_ascii_alphanumeric());
            if bounded {
                if best.is_none_or(|(position, _)| at > position) {
                    best = Some((at, anaphor.as_str()));
                }
                break;
            }
            search = at;
        }
    }
    best.map(|(_, noun)| noun.to_string())
}

/// The prepositional complement right after a trigger ("for the Obama-era Deferred Action for
/// Childhood Arrivals program"), up to a comma, a relative pronoun or ten words.
fn trigger_complement(doc: &Doc, tokens: &[Token], end: usize, to: usize) -> Option<String> {
    let preposition = word(doc, *tokens.get(end)?);
    if !matches!(preposition, "for" | "to" | "of" | "on") {
        return None;
    }
    let stop = (end + 1..to.min(end + 12).min(tokens.len()))
        .find(|&i| {
            matches!(
                word(doc, tokens[i]),
                "," | ";" | "which" | "that" | "who" | "while" | "because" | "." | "—" | "–"
            )
        })
        .unwrap_or(to.min(end + 12).min(tokens.len()));
    if stop <= end + 1 {
        return None;
    }
    let rest = doc.text.get(tokens[end].start..tokens[stop - 1].end)?;
    Some(rest.to_string())
}

/// The noun phrase at `from` continued through one infinitive or prepositional complement
/// ("automatic right" + "to settle"), for a phrase that alone names no policy.
fn complemented_phrase(
    doc: &Doc,
    tokens: &[Token],
    from: usize,
    to: usize,
    phrase: &str,
) -> Option<String> {
    if phrase.is_empty() {
        return None;
    }
    let last_word = phrase.split_whitespace().last()?.to_ascii_lowercase();
    let at = (from..to).find(|&i| {
        doc.text[tokens[i].start..tokens[i].end].eq_ignore_ascii_case(&last_word)
            && tokens
                .get(i + 1)
                .is_some_and(|t| matches!(word(doc, *t), "to" | "for" | "on" | "of"))
    })?;
    let rest = noun_phrase(doc, tokens, at + 2, to);
    if rest.is_empty() {
        return None;
    }
    Some(format!("{phrase} {} {rest}", word(doc, tokens[at + 1])))
}

/// The words of a hashtag target, as a phrase would write them: "#BirthrightCitizenship" →
/// "birthright citizenship" (one word per capital that follows a lower-case letter); a tag in
/// capitals keeps them ("#DACA" → "DACA"). `None` when `target` is no hashtag.
pub(super) fn hashtag_words(target: &str) -> Option<String> {
    let tag = target.strip_prefix('#')?;
    if tag.is_empty() || !tag.chars().all(char::is_alphanumeric) {
        return None;
    }
    if !tag.chars().any(char::is_lowercase) {
        return Some(tag.to_string());
    }
    let mut words = String::new();
    let mut previous_lower = false;
    for c in tag.chars() {
        if c.is_uppercase() && previous_lower {
            words.push(' ');
        }
        previous_lower = c.is_lowercase() || c.is_numeric();
        words.extend(c.to_lowercase());
    }
    Some(words)
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
    // Leading determiners and opening quote marks ("a “safe third country” agreement").
    while index < to
        && (DETERMINERS.contains(&word(doc, tokens[index]))
            || matches!(
                &doc.text[tokens[index].start..tokens[index].end],
                "“" | "\""
            ))
    {
        index += 1;
    }
    // "more than 29,000 migrants", "at least 500,000 migrants": the quantifier is not the head.
    if index + 1 < to
        && matches!(
            (word(doc, tokens[index]), word(doc, tokens[index + 1])),
            ("more" | "less" | "fewer", "than") | ("at", "least") | ("up", "to")
        )
    {
        index += 2;
    } else if index < to
        && (matches!(
            word(doc, tokens[index]),
            "nearly" | "almost" | "about" | "around" | "over"
        ) || index > from
            && word(doc, tokens[index]) == "than"
            && matches!(word(doc, tokens[index - 1]), "more" | "less" | "fewer"))
    {
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
            // A quoted name inside the phrase ("the “Remain in Mexico” policy") continues it,
            // and so does a mark glued between two words of one written token ("29,000",
            // "three-day", "U.N.-backed").
            let in_number = index > first
                && tokens[index - 1].end == token.start
                && tokens
                    .get(index + 1)
                    .is_some_and(|t| t.start == token.end && t.word);
            if matches!(text, "“" | "”" | "\"") || in_number {
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
        Some(last) => doc.text[tokens[first].start..tokens[last].end]
            .split(|c: char| c.is_whitespace() || matches!(c, '“' | '”' | '"'))
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" "),
        None => String::new(),
    }
}
