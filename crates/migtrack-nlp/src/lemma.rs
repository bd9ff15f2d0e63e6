//! Lemmas and morphological features learned from the treebank: a dictionary of the forms it
//! saw (per part of speech), suffix rules learned from the same pairs for words it did not
//! see, and a features table keyed by form and tag.

use std::borrow::Cow;
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

/// Rows keyed by a string, each holding the few values told apart by a second key (a tag):
/// a lookup borrows the word, so tagging allocates nothing per word.
type Table<K, V> = HashMap<String, Vec<(K, V)>>;

/// Put `value` under (`key`, `second`), replacing one already there.
fn put<K: PartialEq, V>(table: &mut Table<K, V>, key: String, second: K, value: V) {
    let row = table.entry(key).or_default();
    match row.iter_mut().find(|(known, _)| *known == second) {
        Some(slot) => slot.1 = value,
        None => row.push((second, value)),
    }
}

/// The value under `key` whose second key `matches`.
fn find<'t, K, V>(
    table: &'t Table<K, V>,
    key: &str,
    matches: impl Fn(&K) -> bool,
) -> Option<&'t V> {
    table
        .get(key)?
        .iter()
        .find(|(second, _)| matches(second))
        .map(|(_, value)| value)
}

/// Add a row read from a model file (whose rows are distinct, so no search).
fn push<K, V>(table: &mut Table<K, V>, key: String, second: K, value: V) {
    table.entry(key).or_default().push((second, value));
}

/// Every (key, second key, value) of `table`.
fn rows<K, V>(table: &Table<K, V>) -> impl Iterator<Item = (&String, &K, &V)> {
    table
        .iter()
        .flat_map(|(key, row)| row.iter().map(move |(second, value)| (key, second, value)))
}

/// `form` lower-cased, borrowed when it has no capital (most words).
fn lower(form: &str) -> Cow<'_, str> {
    if form.is_ascii() && !form.bytes().any(|byte| byte.is_ascii_uppercase()) {
        Cow::Borrowed(form)
    } else {
        Cow::Owned(form.to_lowercase())
    }
}

/// A trained lemmatizer and feature guesser.
#[derive(Debug, Clone, Default)]
pub struct Lemmatizer {
    /// Form as written → (UPOS, lemma), for forms whose lemma is not themselves lower-cased.
    exact: Table<Upos, String>,
    /// Lower-cased suffix → (UPOS, rule), for unseen words.
    rules: Table<Upos, Rule>,
    /// Parts of speech whose lemmas keep the form's case (proper nouns).
    keep_case: Vec<Upos>,
    /// Lower-cased form → (XPOS, features), for words seen often.
    word_feats: Table<String, String>,
    /// XPOS → (UPOS, features), the fallback.
    tag_feats: Table<Upos, String>,
}

