//! Clean stage, rule by rule: decoding, whitespace, boilerplate lines and blocks, repeated
//! paragraphs, datelines, HTML post-filter, the origin map, and the seed documents.

use chrono::NaiveDate;
use migtrack_model::{CleanDocument, ContentKind, DateOrigin, DocMeta, RawDocument};
use migtrack_pipeline::clean::{CleanConfig, CleanError, clean, clean_with};

fn raw(bytes: &[u8], kind: ContentKind) -> RawDocument {
    RawDocument {
        source: "test".into(),
        bytes: bytes.to_vec(),
        kind,
        meta: DocMeta::default(),
    }
}

fn clean_text(input: &str) -> CleanDocument {
    clean(&raw(input.as_bytes(), ContentKind::Text)).expect("plain text cleans")
}

/// The cleaned text of a plain-text input.
#[track_caller]
fn check(input: &str, expected: &str) {
    let doc = clean_text(input);
    assert_eq!(doc.text, expected, "input: {input:?}");
    assert_origin_map_exact(input, &doc);
}

/// Every kept run maps back to the same bytes of the original.
#[track_caller]
fn assert_origin_map_exact(original: &str, doc: &CleanDocument) {
    assert!(!doc.origin_map.is_empty() || doc.text.is_empty());
    for (index, &(clean_start, original_start)) in doc.origin_map.iter().enumerate() {
        let clean_end = doc
            .origin_map
            .get(index + 1)
            .map_or(doc.text.len(), |&(next, _)| next);
        // A run ends with the separator that joins it to the next run; compare its words.
        let run = doc.text[clean_start..clean_end].trim_end();
        assert_eq!(
            original.get(original_start..original_start + run.len()),
            Some(run),
            "run {index} maps to the wrong place"
        );
    }
}

#[test]
fn whitespace_is_folded_and_paragraphs_get_one_blank_line() {
    let cases = [
        ("One  two\tthree", "One two three"),
        ("  leading and trailing  \n", "leading and trailing"),
        ("First line\r\nSecond line\r\n", "First line\n\nSecond line"),
        ("Para one\n\n\n\nPara two", "Para one\n\nPara two"),
        ("non\u{a0}breaking space", "non breaking space"),
    ];
    for (input, expected) in cases {
        check(input, expected);
    }
}

#[test]
fn quotes_are_kept_as_written() {
    let cases = [
        (
            "He said “we will act” and ‘soon’.",
            "He said “we will act” and ‘soon’.",
        ),
        ("Sie sagte „nein“ und «non».", "Sie sagte „nein“ und «non»."),
        ("Plain \"straight\" quotes.", "Plain \"straight\" quotes."),
    ];
    for (input, expected) in cases {
        check(input, expected);
    }
}

#[test]
fn boilerplate_lines_are_dropped() {
    let body = "The ministry confirmed the new rules on Tuesday.";
    let cases = [
        "Leave a Reply",
        "Leave a comment",
        "Share this:",
        "Share this article",
        "Subscribe to our newsletter",
        "Sign up for the morning briefing",
        "Related: Ministers clash over border funding",
        "READ MORE: Ministers clash over border funding",
        "Advertisement",
        "Click here to read the full report",
        "Follow us on Twitter",
        "The author is a staff writer. Twitter: @example_writer",
        "© 2024 Example Media. All rights reserved.",
        "12 Comments",
    ];
    for boilerplate in cases {
        check(&format!("{body}\n{boilerplate}"), body);
        check(&format!("{boilerplate}\n{body}"), body);
    }
}

#[test]
fn sentences_that_start_like_boilerplate_are_kept() {
    let cases = [
        "Share prices of the two ferry operators fell after the ministry announced the new checks.",
        "Subscribers to the government's alert service were told the border would close at noon.",
        "Related measures were announced by the interior ministry later that week, officials said.",
        "Comments by the minister drew criticism from several aid groups on Wednesday.",
    ];
    for sentence in cases {
        check(sentence, sentence);
    }
}

