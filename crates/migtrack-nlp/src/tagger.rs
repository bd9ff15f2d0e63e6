//! The part-of-speech tagger: a greedy left-to-right averaged perceptron over joint
//! UPOS+XPOS classes ("NOUN NN"), with word, affix, shape and context features and, for
//! frequent words, the set of tags the treebank gave them (so the next words' likely tags
//! inform the current one without a second pass).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::Upos;
use crate::binary::{Error, Reader, Writer};
use crate::perceptron::{KeyMap, Trainer, Weights, feature, hash_str, mix};

/// A word must be seen this often in training before its tag set becomes a feature.
const AMBIGUITY_MIN_COUNT: usize = 3;

/// One joint tag class.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TagClass {
    pub upos: Upos,
    pub xpos: String,
}

/// A trained tagger.
#[derive(Debug, Clone, Default)]
pub struct Tagger {
    pub classes: Vec<TagClass>,
    weights: Weights,
    /// Normalised word hash → hash of its tag set.
    ambiguity: KeyMap<u64>,
}

/// Precomputed per-word values that features combine.
#[derive(Debug, Clone, Copy)]
struct WordKeys {
    norm: u64,
    suffix1: u64,
    suffix2: u64,
    suffix3: u64,
    suffix4: u64,
    suffix5: u64,
    prefix1: u64,
    prefix2: u64,
    prefix3: u64,
    shape: u64,
    ambiguity: u64,
}

const NONE: u64 = 0x6e6f6e65;
const START: usize = usize::MAX;

/// The form features see: lower case, digits folded to 0 (so "7,500" and "1,200" share).
pub fn normalise(form: &str) -> String {
    form.chars()
        .map(|c| if c.is_ascii_digit() { '0' } else { c })
        .flat_map(char::to_lowercase)
        .collect()
}

/// The word's shape: X for upper case, x for lower case, d for digits, other characters as
/// they are; runs longer than three are cut to three ("Xxxx" → "Xxx", "dddd" → "ddd").
pub fn shape(form: &str) -> String {
    let mut out = String::new();
    let mut last = '\0';
    let mut run = 0;
    for c in form.chars().take(40) {
        let class = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else {
            c
        };
        if class == last {
            run += 1;
        } else {
            run = 1;
            last = class;
        }
        if run <= 3 {
            out.push(class);
        }
    }
    out
}

fn suffix(text: &str, chars: usize) -> &str {
    let start = text
        .char_indices()
        .rev()
        .nth(chars.saturating_sub(1))
        .map_or(0, |(at, _)| at);
    &text[start..]
}

fn prefix(text: &str, chars: usize) -> &str {
    let end = text
        .char_indices()
        .nth(chars)
        .map_or(text.len(), |(at, _)| at);
    &text[..end]
}

impl Tagger {
    fn keys(&self, forms: &[&str]) -> Vec<WordKeys> {
        forms
            .iter()
            .map(|form| {
                let norm = normalise(form);
                let norm_hash = hash_str(&norm);
                WordKeys {
                    norm: norm_hash,
                    suffix1: hash_str(suffix(&norm, 1)),
                    suffix2: hash_str(suffix(&norm, 2)),
                    suffix3: hash_str(suffix(&norm, 3)),
                    suffix4: hash_str(suffix(&norm, 4)),
                    suffix5: hash_str(suffix(&norm, 5)),
                    prefix1: hash_str(prefix(form, 1)),
                    prefix2: hash_str(prefix(&norm, 2)),
                    prefix3: hash_str(prefix(&norm, 3)),
                    shape: hash_str(&shape(form)),
                    ambiguity: self.ambiguity.get(&norm_hash).copied().unwrap_or(NONE),
                }
            })
            .collect()
    }

