//! The SQLite backend of [`Store`]: one file, WAL, ordered migrations, one transaction per
//! batch, near-duplicate grouping through LSH band keys, FTS5 search, and a read-only mode.

use std::collections::{BTreeSet, HashMap};
use std::path::Path;
use std::time::Duration;

use chrono::NaiveDate;
use migtrack_model::{Action, CleanDocument, Extraction};
use rusqlite::config::DbConfig;
use rusqlite::types::Type;
use rusqlite::{Connection, OpenFlags, OptionalExtension, Row, Transaction, TransactionBehavior};
use serde::{Deserialize, Serialize};

use crate::run_filter;
use crate::shared::{
    self, DOCUMENT_SUMMARY_COLUMNS, FactWrite, PROVENANCE_COLUMNS, REVIEW_COLUMNS, RecordRow,
    STATUS_FACT_COLUMNS, SearchTerm, candidates_to_read, date_origin_name, document_summary,
    encode_signature, event_ref, event_row, fact_row, fact_writes, format_date, from_vec_paged,
    get_review, marked_snippet, most_similar_story, page_bounds, parse_action_filter, record_row,
    search_groups, status_fact_row,
};
use crate::{
    ClaimRow, Counts, DateRow, DocumentFilter, DocumentSummary, DocumentView, EventFilter,
    EventRef, EventRow, Fact, FigureRow, LinkUnit, NewDocument, Page, Paged, PutOutcome, QuoteRow,
    RecordFilter, Result, Review, ReviewKind, SearchHit, SpeakerMention, Store, StoreError,
    Verdict,
};

/// The migrations, applied in order; `PRAGMA user_version` holds the last one applied and the
/// `schema_version` table records each with its time.
const MIGRATIONS: &[(i64, &str, &str)] = &[
    (1, "0001_init", include_str!("../migrations/0001_init.sql")),
    (
        2,
        "0002_reviews",
        include_str!("../migrations/0002_reviews.sql"),
    ),
    (
        3,
        "0003_link_units",
        include_str!("../migrations/0003_link_units.sql"),
    ),
    (
        4,
        "0004_views",
        include_str!("../migrations/0004_views.sql"),
    ),
    (
        5,
        "0005_unlinked_documents",
        include_str!("../migrations/0005_unlinked_documents.sql"),
    ),
    (
        6,
        "0006_text_indexes",
        include_str!("../migrations/0006_text_indexes.sql"),
    ),
    (
        7,
        "0007_band_runs",
        include_str!("../migrations/0007_band_runs.sql"),
    ),
    (
        8,
        "0008_unit_event_refs",
        include_str!("../migrations/0008_unit_event_refs.sql"),
    ),
    (
        9,
        "0009_hash_runs",
        include_str!("../migrations/0009_hash_runs.sql"),
    ),
    (
        10,
        "0010_index_writes",
        include_str!("../migrations/0010_index_writes.sql"),
    ),
];

/// The schema version this build reads and writes.
pub const SCHEMA_VERSION: i64 = 10;
/// The migration that rebuilds the documents table (0009), which needs foreign keys off.
const REBUILDS_DOCUMENTS: i64 = 9;
/// Largest page a query returns; bigger limits are clamped.
pub const MAX_PAGE: usize = 10_000;
/// Documents looked up per band key of a new document (the lowest ids): the candidates counted
/// by shared band keys, of which at most `shared::MAX_SIGNATURE_READS` are read and compared.
const MAX_CANDIDATES: usize = 256;
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);
/// The band index's open run is sealed once it holds this many keys (2,048 documents of 32
/// bands): small enough that rewriting its pages in every transaction costs little (about a
/// megabyte), large enough that runs stay few.
const OPEN_RUN_KEYS: i64 = 65_536;
/// Sealed runs of about the same size merged into one, at a time: each key is rewritten about
/// once per level (log4 of the index size over [`OPEN_RUN_KEYS`]: 4 at 1M documents), and a
/// lookup reads at most three runs a level.
const RUN_FAN_IN: usize = 4;
/// The content-hash index's open run is sealed once it holds this many hashes (documents):
/// about 100 pages, which every bulk transaction rewrites.
const OPEN_HASH_RUN_KEYS: i64 = 4_096;
/// A sealed band run of this many keys or more (the runs merged twice: 8,192 documents) gets a
/// filter (`run_filter`). A batch's 8,192 keys read nearly every leaf page of a smaller run
/// anyway, which its filter would only add to.
const FILTERED_RUN_KEYS: i64 = 262_144;
/// Whether a new document's MinHash signature (first) and a stored candidate's are one story,
/// and if so how similar they are: the pipeline's decision
/// (`migtrack_pipeline::dedupe::same_story`), handed to the store so that the similarity
/// function and its threshold live in one place.
pub type StoryMatch = fn(&[u64], &[u64]) -> Option<f64>;

/// A group of near-duplicate documents (a wire story and its copies).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StorySummary {
    pub id: i64,
    /// The document that founded the story.
    pub first_doc_id: Option<i64>,
    /// The founding document's title.
    pub title: Option<String>,
    pub document_count: usize,
    pub first_published: Option<NaiveDate>,
    pub latest_published: Option<NaiveDate>,
}

/// The SQLite store. Not `Sync`: share it behind a mutex or open one per worker.
pub struct SqliteStore {
    conn: Connection,
    read_only: bool,
    /// `None`: every new document founds its own story.
    story_match: Option<StoryMatch>,
    band_runs: RunLimits,
    hash_runs: RunLimits,
    /// Tests: look each document up in every run in turn, as before [`Lookups`] read the
    /// sealed runs a batch at a time, to check that both give the same.
    #[cfg(test)]
    per_document_lookups: bool,
}

/// When a [`RunIndex`] seals its open run and merges sealed runs: for the band index the
/// constants [`OPEN_RUN_KEYS`] and [`RUN_FAN_IN`], for the content hashes
/// [`OPEN_HASH_RUN_KEYS`] and [`RUN_FAN_IN`]; smaller in tests.
#[derive(Debug, Clone, Copy)]
struct RunLimits {
    open_keys: i64,
    fan_in: usize,
    /// A run sealed or merged with at least this many rows gets a filter (an index whose
    /// `filter_prefix` is set).
    filter_rows: i64,
}

impl RunLimits {
    const BANDS: RunLimits = RunLimits {
        open_keys: OPEN_RUN_KEYS,
        fan_in: RUN_FAN_IN,
        filter_rows: FILTERED_RUN_KEYS,
    };
    const HASHES: RunLimits = RunLimits {
        open_keys: OPEN_HASH_RUN_KEYS,
        fan_in: RUN_FAN_IN,
        filter_rows: i64::MAX,
    };
}

impl std::fmt::Debug for SqliteStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SqliteStore")
            .field("path", &self.conn.path())
            .field("read_only", &self.read_only)
            .field("groups_near_duplicates", &self.story_match.is_some())
            .finish()
    }
}

fn open_error(path: &Path, message: impl std::fmt::Display) -> StoreError {
    StoreError::Open {
        path: path.display().to_string(),
        message: message.to_string(),
    }
}

impl SqliteStore {
    /// How a batch's documents are looked up (see [`Lookups`]).
    fn lookup_mode(&self) -> LookupMode {
        LookupMode {
            story_match: self.story_match,
            #[cfg(test)]
            per_document: self.per_document_lookups,
        }
    }

    /// Open (creating if needed) a database file for reading and writing, and bring its schema
    /// up to date.
    pub fn open(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref();
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI;
        let conn = Connection::open_with_flags(path, flags).map_err(|e| open_error(path, e))?;
        Self::set_up_writable(conn, path)
    }

    /// A private in-memory database (tests, one-shot runs).
    pub fn open_in_memory() -> Result<Self> {
        let conn = Connection::open_in_memory()?;
        Self::set_up_writable(conn, Path::new(":memory:"))
    }

    /// Every step waits for other connections like a write does: the busy timeout is set first,
    /// and the switch to WAL, which SQLite may refuse at once with `SQLITE_BUSY` while another
    /// connection creates or migrates the same new file (no busy handler runs for it), is
    /// retried until the same timeout. Migrations run in `BEGIN IMMEDIATE` transactions.
    fn set_up_writable(mut conn: Connection, path: &Path) -> Result<Self> {
        conn.busy_timeout(BUSY_TIMEOUT)
            .map_err(|e| open_error(path, e))?;
        plan_once(&conn).map_err(|e| open_error(path, e))?;
        // Returns the resulting mode ("memory" for in-memory databases).
        let _mode: String =
            retry_busy(|| conn.query_row("PRAGMA journal_mode = WAL", [], |row| row.get(0)))
                .map_err(|e| open_error(path, e))?;
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(|e| open_error(path, e))?;
        conn.pragma_update(None, "foreign_keys", "ON")
            .map_err(|e| open_error(path, e))?;
        // Write amplification (issue 10, item 4). Statement journals in memory: an insert
        // that fires triggers (quotes, claims: their trigram index and speaker counts) inside
        // a transaction keeps the pages it changes in a statement journal, a temporary file
        // by default, and those writes were most of what an ingest wrote (170 of 241 MB for
        // 3,000 documents). A page cache of 16 MiB (SQLite's default is 2 MiB, after which it
        // spills changed pages into the WAL mid-transaction; 32 MiB cost 16 MiB of resident
        // memory and saved few writes once checkpoints are this far apart), and a WAL that
        // grows to 512 MiB between checkpoints, so a page changed by several transactions
        // (the open band run, the content-hash and event key indexes, the last pages of each
        // table) reaches the database file once per checkpoint (32 MiB wrote 1.64 GB for 50k
        // documents, 128 MiB 1.27 GB; see bench/runs/2026-12-06-2cpu-24g for 512 MiB); the
        // WAL file is cut back to 64 MiB after one.
        // Ingest runs about twenty statements a document; the band lookup's text changes with
        // the runs.
        conn.set_prepared_statement_cache_capacity(64);
        for (pragma, value) in [
            ("temp_store", "MEMORY"),
            ("cache_size", "-16384"),
            ("wal_autocheckpoint", "131072"),
            ("journal_size_limit", "67108864"),
        ] {
            conn.pragma_update(None, pragma, value)
                .map_err(|e| open_error(path, e))?;
        }
        migrate(&mut conn, path)?;
        Ok(SqliteStore {
            conn,
            read_only: false,
            story_match: None,
            band_runs: RunLimits::BANDS,
            hash_runs: RunLimits::HASHES,
            #[cfg(test)]
            per_document_lookups: false,
        })
    }

