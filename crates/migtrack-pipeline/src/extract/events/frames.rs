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
use super::{Kind, Mention};
use crate::extract::Context;

/// The frames shipped with migtrack.
pub const FRAMES_JSON: &str = include_str!("frames.json");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FramesFile {
    #[serde(rename = "_doc")]
    _doc: String,
    frames: Vec<Frame>,
    pressure: Pressure,
}

/// "Under pressure from X, Y …": X urging Y, read from a noun of pressure whose source is a
/// state or body and which modifies a verb with a subject.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pressure {
    pub id: String,
    pub action: Action,
    pub cameo: Option<String>,
    pub plover: Option<String>,
    #[serde(rename = "_doc")]
    _doc: String,
    /// Lemmas of the nouns of pressure.
    pub nouns: Vec<String>,
    /// Prepositions one of which stands at most three words before such a noun ("under
    /// pressure", "at the request"): a cheap test before parsing.
    pub markers: Vec<String>,
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
    /// The object's own phrase, when it holds a policy word ("health checks for
    /// immigrants"): the measure restricted or expanded.
    Policy,
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

impl Frame {
    /// Whether the target is a policy phrase, not an entity.
    fn policy(&self) -> bool {
        self.target_kinds.contains(&TargetEntity::Policy)
    }
}

/// The frames file compiled once.
fn file() -> &'static FramesFile {
    static FILE: OnceLock<FramesFile> = OnceLock::new();
    FILE.get_or_init(|| match serde_json::from_str::<FramesFile>(FRAMES_JSON) {
        Ok(file) => file,
        Err(error) => panic!("embedded frames.json is invalid: {error}"),
    })
}

/// The frames compiled once.
pub fn builtin() -> &'static [Frame] {
    &file().frames
}

/// The pressure construction of `frames.json`.
pub fn pressure() -> &'static Pressure {
    &file().pressure
}

/// Auxiliaries that make an act planned ("will back", "said it would quit").
const PLANNED: &[&str] = &["will", "shall", "would", "'ll"];

/// What the policy frames read besides the tree: the events stage's actor mentions (parties,
/// organisations and linked people as well as the pack's states and bodies) and the words
/// that make a phrase a policy.
pub(super) struct Sources<'a> {
    pub(super) mentions: &'a [Mention],
    pub(super) policy_words: &'a [String],
}

