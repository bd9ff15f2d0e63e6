//! The gazetteer matcher: one Aho-Corasick automaton over every normalised alias of the pack,
//! then the context rules that decide whether a hit is a mention (case, word boundaries,
//! demonym + role word, capital + verb, office holder in office on the date), then
//! longest-leftmost selection, role-phrase extension and merging of adjacent mentions.

use std::collections::{HashMap, HashSet};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use chrono::NaiveDate;

use crate::load::{RawPack, alias_key, invalid_error};
use crate::normalize::{Normalized, normalize};
use crate::{EntityKind, MentionKind, OfficeHolder, Result};

/// What one alias resolves to.
#[derive(Debug, Clone)]
pub(crate) enum Target {
    /// A name, alias or government phrase: always a mention.
    Entity {
        entity: usize,
        via: MentionKind,
        agent: Option<String>,
    },
    /// A demonym: a mention only before a role word ("Hungarian government").
    Demonym { entity: usize },
    /// A capital: a mention only before a speech/decision verb ("Washington said").
    Capital { entity: usize },
    /// An office holder's name; `surname_only` hits resolve only while in office; a `titled`
    /// name ("President Barack Obama") also names the holder after the term (see
    /// [`pick_holder`]).
    Holder {
        holder: usize,
        surname_only: bool,
        titled: bool,
    },
    /// A phrase that is no entity but hides the names inside it ("New Mexico").
    Block,
}

/// A name found in other case: its normalised start and end, the normalised offsets to raise,
/// and its number of words ([`Matcher::case_hits`]).
pub(crate) type CaseHit = (usize, usize, Vec<usize>, usize);

/// Positions (bytes of the normalised alias) that must be upper case in the text.
type CaseRule = Vec<usize>;

#[derive(Debug, Clone)]
struct Pattern {
    case: CaseRule,
    targets: Vec<Target>,
}

#[derive(Debug, Clone)]
struct Head {
    /// Normalised phrase.
    phrase: String,
    case: CaseRule,
    applies_to: Vec<EntityKind>,
    agent: bool,
    before_of: bool,
}

/// Lookup tables shared by [`Matcher`] and the pack's query methods.
#[derive(Debug, Clone)]
pub(crate) struct Matcher {
    automaton: AhoCorasick,
    patterns: Vec<Pattern>,
    /// Pattern index by alias key (normalised, lower case).
    by_key: HashMap<String, usize>,
    heads: Vec<Head>,
    verbs: HashSet<String>,
    place_words: HashSet<String>,
    former_words: HashSet<String>,
}

/// A mention in normalised coordinates, before it is mapped back to the original text.
#[derive(Debug, Clone)]
pub(crate) struct Candidate {
    pub start: usize,
    pub end: usize,
    /// A rejected or blocking hit: takes part in longest-match selection, then is dropped.
    pub blocked: bool,
    pub entity: usize,
    pub via: MentionKind,
    pub agent: Agent,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Agent {
    None,
    Fixed(String),
    /// The agent is the text of the final span ("U.S. ambassador to the U.N.").
    SpanText,
}

fn case_rule(normalized_alias: &str) -> CaseRule {
    let bytes = normalized_alias.as_bytes();
    let mut rule = Vec::new();
    let mut index = 0;
    while index < bytes.len() {
        if !bytes[index].is_ascii_alphabetic() {
            index += 1;
            continue;
        }
        let start = index;
        while index < bytes.len() && bytes[index].is_ascii_alphabetic() {
            index += 1;
        }
        let run = &bytes[start..index];
        if run.len() >= 2 && run.iter().all(u8::is_ascii_uppercase) {
            rule.extend(start..index);
        } else if run[0].is_ascii_uppercase() {
            rule.push(start);
        }
    }
    rule
}

fn merge_case(left: &CaseRule, right: &CaseRule) -> CaseRule {
    left.iter().copied().filter(|p| right.contains(p)).collect()
}

fn case_ok(text: &[u8], start: usize, rule: &CaseRule) -> bool {
    rule.iter()
        .all(|offset| text.get(start + offset).is_some_and(u8::is_ascii_uppercase))
}

fn is_word_char(character: char) -> bool {
    character.is_alphanumeric()
}

fn boundary_before(text: &str, start: usize) -> bool {
    text[..start]
        .chars()
        .next_back()
        .is_none_or(|c| !is_word_char(c))
}

fn boundary_after(text: &str, end: usize) -> bool {
    text[end..].chars().next().is_none_or(|c| !is_word_char(c))
}

/// The word right after `end` (skipping one space), lower-cased.
fn next_word(text: &str, end: usize) -> Option<String> {
    let rest = text[end..].strip_prefix(' ')?;
    let word: String = rest
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '\'')
        .collect();
    (!word.is_empty()).then(|| word.to_lowercase())
}