    /// Open an existing database for queries only (`SQLITE_OPEN_READ_ONLY`); every write
    /// method returns [`StoreError::ReadOnly`]. The schema must already be current.
    pub fn open_read_only(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref();
        if !path.exists() {
            return Err(open_error(path, "no such database file"));
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI;
        let conn = Connection::open_with_flags(path, flags).map_err(|e| open_error(path, e))?;
        conn.busy_timeout(BUSY_TIMEOUT)
            .map_err(|e| open_error(path, e))?;
        plan_once(&conn).map_err(|e| open_error(path, e))?;
        conn.pragma_update(None, "query_only", "ON")
            .map_err(|e| open_error(path, e))?;
        let version: i64 = conn
            .pragma_query_value(None, "user_version", |row| row.get(0))
            .map_err(|e| open_error(path, e))?;
        if version != SCHEMA_VERSION {
            return Err(open_error(
                path,
                format!(
                    "schema version {version}, this build needs {SCHEMA_VERSION} \
                     (open it once read-write to migrate)"
                ),
            ));
        }
        Ok(SqliteStore {
            conn,
            read_only: true,
            story_match: None,
            band_runs: RunLimits::BANDS,
            hash_runs: RunLimits::HASHES,
            #[cfg(test)]
            per_document_lookups: false,
        })
    }

    /// Group near duplicates into stories by `story_match` (without it, only exact duplicates
    /// are recognised). Ingest passes `migtrack_pipeline::dedupe::same_story`.
    pub fn with_story_match(mut self, story_match: StoryMatch) -> Self {
        self.story_match = Some(story_match);
        self
    }

    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// The schema version recorded in the file.
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .pragma_query_value(None, "user_version", |row| row.get(0))?)
    }

    fn ensure_writable(&self) -> Result<()> {
        if self.read_only {
            Err(StoreError::ReadOnly)
        } else {
            Ok(())
        }
    }

    /// Stories (near-duplicate groups), by id with cursor paging.
    pub fn stories(&self, page: Page) -> Result<Paged<StorySummary>> {
        let (cursor, limit) = page_bounds(page)?;
        let mut statement = self.conn.prepare_cached(
            "SELECT s.id, s.first_doc_id, f.title,
                    (SELECT COUNT(*) FROM documents d WHERE d.story_id = s.id),
                    (SELECT MIN(d.published) FROM documents d WHERE d.story_id = s.id),
                    (SELECT MAX(d.published) FROM documents d WHERE d.story_id = s.id)
             FROM stories s LEFT JOIN documents f ON f.id = s.first_doc_id
             WHERE s.id > ?1 ORDER BY s.id LIMIT ?2",
        )?;
        let rows = statement.query_map(rusqlite::params![cursor, limit + 1], |row| {
            Ok(StorySummary {
                id: row.get(0)?,
                first_doc_id: row.get(1)?,
                title: row.get(2)?,
                document_count: row.get(3)?,
                first_published: get_date_at(row, 4)?,
                latest_published: get_date_at(row, 5)?,
            })
        })?;
        paged(rows, limit, |story| story.id)
    }

    /// Call `visit` with every document (text and records), one at a time in id order, so an
    /// export never holds more than one document in memory.
    pub fn for_each_document(
        &self,
        mut visit: impl FnMut(DocumentView) -> Result<()>,
    ) -> Result<()> {
        let mut cursor = 0_i64;
        loop {
            let ids: Vec<i64> = {
                let mut statement = self.conn.prepare_cached(
                    "SELECT id FROM documents WHERE id > ?1 ORDER BY id LIMIT 100",
                )?;
                statement
                    .query_map([cursor], |row| row.get(0))?
                    .collect::<rusqlite::Result<_>>()?
            };
            let Some(&last) = ids.last() else {
                return Ok(());
            };
            for id in ids {
                visit(self.document(id)?)?;
            }
            cursor = last;
        }
    }

    fn document_summary(&self, id: i64) -> Result<Option<(DocumentSummary, Option<String>)>> {
        let mut statement = self.conn.prepare_cached(&format!(
            "SELECT {DOCUMENT_SUMMARY_COLUMNS}, d.byline FROM documents d WHERE d.id = ?1"
        ))?;
        Ok(statement
            .query_row([id], |row| Ok((document_summary(row)?, row.get("byline")?)))
            .optional()?)
    }

    fn query_events(&self, filter: &EventFilter, cursor: i64, limit: i64) -> Result<Vec<EventRow>> {
        let query = EventQuery::new(filter, "events", "e", cursor, limit)?;
        let doc = doc_condition("e", 7, filter.doc_id.is_some());
        let reviews = review_join(ReviewKind::Event, "e");
        let documents = document_conditions(11, None);
        let mut statement = self.conn.prepare_cached(&format!(
            "SELECT e.*, {PROVENANCE_COLUMNS}, {REVIEW_COLUMNS},
                    CAST(substr(CAST(d.text AS BLOB), e.sentence_start + 1,
                                e.sentence_end - e.sentence_start) AS BLOB) AS sentence_bytes
             FROM events e JOIN documents d ON d.id = e.doc_id {reviews}
             WHERE e.id > ?1 {conditions}
               AND {documents}
               AND (?13 OR v.verdict IS NULL OR v.verdict <> 'rejected')
               AND {doc}
             ORDER BY e.id LIMIT ?8",
            conditions = query.conditions
        ))?;
        let rows = statement.query_map(rusqlite::params_from_iter(&query.params), |row| {
            event_row(row)
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// One page of a record kind that lives in its own table (quotes, claims, dates, figures):
    /// one query for all four, shaped by the kind's [`RecordTable`]. The parameters keep their
    /// numbers whatever the kind: a filter a kind has no column for is refused before
    /// (`no_speaker`) or left out of the statement.
    fn query_records<T: RecordKind>(
        &self,
        filter: &RecordFilter,
        cursor: i64,
        limit: i64,
    ) -> Result<Vec<T>> {
        let RecordTable { name, also_text } = T::TABLE;
        let spoken = T::REVIEWED;
        if spoken.is_none() {
            no_speaker(filter, name)?;
        }
        let doc = doc_condition("r", 4, filter.doc_id.is_some());
        let documents = document_conditions(6, Some(8));
        let text = match also_text {
            Some(column) => format!(
                "(?3 IS NULL OR instr(lower(r.text), lower(?3)) > 0
                    OR instr(lower(r.{column}), lower(?3)) > 0)"
            ),
            None => "(?3 IS NULL OR instr(lower(r.text), lower(?3)) > 0)".to_string(),
        };
        // Quotes and claims: a speaker, reviews, and for text of three characters or more a
        // trigram index that names the only rows to read.
        let indexed = spoken.and(trigram_phrase(filter.text.as_deref()));
        let text_index = if indexed.is_some() {
            format!("AND r.id IN (SELECT rowid FROM {name}_fts WHERE {name}_fts MATCH ?11)")
        } else {
            "AND ?11 IS NULL".to_string()
        };
        let (review_columns, reviews, spoken_conditions) = match spoken {
            Some(kind) => (
                format!(", {REVIEW_COLUMNS}"),
                review_join(kind, "r"),
                "AND (?2 IS NULL OR instr(lower(r.speaker), lower(?2)) > 0)
                 AND (?10 OR v.verdict IS NULL OR v.verdict <> 'rejected')",
            ),
            None => (String::new(), String::new(), ""),
        };
        let mut statement = self.conn.prepare_cached(&format!(
            "SELECT r.*, {PROVENANCE_COLUMNS}{review_columns}
             FROM {name} r JOIN documents d ON d.id = r.doc_id {reviews}
             WHERE r.id > ?1 {text_index}
               AND {text}
               AND {doc}
               AND {documents}
               {spoken_conditions}
             ORDER BY r.id LIMIT ?5"
        ))?;
        let rows = statement.query_map(
            rusqlite::params![
                cursor,
                filter.speaker,
                filter.text,
                filter.doc_id,
                limit,
                filter.outlet,
                filter.lang,
                filter.since.map(format_date),
                filter.until.map(format_date),
                filter.include_rejected,
                indexed
            ],
            |row| record_row(row),
        )?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// A page of a record kind: [`Self::query_records`] with the page's bounds.
    fn list_records<T: RecordKind>(&self, filter: &RecordFilter, page: Page) -> Result<Paged<T>> {
        let (cursor, limit) = page_bounds(page)?;
        let rows = self.query_records(filter, cursor, limit + 1)?;
        Ok(from_vec_paged(rows, limit, T::id))
    }

    fn fact_event_ids(&self, fact_id: i64) -> Result<Vec<i64>> {
        let mut statement = self.conn.prepare_cached(
            "SELECT event_id FROM fact_events WHERE fact_id = ?1 ORDER BY event_id",
        )?;
        let ids = statement
            .query_map([fact_id], |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(ids)
    }

    /// The page's documents in rank order first (bm25 alone over the newest
    /// [`crate::SEARCH_CANDIDATES`] matches, which FTS5 reads in rowid order and stops), then
    /// the snippets of that page only: a snippet costs far more than a rank, and a sort over
    /// the matches would make one for every match.
    ///
    /// bm25 counts each phrase's documents once a query, over the whole index (its inverse
    /// document frequency): for `the` about 10 ms of CPU at 200k documents and 50 ms at 1M,
    /// growing with the store. A query whose matches are most documents skips that: when
    /// the newest candidates fill the window and lie within fewer than twice as many of the
    /// newest document ids ([`dense_matches`]), every one of its phrases is in more than half
    /// of those documents, where bm25's inverse document frequency is floored to nearly
    /// nothing, and its words tell the documents apart no more than their dates do: such a
    /// query (without `OR`, whose other side may be rare) is ordered newest first.
    fn run_search(&self, query: &str, offset: i64, limit: i64) -> rusqlite::Result<Vec<SearchHit>> {
        let window = i64::try_from(crate::SEARCH_CANDIDATES).unwrap_or(i64::MAX);
        let newest: Vec<i64> = self
            .conn
            .prepare_cached(
                "SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?1
                 ORDER BY rowid DESC LIMIT ?2",
            )?
            .query_map(rusqlite::params![query, window], |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let ids: Vec<i64> = if dense_matches(query, &newest, window) {
            let from = usize::try_from(offset).unwrap_or(usize::MAX);
            let count = usize::try_from(limit).unwrap_or(0);
            newest.into_iter().skip(from).take(count).collect()
        } else {
            self.conn
                .prepare_cached(
                    "SELECT rowid FROM
                         (SELECT rowid, rank FROM documents_fts WHERE documents_fts MATCH ?1
                          ORDER BY rowid DESC LIMIT ?4)
                     ORDER BY rank, rowid LIMIT ?2 OFFSET ?3",
                )?
                .query_map(rusqlite::params![query, limit, offset, window], |row| {
                    row.get(0)
                })?
                .collect::<rusqlite::Result<_>>()?
        };
        // The page's snippets in one statement: FTS5 reads the query's matches between the
        // page's lowest and highest id (all within the candidates, so at most
        // SEARCH_CANDIDATES of them) in one pass, and a snippet is made for the page's
        // documents only (the `+` keeps the id list out of FTS5's own constraints). One
        // statement a hit, each seeking its id in every segment, took 14-32 ms for a page
        // of 100 at 200k documents; this one 2-5 ms.
        let (Some(&low), Some(&high)) = (ids.iter().min(), ids.iter().max()) else {
            return Ok(Vec::new());
        };
        let list = format!(
            "[{}]",
            ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",")
        );
        let mut statement = self.conn.prepare_cached(
            "SELECT d.id, d.title, d.source, d.published,
                    snippet(documents_fts, 1, char(57344), char(57345), '…', 24), d.outlet
             FROM documents_fts JOIN documents d ON d.id = documents_fts.rowid
             WHERE documents_fts MATCH ?1 AND documents_fts.rowid BETWEEN ?2 AND ?3
               AND +documents_fts.rowid IN (SELECT value FROM json_each(?4))",
        )?;
        let mut found: HashMap<i64, SearchHit> = statement
            .query_map(rusqlite::params![query, low, high, list], |row| {
                let title: Option<String> = row.get(1)?;
                let source: String = row.get(2)?;
                let outlet: Option<String> = row.get(5)?;
                let (snippet, highlights) = marked_snippet(&row.get::<_, String>(4)?);
                let hit = SearchHit {
                    doc_id: row.get(0)?,
                    label: crate::label(outlet.as_deref(), title.as_deref(), &source),
                    title,
                    source,
                    outlet,
                    published: get_date_at(row, 3)?,
                    snippet,
                    highlights,
                };
                Ok((hit.doc_id, hit))
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(ids.iter().filter_map(|id| found.remove(id)).collect())
    }
}

/// What the events and the facts queries share: the conditions on their own columns (exact
/// keys through the indexes, actor, action, target, date bounds) and the parameters ?1 to ?15
/// both statements are bound with: the cursor (?1), actor (?2), action (?3), target (?4),
/// since (?5), until (?6), document (?7), limit (?8), whether actor (?9) and target (?10) are
/// exact, outlet (?11), language (?12), whether rejected events count (?13, events only) and
/// the keys of an exact actor (?14) and target (?15).
struct EventQuery {
    conditions: String,
    params: Vec<rusqlite::types::Value>,
}

impl EventQuery {
    fn new(
        filter: &EventFilter,
        table: &str,
        alias: &str,
        cursor: i64,
        limit: i64,
    ) -> Result<EventQuery> {
        use rusqlite::types::Value;
        let action = parse_action_filter(filter.action.as_deref())?;
        let (actor, actor_exact) = term_param(&filter.actor);
        let (target, target_exact) = term_param(&filter.target);
        let (actor_key, target_key) = (exact_key(&filter.actor), exact_key(&filter.target));
        let keys = key_conditions(table, alias, actor_key.is_some(), target_key.is_some());
        let a = alias;
        let conditions = format!(
            "{keys}
               AND (?2 IS NULL OR {a}.actor = ?2 OR (NOT ?9 AND instr(lower({a}.actor), lower(?2)) > 0))
               AND (?3 IS NULL OR {a}.action = ?3)
               AND (?4 IS NULL OR {a}.target = ?4 OR (NOT ?10 AND instr(lower({a}.target), lower(?4)) > 0))
               AND {dates}",
            dates = date_bounds(alias)
        );
        let text = |value: Option<&str>| Value::from(value.map(str::to_string));
        let params = vec![
            Value::from(cursor),
            text(actor),
            text(action.map(|action| action.as_str())),
            text(target),
            Value::from(filter.since.map(format_date)),
            Value::from(filter.until.map(format_date)),
            Value::from(filter.doc_id),
            Value::from(limit),
            Value::from(actor_exact),
            Value::from(target_exact),
            Value::from(filter.outlet.clone()),
            Value::from(filter.lang.clone()),
            Value::from(filter.include_rejected),
            Value::from(actor_key),
            Value::from(target_key),
        ];
        Ok(EventQuery { conditions, params })
    }
}

/// The link-unit key of an exact actor or target term (an entity id the caller resolved):
/// its rows have that key, so the key's index finds them before the exact test.
fn exact_key(term: &Option<crate::Term>) -> Option<String> {
    match term {
        Some(crate::Term::Exact(value)) => Some(migtrack_model::name_key(value)),
        _ => None,
    }
}

/// Conditions that let an exact actor (?14) or target (?15) go through the key indexes; a
/// parameter not used is required to be NULL, so the statement always names both.
fn key_conditions(table: &str, alias: &str, actor: bool, target: bool) -> String {
    let actor = if actor {
        format!("AND {alias}.id IN (SELECT id FROM {table} WHERE actor_key = ?14)")
    } else {
        "AND ?14 IS NULL".into()
    };
    let target = if target {
        format!("AND {alias}.id IN (SELECT id FROM {table} WHERE target_key = ?15)")
    } else {
        "AND ?15 IS NULL".into()
    };
    format!("{actor} {target}")
}

/// The trigram index query for "contains `text`": one quoted phrase, which a trigram index
/// matches as a substring in any case. `None` for text under three characters, which a trigram
/// index cannot look up (the filter then reads every row).
fn trigram_phrase(text: Option<&str>) -> Option<String> {
    let text = text?;
    (text.chars().count() >= 3).then(|| format!("\"{}\"", text.replace('"', "\"\"")))
}

/// Run `step` again while it fails with `SQLITE_BUSY` or `SQLITE_LOCKED`, for up to
/// [`BUSY_TIMEOUT`], with short growing pauses; for the steps SQLite's busy handler does not
/// cover.
fn retry_busy<T>(mut step: impl FnMut() -> rusqlite::Result<T>) -> rusqlite::Result<T> {
    let deadline = std::time::Instant::now() + BUSY_TIMEOUT;
    let mut pause = Duration::from_millis(1);
    loop {
        match step() {
            Err(error) if is_busy(&error) && std::time::Instant::now() < deadline => {
                std::thread::sleep(pause);
                pause = (pause * 2).min(Duration::from_millis(50));
            }
            other => return other,
        }
    }
}

fn is_busy(error: &rusqlite::Error) -> bool {
    matches!(
        error.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
    )
}

fn migrate(conn: &mut Connection, path: &Path) -> Result<()> {
    migrate_from(conn, path, 1)
}

/// [`migrate`], the migrations from version `first` on.
fn migrate_from(conn: &mut Connection, path: &Path, first: i64) -> Result<()> {
    for &(version, name, sql) in MIGRATIONS.iter().filter(|m| m.0 >= first) {
        // IMMEDIATE: two processes opening a fresh file do not both migrate it.
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let current: i64 = tx.pragma_query_value(None, "user_version", |row| row.get(0))?;
        if current > SCHEMA_VERSION {
            return Err(open_error(
                path,
                format!("schema version {current} is newer than this build ({SCHEMA_VERSION})"),
            ));
        }
        if current >= version {
            continue;
        }
        if version == REBUILDS_DOCUMENTS && first < REBUILDS_DOCUMENTS {
            // The documents table is made again (SQLite's way to drop a constraint: a new
            // table, the rows copied, the old one dropped, the new one renamed). With foreign
            // keys on, dropping it would delete every row that references a document. The
            // pragma does nothing inside a transaction, so this one ends first and the
            // migration runs in its own, foreign keys off.
            drop(tx);
            return migrate_without_foreign_keys(conn, path);
        }
        tx.execute_batch(sql)
            .map_err(|e| open_error(path, format!("migration {name}: {e}")))?;
        if version == 3 {
            fill_event_unit_keys(&tx)
                .map_err(|e| open_error(path, format!("migration {name}: {e}")))?;
        }
        if version == 7 {
            seal_bands_before_runs(&tx)
                .map_err(|e| open_error(path, format!("migration {name}: {e}")))?;
        }
        if version == REBUILDS_DOCUMENTS {
            // The rows keep their ids, so what referenced a document still does.
            seal_hashes_before_runs(&tx)
                .map_err(|e| open_error(path, format!("migration {name}: {e}")))?;
        }
        tx.execute(
            "INSERT INTO schema_version (version, name) VALUES (?1, ?2)",
            rusqlite::params![version, name],
        )?;
        tx.pragma_update(None, "user_version", version)?;
        tx.commit()?;
    }
    Ok(())
}

/// [`migrate`] from the migration that rebuilds the documents table on, with foreign keys off
/// (and on again after, whatever the outcome).
fn migrate_without_foreign_keys(conn: &mut Connection, path: &Path) -> Result<()> {
    let enforced: bool = conn.pragma_query_value(None, "foreign_keys", |row| row.get(0))?;
    conn.pragma_update(None, "foreign_keys", "OFF")?;
    let migrated = migrate_from(conn, path, REBUILDS_DOCUMENTS);
    if enforced {
        conn.pragma_update(None, "foreign_keys", "ON")?;
    }
    migrated
}

/// A statement is planned once, when it is prepared, whatever values are bound to it later
/// (SQLite's query planner stability guarantee, `SQLITE_DBCONFIG_ENABLE_QPSG`).
///
/// Without it SQLite marks some parameters so that binding a new value to them expires the
/// statement, which is then parsed and planned again on its next step: a parameter in `LIMIT`,
/// and an equality on a key whose rows are then ordered (`WHERE band = ?1 ORDER BY doc_id`).
/// rusqlite clears a cached statement's bindings when it goes back to the cache, and that
/// expires such a statement every time: every look-up of a band key or content hash in the
/// band and hash runs (over thirty a document, and a batch's keys in every sealed run) was a
/// new prepare, a third of the store thread's CPU. The plans SQLite would pick per value
/// need statistics (`ANALYZE`) that no store has, or a `LIKE` pattern, which no query uses.
fn plan_once(conn: &Connection) -> rusqlite::Result<()> {
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)?;
    Ok(())
}

/// Migration 0003: the link-unit keys of the events stored before it.
fn fill_event_unit_keys(tx: &Transaction) -> rusqlite::Result<()> {
    let events: Vec<(i64, String, String)> = tx
        .prepare("SELECT id, actor, target FROM events")?
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut update =
        tx.prepare("UPDATE events SET actor_key = ?2, target_key = ?3 WHERE id = ?1")?;
    for (id, actor, target) in events {
        let unit = LinkUnit::of(&actor, &target);
        update.execute(rusqlite::params![id, unit.actor_key, unit.target_key])?;
    }
    Ok(())
}

// ---- log-structured indexes: the band index (migration 0007), the content hashes (0009) ----

/// An index of (key, doc_id) rows kept as a small log-structured merge tree: new rows go into
/// a small open run (a table rewritten cheaply by every transaction, however random the
/// keys); when it is full it is sealed into a run table written in key order (pages appended,
/// each written once), and runs of about the same size are merged, a few at a time, into one
/// larger run. A lookup asks the open run and every sealed run (a few levels of a few runs).
/// The runs have no foreign key to documents: a deleted document's rows stay and are skipped
/// by the lookups, so a merge never has to update a second index by document.
#[derive(Debug, Clone, Copy)]
struct RunIndex {
    /// The table listing the sealed runs: (id, rows).
    registry: &'static str,
    /// The open run.
    open: &'static str,
    /// Sealed run `id` is the table `{prefix}{id}`.
    prefix: &'static str,
    /// The key column with its type.
    key: &'static str,
    key_type: &'static str,
    /// Sealed run `id`'s filter, when it has one, is the table `{filter_prefix}{id}`
    /// (`run_filter`; integer keys only).
    filter_prefix: Option<&'static str>,
}

/// The near-duplicate band index: LSH band keys (u64 stored as the i64 with the same bits).
const BAND_RUNS: RunIndex = RunIndex {
    registry: "band_runs",
    open: "doc_bands",
    prefix: "doc_bands_run_",
    key: "band",
    key_type: "INTEGER",
    filter_prefix: Some("doc_bands_filter_"),
};

/// The content hashes of the documents: exact duplicates (migration 0009). A hash is random,
/// so the unique index on `documents.content_hash` it replaces had every insert dirty a page
/// of its own, about one page (4 KiB) written per document per transaction at 1M documents.
const HASH_RUNS: RunIndex = RunIndex {
    registry: "hash_runs",
    open: "doc_hashes",
    prefix: "doc_hashes_run_",
    key: "content_hash",
    key_type: "TEXT",
    filter_prefix: None,
};

impl RunIndex {
    /// The table of sealed run `id`.
    fn table(&self, id: i64) -> String {
        format!("{}{id}", self.prefix)
    }

    /// The table of sealed run `id`'s filter, if the index keeps filters.
    fn filter_table(&self, id: i64) -> Option<String> {
        self.filter_prefix.map(|prefix| format!("{prefix}{id}"))
    }

    /// Sealed run `id`'s filter table, when the run has one: a run sealed or merged before
    /// filters were kept, or too small for one, has none and is probed key by key.
    fn filter_of(&self, tx: &Connection, id: i64) -> rusqlite::Result<Option<String>> {
        let Some(table) = self.filter_table(id) else {
            return Ok(None);
        };
        let exists = tx
            .prepare_cached("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1")?
            .exists([&table])?;
        Ok(exists.then_some(table))
    }

    /// Write the filter of the new sealed run `id` (`rows` keys), reading its keys in order.
    fn build_filter(&self, tx: &Connection, id: i64, rows: i64) -> rusqlite::Result<()> {
        let Some(filter) = self.filter_table(id) else {
            return Ok(());
        };
        tx.execute_batch(&format!(
            "CREATE TABLE {filter} (block INTEGER PRIMARY KEY, bits BLOB NOT NULL)"
        ))?;
        let mut insert = tx.prepare(&format!(
            "INSERT INTO {filter} (block, bits) VALUES (?1, ?2)"
        ))?;
        let mut write = |block: i64, bits: &[u8]| -> rusqlite::Result<()> {
            insert.execute(rusqlite::params![block, bits])?;
            Ok(())
        };
        let mut builder = run_filter::Builder::new(rows);
        let mut keys = tx.prepare(&format!(
            "SELECT {key} FROM {run} ORDER BY {key}",
            key = self.key,
            run = self.table(id)
        ))?;
        let mut rows = keys.query([])?;
        while let Some(row) = rows.next()? {
            builder.add(row.get(0)?, &mut write)?;
        }
        builder.flush(&mut write)
    }

    fn create(&self, id: i64) -> String {
        format!(
            "CREATE TABLE {} (
                 {key} {key_type} NOT NULL,
                 doc_id INTEGER NOT NULL,
                 PRIMARY KEY ({key}, doc_id)
             ) WITHOUT ROWID;",
            self.table(id),
            key = self.key,
            key_type = self.key_type,
        )
    }

    /// The sealed runs, oldest first: (id, rows).
    fn sealed(&self, tx: &Connection) -> rusqlite::Result<Vec<(i64, i64)>> {
        tx.prepare_cached(&format!(
            "SELECT id, rows FROM {} ORDER BY id",
            self.registry
        ))?
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?
        .collect()
    }

    /// The query for the documents holding key ?1 in the open run or any sealed run, the ?2
    /// lowest ids (what one b-tree of every key gave): each run answers in id order through
    /// its primary key, and SQLite merges the answers (no sort). The look-up of every key of
    /// a document in turn, before [`Lookups`] asked the sealed runs a batch at a time; kept
    /// for the tests, which check that both give the same.
    #[cfg(test)]
    fn lookup_sql(&self, runs: &[(i64, i64)]) -> String {
        format!("{} ORDER BY 1 LIMIT ?2", self.union_sql(runs))
    }

    /// The rows of key ?1 in every run, unordered.
    #[cfg(test)]
    fn union_sql(&self, runs: &[(i64, i64)]) -> String {
        let mut sql = format!("SELECT doc_id FROM {} WHERE {} = ?1", self.open, self.key);
        for &(id, _) in runs {
            sql.push_str(&format!(
                " UNION ALL SELECT doc_id FROM {} WHERE {} = ?1",
                self.table(id),
                self.key
            ));
        }
        sql
    }

    /// The ids of the documents holding key ?1 in `table` (the open run or a sealed one), in
    /// id order through its primary key, at most ?2 of them.
    fn probe_sql(&self, table: &str) -> String {
        format!(
            "SELECT doc_id FROM {table} WHERE {} = ?1 ORDER BY doc_id LIMIT ?2",
            self.key
        )
    }

    /// For every key of `keys` (in the order the runs keep them) that a sealed run holds: the
    /// `limit` lowest document ids holding it across all sealed runs, ascending, a row in two
    /// runs counted twice (as a `UNION ALL` of the runs did). Each run is read for all the
    /// keys before the next, in key order, so consecutive probes read the same or nearby leaf
    /// pages of it. A run with a filter (`run_filter`) is asked only the keys its filter lets
    /// through.
    fn probe_sealed<K>(
        &self,
        tx: &Connection,
        keys: &BTreeSet<K>,
        limit: usize,
    ) -> rusqlite::Result<HashMap<K, Vec<i64>>>
    where
        K: RunKey,
    {
        let mut found: HashMap<K, Vec<i64>> = HashMap::new();
        if keys.is_empty() {
            return Ok(found);
        }
        let limit_param = i64::try_from(limit).unwrap_or(i64::MAX);
        for (id, rows) in self.sealed(tx)? {
            let mut statement = tx.prepare_cached(&self.probe_sql(&self.table(id)))?;
            let mut filter = match self.filter_of(tx, id)? {
                Some(table) => Some(RunFilter::new(tx, &table, rows)?),
                None => None,
            };
            for key in keys {
                if let (Some(filter), Some(integer)) = (filter.as_mut(), key.integer())
                    && !filter.may_hold(integer)?
                {
                    continue;
                }
                let mut rows = statement.query(rusqlite::params![key, limit_param])?;
                let mut ids = Vec::new();
                while let Some(row) = rows.next()? {
                    ids.push(row.get::<_, i64>(0)?);
                }
                if !ids.is_empty() {
                    let known = found.entry(key.clone()).or_default();
                    *known = merge_lowest(known, &ids, limit);
                }
            }
        }
        Ok(found)
    }

    /// The rows stored before the index had runs (`source`, a query of (key, doc_id)) become
    /// its first sealed run (none when there are none). A migration's step.
    fn seal_first_run(&self, tx: &Connection, source: &str) -> rusqlite::Result<()> {
        let rows: i64 = tx.query_row(&format!("SELECT COUNT(*) FROM ({source})"), [], |row| {
            row.get(0)
        })?;
        if rows > 0 {
            tx.execute_batch(&format!(
                "{create}
                 INSERT INTO {run} ({key}, doc_id) SELECT * FROM ({source}) ORDER BY 1, 2;
                 INSERT INTO {registry} (id, rows) VALUES (1, {rows});",
                create = self.create(1),
                run = self.table(1),
                key = self.key,
                registry = self.registry,
            ))?;
        }
        Ok(())
    }

    /// After a batch: seal the open run when it is full, then merge the newest `fan_in` runs
    /// while they are of about the same size (the largest at most twice the smallest), so runs
    /// grow by levels like the tiers of a log-structured merge tree. Runs are written in key
    /// order into new tables (pages appended and written once) and merged runs are dropped
    /// whole.
    fn settle(&self, tx: &Connection, limits: RunLimits) -> rusqlite::Result<()> {
        let open: i64 = tx
            .prepare_cached(&format!("SELECT COUNT(*) FROM {}", self.open))?
            .query_row([], |row| row.get(0))?;
        if open < limits.open_keys {
            return Ok(());
        }
        let (key, registry, open_table) = (self.key, self.registry, self.open);
        let mut runs = self.sealed(tx)?;
        let next = |runs: &[(i64, i64)]| runs.last().map_or(1, |&(id, _)| id + 1);
        let sealed = next(&runs);
        // OR IGNORE (the open run's rows are unique anyway): a statement that cannot abort on
        // a conflict needs no statement journal inside the bulk transaction.
        tx.execute_batch(&format!(
            "{create}
             INSERT OR IGNORE INTO {run} ({key}, doc_id)
                 SELECT {key}, doc_id FROM {open_table} ORDER BY {key}, doc_id;
             DELETE FROM {open_table};
             INSERT INTO {registry} (id, rows) VALUES ({sealed}, {open});",
            create = self.create(sealed),
            run = self.table(sealed),
        ))?;
        if open >= limits.filter_rows {
            self.build_filter(tx, sealed, open)?;
        }
        runs.push((sealed, open));
        let fan_in = limits.fan_in.max(2);
        while runs.len() >= fan_in {
            let tail = &runs[runs.len() - fan_in..];
            let smallest = tail.iter().map(|&(_, rows)| rows).min().unwrap_or(0);
            let largest = tail.iter().map(|&(_, rows)| rows).max().unwrap_or(0);
            if largest > 2 * smallest {
                break;
            }
            let merged = next(&runs);
            let rows: i64 = tail.iter().map(|&(_, rows)| rows).sum();
            let sources: Vec<String> = tail
                .iter()
                .map(|&(id, _)| format!("SELECT {key}, doc_id FROM {}", self.table(id)))
                .collect();
            let mut sql = format!(
                "{create}
                 INSERT OR IGNORE INTO {run} ({key}, doc_id) {sources} ORDER BY 1, 2;",
                create = self.create(merged),
                run = self.table(merged),
                sources = sources.join(" UNION ALL "),
            );
            for &(id, _) in tail {
                sql.push_str(&format!(
                    "DROP TABLE {}; DELETE FROM {registry} WHERE id = {id};",
                    self.table(id)
                ));
                if let Some(filter) = self.filter_table(id) {
                    sql.push_str(&format!("DROP TABLE IF EXISTS {filter};"));
                }
            }
            sql.push_str(&format!(
                "INSERT INTO {registry} (id, rows) VALUES ({merged}, {rows});"
            ));
            tx.execute_batch(&sql)?;
            if rows >= limits.filter_rows {
                self.build_filter(tx, merged, rows)?;
            }
            let kept = runs.len() - fan_in;
            runs.truncate(kept);
            runs.push((merged, rows));
        }
        Ok(())
    }
}

/// A key of a [`RunIndex`]: what a filter is built over, if it can be (integers).
trait RunKey: rusqlite::ToSql + Ord + std::hash::Hash + Clone {
    fn integer(&self) -> Option<i64>;
}

impl RunKey for i64 {
    fn integer(&self) -> Option<i64> {
        Some(*self)
    }
}

impl RunKey for String {
    fn integer(&self) -> Option<i64> {
        None
    }
}

/// A sealed run's filter as a batch reads it: keys come in key order, so each block is read
/// once, when the first key in it comes.
struct RunFilter<'conn> {
    geometry: run_filter::Geometry,
    read: rusqlite::CachedStatement<'conn>,
    /// The block last read, with its bits (`None`: no key of the run is in it).
    block: Option<(i64, Option<Vec<u8>>)>,
}

impl<'conn> RunFilter<'conn> {
    fn new(tx: &'conn Connection, table: &str, rows: i64) -> rusqlite::Result<Self> {
        Ok(RunFilter {
            geometry: run_filter::Geometry::for_rows(rows),
            read: tx.prepare_cached(&format!("SELECT bits FROM {table} WHERE block = ?1"))?,
            block: None,
        })
    }

    /// False only when the run does not hold `key`.
    fn may_hold(&mut self, key: i64) -> rusqlite::Result<bool> {
        let block = self.geometry.block(key);
        if self.block.as_ref().map(|(number, _)| *number) != Some(block) {
            let bits: Option<Vec<u8>> =
                self.read.query_row([block], |row| row.get(0)).optional()?;
            self.block = Some((block, bits));
        }
        Ok(match &self.block {
            Some((_, Some(bits))) => run_filter::may_hold(bits, key),
            _ => false,
        })
    }
}

/// Migration 0007: the band keys stored before it become the first sealed run (none when
/// there were none).
fn seal_bands_before_runs(tx: &Transaction) -> rusqlite::Result<()> {
    BAND_RUNS.seal_first_run(tx, "SELECT band, doc_id FROM doc_bands_before_runs")?;
    tx.execute_batch("DROP TABLE doc_bands_before_runs")
}

/// Migration 0009: the content hashes of the documents stored before it become the first
/// sealed run of [`HASH_RUNS`].
fn seal_hashes_before_runs(tx: &Transaction) -> rusqlite::Result<()> {
    HASH_RUNS.seal_first_run(tx, "SELECT content_hash, id FROM documents")
}

/// The union of two ascending lists of ids (a multiset: an id in both is kept twice), cut to
/// its `limit` lowest.
fn merge_lowest(first: &[i64], second: &[i64], limit: usize) -> Vec<i64> {
    let mut merged = Vec::with_capacity((first.len() + second.len()).min(limit));
    let (mut left, mut right) = (first.iter().peekable(), second.iter().peekable());
    while merged.len() < limit {
        let next = match (left.peek(), right.peek()) {
            (Some(&&a), Some(&&b)) if a <= b => left.next(),
            (Some(_), Some(_)) => right.next(),
            (Some(_), None) => left.next(),
            (None, Some(_)) => right.next(),
            (None, None) => break,
        };
        merged.extend(next.copied());
    }
    merged
}

/// What the sealed runs hold for a batch's keys, read once for the whole batch before its
/// documents are stored: the sealed runs change only between batches (`RunIndex::settle`),
/// so each can be read for all of the batch's keys at once, in key order, instead of for
/// each document's keys in turn in random order (at 200k documents and more, each probe of
/// a large run read a leaf page that was not in the page cache). The open run changes as
/// the batch's documents go in (a document finds an earlier one of the same batch there),
/// so it is still asked per document, when that document's turn comes.
struct Lookups {
    /// Band key → the [`MAX_CANDIDATES`] lowest ids of the documents holding it in the
    /// sealed runs, ascending; keys no sealed run holds are absent.
    bands: HashMap<i64, Vec<i64>>,
    /// Content hash → the ids of the documents whose hash the sealed runs hold, ascending.
    hashes: HashMap<String, Vec<i64>>,
    /// The look-ups of every document in turn, for the tests that check both ways agree.
    #[cfg(test)]
    per_document: Option<PerDocument>,
}

/// The statements of the look-up of each document in turn (open and sealed runs together).
#[cfg(test)]
struct PerDocument {
    bands: String,
    hashes: String,
}

/// How a batch's documents are looked up: whether near duplicates are grouped (then the band
/// keys are looked up), and in tests whether each document is looked up in every run in turn.
#[derive(Clone, Copy)]
struct LookupMode {
    story_match: Option<StoryMatch>,
    #[cfg(test)]
    per_document: bool,
}

impl LookupMode {
    /// The look-ups of a batch's documents.
    fn lookups(self, tx: &Connection, docs: &[NewDocument]) -> rusqlite::Result<Lookups> {
        #[cfg(test)]
        if self.per_document {
            return Lookups::per_document(tx);
        }
        Lookups::new(tx, docs, self.story_match)
    }
}

impl Lookups {
    /// Read the sealed runs for the band keys (only when near duplicates are grouped) and
    /// the content hashes of `docs`.
    fn new(
        tx: &Connection,
        docs: &[NewDocument],
        story_match: Option<StoryMatch>,
    ) -> rusqlite::Result<Lookups> {
        let band_keys: BTreeSet<i64> = if story_match.is_some() {
            docs.iter()
                .filter(|document| !document.signature.is_empty())
                .flat_map(|document| document.bands.iter().map(|&band| band as i64))
                .collect()
        } else {
            BTreeSet::new()
        };
        let hashes: BTreeSet<String> = docs
            .iter()
            .map(|document| document.content_hash.clone())
            .collect();
        Ok(Lookups {
            bands: BAND_RUNS.probe_sealed(tx, &band_keys, MAX_CANDIDATES)?,
            hashes: HASH_RUNS.probe_sealed(tx, &hashes, usize::MAX)?,
            #[cfg(test)]
            per_document: None,
        })
    }

    /// The look-ups of each document in turn, as before the sealed runs were read a batch at
    /// a time (tests only).
    #[cfg(test)]
    fn per_document(tx: &Connection) -> rusqlite::Result<Lookups> {
        Ok(Lookups {
            bands: HashMap::new(),
            hashes: HashMap::new(),
            per_document: Some(PerDocument {
                bands: BAND_RUNS.lookup_sql(&BAND_RUNS.sealed(tx)?),
                hashes: format!(
                    "SELECT h.doc_id FROM ({}) h JOIN documents d ON d.id = h.doc_id
                     WHERE d.content_hash = ?1 ORDER BY 1 LIMIT 1",
                    HASH_RUNS.union_sql(&HASH_RUNS.sealed(tx)?)
                ),
            }),
        })
    }

    /// The earliest stored document with this content hash: the ids the runs name for it
    /// (the open run now, the sealed ones from the batch's probe), in id order, the first
    /// whose document is there with this hash. Run rows whose document is gone, or whose id
    /// a later document took, are skipped.
    fn exact_duplicate(
        &self,
        tx: &Connection,
        content_hash: &str,
    ) -> rusqlite::Result<Option<i64>> {
        #[cfg(test)]
        if let Some(per_document) = &self.per_document {
            return tx
                .prepare_cached(&per_document.hashes)?
                .query_row([content_hash], |row| row.get(0))
                .optional();
        }
        let mut ids: Vec<i64> = tx
            .prepare_cached(&HASH_RUNS.probe_sql(HASH_RUNS.open))?
            .query_map(rusqlite::params![content_hash, i64::MAX], |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        if let Some(sealed) = self.hashes.get(content_hash) {
            ids.extend(sealed);
        }
        if ids.is_empty() {
            return Ok(None);
        }
        ids.sort_unstable();
        ids.dedup();
        let mut statement =
            tx.prepare_cached("SELECT 1 FROM documents WHERE id = ?1 AND content_hash = ?2")?;
        for id in ids {
            if statement.exists(rusqlite::params![id, content_hash])? {
                return Ok(Some(id));
            }
        }
        Ok(None)
    }

    /// The [`MAX_CANDIDATES`] lowest ids of the documents holding `band` in any run (the open
    /// run now, the sealed ones from the batch's probe), ascending.
    fn band_candidates(&self, tx: &Connection, band: u64) -> rusqlite::Result<Vec<i64>> {
        let limit = MAX_CANDIDATES as i64;
        #[cfg(test)]
        if let Some(per_document) = &self.per_document {
            return tx
                .prepare_cached(&per_document.bands)?
                .query_map(rusqlite::params![band as i64, limit], |row| row.get(0))?
                .collect();
        }
        let open: Vec<i64> = tx
            .prepare_cached(&BAND_RUNS.probe_sql(BAND_RUNS.open))?
            .query_map(rusqlite::params![band as i64, limit], |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(match self.bands.get(&(band as i64)) {
            Some(sealed) => merge_lowest(&open, sealed, MAX_CANDIDATES),
            None => open,
        })
    }
}

/// The columns of a [`Provenance`] taken from the joined `documents d`.
/// since (?5) / until (?6) on `{alias}.date_key` (events, facts): a date matches when its known
/// prefix is within the bounds cut to the same precision ("2017-12" is inside since 2017-12-02).
fn date_bounds(alias: &str) -> String {
    format!(
        "(?5 IS NULL OR ({alias}.date_key IS NOT NULL \
             AND {alias}.date_key >= substr(?5, 1, length({alias}.date_key)))) \
         AND (?6 IS NULL OR ({alias}.date_key IS NOT NULL \
             AND {alias}.date_key <= substr(?6, 1, length({alias}.date_key))))"
    )
}

/// The review of a record (`v.*`), joined by content: see [`shared::review_join`].
fn review_join(kind: ReviewKind, alias: &str) -> String {
    shared::review_join(kind, alias, UNIT_SEPARATOR)
}

/// U+001F in SQLite's SQL.
const UNIT_SEPARATOR: &str = "char(31)";

/// Conditions on the joined document `d`: outlet (?first, any case), language (?first + 1) and,
/// when `dates` is given, published-day bounds (?dates, ?dates + 1).
fn document_conditions(first: usize, dates: Option<usize>) -> String {
    let lang = first + 1;
    let mut sql = format!(
        "(?{first} IS NULL OR lower(d.outlet) = lower(?{first})) \
         AND (?{lang} IS NULL OR lower(d.lang) = lower(?{lang}))"
    );
    if let Some(since) = dates {
        let until = since + 1;
        sql.push_str(&format!(
            " AND (?{since} IS NULL OR d.published >= ?{since}) \
             AND (?{until} IS NULL OR d.published <= ?{until})"
        ));
    }
    sql
}

/// `alias.doc_id = ?n` when a document is given (so the index serves it), else a no-op test
/// of the parameter.
fn doc_condition(alias: &str, parameter: usize, given: bool) -> String {
    if given {
        format!("{alias}.doc_id = ?{parameter}")
    } else {
        format!("?{parameter} IS NULL")
    }
}

/// The leading `YYYY[-MM[-DD]]` of a normalised date value, for range filters; a decade
/// ("1970s") keeps its three leading digits; fiscal years and other forms have none.
pub(crate) fn date_key(value: &str) -> Option<String> {
    let bytes = value.as_bytes();
    let digits = |range: std::ops::Range<usize>| {
        bytes
            .get(range)
            .is_some_and(|part| part.iter().all(u8::is_ascii_digit))
    };
    if !digits(0..4) {
        return None;
    }
    if bytes.get(4) == Some(&b's') && bytes.get(3) == Some(&b'0') {
        return Some(value[..3].to_string());
    }
    if bytes.get(4) == Some(&b'-') && digits(5..7) {
        if bytes.get(7) == Some(&b'-') && digits(8..10) {
            return Some(value[..10].to_string());
        }
        return Some(value[..7].to_string());
    }
    Some(value[..4].to_string())
}

fn no_speaker(filter: &RecordFilter, kind: &str) -> Result<()> {
    if filter.speaker.is_some() {
        return Err(StoreError::InvalidQuery(format!(
            "{kind} have no speaker to filter on"
        )));
    }
    Ok(())
}

/// Collect `limit + 1` fetched rows into a page whose `next` is set when more rows exist.
fn paged<T>(
    rows: impl Iterator<Item = rusqlite::Result<T>>,
    limit: i64,
    id: impl Fn(&T) -> i64,
) -> Result<Paged<T>> {
    Ok(from_vec_paged(
        rows.collect::<rusqlite::Result<Vec<T>>>()?,
        limit,
        id,
    ))
}

// ---- row mapping -------------------------------------------------------------------------

#[derive(Debug)]
struct BadValue(String);

impl std::fmt::Display for BadValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for BadValue {}

fn bad_value(column: &str, value: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        0,
        Type::Text,
        Box::new(BadValue(format!(
            "column {column}: unexpected value {value:?}"
        ))),
    )
}

impl shared::StoredRow for Row<'_> {
    type Error = rusqlite::Error;

    fn get<T: shared::Column>(&self, column: &str) -> rusqlite::Result<T> {
        Row::get(self, column)
    }

    fn get_usize(&self, column: &str) -> rusqlite::Result<usize> {
        Row::get(self, column)
    }

    fn get_optional_usize(&self, column: &str) -> rusqlite::Result<Option<usize>> {
        Row::get(self, column)
    }

    fn bad_value(column: &str, value: &str) -> rusqlite::Error {
        bad_value(column, value)
    }

    fn bad_date(_column: &str, value: &str) -> rusqlite::Error {
        bad_value("date", value)
    }
}

/// A date column read by position (the stories and search statements).
fn get_date_at(row: &Row, index: usize) -> rusqlite::Result<Option<NaiveDate>> {
    let text: Option<String> = row.get(index)?;
    text.map(|text| {
        NaiveDate::parse_from_str(&text, "%Y-%m-%d").map_err(|_| bad_value("date", &text))
    })
    .transpose()
}

/// A record kind's table, as [`SqliteStore::query_records`] lists it.
struct RecordTable {
    name: &'static str,
    /// Dates and figures: the column the text filter reads besides `text`.
    also_text: Option<&'static str>,
}

/// A listed record kind: its table ([`RecordRow::REVIEWED`] for quotes and claims: a speaker
/// to filter on, analysts' reviews of this kind, and a trigram index over `text`,
/// `{name}_fts`).
trait RecordKind: RecordRow {
    const TABLE: RecordTable;
}

impl RecordKind for QuoteRow {
    const TABLE: RecordTable = RecordTable {
        name: "quotes",
        also_text: None,
    };
}

impl RecordKind for ClaimRow {
    const TABLE: RecordTable = RecordTable {
        name: "claims",
        also_text: None,
    };
}

impl RecordKind for DateRow {
    const TABLE: RecordTable = RecordTable {
        name: "dates",
        also_text: Some("value"),
    };
}

impl RecordKind for FigureRow {
    const TABLE: RecordTable = RecordTable {
        name: "figures",
        also_text: Some("counts"),
    };
}

// ---- writing -----------------------------------------------------------------------------

/// Insert one fact (id kept when positive) with its events and its link-unit keys.
fn insert_fact(tx: &Transaction, fact: &Fact) -> Result<()> {
    tx.prepare_cached(&format!(
        "INSERT INTO facts (id, {FACT_FIELDS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10,
                                                        ?11, ?12, ?13, ?14, ?15)"
    ))?
    .execute(fact_params(fact)?.as_params())?;
    let fact_id = tx.last_insert_rowid();
    let mut insert_link =
        tx.prepare_cached("INSERT OR IGNORE INTO fact_events (fact_id, event_id) VALUES (?1, ?2)")?;
    for event_id in &fact.event_ids {
        insert_link.execute([fact_id, *event_id])?;
    }
    Ok(())
}

/// The columns of a fact row after its id, in the order of [`fact_params`].
const FACT_FIELDS: &str = "actor, action, target, date, date_key, modality, source_count, \
     document_count, outlets, first_reported, latest_reported, contradictions, actor_key, \
     target_key";

/// A fact's id (NULL when not positive) and the values of [`FACT_FIELDS`].
struct FactParams(Vec<rusqlite::types::Value>);

impl FactParams {
    fn as_params(&self) -> rusqlite::ParamsFromIter<std::slice::Iter<'_, rusqlite::types::Value>> {
        rusqlite::params_from_iter(self.0.iter())
    }
}

