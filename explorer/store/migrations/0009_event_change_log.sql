-- Which events changed, in the order they changed: another window (or program) on the same
-- store reads the ids logged since it last looked and lays just those events into its columns,
-- instead of reading every event again (half a second at a million; explorer/store/change_log.py).
--
-- key: the event's key as it was written (an event deleted since is named by it).
-- row_id -1: a bulk write (an import, generate) changed too much to name; read everything.
-- The oldest entries are trimmed when a window closes; trimmed_through says how far, so that a
-- window that looked last before then reads everything again.
CREATE TABLE event_change (
    seq    INTEGER PRIMARY KEY AUTOINCREMENT,
    row_id INTEGER NOT NULL,
    key    TEXT NOT NULL
);
CREATE TABLE event_change_state (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    trimmed_through INTEGER NOT NULL
);
INSERT INTO event_change_state (id, trimmed_through) VALUES (1, 0);
CREATE TRIGGER event_change_after_insert AFTER INSERT ON event BEGIN
    INSERT INTO event_change (row_id, key) VALUES (new.id, new.key);
END;
CREATE TRIGGER event_change_after_update AFTER UPDATE ON event BEGIN
    INSERT INTO event_change (row_id, key) VALUES (new.id, new.key);
END;
CREATE TRIGGER event_change_after_delete AFTER DELETE ON event BEGIN
    INSERT INTO event_change (row_id, key) VALUES (old.id, old.key);
END;
