"""Editing the open store: undoable commands, the event editor, notes and bookmarks."""
