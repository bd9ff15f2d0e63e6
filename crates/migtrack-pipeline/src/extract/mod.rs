//! The extract stage: five extractors over one cleaned text, run in a fixed order.

pub mod claims;
pub mod dates;
pub mod events;
pub mod figures;
pub mod quotes;
pub mod tokens;
pub mod truecase;

use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use chrono::NaiveDate;
use migtrack_domain::{EntityMention, Pack};
use migtrack_model::{Extraction, Span};

/// Spans sorted by start with the running maximum of their ends: whether any of them overlaps
/// a span costs a binary search, not a scan of them all (a document with thousands of quotes
/// and sentences made that scan quadratic).
pub(crate) struct SpanSet {
    starts: Vec<usize>,
    max_ends: Vec<usize>,
}

impl SpanSet {
    pub(crate) fn new(spans: impl IntoIterator<Item = Span>) -> Self {
        let mut spans: Vec<Span> = spans.into_iter().collect();
        spans.sort_unstable_by_key(|span| span.start);
        let mut max_end = 0;
        let max_ends = spans
            .iter()
            .map(|span| {
                max_end = max_end.max(span.end);
                max_end
            })
            .collect();
        SpanSet {
            starts: spans.iter().map(|span| span.start).collect(),
            max_ends,
        }
    }

    /// Whether any span of the set overlaps `span` (as [`Span::overlaps`] tells).
    pub(crate) fn overlaps_any(&self, span: Span) -> bool {
        let before_end = self.starts.partition_point(|&start| start < span.end);
        before_end > 0 && self.max_ends[before_end - 1] > span.start
    }
}

/// What every extractor may read: the text, its language and publication date, its
/// sentences with their words (the linguistic layer, `migtrack_nlp`), entity mentions, and
/// the domain pack. Tags, lemmas and trees are computed for a sentence the first time an
/// extractor asks ([`Context::analysis`]), so sentences no extractor looks at cost nothing.
pub struct Context<'a> {
    pub text: &'a str,
    /// ISO 639-1 code of the document's language ("en" when unknown).
    pub lang: &'a str,
    pub published: Option<NaiveDate>,
    /// Sentence spans (the same order as `layer`).
    pub sentences: Vec<Span>,
    /// Sentences with their UD words.
    pub layer: Vec<migtrack_nlp::Sentence>,
    pub mentions: Vec<EntityMention>,
    pub pack: &'a Pack,
    analyses: Vec<OnceLock<Vec<migtrack_nlp::Analysis>>>,
    /// Past this instant no sentence is parsed any more and the remaining extractors are
    /// skipped: the document's time budget ran out ([`Context::with_deadline`]).
    deadline: Option<Instant>,
    over_budget: AtomicBool,
}

impl<'a> Context<'a> {
    pub fn new(text: &'a str, published: Option<NaiveDate>, pack: &'a Pack) -> Self {
        Self::with_lang(text, "en", published, pack)
    }

    pub fn with_lang(
        text: &'a str,
        lang: &'a str,
        published: Option<NaiveDate>,
        pack: &'a Pack,
    ) -> Self {
        let layer = migtrack_nlp::split(text);
        Context {
            text,
            lang,
            published,
            sentences: layer.iter().map(|sentence| sentence.span).collect(),
            analyses: layer.iter().map(|_| OnceLock::new()).collect(),
            layer,
            mentions: pack.find_mentions(text, published),
            pack,
            deadline: None,
            over_budget: AtomicBool::new(false),
        }
    }

    /// Stop working on the document at `deadline`: sentences are not parsed past it (the
    /// extractors read them as if there were no model) and [`run`] skips the extractors it has
    /// not started. [`Context::over_budget`] then says the records are incomplete.
    pub fn with_deadline(mut self, deadline: Instant) -> Self {
        self.deadline = Some(deadline);
        self
    }

    /// Whether the deadline has passed (checked now, and remembered once it has).
    pub fn over_budget(&self) -> bool {
        if self.over_budget.load(Ordering::Relaxed) {
            return true;
        }
        let over = self
            .deadline
            .is_some_and(|deadline| Instant::now() >= deadline);
        if over {
            self.over_budget.store(true, Ordering::Relaxed);
        }
        over
    }

