//! The linguistic layer every extractor reads: UD-style words with byte spans, sentences,
//! part-of-speech tags, lemmas, morphological features and dependency trees.
//!
//! Pure: no IO beyond the model bytes handed to [`Model::from_bytes`]. The English model is
//! embedded in the binary and loaded once per process ([`Model::english`]).
//!
//! - [`sentences()`]: sentence spans of a cleaned text;
//! - [`tokenize()`]: UD words of one sentence span (clitics and possessives split as UD does);
//! - [`Model::analyze`]: tags, lemmas, features and a dependency tree for one sentence.

mod binary;
pub mod conllu;
pub mod lemma;
pub mod model;
pub mod parser;
mod perceptron;
pub mod sentences;
pub mod tagger;
pub mod tokenize;
pub mod train;
pub mod upos;

pub use migtrack_model::Span;
pub use model::{Model, ModelError};
pub use sentences::sentences;
pub use tokenize::tokenize;
pub use upos::Upos;

/// One word as the tokenizer cuts it, before analysis.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    /// Byte span of the word in the text. Words of one multiword token whose forms are not
    /// substrings of it ("zum" → "zu" + "dem") all carry the token's span.
    pub span: Span,
    /// Index of the orthographic token (space-delimited unit, UD's "token") within the
    /// sentence; consecutive words with the same index form one multiword token
    /// ("don't" → "do" + "n't", "government's" → "government" + "'s").
    pub token: u32,
    /// The word's form when it is not `text[span]` (expanded contractions in some languages).
    pub form: Option<Box<str>>,
}

impl Piece {
    /// The word's form in `text`.
    pub fn form<'t>(&'t self, text: &'t str) -> &'t str {
        match &self.form {
            Some(form) => form,
            None => &text[self.span.start..self.span.end],
        }
    }
}

/// The analysis of one word: filled in by a model for the sentences it parses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Analysis {
    pub upos: Upos,
    /// Language-specific tag (Penn Treebank tags for English).
    pub xpos: &'static str,
    pub lemma: Box<str>,
    /// UD morphological features (`Number=Plur|Person=3`), or "" when none.
    pub feats: &'static str,
    /// Index of the head word in the sentence, `None` for the root.
    pub head: Option<u32>,
    /// UD relation to the head (`nsubj`, `obl:tmod`, `root`, …).
    pub deprel: &'static str,
}

/// One sentence of a text: its span, its words and, when a model parsed it, their analysis
/// (one entry per word, in order).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub span: Span,
    pub words: Vec<Piece>,
    pub analysis: Option<Vec<Analysis>>,
    /// A piece of a sentence longer than [`MAX_SENTENCE_WORDS`], cut by [`split`]: it gets the
    /// flat analysis the whole sentence would have had (`Model::analyze_forms_unparsed`).
    pub piece: bool,
}

/// Most words a sentence of [`split`] holds: a longer one is cut into pieces of at most this
/// many words (after a comma, semicolon or colon when one falls in the second half of a
/// piece). The same as the parser's cap, so every sentence the parser would analyse stays
/// whole; past it the parser gave a flat analysis, and the pieces still get it
/// ([`Sentence::piece`]). Extractors that look across a
/// sentence (runs of capitalised words, quote and speaker searches) then do bounded work per
/// piece, whatever the input: a 128 KB text with no full stop is some hundred pieces, not one
/// sentence that costs time in the square of its length.
pub const MAX_SENTENCE_WORDS: usize = parser::MAX_WORDS;

/// Sentences of `text` with their words, not yet analysed. Every non-space character is in
/// a sentence: text the splitter leaves between sentences (a bullet marker) becomes a
/// sentence of its own, so the words always cover the whole text. No sentence holds more than
/// [`MAX_SENTENCE_WORDS`] words.
pub fn split(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut covered = 0;
    let add = |span: Span, out: &mut Vec<Sentence>| {
        let words = tokenize(text, span);
        let pieces = cut_long(text, words, MAX_SENTENCE_WORDS);
        let piece = pieces.len() > 1;
        for words in pieces {
            if let (Some(first), Some(last)) = (words.first(), words.last()) {
                let span = Span::new(first.span.start, last.span.end);
                out.push(Sentence {
                    span,
                    words,
                    analysis: None,
                    piece,
                });
            }
        }
    };
    for span in sentences(text) {
        if span.start > covered {
            add(Span::new(covered, span.start), &mut out);
        }
        covered = covered.max(span.end);
        add(span, &mut out);
    }
    if covered < text.len() {
        add(Span::new(covered, text.len()), &mut out);
    }
    out
}

