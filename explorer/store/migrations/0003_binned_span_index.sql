-- The R*Tree over [start_day, end_day) gives way to a binned interval index (as in the UCSC
-- genome browser): filling the R*Tree took 10-15 s of a million-row import, a plain index on a
-- computed column takes about one.
--
-- Each event gets the smallest bin that holds its whole interval: bins of 8, 64, 512, 4096 and
-- 32768 days, one level each, and one top bin for the rest. Days are shifted by 2^20 so every
-- day a FuzzyDate can hold (years 1-9999) is non-negative and below 2^22 before the shift right;
-- anything outside goes to the top bin. The level's number * 2^22 keeps bin numbers distinct.
-- explorer/store/store.py computes the same bin (span_bin) and enumerates the bins a time window
-- touches (span_bins_filter): both must match this, as tests/store/test_queries.py checks.
DROP TRIGGER event_after_insert;
DROP TRIGGER event_after_delete;
DROP TRIGGER event_after_update;
DROP TABLE event_span;

CREATE TRIGGER event_after_insert AFTER INSERT ON event BEGIN
    INSERT INTO event_fts (rowid, title, summary) VALUES (new.id, new.title, new.summary);
END;
CREATE TRIGGER event_after_delete AFTER DELETE ON event BEGIN
    INSERT INTO event_fts (event_fts, rowid, title, summary) VALUES ('delete', old.id, old.title, old.summary);
END;
CREATE TRIGGER event_after_update AFTER UPDATE ON event BEGIN
    INSERT INTO event_fts (event_fts, rowid, title, summary) VALUES ('delete', old.id, old.title, old.summary);
    INSERT INTO event_fts (rowid, title, summary) VALUES (new.id, new.title, new.summary);
END;

ALTER TABLE event ADD COLUMN bin INTEGER GENERATED ALWAYS AS (
    CASE
        WHEN start_day < -1048576 OR end_day > 3145728 THEN 20971520
        WHEN (start_day + 1048576) >> 3 = (end_day + 1048575) >> 3
            THEN (start_day + 1048576) >> 3
        WHEN (start_day + 1048576) >> 6 = (end_day + 1048575) >> 6
            THEN 4194304 + ((start_day + 1048576) >> 6)
        WHEN (start_day + 1048576) >> 9 = (end_day + 1048575) >> 9
            THEN 8388608 + ((start_day + 1048576) >> 9)
        WHEN (start_day + 1048576) >> 12 = (end_day + 1048575) >> 12
            THEN 12582912 + ((start_day + 1048576) >> 12)
        WHEN (start_day + 1048576) >> 15 = (end_day + 1048575) >> 15
            THEN 16777216 + ((start_day + 1048576) >> 15)
        ELSE 20971520
    END
) VIRTUAL;
CREATE INDEX event_bin ON event (bin, start_day, end_day);
