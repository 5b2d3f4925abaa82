-- The full-text index reads everything an event's pane shows, one column a field, so a match
-- can say where it was found and a search can ask for one field (place:Brussels):
--   title, summary; place (a meeting's place, a mission's places);
--   details (the other kind-specific values: level, participants, decisions, mission,
--   administrator, purpose, figures, wording of horizons and contributions; event keys left out);
--   relations (the label as the pane reads it and the other event's title, both directions);
--   sources (titles and publishers); notes (empty until events carry notes).
-- The porter tokenizer stems English words, so increase, increased and increases match.
-- The kind is not indexed (kind:summit is a filter on event.kind): its words on every row made
-- the index a fifth bigger. Events without details skip the JSON work (most of a big store).
--
-- The index keeps its own copy of the text (no external content): its columns come from several
-- tables, and FTS5 can only remove a row of an external-content index given the exact text it
-- was filled with, which a trigger on the relation table cannot know. With its own copy a row
-- is refreshed by rowid: DELETE, then INSERT from event_search_text.
DROP TRIGGER event_after_insert;
DROP TRIGGER event_after_delete;
DROP TRIGGER event_after_update;
DROP TABLE event_fts;

CREATE VIEW event_search_text AS
SELECT
    e.id AS id,
    e.title AS title,
    e.summary AS summary,
    CASE WHEN e.details = '{}' THEN '' ELSE coalesce(
        json_extract(e.details, '$.place'),
        (SELECT group_concat(json_extract(p.value, '$.name'), ' · ')
         FROM json_each(e.details, '$.places') p),
        ''
    ) END AS place,
    CASE WHEN e.details = '{}' THEN '' ELSE coalesce(
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

CREATE VIRTUAL TABLE event_fts USING fts5 (
    title, summary, place, details, relations, sources, notes,
    tokenize = 'porter unicode61 remove_diacritics 2'
);
INSERT INTO event_fts (rowid, title, summary, place, details, relations, sources, notes)
    SELECT id, title, summary, place, details, relations, sources, notes
    FROM event_search_text;

-- Refreshing an event's row: its own changes, its sources', its relations' (both ends), and a
-- related event's new title. Sources and relations refresh only an event already indexed: a
-- bulk import indexes its new events once at the end (explorer/store/exchange.py).
CREATE TRIGGER event_after_insert AFTER INSERT ON event BEGIN
    DELETE FROM event_fts WHERE rowid = new.id;
    INSERT INTO event_fts (rowid, title, summary, place, details, relations, sources, notes)
        SELECT id, title, summary, place, details, relations, sources, notes
        FROM event_search_text WHERE id = new.id;
END;
CREATE TRIGGER event_after_delete AFTER DELETE ON event BEGIN
    DELETE FROM event_fts WHERE rowid = old.id;
END;
CREATE TRIGGER event_after_update AFTER UPDATE ON event BEGIN
    DELETE FROM event_fts WHERE rowid = new.id;
    INSERT INTO event_fts (rowid, title, summary, place, details, relations, sources, notes)
        SELECT id, title, summary, place, details, relations, sources, notes
        FROM event_search_text WHERE id = new.id;
END;
CREATE TRIGGER event_title_after_update AFTER UPDATE OF title ON event
    WHEN old.title IS NOT new.title BEGIN
    DELETE FROM event_fts WHERE rowid IN (
        SELECT target_id FROM relation WHERE source_id = new.id
        UNION SELECT source_id FROM relation WHERE target_id = new.id);
    INSERT INTO event_fts (rowid, title, summary, place, details, relations, sources, notes)
        SELECT id, title, summary, place, details, relations, sources, notes
        FROM event_search_text WHERE id IN (
            SELECT target_id FROM relation WHERE source_id = new.id
            UNION SELECT source_id FROM relation WHERE target_id = new.id);
END;

CREATE TRIGGER source_after_insert AFTER INSERT ON source
    WHEN EXISTS (SELECT 1 FROM event_fts WHERE rowid = new.event_id) BEGIN
    DELETE FROM event_fts WHERE rowid = new.event_id;
    INSERT INTO event_fts (rowid, title, summary, place, details, relations, sources, notes)
        SELECT id, title, summary, place, details, relations, sources, notes
        FROM event_search_text WHERE id = new.event_id;
END;
CREATE TRIGGER source_after_delete AFTER DELETE ON source
    WHEN EXISTS (SELECT 1 FROM event_fts WHERE rowid = old.event_id) BEGIN
    DELETE FROM event_fts WHERE rowid = old.event_id;
    INSERT INTO event_fts (rowid, title, summary, place, details, relations, sources, notes)
        SELECT id, title, summary, place, details, relations, sources, notes
        FROM event_search_text WHERE id = old.event_id;
END;
CREATE TRIGGER source_after_update AFTER UPDATE ON source BEGIN
    DELETE FROM event_fts WHERE rowid IN (old.event_id, new.event_id);
    INSERT INTO event_fts (rowid, title, summary, place, details, relations, sources, notes)
        SELECT id, title, summary, place, details, relations, sources, notes
        FROM event_search_text WHERE id IN (old.event_id, new.event_id);
END;

CREATE TRIGGER relation_source_after_insert AFTER INSERT ON relation
    WHEN EXISTS (SELECT 1 FROM event_fts WHERE rowid = new.source_id) BEGIN
    DELETE FROM event_fts WHERE rowid = new.source_id;
    INSERT INTO event_fts (rowid, title, summary, place, details, relations, sources, notes)
        SELECT id, title, summary, place, details, relations, sources, notes
        FROM event_search_text WHERE id = new.source_id;
END;
CREATE TRIGGER relation_target_after_insert AFTER INSERT ON relation
    WHEN EXISTS (SELECT 1 FROM event_fts WHERE rowid = new.target_id) BEGIN
    DELETE FROM event_fts WHERE rowid = new.target_id;
    INSERT INTO event_fts (rowid, title, summary, place, details, relations, sources, notes)
        SELECT id, title, summary, place, details, relations, sources, notes
        FROM event_search_text WHERE id = new.target_id;
END;
CREATE TRIGGER relation_source_after_delete AFTER DELETE ON relation
    WHEN EXISTS (SELECT 1 FROM event_fts WHERE rowid = old.source_id) BEGIN
    DELETE FROM event_fts WHERE rowid = old.source_id;
    INSERT INTO event_fts (rowid, title, summary, place, details, relations, sources, notes)
        SELECT id, title, summary, place, details, relations, sources, notes
        FROM event_search_text WHERE id = old.source_id;
END;
CREATE TRIGGER relation_target_after_delete AFTER DELETE ON relation
    WHEN EXISTS (SELECT 1 FROM event_fts WHERE rowid = old.target_id) BEGIN
    DELETE FROM event_fts WHERE rowid = old.target_id;
    INSERT INTO event_fts (rowid, title, summary, place, details, relations, sources, notes)
        SELECT id, title, summary, place, details, relations, sources, notes
        FROM event_search_text WHERE id = old.target_id;
END;
CREATE TRIGGER relation_after_update AFTER UPDATE ON relation BEGIN
    DELETE FROM event_fts
        WHERE rowid IN (old.source_id, old.target_id, new.source_id, new.target_id);
    INSERT INTO event_fts (rowid, title, summary, place, details, relations, sources, notes)
        SELECT id, title, summary, place, details, relations, sources, notes
        FROM event_search_text
        WHERE id IN (old.source_id, old.target_id, new.source_id, new.target_id);
END;
