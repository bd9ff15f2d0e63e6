//! One language's model: tagger, lemmatizer and parser in one file, loaded once per process.
//!
//! The file is the model's bytes (`binary.rs`) compressed with gzip. The English model
//! (`models/en.bin.gz`) is embedded in the binary inflated (by `build.rs`, so a process that
//! parses does not inflate 13 MB first) and loaded on first use by [`Model::english`].

use std::io::Read;
use std::sync::OnceLock;

use crate::binary::{Reader, Writer};
use crate::lemma::Lemmatizer;
use crate::parser::{Input, Parser};
use crate::perceptron::hash_str;
use crate::tagger::{Tagger, normalise};
use crate::{Analysis, Piece, Sentence};

const MAGIC: &[u8; 12] = b"MIGTRACK-NLP";
const VERSION: u32 = 1;
/// Largest decompressed model accepted.
const MAX_MODEL_BYTES: u64 = 512 << 20;

/// `models/en.bin.gz` inflated (see `build.rs`).
static ENGLISH_BYTES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/en.bin"));
/// Small models trained on the GSD dev treebanks (the only Spanish and French data here);
/// shipped because they pass UPOS ≥ 90 and LAS ≥ 70 on GSD test. German (LAS 67.7) is not.
static SPANISH_BYTES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/es.bin"));
static FRENCH_BYTES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/fr.bin"));

/// Why a model could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    #[error("not a migtrack model file")]
    NotAModel,
    #[error("model file version {0} is not supported (this build reads {VERSION})")]
    Version(u32),
    #[error("model file could not be decompressed: {0}")]
    Decompress(#[from] std::io::Error),
    #[error(transparent)]
    Damaged(#[from] crate::binary::Error),
}

/// A trained model for one language.
#[derive(Debug, Clone)]
pub struct Model {
    pub lang: String,
    pub(crate) tagger: Tagger,
    pub(crate) lemmatizer: Lemmatizer,
    pub(crate) parser: Parser,
    /// Interned strings the analyses point at (the model lives as long as the process).
    xpos: Vec<&'static str>,
    deprels: Vec<&'static str>,
    feats: std::collections::HashMap<String, &'static str>,
    /// The finite-verb repair's tables (see [`Model::repair_finite`]).
    finite: FiniteTags,
}

/// Which tag classes are finite verb forms, and which finite class a word of a non-finite
/// verb class may be read as instead: past participle → past tense, base form → present
/// (Penn Treebank tags: VBN → VBD, VB → VBP). A tag set without them (no VBD class) gives empty
/// tables, and the repair never runs.
#[derive(Debug, Clone, Default)]
struct FiniteTags {
    finite: Vec<bool>,
    alternative: Vec<Option<usize>>,
}

impl FiniteTags {
    fn new(classes: &[crate::tagger::TagClass]) -> Self {
        let find = |xpos: &str| {
            classes
                .iter()
                .position(|class| class.upos == crate::Upos::Verb && class.xpos == xpos)
        };
        let finite = classes
            .iter()
            .map(|class| FINITE_XPOS.contains(&class.xpos.as_str()))
            .collect::<Vec<_>>();
        if !finite.iter().any(|&finite| finite) {
            return FiniteTags::default();
        }
        let alternative = classes
            .iter()
            .map(|class| match (class.upos, class.xpos.as_str()) {
                (crate::Upos::Verb, "VBN") => find("VBD"),
                (crate::Upos::Verb, "VB") => find("VBP"),
                (crate::Upos::Noun, "NNS") => find("VBZ"),
                _ => None,
            })
            .collect();
        FiniteTags {
            finite,
            alternative,
        }
    }
}

/// Penn Treebank tags of finite verb forms (and modals).
const FINITE_XPOS: &[&str] = &["VBD", "VBZ", "VBP", "MD"];

/// How far below the tagger's choice the finite reading of a word may score for the repair
/// to take it. Measured on the English sentences of the shared news corpus (6,281; 89 repaired
/// at this gap, about three in four of them read right; right ones are found at every gap up
/// to about 60) and on en_ewt dev (16 repaired; UPOS, XPOS, UAS and LAS unchanged within 0.02).
const FINITE_MAX_GAP: f32 = 40.0;

/// Words a sentence needs before the repair looks at it: shorter ones are headlines,
/// captions and list items, which need no verb.
const FINITE_MIN_WORDS: usize = 5;

fn leak(text: &str) -> &'static str {
    Box::leak(text.to_string().into_boxed_str())
}

