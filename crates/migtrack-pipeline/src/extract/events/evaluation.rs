//! Evaluative reported speech: a speaker who stands for a state, body, party or organisation
//! and judges something in what they say criticises it (or supports it).
//!
//! Read from the quotes the quotes stage found (direct and reported) and the dependency tree of
//! their content, never from word windows:
//!
//! - **Actor.** The entity the quote's speaker stands for: a mention at the speaker's name (a
//!   party's politician, an office holder), the speaker's entity from the quotes stage, or the
//!   organisation in the speaker's role next to the name ("Eric Schwartz, president of Refugees
//!   International").
//! - **Evaluation.** A word of the content whose lemma is evaluative ([`evaluation.json`]: data,
//!   by language) and that is predicated of something: the subject of an evaluative verb ("this
//!   agreement violates U.S. law"), of an evaluative adjective or noun with a copula ("the plan
//!   is cruel", "quotas are not the solution"), or the noun an evaluative adjective modifies ("a
//!   shameful decision"). A negated positive word criticises; a negated negative word, or one in
//!   a condition, says nothing.
//! - **Target.** The entity named in that phrase nearest its head in the tree ("President
//!   Trump's decision" → USA); else an agreement the phrase names ("this agreement"); else, for
//!   a policy anaphor ("the plan", "these measures"), the actor of the latest measure reported
//!   before the quote by someone else; for "the government", the state last named.

use std::collections::HashSet;
use std::sync::OnceLock;

use migtrack_model::{Action, Event, Modality, Quote, Span};
use migtrack_nlp::Upos;
use serde::Deserialize;

use super::tree::Tree;
use super::{Kind, Mention};
use crate::extract::Context;

const EVALUATION_JSON: &str = include_str!("evaluation.json");

#[derive(Deserialize)]
struct EvaluationFile {
    languages: std::collections::HashMap<String, Words>,
}

#[derive(Deserialize)]
struct Words {
    #[serde(default)]
    naming_verbs: HashSet<String>,
    #[serde(default)]
    speech_predicates: HashSet<String>,
    negative: HashSet<String>,
    positive: HashSet<String>,
    /// Words that judge only as the predicate of their subject, with no object and never as
    /// a modifier: "the government has failed (to act)", not "failed asylum seekers" (a legal
    /// category) nor a misread "the government would deport failed asylum seekers".
    #[serde(default)]
    predicate_only: HashSet<String>,
    /// Adjectives that judge only as a clause's predicate ("the plan is illegal", "called the
    /// idea illegal"), never as a noun's modifier ("illegal immigration" judges nothing).
    #[serde(default)]
    predicative_only: HashSet<String>,
    /// Forms of speech predicates no regular inflection gives ("said", "told").
    #[serde(default)]
    irregular_forms: HashSet<String>,
    /// The written forms of each word class, to decide cheaply whether a sentence is worth
    /// parsing.
    #[serde(skip)]
    forms: Forms,
}

/// Per written form, the word classes it belongs to ([`EVALUATIVE`], [`SPEECH`], [`NAMING`]):
/// one look-up per word.
type Forms = std::collections::HashMap<String, u8>;

impl Words {
    fn with_forms(mut self) -> Self {
        let inflected = |lemmas: &mut dyn Iterator<Item = &String>| -> HashSet<String> {
            lemmas
                .flat_map(|lemma| super::lexicon::inflect(lemma))
                .collect()
        };
        let mut speech = inflected(&mut self.speech_predicates.iter());
        speech.extend(self.irregular_forms.iter().cloned());
        let classes = [
            (
                inflected(&mut self.negative.iter().chain(&self.positive)),
                EVALUATIVE,
            ),
            (speech, SPEECH),
            (inflected(&mut self.naming_verbs.iter()), NAMING),
        ];
        for (forms, bit) in classes {
            for form in forms {
                *self.forms.entry(form).or_default() |= bit;
            }
        }
        self
    }

    /// The polarity of word `word` of `tree`, by its lemma, else by its written form: an
    /// adjective in -ing or -ed has its verb as lemma ("disgusting" → "disgust"), and the
    /// lexicon may list the adjective.
    fn polarity_of(&self, tree: &Tree, word: usize) -> Option<bool> {
        self.polarity(&tree.lemma(word)).or_else(|| {
            let span = tree.spans[word];
            self.polarity(&tree.text[span.start..span.end].to_lowercase())
        })
    }

    /// The polarity of `lemma`: `Some(true)` negative, `Some(false)` positive.
    fn polarity(&self, lemma: &str) -> Option<bool> {
        if self.negative.contains(lemma) {
            Some(true)
        } else if self.positive.contains(lemma) {
            Some(false)
        } else {
            None
        }
    }
}

fn words(lang: &str) -> Option<&'static Words> {
    static FILE: OnceLock<EvaluationFile> = OnceLock::new();
    FILE.get_or_init(
        || match serde_json::from_str::<EvaluationFile>(EVALUATION_JSON) {
            Ok(file) => EvaluationFile {
                languages: file
                    .languages
                    .into_iter()
                    .map(|(lang, words)| (lang, words.with_forms()))
                    .collect(),
            },
            Err(error) => panic!("embedded evaluation.json is invalid: {error}"),
        },
    )
    .languages
    .get(lang)
}

