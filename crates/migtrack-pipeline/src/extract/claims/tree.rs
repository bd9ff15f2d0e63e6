//! Claims read from the dependency tree: the clausal complement of a claim predicate ("X said
//! that …", "X estimates …", "…, X warned", "according to X, …"), spoken by the predicate's
//! subject, with the evidence the sentence's relations give for it.
//!
//! - The **predicate** is a word whose lemma is in [`PREDICATES`] (data, not code).
//! - The **claim** is its `ccomp` (or the clause it hangs from as `parataxis`: "…, he said"),
//!   or for "according to X" the clause X attaches to as `obl`. When that clause is itself a
//!   document's finding ("the figures showed that …"), the finding's complement is the claim
//!   and the document its evidence.
//! - The **speaker** is the predicate's `nsubj` (a conjunct predicate shares its head's): a
//!   name or a body; a pronoun takes the speaker of a quote over the same words, else the last
//!   speaker quoted before; "I" and "we" outside quotes are the journalist's and give nothing.
//! - The claim must be an **assertion about migration**: the words and cues of the token
//!   rules (`asserts_about_migration`), or, read from lemmas, a verb of change or cause
//!   ([`CHANGE`]: "had fallen", "were driving", "has resulted in") over a migration word
//!   ([`TOPIC_LEMMAS`]), with none of the token rules' requests, oughts or plans.
//! - **Evidence** ([`evidence`]): "without evidence" / "with no evidence" / "provided no
//!   evidence" attached to the predicate gives `none_given`; an `obl`/`advcl` "citing" or
//!   "based on" a document, an "according to" document, or a document as the speaker gives
//!   `cited`; a contrasting clause ("but data show …", "although studies find …") gives
//!   `contested`. Without any, the caller falls back to the next sentence's cues.
//!
//! Parsing costs about a millisecond a sentence, so only sentences whose words already hold a
//! predicate form and a migration word, no claim of the token rules and at most [`MAX_WORDS`]
//! words are parsed (issue 8: the extract stage's speed floor).

use migtrack_model::{Claim, Evidence, Quote, Span};
use migtrack_nlp::{Analysis, Upos};

use super::super::Context;
use super::super::events::tree::Tree;

/// Claim predicates, as lemmas (data, not code); the forms the token gate looks for before
/// parsing are derived from them ([`PREDICATE_FORMS`]).
pub(super) const PREDICATES: &[&str] = &[
    "say",
    "claim",
    "estimate",
    "argue",
    "warn",
    "insist",
    "allege",
    "maintain",
    "contend",
    "assert",
    "predict",
    "calculate",
    "note",
    "add",
    "believe",
];

/// Forms of [`PREDICATES`] that no regular inflection gives.
const IRREGULAR_PREDICATES: &[&str] = &["said"];

/// Predicates by which the writer names what follows a claim ("claimed that …", "alleging
/// that …", and the noun: "Trump's repeated claims that …"; not "insisted that …", which as
/// often holds a position as a fact): their
/// complement needs no cue of fact or cause to be an assertion, only a migration word (or a
/// sentence that says the claim is unsupported or disputed).
const NAMING: &[&str] = &["claim", "allege", "assert"];

/// Every written form of [`PREDICATES`] (inflected as the events lexicon inflects, with
/// [`IRREGULAR_PREDICATES`]), for the gate before parsing.
static PREDICATE_FORMS: std::sync::LazyLock<std::collections::HashSet<String>> =
    std::sync::LazyLock::new(|| forms(PREDICATES, IRREGULAR_PREDICATES));

/// The written forms of [`NAMING`].
static NAMING_FORMS: std::sync::LazyLock<std::collections::HashSet<String>> =
    std::sync::LazyLock::new(|| forms(NAMING, &[]));

/// `lemmas` inflected by `events::lexicon::inflect`, and `irregular`.
fn forms(lemmas: &[&str], irregular: &[&str]) -> std::collections::HashSet<String> {
    lemmas
        .iter()
        .flat_map(|lemma| crate::extract::events::lexicon::inflect(lemma))
        .chain(irregular.iter().map(|form| form.to_string()))
        .collect()
}

/// "according to X": the form of the gate and the lemma the parser gives "according".
const ACCORDING: (&str, &str) = ("accord", "according");

/// Nouns of a source of data: as a speaker, after "according to", "citing" or "based on",
/// the claim is `cited`; as the subject of a contrasting clause it contests the claim.
const DOCUMENTS: &[&str] = &[
    "report",
    "study",
    "figure",
    "data",
    "statistic",
    "survey",
    "census",
    "research",
    "analysis",
    "estimate",
    "poll",
    "number",
    "record",
    "evidence",
];

