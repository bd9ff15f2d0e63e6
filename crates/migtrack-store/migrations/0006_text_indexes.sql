-- 0006_text_indexes: exact actor and target filters through the key indexes (below), and the `text` filter of quotes and claims ("contains, in any case") goes
-- through a trigram full-text index first (any substring of three characters or more), then
-- the same instr(lower(...)) test as before, so the answer is unchanged and only the matching
-- rows are read. Triggers keep the indexes with their tables.
CREATE VIRTUAL TABLE quotes_fts USING fts5(text, content = 'quotes', content_rowid = 'id', tokenize = 'trigram');
INSERT INTO quotes_fts (quotes_fts) VALUES ('rebuild');
CREATE TRIGGER quotes_fts_insert AFTER INSERT ON quotes BEGIN
    INSERT INTO quotes_fts (rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER quotes_fts_delete AFTER DELETE ON quotes BEGIN
    INSERT INTO quotes_fts (quotes_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;

CREATE VIRTUAL TABLE claims_fts USING fts5(text, content = 'claims', content_rowid = 'id', tokenize = 'trigram');
INSERT INTO claims_fts (claims_fts) VALUES ('rebuild');
CREATE TRIGGER claims_fts_insert AFTER INSERT ON claims BEGIN
    INSERT INTO claims_fts (rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER claims_fts_delete AFTER DELETE ON claims BEGIN
    INSERT INTO claims_fts (claims_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;

-- An exact target filter (an entity id: `events?target=gcm`) finds its rows through the key
-- index; an exact actor filter uses the link-unit index (actor_key, target_key).
CREATE INDEX events_target_key ON events(target_key);
CREATE INDEX facts_target_key ON facts(target_key);