/// `words` in pieces of at most `max` words, never inside a multiword token (one UD token
/// cut into several words keeps them together); each piece's token indices start at 0.
fn cut_long(text: &str, words: Vec<Piece>, max: usize) -> Vec<Vec<Piece>> {
    let max = max.max(2);
    if words.len() <= max {
        return vec![words];
    }
    // Where each piece ends, found on the whole slice (no copying of what is left).
    let mut ends = Vec::with_capacity(words.len() / max + 1);
    let mut start = 0;
    while words.len() - start > max {
        let window = &words[start..];
        // The last boundary between tokens that keeps the piece within `max` words …
        let mut cut = max;
        while cut > 1 && window[cut].token == window[cut - 1].token {
            cut -= 1;
        }
        // … moved back to just after a clause mark when one is in the second half.
        if let Some(mark) = (max / 2..cut).rev().find(|&index| {
            matches!(window[index - 1].form(text), "," | ";" | ":")
                && window[index].token != window[index - 1].token
        }) {
            cut = mark;
        }
        start += cut;
        ends.push(start);
    }
    ends.push(words.len());
    let mut words = words.into_iter();
    let mut taken = 0;
    ends.into_iter()
        .map(|end| {
            let mut piece: Vec<Piece> = words.by_ref().take(end - taken).collect();
            taken = end;
            let base = piece[0].token;
            for word in &mut piece {
                word.token -= base;
            }
            piece
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sentence_longer_than_the_cap_is_cut_into_bounded_pieces() {
        // 128 KB with no full stop (issue 12, item 2): one sentence, cut into pieces.
        let unit = "United Nations High Commissioner, and the government's officials ";
        let text = unit.repeat(128 * 1024 / unit.len() + 1);
        let sentences = split(&text);
        let words: usize = sentences.iter().map(|sentence| sentence.words.len()).sum();
        assert!(words > 20 * MAX_SENTENCE_WORDS, "{words}");
        assert!(
            sentences.len() >= words / MAX_SENTENCE_WORDS,
            "{}",
            sentences.len()
        );
        for (index, sentence) in sentences.iter().enumerate() {
            assert!(sentence.words.len() <= MAX_SENTENCE_WORDS);
            assert!(sentence.words.len() > MAX_SENTENCE_WORDS / 2 || index + 1 == sentences.len());
            assert_eq!(
                sentence.words[0].token, 0,
                "token indices start at 0 in each piece"
            );
            assert!(
                sentence
                    .words
                    .windows(2)
                    .all(|pair| pair[1].token - pair[0].token <= 1),
                "token indices stay consecutive"
            );
            // Cut after a comma, and never between "government" and "'s".
            if index + 1 < sentences.len() {
                assert_eq!(sentence.words.last().unwrap().form(&text), ",");
            }
            let first = sentence.words[0].form(&text);
            assert_ne!(first, "'s");
            assert_eq!(
                &text[sentence.span.start..sentence.span.end]
                    .split_whitespace()
                    .next(),
                &Some(first)
            );
        }
        // The pieces follow each other and cover every word.
        assert!(
            sentences
                .windows(2)
                .all(|pair| pair[0].span.end <= pair[1].span.start)
        );
    }

    #[test]
    fn a_long_run_without_clause_marks_is_cut_at_the_cap() {
        let text = "refugees ".repeat(3 * MAX_SENTENCE_WORDS + 10);
        let lengths: Vec<usize> = split(&text)
            .iter()
            .map(|sentence| sentence.words.len())
            .collect();
        assert_eq!(
            lengths,
            [
                MAX_SENTENCE_WORDS,
                MAX_SENTENCE_WORDS,
                MAX_SENTENCE_WORDS,
                10
            ]
        );
    }

    #[test]
    fn ordinary_sentences_are_not_cut() {
        let sentence = "Brazil withdrew from the Global Compact for Migration, the foreign ministry \
            said on Tuesday, citing sovereignty; officials in Brasília confirmed it. ";
        let text = sentence.repeat(50);
        let sentences = split(&text);
        assert_eq!(sentences.len(), 50);
        assert!(
            sentences
                .iter()
                .all(|s| s.words.len() == sentences[0].words.len())
        );
    }

    #[test]
    fn every_character_of_the_text_is_in_a_sentence() {
        let text = "Groups: alt.animals.cat\n\n- U P D A T E D -\n\n-Page 71, 72 and 73 with 48 new pictures.\n";
        let words: String = split(text)
            .iter()
            .flat_map(|sentence| {
                sentence
                    .words
                    .iter()
                    .map(|word| word.form(text).to_string())
            })
            .collect();
        let expected: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        assert_eq!(words, expected);
    }
}
