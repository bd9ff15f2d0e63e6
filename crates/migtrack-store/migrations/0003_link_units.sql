-- 0003_link_units: the link stage relinks one link unit (an actor and a target, compared
-- without case or repeated spaces: `migtrack_model::name_key`) at a time, so events and facts
-- carry those keys, indexed. The keys are filled in by the store's code (Unicode lower case,
-- which SQLite's lower() does not do). A fact's id is now its first event's id; the facts of
-- an older store are dropped here, which makes them stale, and the first process that opens
-- the store links every event again under the new ids.

ALTER TABLE events ADD COLUMN actor_key TEXT;
ALTER TABLE events ADD COLUMN target_key TEXT;
ALTER TABLE facts ADD COLUMN actor_key TEXT;
ALTER TABLE facts ADD COLUMN target_key TEXT;
DELETE FROM fact_events;
DELETE FROM facts;
CREATE INDEX events_unit ON events(actor_key, target_key);
CREATE INDEX facts_unit ON facts(actor_key, target_key);
