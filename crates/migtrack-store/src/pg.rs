//! The PostgreSQL backend of [`Store`], for many ingest processes (on one machine or several)
//! writing into one database at once, and servers reading from it.
//!
//! How writers share the database (see ARCHITECTURE.md, "Several workers, one PostgreSQL"):
//! - **Documents**: `content_hash` is `UNIQUE` and documents go in with `ON CONFLICT DO
//!   NOTHING`, so a text is stored once whoever sends it. A batch's transaction holds the
//!   store lock (an advisory transaction lock) from its first statement to its commit, so the
//!   near-duplicate lookup of one batch sees every document committed before it, and stories
//!   come out as one serial ingest would make them. Processing (the costly part) stays
//!   parallel; only the storing of batches takes turns.
//! - **Facts**: writing the facts of link units takes an advisory lock per unit (hashed into
//!   [`UNIT_LOCK_SLOTS`] slots, taken in order, so no deadlock), shared with the lock of a whole
//!   relink. Under the lock the store compares the events the caller linked with the events
//!   stored now: a caller whose read is older than another process's stored events does not
//!   write (that process links those units after its own commit, reading everything committed
//!   before it), so facts are never written from a stale read.
//! - **Unlinked documents**: the same table as in SQLite; a document enters it in the
//!   transaction that stores it and leaves it in the one that links all its events.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::time::Duration;

use chrono::NaiveDate;
use migtrack_model::{Action, Event, Extraction, Quote};
use postgres::types::ToSql;
use postgres::{Client, NoTls, Row, Transaction};

use crate::shared::{
    self, DOCUMENT_SUMMARY_COLUMNS, FactWrite, MARK_END, MARK_START, PROVENANCE_COLUMNS,
    REVIEW_COLUMNS, RecordRow, STATUS_FACT_COLUMNS, SearchTerm, StoredRow, candidates_to_read,
    date_origin_name, document_summary, encode_signature, event_ref, event_row, fact_row,
    fact_writes, format_date, from_vec_paged, get_date, get_review, marked_snippet,
    most_similar_story, page_bounds, parse_action_filter, record_row, search_groups,
    status_fact_row,
};
use crate::sqlite::{StoryMatch, date_key};
use crate::{
    ClaimRow, Counts, DateRow, DocumentFilter, DocumentSummary, DocumentView, EventFilter,
    EventRef, EventRow, Fact, FigureRow, LinkUnit, NewDocument, Page, Paged, PutOutcome, QuoteRow,
    RecordFilter, Result, Review, ReviewKind, SearchHit, SpeakerMention, Store, StoreError, Term,
    Verdict,
};

/// The migrations of the PostgreSQL schema, applied in order under a lock.
const MIGRATIONS: &[(i64, &str, &str)] = &[
    (
        1,
        "0001_init",
        include_str!("../migrations/postgres/0001_init.sql"),
    ),
    (
        2,
        "0002_unit_keys_bytewise",
        include_str!("../migrations/postgres/0002_unit_keys_bytewise.sql"),
    ),
    (
        3,
        "0003_unit_event_refs",
        include_str!("../migrations/postgres/0003_unit_event_refs.sql"),
    ),
];

/// The PostgreSQL schema version this build reads and writes.
pub const PG_SCHEMA_VERSION: i64 = 3;
/// Documents looked up per band key of a new document (the lowest ids): the candidates counted
/// by shared band keys, of which at most `shared::MAX_SIGNATURE_READS` are read and compared.
const MAX_CANDIDATES: usize = 256;
/// A connection attempt gives up after this long.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// A write that meets a deadlock or a serialization failure is tried again this many times.
const WRITE_ATTEMPTS: usize = 5;

/// Advisory lock classes (the first key of `pg_advisory_xact_lock(int, int)`): "mt" and a kind.
const LOCK_MIGRATE: i32 = 0x6d74_0001;
const LOCK_STORE: i32 = 0x6d74_0002;
const LOCK_ALL_FACTS: i32 = 0x6d74_0003;
const LOCK_UNIT: i32 = 0x6d74_0004;
/// Link units are locked by slot (a hash of the unit): at most this many locks a transaction,
/// well inside PostgreSQL's lock table for a few dozen writers.
pub const UNIT_LOCK_SLOTS: u64 = 256;

/// The PostgreSQL store: one connection. Not `Sync`: open one per worker or thread.
pub struct PgStore {
    client: RefCell<Client>,
    /// The address without its password, for messages.
    location: String,
    read_only: bool,
    story_match: Option<StoryMatch>,
}

impl std::fmt::Debug for PgStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PgStore")
            .field("location", &self.location)
            .field("read_only", &self.read_only)
            .field("groups_near_duplicates", &self.story_match.is_some())
            .finish()
    }
}

/// Whether a `--db` value (or `MIGTRACK_DB`) names a PostgreSQL database rather than a SQLite
/// file: a `postgres://` or `postgresql://` URL.
pub fn is_postgres_url(db: &str) -> bool {
    let lower = db.trim_start().to_ascii_lowercase();
    lower.starts_with("postgres://") || lower.starts_with("postgresql://")
}

/// The URL without its password (`postgres://user@host/db`), for messages and logs.
pub fn redact_url(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    match rest.rsplit_once('@') {
        Some((credentials, host)) => {
            let user = credentials.split(':').next().unwrap_or("");
            format!("{scheme}://{user}@{host}")
        }
        None => url.to_string(),
    }
}

fn open_error(location: &str, message: impl std::fmt::Display) -> StoreError {
    StoreError::Open {
        path: location.to_string(),
        message: message.to_string(),
    }
}

fn connect(url: &str) -> Result<Client> {
    let location = redact_url(url);
    let mut config: postgres::Config = url.parse().map_err(|e| open_error(&location, e))?;
    if config.get_connect_timeout().is_none() {
        config.connect_timeout(CONNECT_TIMEOUT);
    }
    if config.get_application_name().is_none() {
        config.application_name("migtrack");
    }
    config.connect(NoTls).map_err(|e| open_error(&location, e))
}

impl PgStore {
    /// Connect to a database (`postgres://user:password@host:port/name`) for reading and
    /// writing, and bring its schema up to date (under a lock: many processes may start at
    /// once).
    pub fn open(url: &str) -> Result<Self> {
        let location = redact_url(url);
        let mut client = connect(url)?;
        migrate(&mut client, &location)?;
        Ok(PgStore {
            client: RefCell::new(client),
            location,
            read_only: false,
            story_match: None,
        })
    }

    /// Connect for queries only: the session's transactions are read-only and every write
    /// method returns [`StoreError::ReadOnly`]. The schema must already be current.
    pub fn open_read_only(url: &str) -> Result<Self> {
        let location = redact_url(url);
        let mut client = connect(url)?;
        client
            .batch_execute("SET default_transaction_read_only = on")
            .map_err(|e| open_error(&location, e))?;
        let version = stored_version(&mut client).map_err(|e| open_error(&location, e))?;
        if version != PG_SCHEMA_VERSION {
            return Err(open_error(
                &location,
                format!(
                    "schema version {version}, this build needs {PG_SCHEMA_VERSION} \
                     (open it once read-write to create or migrate it)"
                ),
            ));
        }
        Ok(PgStore {
            client: RefCell::new(client),
            location,
            read_only: true,
            story_match: None,
        })
    }

    /// Group near duplicates into stories by `story_match` (see [`crate::SqliteStore`]).
    pub fn with_story_match(mut self, story_match: StoryMatch) -> Self {
        self.story_match = Some(story_match);
        self
    }

    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// The database's address without its password.
    pub fn location(&self) -> &str {
        &self.location
    }

    /// The schema version recorded in the database.
    pub fn schema_version(&self) -> Result<i64> {
        Ok(stored_version(&mut self.client.borrow_mut())?)
    }

    fn ensure_writable(&self) -> Result<()> {
        if self.read_only {
            Err(StoreError::ReadOnly)
        } else {
            Ok(())
        }
    }

    fn query(&self, query: &Query) -> Result<Vec<Row>> {
        Ok(self
            .client
            .borrow_mut()
            .query(query.sql.as_str(), &query.params())?)
    }

    fn query_sql(&self, sql: &str, params: &[&(dyn ToSql + Sync)]) -> Result<Vec<Row>> {
        Ok(self.client.borrow_mut().query(sql, params)?)
    }