/// Verbs of a document's finding: "the figures showed that …" (the finding is the claim).
const FINDINGS: &[&str] = &[
    "show",
    "demonstrate",
    "suggest",
    "find",
    "reveal",
    "indicate",
    "confirm",
];

/// Words whose phrase marks a source of the claim: "citing a study", "based on figures".
const SOURCE_MARKS: &[&str] = &["cite", "base", "accord", "draw"];

/// Nouns that, negated, say no source was given: "without evidence", "provided no proof".
const PROOF: &[&str] = &["evidence", "proof", "basis", "data", "source", "support"];

/// Words that open a contrasting clause: "but data show …", "although studies find …".
const CONTRAST: &[&str] = &["but", "although", "though", "however", "yet", "while"];

/// Lemmas of migration (the token rules' stems read on lemmas: "cross", "alien").
const TOPIC_LEMMAS: &[&str] = &[
    "migrant",
    "migration",
    "immigrant",
    "immigration",
    "emigration",
    "refugee",
    "asylum",
    "border",
    "deport",
    "deportation",
    "cross",
    "crossing",
    "smuggle",
    "smuggler",
    "alien",
    "visa",
    "caravan",
    "arrival",
    "influx",
    "newcomer",
    "foreigner",
];

/// Lemmas of change, quantity and cause: the heads of a factual or causal assertion.
const CHANGE: &[&str] = &[
    "cause",
    "drive",
    "result",
    "lead",
    "fuel",
    "increase",
    "decrease",
    "rise",
    "fall",
    "drop",
    "cut",
    "reduce",
    "double",
    "triple",
    "halve",
    "grow",
    "surge",
    "soar",
    "exceed",
    "outnumber",
    "cost",
    "correlate",
    "contribute",
    "worsen",
    "percent",
    "twice",
    "majority",
    "most",
];

/// Lemmas of acts: a clause headed by one reports what someone does or asks ("is urging
/// governments to …", "agents were fired"), an event rather than an assertion.
const ACTS: &[&str] = &[
    "urge", "ask", "call", "demand", "plan", "want", "seek", "intend", "propose", "consider",
    "vow", "pledge", "promise", "agree", "announce", "decide", "hire", "fire", "send", "sign",
    "deploy", "approve", "order", "launch", "meet", "visit", "discuss", "welcome", "support",
    "oppose", "cap", "ban", "bar", "suspend", "block", "protest",
];

/// Longest sentence the tree is asked about (parsing costs more than linear time).
const MAX_WORDS: usize = 50;

/// Pronouns that are the journalist (outside quotes) and give no speaker.
const FIRST_PERSON: &[&str] = &["i", "we", "me", "us"];

/// Whether a sentence is worth parsing: a predicate form and a migration word among its words,
/// and a cue of fact, cause or change, or a predicate that names a claim.
fn worth_parsing(lower: &str) -> bool {
    let words = || lower.split(|c: char| !c.is_alphanumeric());
    let predicate = words().any(|word| PREDICATE_FORMS.contains(word) || word == ACCORDING.1);
    if !predicate {
        return false;
    }
    let topic = super::lower_contains_any(lower, super::TOPIC).is_some()
        || words().any(|word| TOPIC_LEMMAS.iter().any(|lemma| word.starts_with(lemma)));
    // The claim must then pass the assertion test: a cue of the token rules, a
    // cause, or a form of a verb of change. A figure alone does not make a sentence
    // worth parsing: it cost 50 of 10,126 corpus sentences and found no claim of any gold set.
    let asserted = || {
        super::lower_contains_any(lower, super::ASSERTION).is_some()
            || super::has_any_phrase(lower, super::BECAUSE)
            || words().any(|word| CHANGE_FORMS.contains(word))
    };
    // A named claim has a "that" clause ("asylum claims" alone is a noun of the topic).
    let named = || {
        words()
            .skip_while(|word| !NAMING_FORMS.contains(*word))
            .any(|word| word == "that")
    };
    (topic || flagged(lower) && named()) && (asserted() || named())
}

/// Whether the sentence says a claim is unsupported or disputed ("without evidence",
/// "falsely", "disputed").
fn flagged(lower: &str) -> bool {
    super::lower_contains_any(lower, super::NONE_GIVEN).is_some()
        || super::lower_contains_any(lower, super::CONTESTED).is_some()
}

/// Past forms of [`CHANGE`] verbs that no regular inflection gives.
const IRREGULAR_CHANGE: &[&str] = &[
    "drove", "driven", "led", "rose", "risen", "fell", "fallen", "grew", "grown",
];

/// Every written form of [`CHANGE`]: its lemmas inflected as the events lexicon inflects
/// (`events::lexicon::inflect`), and [`IRREGULAR_CHANGE`]; for the gate before parsing.
static CHANGE_FORMS: std::sync::LazyLock<std::collections::HashSet<String>> =
    std::sync::LazyLock::new(|| {
        CHANGE
            .iter()
            .flat_map(|lemma| crate::extract::events::lexicon::inflect(lemma))
            .chain(IRREGULAR_CHANGE.iter().map(|form| form.to_string()))
            .collect()
    });