/// Nouns that name an agreement: the target keeps the phrase ("this agreement").
const AGREEMENTS: &[&str] = &[
    "agreement",
    "deal",
    "accord",
    "pact",
    "treaty",
    "compact",
    "arrangement",
];
/// Head nouns of a measure judged by its own name ("migrant quotas are not the solution"),
/// when the phrase also holds a policy word of the lexicon.
const MEASURE_HEADS: &[&str] = &[
    "quota",
    "cap",
    "ban",
    "system",
    "law",
    "rule",
    "programme",
    "program",
    "scheme",
    "limit",
    "ceiling",
    "bill",
    "wall",
    "fence",
    "restriction",
    "crackdown",
    "detention",
    "deportation",
    "raid",
    "procedure",
    "regime",
    "reform",
    "control",
];
/// Whether the written `form` (lower case) is one of the nouns [`Judged::target`] reads a
/// target from, or its plural: a look-up before parsing, so it errs on the side of yes.
fn is_target_noun(form: &str, policy_anaphors: &[String]) -> bool {
    let singular = [form, form.strip_suffix('s').unwrap_or(form)];
    singular.iter().any(|noun| {
        AGREEMENTS.contains(noun)
            || MEASURE_HEADS.contains(noun)
            || GOVERNMENTS.contains(noun)
            || policy_anaphors.iter().any(|anaphor| anaphor == noun)
    })
}

/// Nouns that stand for the government of the state last named.
const GOVERNMENTS: &[&str] = &["government", "administration", "ministers", "minister"];
/// Actions whose actor owns "the plan" a later speaker judges.
const MEASURES: &[Action] = &[
    Action::Restrict,
    Action::Expand,
    Action::Deport,
    Action::Deploy,
    Action::Instruct,
    Action::Withdraw,
    Action::Reject,
    Action::Agree,
    Action::Defund,
    Action::Fund,
];

/// The criticisms and shows of support the document's reported speech carries, leaving out
/// what `known` already holds (same actor, action and target).
pub(super) fn find(
    ctx: &Context,
    quotes: &[Quote],
    mentions: &[Mention],
    events_lexicon: &super::Lexicon,
    known: &[Event],
) -> Vec<Event> {
    let Some(lexicon) = words(ctx.lang) else {
        return Vec::new();
    };
    let policy_anaphors = &events_lexicon.policy_anaphors;
    let policy_words = &events_lexicon.policy_words;
    let marks = Marks::new(ctx, lexicon, mentions, quotes, policy_anaphors, known);
    if marks.none() {
        return Vec::new();
    }
    let mut pass = Pass {
        ctx,
        lexicon,
        mentions,
        policy_anaphors,
        policy_words,
        known,
        marks,
        found: Vec::new(),
    };
    pass.quotes(quotes);
    pass.speech(quotes);
    for event in naming(&pass) {
        pass.add(event);
    }
    pass.found
}

const EVALUATIVE: u8 = 1;
const SPEECH: u8 = 2;
const NAMING: u8 = 4;

/// Which word classes each word of the document belongs to (by its written form), and which
/// sentences name someone who can speak for an entity: computed once, so that each pass
/// decides in a look-up whether a sentence is worth parsing.
struct Marks {
    /// Per sentence, per word.
    words: Vec<Vec<u8>>,
    /// Per sentence, the union of its words' classes.
    sentences: Vec<u8>,
    /// Per sentence: a mention of a state, body or other actor (not a framework) in it.
    named: Vec<bool>,
    /// Per sentence: a quote speaker the quotes stage found in it ("he said").
    speaker: Vec<bool>,
    /// Per sentence: something in it can be a target ([`Judged::target`]): a mention, a noun
    /// that names an agreement, a government, a measure or a policy by anaphor, or (for
    /// a clause or a pronoun, which judge the measure just reported) a measure reported
    /// before its end.
    targets: Vec<bool>,
}

impl Marks {
    fn new(
        ctx: &Context,
        lexicon: &Words,
        mentions: &[Mention],
        quotes: &[Quote],
        policy_anaphors: &[String],
        known: &[Event],
    ) -> Self {
        let mut form = String::new();
        let mut targets = vec![false; ctx.sentences.len()];
        let words: Vec<Vec<u8>> = ctx
            .layer
            .iter()
            .map(|sentence| {
                sentence
                    .words
                    .iter()
                    .map(|word| {
                        form.clear();
                        form.extend(word.form(ctx.text).chars().flat_map(char::to_lowercase));
                        lexicon.forms.get(form.as_str()).copied().unwrap_or(0)
                    })
                    .collect()
            })
            .collect();
        let sentences = words
            .iter()
            .map(|bits| bits.iter().fold(0, |all, bit| all | bit))
            .collect();
        let sentence_of = |at: usize| ctx.sentences.partition_point(|sentence| sentence.end <= at);
        let mut named = vec![false; ctx.sentences.len()];
        for mention in mentions
            .iter()
            .filter(|mention| mention.kind != Kind::Framework)
        {
            if let Some(flag) = named.get_mut(sentence_of(mention.span.start)) {
                *flag = true;
            }
        }
        // A mention that is a quote's speaker is no target of what that speaker says.
        let speaking = |mention: &Mention| {
            quotes
                .iter()
                .filter_map(|quote| quote.speaker_span)
                .any(|span| span.overlaps(mention.span))
        };
        for mention in mentions.iter().filter(|mention| !speaking(mention)) {
            if let Some(flag) = targets.get_mut(sentence_of(mention.span.start)) {
                *flag = true;
            }
        }
        if let Some(first) = known
            .iter()
            .filter(|event| MEASURES.contains(&event.action))
            .map(|event| event.span.end)
            .min()
        {
            for (flag, sentence) in targets.iter_mut().zip(&ctx.sentences) {
                *flag |= sentence.end >= first;
            }
        }
        // The nouns only where nothing else made the sentence a candidate yet.
        for (index, flag) in targets.iter_mut().enumerate() {
            if !*flag && words[index].iter().any(|bits| bits & EVALUATIVE != 0) {
                *flag = ctx.layer[index].words.iter().any(|word| {
                    form.clear();
                    form.extend(word.form(ctx.text).chars().flat_map(char::to_lowercase));
                    is_target_noun(&form, policy_anaphors)
                });
            }
        }
        let mut speaker = vec![false; ctx.sentences.len()];
        for span in quotes.iter().filter_map(|quote| quote.speaker_span) {
            if let Some(flag) = speaker.get_mut(sentence_of(span.start)) {
                *flag = true;
            }
        }
        Marks {
            words,
            sentences,
            named,
            speaker,
            targets,
        }
    }

