-- 0004_views: what the speakers and status views read, kept so that a read is an indexed
-- lookup rather than a pass over every quote or fact.
--
-- speaker_counts: one row per distinct (speaker, role, entity) with the number of quotes that
-- carry it (NULL role or entity stored as ''), kept by triggers on quotes, so every insert and
-- every cascade delete keeps it exact. Speaker resolution (`people::speakers_counted`) reads it.
CREATE TABLE speaker_counts (
    speaker TEXT NOT NULL,
    role TEXT NOT NULL,
    entity TEXT NOT NULL,
    quotes INTEGER NOT NULL,
    PRIMARY KEY (speaker, role, entity)
) WITHOUT ROWID;

INSERT INTO speaker_counts (speaker, role, entity, quotes)
SELECT speaker, coalesce(role, ''), coalesce(speaker_entity, ''), COUNT(*)
FROM quotes WHERE speaker IS NOT NULL
GROUP BY speaker, coalesce(role, ''), coalesce(speaker_entity, '');

CREATE TRIGGER quotes_count_speaker AFTER INSERT ON quotes WHEN new.speaker IS NOT NULL
BEGIN
    INSERT INTO speaker_counts (speaker, role, entity, quotes)
    VALUES (new.speaker, coalesce(new.role, ''), coalesce(new.speaker_entity, ''), 1)
    ON CONFLICT (speaker, role, entity) DO UPDATE SET quotes = quotes + 1;
END;

CREATE TRIGGER quotes_uncount_speaker AFTER DELETE ON quotes WHEN old.speaker IS NOT NULL
BEGIN
    UPDATE speaker_counts SET quotes = quotes - 1
    WHERE speaker = old.speaker AND role = coalesce(old.role, '')
      AND entity = coalesce(old.speaker_entity, '');
    DELETE FROM speaker_counts
    WHERE speaker = old.speaker AND role = coalesce(old.role, '')
      AND entity = coalesce(old.speaker_entity, '') AND quotes <= 0;
END;

-- The status table reads only asserted facts of the status-changing actions.
CREATE INDEX facts_status ON facts(modality, action);
