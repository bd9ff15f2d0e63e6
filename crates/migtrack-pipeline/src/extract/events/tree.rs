//! What the dependency tree decides about an event the lexicon found.
//!
//! The lexicon finds a trigger on the surface; the sentence's tree (the linguistic layer,
//! parsed only for sentences that hold a trigger) then settles two things the surface cannot:
//!
//! - **Modality.** A trigger with a negation among its dependents ("did not sign", "never
//!   joined", "no longer takes part", "no withdrawal"), or the complement of a verb of
//!   refusal ("refused to sign", "declined to join"), is negated. A trigger inside a
//!   conditional clause ("if it withdraws") or a nominal trigger whose predicate is modal
//!   ("withdrawal from the EU … will solve the problem") is hypothetical. Only asserted events
//!   are changed; the words are data ([`NEGATIONS`], [`REFUSALS`], [`CONDITIONS`], [`MODALS`]).
//! - **Phrase targets.** A policy phrase is cut where the tree's phrase ends: the phrase's
//!   head word with its dependents, without leading prepositions, determiners or
//!   conjunctions and without clauses hanging off it ("of 30,000 refugees per" becomes
//!   "30,000 refugees per year"). A phrase whose head is a pronoun or that holds no noun
//!   names nothing: the event is dropped.

use migtrack_model::{Action, Event, Modality, Quote, Span};
use migtrack_nlp::{Analysis, Upos};

use super::lexicon::{Entry, Lexicon, TargetKind};
use super::{Kind, Mention};
use crate::extract::Context;
use crate::extract::quotes::lexicon::PRIVATE_MARKERS;

/// Lemmas of negating dependents.
const NEGATIONS: &[&str] = &["not", "never", "n't", "nor"];
/// Verbs whose complement did not happen ("refused to sign").
const REFUSALS: &[&str] = &["refuse", "decline", "fail", "reject", "refrain", "oppose"];
/// Verbs of request: what their complement names is asked of somebody, not done.
const REQUESTS: &[&str] = &[
    "urge",
    "press",
    "pressure",
    "lobby",
    "ask",
    "call",
    "demand",
    "push",
    "implore",
    "beg",
    "request",
    "encourage",
];
/// Subordinators of a condition.
const CONDITIONS: &[&str] = &["if", "unless", "whether"];
/// Nouns whose infinitival clause is only a possibility ("the ability to deport", "an
/// attempt to cut"): the act in it is hypothetical.
const POSSIBILITY_NOUNS: &[&str] = &[
    "ability",
    "power",
    "authority",
    "attempt",
    "effort",
    "bid",
    "chance",
    "opportunity",
    "threat",
    "option",
    "way",
    "need",
];
/// Verbs that turn a possibility into an act ("used its power to deport").
const USING: &[&str] = &["use", "exercise", "invoke", "employ", "seize"];
/// Nouns whose infinitival clause is intended ("a plan to cap", "his pledge to deport"): the
/// act in it is planned.
const INTENT_NOUNS: &[&str] = &[
    "plan",
    "pledge",
    "promise",
    "proposal",
    "vow",
    "intention",
    "commitment",
    "goal",
    "aim",
];
/// Auxiliaries that make a nominal trigger's predicate speculative.
const MODALS: &[&str] = &[
    "will", "would", "could", "might", "may", "should", "can", "shall", "must",
];
/// Nouns of a span of time: a participle modifying one dates it ("the year ending March").
const TIME_NOUNS: &[&str] = &[
    "year",
    "month",
    "week",
    "day",
    "quarter",
    "period",
    "decade",
    "fortnight",
];
/// Relations of a phrase head's dependents that start a clause of their own: the phrase
/// ends before them.
const CLAUSAL: &[&str] = &[
    "acl",
    "acl:relcl",
    "advcl",
    "ccomp",
    "csubj",
    "parataxis",
    "appos",
    "dep",
    "list",
    "orphan",
    "reparandum",
    "discourse",
    "vocative",
];

/// Apply the tree to the events of one document (those of sentences without a model stay
/// as they are).
pub(super) fn refine(
    ctx: &Context,
    lexicon: &Lexicon,
    mentions: &[Mention],
    quotes: &[Quote],
    events: Vec<Event>,
) -> Vec<Event> {
    let mut refined: Vec<Event> = Vec::with_capacity(events.len());
    for event in events {
        let mut conjuncts = Conjuncts::default();
        let Some(mut event) = refine_one(ctx, lexicon, mentions, quotes, event, &mut conjuncts)
        else {
            continue;
        };
        // A count is no measure (`counts.rs`); a bare amount of funding is read with the words
        // after it ("$4 billion in humanitarian assistance").
        let trigger = ctx.text.get(event.span.start..event.span.end).unwrap_or("");
        let mut target = event.target.clone();
        if matches!(event.action, Action::Fund | Action::Defund) {
            let sentence = ctx
                .text
                .get(event.span.end..event.sentence.end)
                .unwrap_or("");
            if let Some(at) = sentence.find(event.target.as_str()) {
                let after = &sentence[at + event.target.len()..];
                target = super::counts::with_purpose(&event.target, after);
            }
        }
        match super::counts::counted(event.action, event.modality, trigger, &target) {
            super::counts::Counted::Keep => {}
            super::counts::Counted::Retarget(target) => event.target = target,
            super::counts::Counted::Drop => continue,
        }
        // The guideline's mapping: not signing, endorsing or joining is a refusal, and the
        // refusal itself is what happened ("announced it would not sign the compact").
        if event.modality == Modality::Negated
            && matches!(event.action, Action::Endorse | Action::Join)
        {
            event.action = Action::Reject;
            event.modality = Modality::Asserted;
        }
        // One event per conjunct actor and target (copies of the refined event); the
        // document keeps one of each triple, or of each triple and date for an act that can
        // happen again (see `merge`).
        let copies: Vec<Event> = conjuncts
            .actors
            .iter()
            .filter(|actor| **actor != event.target)
            .map(|actor| Event {
                actor: actor.clone(),
                ..event.clone()
            })
            .chain(
                conjuncts
                    .targets
                    .iter()
                    .filter(|target| **target != event.actor)
                    .map(|target| Event {
                        target: target.clone(),
                        ..event.clone()
                    }),
            )
            .collect();
        for event in std::iter::once(event).chain(copies) {
            if !refined.iter().any(|known| {
                known.actor == event.actor
                    && known.action == event.action
                    && known.target == event.target
                    && super::one_act_by_dates(event.action, &known.date, &event.date)
            }) {
                refined.push(event);
            }
        }
    }
    refined
}

/// The other conjuncts of an event's actor and of its target, as entity ids.
#[derive(Default)]
struct Conjuncts {
    actors: Vec<String>,
    targets: Vec<String>,
}

/// The mention of `id` in `sentence`, preferring one after `after`.
fn mention_of<'a>(
    ctx: &'a Context,
    sentence: Span,
    id: &str,
    after: usize,
) -> Option<&'a migtrack_domain::EntityMention> {
    let inside = |mention: &&migtrack_domain::EntityMention| {
        mention.id == id && sentence.contains(mention.span)
    };
    ctx.mentions
        .iter()
        .filter(inside)
        .find(|mention| mention.span.start >= after)
        .or_else(|| ctx.mentions.iter().find(inside))
}