    /// No evaluative word anywhere: nothing to find.
    fn none(&self) -> bool {
        self.sentences.iter().all(|bits| bits & EVALUATIVE == 0)
    }

    fn has(&self, sentence: usize, bits: u8) -> bool {
        self.sentences[sentence] & bits == bits
    }

    /// Whether someone in sentence `index` can speak for an entity: a mention of one, or a
    /// speaker the quotes stage resolved ("he said").
    fn voiced(&self, index: usize) -> bool {
        self.named[index] || self.speaker[index]
    }
}

struct Pass<'a> {
    ctx: &'a Context<'a>,
    lexicon: &'a Words,
    mentions: &'a [Mention],
    policy_anaphors: &'a [String],
    policy_words: &'a [String],
    marks: Marks,
    known: &'a [Event],
    found: Vec<Event>,
}

/// Who speaks: the entity, the person as the text names them, and where their words start.
struct Voice {
    actor: String,
    agent: Option<String>,
    before: usize,
}

impl<'a> Pass<'a> {
    fn add(&mut self, event: Event) {
        let same = |other: &Event| {
            other.actor == event.actor
                && other.action == event.action
                && other.target.eq_ignore_ascii_case(&event.target)
        };
        // Praise of what the speaker's side endorses or joins adds nothing to that act.
        let backed = |other: &Event| {
            event.action == Action::Support
                && other.actor == event.actor
                && other.target == event.target
                && matches!(other.action, Action::Endorse | Action::Join)
        };
        if !self.known.iter().any(|other| same(other) || backed(other))
            && !self.found.iter().any(same)
        {
            self.found.push(event);
        }
    }

    /// The tree of sentence `index`.
    fn tree(&self, index: usize) -> Option<Tree<'a>> {
        let ctx: &'a Context<'a> = self.ctx;
        let sentence = &ctx.layer[index];
        let analysis = ctx.analysis(index)?;
        Some(Tree {
            text: ctx.text,
            spans: sentence.words.iter().map(|word| word.span).collect(),
            analysis,
            trigger: Span::new(0, 0),
        })
    }

    /// Direct and reported quotes: what their content judges.
    fn quotes(&mut self, quotes: &[Quote]) {
        for quote in quotes {
            let Some((actor, agent)) = actor_of(self.ctx, quote, self.mentions) else {
                continue;
            };
            let voice = Voice {
                actor,
                agent,
                before: quote.span.start,
            };
            let first = self
                .ctx
                .sentences
                .partition_point(|sentence| sentence.end <= quote.span.start);
            for index in first..self.ctx.sentences.len() {
                let sentence = &self.ctx.layer[index];
                if sentence.span.start >= quote.span.end {
                    break;
                }
                let inside = |span: Span| quote.span.contains(span);
                // Parse only when an evaluative word lies inside the quote.
                let evaluative = sentence
                    .words
                    .iter()
                    .zip(&self.marks.words[index])
                    .any(|(word, bits)| bits & EVALUATIVE != 0 && inside(word.span));
                if !evaluative || !self.marks.targets[index] {
                    continue;
                }
                let Some(tree) = self.tree(index) else {
                    continue;
                };
                let content: Vec<usize> = (0..tree.spans.len())
                    .filter(|&word| inside(tree.spans[word]))
                    .collect();
                self.judge(&tree, sentence.span, &content, &voice, "speech");
            }
        }
    }

    /// Speech and attitude predicates the quotes stage has no quote for ("the UN refugee
    /// agency is worried the policy sends the wrong message", "... would not work, argued Mr
    /// Blair"): the subject speaks, the clausal complement is the content.
    fn speech(&mut self, quotes: &[Quote]) {
        let lexicon = self.lexicon;
        for (index, sentence) in self.ctx.layer.iter().enumerate() {
            if crate::extract::is_headline(self.ctx.text, sentence.span) {
                continue;
            }
            // An evaluative word no quote holds (the quotes were judged already).
            let unquoted =
                sentence
                    .words
                    .iter()
                    .zip(&self.marks.words[index])
                    .any(|(word, bits)| {
                        bits & EVALUATIVE != 0
                            && !quotes.iter().any(|quote| quote.span.contains(word.span))
                    });
            if !self.marks.has(index, SPEECH)
                || !unquoted
                || !self.marks.voiced(index)
                || !self.marks.targets[index]
            {
                continue;
            }
            let Some(tree) = self.tree(index) else {
                continue;
            };
            for predicate in 0..tree.spans.len() {
                if !matches!(tree.analysis[predicate].upos, Upos::Verb | Upos::Adj)
                    || !lexicon.speech_predicates.contains(&tree.lemma(predicate))
                    || tree.negated(predicate)
                {
                    continue;
                }
                let Some(voice) = self.speaker(&tree, predicate, quotes) else {
                    continue;
                };
                // The complement clauses; an inverted "…, argued Mr Blair" speaks its head.
                let mut content: Vec<usize> = tree
                    .children(predicate)
                    .filter(|&child| matches!(tree.analysis[child].deprel, "ccomp" | "parataxis"))
                    .flat_map(|child| tree.subtree(child))
                    .collect();
                if content.is_empty()
                    && tree.analysis[predicate].deprel == "parataxis"
                    && let Some(head) = tree.head(predicate)
                {
                    let own = tree.subtree(predicate);
                    content = tree
                        .subtree(head)
                        .into_iter()
                        .filter(|word| !own.contains(word))
                        .collect();
                }
                content.sort_unstable();
                self.judge(&tree, sentence.span, &content, &voice, "speech");
            }
        }
    }

    /// The entity the subject of a speech predicate stands for: a mention in the subject's
    /// phrase, or for "he"/"she" the speaker the quotes stage found for it.
    fn speaker(&self, tree: &Tree, predicate: usize, quotes: &[Quote]) -> Option<Voice> {
        let subject = tree
            .children(predicate)
            .find(|&child| tree.analysis[child].deprel == "nsubj")?;
        self.voice_of(tree, subject, quotes)
    }

    /// The entity the phrase headed by `subject` stands for: the mention nearest its head in
    /// the tree, or for "he"/"she" the speaker the quotes stage found for it.
    fn voice_of(&self, tree: &Tree, subject: usize, quotes: &[Quote]) -> Option<Voice> {
        let span = tree.spans[subject];
        if tree.analysis[subject].upos == Upos::Pron {
            let quote = quotes
                .iter()
                .find(|quote| quote.speaker_span.is_some_and(|at| at.overlaps(span)))?;
            let (actor, agent) = actor_of(self.ctx, quote, self.mentions)?;
            return Some(Voice {
                actor,
                agent,
                before: span.start,
            });
        }
        let phrase = tree.subtree(subject);
        let depth_of = |word: usize| phrase.iter().position(|&other| other == word);
        let mention = self
            .mentions
            .iter()
            .filter(|mention| mention.kind != Kind::Framework)
            .filter_map(|mention| {
                let nearest = tree.words_in(mention.span).filter_map(depth_of).min()?;
                Some((nearest, mention))
            })
            .min_by_key(|(nearest, _)| *nearest)
            .map(|(_, mention)| mention)?;
        Some(Voice {
            actor: mention.id.clone(),
            agent: mention.agent.clone(),
            before: span.start,
        })
    }

    /// The evaluations among the `content` words of `tree`, voiced by `voice`.
    fn judge(&mut self, tree: &Tree, sentence: Span, content: &[usize], voice: &Voice, how: &str) {
        for &word in content {
            let Some(negative) = self.lexicon.polarity_of(tree, word) else {
                continue;
            };
            if self.lexicon.predicate_only.contains(&tree.lemma(word))
                && (tree.analysis[word].upos != Upos::Verb
                    || tree.analysis[word].deprel == "amod"
                    || tree
                        .children(word)
                        .any(|child| tree.analysis[child].deprel == "obj"))
            {
                continue;
            }
            if self.lexicon.predicative_only.contains(&tree.lemma(word))
                && !is_predicative(tree, word)
            {
                continue;
            }
            let Some((judged, predicate)) = judged_phrase(tree, word, negative) else {
                continue;
            };
            let action = match (negative, tree.modality(predicate)) {
                (_, Modality::Hypothetical | Modality::Planned) => continue,
                (true, Modality::Negated) => continue,
                (true, _) | (false, Modality::Negated) => Action::Criticize,
                (false, _) => Action::Support,
            };
            let context = Judged {
                ctx: self.ctx,
                tree,
                mentions: self.mentions,
                policy_anaphors: self.policy_anaphors,
                policy_words: self.policy_words,
                actor: &voice.actor,
                before: voice.before,
            };
            let Some(target) = context.target(judged, self.known) else {
                continue;
            };
            let (cameo, plover) = match action {
                Action::Criticize => ("111", "ACCUSE"),
                _ => ("051", "SUPPORT"),
            };
            self.add(Event {
                actor: voice.actor.clone(),
                action,
                target,
                date: None,
                modality: Modality::Asserted,
                agent: voice.agent.clone(),
                cameo: Some(cameo.into()),
                plover: Some(plover.into()),
                span: tree.spans[word],
                sentence,
                rule: format!("{action}.{how}"),
            });
        }
    }
}

