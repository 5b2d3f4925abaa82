-- Saved views (View > Save View…): a name and the view's state as JSON (range, lanes, kinds,
-- search, selected event id; explorer/domain/views.py reads it). They live in the store so
-- that they travel with a copied store.
CREATE TABLE saved_view (
    name TEXT PRIMARY KEY NOT NULL,
    state TEXT NOT NULL
) WITHOUT ROWID;