/// The parsed sentence and what claim reading needs of it.
struct Reading<'a> {
    tree: Tree<'a>,
}

impl<'a> Reading<'a> {
    fn analysis(&self, word: usize) -> &Analysis {
        &self.tree.analysis[word]
    }

    fn lemma(&self, word: usize) -> String {
        self.analysis(word).lemma.to_lowercase()
    }

    fn form(&self, word: usize) -> &'a str {
        self.tree.spans[word].slice(self.tree.text)
    }

    fn deprel(&self, word: usize) -> &'static str {
        self.analysis(word).deprel
    }

    /// `word` and every word below it, in order.
    fn subtree(&self, word: usize) -> Vec<usize> {
        let mut inside = vec![false; self.tree.analysis.len()];
        let mut stack = vec![word];
        inside[word] = true;
        while let Some(next) = stack.pop() {
            for child in self.tree.children(next) {
                if !inside[child] {
                    inside[child] = true;
                    stack.push(child);
                }
            }
        }
        (0..inside.len()).filter(|&at| inside[at]).collect()
    }

    fn subject_of(&self, verb: usize) -> Option<usize> {
        let own = self
            .tree
            .children(verb)
            .find(|&child| matches!(self.deprel(child), "nsubj" | "nsubj:outer"));
        // A conjunct predicate without its own subject shares its head's ("… and said …"),
        // and so does a participle of manner ("Trump has tried to portray …, even claiming
        // that …": the subject controls the participle through the clauses above it).
        own.or_else(|| {
            let shares = match self.deprel(verb) {
                "conj" => true,
                "advcl" | "xcomp" => {
                    self.analysis(verb).feats.contains("VerbForm=Part")
                        || self.analysis(verb).feats.contains("VerbForm=Ger")
                        || self.analysis(verb).feats.contains("VerbForm=Inf")
                }
                _ => false,
            };
            shares
                .then(|| self.tree.head(verb))
                .flatten()
                .and_then(|head| self.subject_of(head))
        })
    }

    /// The words of a name or noun phrase around `word`: cut where the tree hangs an
    /// apposition, a clause or a parenthesis beside it.
    fn phrase(&self, word: usize) -> (usize, usize) {
        let mut words = vec![word];
        let mut at = 0;
        while at < words.len() {
            let next = words[at];
            words.extend(self.tree.children(next).filter(|&child| {
                matches!(
                    self.deprel(child),
                    "compound" | "flat" | "flat:name" | "det" | "amod" | "nmod:poss"
                ) || (self.deprel(child) == "case" && next != word)
                    || (self.deprel(child) == "nmod" && next == word)
                    || (self.deprel(child) == "conj" && next == word)
                    || (self.deprel(child) == "cc" && next != word)
            }));
            at += 1;
        }
        let first = words.iter().copied().min().unwrap_or(word);
        let last = words.iter().copied().max().unwrap_or(word);
        (first, last)
    }

    fn text_of(&self, first: usize, last: usize) -> &'a str {
        &self.tree.text[self.tree.spans[first].start..self.tree.spans[last].end]
    }

    /// Whether any word of `words` has a lemma in `lemmas`.
    fn any_lemma(&self, words: &[usize], lemmas: &[&str]) -> bool {
        words
            .iter()
            .any(|&word| lemmas.contains(&self.lemma(word).as_str()))
    }

    /// The claim clause of predicate `verb`: its `ccomp`, or the clause it is `parataxis` of.
    /// Returns the clause's head and its words (without the predicate's own subtree).
    fn complement(&self, verb: usize) -> Option<(usize, Vec<usize>)> {
        // A "that" clause after the predicate is its content too, however the parser hangs
        // it ("claiming, with no evidence, that …" read as an adverbial clause, "claimed,
        // without any apparent basis in fact, that X were among the group" as a vocative).
        if let Some(ccomp) = self.tree.children(verb).find(|&child| {
            self.deprel(child) == "ccomp"
                || child > verb
                    && !matches!(self.deprel(child), "acl" | "acl:relcl" | "punct")
                    && self.tree.children(child).any(|mark| {
                        mark < child && self.deprel(mark) == "mark" && self.lemma(mark) == "that"
                    })
        }) {
            return Some((ccomp, self.subtree(ccomp)));
        }
        // "…, he said" (parataxis), and "… she said" without the comma, which the parser
        // may hang as an adverbial clause; a relative pronoun in it ("which critics say")
        // makes it a relative clause, no attribution.
        let post_posed = match self.deprel(verb) {
            "parataxis" => true,
            // An attribution names its speaker: "migrants falsely claiming asylum" is none.
            "advcl" | "advcl:relcl" => {
                self.tree
                    .children(verb)
                    .any(|child| matches!(self.deprel(child), "nsubj" | "nsubj:outer"))
                    && !self.subtree(verb).iter().any(|&word| {
                        matches!(
                            self.lemma(word).as_str(),
                            "which" | "who" | "that" | "what" | "as"
                        )
                    })
            }
            _ => false,
        };
        if post_posed && self.tree.head(verb).is_some_and(|head| head < verb) {
            let head = self.tree.head(verb)?;
            let own = self.subtree(verb);
            let words: Vec<usize> = self
                .subtree(head)
                .into_iter()
                .filter(|word| !own.contains(word) && *word < verb)
                .collect();
            return Some((head, words));
        }
        None
    }

    /// "Trump's repeated claims that X": a [`NAMING`] noun with a "that" clause and a
    /// possessor, who is the speaker. Gives the clause, its words, the speaker's words and the
    /// evidence, as the predicate branches of [`read_sentence`] do.
    #[allow(clippy::type_complexity)]
    fn named_claim(
        &self,
        noun: usize,
        lemma: &str,
    ) -> Option<(
        usize,
        Vec<usize>,
        (usize, usize),
        Option<(Evidence, (usize, usize))>,
    )> {
        if !NAMING.contains(&lemma) || self.analysis(noun).upos != Upos::Noun {
            return None;
        }
        let marked = |clause: usize, lemma: &str| {
            self.tree
                .children(clause)
                .any(|mark| self.deprel(mark) == "mark" && self.lemma(mark) == lemma)
        };
        // "repeated his claims about the wall, including that …": the parser hangs the
        // "including that" clause from the verb whose object the noun is (as an adverbial
        // clause, or a conjunct with "including" as a false start); it still lists what the
        // claims say.
        let including = || {
            let verb = self
                .tree
                .head(noun)
                .filter(|_| self.deprel(noun) == "obj")?;
            self.tree.children(verb).find(|&child| {
                child > noun
                    && matches!(self.deprel(child), "advcl" | "ccomp" | "acl" | "conj")
                    && self.tree.children(child).any(|that| {
                        self.deprel(that) == "mark"
                            && self.lemma(that) == "that"
                            && that
                                .checked_sub(1)
                                .is_some_and(|before| self.lemma(before) == "include")
                    })
            })
        };
        // "his claim that the number had doubled": a "that" the tagger read as a
        // complementiser (SCONJ) opens a content clause even where the parser took the clause
        // for a relative one ("that" as its object); a relative "that" is a pronoun.
        let complementiser = |clause: usize| {
            self.tree.children(clause).any(|that| {
                self.lemma(that) == "that"
                    && that < clause
                    && self.analysis(that).upos == Upos::Sconj
            })
        };
        let clause = self
            .tree
            .children(noun)
            .find(|&child| match self.deprel(child) {
                "acl" | "ccomp" => marked(child, "that") || complementiser(child),
                "acl:relcl" => {
                    complementiser(child)
                        && self
                            .tree
                            .children(child)
                            .any(|subject| self.deprel(subject) == "nsubj")
                }
                _ => false,
            })
            .or_else(including)?;
        let owner = self
            .tree
            .children(noun)
            .find(|&child| self.deprel(child) == "nmod:poss")?;
        // "Mr. Trump repeated his claims that …": a possessive pronoun is the subject of the
        // verb the noun is the object of, when that subject is named.
        let owner = if self.analysis(owner).upos == Upos::Pron {
            self.tree
                .head(noun)
                .filter(|_| self.deprel(noun) == "obj")
                .and_then(|verb| self.subject_of(verb))
                .filter(|&subject| self.analysis(subject).upos != Upos::Pron)
                .unwrap_or(owner)
        } else {
            owner
        };
        let evidence = self.evidence(noun, clause);
        // A complementiser the parser took for an argument of the clause is no part of what
        // is claimed (a "that" marking the clause is cut with the other openers).
        let words = self
            .subtree(clause)
            .into_iter()
            .filter(|&word| {
                !(word < clause
                    && self.lemma(word) == "that"
                    && self.analysis(word).upos == Upos::Sconj
                    && self.deprel(word) != "mark")
            })
            .collect();
        Some((clause, words, self.phrase(owner), evidence))
    }

    /// Whether clause head `verb` is a bare verb with a subject and no auxiliary: the
    /// mandative subjunctive of a request ("recommended that the country expand …").
    /// Only a singular subject tells a bare verb from a present one ("that the country
    /// expand"); with a plural one the tagger's VB is as likely a misread present tense
    /// ("that the camps attract migrants").
    fn subjunctive(&self, verb: usize) -> bool {
        self.analysis(verb).xpos == "VB"
            && self
                .subject_of(verb)
                .is_some_and(|subject| self.analysis(subject).feats.contains("Number=Sing"))
            && !self
                .tree
                .children(verb)
                .any(|child| matches!(self.deprel(child), "aux" | "aux:pass" | "cop"))
    }

    /// A document's finding inside the claim ("the figures showed that …"): the finding's
    /// complement and the document's words.
    fn finding(&self, head: usize) -> Option<(usize, Vec<usize>, (usize, usize))> {
        if !FINDINGS.contains(&self.lemma(head).as_str()) {
            return None;
        }
        let subject = self.subject_of(head)?;
        if !DOCUMENTS.contains(&self.lemma(subject).as_str()) {
            return None;
        }
        let ccomp = self
            .tree
            .children(head)
            .find(|&child| self.deprel(child) == "ccomp")?;
        Some((ccomp, self.subtree(ccomp), self.phrase(subject)))
    }

    /// The evidence the sentence's relations give for the claim of predicate `verb` with
    /// clause head `clause`, and the words of its cue.
    fn evidence(&self, verb: usize, clause: usize) -> Option<(Evidence, (usize, usize))> {
        let inside_clause = self.subtree(clause);
        // Dependents of the predicate and of the clause head, outside the claim's words.
        let dependents: Vec<usize> = self
            .tree
            .children(verb)
            .chain(self.tree.children(clause))
            .filter(|&child| child != clause && child != verb)
            .filter(|&child| {
                !inside_clause.contains(&child) || self.tree.head(child) == Some(clause)
            })
            .collect();
        for &dependent in &dependents {
            let words = self.subtree(dependent);
            let span = (words[0], words[words.len() - 1]);
            let relation = self.deprel(dependent);
            // "without evidence", "with no evidence", "provided no evidence".
            if self.any_lemma(&words, PROOF)
                && (self.any_lemma(&words, &["without", "no", "not", "never"])
                    || self.tree.negated(dependent))
            {
                return Some((Evidence::NoneGiven, span));
            }
            // "citing a study", "based on figures", "according to data".
            if matches!(relation, "obl" | "advcl" | "nmod" | "xcomp" | "conj")
                && self.any_lemma(&words, SOURCE_MARKS)
                && self.any_lemma(&words, DOCUMENTS)
            {
                return Some((Evidence::Cited, span));
            }
            // "but data show …", "although studies find …".
            if matches!(relation, "conj" | "advcl" | "parataxis")
                && words
                    .iter()
                    .any(|&word| CONTRAST.contains(&self.lemma(word).as_str()))
                && self
                    .subject_of(dependent)
                    .is_some_and(|subject| DOCUMENTS.contains(&self.lemma(subject).as_str()))
            {
                return Some((Evidence::Contested, span));
            }
        }
        None
    }
}