/// The word right before `start` (skipping one space), with its start.
fn previous_word(text: &str, start: usize) -> Option<(usize, &str)> {
    let before = text[..start].strip_suffix(' ')?;
    let word_start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphanumeric() || *c == '.' || *c == '-')
        .last()
        .map(|(index, _)| index)?;
    Some((word_start, &before[word_start..]))
}

fn starts_with_ignore_ascii_case(text: &str, prefix: &str) -> bool {
    text.len() >= prefix.len()
        && text.as_bytes()[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes())
}

fn ends_with_ignore_ascii_case(text: &str, suffix: &str) -> bool {
    text.len() >= suffix.len()
        && text.as_bytes()[text.len() - suffix.len()..].eq_ignore_ascii_case(suffix.as_bytes())
}

/// Builder state: aliases in registration order.
#[derive(Default)]
struct Registry {
    texts: Vec<String>,
    patterns: Vec<Pattern>,
    by_key: HashMap<String, usize>,
    /// Entity-or-holder owner of each key, for clash reports.
    owner: HashMap<String, (String, String)>,
}

impl Registry {
    /// Add `alias` → `target`; `owner` names what it resolves to for duplicate checks.
    /// An entity's own names: `primary` (when given) as its name, then `aliases`.
    fn add_names<'a>(
        &mut self,
        file: &str,
        owner: &str,
        entity: usize,
        primary: Option<&String>,
        aliases: impl IntoIterator<Item = &'a String>,
    ) -> Result<()> {
        let named = |via| Target::Entity {
            entity,
            via,
            agent: None,
        };
        if let Some(name) = primary {
            self.add(file, name, owner, named(MentionKind::Name))?;
        }
        for alias in aliases {
            self.add(file, alias, owner, named(MentionKind::Alias))?;
        }
        Ok(())
    }

    fn add(&mut self, file: &str, alias: &str, owner: &str, target: Target) -> Result<()> {
        let normalized = normalize(alias.trim()).text;
        let key = alias_key(alias);
        if key.is_empty() {
            return Err(invalid_error(file, format!("{owner}: empty alias")));
        }
        if let Some((existing, existing_file)) = self.owner.get(&key)
            && existing != owner
        {
            return Err(invalid_error(
                file,
                format!(
                    "alias {alias:?} of {owner} is already an alias of {existing} (in {existing_file})"
                ),
            ));
        }
        let rule = case_rule(&normalized);
        match self.by_key.get(&key) {
            Some(&index) => {
                let pattern = &mut self.patterns[index];
                pattern.case = merge_case(&pattern.case, &rule);
                let duplicate_entity = matches!(
                    (&target, pattern.targets.first()),
                    (
                        Target::Entity { .. } | Target::Demonym { .. } | Target::Capital { .. },
                        Some(_)
                    )
                );
                // The first rule registered for an entity alias wins (names before capitals);
                // office holders keep every term.
                if !duplicate_entity {
                    pattern.targets.push(target);
                }
            }
            None => {
                self.owner
                    .insert(key.clone(), (owner.to_string(), file.to_string()));
                self.by_key.insert(key, self.patterns.len());
                self.texts.push(normalized);
                self.patterns.push(Pattern {
                    case: rule,
                    targets: vec![target],
                });
            }
        }
        Ok(())
    }
}

