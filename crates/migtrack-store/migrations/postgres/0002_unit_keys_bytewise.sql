-- Link unit keys compare byte by byte (collation "C"), as SQLite's BINARY and Rust's `str` do,
-- so the unit indexes (`events_unit`, `facts_unit`, rebuilt by the change) give the units in
-- the order a full relink walks them (`link_units_after`), whatever the database's collation.
ALTER TABLE events
    ALTER COLUMN actor_key TYPE TEXT COLLATE "C",
    ALTER COLUMN target_key TYPE TEXT COLLATE "C";
ALTER TABLE facts
    ALTER COLUMN actor_key TYPE TEXT COLLATE "C",
    ALTER COLUMN target_key TYPE TEXT COLLATE "C";
