//! Speakers read from the dependency tree: the subject of a speech verb when the token rules
//! cannot find it ("House Majority Whip Kevin McCarthy (R-Calif.), a longtime target of …,
//! said Tuesday that …", "Pelosi chided the president and said …").
//!
//! The subject is the verb's `nsubj` (a conjunct verb without its own subject shares its
//! head's). Its phrase is the subject word with the dependents that belong to a name or a
//! noun phrase (compounds, flat names, determiners, modifiers, a prepositional complement), cut
//! where the tree attaches an apposition, a relative clause or a parenthesis; an apposition
//! that is a role gives the person's role. The phrase is then classified like every other
//! speaker (`speaker::classify`), so what counts as a person, a body or a role stays one rule.

use migtrack_nlp::{Analysis, Upos};

use migtrack_model::Span;

use super::super::events::tree::Tree;
use super::Doc;
use super::lexicon::{ADVERBS, contains};
use super::speaker::{self, Np, NpKind};

/// The analysis of sentence `index` of the layer, parsed on demand (`None`: no model, or the
/// time budget ran out).
pub(super) type Analyses<'a> = dyn Fn(usize) -> Option<&'a [Analysis]> + 'a;

/// Relations that never belong to the subject's own phrase: what the tree hangs beside a name
/// (an apposition, a clause about it, a parenthesis, another conjunct).
const OUTSIDE_PHRASE: &[&str] = &[
    "appos",
    "acl",
    "acl:relcl",
    "punct",
    "parataxis",
    "conj",
    "cc",
    "advmod",
    "dep",
    "list",
    "obl",
    "obl:tmod",
    "nmod:tmod",
];

/// Longest sentence the tree is asked about: parsing costs more than linear time, and a speaker
/// the token rules miss in a longer sentence is rarely worth it (issue 8: the extract stage's
/// speed floor).
const MAX_WORDS: usize = 60;

/// Relations of a verb's subject.
fn is_subject(relation: &str) -> bool {
    relation == "nsubj" || relation == "nsubj:outer"
}

/// The sentence's tree (the events' `Tree`, with no trigger) and the phrase reading quotes need.
trait Phrases {
    fn subject_of(&self, verb: usize) -> Option<usize>;
    /// `word` and the words below it through relations that keep a phrase together, as the
    /// contiguous run around `word`.
    fn phrase(&self, word: usize) -> (usize, usize);
}

impl Phrases for Tree<'_> {
    fn subject_of(&self, verb: usize) -> Option<usize> {
        self.children(verb)
            .find(|&child| is_subject(self.analysis[child].deprel))
    }

    fn phrase(&self, word: usize) -> (usize, usize) {
        let mut inside = vec![false; self.analysis.len()];
        let mut stack = vec![word];
        inside[word] = true;
        while let Some(next) = stack.pop() {
            for child in self.children(next) {
                if !inside[child] && !OUTSIDE_PHRASE.contains(&self.analysis[child].deprel) {
                    inside[child] = true;
                    stack.push(child);
                }
            }
        }
        let mut first = word;
        while first > 0 && inside[first - 1] {
            first -= 1;
        }
        let mut last = word;
        while last + 1 < inside.len() && inside[last + 1] {
            last += 1;
        }
        (first, last)
    }
}

impl<'a> Doc<'a> {
    /// The parsed sentence that holds token `tok`, and the word of the tree at that token.
    /// `None` when the sentence has no parse (no model, a sentence too long for the parser, the
    /// time budget spent).
    fn tree_at(&self, tok: usize) -> Option<(Tree<'a>, usize)> {
        let byte = self.w.toks.get(tok)?.start;
        let index = self
            .layer
            .partition_point(|sentence| sentence.span.end <= byte);
        let sentence = self.layer.get(index)?;
        if sentence.piece || sentence.words.len() > MAX_WORDS {
            return None;
        }
        let at = sentence
            .words
            .iter()
            .position(|word| word.span.start == byte)?;
        let tree = (self.analysis)(index)?;
        if tree.len() != sentence.words.len() {
            return None;
        }
        let parsed = Tree {
            text: self.text,
            spans: sentence.words.iter().map(|word| word.span).collect(),
            analysis: tree,
            trigger: Span::default(),
        };
        Some((parsed, at))
    }