/// A claim the tree reads from one sentence, before the filters of the caller.
pub(super) struct TreeClaim {
    pub speaker: String,
    /// The claim's span (from its first word to its last).
    pub span: Span,
    /// The claim's words, without those inside the span that belong to no claim.
    pub text: String,
    /// Whether its predicate names it a claim ([`NAMING`]).
    pub named: bool,
    /// Whether its sentence says a claim is unsupported or disputed ([`flagged`]).
    pub flagged: bool,
    /// Whether its words hold a lemma of change or cause.
    pub change: bool,
    /// Whether its words hold a migration lemma.
    pub topic: bool,
    /// The evidence the tree reads, with the span of its cue.
    pub evidence: Option<(Evidence, Span)>,
}

/// The claims of the sentences the token rules gave none, read from the tree.
pub(super) fn read(ctx: &Context, quotes: &[Quote], claimed: &[Claim]) -> Vec<TreeClaim> {
    let mut found = Vec::new();
    for (index, sentence) in ctx.layer.iter().enumerate() {
        if sentence.piece || sentence.words.len() > MAX_WORDS || sentence.words.len() < 5 {
            continue;
        }
        if claimed
            .iter()
            .any(|claim| claim.span.overlaps(sentence.span))
        {
            continue;
        }
        let Some(body) = ctx.text.get(sentence.span.start..sentence.span.end) else {
            continue;
        };
        let lower = body.to_lowercase();
        if !worth_parsing(&lower) {
            continue;
        }
        let Some(analysis) = ctx.analysis(index) else {
            continue;
        };
        if analysis.len() != sentence.words.len() {
            continue;
        }
        let reading = Reading {
            tree: Tree {
                text: ctx.text,
                spans: sentence.words.iter().map(|word| word.span).collect(),
                analysis,
                trigger: Span::default(),
            },
        };
        found.extend(read_sentence(
            &reading,
            sentence.span,
            quotes,
            flagged(&lower),
        ));
    }
    found
}

