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

/// Whether `word` heads a clause of its own: a verb with a subject, or a predicate with a
/// copula or an auxiliary. An adjective the parser gives a subject with neither ("the two
/// officials aware of the meeting") is a noun phrase's modifier, not a clause.
fn finite_clause(parsed: &Tree<'_>, word: usize) -> bool {
    let tree = parsed.analysis;
    let mut children = parsed.children(word);
    let has_subject = parsed
        .children(word)
        .any(|child| is_subject(tree[child].deprel) || tree[child].deprel == "nsubj:pass");
    has_subject
        && (tree[word].upos == Upos::Verb
            || children.any(|child| matches!(tree[child].deprel, "cop" | "aux" | "aux:pass")))
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

    /// Where the clause the speech verb at token `verb` reports begins, from the tree, when the
    /// token rules found no start: the verb's clausal complement (`ccomp`) with a subject of
    /// its own, opening within a few words after the verb, with nothing between but the verb's
    /// own adjuncts ("McAuliffe said about 20 people have indicated an interest", "said
    /// during the hearing most of the funds were spent"). A "that" opening the clause is
    /// skipped. `None` when the sentence has no parse.
    pub(super) fn tree_clause_start(&self, verb: usize, hi: usize) -> Option<usize> {
        const MAX_GAP: usize = 6;
        let (parsed, at) = self.tree_at(verb)?;
        let tree = parsed.analysis;
        if tree[at].upos != Upos::Verb || parsed.negated(at) {
            return None;
        }
        let clause = parsed.children(at).find(|&child| {
            child > at && tree[child].deprel == "ccomp" && finite_clause(&parsed, child)
        })?;
        let subject = parsed
            .children(clause)
            .find(|&own| is_subject(tree[own].deprel) || tree[own].deprel == "nsubj:pass")?;
        // The clause opens with its subject (or a "that" or a "there" before it): a time
        // adjunct the parser hangs inside the clause before the subject ("said Friday he is
        // declaring …") is the speech verb's.
        let first = parsed
            .subtree(subject)
            .into_iter()
            .chain(parsed.children(clause).filter(|&own| {
                (tree[own].deprel == "mark" && tree[own].upos == Upos::Sconj)
                    || tree[own].deprel == "expl"
            }))
            .filter(|&word| tree[word].upos != Upos::Punct)
            .min()?;
        // What stands between the verb and the clause hangs below the verb: its adjuncts, or
        // words of the clause before its subject.
        let below_verb = parsed.subtree(at);
        if first <= at
            || first - at > MAX_GAP
            || !(at + 1..first).all(|word| below_verb.contains(&word))
        {
            return None;
        }
        let mut start = self.tok_holding(parsed.spans[first].start);
        if self.lower(start) == "that" {
            start += 1;
        }
        (start > verb && start + 2 < hi).then_some(start)
    }

    /// Whether the tree reads the noun phrase at tokens `from..to`, after the speech verb at
    /// token `verb`, as the subject of a clause of its own rather than the verb's inverted
    /// subject: "Jean-Marc Ayrault, the foreign minister of France, said North Korea's latest
    /// provocation cannot be left without consequences" (the verb has its subject before it,
    /// and "provocation" is the subject of "left"). `false` when the sentence has no parse.
    pub(super) fn subject_of_own_clause(&self, verb: usize, from: usize, to: usize) -> bool {
        let Some((parsed, at)) = self.tree_at(verb) else {
            return false;
        };
        let tree = parsed.analysis;
        let start = self.w.toks[from].start;
        let end = self.w.toks[to - 1].end;
        // The phrase's head: its word whose head lies outside the phrase.
        let inside =
            |word: usize| parsed.spans[word].start >= start && parsed.spans[word].end <= end;
        let Some(head) = (0..tree.len())
            .find(|&word| inside(word) && parsed.head(word).is_none_or(|up| !inside(up)))
        else {
            return false;
        };
        // A possessor or a modifier of a noun after it ("North Korea's latest provocation")
        // stands for that noun's phrase.
        let mut head = head;
        while matches!(tree[head].deprel, "nmod:poss" | "compound" | "flat")
            && let Some(up) = parsed.head(head)
            && up > head
        {
            head = up;
        }
        let subject_elsewhere = (is_subject(tree[head].deprel)
            || tree[head].deprel == "nsubj:pass")
            && parsed
                .head(head)
                .is_some_and(|clause| finite_clause(&parsed, clause));
        let verb_has_subject_before = parsed.children(at).any(|child| {
            child < at && (is_subject(tree[child].deprel) || tree[child].deprel == "nsubj:pass")
        });
        (subject_elsewhere && parsed.head(head) != Some(at)) || verb_has_subject_before
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