/// "X called the idea ethnic cleansing", "calling it inhumane": a naming verb whose
/// complement is evaluative judges its object; the actor is the verb's subject, else the
/// actor named last before it in the sentence.
fn naming(pass: &Pass) -> Vec<Event> {
    let (ctx, lexicon, mentions, known) = (pass.ctx, pass.lexicon, pass.mentions, pass.known);
    let (policy_anaphors, policy_words) = (pass.policy_anaphors, pass.policy_words);
    let mut found = Vec::new();
    for (index, sentence) in ctx.layer.iter().enumerate() {
        if !pass.marks.has(index, NAMING | EVALUATIVE)
            || !pass.marks.named[index]
            || !pass.marks.targets[index]
            || crate::extract::is_headline(ctx.text, sentence.span)
        {
            continue;
        }
        let Some(tree) = pass.tree(index) else {
            continue;
        };
        let analysis = tree.analysis;
        for verb in 0..analysis.len() {
            if analysis[verb].upos != Upos::Verb
                || !lexicon.naming_verbs.contains(&tree.lemma(verb))
                || tree.negated(verb)
            {
                continue;
            }
            let Some(object) = tree
                .children(verb)
                .find(|&child| analysis[child].deprel == "obj")
            else {
                continue;
            };
            // The evaluative complement: a dependent of the verb other than its arguments, or
            // a conjunct of it ("called the idea illegal and offensive").
            let negative = tree
                .children(verb)
                .filter(|&child| {
                    !matches!(
                        analysis[child].deprel,
                        "obj" | "nsubj" | "nsubj:pass" | "punct"
                    )
                })
                .flat_map(|child| {
                    std::iter::once(child).chain(
                        tree.children(child)
                            .filter(|&conjunct| analysis[conjunct].deprel == "conj"),
                    )
                })
                .find_map(|word| lexicon.polarity_of(&tree, word));
            let Some(negative) = negative else {
                continue;
            };
            let verb_span = tree.spans[verb];
            let Some(actor) = naming_actor(&tree, mentions, sentence.span, verb) else {
                continue;
            };
            let judged = Judged {
                ctx,
                tree: &tree,
                mentions,
                policy_anaphors,
                policy_words,
                actor: &actor,
                before: verb_span.start,
            };
            let target = if analysis[object].upos == Upos::Pron {
                judged.latest_measure(known)
            } else {
                judged.target(object, known)
            };
            let Some(target) = target else {
                continue;
            };
            let action = if negative {
                Action::Criticize
            } else {
                Action::Support
            };
            found.push(Event {
                actor,
                action,
                target,
                date: None,
                modality: Modality::Asserted,
                agent: None,
                cameo: Some(if negative { "111" } else { "051" }.into()),
                plover: Some(if negative { "ACCUSE" } else { "SUPPORT" }.into()),
                span: verb_span,
                sentence: sentence.span,
                rule: format!("{action}.naming"),
            });
        }
    }
    found
}