    /// Tags, lemmas, features and the dependency tree of sentence `index` (one entry per
    /// word of `layer[index]`), or `None` when there is no model for the document's language.
    pub fn analysis(&self, index: usize) -> Option<&[migtrack_nlp::Analysis]> {
        let model = migtrack_nlp::Model::for_language(self.lang)?;
        let sentence = self.layer.get(index)?;
        if self.analyses[index].get().is_none() && self.over_budget() {
            return None;
        }
        let analysis = self.analyses[index].get_or_init(|| {
            let forms: Vec<&str> = sentence
                .words
                .iter()
                .map(|word| word.form(self.text))
                .collect();
            if sentence.piece {
                model.analyze_forms_unparsed(&forms)
            } else {
                model.analyze_forms(&forms)
            }
        });
        Some(analysis)
    }

    /// How many sentences have been analysed so far.
    pub fn analysed(&self) -> usize {
        self.analyses
            .iter()
            .filter(|analysis| analysis.get().is_some())
            .count()
    }
}

/// Run all extractors on one cleaned text.
/// A heading line: a whole line of its own with no final stop ("Tories attack EU asylum
/// moves", "Trump says he could keep shutdown going for months or years"). Headlines restate
/// the story in shorthand; the story's own sentences carry its records.
pub(crate) fn is_headline(text: &str, sentence: Span) -> bool {
    let body = text[sentence.start..sentence.end].trim_end();
    let line_start = text[..sentence.start]
        .trim_end_matches([' ', '\t'])
        .chars()
        .next_back()
        .is_none_or(|c| c == '\n');
    line_start
        && !body.ends_with(['.', '!', '?', '"', '”', '’', '\'', ':', ','])
        && text[sentence.end..]
            .chars()
            .take_while(|c| c.is_whitespace())
            .any(|c| c == '\n')
}

/// Whether `text` is punctuated prose: most of its paragraphs end with a stop. Archives that
/// strip punctuation (lower-cased 2014 UK press) have no headline a missing stop could show.
pub(crate) fn punctuated(text: &str) -> bool {
    let (mut stopped, mut lines) = (0usize, 0usize);
    for line in text.lines().map(str::trim).filter(|line| !line.is_empty()) {
        lines += 1;
        if line.ends_with(['.', '!', '?', '"', '”', '’', '\'', ':']) {
            stopped += 1;
        }
    }
    lines > 0 && stopped * 2 >= lines
}

pub fn extract(text: &str, published: Option<NaiveDate>, pack: &Pack) -> Extraction {
    extract_lang(text, "en", published, pack)
}

/// Run all extractors on one cleaned text in language `lang` (a lower-cased text through its
/// truecased copy: [`truecase`]).
pub fn extract_lang(
    text: &str,
    lang: &str,
    published: Option<NaiveDate>,
    pack: &Pack,
) -> Extraction {
    let text = truecase::truecase(text, lang, pack);
    run(&Context::with_lang(&text, lang, published, pack))
}

/// Run all extractors on a prepared context (afterwards [`Context::analysed`] tells how many
/// of its sentences had to be parsed).
/// With a deadline ([`Context::with_deadline`]), the extractors not yet started when it passes
/// are skipped (their records empty).
pub fn run(ctx: &Context) -> Extraction {
    // The dates and the figures extractors read the same tokens of each sentence: cut once.
    let tokens: Vec<crate::annotate::Tokens> = ctx
        .sentences
        .iter()
        .map(|&sentence| crate::annotate::Tokens::new(ctx.text, sentence))
        .collect();
    let dates = dates::extract_with(ctx, &tokens);

    let figures = if ctx.over_budget() {
        Vec::new()
    } else {
        figures::extract_with(ctx, &tokens)
    };
    drop(tokens);
    let quotes = if ctx.over_budget() {
        Vec::new()
    } else {
        quotes::extract(ctx)
    };
    let claims = if ctx.over_budget() {
        Vec::new()
    } else {
        claims::extract(ctx, &quotes)
    };
    let events = if ctx.over_budget() {
        Vec::new()
    } else {
        events::extract(ctx, &dates, &quotes)
    };
    Extraction {
        events,
        quotes,
        dates,
        figures,
        claims,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn span_set_answers_as_a_scan_over_every_span_would() {
        // A small deterministic generator: spans of all shapes, empty ones included.
        let mut seed = 12_345_u64;
        let mut next = |limit: usize| {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            (seed >> 33) as usize % limit
        };
        for _ in 0..200 {
            let spans: Vec<Span> = (0..next(12))
                .map(|_| {
                    let start = next(60);
                    Span::new(start, start + next(15))
                })
                .collect();
            let set = SpanSet::new(spans.iter().copied());
            for _ in 0..30 {
                let start = next(70);
                let probe = Span::new(start, start + next(20));
                assert_eq!(
                    set.overlaps_any(probe),
                    spans.iter().any(|span| span.overlaps(probe)),
                    "{probe:?} against {spans:?}"
                );
            }
        }
    }
}
