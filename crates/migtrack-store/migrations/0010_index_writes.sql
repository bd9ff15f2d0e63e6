-- 0010_index_writes: the store writes the quotes' and claims' full-text rows and the speaker
-- counts itself, right after each quote or claim (`insert_records` in sqlite.rs), instead of
-- the insert triggers of 0004 and 0006. A statement that fires triggers needs a statement
-- journal, and opening one makes every FTS5 table the transaction has written flush its
-- pending terms to disk as a new segment (FTS5's xSavepoint): with a quote or claim in nearly
-- every document, the three full-text indexes got a segment per document, and merging those
-- was a tenth of a bulk ingest's CPU at 10k documents, more as the indexes deepen. Without
-- the triggers the pending terms are flushed when they pass the hash size below or at commit.
-- The delete triggers stay (a document's deletion cascades to its quotes and claims). IF EXISTS:
-- the migration tests take a current store back to an older schema version, triggers gone.
DROP TRIGGER IF EXISTS quotes_fts_insert;
DROP TRIGGER IF EXISTS claims_fts_insert;
DROP TRIGGER IF EXISTS quotes_count_speaker;

-- Pending terms held in memory per full-text index before a flush (FTS5's default is 1 MiB):
-- bounds the resident memory of a bulk transaction (issue 10, item 6).
INSERT INTO documents_fts (documents_fts, rank) VALUES ('hashsize', 262144);
INSERT INTO quotes_fts (quotes_fts, rank) VALUES ('hashsize', 262144);
INSERT INTO claims_fts (claims_fts, rank) VALUES ('hashsize', 262144);