/// The events the frames find in the document, skipping what `known` already holds (the same
/// actor, action and target).
pub(super) fn find(
    ctx: &Context,
    frames: &[Frame],
    sources: &Sources,
    dates: &[DateMention],
    known: &[Event],
) -> Vec<Event> {
    let mut found: Vec<Event> = Vec::new();
    for (index, sentence) in ctx.layer.iter().enumerate() {
        // A policy frame needs an actor and a policy word in the sentence; an entity frame a
        // mention of a kind it targets; the pressure construction two mentions. A sentence
        // with neither an actor nor a mention is skipped before its words are lower-cased.
        let actor_here = sources
            .mentions
            .iter()
            .any(|mention| mention.kind != Kind::Framework && sentence.span.contains(mention.span));
        if !actor_here
            && !ctx
                .mentions
                .iter()
                .any(|mention| sentence.span.contains(mention.span))
        {
            continue;
        }
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
        let policy_here = actor_here
            && forms.iter().any(|form| {
                sources
                    .policy_words
                    .iter()
                    .any(|word| form.starts_with(word.as_str()))
            });
        let applies = |frame: &Frame| {
            let target_here = if frame.policy() {
                policy_here
            } else {
                ctx.mentions.iter().any(|mention| {
                    sentence.span.contains(mention.span)
                        && frame
                            .target_kinds
                            .iter()
                            .any(|kind| kind.accepts(mention.kind))
                })
            };
            target_here
                && if frame.object_lemmas.is_empty() {
                    has_stem_of(&frame.predicates)
                } else {
                    object_follows(&forms, frame)
                }
        };
        // A noun of pressure and two states or bodies: one may press the other.
        let pressure = pressure();
        let pressure_here = forms.iter().enumerate().any(|(at, form)| {
            let singular = form.strip_suffix('s').unwrap_or(form);
            pressure.nouns.iter().any(|noun| noun == singular)
                && forms[at.saturating_sub(3)..at]
                    .iter()
                    .any(|before| pressure.markers.contains(before))
        }) && ctx
            .mentions
            .iter()
            .filter(|mention| {
                sentence.span.contains(mention.span)
                    && matches!(mention.kind, EntityKind::State | EntityKind::Body)
            })
            .count()
            >= 2;
        if !pressure_here && !frames.iter().any(applies) {
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
        let date = date_in(ctx.text, sentence.span, dates);
        if pressure_here {
            let coding = Coding {
                id: &pressure.id,
                action: pressure.action,
                cameo: &pressure.cameo,
                plover: &pressure.plover,
            };
            for (actor, target, trigger) in pressed(ctx, &tree, pressure) {
                let event = coding.event(actor, target, Modality::Asserted, None, trigger);
                add_new(
                    &mut found,
                    known,
                    event.at(sentence.span, date.clone()),
                    false,
                );
            }
        }
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
                let target = if frame.policy() {
                    policy_target(&tree, frame, sources.policy_words, word)
                } else {
                    target_of(ctx, &tree, frame, word)
                };
                let Some(target) = target else {
                    continue;
                };
                let trigger = tree.spans[word];
                tree.trigger = trigger;
                let actors: Vec<(String, Option<String>, Modality)> = if frame.policy() {
                    policy_actors(&tree, sources.mentions, word)
                } else {
                    let modality = modality(&tree, word);
                    tree.subjects(ctx, word)
                        .into_iter()
                        .map(|actor| (actor, None, modality))
                        .collect()
                };
                let coding = Coding {
                    id: &frame.id,
                    action: frame.action,
                    cameo: &frame.cameo,
                    plover: &frame.plover,
                };
                for (actor, agent, modality) in actors {
                    if actor == target {
                        continue;
                    }
                    let event = coding.event(actor, target.clone(), modality, agent, trigger);
                    add_new(
                        &mut found,
                        known,
                        event.at(sentence.span, date.clone()),
                        true,
                    );
                }
            }
        }
    }
    found
}

/// How a frame (or the pressure construction) codes its events.
struct Coding<'a> {
    id: &'a str,
    action: Action,
    cameo: &'a Option<String>,
    plover: &'a Option<String>,
}

impl Coding<'_> {
    /// An event of this coding at `trigger`, to be placed in its sentence with [`Placed::at`].
    fn event(
        &self,
        actor: String,
        target: String,
        modality: Modality,
        agent: Option<String>,
        trigger: Span,
    ) -> Placed {
        Placed(Event {
            actor,
            action: self.action,
            target,
            date: None,
            modality,
            agent,
            cameo: self.cameo.clone(),
            plover: self.plover.clone(),
            span: trigger,
            sentence: trigger,
            rule: self.id.to_string(),
        })
    }
}

/// An event still to be given its sentence and date.
struct Placed(Event);

impl Placed {
    fn at(self, sentence: Span, date: Option<String>) -> Event {
        Event {
            sentence,
            date,
            ..self.0
        }
    }
}

/// Adds `event` unless `found` or `known` has it: the same actor and target, and the same
/// action (or, with `overlapping`, a trigger over the same words).
fn add_new(found: &mut Vec<Event>, known: &[Event], event: Event, overlapping: bool) {
    let same = |other: &Event| {
        other.actor == event.actor
            && other.target == event.target
            && (other.action == event.action || overlapping && other.span.overlaps(event.span))
    };
    if !known.iter().any(same) && !found.iter().any(same) {
        found.push(event);
    }
}

