//! Events read from the dependency tree by frames kept as data (`frames.json`): a predicate
//! lemma, its subject as the actor and its object (or the phrase its object governs) as the
//! target. They find what the surface patterns miss when words stand between the verb and its
//! object ("will not back the UN migration pact", "decided on Wednesday to suspend its
//! participation in the Global Forum …"). Only sentences that mention a framework or body and
//! hold a word that can be a frame's predicate are parsed.

use std::sync::OnceLock;

use migtrack_domain::EntityKind;
use migtrack_model::{Action, DateMention, Event, Modality, Span};
use migtrack_nlp::Upos;
use serde::Deserialize;

use super::tree::Tree;
use crate::extract::Context;

/// The frames shipped with migtrack.
pub const FRAMES_JSON: &str = include_str!("frames.json");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FramesFile {
    #[serde(rename = "_doc")]
    _doc: String,
    frames: Vec<Frame>,
}

/// One frame: which predicates, which object, which target kinds.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Frame {
    pub id: String,
    pub action: Action,
    pub cameo: Option<String>,
    pub plover: Option<String>,
    /// Lemmas of the predicate.
    pub predicates: Vec<String>,
    /// When set, the object's head noun must be one of these, and the target is the phrase
    /// the object governs (`nmod`).
    #[serde(default)]
    pub object_lemmas: Vec<String>,
    pub target_kinds: Vec<TargetEntity>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TargetEntity {
    Framework,
    Body,
    State,
}

impl TargetEntity {
    fn accepts(self, kind: EntityKind) -> bool {
        matches!(
            (self, kind),
            (TargetEntity::Framework, EntityKind::Framework)
                | (TargetEntity::Body, EntityKind::Body)
                | (TargetEntity::State, EntityKind::State)
        )
    }
}

/// The frames compiled once.
pub fn builtin() -> &'static [Frame] {
    static FRAMES: OnceLock<Vec<Frame>> = OnceLock::new();
    FRAMES.get_or_init(|| match serde_json::from_str::<FramesFile>(FRAMES_JSON) {
        Ok(file) => file.frames,
        Err(error) => panic!("embedded frames.json is invalid: {error}"),
    })
}

/// Auxiliaries that make an act planned ("will back", "said it would quit").
const PLANNED: &[&str] = &["will", "shall", "would", "'ll"];

/// The events the frames find in the document, skipping what `known` already holds (the same
/// actor, action and target).
pub fn find(ctx: &Context, frames: &[Frame], dates: &[DateMention], known: &[Event]) -> Vec<Event> {
    let mut found: Vec<Event> = Vec::new();
    for (index, sentence) in ctx.layer.iter().enumerate() {
        // Parse only when some frame can apply: a mention of a kind it targets, a word that
        // can be its predicate and, if it asks for one, its object noun (first four letters,
        // so that inflections pass).
        let forms: Vec<String> = sentence
            .words
            .iter()
            .map(|word| word.form(ctx.text).to_lowercase())
            .collect();
        let has_stem_of = |lemmas: &[String]| {
            lemmas.iter().any(|lemma| {
                let stem = &lemma[..lemma.len().min(4)];
                forms.iter().any(|form| form.starts_with(stem))
            })
        };
        let applies = |frame: &Frame| {
            ctx.mentions.iter().any(|mention| {
                sentence.span.contains(mention.span)
                    && frame
                        .target_kinds
                        .iter()
                        .any(|kind| kind.accepts(mention.kind))
            }) && has_stem_of(&frame.predicates)
                && (frame.object_lemmas.is_empty() || has_stem_of(&frame.object_lemmas))
        };
        if !frames.iter().any(applies) {
            continue;
        }
        let Some(analysis) = ctx.analysis(index) else {
            continue;
        };
        let mut tree = Tree {
            text: ctx.text,
            spans: sentence.words.iter().map(|word| word.span).collect(),
            analysis,
            trigger: Span::new(0, 0),
        };
        for (word, _) in analysis
            .iter()
            .enumerate()
            .filter(|(_, analysis)| analysis.upos == Upos::Verb)
        {
            let lemma = tree.lemma(word);
            for frame in frames
                .iter()
                .filter(|frame| frame.predicates.contains(&lemma))
            {
                let Some(target) = target_of(ctx, &tree, frame, word) else {
                    continue;
                };
                let trigger = tree.spans[word];
                tree.trigger = trigger;
                for actor in tree.subjects(ctx, word) {
                    if actor == target {
                        continue;
                    }
                    let event = Event {
                        actor,
                        action: frame.action,
                        target: target.clone(),
                        date: date_in(ctx.text, sentence.span, dates),
                        modality: modality(&tree, word),
                        agent: None,
                        cameo: frame.cameo.clone(),
                        plover: frame.plover.clone(),
                        span: trigger,
                        sentence: sentence.span,
                        rule: frame.id.clone(),
                    };
                    let same = |other: &Event| {
                        other.actor == event.actor
                            && other.target == event.target
                            && (other.action == event.action || other.span.overlaps(event.span))
                    };
                    if !known.iter().any(same) && !found.iter().any(same) {
                        found.push(event);
                    }
                }
            }
        }
    }
    found
}