fn fact_params(fact: &Fact) -> Result<FactParams> {
    use rusqlite::types::Value;
    let json = |value: &Vec<String>| {
        serde_json::to_string(value).map_err(|e| StoreError::InvalidQuery(e.to_string()))
    };
    let text = |value: Option<String>| value.map_or(Value::Null, Value::Text);
    let unit = LinkUnit::of(&fact.actor, &fact.target);
    Ok(FactParams(vec![
        if fact.id > 0 {
            Value::Integer(fact.id)
        } else {
            Value::Null
        },
        Value::Text(fact.actor.clone()),
        Value::Text(fact.action.as_str().to_string()),
        Value::Text(fact.target.clone()),
        text(fact.date.clone()),
        text(fact.date.as_deref().and_then(date_key)),
        Value::Text(fact.modality.as_str().to_string()),
        Value::Integer(fact.source_count as i64),
        Value::Integer(fact.document_count as i64),
        Value::Text(json(&fact.outlets)?),
        text(fact.first_reported.map(format_date)),
        text(fact.latest_reported.map(format_date)),
        Value::Text(json(&fact.contradictions)?),
        Value::Text(unit.actor_key),
        Value::Text(unit.target_key),
    ]))
}

/// After a link: forget the documents waiting for one whose every event is now in a fact, or
/// rejected and in none. A document another process stored meanwhile keeps waiting.
fn settle_unlinked(tx: &Transaction) -> Result<()> {
    tx.prepare_cached(&format!(
        "DELETE FROM unlinked_documents WHERE {}",
        linked_condition("unlinked_documents.doc_id")
    ))?
    .execute([])?;
    Ok(())
}