    /// Run `work` in a transaction, again (from the start) after a deadlock or a
    /// serialization failure, which PostgreSQL may report when writers meet.
    fn write<T>(&mut self, mut work: impl FnMut(&mut Transaction<'_>) -> Result<T>) -> Result<T> {
        self.ensure_writable()?;
        let mut client = self.client.borrow_mut();
        let mut attempt = 0;
        loop {
            attempt += 1;
            let mut tx = client.transaction()?;
            let result = work(&mut tx).and_then(|value| {
                tx.commit()?;
                Ok(value)
            });
            match result {
                Err(error) if attempt < WRITE_ATTEMPTS && retryable(&error) => {
                    std::thread::sleep(Duration::from_millis(10 * attempt as u64));
                }
                other => return other.map_err(map_write_error),
            }
        }
    }

    fn query_events(
        &self,
        filter: &EventFilter,
        cursor: i64,
        limit: Option<i64>,
    ) -> Result<Vec<EventRow>> {
        let mut q = Query::new(format!(
            "SELECT e.*, {PROVENANCE_COLUMNS}, {REVIEW_COLUMNS},
                    substring(convert_to(d.text, 'UTF8')
                              FROM (e.sentence_start + 1)::int
                              FOR (e.sentence_end - e.sentence_start)::int) AS sentence_bytes
             FROM events e JOIN documents d ON d.id = e.doc_id {reviews}
             WHERE e.id > ",
            reviews = review_join(ReviewKind::Event, "e")
        ));
        let cursor = q.bind(cursor);
        q.push(&cursor);
        event_conditions(&mut q, "e", filter)?;
        if let Some(doc_id) = filter.doc_id {
            let doc_id = q.bind(doc_id);
            q.push(&format!(" AND e.doc_id = {doc_id}"));
        }
        document_conditions(&mut q, filter.outlet.as_deref(), filter.lang.as_deref());
        if !filter.include_rejected {
            q.push(" AND (v.verdict IS NULL OR v.verdict <> 'rejected')");
        }
        let limit = q.bind(limit);
        q.push(&format!(" ORDER BY e.id LIMIT {limit}"));
        self.query(&q)?.iter().map(event_row).collect()
    }

    /// Quotes or claims (the two kinds with a speaker): same filters, same paging.
    fn query_spoken<T: RecordRow>(
        &self,
        table: &'static str,
        filter: &RecordFilter,
        cursor: i64,
        limit: Option<i64>,
    ) -> Result<Vec<T>> {
        let kind = if table == "quotes" {
            ReviewKind::Quote
        } else {
            ReviewKind::Claim
        };
        let mut q = Query::new(format!(
            "SELECT r.*, {PROVENANCE_COLUMNS}, {REVIEW_COLUMNS}
             FROM {table} r JOIN documents d ON d.id = r.doc_id {reviews}
             WHERE r.id > ",
            reviews = review_join(kind, "r")
        ));
        let cursor = q.bind(cursor);
        q.push(&cursor);
        if let Some(speaker) = &filter.speaker {
            let speaker = q.bind(speaker.clone());
            q.push(&format!(
                " AND strpos(lower(r.speaker), lower({speaker})) > 0"
            ));
        }
        if let Some(text) = &filter.text {
            let text = q.bind(text.clone());
            q.push(&format!(" AND strpos(lower(r.text), lower({text})) > 0"));
        }
        record_conditions(&mut q, filter);
        if !filter.include_rejected {
            q.push(" AND (v.verdict IS NULL OR v.verdict <> 'rejected')");
        }
        let limit = q.bind(limit);
        q.push(&format!(" ORDER BY r.id LIMIT {limit}"));
        self.query(&q)?.iter().map(record_row).collect()
    }

    /// Dates or figures: a text filter on `text` or `other`, no speaker, no reviews.
    fn query_plain<T: RecordRow>(
        &self,
        table: &'static str,
        other: &'static str,
        filter: &RecordFilter,
        cursor: i64,
        limit: Option<i64>,
    ) -> Result<Vec<T>> {
        if filter.speaker.is_some() {
            return Err(StoreError::InvalidQuery(format!(
                "{table} have no speaker to filter on"
            )));
        }
        let mut q = Query::new(format!(
            "SELECT r.*, {PROVENANCE_COLUMNS}
             FROM {table} r JOIN documents d ON d.id = r.doc_id
             WHERE r.id > "
        ));
        let cursor = q.bind(cursor);
        q.push(&cursor);
        if let Some(text) = &filter.text {
            let text = q.bind(text.clone());
            q.push(&format!(
                " AND (strpos(lower(r.text), lower({text})) > 0
                       OR strpos(lower(r.{other}), lower({text})) > 0)"
            ));
        }
        record_conditions(&mut q, filter);
        let limit = q.bind(limit);
        q.push(&format!(" ORDER BY r.id LIMIT {limit}"));
        self.query(&q)?.iter().map(record_row).collect()
    }

    fn document_summary(&self, id: i64) -> Result<Option<(DocumentSummary, Option<String>)>> {
        let rows = self.query_sql(
            &format!(
                "SELECT {DOCUMENT_SUMMARY_COLUMNS}, d.byline FROM documents d WHERE d.id = $1"
            ),
            &[&id],
        )?;
        rows.first()
            .map(|row| Ok((document_summary(row)?, row.try_get("byline")?)))
            .transpose()
    }

    /// The event ids of these facts, each list in id order.
    fn fact_event_ids(&self, fact_ids: &[i64]) -> Result<HashMap<i64, Vec<i64>>> {
        let mut ids: HashMap<i64, Vec<i64>> = HashMap::new();
        if fact_ids.is_empty() {
            return Ok(ids);
        }
        let fact_ids = fact_ids.to_vec();
        for row in self.query_sql(
            "SELECT fact_id, event_id FROM fact_events WHERE fact_id = ANY($1)
             ORDER BY fact_id, event_id",
            &[&fact_ids],
        )? {
            ids.entry(row.try_get(0)?)
                .or_default()
                .push(row.try_get(1)?);
        }
        Ok(ids)
    }

    fn with_event_ids(&self, mut facts: Vec<Fact>) -> Result<Vec<Fact>> {
        let ids: Vec<i64> = facts.iter().map(|fact| fact.id).collect();
        let mut events = self.fact_event_ids(&ids)?;
        for fact in &mut facts {
            fact.event_ids = events.remove(&fact.id).unwrap_or_default();
        }
        Ok(facts)
    }
}

fn retryable(error: &StoreError) -> bool {
    use postgres::error::SqlState;
    match error {
        StoreError::Postgres(error) => matches!(
            error.code(),
            Some(code) if *code == SqlState::T_R_DEADLOCK_DETECTED
                || *code == SqlState::T_R_SERIALIZATION_FAILURE
        ),
        _ => false,
    }
}

fn map_write_error(error: StoreError) -> StoreError {
    use postgres::error::SqlState;
    match error {
        StoreError::Postgres(error)
            if error.code() == Some(&SqlState::READ_ONLY_SQL_TRANSACTION) =>
        {
            StoreError::ReadOnly
        }
        other => other,
    }
}

fn stored_version(client: &mut Client) -> std::result::Result<i64, postgres::Error> {
    let exists: bool = client
        .query_one("SELECT to_regclass('schema_version') IS NOT NULL", &[])?
        .get(0);
    if !exists {
        return Ok(0);
    }
    client
        .query_one("SELECT coalesce(max(version), 0) FROM schema_version", &[])?
        .try_get(0)
}

fn migrate(client: &mut Client, location: &str) -> Result<()> {
    let mut tx = client.transaction().map_err(|e| open_error(location, e))?;
    // One process migrates; the others wait here and then find the schema current.
    tx.execute("SELECT pg_advisory_xact_lock($1, 0)", &[&LOCK_MIGRATE])?;
    tx.batch_execute(
        "CREATE TABLE IF NOT EXISTS schema_version (
             version BIGINT PRIMARY KEY,
             name TEXT NOT NULL,
             applied_at TEXT NOT NULL
                 DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'))",
    )?;
    let current: i64 = tx
        .query_one("SELECT coalesce(max(version), 0) FROM schema_version", &[])?
        .try_get(0)?;
    if current > PG_SCHEMA_VERSION {
        return Err(open_error(
            location,
            format!("schema version {current} is newer than this build ({PG_SCHEMA_VERSION})"),
        ));
    }
    for &(version, name, sql) in MIGRATIONS {
        if current >= version {
            continue;
        }
        tx.batch_execute(sql)
            .map_err(|e| open_error(location, format!("migration {name}: {e}")))?;
        tx.execute(
            "INSERT INTO schema_version (version, name) VALUES ($1, $2)",
            &[&version, &name],
        )?;
    }
    tx.commit().map_err(|e| open_error(location, e))?;
    Ok(())
}

// ---- query text --------------------------------------------------------------------------

/// SQL text with its parameters, numbered as they are bound.
struct Query {
    sql: String,
    values: Vec<Box<dyn ToSql + Sync + Send>>,
}