impl Matcher {
    pub(crate) fn build(
        raw: &RawPack,
        entity_index: &HashMap<String, usize>,
        holders: &[OfficeHolder],
    ) -> Result<Matcher> {
        use crate::load::{
            BODIES_FILE, FRAMEWORKS_FILE, GOVERNMENT_FILE, OFFICE_HOLDERS_FILE, ROLES_FILE,
            STATES_FILE,
        };
        let mut registry = Registry::default();
        let index_of = |file: &str, id: &str| -> Result<usize> {
            entity_index
                .get(id)
                .copied()
                .ok_or_else(|| invalid_error(file, format!("unknown entity id {id:?}")))
        };
        // Names first, so that a capital equal to a name stays a name.
        for state in &raw.states {
            let entity = index_of(STATES_FILE, &state.id)?;
            let primary = state.match_name.then_some(&state.name);
            registry.add_names(STATES_FILE, &state.id, entity, primary, &state.names)?;
        }
        for (file, records) in [
            (BODIES_FILE, &raw.bodies),
            (FRAMEWORKS_FILE, &raw.frameworks),
        ] {
            for record in records {
                let entity = index_of(file, &record.id)?;
                registry.add_names(
                    file,
                    &record.id,
                    entity,
                    Some(&record.name),
                    &record.aliases,
                )?;
            }
        }
        for record in &raw.government {
            let entity = index_of(GOVERNMENT_FILE, &record.entity)?;
            let agent = record
                .agent
                .clone()
                .unwrap_or_else(|| record.phrase.clone());
            for phrase in std::iter::once(&record.phrase).chain(&record.aliases) {
                registry.add(
                    GOVERNMENT_FILE,
                    phrase,
                    &record.entity,
                    Target::Entity {
                        entity,
                        via: MentionKind::Government,
                        agent: Some(agent.clone()),
                    },
                )?;
            }
        }
        for (file, records) in [
            (BODIES_FILE, &raw.bodies),
            (FRAMEWORKS_FILE, &raw.frameworks),
        ] {
            for record in records {
                let entity = index_of(file, &record.id)?;
                for capital in &record.capitals {
                    registry.add(file, capital, &record.id, Target::Capital { entity })?;
                }
            }
        }
        for state in &raw.states {
            let entity = index_of(STATES_FILE, &state.id)?;
            for demonym in &state.demonyms {
                registry.add(STATES_FILE, demonym, &state.id, Target::Demonym { entity })?;
            }
            for capital in &state.capitals {
                registry.add(STATES_FILE, capital, &state.id, Target::Capital { entity })?;
            }
        }
        for (holder_index, holder) in holders.iter().enumerate() {
            let record = raw
                .holders
                .iter()
                .find(|record| record.name == holder.name && record.role == holder.role)
                .ok_or_else(|| invalid_error(OFFICE_HOLDERS_FILE, "internal: holder lost"))?;
            // Holders share their keys with each other (two Clintons, one name in two roles)
            // and are told apart by date; never with an entity alias.
            let owner = "office holders".to_string();
            let mut names: Vec<String> = vec![record.name.clone()];
            names.extend(record.aliases.iter().cloned());
            let surname = record
                .surname
                .clone()
                .or_else(|| record.name.split_whitespace().last().map(str::to_string))
                .unwrap_or_default();
            let mut titled_names = Vec::new();
            for title in &record.titles {
                for name in names.iter().chain([&surname]) {
                    titled_names.push(format!("{title} {name}"));
                }
            }
            let plain = names.iter().map(|name| (name, false));
            for (name, titled) in plain.chain(titled_names.iter().map(|name| (name, true))) {
                registry.add(
                    OFFICE_HOLDERS_FILE,
                    name,
                    &owner,
                    Target::Holder {
                        holder: holder_index,
                        surname_only: false,
                        titled,
                    },
                )?;
            }
            if record.surname_alone && !surname.is_empty() {
                registry.add(
                    OFFICE_HOLDERS_FILE,
                    &surname,
                    &owner,
                    Target::Holder {
                        holder: holder_index,
                        surname_only: true,
                        titled: false,
                    },
                )?;
            }
        }
        for phrase in &raw.roles.not_entities {
            registry.add(ROLES_FILE, phrase, "not an entity", Target::Block)?;
        }
        let automaton = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .build(&registry.texts)
            .map_err(|error| invalid_error("pack", format!("cannot build matcher: {error}")))?;
        let mut heads: Vec<Head> = raw
            .roles
            .heads
            .iter()
            .map(|head| {
                let phrase = normalize(head.phrase.trim()).text;
                Head {
                    case: case_rule(&phrase),
                    phrase,
                    applies_to: head.applies_to.clone(),
                    agent: head.agent,
                    before_of: head.before_of,
                }
            })
            .collect();
        heads.sort_by_key(|head| std::cmp::Reverse(head.phrase.len()));
        let lower_set = |words: &[String]| words.iter().map(|w| w.trim().to_lowercase()).collect();
        Ok(Matcher {
            automaton,
            patterns: registry.patterns,
            by_key: registry.by_key,
            heads,
            verbs: lower_set(&raw.roles.metonym_verbs),
            place_words: lower_set(&raw.roles.place_words),
            former_words: lower_set(&raw.roles.former_words),
        })
    }

