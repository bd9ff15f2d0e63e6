//! No nonsense in the headline views (issue 8, item 7), over the whole shared news corpus:
//! event targets are phrases, not fragments, and no status-table cell can come from a
//! negated, hypothetical or counterfactual sentence.
//!
//! The checks here read only the surface of the output (word lists), independently of the
//! tree the extractor uses, so that they judge it rather than repeat it.

mod common;

use migtrack_domain::{EntityKind, Pack};
use migtrack_model::{Event, Modality};
use migtrack_pipeline::clean::clean;
use migtrack_pipeline::extract::{self, Context};
use migtrack_pipeline::link::status_word;

const PREPOSITIONS: &[&str] = &[
    "of",
    "to",
    "in",
    "on",
    "at",
    "for",
    "from",
    "with",
    "by",
    "about",
    "against",
    "into",
    "over",
    "under",
    "without",
    "per",
    "than",
    "as",
    "between",
    "through",
    "after",
    "before",
    "during",
    "toward",
    "towards",
    "across",
    "among",
    "amid",
    "via",
    "within",
    "upon",
    "including",
];
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her", "our", "my",
    "your", "some", "any", "every", "each", "no", "all", "both", "another",
];
const PRONOUNS: &[&str] = &[
    "it",
    "them",
    "they",
    "he",
    "she",
    "him",
    "her",
    "us",
    "we",
    "you",
    "i",
    "me",
    "this",
    "that",
    "these",
    "those",
    "which",
    "who",
    "whom",
    "itself",
    "themselves",
];
/// Words that make a sentence negated, conditional or counterfactual.
const NOT_ASSERTED: &[&str] = &[
    "not", "n't", "never", "if", "unless", "whether", "whoever", "would", "could", "might",
];

/// The test: a target that ends in a preposition, determiner or possessive, starts
/// with a preposition, or is a bare pronoun.
fn malformed(target: &str) -> bool {
    let words: Vec<String> = target.split_whitespace().map(str::to_lowercase).collect();
    let (Some(first), Some(last)) = (words.first(), words.last()) else {
        return true;
    };
    PREPOSITIONS.contains(&last.as_str())
        || DETERMINERS.contains(&last.as_str())
        || last.ends_with("'s")
        || last.ends_with("’s")
        || PREPOSITIONS.contains(&first.as_str())
        || words.len() == 1 && PRONOUNS.contains(&first.as_str())
}

fn words(sentence: &str) -> Vec<String> {
    sentence
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .filter(|word| !word.is_empty())
        .flat_map(|word| {
            let lower = word.to_lowercase().replace('’', "'");
            match lower.strip_suffix("n't") {
                Some(stem) => vec![stem.to_string(), "n't".to_string()],
                None => vec![lower],
            }
        })
        .collect()
}

/// Every event of the corpus with its sentence.
fn corpus_events() -> Option<Vec<(String, Event, String)>> {
    let corpus = common::shared()?.join("corpus/news");
    let mut out = Vec::new();
    let (mut sentences, mut parsed) = (0, 0);
    for raw in common::news_corpus(&corpus) {
        let file = raw.source.clone();
        let doc = clean(&raw).unwrap_or_else(|error| panic!("{file}: {error}"));
        let lang = doc.lang.as_deref().unwrap_or("en");
        let ctx = Context::with_lang(&doc.text, lang, doc.published, Pack::builtin());
        let extraction = extract::run(&ctx);
        sentences += ctx.sentences.len();
        parsed += ctx.analysed();
        for event in extraction.events {
            let sentence = event.sentence.slice(&doc.text).to_string();
            out.push((file.clone(), event, sentence));
        }
    }
    println!(
        "sentences parsed: {parsed} of {sentences} ({:.1}%)",
        100.0 * parsed as f64 / sentences.max(1) as f64
    );
    Some(out)
}

#[test]
fn headline_views_hold_no_fragments_and_no_unasserted_status() {
    let Some(events) = corpus_events() else {
        return;
    };
    assert!(events.len() >= 300, "only {} events", events.len());

    let bad: Vec<&str> = events
        .iter()
        .map(|(_, event, _)| event.target.as_str())
        .filter(|target| malformed(target))
        .collect();
    let share = bad.len() as f64 / events.len() as f64;
    println!(
        "malformed targets: {} of {} ({:.2}%): {bad:?}",
        bad.len(),
        events.len(),
        share * 100.0
    );
    assert!(
        share <= 0.005,
        "malformed targets {:.2}% > 0.5%: {bad:?}",
        share * 100.0
    );

    let pack = Pack::builtin();
    let kind = |id: &str| pack.entity(id).map(|entity| entity.kind);
    let mut cells = 0;
    for (file, event, sentence) in &events {
        let status_cell = status_word(event.action).is_some()
            && event.modality == Modality::Asserted
            && kind(&event.actor) == Some(EntityKind::State)
            && matches!(
                kind(&event.target),
                Some(EntityKind::Framework | EntityKind::Body)
            );
        if !status_cell {
            continue;
        }
        cells += 1;
        let words = words(sentence);
        let cue = NOT_ASSERTED
            .iter()
            .find(|cue| words.iter().any(|word| word == *cue));
        assert!(
            cue.is_none(),
            "{file}: status {} {} {} from a sentence with {cue:?}: {sentence}",
            event.actor,
            event.action,
            event.target
        );
    }
    println!("status-eligible events checked: {cells}");
}

#[test]
fn the_fragment_test_itself_tells_fragments_from_phrases() {
    for fragment in [
        "of the foreign detainees",
        "them",
        "without regard",
        "refugees per",
        "the CDU’s",
    ] {
        assert!(malformed(fragment), "{fragment}");
    }
    for phrase in [
        "refugee admissions cap",
        "30,000 refugees per year",
        "southern border",
    ] {
        assert!(!malformed(phrase), "{phrase}");
    }
    assert_eq!(words("He didn’t sign"), ["he", "did", "n't", "sign"]);
}
