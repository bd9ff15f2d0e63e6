-- 0009_hash_runs: exact duplicates through a log-structured index of content hashes (issue 10,
-- item 4: bytes written). The unique index on documents.content_hash had random keys: every
-- transaction that stored a few thousand documents dirtied about one of its pages per document
-- once it had more pages than a transaction has documents (about 19,000 at 1M documents), and
-- at 200k documents it was 12% of what an ingest wrote for 1% of the database. The hashes now
-- go, with their documents' ids, into the runs of `doc_hashes` (like the band index's, 0007):
-- a small open run rewritten by each transaction, sealed into run tables written in key order
-- and merged by levels (`HASH_RUNS` in sqlite.rs). A new document is a duplicate when a run
-- names a stored document with the same content hash; the store looks there, inside the
-- write transaction, before each insert, so two documents with the same hash are never both
-- stored. PostgreSQL keeps its unique index.
--
-- SQLite cannot drop a UNIQUE constraint, so the documents table is made again, its rows copied
-- with their ids (run with foreign keys off, so that nothing that references a document is
-- touched). The stored hashes become the first sealed run (in Rust: only when there are any).
CREATE TABLE documents_without_unique_hash (
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
    -- Unique: see doc_hashes.
    content_hash TEXT NOT NULL,
    story_id INTEGER NOT NULL REFERENCES stories(id),
    -- MinHash signature: little-endian u64 values.
    signature BLOB NOT NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
INSERT INTO documents_without_unique_hash (id, source, url, title, byline, published,
                                           published_origin, outlet, lang, text, content_hash,
                                           story_id, signature, created_at)
SELECT id, source, url, title, byline, published, published_origin, outlet, lang, text,
       content_hash, story_id, signature, created_at
FROM documents ORDER BY id;
DROP TABLE documents;
ALTER TABLE documents_without_unique_hash RENAME TO documents;
CREATE INDEX documents_source ON documents(source);
CREATE INDEX documents_story ON documents(story_id);

CREATE TABLE hash_runs (
    id INTEGER PRIMARY KEY,
    -- Hashes in the run.
    rows INTEGER NOT NULL
);
CREATE TABLE doc_hashes (
    content_hash TEXT NOT NULL,
    doc_id INTEGER NOT NULL,
    PRIMARY KEY (content_hash, doc_id)
) WITHOUT ROWID;