/// The claims of one parsed sentence.
fn read_sentence(
    reading: &Reading,
    sentence: Span,
    quotes: &[Quote],
    flagged: bool,
) -> Vec<TreeClaim> {
    let mut found = Vec::new();
    for word in 0..reading.tree.analysis.len() {
        let lemma = reading.lemma(word);
        let (clause, words, speaker_words, mut evidence) = if lemma == ACCORDING.0 {
            // "according to X, …": X is the speaker (a document is the evidence itself).
            let Some(source) = reading.tree.head(word) else {
                continue;
            };
            if reading.deprel(source) != "obl" {
                continue;
            }
            let Some(clause) = reading.tree.head(source) else {
                continue;
            };
            // The clause must be a statement, not a relative or modifying clause of a noun.
            if matches!(
                reading.deprel(clause),
                "acl" | "acl:relcl" | "amod" | "nmod"
            ) {
                continue;
            }
            let own = reading.subtree(source);
            let words: Vec<usize> = reading
                .subtree(clause)
                .into_iter()
                .filter(|word| !own.contains(word))
                .collect();
            let phrase = reading.phrase(source);
            let cited = DOCUMENTS
                .contains(&reading.lemma(source).as_str())
                .then_some((Evidence::Cited, phrase));
            (clause, words, phrase, cited)
        } else if let Some(claim) = reading.named_claim(word, &lemma) {
            claim
        } else if PREDICATES.contains(&lemma.as_str())
            && matches!(reading.analysis(word).upos, Upos::Verb)
        {
            // A predicate inside a relative clause ("which critics say") reports no one.
            if matches!(reading.deprel(word), "acl:relcl" | "acl" | "amod" | "xcomp") {
                continue;
            }
            let Some((clause, words)) = reading.complement(word) else {
                continue;
            };
            let Some(subject) = reading.subject_of(word) else {
                continue;
            };
            let phrase = reading.phrase(subject);
            let cited = DOCUMENTS
                .contains(&reading.lemma(subject).as_str())
                .then_some((Evidence::Cited, phrase));
            let evidence = reading.evidence(word, clause).or(cited);
            (clause, words, phrase, evidence)
        } else {
            continue;
        };
        // "the figures showed that X": X is the claim and the figures its source.
        let (clause, words) = match reading.finding(clause) {
            Some((inner, inner_words, document)) => {
                evidence = evidence.or(Some((Evidence::Cited, document)));
                (inner, inner_words)
            }
            None => (clause, words),
        };
        let Some(speaker) = speaker_of(reading, speaker_words, sentence, quotes) else {
            continue;
        };
        // The claim's words: from the first content word (no "that") to the last one, without
        // the phrase that gave the evidence ("…, citing a study", "but gave no evidence").
        let mut words = words;
        if let Some((_, (cue_first, cue_last))) = evidence {
            words.retain(|&at| at < cue_first || at > cue_last);
        }
        words.retain(|&at| !matches!(reading.analysis(at).upos, Upos::Punct));
        // Words before the clause's "that" modify the predicate ("claimed inaccurately that
        // …"), not the claim.
        if let Some(at) = words.iter().position(|&word| {
            reading.deprel(word) == "mark"
                && reading.lemma(word) == "that"
                && reading.tree.head(word) == Some(clause)
        }) {
            words.drain(..at);
        }
        while let Some(&first) = words.first() {
            if reading.deprel(first) == "mark" || reading.deprel(first) == "cc" {
                words.remove(0);
            } else {
                break;
            }
        }
        // A clause that opens with a relative pronoun ("which has created …") is about a
        // noun outside it, no statement of its own.
        if words.first().is_some_and(|&first| {
            matches!(
                reading.lemma(first).as_str(),
                "which" | "who" | "whom" | "whose"
            )
        }) {
            continue;
        }
        let (Some(&first), Some(&last)) = (words.first(), words.last()) else {
            continue;
        };
        // The words left out inside the claim (an "according to X" in its middle, the
        // predicate of "…, X said, …") split it into segments, joined in its text.
        let mut segments: Vec<Span> = Vec::new();
        let mut previous: Option<usize> = None;
        for &at in &words {
            let span = reading.tree.spans[at];
            // Only punctuation between two claim words keeps them in one segment.
            let joined = previous.is_some_and(|before| {
                (before + 1..at).all(|between| reading.analysis(between).upos == Upos::Punct)
            });
            match segments.last_mut() {
                Some(segment) if joined => segment.end = span.end,
                _ => segments.push(span),
            }
            previous = Some(at);
        }
        if ACTS.contains(&reading.lemma(clause).as_str()) || reading.subjunctive(clause) {
            continue;
        }
        let to_span = |(a, b): (usize, usize)| {
            Span::new(reading.tree.spans[a].start, reading.tree.spans[b].end)
        };
        let text = segments
            .iter()
            .map(|segment| {
                segment
                    .slice(reading.tree.text)
                    .trim_end_matches([',', ' '])
            })
            .collect::<Vec<_>>()
            .join(" ");
        found.push(TreeClaim {
            speaker,
            span: to_span((first, last)),
            text,
            named: NAMING.contains(&lemma.as_str()),
            flagged,
            change: reading.any_lemma(&words, CHANGE),
            topic: reading.any_lemma(&words, TOPIC_LEMMAS),
            evidence: evidence.map(|(label, cue)| (label, to_span(cue))),
        });
    }
    found
}

