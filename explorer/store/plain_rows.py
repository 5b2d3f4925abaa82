"""A cheap check of plain CSV rows for a large import: no Event built, same faults named.

A row with no relations or sources and either no details or details that name no other event
(most rows of a big user file; details are checked once per distinct cell) needs only a kind
from a set, an id matching the pattern, a title and a date parsed once per distinct text; the
check turns it straight into the event table's columns. Any row it doubts is left to
:func:`explorer.domain.dataset.parse_event`, which names the fault as for every other row.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from operator import itemgetter

from explorer.domain.dataset import CONFIDENCES, KEY_PATTERN, DatasetError, parse_event
from explorer.domain.dates import DateError, FuzzyDate
from explorer.domain.details import referenced_keys
from explorer.domain.events import EventKind


def plain_row_check(header: list[str]) -> Callable[[list[str]], tuple | None]:
    """A check of one row of a CSV file with this header.

    It returns the event table's columns after ``id`` (as ``store.event_row`` orders them)
    when the row is surely valid, else None. A million plain rows take a few seconds less so.
    """
    names = ("id", "kind", "title", "date", "precision", "date_wording", "summary")
    names += ("confidence", "origin", "details", "relations", "sources")
    # an absent column reads the empty cell appended past the row's end
    cells = itemgetter(*(header.index(n) if n in header else len(header) for n in names))
    pad = not set(names) <= set(header)
    kinds = _kinds_without_required_details()
    key_match, confidences = KEY_PATTERN.match, set(CONFIDENCES)
    no_object, no_list = {"", "{}"}, {"", "[]"}

    def check(row: list[str]) -> tuple | None:
        if pad:
            row.append("")
        key, kind, title, date, precision, wording, summary, confidence, origin, *json = cells(row)
        if kind in kinds and json[0] in no_object:
            details = "{}"
        elif (details := _checked_details(kind, json[0])) is None:
            return None
        if (
            json[1] not in no_list
            or json[2] not in no_list
            or not key_match(key)
            or not (title := title.strip())
        ):
            return None
        if not confidence:
            confidence = "high"
        elif confidence not in confidences:
            return None
        # A range with its precision given is its first part's start to its last part's end
        # (as FuzzyDate.parse reads it): the parts repeat far more than the pairs do.
        first_text, slash, last_text = date.partition("/")
        try:
            if slash and precision and "/" not in last_text:
                start_day = _cached_date(first_text, precision)[0]
                _, end_day, precision = _cached_date(last_text, precision)
                if end_day <= start_day:
                    return None
            else:
                start_day, end_day, precision = _cached_date(date, precision or None)
        except DateError:
            return None
        return (
            key,
            kind,
            title,
            summary.strip(),
            start_day,
            end_day,
            precision,
            wording or None,
            confidence,
            origin or "user",
            details,
        )

    return check


@functools.lru_cache(maxsize=1 << 16)
def _cached_date(text: str, precision: str | None) -> tuple[int, int, str]:
    """A date's start and end day and its precision's name (the wording plays no part)."""
    # a large file repeats the same few thousand dates
    when = FuzzyDate.parse(text, precision)
    return when.start_day, when.end_day, when.precision.value


@functools.lru_cache(maxsize=1 << 16)
def _checked_details(kind: str, cell: str) -> str | None:
    """A details cell as the event table stores it, when the domain finds it valid and it
    names no other event; else None (the row goes through parse_event, which names the fault).

    Details are checked by kind and details alone, so one check per distinct cell does: the
    domain validates a stand-in event of that kind carrying them. Troop-level changes (a
    mission and two numbers) repeat the same few thousand cells over a million rows.
    """
    try:
        details = json.loads(cell)
    except ValueError:
        return None
    if not isinstance(details, dict) or not details:
        return None
    stand_in = {"id": "x", "kind": kind, "title": "x", "date": "2001", "details": details}
    try:
        event = parse_event(stand_in, "")
    except DatasetError:
        return None
    if referenced_keys(event):
        return None
    return json.dumps(details, ensure_ascii=False, sort_keys=True)


@functools.cache
def _kinds_without_required_details() -> frozenset[str]:
    """The kinds whose events may have empty details (asked of the domain, not assumed)."""
    kinds = set()
    for kind in EventKind:
        try:
            parse_event({"id": "x", "kind": kind.value, "title": "x", "date": "2001"}, "")
        except DatasetError:
            continue
        kinds.add(kind.value)
    return frozenset(kinds)