impl Query {
    fn new(sql: impl Into<String>) -> Self {
        Query {
            sql: sql.into(),
            values: Vec::new(),
        }
    }

    /// Bind a value; returns its placeholder (`$n`).
    fn bind(&mut self, value: impl ToSql + Sync + Send + 'static) -> String {
        self.values.push(Box::new(value));
        format!("${}", self.values.len())
    }

    fn push(&mut self, sql: &str) {
        self.sql.push_str(sql);
    }

    fn params(&self) -> Vec<&(dyn ToSql + Sync)> {
        self.values
            .iter()
            .map(|value| value.as_ref() as &(dyn ToSql + Sync))
            .collect()
    }
}

/// The review of a record (`v.*`), joined by content: see [`shared::review_join`].
fn review_join(kind: ReviewKind, alias: &str) -> String {
    shared::review_join(kind, alias, UNIT_SEPARATOR)
}

/// U+001F in PostgreSQL's SQL.
const UNIT_SEPARATOR: &str = "chr(31)";

/// Actor, action, target and date conditions on an event or fact row (`alias`).
fn event_conditions(q: &mut Query, alias: &str, filter: &EventFilter) -> Result<()> {
    for (term, column) in [(&filter.actor, "actor"), (&filter.target, "target")] {
        match term {
            Some(Term::Exact(value)) => {
                let key = q.bind(migtrack_model::name_key(value));
                let value = q.bind(value.clone());
                q.push(&format!(
                    " AND {alias}.{column}_key = {key} AND {alias}.{column} = {value}"
                ));
            }
            Some(Term::Contains(value)) => {
                let value = q.bind(value.clone());
                q.push(&format!(
                    " AND ({alias}.{column} = {value} \
                       OR strpos(lower({alias}.{column}), lower({value})) > 0)"
                ));
            }
            None => {}
        }
    }
    if let Some(action) = parse_action_filter(filter.action.as_deref())? {
        let action = q.bind(action.as_str().to_string());
        q.push(&format!(" AND {alias}.action = {action}"));
    }
    // A date matches when its known prefix is within the bounds cut to the same precision.
    if let Some(since) = filter.since {
        let since = q.bind(format_date(since));
        q.push(&format!(
            " AND {alias}.date_key IS NOT NULL \
              AND {alias}.date_key >= substr({since}, 1, length({alias}.date_key))"
        ));
    }
    if let Some(until) = filter.until {
        let until = q.bind(format_date(until));
        q.push(&format!(
            " AND {alias}.date_key IS NOT NULL \
              AND {alias}.date_key <= substr({until}, 1, length({alias}.date_key))"
        ));
    }
    Ok(())
}

/// Outlet and language conditions on the joined document `d`.
fn document_conditions(q: &mut Query, outlet: Option<&str>, lang: Option<&str>) {
    if let Some(outlet) = outlet {
        let outlet = q.bind(outlet.to_string());
        q.push(&format!(" AND lower(d.outlet) = lower({outlet})"));
    }
    if let Some(lang) = lang {
        let lang = q.bind(lang.to_string());
        q.push(&format!(" AND lower(d.lang) = lower({lang})"));
    }
}

/// Published-day bounds on the joined document `d` (an undated one is outside any bound).
fn published_conditions(q: &mut Query, since: Option<NaiveDate>, until: Option<NaiveDate>) {
    if let Some(since) = since {
        let since = q.bind(format_date(since));
        q.push(&format!(" AND d.published >= {since}"));
    }
    if let Some(until) = until {
        let until = q.bind(format_date(until));
        q.push(&format!(" AND d.published <= {until}"));
    }
}

/// The document conditions of a record filter: its document, outlet, language, period.
fn record_conditions(q: &mut Query, filter: &RecordFilter) {
    if let Some(doc_id) = filter.doc_id {
        let doc_id = q.bind(doc_id);
        q.push(&format!(" AND r.doc_id = {doc_id}"));
    }
    document_conditions(q, filter.outlet.as_deref(), filter.lang.as_deref());
    published_conditions(q, filter.since, filter.until);
}

// ---- search ------------------------------------------------------------------------------

/// The tsquery expression of the search groups, its values bound to `q`: a phrase through
/// `phraseto_tsquery` (PostgreSQL's own word splitting, as for the indexed text), a prefix
/// through `to_tsquery` with `:*` on the quoted word.
fn tsquery_sql(q: &mut Query, groups: &[Vec<SearchTerm>]) -> String {
    let alternatives: Vec<String> = groups
        .iter()
        .map(|group| {
            let terms: Vec<String> = group
                .iter()
                .map(|term| match term {
                    SearchTerm::Phrase(text) => {
                        format!("phraseto_tsquery('simple', {})", q.bind(text.clone()))
                    }
                    SearchTerm::Prefix(text) => {
                        let quoted =
                            format!("'{}':*", text.replace('\\', "\\\\").replace('\'', "''"));
                        format!("to_tsquery('simple', {})", q.bind(quoted))
                    }
                })
                .collect();
            format!("({})", terms.join(" && "))
        })
        .collect();
    format!("({})", alternatives.join(" || "))
}

// ---- row mapping -------------------------------------------------------------------------

fn bad_value(column: &str, value: &str) -> StoreError {
    StoreError::InvalidQuery(format!(
        "stored value in column {column} is not understood: {value:?}"
    ))
}

impl shared::StoredRow for Row {
    type Error = StoreError;

    fn get<T: shared::Column>(&self, column: &str) -> Result<T> {
        Ok(self.try_get(column)?)
    }

    fn get_usize(&self, column: &str) -> Result<usize> {
        let value: i64 = self.try_get(column)?;
        usize::try_from(value).map_err(|_| bad_value(column, &value.to_string()))
    }

    fn get_optional_usize(&self, column: &str) -> Result<Option<usize>> {
        let value: Option<i64> = self.try_get(column)?;
        value
            .map(|value| usize::try_from(value).map_err(|_| bad_value(column, &value.to_string())))
            .transpose()
    }

    fn bad_value(column: &str, value: &str) -> StoreError {
        bad_value(column, value)
    }
}

// ---- writing -----------------------------------------------------------------------------

fn to_i64(value: usize) -> i64 {
    i64::try_from(value).unwrap_or(i64::MAX)
}

/// The story of the most similar earlier document sharing a band key, if it is similar
/// enough: the same candidates ([`candidates_to_read`] of the same lists of the lowest ids a
/// band key), in the same order, as the SQLite store examines.
fn near_duplicate_story(
    tx: &mut Transaction<'_>,
    document: &NewDocument,
    story_match: Option<StoryMatch>,
) -> Result<Option<i64>> {
    let Some(story_match) = story_match else {
        return Ok(None);
    };
    if document.signature.is_empty() || document.bands.is_empty() {
        return Ok(None);
    }
    let bands: BTreeSet<u64> = document.bands.iter().copied().collect();
    let keys: Vec<i64> = bands.iter().map(|&band| band as i64).collect();
    let mut by_band: HashMap<i64, Vec<i64>> = HashMap::new();
    for row in tx.query(
        "SELECT band, doc_id FROM (
             SELECT band, doc_id, row_number() OVER (PARTITION BY band ORDER BY doc_id) AS n
             FROM doc_bands WHERE band = ANY($1)) ranked
         WHERE n <= $2 ORDER BY band, doc_id",
        &[&keys, &to_i64(MAX_CANDIDATES)],
    )? {
        by_band
            .entry(row.try_get(0)?)
            .or_default()
            .push(row.try_get(1)?);
    }
    let candidates = candidates_to_read(by_band.values().map(Vec::as_slice));
    if candidates.is_empty() {
        return Ok(None);
    }
    let rows = tx.query(
        "SELECT signature, story_id FROM documents WHERE id = ANY($1) ORDER BY id",
        &[&candidates],
    )?;
    most_similar_story(
        &document.signature,
        story_match,
        rows.iter()
            .map(|row| Ok::<_, StoreError>((row.try_get(0)?, row.try_get(1)?))),
    )
}