/// The speaker named by the subject's words: a name or a body as written; a pronoun takes the
/// speaker of a quote over the sentence, else the last one quoted before it.
fn speaker_of(
    reading: &Reading,
    (first, last): (usize, usize),
    sentence: Span,
    quotes: &[Quote],
) -> Option<String> {
    let pronoun = first == last && reading.analysis(first).upos == Upos::Pron;
    if !pronoun {
        let text = reading.text_of(first, last).trim();
        return (!text.is_empty()).then(|| text.to_string());
    }
    if FIRST_PERSON.contains(&reading.form(first).to_lowercase().as_str()) {
        return None;
    }
    quotes
        .iter()
        .filter(|quote| quote.span.overlaps(sentence))
        .find_map(|quote| quote.speaker.clone())
        .or_else(|| {
            quotes
                .iter()
                .filter(|quote| quote.span.start < sentence.start)
                .filter_map(|quote| quote.speaker.clone())
                .next_back()
        })
}

#[cfg(test)]
mod tests {
    use migtrack_domain::Pack;
    use migtrack_model::Evidence;

    use crate::extract::{Context, claims, quotes};

    /// The claims of `text` that the tree reader gives, with the token rules' claims of the
    /// whole pipeline left out (so every sentence is read by the tree).
    fn tree_records(text: &str) -> Vec<migtrack_model::Claim> {
        let ctx = Context::new(text, None, Pack::builtin());
        let quotes = quotes::extract(&ctx);
        let mut found = Vec::new();
        claims::from_tree(&ctx, &quotes, &mut found);
        found
    }

