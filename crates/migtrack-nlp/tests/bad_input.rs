//! Hostile input for the tagger and parser: no panic, a tree for every word, and bounded work
//! (a sentence past the parser's cap gets the flat analysis instead of a parse).

use migtrack_nlp::{Model, parser::MAX_WORDS};

fn check_tree(forms: &[&str]) {
    let analysis = Model::english().analyze_forms(forms);
    assert_eq!(analysis.len(), forms.len());
    let roots = analysis.iter().filter(|word| word.head.is_none()).count();
    if !forms.is_empty() {
        assert_eq!(roots, 1, "one root per sentence");
    }
    for word in &analysis {
        if let Some(head) = word.head {
            assert!(
                (head as usize) < forms.len(),
                "heads point inside the sentence"
            );
        }
    }
}

#[test]
fn an_empty_sentence_has_an_empty_analysis() {
    check_tree(&[]);
}

#[test]
fn a_sentence_of_five_thousand_words_gets_the_flat_analysis() {
    let forms: Vec<&str> = (0..5_000)
        .map(|index| if index % 7 == 6 { "," } else { "refugees" })
        .collect();
    assert!(forms.len() > MAX_WORDS);
    let analysis = Model::english().analyze_forms(&forms);
    assert_eq!(analysis[0].head, None);
    assert!(
        analysis[1..].iter().all(|word| word.head == Some(0)),
        "every word hangs from the first"
    );
}

#[test]
fn a_sentence_just_under_the_cap_is_parsed() {
    let forms: Vec<&str> = (0..MAX_WORDS)
        .map(|index| if index % 2 == 0 { "states" } else { "and" })
        .collect();
    check_tree(&forms);
}

#[test]
fn a_ten_kilobyte_word_control_characters_and_mixed_scripts_are_words_like_any_other() {
    let long = "x".repeat(10_000);
    check_tree(&[&long, "withdrew", "."]);
    check_tree(&["\u{0}", "\u{7}\u{1b}[31m", "\u{202e}", "said", "."]);
    check_tree(&[
        "Ангела",
        "Merkel",
        "和",
        "مهاجر",
        "🇺🇸",
        "signed",
        "the",
        "pact",
        ".",
    ]);
}

#[test]
fn shipped_spanish_and_french_models_load_and_german_has_none() {
    for lang in ["en", "es", "fr"] {
        let model = Model::for_language(lang).expect("a shipped model");
        assert_eq!(model.lang, lang);
        assert_eq!(model.analyze_forms(&["la", "migración", "."]).len(), 3);
    }
    assert!(Model::for_language("de").is_none());
}