#[test]
fn teaser_block_after_more_from_heading_is_dropped_to_the_end() {
    let input = "The council voted to expand the resettlement programme.\n\
        It will admit 2,000 more people next year, officials said.\n\
        The vote passed by a wide margin.\n\
        More from The Daily Example\n\
        \n\
        Harbour authority announces ferry timetable\n\
        The changes start in May.\n\
        \n\
        Local choir wins regional competition\n\
        A third title in a row.";
    check(
        input,
        "The council voted to expand the resettlement programme.\n\n\
         It will admit 2,000 more people next year, officials said.\n\n\
         The vote passed by a wide margin.",
    );
}

#[test]
fn more_from_heading_early_with_long_text_after_it_is_kept() {
    // A heading near the top followed by real paragraphs is not a teaser block.
    let long = "The interior ministry said the new processing rules would apply to every application \
        lodged after the first of June, and that applicants already waiting would be contacted by \
        letter within six weeks to explain which documents they still need to send.";
    let input = format!("More from the ministry\n{long}\n{long} Again.\n{long} Once more.");
    let doc = clean_text(&input);
    assert!(
        doc.text.starts_with("More from the ministry"),
        "{}",
        doc.text
    );
    assert_eq!(doc.text.matches("interior ministry").count(), 3);
}

#[test]
fn repeated_paragraphs_are_kept_once() {
    let paragraph = "The government has decided to boycott the conference on migration.";
    check(
        &format!("{paragraph}\n{paragraph}\nA second paragraph follows here."),
        &format!("{paragraph}\n\nA second paragraph follows here."),
    );
    // Spacing and case do not hide a repeat.
    check(
        &format!("{paragraph}\n  {}  ", paragraph.to_uppercase()),
        paragraph,
    );
    // Short repeated lines are structure (interview turns), not duplicates.
    check(
        "Q: Why?\nA: Because.\nQ: Why?",
        "Q: Why?\n\nA: Because.\n\nQ: Why?",
    );
}

#[test]
fn plain_text_title_line_is_left_in_place() {
    let doc =
        clean_text("Howard unveils asylum plans\n\nThe party leader set out plans on Monday.");
    assert_eq!(doc.title, None);
    assert_eq!(
        doc.text,
        "Howard unveils asylum plans\n\nThe party leader set out plans on Monday."
    );
}

fn date(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, day)
}

#[test]
fn dateline_gives_the_publication_date() {
    let cases = [
        (
            "WASHINGTON, Nov. 27, 2025 – The administration said on Thursday.",
            date(2025, 11, 27),
        ),
        (
            "BERLIN, 3 December 2017 (Reuters) - Ministers met on Sunday.",
            date(2017, 12, 3),
        ),
        ("Dec. 3, 2017\nThe government announced.", date(2017, 12, 3)),
        (
            "SAN JUAN, Puerto Rico, March 5, 2019 — Officials said.",
            date(2019, 3, 5),
        ),
        (
            "Published: 14 May 2014\nThe paper reported.",
            date(2014, 5, 14),
        ),
        ("2016-01-20\nThe cabinet agreed.", date(2016, 1, 20)),
        ("LONDON (Reuters) - Ministers met on Sunday.", None),
        (
            "The minister spoke.\nOn Nov. 27, 2025 the cabinet met again.",
            None,
        ),
        ("WASHINGTON, Feb. 30, 2025 – An impossible date.", None),
    ];
    for (input, expected) in cases {
        let doc = clean_text(input);
        assert_eq!(doc.published, expected, "input: {input:?}");
        let origin = expected.map(|_| DateOrigin::Dateline);
        assert_eq!(doc.published_origin, origin, "input: {input:?}");
        // The dateline stays in the text for the dates extractor.
        assert!(doc.text.starts_with(input.lines().next().unwrap_or("")));
    }
}