/// The event refined by the sentence's tree; `conjuncts` receives copies of it for the
/// other conjuncts of its subject ("Austria, Hungary and Poland rejected …") and of its
/// target ("withdrew from the GCM and the GFMD").
fn refine_one(
    ctx: &Context,
    lexicon: &Lexicon,
    mentions: &[Mention],
    quotes: &[Quote],
    mut event: Event,
    conjuncts: &mut Conjuncts,
) -> Option<Event> {
    let index = ctx
        .sentences
        .partition_point(|span| span.end <= event.span.start);
    let Some(sentence) = ctx.layer.get(index) else {
        return Some(event);
    };
    if sentence.span.start > event.span.start {
        return Some(event);
    }
    // The lexicon entry that matched: a re-coded event's rule names it after a `:`.
    let entry_id = event
        .rule
        .rsplit_once(':')
        .map_or(event.rule.as_str(), |(_, id)| id);
    let entry = lexicon.entries.iter().find(|entry| entry.id == entry_id);
    let kind = entry.map(|entry| entry.target);
    // A deployment must send forces, and a default target ("border") must not stand for a
    // destination the sentence names otherwise.
    let deploy_check = entry.is_some_and(|entry| !entry.deployed_words.is_empty());
    let check_modality =
        event.modality == Modality::Asserted && has_modality_cue(ctx.text, sentence);
    let owner_rule = matches!(kind, Some(TargetKind::Entity | TargetKind::EntityOrPhrase))
        && !matches!(event.action, Action::Criticize | Action::Support)
        && ctx.text[event.span.end..sentence.span.end].contains(['\'', '’']);
    let phrase_target = kind
        .is_some_and(|kind| !matches!(kind, TargetKind::Entity | TargetKind::State))
        && !ctx
            .mentions
            .iter()
            .any(|mention| mention.id == event.target);
    // Another state, body, party or court in the sentence may be the trigger's real subject.
    // (An agreement's parties are paired by the lexicon rules.)
    let actor_check = event.action != Action::Agree
        && (ctx.mentions.iter().any(|mention| {
            actor_kind(mention)
                && mention.id != event.actor
                && mention.span.start >= sentence.span.start
                && mention.span.end <= sentence.span.end
        }) || mentions.iter().any(|mention| {
            mention.kind != Kind::Framework
                && mention.id != event.actor
                && sentence.span.contains(mention.span)
        }));
    // Another entity of the target's kind after the trigger may be a conjunct target.
    let target_mention = mention_of(ctx, sentence.span, &event.target, event.span.end);
    let target_check = target_mention.is_some_and(|target| {
        ctx.mentions.iter().any(|mention| {
            mention.kind == target.kind
                && mention.id != event.target
                && mention.id != event.actor
                && mention.span.start >= event.span.end
                && mention.span.end <= sentence.span.end
        })
    });
    // "Tory leader Michael Howard said the government would deport …": a government noun
    // before the trigger may be the subject of the act the speaker reports.
    let government_check = !is_state_id(ctx, &event.actor)
        && sentence.words.iter().any(|word| {
            word.span.end <= event.span.start
                && lexicon
                    .government_nouns
                    .iter()
                    .any(|noun| ctx.text[word.span.start..word.span.end].eq_ignore_ascii_case(noun))
        });
    // The actor was remembered from earlier sentences (this one names it nowhere): the
    // trigger's own subject, if the tree gives one, may name somebody else.
    let remembered = !mentions.iter().any(|mention| {
        mention.id == event.actor
            && mention.span.start >= sentence.span.start
            && mention.span.end <= sentence.span.end
    });
    // A judgement named by a noun ("support", "criticism") may be somebody else's: "with the
    // support of Republicans", "condemnation from Democrats".
    let nominal_check = matches!(event.action, Action::Support | Action::Criticize)
        && !ctx.text[event.span.start..event.span.end].contains(' ');
    // Parse only when the tree can change something.
    if !(nominal_check
        || deploy_check
        || check_modality
        || owner_rule
        || phrase_target
        || actor_check
        || target_check
        || government_check
        || remembered)
    {
        return Some(event);
    }
    let Some(analysis) = ctx.analysis(index) else {
        return Some(event);
    };
    let tree = Tree {
        text: ctx.text,
        spans: sentence.words.iter().map(|word| word.span).collect(),
        analysis,
        trigger: event.span,
    };
    let Some(trigger) = tree.head_within(event.span) else {
        return Some(event);
    };
    if tree.names_no_act(trigger) {
        return None;
    }
    if deploy_check
        && let Some(entry) = entry
        && tree.sends_no_force(
            trigger,
            entry,
            entry.default_target.as_ref() == Some(&event.target),
        )
    {
        return None;
    }
    if nominal_check
        && tree.analysis[trigger].upos == Upos::Noun
        && let Some(target) = mentions
            .iter()
            .filter(|mention| mention.id == event.target && sentence.span.contains(mention.span))
            .min_by_key(|mention| (mention.span.start < event.span.end, mention.span.start))
        && !tree.judgement_is_of(trigger, target.span)
    {
        return None;
    }
    // "urging foreign governments to resist practices …, including policies that could
    // limit criticism": an act inside what somebody is asked to do is no event of its own.
    if event.action != Action::Urge && tree.inside_request(trigger) {
        return None;
    }
    if remembered && tree.subject_names_another(ctx, lexicon, mentions, trigger) {
        return None;
    }
    if actor_check {
        let actors = tree.subjects_among(ctx, mentions, trigger);
        // The actor stands when it is one of the subject's conjuncts ("both France and
        // Britain pledged": the lexicon rules give one event per conjunct).
        if let Some(actor) = actors.first()
            && !actors.contains(&event.actor)
            && *actor != event.target
        {
            event.actor = actor.clone();
        }
        if actors.contains(&event.actor) {
            conjuncts.actors = actors
                .into_iter()
                .filter(|actor| *actor != event.actor)
                .collect();
        }
    }
    // The subject is a name the document links to no state, body or party ("MoveOn.org
    // slammed …", "Labour was right to reject …"): the act is not that of the actor the
    // surface rules took from elsewhere, unless the name is somebody the article quotes as
    // an official or for an entity, who may act for it ("Pelosi accused …").
    if (remembered || actor_check) && {
        // An actor the sentence names only after the trigger is part of what is done
        // ("opposed Mr. Trump's goal of getting Mexico to …"): the name before cannot act for
        // it. (Not when named by one of its agencies: "Bush ordered troops to shore up the
        // Border Patrol" is an office holder's order to the state's own agency.)
        let spans: Vec<Span> = ctx
            .mentions
            .iter()
            .filter(|m| m.id == event.actor)
            .filter(|m| m.agent.is_none() || m.span.start < event.span.end)
            .map(|m| m.span)
            .chain(
                mentions
                    .iter()
                    .filter(|m| m.id == event.actor)
                    .map(|m| m.span),
            )
            .filter(|span| sentence.span.contains(*span))
            .collect();
        let actor_after =
            !spans.is_empty() && spans.iter().all(|span| span.start >= event.span.end);
        let actor = (!actor_after).then_some(event.actor.as_str());
        tree.unknown_name_subject(ctx, lexicon, mentions, trigger, actor)
            .is_some_and(|name| actor_after || !quoted_official(quotes, &name))
    } {
        return None;
    }
    if government_check && let Some(state) = tree.government_subject(ctx, lexicon, trigger) {
        // The government acts; the speaker who reports it is no agent of the act.
        event.actor = state;
        event.agent = None;
    }
    if target_check && let Some(target) = target_mention {
        conjuncts.targets = tree
            .conjuncts_of(ctx, target)
            .into_iter()
            .filter(|id| *id != event.actor && *id != event.target)
            .collect();
    }
    // An evaluation's negation is the judgement itself ("the plans would not work").
    if check_modality {
        event.modality = tree.modality(trigger);
    }
    // "rejected the EU's redistribution scheme": the body only owns the target. (Criticism
    // or praise of an actor's policy is of the actor: "criticised Mexico's handling".)
    if owner_rule && let Some(phrase) = tree.owned_by_target(ctx, sentence.span, &event) {
        event.target = phrase;
        return Some(event);
    }
    // A phrase (not an entity id) written in the sentence.
    if phrase_target {
        let found = ctx.text[sentence.span.start..sentence.span.end]
            .find(event.target.as_str())
            .map(|at| {
                let start = sentence.span.start + at;
                Span::new(start, start + event.target.len())
            });
        if let Some(span) = found {
            // No object after a passive trigger ("are sent back to Mexico"): its subject is
            // what the act is done to.
            event.target = match tree.phrase(span) {
                Some(phrase) => phrase,
                None => tree.passive_subject(trigger)?,
            };
            // One private person ("deport Maria Lopez", "the man was deported") is no policy
            // target: the guideline's scope keeps no record of it.
            let start = sentence.span.start
                + ctx.text[sentence.span.start..sentence.span.end].find(event.target.as_str())?;
            if tree.names_a_private_person(Span::new(start, start + event.target.len()), lexicon) {
                return None;
            }
        }
    }
    Some(event)
}

/// Whether somebody quoted in the document has the surname (the last word) of `name` and
/// stands for an entity or has a role the text gives ("Speaker Nancy Pelosi").
fn quoted_official(quotes: &[Quote], name: &str) -> bool {
    let Some(surname) = name.split_whitespace().next_back() else {
        return false;
    };
    quotes.iter().any(|quote| {
        quote
            .speaker
            .as_deref()
            .and_then(|speaker| speaker.split_whitespace().next_back())
            == Some(surname)
            && (quote.speaker_entity.is_some() || quote.role.is_some())
    })
}

/// Whether `id` is a state of the pack.
fn is_state_id(ctx: &Context, id: &str) -> bool {
    ctx.mentions
        .iter()
        .any(|mention| mention.id == id && mention.kind == migtrack_domain::EntityKind::State)
}

/// States and bodies can be an event's actor.
fn actor_kind(mention: &migtrack_domain::EntityMention) -> bool {
    matches!(
        mention.kind,
        migtrack_domain::EntityKind::State | migtrack_domain::EntityKind::Body
    )
}

/// Whether the sentence holds a word that can make a trigger negated or hypothetical (the
/// same word lists as the tree rules, on the surface): without one, no parse is needed.
fn has_modality_cue(text: &str, sentence: &migtrack_nlp::Sentence) -> bool {
    sentence.words.iter().any(|word| {
        let form = word.form(text).to_lowercase().replace('’', "'");
        NEGATIONS.contains(&form.as_str())
            || CONDITIONS.contains(&form.as_str())
            || MODALS.contains(&form.as_str())
            || matches!(form.as_str(), "no" | "wo" | "ca" | "'ll" | "'d" | "cannot")
            || POSSIBILITY_NOUNS
                .iter()
                .chain(INTENT_NOUNS)
                .any(|noun| form.strip_suffix('s').unwrap_or(&form) == *noun)
            || REFUSALS
                .iter()
                .any(|lemma| form.starts_with(&lemma[..lemma.len().min(5)]))
    })
}

/// One parsed sentence: word spans in the text and their analysis.
pub(in crate::extract) struct Tree<'a> {
    pub(in crate::extract) text: &'a str,
    pub(in crate::extract) spans: Vec<Span>,
    pub(in crate::extract) analysis: &'a [Analysis],
    /// The trigger's words: a negation or refusal among them is part of the trigger's
    /// meaning ("will not sign" is a reject), not a negation of it.
    pub(in crate::extract) trigger: Span,
}