fn put_one(
    tx: &mut Transaction<'_>,
    document: &NewDocument,
    story_match: Option<StoryMatch>,
) -> Result<PutOutcome> {
    let existing = tx.query_opt(
        "SELECT id FROM documents WHERE content_hash = $1",
        &[&document.content_hash],
    )?;
    if let Some(row) = existing {
        return Ok(PutOutcome::Duplicate {
            doc_id: row.try_get(0)?,
        });
    }
    let joined = near_duplicate_story(tx, document, story_match)?;
    let story_id: i64 = match joined {
        Some(story_id) => story_id,
        None => tx
            .query_one("INSERT INTO stories DEFAULT VALUES RETURNING id", &[])?
            .try_get(0)?,
    };
    let doc = &document.doc;
    let inserted = tx.query_opt(
        "INSERT INTO documents (source, url, title, byline, published, published_origin, outlet,
                                lang, text, content_hash, story_id, signature)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
         ON CONFLICT (content_hash) DO NOTHING
         RETURNING id",
        &[
            &doc.source,
            &doc.url,
            &doc.title,
            &doc.byline,
            &doc.published.map(format_date),
            &doc.published_origin.map(date_origin_name),
            &doc.outlet,
            &doc.lang,
            &doc.text,
            &document.content_hash,
            &story_id,
            &encode_signature(&document.signature),
        ],
    )?;
    let Some(inserted) = inserted else {
        // Another writer stored the same text meanwhile (one that does not take the store
        // lock): it is a duplicate, and the story made for it goes.
        if joined.is_none() {
            tx.execute("DELETE FROM stories WHERE id = $1", &[&story_id])?;
        }
        let row = tx.query_one(
            "SELECT id FROM documents WHERE content_hash = $1",
            &[&document.content_hash],
        )?;
        return Ok(PutOutcome::Duplicate {
            doc_id: row.try_get(0)?,
        });
    };
    let doc_id: i64 = inserted.try_get(0)?;
    if joined.is_none() {
        tx.execute(
            "UPDATE stories SET first_doc_id = $1 WHERE id = $2",
            &[&doc_id, &story_id],
        )?;
    }
    let bands: Vec<i64> = document.bands.iter().map(|&band| band as i64).collect();
    tx.execute(
        "INSERT INTO doc_bands (band, doc_id) SELECT DISTINCT unnest($1::bigint[]), $2::bigint
         ON CONFLICT DO NOTHING",
        &[&bands, &doc_id],
    )?;
    let event_doc = EventDocument {
        story_id,
        outlet: doc.outlet.as_deref(),
        published: doc.published.map(format_date),
    };
    insert_records(tx, doc_id, &event_doc, &document.extraction)?;
    if !document.extraction.events.is_empty() {
        tx.execute(
            "INSERT INTO unlinked_documents (doc_id) VALUES ($1) ON CONFLICT DO NOTHING",
            &[&doc_id],
        )?;
    }
    Ok(PutOutcome::New {
        doc_id,
        story_id,
        joined_story: joined.is_some(),
    })
}

/// What an event keeps of its document for the link step (migration 0003, SQLite's 0008).
struct EventDocument<'a> {
    story_id: i64,
    outlet: Option<&'a str>,
    published: Option<String>,
}

/// Column vectors of a record kind, inserted in one statement (`unnest ... WITH ORDINALITY`
/// keeps the extractor's order, so ids follow it as in SQLite).
fn insert_records(
    tx: &mut Transaction<'_>,
    doc_id: i64,
    document: &EventDocument<'_>,
    extraction: &Extraction,
) -> Result<()> {
    let events = &extraction.events;
    if !events.is_empty() {
        let text = |f: fn(&Event) -> String| events.iter().map(f).collect::<Vec<String>>();
        let optional =
            |f: fn(&Event) -> Option<String>| events.iter().map(f).collect::<Vec<Option<String>>>();
        let number = |f: fn(&Event) -> usize| {
            events
                .iter()
                .map(|event| to_i64(f(event)))
                .collect::<Vec<i64>>()
        };
        tx.execute(
            "INSERT INTO events (doc_id, actor, action, target, date, date_key, modality, agent,
                                 cameo, plover, span_start, span_end, sentence_start,
                                 sentence_end, rule, actor_key, target_key, doc_story_id,
                                 doc_outlet, doc_published)
             SELECT $1::bigint, a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p, $18::bigint,
                    $19::text, $20::text
             FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                         $8::text[], $9::text[], $10::text[], $11::bigint[], $12::bigint[],
                         $13::bigint[], $14::bigint[], $15::text[], $16::text[], $17::text[])
                  WITH ORDINALITY AS u(a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p, ord)
             ORDER BY ord",
            &[
                &doc_id,
                &text(|e| e.actor.clone()),
                &text(|e| e.action.as_str().to_string()),
                &text(|e| e.target.clone()),
                &optional(|e| e.date.clone()),
                &optional(|e| e.date.as_deref().and_then(date_key)),
                &text(|e| e.modality.as_str().to_string()),
                &optional(|e| e.agent.clone()),
                &optional(|e| e.cameo.clone()),
                &optional(|e| e.plover.clone()),
                &number(|e| e.span.start),
                &number(|e| e.span.end),
                &number(|e| e.sentence.start),
                &number(|e| e.sentence.end),
                &text(|e| e.rule.clone()),
                &text(|e| migtrack_model::name_key(&e.actor)),
                &text(|e| migtrack_model::name_key(&e.target)),
                &document.story_id,
                &document.outlet,
                &document.published,
            ],
        )?;
    }
    let quotes = &extraction.quotes;
    if !quotes.is_empty() {
        let optional =
            |f: fn(&Quote) -> Option<String>| quotes.iter().map(f).collect::<Vec<Option<String>>>();
        let optional_number = |f: fn(&Quote) -> Option<usize>| {
            quotes
                .iter()
                .map(|quote| f(quote).map(to_i64))
                .collect::<Vec<Option<i64>>>()
        };
        tx.execute(
            "INSERT INTO quotes (doc_id, speaker, role, speaker_entity, text, direct, span_start,
                                 span_end, speaker_start, speaker_end, rule)
             SELECT $1::bigint, a, b, c, d, e, f, g, h, i, j
             FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::boolean[],
                         $7::bigint[], $8::bigint[], $9::bigint[], $10::bigint[], $11::text[])
                  WITH ORDINALITY AS u(a, b, c, d, e, f, g, h, i, j, ord)
             ORDER BY ord",
            &[
                &doc_id,
                &optional(|q| q.speaker.clone()),
                &optional(|q| q.role.clone()),
                &optional(|q| q.speaker_entity.clone()),
                &quotes.iter().map(|q| q.text.clone()).collect::<Vec<_>>(),
                &quotes.iter().map(|q| q.direct).collect::<Vec<_>>(),
                &quotes
                    .iter()
                    .map(|q| to_i64(q.span.start))
                    .collect::<Vec<_>>(),
                &quotes
                    .iter()
                    .map(|q| to_i64(q.span.end))
                    .collect::<Vec<_>>(),
                &optional_number(|q| q.speaker_span.map(|span| span.start)),
                &optional_number(|q| q.speaker_span.map(|span| span.end)),
                &quotes.iter().map(|q| q.rule.clone()).collect::<Vec<_>>(),
            ],
        )?;
        // The speakers view, kept as quotes are stored (the store lock orders these writes).
        let mut counted: BTreeMap<(String, String, String), i64> = BTreeMap::new();
        for quote in quotes {
            if let Some(speaker) = &quote.speaker {
                let key = (
                    speaker.clone(),
                    quote.role.clone().unwrap_or_default(),
                    quote.speaker_entity.clone().unwrap_or_default(),
                );
                *counted.entry(key).or_default() += 1;
            }
        }
        for ((speaker, role, entity), count) in counted {
            tx.execute(
                "INSERT INTO speaker_counts (speaker, role, entity, quotes)
                 VALUES ($1, $2, $3, $4)
                 ON CONFLICT (speaker, role, entity)
                 DO UPDATE SET quotes = speaker_counts.quotes + excluded.quotes",
                &[&speaker, &role, &entity, &count],
            )?;
        }
    }
    let dates = &extraction.dates;
    if !dates.is_empty() {
        tx.execute(
            "INSERT INTO dates (doc_id, text, value, span_start, span_end, rule)
             SELECT $1::bigint, a, b, c, d, e
             FROM unnest($2::text[], $3::text[], $4::bigint[], $5::bigint[], $6::text[])
                  WITH ORDINALITY AS u(a, b, c, d, e, ord)
             ORDER BY ord",
            &[
                &doc_id,
                &dates.iter().map(|d| d.text.clone()).collect::<Vec<_>>(),
                &dates.iter().map(|d| d.value.clone()).collect::<Vec<_>>(),
                &dates
                    .iter()
                    .map(|d| to_i64(d.span.start))
                    .collect::<Vec<_>>(),
                &dates.iter().map(|d| to_i64(d.span.end)).collect::<Vec<_>>(),
                &dates.iter().map(|d| d.rule.clone()).collect::<Vec<_>>(),
            ],
        )?;
    }
    let figures = &extraction.figures;
    if !figures.is_empty() {
        tx.execute(
            "INSERT INTO figures (doc_id, text, value, unit, counts, bound, span_start, span_end,
                                  rule)
             SELECT $1::bigint, a, b, c, d, e, f, g, h
             FROM unnest($2::text[], $3::float8[], $4::text[], $5::text[], $6::text[],
                         $7::bigint[], $8::bigint[], $9::text[])
                  WITH ORDINALITY AS u(a, b, c, d, e, f, g, h, ord)
             ORDER BY ord",
            &[
                &doc_id,
                &figures.iter().map(|f| f.text.clone()).collect::<Vec<_>>(),
                &figures.iter().map(|f| f.value).collect::<Vec<f64>>(),
                &figures.iter().map(|f| f.unit.clone()).collect::<Vec<_>>(),
                &figures.iter().map(|f| f.counts.clone()).collect::<Vec<_>>(),
                &figures.iter().map(|f| f.bound.clone()).collect::<Vec<_>>(),
                &figures
                    .iter()
                    .map(|f| to_i64(f.span.start))
                    .collect::<Vec<_>>(),
                &figures
                    .iter()
                    .map(|f| to_i64(f.span.end))
                    .collect::<Vec<_>>(),
                &figures.iter().map(|f| f.rule.clone()).collect::<Vec<_>>(),
            ],
        )?;
    }
    let claims = &extraction.claims;
    if !claims.is_empty() {
        tx.execute(
            "INSERT INTO claims (doc_id, speaker, text, evidence, span_start, span_end,
                                 evidence_start, evidence_end, rule)
             SELECT $1::bigint, a, b, c, d, e, f, g, h
             FROM unnest($2::text[], $3::text[], $4::text[], $5::bigint[], $6::bigint[],
                         $7::bigint[], $8::bigint[], $9::text[])
                  WITH ORDINALITY AS u(a, b, c, d, e, f, g, h, ord)
             ORDER BY ord",
            &[
                &doc_id,
                &claims.iter().map(|c| c.speaker.clone()).collect::<Vec<_>>(),
                &claims.iter().map(|c| c.text.clone()).collect::<Vec<_>>(),
                &claims
                    .iter()
                    .map(|c| c.evidence.as_str().to_string())
                    .collect::<Vec<_>>(),
                &claims
                    .iter()
                    .map(|c| to_i64(c.span.start))
                    .collect::<Vec<_>>(),
                &claims
                    .iter()
                    .map(|c| to_i64(c.span.end))
                    .collect::<Vec<_>>(),
                &claims
                    .iter()
                    .map(|c| c.evidence_span.map(|span| to_i64(span.start)))
                    .collect::<Vec<_>>(),
                &claims
                    .iter()
                    .map(|c| c.evidence_span.map(|span| to_i64(span.end)))
                    .collect::<Vec<_>>(),
                &claims.iter().map(|c| c.rule.clone()).collect::<Vec<_>>(),
            ],
        )?;
    }
    Ok(())
}