/// (actor, target, trigger span) of each noun of pressure in the sentence: its source (an
/// `nmod` or `nmod:poss` that is a state or body) presses the subject of the verb the noun
/// modifies (`obl`, or `nmod` of that verb's object: "a deal under pressure from X").
fn pressed(ctx: &Context, tree: &Tree, pressure: &Pressure) -> Vec<(String, String, Span)> {
    let entity_at = |word: usize| {
        ctx.mentions
            .iter()
            .find(|mention| {
                matches!(mention.kind, EntityKind::State | EntityKind::Body)
                    && tree.words_in(mention.span).contains(&word)
            })
            .map(|mention| mention.id.clone())
    };
    let mut found = Vec::new();
    for noun in 0..tree.analysis.len() {
        if tree.analysis[noun].upos != Upos::Noun
            || !pressure.nouns.contains(&tree.lemma(noun))
            || !tree.analysis[noun].deprel.starts_with("obl")
        {
            continue;
        }
        let Some(verb) = tree.head(noun) else {
            continue;
        };
        if tree.analysis[verb].upos != Upos::Verb {
            continue;
        }
        let Some(actor) = tree
            .children(noun)
            .filter(|&child| matches!(tree.analysis[child].deprel, "nmod" | "nmod:poss"))
            .find_map(|source| tree.subtree(source).into_iter().find_map(entity_at))
        else {
            continue;
        };
        for target in tree.subjects(ctx, verb) {
            if target != actor {
                found.push((actor.clone(), target, tree.spans[noun]));
            }
        }
    }
    found
}

/// Words an object's head noun may stand after its verb ("introduce tough new health
/// checks"): a cheap test before parsing.
const OBJECT_REACH: usize = 6;