    /// The targets an alias resolves to, if it is one of the pack's aliases.
    pub(crate) fn targets(&self, alias: &str) -> Option<&[Target]> {
        let index = *self.by_key.get(&alias_key(alias))?;
        Some(&self.patterns[index].targets)
    }

    /// The pack's aliases written in `text` in other letter case (see
    /// [`crate::Pack::case_hints`]): for each hit, its normalised span, the normalised
    /// offsets its alias writes in upper case, and how many words the alias has.
    pub(crate) fn case_hits(&self, text: &str) -> (Normalized, Vec<CaseHit>) {
        let normalized = normalize(text);
        let norm = normalized.text.as_str();
        let bytes = norm.as_bytes();
        let mut hits = Vec::new();
        for hit in self.automaton.find_overlapping_iter(norm) {
            let (start, mut end) = (hit.start(), hit.end());
            let pattern = &self.patterns[hit.pattern().as_usize()];
            if pattern.case.is_empty() || case_ok(bytes, start, &pattern.case) {
                continue;
            }
            if !boundary_before(norm, start) {
                continue;
            }
            // A plural of a one-word name ("romanians") is that name too.
            let words = norm[start..end].split(' ').count();
            if !boundary_after(norm, end) {
                if words == 1 && bytes[end] == b's' && boundary_after(norm, end + 1) {
                    end += 1;
                } else {
                    continue;
                }
            }
            let upper = pattern.case.iter().map(|offset| start + offset).collect();
            hits.push((start, end, upper, words));
        }
        (normalized, hits)
    }

    /// Every mention in `text` (see [`crate::Pack::find_mentions`]).
    pub(crate) fn find(
        &self,
        text: &str,
        on: Option<NaiveDate>,
        kinds: &[EntityKind],
        holders: &[OfficeHolder],
        entity_of_holder: &[usize],
    ) -> (Normalized, Vec<Candidate>) {
        let normalized = normalize(text);
        let norm = normalized.text.as_str();
        let bytes = norm.as_bytes();
        let mut candidates: Vec<Candidate> = Vec::new();
        for hit in self.automaton.find_overlapping_iter(norm) {
            let (start, end) = (hit.start(), hit.end());
            let pattern = &self.patterns[hit.pattern().as_usize()];
            if !case_ok(bytes, start, &pattern.case) {
                continue;
            }
            let first_is_word = norm[start..end].chars().next().is_some_and(is_word_char);
            let last_is_word = norm[start..end]
                .chars()
                .next_back()
                .is_some_and(is_word_char);
            if (first_is_word && !boundary_before(norm, start))
                || (last_is_word && !boundary_after(norm, end))
            {
                continue;
            }
            // A hit whose context rule fails (a capital not followed by a verb, a demonym
            // without a role word, a holder out of office) or a `not_entities` phrase still
            // hides the shorter names inside it ("in Mexico City" is not MEX).
            let candidate = self
                .resolve(
                    norm,
                    start,
                    end,
                    &pattern.targets,
                    on,
                    kinds,
                    holders,
                    entity_of_holder,
                )
                .unwrap_or(Candidate {
                    start,
                    end,
                    blocked: true,
                    entity: 0,
                    via: MentionKind::Name,
                    agent: Agent::None,
                });
            candidates.push(candidate);
        }
        candidates.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
        let mut selected: Vec<Candidate> = Vec::new();
        for candidate in candidates {
            if selected
                .last()
                .is_none_or(|last| candidate.start >= last.end)
            {
                selected.push(candidate);
            }
        }
        selected.retain(|candidate| !candidate.blocked);
        let selected = self.extend_with_heads(norm, selected, kinds);
        let selected = merge_adjacent(norm, selected);
        (normalized, selected)
    }

