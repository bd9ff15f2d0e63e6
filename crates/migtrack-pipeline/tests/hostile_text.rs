//! Hostile text: inputs built to make a stage's cost grow faster than their length (issue 12,
//! item 2). The tests count work (words per sentence, sentences parsed), never time; the
//! release-build timings are in RELIABILITY.md.

use migtrack_domain::Pack;
use migtrack_nlp::parser::MAX_WORDS;
use migtrack_pipeline::extract::{self, Context};

fn one_sentence(unit: &str, bytes: usize) -> String {
    let mut text = unit.repeat(bytes / unit.len() + 1);
    text.truncate(bytes);
    text.push('.');
    text
}

/// A 128 KB sentence of capitalised words took 24 s: the organisation-name rule walked the run
/// of capitalised words, as long as the sentence, from every word of it. Cut into pieces of at
/// most the parser's cap, the work per piece is bounded.
#[test]
fn a_128_kb_sentence_is_cut_into_pieces_of_bounded_length() {
    let text = one_sentence("United Nations High Commissioner for Refugees ", 128 * 1024);
    let ctx = Context::new(&text, None, Pack::builtin());
    let longest = ctx.layer.iter().map(|s| s.words.len()).max().unwrap();
    assert!(longest <= MAX_WORDS, "a sentence of {longest} words");
    let words: usize = ctx.layer.iter().map(|s| s.words.len()).sum();
    assert!(words > 15_000, "every word is still there: {words}");
    assert_eq!(ctx.sentences.len(), ctx.layer.len());
    // The pieces get the flat analysis the whole sentence got before it was cut (the parser
    // stops at the same length), so cutting adds no parsing work.
    assert!(ctx.layer.iter().all(|sentence| sentence.piece));
    let analysis = ctx.analysis(3).expect("English");
    assert_eq!(analysis[0].head, None);
    assert!(analysis[1..].iter().all(|word| word.head == Some(0)));
    let extraction = extract::run(&ctx);
    assert!(extraction.events.is_empty());
}

#[test]
fn ordinary_sentences_are_not_pieces_and_are_parsed() {
    let text = "Brazil withdrew from the Global Compact for Migration on Tuesday. \
                The ministry said so.";
    let ctx = Context::new(text, None, Pack::builtin());
    assert!(ctx.layer.iter().all(|sentence| !sentence.piece));
    let analysis = ctx.analysis(0).expect("English");
    assert!(
        analysis
            .iter()
            .any(|word| word.head.is_some_and(|head| head != 0))
    );
}

#[test]
fn a_long_sentence_of_events_and_quotes_is_cut_too() {
    for unit in [
        "Brazil withdrew from the Global Compact for Migration and ",
        "\u{201c}We will not sign,\u{201d} ",
    ] {
        let text = one_sentence(unit, 64 * 1024);
        let ctx = Context::new(&text, None, Pack::builtin());
        assert!(
            ctx.layer.iter().all(|s| s.words.len() <= MAX_WORDS),
            "{unit}"
        );
        extract::run(&ctx);
    }
}
