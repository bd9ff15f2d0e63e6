//! The shipped English model against the en_ewt test treebank with gold words: the floors
//! issue 7 sets (UPOS ≥ 95.0, UAS ≥ 86.0, LAS ≥ 83.0, scored as the CoNLL 2018 scorer does:
//! relation subtypes dropped). The crate is compiled with optimisation in tests (see the
//! workspace Cargo.toml), so this runs in seconds.

use migtrack_nlp::{Model, conllu, train};

fn treebank(name: &str) -> Option<Vec<conllu::Sentence>> {
    let path = migtrack_testdata::shared_with(&format!("ud/en_ewt/{name}"))?
        .join("ud/en_ewt")
        .join(name);
    let text = std::fs::read_to_string(&path).expect("the treebank is readable");
    Some(conllu::parse(&text).expect("the treebank parses"))
}

#[test]
fn english_model_meets_the_gold_tokenization_floors_on_en_ewt_test() {
    let Some(test) = treebank("en_ewt-ud-test.conllu") else {
        return;
    };
    let scores = train::evaluate(Model::english(), &test);
    eprintln!("en_ewt test, gold words: {scores}");
    assert!(scores.upos >= 95.0, "UPOS {:.2} < 95.0", scores.upos);
    assert!(scores.uas >= 86.0, "UAS {:.2} < 86.0", scores.uas);
    assert!(scores.las >= 83.0, "LAS {:.2} < 83.0", scores.las);
}

#[test]
fn english_model_loads_from_its_bytes_and_round_trips() {
    let model = Model::english();
    let again = Model::from_bytes(&model.to_bytes()).expect("the model's own bytes load");
    let words = [
        "The", "United", "States", "withdrew", "from", "the", "compact", ".",
    ];
    assert_eq!(model.analyze_forms(&words), again.analyze_forms(&words));
    // The bytes do not depend on the order of the lookup tables in memory.
    assert!(
        again.to_bytes() == model.to_bytes(),
        "the model writes the bytes it read"
    );
}
