-- 0005_unlinked_documents: the documents whose events may not be linked yet, so "are the facts
-- behind the events?" is one lookup instead of a pass over every event. A document with
-- events is entered in the transaction that stores it (and again when one of its events is
-- reviewed); a link removes it, in the transaction that writes the facts, once each of its
-- events is in a fact unless rejected. What an ingest killed before its link leaves here is
-- what the next process links.
CREATE TABLE unlinked_documents (
    doc_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE
);

INSERT INTO unlinked_documents (doc_id)
SELECT DISTINCT e.doc_id FROM events e
WHERE NOT EXISTS (SELECT 1 FROM fact_events fe WHERE fe.event_id = e.id);
