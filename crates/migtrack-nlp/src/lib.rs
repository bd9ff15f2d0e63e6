//! The linguistic layer every extractor reads: UD-style words with byte spans, sentences,
//! part-of-speech tags, lemmas, morphological features and dependency trees.
//!
//! Pure: no IO beyond the model bytes handed to [`Model::from_bytes`]. The English model is
//! embedded in the binary and loaded once per process ([`Model::english`]).
//!
//! - [`sentences`]: sentence spans of a cleaned text;
//! - [`tokenize`]: UD words of one sentence span (clitics and possessives split as UD does);
//! - [`Model::analyze`]: tags, lemmas, features and a dependency tree for one sentence.

pub mod conllu;
pub mod sentences;
pub mod tokenize;
pub mod upos;

pub use migtrack_model::Span;
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

/// Sentences of `text` with their words, not yet analysed.
pub fn split(text: &str) -> Vec<Sentence> {
    sentences(text)
        .into_iter()
        .map(|span| Sentence {
            span,
            words: tokenize(text, span),
            analysis: None,
        })
        .collect()
}
