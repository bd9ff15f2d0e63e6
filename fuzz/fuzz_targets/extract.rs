//! Every extractor on any text: no panic, every span inside the text on character boundaries,
//! the same records twice.
#![no_main]

use libfuzzer_sys::fuzz_target;
use migtrack_domain::Pack;
use migtrack_model::Span;
use migtrack_pipeline::extract;

fn inside(text: &str, span: Span) {
    assert!(span.start <= span.end && span.end <= text.len(), "{span:?}");
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{span:?}"
    );
}

fuzz_target!(|text: &str| {
    let pack = Pack::builtin();
    let found = extract::extract(text, None, pack);
    for event in &found.events {
        inside(text, event.span);
        inside(text, event.sentence);
    }
    for quote in &found.quotes {
        inside(text, quote.span);
        quote.speaker_span.map(|span| inside(text, span));
    }
    for date in &found.dates {
        inside(text, date.span);
    }
    for figure in &found.figures {
        inside(text, figure.span);
    }
    for claim in &found.claims {
        inside(text, claim.span);
        claim.evidence_span.map(|span| inside(text, span));
    }
    assert_eq!(found, extract::extract(text, None, pack));
});
