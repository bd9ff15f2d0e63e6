-- 0007_band_runs: the near-duplicate band index as a small log-structured merge tree (issue 10,
-- item 4). Band keys are random, so every transaction that inserted a few thousand documents'
-- keys into one b-tree rewrote nearly all of its pages: at 200k documents the band index alone
-- was most of the 31 GB an ingest wrote for a 1.5 GB database. Now new keys go into a small
-- open run (`doc_bands`, which stays small enough to be rewritten cheaply); when it is full it
-- is sealed into a run table `doc_bands_run_<id>` written in key order (appended, each page
-- written once), and runs of about the same size are merged, a few at a time, into one larger
-- run (`SqliteStore`'s band runs, in sqlite.rs). `band_runs` lists the sealed runs.
--
-- The runs have no foreign key to documents: a deleted document's keys stay and are skipped
-- when looked up (a candidate with no document row), so a merge never has to update a second
-- index by document.
CREATE TABLE band_runs (
    id INTEGER PRIMARY KEY,
    -- Keys in the run.
    rows INTEGER NOT NULL
);
ALTER TABLE doc_bands RENAME TO doc_bands_before_runs;
DROP INDEX doc_bands_doc;
CREATE TABLE doc_bands (
    band INTEGER NOT NULL,
    doc_id INTEGER NOT NULL,
    PRIMARY KEY (band, doc_id)
) WITHOUT ROWID;
-- The keys stored before this migration become the first run (in Rust: only when there are
-- any), then doc_bands_before_runs is dropped.