/// Decompress gzip model bytes (at most [`MAX_MODEL_BYTES`]) into a buffer allocated once at
/// the size the gzip trailer states, so it is neither copied as it grows nor faulted in twice.
fn inflate(bytes: &[u8]) -> std::io::Result<Vec<u8>> {
    let stated = bytes
        .len()
        .checked_sub(4)
        .map(|at| u32::from_le_bytes(bytes[at..].try_into().expect("four bytes")));
    let capacity = stated.map_or(0, |size| u64::from(size).min(MAX_MODEL_BYTES));
    // One byte more than stated, so that reaching the end needs no second allocation.
    let mut out = Vec::with_capacity(capacity as usize + 1);
    flate2::read::GzDecoder::new(bytes)
        .take(MAX_MODEL_BYTES)
        .read_to_end(&mut out)?;
    Ok(out)
}

impl Model {
    pub(crate) fn new(
        lang: String,
        tagger: Tagger,
        lemmatizer: Lemmatizer,
        parser: Parser,
    ) -> Self {
        let xpos = tagger
            .classes
            .iter()
            .map(|class| leak(&class.xpos))
            .collect();
        let deprels = parser.labels.iter().map(|label| leak(label)).collect();
        let feats = crate::lemma::feats_values(&lemmatizer)
            .into_iter()
            .map(|value| {
                let leaked = leak(&value);
                (value, leaked)
            })
            .collect();
        let finite = FiniteTags::new(&tagger.classes);
        Model {
            lang,
            tagger,
            lemmatizer,
            parser,
            xpos,
            deprels,
            feats,
            finite,
        }
    }

