-- Events, their sources and typed relations, a full-text index and a span index.
-- Days are whole days since 1970-01-01; end_day is exclusive.
CREATE TABLE event (
    id           INTEGER PRIMARY KEY,
    key          TEXT NOT NULL UNIQUE,
    kind         TEXT NOT NULL,
    title        TEXT NOT NULL,
    summary      TEXT NOT NULL DEFAULT '',
    start_day    INTEGER NOT NULL,
    end_day      INTEGER NOT NULL CHECK (end_day > start_day),
    precision    TEXT NOT NULL,
    date_wording TEXT,
    confidence   TEXT NOT NULL DEFAULT 'high',
    origin       TEXT NOT NULL DEFAULT 'user',   -- 'bundled' (the shipped dataset) or 'user'
    details      TEXT NOT NULL DEFAULT '{}'      -- kind-specific fields as JSON
);
CREATE INDEX event_start_day ON event (start_day, id);
CREATE INDEX event_kind_start_day ON event (kind, start_day);
CREATE INDEX event_origin ON event (origin);

-- One-dimensional R*Tree over [start_day, end_day): a time-window query is an index lookup
-- however long the spans are.
CREATE VIRTUAL TABLE event_span USING rtree (id, start_day, end_day);

CREATE TABLE source (
    event_id  INTEGER NOT NULL REFERENCES event (id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    title     TEXT NOT NULL,
    url       TEXT,
    section   TEXT NOT NULL DEFAULT '',
    paragraph TEXT NOT NULL DEFAULT '',
    publisher TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (event_id, position)
) WITHOUT ROWID;

CREATE TABLE relation (
    source_id INTEGER NOT NULL REFERENCES event (id) ON DELETE CASCADE,
    type      TEXT NOT NULL,
    target_id INTEGER NOT NULL REFERENCES event (id) ON DELETE CASCADE,
    PRIMARY KEY (source_id, type, target_id)
) WITHOUT ROWID;
CREATE INDEX relation_target ON relation (target_id);

CREATE TABLE meta (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE VIRTUAL TABLE event_fts USING fts5 (
    title, summary, content = 'event', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER event_after_insert AFTER INSERT ON event BEGIN
    INSERT INTO event_fts (rowid, title, summary) VALUES (new.id, new.title, new.summary);
    INSERT INTO event_span (id, start_day, end_day) VALUES (new.id, new.start_day, new.end_day);
END;
CREATE TRIGGER event_after_delete AFTER DELETE ON event BEGIN
    INSERT INTO event_fts (event_fts, rowid, title, summary) VALUES ('delete', old.id, old.title, old.summary);
    DELETE FROM event_span WHERE id = old.id;
END;
CREATE TRIGGER event_after_update AFTER UPDATE ON event BEGIN
    INSERT INTO event_fts (event_fts, rowid, title, summary) VALUES ('delete', old.id, old.title, old.summary);
    INSERT INTO event_fts (rowid, title, summary) VALUES (new.id, new.title, new.summary);
    UPDATE event_span SET start_day = new.start_day, end_day = new.end_day WHERE id = new.id;
END;