impl Tree<'_> {
    pub(in crate::extract) fn head(&self, word: usize) -> Option<usize> {
        self.analysis[word].head.map(|head| head as usize)
    }

    /// Whether the deployment at `trigger` sends nothing the entry's `deployed_words` name:
    /// its object or passive subject names no force ("deploy additional high-tech tools",
    /// "strategies will be deployed"), or, with the entry's default target, it goes to a
    /// destination with none of the entry's `object_words` ("deployed 4,500 troops in the
    /// Baltic nations" sends forces, but to no border). A time is no
    /// destination ("deployed in April").
    pub(super) fn sends_no_force(
        &self,
        trigger: usize,
        entry: &Entry,
        default_target: bool,
    ) -> bool {
        let names = |word: usize, list: &[String]| {
            let lemma = self.lemma(word);
            list.iter().any(|start| lemma.starts_with(start.as_str()))
        };
        let nominal = |word: usize| matches!(self.analysis[word].upos, Upos::Noun | Upos::Propn);
        let object = self.children(trigger).find(|&child| {
            matches!(self.analysis[child].deprel, "obj" | "nsubj:pass") && nominal(child)
        });
        if let Some(object) = object
            && !self
                .subtree(object)
                .into_iter()
                .any(|word| nominal(word) && names(word, &entry.deployed_words))
        {
            return true;
        }
        if !default_target {
            return false;
        }
        let time = |word: usize| {
            let lemma = self.lemma(word);
            crate::extract::dates::lexicon::month(&lemma).is_some()
                || crate::extract::dates::lexicon::weekday(&lemma).is_some()
                || matches!(
                    lemma.as_str(),
                    "year"
                        | "week"
                        | "month"
                        | "day"
                        | "weekend"
                        | "spring"
                        | "summer"
                        | "autumn"
                        | "fall"
                        | "winter"
                )
        };
        // A border named anywhere below the trigger keeps it ("sent troops to the border in
        // an effort to …"); a destination is a named place ("in the Baltic nations", "to
        // Estonia"), not the forces ("send up to 1,000 troops") nor a time.
        let obliques: Vec<usize> = self
            .children(trigger)
            .filter(|&child| self.analysis[child].deprel == "obl")
            .collect();
        let mentions = |word: usize, list: &[String]| {
            self.subtree(word)
                .into_iter()
                .any(|inner| names(inner, list))
        };
        if mentions(trigger, &entry.object_words) {
            return false;
        }
        obliques.into_iter().any(|place| {
            !time(place)
                && !mentions(place, &entry.deployed_words)
                && self.children(place).any(|case| {
                    self.analysis[case].deprel == "case"
                        && matches!(
                            self.lemma(case).as_str(),
                            "to" | "in" | "into" | "at" | "on" | "along" | "across"
                        )
                })
                && (self.analysis[place].upos == Upos::Propn
                    || self.children(place).any(|word| {
                        matches!(self.analysis[word].deprel, "amod" | "compound" | "flat")
                            && self.text[self.spans[word].start..self.spans[word].end]
                                .starts_with(char::is_uppercase)
                    }))
        })
    }

    pub(super) fn lemma(&self, word: usize) -> String {
        self.analysis[word].lemma.to_lowercase()
    }

    pub(in crate::extract) fn children(&self, word: usize) -> impl Iterator<Item = usize> + '_ {
        (0..self.analysis.len()).filter(move |&child| self.head(child) == Some(word))
    }

    fn in_trigger(&self, word: usize) -> bool {
        self.spans[word].start >= self.trigger.start && self.spans[word].end <= self.trigger.end
    }

    /// The words inside `span`.
    pub(super) fn words_in(&self, span: Span) -> std::ops::Range<usize> {
        let first = self.spans.partition_point(|word| word.end <= span.start);
        let last = self.spans.partition_point(|word| word.start < span.end);
        first..last.max(first)
    }

    /// Whether trigger word `trigger` names no act but a date: a participle of a time noun
    /// ("the 12 months ending March 2014"). (A gerund that is a clause's subject, "Reducing
    /// the number would ease the burden", was tried too: it gained a dev event and lost one
    /// of the frozen unseen set, not inspected.)
    pub(super) fn names_no_act(&self, trigger: usize) -> bool {
        self.analysis[trigger].deprel == "acl"
            && self.head(trigger).is_some_and(|head| {
                TIME_NOUNS.contains(&self.analysis[head].lemma.to_lowercase().as_str())
            })
    }

    /// The phrase of the passive subject of `verb` ("migrants are sent back"), if any.
    pub(super) fn passive_subject(&self, verb: usize) -> Option<String> {
        let subject = self
            .children(verb)
            .find(|&child| self.analysis[child].deprel == "nsubj:pass")?;
        // The subject's words: the subject and everything below it.
        let (mut first, mut last) = (subject, subject);
        let mut stack = vec![subject];
        while let Some(word) = stack.pop() {
            first = first.min(word);
            last = last.max(word);
            stack.extend(self.children(word));
        }
        self.phrase(Span::new(self.spans[first].start, self.spans[last].end))
    }

    /// Whether the words of `span` name one private person: a bare proper name (every word a
    /// proper noun, none an acronym such as "DACA" or "ICE", no policy word as in "Migrant
    /// Protection Protocols"; entities of the pack are never phrase targets, so what is left is
    /// a person's or a place's name), or a singular noun of a private person ("the man", "a
    /// student": the quote rules' `PRIVATE_MARKERS`, and the lexicon's `individual_nouns`).
    /// A group ("migrants") is a policy's target; one person is not (GUIDELINES.md, scope).
    pub(super) fn names_a_private_person(&self, span: Span, lexicon: &Lexicon) -> bool {
        let range = self.words_in(span);
        let one_person = self.head_within(span).is_some_and(|head| {
            self.analysis[head].upos == Upos::Noun
                && self.analysis[head].feats.contains("Number=Sing")
                && {
                    let lemma = self.analysis[head].lemma.to_lowercase();
                    PRIVATE_MARKERS.contains(lemma.as_str())
                        || lexicon.individual_nouns.contains(&lemma)
                }
                // "one Syrian refugee for each Syrian returned", "every asylum seeker": a
                // rate or a rule, not a person.
                && !self.children(head).any(|child| {
                    self.analysis[child].deprel == "nummod"
                        || matches!(
                            self.analysis[child].lemma.to_lowercase().as_str(),
                            "one" | "each" | "every" | "any" | "no"
                        )
                })
        });
        one_person
            || !range.is_empty()
                && range.clone().all(|word| {
                    let form = self.spans[word].slice(self.text);
                    let lower = form.to_lowercase();
                    self.analysis[word].upos == Upos::Propn
                        && !(form.len() > 1 && form.chars().all(|c| !c.is_lowercase()))
                        && !lexicon
                            .policy_words
                            .iter()
                            .any(|policy| lower.starts_with(policy.as_str()))
                })
    }

    /// The word of `span` whose head lies outside it (the phrase's syntactic head); content
    /// words first, so that "to host" gives "host".
    fn head_within(&self, span: Span) -> Option<usize> {
        let range = self.words_in(span);
        let outside = |word: &usize| self.head(*word).is_none_or(|head| !range.contains(&head));
        let content = |word: &usize| {
            matches!(
                self.analysis[*word].upos,
                Upos::Verb | Upos::Noun | Upos::Propn | Upos::Adj
            )
        };
        range
            .clone()
            .filter(outside)
            .find(content)
            .or_else(|| range.clone().find(content))
            .or_else(|| range.clone().find(outside))
    }

    /// `word` and every word below it.
    pub(in crate::extract) fn subtree(&self, word: usize) -> Vec<usize> {
        let mut words = vec![word];
        let mut at = 0;
        while at < words.len() && words.len() <= self.analysis.len() {
            let next = words[at];
            words.extend(self.children(next).filter(|child| *child != word));
            at += 1;
        }
        words
    }

    pub(in crate::extract) fn negated(&self, word: usize) -> bool {
        self.children(word)
            .filter(|&child| !self.in_trigger(child))
            .any(|child| {
                let lemma = self.lemma(child);
                let deprel = self.analysis[child].deprel;
                (deprel.starts_with("advmod") || deprel == "cc:preconj")
                && NEGATIONS.contains(&lemma.as_str())
                || deprel == "det" && lemma == "no"
                // "no longer"
                || lemma == "longer" && self.children(child).any(|inner| self.lemma(inner) == "no")
            })
    }

    /// A gerund that is a clause's subject, or an adverbial gerund with no subject of its own
    /// ("Reducing the number …, however, would ease …"): it shares its governor's modality.
    fn subjectless_gerund(&self, word: usize) -> bool {
        let analysis = &self.analysis[word];
        analysis.deprel == "csubj"
            || analysis.deprel == "advcl"
                && analysis.xpos == "VBG"
                && !self
                    .children(word)
                    .any(|child| self.analysis[child].deprel.starts_with("nsubj"))
    }

    fn conditional(&self, word: usize) -> bool {
        self.children(word).any(|child| {
            self.analysis[child].deprel == "mark"
                && CONDITIONS.contains(&self.lemma(child).as_str())
        })
    }

    fn modal(&self, word: usize) -> bool {
        self.children(word).any(|child| {
            self.analysis[child].deprel.starts_with("aux")
                && MODALS.contains(&self.lemma(child).as_str())
        })
    }

    /// The modality the tree gives the trigger whose head word is `trigger`.
    pub(super) fn modality(&self, trigger: usize) -> Modality {
        if self.negated(trigger) {
            return Modality::Negated;
        }
        // Up through the verbs it is the complement of ("decided to withdraw", "refused to
        // sign", "did not decide to join").
        let mut word = trigger;
        for _ in 0..4 {
            if self.conditional(word) {
                return Modality::Hypothetical;
            }
            if !matches!(self.analysis[word].deprel, "xcomp" | "ccomp") {
                break;
            }
            let Some(governor) = self.head(word) else {
                break;
            };
            if self.negated(governor)
                || !self.in_trigger(governor) && REFUSALS.contains(&self.lemma(governor).as_str())
            {
                return Modality::Negated;
            }
            word = governor;
        }
        // An act in an infinitival clause of a noun of possibility or intent ("the ability to
        // deport", "a plan to cap") has not happened.
        if self.analysis[word].deprel == "acl"
            && self
                .children(word)
                .any(|child| self.analysis[child].deprel == "mark" && self.lemma(child) == "to")
            && let Some(noun) = self.head(word)
        {
            // … unless the power was used ("used its power to deport").
            let used = self
                .head(noun)
                .is_some_and(|verb| USING.contains(&self.lemma(verb).as_str()));
            let noun = self.lemma(noun);
            if POSSIBILITY_NOUNS.contains(&noun.as_str()) && !used {
                return Modality::Hypothetical;
            }
            if INTENT_NOUNS.contains(&noun.as_str()) {
                return Modality::Planned;
            }
        }
        // A nominal trigger, or a gerund that is a clause's subject, is an argument of some
        // predicate: "withdrawal from the EU … will solve the problem", "reducing the number
        // … would ease the burden" speculate about the act.
        if matches!(self.analysis[trigger].upos, Upos::Noun) || self.subjectless_gerund(trigger) {
            let mut word = trigger;
            for _ in 0..4 {
                let Some(governor) = self.head(word) else {
                    break;
                };
                let relation = self.analysis[word].deprel;
                if !["nsubj", "csubj", "obj", "obl", "nmod", "conj", "advcl"]
                    .iter()
                    .any(|prefix| relation.starts_with(prefix))
                {
                    break;
                }
                if self.modal(governor) || self.conditional(governor) {
                    return Modality::Hypothetical;
                }
                if matches!(self.analysis[governor].upos, Upos::Verb | Upos::Adj) {
                    break;
                }
                word = governor;
            }
        }
        Modality::Asserted
    }

    /// The ids of the entities of `mention`'s kind that its head is coordinated with ("the
    /// GCM and the GFMD", "Mexico, Guatemala and Honduras"), in text order.
    fn conjuncts_of(&self, ctx: &Context, mention: &migtrack_domain::EntityMention) -> Vec<String> {
        let Some(head) = self.head_within(mention.span) else {
            return Vec::new();
        };
        // The first conjunct heads the others; a later one points at the first.
        let first = if self.analysis[head].deprel == "conj" {
            self.head(head).unwrap_or(head)
        } else {
            head
        };
        std::iter::once(first)
            .chain(
                self.children(first)
                    .filter(|&child| self.analysis[child].deprel == "conj"),
            )
            .filter_map(|word| {
                ctx.mentions
                    .iter()
                    .find(|other| {
                        other.kind == mention.kind && self.words_in(other.span).contains(&word)
                    })
                    .map(|other| other.id.clone())
            })
            .collect()
    }

    /// The states or bodies that are the trigger's subject: its `nsubj` (or the possessor of
    /// a nominal trigger, "Austria's withdrawal"), found through the verbs it is the
    /// complement or conjunct of ("decided to withdraw", "signed and then withdrew"). The
    /// subject's conjuncts each count ("France and Britain"); else the mention nearest the
    /// subject's head in the tree ("the U.S. mission to the United Nations" is the U.S.).
    /// Empty when the subject names no state or body.
    pub(super) fn subjects(&self, ctx: &Context, trigger: usize) -> Vec<String> {
        self.subjects_among(ctx, &[], trigger)
    }

    /// [`Tree::subjects`], where the document's other actors (`extra`: parties and the
    /// politicians linked to them, courts, legislatures) count as well as the pack's states
    /// and bodies ("Republicans and Democrats in Congress criticized …").
    pub(super) fn subjects_among(
        &self,
        ctx: &Context,
        extra: &[Mention],
        trigger: usize,
    ) -> Vec<String> {
        let mut word = trigger;
        let mut subject = None;
        for _ in 0..4 {
            subject = self.children(word).find(|&child| {
                let deprel = self.analysis[child].deprel;
                deprel == "nsubj"
                    || deprel == "obl:agent"
                    || deprel == "nmod:poss" && matches!(self.analysis[word].upos, Upos::Noun)
            });
            if subject.is_some() || !self.shares_subject_with_head(word) {
                break;
            }
            let Some(head) = self.head(word) else {
                break;
            };
            word = head;
        }
        let Some(subject) = subject else {
            return Vec::new();
        };
        let mentions: Vec<(Span, &String)> = ctx
            .mentions
            .iter()
            .filter(|m| actor_kind(m))
            .map(|m| (m.span, &m.id))
            .chain(
                extra
                    .iter()
                    .filter(|m| m.kind != Kind::Framework)
                    .map(|m| (m.span, &m.id)),
            )
            .collect();
        let mention_at = |word: usize| {
            mentions
                .iter()
                .find(|(span, _)| self.words_in(*span).contains(&word))
                .map(|(_, id)| (*id).clone())
        };
        let conjuncts: Vec<String> = std::iter::once(subject)
            .chain(
                self.children(subject)
                    .filter(|&child| self.analysis[child].deprel == "conj"),
            )
            .filter_map(mention_at)
            .collect();
        if !conjuncts.is_empty() {
            return conjuncts;
        }
        // Depth of a word of the subject's subtree below its head.
        let depth = |mut word: usize| {
            let mut depth = 0;
            while word != subject {
                word = self.head(word)?;
                depth += 1;
                if depth > 12 {
                    return None;
                }
            }
            Some(depth)
        };
        mentions
            .iter()
            .filter_map(|(span, id)| {
                let nearest = self.words_in(*span).filter_map(&depth).min()?;
                Some((nearest, span.start, (*id).clone()))
            })
            .min()
            .map(|(_, _, id)| vec![id])
            .unwrap_or_default()
    }

    /// The trigger's subject when it is a name that stands for no actor the document knows:
    /// its head a proper noun that is no role or government word, and no state, body, party,
    /// court or linked politician among its words or the capitalised words right before it
    /// ("MoveOn.org slammed …", "Labour was right to reject …"). `None` as well when `actor`
    /// (the event's actor, when the subject may act for it) is a state and the name is one
    /// person's, who may hold its office. Found through the
    /// verbs the trigger is the complement or conjunct of, like [`Tree::subjects`]. Gives the
    /// name's words ("Steve King", without the title "Rep.").
    pub(super) fn unknown_name_subject(
        &self,
        ctx: &Context,
        lexicon: &Lexicon,
        mentions: &[Mention],
        trigger: usize,
        actor: Option<&str>,
    ) -> Option<String> {
        let (_, subject) = self.controlled_subject(trigger)?;
        if self.analysis[subject].upos != Upos::Propn
            || lexicon.role_words.contains(&self.lemma(subject))
            || lexicon.government_nouns.contains(&self.lemma(subject))
        {
            return None;
        }
        let mut words = self.subtree(subject);
        // The capitalised words right before the name belong to it even when the parser
        // hangs them elsewhere ("Republican Whip Steve Scalise").
        let mut before = subject;
        while before > 0 && self.analysis[before - 1].upos == Upos::Propn {
            before -= 1;
            words.push(before);
        }
        let named = |span: Span| self.words_in(span).any(|word| words.contains(&word));
        if mentions.iter().any(|mention| named(mention.span))
            || ctx.mentions.iter().any(|mention| named(mention.span))
        {
            return None;
        }
        // One person named where a state acts may be its office holder ("Mr Clarke refused
        // to back that change", "Obama banned …"): the state stands. A plural ("Icelanders
        // called on …") is no office holder.
        if actor.is_some_and(|actor| is_state_id(ctx, actor))
            && !self.analysis[subject].feats.contains("Number=Plur")
        {
            return None;
        }
        // A name is its first word with the rest as `flat` ("Steve" ← "King").
        let mut last = subject;
        while last + 1 < self.analysis.len()
            && self.head(last + 1) == Some(subject)
            && self.analysis[last + 1].deprel == "flat"
        {
            last += 1;
        }
        Some(self.text[self.spans[subject].start..self.spans[last].end].to_string())
    }

    /// Whether `word` lies inside the complement of a verb of request ("urged Mexico to
    /// deport", "called on governments to resist practices that limit …"): up through the
    /// clauses and phrases it belongs to, a request verb ([`REQUESTS`]) whose `xcomp` or
    /// `ccomp` (or infinitival `advcl`, as the parser may hang it) is on the way.
    pub(super) fn inside_request(&self, word: usize) -> bool {
        let mut child = word;
        for _ in 0..8 {
            let Some(head) = self.head(child) else {
                return false;
            };
            // The parser may hang "to resist" as an adverbial clause of the request.
            let infinitive = self.analysis[child].deprel == "advcl"
                && self
                    .children(child)
                    .any(|mark| self.analysis[mark].deprel == "mark" && self.lemma(mark) == "to");
            if (matches!(self.analysis[child].deprel, "xcomp" | "ccomp") || infinitive)
                && self.analysis[head].upos == Upos::Verb
                && REQUESTS.contains(&self.lemma(head).as_str())
            {
                // Asked of somebody else: the request names its addressee ("urged Congress
                // to", "called on governments to", "was asked to"). Without one it is the
                // requester's own demand ("its principles call for a crackdown").
                return self.children(head).any(|addressee| {
                    matches!(
                        self.analysis[addressee].deprel,
                        "obj" | "iobj" | "nsubj:pass"
                    ) || self.analysis[addressee].deprel == "obl"
                        && self.children(addressee).any(|case| {
                            self.analysis[case].deprel == "case" && self.lemma(case) == "on"
                        })
                });
            }
            if !matches!(
                self.analysis[child].deprel,
                "xcomp" | "ccomp" | "conj" | "acl" | "acl:relcl" | "obj" | "nmod" | "obl" | "advcl"
            ) {
                return false;
            }
            child = head;
        }
        false
    }

    /// Whether the judgement named by noun `noun` ("support", "criticism") is of what `span`
    /// names: the span lies in the noun's phrase as what is judged ("support for the compact",
    /// "criticism of the plan", "in support of the deal"), not as who judges (its possessor,
    /// a "by" or "from" phrase, or the "of" phrase of a show of support: "the support of
    /// Republicans" is theirs) and not outside it ("in exchange for Republicans' commitment").
    pub(super) fn judgement_is_of(&self, noun: usize, span: Span) -> bool {
        let Some(target) = self.head_within(span) else {
            return true;
        };
        // A gerund or verb the tagger took for a noun ("after long criticizing Mexico's
        // handling", "the Republican Party accuse Democrats" as a compound) judges as a verb.
        if self.text[self.spans[noun].start..self.spans[noun].end].ends_with("ing")
            || matches!(self.analysis[noun].deprel, "compound" | "root" | "flat")
        {
            return true;
        }
        let case_of = |word: usize| {
            self.children(word)
                .find(|&case| self.analysis[case].deprel == "case")
                .map(|case| self.lemma(case))
        };
        let Some(child) = self.child_towards(noun, target) else {
            // "providing financial support … to Mexican authorities": the recipient of the
            // verb the noun is the object of.
            return self.analysis[noun].deprel == "obj"
                && self.head(noun).is_some_and(|verb| {
                    self.child_towards(verb, target).is_some_and(|child| {
                        child != noun && matches!(case_of(child).as_deref(), Some("to" | "for"))
                    })
                });
        };
        if target == noun {
            return true;
        }
        let deprel = self.analysis[child].deprel;
        if deprel.starts_with("nmod:poss") {
            return false;
        }
        let case = case_of(child);
        let support = matches!(self.lemma(noun).as_str(), "support" | "backing" | "praise");
        // "in support of X": the fixed phrase's "of" names what is supported.
        let in_support = self
            .children(noun)
            .any(|case| self.analysis[case].deprel == "case" && self.lemma(case) == "in");
        match case.as_deref() {
            Some("by" | "from") => false,
            Some("of") => !support || in_support,
            _ => true,
        }
    }

    /// The child of `ancestor` on the way down to `word` (`word` itself when it is a child, or
    /// `ancestor` when the two are one); `None` when `word` is not in its subtree.
    fn child_towards(&self, ancestor: usize, word: usize) -> Option<usize> {
        let mut at = word;
        let mut child = word;
        for _ in 0..12 {
            if at == ancestor {
                return Some(child);
            }
            child = at;
            at = self.head(at)?;
        }
        None
    }

    /// Whether the trigger's subject names somebody who is no actor, so that an actor
    /// remembered from earlier sentences is not the one acting: a noun phrase with no state,
    /// body, party or organisation in it and no government, official or role word, headed by
    /// a common noun ("policies that could … limit criticism", "the German public"), through a
    /// relative pronoun to its antecedent; or a participle that only describes a noun, with
    /// no agent ("those granted protection"). A pronoun or a passive subject leaves the
    /// remembered actor standing.
    pub(super) fn subject_names_another(
        &self,
        ctx: &Context,
        lexicon: &Lexicon,
        mentions: &[Mention],
        trigger: usize,
    ) -> bool {
        let Some((word, mut subject)) = self.controlled_subject(trigger) else {
            // "resettle those granted protection": a participle describing a noun.
            let analysis = &self.analysis[trigger];
            return matches!(analysis.deprel, "acl" | "amod")
                && analysis.feats.contains("VerbForm=Part")
                && self
                    .head(trigger)
                    .is_some_and(|head| self.analysis[head].upos == Upos::Pron);
        };
        if self.analysis[subject].upos == Upos::Pron {
            // A relative pronoun stands for the noun its clause modifies.
            let relative = matches!(self.lemma(subject).as_str(), "that" | "which" | "who");
            match self.head(word) {
                Some(antecedent) if relative && self.analysis[word].deprel.starts_with("acl") => {
                    subject = antecedent;
                }
                _ => return false,
            }
        }
        // A common noun only: a person's name may stand for the party or government the
        // discourse links it to ("Pelosi accused Republicans …").
        if self.analysis[subject].upos != Upos::Noun {
            return false;
        }
        let words = self.subtree(subject);
        let named = |span: Span| self.words_in(span).any(|word| words.contains(&word));
        if mentions
            .iter()
            .any(|mention| mention.kind != Kind::Framework && named(mention.span))
            || ctx
                .mentions
                .iter()
                .any(|mention| actor_kind(mention) && named(mention.span))
        {
            return false;
        }
        // A measure acts for whoever made it ("rules that sought to limit asylum claims",
        // "the guidance expands …"); a government, official or role word anywhere in the
        // subject stands for the government in focus ("this government's reforms have cut").
        if lexicon.instrument_nouns.contains(&self.lemma(subject)) {
            return false;
        }
        !words.iter().any(|&word| {
            let lemma = self.lemma(word);
            lexicon.government_nouns.contains(&lemma)
                || lexicon.role_words.contains(&lemma)
                || lexicon
                    .official_words
                    .iter()
                    .any(|stem| lemma.starts_with(stem.as_str()))
        })
    }

    /// The trigger's `nsubj` or passive agent, found through the verbs it is the complement
    /// or conjunct of ("decided to withdraw", "signed and then withdrew"): (the word that has
    /// it, the subject).
    fn controlled_subject(&self, trigger: usize) -> Option<(usize, usize)> {
        let mut word = trigger;
        for _ in 0..4 {
            if let Some(subject) = self
                .children(word)
                .find(|&child| matches!(self.analysis[child].deprel, "nsubj" | "obl:agent"))
            {
                return Some((word, subject));
            }
            if !self.shares_subject_with_head(word) {
                return None;
            }
            word = self.head(word)?;
        }
        None
    }

    /// Whether `word` has no subject of its own but its head's: a verb's complement or
    /// conjunct ("decided to withdraw", "signed and then withdrew"), or the infinitive of a
    /// predicate adjective ("is wrong to end", "was quick to deport"), which the parser may
    /// attach as a clausal modifier.
    fn shares_subject_with_head(&self, word: usize) -> bool {
        match self.analysis[word].deprel {
            "xcomp" | "conj" => true,
            "acl" | "advcl" => {
                self.head(word)
                    .is_some_and(|head| self.analysis[head].upos == Upos::Adj)
                    && self.children(word).any(|child| {
                        self.analysis[child].deprel == "mark" && self.lemma(child) == "to"
                    })
            }
            _ => false,
        }
    }

    /// The state a trigger's subject stands for when that subject is a bare government noun
    /// ("the government", "ministers": no modifier naming a party or another actor, no
    /// mention in it): the last state the text named before it. Found through the verbs the
    /// trigger is the complement or conjunct of, like [`Tree::subjects`].
    pub(super) fn government_subject(
        &self,
        ctx: &Context,
        lexicon: &Lexicon,
        trigger: usize,
    ) -> Option<String> {
        let mut word = trigger;
        let mut subject = None;
        for _ in 0..4 {
            subject = self
                .children(word)
                .find(|&child| self.analysis[child].deprel == "nsubj");
            if subject.is_some() || !self.shares_subject_with_head(word) {
                break;
            }
            word = self.head(word)?;
        }
        let subject = subject?;
        let span = self.spans[subject];
        let noun = &self.text[span.start..span.end];
        if !lexicon
            .government_nouns
            .iter()
            .any(|government| noun.eq_ignore_ascii_case(government))
        {
            return None;
        }
        // Only determiners may come with it: "a Conservative government", "the Mexican
        // government", "the government of Italy" name their own actor.
        if self
            .children(subject)
            .any(|child| !matches!(self.analysis[child].deprel, "det" | "punct"))
        {
            return None;
        }
        ctx.mentions
            .iter()
            .rev()
            .filter(|mention| mention.span.end <= span.start)
            .find(|mention| mention.kind == migtrack_domain::EntityKind::State)
            .map(|mention| mention.id.clone())
    }

    /// When the event's target entity is mentioned after the trigger only as the possessor
    /// of a noun that names no entity ("the EU's redistribution scheme"), that noun's phrase.
    fn owned_by_target(&self, ctx: &Context, sentence: Span, event: &Event) -> Option<String> {
        let mention = ctx.mentions.iter().find(|mention| {
            mention.id == event.target
                && mention.span.start >= event.span.end
                && mention.span.end <= sentence.end
        })?;
        let word = self.head_within(mention.span)?;
        if self.analysis[word].deprel != "nmod:poss" {
            return None;
        }
        let owned = self.head(word)?;
        let owned_span = self.spans[owned];
        if ctx
            .mentions
            .iter()
            .any(|other| other.span.start <= owned_span.start && owned_span.end <= other.span.end)
        {
            return None;
        }
        self.phrase(owned_span)
    }

    /// The noun phrase the words of `span` belong to, cut where the tree's phrase ends; `None`
    /// when it names nothing (a pronoun, a lone preposition).
    pub(super) fn phrase(&self, span: Span) -> Option<String> {
        let range = self.words_in(span);
        let outside = |word: &usize| self.head(*word).is_none_or(|head| !range.contains(&head));
        let mut head = range
            .clone()
            .find(|word| {
                outside(word)
                    && !matches!(
                        self.analysis[*word].upos,
                        Upos::Adp
                            | Upos::Det
                            | Upos::Punct
                            | Upos::Cconj
                            | Upos::Part
                            | Upos::Sconj
                    )
            })
            // A determiner heading the whole span: "some of the migrants".
            .or_else(|| {
                range
                    .clone()
                    .find(|word| outside(word) && self.analysis[*word].upos == Upos::Det)
            })?;
        // A case-marked head ("of refugees"): the noun, not the preposition.
        if matches!(self.analysis[head].upos, Upos::Adp) {
            head = self.head(head)?;
        }
        // "some of the migrants", "many of them": a quantity of a noun is that noun's phrase.
        if matches!(self.analysis[head].upos, Upos::Pron | Upos::Det)
            && let Some(noun) = self.children(head).find(|&child| {
                self.analysis[child].deprel == "nmod"
                    && matches!(self.analysis[child].upos, Upos::Noun | Upos::Propn)
            })
        {
            head = noun;
        }
        if matches!(self.analysis[head].upos, Upos::Pron) {
            return None;
        }
        // An adverbial is no target: "deported back to Mexico", "deported five times", "last
        // week" (a bare noun phrase as adverbial: `obl:unmarked` in UD 2.14, `obl:tmod` and
        // `obl:npmod` before).
        if matches!(self.analysis[head].upos, Upos::Adv)
            || matches!(
                self.analysis[head].deprel,
                "advmod"
                    | "obl:unmarked"
                    | "nmod:unmarked"
                    | "obl:tmod"
                    | "obl:npmod"
                    | "nmod:tmod"
                    | "nmod:npmod"
            )
        {
            return None;
        }
        // A verb heads a clause, not a noun phrase ("introduce a points system", "that placed
        // a moratorium on travel", "deporting illegal immigrants"): its object is the phrase,
        // and without one there is none. (A "verb" in a noun's place is a mistagged noun:
        // "urged its member states".)
        if matches!(self.analysis[head].upos, Upos::Verb | Upos::Aux)
            && !matches!(
                self.analysis[head].deprel,
                "obj" | "iobj" | "nsubj" | "nsubj:pass" | "obl" | "nmod" | "compound" | "appos"
            )
        {
            head = self
                .children(head)
                .find(|&child| self.analysis[child].deprel == "obj" && range.contains(&child))?;
        }
        let mut words = vec![head];
        let mut stack = vec![head];
        while let Some(word) = stack.pop() {
            for child in self.children(word) {
                if !CLAUSAL.contains(&self.analysis[child].deprel) {
                    words.push(child);
                    stack.push(child);
                }
            }
        }
        words.sort_unstable();
        // Contiguous around the head: a gap means a clause was cut out.
        let at = words.binary_search(&head).ok()?;
        let mut first = at;
        while first > 0 && words[first - 1] + 1 == words[first] {
            first -= 1;
        }
        let mut last = at;
        while last + 1 < words.len() && words[last + 1] == words[last] + 1 {
            last += 1;
        }
        let edge = |word: usize| {
            matches!(
                self.analysis[word].upos,
                Upos::Adp | Upos::Det | Upos::Punct | Upos::Cconj | Upos::Sconj | Upos::Part
            ) || self.analysis[word].deprel == "nmod:poss"
                && matches!(self.analysis[word].upos, Upos::Pron)
        };
        let (mut from, mut to) = (words[first], words[last]);
        // A phrase that already ends in a content word keeps its end ("host governments",
        // not "host governments against policies"); only a dangling end is completed.
        if let Some(end) = range.clone().last()
            && end >= head
            && matches!(
                self.analysis[end].upos,
                Upos::Noun | Upos::Propn | Upos::Num | Upos::Adj | Upos::Verb
            )
        {
            to = to.min(end);
        }
        while from < head && edge(from) {
            from += 1;
        }
        while to > head && (edge(to) || self.analysis[to].deprel == "case") {
            to -= 1;
        }
        if !(from..=to).any(|word| {
            matches!(
                self.analysis[word].upos,
                Upos::Noun | Upos::Propn | Upos::Num
            )
        }) {
            return None;
        }
        let text = &self.text[self.spans[from].start..self.spans[to].end];
        Some(
            text.split(|c: char| c.is_whitespace() || matches!(c, '“' | '”' | '"'))
                .filter(|word| !word.is_empty())
                .collect::<Vec<_>>()
                .join(" "),
        )
    }
}

