//! The event lexicon: trigger patterns per action, modality cues and non-state actor names,
//! loaded from `lexicon.json` (data, not code) and compiled once into a first-word index.

use std::collections::HashMap;
use std::sync::OnceLock;

use migtrack_model::{Action, Modality};
use serde::Deserialize;

/// The lexicon shipped with migtrack.
pub const LEXICON_JSON: &str = include_str!("lexicon.json");

#[derive(Debug, thiserror::Error)]
pub enum LexiconError {
    #[error("lexicon.json: {0}")]
    Json(#[from] serde_json::Error),
    #[error("lexicon entry {entry}: {message}")]
    Invalid { entry: String, message: String },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TargetKind {
    /// A framework, body or state mention (or a noun that corefers with one).
    Entity,
    /// A state or body (the other party of an agreement).
    State,
    /// The noun phrase after the trigger.
    Phrase,
    /// A mention inside the phrase after the trigger, else the phrase.
    EntityOrPhrase,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct EntryFile {
    id: String,
    action: String,
    target: TargetKind,
    #[serde(default)]
    policy: bool,
    #[serde(default)]
    object_words: Vec<String>,
    #[serde(default)]
    object_words_from: Option<String>,
    #[serde(default)]
    default_target: Option<String>,
    #[serde(default)]
    deployed_words: Vec<String>,
    #[serde(default)]
    modality: Option<String>,
    #[serde(default)]
    actor_kinds: Vec<String>,
    cameo: Option<String>,
    plover: Option<String>,
    patterns: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ModalityFile {
    negated: Vec<String>,
    hypothetical: Vec<String>,
    planned: Vec<String>,
    /// Cues that make an event planned even inside a conditional ("if elected").
    #[serde(default)]
    pledges: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ActorFile {
    id: String,
    patterns: Vec<String>,
    /// A political party: its policy actions are plans, not acts of government.
    #[serde(default)]
    party: bool,
    /// The name counts only where its first word is capitalised ("Labour", not "labour
    /// shortages"; "Podemos", not "podemos").
    #[serde(default)]
    cased: bool,
    /// The name counts only right before a role word or a capitalised name ("Conservative
    /// shadow home secretary David Davis", "Democratic Senator Chuck Schumer"), where a
    /// party's adjective names the party; elsewhere it is a plain adjective ("conservative
    /// estimates", "a democratic vote").
    #[serde(default)]
    before_role: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LexiconFile {
    version: u32,
    #[serde(rename = "_syntax")]
    _syntax: String,
    policy_words: Vec<String>,
    official_words: Vec<String>,
    funding_words: Vec<String>,
    event_nouns: Vec<String>,
    policy_anaphors: Vec<String>,
    modality: ModalityFile,
    nominal_heads: Vec<String>,
    role_words: Vec<String>,
    clause_breaks: Vec<String>,
    actors: Vec<ActorFile>,
    org_heads: Vec<String>,
    #[serde(default)]
    role_modifiers: Vec<String>,
    #[serde(default)]
    decision_nouns: Vec<String>,
    #[serde(default)]
    in_force_nouns: Vec<String>,
    #[serde(default)]
    finite_auxiliaries: Vec<String>,
    #[serde(default)]
    subset_quantifiers: Vec<String>,
    #[serde(default)]
    government_nouns: Vec<String>,
    #[serde(default)]
    instrument_nouns: Vec<String>,
    #[serde(default)]
    individual_nouns: Vec<String>,
    entries: Vec<EntryFile>,
}

/// One element of a compiled pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Element {
    /// One word, any of these lower-cased forms.
    Word(Vec<String>),
    /// Any single word.
    Any,
    /// Skip between `min` and `max` words.
    Gap(usize, usize),
}

pub type Pattern = Vec<Element>;

#[derive(Debug, Clone)]
pub struct Entry {
    pub id: String,
    pub action: Action,
    pub target: TargetKind,
    /// Words one of which the target phrase must contain (prefix match); empty = any.
    pub object_words: Vec<String>,
    pub default_target: Option<String>,
    /// What the act sends, one of which (prefix match) its object must name when the tree
    /// gives one ("deployed 500 troops", not "deployed drones"); empty = anything.
    pub deployed_words: Vec<String>,
    pub modality: Option<Modality>,
    /// Only actors outside the state/body lists ("other") may trigger it, when non-empty.
    pub other_actors_only: bool,
    pub cameo: Option<String>,
    pub plover: Option<String>,
    pub patterns: Vec<Pattern>,
}

#[derive(Debug, Clone)]
pub struct ActorName {
    pub id: String,
    pub pattern: Pattern,
    pub party: bool,
    /// Only where the name's first word is capitalised.
    pub cased: bool,
    /// Only right before a role word or a capitalised name.
    pub before_role: bool,
}

#[derive(Debug)]
pub struct Lexicon {
    pub version: u32,
    pub entries: Vec<Entry>,
    /// First word → (entry index, pattern index).
    first_word: HashMap<String, Vec<(usize, usize)>>,
    pub negated: Vec<Pattern>,
    pub hypothetical: Vec<Pattern>,
    pub planned: Vec<Pattern>,
    pub pledges: Vec<Pattern>,
    pub funding_words: Vec<String>,
    pub event_nouns: Vec<String>,
    pub policy_anaphors: Vec<String>,
    /// Word beginnings that make a phrase a migration measure ("asylum", "quota", "migra").
    pub policy_words: Vec<String>,
    pub clause_breaks: Vec<String>,
    /// Words before a trigger that make it a noun's complement ("effort to restrict").
    pub nominal_heads: Vec<String>,
    /// Role nouns whose "of X" names the actor ("the chairwoman of Families Belong Together").
    pub role_words: Vec<String>,
    /// Word beginnings of officials and agencies ("diplomat", "agenc", "ministr"): they act
    /// for the government in focus.
    pub official_words: Vec<String>,
    pub actors: Vec<ActorName>,
    actor_first_word: HashMap<String, Vec<usize>>,
    pub org_heads: Vec<String>,
    /// Words inside a role title before a name ("home affairs", "shadow", "deputy").
    pub role_modifiers: Vec<String>,
    /// Nouns that refer back to the event just reported ("the decision", "the move").
    pub decision_nouns: Vec<String>,
    /// Measures that are in force once made ("a rule that would bar …" describes what the
    /// rule does, not a plan).
    pub in_force_nouns: Vec<String>,
    /// Modals and finite forms of be/have/do: the verb of a clause whose subject is a gerund
    /// ("Sending troops would not be unprecedented").
    pub finite_auxiliaries: Vec<String>,
    /// Words that make a party or group subject a part of it ("some Republicans", "a handful
    /// of Democrats"): what some members do is not the party's act.
    pub subset_quantifiers: Vec<String>,
    /// Nouns that stand for the government in office when they head a clause's subject with
    /// nothing but a determiner ("the government would deport", "the president asked").
    pub government_nouns: Vec<String>,
    /// Singular nouns of one private person beyond the quote rules' private markers ("the
    /// actress", "a toddler", "a family"): as the head of an act's target they make it no
    /// policy event (GUIDELINES.md, scope).
    pub individual_nouns: Vec<String>,
    /// Nouns of a measure, which acts for whoever made it when it is a clause's subject
    /// ("rules that sought to limit asylum claims", "the guidance expands …").
    pub instrument_nouns: Vec<String>,
}

/// Regular inflections of an English (or German/Spanish stem) word: the stem plus `s`, `es`,
/// `ed`, `d`, `ing`, e-dropping and consonant doubling. Over-generation is harmless here.
pub(crate) fn inflect(stem: &str) -> Vec<String> {
    let mut forms = vec![stem.to_string()];
    let mut push = |form: String| {
        if !forms.contains(&form) {
            forms.push(form);
        }
    };
    push(format!("{stem}s"));
    push(format!("{stem}es"));
    push(format!("{stem}ed"));
    push(format!("{stem}d"));
    push(format!("{stem}ing"));
    push(format!("{stem}t"));
    push(format!("{stem}en"));
    push(format!("{stem}e"));
    push(format!("{stem}ó"));
    if let Some(without_e) = stem.strip_suffix('e') {
        push(format!("{without_e}ing"));
    }
    if let Some(without_y) = stem.strip_suffix('y') {
        push(format!("{without_y}ies"));
        push(format!("{without_y}ied"));
    }
    if let Some(last) = stem.chars().last() {
        push(format!("{stem}{last}ed"));
        push(format!("{stem}{last}ing"));
    }
    forms
}

fn compile_pattern(text: &str, entry: &str) -> Result<Pattern, LexiconError> {
    let invalid = |message: String| LexiconError::Invalid {
        entry: entry.to_string(),
        message,
    };
    let mut pattern = Vec::new();
    for token in text.split_whitespace() {
        if token == "*" {
            pattern.push(Element::Any);
        } else if let Some(range) = token.strip_prefix('[').and_then(|t| t.strip_suffix(']')) {
            let (min, max) = range
                .split_once('-')
                .ok_or_else(|| invalid(format!("bad gap {token:?} in {text:?}")))?;
            let min: usize = min
                .parse()
                .map_err(|_| invalid(format!("bad gap {token:?} in {text:?}")))?;
            let max: usize = max
                .parse()
                .map_err(|_| invalid(format!("bad gap {token:?} in {text:?}")))?;
            if min > max {
                return Err(invalid(format!("gap {token:?} has min > max in {text:?}")));
            }
            pattern.push(Element::Gap(min, max));
        } else {
            let mut forms = Vec::new();
            for alternative in token.split('|') {
                if alternative.is_empty() {
                    return Err(invalid(format!("empty alternative in {text:?}")));
                }
                let lower = alternative.to_lowercase();
                match lower.strip_suffix('~') {
                    Some(stem) => forms.extend(inflect(stem)),
                    None => forms.push(lower),
                }
            }
            pattern.push(Element::Word(forms));
        }
    }
    match pattern.first() {
        Some(Element::Word(_)) => {}
        _ => return Err(invalid(format!("pattern {text:?} must start with a word"))),
    }
    if matches!(pattern.last(), Some(Element::Gap(..))) {
        return Err(invalid(format!("pattern {text:?} must not end with a gap")));
    }
    Ok(pattern)
}

fn compile_cues(cues: &[String], what: &str) -> Result<Vec<Pattern>, LexiconError> {
    cues.iter().map(|cue| compile_pattern(cue, what)).collect()
}

impl Lexicon {
    /// Parse and validate a lexicon.
    pub fn parse(json: &str) -> Result<Lexicon, LexiconError> {
        let file: LexiconFile = serde_json::from_str(json)?;
        let mut entries = Vec::new();
        let mut first_word: HashMap<String, Vec<(usize, usize)>> = HashMap::new();
        for raw in &file.entries {
            let invalid = |message: String| LexiconError::Invalid {
                entry: raw.id.clone(),
                message,
            };
            if entries.iter().any(|entry: &Entry| entry.id == raw.id) {
                return Err(invalid("duplicate id".into()));
            }
            let action = Action::parse(&raw.action)
                .ok_or_else(|| invalid(format!("unknown action {:?}", raw.action)))?;
            if !raw.id.starts_with(action.as_str()) {
                return Err(invalid(format!(
                    "id should start with {:?}",
                    action.as_str()
                )));
            }
            let modality = match raw.modality.as_deref() {
                None => None,
                Some("asserted") => Some(Modality::Asserted),
                Some("planned") => Some(Modality::Planned),
                Some("negated") => Some(Modality::Negated),
                Some("hypothetical") => Some(Modality::Hypothetical),
                Some(other) => return Err(invalid(format!("unknown modality {other:?}"))),
            };
            let mut object_words = raw.object_words.clone();
            if raw.policy {
                object_words.extend(file.policy_words.iter().cloned());
            }
            match raw.object_words_from.as_deref() {
                None => {}
                Some("official_words") => object_words.extend(file.official_words.iter().cloned()),
                Some("policy_words") => object_words.extend(file.policy_words.iter().cloned()),
                Some(other) => return Err(invalid(format!("unknown word list {other:?}"))),
            }
            let other_actors_only = match raw.actor_kinds.as_slice() {
                [] => false,
                [kind] if kind == "other" => true,
                other => return Err(invalid(format!("unknown actor_kinds {other:?}"))),
            };
            if raw.patterns.is_empty() {
                return Err(invalid("no patterns".into()));
            }
            let index = entries.len();
            let mut patterns = Vec::new();
            for (pattern_index, text) in raw.patterns.iter().enumerate() {
                let pattern = compile_pattern(text, &raw.id)?;
                if let Some(Element::Word(forms)) = pattern.first() {
                    for form in forms {
                        let slot = first_word.entry(form.clone()).or_default();
                        if !slot.contains(&(index, pattern_index)) {
                            slot.push((index, pattern_index));
                        }
                    }
                }
                patterns.push(pattern);
            }
            entries.push(Entry {
                id: raw.id.clone(),
                action,
                target: raw.target,
                object_words,
                default_target: raw.default_target.clone(),
                deployed_words: raw.deployed_words.clone(),
                modality,
                other_actors_only,
                cameo: raw.cameo.clone(),
                plover: raw.plover.clone(),
                patterns,
            });
        }
        let mut actors = Vec::new();
        let mut actor_first_word: HashMap<String, Vec<usize>> = HashMap::new();
        for actor in &file.actors {
            for text in &actor.patterns {
                let pattern = compile_pattern(text, &actor.id)?;
                if let Some(Element::Word(forms)) = pattern.first() {
                    for form in forms {
                        actor_first_word
                            .entry(form.clone())
                            .or_default()
                            .push(actors.len());
                    }
                }
                actors.push(ActorName {
                    id: actor.id.clone(),
                    pattern,
                    party: actor.party,
                    cased: actor.cased,
                    before_role: actor.before_role,
                });
            }
        }
        Ok(Lexicon {
            version: file.version,
            entries,
            first_word,
            negated: compile_cues(&file.modality.negated, "modality.negated")?,
            hypothetical: compile_cues(&file.modality.hypothetical, "modality.hypothetical")?,
            planned: compile_cues(&file.modality.planned, "modality.planned")?,
            pledges: compile_cues(&file.modality.pledges, "modality.pledges")?,
            funding_words: file.funding_words,
            event_nouns: file.event_nouns,
            policy_anaphors: file.policy_anaphors,
            policy_words: file.policy_words.clone(),
            clause_breaks: file.clause_breaks,
            nominal_heads: file.nominal_heads,
            role_words: file.role_words,
            actors,
            actor_first_word,
            org_heads: file.org_heads,
            role_modifiers: file.role_modifiers,
            decision_nouns: file.decision_nouns,
            in_force_nouns: file.in_force_nouns,
            finite_auxiliaries: file.finite_auxiliaries,
            government_nouns: file.government_nouns,
            individual_nouns: file.individual_nouns,
            instrument_nouns: file.instrument_nouns,
            official_words: file.official_words.clone(),
            subset_quantifiers: file.subset_quantifiers,
        })
    }

    /// The embedded lexicon. It is validated by a unit test, so a failure here is a build bug.
    pub fn builtin() -> &'static Lexicon {
        static LEXICON: OnceLock<Lexicon> = OnceLock::new();
        LEXICON.get_or_init(|| match Lexicon::parse(LEXICON_JSON) {
            Ok(lexicon) => lexicon,
            Err(error) => panic!("embedded events lexicon is invalid: {error}"),
        })
    }

    /// Candidate (entry, pattern) pairs whose first word is `word`.
    pub fn candidates(&self, word: &str) -> &[(usize, usize)] {
        self.first_word.get(word).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Actor-name patterns whose first word is `word`.
    pub fn actor_candidates(&self, word: &str) -> &[usize] {
        self.actor_first_word
            .get(word)
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }
}

pub use crate::extract::tokens::Token;

/// Match `pattern` at token `at`; returns the index one past the last matched token.
pub fn match_at(pattern: &[Element], tokens: &[Token], lower: &str, at: usize) -> Option<usize> {
    match_from(pattern, tokens, lower, at, false)
}

/// As [`match_at`], the pattern's last word also matching its possessive form: an actor's
/// name is often the possessor of the word that acts ("the Liberal Democrat's spokesman",
/// "the Democrats' leader").
pub fn match_at_possessive(
    pattern: &[Element],
    tokens: &[Token],
    lower: &str,
    at: usize,
) -> Option<usize> {
    match_from(pattern, tokens, lower, at, true)
}

fn match_from(
    pattern: &[Element],
    tokens: &[Token],
    lower: &str,
    at: usize,
    possessive_last: bool,
) -> Option<usize> {
    let Some((first, rest)) = pattern.split_first() else {
        return Some(at);
    };
    match first {
        Element::Word(forms) => {
            let token = tokens.get(at)?;
            let word = lower.get(token.start..token.end)?;
            let word = if possessive_last && rest.is_empty() {
                ["'s", "’s", "'", "’"]
                    .iter()
                    .find_map(|suffix| word.strip_suffix(suffix))
                    .unwrap_or(word)
            } else {
                word
            };
            if token.word && forms.iter().any(|form| form == word) {
                match_from(rest, tokens, lower, at + 1, possessive_last)
            } else {
                None
            }
        }
        Element::Any => {
            let token = tokens.get(at)?;
            if token.word {
                match_from(rest, tokens, lower, at + 1, possessive_last)
            } else {
                None
            }
        }
        Element::Gap(min, max) => {
            for skip in *min..=*max {
                if skip > 0 && !tokens.get(at + skip - 1)?.word {
                    return None;
                }
                if let Some(end) = match_from(rest, tokens, lower, at + skip, possessive_last) {
                    return Some(end);
                }
            }
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_lexicon_is_valid() {
        let lexicon = Lexicon::parse(LEXICON_JSON).unwrap();
        assert!(lexicon.entries.len() >= Action::ALL.len());
        for action in Action::ALL {
            assert!(
                lexicon.entries.iter().any(|entry| entry.action == action),
                "no lexicon entry for {action}"
            );
        }
    }

    #[test]
    fn invalid_lexicons_are_rejected_with_the_entry_named() {
        let bad_action =
            LEXICON_JSON.replacen("\"action\": \"withdraw\"", "\"action\": \"leave\"", 1);
        let error = Lexicon::parse(&bad_action).unwrap_err().to_string();
        assert!(error.contains("withdraw.withdraw_from"), "{error}");
        let bad_gap = LEXICON_JSON.replacen("pull~ [0-3] out of", "pull~ [3-0] out of", 1);
        assert!(Lexicon::parse(&bad_gap).is_err());
    }

    #[test]
    fn gaps_skip_words_but_not_punctuation() {
        let pattern = compile_pattern("pull~ [0-3] out of", "t").unwrap();
        for (text, expected) in [
            ("pulls the U.S. out of it", true),
            ("pulled out of", true),
            ("pulled, then out of", false),
            ("pull a b c d out of", false),
        ] {
            let tokens = crate::extract::tokens::of_text(text);
            let lower = text.to_ascii_lowercase();
            assert_eq!(
                match_at(&pattern, &tokens, &lower, 0).is_some(),
                expected,
                "{text}"
            );
        }
    }

    #[test]
    fn an_actor_name_matches_as_a_possessor_too() {
        let pattern = compile_pattern("liberal democrat|democrats", "t").unwrap();
        for (text, possessive, plain) in [
            ("liberal democrat spokesman", Some(2), Some(2)),
            ("liberal democrat's spokesman", Some(2), None),
            ("liberal democrats' spokesman", Some(2), Some(2)),
            ("liberal democratic spokesman", None, None),
        ] {
            let tokens = crate::extract::tokens::of_text(text);
            let lower = text.to_ascii_lowercase();
            assert_eq!(
                match_at_possessive(&pattern, &tokens, &lower, 0),
                possessive,
                "{text}"
            );
            assert_eq!(match_at(&pattern, &tokens, &lower, 0), plain, "{text}");
        }
    }
}
