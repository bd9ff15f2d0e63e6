//! The finite-verb repair: a statement the greedy tagger left without a finite verb gets the
//! finite reading of its likeliest main verb, and the tree then has a clause with a subject.

use migtrack_nlp::{Analysis, Model};

fn analyse(sentence: &str) -> (Vec<&str>, Vec<Analysis>) {
    let words: Vec<&str> = sentence.split_whitespace().collect();
    let analysis = Model::english().analyze_forms(&words);
    (words, analysis)
}

fn word<'a>(words: &[&str], analysis: &'a [Analysis], form: &str) -> (usize, &'a Analysis) {
    let index = words
        .iter()
        .position(|w| *w == form)
        .expect("the word is there");
    (index, &analysis[index])
}

#[test]
fn a_lost_past_tense_becomes_the_main_verb_with_its_subject() {
    // Without the repair the tagger reads "suspended" as a participle (VBN) and the parser
    // makes the sentence one noun phrase headed by "admissions".
    let (words, analysis) = analyse("Obama later suspended refugee admissions .");
    let (verb, suspended) = word(&words, &analysis, "suspended");
    assert_eq!(suspended.xpos, "VBD");
    assert_eq!(suspended.deprel, "root");
    let (_, obama) = word(&words, &analysis, "Obama");
    assert_eq!(obama.deprel, "nsubj");
    assert_eq!(obama.head, Some(verb as u32));
}

#[test]
fn a_participle_with_its_agent_stays_a_participle() {
    let (words, analysis) =
        analyse("Republicans led by Senator McConnell pressured the president to agree .");
    assert_eq!(word(&words, &analysis, "led").1.xpos, "VBN");
    let (_, pressured) = word(&words, &analysis, "pressured");
    assert_eq!(pressured.xpos, "VBD");
    assert_eq!(pressured.deprel, "root");
}

#[test]
fn fragments_and_imperatives_keep_their_tags() {
    // "taken" has no past-tense reading: a caption needs no verb.
    let (words, analysis) = analyse("Picture taken July 14 , 2019 .");
    assert_eq!(word(&words, &analysis, "taken").1.xpos, "VBN");
    // An imperative's base form comes before any noun phrase.
    let (words, analysis) = analyse("Read our submission guidelines and pitch us .");
    assert_eq!(word(&words, &analysis, "Read").1.xpos, "VB");
    assert_eq!(word(&words, &analysis, "pitch").1.xpos, "VB");
    // A sentence with a finite verb is left as the tagger gave it.
    let (words, analysis) = analyse("The government has suspended refugee admissions .");
    assert_eq!(word(&words, &analysis, "suspended").1.xpos, "VBN");
}
