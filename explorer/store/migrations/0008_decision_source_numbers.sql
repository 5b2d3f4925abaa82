-- A meeting's decision may name the event's sources that state it by their numbers
-- ("sources": [2]); those numbers are not words of the event, so the full-text index's details
-- column leaves them out (else a search for "2" would find every decision citing a second
-- source). Events already holding such numbers are indexed again: their old text is removed
-- from the index first, as FTS5 needs it to remove a row.
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
           AND t.fullkey NOT LIKE '$.places%'
           AND t.path NOT LIKE '$.decisions[%].sources'),
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

CREATE TEMP TABLE decision_sources_reindex AS
    SELECT id FROM event WHERE details LIKE '%"decisions"%' AND details LIKE '%"sources"%';
INSERT INTO event_fts (event_fts, rowid, title, summary, place, details, relations, sources, notes)
    SELECT 'delete', id, title, summary, place, details, relations, sources, notes FROM event_search_text
    WHERE id IN (SELECT id FROM decision_sources_reindex);
DELETE FROM event_search WHERE id IN (SELECT id FROM decision_sources_reindex);
INSERT INTO event_search SELECT * FROM event_search_compute
    WHERE id IN (SELECT id FROM decision_sources_reindex)
      AND (place != '' OR details != '' OR relations != '' OR sources != '' OR notes != '');
INSERT INTO event_fts (rowid, title, summary, place, details, relations, sources, notes)
    SELECT id, title, summary, place, details, relations, sources, notes FROM event_search_text
    WHERE id IN (SELECT id FROM decision_sources_reindex);
DROP TABLE decision_sources_reindex;
