//! The linguistic layer every extractor reads: UD-style words with byte spans, sentences,
//! part-of-speech tags, lemmas, morphological features and dependency trees.
//!
//! Pure: no IO beyond the model bytes handed to [`Model::from_bytes`]. The English model is
//! embedded in the binary and loaded once per process ([`Model::english`]).
//!
//! - [`sentences`]: sentence spans of a cleaned text;
//! - [`tokenize`]: UD words of one sentence span (clitics and possessives split as UD does);
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
}

/// Sentences of `text` with their words, not yet analysed. Every non-space character is in
/// a sentence: text the splitter leaves between sentences (a bullet marker) becomes a
/// sentence of its own, so the words always cover the whole text.
pub fn split(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut covered = 0;
    let add = |span: Span, out: &mut Vec<Sentence>| {
        let words = tokenize(text, span);
        if let (Some(first), Some(last)) = (words.first(), words.last()) {
            let span = Span::new(first.span.start, last.span.end);
            out.push(Sentence {
                span,
                words,
                analysis: None,
            });
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

#[cfg(test)]
mod tests {
    use super::*;

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