/// Whether `word` is a clause's predicate: it has a copula ("is illegal"), is a verb's
/// complement ("called it illegal") or is conjoined to such a predicate ("cruel and illegal").
fn is_predicative(tree: &Tree, word: usize) -> bool {
    let mut word = word;
    for _ in 0..4 {
        if tree
            .children(word)
            .any(|child| tree.analysis[child].deprel == "cop")
            || matches!(tree.analysis[word].deprel, "xcomp" | "root")
                && tree.analysis[word].upos == Upos::Adj
        {
            return true;
        }
        if tree.analysis[word].deprel != "conj" {
            return false;
        }
        let Some(head) = tree.head(word) else {
            return false;
        };
        word = head;
    }
    false
}

/// The actor of a naming verb: a mention in its subject (through the verbs it is the
/// complement or conjunct of), else the last actor mention before it in the sentence.
fn naming_actor(tree: &Tree, mentions: &[Mention], sentence: Span, verb: usize) -> Option<String> {
    let mut word = verb;
    for _ in 0..4 {
        if let Some(subject) = tree
            .children(word)
            .find(|&child| tree.analysis[child].deprel == "nsubj")
        {
            let subtree = tree.subtree(subject);
            return mentions
                .iter()
                .filter(|mention| mention.kind != Kind::Framework)
                .find(|mention| {
                    tree.words_in(mention.span)
                        .any(|word| subtree.contains(&word))
                })
                .map(|mention| mention.id.clone());
        }
        if !matches!(tree.analysis[word].deprel, "xcomp" | "conj") {
            break;
        }
        word = tree.head(word)?;
    }
    let at = tree.spans[verb].start;
    mentions
        .iter()
        .rev()
        .filter(|mention| mention.kind != Kind::Framework)
        .find(|mention| sentence.start <= mention.span.start && mention.span.end <= at)
        .map(|mention| mention.id.clone())
}

/// The entity the speaker of `quote` stands for, with the speaker as agent.
fn actor_of(
    ctx: &Context,
    quote: &Quote,
    mentions: &[Mention],
) -> Option<(String, Option<String>)> {
    let name = quote.speaker.as_deref()?;
    // A former office holder speaks for nobody ("the former president, Barack Obama, said").
    if quote
        .role
        .as_deref()
        .is_some_and(crate::extract::quotes::is_former)
    {
        return None;
    }
    let agent = Some(match &quote.role {
        Some(role) => format!("{role} {name}"),
        None => name.to_string(),
    });
    let acts = |mention: &&Mention| mention.kind != Kind::Framework;
    // A mention at the speaker's words (a linked politician, an office holder, a state).
    if let Some(span) = quote.speaker_span
        && let Some(mention) = mentions
            .iter()
            .filter(acts)
            .find(|mention| mention.span.overlaps(span))
    {
        return Some((mention.id.clone(), agent));
    }
    if let Some(entity) = &quote.speaker_entity {
        return Some((entity.clone(), agent));
    }
    // The organisation the role names ("president of Refugees International").
    if let Some(role) = &quote.role
        && let Some(mention) = mentions
            .iter()
            .filter(acts)
            .filter(|mention| {
                let surface = &ctx.text[mention.span.start..mention.span.end];
                surface.len() > 2 && role.contains(surface)
            })
            .max_by_key(|mention| mention.span.len())
    {
        return Some((mention.id.clone(), agent));
    }
    // The organisation in the role beside the name: ", president of Refugees International"
    // or "Refugees International's president …", in the speaker's sentence, outside the quote.
    let span = quote.speaker_span?;
    let sentence = ctx
        .sentences
        .iter()
        .find(|sentence| sentence.contains(span))?;
    const REACH: usize = 60;
    mentions
        .iter()
        .filter(acts)
        .filter(|mention| {
            sentence.contains(mention.span)
                && !mention.span.overlaps(quote.span)
                && (mention.span.start >= span.end && mention.span.start - span.end <= REACH
                    || mention.span.end <= span.start && span.start - mention.span.end <= REACH)
        })
        .filter(|mention| {
            // Nothing but the role between the two: no other quote mark or clause.
            let between = if mention.span.start >= span.end {
                &ctx.text[span.end..mention.span.start]
            } else {
                &ctx.text[mention.span.end..span.start]
            };
            !between.contains(['"', '“', '”', ';', '.'])
        })
        .min_by_key(|mention| {
            if mention.span.start >= span.end {
                mention.span.start - span.end
            } else {
                span.start - mention.span.end
            }
        })
        .map(|mention| (mention.id.clone(), agent))
}