#[cfg(test)]
mod tests {
    use migtrack_domain::Pack;
    use migtrack_model::Modality;

    use crate::extract::{Context, events};

    /// (actor action target, modality) of the events of `text`.
    fn events_of(text: &str) -> Vec<(String, Modality)> {
        let ctx = Context::new(text, None, Pack::builtin());
        let quotes = crate::extract::quotes::extract(&ctx);
        events::extract(&ctx, &[], &quotes)
            .into_iter()
            .map(|e| (format!("{} {} {}", e.actor, e.action, e.target), e.modality))
            .collect()
    }

    /// No event of `text` holds `word` (an action; padded with spaces, a whole word).
    fn assert_no_event_with(text: &str, word: &str) {
        let events = events_of(text);
        assert!(
            events.iter().all(|(event, _)| !event.contains(word)),
            "{text}: {events:?}"
        );
    }

    fn modality_of(text: &str, event: &str) -> Modality {
        events_of(text)
            .into_iter()
            .find(|(found, _)| found == event)
            .unwrap_or_else(|| panic!("no {event} in {:?}", events_of(text)))
            .1
    }

    #[test]
    fn a_negation_in_the_tree_negates_the_trigger() {
        let text = "Austria did not withdraw from the Global Compact for Migration.";
        assert_eq!(modality_of(text, "AUT withdraw gcm"), Modality::Negated);
        // The complement of a verb of refusal did not happen.
        let text = "Poland declined to attend the Global Forum on Migration and Development.";
        assert_eq!(modality_of(text, "POL attend gfmd"), Modality::Negated);
    }