#[test]
fn metadata_date_wins_over_the_dateline() {
    let mut document = raw(
        "WASHINGTON, Nov. 27, 2025 – The administration said.".as_bytes(),
        ContentKind::Text,
    );
    document.meta.published = date(2025, 11, 28);
    let doc = clean(&document).expect("cleans");
    assert_eq!(doc.published, date(2025, 11, 28));
    assert_eq!(doc.published_origin, Some(DateOrigin::Metadata));
}

#[test]
fn latin1_text_is_detected_and_converted() {
    let bytes = include_bytes!("../../../testdata/clean/latin1.txt");
    assert!(
        String::from_utf8(bytes.to_vec()).is_err(),
        "the fixture is not UTF-8"
    );
    let doc = clean(&raw(bytes, ContentKind::Text)).expect("Latin-1 is decoded, not rejected");
    assert!(doc.text.starts_with("Café owners"), "{}", doc.text);
    assert!(doc.text.contains("“a step forward”"), "{}", doc.text);
    assert!(doc.text.contains("März"), "{}", doc.text);
}

#[test]
fn a_stray_invalid_byte_does_not_reject_the_document() {
    let mut bytes = b"The ministry published the figures on Monday ".to_vec();
    bytes.push(0xE9);
    bytes.extend_from_slice(b" and the opposition responded.");
    let doc = clean(&raw(&bytes, ContentKind::Unknown)).expect("decoded by detection");
    assert!(doc.text.contains("opposition responded"));
}

#[test]
fn one_invalid_byte_in_a_utf8_document_is_replaced_not_read_as_windows_1252() {
    // A UTF-8 article with one stray Latin-1 byte in it (issue 12, item 9): before, the whole
    // document went to chardetng and came out as mojibake ("ZÃ¼rich").
    let mut bytes = "Zürich and Genève said on Monday that the Global Compact for Migration \
        would be signed; the Österreichische delegation declined. "
        .as_bytes()
        .to_vec();
    bytes.push(0xA0);
    bytes.extend_from_slice("The ministry in Zürich confirmed it.".as_bytes());
    let doc = clean(&raw(&bytes, ContentKind::Text)).expect("decodes");
    assert!(doc.text.starts_with("Zürich and Genève"), "{}", doc.text);
    assert!(doc.text.contains("Österreichische"), "{}", doc.text);
    assert!(doc.text.contains("in Zürich confirmed"), "{}", doc.text);
    assert!(!doc.text.contains('Ã'), "no mojibake: {}", doc.text);
    assert_eq!(
        doc.encoding.as_deref(),
        Some("UTF-8 with replacement (1 invalid sequence)"),
        "the replacement is noted"
    );
}

#[test]
fn many_invalid_bytes_among_few_utf8_characters_still_go_to_detection() {
    // Latin-1 text with one accidental valid UTF-8 pair ("Ã©" is C3 A9) stays Latin-1.
    let mut bytes = Vec::new();
    for word in [
        "Caf\u{e9}",
        "M\u{e4}rz",
        "Gen\u{e8}ve",
        "\u{c3}\u{a9}",
        "Z\u{fc}rich",
        "na\u{ef}ve",
    ] {
        bytes.extend(word.chars().map(|c| u8::try_from(u32::from(c)).unwrap()));
        bytes.extend_from_slice(b" said the minister on Monday. ");
    }
    let doc = clean(&raw(&bytes, ContentKind::Text)).expect("decodes");
    assert_eq!(doc.encoding.as_deref(), Some("windows-1252"));
    assert!(doc.text.contains("Zürich"), "{}", doc.text);
}

#[test]
fn utf16_with_byte_order_mark_is_decoded() {
    let mut bytes = vec![0xFF, 0xFE];
    for unit in "Asylum figures rose.".encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    assert_eq!(
        clean(&raw(&bytes, ContentKind::Unknown)).map(|doc| doc.text),
        Ok("Asylum figures rose.".to_owned())
    );
}