/// The entity id the frame's target is: the mention of the predicate's object (or, with
/// `object_lemmas`, of the phrase the object governs).
fn target_of(ctx: &Context, tree: &Tree, frame: &Frame, predicate: usize) -> Option<String> {
    let object = tree
        .children(predicate)
        .find(|&child| tree.analysis[child].deprel == "obj")?;
    let heads: Vec<usize> = if frame.object_lemmas.is_empty() {
        vec![object]
    } else {
        if !frame.object_lemmas.contains(&tree.lemma(object)) {
            return None;
        }
        tree.children(object)
            .filter(|&child| tree.analysis[child].deprel.starts_with("nmod"))
            .collect()
    };
    heads.into_iter().find_map(|head| {
        ctx.mentions
            .iter()
            .find(|mention| {
                tree.words_in(mention.span).contains(&head)
                    && frame
                        .target_kinds
                        .iter()
                        .any(|kind| kind.accepts(mention.kind))
            })
            .map(|mention| mention.id.clone())
    })
}

/// Negation and conditions from the tree; else planned with a future or reported-future
/// auxiliary; else asserted.
fn modality(tree: &Tree, predicate: usize) -> Modality {
    match tree.modality(predicate) {
        Modality::Asserted => {
            let planned = tree.children(predicate).any(|child| {
                tree.analysis[child].deprel.starts_with("aux")
                    && PLANNED.contains(&tree.lemma(child).as_str())
            });
            if planned {
                Modality::Planned
            } else {
                Modality::Asserted
            }
        }
        other => other,
    }
}

/// The sentence's date nearest its start, leaving out the period a measure covers ("fiscal
/// 2026") and a dateline.
fn date_in(text: &str, sentence: Span, dates: &[DateMention]) -> Option<String> {
    dates
        .iter()
        .filter(|date| sentence.contains(date.span))
        .filter(|date| {
            !(date.span.start < 100
                && text[date.span.end..]
                    .trim_start()
                    .starts_with(['–', '—', '-']))
        })
        .filter_map(|date| date.value.clone())
        .find(|value| !value.starts_with("FY"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_frames_load_and_are_lemmas() {
        let frames = builtin();
        assert!(frames.len() >= 3);
        for frame in frames {
            assert!(!frame.predicates.is_empty(), "{}", frame.id);
            assert!(!frame.target_kinds.is_empty(), "{}", frame.id);
            for lemma in frame.predicates.iter().chain(&frame.object_lemmas) {
                assert_eq!(
                    *lemma,
                    lemma.to_lowercase(),
                    "{}: lemmas are lower case",
                    frame.id
                );
                assert!(!lemma.contains(' '), "{}: one word per lemma", frame.id);
            }
        }
    }
}