    /// Features of word `index` given the classes already chosen for the words before it.
    fn features(keys: &[WordKeys], index: usize, previous: &[usize], out: &mut Vec<u64>) {
        out.clear();
        let at = |offset: isize| -> Option<&WordKeys> {
            let position = index as isize + offset;
            (position >= 0)
                .then(|| keys.get(position as usize))
                .flatten()
        };
        let word = &keys[index];
        let norm = |offset| at(offset).map_or(NONE, |keys: &WordKeys| keys.norm);
        let amb = |offset| at(offset).map_or(NONE, |keys: &WordKeys| keys.ambiguity);
        let suffix3 = |offset| at(offset).map_or(NONE, |keys: &WordKeys| keys.suffix3);
        let suffix2 = |offset| at(offset).map_or(NONE, |keys: &WordKeys| keys.suffix2);
        let shape = |offset| at(offset).map_or(NONE, |keys: &WordKeys| keys.shape);
        let tag = |back: usize| -> u64 {
            if index >= back {
                previous[index - back] as u64
            } else {
                START as u64
            }
        };
        let (t1, t2) = (tag(1), tag(2));
        out.extend_from_slice(&[
            feature(0, 0, 0, 0),
            feature(1, word.norm, 0, 0),
            feature(2, word.suffix1, 0, 0),
            feature(3, word.suffix2, 0, 0),
            feature(4, word.suffix3, 0, 0),
            feature(5, word.suffix4, 0, 0),
            feature(6, word.prefix1, 0, 0),
            feature(7, word.prefix3, 0, 0),
            feature(8, word.shape, 0, 0),
            feature(9, t1, 0, 0),
            feature(10, t1, t2, 0),
            feature(11, t1, word.norm, 0),
            feature(12, norm(-1), 0, 0),
            feature(13, suffix3(-1), 0, 0),
            feature(14, norm(-2), 0, 0),
            feature(15, norm(1), 0, 0),
            feature(16, suffix3(1), 0, 0),
            feature(17, norm(2), 0, 0),
            feature(18, word.ambiguity, 0, 0),
            feature(19, amb(1), 0, 0),
            feature(20, amb(2), 0, 0),
            feature(21, word.ambiguity, amb(1), 0),
            feature(22, t1, amb(1), 0),
            feature(23, (index == 0) as u64, word.shape, 0),
            feature(24, word.norm, norm(1), 0),
            feature(25, norm(-1), word.norm, 0),
            feature(26, t1, word.suffix3, 0),
            feature(27, amb(-1), word.ambiguity, 0),
            feature(28, word.shape, amb(1), 0),
            feature(29, shape(-1), 0, 0),
            feature(30, shape(1), 0, 0),
            feature(31, norm(1), word.suffix3, 0),
            feature(32, (index == 0) as u64, word.norm, 0),
            feature(33, suffix2(1), 0, 0),
            feature(34, norm(-1), norm(1), 0),
            feature(35, t1, norm(1), 0),
            feature(36, t1, t2, word.norm),
            feature(37, word.suffix5, 0, 0),
            feature(38, word.prefix2, 0, 0),
            feature(39, amb(-1), 0, 0),
        ]);
    }

    /// The class index of each word of a sentence.
    pub fn tag(&self, forms: &[&str]) -> Vec<usize> {
        self.tag_first(forms, forms.len())
    }

    /// The class index of each of the first `count` words of a sentence, the same as
    /// [`Tagger::tag`] gives them: tagging is left to right, and a word's features read the two
    /// words after it, so the words past `count + 2` are not even looked at.
    pub fn tag_first(&self, forms: &[&str], count: usize) -> Vec<usize> {
        let count = count.min(forms.len());
        let keys = self.keys(&forms[..(count + 2).min(forms.len())]);
        let mut classes = Vec::with_capacity(count);
        self.continue_greedy(&keys, &mut classes, count);
        classes
    }

    /// The greedy pass from word `classes.len()` up to word `count` (exclusive), each word's
    /// class pushed onto `classes` and read as context by the words after it.
    fn continue_greedy(&self, keys: &[WordKeys], classes: &mut Vec<usize>, count: usize) {
        let mut features = Vec::with_capacity(32);
        let mut scores = vec![0.0f32; self.classes.len()];
        let mut targets = Vec::new();
        self.weights.with_cache(|cache| {
            for index in classes.len()..count {
                Self::features(keys, index, classes, &mut features);
                scores.iter_mut().for_each(|score| *score = 0.0);
                targets.resize(features.len(), 0);
                self.weights
                    .add_scores_to(&features, &targets, &mut scores, cache);
                classes.push(argmax(&scores));
            }
        });
    }

    /// Tag the words again, keeping the first `at` classes of `classes` and reading word `at`
    /// as `forced`: the greedy pass goes on from there, so the words after it see the new tag.
    pub fn retag_forcing(
        &self,
        forms: &[&str],
        classes: &[usize],
        at: usize,
        forced: usize,
    ) -> Vec<usize> {
        let keys = self.keys(forms);
        let mut out = classes[..at].to_vec();
        out.push(forced);
        self.continue_greedy(&keys, &mut out, forms.len());
        out
    }

    /// For each word of a tagged sentence, how far the score of its `alternative` class (by
    /// its chosen class) lies below the chosen one's, as the greedy pass saw it (the words
    /// before with their chosen classes); infinite where the class has no alternative.
    pub fn gaps(
        &self,
        forms: &[&str],
        classes: &[usize],
        alternative: &[Option<usize>],
    ) -> Vec<f32> {
        let keys = self.keys(forms);
        let mut features = Vec::with_capacity(32);
        let mut scores = vec![0.0f32; self.classes.len()];
        let mut targets = Vec::new();
        self.weights.with_cache(|cache| {
            (0..classes.len())
                .map(|index| {
                    let Some(other) = alternative[classes[index]] else {
                        return f32::INFINITY;
                    };
                    Self::features(&keys, index, classes, &mut features);
                    scores.iter_mut().for_each(|score| *score = 0.0);
                    targets.resize(features.len(), 0);
                    self.weights
                        .add_scores_to(&features, &targets, &mut scores, cache);
                    scores[classes[index]] - scores[other]
                })
                .collect()
        })
    }

    pub fn weights_stats(&self) -> (usize, usize, usize) {
        self.weights.stats()
    }

