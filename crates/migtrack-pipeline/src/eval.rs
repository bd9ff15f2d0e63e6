//! Scoring extraction against gold files, exactly as the scoring section of
//! `shared/gold/GUIDELINES.md` defines it. Pure: gold and predictions in, counts and misses out.
//!
//! Matching is one-to-one with as many pairs as possible (required entries first, then
//! optional ones: `match_one_to_one`). A matched optional entry counts as a hit; a missed optional entry costs nothing. So per
//! kind: tp = matched predictions, fp = unmatched predictions, fn = unmatched required gold.

use chrono::NaiveDate;
use migtrack_model::{Extraction, Span};
use serde::{Deserialize, Serialize};

/// One gold file (`shared/gold/**/*.json`).
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct GoldDoc {
    pub file: String,
    #[serde(default)]
    pub published: Option<NaiveDate>,
    #[serde(default)]
    pub events: Vec<GoldEvent>,
    #[serde(default)]
    pub quotes: Vec<GoldQuote>,
    #[serde(default)]
    pub dates: Vec<GoldDate>,
    #[serde(default)]
    pub figures: Vec<GoldFigure>,
    #[serde(default)]
    pub claims: Vec<GoldClaim>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct GoldEvent {
    pub actor: String,
    pub action: String,
    pub target: String,
    #[serde(default)]
    pub date: Option<String>,
    #[serde(default)]
    pub modality: Option<String>,
    #[serde(default)]
    pub optional: bool,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct GoldQuote {
    #[serde(default)]
    pub speaker: Option<String>,
    pub text: String,
    #[serde(default)]
    pub optional: bool,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct GoldDate {
    pub text: String,
    #[serde(default)]
    pub value: Option<String>,
    #[serde(default)]
    pub optional: bool,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct GoldFigure {
    #[serde(default)]
    pub text: String,
    pub value: f64,
    #[serde(default)]
    pub optional: bool,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct GoldClaim {
    pub text: String,
    #[serde(default, deserialize_with = "one_or_many")]
    pub evidence: Vec<String>,
    #[serde(default)]
    pub optional: bool,
}

fn one_or_many<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        One(String),
        Many(Vec<String>),
    }
    Ok(match OneOrMany::deserialize(deserializer)? {
        OneOrMany::One(label) => vec![label],
        OneOrMany::Many(labels) => labels,
    })
}

/// True positives, false positives and false negatives of one kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}

impl Counts {
    pub fn add(&mut self, other: Counts) {
        self.tp += other.tp;
        self.fp += other.fp;
        self.fn_ += other.fn_;
    }
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    pub fn f1(&self) -> f64 {
        let (precision, recall) = (self.precision(), self.recall());
        if precision + recall == 0.0 {
            0.0
        } else {
            2.0 * precision * recall / (precision + recall)
        }
    }
}

fn ratio(numerator: usize, denominator: usize) -> f64 {
    if denominator == 0 {
        1.0
    } else {
        numerator as f64 / denominator as f64
    }
}

/// Right answers among matched records (date, modality, speaker, evidence).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Accuracy {
    pub right: usize,
    pub total: usize,
}

impl Accuracy {
    fn record(&mut self, right: bool) {
        self.total += 1;
        self.right += usize::from(right);
    }
    pub fn add(&mut self, other: Accuracy) {
        self.right += other.right;
        self.total += other.total;
    }
    pub fn value(&self) -> f64 {
        ratio(self.right, self.total)
    }
}

/// One miss or false hit, for `--verbose`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    pub kind: &'static str,
    /// `miss` (gold not found), `false_hit` (prediction not in gold) or `wrong` (matched, but an
    /// attribute is wrong).
    pub verdict: &'static str,
    pub what: String,
    /// The sentence of a prediction, when it has a span.
    pub sentence: Option<String>,
}

/// The score of one document (or, summed, of a set).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Score {
    pub events: Counts,
    pub event_date: Accuracy,
    pub event_modality: Accuracy,
    /// Quotes matched on text alone.
    pub quotes_text: Counts,
    /// Quotes matched on text and speaker (the headline number).
    pub quotes: Counts,
    pub quote_speaker: Accuracy,
    pub dates: Counts,
    pub figures: Counts,
    pub claims: Counts,
    pub claim_evidence: Accuracy,
    pub findings: Vec<Finding>,
}

