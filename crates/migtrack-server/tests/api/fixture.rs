//! A small store written for the tests: three short documents (one with markup and a non-ASCII
//! name), hand-made records with exact byte spans, and facts linked by (actor, action, target).

use std::path::Path;

use chrono::NaiveDate;
use migtrack_model::{
    Action, Claim, CleanDocument, DateMention, Event, Evidence, Extraction, Figure, Modality,
    Quote, Span,
};
use migtrack_store::{NewDocument, SqliteStore, Store};

pub const SCRIPT_TEXT: &str = "<script>window.__pwned = 1</script> Mexico hosted talks in \
     Puerto Vallarta. <img src=x onerror=\"window.__pwned = 2\"> See javascript:alert(1) too.";

/// The byte span of the first `needle` in `text` (panics in the fixture if absent).
pub fn span_of(text: &str, needle: &str) -> Span {
    let start = text
        .find(needle)
        .unwrap_or_else(|| panic!("fixture text lacks {needle:?}"));
    Span::new(start, start + needle.len())
}

fn sentence_of(text: &str, span: Span) -> Span {
    let start = text[..span.start].rfind(". ").map_or(0, |at| at + 2);
    let end = text[span.end..]
        .find(". ")
        .map_or(text.len(), |at| span.end + at + 1);
    Span::new(start, end)
}

fn event(
    text: &str,
    actor: &str,
    action: Action,
    target: &str,
    date: &str,
    trigger: &str,
) -> Event {
    let span = span_of(text, trigger);
    Event {
        actor: actor.into(),
        action,
        target: target.into(),
        date: Some(date.into()),
        modality: Modality::Asserted,
        agent: None,
        cameo: None,
        plover: None,
        span,
        sentence: sentence_of(text, span),
        rule: format!("test:{}", action.as_str()),
    }
}

fn document(
    source: &str,
    title: &str,
    outlet: &str,
    published: &str,
    url: Option<&str>,
    text: &str,
    extraction: Extraction,
) -> NewDocument {
    let signature: Vec<u64> = (0..16)
        .map(|index| {
            text.bytes().fold(index as u64 + 1, |hash, byte| {
                hash.wrapping_mul(31) ^ u64::from(byte)
            })
        })
        .collect();
    NewDocument {
        doc: CleanDocument {
            source: source.into(),
            url: url.map(str::to_string),
            title: Some(title.into()),
            byline: None,
            published: NaiveDate::parse_from_str(published, "%Y-%m-%d").ok(),
            published_origin: None,
            outlet: Some(outlet.into()),
            lang: Some("en".into()),
            encoding: None,
            text: text.into(),
            origin_map: vec![(0, 0)],
        },
        content_hash: format!("{:016x}", signature[0]),
        bands: signature
            .chunks(4)
            .map(|chunk| chunk.iter().fold(0, |a, b| a ^ b))
            .collect(),
        signature,
        extraction,
    }
}

pub fn documents() -> Vec<NewDocument> {
    let first = "The United States withdrew from the talks on the migration compact on \
                 Saturday, the mission said. \"We will decide our own border policies,\" \
                 Ambassador Jane Roe said. Officials claimed 5,000 jobs were at risk, but gave \
                 no data.";
    let second = "Hungary's government under Viktor Orbán rejected the Marrakesh compact on \
                  Monday. Mexico endorsed the compact in Marrakesh the same day.";
    let first_extraction = Extraction {
        events: vec![event(
            first,
            "USA",
            Action::Withdraw,
            "gcm",
            "2017-12-02",
            "withdrew from",
        )],
        quotes: vec![Quote {
            speaker: Some("Jane Roe".into()),
            role: Some("Ambassador".into()),
            speaker_entity: Some("USA".into()),
            text: "We will decide our own border policies,".into(),
            direct: true,
            span: span_of(first, "We will decide our own border policies,"),
            speaker_span: Some(span_of(first, "Jane Roe")),
            rule: "test:quote".into(),
        }],
        dates: vec![DateMention {
            text: "Saturday".into(),
            value: Some("2017-12-02".into()),
            span: span_of(first, "Saturday"),
            rule: "test:weekday".into(),
        }],
        figures: vec![Figure {
            text: "5,000 jobs".into(),
            value: 5000.0,
            unit: None,
            counts: Some("jobs".into()),
            bound: Some("exact".into()),
            span: span_of(first, "5,000 jobs"),
            rule: "test:count".into(),
        }],
        claims: vec![Claim {
            speaker: Some("Officials".into()),
            text: "5,000 jobs were at risk".into(),
            evidence: Evidence::NoneGiven,
            span: span_of(first, "Officials claimed 5,000 jobs were at risk"),
            evidence_span: Some(span_of(first, "gave no data")),
            rule: "test:claim".into(),
        }],
    };
    let second_extraction = Extraction {
        events: vec![
            event(
                second,
                "HUN",
                Action::Reject,
                "gcm",
                "2018-12-10",
                "rejected",
            ),
            event(
                second,
                "MEX",
                Action::Endorse,
                "gcm",
                "2018-12-10",
                "endorsed",
            ),
        ],
        quotes: vec![],
        dates: vec![DateMention {
            text: "Monday".into(),
            value: Some("2018-12-10".into()),
            span: span_of(second, "Monday"),
            rule: "test:weekday".into(),
        }],
        figures: vec![],
        claims: vec![],
    };
    let script_extraction = Extraction {
        events: vec![event(
            SCRIPT_TEXT,
            "MEX",
            Action::Host,
            "talks",
            "2017-12-04",
            "hosted",
        )],
        ..Extraction::default()
    };
    vec![
        document(
            "fixture:withdrawal",
            "US leaves the migration talks",
            "Outlet A",
            "2017-12-03",
            Some("https://news.example/withdrawal"),
            first,
            first_extraction,
        ),
        document(
            "fixture:marrakesh",
            "Marrakesh: one rejects, one endorses",
            "Outlet B",
            "2018-12-11",
            None,
            second,
            second_extraction,
        ),
        document(
            "fixture:script",
            "<b>Markup</b> in a title",
            "Outlet C",
            "2017-12-05",
            Some("javascript:window.__pwned = 3"),
            SCRIPT_TEXT,
            script_extraction,
        ),
    ]
}

/// Link the stored events as the CLI and the server do.
pub fn link(store: &mut SqliteStore) -> usize {
    migtrack_server::relink::relink(store).expect("relink")
}

/// A database file with the fixture documents and their facts.
pub fn build(path: &Path) {
    let mut store = SqliteStore::open(path).expect("open store");
    store.put_batch(&documents()).expect("put batch");
    link(&mut store);
}