/// Every distinct features value a lemmatizer can return, sorted.
pub(crate) fn feats_values(lemmatizer: &Lemmatizer) -> Vec<String> {
    let mut values: Vec<String> = rows(&lemmatizer.word_feats)
        .map(|(_, _, feats)| feats)
        .chain(rows(&lemmatizer.tag_feats).map(|(_, _, feats)| feats))
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
        let Some(row) = self.word_feats.get(lower(form).as_ref()) else {
            return Vec::new();
        };
        tags.iter()
            .copied()
            .filter(|tag| row.iter().any(|(xpos, _)| xpos == tag))
            .collect()
    }

    /// The lemma of `form` tagged `upos`.
    pub fn lemma(&self, form: &str, upos: Upos) -> String {
        if let Some(lemma) = find(&self.exact, form, |tag| *tag == upos) {
            return lemma.clone();
        }
        let lower = lower(form);
        if !self.keep_case.contains(&upos)
            && let Some(lemma) = find(&self.exact, &lower, |tag| *tag == upos)
        {
            return lemma.clone();
        }
        let cased = case_for(upos, form, &self.keep_case);
        if matches!(
            upos,
            Upos::Punct | Upos::Sym | Upos::Num | Upos::Propn | Upos::X
        ) {
            return cased;
        }
        // The byte starts of the last MAX_SUFFIX characters, longest suffix first.
        let mut starts = [0usize; MAX_SUFFIX];
        let mut count = 0;
        for (at, _) in lower.char_indices().rev().take(MAX_SUFFIX) {
            starts[count] = at;
            count += 1;
        }
        for &at in starts[..count].iter().rev() {
            if let Some(rule) = find(&self.rules, &lower[at..], |tag| *tag == upos)
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
        find(&self.word_feats, &lower(form), |tag| tag == xpos)
            .or_else(|| find(&self.tag_feats, xpos, |tag| *tag == upos))
            .map_or("", String::as_str)
    }

    pub fn write(&self, out: &mut Writer) {
        // Rows as (UPOS, key, value), sorted: the file is the same whatever the map order.
        let exact = rows(&self.exact).map(|(form, upos, lemma)| (upos.as_str(), form, lemma));
        let tag_feats =
            rows(&self.tag_feats).map(|(xpos, upos, feats)| (upos.as_str(), xpos, feats));
        for table in [exact.collect::<Vec<_>>(), tag_feats.collect::<Vec<_>>()] {
            let mut table = table;
            table.sort();
            out.usize(table.len());
            for (upos, key, value) in table {
                out.str(upos);
                out.str(key);
                out.str(value);
            }
        }
        let mut rules: Vec<_> = rows(&self.rules)
            .map(|(suffix, upos, rule)| (upos, suffix, rule))
            .collect();
        rules.sort();
        out.usize(rules.len());
        for (upos, suffix, rule) in rules {
            out.str(upos.as_str());
            out.str(suffix);
            out.usize(rule.strip);
            out.str(&rule.add);
        }
        let mut words: Vec<_> = rows(&self.word_feats).collect();
        words.sort();
        out.usize(words.len());
        for (form, xpos, feats) in words {
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
        let mut exact = Table::new();
        let mut tag_feats = Table::new();
        for by_key in [true, false] {
            let count = input.usize()?;
            for _ in 0..count {
                let tag = upos(input)?;
                let key = input.str()?;
                let value = input.str()?;
                // The exact table is keyed by form, the features fallback by XPOS.
                let table = if by_key { &mut exact } else { &mut tag_feats };
                push(table, key, tag, value);
            }
        }
        let count = input.usize()?;
        let mut rules = Table::new();
        for _ in 0..count {
            let tag = upos(input)?;
            let suffix = input.str()?;
            let strip = input.usize()?;
            let rule = Rule {
                strip,
                add: input.str()?,
            };
            push(&mut rules, suffix, tag, rule);
        }
        let count = input.usize()?;
        let mut word_feats = Table::new();
        for _ in 0..count {
            let form = input.str()?;
            let xpos = input.str()?;
            let feats = input.str()?;
            push(&mut word_feats, form, xpos, feats);
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
    let mut exact = Table::new();
    for ((upos, form), counts) in lemma_counts {
        if let Some(lemma) = most_frequent(&counts)
            && lemma != form
        {
            put(&mut exact, form, upos, lemma);
        }
    }
    let mut rules = Table::new();
    for ((upos, suffix), counts) in rule_counts {
        if let Some(rule) = most_frequent(&counts)
            && counts[&rule] >= RULE_MIN_COUNT
        {
            put(&mut rules, suffix, upos, rule);
        }
    }
    let mut tag_feats = Table::new();
    for ((upos, xpos), counts) in tag_feat_counts {
        if let Some(feats) = most_frequent(&counts) {
            put(&mut tag_feats, xpos, upos, feats);
        }
    }
    let mut word_feats = Table::new();
    for ((form, xpos), counts) in word_feat_counts {
        if counts.values().sum::<usize>() >= 2
            && let Some(feats) = most_frequent(&counts)
        {
            put(&mut word_feats, form, xpos, feats);
        }
    }
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