/// [`settle_unlinked`] after the link of some units only (`linked`: the events their facts
/// hold). Only documents with events in those units can have been settled by it; when they
/// are fewer than the documents waiting (a full relink after a crash, when every document
/// waits, walks thousands of unit batches), they are looked up from the units' events instead
/// of passing over every waiting document each time.
fn settle_unlinked_units(tx: &Transaction, units: &[LinkUnit], linked: usize) -> Result<()> {
    let waiting: i64 = tx
        .prepare_cached("SELECT COUNT(*) FROM unlinked_documents")?
        .query_row([], |row| row.get(0))?;
    if usize::try_from(waiting).unwrap_or(usize::MAX) <= linked {
        return settle_unlinked(tx);
    }
    let mut documents = BTreeSet::new();
    let mut select = tx.prepare_cached(
        "SELECT DISTINCT doc_id FROM events WHERE actor_key = ?1 AND target_key = ?2",
    )?;
    for unit in units {
        for doc_id in select.query_map([&unit.actor_key, &unit.target_key], |row| {
            row.get::<_, i64>(0)
        })? {
            documents.insert(doc_id?);
        }
    }
    let mut settle = tx.prepare_cached(&format!(
        "DELETE FROM unlinked_documents WHERE doc_id = ?1 AND {}",
        linked_condition("?1")
    ))?;
    for doc_id in documents {
        settle.execute([doc_id])?;
    }
    Ok(())
}

/// SQL: every event of document `doc` is in a fact, or rejected and in none.
fn linked_condition(doc: &str) -> String {
    format!(
        "NOT EXISTS (
             SELECT 1 FROM events e JOIN documents d ON d.id = e.doc_id {reviews}
             WHERE e.doc_id = {doc}
               AND (v.verdict IS NULL OR v.verdict <> 'rejected')
                   = NOT EXISTS (SELECT 1 FROM fact_events fe WHERE fe.event_id = e.id))",
        reviews = review_join(ReviewKind::Event, "e")
    )
}

/// Make the stored facts of `units` exactly `facts`, writing only what differs
/// ([`fact_writes`]).
fn write_unit_facts(tx: &Transaction, units: &[LinkUnit], facts: &[Fact]) -> Result<()> {
    let mut stored: std::collections::HashMap<i64, Fact> = std::collections::HashMap::new();
    {
        let mut select =
            tx.prepare_cached("SELECT * FROM facts WHERE actor_key = ?1 AND target_key = ?2")?;
        let mut events = tx.prepare_cached(
            "SELECT event_id FROM fact_events WHERE fact_id = ?1 ORDER BY event_id",
        )?;
        for unit in units {
            let rows = select
                .query_map([&unit.actor_key, &unit.target_key], |row| fact_row(row))?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            for mut fact in rows {
                fact.event_ids = events
                    .query_map([fact.id], |row| row.get(0))?
                    .collect::<rusqlite::Result<_>>()?;
                stored.insert(fact.id, fact);
            }
        }
    }
    let (writes, gone) = fact_writes(stored, facts);
    for write in writes {
        match write {
            FactWrite::Insert(fact) => insert_fact(tx, fact)?,
            FactWrite::Update {
                fact,
                removed,
                added,
            } => {
                let params = fact_params(fact)?;
                tx.prepare_cached(
                    "UPDATE facts SET actor = ?2, action = ?3, target = ?4, date = ?5,
                                      date_key = ?6, modality = ?7, source_count = ?8,
                                      document_count = ?9, outlets = ?10, first_reported = ?11,
                                      latest_reported = ?12, contradictions = ?13,
                                      actor_key = ?14, target_key = ?15
                     WHERE id = ?1",
                )?
                .execute(params.as_params())?;
                let mut remove = tx.prepare_cached(
                    "DELETE FROM fact_events WHERE fact_id = ?1 AND event_id = ?2",
                )?;
                for event_id in removed {
                    remove.execute([fact.id, event_id])?;
                }
                let mut add = tx.prepare_cached(
                    "INSERT OR IGNORE INTO fact_events (fact_id, event_id) VALUES (?1, ?2)",
                )?;
                for event_id in added {
                    add.execute([fact.id, event_id])?;
                }
            }
        }
    }
    let mut delete_events = tx.prepare_cached("DELETE FROM fact_events WHERE fact_id = ?1")?;
    let mut delete_fact = tx.prepare_cached("DELETE FROM facts WHERE id = ?1")?;
    for id in gone {
        delete_events.execute([id])?;
        delete_fact.execute([id])?;
    }
    Ok(())
}