/// The word heading what the evaluative `word` is said of: the subject of the predicate it
/// heads, or the noun it modifies.
/// With the word whose negation and modality count (the predicate noun an adjective rides on).
fn judged_phrase(tree: &Tree, word: usize, negative: bool) -> Option<(usize, usize)> {
    let upos = tree.analysis[word].upos;
    if !matches!(upos, Upos::Verb | Upos::Adj | Upos::Noun) {
        return None;
    }
    let deprel = tree.analysis[word].deprel;
    // A verb judges its subject only in the active voice ("violates", not "was violated");
    // a conjoined verb shares its first conjunct's subject ("violates the law and will put
    // people in danger").
    let subject = subject_of(tree, word).or_else(|| {
        (upos == Upos::Verb && deprel == "conj")
            .then(|| tree.head(word).and_then(|head| subject_of(tree, head)))
            .flatten()
    });
    if let Some(subject) = subject {
        // A copula is needed for an adjective or a noun to be predicated ("is cruel").
        let predicated = upos == Upos::Verb
            || tree
                .children(word)
                .any(|child| tree.analysis[child].deprel == "cop");
        if !predicated {
            return None;
        }
        // "it was disgusting to propose a system": the expletive stands for the clause.
        if tree.analysis[subject].upos == Upos::Pron
            && tree.lemma(subject) == "it"
            && let Some(clause) = tree.children(word).find(|&child| {
                matches!(
                    tree.analysis[child].deprel,
                    "csubj" | "xcomp" | "advcl" | "ccomp"
                ) && tree.analysis[child].upos == Upos::Verb
                    && tree.children(child).any(|mark| {
                        tree.analysis[mark].deprel == "mark" && tree.lemma(mark) == "to"
                    })
            })
        {
            return Some((clause, word));
        }
        return Some((subject, word));
    }
    let head = tree.head(word)?;
    // "would put lives at risk", "puts people in danger": the verb's subject is judged.
    if upos == Upos::Noun
        && negative
        && deprel == "obl"
        && tree.analysis[head].upos == Upos::Verb
        && tree.children(word).any(|case| {
            tree.analysis[case].deprel == "case" && matches!(tree.lemma(case).as_str(), "at" | "in")
        })
    {
        return judged_phrase_of_verb(tree, head);
    }
    if upos == Upos::Adj && deprel == "amod" {
        let noun = head;
        // "Guatemala is not a safe country": the adjective rides on a predicate noun, which
        // judges its subject.
        if tree
            .children(noun)
            .any(|child| tree.analysis[child].deprel == "cop")
        {
            return judged_phrase(tree, noun, negative).map(|(subject, _)| (subject, noun));
        }
        // "the policy sends the wrong message", "these policies will not provide a safe
        // haven": the object's verb judges its subject (a positive object only under a
        // negated verb).
        if tree.analysis[noun].deprel == "obj"
            && let Some(verb) = tree.head(noun)
            && (negative || tree.negated(verb))
            && let Some(judged) = judged_phrase_of_verb(tree, verb)
        {
            return Some(judged);
        }
        if !negative {
            // A positive word mostly praises the speaker's own "workable plans".
            return None;
        }
        // "a shameful decision": the noun it modifies.
        return Some((noun, word));
    }
    None
}

/// The subject a verb's act is judged by, with the verb.
fn judged_phrase_of_verb(tree: &Tree, verb: usize) -> Option<(usize, usize)> {
    let subject = subject_of(tree, verb).or_else(|| {
        (tree.analysis[verb].deprel == "conj")
            .then(|| tree.head(verb).and_then(|head| subject_of(tree, head)))
            .flatten()
    })?;
    Some((subject, verb))
}

fn subject_of(tree: &Tree, word: usize) -> Option<usize> {
    tree.children(word).find(|&child| {
        let deprel = tree.analysis[child].deprel;
        deprel == "nsubj" || deprel == "csubj"
    })
}

/// Whether `child` belongs to what its head's phrase names: its owner ("Trump's decision"),
/// its name parts, apposition and conjuncts, an "of"/"by" phrase ("the plan of the
/// government") or the act a decision is about ("decision to sign"); not what the phrase is
/// for or where ("a great thing for Guatemala").
fn names_the_phrase(tree: &Tree, child: usize) -> bool {
    let deprel = tree.analysis[child].deprel;
    match deprel {
        "nmod" | "obl" => tree.children(child).any(|case| {
            tree.analysis[case].deprel == "case" && matches!(tree.lemma(case).as_str(), "of" | "by")
        }),
        _ => {
            deprel.starts_with("nmod:poss")
                || deprel.starts_with("compound")
                || deprel.starts_with("flat")
                || matches!(
                    deprel,
                    "appos" | "conj" | "det" | "amod" | "acl" | "xcomp" | "obj"
                )
        }
    }
}

struct Judged<'a> {
    ctx: &'a Context<'a>,
    tree: &'a Tree<'a>,
    mentions: &'a [Mention],
    policy_anaphors: &'a [String],
    policy_words: &'a [String],
    actor: &'a str,
    /// Where the quote starts: what it refers back to lies before.
    before: usize,
}

