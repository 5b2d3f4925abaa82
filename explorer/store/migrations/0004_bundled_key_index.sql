-- The index on origin becomes an index of the bundled events' keys only: a user's million
-- events all share one origin, so a full index on it was 0.3 s of a million-row import and
-- served one query, the dataset update's "which keys are bundled?" (explorer/store/dataset.py,
-- which names 'bundled' literally so that SQLite can use this partial index).
DROP INDEX event_origin;
CREATE INDEX event_origin ON event (key) WHERE origin = 'bundled';
