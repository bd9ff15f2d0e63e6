//! Training is reproducible: the same treebank and settings give the same model bytes, and
//! the model learns something (it tags its own training sentences better than chance).

use migtrack_nlp::{Model, conllu, train};

fn small_treebank() -> Option<Vec<conllu::Sentence>> {
    let path = migtrack_testdata::shared_with("ud/en_ewt/en_ewt-ud-dev.conllu")?
        .join("ud/en_ewt/en_ewt-ud-dev.conllu");
    let text = std::fs::read_to_string(&path).expect("the treebank is readable");
    Some(
        conllu::parse(&text)
            .expect("the treebank parses")
            .into_iter()
            .take(300)
            .collect(),
    )
}

#[test]
fn the_same_treebank_and_settings_give_the_same_bytes() {
    let Some(sentences) = small_treebank() else {
        return;
    };
    let settings = train::Settings {
        tagger_epochs: 2,
        parser_epochs: 2,
        jackknife_folds: 2,
        beam: 4,
        ..Default::default()
    };
    let first = train::train(&sentences, &[], &settings, &mut |_| {}).to_bytes();
    let second = train::train(&sentences, &[], &settings, &mut |_| {}).to_bytes();
    assert_eq!(first, second);
    let model = Model::from_bytes(&first).expect("the trained bytes load");
    let scores = train::evaluate(&model, &sentences);
    assert!(
        scores.upos > 80.0,
        "a model tags its training sentences: {scores}"
    );
    assert!(scores.uas > 50.0, "and parses them: {scores}");
}

#[test]
fn damaged_model_bytes_are_an_error_not_a_panic() {
    assert!(Model::from_bytes(b"not a model").is_err());
    let bytes = Model::english().to_bytes();
    let mut raw = Vec::new();
    std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&bytes[..]), &mut raw).unwrap();
    for cut in [20, raw.len() / 3, raw.len() - 1] {
        assert!(
            Model::from_bytes(&raw[..cut]).is_err(),
            "a model cut at {cut} bytes is refused"
        );
    }
}
