-- The user's own work beside the dataset's: edits, deletions, notes and bookmarks.
--
-- revision: bumped by every edit of the event itself, so an edit made on a stale copy (another
--   window saved first) is refused instead of overwriting the newer version.
-- dataset_json: for a bundled event the user edited, the dataset's own version of it (the
--   export format's JSON); NULL when the event is as the dataset has it. A dataset update
--   writes its new version here instead of over the user's (explorer/store/dataset.py).
-- note: the user's own note on the event, plain text.
-- bookmarked: 1 for a starred event.
ALTER TABLE event ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
ALTER TABLE event ADD COLUMN dataset_json TEXT;
ALTER TABLE event ADD COLUMN note TEXT NOT NULL DEFAULT '';
ALTER TABLE event ADD COLUMN bookmarked INTEGER NOT NULL DEFAULT 0;
CREATE INDEX event_bookmarked ON event (start_day, id) WHERE bookmarked;
CREATE INDEX event_user_edited ON event (key) WHERE dataset_json IS NOT NULL;

-- A deleted event leaves the event table (so every query, index and the columns stay as they
-- are) and waits here, whole, to be restored: its row, sources, relations both ways, note and
-- bookmark as one JSON snapshot (explorer/store/edits.py). A deleted bundled event is not
-- brought back by a dataset update.
CREATE TABLE deleted_event (
    key        TEXT PRIMARY KEY,
    origin     TEXT NOT NULL,
    title      TEXT NOT NULL,
    deleted_at TEXT NOT NULL,
    snapshot   TEXT NOT NULL
) WITHOUT ROWID;

-- An edit marks the packed columns (migration 0002) stale instead of deleting them: freeing
-- their pages (some 22 MB at a million events) made the first edit of a session a quarter of a
-- second slower, and the checkpoint after it slower again. The next load reads the events with
-- SQL and writes a fresh copy over the stale one (explorer/store/columns.py).
CREATE TABLE columns_cache_state (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    stale INTEGER NOT NULL
);
INSERT INTO columns_cache_state (id, stale) VALUES (1, 0);
DROP TRIGGER columns_cache_after_insert;
DROP TRIGGER columns_cache_after_delete;
DROP TRIGGER columns_cache_after_update;
CREATE TRIGGER columns_cache_after_insert AFTER INSERT ON event
    WHEN (SELECT stale FROM columns_cache_state) = 0 BEGIN
    UPDATE columns_cache_state SET stale = 1;
END;
CREATE TRIGGER columns_cache_after_delete AFTER DELETE ON event
    WHEN (SELECT stale FROM columns_cache_state) = 0 BEGIN
    UPDATE columns_cache_state SET stale = 1;
END;
CREATE TRIGGER columns_cache_after_update AFTER UPDATE OF kind, start_day, end_day, precision
    ON event WHEN (SELECT stale FROM columns_cache_state) = 0 BEGIN
    UPDATE columns_cache_state SET stale = 1;
END;

-- The search reads the user's notes too: the full-text index's notes column (migration 0006)
-- takes event.note. Every note is empty here, so nothing needs indexing again; a note's
-- write is an update of its event, whose trigger re-indexes it.
DROP VIEW event_search_compute;
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
    e.note AS notes
FROM event e;