/// The columns of a fact row after its id.
const FACT_FIELDS: &str = "actor, action, target, date, date_key, modality, source_count, \
     document_count, outlets, first_reported, latest_reported, contradictions, actor_key, \
     target_key";

/// The values of [`FACT_FIELDS`], in order.
fn fact_values(fact: &Fact) -> Result<Vec<Box<dyn ToSql + Sync + Send>>> {
    let json = |value: &Vec<String>| {
        serde_json::to_string(value).map_err(|e| StoreError::InvalidQuery(e.to_string()))
    };
    let unit = LinkUnit::of(&fact.actor, &fact.target);
    Ok(vec![
        Box::new(fact.actor.clone()),
        Box::new(fact.action.as_str().to_string()),
        Box::new(fact.target.clone()),
        Box::new(fact.date.clone()),
        Box::new(fact.date.as_deref().and_then(date_key)),
        Box::new(fact.modality.as_str().to_string()),
        Box::new(to_i64(fact.source_count)),
        Box::new(to_i64(fact.document_count)),
        Box::new(json(&fact.outlets)?),
        Box::new(fact.first_reported.map(format_date)),
        Box::new(fact.latest_reported.map(format_date)),
        Box::new(json(&fact.contradictions)?),
        Box::new(unit.actor_key),
        Box::new(unit.target_key),
    ])
}

fn as_params(values: &[Box<dyn ToSql + Sync + Send>]) -> Vec<&(dyn ToSql + Sync)> {
    values
        .iter()
        .map(|value| value.as_ref() as &(dyn ToSql + Sync))
        .collect()
}

/// Insert one fact (id kept when positive, else the next free one) with its events.
fn insert_fact(tx: &mut Transaction<'_>, fact: &Fact) -> Result<()> {
    let id: i64 = if fact.id > 0 {
        fact.id
    } else {
        tx.query_one("SELECT coalesce(max(id), 0) + 1 FROM facts", &[])?
            .try_get(0)?
    };
    let mut values: Vec<Box<dyn ToSql + Sync + Send>> = vec![Box::new(id)];
    values.extend(fact_values(fact)?);
    tx.execute(
        &format!(
            "INSERT INTO facts (id, {FACT_FIELDS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9,
                                                          $10, $11, $12, $13, $14, $15)"
        ),
        &as_params(&values),
    )?;
    tx.execute(
        "INSERT INTO fact_events (fact_id, event_id) SELECT $1::bigint, unnest($2::bigint[])
         ON CONFLICT DO NOTHING",
        &[&id, &fact.event_ids],
    )?;
    Ok(())
}

/// After a link: forget the documents waiting for one whose every event is now in a fact, or
/// rejected and in none.
fn settle_unlinked(tx: &mut Transaction<'_>) -> Result<()> {
    tx.execute(
        &format!(
            "DELETE FROM unlinked_documents u
             WHERE NOT EXISTS (
                 SELECT 1 FROM events e JOIN documents d ON d.id = e.doc_id {reviews}
                 WHERE e.doc_id = u.doc_id
                   AND (v.verdict IS NULL OR v.verdict <> 'rejected')
                       = NOT EXISTS (SELECT 1 FROM fact_events fe WHERE fe.event_id = e.id))",
            reviews = review_join(ReviewKind::Event, "e")
        ),
        &[],
    )?;
    Ok(())
}

/// The events (not rejected) of these units as they are now, with their documents.
fn current_unit_events(tx: &mut Transaction<'_>, units: &[LinkUnit]) -> Result<BTreeMap<i64, i64>> {
    let actors: Vec<&str> = units.iter().map(|unit| unit.actor_key.as_str()).collect();
    let targets: Vec<&str> = units.iter().map(|unit| unit.target_key.as_str()).collect();
    let mut events = BTreeMap::new();
    for row in tx.query(
        &format!(
            "SELECT e.id, e.doc_id
             FROM events e JOIN documents d ON d.id = e.doc_id {reviews}
             WHERE (e.actor_key, e.target_key) IN
                   (SELECT * FROM unnest($1::text[], $2::text[]))
               AND (v.verdict IS NULL OR v.verdict <> 'rejected')",
            reviews = review_join(ReviewKind::Event, "e")
        ),
        &[&actors, &targets],
    )? {
        events.insert(row.try_get(0)?, row.try_get(1)?);
    }
    Ok(events)
}

/// The lock slot of a link unit: a stable hash (FNV-1a) of its keys.
fn unit_slot(unit: &LinkUnit) -> i32 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in unit
        .actor_key
        .bytes()
        .chain([0x1f])
        .chain(unit.target_key.bytes())
    {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    (hash % UNIT_LOCK_SLOTS) as i32
}

/// Make the stored facts of `units` exactly `facts`, writing only what differs
/// ([`fact_writes`]).
fn write_unit_facts(tx: &mut Transaction<'_>, units: &[LinkUnit], facts: &[Fact]) -> Result<()> {
    let actors: Vec<&str> = units.iter().map(|unit| unit.actor_key.as_str()).collect();
    let targets: Vec<&str> = units.iter().map(|unit| unit.target_key.as_str()).collect();
    let mut stored: HashMap<i64, Fact> = HashMap::new();
    for row in tx.query(
        "SELECT * FROM facts WHERE (actor_key, target_key) IN
             (SELECT * FROM unnest($1::text[], $2::text[]))",
        &[&actors, &targets],
    )? {
        let fact = fact_row(&row)?;
        stored.insert(fact.id, fact);
    }
    let ids: Vec<i64> = stored.keys().copied().collect();
    for row in tx.query(
        "SELECT fact_id, event_id FROM fact_events WHERE fact_id = ANY($1)
         ORDER BY fact_id, event_id",
        &[&ids],
    )? {
        let fact_id: i64 = row.try_get(0)?;
        if let Some(fact) = stored.get_mut(&fact_id) {
            fact.event_ids.push(row.try_get(1)?);
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
                let mut values: Vec<Box<dyn ToSql + Sync + Send>> = vec![Box::new(fact.id)];
                values.extend(fact_values(fact)?);
                tx.execute(
                    "UPDATE facts SET actor = $2, action = $3, target = $4, date = $5,
                                      date_key = $6, modality = $7, source_count = $8,
                                      document_count = $9, outlets = $10, first_reported = $11,
                                      latest_reported = $12, contradictions = $13,
                                      actor_key = $14, target_key = $15
                     WHERE id = $1",
                    &as_params(&values),
                )?;
                if !removed.is_empty() {
                    tx.execute(
                        "DELETE FROM fact_events WHERE fact_id = $1 AND event_id = ANY($2)",
                        &[&fact.id, &removed],
                    )?;
                }
                if !added.is_empty() {
                    tx.execute(
                        "INSERT INTO fact_events (fact_id, event_id)
                         SELECT $1::bigint, unnest($2::bigint[]) ON CONFLICT DO NOTHING",
                        &[&fact.id, &added],
                    )?;
                }
            }
        }
    }
    if !gone.is_empty() {
        tx.execute("DELETE FROM fact_events WHERE fact_id = ANY($1)", &[&gone])?;
        tx.execute("DELETE FROM facts WHERE id = ANY($1)", &[&gone])?;
    }
    Ok(())
}