    /// The English model shipped with migtrack, loaded on first use.
    pub fn english() -> &'static Model {
        static ENGLISH: OnceLock<&'static Model> = OnceLock::new();
        ENGLISH.get_or_init(|| {
            Model::from_bytes(ENGLISH_BYTES)
                .expect("the embedded English model loads")
                .leak()
        })
    }

    /// The shipped model for a language code, if there is one (en, es, fr), loaded on first use.
    pub fn for_language(lang: &str) -> Option<&'static Model> {
        static SPANISH: OnceLock<&'static Model> = OnceLock::new();
        static FRENCH: OnceLock<&'static Model> = OnceLock::new();
        let load = |bytes: &[u8]| {
            Model::from_bytes(bytes)
                .expect("an embedded model loads")
                .leak()
        };
        match lang {
            "en" => Some(Model::english()),
            "es" => Some(SPANISH.get_or_init(|| load(SPANISH_BYTES))),
            "fr" => Some(FRENCH.get_or_init(|| load(FRENCH_BYTES))),
            _ => None,
        }
    }

    /// Keep the model for the rest of the process, so analyses can point into it.
    pub fn leak(self) -> &'static Model {
        Box::leak(Box::new(self))
    }

    /// Read a model from its file bytes (gzip-compressed or not).
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, ModelError> {
        let inflated;
        let bytes = if bytes.starts_with(&[0x1f, 0x8b]) {
            inflated = inflate(bytes)?;
            &inflated[..]
        } else {
            bytes
        };
        let mut input = Reader::new(bytes);
        if input.raw(MAGIC.len()).ok() != Some(&MAGIC[..]) {
            return Err(ModelError::NotAModel);
        }
        let version = input.u32()?;
        if version != VERSION {
            return Err(ModelError::Version(version));
        }
        let lang = input.str()?;
        let tagger = Tagger::read(&mut input)?;
        let lemmatizer = Lemmatizer::read(&mut input)?;
        let parser = Parser::read(&mut input)?;
        if !input.is_at_end() {
            return Err(input.error("trailing bytes").into());
        }
        Ok(Model::new(lang, tagger, lemmatizer, parser))
    }

    /// The model's file bytes, gzip-compressed; the same model always gives the same bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Writer::default();
        out.raw(MAGIC);
        out.u32(VERSION);
        out.str(&self.lang);
        self.tagger.write(&mut out);
        self.lemmatizer.write(&mut out);
        self.parser.write(&mut out);
        let raw = out.into_bytes();
        // The gzip header carries no timestamp or name (GzBuilder's defaults), so the bytes
        // depend on the model alone.
        let mut encoder = flate2::GzBuilder::new().write(Vec::new(), flate2::Compression::best());
        std::io::Write::write_all(&mut encoder, &raw).expect("writing to memory");
        encoder.finish().expect("writing to memory")
    }

    /// Tag class indices for `forms`.
    pub(crate) fn tag_classes(&self, forms: &[&str]) -> Vec<usize> {
        let classes = self.tagger.tag(forms);
        self.repair_finite(forms, classes)
    }

    /// The finite-verb repair. A statement (five words or more, ending in a full stop, "!" or
    /// "?") that the greedy tagger left without any finite verb has, as a rule, lost its main
    /// verb to a participle or base-form reading ("Mexico detained/VBN more than 29,000
    /// migrants", "Obama later suspended/VBN refugee admissions"), and the parser then reads
    /// the whole sentence as one noun phrase. The repair takes the word whose finite reading
    /// scored closest to the tagger's choice, among words that come after a possible subject
    /// (a noun, name, pronoun or number), do not follow an auxiliary, determiner, adposition
    /// or particle ("to"), and were seen in the treebank with that finite tag (or, unseen, end
    /// in "-ed" for a past tense); when the gap is at most [`FINITE_MAX_GAP`] that word is read
    /// as finite and the words after it are tagged again. Fragments that need no verb ("Picture
    /// taken July 14, 2019.") keep their tags: "taken" has no finite reading.
    fn repair_finite(&self, forms: &[&str], classes: Vec<usize>) -> Vec<usize> {
        let tables = &self.finite;
        if tables.finite.is_empty()
            || forms.len() < FINITE_MIN_WORDS
            || classes.iter().any(|&class| tables.finite[class])
        {
            return classes;
        }
        let Some(last) = forms
            .iter()
            .rposition(|form| !matches!(*form, "\"" | "”" | "’" | "'" | ")" | "»"))
        else {
            return classes;
        };
        if !matches!(forms[last], "." | "!" | "?") {
            return classes;
        }
        if !classes
            .iter()
            .any(|&class| tables.alternative[class].is_some())
        {
            return classes;
        }
        let gaps = self.tagger.gaps(forms, &classes, &tables.alternative);
        let upos = |index: usize| self.tagger.classes[classes[index]].upos;
        // An imperative ("Read our guidelines.", "Just let us leave."): its first verb, a base
        // form, comes before any noun phrase.
        let nominal = |index: usize| {
            matches!(
                upos(index),
                crate::Upos::Noun | crate::Upos::Propn | crate::Upos::Pron | crate::Upos::Num
            )
        };
        if let Some(verb) = (0..classes.len()).find(|&index| upos(index) == crate::Upos::Verb)
            && self.xpos[classes[verb]] == "VB"
            && !(0..verb).any(nominal)
        {
            return classes;
        }
        let mut subject_before = false;
        // The first verb that may be finite, else the plural noun whose finite reading scored
        // closest ("The rule allows/NNS for some exceptions"): a noun before the main verb is
        // as a rule its subject, so nouns are weighed by score, not by order.
        let mut verb: Option<usize> = None;
        let mut noun: Option<(usize, f32)> = None;
        for index in 0..classes.len() {
            let gap = gaps[index];
            if verb.is_none()
                && subject_before
                && gap <= FINITE_MAX_GAP
                && !matches!(
                    upos(index - 1),
                    crate::Upos::Aux | crate::Upos::Det | crate::Upos::Adp | crate::Upos::Part
                )
                // "Republicans led by Senator McConnell": a participle with its agent.
                && forms
                    .get(index + 1)
                    .is_none_or(|next| !next.eq_ignore_ascii_case("by"))
                && let Some(other) = tables.alternative[classes[index]]
                && self.finite_reading_known(forms[index], self.xpos[other])
            {
                if upos(index) == crate::Upos::Verb {
                    verb = Some(index);
                } else if noun.is_none_or(|(_, best)| gap < best) {
                    noun = Some((index, gap));
                }
            }
            subject_before |= nominal(index);
        }
        match verb.or(noun.map(|(index, _)| index)) {
            Some(index) => {
                let other = tables.alternative[classes[index]].expect("a candidate has one");
                self.tagger.retag_forcing(forms, &classes, index, other)
            }
            None => classes,
        }
    }

    /// Whether `form` may be read with the finite tag `xpos`: the treebank gave it that tag, or
    /// it ends like a regular past tense, which is also its participle ("detained"; irregular
    /// participles such as "taken" and "known" have no past-tense reading).
    fn finite_reading_known(&self, form: &str, xpos: &'static str) -> bool {
        if !self.lemmatizer.seen_as(form, &[xpos]).is_empty() {
            return true;
        }
        xpos == "VBD" && form.to_lowercase().ends_with("ed")
    }

    /// Parser inputs for forms with their tag classes.
    pub(crate) fn parser_inputs(forms: &[&str], classes: &[usize]) -> Vec<Input> {
        forms
            .iter()
            .zip(classes)
            .map(|(form, class)| Input {
                word: hash_str(&normalise(form)),
                tag: *class as u64,
            })
            .collect()
    }

    /// Only the universal part-of-speech tags of words given as forms (no lemmas, no tree):
    /// cheap enough for a question about a few words at a sentence's start.
    /// The greedy tagger's own tags, without the finite-verb repair (which looks at the whole
    /// sentence), so that they agree with [`Model::upos_of_first`].
    pub fn upos_of_forms(&self, forms: &[&str]) -> Vec<crate::Upos> {
        self.tagger
            .tag(forms)
            .into_iter()
            .map(|class| self.tagger.classes[class].upos)
            .collect()
    }

    /// The universal part-of-speech tags of the first `count` words of a sentence given as
    /// forms, exactly as [`Model::upos_of_forms`] (or a whole analysis) gives them: the words
    /// after them are read only as the context of these (two words on), not tagged.
    pub fn upos_of_first(&self, forms: &[&str], count: usize) -> Vec<crate::Upos> {
        self.tagger
            .tag_first(forms, count)
            .into_iter()
            .map(|class| self.tagger.classes[class].upos)
            .collect()
    }

    /// Analyse words given as forms: tags, lemmas, features and a tree.
    pub fn analyze_forms(&self, forms: &[&str]) -> Vec<Analysis> {
        self.analyze_forms_with(forms, true)
    }

    /// The language-specific tags (XPOS) under which `word` (any case) was seen at least twice
    /// in the training treebank; empty for a rare or unseen word. A truecaser asks whether a
    /// lower-case word is a common word ("previous": JJ) or a name ("james": NNP).
    pub fn seen_as(&self, word: &str) -> Vec<&'static str> {
        self.lemmatizer.seen_as(word, &self.xpos)
    }

    /// Tags, lemmas and features, and the flat tree (every word hangs from the first) instead
    /// of a parse: what a sentence past [`crate::parser::MAX_WORDS`] gets, and so what each
    /// piece of such a sentence cut by [`crate::split`] gets.
    pub fn analyze_forms_unparsed(&self, forms: &[&str]) -> Vec<Analysis> {
        self.analyze_forms_with(forms, false)
    }

    fn analyze_forms_with(&self, forms: &[&str], parse: bool) -> Vec<Analysis> {
        let classes = self.tag_classes(forms);
        let tree = if parse {
            self.parser.parse(&Self::parser_inputs(forms, &classes))
        } else {
            self.parser.flat(forms.len())
        };
        forms
            .iter()
            .enumerate()
            .map(|(index, form)| {
                let class = &self.tagger.classes[classes[index]];
                let feats = self.lemmatizer.feats(form, class.upos, &class.xpos);
                Analysis {
                    upos: class.upos,
                    xpos: self.xpos[classes[index]],
                    lemma: self.lemmatizer.lemma(form, class.upos).into_boxed_str(),
                    feats: self.intern_feats(feats),
                    head: tree.heads[index].map(|head| head as u32),
                    deprel: self.deprels[tree.labels[index]],
                }
            })
            .collect()
    }

    /// Analyse one sentence of `text` in place.
    pub fn analyze(&'static self, text: &str, sentence: &mut Sentence) {
        let forms: Vec<&str> = sentence
            .words
            .iter()
            .map(|word: &Piece| word.form(text))
            .collect();
        sentence.analysis = Some(if sentence.piece {
            self.analyze_forms_unparsed(&forms)
        } else {
            self.analyze_forms(&forms)
        });
    }

    /// Split `text` into sentences and analyse every one.
    pub fn analyze_text(&'static self, text: &str) -> Vec<Sentence> {
        let mut sentences = crate::split(text);
        for sentence in &mut sentences {
            self.analyze(text, sentence);
        }
        sentences
    }

    fn intern_feats(&self, feats: &str) -> &'static str {
        self.feats.get(feats).copied().unwrap_or("")
    }
}

