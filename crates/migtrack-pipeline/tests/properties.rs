//! Properties the architecture promises for every input (issue 12, item 11): clean and extract
//! never panic, every record's span lies inside the text on character boundaries, the output
//! is deterministic, and the work is bounded by the length of the input (counted, never timed).
//!
//! Inputs are arbitrary strings and strings built from words the extractors react to (verbs,
//! countries, quotes, dates, figures), so that the rules run, not only the tokenizer.

use migtrack_domain::Pack;
use migtrack_model::{ContentKind, DocMeta, Extraction, RawDocument, Span};
use migtrack_nlp::parser::MAX_WORDS;
use migtrack_pipeline::clean;
use migtrack_pipeline::extract::{self, Context};
use proptest::prelude::*;

/// Words and marks that the extractors look for, to be strung together at random.
const VOCABULARY: &[&str] = &[
    "Brazil",
    "withdrew",
    "from",
    "the",
    "Global",
    "Compact",
    "for",
    "Migration",
    "Italy",
    "signed",
    "agreement",
    "with",
    "Libya",
    "on",
    "March",
    "3",
    "2025",
    "Nov.",
    "27,",
    "said",
    "\u{201c}",
    "\u{201d}",
    "\"",
    "'",
    "\u{ab}",
    "\u{bb}",
    "\u{201e}",
    "We",
    "will",
    "not",
    "sign",
    "the",
    "UN",
    "High",
    "Commissioner",
    "Refugees",
    "12,000",
    "migrants",
    "asylum",
    "seekers",
    "arrived",
    "in",
    "2024",
    "last",
    "year",
    "minister",
    "according",
    "to",
    ".",
    ",",
    ";",
    ":",
    "?",
    "!",
    "-",
    "\u{2013}",
    "(",
    ")",
    "\n",
    "\n\n",
    "\u{a0}",
    "\u{fffd}",
    "é",
    "Zürich",
    "日本",
    "🙂",
    "\u{300}",
    "\t",
    "Mr.",
    "U.S.",
    "EU",
    "on Tuesday",
    "1.5",
    "million",
    "percent",
    "%",
    "deported",
    "announced",
    "suspended",
    "rejected",
    "claimed",
];

/// Tags and attributes an HTML page is made of, to be strung together with the words.
const MARKUP: &[&str] = &[
    "<html>",
    "<head>",
    "<title>",
    "</title>",
    "</head>",
    "<body>",
    "</body>",
    "</html>",
    "<p>",
    "</p>",
    "<div>",
    "</div>",
    "<article>",
    "</article>",
    "<h1>",
    "</h1>",
    "<i>",
    "</i>",
    "<b>",
    "<br>",
    "<script>",
    "</script>",
    "<style>",
    "</style>",
    "<!--",
    "-->",
    "<a href=\"/x\">",
    "</a>",
    "<meta property=\"article:published_time\" content=\"2025-03-03\">",
    "<time datetime=\"2025-11-27\">",
    "</time>",
    "&amp;",
    "&nbsp;",
    "&#x201c;",
    "&#8221;",
    "<![CDATA[",
    "]]>",
    "<table>",
    "<td>",
    "<li>",
    "<ul>",
    "<nav>",
    "<footer>",
    "<",
    ">",
    "&",
    "<!DOCTYPE html>",
];

fn words(vocabulary: &'static [&'static str], max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(vocabulary), 0..max)
        .prop_map(|words| words.join(" "))
}

/// Arbitrary text, text built from the vocabulary, or a mixture of both.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        words(VOCABULARY, 200),
        (
            words(VOCABULARY, 80),
            any::<String>(),
            words(VOCABULARY, 80)
        )
            .prop_map(|(a, b, c)| format!("{a}{b}{c}")),
    ]
}

/// HTML-ish pages: markup and words at random, or a well-formed page around vocabulary text.
fn html() -> impl Strategy<Value = String> {
    let both: Vec<&'static str> = MARKUP.iter().chain(VOCABULARY).copied().collect();
    let both: &'static [&'static str] = Box::leak(both.into_boxed_slice());
    prop_oneof![
        prop::collection::vec(prop::sample::select(both), 0..300).prop_map(|parts| parts.concat()),
        (
            words(VOCABULARY, 20),
            prop::collection::vec(words(VOCABULARY, 60), 0..8)
        )
            .prop_map(|(title, paragraphs)| {
                let body: String = paragraphs.iter().map(|p| format!("<p>{p}</p>")).collect();
                format!(
                    "<!DOCTYPE html><html><head><title>{title}</title></head>\
                     <body><article><h1>{title}</h1>{body}</article></body></html>"
                )
            }),
        any::<String>().prop_map(|s| format!("<html><body><p>{s}</p></body></html>")),
    ]
}

fn raw(bytes: Vec<u8>, kind: ContentKind) -> RawDocument {
    RawDocument {
        source: "property".to_string(),
        bytes,
        kind,
        meta: DocMeta::default(),
    }
}