#[test]
fn bad_content_gives_the_matching_error() {
    let binary = include_bytes!("../../../testdata/clean/binary.bin");
    let control_heavy: Vec<u8> = (0..200u8)
        .map(|i| if i % 3 == 0 { 0x01 } else { b'a' })
        .collect();
    let cases: [(&[u8], CleanError); 5] = [
        (binary, CleanError::Binary),
        (&control_heavy, CleanError::Binary),
        (b"", CleanError::Empty),
        (b"  \n\t \r\n ", CleanError::Empty),
        (b"\xEF\xBB\xBF   ", CleanError::Empty),
    ];
    for (bytes, expected) in cases {
        assert_eq!(clean(&raw(bytes, ContentKind::Unknown)), Err(expected));
    }
    let only_boilerplate = raw(b"Leave a Reply\nShare this:", ContentKind::Text);
    assert_eq!(clean(&only_boilerplate), Err(CleanError::NoText));
}

#[test]
fn too_large_documents_are_refused_with_their_size() {
    let config = CleanConfig {
        max_bytes: 10,
        ..CleanConfig::default()
    };
    let result = clean_with(
        &raw(b"This text is longer than ten bytes.", ContentKind::Text),
        &config,
    );
    assert_eq!(
        result,
        Err(CleanError::TooLarge {
            size: 35,
            limit: 10
        })
    );
}

