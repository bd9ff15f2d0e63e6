//! The conformance suite: the same test bodies against every backend of [`Store`] — SQLite
//! (a temporary file) and PostgreSQL (a fresh database on the server named by
//! `MIGTRACK_TEST_PG`; without it the PostgreSQL half is skipped with a note, and fails under
//! `CI`). Each body sees only `dyn Store`, so what it checks is the trait's contract.

use migtrack_model::{Action, Claim, DateMention, Event, Evidence, Extraction, Figure, Quote};
use migtrack_store::{
    DocumentFilter, EventFilter, EventRef, Fact, LinkUnit, MAX_SIGNATURE_READS, NewDocument, Page,
    PgStore, PutOutcome, RecordFilter, ReviewKind, SEARCH_CANDIDATES, SqliteStore, Store,
    StoreError, StoryMatch, Term, Verdict,
};
use migtrack_testdata::PgDatabase;

mod common;

use common::{
    Doc, TEXT_A, at_least_0_7, date, event, event_ids, search_hits, signature_sharing, span_of,
};

type Boxed = Box<dyn Store + Send>;

/// Where one test's store lives, and how to open it again.
enum Backend {
    Sqlite(tempfile::TempDir),
    Postgres(PgDatabase),
}

impl Backend {
    fn sqlite() -> Backend {
        Backend::Sqlite(tempfile::tempdir().expect("temp dir"))
    }

    fn postgres(test: &str) -> Option<Backend> {
        PgDatabase::create(test).map(Backend::Postgres)
    }

    fn open_with(&self, story_match: Option<StoryMatch>) -> Boxed {
        match self {
            Backend::Sqlite(dir) => {
                let store = SqliteStore::open(dir.path().join("migtrack.db")).expect("open");
                match story_match {
                    Some(story_match) => Box::new(store.with_story_match(story_match)),
                    None => Box::new(store),
                }
            }
            Backend::Postgres(database) => {
                let store = PgStore::open(&database.url).expect("open");
                match story_match {
                    Some(story_match) => Box::new(store.with_story_match(story_match)),
                    None => Box::new(store),
                }
            }
        }
    }

    fn open(&self) -> Boxed {
        self.open_with(None)
    }

    fn open_read_only(&self) -> Boxed {
        match self {
            Backend::Sqlite(dir) => Box::new(
                SqliteStore::open_read_only(dir.path().join("migtrack.db")).expect("read-only"),
            ),
            Backend::Postgres(database) => {
                Box::new(PgStore::open_read_only(&database.url).expect("read-only"))
            }
        }
    }
}

/// Each named body runs once per backend: `sqlite::name` and `postgres::name`.
macro_rules! conformance {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[test]
                fn $name() {
                    super::$name(&super::Backend::sqlite());
                }
            )*
        }
        mod postgres {
            $(
                #[test]
                fn $name() {
                    if let Some(backend) = super::Backend::postgres(stringify!($name)) {
                        super::$name(&backend);
                    }
                }
            )*
        }
    };
}

conformance!(
    a_store_opened_again_keeps_what_it_stored,
    exact_duplicates_add_nothing,
    near_duplicates_join_the_story_of_a_similar_candidate,
    a_crowded_band_key_reads_the_candidates_sharing_most_keys,
    paging_walks_every_row_once,
    event_filters_select_by_actor_action_target_period_and_document,
    record_filters_select_by_speaker_text_and_document,
    search_reads_phrases_prefixes_and_or,
    search_ranks_the_newest_matches_only,
    a_document_comes_back_with_its_records,
    an_incremental_link_writes_the_units_facts_and_settles_the_queue,
    a_full_relink_replaces_every_fact,
    a_full_relink_walks_the_link_units_in_byte_order,
    a_rejected_event_leaves_lists_and_the_link_until_asked_for,
    a_units_events_are_its_share_of_every_event,
    speakers_are_counted_as_quotes_are_stored,
    a_read_only_store_refuses_writes,
);

// ---- fixtures ----------------------------------------------------------------------------

fn with_events(source: &str, text: &str, events: Vec<Event>) -> NewDocument {
    Doc::new(source, text).events(events).build()
}

/// [`common::three_docs`], the second one in French.
fn three_docs() -> Vec<NewDocument> {
    let mut docs = common::three_docs();
    docs[1].doc.lang = Some("fr".into());
    docs
}