impl Score {
    pub fn add(&mut self, other: Score) {
        self.events.add(other.events);
        self.event_date.add(other.event_date);
        self.event_modality.add(other.event_modality);
        self.quotes_text.add(other.quotes_text);
        self.quotes.add(other.quotes);
        self.quote_speaker.add(other.quote_speaker);
        self.dates.add(other.dates);
        self.figures.add(other.figures);
        self.claims.add(other.claims);
        self.claim_evidence.add(other.claim_evidence);
        self.findings.extend(other.findings);
    }

    /// `(kind, counts)` in report order.
    pub fn kinds(&self) -> [(&'static str, Counts); 6] {
        [
            ("events", self.events),
            ("quotes", self.quotes),
            ("quotes (text only)", self.quotes_text),
            ("dates", self.dates),
            ("figures", self.figures),
            ("claims", self.claims),
        ]
    }
}

/// A gold file's article through the pipeline ([`crate::process`]), the same way for
/// `migtrack eval` and the gold tests: its kind sniffed from the bytes, the gold's publication
/// date `published` fixed (also when unknown: it is the reference), no time budget.
pub fn process_article(
    source: String,
    bytes: Vec<u8>,
    published: Option<NaiveDate>,
    pack: &migtrack_domain::Pack,
) -> Result<crate::Processed, crate::ProcessError> {
    let raw = migtrack_model::RawDocument {
        source,
        bytes,
        kind: migtrack_model::ContentKind::Unknown,
        meta: migtrack_model::DocMeta {
            published,
            ..migtrack_model::DocMeta::default()
        },
    };
    let settings = crate::Settings {
        published: crate::Published::Fixed(published),
        budget: None,
    };
    crate::process(&raw, pack, &settings)
}

/// Score one document's extraction against its gold file. `text` is the cleaned text the
/// predictions' spans point into; `is_entity_id` tells entity ids (`USA`, `gcm`) from names.
pub fn score(
    gold: &GoldDoc,
    got: &Extraction,
    text: &str,
    is_entity_id: &dyn Fn(&str) -> bool,
) -> Score {
    let mut score = Score::default();
    score_events(gold, got, text, is_entity_id, &mut score);
    score_quotes(gold, got, text, &mut score);
    score_values(gold, got, text, &mut score);
    score_claims(gold, got, text, &mut score);
    score
}

fn sentence_around(text: &str, span: Span) -> Option<String> {
    if span.end > text.len()
        || !text.is_char_boundary(span.start)
        || !text.is_char_boundary(span.end)
    {
        return None;
    }
    let is_break = |c: char| c == '\n';
    let start = text[..span.start].rfind(is_break).map_or(0, |i| i + 1);
    let end = text[span.end..]
        .find(is_break)
        .map_or(text.len(), |i| span.end + i);
    let line = text[start..end].trim();
    // Keep it readable: at most ~300 characters around the span.
    if line.len() <= 300 {
        return Some(line.to_string());
    }
    let from = floor_boundary(text, span.start.saturating_sub(120).max(start));
    let to = floor_boundary(text, (span.end + 120).min(end));
    Some(format!("…{}…", text[from..to].trim()))
}

fn floor_boundary(text: &str, mut index: usize) -> usize {
    while index > 0 && !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

pub use crate::overlap::{texts_overlap, tokens};

const NAME_STOPWORDS: &[&str] = &[
    "the", "of", "to", "for", "and", "a", "an", "in", "on", "s", "u", "us", "un", "de", "der",
    "die", "la", "el",
];

fn content_words(name: &str) -> Vec<String> {
    tokens(name)
        .into_iter()
        .filter(|word| !NAME_STOPWORDS.contains(&word.as_str()))
        .collect()
}

/// Crude stem so that "Democrats" ~ "Democratic", "officials" ~ "official".
fn stem(word: &str) -> &str {
    let cut = word
        .char_indices()
        .nth(6)
        .map_or(word.len(), |(index, _)| index);
    &word[..cut]
}

/// Names outside the id lists match by their words: every content word of the shorter name
/// (by stem) occurs in the other.
pub fn names_match(gold: &str, predicted: &str) -> bool {
    if gold.eq_ignore_ascii_case(predicted) {
        return true;
    }
    let gold_words = content_words(gold);
    let predicted_words = content_words(predicted);
    if gold_words.is_empty() || predicted_words.is_empty() {
        return false;
    }
    let (shorter, longer) = if gold_words.len() <= predicted_words.len() {
        (&gold_words, &predicted_words)
    } else {
        (&predicted_words, &gold_words)
    };
    shorter
        .iter()
        .all(|word| longer.iter().any(|other| stem(other) == stem(word)))
}

/// A quote's speaker matches by surname (the last word of the gold name) or by the body's name.
pub fn speakers_match(gold: Option<&str>, predicted: Option<&str>) -> bool {
    let (Some(gold), Some(predicted)) = (gold, predicted) else {
        return gold.is_none() && predicted.is_none();
    };
    let gold_words = content_words(gold);
    let predicted_words = content_words(predicted);
    let Some(surname) = gold_words.last() else {
        return false;
    };
    if predicted_words.iter().any(|word| word == surname) {
        return true;
    }
    names_match(gold, predicted)
}

fn entity_matches(gold: &str, predicted: &str, is_entity_id: &dyn Fn(&str) -> bool) -> bool {
    if is_entity_id(gold) || is_entity_id(predicted) {
        gold == predicted
    } else {
        names_match(gold, predicted)
    }
}

/// A gold target that is a policy phrase (not an id, not a proper name) matches any target.
fn is_policy_phrase(target: &str, is_entity_id: &dyn Fn(&str) -> bool) -> bool {
    !is_entity_id(target)
        && target
            .chars()
            .next()
            .is_some_and(|first| !first.is_uppercase())
}

/// One-to-one matching with as many pairs as possible, required gold entries first: each gold
/// index with the prediction it took, if any, and the indices of the predictions nothing took.
///
/// A maximum matching (augmenting paths, Kuhn's algorithm), not a greedy one: greedy in gold
/// order let a gold entry that matches many predictions (a policy-phrase target matches any
/// target) take the one prediction an exact gold entry needed, and counted both a miss and a
/// false hit for a right prediction. Required entries are matched first and stay matched when
/// optional ones are added, so an optional entry never costs a required one its hit. Each
/// gold entry takes the first free prediction it matches when there is one, so with no
/// contention the pairs are the greedy ones.
fn match_one_to_one<G, P>(
    gold: &[G],
    optional: impl Fn(&G) -> bool,
    predicted: &[P],
    matches: impl Fn(&G, &P) -> bool,
) -> (Vec<(usize, Option<usize>)>, Vec<usize>) {
    let mut order: Vec<usize> = (0..gold.len()).collect();
    order.sort_by_key(|&index| optional(&gold[index]));
    let candidates: Vec<Vec<usize>> = gold
        .iter()
        .map(|entry| {
            (0..predicted.len())
                .filter(|&at| matches(entry, &predicted[at]))
                .collect()
        })
        .collect();
    // `taken_by[at]`: the gold index that prediction `at` is matched to.
    let mut taken_by: Vec<Option<usize>> = vec![None; predicted.len()];
    for &index in &order {
        let mut visited = vec![false; predicted.len()];
        augment(index, &candidates, &mut taken_by, &mut visited);
    }
    let mut took = vec![None; gold.len()];
    for (at, owner) in taken_by.iter().enumerate() {
        if let Some(index) = owner {
            took[*index] = Some(at);
        }
    }
    let pairs = order
        .into_iter()
        .map(|index| (index, took[index]))
        .collect();
    let unmatched = (0..predicted.len())
        .filter(|&at| taken_by[at].is_none())
        .collect();
    (pairs, unmatched)
}

/// Find a prediction for gold entry `index`: the first free one it matches, else one whose
/// gold entry can move to another (an augmenting path). True when the matching grew. Taking a
/// free prediction first keeps the greedy pairs wherever there is no contention, so the date
/// and modality accuracies are read off the same pairs as before.
fn augment(
    index: usize,
    candidates: &[Vec<usize>],
    taken_by: &mut [Option<usize>],
    visited: &mut [bool],
) -> bool {
    if let Some(&at) = candidates[index]
        .iter()
        .find(|&&at| !visited[at] && taken_by[at].is_none())
    {
        visited[at] = true;
        taken_by[at] = Some(index);
        return true;
    }
    for &at in &candidates[index] {
        if visited[at] {
            continue;
        }
        visited[at] = true;
        if let Some(owner) = taken_by[at]
            && augment(owner, candidates, taken_by, visited)
        {
            taken_by[at] = Some(index);
            return true;
        }
    }
    false
}

fn score_events(
    gold: &GoldDoc,
    got: &Extraction,
    text: &str,
    is_entity_id: &dyn Fn(&str) -> bool,
    score: &mut Score,
) {
    let (pairs, unmatched) = match_one_to_one(
        &gold.events,
        |event| event.optional,
        &got.events,
        |gold_event, event| {
            if event.action.as_str() != gold_event.action {
                return false;
            }
            let straight = entity_matches(&gold_event.actor, &event.actor, is_entity_id)
                && (is_policy_phrase(&gold_event.target, is_entity_id)
                    || entity_matches(&gold_event.target, &event.target, is_entity_id));
            let swapped = gold_event.action == "agree"
                && entity_matches(&gold_event.actor, &event.target, is_entity_id)
                && entity_matches(&gold_event.target, &event.actor, is_entity_id);
            straight || swapped
        },
    );
    for (index, found) in pairs {
        let gold_event = &gold.events[index];
        let described = format!(
            "{} {} {} ({}, {})",
            gold_event.actor,
            gold_event.action,
            gold_event.target,
            gold_event.date.as_deref().unwrap_or("no date"),
            gold_event.modality.as_deref().unwrap_or("asserted")
        );
        match found {
            Some(at) => {
                score.events.tp += 1;
                let event = &got.events[at];
                let date_right = event.date == gold_event.date;
                let modality_right =
                    event.modality.as_str() == gold_event.modality.as_deref().unwrap_or("asserted");
                score.event_date.record(date_right);
                score.event_modality.record(modality_right);
                if !date_right || !modality_right {
                    score.findings.push(Finding {
                        kind: "events",
                        verdict: "wrong",
                        what: format!(
                            "{described}: got {} {}",
                            event.date.as_deref().unwrap_or("no date"),
                            event.modality.as_str()
                        ),
                        sentence: sentence_around(text, event.span),
                    });
                }
            }
            None if !gold_event.optional => {
                score.events.fn_ += 1;
                score.findings.push(Finding {
                    kind: "events",
                    verdict: "miss",
                    what: described,
                    sentence: None,
                });
            }
            None => {}
        }
    }
    for event in unmatched.into_iter().map(|at| &got.events[at]) {
        score.events.fp += 1;
        score.findings.push(Finding {
            kind: "events",
            verdict: "false_hit",
            what: format!(
                "{} {} {} ({}, {}) [{}]",
                event.actor,
                event.action,
                event.target,
                event.date.as_deref().unwrap_or("no date"),
                event.modality.as_str(),
                event.rule
            ),
            sentence: sentence_around(text, event.span),
        });
    }
}

fn score_quotes(gold: &GoldDoc, got: &Extraction, text: &str, score: &mut Score) {
    // Text only.
    let (pairs, unmatched) = match_one_to_one(
        &gold.quotes,
        |quote| quote.optional,
        &got.quotes,
        |gold_quote, quote| texts_overlap(&gold_quote.text, &quote.text),
    );
    for (index, found) in pairs {
        let gold_quote = &gold.quotes[index];
        match found {
            Some(at) => {
                score.quotes_text.tp += 1;
                let right = speakers_match(
                    gold_quote.speaker.as_deref(),
                    got.quotes[at].speaker.as_deref(),
                );
                score.quote_speaker.record(right);
            }
            None if !gold_quote.optional => score.quotes_text.fn_ += 1,
            None => {}
        }
    }
    score.quotes_text.fp += unmatched.len();

    // Text and speaker.
    let (pairs, unmatched) = match_one_to_one(
        &gold.quotes,
        |quote| quote.optional,
        &got.quotes,
        |gold_quote, quote| {
            texts_overlap(&gold_quote.text, &quote.text)
                && speakers_match(gold_quote.speaker.as_deref(), quote.speaker.as_deref())
        },
    );
    for (index, found) in pairs {
        let gold_quote = &gold.quotes[index];
        match found {
            Some(_) => score.quotes.tp += 1,
            None if !gold_quote.optional => {
                score.quotes.fn_ += 1;
                score.findings.push(Finding {
                    kind: "quotes",
                    verdict: "miss",
                    what: format!(
                        "{}: “{}”",
                        gold_quote.speaker.as_deref().unwrap_or("?"),
                        gold_quote.text
                    ),
                    sentence: None,
                });
            }
            None => {}
        }
    }
    for quote in unmatched.into_iter().map(|at| &got.quotes[at]) {
        score.quotes.fp += 1;
        score.findings.push(Finding {
            kind: "quotes",
            verdict: "false_hit",
            what: format!(
                "{}: “{}” [{}]",
                quote.speaker.as_deref().unwrap_or("?"),
                quote.text,
                quote.rule
            ),
            sentence: sentence_around(text, quote.span),
        });
    }
}

/// Dates and figures: the sets of distinct values per article.
fn score_values(gold: &GoldDoc, got: &Extraction, text: &str, score: &mut Score) {
    // Dates.
    let required: Vec<&str> = gold
        .dates
        .iter()
        .filter(|date| !date.optional)
        .filter_map(|date| date.value.as_deref())
        .collect();
    let all: Vec<&str> = gold
        .dates
        .iter()
        .filter_map(|date| date.value.as_deref())
        .collect();
    let mut predicted: Vec<(&str, Span)> = Vec::new();
    for date in &got.dates {
        if let Some(value) = date.value.as_deref()
            && !predicted.iter().any(|(seen, _)| *seen == value)
        {
            predicted.push((value, date.span));
        }
    }
    for (value, span) in &predicted {
        if all.contains(value) {
            score.dates.tp += 1;
        } else {
            score.dates.fp += 1;
            score.findings.push(Finding {
                kind: "dates",
                verdict: "false_hit",
                what: format!("{value} “{}”", span.slice(text)),
                sentence: sentence_around(text, *span),
            });
        }
    }
    let mut missed: Vec<&str> = Vec::new();
    for value in required {
        if !predicted.iter().any(|(seen, _)| *seen == value) && !missed.contains(&value) {
            missed.push(value);
            score.dates.fn_ += 1;
            let text_of = gold
                .dates
                .iter()
                .find(|date| date.value.as_deref() == Some(value))
                .map_or("", |date| date.text.as_str());
            score.findings.push(Finding {
                kind: "dates",
                verdict: "miss",
                what: format!("{value} “{text_of}”"),
                sentence: None,
            });
        }
    }

    // Figures.
    let same = |a: f64, b: f64| (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0);
    let mut predicted: Vec<(f64, Span)> = Vec::new();
    for figure in &got.figures {
        if !predicted.iter().any(|(seen, _)| same(*seen, figure.value)) {
            predicted.push((figure.value, figure.span));
        }
    }
    for (value, span) in &predicted {
        if gold.figures.iter().any(|figure| same(figure.value, *value)) {
            score.figures.tp += 1;
        } else {
            score.figures.fp += 1;
            score.findings.push(Finding {
                kind: "figures",
                verdict: "false_hit",
                what: format!("{value} “{}”", span.slice(text)),
                sentence: sentence_around(text, *span),
            });
        }
    }
    let mut missed: Vec<f64> = Vec::new();
    for figure in gold.figures.iter().filter(|figure| !figure.optional) {
        if !predicted.iter().any(|(seen, _)| same(*seen, figure.value))
            && !missed.iter().any(|seen| same(*seen, figure.value))
        {
            missed.push(figure.value);
            score.figures.fn_ += 1;
            score.findings.push(Finding {
                kind: "figures",
                verdict: "miss",
                what: format!("{} “{}”", figure.value, figure.text),
                sentence: None,
            });
        }
    }
}

fn score_claims(gold: &GoldDoc, got: &Extraction, text: &str, score: &mut Score) {
    let (pairs, unmatched) = match_one_to_one(
        &gold.claims,
        |claim| claim.optional,
        &got.claims,
        |gold_claim, claim| claim_text_matches(&gold_claim.text, &claim.text),
    );
    for (index, found) in pairs {
        let gold_claim = &gold.claims[index];
        match found {
            Some(at) => {
                score.claims.tp += 1;
                let evidence = got.claims[at].evidence.as_str();
                let right = gold_claim.evidence.is_empty()
                    || gold_claim.evidence.iter().any(|label| label == evidence);
                score.claim_evidence.record(right);
                if !right {
                    score.findings.push(Finding {
                        kind: "claims",
                        verdict: "wrong",
                        what: format!(
                            "“{}”: evidence {evidence}, gold {:?}",
                            gold_claim.text, gold_claim.evidence
                        ),
                        sentence: sentence_around(text, got.claims[at].span),
                    });
                }
            }
            None if !gold_claim.optional => {
                score.claims.fn_ += 1;
                score.findings.push(Finding {
                    kind: "claims",
                    verdict: "miss",
                    what: format!("“{}”", gold_claim.text),
                    sentence: None,
                });
            }
            None => {}
        }
    }
    for claim in unmatched.into_iter().map(|at| &got.claims[at]) {
        score.claims.fp += 1;
        score.findings.push(Finding {
            kind: "claims",
            verdict: "false_hit",
            what: format!("“{}” [{}]", claim.text, claim.rule),
            sentence: sentence_around(text, claim.span),
        });
    }
}

/// Claim texts in gold may elide with "...": each part must overlap.
fn claim_text_matches(gold: &str, predicted: &str) -> bool {
    let gold_joined = gold.replace("...", " ").replace('…', " ");
    texts_overlap(&gold_joined, predicted)
}

#[cfg(test)]
mod tests {
    use super::*;
    use migtrack_model::{Action, Event, Figure, Modality, Quote};

    fn is_id(name: &str) -> bool {
        matches!(name, "USA" | "MEX" | "gcm" | "gfmd" | "un")
    }

    fn event(actor: &str, action: Action, target: &str, date: Option<&str>) -> Event {
        Event {
            actor: actor.into(),
            action,
            target: target.into(),
            date: date.map(String::from),
            modality: Modality::Asserted,
            agent: None,
            cameo: None,
            plover: None,
            span: Span::new(0, 1),
            sentence: Span::new(0, 1),
            rule: "test".into(),
        }
    }

    fn gold(json: &str) -> GoldDoc {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn events_match_on_actor_action_target_and_policy_phrases_match_any_target() {
        let gold = gold(
            r#"{"file":"x","events":[
            {"actor":"USA","action":"withdraw","target":"gfmd","date":"2026-01-07","modality":"asserted"},
            {"actor":"USA","action":"instruct","target":"diplomats","date":null,"modality":"asserted"},
            {"actor":"MEX","action":"host","target":"gcm","date":null,"modality":"planned","optional":true}]}"#,
        );
        let got = Extraction {
            events: vec![
                event("USA", Action::Withdraw, "gfmd", Some("2026-01-08")),
                event("USA", Action::Instruct, "U.S. diplomats abroad", None),
                event("USA", Action::Withdraw, "gcm", None),
            ],
            ..Extraction::default()
        };
        let score = score(&gold, &got, "x", &is_id);
        assert_eq!(
            score.events,
            Counts {
                tp: 2,
                fp: 1,
                fn_: 0
            }
        );
        assert_eq!(score.event_date, Accuracy { right: 1, total: 2 });
    }

    #[test]
    fn a_policy_phrase_target_does_not_take_the_event_an_exact_target_needs() {
        // The policy-phrase gold entry comes first and matches both predictions; a greedy
        // matching gave it the "Democratic Party" event and left the exact entry unmatched.
        let gold = gold(
            r#"{"file":"x","events":[
            {"actor":"USA","action":"criticize","target":"catch-and-release"},
            {"actor":"USA","action":"criticize","target":"Democratic Party"}]}"#,
        );
        let got = Extraction {
            events: vec![
                event("USA", Action::Criticize, "Democratic Party", None),
                event("USA", Action::Criticize, "catch and release", None),
            ],
            ..Extraction::default()
        };
        assert_eq!(
            score(&gold, &got, "x", &is_id).events,
            Counts {
                tp: 2,
                fp: 0,
                fn_: 0
            }
        );
        // With one prediction, one hit and one miss, whichever entry takes it.
        let got = Extraction {
            events: vec![event("USA", Action::Criticize, "Democratic Party", None)],
            ..Extraction::default()
        };
        assert_eq!(
            score(&gold, &got, "x", &is_id).events,
            Counts {
                tp: 1,
                fp: 0,
                fn_: 1
            }
        );
    }

    #[test]
    fn without_contention_each_gold_entry_keeps_its_first_free_prediction() {
        // Both policy-phrase entries match both events; each keeps the first free one in
        // text order (as greedy did), so the dates are read off the intended pairs.
        let gold = gold(
            r#"{"file":"x","events":[
            {"actor":"USA","action":"restrict","target":"asylum","date":"2019-01-01"},
            {"actor":"USA","action":"restrict","target":"visas","date":"2019-02-01"}]}"#,
        );
        let got = Extraction {
            events: vec![
                event("USA", Action::Restrict, "asylum", Some("2019-01-01")),
                event("USA", Action::Restrict, "visas", Some("2019-02-01")),
            ],
            ..Extraction::default()
        };
        let score = score(&gold, &got, "x", &is_id);
        assert_eq!(score.events.tp, 2);
        assert_eq!(score.event_date, Accuracy { right: 2, total: 2 });
    }

    #[test]
    fn an_optional_entry_never_takes_a_required_entrys_hit() {
        let gold = gold(
            r#"{"file":"x","events":[
            {"actor":"USA","action":"criticize","target":"the plan","optional":true},
            {"actor":"USA","action":"criticize","target":"Democratic Party"}]}"#,
        );
        let got = Extraction {
            events: vec![event("USA", Action::Criticize, "Democratic Party", None)],
            ..Extraction::default()
        };
        assert_eq!(
            score(&gold, &got, "x", &is_id).events,
            Counts {
                tp: 1,
                fp: 0,
                fn_: 0
            }
        );
    }

    #[test]
    fn names_outside_the_lists_match_by_their_words() {
        assert!(names_match("Democrats", "Democratic Party"));
        assert!(names_match("Conservative Party", "the Conservative Party"));
        assert!(!names_match("Labour Party", "Conservative Party"));
    }

    #[test]
    fn agree_matches_either_order() {
        let gold =
            gold(r#"{"file":"x","events":[{"actor":"USA","action":"agree","target":"MEX"}]}"#);
        let got = Extraction {
            events: vec![event("MEX", Action::Agree, "USA", None)],
            ..Extraction::default()
        };
        assert_eq!(score(&gold, &got, "x", &is_id).events.tp, 1);
    }

    #[test]
    fn quotes_need_half_the_tokens_and_the_speakers_surname() {
        let gold = gold(
            r#"{"file":"x","quotes":[{"speaker":"Tommy Pigott","text":"Under President Trump, the era of mass migration is over."},
            {"speaker":"Nikki Haley","text":"We will decide how to best control our borders"}]}"#,
        );
        let quote = |speaker: &str, text: &str| Quote {
            speaker: Some(speaker.into()),
            role: None,
            speaker_entity: None,
            text: text.into(),
            direct: true,
            span: Span::new(0, 1),
            speaker_span: None,
            rule: "test".into(),
        };
        let got = Extraction {
            quotes: vec![
                quote(
                    "Pigott",
                    "Under President Trump, the era of mass migration is over.",
                ),
                quote("Trump", "We will decide how to best control our borders"),
            ],
            ..Extraction::default()
        };
        let score = score(&gold, &got, "x", &is_id);
        assert_eq!(
            score.quotes_text,
            Counts {
                tp: 2,
                fp: 0,
                fn_: 0
            }
        );
        assert_eq!(
            score.quotes,
            Counts {
                tp: 1,
                fp: 1,
                fn_: 1
            }
        );
        assert_eq!(score.quote_speaker, Accuracy { right: 1, total: 2 });
    }

    #[test]
    fn a_quote_spanning_the_whole_article_does_not_match_a_short_gold_quote() {
        assert!(!texts_overlap(
            "the era is over",
            "a b c d e f g h i j the era is over"
        ));
        assert!(texts_overlap(
            "the era of mass migration is over",
            "the era of mass migration is over."
        ));
    }

    #[test]
    fn dates_and_figures_score_distinct_values_and_optional_ones_cost_nothing() {
        let gold = gold(
            r#"{"file":"x","dates":[{"text":"Monday","value":"2017-12-04"},{"text":"2010","value":"2010","optional":true},
            {"text":"last week","value":null,"optional":true}],
            "figures":[{"text":"7,500","value":7500},{"text":"100,000","value":100000}]}"#,
        );
        let date = |value: &str| migtrack_model::DateMention {
            text: value.into(),
            value: Some(value.into()),
            span: Span::new(0, 1),
            rule: "test".into(),
        };
        let figure = |value: f64| Figure {
            text: value.to_string(),
            value,
            unit: None,
            counts: None,
            bound: None,
            span: Span::new(0, 1),
            rule: "test".into(),
        };
        let got = Extraction {
            dates: vec![date("2017-12-04"), date("2017-12-04"), date("2018")],
            figures: vec![figure(7500.0), figure(32.0)],
            ..Extraction::default()
        };
        let score = score(&gold, &got, "x", &is_id);
        assert_eq!(
            score.dates,
            Counts {
                tp: 1,
                fp: 1,
                fn_: 0
            }
        );
        assert_eq!(
            score.figures,
            Counts {
                tp: 1,
                fp: 1,
                fn_: 1
            }
        );
    }

    #[test]
    fn claim_evidence_is_scored_on_matched_claims() {
        let gold = gold(
            r#"{"file":"x","claims":[{"text":"mass migration ... often correlates with increased violent crimes","evidence":"none_given"}]}"#,
        );
        let got = Extraction {
            claims: vec![migtrack_model::Claim {
                speaker: None,
                text: "mass migration is a human rights concern and often correlates with increased violent crimes".into(),
                evidence: migtrack_model::Evidence::NoneGiven,
                span: Span::new(0, 1),
                evidence_span: None,
                rule: "test".into(),
            }],
            ..Extraction::default()
        };
        let score = score(&gold, &got, "x", &is_id);
        assert_eq!(score.claims.tp, 1);
        assert_eq!(score.claim_evidence, Accuracy { right: 1, total: 1 });
    }
}
