//! Training a model from a UD treebank, reproducibly: a fixed seed drives every shuffle and
//! every exploration choice, maps are visited in sorted order, and the file's bytes depend on
//! the treebank and the settings alone.

use crate::Upos;
use crate::conllu;
use crate::lemma;
use crate::model::Model;
use crate::parser;
use crate::tagger::{self, Tagger};

/// What to train and how long.
#[derive(Debug, Clone)]
pub struct Settings {
    pub lang: String,
    pub tagger_epochs: usize,
    pub parser_epochs: usize,
    /// The parser learns on tags predicted by taggers trained on the other folds (0 = gold
    /// tags), so at run time it meets the kind of tags it learned on.
    pub jackknife_folds: usize,
    pub seed: u64,
    /// Final weights smaller than this are dropped from the file.
    pub prune: f32,
    /// The parser's beam width (1 = greedy).
    pub beam: usize,
    /// Parser features rarer than this in the training set's gold transitions get no weight.
    pub min_feature_count: u32,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            lang: "en".into(),
            tagger_epochs: 10,
            parser_epochs: 10,
            jackknife_folds: 4,
            seed: 20261205,
            prune: 0.01,
            beam: 8,
            min_feature_count: 3,
        }
    }
}

/// Accuracy on gold tokens, as percentages (quick check while training; the official CoNLL
/// 2018 scorer gives the reported numbers).
#[derive(Debug, Clone, Copy, Default)]
pub struct Scores {
    pub upos: f64,
    pub xpos: f64,
    pub lemma: f64,
    pub uas: f64,
    pub las: f64,
}

impl std::fmt::Display for Scores {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "UPOS {:.2}  XPOS {:.2}  lemma {:.2}  UAS {:.2}  LAS {:.2}",
            self.upos, self.xpos, self.lemma, self.uas, self.las
        )
    }
}

/// Deterministic random numbers (SplitMix64).
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn shuffle(&mut self, items: &mut [usize]) {
        for index in (1..items.len()).rev() {
            let other = (self.next() % (index as u64 + 1)) as usize;
            items.swap(index, other);
        }
    }
}

fn upos_of(word: &conllu::Word) -> Upos {
    word.upos.parse().unwrap_or(Upos::X)
}

fn tagger_examples(sentences: &[conllu::Sentence]) -> Vec<tagger::Example<'_>> {
    sentences
        .iter()
        .map(|sentence| tagger::Example {
            forms: sentence.forms(),
            tags: sentence
                .words
                .iter()
                .map(|word| (upos_of(word), word.xpos.as_str()))
                .collect(),
        })
        .collect()
}

fn train_tagger(
    sentences: &[conllu::Sentence],
    epochs: usize,
    prune: f32,
    random: &mut Random,
    log: &mut dyn FnMut(String),
    dev: &[conllu::Sentence],
) -> Tagger {
    let examples = tagger_examples(sentences);
    tagger::train(
        &examples,
        epochs,
        prune,
        &mut |order| random.shuffle(order),
        &mut |epoch, tagger| {
            if !dev.is_empty() {
                let (upos, xpos) = tag_accuracy(tagger, dev);
                log(format!(
                    "tagger epoch {epoch}: dev UPOS {upos:.2} XPOS {xpos:.2}"
                ));
            }
        },
    )
}

fn tag_accuracy(tagger: &Tagger, sentences: &[conllu::Sentence]) -> (f64, f64) {
    let (mut upos, mut xpos, mut total) = (0usize, 0usize, 0usize);
    for sentence in sentences {
        let forms = sentence.forms();
        for (class, word) in tagger.tag(&forms).into_iter().zip(&sentence.words) {
            let class = &tagger.classes[class];
            upos += usize::from(class.upos.as_str() == word.upos);
            xpos += usize::from(class.xpos == word.xpos);
            total += 1;
        }
    }
    let percent = |count: usize| 100.0 * count as f64 / total.max(1) as f64;
    (percent(upos), percent(xpos))
}

fn parser_example(sentence: &conllu::Sentence, classes: &[usize]) -> parser::Example {
    let forms = sentence.forms();
    parser::Example {
        inputs: Model::parser_inputs(&forms, classes),
        heads: sentence.words.iter().map(|word| word.head).collect(),
        labels: sentence
            .words
            .iter()
            .map(|word| word.deprel.clone())
            .collect(),
    }
}

