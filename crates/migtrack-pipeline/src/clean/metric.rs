//! The article-extraction benchmark's metric (shingle precision/recall/F1), reusable by the CI
//! floor test and the speed bench so both score exactly the same way.
//!
//! Definition (from `shared/bench/article-extraction/README.md`): tokenise with the Unicode regex
//! `\w+`; build multisets of word 4-gram shingles (a text with fewer than 4 tokens gives one
//! shorter shingle, an empty text none); per page tp = Σ min(true, pred), fp = excess predicted,
//! fn = excess true, each divided by tp + fp + fn. Precision is the mean of tp / (tp + fp) over
//! pages with tp + fp > 0, recall the mean of tp / (tp + fn) over pages with tp + fn > 0, and
//! F1 = 2PR / (P + R) of the two means. Accuracy is the share of pages whose token sequence
//! equals the truth exactly.

use std::collections::HashMap;
use std::sync::OnceLock;

use regex::Regex;

const SHINGLE: usize = 4;

fn word_regex() -> &'static Regex {
    static WORD: OnceLock<Regex> = OnceLock::new();
    WORD.get_or_init(|| Regex::new(r"\w+").expect("static regex"))
}

/// The `\w+` tokens of a text.
pub fn tokens(text: &str) -> Vec<&str> {
    word_regex().find_iter(text).map(|m| m.as_str()).collect()
}

fn shingles<'a>(tokens: &[&'a str]) -> HashMap<Vec<&'a str>, usize> {
    let mut counts = HashMap::new();
    if tokens.is_empty() {
        return counts;
    }
    if tokens.len() < SHINGLE {
        counts.insert(tokens.to_vec(), 1);
        return counts;
    }
    for window in tokens.windows(SHINGLE) {
        *counts.entry(window.to_vec()).or_insert(0) += 1;
    }
    counts
}

/// One page's normalised counts: `tp + fp + fn_ == 1` unless both texts are empty.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct PageScore {
    pub tp: f64,
    pub fp: f64,
    pub fn_: f64,
    /// The token sequences are identical.
    pub exact: bool,
}

impl PageScore {
    /// Precision of this page, when it predicted anything (or matched an empty truth).
    pub fn precision(&self) -> Option<f64> {
        (self.tp + self.fp > 0.0).then(|| self.tp / (self.tp + self.fp))
    }
    /// Recall of this page, when the truth has anything.
    pub fn recall(&self) -> Option<f64> {
        (self.tp + self.fn_ > 0.0).then(|| self.tp / (self.tp + self.fn_))
    }
}

/// Score one predicted text against its truth.
pub fn score_page(truth: &str, predicted: &str) -> PageScore {
    let truth_tokens = tokens(truth);
    let predicted_tokens = tokens(predicted);
    let truth_shingles = shingles(&truth_tokens);
    let predicted_shingles = shingles(&predicted_tokens);
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    for (shingle, &true_count) in &truth_shingles {
        let predicted_count = predicted_shingles.get(shingle).copied().unwrap_or(0);
        tp += true_count.min(predicted_count);
        fn_ += true_count.saturating_sub(predicted_count);
    }
    for (shingle, &predicted_count) in &predicted_shingles {
        let true_count = truth_shingles.get(shingle).copied().unwrap_or(0);
        fp += predicted_count.saturating_sub(true_count);
    }
    let total = (tp + fp + fn_) as f64;
    let exact = truth_tokens == predicted_tokens;
    if total == 0.0 {
        // Both empty: nothing predicted, nothing missed — a perfect page.
        return PageScore {
            tp: 0.0,
            fp: 0.0,
            fn_: 0.0,
            exact,
        };
    }
    PageScore {
        tp: tp as f64 / total,
        fp: fp as f64 / total,
        fn_: fn_ as f64 / total,
        exact,
    }
}

/// The benchmark's summary over many pages.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Summary {
    pub pages: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub accuracy: f64,
}

/// Summarise page scores as the README defines it.
pub fn summarise(pages: &[PageScore]) -> Summary {
    let mean = |values: Vec<f64>, empty_default: f64| {
        if values.is_empty() {
            empty_default
        } else {
            values.iter().sum::<f64>() / values.len() as f64
        }
    };
    // Pages with tp + fp > 0 (resp. tp + fn > 0) count; a page with fp = fn = 0 (both texts
    // empty) scores 1 for both.
    let precision = mean(
        pages
            .iter()
            .filter_map(|page| page.precision().or((page.fn_ == 0.0).then_some(1.0)))
            .collect(),
        1.0,
    );
    let recall = mean(
        pages
            .iter()
            .filter_map(|page| page.recall().or((page.fp == 0.0).then_some(1.0)))
            .collect(),
        1.0,
    );
    let f1 = if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    };
    let accuracy = if pages.is_empty() {
        0.0
    } else {
        pages.iter().filter(|page| page.exact).count() as f64 / pages.len() as f64
    };
    Summary {
        pages: pages.len(),
        precision,
        recall,
        f1,
        accuracy,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identical_texts_score_one() {
        let page = score_page("one two three four five", "one two three four five");
        assert_eq!(
            (page.precision(), page.recall(), page.exact),
            (Some(1.0), Some(1.0), true)
        );
    }

    #[test]
    fn extra_predicted_words_lower_precision_only() {
        // truth: 2 shingles; predicted: the same 2 plus 2 more.
        let page = score_page("a b c d e", "a b c d e f g");
        assert_eq!(page.recall(), Some(1.0));
        assert_eq!(page.precision(), Some(0.5));
    }

    #[test]
    fn short_texts_are_one_shingle_and_empty_pages_are_perfect() {
        assert_eq!(score_page("a b", "a b").precision(), Some(1.0));
        assert_eq!(score_page("a b", "a c").precision(), Some(0.0));
        let empty = score_page("", "");
        let summary = summarise(&[empty]);
        assert_eq!((summary.precision, summary.recall), (1.0, 1.0));
    }

    #[test]
    fn summary_averages_pages_and_combines_the_means() {
        let pages = [
            score_page("a b c d e", "a b c d e"),
            score_page("a b c d e", ""),
        ];
        let summary = summarise(&pages);
        // Precision: only the first page predicted anything; recall: mean of 1 and 0.
        assert_eq!(summary.precision, 1.0);
        assert_eq!(summary.recall, 0.5);
        assert!((summary.f1 - 2.0 / 3.0).abs() < 1e-12);
        assert_eq!(summary.accuracy, 0.5);
    }
}
