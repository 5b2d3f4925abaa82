"""Detail panes, one per kind of event."""