    #[test]
    fn not_signing_is_a_rejection() {
        let events = events_of(
            "The Czech government announced it would not sign the Global Compact for Migration.",
        );
        assert_eq!(
            events,
            [("CZE reject gcm".to_string(), Modality::Asserted)],
            "{events:?}"
        );
    }

    #[test]
    fn a_longer_pattern_that_makes_no_event_gives_way_to_a_shorter_one() {
        // "sign … pact" reads as a deal first; with no partner state the framework's
        // endorsement pattern ("sign the …") is tried, and not signing is a rejection.
        let events = events_of("Australia said it would not sign the UN migration pact.");
        assert_eq!(
            events,
            [("AUS reject gcm".to_string(), Modality::Asserted)],
            "{events:?}"
        );
        // A deal between two states stays a deal.
        let events = events_of("Mexico and the United States signed a migration pact.");
        assert!(
            events.iter().any(|(event, _)| event.contains("agree")),
            "{events:?}"
        );
    }

    #[test]
    fn a_first_person_act_inside_a_quote_is_the_speakers_state() {
        for text in [
            "\"We will not sign the Global Compact for Migration,\" said Austrian Chancellor \
             Sebastian Kurz.",
            "\"We will not sign the Global Compact for Migration,\" Kurz said.",
            // A contracted "we" is the first person too.
            "\"We're not going to sign the Global Compact for Migration,\" Kurz said.",
        ] {
            let ctx = Context::new(
                text,
                chrono::NaiveDate::from_ymd_opt(2018, 11, 20),
                Pack::builtin(),
            );
            let quotes = crate::extract::quotes::extract(&ctx);
            let found = events::extract(&ctx, &[], &quotes);
            let found: Vec<_> = found
                .iter()
                .map(|e| {
                    (
                        format!("{} {} {}", e.actor, e.action, e.target),
                        e.agent.clone(),
                    )
                })
                .collect();
            assert_eq!(found.len(), 1, "{text}: {found:?}");
            assert_eq!(found[0].0, "AUT reject gcm", "{text}");
            assert!(
                found[0]
                    .1
                    .as_deref()
                    .is_some_and(|agent| agent.ends_with("Kurz"))
            );
        }
        assert_eq!(
            events_of(
                "\"Our country is withdrawing from the Global Compact for Migration,\" \
                 Hungarian Foreign Minister Peter Szijjarto said."
            ),
            [("HUN withdraw gcm".to_string(), Modality::Asserted)]
        );
        // Not in the first person: whose act it is stays open.
        assert!(
            events_of("\"They will not sign the Global Compact for Migration,\" Kurz said.")
                .is_empty()
        );
    }