/// Train a model on `train`, logging progress on `dev` (which is never learned from).
pub fn train(
    train: &[conllu::Sentence],
    dev: &[conllu::Sentence],
    settings: &Settings,
    log: &mut dyn FnMut(String),
) -> Model {
    let mut random = Random(settings.seed);
    log(format!(
        "{} training sentences, {} dev sentences",
        train.len(),
        dev.len()
    ));
    let tagger = train_tagger(
        train,
        settings.tagger_epochs,
        settings.prune,
        &mut random,
        log,
        dev,
    );

    let words: Vec<lemma::Example<'_>> = train
        .iter()
        .flat_map(|sentence| {
            sentence.words.iter().map(|word| {
                (
                    word.form.as_str(),
                    upos_of(word),
                    word.xpos.as_str(),
                    word.lemma.as_str(),
                    word.feats.as_str(),
                )
            })
        })
        .collect();
    let lemmatizer = lemma::train(&words);

    // Tags the parser learns on: jackknifed predictions, or gold.
    let mut train_classes: Vec<Vec<usize>> = vec![Vec::new(); train.len()];
    if settings.jackknife_folds >= 2 {
        for fold in 0..settings.jackknife_folds {
            let rest: Vec<conllu::Sentence> = train
                .iter()
                .enumerate()
                .filter(|(index, _)| index % settings.jackknife_folds != fold)
                .map(|(_, sentence)| sentence.clone())
                .collect();
            let fold_tagger = train_tagger(
                &rest,
                settings.tagger_epochs,
                settings.prune,
                &mut random,
                &mut |_| {},
                &[],
            );
            for (index, sentence) in train.iter().enumerate() {
                if index % settings.jackknife_folds == fold {
                    let forms = sentence.forms();
                    // Map the fold tagger's classes to the final tagger's by name.
                    train_classes[index] = fold_tagger
                        .tag(&forms)
                        .into_iter()
                        .map(|class| {
                            let class = &fold_tagger.classes[class];
                            tagger
                                .classes
                                .iter()
                                .position(|known| known == class)
                                .unwrap_or(0)
                        })
                        .collect();
                }
            }
            log(format!(
                "jackknife fold {} of {} tagged",
                fold + 1,
                settings.jackknife_folds
            ));
        }
    } else {
        for (index, sentence) in train.iter().enumerate() {
            train_classes[index] = sentence
                .words
                .iter()
                .map(|word| {
                    tagger
                        .classes
                        .iter()
                        .position(|class| class.upos == upos_of(word) && class.xpos == word.xpos)
                        .unwrap_or(0)
                })
                .collect();
        }
    }
    let examples: Vec<parser::Example> = train
        .iter()
        .zip(&train_classes)
        .map(|(sentence, classes)| parser_example(sentence, classes))
        .collect();
    let dev_examples: Vec<parser::Example> = dev
        .iter()
        .map(|sentence| {
            let forms = sentence.forms();
            parser_example(sentence, &tagger.tag(&forms))
        })
        .collect();
    log(format!(
        "parser: beam {}, features seen at least {} times",
        settings.beam, settings.min_feature_count
    ));
    let settings_parser = parser::Settings {
        epochs: settings.parser_epochs,
        explore_from: 1,
        explore_probability: 0.9,
        prune: settings.prune,
        beam: settings.beam,
        min_feature_count: settings.min_feature_count,
    };
    let mut random_parser = Random(settings.seed ^ 0x7061_7273);
    let mut random_shuffle = Random(settings.seed ^ 0x7368_7566);
    let parser = parser::train(
        &examples,
        &settings_parser,
        &mut || random_parser.unit(),
        &mut |order| random_shuffle.shuffle(order),
        &mut |epoch, parser| {
            if !dev_examples.is_empty() {
                let (uas, las) = attachment(parser, &dev_examples);
                log(format!(
                    "parser epoch {epoch}: dev UAS {uas:.2} LAS {las:.2} (predicted tags)"
                ));
            }
        },
    );
    Model::new(settings.lang.clone(), tagger, lemmatizer, parser)
}

fn attachment(parser: &parser::Parser, examples: &[parser::Example]) -> (f64, f64) {
    let (mut unlabeled, mut labeled, mut total) = (0usize, 0usize, 0usize);
    for example in examples {
        let tree = parser.parse(&example.inputs);
        for (index, head) in tree.heads.iter().enumerate() {
            let head = head.map_or(0, |head| head + 1);
            if head == example.heads[index] {
                unlabeled += 1;
                if parser.labels[tree.labels[index]] == example.labels[index] {
                    labeled += 1;
                }
            }
            total += 1;
        }
    }
    let percent = |count: usize| 100.0 * count as f64 / total.max(1) as f64;
    (percent(unlabeled), percent(labeled))
}

/// A relation without its language-specific subtype ("nmod:poss" → "nmod"), as the CoNLL
/// 2018 scorer compares them.
fn universal(deprel: &str) -> &str {
    deprel.split(':').next().unwrap_or(deprel)
}

/// Accuracy of `model` on gold-tokenized sentences, scored like the CoNLL 2018 scorer
/// (LAS ignores relation subtypes).
pub fn evaluate(model: &Model, sentences: &[conllu::Sentence]) -> Scores {
    let (mut upos, mut xpos, mut lemmas, mut uas, mut las, mut total) = (0, 0, 0, 0, 0, 0usize);
    for sentence in sentences {
        let forms = sentence.forms();
        let analysis = model.analyze_forms(&forms);
        for (word, gold) in analysis.iter().zip(&sentence.words) {
            upos += usize::from(word.upos.as_str() == gold.upos);
            xpos += usize::from(word.xpos == gold.xpos);
            lemmas += usize::from(*word.lemma == *gold.lemma);
            let head = word.head.map_or(0, |head| head as usize + 1);
            if head == gold.head {
                uas += 1;
                las += usize::from(universal(word.deprel) == universal(&gold.deprel));
            }
            total += 1;
        }
    }
    let percent = |count: usize| 100.0 * count as f64 / total.max(1) as f64;
    Scores {
        upos: percent(upos),
        xpos: percent(xpos),
        lemma: percent(lemmas),
        uas: percent(uas),
        las: percent(las),
    }
}