#[test]
fn config_parses_from_json_and_rejects_unknown_fields() {
    let config: CleanConfig =
        serde_json::from_str(r#"{"max_bytes": 1000, "html_post_filter": false}"#).expect("parses");
    assert_eq!(config.max_bytes, 1000);
    assert!(!config.html_post_filter);
    assert!(config.drop_boilerplate);
    assert!(serde_json::from_str::<CleanConfig>(r#"{"max_byte": 1}"#).is_err());
}

#[test]
fn origin_map_points_back_to_the_original_text() {
    let original = "Title line\r\n\r\n  The  minister said\t“we will act” on\u{a0}Monday.\n\
        The minister said “we will act” on Monday.\n\
        Share this:\n\
        Ünïcödé wörds   and    odd     spacing stay mapped.\n";
    let doc = clean_text(original);
    assert_origin_map_exact(original, &doc);
    // Random spans inside words (a fixed linear congruential sequence, so the test is stable).
    let words: Vec<(usize, &str)> = doc
        .text
        .split([' ', '\n'])
        .filter(|word| !word.is_empty())
        .map(|word| (word.as_ptr() as usize - doc.text.as_ptr() as usize, word))
        .collect();
    let mut state = 12345u64;
    for _ in 0..200 {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let (offset, word) = words[(state >> 33) as usize % words.len()];
        let start = doc.original_offset(offset).expect("mapped");
        assert_eq!(&original[start..start + word.len()], word);
    }
}

#[test]
fn html_keeps_the_article_and_drops_captions_and_related_links() {
    let html = include_bytes!("../../../testdata/clean/captions_related.html");
    for kind in [ContentKind::Html, ContentKind::Unknown] {
        let doc = clean(&raw(html, kind)).expect("HTML cleans");
        let text = &doc.text;
        for kept in [
            "Interior ministers from twelve European countries agreed on Thursday",
            "up to 4,000 applications a month",
            "Critics said the plan had been drawn up",
            "“We need a system that is fair and fast,” one minister told reporters",
            "approved by national parliaments",
        ] {
            assert!(text.contains(kept), "missing {kept:?} in {text}");
        }
        for dropped in [
            "Photo:",
            "Related:",
            "Advertisement",
            "Share this article",
            "newsletter",
            "More from",
            "Harbour authority",
            "Copyright",
            "Politics",
        ] {
            assert!(!text.contains(dropped), "kept {dropped:?} in {text}");
        }
        assert!(
            doc.title
                .as_deref()
                .unwrap_or("")
                .contains("asylum processing centres")
        );
        assert_eq!(doc.published, date(2024, 3, 14));
        assert_eq!(doc.published_origin, Some(DateOrigin::Html));
        assert_eq!(doc.lang.as_deref(), Some("en"));
        assert!(
            text.contains("\n\n"),
            "paragraphs are separated by a blank line"
        );
        // Words map into the HTML source where they occur verbatim.
        let source = std::str::from_utf8(html).expect("fixture is UTF-8");
        let start = doc.original_offset(0).expect("mapped");
        assert!(source[start..].starts_with("Interior"));
    }
}

#[test]
fn html_post_filter_removes_what_the_extractor_keeps() {
    let html = include_bytes!("../../../testdata/clean/captions_related.html");
    let baseline = CleanConfig {
        html_post_filter: false,
        ..CleanConfig::default()
    };
    let extractor_only = clean_with(&raw(html, ContentKind::Html), &baseline).expect("cleans");
    let filtered = clean(&raw(html, ContentKind::Html)).expect("cleans");
    let removed: Vec<&str> = extractor_only
        .text
        .split("\n\n")
        .filter(|paragraph| !filtered.text.contains(paragraph))
        .collect();
    println!("removed by the post-filter: {removed:#?}");
    assert!(removed.len() >= 3, "{removed:?}");
    assert!(removed.iter().any(|p| p.contains("Photo:")), "{removed:?}");
    assert!(
        removed.iter().any(|p| p.starts_with("Related:")),
        "{removed:?}"
    );
}

fn shared_dir() -> Option<std::path::PathBuf> {
    migtrack_testdata::shared_with("seeds")
}

fn seed(name: &str) -> Option<(String, RawDocument)> {
    let path = shared_dir()?.join("seeds").join(name);
    let bytes = std::fs::read(&path).ok()?;
    let text = String::from_utf8_lossy(&bytes).into_owned();
    Some((text, raw(&bytes, ContentKind::Text)))
}

#[test]
fn seed_001_repeated_paragraph_kept_once_and_teasers_dropped() {
    let Some((original, document)) = seed("001_de85785457b160e2.txt") else {
        return;
    };
    let doc = clean(&document).expect("seed cleans");
    let lines: Vec<&str> = original
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    // Every line that the original repeats appears exactly once.
    let repeated: Vec<&str> = lines
        .iter()
        .filter(|line| lines.iter().filter(|other| other == line).count() > 1)
        .copied()
        .collect();
    assert!(!repeated.is_empty(), "the seed repeats a paragraph");
    for line in repeated {
        assert_eq!(doc.text.matches(line).count(), 1, "{line:?}");
    }
    // Nothing from the "More from …" heading on survives.
    let heading = lines
        .iter()
        .position(|line| line.starts_with("More from"))
        .expect("the seed has a teaser heading");
    for line in &lines[heading..] {
        assert!(!doc.text.contains(line), "teaser kept: {line:?}");
    }
    // The author's social-media bio line just before it is boilerplate too.
    assert!(!doc.text.contains("Twitter: @"));
    assert!(
        doc.text.ends_with(lines[heading - 2]),
        "body ends where the article ends"
    );
    assert_origin_map_exact(&original, &doc);
}

#[test]
fn seed_002_gets_its_date_from_the_dateline() {
    let Some((original, document)) = seed("002_68932f962b6e5eea.txt") else {
        return;
    };
    let doc = clean(&document).expect("seed cleans");
    assert_eq!(doc.published, date(2025, 11, 27));
    assert_eq!(doc.published_origin, Some(DateOrigin::Dateline));
    let first_line = original
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    assert!(
        doc.text.starts_with(first_line),
        "the dateline stays in the text"
    );
    assert!(!doc.text.contains("Leave a Reply"));
    assert_origin_map_exact(&original, &doc);
}
