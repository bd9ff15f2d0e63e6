-- 0002_reviews: analysts' verdicts on events, quotes and claims. A review names its record by
-- content, never by row id: the document's content hash, the kind, the record's byte span and
-- its fields (joined by U+001F; see `review_fields` in sqlite.rs), so it still applies after a
-- re-ingest or a re-link gives the record a new id, and lapses when the extractors change it.

CREATE TABLE reviews (
    content_hash TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('event', 'quote', 'claim')),
    span_start INTEGER NOT NULL,
    span_end INTEGER NOT NULL,
    fields TEXT NOT NULL,
    verdict TEXT NOT NULL CHECK (verdict IN ('rejected', 'confirmed')),
    note TEXT,
    reviewed_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    PRIMARY KEY (content_hash, kind, span_start, span_end, fields)
) WITHOUT ROWID;
