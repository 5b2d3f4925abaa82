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