fn check_span(text: &str, span: Span, what: &str) -> Result<(), TestCaseError> {
    prop_assert!(
        span.start <= span.end && span.end <= text.len(),
        "{what} {span:?} outside a text of {} bytes",
        text.len()
    );
    prop_assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what} {span:?} not on character boundaries"
    );
    Ok(())
}

/// Every span of every record lies inside `text`, on character boundaries.
fn check_extraction(text: &str, extraction: &Extraction) -> Result<(), TestCaseError> {
    for event in &extraction.events {
        check_span(text, event.span, "event span")?;
        check_span(text, event.sentence, "event sentence")?;
    }
    for quote in &extraction.quotes {
        check_span(text, quote.span, "quote span")?;
        if let Some(speaker) = quote.speaker_span {
            check_span(text, speaker, "quote speaker span")?;
        }
    }
    for date in &extraction.dates {
        check_span(text, date.span, "date span")?;
    }
    for figure in &extraction.figures {
        check_span(text, figure.span, "figure span")?;
    }
    for claim in &extraction.claims {
        check_span(text, claim.span, "claim span")?;
        if let Some(evidence) = claim.evidence_span {
            check_span(text, evidence, "claim evidence span")?;
        }
    }
    Ok(())
}

/// Extract runs on `text`: its spans are inside, a second run is equal, and the work is
/// bounded by the text (no sentence longer than the parser's cap, at most one parse per
/// sentence, sentences in order and inside the text).
fn check_extract(text: &str) -> Result<(), TestCaseError> {
    let pack = Pack::builtin();
    let ctx = Context::new(text, None, pack);
    let first = extract::run(&ctx);
    check_extraction(text, &first)?;
    prop_assert!(ctx.analysed() <= ctx.layer.len());
    prop_assert_eq!(ctx.sentences.len(), ctx.layer.len());
    let mut previous_end = 0;
    for (sentence, layer) in ctx.sentences.iter().zip(&ctx.layer) {
        check_span(text, *sentence, "sentence")?;
        prop_assert!(
            sentence.start >= previous_end,
            "sentences overlap at {sentence:?}"
        );
        previous_end = sentence.end;
        prop_assert!(layer.words.len() <= MAX_WORDS);
        prop_assert!(layer.words.len() <= sentence.end - sentence.start);
    }
    let second = extract::extract(text, None, pack);
    prop_assert_eq!(&first, &second, "extract is not deterministic");
    Ok(())
}

/// Clean runs on `bytes`: no panic, the origin map points inside both texts and is sorted, a
/// second run is equal, and extract holds its properties on the cleaned text.
fn check_clean(bytes: Vec<u8>, kind: ContentKind) -> Result<(), TestCaseError> {
    let document = raw(bytes, kind);
    let first = clean::clean(&document);
    let second = clean::clean(&document);
    match (&first, &second) {
        (Ok(a), Ok(b)) => prop_assert_eq!(a, b, "clean is not deterministic"),
        (Err(a), Err(b)) => prop_assert_eq!(a.to_string(), b.to_string()),
        _ => prop_assert!(false, "clean succeeded once and failed once"),
    }
    if let Ok(doc) = first {
        prop_assert!(doc.text.len() <= document.bytes.len() * 4 + 64);
        prop_assert!(
            doc.origin_map.windows(2).all(|pair| pair[0].0 <= pair[1].0),
            "origin map not sorted"
        );
        for &(clean_offset, _) in &doc.origin_map {
            prop_assert!(clean_offset <= doc.text.len());
        }
        check_extract(&doc.text)?;
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn extract_holds_for_any_text(text in text()) {
        check_extract(&text)?;
    }

    #[test]
    fn clean_and_extract_hold_for_any_text_document(text in text()) {
        check_clean(text.into_bytes(), ContentKind::Text)?;
    }

    #[test]
    fn clean_and_extract_hold_for_any_html_page(page in html()) {
        check_clean(page.into_bytes(), ContentKind::Html)?;
    }

    #[test]
    fn clean_holds_for_any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        check_clean(bytes, ContentKind::Unknown)?;
    }

    /// The work extract does grows with the number of sentences, not faster: a text repeated
    /// k times has k times the sentences (give or take the joins) and never more parses than
    /// sentences.
    #[test]
    fn sentences_grow_linearly_with_repetition(unit in words(VOCABULARY, 60), k in 1usize..12) {
        let pack = Pack::builtin();
        let unit = format!("{unit}.\n\n");
        let one = Context::new(&unit, None, pack);
        let text = unit.repeat(k);
        let many = Context::new(&text, None, pack);
        extract::run(&many);
        prop_assert!(many.analysed() <= many.layer.len());
        prop_assert!(
            many.layer.len() <= k * (one.layer.len() + 1),
            "{} sentences for {k} copies of a text of {}",
            many.layer.len(),
            one.layer.len()
        );
        let words_one: usize = one.layer.iter().map(|s| s.words.len()).sum();
        let words_many: usize = many.layer.iter().map(|s| s.words.len()).sum();
        prop_assert!(words_many <= k * (words_one + 1));
    }
}
