-- 0003_unit_event_refs: SQLite's migration 0008 for PostgreSQL. The link step reads the events
-- of each link unit the new documents touch, with each event's document's story, outlet and
-- publication date (`Store::unit_event_refs`); those came from a join of every event with its
-- document (one lookup of the documents table an event). The three document fields are now
-- kept on the event (a document's story, outlet and date never change once stored), and the
-- unit index holds every column the link step reads (the key columns and the event id as its
-- key, the rest as INCLUDE columns), so a unit is one range of one index (an index-only scan
-- where the visibility map allows it; otherwise the events' own rows, never the documents).
ALTER TABLE events ADD COLUMN doc_story_id BIGINT;
ALTER TABLE events ADD COLUMN doc_outlet TEXT;
ALTER TABLE events ADD COLUMN doc_published TEXT;
UPDATE events e SET doc_story_id = d.story_id, doc_outlet = d.outlet, doc_published = d.published
FROM documents d WHERE d.id = e.doc_id;
DROP INDEX events_unit;
CREATE INDEX events_unit ON events(actor_key, target_key, id)
    INCLUDE (doc_id, doc_story_id, doc_outlet, doc_published, actor, action, target, date, modality);
