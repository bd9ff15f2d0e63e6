-- 0001_init: documents, stories, near-duplicate bands, the five record kinds, facts and the
-- full-text index. Spans are UTF-8 byte offsets into documents.text.

CREATE TABLE schema_version (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

CREATE TABLE stories (
    id INTEGER PRIMARY KEY,
    -- The document that founded the story (set right after that document is inserted).
    first_doc_id INTEGER,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL,
    url TEXT,
    title TEXT,
    byline TEXT,
    published TEXT,
    published_origin TEXT,
    outlet TEXT,
    lang TEXT,
    text TEXT NOT NULL,
    content_hash TEXT NOT NULL UNIQUE,
    story_id INTEGER NOT NULL REFERENCES stories(id),
    -- MinHash signature: little-endian u64 values.
    signature BLOB NOT NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX documents_source ON documents(source);
CREATE INDEX documents_story ON documents(story_id);

-- LSH band keys (u64 stored as the i64 with the same bits).
CREATE TABLE doc_bands (
    band INTEGER NOT NULL,
    doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    PRIMARY KEY (band, doc_id)
) WITHOUT ROWID;
CREATE INDEX doc_bands_doc ON doc_bands(doc_id);

CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT NOT NULL,
    date TEXT,
    -- Leading YYYY[-MM[-DD]] of date, for range filters.
    date_key TEXT,
    modality TEXT NOT NULL,
    agent TEXT,
    cameo TEXT,
    plover TEXT,
    span_start INTEGER NOT NULL,
    span_end INTEGER NOT NULL,
    sentence_start INTEGER NOT NULL,
    sentence_end INTEGER NOT NULL,
    rule TEXT NOT NULL
);
CREATE INDEX events_doc ON events(doc_id);
CREATE INDEX events_actor ON events(actor);

CREATE TABLE quotes (
    id INTEGER PRIMARY KEY,
    doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    speaker TEXT,
    role TEXT,
    speaker_entity TEXT,
    text TEXT NOT NULL,
    direct INTEGER NOT NULL,
    span_start INTEGER NOT NULL,
    span_end INTEGER NOT NULL,
    speaker_start INTEGER,
    speaker_end INTEGER,
    rule TEXT NOT NULL
);
CREATE INDEX quotes_doc ON quotes(doc_id);

CREATE TABLE dates (
    id INTEGER PRIMARY KEY,
    doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    value TEXT,
    span_start INTEGER NOT NULL,
    span_end INTEGER NOT NULL,
    rule TEXT NOT NULL
);
CREATE INDEX dates_doc ON dates(doc_id);

CREATE TABLE figures (
    id INTEGER PRIMARY KEY,
    doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    value REAL NOT NULL,
    unit TEXT,
    counts TEXT,
    bound TEXT,
    span_start INTEGER NOT NULL,
    span_end INTEGER NOT NULL,
    rule TEXT NOT NULL
);
CREATE INDEX figures_doc ON figures(doc_id);

CREATE TABLE claims (
    id INTEGER PRIMARY KEY,
    doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    speaker TEXT,
    text TEXT NOT NULL,
    evidence TEXT NOT NULL,
    span_start INTEGER NOT NULL,
    span_end INTEGER NOT NULL,
    evidence_start INTEGER,
    evidence_end INTEGER,
    rule TEXT NOT NULL
);
CREATE INDEX claims_doc ON claims(doc_id);

CREATE TABLE facts (
    id INTEGER PRIMARY KEY,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT NOT NULL,
    date TEXT,
    date_key TEXT,
    modality TEXT NOT NULL,
    source_count INTEGER NOT NULL,
    document_count INTEGER NOT NULL,
    -- JSON arrays of strings.
    outlets TEXT NOT NULL,
    first_reported TEXT,
    latest_reported TEXT,
    contradictions TEXT NOT NULL
);
CREATE INDEX facts_actor ON facts(actor);

CREATE TABLE fact_events (
    fact_id INTEGER NOT NULL REFERENCES facts(id) ON DELETE CASCADE,
    event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    PRIMARY KEY (fact_id, event_id)
) WITHOUT ROWID;
CREATE INDEX fact_events_event ON fact_events(event_id);

-- Full-text index over title and text; its rows are the documents' ids.
CREATE VIRTUAL TABLE documents_fts USING fts5(
    title,
    text,
    content = 'documents',
    content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