    /// (text, evidence) of [`tree_records`].
    fn tree_claims(text: &str) -> Vec<(String, Evidence)> {
        tree_records(text)
            .into_iter()
            .map(|claim| (claim.text, claim.evidence))
            .collect()
    }

    /// (speaker, text) of [`tree_records`].
    fn speakers_and_texts(text: &str) -> Vec<(Option<String>, String)> {
        tree_records(text)
            .into_iter()
            .map(|claim| (claim.speaker, claim.text))
            .collect()
    }

    fn texts(text: &str) -> Vec<String> {
        tree_claims(text)
            .into_iter()
            .map(|(text, _)| text)
            .collect()
    }

    #[test]
    fn a_verb_of_change_in_the_complement_makes_a_claim() {
        // Positive: the complement's verb is one of change, over a migration word.
        let got = texts(
            "The minister said the new checks had sharply cut the number of migrants arriving by boat.",
        );
        assert_eq!(
            got,
            ["the new checks had sharply cut the number of migrants arriving by boat"]
        );
        // Negative twin: the same report with an act as the clause's head is an event.
        assert!(
            texts("The minister said the new checks had hired more officers at the border.")
                .is_empty()
        );
    }

    #[test]
    fn a_verb_that_names_a_claim_needs_no_cue_of_fact() {
        // "claimed that …" marks its complement as a claim: no verb of change or cause is
        // needed, only a migration word, or a sentence that says it is unsupported.
        assert_eq!(
            tree_claims("Jan Novak has claimed that the camps attract migrants from far away."),
            [(
                "the camps attract migrants from far away".to_string(),
                Evidence::Unstated
            )]
        );
        // Negative twin: "said" with a complement of no cause or change is no claim (no cue
        // of fact). ("attract" would be one: a verb of cause and effect.)
        assert!(
            texts("Jan Novak has said that the camps house migrants from far away.").is_empty()
        );
        assert!(
            !texts("Jan Novak has said that the camps attract migrants from far away.").is_empty()
        );
    }

    #[test]
    fn a_participle_claim_takes_the_controlling_subject_and_a_that_clause_however_attached() {
        // "even claiming, with no evidence, that …": the participle has no subject of its
        // own; the subject of the clause above it speaks, and the "that" clause is the claim
        // even where the parser hangs it as an adverbial clause.
        let got = tree_claims(
            "Jan Novak has tried to paint his rivals as soft on borders, even claiming, with no evidence, that their donors paid for the migrant boats.",
        );
        assert_eq!(
            got,
            [(
                "their donors paid for the migrant boats".to_string(),
                Evidence::NoneGiven
            )]
        );
        // Negative twin: a participle that claims asylum reports no one.
        assert!(
            texts("The minister said the goal is to stop migrants falsely claiming asylum at the border.")
                .is_empty()
        );
    }