impl Store for PgStore {
    fn put_batch(&mut self, docs: &[NewDocument]) -> Result<Vec<PutOutcome>> {
        let story_match = self.story_match;
        self.write(|tx| {
            // One batch stores at a time: its near-duplicate lookups see every earlier batch.
            tx.execute("SELECT pg_advisory_xact_lock($1, 0)", &[&LOCK_STORE])?;
            let mut outcomes = Vec::with_capacity(docs.len());
            for document in docs {
                outcomes.push(put_one(tx, document, story_match)?);
            }
            Ok(outcomes)
        })
    }

    /// Facts alone (the trait's default counts every table).
    fn fact_count(&self) -> Result<usize> {
        let count: i64 = self.query_sql("SELECT COUNT(*) FROM facts", &[])?[0].try_get(0)?;
        Ok(usize::try_from(count).unwrap_or(0))
    }

    fn counts(&self) -> Result<Counts> {
        let rows = self.query_sql(
            "SELECT (SELECT COUNT(*) FROM documents), (SELECT COUNT(*) FROM stories),
                    (SELECT COUNT(*) FROM events), (SELECT COUNT(*) FROM quotes),
                    (SELECT COUNT(*) FROM dates), (SELECT COUNT(*) FROM figures),
                    (SELECT COUNT(*) FROM claims), (SELECT COUNT(*) FROM facts)",
            &[],
        )?;
        let row = &rows[0];
        let count = |index: usize| -> Result<usize> {
            let value: i64 = row.try_get(index)?;
            Ok(usize::try_from(value).unwrap_or(0))
        };
        Ok(Counts {
            documents: count(0)?,
            stories: count(1)?,
            events: count(2)?,
            quotes: count(3)?,
            dates: count(4)?,
            figures: count(5)?,
            claims: count(6)?,
            facts: count(7)?,
        })
    }

    fn events(&self, filter: &EventFilter, page: Page) -> Result<Paged<EventRow>> {
        let (cursor, limit) = page_bounds(page)?;
        let rows = self.query_events(filter, cursor, Some(limit + 1))?;
        Ok(from_vec_paged(rows, limit, |row| row.id))
    }

    fn quotes(&self, filter: &RecordFilter, page: Page) -> Result<Paged<QuoteRow>> {
        let (cursor, limit) = page_bounds(page)?;
        let rows = self.query_spoken("quotes", filter, cursor, Some(limit + 1))?;
        Ok(from_vec_paged(rows, limit, |row| row.id))
    }

    fn dates(&self, filter: &RecordFilter, page: Page) -> Result<Paged<DateRow>> {
        let (cursor, limit) = page_bounds(page)?;
        let rows = self.query_plain("dates", "value", filter, cursor, Some(limit + 1))?;
        Ok(from_vec_paged(rows, limit, |row| row.id))
    }

    fn figures(&self, filter: &RecordFilter, page: Page) -> Result<Paged<FigureRow>> {
        let (cursor, limit) = page_bounds(page)?;
        let rows = self.query_plain("figures", "counts", filter, cursor, Some(limit + 1))?;
        Ok(from_vec_paged(rows, limit, |row| row.id))
    }

    fn claims(&self, filter: &RecordFilter, page: Page) -> Result<Paged<ClaimRow>> {
        let (cursor, limit) = page_bounds(page)?;
        let rows = self.query_spoken("claims", filter, cursor, Some(limit + 1))?;
        Ok(from_vec_paged(rows, limit, |row| row.id))
    }

    fn documents_where(
        &self,
        filter: &DocumentFilter,
        page: Page,
    ) -> Result<Paged<DocumentSummary>> {
        let (cursor, limit) = page_bounds(page)?;
        let mut q = Query::new(format!(
            "SELECT {DOCUMENT_SUMMARY_COLUMNS} FROM documents d WHERE d.id > "
        ));
        let cursor = q.bind(cursor);
        q.push(&cursor);
        document_conditions(&mut q, filter.outlet.as_deref(), filter.lang.as_deref());
        published_conditions(&mut q, filter.since, filter.until);
        let limit_value = q.bind(limit + 1);
        q.push(&format!(" ORDER BY d.id LIMIT {limit_value}"));
        let rows = self
            .query(&q)?
            .iter()
            .map(document_summary)
            .collect::<Result<Vec<_>>>()?;
        Ok(from_vec_paged(rows, limit, |summary| summary.id))
    }

    fn document(&self, id: i64) -> Result<DocumentView> {
        let (summary, byline) = self
            .document_summary(id)?
            .ok_or_else(|| StoreError::NotFound(format!("document {id}")))?;
        let text: String =
            self.query_sql("SELECT text FROM documents WHERE id = $1", &[&id])?[0].try_get(0)?;
        let record_filter = RecordFilter {
            doc_id: Some(id),
            ..RecordFilter::default()
        };
        let event_filter = EventFilter {
            doc_id: Some(id),
            ..EventFilter::default()
        };
        Ok(DocumentView {
            summary,
            byline,
            text,
            events: self.query_events(&event_filter, 0, None)?,
            quotes: self.query_spoken("quotes", &record_filter, 0, None)?,
            dates: self.query_plain("dates", "value", &record_filter, 0, None)?,
            figures: self.query_plain("figures", "counts", &record_filter, 0, None)?,
            claims: self.query_spoken("claims", &record_filter, 0, None)?,
        })
    }

    fn find_document(&self, id_or_source: &str) -> Result<DocumentView> {
        let key = id_or_source.trim();
        if let Ok(id) = key.parse::<i64>()
            && self.document_summary(id)?.is_some()
        {
            return self.document(id);
        }
        let rows = self.query_sql(
            "SELECT id FROM documents WHERE source = $1 ORDER BY id DESC LIMIT 1",
            &[&key],
        )?;
        match rows.first() {
            Some(row) => self.document(row.try_get(0)?),
            None => Err(StoreError::NotFound(format!("document {key:?}"))),
        }
    }

