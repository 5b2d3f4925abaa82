"""What a stored event must hold to be read, as SQL: another program may have written the file.

Every reader keeps only rows meeting all the rules (:data:`VALID_EVENT`), so a bad row is
skipped, never turned into a crash; ``check`` names the rest by id and field.
"""

from __future__ import annotations

from collections.abc import Iterable

from explorer.domain.dates import END_DAY, END_PRECISIONS, FIRST_DAY, Precision
from explorer.domain.events import EventKind


def quoted(values: Iterable[str]) -> str:
    """SQL text literals of known names (never user input), comma-separated."""
    return ",".join(f"'{v}'" for v in values)


# a precision's name, or the two ends' precisions when they differ (FuzzyDate.stored_precision)
STORED_PRECISIONS = [p.value for p in Precision] + [
    f"{a}/{b}" for a in END_PRECISIONS for b in END_PRECISIONS if a != b
]
# field -> SQL over ``e`` that a readable row meets
EVENT_RULES = {
    "id": "typeof(e.key) = 'text' AND length(e.key) BETWEEN 1 AND 200",
    "kind": f"e.kind IN ({quoted(EventKind)})",
    "title": "typeof(e.title) = 'text'",
    "summary": "typeof(e.summary) = 'text'",
    "date": "typeof(e.start_day) = 'integer' AND typeof(e.end_day) = 'integer'"
    f" AND e.start_day >= {FIRST_DAY} AND e.end_day <= {END_DAY} AND e.end_day > e.start_day",
    "precision": f"e.precision IN ({quoted(STORED_PRECISIONS)})",
    "date_wording": "e.date_wording IS NULL OR typeof(e.date_wording) = 'text'",
    "confidence": "typeof(e.confidence) = 'text'",
    "origin": "typeof(e.origin) = 'text'",
    "details": "CASE WHEN json_valid(e.details) THEN json_type(e.details) = 'object' ELSE 0 END",
}
VALID_EVENT = "(" + " AND ".join(f"coalesce({rule}, 0)" for rule in EVENT_RULES.values()) + ")"