/// A stand-in for the link stage: one fact per link unit, action and modality, named by its
/// first event (as the link stage names facts), its sources the distinct stories.
fn link(events: &[EventRef]) -> Vec<Fact> {
    let mut facts: Vec<Fact> = Vec::new();
    for event in events {
        let unit = LinkUnit::of(&event.actor, &event.target);
        let same = facts.iter_mut().find(|fact| {
            LinkUnit::of(&fact.actor, &fact.target) == unit
                && fact.action == event.action
                && fact.modality == event.modality
        });
        match same {
            Some(fact) => {
                fact.event_ids.push(event.event_id);
                fact.document_count += 1;
            }
            None => facts.push(Fact {
                id: event.event_id,
                actor: event.actor.clone(),
                action: event.action,
                target: event.target.clone(),
                date: event.date.clone(),
                modality: event.modality,
                source_count: 1,
                document_count: 1,
                outlets: event.outlet.iter().cloned().collect(),
                first_reported: event.published,
                latest_reported: event.published,
                event_ids: vec![event.event_id],
                contradictions: Vec::new(),
            }),
        }
    }
    facts
}

/// What the incremental link does after an ingest (`migtrack_server::relink::relink_documents`).
fn link_documents(store: &mut dyn Store, doc_ids: &[i64]) {
    let units = store.link_units(doc_ids).expect("units");
    let events = store.unit_event_refs(&units).expect("unit events");
    store
        .replace_unit_facts(&units, &link(&events))
        .expect("replace unit facts");
}

fn relink(store: &mut dyn Store) {
    let events = store.event_refs().expect("event refs");
    store.replace_facts(&link(&events)).expect("replace facts");
}

fn all_facts(store: &dyn Store, filter: &EventFilter) -> Vec<Fact> {
    store
        .facts(
            filter,
            Page {
                limit: 1000,
                cursor: None,
            },
        )
        .expect("facts")
        .items
}

fn new_ids(outcomes: &[PutOutcome]) -> Vec<i64> {
    outcomes.iter().filter_map(PutOutcome::new_doc_id).collect()
}

// ---- the bodies --------------------------------------------------------------------------

fn a_store_opened_again_keeps_what_it_stored(backend: &Backend) {
    let first = {
        let mut store = backend.open();
        store.put_batch(&three_docs()).expect("put");
        store.counts().expect("counts")
    };
    let store = backend.open();
    assert_eq!(store.counts().expect("counts"), first);
    assert_eq!((first.documents, first.stories, first.events), (3, 3, 3));
}

fn exact_duplicates_add_nothing(backend: &Backend) {
    let mut store = backend.open();
    let docs = three_docs();
    let first = store.put_batch(&docs[..1]).expect("put");
    let PutOutcome::New { doc_id, .. } = first[0] else {
        panic!("first put must store: {first:?}");
    };
    let before = store.counts().expect("counts");
    let again = store
        .put_batch(&[docs[0].clone(), docs[0].clone()])
        .expect("put again");
    assert_eq!(
        again,
        vec![
            PutOutcome::Duplicate { doc_id },
            PutOutcome::Duplicate { doc_id }
        ]
    );
    assert_eq!(store.counts().expect("counts"), before);
    let outcomes = store.put_batch(&three_docs()).expect("put all");
    assert_eq!(new_ids(&outcomes).len(), 2);
    assert_eq!(store.counts().expect("counts").documents, 3);
}

fn near_duplicates_join_the_story_of_a_similar_candidate(backend: &Backend) {
    let mut store = backend.open_with(Some(at_least_0_7));
    let signed = |source: &str, text: &str, shared: usize, bands: Vec<u64>| {
        Doc::new(source, text)
            .signed(signature_sharing(shared), bands)
            .build()
    };
    let outcomes = store
        .put_batch(&[
            signed("base.txt", "wire copy one", 20, vec![7, 8]),
            signed("copy.txt", "wire copy two", 18, vec![7, 99]),
            signed("far.txt", "wire copy three", 10, vec![7]),
            signed("apart.txt", "wire copy four", 20, vec![99_999]),
        ])
        .expect("put");
    let stories: Vec<(i64, bool)> = outcomes
        .iter()
        .map(|outcome| match outcome {
            PutOutcome::New {
                story_id,
                joined_story,
                ..
            } => (*story_id, *joined_story),
            other => panic!("all new: {other:?}"),
        })
        .collect();
    assert_eq!(stories[1], (stories[0].0, true), "similar, sharing a band");
    assert!(!stories[2].1 && stories[2].0 != stories[0].0, "dissimilar");
    assert!(
        !stories[3].1 && stories[3].0 != stories[0].0,
        "no shared band"
    );
    assert_eq!(store.counts().expect("counts").stories, 3);
    // A later batch finds the story through the stored bands.
    let later = store
        .put_batch(&[signed("later.txt", "wire copy five", 19, vec![8])])
        .expect("put later");
    assert!(matches!(
        later[0],
        PutOutcome::New { story_id, joined_story: true, .. } if story_id == stories[0].0
    ));
}

