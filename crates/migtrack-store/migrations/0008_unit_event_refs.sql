-- 0008_unit_event_refs: the link step reads the events of each link unit the new documents
-- touch, with each event's document's story, outlet and publication date
-- (`Store::unit_event_refs`). Those came from one lookup of each event in `events` and one in
-- `documents` (random pages of the largest table): about 90 ms for the 7 units of 10 new
-- documents at 200k documents, growing with the store as the units' events do. The three
-- document fields are now kept on the event (a document's story, outlet and date never change
-- once stored), and the unit index holds every column the link step reads, so a unit is one
-- range of one index.

ALTER TABLE events ADD COLUMN doc_story_id INTEGER;
ALTER TABLE events ADD COLUMN doc_outlet TEXT;
ALTER TABLE events ADD COLUMN doc_published TEXT;
UPDATE events SET (doc_story_id, doc_outlet, doc_published) =
    (SELECT d.story_id, d.outlet, d.published FROM documents d WHERE d.id = events.doc_id);
DROP INDEX events_unit;
CREATE INDEX events_unit ON events(actor_key, target_key, id, doc_id, doc_story_id, doc_outlet,
                                   doc_published, actor, action, target, date, modality);