/// Whether a word that can be one of `frame`'s predicates has a word that can be its object
/// noun at most [`OBJECT_REACH`] words after it (first four letters of each lemma, so that
/// inflections pass).
fn object_follows(forms: &[String], frame: &Frame) -> bool {
    let stem_of = |form: &str, lemmas: &[String]| {
        lemmas
            .iter()
            .any(|lemma| form.starts_with(&lemma[..lemma.len().min(4)]))
    };
    forms.iter().enumerate().any(|(at, form)| {
        stem_of(form, &frame.predicates)
            && forms[at + 1..forms.len().min(at + 1 + OBJECT_REACH)]
                .iter()
                .any(|next| stem_of(next, &frame.object_lemmas))
    })
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

/// Verbs and nouns of intent: an act under them is planned ("plans to introduce", "a pledge
/// to impose").
const PLANS: &[&str] = &[
    "plan",
    "pledge",
    "promise",
    "vow",
    "propose",
    "proposal",
    "want",
    "intend",
    "aim",
    "seek",
    "prepare",
    "threaten",
    "bid",
    "move",
    "commitment",
    "intention",
    "manifesto",
];

/// Verbs that make a plan known: their subject owns it ("unveiled plans to", not "ruled out
/// plans to").
const ANNOUNCING: &[&str] = &[
    "unveil", "announce", "outline", "publish", "present", "launch", "reveal", "detail", "set",
    "draw", "have", "make", "confirm", "adopt", "approve", "put",
];

/// The policy phrase a policy frame's predicate acts on: its object (whose head noun must be
/// one of the frame's `object_lemmas`, when it has any) with the object's own dependents, cut
/// where the tree's phrase ends, when it holds a policy word.
fn policy_target(
    tree: &Tree,
    frame: &Frame,
    policy_words: &[String],
    predicate: usize,
) -> Option<String> {
    let object = tree
        .children(predicate)
        .find(|&child| tree.analysis[child].deprel == "obj")?;
    if !frame.object_lemmas.is_empty() && !frame.object_lemmas.contains(&tree.lemma(object)) {
        return None;
    }
    let words = tree.subtree(object);
    let first = *words.iter().min()?;
    let last = *words.iter().max()?;
    let mut phrase = tree.phrase(Span::new(tree.spans[first].start, tree.spans[last].end))?;
    let policy = |phrase: &str| {
        let lower = phrase.to_lowercase();
        policy_words
            .iter()
            .any(|word| lower.contains(word.as_str()))
    };
    // Whom or what the measure is for may hang off the verb ("introduce health checks for
    // immigrants"): the phrase right after the object, with its preposition.
    if !policy(&phrase)
        && let Some(oblique) = tree.children(predicate).find(|&child| {
            tree.analysis[child].deprel == "obl"
                && tree.subtree(child).iter().min() == Some(&(last + 1))
        })
        && let Some(case) = tree
            .children(oblique)
            .find(|&child| tree.analysis[child].deprel == "case")
        && matches!(
            tree.lemma(case).as_str(),
            "for" | "on" | "to" | "against" | "of"
        )
        && let Some(rest) = tree.phrase(tree.spans[oblique])
    {
        let case = tree.spans[case];
        phrase = format!("{phrase} {} {rest}", &tree.text[case.start..case.end]);
    }
    policy(&phrase).then_some(phrase)
}

/// The actors of a policy frame's predicate with the modality of each: the entities its
/// subject (and the subject's conjuncts) stand for, found up through the verbs and the nouns
/// of intent it is the complement of ("decided to impose", "unveiled plans to introduce").
/// An act under a verb or noun of intent, or by a party, is planned.
fn policy_actors(
    tree: &Tree,
    mentions: &[Mention],
    predicate: usize,
) -> Vec<(String, Option<String>, Modality)> {
    let mut modality = modality(tree, predicate);
    let mut word = predicate;
    let mut intent = false;
    let mut subject = None;
    for _ in 0..6 {
        subject = tree.children(word).find(|&child| {
            let deprel = tree.analysis[child].deprel;
            deprel == "nsubj" || deprel == "nmod:poss" && tree.analysis[word].upos == Upos::Noun
        });
        if subject.is_some() {
            break;
        }
        let relation = tree.analysis[word].deprel;
        let Some(head) = tree.head(word) else {
            break;
        };
        let climbs = match relation {
            "xcomp" | "conj" => true,
            // "plans to introduce": the act of a noun of intent …
            "acl" => PLANS.contains(&tree.lemma(head).as_str()),
            // … which is the object of a verb that makes it known ("unveiled plans to").
            "obj" => {
                tree.analysis[word].upos == Upos::Noun
                    && PLANS.contains(&tree.lemma(word).as_str())
                    && ANNOUNCING.contains(&tree.lemma(head).as_str())
            }
            _ => false,
        };
        if !climbs {
            break;
        }
        intent |= PLANS.contains(&tree.lemma(head).as_str());
        if tree.negated(head) {
            modality = Modality::Negated;
        }
        word = head;
    }
    let Some(subject) = subject else {
        return Vec::new();
    };
    let phrase = tree.subtree(subject);
    let depth_of = |word: usize| phrase.iter().position(|&other| other == word);
    let conjuncts: Vec<usize> = std::iter::once(subject)
        .chain(
            tree.children(subject)
                .filter(|&child| tree.analysis[child].deprel == "conj"),
        )
        .collect();
    let mut actors: Vec<(String, Option<String>, Modality)> = Vec::new();
    for conjunct in conjuncts {
        let own = tree.subtree(conjunct);
        let mention = mentions
            .iter()
            .filter(|mention| mention.kind != Kind::Framework)
            .filter_map(|mention| {
                let nearest = tree
                    .words_in(mention.span)
                    .filter(|word| own.contains(word))
                    .filter_map(&depth_of)
                    .min()?;
                Some((nearest, mention))
            })
            .min_by_key(|(nearest, _)| *nearest)
            .map(|(_, mention)| mention);
        let Some(mention) = mention else {
            continue;
        };
        let modality = match modality {
            Modality::Asserted | Modality::Hypothetical if intent || mention.party => {
                Modality::Planned
            }
            other => other,
        };
        if !actors.iter().any(|(actor, _, _)| *actor == mention.id) {
            actors.push((mention.id.clone(), mention.agent.clone(), modality));
        }
    }
    actors
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
    use migtrack_domain::Pack;

    /// (actor, action, target, modality) of the policy frames' events in `text`.
    fn measures(text: &str) -> Vec<(String, Action, String, Modality)> {
        let ctx = Context::new(text, None, Pack::builtin());
        crate::extract::events::extract(&ctx, &[], &[])
            .into_iter()
            .filter(|event| event.rule.starts_with("frame.") && event.rule != "frame.endorse")
            .map(|event| (event.actor, event.action, event.target, event.modality))
            .collect()
    }

    /// (actor, target) of the pressure construction's events in `text`.
    fn pressed_in(text: &str) -> Vec<(String, String)> {
        let ctx = Context::new(text, None, Pack::builtin());
        crate::extract::events::extract(&ctx, &[], &[])
            .into_iter()
            .filter(|event| event.rule == "frame.pressure")
            .map(|event| {
                assert_eq!(event.action, Action::Urge);
                (event.actor, event.target)
            })
            .collect()
    }

    #[test]
    fn a_state_pressing_another_is_an_urge() {
        assert_eq!(
            pressed_in(
                "Under pressure from the United States, Mexico agreed to deploy troops to its southern border."
            ),
            [("USA".to_string(), "MEX".to_string())]
        );
        assert_eq!(
            pressed_in("At the request of Germany, Austria reopened its border crossings."),
            [("DEU".to_string(), "AUT".to_string())]
        );
        // Negative twins: pressure from no state or body, and a noun of pressure that
        // modifies no verb of the subject ("the pressure of the crisis").
        assert!(
            pressed_in("Under pressure from critics, Mexico agreed to deploy troops.").is_empty()
        );
        assert!(
            pressed_in("Mexico and the United States discussed the pressure on the border.")
                .is_empty()
        );
    }

    #[test]
    fn a_measure_is_the_object_phrase_of_a_policy_predicate() {
        assert_eq!(
            measures(
                "The Conservatives have unveiled plans to introduce health checks for immigrants."
            ),
            [(
                "Conservative Party".to_string(),
                Action::Restrict,
                "health checks for immigrants".to_string(),
                Modality::Planned
            )]
        );
        assert_eq!(
            measures("Italy imposed tough new border controls on Sunday."),
            [(
                "ITA".to_string(),
                Action::Restrict,
                "tough new border controls".to_string(),
                Modality::Asserted
            )]
        );
        assert_eq!(
            measures("Canada will open a new humanitarian pathway for refugees."),
            [(
                "CAN".to_string(),
                Action::Expand,
                "new humanitarian pathway".to_string(),
                Modality::Planned
            )]
        );
    }

    #[test]
    fn parties_are_actors_and_a_cased_name_only_where_capitalised() {
        let actors = |text: &str| -> Vec<String> {
            measures(text)
                .into_iter()
                .map(|(actor, ..)| actor)
                .collect()
        };
        assert_eq!(
            actors("Ukip has unveiled plans to introduce a cap on asylum claims."),
            ["UK Independence Party"]
        );
        assert_eq!(
            actors("Podemos has unveiled plans to introduce a cap on asylum claims."),
            ["Podemos"]
        );
        // "podemos" in lower case is a Spanish verb form, not the party.
        assert!(
            actors("and podemos has unveiled plans to introduce a cap on asylum claims.")
                .is_empty()
        );
    }

    #[test]
    fn a_measure_without_a_policy_word_or_owner_or_that_is_denied_is_no_such_act() {
        // Not about migration.
        assert!(measures("Italy imposed new checks on bank loans.").is_empty());
        // A plan ruled out is nobody's plan.
        assert!(
            measures(
                "The Conservatives have ruled out plans to introduce health checks for immigrants."
            )
            .is_empty()
        );
        // Negated: recorded as not done.
        assert_eq!(
            measures("Italy did not impose border controls."),
            [(
                "ITA".to_string(),
                Action::Restrict,
                "border controls".to_string(),
                Modality::Negated
            )]
        );
    }

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