/// The story of the most similar earlier document sharing a band key, if it is similar enough,
/// among the candidates sharing the most band keys with it ([`candidates_to_read`]).
fn near_duplicate_story(
    tx: &Connection,
    document: &NewDocument,
    story_match: Option<StoryMatch>,
    lookups: &Lookups,
) -> rusqlite::Result<Option<i64>> {
    let Some(story_match) = story_match else {
        return Ok(None);
    };
    if document.signature.is_empty() || document.bands.is_empty() {
        return Ok(None);
    }
    let bands: BTreeSet<u64> = document.bands.iter().copied().collect();
    let mut per_band = Vec::with_capacity(bands.len());
    for band in bands {
        per_band.push(lookups.band_candidates(tx, band)?);
    }
    let candidates = candidates_to_read(per_band.iter().map(Vec::as_slice));
    let mut statement =
        tx.prepare_cached("SELECT signature, story_id FROM documents WHERE id = ?1")?;
    // A key whose document was deleted (the runs keep it) names no candidate.
    most_similar_story(
        &document.signature,
        story_match,
        candidates.into_iter().filter_map(|doc_id| {
            statement
                .query_row([doc_id], |row| Ok((row.get(0)?, row.get(1)?)))
                .optional()
                .transpose()
        }),
    )
}

fn put_one(
    tx: &Connection,
    document: &NewDocument,
    story_match: Option<StoryMatch>,
    lookups: &Lookups,
) -> Result<PutOutcome> {
    if let Some(doc_id) = lookups.exact_duplicate(tx, &document.content_hash)? {
        return Ok(PutOutcome::Duplicate { doc_id });
    }
    let joined = near_duplicate_story(tx, document, story_match, lookups)?;
    let story_id = match joined {
        Some(story_id) => story_id,
        None => {
            tx.prepare_cached("INSERT INTO stories DEFAULT VALUES")?
                .execute([])?;
            tx.last_insert_rowid()
        }
    };
    let doc: &CleanDocument = &document.doc;
    tx.prepare_cached(
        "INSERT INTO documents (source, url, title, byline, published, published_origin, outlet,
                                lang, text, content_hash, story_id, signature)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?
    .execute(rusqlite::params![
        doc.source,
        doc.url,
        doc.title,
        doc.byline,
        doc.published.map(format_date),
        doc.published_origin.map(date_origin_name),
        doc.outlet,
        doc.lang,
        doc.text,
        document.content_hash,
        story_id,
        encode_signature(&document.signature),
    ])?;
    let doc_id = tx.last_insert_rowid();
    // OR IGNORE: the same row is there already only when a deleted document's id and content
    // came back together.
    tx.prepare_cached("INSERT OR IGNORE INTO doc_hashes (content_hash, doc_id) VALUES (?1, ?2)")?
        .execute(rusqlite::params![document.content_hash, doc_id])?;
    if joined.is_none() {
        tx.prepare_cached("UPDATE stories SET first_doc_id = ?1 WHERE id = ?2")?
            .execute([doc_id, story_id])?;
    }
    {
        let mut statement =
            tx.prepare_cached("INSERT OR IGNORE INTO doc_bands (band, doc_id) VALUES (?1, ?2)")?;
        for band in &document.bands {
            statement.execute([*band as i64, doc_id])?;
        }
    }
    tx.prepare_cached("INSERT INTO documents_fts (rowid, title, text) VALUES (?1, ?2, ?3)")?
        .execute(rusqlite::params![
            doc_id,
            doc.title.as_deref().unwrap_or(""),
            doc.text
        ])?;
    let event_doc = EventDocument {
        story_id,
        outlet: doc.outlet.as_deref(),
        published: doc.published.map(format_date),
    };
    insert_records(tx, doc_id, &event_doc, &document.extraction)?;
    if !document.extraction.events.is_empty() {
        tx.prepare_cached("INSERT OR IGNORE INTO unlinked_documents (doc_id) VALUES (?1)")?
            .execute([doc_id])?;
    }
    Ok(PutOutcome::New {
        doc_id,
        story_id,
        joined_story: joined.is_some(),
    })
}

/// What an event keeps of its document for the link step (migration 0008).
struct EventDocument<'a> {
    story_id: i64,
    outlet: Option<&'a str>,
    published: Option<String>,
}

fn insert_records(
    tx: &Connection,
    doc_id: i64,
    document: &EventDocument<'_>,
    extraction: &Extraction,
) -> Result<()> {
    let mut statement = tx.prepare_cached(
        "INSERT INTO events (doc_id, actor, action, target, date, date_key, modality, agent,
                             cameo, plover, span_start, span_end, sentence_start, sentence_end,
                             rule, actor_key, target_key, doc_story_id, doc_outlet,
                             doc_published)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
                 ?18, ?19, ?20)",
    )?;
    for event in &extraction.events {
        let unit = LinkUnit::of(&event.actor, &event.target);
        statement.execute(rusqlite::params![
            doc_id,
            event.actor,
            event.action.as_str(),
            event.target,
            event.date,
            event.date.as_deref().and_then(date_key),
            event.modality.as_str(),
            event.agent,
            event.cameo,
            event.plover,
            event.span.start,
            event.span.end,
            event.sentence.start,
            event.sentence.end,
            event.rule,
            unit.actor_key,
            unit.target_key,
            document.story_id,
            document.outlet,
            document.published,
        ])?;
    }
    let mut statement = tx.prepare_cached(
        "INSERT INTO quotes (doc_id, speaker, role, speaker_entity, text, direct, span_start,
                             span_end, speaker_start, speaker_end, rule)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?;
    // Each quote's full-text row and speaker count are written here, one row each, not by
    // insert triggers (migration 0010): a statement that fires triggers opens a statement
    // journal, which makes FTS5 flush every full-text index of the transaction to a new
    // segment, once a document.
    let mut quote_text =
        tx.prepare_cached("INSERT INTO quotes_fts (rowid, text) VALUES (?1, ?2)")?;
    let mut count_speaker = tx.prepare_cached(
        "INSERT INTO speaker_counts (speaker, role, entity, quotes) VALUES (?1, ?2, ?3, 1)
         ON CONFLICT (speaker, role, entity) DO UPDATE SET quotes = quotes + 1",
    )?;
    for quote in &extraction.quotes {
        statement.execute(rusqlite::params![
            doc_id,
            quote.speaker,
            quote.role,
            quote.speaker_entity,
            quote.text,
            quote.direct,
            quote.span.start,
            quote.span.end,
            quote.speaker_span.map(|span| span.start),
            quote.speaker_span.map(|span| span.end),
            quote.rule,
        ])?;
        let quote_id = tx.last_insert_rowid();
        quote_text.execute(rusqlite::params![quote_id, quote.text])?;
        if let Some(speaker) = &quote.speaker {
            count_speaker.execute(rusqlite::params![
                speaker,
                quote.role.as_deref().unwrap_or(""),
                quote.speaker_entity.as_deref().unwrap_or(""),
            ])?;
        }
    }
    let mut statement = tx.prepare_cached(
        "INSERT INTO dates (doc_id, text, value, span_start, span_end, rule)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for date in &extraction.dates {
        statement.execute(rusqlite::params![
            doc_id,
            date.text,
            date.value,
            date.span.start,
            date.span.end,
            date.rule,
        ])?;
    }
    let mut statement = tx.prepare_cached(
        "INSERT INTO figures (doc_id, text, value, unit, counts, bound, span_start, span_end,
                              rule)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?;
    for figure in &extraction.figures {
        statement.execute(rusqlite::params![
            doc_id,
            figure.text,
            figure.value,
            figure.unit,
            figure.counts,
            figure.bound,
            figure.span.start,
            figure.span.end,
            figure.rule,
        ])?;
    }
    let mut statement = tx.prepare_cached(
        "INSERT INTO claims (doc_id, speaker, text, evidence, span_start, span_end,
                             evidence_start, evidence_end, rule)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?;
    let mut claim_text =
        tx.prepare_cached("INSERT INTO claims_fts (rowid, text) VALUES (?1, ?2)")?;
    for claim in &extraction.claims {
        statement.execute(rusqlite::params![
            doc_id,
            claim.speaker,
            claim.text,
            claim.evidence.as_str(),
            claim.span.start,
            claim.span.end,
            claim.evidence_span.map(|span| span.start),
            claim.evidence_span.map(|span| span.end),
            claim.rule,
        ])?;
        claim_text.execute(rusqlite::params![tx.last_insert_rowid(), claim.text])?;
    }
    Ok(())
}

/// The FTS5 query for a user's search text, which is terms and never FTS5 syntax: every term
/// of [`search_groups`] becomes an FTS5 string (quotes doubled inside), so operators (`AND`,
/// `NOT`, `NEAR(`), column filters (`title:`), special queries (`*…`) and stray punctuation
/// cannot make the query invalid; the groups are joined by `OR`. `None` when nothing is left.
fn fts_query(text: &str) -> Option<String> {
    let groups: Vec<String> = search_groups(text)
        .iter()
        .map(|group| group.iter().map(fts_string).collect::<Vec<_>>().join(" "))
        .collect();
    (!groups.is_empty()).then(|| groups.join(" OR "))
}

/// A term as one FTS5 string (a phrase of its tokens, quotes doubled), `*` after it for a
/// prefix.
fn fts_string(term: &SearchTerm) -> String {
    let (text, star) = match term {
        SearchTerm::Phrase(text) => (text, ""),
        SearchTerm::Prefix(text) => (text, "*"),
    };
    format!("\"{}\"{star}", text.replace('"', "\"\""))
}

/// Whether a search's newest matches (`newest`, highest id first, at most `window` of them)
/// are most of the newest documents: the window is full and its ids span fewer than twice
/// its size, so more than half of the documents in that span match every phrase of the
/// query. Never for a query with `OR` (one side may be rare and worth its rank).
fn dense_matches(query: &str, newest: &[i64], window: i64) -> bool {
    let (Some(&high), Some(&low)) = (newest.first(), newest.last()) else {
        return false;
    };
    i64::try_from(newest.len()).is_ok_and(|n| n == window)
        && high - low + 1 < 2 * window
        && !query.contains(" OR ")
}

fn map_write_error(error: StoreError) -> StoreError {
    match error {
        StoreError::Sqlite(rusqlite::Error::SqliteFailure(failure, _))
            if failure.code == rusqlite::ErrorCode::ReadOnly =>
        {
            StoreError::ReadOnly
        }
        other => other,
    }
}

impl Store for SqliteStore {
    /// Start a bulk load: the batches [`Store::put_batch`] stores until [`Store::commit_bulk`]
    /// share one transaction (no savepoint a batch: a batch that fails rolls the whole bulk
    /// transaction back, whose documents the next ingest stores again, never twice).
    /// Pages that every batch changes (the randomly keyed band and content-hash indexes, the
    /// full-text segments, the last pages of each table) are then written once per bulk
    /// transaction, not once per batch. Ingest commits one every few thousand documents; no
    /// other write may come in between. The band runs are sealed and merged after each batch.
    fn begin_bulk(&mut self) -> Result<()> {
        self.ensure_writable()?;
        self.conn
            .execute_batch("BEGIN IMMEDIATE")
            .map_err(|e| map_write_error(e.into()))
    }

    /// Commit the bulk transaction [`Store::begin_bulk`] opened (nothing to do without one).
    fn commit_bulk(&mut self) -> Result<()> {
        if !self.conn.is_autocommit() {
            self.conn.execute_batch("COMMIT")?;
        }
        Ok(())
    }