/// Many earlier documents share one band key with a new document (`MAX_SIGNATURE_READS` of
/// them, dissimilar, stored first): a near duplicate sharing two band keys with it is still
/// read and joined; its negative twin, sharing only the crowded key, is not read, so the new
/// document founds its own story; with one dissimilar document fewer, it is read and joined.
fn a_crowded_band_key_reads_the_candidates_sharing_most_keys(backend: &Backend) {
    let mut store = backend.open_with(Some(at_least_0_7));
    // Each case has its own band keys: the crowded key, the near duplicate's own keys.
    let case = |store: &mut Boxed, key: u64, decoys: usize, copy_bands: Vec<u64>| {
        let mut docs: Vec<NewDocument> = (0..decoys)
            .map(|index| {
                Doc::new(
                    &format!("decoy-{key}-{index}.txt"),
                    &format!("other {key} {index}"),
                )
                .signed(signature_sharing(0), vec![key, key + 1_000 + index as u64])
                .build()
            })
            .collect();
        docs.push(
            Doc::new(&format!("copy-{key}.txt"), &format!("wire copy {key}"))
                .signed(signature_sharing(18), copy_bands)
                .build(),
        );
        let copy_story = match store.put_batch(&docs).expect("put")[decoys] {
            PutOutcome::New { story_id, .. } => story_id,
            other => panic!("new: {other:?}"),
        };
        let new = Doc::new(&format!("new-{key}.txt"), &format!("wire copy again {key}"))
            .signed(signature_sharing(20), vec![key, key + 1])
            .build();
        match store.put_batch(&[new]).expect("put new")[0] {
            PutOutcome::New {
                story_id,
                joined_story,
                ..
            } => {
                assert_eq!(joined_story, story_id == copy_story);
                joined_story
            }
            other => panic!("new: {other:?}"),
        }
    };
    let crowd = MAX_SIGNATURE_READS;
    assert!(
        case(&mut store, 10_000, crowd, vec![10_000, 10_001]),
        "two shared band keys: read and joined"
    );
    assert!(
        !case(&mut store, 20_000, crowd, vec![20_000, 29_999]),
        "one shared band key behind as many lower ids sharing it: not read"
    );
    assert!(
        case(&mut store, 30_000, crowd - 1, vec![30_000, 39_999]),
        "one shared band key among few candidates: read and joined"
    );
}

fn paging_walks_every_row_once(backend: &Backend) {
    let mut store = backend.open();
    let text = "Ruritania joined the compact. It did.";
    let events: Vec<Event> = (0..7)
        .map(|_| event(text, "RUR", Action::Join, "gcm", None))
        .collect();
    store
        .put_batch(&[with_events("a.txt", text, events)])
        .expect("put");
    let mut seen = Vec::new();
    let mut sizes = Vec::new();
    let mut cursor = None;
    loop {
        let page = store
            .events(&EventFilter::default(), Page { limit: 3, cursor })
            .expect("page");
        sizes.push(page.items.len());
        seen.extend(page.items.iter().map(|row| row.id));
        match page.next {
            Some(next) => cursor = Some(next),
            None => break,
        }
    }
    assert_eq!(sizes, vec![3, 3, 1]);
    assert_eq!(seen.len(), 7);
    assert!(seen.windows(2).all(|pair| pair[0] < pair[1]), "{seen:?}");
    assert_eq!(seen, event_ids(&*store, EventFilter::default()));
    let page = store
        .events(
            &EventFilter::default(),
            Page {
                limit: 7,
                cursor: None,
            },
        )
        .expect("page");
    assert_eq!((page.items.len(), page.next), (7, None));
    assert!(matches!(
        store.events(
            &EventFilter::default(),
            Page {
                limit: 0,
                cursor: None
            }
        ),
        Err(StoreError::InvalidQuery(_))
    ));
}