    pub fn write(&self, out: &mut Writer) {
        out.usize(self.classes.len());
        for class in &self.classes {
            out.str(class.upos.as_str());
            out.str(&class.xpos);
        }
        let mut ambiguity: Vec<(u64, u64)> = self.ambiguity.iter().map(|(k, v)| (*k, *v)).collect();
        ambiguity.sort_unstable();
        out.usize(ambiguity.len());
        for (word, set) in ambiguity {
            out.u64(word);
            out.u64(set);
        }
        self.weights.write(out);
    }

    pub fn read(input: &mut Reader<'_>) -> Result<Self, Error> {
        let count = input.usize()?;
        let mut classes = Vec::with_capacity(count.min(4096));
        for _ in 0..count {
            let upos = input
                .str()?
                .parse()
                .map_err(|_| input.error("unknown UPOS tag"))?;
            classes.push(TagClass {
                upos,
                xpos: input.str()?,
            });
        }
        let count = input.usize()?;
        let mut ambiguity = KeyMap::default();
        for _ in 0..count {
            let word = input.u64()?;
            ambiguity.insert(word, input.u64()?);
        }
        let weights = Weights::read(input)?;
        if weights.classes() != classes.len() {
            return Err(input.error("tagger weights do not match its classes"));
        }
        Ok(Tagger {
            classes,
            weights,
            ambiguity,
        })
    }
}

pub(crate) fn argmax(scores: &[f32]) -> usize {
    let mut best = 0;
    for (index, score) in scores.iter().enumerate() {
        if *score > scores[best] {
            best = index;
        }
    }
    best
}

/// A training sentence: forms and their gold (UPOS, XPOS).
pub struct Example<'a> {
    pub forms: Vec<&'a str>,
    pub tags: Vec<(Upos, &'a str)>,
}

/// Train a tagger for `epochs` passes over `examples` (dropping final weights below `prune`), visiting them in the order `shuffle`
/// gives for each epoch. `report` is called after each epoch with the tagger so far.
pub fn train(
    examples: &[Example<'_>],
    epochs: usize,
    prune: f32,
    shuffle: &mut dyn FnMut(&mut [usize]),
    report: &mut dyn FnMut(usize, &Tagger),
) -> Tagger {
    // Classes in a stable order.
    let mut class_set: BTreeSet<(Upos, &str)> = BTreeSet::new();
    let mut word_tags: BTreeMap<String, (usize, BTreeSet<usize>)> = BTreeMap::new();
    for example in examples {
        class_set.extend(example.tags.iter().copied());
    }
    let classes: Vec<TagClass> = class_set
        .iter()
        .map(|(upos, xpos)| TagClass {
            upos: *upos,
            xpos: xpos.to_string(),
        })
        .collect();
    let class_index: HashMap<(Upos, &str), usize> = class_set
        .iter()
        .enumerate()
        .map(|(index, key)| (*key, index))
        .collect();
    for example in examples {
        for (form, tag) in example.forms.iter().zip(&example.tags) {
            let entry = word_tags.entry(normalise(form)).or_default();
            entry.0 += 1;
            entry.1.insert(class_index[tag]);
        }
    }
    let ambiguity: KeyMap<u64> = word_tags
        .iter()
        .filter(|(_, (count, _))| *count >= AMBIGUITY_MIN_COUNT)
        .map(|(word, (_, tags))| {
            let set = tags
                .iter()
                .fold(0x616d62u64, |hash, tag| mix(hash, *tag as u64));
            (hash_str(word), set)
        })
        .collect();
    let mut tagger = Tagger {
        classes,
        weights: Weights::default(),
        ambiguity,
    };
    let gold: Vec<Vec<usize>> = examples
        .iter()
        .map(|example| example.tags.iter().map(|tag| class_index[tag]).collect())
        .collect();
    let keys: Vec<Vec<WordKeys>> = examples
        .iter()
        .map(|example| tagger.keys(&example.forms))
        .collect();
    let mut trainer = Trainer::new(tagger.classes.len());
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut features = Vec::new();
    let mut scores = Vec::new();
    for epoch in 0..epochs {
        shuffle(&mut order);
        for &sentence in &order {
            let mut guessed = Vec::with_capacity(gold[sentence].len());
            for (index, truth) in gold[sentence].iter().enumerate() {
                Tagger::features(&keys[sentence], index, &guessed, &mut features);
                trainer.scores(&features, &mut scores);
                let guess = argmax(&scores);
                trainer.update(&features, *truth, guess);
                trainer.tick();
                guessed.push(guess);
            }
        }
        tagger.weights = trainer.finish(0.0);
        report(epoch + 1, &tagger);
    }
    tagger.weights = trainer.finish(prune);
    tagger
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_and_norms_fold_what_they_should() {
        assert_eq!(shape("Washington"), "Xxxx");
        assert_eq!(shape("7,500"), "d,ddd");
        assert_eq!(normalise("7,500"), "0,000");
        assert_eq!(normalise("GCM"), "gcm");
        assert_eq!(suffix("migration", 3), "ion");
        assert_eq!(suffix("é", 3), "é");
        assert_eq!(prefix("Über", 1), "Ü");
    }
}