impl Judged<'_> {
    /// "the global approach in the New York Declaration", "the provisions under the
    /// compact": a framework or agreement that holds what is judged (`in`/`under` it) is what
    /// the phrase names. (A place it is in is not: "the approach in Hungary".)
    fn document_holding(&self, child: usize) -> bool {
        let tree = self.tree;
        let span = tree.spans[child];
        tree.analysis[child].deprel == "nmod"
            && tree.children(child).any(|case| {
                tree.analysis[case].deprel == "case"
                    && matches!(tree.lemma(case).as_str(), "in" | "under")
            })
            && self.mentions.iter().any(|mention| {
                mention.kind == Kind::Framework
                    && mention.span.start <= span.start
                    && span.end <= mention.span.end
            })
    }

    /// What the phrase headed by `head` names, as an event target.
    fn target(&self, head: usize, known: &[Event]) -> Option<String> {
        let tree = self.tree;
        // Depth of each word of the phrase below its head.
        let mut depth: Vec<Option<usize>> = vec![None; tree.analysis.len()];
        depth[head] = Some(0);
        let mut stack = vec![head];
        while let Some(word) = stack.pop() {
            let below = depth[word].unwrap_or(0) + 1;
            for child in tree.children(word) {
                if depth[child].is_none()
                    && (names_the_phrase(tree, child) || self.document_holding(child))
                {
                    depth[child] = Some(below);
                    stack.push(child);
                }
            }
        }
        let named = self
            .mentions
            .iter()
            .filter(|mention| mention.id != self.actor)
            .filter_map(|mention| {
                let nearest = tree
                    .words_in(mention.span)
                    .filter_map(|word| depth[word])
                    .min()?;
                Some((nearest, mention.span.start, &mention.id))
            })
            .min();
        if let Some((_, _, id)) = named {
            return Some(id.clone());
        }
        let lemma = tree.lemma(head);
        if AGREEMENTS.contains(&lemma.as_str()) {
            // "the pact" after the Global Compact was named is the compact.
            let framework = self
                .mentions
                .iter()
                .rev()
                .filter(|mention| mention.span.end <= self.before)
                .find(|mention| mention.kind == Kind::Framework);
            return match framework {
                Some(mention) => Some(mention.id.clone()),
                None => tree.phrase(tree.spans[head]),
            };
        }
        if GOVERNMENTS.contains(&lemma.as_str()) {
            return self
                .mentions
                .iter()
                .rev()
                .filter(|mention| mention.span.end <= self.before)
                .find(|mention| mention.kind == Kind::State && mention.id != self.actor)
                .map(|mention| mention.id.clone());
        }
        let form = tree.spans[head];
        let form = self.ctx.text[form.start..form.end].to_lowercase();
        // A clause ("to propose a system …") judges the measure just reported.
        if tree.analysis[head].upos == Upos::Verb
            || self
                .policy_anaphors
                .iter()
                .any(|a| *a == lemma || *a == form)
        {
            return self.latest_measure(known);
        }
        if MEASURE_HEADS.contains(&lemma.as_str()) {
            let phrase = tree.phrase(tree.spans[head])?;
            let lower = phrase.to_lowercase();
            return self
                .policy_words
                .iter()
                .any(|word| lower.contains(word.as_str()))
                .then_some(phrase);
        }
        None
    }

    /// Whose "plans" are judged: the actor of the latest planned measure reported before, by
    /// someone other than the actor (a plan is what gets proposed and judged); else of the
    /// latest measure of any kind.
    fn latest_measure(&self, known: &[Event]) -> Option<String> {
        let before = |event: &&Event| {
            event.span.end <= self.before
                && event.actor != self.actor
                && MEASURES.contains(&event.action)
        };
        let latest = |planned: bool| {
            known
                .iter()
                .filter(before)
                .filter(|event| !planned || event.modality == Modality::Planned)
                .max_by_key(|event| event.span.start)
                .map(|event| event.actor.clone())
        };
        latest(true).or_else(|| latest(false))
    }
}

#[cfg(test)]
mod tests {
    use migtrack_domain::Pack;

    use crate::extract::{Context, events};

    /// "actor action target rule" of the events of `text`, through quotes, events and this
    /// pass as the pipeline runs them.
    fn events_of(text: &str) -> Vec<String> {
        let ctx = Context::new(text, None, Pack::builtin());
        let quotes = crate::extract::quotes::extract(&ctx);
        events::extract(&ctx, &[], &quotes)
            .into_iter()
            .map(|e| format!("{} {} {} {}", e.actor, e.action, e.target, e.rule))
            .collect()
    }

    fn has(text: &str, event: &str) {
        let found = events_of(text);
        assert!(found.iter().any(|e| e == event), "{event} not in {found:?}");
    }

    fn judges_nobody(text: &str) {
        let found = events_of(text);
        assert!(!found.iter().any(|e| e.contains("criticize")), "{found:?}");
    }

    #[test]
    fn an_evaluative_verb_in_a_quote_judges_its_subject_for_the_speakers_body() {
        // The speaker's organisation from the role; "this agreement" names the agreement.
        has(
            "The United States and Guatemala signed an agreement on asylum.\n\"This agreement violates U.S. law,\" said Eric Schwartz, president of Refugees International.",
            "Refugees International criticize agreement criticize.speech",
        );
    }

    #[test]
    fn a_former_office_holder_speaks_for_no_state() {
        // In office, the president's criticism is the state's; once "former", it is nobody's.
        has(
            "President Barack Obama said the refugee ban was cruel.",
            "USA criticize refugee ban criticize.speech",
        );
        judges_nobody("The former president, Barack Obama, said the refugee ban was cruel.");
    }

    #[test]
    fn a_sentence_that_can_name_no_target_is_not_parsed() {
        // "disgusting" in a quote by a state's speaker, but nothing a target is read from:
        // no mention, no agreement, measure or policy noun, no measure reported before.
        // It parses what the same text without an evaluative word parses, no more.
        let parsed = |text: &str| {
            let ctx = Context::new(text, None, Pack::builtin());
            let quotes = crate::extract::quotes::extract(&ctx);
            let events = events::extract(&ctx, &[], &quotes);
            (events.is_empty(), ctx.analysed())
        };
        let plain = parsed("The weather was cold.\nGermany says it is cold and wet.");
        let judged = parsed("The weather was cold.\nGermany says it is disgusting and shameful.");
        assert_eq!(judged, plain);
        // The same words about a policy noun are parsed and judged.
        has(
            "The weather was cold.\nGermany says migrant quotas are disgusting and shameful.",
            "DEU criticize migrant quotas criticize.speech",
        );
    }

    #[test]
    fn an_expletive_judges_the_clause_and_the_clause_the_measure_just_reported() {
        has(
            "Mexico will cut asylum.\nGermany said it was disgusting to propose such a cut.",
            "DEU criticize MEX criticize.speech",
        );
    }

    #[test]
    fn a_negated_positive_word_criticises_a_measure_named_by_its_policy_phrase() {
        has(
            "Romania says migrant quotas are not the solution.",
            "ROU criticize migrant quotas criticize.speech",
        );
    }