fn event_filters_select_by_actor_action_target_period_and_document(backend: &Backend) {
    let mut store = backend.open();
    let outcomes = store.put_batch(&three_docs()).expect("put");
    let ids = new_ids(&outcomes);
    let all = event_ids(store.as_ref(), EventFilter::default());
    assert_eq!(all.len(), 3);
    let only = |filter: EventFilter| event_ids(store.as_ref(), filter);
    assert_eq!(
        only(EventFilter {
            actor: Some(Term::Exact("RUR".into())),
            ..EventFilter::default()
        }),
        vec![all[0]]
    );
    assert_eq!(
        only(EventFilter {
            actor: Some(Term::Exact("rur".into())),
            ..EventFilter::default()
        }),
        Vec::<i64>::new(),
        "an exact term is the stored value"
    );
    assert_eq!(
        only(EventFilter {
            target: Some("FRAMEWORK".into()),
            ..EventFilter::default()
        }),
        vec![all[1]],
        "contained, in any case"
    );
    assert_eq!(
        only(EventFilter {
            action: Some("boycott".into()),
            ..EventFilter::default()
        }),
        vec![all[2]]
    );
    assert!(matches!(
        store.events(
            &EventFilter {
                action: Some("dance".into()),
                ..EventFilter::default()
            },
            Page::default()
        ),
        Err(StoreError::InvalidQuery(_))
    ));
    // "2017-12" is inside since 2017-12-02; an undated event is outside any bound.
    assert_eq!(
        only(EventFilter {
            since: Some(date("2017-12-02")),
            until: Some(date("2017-12-31")),
            ..EventFilter::default()
        }),
        vec![all[1]]
    );
    assert_eq!(
        only(EventFilter {
            since: Some(date("2018-01-01")),
            ..EventFilter::default()
        }),
        vec![all[0]]
    );
    assert_eq!(
        only(EventFilter {
            doc_id: Some(ids[2]),
            ..EventFilter::default()
        }),
        vec![all[2]]
    );
    assert_eq!(
        only(EventFilter {
            outlet: Some("daily".into()),
            ..EventFilter::default()
        }),
        vec![all[0]]
    );
    assert_eq!(
        only(EventFilter {
            lang: Some("FR".into()),
            ..EventFilter::default()
        }),
        vec![all[1]]
    );
    let row = &store
        .events(
            &EventFilter {
                doc_id: Some(ids[0]),
                ..EventFilter::default()
            },
            Page::default(),
        )
        .expect("events")
        .items[0];
    assert_eq!(
        row.sentence_text,
        "Ruritania withdrew from the migration compact on Monday. "
    );
    assert_eq!(row.provenance.label, "Daily");
    assert_eq!(row.provenance.published, Some(date("2018-12-10")));
    let documents = store
        .documents_where(
            &DocumentFilter {
                since: Some(date("2018-01-01")),
                ..DocumentFilter::default()
            },
            Page::default(),
        )
        .expect("documents");
    assert_eq!(
        documents.items.iter().map(|doc| doc.id).collect::<Vec<_>>(),
        vec![ids[0]]
    );
    assert_eq!(documents.items[0].event_count, 1);
}

fn spoken_document() -> NewDocument {
    let text = "“We will not sign,” said Minister Ödön Kovács. Over 5,000 people crossed in 2015, \
                the agency said, citing its records.";
    let quote = Quote {
        speaker: Some("Ödön Kovács".into()),
        role: Some("minister".into()),
        speaker_entity: Some("HUN".into()),
        text: "We will not sign".into(),
        direct: true,
        span: span_of(text, "We will not sign"),
        speaker_span: Some(span_of(text, "Ödön Kovács")),
        rule: "test.quote".into(),
    };
    let claim = Claim {
        speaker: Some("the agency".into()),
        text: "Over 5,000 people crossed in 2015".into(),
        evidence: Evidence::Cited,
        span: span_of(text, "Over 5,000 people crossed in 2015"),
        evidence_span: Some(span_of(text, "citing its records")),
        rule: "test.claim".into(),
    };
    let date_mention = DateMention {
        text: "2015".into(),
        value: Some("2015".into()),
        span: span_of(text, "2015"),
        rule: "test.date".into(),
    };
    let figure = Figure {
        text: "Over 5,000 people".into(),
        value: 5000.0,
        unit: None,
        counts: Some("people".into()),
        bound: Some("over".into()),
        span: span_of(text, "Over 5,000 people"),
        rule: "test.figure".into(),
    };
    Doc::new("spoken.txt", text)
        .extraction(Extraction {
            quotes: vec![quote],
            claims: vec![claim],
            dates: vec![date_mention],
            figures: vec![figure],
            ..Extraction::default()
        })
        .build()
}

fn record_filters_select_by_speaker_text_and_document(backend: &Backend) {
    let mut store = backend.open();
    store
        .put_batch(&[spoken_document(), three_docs().remove(0)])
        .expect("put");
    let filter = |speaker: Option<&str>, text: Option<&str>| RecordFilter {
        speaker: speaker.map(String::from),
        text: text.map(String::from),
        ..RecordFilter::default()
    };
    let quotes = |filter: RecordFilter| {
        store
            .quotes(&filter, Page::default())
            .expect("quotes")
            .items
            .len()
    };
    assert_eq!(quotes(filter(None, None)), 1);
    assert_eq!(quotes(filter(Some("kovács"), None)), 1);
    assert_eq!(quotes(filter(None, Some("NOT SIGN"))), 1);
    assert_eq!(quotes(filter(None, Some("Narnia"))), 0);
    assert_eq!(
        quotes(filter(None, Some("we"))),
        1,
        "under three characters"
    );
    let quote = &store
        .quotes(&filter(None, None), Page::default())
        .unwrap()
        .items[0];
    assert_eq!(quote.quote.speaker_entity.as_deref(), Some("HUN"));
    assert!(quote.quote.direct);
    let claims = store
        .claims(&filter(Some("agency"), Some("5,000")), Page::default())
        .expect("claims");
    assert_eq!(claims.items.len(), 1);
    assert_eq!(claims.items[0].claim.evidence, Evidence::Cited);
    let dates = store
        .dates(&filter(None, Some("2015")), Page::default())
        .expect("dates");
    assert_eq!(dates.items[0].date.value.as_deref(), Some("2015"));
    let figures = store
        .figures(&filter(None, Some("PEOPLE")), Page::default())
        .expect("figures");
    assert_eq!(figures.items[0].figure.value, 5000.0);
    assert!(matches!(
        store.dates(&filter(Some("x"), None), Page::default()),
        Err(StoreError::InvalidQuery(_))
    ));
}