    /// Whether the speech verb at token `verb` is a conjunct of the reporting verb before token
    /// `start`, where what that verb reports begins: "said he would order a review and warned
    /// against hackers" reports "he would order a review"; "warned" is a second act of the
    /// speaker, not part of what was said. Asked only for a speech verb after "and" inside a
    /// reported clause, so few sentences are parsed for it.
    pub(super) fn conjoins_the_report(&self, verb: usize, start: usize) -> bool {
        let Some((parsed, at)) = self.tree_at(verb) else {
            return false;
        };
        let tree = parsed.analysis;
        if tree[at].deprel != "conj"
            || parsed
                .children(at)
                .any(|child| is_subject(tree[child].deprel))
        {
            return false;
        }
        let Some(head) = parsed.head(at) else {
            return false;
        };
        let head_tok = self.tok_holding(parsed.spans[head].start);
        if head_tok < start {
            return self.is_speech_verb(head_tok);
        }
        // The parser often joins the conjunct to the reported clause's verb instead ("would
        // order … and warned"). A past-tense finite verb cannot be a conjunct of a verb in the
        // infinitive or the gerund, so it joins the reporting verb (finite as it is).
        matches!(tree[at].xpos, "VBD" | "VBZ") && matches!(tree[head].xpos, "VB" | "VBG")
    }

    /// The token after the last word of the clause the speech verb at token `verb` heads (its
    /// subtree in the tree), when that clause ends before the sentence does.
    pub(super) fn clause_end(&self, verb: usize) -> Option<usize> {
        let (parsed, at) = self.tree_at(verb)?;
        let last = parsed
            .subtree(at)
            .into_iter()
            .filter(|&word| parsed.analysis[word].upos != Upos::Punct)
            .max()?;
        Some(self.tok_holding(parsed.spans[last].start) + 1)
    }

    /// The token holding byte `byte`.
    fn tok_holding(&self, byte: usize) -> usize {
        self.w.toks.partition_point(|tok| tok.end <= byte)
    }