    #[test]
    fn frames_read_predicate_subject_and_object_from_the_tree() {
        // Ending or resuming participation in a body is a withdrawal or a joining, the actor
        // found through the verb it is the complement of.
        assert_eq!(
            events_of(
                "The Polish government decided on Wednesday to suspend its participation in \
                 the Global Forum on Migration and Development."
            ),
            [("POL withdraw gfmd".to_string(), Modality::Asserted)]
        );
        assert_eq!(
            events_of(
                "Croatia has decided to resume its participation in the Global Forum on \
                 Migration and Development."
            ),
            [("HRV join gfmd".to_string(), Modality::Asserted)]
        );
        // Words between the verb and the framework do not hide it; a condition stays one.
        assert_eq!(
            events_of("If Denmark backs the UN migration pact, the coalition will split."),
            [("DNK endorse gcm".to_string(), Modality::Hypothetical)]
        );
        // Another object is no participation.
        assert!(events_of("Poland suspended its talks with the European Union.").is_empty());
    }

    #[test]
    fn each_conjunct_actor_and_target_gets_its_event() {
        let names = |text: &str| {
            let mut events: Vec<String> = events_of(text).into_iter().map(|(e, _)| e).collect();
            events.sort();
            events
        };
        assert_eq!(
            names("Austria, Hungary and Poland rejected the Global Compact for Migration."),
            ["AUT reject gcm", "HUN reject gcm", "POL reject gcm"]
        );
        assert_eq!(
            names(
                "The United States withdrew from the Global Compact for Migration and the \
                 Global Forum on Migration and Development."
            ),
            ["USA withdraw gcm", "USA withdraw gfmd"]
        );
        // Not a conjunct: a framework named inside another phrase stays out.
        assert_eq!(
            names(
                "Chile withdrew from the Global Compact for Migration, which the Global Forum \
                 on Migration and Development had discussed."
            ),
            ["CHL withdraw gcm"]
        );
    }