type StageRun = fn(&Model, &[&str]) -> usize;

/// The layer's stages one by one, for timing (`examples/profile_parse.rs`).
/// A copy of `model` that decodes with another beam width.
pub fn with_beam(model: &Model, width: usize) -> Model {
    let mut copy = model.clone();
    copy.parser.set_beam(width);
    copy
}

/// A copy of `model` whose parser decodes with another score margin (`None`: the full beam).
pub fn with_margin(model: &Model, margin: Option<f32>) -> Model {
    let mut copy = model.clone();
    copy.parser.set_margin(margin);
    copy
}

pub fn table_stats(model: &Model) -> String {
    format!(
        "tagger {:?}, parser {:?}",
        model.tagger.weights_stats(),
        model.parser.weights_stats()
    )
}

pub fn profile_stages() -> Vec<(&'static str, StageRun)> {
    vec![
        ("tag", |model, forms| model.tag_classes(forms).len()),
        ("tag+lemma+feats", |model, forms| {
            let classes = model.tag_classes(forms);
            forms
                .iter()
                .zip(&classes)
                .map(|(form, class)| {
                    let class = &model.tagger.classes[*class];
                    model.lemmatizer.lemma(form, class.upos).len()
                        + model.lemmatizer.feats(form, class.upos, &class.xpos).len()
                })
                .sum()
        }),
        ("tag+parse", |model, forms| {
            let classes = model.tag_classes(forms);
            model
                .parser
                .parse(&Model::parser_inputs(forms, &classes))
                .heads
                .len()
        }),
        ("all", |model, forms| model.analyze_forms(forms).len()),
    ]
}
