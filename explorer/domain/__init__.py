"""Plain-Python domain model: events, dates with precision, details, troop series. No Qt, no sqlite3."""