    /// Ranked by `ts_rank` over the [`crate::SEARCH_CANDIDATES`] newest matches, then id; the
    /// cursor is an offset into the ranking.
    /// Snippets (`ts_headline`) are made for the page only.
    fn search(&self, query: &str, page: Page) -> Result<Paged<SearchHit>> {
        if query.trim().is_empty() {
            return Err(StoreError::InvalidQuery("empty search query".into()));
        }
        let (offset, limit) = page_bounds(page)?;
        let offset = offset.max(0);
        let groups = search_groups(query);
        if groups.is_empty() {
            return Ok(Paged {
                items: Vec::new(),
                next: None,
            });
        }
        let mut q = Query::new("");
        let tsquery = tsquery_sql(&mut q, &groups);
        let (limit_value, offset_value) = (q.bind(limit + 1), q.bind(offset));
        let candidates = q.bind(i64::try_from(crate::SEARCH_CANDIDATES).unwrap_or(i64::MAX));
        q.push(&format!(
            "WITH query AS (SELECT {tsquery} AS q),
                  candidates AS (SELECT d.id, d.search FROM documents d, query
                                 WHERE d.search @@ query.q
                                 ORDER BY d.id DESC LIMIT {candidates})
             SELECT c.id FROM candidates c, query
             ORDER BY ts_rank(c.search, query.q) DESC, c.id
             LIMIT {limit_value} OFFSET {offset_value}"
        ));
        let ids: Vec<i64> = self
            .query(&q)?
            .iter()
            .map(|row| row.try_get(0))
            .collect::<std::result::Result<_, _>>()?;
        let mut hits = Vec::with_capacity(ids.len());
        let options = format!(
            "StartSel={MARK_START}, StopSel={MARK_END}, MaxWords=24, MinWords=12, ShortWord=0, \
             MaxFragments=1, FragmentDelimiter=\" … \""
        );
        for id in ids {
            let mut q = Query::new("");
            let tsquery = tsquery_sql(&mut q, &groups);
            let (id_value, options_value) = (q.bind(id), q.bind(options.clone()));
            q.push(&format!(
                "WITH query AS (SELECT {tsquery} AS q)
                 SELECT d.id, d.title, d.source, d.published, d.outlet,
                        ts_headline('simple', d.text, query.q, {options_value}) AS snippet
                 FROM documents d, query WHERE d.id = {id_value}"
            ));
            for row in self.query(&q)? {
                let title: Option<String> = row.try_get("title")?;
                let source: String = row.try_get("source")?;
                let outlet: Option<String> = row.try_get("outlet")?;
                let marked: String = row.try_get("snippet")?;
                let (snippet, highlights) = marked_snippet(&marked);
                hits.push(SearchHit {
                    doc_id: row.try_get("id")?,
                    label: crate::label(outlet.as_deref(), title.as_deref(), &source),
                    title,
                    source,
                    outlet,
                    published: get_date(&row, "published")?,
                    snippet,
                    highlights,
                });
            }
        }
        let mut page = from_vec_paged(hits, limit, |_| 0);
        if page.next.is_some() {
            page.next = Some(offset + limit);
        }
        Ok(page)
    }

    fn speaker_mentions(&self) -> Result<Vec<SpeakerMention>> {
        self.query_sql(
            "SELECT speaker, role, speaker_entity FROM quotes WHERE speaker IS NOT NULL
             ORDER BY id",
            &[],
        )?
        .iter()
        .map(|row| {
            Ok(SpeakerMention {
                speaker: row.try_get(0)?,
                role: row.try_get(1)?,
                entity: row.try_get(2)?,
            })
        })
        .collect()
    }

    fn speaker_counts(&self) -> Result<Vec<(SpeakerMention, usize)>> {
        let optional = |text: String| (!text.is_empty()).then_some(text);
        self.query_sql(
            "SELECT speaker, role, entity, quotes FROM speaker_counts
             ORDER BY speaker COLLATE \"C\", role COLLATE \"C\", entity COLLATE \"C\"",
            &[],
        )?
        .iter()
        .map(|row| {
            Ok((
                SpeakerMention {
                    speaker: row.try_get(0)?,
                    role: optional(row.try_get(1)?),
                    entity: optional(row.try_get(2)?),
                },
                row.get_usize("quotes")?,
            ))
        })
        .collect()
    }

    fn asserted_facts(&self, filter: &EventFilter, actions: &[Action]) -> Result<Vec<Fact>> {
        let actions: Vec<String> = actions
            .iter()
            .map(|action| action.as_str().to_string())
            .collect();
        let mut q = Query::new(format!(
            "SELECT {STATUS_FACT_COLUMNS} FROM facts f WHERE f.modality = 'asserted' AND f.action = ANY("
        ));
        let actions = q.bind(actions);
        q.push(&actions);
        q.push(")");
        let narrowed = EventFilter {
            actor: filter.actor.clone(),
            target: filter.target.clone(),
            ..EventFilter::default()
        };
        event_conditions(&mut q, "f", &narrowed)?;
        q.push(" ORDER BY f.id");
        self.query(&q)?.iter().map(status_fact_row).collect()
    }

    /// Rejected events are left out: they belong to no fact.
    fn event_refs(&self) -> Result<Vec<EventRef>> {
        self.query_sql(
            &format!(
                "SELECT e.id, e.doc_id, d.story_id, d.outlet, d.published, e.actor, e.action,
                        e.target, e.date, e.modality
                 FROM events e JOIN documents d ON d.id = e.doc_id {reviews}
                 WHERE v.verdict IS NULL OR v.verdict <> 'rejected'
                 ORDER BY e.id",
                reviews = review_join(ReviewKind::Event, "e")
            ),
            &[],
        )?
        .iter()
        .map(event_ref)
        .collect()
    }

    /// Waits for every link-unit writer (the lock of all facts). When the store now holds
    /// events that `facts` leave out (another process stored them after the caller read the
    /// events), nothing is written: that process links its units after its own commit, and its
    /// documents wait in the queue until then.
    fn replace_facts(&mut self, facts: &[Fact]) -> Result<()> {
        self.write(|tx| {
            tx.execute("SELECT pg_advisory_xact_lock($1, 0)", &[&LOCK_ALL_FACTS])?;
            let linked: BTreeSet<i64> = facts
                .iter()
                .flat_map(|fact| fact.event_ids.iter().copied())
                .collect();
            let current = tx.query(
                &format!(
                    "SELECT e.id FROM events e JOIN documents d ON d.id = e.doc_id {reviews}
                     WHERE v.verdict IS NULL OR v.verdict <> 'rejected'",
                    reviews = review_join(ReviewKind::Event, "e")
                ),
                &[],
            )?;
            for row in current {
                if !linked.contains(&row.try_get::<_, i64>(0)?) {
                    return Ok(());
                }
            }
            tx.execute("DELETE FROM fact_events", &[])?;
            tx.execute("DELETE FROM facts", &[])?;
            for fact in facts {
                insert_fact(tx, fact)?;
            }
            settle_unlinked(tx)
        })
    }

    fn link_units(&self, doc_ids: &[i64]) -> Result<Vec<LinkUnit>> {
        let doc_ids = doc_ids.to_vec();
        let units: BTreeSet<LinkUnit> = self
            .query_sql(
                "SELECT DISTINCT actor_key, target_key FROM events WHERE doc_id = ANY($1)",
                &[&doc_ids],
            )?
            .iter()
            .map(|row| {
                Ok(LinkUnit {
                    actor_key: row.try_get(0)?,
                    target_key: row.try_get(1)?,
                })
            })
            .collect::<Result<_>>()?;
        Ok(units.into_iter().collect())
    }