    /// The speaker of the speech verb at token `verb`, from the tree, when it stands between
    /// token `lo` and the verb. `None` when the sentence has no parse (no model, a sentence too
    /// long for the parser, the time budget spent), when the verb is no clause's predicate
    /// (a relative clause: "which critics say"; a modifier) or has no subject that reads as a
    /// speaker.
    pub(super) fn tree_subject(&self, lo: usize, verb: usize) -> Option<Np> {
        // Parsing is the dearest step of extraction: the tree is asked only where the token
        // rules stop at something between subject and verb, a parenthesis or an apposition
        // (", said", ") said") or a conjunction ("and said").
        let mut before = verb.checked_sub(1)?;
        while before > lo && contains(&ADVERBS, self.lower(before)) {
            before -= 1;
        }
        if !matches!(self.lower(before), "," | ")" | "and" | "but") {
            return None;
        }
        let (parsed, at) = self.tree_at(verb)?;
        let tree = parsed.analysis;
        if tree[at].upos != Upos::Verb {
            return None;
        }
        if matches!(tree[at].deprel, "acl:relcl" | "acl" | "amod" | "advcl") {
            return None;
        }
        // "Mexico hasn't agreed to …, he said": a speech verb inside what another reports is
        // part of the report, not an attribution.
        let mut up = parsed.head(at);
        let mut steps = 0;
        while let Some(ancestor) = up
            && steps < tree.len()
        {
            if self.is_speech_verb(self.tok_holding(parsed.spans[ancestor].start)) {
                return None;
            }
            up = parsed.head(ancestor);
            steps += 1;
        }
        // "It never says what …": a negated verb reports nothing.
        if parsed.negated(at) {
            return None;
        }
        // Only a conjunct the text joins with a conjunction: a conjunct after a comma is as
        // often a misparsed inverted attribution (", argued Mr Blair").
        let subject = parsed.subject_of(at).or_else(|| {
            (tree[at].deprel == "conj"
                && parsed.children(at).any(|child| tree[child].deprel == "cc"))
            .then(|| parsed.head(at))
            .flatten()
            .and_then(|head| parsed.subject_of(head))
        })?;
        // "Donna Rawlings, 59, said": an age in apposition is how news names a private
        // person (`is_private`), whose words are not kept.
        if parsed.children(subject).any(|child| {
            child > subject
                && tree[child].upos == Upos::Num
                && super::is_age(parsed.spans[child].slice(self.text))
        }) {
            return None;
        }
        let (first, last) = parsed.phrase(subject);
        let from = self.tok_holding(parsed.spans[first].start);
        let to = self.tok_holding(parsed.spans[last].start) + 1;
        if from < lo || to > verb {
            return None;
        }
        // A subject that opens with a preposition is a misparsed adjunct ("On Saturday").
        if tree[first].upos == Upos::Adp {
            return None;
        }
        if matches!(self.lower(from), "i" | "we" | "you" | "they") {
            return None;
        }
        if to == from + 1 && self.is_pronoun(from) {
            // A fallback resolves only the pronouns that point at one person: "they" and
            // "we" more often stand for people no text names than for a named speaker.
            return matches!(self.lower(from), "he" | "she")
                .then(|| self.pronoun_np(from))
                .flatten();
        }
        // The subject word itself must read as a speaker ("a lot of press outlets" is headed
        // by "lot", which is none): a name, a role, a body or a document.
        if !matches!(tree[subject].upos, Upos::Noun | Upos::Propn) {
            return None;
        }
        let head = self.tok_holding(parsed.spans[subject].start);
        speaker::classify(&self.w, head, head + 1)?;
        if matches!(
            self.lower(from),
            "which" | "that" | "who" | "whom" | "whose" | "what" | "it" | "this"
        ) {
            return None;
        }
        let mut np = speaker::classify(&self.w, from, to)?;
        // "A lawyer for the two papers, David Marsh, said …": a role whose apposition is a
        // person's name is that person, with the role the subject phrase gives. The tree may
        // hang the apposition on any word of the phrase (here on "papers").
        if np.kind == NpKind::Role
            && let Some(person) = (first..=last)
                .flat_map(|word| parsed.children(word))
                .filter(|&child| parsed.analysis[child].deprel == "appos" && child > last)
                .find_map(|appos| {
                    let (a, b) = parsed.phrase(appos);
                    let start = self.tok_holding(parsed.spans[a].start);
                    let stop = self.tok_holding(parsed.spans[b].start) + 1;
                    let person = speaker::classify(&self.w, start, stop)?;
                    (person.kind == NpKind::Person && stop <= verb).then_some(person)
                })
        {
            return Some(Np {
                role: Some(self.strip_determiner(from, to)),
                ..person
            });
        }
        if np.kind == NpKind::Person && np.role.is_none() {
            // "Hans Berg, chairman of the Forum, said …": an apposition that is a role.
            np.role = parsed
                .children(subject)
                .find(|&child| parsed.analysis[child].deprel == "appos")
                .and_then(|appos| {
                    let (a, b) = parsed.phrase(appos);
                    let start = self.tok_holding(parsed.spans[a].start);
                    let stop = self.tok_holding(parsed.spans[b].start) + 1;
                    let role = speaker::classify(&self.w, start, stop)?;
                    (role.kind == NpKind::Role).then(|| self.strip_determiner(start, stop))
                });
        }
        Some(np)
    }
}