    #[test]
    fn a_document_that_holds_the_judged_phrase_is_its_target_and_a_place_is_not() {
        // "in"/"under" a framework names what is judged; "in" a place does not.
        has(
            "\"The global approach in the New York Declaration is simply not compatible with U.S. sovereignty,\" said U.S. Ambassador Nikki Haley.",
            "USA criticize new_york_declaration criticize.speech",
        );
        judges_nobody(
            "\"The approach in Hungary is simply cruel,\" said U.S. Ambassador Nikki Haley.",
        );
    }

    #[test]
    fn being_right_or_compatible_judges_only_as_a_predicate() {
        // Predicative "right" and "compatible": negated, they criticise; as a modifier ("the
        // right wing") they judge nothing.
        has(
            "Germany said Hungary's border fence was not compatible with European law.",
            "DEU criticize HUN criticize.speech",
        );
        has(
            "Liberal Democrat spokesman Mark Oaten said Britain was right to reject quotas.",
            "Liberal Democrats support GBR support.speech",
        );
        let text = "Germany said Hungary's right wing wants a border fence.";
        let found = events_of(text);
        assert!(
            !found
                .iter()
                .any(|e| e.contains("support") || e.contains("criticize")),
            "{text}: {found:?}"
        );
    }

    #[test]
    fn a_party_the_text_names_by_a_short_name_judges_as_that_party() {
        // "Labour" alone is no pack mention (it is also a common noun), but the quotes stage
        // names the speaker by the lexicon's actor; "in shreds" is a negative predicate.
        has(
            "Labour said the asylum system was in shreds.",
            "Labour Party criticize asylum system criticize.speech",
        );
        // The same words from nobody the lexicon knows judge nothing for a party.
        let found = events_of("Critics said the asylum system was in shreds.");
        assert!(
            !found.iter().any(|e| e.starts_with("Labour Party")),
            "{found:?}"
        );
    }

    #[test]
    fn failing_asylum_seekers_judges_nobody() {
        // "fail" judges only as an intransitive predicate: a misread "failed" with an object,
        // or the adjective of "failed asylum seekers", is no judgement of the government.
        judges_nobody(
            "Britain announced new asylum rules.\nTory leader Michael Howard said the government would deport failed asylum seekers.",
        );
    }

    #[test]
    fn failing_is_judged_of_its_subject_for_the_speakers_party() {
        // The speaker's party from the adjective before the role; the government in focus.
        has(
            "Britain announced new asylum rules.\nConservative shadow home secretary David Davis said the government had failed to remove failed asylum seekers.",
            "Conservative Party criticize GBR criticize.speech",
        );
        // A failed asylum seeker is judged by nobody.
        judges_nobody(
            "Britain announced new asylum rules.\nDavid Davis said failed asylum seekers were removed.",
        );
    }

    #[test]
    fn an_attitude_with_a_wrong_object_judges_the_subject_of_its_verb() {
        has(
            "Mexico will cut asylum.\nThe UNHCR is worried the policy sends the wrong message.",
            "unhcr criticize MEX criticize.speech",
        );
    }

    #[test]
    fn a_naming_verb_with_an_evaluative_complement_judges_its_object() {
        has(
            "President Trump said he would end birthright citizenship.\nJess Rocketto, the chairwoman of Families Belong Together, called it \"ethnic cleansing.\"",
            "Families Belong Together criticize USA criticize.naming",
        );
        // The lexicon's "called the idea" reads the same act first.
        let found = events_of(
            "President Trump said he would end birthright citizenship.\nJess Rocketto, the chairwoman of Families Belong Together, called the idea \"ethnic cleansing.\"",
        );
        assert!(
            found
                .iter()
                .any(|e| e.starts_with("Families Belong Together criticize USA ")),
            "{found:?}"
        );
    }

    #[test]
    fn a_conjoined_naming_complement_judges_and_illegal_judges_only_as_a_predicate() {
        // The evaluative word is the second of two conjoined complements.
        has(
            "President Trump said he would end birthright citizenship.\nJess Rocketto, the chairwoman of Families Belong Together, called it pointless and offensive.",
            "Families Belong Together criticize USA criticize.naming",
        );
        // "illegal" as a predicate criticises; as a modifier of a noun it says nothing.
        has(
            "Mexico will cut asylum.\n\"The plan is illegal,\" said the German chancellor Angela Merkel.",
            "DEU criticize MEX criticize.speech",
        );
        judges_nobody(
            "Mexico will cut asylum.\n\"The plan will stop illegal crossings,\" said the German chancellor Angela Merkel.",
        );
    }

    #[test]
    fn what_names_no_measure_or_actor_or_is_negated_or_conditional_is_no_event() {
        // Nothing of anyone's; a negated negative word; people, not a policy.
        for text in [
            "Germany said the sea was dangerous.",
            "Mexico will cut asylum.\nGermany said the plan was not cruel.",
            "Migrants are dangerous, Germany said.",
            // A condition says nothing yet.
            "Mexico will cut asylum.\n\"If the plan is cruel, we will say so,\" said the German chancellor Angela Merkel.",
        ] {
            let found = events_of(text);
            assert!(
                !found
                    .iter()
                    .any(|e| e.contains(" criticize ") || e.contains(" support ")),
                "{text}: {found:?}"
            );
        }
    }

    #[test]
    fn the_lexicon_is_lemmas_per_language() {
        let words = super::words("en").expect("English evaluation words");
        for lemma in words
            .negative
            .iter()
            .chain(&words.positive)
            .chain(&words.naming_verbs)
            .chain(&words.speech_predicates)
        {
            assert_eq!(
                *lemma,
                lemma.to_lowercase(),
                "{lemma}: lemmas are lower case"
            );
            assert!(!lemma.contains(' '), "{lemma}: one word per lemma");
        }
        assert!(words.negative.is_disjoint(&words.positive));
        assert!(super::words("xx").is_none());
    }
}