    #[test]
    fn the_actor_is_the_subject_not_the_nearest_mention() {
        let text =
            "Austria, unlike Hungary, did not withdraw from the Global Compact for Migration.";
        let events = events_of(text);
        assert!(
            events.iter().any(|(event, _)| event == "AUT withdraw gcm"),
            "{events:?}"
        );
        assert!(
            !events.iter().any(|(event, _)| event.starts_with("HUN")),
            "{events:?}"
        );
    }

    #[test]
    fn a_negation_that_is_part_of_the_trigger_stays_in_it() {
        // "will not sign" is the reject itself.
        let text = "Hungary will not sign the Global Compact for Migration.";
        let (_, modality) = events_of(text)
            .into_iter()
            .find(|(event, _)| event == "HUN reject gcm")
            .expect("a reject");
        assert_ne!(modality, Modality::Negated);
    }

    #[test]
    fn conditions_and_speculation_are_hypothetical() {
        let text = "If Poland withdraws from the Global Compact for Migration, others will follow.";
        assert_eq!(
            modality_of(text, "POL withdraw gcm"),
            Modality::Hypothetical
        );
        // A nominal trigger that is the subject of a modal predicate.
        let text = "Austria has taken in many refugees.\n\
                    Whoever still thinks that withdrawal from the EU or a barbed wire fence \
                    around Austria will solve the problem is wrong.\n";
        let events = events_of(text);
        assert!(!events.is_empty());
        assert!(
            events
                .iter()
                .all(|(_, modality)| *modality != Modality::Asserted),
            "{events:?}"
        );
    }

    #[test]
    fn an_act_that_is_only_possible_intended_or_speculated_about_is_not_asserted() {
        // An infinitival clause of a noun of possibility or intent.
        let text = "Britain has the power to deport asylum seekers to Rwanda.";
        assert_eq!(
            modality_of(text, "GBR deport asylum seekers"),
            Modality::Hypothetical
        );
        let text = "Britain wants the power to deport asylum seekers to Rwanda.";
        assert_eq!(
            modality_of(text, "GBR deport asylum seekers"),
            Modality::Planned
        );
        // A gerund with no subject of its own under a modal predicate.
        let text = "The Trump administration announced a new asylum rule on Monday.\n\
                    Cutting the number of asylum seekers, however, would ease the burden on \
                    federal agencies.\n";
        let events = events_of(text);
        assert!(
            events
                .iter()
                .any(|(event, _)| event.starts_with("USA restrict number of asylum seekers")),
            "{events:?}"
        );
        assert!(
            events
                .iter()
                .all(|(_, modality)| *modality != Modality::Asserted),
            "{events:?}"
        );
        // Twins that did happen: a decision's act, and a gerund under an asserted verb.
        let text = "Britain used its power to deport these asylum seekers.";
        assert_eq!(
            modality_of(text, "GBR deport asylum seekers"),
            Modality::Asserted
        );
    }

    #[test]
    fn a_remembered_actor_does_not_take_an_act_whose_subject_names_somebody_else() {
        let actors = |text: &str, action: &str| -> Vec<String> {
            events_of(text)
                .into_iter()
                .filter(|(e, _)| e.split(' ').nth(1) == Some(action))
                .map(|(e, _)| e)
                .collect()
        };
        // Residents, not the EU named in the sentence before, call on the government.
        let text = "The EU praised Germany.\n\nIn Reykjavik, residents called on the government to accept more refugees.";
        assert!(
            !actors(text, "urge").iter().any(|e| e.starts_with("eu ")),
            "{:?}",
            events_of(text)
        );
        // A measure acts for whoever made it; a government word in the subject is the state.
        has_event(
            "Britain announced new asylum rules.\nThe rules sought to limit asylum claims.",
            "GBR restrict asylum claims",
        );
        has_event(
            "Britain announced new asylum rules.\nThe figures showed that this government's reforms have cut net migration.",
            "GBR restrict net migration",
        );
    }

    fn has_event(text: &str, event: &str) {
        let found = events_of(text);
        assert!(
            found.iter().any(|(e, _)| e == event),
            "{event} not in {found:?}"
        );
    }

    #[test]
    fn a_reported_act_of_the_government_is_the_states_not_the_speakers_party() {
        let has = |text: &str, event: &str| {
            let found = events_of(text);
            assert!(
                found.iter().any(|(e, _)| e == event),
                "{event} not in {found:?}"
            );
        };
        has(
            "Britain announced new asylum rules.\nTory leader Michael Howard said the government would deport asylum seekers.",
            "GBR deport asylum seekers",
        );
        // A government a modifier names is that actor's: a party's plan stays the party's.
        has(
            "Britain announced new asylum rules.\nTory leader Michael Howard said a Conservative government would deport asylum seekers.",
            "Conservative Party deport asylum seekers",
        );
        // "the president" with nothing but its determiner is the state's head, not the
        // organisation named last.
        let text = "Mexico hosted a summit on asylum.\nThe Refugee Council sued Mexico.\n\"The president is wrong to end asylum for children,\" said Maria Lopez.";
        has(text, "MEX restrict asylum");
        assert!(
            !events_of(text)
                .iter()
                .any(|(e, _)| e.starts_with("Refugee Council restrict")),
            "{:?}",
            events_of(text)
        );
        // "the president of the Refugee Council" names its own body.
        has(
            "Mexico will cut asylum.\nThe president of the Refugee Council sued Mexico.",
            "Refugee Council criticize MEX",
        );
    }

    #[test]
    fn a_judgement_named_by_a_noun_is_of_what_its_phrase_names_not_of_who_gives_it() {
        // What is judged: "support for", "in support of", the recipient of "providing support".
        has_event(
            "Germany voiced strong support for the Global Compact for Migration.",
            "DEU support gcm",
        );
        has_event(
            "Germany voted in support of the Global Compact for Migration.",
            "DEU support gcm",
        );
        has_event(
            "The U.S. began providing financial support to Mexican immigration authorities.",
            "USA support MEX",
        );
        // Who gives it ("the support of", "support from"), or a name outside the phrase.
        for text in [
            "The Republicans passed the bill with support from 33 Democrats.",
            "Democrats vowed to overturn it with the support of Republicans.",
            "Democrats would vote in support of ending the shutdown, in exchange for Republicans' commitment.",
        ] {
            let found = events_of(text);
            assert!(
                !found.iter().any(|(event, _)| event.contains(" support ")),
                "{text}: {found:?}"
            );
        }
    }

