//! Lemmas and morphological features learned from the treebank: a dictionary of the forms it
//! saw (per part of speech), suffix rules learned from the same pairs for words it did not
//! see, and a features table keyed by form and tag.

use std::collections::{BTreeMap, HashMap};

use crate::Upos;
use crate::binary::{Error, Reader, Writer};

/// Longest word ending a suffix rule looks at.
const MAX_SUFFIX: usize = 6;
/// A suffix rule is trusted once this many training words share it.
const RULE_MIN_COUNT: usize = 2;

/// A rewrite of a word's end: drop `strip` characters, then append `add`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
struct Rule {
    strip: usize,
    add: String,
}

impl Rule {
    fn learn(form: &str, lemma: &str) -> Rule {
        let shared = form
            .chars()
            .zip(lemma.chars())
            .take_while(|(a, b)| a == b)
            .count();
        Rule {
            strip: form.chars().count() - shared,
            add: lemma.chars().skip(shared).collect(),
        }
    }

    /// Rewrite an unseen `form`; `None` when the rule would keep less than two characters of
    /// it (a rule learned from a suppletive pair, better → good, rewrites whole words and must
    /// not turn "bitter" into "good").
    fn apply(&self, form: &str) -> Option<String> {
        let count = form.chars().count();
        if self.strip + 2 > count {
            return None;
        }
        let keep: String = form.chars().take(count - self.strip).collect();
        Some(keep + &self.add)
    }
}

/// A trained lemmatizer and feature guesser.
#[derive(Debug, Clone, Default)]
pub struct Lemmatizer {
    /// (UPOS, form as written) → lemma, for forms whose lemma is not themselves lower-cased.
    exact: HashMap<(Upos, String), String>,
    /// (UPOS, lower-cased suffix) → rule, for unseen words.
    rules: HashMap<(Upos, String), Rule>,
    /// Parts of speech whose lemmas keep the form's case (proper nouns).
    keep_case: Vec<Upos>,
    /// (lower-cased form, XPOS) → features, for words seen often.
    word_feats: HashMap<(String, String), String>,
    /// (UPOS, XPOS) → features, the fallback.
    tag_feats: HashMap<(Upos, String), String>,
}

/// Every distinct features value a lemmatizer can return, sorted.
pub(crate) fn feats_values(lemmatizer: &Lemmatizer) -> Vec<String> {
    let mut values: Vec<String> = lemmatizer
        .word_feats
        .values()
        .chain(lemmatizer.tag_feats.values())
        .cloned()
        .collect();
    values.sort();
    values.dedup();
    values
}

fn case_for(upos: Upos, form: &str, keep_case: &[Upos]) -> String {
    if keep_case.contains(&upos) {
        form.to_string()
    } else {
        form.to_lowercase()
    }
}