fn search_reads_phrases_prefixes_and_or(backend: &Backend) {
    let mut store = backend.open();
    store.put_batch(&three_docs()).expect("put");
    let store = store.as_ref();
    assert_eq!(search_hits(store, "migration"), vec!["a.txt", "c.txt"]);
    assert_eq!(search_hits(store, "MIGRATION compact"), vec!["a.txt"]);
    assert_eq!(search_hits(store, "\"refugee framework\""), vec!["b.txt"]);
    assert_eq!(
        search_hits(store, "\"framework refugee\""),
        Vec::<String>::new()
    );
    assert_eq!(search_hits(store, "asyl*"), vec!["b.txt"]);
    assert_eq!(
        search_hits(store, "boycotted OR withdrew"),
        vec!["a.txt", "c.txt"]
    );
    assert_eq!(
        search_hits(store, "boycotted or withdrew"),
        Vec::<String>::new()
    );
    assert_eq!(search_hits(store, "Title"), vec!["a.txt", "b.txt", "c.txt"]);
    // Backend syntax is only words here: no error, whatever the text.
    for text in [
        "NOT a AND b NEAR(c",
        "title:x",
        "*",
        "\" - : ( ) ^ ***",
        "a'b",
        "x:*",
    ] {
        assert!(store.search(text, Page::default()).is_ok(), "{text:?}");
    }
    assert!(matches!(
        store.search("  ", Page::default()),
        Err(StoreError::InvalidQuery(_))
    ));
    let hit = &store.search("asylum", Page::default()).unwrap().items[0];
    assert!(!hit.highlights.is_empty(), "{hit:?}");
    for span in &hit.highlights {
        assert_eq!(hit.snippet[span.start..span.end].to_lowercase(), "asylum");
    }
    // Paging through the ranking.
    let first = store
        .search(
            "Title",
            Page {
                limit: 2,
                cursor: None,
            },
        )
        .unwrap();
    assert_eq!(first.items.len(), 2);
    let rest = store
        .search(
            "Title",
            Page {
                limit: 2,
                cursor: first.next,
            },
        )
        .unwrap();
    assert_eq!((rest.items.len(), rest.next), (1, None));
}

/// A query matching more than [`SEARCH_CANDIDATES`] documents ranks the newest of them, and
/// its pages end there: the oldest document, however relevant, is left out; one matching
/// fewer is ranked whole.
fn search_ranks_the_newest_matches_only(backend: &Backend) {
    let mut store = backend.open();
    let relevant = "common common common common rare";
    let mut documents = vec![Doc::new("0.txt", relevant).build()];
    documents.extend((1..=SEARCH_CANDIDATES + 4).map(|i| {
        let text = format!("A common word in document {i}, once.");
        Doc::new(&format!("{i}.txt"), &text).build()
    }));
    let ids = new_ids(&store.put_batch(&documents).expect("put"));
    assert_eq!(ids.len(), SEARCH_CANDIDATES + 5);
    let first = store.search("common", Page::default()).expect("search");
    assert!(first.items.iter().all(|hit| hit.source != "0.txt"));
    let mut walked = 0;
    let mut page = Page {
        limit: 400,
        cursor: None,
    };
    loop {
        let hits = store.search("common", page).expect("search");
        assert!(hits.items.iter().all(|hit| hit.doc_id > ids[4]), "older");
        walked += hits.items.len();
        match hits.next {
            Some(next) => page.cursor = Some(next),
            None => break,
        }
    }
    assert_eq!(walked, SEARCH_CANDIDATES);
    // Fewer matches than candidates: all ranked, the most relevant first.
    let hits = store
        .search("common rare", Page::default())
        .expect("search");
    assert_eq!(hits.items.len(), 1);
    assert_eq!(hits.items[0].source, "0.txt");
}

fn a_document_comes_back_with_its_records(backend: &Backend) {
    let mut store = backend.open();
    let outcomes = store
        .put_batch(&[spoken_document(), three_docs().remove(0)])
        .expect("put");
    let ids = new_ids(&outcomes);
    let view = store.document(ids[0]).expect("document");
    assert_eq!(view.summary.source, "spoken.txt");
    assert_eq!(
        (
            view.quotes.len(),
            view.claims.len(),
            view.dates.len(),
            view.figures.len()
        ),
        (1, 1, 1, 1)
    );
    assert_eq!(view.summary.quote_count, 1);
    let by_source = store.find_document("a.txt").expect("by source");
    assert_eq!(by_source.summary.id, ids[1]);
    assert_eq!(by_source.events.len(), 1);
    let by_id = store.find_document(&ids[1].to_string()).expect("by id");
    assert_eq!(by_id.text, TEXT_A);
    assert!(matches!(
        store.find_document("nowhere.txt"),
        Err(StoreError::NotFound(_))
    ));
    assert!(matches!(store.document(9999), Err(StoreError::NotFound(_))));
    let listed = store.documents(Page::default()).expect("documents");
    assert_eq!(listed.items.len(), 2);
    assert_eq!(listed.items[1].label, "Daily");
}