    #[test]
    fn a_that_complementiser_opens_the_claim_nouns_content_even_as_a_relative_clause() {
        // The parser reads "his claim that the number … had doubled" as a relative clause
        // with "that" as its object; the tagger's SCONJ "that" and the clause's own subject
        // make it the claim's content, without the "that".
        assert_eq!(
            speakers_and_texts(
                "Governor Mark Dalton repeated his claim that the number of asylum seekers had doubled since 2015."
            ),
            [(
                Some("Mark Dalton".to_string()),
                "the number of asylum seekers had doubled since 2015".to_string()
            )]
        );
        // Negative twin: a relative "that" (the claims' own subject) opens no content.
        assert!(
            speakers_and_texts(
                "Governor Mark Dalton repeated his claims that were made about asylum seekers."
            )
            .is_empty()
        );
    }

    #[test]
    fn a_possessed_claim_noun_gives_the_possessor_as_speaker() {
        assert_eq!(
            speakers_and_texts(
                "Aid groups rejected Jan Novak's repeated claims that the camps were drawing more migrants."
            ),
            [(
                Some("Jan Novak".to_string()),
                "the camps were drawing more migrants".to_string()
            )]
        );
    }

    #[test]
    fn his_claims_are_the_claims_of_the_subject_that_repeats_them() {
        let expected = [(
            Some("Jan Novak".to_string()),
            "the camps were drawing more migrants".to_string(),
        )];
        assert_eq!(
            speakers_and_texts(
                "Jan Novak repeated his false claims that the camps were drawing more migrants."
            ),
            expected
        );
        // "including that": the parser hangs the list from the verb; it is still the claims'.
        assert_eq!(
            speakers_and_texts(
                "Jan Novak repeated his false claims about the camps, including that the camps were drawing more migrants."
            ),
            expected
        );
        // Negative twins: with no named subject "his" names no one, and a clause that does
        // not list the claims ("as the camps were drawing …") is none of them.
        assert!(
            speakers_and_texts(
                "He repeated his false claims that the camps were drawing more migrants."
            )
            .is_empty()
        );
        assert!(
            speakers_and_texts(
                "Jan Novak repeated his false claims about the camps, as the camps were drawing more migrants."
            )
            .is_empty()
        );
    }

    #[test]
    fn a_finding_of_figures_gives_its_complement_cited() {
        let got = tree_claims(
            "Ann Cole, a senior official, said the figures showed that asylum claims had fallen by a quarter.",
        );
        assert_eq!(
            got,
            [(
                "asylum claims had fallen by a quarter".to_string(),
                Evidence::Cited
            )]
        );
    }

    #[test]
    fn a_post_posed_speaker_gives_the_clause_before_it() {
        let got =
            texts("Irregular crossings at the border rose sharply last winter, the agency warned.");
        assert_eq!(
            got,
            ["Irregular crossings at the border rose sharply last winter"]
        );
        // Negative twin: the journalist as "I" is no named actor.
        assert!(
            texts("Irregular crossings at the border rose sharply last winter, I believe.")
                .is_empty()
        );
    }

    #[test]
    fn according_to_a_document_is_cited_and_to_a_relative_clause_nothing() {
        let got = tree_claims(
            "According to a government report, the number of deportations doubled over two years.",
        );
        assert_eq!(
            got,
            [(
                "the number of deportations doubled over two years".to_string(),
                Evidence::Cited
            )]
        );
        // Negative: the "according to" phrase inside a relative clause reports no statement.
        assert!(
            texts(
                "They met in the town where migrants are now living, according to local officials."
            )
            .is_empty()
        );
    }

    #[test]
    fn no_evidence_attached_to_the_predicate_is_none_given() {
        let got = tree_claims(
            "The senator claimed that asylum seekers were driving up crime in the city but provided no evidence.",
        );
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].1, Evidence::NoneGiven);
        // Negative twin: without the phrase the tree gives no evidence label.
        let got = tree_claims(
            "The senator claimed that asylum seekers were driving up crime in the city.",
        );
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].1, Evidence::Unstated);
    }

    #[test]
    fn requests_and_relative_clauses_are_no_claims() {
        // A mandative subjunctive is a request.
        assert!(
            texts("The panel recommended and said that the government expand the border camps for migrants.")
                .is_empty()
        );
        // A claim clause that opens with a relative pronoun.
        assert!(
            texts("The agency, which officials said has increased deportations, was renamed.")
                .is_empty()
        );
    }
}