    #[test]
    fn a_name_subject_the_document_links_to_no_actor_takes_no_remembered_actor() {
        // An organisation the document knows nothing about condemns: the party of the
        // sentence before is not the one acting.
        let text = "Republicans criticized the Mexican government on Monday. On Tuesday, \
                    Freedomwatch.org condemned the Democrats over the border deal.";
        has_event(text, "Republican Party criticize MEX");
        let found = events_of(text);
        assert!(
            !found
                .iter()
                .any(|(event, _)| event == "Republican Party criticize Democratic Party"),
            "{found:?}"
        );
        // Twins that stand: one person where a state acts may hold its office; a person the
        // article quotes with a role may act for the actor in focus.
        has_event(
            "The United States cut the refugee cap to 30,000 in March. Later, Obama \
             suspended refugee admissions from Iraq.",
            "USA restrict refugee admissions",
        );
        has_event(
            "Republicans criticized the Mexican government on Monday. \"It is wrong,\" said \
             Rep. Steve King. On Tuesday, King condemned the Democrats over the border deal.",
            "Republican Party criticize Democratic Party",
        );
    }

    #[test]
    fn an_act_inside_what_somebody_is_asked_to_do_is_no_event() {
        // Deep in the complement of "urging governments to …" (the parser hangs "to resist"
        // as an adverbial clause): the limit on asylum is asked for, not done.
        let text = "The State Department is urging foreign governments to resist practices that \
                    favor migrant populations, including policies that could limit asylum for \
                    families.";
        has_event(text, "USA urge foreign governments");
        let found = events_of(text);
        assert!(
            !found.iter().any(|(event, _)| event.contains(" restrict ")),
            "{found:?}"
        );
        // Twin: a demand with no addressee is the actor's own plan.
        has_event(
            "The Trump administration called for a merit-based system that would end chain \
             migration.",
            "USA restrict chain migration",
        );
    }

    #[test]
    fn a_party_or_court_that_is_the_subject_is_the_actor_with_its_conjuncts() {
        // Parties are no pack mentions: the subject's conjuncts are found among the document's
        // actors too.
        let found = events_of("Republicans and Democrats in Congress criticized Mexico.");
        for party in ["Republican Party", "Democratic Party"] {
            assert!(
                found
                    .iter()
                    .any(|(event, _)| *event == format!("{party} criticize MEX")),
                "{party}: {found:?}"
            );
        }
    }

    #[test]
    fn a_body_that_only_owns_the_target_is_not_the_target() {
        let text = "Hungary's voters rejected the EU's redistribution scheme.";
        let events = events_of(text);
        assert!(
            events
                .iter()
                .any(|(event, _)| event == "HUN reject EU's redistribution scheme"),
            "{events:?}"
        );
    }

    #[test]
    fn phrase_targets_end_where_the_tree_phrase_ends() {
        let text = "The government cut admissions of 30,000 refugees per year in March.\n\
                    The United States cut the cap of 30,000 refugees per year in March.\n";
        let events = events_of(text);
        assert!(
            events
                .iter()
                .any(|(event, _)| event.ends_with("30,000 refugees per year")),
            "{events:?}"
        );
        for (event, _) in events {
            let target = event
                .split_whitespace()
                .skip(2)
                .collect::<Vec<_>>()
                .join(" ");
            assert!(!target.starts_with("of "), "{event}");
            assert!(!target.ends_with(" per"), "{event}");
        }
    }

    /// A deployment sends forces to a border: not equipment, not strategies, not troops to a
    /// named place with no border; troops sent to the border stay, with whatever else the
    /// sentence says after it.
    #[test]
    fn a_deployment_sends_forces_to_a_border() {
        for text in [
            "Germany will deploy additional high-tech tools including drones and radar.",
            "Officials said Germany would deploy 200 surveillance towers by 2022.",
            "Germany recently deployed 4,500 troops in the Baltic states to deter an attack.",
        ] {
            assert_no_event_with(text, "deploy");
        }
        for text in [
            "In 2010, Germany sent 1,200 troops to the border in an effort to win support for a bill.",
            "Germany deployed 4,500 troops to its southern border.",
            "Germany deployed 4,500 troops last week.",
        ] {
            let events = events_of(text);
            assert!(
                events
                    .iter()
                    .any(|(event, _)| event.starts_with("DEU deploy")),
                "{text}: {events:?}"
            );
        }
    }

    /// Track policy, never people: a bare personal name is no target, a group is.
    #[test]
    fn a_named_private_person_is_no_target() {
        for text in [
            "The Home Office deported Maria Lopez, a student who came to Britain in 2012.",
            "Officials said the government will deport Ahmed Khan to Pakistan next week.",
            "Britain said it deported the man because he had entered illegally.",
            // The lexicon's individual nouns: one actress, one toddler, one family.
            "India deported the Bollywood actress after her visa expired.",
            "The Home Office deported a toddler to Nigeria.",
            "The Home Office deported a family of five to Albania.",
        ] {
            assert_no_event_with(text, "deport");
        }
        let events = events_of(
            "The European Union will resettle one Syrian refugee for each Syrian returned.",
        );
        assert!(
            events
                .iter()
                .any(|(event, _)| event.starts_with("eu expand") && event.contains("refugee")),
            "{events:?}"
        );
        // Their plurals are groups, a policy's target.
        let events = events_of("The Home Office deported families to Albania.");
        assert!(
            events
                .iter()
                .any(|(event, _)| event.contains("deport") && event.ends_with("families")),
            "{events:?}"
        );
        let events = events_of("The Home Office deported 300 migrants in March.");
        assert!(
            events
                .iter()
                .any(|(event, _)| event.contains("deport") && event.ends_with("migrants")),
            "{events:?}"
        );
    }

    /// `read` applied to the tree of the one-sentence `text`.
    fn with_tree<R>(text: &str, read: impl FnOnce(&super::Tree) -> R) -> R {
        let ctx = Context::new(text, None, Pack::builtin());
        let analysis = ctx.analysis(0).expect("an English model");
        let tree = super::Tree {
            text,
            spans: ctx.layer[0].words.iter().map(|word| word.span).collect(),
            analysis,
            trigger: migtrack_model::Span::default(),
        };
        read(&tree)
    }

    /// The tree phrase of the words `words` of the one-sentence `text`.
    fn phrase_of(text: &str, words: &str) -> Option<String> {
        let at = text.find(words).expect("the words are in the text");
        with_tree(text, |tree| {
            tree.phrase(migtrack_model::Span::new(at, at + words.len()))
        })
    }

    /// A clause is no target: its object is (and a noun the tagger took for a verb stays).
    #[test]
    fn a_clause_in_a_target_gives_its_object() {
        assert_eq!(
            phrase_of(
                "The administration issued an order that placed a 90-day moratorium on travel.",
                "that placed a 90-day moratorium on travel"
            )
            .as_deref(),
            Some("90-day moratorium on travel")
        );
        assert_eq!(
            phrase_of(
                "The minister said he would stop deporting longtime residents.",
                "deporting longtime residents"
            )
            .as_deref(),
            Some("longtime residents")
        );
        assert_eq!(
            phrase_of(
                "The European Union urged its member states to endorse the text.",
                "its member states"
            )
            .as_deref(),
            Some("member states")
        );
    }

    /// A name closing an apposition before the verb is no addressee: "X, do this!" opens its
    /// sentence.
    #[test]
    fn an_apposition_before_the_verb_is_no_vocative() {
        let events = events_of(
            "Britain tightened its asylum rules. The Liberal Democrats' spokesman, Mark Oaten, \
             accused the government of avoiding the issue.",
        );
        assert!(
            events
                .iter()
                .any(|(event, _)| event == "Liberal Democrats criticize GBR"),
            "{events:?}"
        );
        assert_no_event_with(
            "Britain tightened its asylum rules. Congress, fund the wall!",
            " fund ",
        );
    }

    /// An adverbial after the trigger is no target; a passive trigger's subject is, and a
    /// quantity of a noun is that noun.
    #[test]
    fn adverbials_are_no_targets_and_a_passive_subject_is() {
        let text = "Some of the migrants were sent back to Mexico last week.";
        assert_eq!(phrase_of(text, "back to Mexico"), None);
        assert_eq!(phrase_of(text, "last week"), None);
        assert_eq!(
            phrase_of(text, "Some of the migrants").as_deref(),
            Some("migrants")
        );
        let sent = text.find("sent").unwrap();
        let subject = with_tree(text, |tree| {
            let verb = tree
                .words_in(migtrack_model::Span::new(sent, sent + 4))
                .start;
            tree.passive_subject(verb)
        });
        assert_eq!(subject.as_deref(), Some("migrants"));
    }

    /// A participle of a time noun dates something; it is nobody's act.
    #[test]
    fn a_participle_of_a_time_noun_is_no_act() {
        assert_no_event_with(
            "Britain published its figures. In the 12 months ending March 2014 work visas \
             issued increased by 10 per cent. In the year ending March 2014 asylum \
             applications rose by 5 per cent.",
            "restrict",
        );
        let events = events_of("Britain will end visas for migrants next year.");
        assert!(
            events
                .iter()
                .any(|(event, _)| event.starts_with("GBR restrict")),
            "{events:?}"
        );
    }

    /// Having an agreement with a state is an agreement with it.
    #[test]
    fn having_an_agreement_with_a_state_is_an_agreement() {
        let events = events_of(
            "The United States has such an agreement, known as a safe third country, only with \
             Canada.",
        );
        assert!(
            events.iter().any(|(event, _)| event == "USA agree CAN"),
            "{events:?}"
        );
        let events = events_of("Mexico has had a trade agreement with Canada since 1994.");
        assert!(
            events.iter().any(|(event, _)| event == "MEX agree CAN"),
            "{events:?}"
        );
    }
}