fn an_incremental_link_writes_the_units_facts_and_settles_the_queue(backend: &Backend) {
    let mut store = backend.open();
    assert!(!store.facts_stale().expect("stale"));
    let first = new_ids(&store.put_batch(&three_docs()[..2]).expect("put"));
    assert!(store.facts_stale().expect("stale"), "stored, not linked");
    link_documents(store.as_mut(), &first);
    assert!(!store.facts_stale().expect("stale"));
    let facts = all_facts(store.as_ref(), &EventFilter::default());
    assert_eq!(facts.len(), 2);
    let events = event_ids(store.as_ref(), EventFilter::default());
    assert_eq!(facts[0].id, events[0], "a fact is named by its first event");
    assert_eq!(facts[0].event_ids, vec![events[0]]);

    // A second document of the unit RUR/gcm joins its fact; the other unit is not touched.
    let text = "Ruritania withdrew from the compact, the ministry confirmed. Later.";
    let again = new_ids(
        &store
            .put_batch(&[with_events(
                "a2.txt",
                text,
                vec![event(
                    text,
                    "RUR",
                    Action::Withdraw,
                    "GCM",
                    Some("2018-12-10"),
                )],
            )])
            .expect("put"),
    );
    assert_eq!(
        store.link_units(&again).expect("units"),
        vec![LinkUnit::of("RUR", "gcm")]
    );
    assert!(store.facts_stale().expect("stale"));
    link_documents(store.as_mut(), &again);
    assert!(!store.facts_stale().expect("stale"));
    let facts = all_facts(store.as_ref(), &EventFilter::default());
    assert_eq!(facts.len(), 2);
    let rur = store.fact(facts[0].id).expect("fact");
    assert_eq!(rur.event_ids.len(), 2);
    assert_eq!(rur.document_count, 2);
    // The same link again writes the same facts.
    link_documents(store.as_mut(), &again);
    assert_eq!(all_facts(store.as_ref(), &EventFilter::default()), facts);
    // Fact filters.
    let only = |filter: EventFilter| {
        all_facts(store.as_ref(), &filter)
            .iter()
            .map(|fact| fact.id)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        only(EventFilter {
            doc_id: Some(again[0]),
            ..EventFilter::default()
        }),
        vec![rur.id]
    );
    assert_eq!(
        only(EventFilter {
            outlet: Some("DAILY".into()),
            ..EventFilter::default()
        }),
        vec![rur.id]
    );
    assert_eq!(
        only(EventFilter {
            actor: Some(Term::Exact("FRE".into())),
            ..EventFilter::default()
        }),
        vec![facts[1].id]
    );
    let status = store
        .asserted_facts(
            &EventFilter {
                target: Some(Term::Exact("gcm".into())),
                ..EventFilter::default()
            },
            &[Action::Withdraw, Action::Join],
        )
        .expect("asserted facts");
    assert_eq!(
        status.iter().map(|fact| fact.id).collect::<Vec<_>>(),
        vec![rur.id]
    );
    assert!(matches!(store.fact(-5), Err(StoreError::NotFound(_))));
}

fn a_full_relink_replaces_every_fact(backend: &Backend) {
    let mut store = backend.open();
    store.put_batch(&three_docs()).expect("put");
    relink(store.as_mut());
    assert!(!store.facts_stale().expect("stale"));
    assert_eq!(store.counts().expect("counts").facts, 3);
    assert_eq!(store.fact_count().expect("fact count"), 3);
    // A fact with id 0 gets a fresh one.
    let mut facts = link(&store.event_refs().expect("refs"));
    facts.rotate_left(1);
    facts[2].id = 0;
    store.replace_facts(&facts).expect("replace");
    let mut ids: Vec<i64> = all_facts(store.as_ref(), &EventFilter::default())
        .iter()
        .map(|fact| fact.id)
        .collect();
    ids.dedup();
    assert_eq!(ids.len(), 3, "{ids:?}");
    assert!(ids.iter().all(|id| *id > 0), "{ids:?}");
}