impl Lemmatizer {
    /// The tags (of `tags`) under which the lower-cased `form` was seen at least twice in the
    /// treebank: empty for a rare or unseen word.
    pub fn seen_as<'t>(&self, form: &str, tags: &[&'t str]) -> Vec<&'t str> {
        let lower = form.to_lowercase();
        tags.iter()
            .copied()
            .filter(|tag| {
                self.word_feats
                    .contains_key(&(lower.clone(), (*tag).to_string()))
            })
            .collect()
    }

    /// The lemma of `form` tagged `upos`.
    pub fn lemma(&self, form: &str, upos: Upos) -> String {
        if let Some(lemma) = self.exact.get(&(upos, form.to_string())) {
            return lemma.clone();
        }
        let cased = case_for(upos, form, &self.keep_case);
        let lower = form.to_lowercase();
        if !self.keep_case.contains(&upos)
            && let Some(lemma) = self.exact.get(&(upos, lower.clone()))
        {
            return lemma.clone();
        }
        if matches!(
            upos,
            Upos::Punct | Upos::Sym | Upos::Num | Upos::Propn | Upos::X
        ) {
            return cased;
        }
        let chars: Vec<char> = lower.chars().collect();
        for len in (1..=MAX_SUFFIX.min(chars.len())).rev() {
            let suffix: String = chars[chars.len() - len..].iter().collect();
            if let Some(rule) = self.rules.get(&(upos, suffix))
                && let Some(lemma) = rule.apply(&cased)
                && !lemma.is_empty()
            {
                return lemma;
            }
        }
        cased
    }

    /// The features of `form` tagged (`upos`, `xpos`), or "" when none are known.
    pub fn feats(&self, form: &str, upos: Upos, xpos: &str) -> &str {
        self.word_feats
            .get(&(form.to_lowercase(), xpos.to_string()))
            .or_else(|| self.tag_feats.get(&(upos, xpos.to_string())))
            .map_or("", String::as_str)
    }

    pub fn write(&self, out: &mut Writer) {
        let sorted = |map: &HashMap<(Upos, String), String>| -> Vec<(String, String, String)> {
            let mut rows: Vec<_> = map
                .iter()
                .map(|((upos, key), value)| (upos.as_str().to_string(), key.clone(), value.clone()))
                .collect();
            rows.sort();
            rows
        };
        for table in [sorted(&self.exact), sorted(&self.tag_feats)] {
            out.usize(table.len());
            for (upos, key, value) in table {
                out.str(&upos);
                out.str(&key);
                out.str(&value);
            }
        }
        let mut rules: Vec<_> = self.rules.iter().collect();
        rules.sort();
        out.usize(rules.len());
        for ((upos, suffix), rule) in rules {
            out.str(upos.as_str());
            out.str(suffix);
            out.usize(rule.strip);
            out.str(&rule.add);
        }
        let mut words: Vec<_> = self.word_feats.iter().collect();
        words.sort();
        out.usize(words.len());
        for ((form, xpos), feats) in words {
            out.str(form);
            out.str(xpos);
            out.str(feats);
        }
        out.usize(self.keep_case.len());
        for upos in &self.keep_case {
            out.str(upos.as_str());
        }
    }

    pub fn read(input: &mut Reader<'_>) -> Result<Self, Error> {
        let upos = |input: &mut Reader<'_>| -> Result<Upos, Error> {
            input
                .str()?
                .parse()
                .map_err(|_| input.error("unknown UPOS tag"))
        };
        let mut tables = Vec::new();
        for _ in 0..2 {
            let count = input.usize()?;
            let mut table = HashMap::with_capacity(count.min(1 << 20));
            for _ in 0..count {
                let tag = upos(input)?;
                let key = input.str()?;
                table.insert((tag, key), input.str()?);
            }
            tables.push(table);
        }
        let tag_feats = tables.pop().expect("two tables");
        let exact = tables.pop().expect("two tables");
        let count = input.usize()?;
        let mut rules = HashMap::with_capacity(count.min(1 << 20));
        for _ in 0..count {
            let tag = upos(input)?;
            let suffix = input.str()?;
            let strip = input.usize()?;
            rules.insert(
                (tag, suffix),
                Rule {
                    strip,
                    add: input.str()?,
                },
            );
        }
        let count = input.usize()?;
        let mut word_feats = HashMap::with_capacity(count.min(1 << 20));
        for _ in 0..count {
            let form = input.str()?;
            let xpos = input.str()?;
            word_feats.insert((form, xpos), input.str()?);
        }
        let count = input.usize()?;
        let keep_case = (0..count).map(|_| upos(input)).collect::<Result<_, _>>()?;
        Ok(Lemmatizer {
            exact,
            rules,
            keep_case,
            word_feats,
            tag_feats,
        })
    }
}

/// One training word: form, UPOS, XPOS, lemma, features.
pub type Example<'a> = (&'a str, Upos, &'a str, &'a str, &'a str);

fn most_frequent<K: Ord + Clone>(counts: &BTreeMap<K, usize>) -> Option<K> {
    // Ties go to the smallest key, so training is deterministic.
    counts
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
        .map(|(key, _)| key.clone())
}