    #[allow(clippy::too_many_arguments)]
    fn resolve(
        &self,
        norm: &str,
        start: usize,
        end: usize,
        targets: &[Target],
        on: Option<NaiveDate>,
        kinds: &[EntityKind],
        holders: &[OfficeHolder],
        entity_of_holder: &[usize],
    ) -> Option<Candidate> {
        let first = targets.first()?;
        let candidate = |entity: usize, via: MentionKind, agent: Agent| Candidate {
            start,
            end,
            blocked: false,
            entity,
            via,
            agent,
        };
        match first {
            Target::Entity { entity, via, agent } => Some(candidate(
                *entity,
                *via,
                agent.clone().map_or(Agent::None, Agent::Fixed),
            )),
            Target::Demonym { entity } => {
                let state = kinds.get(*entity).copied()?;
                self.head_after(norm, end, state, false)?;
                Some(candidate(*entity, MentionKind::Demonym, Agent::None))
            }
            Target::Capital { entity } => {
                let verb = next_word(norm, end)?;
                if !self.verbs.contains(&verb) {
                    return None;
                }
                if let Some((_, word)) = previous_word(norm, start)
                    && self.place_words.contains(&word.to_lowercase())
                {
                    return None;
                }
                Some(candidate(*entity, MentionKind::Capital, Agent::None))
            }
            Target::Block => None,
            Target::Holder { .. } => {
                if self.preceded_by_former(norm, start) {
                    return None;
                }
                // A name (full or surname) resolves to the holder in office on the date, or
                // without a date to the most recent one.
                let (holder, _surname_only) = pick_holder(targets, on, holders)?;
                let entity = *entity_of_holder.get(holder)?;
                Some(candidate(
                    entity,
                    MentionKind::OfficeHolder,
                    Agent::Fixed(holders[holder].name.clone()),
                ))
            }
        }
    }

    /// "former President Trump", "ex-Chancellor Merkel": skip capitalised words (titles)
    /// backwards and look for a former-word.
    fn preceded_by_former(&self, norm: &str, start: usize) -> bool {
        let mut position = start;
        for _ in 0..4 {
            let Some((word_start, word)) = previous_word(norm, position) else {
                return false;
            };
            let lower = word.to_lowercase();
            if self.former_words.contains(&lower)
                || self
                    .former_words
                    .iter()
                    .any(|f| f.ends_with('-') && lower.starts_with(f.as_str()))
            {
                return true;
            }
            if !word.chars().next().is_some_and(char::is_uppercase) {
                return false;
            }
            position = word_start;
        }
        false
    }

    /// A role word after `end` ("government", "'s foreign minister"), for an entity of `kind`.
    /// Returns the end of the head and whether it names an agent.
    fn head_after(
        &self,
        norm: &str,
        end: usize,
        kind: EntityKind,
        allow_possessive: bool,
    ) -> Option<(usize, bool)> {
        let mut position = end;
        if allow_possessive && norm[position..].starts_with("'s") {
            position += 2;
        }
        position += norm[position..].starts_with(' ').then_some(1)?;
        let rest = &norm[position..];
        let bytes = norm.as_bytes();
        self.heads
            .iter()
            .filter(|head| head.applies_to.contains(&kind))
            .find(|head| {
                starts_with_ignore_ascii_case(rest, &head.phrase)
                    && case_ok(bytes, position, &head.case)
                    && boundary_after(norm, position + head.phrase.len())
            })
            .map(|head| (position + head.phrase.len(), head.agent))
    }

    /// "the president of Mexico": a before-of head ending right before `start`.
    fn head_before(&self, norm: &str, start: usize) -> Option<(usize, bool)> {
        let before = &norm[..start];
        for head in self.heads.iter().filter(|head| head.before_of) {
            for glue in [" of ", " of the "] {
                let needle_length = head.phrase.len() + glue.len();
                if before.len() < needle_length {
                    continue;
                }
                let head_start = before.len() - needle_length;
                if !before.is_char_boundary(head_start) {
                    continue;
                }
                let tail = &before[head_start..];
                if ends_with_ignore_ascii_case(tail, glue)
                    && starts_with_ignore_ascii_case(tail, &head.phrase)
                    && boundary_before(norm, head_start)
                {
                    return Some((head_start, head.agent));
                }
            }
        }
        None
    }