/// `link_units_after` pages through the units of events and facts in Rust's (byte) order
/// whatever the database's collation ("éire" after "france", "a-c" before "ab"), and gives
/// what the default that reads everything gives.
fn a_full_relink_walks_the_link_units_in_byte_order(backend: &Backend) {
    const TEXT_D: &str = "Ireland joined. So did others.";
    let mut store = backend.open();
    let mut documents = three_docs();
    let events = [
        ("Ireland", "Éire"),
        ("Ireland", "France"),
        ("a-c", "x"),
        ("ab", "x"),
        ("AB", "x"),
    ]
    .map(|(actor, target)| event(TEXT_D, actor, Action::Join, target, None));
    documents.push(with_events("d.txt", TEXT_D, events.to_vec()));
    store.put_batch(&documents).expect("put");
    relink(store.as_mut());
    // A fact whose unit has no event left: a full relink must visit it to delete it.
    let mut facts = link(&store.event_refs().expect("refs"));
    let mut orphan = facts[0].clone();
    (orphan.id, orphan.actor, orphan.event_ids) = (0, "Narnia".into(), Vec::new());
    facts.push(orphan);
    store.replace_facts(&facts).expect("facts");
    let mut walked = Vec::new();
    let mut after: Option<LinkUnit> = None;
    loop {
        let page = store.link_units_after(after.as_ref(), 2).expect("units");
        assert!(page.len() <= 2);
        let Some(last) = page.last().cloned() else {
            break;
        };
        walked.extend(page);
        after = Some(last);
    }
    let keys: Vec<(&str, &str)> = walked
        .iter()
        .map(|unit| (unit.actor_key.as_str(), unit.target_key.as_str()))
        .collect();
    assert_eq!(
        keys,
        [
            ("a-c", "x"),
            ("ab", "x"),
            ("fre", "refugee framework"),
            ("ireland", "france"),
            ("ireland", "éire"),
            ("narnia", "gcm"),
            ("rur", "gcm"),
            ("usa", "conference"),
        ]
    );
    for after in [None, Some(&walked[1]), Some(&walked[4]), walked.last()] {
        for limit in [0, 1, 3, 100] {
            assert_eq!(
                migtrack_store::link_units_after_reading_all(store.as_ref(), after, limit)
                    .expect("default"),
                store.link_units_after(after, limit).expect("indexed"),
                "after {after:?}, limit {limit}"
            );
        }
    }
}

/// `unit_event_refs` gives, for each unit, exactly the events `event_refs` gives in it (with
/// their documents' story, outlet and date), before and after an event is rejected (SQLite
/// reads them from the unit index alone while no event is rejected).
fn a_units_events_are_its_share_of_every_event(backend: &Backend) {
    let mut store = backend.open();
    store.put_batch(&three_docs()).expect("put");
    let check = |store: &dyn Store| {
        let every = store.event_refs().expect("refs");
        let mut units: Vec<LinkUnit> = every
            .iter()
            .map(|event| LinkUnit::of(&event.actor, &event.target))
            .collect();
        units.sort();
        units.dedup();
        assert!(!units.is_empty());
        for unit in &units {
            let share: Vec<EventRef> = every
                .iter()
                .filter(|event| &LinkUnit::of(&event.actor, &event.target) == unit)
                .cloned()
                .collect();
            let read = store
                .unit_event_refs(std::slice::from_ref(unit))
                .expect("unit refs");
            assert_eq!(read, share, "{unit:?}");
        }
        let mut together = store.unit_event_refs(&units).expect("unit refs");
        together.sort_by_key(|event| event.event_id);
        assert_eq!(together, every);
    };
    check(store.as_ref());
    let first = event_ids(store.as_ref(), EventFilter::default())[0];
    store
        .review(ReviewKind::Event, first, Verdict::Rejected, None)
        .expect("review");
    assert!(
        store
            .event_refs()
            .expect("refs")
            .iter()
            .all(|event| event.event_id != first)
    );
    check(store.as_ref());
}

fn a_rejected_event_leaves_lists_and_the_link_until_asked_for(backend: &Backend) {
    let mut store = backend.open();
    store.put_batch(&three_docs()).expect("put");
    relink(store.as_mut());
    let all = event_ids(store.as_ref(), EventFilter::default());
    let review = store
        .review(
            ReviewKind::Event,
            all[0],
            Verdict::Rejected,
            Some(" wrong actor "),
        )
        .expect("review");
    assert_eq!(review.verdict, Verdict::Rejected);
    assert_eq!(review.note.as_deref(), Some("wrong actor"));
    assert!(review.reviewed_at.ends_with('Z'), "{review:?}");
    assert!(store.facts_stale().expect("stale"), "its fact changes");
    assert_eq!(event_ids(store.as_ref(), EventFilter::default()), all[1..]);
    let with_rejected = store
        .events(
            &EventFilter {
                include_rejected: true,
                ..EventFilter::default()
            },
            Page::default(),
        )
        .expect("events");
    assert_eq!(with_rejected.items.len(), 3);
    assert_eq!(
        with_rejected.items[0].review.as_ref().map(|r| r.verdict),
        Some(Verdict::Rejected)
    );
    let refs = store.event_refs().expect("refs");
    assert!(refs.iter().all(|event| event.event_id != all[0]));
    relink(store.as_mut());
    assert!(!store.facts_stale().expect("stale"));
    assert_eq!(store.counts().expect("counts").facts, 2);
    assert_eq!(store.fact_count().expect("fact count"), 2);
    // Changing one's mind: confirmed replaces rejected.
    let review = store
        .review(ReviewKind::Event, all[0], Verdict::Confirmed, None)
        .expect("review");
    assert_eq!((review.verdict, review.note), (Verdict::Confirmed, None));
    relink(store.as_mut());
    assert_eq!(store.counts().expect("counts").facts, 3);
    assert!(matches!(
        store.review(ReviewKind::Quote, 9999, Verdict::Rejected, None),
        Err(StoreError::NotFound(_))
    ));
}