    fn put_batch(&mut self, docs: &[NewDocument]) -> Result<Vec<PutOutcome>> {
        self.ensure_writable()?;
        let story_match = self.story_match;
        let mode = self.lookup_mode();
        if !self.conn.is_autocommit() {
            // Inside a bulk load (`begin_bulk`): the batch goes into its transaction with no
            // savepoint of its own; when it fails, the whole bulk transaction is rolled back
            // (its documents are stored again by the next ingest, never twice). A savepoint a
            // batch kept the old content of every page the batch changed in SQLite's in-memory
            // journal (`temp_store`), which grew with the batch (resident memory), and every
            // statement released inside it that needed a statement journal (an insert that
            // fires triggers) truncated that journal by walking it from its start
            // (`memjrnlTruncate`): 3.5% of the CPU at 20k documents, 6.5–7.8% at 110k–150k
            // with batches of 64 documents, more with larger ones. Without it a statement's
            // journal is its own and is freed whole when the statement ends. The band and hash
            // runs are settled in the same transaction (a merge writes over pages freed
            // earlier in it, which no journal keeps now either).
            let (band_runs, hash_runs) = (self.band_runs, self.hash_runs);
            let stored = (|| -> Result<Vec<PutOutcome>> {
                let lookups = mode.lookups(&self.conn, docs)?;
                let mut outcomes = Vec::with_capacity(docs.len());
                for document in docs {
                    outcomes.push(put_one(&self.conn, document, story_match, &lookups)?);
                }
                BAND_RUNS.settle(&self.conn, band_runs)?;
                HASH_RUNS.settle(&self.conn, hash_runs)?;
                Ok(outcomes)
            })();
            if stored.is_err() {
                let _ = self.conn.execute_batch("ROLLBACK");
            }
            return stored.map_err(map_write_error);
        }
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| map_write_error(e.into()))?;
        let lookups = mode.lookups(&tx, docs)?;
        let mut outcomes = Vec::with_capacity(docs.len());
        for document in docs {
            // An error drops `tx`, which rolls the whole batch back.
            outcomes.push(put_one(&tx, document, story_match, &lookups).map_err(map_write_error)?);
        }
        BAND_RUNS.settle(&tx, self.band_runs)?;
        HASH_RUNS.settle(&tx, self.hash_runs)?;
        tx.commit()?;
        Ok(outcomes)
    }

    fn speaker_mentions(&self) -> Result<Vec<SpeakerMention>> {
        let mut statement = self.conn.prepare(
            "SELECT speaker, role, speaker_entity FROM quotes WHERE speaker IS NOT NULL ORDER BY id",
        )?;
        let rows = statement.query_map([], |row| {
            Ok(SpeakerMention {
                speaker: row.get(0)?,
                role: row.get(1)?,
                entity: row.get(2)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    fn speaker_counts(&self) -> Result<Vec<(SpeakerMention, usize)>> {
        let mut statement = self.conn.prepare_cached(
            "SELECT speaker, role, entity, quotes FROM speaker_counts ORDER BY speaker, role, entity",
        )?;
        let optional = |text: String| (!text.is_empty()).then_some(text);
        let rows = statement.query_map([], |row| {
            Ok((
                SpeakerMention {
                    speaker: row.get(0)?,
                    role: optional(row.get(1)?),
                    entity: optional(row.get(2)?),
                },
                row.get(3)?,
            ))
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    fn asserted_facts(&self, filter: &EventFilter, actions: &[Action]) -> Result<Vec<Fact>> {
        let (actor, actor_exact) = term_param(&filter.actor);
        let (target, target_exact) = term_param(&filter.target);
        let mut statement = self.conn.prepare_cached(&format!(
            "SELECT {STATUS_FACT_COLUMNS} FROM facts f
             WHERE f.modality = 'asserted' AND f.action = ?1
               AND (?2 IS NULL OR f.actor = ?2 OR (NOT ?4 AND instr(lower(f.actor), lower(?2)) > 0))
               AND (?3 IS NULL OR f.target = ?3 OR (NOT ?5 AND instr(lower(f.target), lower(?3)) > 0))"
        ))?;
        let mut facts = Vec::new();
        for action in actions {
            let rows = statement.query_map(
                rusqlite::params![action.as_str(), actor, target, actor_exact, target_exact],
                |row| status_fact_row(row),
            )?;
            for fact in rows {
                facts.push(fact?);
            }
        }
        facts.sort_by_key(|fact| fact.id);
        Ok(facts)
    }

    fn counts(&self) -> Result<Counts> {
        Ok(self.conn.query_row(
            "SELECT (SELECT COUNT(*) FROM documents), (SELECT COUNT(*) FROM stories),
                    (SELECT COUNT(*) FROM events), (SELECT COUNT(*) FROM quotes),
                    (SELECT COUNT(*) FROM dates), (SELECT COUNT(*) FROM figures),
                    (SELECT COUNT(*) FROM claims), (SELECT COUNT(*) FROM facts)",
            [],
            |row| {
                Ok(Counts {
                    documents: row.get(0)?,
                    stories: row.get(1)?,
                    events: row.get(2)?,
                    quotes: row.get(3)?,
                    dates: row.get(4)?,
                    figures: row.get(5)?,
                    claims: row.get(6)?,
                    facts: row.get(7)?,
                })
            },
        )?)
    }

    fn fact_count(&self) -> Result<usize> {
        Ok(self
            .conn
            .query_row("SELECT COUNT(*) FROM facts", [], |row| row.get(0))?)
    }

    fn events(&self, filter: &EventFilter, page: Page) -> Result<Paged<EventRow>> {
        let (cursor, limit) = page_bounds(page)?;
        let rows = self.query_events(filter, cursor, limit + 1)?;
        Ok(from_vec_paged(rows, limit, |row| row.id))
    }

    fn quotes(&self, filter: &RecordFilter, page: Page) -> Result<Paged<QuoteRow>> {
        self.list_records(filter, page)
    }

    fn dates(&self, filter: &RecordFilter, page: Page) -> Result<Paged<DateRow>> {
        self.list_records(filter, page)
    }

    fn figures(&self, filter: &RecordFilter, page: Page) -> Result<Paged<FigureRow>> {
        self.list_records(filter, page)
    }

    fn claims(&self, filter: &RecordFilter, page: Page) -> Result<Paged<ClaimRow>> {
        self.list_records(filter, page)
    }

    fn documents_where(
        &self,
        filter: &DocumentFilter,
        page: Page,
    ) -> Result<Paged<DocumentSummary>> {
        let (cursor, limit) = page_bounds(page)?;
        let documents = document_conditions(3, Some(5));
        let mut statement = self.conn.prepare_cached(&format!(
            "SELECT {DOCUMENT_SUMMARY_COLUMNS} FROM documents d
             WHERE d.id > ?1 AND {documents} ORDER BY d.id LIMIT ?2"
        ))?;
        let rows = statement.query_map(
            rusqlite::params![
                cursor,
                limit + 1,
                filter.outlet,
                filter.lang,
                filter.since.map(format_date),
                filter.until.map(format_date)
            ],
            |row| document_summary(row),
        )?;
        paged(rows, limit, |summary| summary.id)
    }

    fn document(&self, id: i64) -> Result<DocumentView> {
        let (summary, byline) = self
            .document_summary(id)?
            .ok_or_else(|| StoreError::NotFound(format!("document {id}")))?;
        let text: String =
            self.conn
                .query_row("SELECT text FROM documents WHERE id = ?1", [id], |row| {
                    row.get(0)
                })?;
        let record_filter = RecordFilter {
            doc_id: Some(id),
            ..RecordFilter::default()
        };
        let event_filter = EventFilter {
            doc_id: Some(id),
            ..EventFilter::default()
        };
        // LIMIT -1: no limit; one document's records are few.
        Ok(DocumentView {
            summary,
            byline,
            text,
            events: self.query_events(&event_filter, 0, -1)?,
            quotes: self.query_records(&record_filter, 0, -1)?,
            dates: self.query_records(&record_filter, 0, -1)?,
            figures: self.query_records(&record_filter, 0, -1)?,
            claims: self.query_records(&record_filter, 0, -1)?,
        })
    }

    fn find_document(&self, id_or_source: &str) -> Result<DocumentView> {
        let key = id_or_source.trim();
        if let Ok(id) = key.parse::<i64>()
            && self.document_summary(id)?.is_some()
        {
            return self.document(id);
        }
        let by_source: Option<i64> = self
            .conn
            .prepare_cached("SELECT id FROM documents WHERE source = ?1 ORDER BY id DESC LIMIT 1")?
            .query_row([key], |row| row.get(0))
            .optional()?;
        match by_source {
            Some(id) => self.document(id),
            None => Err(StoreError::NotFound(format!("document {key:?}"))),
        }
    }

    /// Ranked by relevance among the newest [`crate::SEARCH_CANDIDATES`] matches, or newest
    /// first when they are most of the newest documents (`run_search`); the cursor is an offset
    /// into that order (opaque to callers).
    fn search(&self, query: &str, page: Page) -> Result<Paged<SearchHit>> {
        if query.trim().is_empty() {
            return Err(StoreError::InvalidQuery("empty search query".into()));
        }
        let (offset, limit) = page_bounds(page)?;
        let offset = offset.max(0);
        let Some(fts) = fts_query(query) else {
            return Ok(Paged {
                items: Vec::new(),
                next: None,
            });
        };
        let hits = self.run_search(&fts, offset, limit + 1)?;
        let mut page = from_vec_paged(hits, limit, |_| 0);
        if page.next.is_some() {
            page.next = Some(offset + limit);
        }
        Ok(page)
    }

    /// Rejected events are left out: they belong to no fact.
    fn event_refs(&self) -> Result<Vec<EventRef>> {
        let mut statement = self.conn.prepare_cached(&format!(
            "SELECT e.id, e.doc_id, d.story_id, d.outlet, d.published, e.actor, e.action,
                    e.target, e.date, e.modality
             FROM events e JOIN documents d ON d.id = e.doc_id {reviews}
             WHERE v.verdict IS NULL OR v.verdict <> 'rejected'
             ORDER BY e.id",
            reviews = review_join(ReviewKind::Event, "e")
        ))?;
        let rows = statement.query_map([], |row| event_ref(row))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Facts keep the ids the link stage gave them (their contradiction notes name them);
    /// a fact with id 0 or below gets a fresh one.
    fn replace_facts(&mut self, facts: &[Fact]) -> Result<()> {
        self.ensure_writable()?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| map_write_error(e.into()))?;
        tx.execute("DELETE FROM fact_events", [])
            .map_err(|e| map_write_error(e.into()))?;
        tx.execute("DELETE FROM facts", [])?;
        {
            for fact in facts {
                insert_fact(&tx, fact)?;
            }
        }
        settle_unlinked(&tx)?;
        tx.commit()?;
        Ok(())
    }

    fn link_units(&self, doc_ids: &[i64]) -> Result<Vec<LinkUnit>> {
        let mut units = BTreeSet::new();
        let mut statement = self.conn.prepare_cached(
            "SELECT DISTINCT actor_key, target_key FROM events WHERE doc_id = ?1",
        )?;
        for doc_id in doc_ids {
            let rows = statement.query_map([doc_id], |row| {
                Ok(LinkUnit {
                    actor_key: row.get(0)?,
                    target_key: row.get(1)?,
                })
            })?;
            for unit in rows {
                units.insert(unit?);
            }
        }
        Ok(units.into_iter().collect())
    }

    /// A merge of the two unit indexes (`events_unit`, `facts_unit`), read from `after` on.
    fn link_units_after(&self, after: Option<&LinkUnit>, limit: usize) -> Result<Vec<LinkUnit>> {
        let unit = |row: &Row| {
            Ok(LinkUnit {
                actor_key: row.get(0)?,
                target_key: row.get(1)?,
            })
        };
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let units = match after {
            None => self
                .conn
                .prepare_cached(
                    "SELECT actor_key, target_key FROM events
                     UNION SELECT actor_key, target_key FROM facts
                     ORDER BY 1, 2 LIMIT ?1",
                )?
                .query_map([limit], unit)?
                .collect::<rusqlite::Result<_>>()?,
            Some(after) => self
                .conn
                .prepare_cached(
                    "SELECT actor_key, target_key FROM events
                     WHERE (actor_key, target_key) > (?1, ?2)
                     UNION SELECT actor_key, target_key FROM facts
                     WHERE (actor_key, target_key) > (?1, ?2)
                     ORDER BY 1, 2 LIMIT ?3",
                )?
                .query_map(
                    rusqlite::params![after.actor_key, after.target_key, limit],
                    unit,
                )?
                .collect::<rusqlite::Result<_>>()?,
        };
        Ok(units)
    }

    /// The unit's events from the unit index alone (migration 0008: it holds every column
    /// read here). A review is matched through its document's content hash, so while any
    /// event is rejected, the events are read with their documents and reviews instead.
    fn unit_event_refs(&self, units: &[LinkUnit]) -> Result<Vec<EventRef>> {
        let any_rejected: bool = self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM reviews WHERE kind = ?1 AND verdict = 'rejected')",
            [ReviewKind::Event.as_str()],
            |row| row.get(0),
        )?;
        let mut statement = if any_rejected {
            self.conn.prepare_cached(&format!(
                "SELECT e.id, e.doc_id, d.story_id, d.outlet, d.published, e.actor, e.action,
                        e.target, e.date, e.modality
                 FROM events e JOIN documents d ON d.id = e.doc_id {reviews}
                 WHERE e.actor_key = ?1 AND e.target_key = ?2
                   AND (v.verdict IS NULL OR v.verdict <> 'rejected')",
                reviews = review_join(ReviewKind::Event, "e")
            ))?
        } else {
            self.conn.prepare_cached(
                "SELECT id, doc_id, doc_story_id AS story_id, doc_outlet AS outlet,
                        doc_published AS published, actor, action, target, date, modality
                 FROM events INDEXED BY events_unit
                 WHERE actor_key = ?1 AND target_key = ?2",
            )?
        };
        let mut events = Vec::new();
        for unit in units {
            let rows =
                statement.query_map([&unit.actor_key, &unit.target_key], |row| event_ref(row))?;
            for event in rows {
                events.push(event?);
            }
        }
        events.sort_by_key(|event: &EventRef| event.event_id);
        Ok(events)
    }

    fn replace_unit_facts(&mut self, units: &[LinkUnit], facts: &[Fact]) -> Result<()> {
        self.ensure_writable()?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| map_write_error(e.into()))?;
        write_unit_facts(&tx, units, facts).map_err(map_write_error)?;
        let linked = facts.iter().map(|fact| fact.event_ids.len()).sum();
        settle_unlinked_units(&tx, units, linked)?;
        tx.commit()?;
        Ok(())
    }

    /// A document waits in `unlinked_documents` from the transaction that stores it (or
    /// reviews one of its events) until a link has put each of its events into a fact (a
    /// rejected one into none): one lookup, whatever the size of the store.
    fn facts_stale(&self) -> Result<bool> {
        Ok(self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM unlinked_documents)",
            [],
            |row| row.get(0),
        )?)
    }

    fn facts(&self, filter: &EventFilter, page: Page) -> Result<Paged<Fact>> {
        let (cursor, limit) = page_bounds(page)?;
        let mut facts = {
            let query = EventQuery::new(filter, "facts", "f", cursor, limit + 1)?;
            let mut statement = self.conn.prepare_cached(&format!(
                "SELECT f.* FROM facts f
                 WHERE f.id > ?1 {conditions}
                   AND (?7 IS NULL OR EXISTS (
                        SELECT 1 FROM fact_events fe JOIN events e ON e.id = fe.event_id
                        WHERE fe.fact_id = f.id AND e.doc_id = ?7))
                   AND ((?11 IS NULL AND ?12 IS NULL) OR EXISTS (
                        SELECT 1 FROM fact_events fe JOIN events e ON e.id = fe.event_id
                        JOIN documents d ON d.id = e.doc_id
                        WHERE fe.fact_id = f.id AND {documents}))
                 ORDER BY f.id LIMIT ?8",
                conditions = query.conditions,
                documents = document_conditions(11, None),
            ))?;
            let rows = statement.query_map(rusqlite::params_from_iter(&query.params), |row| {
                fact_row(row)
            })?;
            from_vec_paged(rows.collect::<rusqlite::Result<Vec<_>>>()?, limit, |fact| {
                fact.id
            })
        };
        for fact in &mut facts.items {
            fact.event_ids = self.fact_event_ids(fact.id)?;
        }
        Ok(facts)
    }

    fn fact(&self, id: i64) -> Result<Fact> {
        let fact = self
            .conn
            .prepare_cached("SELECT * FROM facts WHERE id = ?1")?
            .query_row([id], |row| fact_row(row))
            .optional()?;
        let mut fact = fact.ok_or_else(|| StoreError::NotFound(format!("fact {id}")))?;
        fact.event_ids = self.fact_event_ids(id)?;
        Ok(fact)
    }

    fn review(
        &mut self,
        kind: ReviewKind,
        id: i64,
        verdict: Verdict,
        note: Option<&str>,
    ) -> Result<Review> {
        self.ensure_writable()?;
        let table = match kind {
            ReviewKind::Event => "events",
            ReviewKind::Quote => "quotes",
            ReviewKind::Claim => "claims",
        };
        let note = note.map(str::trim).filter(|note| !note.is_empty());
        let stored = self
            .conn
            .execute(
                &format!(
                    "INSERT OR REPLACE INTO reviews
                         (content_hash, kind, span_start, span_end, fields, verdict, note)
                     SELECT d.content_hash, ?2, r.span_start, r.span_end, {fields}, ?3, ?4
                     FROM {table} r JOIN documents d ON d.id = r.doc_id WHERE r.id = ?1",
                    fields = shared::review_fields(kind, "r", UNIT_SEPARATOR)
                ),
                rusqlite::params![id, kind.as_str(), verdict.as_str(), note],
            )
            .map_err(|e| map_write_error(e.into()))?;
        if stored == 0 {
            return Err(StoreError::NotFound(format!("{} {id}", kind.as_str())));
        }
        if kind == ReviewKind::Event {
            // The event's fact changes: its document waits for a link again.
            self.conn
                .execute(
                    "INSERT OR IGNORE INTO unlinked_documents (doc_id)
                     SELECT doc_id FROM events WHERE id = ?1",
                    [id],
                )
                .map_err(|e| map_write_error(e.into()))?;
        }
        let review = self.conn.query_row(
            &format!(
                "SELECT {REVIEW_COLUMNS} FROM {table} r JOIN documents d ON d.id = r.doc_id
                 {reviews} WHERE r.id = ?1",
                reviews = review_join(kind, "r")
            ),
            [id],
            |row| get_review(row),
        )?;
        review.ok_or_else(|| StoreError::NotFound(format!("{} {id}", kind.as_str())))
    }
}

/// An actor or target filter as SQL parameters: the value (NULL for none) and whether it must
/// match exactly.
fn term_param(term: &Option<crate::Term>) -> (Option<&str>, bool) {
    match term {
        Some(term) => {
            let (value, exact) = term.parts();
            (Some(value), exact)
        }
        None => (None, false),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rusqlite::StatementStatus;

    #[test]
    fn search_text_becomes_quoted_fts5_terms() {
        let cases: [(&str, Option<&str>); 16] = [
            ("asylum", Some(r#""asylum""#)),
            ("asylum reform", Some(r#""asylum" "reform""#)),
            ("asyl*", Some(r#""asyl"*"#)),
            ("asyl**", Some(r#""asyl"*"#)),
            (r#""refugee framework""#, Some(r#""refugee framework""#)),
            (r#""unclosed phrase"#, Some(r#""unclosed phrase""#)),
            (r#"say"when"#, Some(r#""say" "when""#)),
            ("a OR b", Some(r#""a" OR "b""#)),
            ("OR a OR", Some(r#""a""#)),
            ("a or b", Some(r#""a" "or" "b""#)),
            (
                "NOT a AND b NEAR(c",
                Some(r#""NOT" "a" "AND" "b" "NEAR(c""#),
            ),
            ("title:x", Some(r#""title:x""#)),
            ("*", None),
            ("\" - : ( ) ^ ***", None),
            ("   ", None),
            ("a\"\"b", Some(r#""a" "b""#)),
        ];
        for (text, expected) in cases {
            assert_eq!(fts_query(text).as_deref(), expected, "{text:?}");
        }
    }

    #[test]
    fn date_keys_keep_the_leading_iso_part() {
        let cases = [
            ("2017-12-02", Some("2017-12-02")),
            ("2017-12", Some("2017-12")),
            ("2017", Some("2017")),
            ("2017-W49", Some("2017")),
            ("2017-Q4", Some("2017")),
            ("1970s", Some("197")),
            ("FY2026", None),
            ("soon", None),
        ];
        for (value, expected) in cases {
            assert_eq!(date_key(value).as_deref(), expected, "{value}");
        }
    }

    fn same_signature(new: &[u64], stored: &[u64]) -> Option<f64> {
        (new == stored).then_some(1.0)
    }

    /// Signatures (group, variant): one story when the groups are equal, more similar the
    /// nearer the variants.
    fn same_group(new: &[u64], stored: &[u64]) -> Option<f64> {
        (new[0] == stored[0]).then(|| 1.0 / (1.0 + new[1].abs_diff(stored[1]) as f64))
    }

    fn signed_document(text: &str, signature: Vec<u64>, bands: Vec<u64>) -> NewDocument {
        NewDocument {
            content_hash: format!("hash:{text}"),
            bands,
            signature,
            extraction: Extraction::default(),
            doc: CleanDocument {
                source: format!("{text}.txt"),
                url: None,
                title: None,
                byline: None,
                published: None,
                published_origin: None,
                outlet: None,
                lang: Some("en".into()),
                encoding: None,
                text: text.into(),
                origin_map: Vec::new(),
            },
        }
    }

    fn put(store: &mut SqliteStore, document: NewDocument) -> (i64, i64, bool) {
        match store.put_batch(&[document]).expect("put")[0] {
            PutOutcome::New {
                doc_id,
                story_id,
                joined_story,
            } => (doc_id, story_id, joined_story),
            PutOutcome::Duplicate { .. } => panic!("a new document"),
        }
    }

    /// (band, doc_id)
    type BandKey = (i64, i64);

    /// Every (band, doc_id) key of the open run and the sealed runs, sorted, and the sealed
    /// runs as `band_runs` lists them, each checked against its table.
    fn band_keys(store: &SqliteStore) -> (Vec<BandKey>, Vec<(i64, i64)>) {
        let runs = BAND_RUNS.sealed(&store.conn).expect("runs");
        let mut keys: Vec<BandKey> = Vec::new();
        let mut read = |table: &str| -> i64 {
            let mut statement = store
                .conn
                .prepare(&format!("SELECT band, doc_id FROM {table}"))
                .expect("prepare");
            let rows: Vec<(i64, i64)> = statement
                .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
                .expect("query")
                .collect::<rusqlite::Result<_>>()
                .expect("rows");
            keys.extend(&rows);
            rows.len() as i64
        };
        read("doc_bands");
        for &(id, recorded) in &runs {
            assert_eq!(read(&BAND_RUNS.table(id)), recorded, "run {id}");
        }
        keys.sort_unstable();
        (keys, runs)
    }

    #[test]
    fn the_look_ups_of_band_keys_and_hashes_are_prepared_once() {
        let mut store = SqliteStore::open_in_memory()
            .expect("open")
            .with_story_match(same_signature);
        for index in 0..20_u64 {
            put(
                &mut store,
                signed_document(
                    &format!("document {index}"),
                    vec![index],
                    vec![index % 3, 100 + index],
                ),
            );
        }
        // The store's cached statements, as `put_batch` used them: each ran once a band key or
        // a document, and none had to be parsed and planned again for a new value.
        for sql in [
            BAND_RUNS.probe_sql(BAND_RUNS.open),
            HASH_RUNS.probe_sql(HASH_RUNS.open),
        ] {
            let statement = store.conn.prepare_cached(&sql).expect("cached");
            assert!(statement.get_status(StatementStatus::VmStep) > 0, "{sql}");
            assert_eq!(statement.get_status(StatementStatus::RePrepare), 0, "{sql}");
        }
    }

    #[test]
    fn band_keys_pass_through_sealed_and_merged_runs_and_still_find_their_stories() {
        let mut store = SqliteStore::open_in_memory()
            .expect("open")
            .with_story_match(same_signature);
        store.band_runs = RunLimits {
            open_keys: 6,
            fan_in: 2,
            filter_rows: 12,
        };
        let mut expected = Vec::new();
        let mut stories = Vec::new();
        for index in 0..40_u64 {
            let bands = vec![index * 10, index * 10 + 1, index * 10 + 2];
            let (doc_id, story_id, joined) = put(
                &mut store,
                signed_document(&format!("document {index}"), vec![index], bands.clone()),
            );
            assert!(!joined);
            expected.extend(bands.iter().map(|&band| (band as i64, doc_id)));
            stories.push(story_id);
        }
        expected.sort_unstable();
        let (keys, runs) = band_keys(&store);
        assert_eq!(keys, expected, "no key lost or doubled");
        // 120 keys in runs of 6 merged two at a time: a run per level at most.
        assert!(runs.len() <= 5, "{runs:?}");
        assert!(runs.iter().any(|&(_, rows)| rows >= 48), "{runs:?}");
        // The first document's keys went through every merge; the last's are still open.
        for (index, band) in [(0_u64, 1_u64), (17, 172), (39, 390)] {
            let (_, story_id, joined) = put(
                &mut store,
                signed_document(&format!("copy of {index}"), vec![index], vec![band]),
            );
            assert!(joined, "copy of document {index}");
            assert_eq!(
                story_id, stories[index as usize],
                "copy of document {index}"
            );
        }
        let (_, _, joined) = put(
            &mut store,
            signed_document("shares a band only", vec![1000], vec![10]),
        );
        assert!(!joined);
    }

    #[test]
    fn a_band_shared_by_many_documents_names_the_lowest_ids_across_runs() {
        let mut store = SqliteStore::open_in_memory()
            .expect("open")
            .with_story_match(same_signature);
        store.band_runs = RunLimits {
            open_keys: 40,
            fan_in: 3,
            filter_rows: 80,
        };
        let documents: Vec<NewDocument> = (0..300_u64)
            .map(|index| signed_document(&format!("document {index}"), vec![index], vec![7]))
            .collect();
        for batch in documents.chunks(10) {
            store.put_batch(batch).expect("put");
        }
        assert!(BAND_RUNS.sealed(&store.conn).expect("runs").len() > 1);
        // The candidates are the MAX_CANDIDATES lowest ids holding the band, as in one b-tree:
        // document 10 is among them, document 290 is not.
        let (_, _, joined) = put(&mut store, signed_document("copy of 10", vec![10], vec![7]));
        assert!(joined);
        let (_, _, joined) = put(
            &mut store,
            signed_document("copy of 290", vec![290], vec![7]),
        );
        assert!(!joined);
    }

    #[test]
    fn a_deleted_documents_band_keys_name_no_candidate() {
        let mut store = SqliteStore::open_in_memory()
            .expect("open")
            .with_story_match(same_signature);
        let (doc_id, _, _) = put(&mut store, signed_document("gone", vec![1], vec![5]));
        store
            .conn
            .execute("DELETE FROM documents WHERE id = ?1", [doc_id])
            .expect("delete");
        let (_, _, joined) = put(&mut store, signed_document("after", vec![2], vec![5]));
        assert!(!joined);
    }

    /// A store that groups near duplicates, with small runs: sealed band runs every 8 keys
    /// and hash runs every 3 hashes, merged two at a time.
    fn small_runs_store(per_document_lookups: bool, story_match: StoryMatch) -> SqliteStore {
        let mut store = SqliteStore::open_in_memory()
            .expect("open")
            .with_story_match(story_match);
        store.band_runs = RunLimits {
            open_keys: 8,
            fan_in: 2,
            filter_rows: 16,
        };
        store.hash_runs = RunLimits {
            open_keys: 3,
            fan_in: 2,
            filter_rows: i64::MAX,
        };
        store.per_document_lookups = per_document_lookups;
        store
    }

    /// A seeded xorshift generator: the same numbers every run.
    fn xorshift(seed: u64) -> impl FnMut() -> u64 {
        let mut state = seed;
        move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        }
    }

    fn delete(store: &SqliteStore, doc_id: i64) {
        store
            .conn
            .execute("DELETE FROM documents WHERE id = ?1", [doc_id])
            .expect("delete");
    }

    /// Issue 10 (h14): the sealed runs are read for a whole batch at once. One batch finds,
    /// for each of its documents, what the runs hold whichever run that is: near and exact
    /// duplicates of documents in old sealed runs, in the open run and earlier in the same
    /// batch, and skips the run rows of deleted documents.
    #[test]
    fn a_batch_finds_duplicates_in_sealed_runs_the_open_run_and_itself() {
        for bulk in [false, true] {
            let mut store = small_runs_store(false, same_signature);
            // Twenty documents of three bands each (60 keys, 20 hashes): many sealed runs.
            let mut ids = Vec::new();
            let mut stories = Vec::new();
            for index in 0..20_u64 {
                let (doc_id, story_id, _) = put(
                    &mut store,
                    signed_document(
                        &format!("old {index}"),
                        vec![index],
                        vec![100 * index, 100 * index + 1, 100 * index + 2],
                    ),
                );
                ids.push(doc_id);
                stories.push(story_id);
            }
            assert!(BAND_RUNS.sealed(&store.conn).expect("runs").len() >= 2);
            assert!(HASH_RUNS.sealed(&store.conn).expect("runs").len() >= 2);
            let open_bands: i64 = store
                .conn
                .query_row("SELECT COUNT(*) FROM doc_bands", [], |row| row.get(0))
                .expect("count");
            let open_hashes: i64 = store
                .conn
                .query_row("SELECT COUNT(*) FROM doc_hashes", [], |row| row.get(0))
                .expect("count");
            // Documents 18 and 19's keys are in the open runs (sealed once they hold 8 band
            // keys, three documents', or 3 hashes), document 0's in the oldest sealed run.
            assert_eq!((open_bands, open_hashes), (6, 2));
            // Documents 3 and 5 deleted: their run rows stay.
            delete(&store, ids[3]);
            delete(&store, ids[5]);
            let batch = vec![
                // 0: a near duplicate of document 0 (a band of it, its signature).
                signed_document("copy of 0", vec![0], vec![1, 7_000]),
                // 1: an exact duplicate of document 1 (sealed).
                signed_document("old 1", vec![1], vec![100, 101, 102]),
                // 2: an exact duplicate of document 19 (its hash in the open run).
                signed_document("old 19", vec![19], vec![1900, 1901, 1902]),
                // 3: a near duplicate of document 19 through a band in the open run.
                signed_document("copy of 19", vec![19], vec![1902]),
                // 4: a new document ...
                signed_document("new", vec![500], vec![50_000, 50_001]),
                // 5: ... its exact duplicate in the same batch ...
                signed_document("new", vec![500], vec![50_000, 50_001]),
                // 6: ... and a near duplicate of it in the same batch.
                signed_document("copy of new", vec![500], vec![50_001]),
                // 7: shares a band with deleted document 3 only, with its signature: new.
                signed_document("copy of 3", vec![3], vec![300]),
                // 8: the content of deleted document 5: stored again.
                signed_document("old 5", vec![5], vec![500, 501, 502]),
                // 9: shares a band with document 7 but not its signature: new story.
                signed_document("unlike 7", vec![9_999], vec![700]),
            ];
            if bulk {
                store.begin_bulk().expect("begin");
            }
            let outcomes = store.put_batch(&batch).expect("put");
            if bulk {
                store.commit_bulk().expect("commit");
            }
            let story_of = |outcome: &PutOutcome| match *outcome {
                PutOutcome::New {
                    story_id,
                    joined_story,
                    ..
                } => Some((story_id, joined_story)),
                PutOutcome::Duplicate { .. } => None,
            };
            assert_eq!(story_of(&outcomes[0]), Some((stories[0], true)), "{bulk}");
            assert_eq!(outcome_id(&outcomes[1]), (false, ids[1]), "{bulk}");
            assert_eq!(outcome_id(&outcomes[2]), (false, ids[19]), "{bulk}");
            assert_eq!(story_of(&outcomes[3]), Some((stories[19], true)), "{bulk}");
            let (new, new_id) = outcome_id(&outcomes[4]);
            assert!(new);
            let new_story = story_of(&outcomes[4]).expect("new").0;
            assert_eq!(outcome_id(&outcomes[5]), (false, new_id), "{bulk}");
            assert_eq!(story_of(&outcomes[6]), Some((new_story, true)), "{bulk}");
            assert!(matches!(story_of(&outcomes[7]), Some((_, false))), "{bulk}");
            assert!(matches!(story_of(&outcomes[8]), Some((_, false))), "{bulk}");
            assert!(matches!(story_of(&outcomes[9]), Some((_, false))), "{bulk}");
        }
    }

    /// A (band, id) row in two sealed runs (a deleted document's id taken again by a document
    /// with the same band, before the runs are merged) counts twice among a band's 256 lowest
    /// ids, as the `UNION ALL` of the runs counted it, with both look-ups alike. (Before at
    /// most 16 candidates were read, the band then named 255 documents, so the next band of
    /// the document was asked too and found the story; now the copy shares one band with it
    /// and with 255 lower ids, and is not read.)
    #[test]
    fn a_row_held_by_two_sealed_runs_counts_twice_as_before() {
        let outcome_story = |outcome: &PutOutcome| match outcome {
            PutOutcome::New { story_id, .. } => *story_id,
            PutOutcome::Duplicate { .. } => panic!("new: {outcome:?}"),
        };
        for per_document_lookups in [false, true] {
            let mut store = SqliteStore::open_in_memory()
                .expect("open")
                .with_story_match(same_signature);
            // Every batch sealed into a run of its own, never merged.
            store.band_runs = RunLimits {
                open_keys: 1,
                fan_in: 10_000,
                filter_rows: 2,
            };
            store.per_document_lookups = per_document_lookups;
            let document = |index: u64, other_band: u64| {
                signed_document(
                    &format!("document {index}"),
                    vec![index],
                    vec![7, other_band],
                )
            };
            let first: Vec<NewDocument> = (1..=100).map(|i| document(i, 1_000 + i)).collect();
            for batch in first.chunks(10) {
                store.put_batch(batch).expect("put");
            }
            delete(&store, 100);
            let (again, _, _) = put(&mut store, document(9_999, 5_000));
            assert_eq!(again, 100, "the id taken again");
            let mut later: Vec<NewDocument> = (101..=400).map(|i| document(i, 2_000 + i)).collect();
            later[249] = document(4_242, 6_000);
            for batch in later.chunks(10) {
                store.put_batch(batch).expect("put");
            }
            let story: i64 = store
                .conn
                .query_row(
                    "SELECT story_id FROM documents WHERE content_hash = 'hash:document 4242'",
                    [],
                    |row| row.get(0),
                )
                .expect("story");
            let outcome = store
                .put_batch(&[signed_document("copy of 4242", vec![4_242], vec![7, 6_000])])
                .expect("put");
            // Since at most 16 candidates are read, those sharing the most band keys: 4242
            // shares one key (6000) with the copy, and so do the 255 lower ids of band 7, so it
            // is not read and the copy founds a story, the same with either look-up.
            assert_eq!(
                outcome[0],
                PutOutcome::New {
                    doc_id: 401,
                    story_id: outcome_story(&outcome[0]),
                    joined_story: false,
                },
                "per document: {per_document_lookups}"
            );
            assert_ne!(outcome_story(&outcome[0]), story);
        }
    }

    /// The rows a store holds that its look-ups decide: documents (id, hash, story), stories
    /// (id, first document) and every run's keys.
    type StoreRows = (
        Vec<(i64, String, i64)>,
        Vec<(i64, Option<i64>)>,
        Vec<BandKey>,
        Vec<(String, i64)>,
    );

    fn store_rows(store: &SqliteStore) -> StoreRows {
        let documents = store
            .conn
            .prepare("SELECT id, content_hash, story_id FROM documents ORDER BY id")
            .expect("prepare")
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))
            .expect("query")
            .collect::<rusqlite::Result<_>>()
            .expect("rows");
        let stories = store
            .conn
            .prepare("SELECT id, first_doc_id FROM stories ORDER BY id")
            .expect("prepare")
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
            .expect("query")
            .collect::<rusqlite::Result<_>>()
            .expect("rows");
        (
            documents,
            stories,
            band_keys(store).0,
            hash_rows(&store.conn),
        )
    }

    /// Issue 10 (h14): the batch's read of the sealed runs gives exactly what looking each
    /// document up in every run in turn gave: the same outcomes and the same rows, over many
    /// batches (in and out of bulk transactions) of documents that share bands (one band
    /// with half of them, past MAX_CANDIDATES, so the lowest ids across runs count),
    /// signatures and contents, with documents deleted in between (the highest id too, so
    /// that a later document takes its id).
    #[test]
    fn batch_lookups_agree_with_looking_each_document_up_in_turn() {
        let mut random = xorshift(0x9e37_79b9_7f4a_7c15);
        let mut next = move |below: u64| random() % below;
        let mut batches = Vec::new();
        for batch_index in 0..150 {
            let size = 1 + next(14) as usize;
            let batch: Vec<NewDocument> = (0..size)
                .map(|_| {
                    let content = next(900);
                    // (group, variant): one story at most per group, the candidate of the
                    // nearest variant chosen, so which candidates a look-up names counts.
                    let signature = vec![next(300), next(1_000)];
                    let mut bands = vec![1_000 + next(60), 2_000 + next(300)];
                    if next(5) != 0 {
                        bands.push(7);
                    }
                    if next(4) == 0 {
                        bands.push(u64::MAX - next(5));
                    }
                    signed_document(&format!("text {content}"), signature, bands)
                })
                .collect();
            let deletions: Vec<u64> = (0..next(3)).map(|_| next(100)).collect();
            batches.push((batch_index % 7 < 4, batch, deletions));
        }
        let mut batch_store = small_runs_store(false, same_group);
        let mut reference = small_runs_store(true, same_group);
        let mut joined = 0;
        let mut duplicates = 0;
        for (bulk, batch, deletions) in &batches {
            let mut outcomes = Vec::new();
            for store in [&mut batch_store, &mut reference] {
                if *bulk {
                    store.begin_bulk().expect("begin");
                }
                outcomes.push(store.put_batch(batch).expect("put"));
                if *bulk {
                    store.commit_bulk().expect("commit");
                }
                let highest: i64 = store
                    .conn
                    .query_row("SELECT COALESCE(MAX(id), 0) FROM documents", [], |row| {
                        row.get(0)
                    })
                    .expect("max");
                for &deletion in deletions {
                    // 0: the highest id (taken again by the next document); else an id.
                    let id = if deletion == 0 {
                        highest
                    } else {
                        deletion as i64 * highest / 100
                    };
                    delete(store, id);
                }
            }
            assert_eq!(outcomes[0], outcomes[1]);
            for outcome in &outcomes[0] {
                match outcome {
                    PutOutcome::New { joined_story, .. } => joined += usize::from(*joined_story),
                    PutOutcome::Duplicate { .. } => duplicates += 1,
                }
            }
        }
        assert_eq!(store_rows(&batch_store), store_rows(&reference));
        // The sequence exercised what it is meant to.
        // (31 joins since at most 16 candidates are read: the hot band 7 crowds out copies
        // sharing only it and one other band with their original; 50 or more before.)
        assert!(joined > 25 && duplicates > 20, "{joined} {duplicates}");
        let band_runs = BAND_RUNS.sealed(&batch_store.conn).expect("runs");
        assert!(band_runs.len() >= 3);
        assert!(HASH_RUNS.sealed(&batch_store.conn).expect("runs").len() >= 3);
        // The larger band runs were asked through their filters, the smaller ones directly.
        let filtered = band_runs
            .iter()
            .filter(|&&(id, _)| {
                BAND_RUNS
                    .filter_of(&batch_store.conn, id)
                    .expect("filter")
                    .is_some()
            })
            .count();
        assert!(filtered >= 2 && filtered < band_runs.len(), "{band_runs:?}");
        let hot = band_keys(&batch_store)
            .0
            .iter()
            .filter(|&&(band, _)| band == 7)
            .count();
        assert!(hot > MAX_CANDIDATES, "{hot}");
    }

    #[test]
    fn a_sealed_runs_filter_passes_every_key_of_the_run_and_few_others() {
        let mut store = SqliteStore::open_in_memory()
            .expect("open")
            .with_story_match(same_signature);
        store.band_runs = RunLimits {
            open_keys: 2_000,
            fan_in: 2,
            filter_rows: 4_000,
        };
        // 100 batches of 10 documents of 4 random bands: two runs of 2,000 keys merged into
        // one of 4,000 (filtered).
        let mut random = xorshift(0x2545_f491_4f6c_dd1d);
        for batch in 0..100 {
            let documents: Vec<NewDocument> = (0..10)
                .map(|index| {
                    let bands = (0..4).map(|_| random()).collect();
                    signed_document(&format!("document {batch}.{index}"), vec![0], bands)
                })
                .collect();
            store.put_batch(&documents).expect("put");
        }
        let runs = BAND_RUNS.sealed(&store.conn).expect("runs");
        assert_eq!(runs.len(), 1, "{runs:?}");
        let (id, rows) = runs[0];
        assert_eq!(rows, 4_000);
        let table = BAND_RUNS.filter_of(&store.conn, id).expect("filter");
        let mut filter =
            RunFilter::new(&store.conn, &table.expect("a filter"), rows).expect("read");
        let held: BTreeSet<i64> = band_keys(&store).0.iter().map(|&(band, _)| band).collect();
        for &key in &held {
            assert!(filter.may_hold(key).expect("probe"), "{key}");
        }
        let others: BTreeSet<i64> = (0..4_000).map(|_| random() as i64).collect();
        let passed = others
            .iter()
            .filter(|&&key| filter.may_hold(key).expect("probe"))
            .count();
        assert!(
            passed < 800,
            "{passed} of 4,000 keys the run does not hold passed"
        );
    }

    /// A store at schema version 6 (its band keys in one table) migrated to 7.
    fn migrated_from_6(keys: &[(i64, i64)]) -> Connection {
        let mut conn = Connection::open_in_memory().expect("open");
        for &(_, _, sql) in &MIGRATIONS[..6] {
            conn.execute_batch(sql).expect("old migration");
        }
        conn.pragma_update(None, "user_version", 6)
            .expect("version");
        // The keys' documents are left out.
        conn.pragma_update(None, "foreign_keys", "OFF")
            .expect("pragma");
        for &(band, doc_id) in keys {
            conn.execute(
                "INSERT INTO doc_bands (band, doc_id) VALUES (?1, ?2)",
                [band, doc_id],
            )
            .expect("key");
        }
        migrate(&mut conn, Path::new(":memory:")).expect("migrate");
        conn
    }

    #[test]
    fn migration_7_seals_the_stored_band_keys_into_the_first_run() {
        let conn = migrated_from_6(&[(9, 2), (-4, 1), (9, 1)]);
        assert_eq!(BAND_RUNS.sealed(&conn).expect("runs"), vec![(1, 3)]);
        let keys: Vec<(i64, i64)> = conn
            .prepare("SELECT band, doc_id FROM doc_bands_run_1")
            .expect("prepare")
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
            .expect("query")
            .collect::<rusqlite::Result<_>>()
            .expect("rows");
        assert_eq!(keys, vec![(-4, 1), (9, 1), (9, 2)]);
        let empty = migrated_from_6(&[]);
        assert_eq!(BAND_RUNS.sealed(&empty).expect("runs"), Vec::new());
        for conn in [conn, empty] {
            let left: i64 = conn
                .query_row(
                    "SELECT COUNT(*) FROM sqlite_schema
                     WHERE name IN ('doc_bands_before_runs', 'doc_bands_doc')",
                    [],
                    |row| row.get(0),
                )
                .expect("schema");
            assert_eq!(left, 0);
        }
    }

    fn outcome_id(outcome: &PutOutcome) -> (bool, i64) {
        match *outcome {
            PutOutcome::New { doc_id, .. } => (true, doc_id),
            PutOutcome::Duplicate { doc_id } => (false, doc_id),
        }
    }

    /// Every (content_hash, doc_id) row of the open run and the sealed runs, sorted, each run
    /// checked against the count `hash_runs` records.
    fn hash_rows(conn: &Connection) -> Vec<(String, i64)> {
        let mut rows = Vec::new();
        let mut read = |table: &str| -> i64 {
            let mut statement = conn
                .prepare(&format!("SELECT content_hash, doc_id FROM {table}"))
                .expect("prepare");
            let found: Vec<(String, i64)> = statement
                .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
                .expect("query")
                .collect::<rusqlite::Result<_>>()
                .expect("rows");
            let count = found.len() as i64;
            rows.extend(found);
            count
        };
        read("doc_hashes");
        for (id, recorded) in HASH_RUNS.sealed(conn).expect("runs") {
            assert_eq!(read(&HASH_RUNS.table(id)), recorded, "run {id}");
        }
        rows.sort();
        rows
    }

    /// Issue 10, item 4: exact duplicates are found whichever run holds the first copy's hash
    /// (open, sealed, merged), within a batch, across batches and bulk transactions, and every
    /// stored document's hash is in exactly one run.
    #[test]
    fn exact_duplicates_are_found_through_sealed_and_merged_hash_runs() {
        let mut store = SqliteStore::open_in_memory().expect("open");
        store.hash_runs = RunLimits {
            open_keys: 5,
            fan_in: 2,
            filter_rows: i64::MAX,
        };
        let documents: Vec<NewDocument> = (0..60)
            .map(|index| signed_document(&format!("document {index}"), Vec::new(), Vec::new()))
            .collect();
        let mut ids = Vec::new();
        store.begin_bulk().expect("begin");
        for (index, batch) in documents.chunks(4).enumerate() {
            if index == 8 {
                store.commit_bulk().expect("commit");
            }
            // The batch's first document twice: stored once.
            let mut with_copy = batch.to_vec();
            with_copy.push(batch[0].clone());
            let outcomes = store.put_batch(&with_copy).expect("put");
            let (last, first) = (outcome_id(&outcomes[batch.len()]), outcome_id(&outcomes[0]));
            assert_eq!(last, (false, first.1), "a copy within the batch");
            ids.extend(outcomes[..batch.len()].iter().map(|outcome| {
                let (new, id) = outcome_id(outcome);
                assert!(new);
                id
            }));
        }
        store.commit_bulk().expect("commit");
        let runs = HASH_RUNS.sealed(&store.conn).expect("runs");
        assert!(runs.len() >= 2 && runs.len() <= 5, "{runs:?}");
        assert!(runs.iter().any(|&(_, rows)| rows >= 20), "merged: {runs:?}");
        let mut expected: Vec<(String, i64)> = documents
            .iter()
            .zip(&ids)
            .map(|(document, &id)| (document.content_hash.clone(), id))
            .collect();
        expected.sort();
        assert_eq!(hash_rows(&store.conn), expected, "no hash lost or doubled");
        // All again, in one batch and in small ones: each a duplicate of its first copy.
        for batch_size in [60, 7] {
            for (batch, batch_ids) in documents.chunks(batch_size).zip(ids.chunks(batch_size)) {
                let outcomes = store.put_batch(batch).expect("again");
                let found: Vec<(bool, i64)> = outcomes.iter().map(outcome_id).collect();
                let wanted: Vec<(bool, i64)> = batch_ids.iter().map(|&id| (false, id)).collect();
                assert_eq!(found, wanted);
            }
        }
        let documents_stored: i64 = store
            .conn
            .query_row("SELECT COUNT(*) FROM documents", [], |row| row.get(0))
            .expect("count");
        assert_eq!(documents_stored, 60);
        assert_eq!(hash_rows(&store.conn).len(), 60);
    }

    #[test]
    fn a_deleted_documents_hash_names_no_duplicate() {
        let mut store = SqliteStore::open_in_memory().expect("open");
        store.hash_runs = RunLimits {
            open_keys: 2,
            fan_in: 2,
            filter_rows: i64::MAX,
        };
        let (gone, _, _) = put(&mut store, signed_document("gone", Vec::new(), Vec::new()));
        put(&mut store, signed_document("kept", Vec::new(), Vec::new()));
        store
            .conn
            .execute("DELETE FROM documents WHERE id = ?1", [gone])
            .expect("delete");
        // Stored again (its old hash row stays in a sealed run, naming no document) ...
        let (again, _, _) = put(&mut store, signed_document("gone", Vec::new(), Vec::new()));
        // ... and from then on a duplicate of the new copy.
        let outcomes = store
            .put_batch(&[signed_document("gone", Vec::new(), Vec::new())])
            .expect("put");
        assert_eq!(outcome_id(&outcomes[0]), (false, again));
    }

    /// A store at schema version 8 (documents with the unique content-hash index), with a
    /// story, documents, an event, a quote and a full-text row, migrated by `migrate`.
    fn store_at_8() -> Connection {
        let conn = Connection::open_in_memory().expect("open");
        conn.pragma_update(None, "foreign_keys", "ON")
            .expect("pragma");
        for &(version, _, sql) in &MIGRATIONS[..8] {
            conn.execute_batch(sql).expect("old migration");
            conn.pragma_update(None, "user_version", version)
                .expect("version");
        }
        conn.execute_batch(
            "INSERT INTO stories (id, first_doc_id) VALUES (1, 1), (2, 3);
             INSERT INTO documents (id, source, text, content_hash, story_id, signature)
             VALUES (1, 'a.txt', 'Mexico joined the compact.', 'hash-b', 1, x''),
                    (2, 'b.txt', 'Mexico joined it again.', 'hash-a', 1, x''),
                    (3, 'c.txt', 'Chile left the compact.', 'hash-c', 2, x'');
             INSERT INTO documents_fts (rowid, title, text)
             SELECT id, '', text FROM documents;
             INSERT INTO events (doc_id, actor, action, target, modality, span_start, span_end,
                                 sentence_start, sentence_end, rule, actor_key, target_key)
             VALUES (3, 'Chile', 'withdraw', 'gcm', 'asserted', 0, 5, 0, 23, 'test', 'chile',
                     'gcm');
             INSERT INTO quotes (doc_id, speaker, text, direct, span_start, span_end, rule)
             VALUES (3, 'a minister', 'we left', 1, 0, 5, 'test');",
        )
        .expect("old rows");
        let unique: i64 = conn
            .query_row(
                "SELECT COUNT(*) FROM sqlite_schema WHERE name = 'sqlite_autoindex_documents_1'",
                [],
                |row| row.get(0),
            )
            .expect("schema");
        assert_eq!(unique, 1, "version 8 has the unique index");
        conn
    }

    /// Issue 10, item 4: migration 0009 rebuilds the documents table without the unique
    /// content-hash index; every row keeps its id and what references it, the hashes become
    /// the first sealed run, and a store opened on it still finds the old documents'
    /// duplicates.
    #[test]
    fn migration_9_moves_the_content_hashes_into_runs_and_keeps_every_row() {
        let mut conn = store_at_8();
        let documents = |conn: &Connection| -> Vec<(i64, String, String, i64)> {
            conn.prepare("SELECT id, source, content_hash, story_id FROM documents ORDER BY id")
                .expect("prepare")
                .query_map([], |row| {
                    Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?))
                })
                .expect("query")
                .collect::<rusqlite::Result<_>>()
                .expect("rows")
        };
        let before = documents(&conn);
        migrate(&mut conn, Path::new(":memory:")).expect("migrate");
        let version: i64 = conn
            .pragma_query_value(None, "user_version", |row| row.get(0))
            .expect("version");
        assert_eq!(version, SCHEMA_VERSION);
        let enforced: bool = conn
            .pragma_query_value(None, "foreign_keys", |row| row.get(0))
            .expect("pragma");
        assert!(enforced, "foreign keys on again");
        assert_eq!(documents(&conn), before);
        let count = |sql: &str| -> i64 { conn.query_row(sql, [], |row| row.get(0)).expect(sql) };
        assert_eq!(
            count("SELECT COUNT(*) FROM sqlite_schema WHERE name = 'sqlite_autoindex_documents_1'"),
            0
        );
        assert_eq!(
            count(
                "SELECT COUNT(*) FROM sqlite_schema
                 WHERE name IN ('documents_source', 'documents_story', 'documents_without_unique_hash')"
            ),
            2
        );
        assert_eq!(count("SELECT COUNT(*) FROM events"), 1, "nothing cascaded");
        assert_eq!(count("SELECT COUNT(*) FROM quotes"), 1);
        assert_eq!(count("SELECT COUNT(*) FROM pragma_foreign_key_check"), 0);
        assert_eq!(
            count("SELECT rowid FROM documents_fts WHERE documents_fts MATCH 'Chile'"),
            3
        );
        assert_eq!(HASH_RUNS.sealed(&conn).expect("runs"), vec![(1, 3)]);
        assert_eq!(
            hash_rows(&conn),
            vec![
                ("hash-a".to_string(), 2),
                ("hash-b".to_string(), 1),
                ("hash-c".to_string(), 3)
            ]
        );
        // Reopened as a store: the old documents are duplicates, a new one gets the next id.
        let mut store = SqliteStore {
            conn,
            read_only: false,
            story_match: None,
            band_runs: RunLimits::BANDS,
            hash_runs: RunLimits::HASHES,
            #[cfg(test)]
            per_document_lookups: false,
        };
        let mut copy = signed_document("Mexico joined it again.", Vec::new(), Vec::new());
        copy.content_hash = "hash-a".into();
        let fresh = signed_document("Peru signed.", Vec::new(), Vec::new());
        let outcomes = store.put_batch(&[copy, fresh]).expect("put");
        let found: Vec<(bool, i64)> = outcomes.iter().map(outcome_id).collect();
        assert_eq!(found, vec![(false, 2), (true, 4)]);
    }

    #[test]
    fn signatures_round_trip_through_blobs() {
        let signature = vec![0, 1, u64::MAX, 42];
        assert_eq!(
            shared::decode_signature(&encode_signature(&signature)),
            signature
        );
    }
}
