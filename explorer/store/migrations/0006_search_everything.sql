-- The full-text index reads everything an event's pane shows, one column a field, so a match
-- can say where it was found and a search can ask for one field (place:Brussels):
--   title, summary; place (a meeting's place, a mission's places);
--   details (the other kind-specific values: level, participants, decisions, mission,
--   administrator, purpose, figures, wording of horizons and contributions; event keys left out);
--   relations (the label as the pane reads it and the other event's title, both directions);
--   sources (titles and publishers); notes (empty until events carry notes).
-- The porter tokenizer stems English words, so increase, increased and increases match.
-- The kind is not indexed (kind:summit is a filter on event.kind): its words on every row made
-- the index a fifth bigger.
--
-- The index has external content, the view event_search_text: titles and summaries are read
-- from the event table, the other fields from event_search, where they are kept worked out for
-- the events that have any (a big store's events mostly have none). FTS5 removes a row only
-- given the exact text it indexed, so that text must still be readable when something changes:
-- event_search is updated only after the row's old text has been removed from the index.
-- A bulk write (explorer/store/bulk_write.py) sets meta 'search_bulk_from' to its first new id;
-- the triggers leave those events alone and the bulk write indexes them once at the end.
DROP TRIGGER event_after_insert;
DROP TRIGGER event_after_delete;
DROP TRIGGER event_after_update;
DROP TABLE event_fts;

CREATE VIEW event_search_compute AS
SELECT
    e.id AS id,
    CASE WHEN e.details = '{}' OR NOT json_valid(e.details) THEN '' ELSE coalesce(
        json_extract(e.details, '$.place'),
        (SELECT group_concat(json_extract(p.value, '$.name'), ' · ')
         FROM json_each(e.details, '$.places') p),
        ''
    ) END AS place,
    CASE WHEN e.details = '{}' OR NOT json_valid(e.details) THEN '' ELSE coalesce(
        (SELECT group_concat(
             CASE WHEN t.key = 'level' THEN replace(t.atom, '_', ' ') ELSE t.atom END, ' · ')
         FROM json_tree(e.details) t
         WHERE t.type IN ('text', 'integer', 'real')
           AND coalesce(t.key, '') NOT IN (
               'concerns', 'set_at', 'place', 'name', 'role', 'region', 'qualifier',
               'as_of', 'horizon', 'established', 'date')
           AND t.fullkey NOT LIKE '$.places%'),
        ''
    ) END AS details,
    coalesce(
        (SELECT group_concat(label || ' ' || title, ' · ') FROM (
             SELECT CASE r.type
                        WHEN 'decided_at' THEN 'decided at'
                        WHEN 'reaffirmed_at' THEN 'reaffirmed at'
                        WHEN 'legal_basis' THEN 'legal basis'
                        WHEN 'part_of' THEN 'part of'
                        ELSE replace(r.type, '_', ' ') END AS label,
                    o.title AS title
             FROM relation r JOIN event o ON o.id = r.target_id
             WHERE r.source_id = e.id
             UNION ALL
             SELECT CASE r.type
                        WHEN 'decided_at' THEN 'decided here'
                        WHEN 'reaffirmed_at' THEN 'reaffirmed here'
                        WHEN 'extends' THEN 'extended by'
                        WHEN 'supersedes' THEN 'superseded by'
                        WHEN 'legal_basis' THEN 'legal basis of'
                        WHEN 'part_of' THEN 'includes'
                        ELSE replace(r.type, '_', ' ') || ' (from)' END,
                    o.title
             FROM relation r JOIN event o ON o.id = r.source_id
             WHERE r.target_id = e.id)),
        ''
    ) AS relations,
    coalesce(
        (SELECT group_concat(
             s.title || CASE WHEN s.publisher = '' THEN '' ELSE ' — ' || s.publisher END, ' · ')
         FROM source s WHERE s.event_id = e.id),
        ''
    ) AS sources,
    '' AS notes
FROM event e;

CREATE TABLE event_search (
    id        INTEGER PRIMARY KEY,   -- the event's id (no foreign key: see event_after_delete)
    place     TEXT NOT NULL,
    details   TEXT NOT NULL,
    relations TEXT NOT NULL,
    sources   TEXT NOT NULL,
    notes     TEXT NOT NULL
);
INSERT INTO event_search SELECT * FROM event_search_compute
    WHERE place != '' OR details != '' OR relations != '' OR sources != '' OR notes != '';

CREATE VIEW event_search_text AS
SELECT e.id AS id, e.title AS title, e.summary AS summary,
       coalesce(s.place, '') AS place, coalesce(s.details, '') AS details,
       coalesce(s.relations, '') AS relations, coalesce(s.sources, '') AS sources,
       coalesce(s.notes, '') AS notes
FROM event e LEFT JOIN event_search s ON s.id = e.id;

CREATE VIRTUAL TABLE event_fts USING fts5 (
    title, summary, place, details, relations, sources, notes,
    content = 'event_search_text', content_rowid = 'id',
    tokenize = 'porter unicode61 remove_diacritics 2'
);
INSERT INTO event_fts (event_fts) VALUES ('rebuild');

-- An event's own writes. Deleting: its row goes with the text it was indexed with (the old
-- title and summary, the kept fields), whatever order SQLite runs the relations' cascade in.
CREATE TRIGGER event_after_insert AFTER INSERT ON event BEGIN
    DELETE FROM event_search WHERE id = new.id;
    INSERT INTO event_search SELECT * FROM event_search_compute WHERE id = new.id
        AND (place != '' OR details != '' OR relations != '' OR sources != '' OR notes != '');
    INSERT INTO event_fts (rowid, title, summary, place, details, relations, sources, notes)
        SELECT id, title, summary, place, details, relations, sources, notes FROM event_search_text WHERE id = new.id;
END;
CREATE TRIGGER event_after_delete AFTER DELETE ON event BEGIN
    INSERT INTO event_fts (event_fts, rowid, title, summary, place, details, relations, sources, notes)
        SELECT 'delete', old.id, old.title, old.summary, coalesce(s.place, ''),
               coalesce(s.details, ''), coalesce(s.relations, ''), coalesce(s.sources, ''),
               coalesce(s.notes, '')
        FROM (SELECT old.id AS id) k LEFT JOIN event_search s ON s.id = k.id;
    DELETE FROM event_search WHERE id = old.id;
END;
CREATE TRIGGER event_after_update AFTER UPDATE ON event BEGIN
    INSERT INTO event_fts (event_fts, rowid, title, summary, place, details, relations, sources, notes)
        SELECT 'delete', old.id, old.title, old.summary, coalesce(s.place, ''),
               coalesce(s.details, ''), coalesce(s.relations, ''), coalesce(s.sources, ''),
               coalesce(s.notes, '')
        FROM (SELECT old.id AS id) k LEFT JOIN event_search s ON s.id = k.id;
    DELETE FROM event_search WHERE id = old.id;
    INSERT INTO event_search SELECT * FROM event_search_compute WHERE id = new.id
        AND (place != '' OR details != '' OR relations != '' OR sources != '' OR notes != '');
    INSERT INTO event_fts (rowid, title, summary, place, details, relations, sources, notes)
        SELECT id, title, summary, place, details, relations, sources, notes FROM event_search_text WHERE id = new.id;
END;
-- a new title reaches the events related to this one (their relations field names it)
CREATE TRIGGER event_title_after_update AFTER UPDATE OF title ON event
    WHEN old.title IS NOT new.title BEGIN
    INSERT INTO event_fts (event_fts, rowid, title, summary, place, details, relations, sources, notes)
        SELECT 'delete', id, title, summary, place, details, relations, sources, notes FROM event_search_text WHERE id IN (
            SELECT target_id FROM relation WHERE source_id = new.id AND target_id != new.id
            UNION SELECT source_id FROM relation WHERE target_id = new.id AND source_id != new.id);
    DELETE FROM event_search WHERE id IN (
        SELECT target_id FROM relation WHERE source_id = new.id AND target_id != new.id
        UNION SELECT source_id FROM relation WHERE target_id = new.id AND source_id != new.id);
    INSERT INTO event_search SELECT * FROM event_search_compute WHERE id IN (
            SELECT target_id FROM relation WHERE source_id = new.id AND target_id != new.id
            UNION SELECT source_id FROM relation WHERE target_id = new.id AND source_id != new.id)
        AND (place != '' OR details != '' OR relations != '' OR sources != '' OR notes != '');
    INSERT INTO event_fts (rowid, title, summary, place, details, relations, sources, notes)
        SELECT id, title, summary, place, details, relations, sources, notes FROM event_search_text WHERE id IN (
            SELECT target_id FROM relation WHERE source_id = new.id AND target_id != new.id
            UNION SELECT source_id FROM relation WHERE target_id = new.id AND source_id != new.id);
END;

-- Sources and relations: the event (both ends of a relation) is indexed again.
CREATE TRIGGER source_after_insert AFTER INSERT ON source
    WHEN EXISTS (SELECT 1 FROM event WHERE id = new.event_id) AND new.event_id < coalesce((SELECT CAST(value AS INTEGER) FROM meta WHERE name = 'search_bulk_from'), new.event_id + 1) BEGIN
    INSERT INTO event_fts (event_fts, rowid, title, summary, place, details, relations, sources, notes)
        SELECT 'delete', id, title, summary, place, details, relations, sources, notes FROM event_search_text WHERE id = new.event_id;
    DELETE FROM event_search WHERE id = new.event_id;
    INSERT INTO event_search SELECT * FROM event_search_compute WHERE id = new.event_id
        AND (place != '' OR details != '' OR relations != '' OR sources != '' OR notes != '');
    INSERT INTO event_fts (rowid, title, summary, place, details, relations, sources, notes)
        SELECT id, title, summary, place, details, relations, sources, notes FROM event_search_text WHERE id = new.event_id;
END;
CREATE TRIGGER relation_source_after_insert AFTER INSERT ON relation
    WHEN EXISTS (SELECT 1 FROM event WHERE id = new.source_id) AND new.source_id < coalesce((SELECT CAST(value AS INTEGER) FROM meta WHERE name = 'search_bulk_from'), new.source_id + 1) BEGIN
    INSERT INTO event_fts (event_fts, rowid, title, summary, place, details, relations, sources, notes)
        SELECT 'delete', id, title, summary, place, details, relations, sources, notes FROM event_search_text WHERE id = new.source_id;
    DELETE FROM event_search WHERE id = new.source_id;
    INSERT INTO event_search SELECT * FROM event_search_compute WHERE id = new.source_id
        AND (place != '' OR details != '' OR relations != '' OR sources != '' OR notes != '');
    INSERT INTO event_fts (rowid, title, summary, place, details, relations, sources, notes)
        SELECT id, title, summary, place, details, relations, sources, notes FROM event_search_text WHERE id = new.source_id;
END;
CREATE TRIGGER relation_target_after_insert AFTER INSERT ON relation
    WHEN EXISTS (SELECT 1 FROM event WHERE id = new.target_id) AND new.target_id < coalesce((SELECT CAST(value AS INTEGER) FROM meta WHERE name = 'search_bulk_from'), new.target_id + 1) BEGIN
    INSERT INTO event_fts (event_fts, rowid, title, summary, place, details, relations, sources, notes)
        SELECT 'delete', id, title, summary, place, details, relations, sources, notes FROM event_search_text WHERE id = new.target_id;
    DELETE FROM event_search WHERE id = new.target_id;
    INSERT INTO event_search SELECT * FROM event_search_compute WHERE id = new.target_id
        AND (place != '' OR details != '' OR relations != '' OR sources != '' OR notes != '');
    INSERT INTO event_fts (rowid, title, summary, place, details, relations, sources, notes)
        SELECT id, title, summary, place, details, relations, sources, notes FROM event_search_text WHERE id = new.target_id;
END;
CREATE TRIGGER source_after_delete AFTER DELETE ON source
    WHEN EXISTS (SELECT 1 FROM event WHERE id = old.event_id) AND old.event_id < coalesce((SELECT CAST(value AS INTEGER) FROM meta WHERE name = 'search_bulk_from'), old.event_id + 1) BEGIN
    INSERT INTO event_fts (event_fts, rowid, title, summary, place, details, relations, sources, notes)
        SELECT 'delete', id, title, summary, place, details, relations, sources, notes FROM event_search_text WHERE id = old.event_id;
    DELETE FROM event_search WHERE id = old.event_id;
    INSERT INTO event_search SELECT * FROM event_search_compute WHERE id = old.event_id
        AND (place != '' OR details != '' OR relations != '' OR sources != '' OR notes != '');
    INSERT INTO event_fts (rowid, title, summary, place, details, relations, sources, notes)
        SELECT id, title, summary, place, details, relations, sources, notes FROM event_search_text WHERE id = old.event_id;
END;
CREATE TRIGGER relation_source_after_delete AFTER DELETE ON relation
    WHEN EXISTS (SELECT 1 FROM event WHERE id = old.source_id) AND old.source_id < coalesce((SELECT CAST(value AS INTEGER) FROM meta WHERE name = 'search_bulk_from'), old.source_id + 1) BEGIN
    INSERT INTO event_fts (event_fts, rowid, title, summary, place, details, relations, sources, notes)
        SELECT 'delete', id, title, summary, place, details, relations, sources, notes FROM event_search_text WHERE id = old.source_id;
    DELETE FROM event_search WHERE id = old.source_id;
    INSERT INTO event_search SELECT * FROM event_search_compute WHERE id = old.source_id
        AND (place != '' OR details != '' OR relations != '' OR sources != '' OR notes != '');
    INSERT INTO event_fts (rowid, title, summary, place, details, relations, sources, notes)
        SELECT id, title, summary, place, details, relations, sources, notes FROM event_search_text WHERE id = old.source_id;
END;
CREATE TRIGGER relation_target_after_delete AFTER DELETE ON relation
    WHEN EXISTS (SELECT 1 FROM event WHERE id = old.target_id) AND old.target_id < coalesce((SELECT CAST(value AS INTEGER) FROM meta WHERE name = 'search_bulk_from'), old.target_id + 1) BEGIN
    INSERT INTO event_fts (event_fts, rowid, title, summary, place, details, relations, sources, notes)
        SELECT 'delete', id, title, summary, place, details, relations, sources, notes FROM event_search_text WHERE id = old.target_id;
    DELETE FROM event_search WHERE id = old.target_id;
    INSERT INTO event_search SELECT * FROM event_search_compute WHERE id = old.target_id
        AND (place != '' OR details != '' OR relations != '' OR sources != '' OR notes != '');
    INSERT INTO event_fts (rowid, title, summary, place, details, relations, sources, notes)
        SELECT id, title, summary, place, details, relations, sources, notes FROM event_search_text WHERE id = old.target_id;
END;
-- the app never updates these rows in place (it deletes and inserts); others might
CREATE TRIGGER source_after_update AFTER UPDATE ON source
    WHEN EXISTS (SELECT 1 FROM event WHERE id = new.event_id) AND new.event_id < coalesce((SELECT CAST(value AS INTEGER) FROM meta WHERE name = 'search_bulk_from'), new.event_id + 1) AND old.event_id = new.event_id BEGIN
    INSERT INTO event_fts (event_fts, rowid, title, summary, place, details, relations, sources, notes)
        SELECT 'delete', id, title, summary, place, details, relations, sources, notes FROM event_search_text WHERE id = new.event_id;
    DELETE FROM event_search WHERE id = new.event_id;
    INSERT INTO event_search SELECT * FROM event_search_compute WHERE id = new.event_id
        AND (place != '' OR details != '' OR relations != '' OR sources != '' OR notes != '');
    INSERT INTO event_fts (rowid, title, summary, place, details, relations, sources, notes)
        SELECT id, title, summary, place, details, relations, sources, notes FROM event_search_text WHERE id = new.event_id;
END;