fn speakers_are_counted_as_quotes_are_stored(backend: &Backend) {
    let mut store = backend.open();
    store.put_batch(&[spoken_document()]).expect("put");
    let mut second = spoken_document();
    second.content_hash.push_str(" again");
    second.doc.text.push_str(" Again.");
    store.put_batch(&[second]).expect("put");
    let counts = store.speaker_counts().expect("speaker counts");
    assert_eq!(counts.len(), 1);
    assert_eq!(counts[0].0.speaker, "Ödön Kovács");
    assert_eq!(counts[0].0.role.as_deref(), Some("minister"));
    assert_eq!(counts[0].1, 2);
    assert_eq!(store.speaker_mentions().expect("mentions").len(), 2);
}

fn a_read_only_store_refuses_writes(backend: &Backend) {
    backend.open().put_batch(&three_docs()).expect("put");
    let mut reader = backend.open_read_only();
    assert_eq!(reader.counts().expect("counts").documents, 3);
    assert!(matches!(
        reader.put_batch(&three_docs()),
        Err(StoreError::ReadOnly)
    ));
    assert!(matches!(
        reader.replace_facts(&[]),
        Err(StoreError::ReadOnly)
    ));
    assert!(matches!(
        reader.review(ReviewKind::Event, 1, Verdict::Rejected, None),
        Err(StoreError::ReadOnly)
    ));
}

/// PostgreSQL only (its writers may run at once): a link computed from events read before
/// another process stored more events in the same units writes nothing, so facts are never
/// written from a stale read; the process that stored them links them.
#[test]
fn postgres_a_link_from_a_stale_read_writes_nothing() {
    let Some(backend) = Backend::postgres("stale_read") else {
        return;
    };
    let mut worker = backend.open();
    let mut other = backend.open();
    let first = new_ids(&worker.put_batch(&three_docs()[..1]).expect("put"));
    let units = worker.link_units(&first).expect("units");
    let stale = link(&worker.unit_event_refs(&units).expect("events"));
    let stale_all = link(&worker.event_refs().expect("events"));
    // Meanwhile another process stores an event in the same unit.
    let text = "Ruritania withdrew from the compact, the ministry confirmed. Later.";
    let second = new_ids(
        &other
            .put_batch(&[with_events(
                "a2.txt",
                text,
                vec![event(text, "RUR", Action::Withdraw, "gcm", None)],
            )])
            .expect("put"),
    );
    worker
        .replace_unit_facts(&units, &stale)
        .expect("stale unit link");
    worker.replace_facts(&stale_all).expect("stale full link");
    assert_eq!(worker.counts().expect("counts").facts, 0, "nothing written");
    assert!(worker.facts_stale().expect("stale"));
    link_documents(other.as_mut(), &second);
    assert!(!worker.facts_stale().expect("stale"));
    let facts = all_facts(worker.as_ref(), &EventFilter::default());
    assert_eq!(facts.len(), 1);
    assert_eq!(facts[0].event_ids.len(), 2, "both documents' events");
}

/// PostgreSQL's migration 0003 (SQLite's 0008) fills in the document fields it adds to the
/// events of an older store, so the link step reads the same events without their documents.
#[test]
fn postgres_migration_3_gives_older_events_their_documents_fields() {
    let Some(backend) = Backend::postgres("migration_3") else {
        return;
    };
    let Backend::Postgres(database) = &backend else {
        unreachable!("a PostgreSQL backend");
    };
    let expected = {
        let mut store = backend.open();
        store.put_batch(&three_docs()).expect("put");
        store.event_refs().expect("refs")
    };
    {
        // Back to schema 2: the events as 0002 left them.
        let mut client =
            ::postgres::Client::connect(&database.url, ::postgres::NoTls).expect("connect");
        client
            .batch_execute(
                "DROP INDEX events_unit;
                 ALTER TABLE events DROP COLUMN doc_story_id, DROP COLUMN doc_outlet,
                                    DROP COLUMN doc_published;
                 CREATE INDEX events_unit ON events(actor_key, target_key);
                 DELETE FROM schema_version WHERE version = 3;",
            )
            .expect("back to 2");
    }
    let store = backend.open();
    common::migrated_refs_read_back(&*store, &expected);
}
