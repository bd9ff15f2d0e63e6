//! Fixtures both store test binaries use (`conformance.rs` against every backend, `sqlite.rs`
//! against SQLite alone): documents, events, the three-document corpus and the signatures of
//! near-duplicate cases.

#![allow(dead_code, reason = "each test binary uses a different part")]

use chrono::NaiveDate;
use migtrack_model::{Action, CleanDocument, Event, Extraction, Modality, Span};
use migtrack_store::{EventFilter, NewDocument, Page, Store};

pub fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("test date")
}

/// Span of the first occurrence of `needle` in `text`.
pub fn span_of(text: &str, needle: &str) -> Span {
    let start = text.find(needle).expect("needle in test text");
    Span::new(start, start + needle.len())
}

/// An asserted event of the first sentence of `text`, its span that sentence's first three bytes.
pub fn event(text: &str, actor: &str, action: Action, target: &str, when: Option<&str>) -> Event {
    let sentence = span_of(text, text.split_inclusive(". ").next().unwrap_or(text));
    Event {
        actor: actor.into(),
        action,
        target: target.into(),
        date: when.map(String::from),
        modality: Modality::Asserted,
        agent: None,
        cameo: None,
        plover: None,
        span: Span::new(sentence.start, sentence.start + 3),
        sentence,
        rule: "test.event".into(),
    }
}

/// A document to store: English, titled "Title of {source}", its content hash made from its
/// text, unsigned and with no records unless set.
pub struct Doc {
    source: String,
    text: String,
    outlet: Option<&'static str>,
    published: Option<&'static str>,
    signature: Vec<u64>,
    bands: Vec<u64>,
    extraction: Extraction,
}

impl Doc {
    pub fn new(source: &str, text: &str) -> Doc {
        Doc {
            source: source.into(),
            text: text.into(),
            outlet: None,
            published: None,
            signature: Vec::new(),
            bands: Vec::new(),
            extraction: Extraction::default(),
        }
    }
    pub fn outlet(mut self, outlet: &'static str) -> Doc {
        self.outlet = Some(outlet);
        self
    }
    pub fn published(mut self, published: &'static str) -> Doc {
        self.published = Some(published);
        self
    }
    pub fn signed(mut self, signature: Vec<u64>, bands: Vec<u64>) -> Doc {
        self.signature = signature;
        self.bands = bands;
        self
    }
    pub fn events(mut self, events: Vec<Event>) -> Doc {
        self.extraction.events = events;
        self
    }
    pub fn extraction(mut self, extraction: Extraction) -> Doc {
        self.extraction = extraction;
        self
    }
    pub fn build(self) -> NewDocument {
        NewDocument {
            content_hash: format!("hash:{}", self.text),
            bands: self.bands,
            signature: self.signature,
            extraction: self.extraction,
            doc: CleanDocument {
                title: Some(format!("Title of {}", self.source)),
                source: self.source,
                url: None,
                byline: None,
                published: self.published.map(date),
                published_origin: None,
                outlet: self.outlet.map(String::from),
                lang: Some("en".into()),
                encoding: None,
                text: self.text,
                origin_map: Vec::new(),
            },
        }
    }
}

pub const TEXT_A: &str =
    "Ruritania withdrew from the migration compact on Monday. Officials said more.";
pub const TEXT_B: &str =
    "Freedonia joined the refugee framework. The minister welcomed asylum reform.";
pub const TEXT_C: &str = "The U.S. boycotted the conference on migration. Critics objected.";

/// Three documents of one event each: a (outlet "Daily", 2018-12-10, RUR withdraws from gcm),
/// b (2017-12-03, FRE joins the refugee framework in 2017-12), c (undated, USA boycotts the
/// conference).
pub fn three_docs() -> Vec<NewDocument> {
    vec![
        Doc::new("a.txt", TEXT_A)
            .outlet("Daily")
            .published("2018-12-10")
            .events(vec![event(
                TEXT_A,
                "RUR",
                Action::Withdraw,
                "gcm",
                Some("2018-12-10"),
            )])
            .build(),
        Doc::new("b.txt", TEXT_B)
            .published("2017-12-03")
            .events(vec![event(
                TEXT_B,
                "FRE",
                Action::Join,
                "refugee framework",
                Some("2017-12"),
            )])
            .build(),
        Doc::new("c.txt", TEXT_C)
            .events(vec![event(
                TEXT_C,
                "USA",
                Action::Boycott,
                "conference",
                None,
            )])
            .build(),
    ]
}

/// A signature of 20 positions whose first `shared` positions equal the base signature.
pub fn signature_sharing(shared: usize) -> Vec<u64> {
    (0..20_u64)
        .map(|i| if (i as usize) < shared { i } else { 1000 + i })
        .collect()
}

/// Share of equal positions (the pipeline's measure, `migtrack_pipeline::dedupe::similarity`).
pub fn share(a: &[u64], b: &[u64]) -> f64 {
    if a.is_empty() || a.len() != b.len() {
        return 0.0;
    }
    a.iter().zip(b).filter(|(x, y)| x == y).count() as f64 / a.len() as f64
}

pub fn at_least_0_7(a: &[u64], b: &[u64]) -> Option<f64> {
    Some(share(a, b)).filter(|similarity| *similarity >= 0.7)
}

pub fn at_least_0_95(a: &[u64], b: &[u64]) -> Option<f64> {
    Some(share(a, b)).filter(|similarity| *similarity >= 0.95)
}

/// The ids of the first page of events `filter` selects.
pub fn event_ids(store: &dyn Store, filter: EventFilter) -> Vec<i64> {
    store
        .events(&filter, Page::default())
        .expect("events")
        .items
        .iter()
        .map(|row| row.id)
        .collect()
}

/// The sources of the first page of documents a search finds, sorted.
pub fn search_hits(store: &dyn Store, query: &str) -> Vec<String> {
    let mut sources: Vec<String> = store
        .search(query, Page::default())
        .unwrap_or_else(|error| panic!("search {query:?}: {error}"))
        .items
        .into_iter()
        .map(|hit| hit.source)
        .collect();
    sources.sort();
    sources
}

/// After a migration: the unit of each of the three `expected` events reads it back whole, and
/// at least one of them carries its document's outlet and date.
pub fn migrated_refs_read_back(store: &dyn Store, expected: &[migtrack_model::EventRef]) {
    assert_eq!(expected.len(), 3);
    for event in expected {
        let unit = migtrack_model::LinkUnit::of(&event.actor, &event.target);
        let read = store.unit_event_refs(&[unit]).expect("unit refs");
        assert!(read.contains(event), "{event:?} in {read:?}");
    }
    assert!(
        expected
            .iter()
            .any(|event| event.outlet.is_some() && event.published.is_some())
    );
}
