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