    /// Extend state and body mentions with the role word after them ("U.S. diplomats",
    /// "Mexico's president", "the U.S. ambassador to the U.N.") or before them ("the
    /// president of Mexico"). An extension may swallow plain name mentions it contains
    /// (the "U.N." of "ambassador to the U.N."), never cut another mention.
    fn extend_with_heads(
        &self,
        norm: &str,
        selected: Vec<Candidate>,
        kinds: &[EntityKind],
    ) -> Vec<Candidate> {
        let mut out: Vec<Candidate> = Vec::with_capacity(selected.len());
        let mut index = 0;
        while index < selected.len() {
            let mut candidate = selected[index].clone();
            index += 1;
            let extendable = matches!(
                candidate.via,
                MentionKind::Name | MentionKind::Alias | MentionKind::Demonym
            );
            let Some(kind) = kinds.get(candidate.entity).copied() else {
                out.push(candidate);
                continue;
            };
            if !extendable || kind == EntityKind::Framework {
                out.push(candidate);
                continue;
            }
            let possessive = candidate.via != MentionKind::Demonym;
            if let Some((head_end, names_agent)) =
                self.head_after(norm, candidate.end, kind, possessive)
            {
                // Mentions the extension would touch.
                let mut swallowed = index;
                let mut allowed = true;
                while swallowed < selected.len() && selected[swallowed].start < head_end {
                    let other = &selected[swallowed];
                    if other.end > head_end
                        || !matches!(other.via, MentionKind::Name | MentionKind::Alias)
                    {
                        allowed = false;
                        break;
                    }
                    swallowed += 1;
                }
                if allowed {
                    index = swallowed;
                    candidate.end = head_end;
                    if names_agent {
                        candidate.via = MentionKind::Role;
                        candidate.agent = Agent::SpanText;
                    }
                }
            } else if kind == EntityKind::State
                && candidate.via != MentionKind::Demonym
                && let Some((head_start, names_agent)) = self.head_before(norm, candidate.start)
                && out.last().is_none_or(|last| last.end <= head_start)
            {
                candidate.start = head_start;
                if names_agent {
                    candidate.via = MentionKind::Role;
                    candidate.agent = Agent::SpanText;
                }
            }
            out.push(candidate);
        }
        out
    }
}

/// The office holder a name hit resolves to: the one in office on `on`, or without a date the
/// most recent. Hits of a surname alone need the holder in office (or no date). A name with
/// its title ("President Barack Obama sent troops in 2010") in an article written after the
/// term names the holder in that office: the text gives the title, so the act is the office's
/// (a former holder is "former President", which [`Matcher::preceded_by_former`] drops). The
/// last term begun before `on` is the one meant.
fn pick_holder(
    targets: &[Target],
    on: Option<NaiveDate>,
    holders: &[OfficeHolder],
) -> Option<(usize, bool)> {
    let terms = targets.iter().filter_map(|target| match target {
        Target::Holder {
            holder,
            surname_only,
            titled,
        } => Some((*holder, *surname_only, *titled)),
        _ => None,
    });
    let pair = |(holder, surname_only, _): (usize, bool, bool)| (holder, surname_only);
    match on {
        Some(date) => {
            let in_term = terms
                .clone()
                .filter(|(holder, ..)| holders.get(*holder).is_some_and(|h| in_office(h, date)))
                .min_by_key(|(holder, ..)| *holder);
            in_term
                .or_else(|| {
                    terms
                        .filter(|&(holder, _, titled)| {
                            titled && holders.get(holder).is_some_and(|h| h.from <= date)
                        })
                        .max_by_key(|&(holder, ..)| (holders[holder].from, holder))
                })
                .map(pair)
        }
        None => terms
            .max_by_key(|(holder, ..)| {
                holders
                    .get(*holder)
                    .map(|h| (h.from, std::cmp::Reverse(*holder)))
            })
            .map(pair),
    }
}

pub(crate) fn in_office(holder: &OfficeHolder, date: NaiveDate) -> bool {
    holder.from <= date && holder.until.is_none_or(|until| date < until)
}

/// Join a state/body mention and the government or office-holder mention right after it
/// ("U.S." + "State Department", "U.S." + "President Donald Trump", "Mexico's" + "Foreign
/// Ministry") into one mention that keeps the right one's kind and agent.
fn merge_adjacent(norm: &str, selected: Vec<Candidate>) -> Vec<Candidate> {
    let mut out: Vec<Candidate> = Vec::with_capacity(selected.len());
    for candidate in selected {
        if let Some(last) = out.last_mut() {
            let gap = &norm[last.end.min(candidate.start)..candidate.start];
            let joinable_gap = gap == " " || gap == "'s ";
            let left_plain = matches!(
                last.via,
                MentionKind::Name | MentionKind::Alias | MentionKind::Demonym
            );
            let right_specific = matches!(
                candidate.via,
                MentionKind::Government | MentionKind::OfficeHolder | MentionKind::Role
            );
            // "U.S. Ambassador to the U.N." + "Nikki Haley": a role phrase titles the holder.
            let role_titles_holder =
                last.via == MentionKind::Role && candidate.via == MentionKind::OfficeHolder;
            if joinable_gap
                && (left_plain && right_specific || role_titles_holder)
                && last.entity == candidate.entity
            {
                last.end = candidate.end;
                last.via = candidate.via;
                last.agent = candidate.agent;
                continue;
            }
        }
        out.push(candidate);
    }
    out
}
