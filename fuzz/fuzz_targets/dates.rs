//! The date extractor on any text: no panic, spans inside the text on character boundaries.
#![no_main]

use libfuzzer_sys::fuzz_target;
use migtrack_pipeline::extract::dates;

fuzz_target!(|text: &str| {
    let sentences: Vec<_> = migtrack_nlp::split(text)
        .iter()
        .map(|sentence| sentence.span)
        .collect();
    let published = chrono::NaiveDate::from_ymd_opt(2025, 3, 3);
    for mention in dates::find(text, &sentences, published) {
        let span = mention.span;
        assert!(span.start <= span.end && span.end <= text.len());
        assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
    }
});