/// Learn lemmas and features from treebank words.
pub fn train(words: &[Example<'_>]) -> Lemmatizer {
    // Which parts of speech keep case in their lemmas: those whose lemmas mostly do.
    let mut case_kept: BTreeMap<Upos, (usize, usize)> = BTreeMap::new();
    for (form, upos, _, lemma, _) in words {
        if form.to_lowercase() != *form {
            let entry = case_kept.entry(*upos).or_default();
            if lemma.chars().next().is_some_and(char::is_uppercase) {
                entry.0 += 1;
            }
            entry.1 += 1;
        }
    }
    let keep_case: Vec<Upos> = case_kept
        .iter()
        .filter(|(_, (kept, all))| *kept * 2 > *all)
        .map(|(upos, _)| *upos)
        .collect();

    let mut lemma_counts: BTreeMap<(Upos, String), BTreeMap<String, usize>> = BTreeMap::new();
    let mut rule_counts: BTreeMap<(Upos, String), BTreeMap<Rule, usize>> = BTreeMap::new();
    let mut word_feat_counts: BTreeMap<(String, String), BTreeMap<String, usize>> = BTreeMap::new();
    let mut tag_feat_counts: BTreeMap<(Upos, String), BTreeMap<String, usize>> = BTreeMap::new();
    for (form, upos, xpos, lemma, feats) in words {
        let key_form = case_for(*upos, form, &keep_case);
        *lemma_counts
            .entry((*upos, key_form.clone()))
            .or_default()
            .entry(lemma.to_string())
            .or_default() += 1;
        let rule = Rule::learn(&key_form, lemma);
        let chars: Vec<char> = key_form.to_lowercase().chars().collect();
        for len in 1..=MAX_SUFFIX.min(chars.len()) {
            let suffix: String = chars[chars.len() - len..].iter().collect();
            *rule_counts
                .entry((*upos, suffix))
                .or_default()
                .entry(rule.clone())
                .or_default() += 1;
        }
        let feats = if *feats == "_" { "" } else { feats };
        *word_feat_counts
            .entry((form.to_lowercase(), xpos.to_string()))
            .or_default()
            .entry(feats.to_string())
            .or_default() += 1;
        *tag_feat_counts
            .entry((*upos, xpos.to_string()))
            .or_default()
            .entry(feats.to_string())
            .or_default() += 1;
    }
    let exact = lemma_counts
        .into_iter()
        .filter_map(|(key, counts)| {
            let lemma = most_frequent(&counts)?;
            (lemma != key.1).then_some((key, lemma))
        })
        .collect();
    let rules = rule_counts
        .into_iter()
        .filter_map(|(key, counts)| {
            let rule = most_frequent(&counts)?;
            (counts[&rule] >= RULE_MIN_COUNT).then_some((key, rule))
        })
        .collect();
    let tag_feats: HashMap<(Upos, String), String> = tag_feat_counts
        .into_iter()
        .filter_map(|(key, counts)| Some((key, most_frequent(&counts)?)))
        .collect();
    let word_feats = word_feat_counts
        .into_iter()
        .filter(|(_, counts)| counts.values().sum::<usize>() >= 2)
        .filter_map(|(key, counts)| Some((key, most_frequent(&counts)?)))
        .collect();
    Lemmatizer {
        exact,
        rules,
        keep_case,
        word_feats,
        tag_feats,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_dictionary_entries_and_suffix_rules() {
        let words: Vec<Example<'_>> = vec![
            ("withdrew", Upos::Verb, "VBD", "withdraw", "Tense=Past"),
            ("walked", Upos::Verb, "VBD", "walk", "Tense=Past"),
            ("talked", Upos::Verb, "VBD", "talk", "Tense=Past"),
            ("stalked", Upos::Verb, "VBD", "stalk", "Tense=Past"),
            ("States", Upos::Propn, "NNPS", "States", "Number=Plur"),
            ("refugees", Upos::Noun, "NNS", "refugee", "Number=Plur"),
            ("caps", Upos::Noun, "NNS", "cap", "Number=Plur"),
        ];
        let lemmatizer = train(&words);
        assert_eq!(lemmatizer.lemma("withdrew", Upos::Verb), "withdraw");
        assert_eq!(lemmatizer.lemma("Withdrew", Upos::Verb), "withdraw");
        assert_eq!(
            lemmatizer.lemma("balked", Upos::Verb),
            "balk",
            "unseen word through a suffix rule"
        );
        assert_eq!(lemmatizer.lemma("States", Upos::Propn), "States");
        assert_eq!(
            lemmatizer.feats("migrants", Upos::Noun, "NNS"),
            "Number=Plur"
        );
        let mut out = Writer::default();
        lemmatizer.write(&mut out);
        let bytes = out.into_bytes();
        let again = Lemmatizer::read(&mut Reader::new(&bytes)).unwrap();
        assert_eq!(again.lemma("balked", Upos::Verb), "balk");
    }

    #[test]
    fn a_suppletive_pair_does_not_rewrite_other_words() {
        let words: Vec<Example<'_>> = vec![
            ("better", Upos::Adj, "JJR", "good", "Degree=Cmp"),
            ("bigger", Upos::Adj, "JJR", "big", "Degree=Cmp"),
        ];
        let lemmatizer = train(&words);
        assert_eq!(lemmatizer.lemma("better", Upos::Adj), "good");
        assert_eq!(lemmatizer.lemma("bitter", Upos::Adj), "bitter");
    }
}
