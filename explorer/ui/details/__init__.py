"""Detail panes, one per kind of event, inside the DetailView that follows the selection."""