    /// A skip scan of each unit index (`events_unit`, `facts_unit`: one index probe a unit,
    /// at most `limit` units from each), merged; the keys compare byte by byte (collation
    /// "C", migration 2), as in SQLite and Rust.
    fn link_units_after(&self, after: Option<&LinkUnit>, limit: usize) -> Result<Vec<LinkUnit>> {
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        if limit == 0 {
            return Ok(Vec::new());
        }
        let walk = |table: &str| {
            let start = match after {
                Some(_) => "WHERE (actor_key, target_key) > ($1, $2)",
                None => "",
            };
            format!(
                "{table}_units(actor_key, target_key, n) AS (
                     (SELECT actor_key, target_key, 1::bigint FROM {table} {start}
                      ORDER BY actor_key, target_key LIMIT 1)
                     UNION ALL
                     SELECT next.actor_key, next.target_key, walked.n + 1
                     FROM {table}_units walked CROSS JOIN LATERAL
                          (SELECT actor_key, target_key FROM {table}
                           WHERE (actor_key, target_key) > (walked.actor_key, walked.target_key)
                           ORDER BY actor_key, target_key LIMIT 1) next
                     WHERE walked.n < $3)"
            )
        };
        let sql = format!(
            "WITH RECURSIVE {events}, {facts}
             SELECT actor_key, target_key FROM events_units
             UNION SELECT actor_key, target_key FROM facts_units
             ORDER BY 1, 2 LIMIT $3",
            events = walk("events"),
            facts = walk("facts"),
        );
        let (actor, target) = after.map_or(("", ""), |unit| {
            (unit.actor_key.as_str(), unit.target_key.as_str())
        });
        let rows = match after {
            Some(_) => self.query_sql(&sql, &[&actor, &target, &limit])?,
            None => self.query_sql(&sql.replace("$3", "$1"), &[&limit])?,
        };
        rows.iter()
            .map(|row| {
                Ok(LinkUnit {
                    actor_key: row.try_get(0)?,
                    target_key: row.try_get(1)?,
                })
            })
            .collect()
    }

    /// The units' events from the unit index (migration 0003: it holds every column read
    /// here), not joined with their documents. A review is matched through its document's
    /// content hash, so while any event is rejected, the events are read with their documents
    /// and reviews instead, as in SQLite.
    fn unit_event_refs(&self, units: &[LinkUnit]) -> Result<Vec<EventRef>> {
        let actors: Vec<String> = units.iter().map(|unit| unit.actor_key.clone()).collect();
        let targets: Vec<String> = units.iter().map(|unit| unit.target_key.clone()).collect();
        let any_rejected: bool = self.query_sql(
            "SELECT EXISTS (SELECT 1 FROM reviews WHERE kind = $1 AND verdict = 'rejected')",
            &[&ReviewKind::Event.as_str()],
        )?[0]
            .try_get(0)?;
        let sql = if any_rejected {
            format!(
                "SELECT e.id, e.doc_id, d.story_id, d.outlet, d.published, e.actor, e.action,
                        e.target, e.date, e.modality
                 FROM events e JOIN documents d ON d.id = e.doc_id {reviews}
                 WHERE (e.actor_key, e.target_key) IN
                       (SELECT * FROM unnest($1::text[], $2::text[]))
                   AND (v.verdict IS NULL OR v.verdict <> 'rejected')
                 ORDER BY e.id",
                reviews = review_join(ReviewKind::Event, "e")
            )
        } else {
            "SELECT id, doc_id, doc_story_id AS story_id, doc_outlet AS outlet,
                    doc_published AS published, actor, action, target, date, modality
             FROM events
             WHERE (actor_key, target_key) IN (SELECT * FROM unnest($1::text[], $2::text[]))
             ORDER BY id"
                .to_string()
        };
        self.query_sql(&sql, &[&actors, &targets])?
            .iter()
            .map(event_ref)
            .collect()
    }

    /// Under the units' locks: when the units now hold events that `facts` leave out (another
    /// process stored them after the caller read the units), nothing is written, since that
    /// process links these units after its own commit; otherwise as in SQLite.
    fn replace_unit_facts(&mut self, units: &[LinkUnit], facts: &[Fact]) -> Result<()> {
        let mut slots: Vec<i32> = units.iter().map(unit_slot).collect();
        slots.sort_unstable();
        slots.dedup();
        self.write(|tx| {
            tx.execute(
                "SELECT pg_advisory_xact_lock_shared($1, 0)",
                &[&LOCK_ALL_FACTS],
            )?;
            tx.execute(
                "SELECT pg_advisory_xact_lock($1, slot) FROM unnest($2::int[]) AS slot
                 ORDER BY slot",
                &[&LOCK_UNIT, &slots],
            )?;
            let current = current_unit_events(tx, units)?;
            let linked: BTreeSet<i64> = facts
                .iter()
                .flat_map(|fact| fact.event_ids.iter().copied())
                .collect();
            if current.keys().any(|event_id| !linked.contains(event_id)) {
                return Ok(());
            }
            write_unit_facts(tx, units, facts)?;
            settle_unlinked(tx)
        })
    }

    fn facts_stale(&self) -> Result<bool> {
        Ok(
            self.query_sql("SELECT EXISTS (SELECT 1 FROM unlinked_documents)", &[])?[0]
                .try_get(0)?,
        )
    }

    fn facts(&self, filter: &EventFilter, page: Page) -> Result<Paged<Fact>> {
        let (cursor, limit) = page_bounds(page)?;
        let mut q = Query::new("SELECT f.* FROM facts f WHERE f.id > ");
        let cursor = q.bind(cursor);
        q.push(&cursor);
        event_conditions(&mut q, "f", filter)?;
        if let Some(doc_id) = filter.doc_id {
            let doc_id = q.bind(doc_id);
            q.push(&format!(
                " AND EXISTS (SELECT 1 FROM fact_events fe JOIN events e ON e.id = fe.event_id
                              WHERE fe.fact_id = f.id AND e.doc_id = {doc_id})"
            ));
        }
        if filter.outlet.is_some() || filter.lang.is_some() {
            q.push(
                " AND EXISTS (SELECT 1 FROM fact_events fe JOIN events e ON e.id = fe.event_id
                              JOIN documents d ON d.id = e.doc_id
                              WHERE fe.fact_id = f.id",
            );
            document_conditions(&mut q, filter.outlet.as_deref(), filter.lang.as_deref());
            q.push(")");
        }
        let limit_value = q.bind(limit + 1);
        q.push(&format!(" ORDER BY f.id LIMIT {limit_value}"));
        let facts = self
            .query(&q)?
            .iter()
            .map(fact_row)
            .collect::<Result<Vec<_>>>()?;
        let mut page = from_vec_paged(facts, limit, |fact| fact.id);
        page.items = self.with_event_ids(page.items)?;
        Ok(page)
    }

    fn fact(&self, id: i64) -> Result<Fact> {
        let rows = self.query_sql("SELECT * FROM facts WHERE id = $1", &[&id])?;
        let fact = rows
            .first()
            .map(fact_row)
            .transpose()?
            .ok_or_else(|| StoreError::NotFound(format!("fact {id}")))?;
        Ok(self.with_event_ids(vec![fact])?.remove(0))
    }

    fn review(
        &mut self,
        kind: ReviewKind,
        id: i64,
        verdict: Verdict,
        note: Option<&str>,
    ) -> Result<Review> {
        let table = match kind {
            ReviewKind::Event => "events",
            ReviewKind::Quote => "quotes",
            ReviewKind::Claim => "claims",
        };
        let note = note.map(str::trim).filter(|note| !note.is_empty());
        self.write(|tx| {
            let stored = tx.execute(
                &format!(
                    "INSERT INTO reviews
                         (content_hash, kind, span_start, span_end, fields, verdict, note)
                     SELECT d.content_hash, $2, r.span_start, r.span_end, {fields}, $3, $4
                     FROM {table} r JOIN documents d ON d.id = r.doc_id WHERE r.id = $1
                     ON CONFLICT (content_hash, kind, span_start, span_end, fields)
                     DO UPDATE SET verdict = excluded.verdict, note = excluded.note,
                                   reviewed_at = excluded.reviewed_at",
                    fields = shared::review_fields(kind, "r", UNIT_SEPARATOR)
                ),
                &[&id, &kind.as_str(), &verdict.as_str(), &note],
            )?;
            if stored == 0 {
                return Err(StoreError::NotFound(format!("{} {id}", kind.as_str())));
            }
            if kind == ReviewKind::Event {
                // The event's fact changes: its document waits for a link again.
                tx.execute(
                    "INSERT INTO unlinked_documents (doc_id)
                     SELECT doc_id FROM events WHERE id = $1 ON CONFLICT DO NOTHING",
                    &[&id],
                )?;
            }
            let row = tx.query_one(
                &format!(
                    "SELECT {REVIEW_COLUMNS} FROM {table} r JOIN documents d ON d.id = r.doc_id
                     {reviews} WHERE r.id = $1",
                    reviews = review_join(kind, "r")
                ),
                &[&id],
            )?;
            get_review(&row)?.ok_or_else(|| StoreError::NotFound(format!("{} {id}", kind.as_str())))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_text_reads_as_the_sqlite_store_reads_it() {
        use SearchTerm::{Phrase, Prefix};
        let phrase = |text: &str| Phrase(text.to_string());
        let cases: Vec<(&str, Vec<Vec<SearchTerm>>)> = vec![
            ("asylum", vec![vec![phrase("asylum")]]),
            (
                "asylum reform",
                vec![vec![phrase("asylum"), phrase("reform")]],
            ),
            ("asyl**", vec![vec![Prefix("asyl".into())]]),
            (
                r#""refugee framework""#,
                vec![vec![phrase("refugee framework")]],
            ),
            (r#""unclosed phrase"#, vec![vec![phrase("unclosed phrase")]]),
            (
                "a OR b c",
                vec![vec![phrase("a")], vec![phrase("b"), phrase("c")]],
            ),
            ("OR a OR", vec![vec![phrase("a")]]),
            ("a or b", vec![vec![phrase("a"), phrase("or"), phrase("b")]]),
            ("*", vec![]),
            ("\" - : ( ) ^ ***", vec![]),
        ];
        for (text, expected) in cases {
            assert_eq!(search_groups(text), expected, "{text:?}");
        }
    }

    #[test]
    fn urls_are_told_apart_and_passwords_kept_out_of_messages() {
        assert!(is_postgres_url("postgres://u@h/db"));
        assert!(is_postgres_url("postgresql://u:p@h:5433/db"));
        assert!(!is_postgres_url("migtrack.db"));
        assert!(!is_postgres_url("./postgres/x.db"));
        assert_eq!(
            redact_url("postgresql://user:secret@host:5433/db"),
            "postgresql://user@host:5433/db"
        );
        assert_eq!(redact_url("postgres://host/db"), "postgres://host/db");
    }

    #[test]
    fn unit_slots_are_stable_and_in_range() {
        let unit = LinkUnit::of("USA", "gcm");
        assert_eq!(unit_slot(&unit), unit_slot(&LinkUnit::of("usa", "GCM")));
        assert!((0..UNIT_LOCK_SLOTS as i32).contains(&unit_slot(&unit)));
    }
}
