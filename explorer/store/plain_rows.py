"""A cheap check of plain CSV rows for a large import: no Event built, same faults named.

A row with no relations or sources and either no details or details that name no other event
(most rows of a big user file; details are checked once per distinct cell) needs only a kind
from a set, an id matching the pattern, a title and a date parsed once per distinct text; the
check turns it straight into the event table's columns. Any row it doubts is left to
:func:`explorer.domain.dataset.parse_event`, which names the fault as for every other row.
"""

from __future__ import annotations

import functools
import itertools
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
    key_match, confidences = KEY_PATTERN.match, set(CONFIDENCES)
    no_list = {"", "[]"}

    def check(row: list[str]) -> tuple | None:
        if pad:
            row.append("")
        key, kind, title, date, precision, wording, summary, confidence, origin, *json = cells(row)
        if (details := _details_cell(kind, json[0])) is None:
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
        try:
            when = _date_cell(date, precision)
        except DateError:
            return None
        if when is None:
            return None
        start_day, end_day, precision = when
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


def plain_batch_check(header: list[str]) -> Callable[[list[list[str]]], list[tuple] | None]:
    """:func:`plain_row_check` for a batch of rows at once, a column at a time.

    Returns every row's event table columns when the whole batch is surely valid, else None
    (the caller then checks the batch row by row, which finds the fault and its line). Each
    step runs over a whole column in C (set inclusion, ``map`` over cached functions, ``zip``):
    reading and checking a million plain rows took 4.4 s row by row, 3.1 s 256 rows at a time.
    A batch with one row in doubt (relations, sources) goes row by row: a file with such rows
    all through it is checked at the row-by-row speed, no slower.
    """
    where = {name: header.index(name) for name in header}
    kinds_free = _kinds_without_required_details()
    known_kinds = {kind.value: kind.value for kind in EventKind}
    key_match, no_list = KEY_PATTERN.match, {"", "[]"}
    confidences = {"": "high"} | {c: c for c in CONFIDENCES}

    def check(rows: list[list[str]]) -> list[tuple] | None:
        if not rows:
            return []
        columns = list(zip(*rows, strict=True))
        count = len(rows)

        def column(name: str) -> tuple[str, ...] | None:
            return columns[where[name]] if name in where else None

        keys, kinds = column("id"), column("kind")
        if not known_kinds.keys() >= set(kinds) or not all(map(key_match, keys)):
            return None
        # one shared str per kind (and confidence): a batch sent to another process pickles
        # each once, not a million times
        kinds = list(map(known_kinds.__getitem__, kinds))
        for name in ("relations", "sources"):
            cells = column(name)
            if cells is not None and not no_list.issuperset(cells):
                return None
        cells = column("details")
        if cells is None:
            if not kinds_free.issuperset(kinds):
                return None
            details = itertools.repeat("{}", count)
        else:
            details = list(map(_details_cell, kinds, cells))
            if None in details:
                return None
        titles = list(map(str.strip, column("title")))
        if not all(titles):
            return None
        cells = column("confidence")
        if cells is None:
            confidence = itertools.repeat("high", count)
        else:
            if not confidences.keys() >= set(cells):
                return None
            confidence = list(map(confidences.__getitem__, cells))
        cells = column("precision")
        try:
            dates = list(
                map(
                    _date_cell,
                    column("date"),
                    itertools.repeat("", count) if cells is None else cells,
                )
            )
        except DateError:
            return None
        if None in dates:
            return None
        start_days, end_days, precisions = zip(*dates, strict=True)
        cells = column("summary")
        summaries = itertools.repeat("", count) if cells is None else map(str.strip, cells)
        cells = column("date_wording")
        wordings = itertools.repeat(None, count) if cells is None else [w or None for w in cells]
        cells = column("origin")
        origins = (
            itertools.repeat("user", count)
            if cells is None
            else ["user" if not o or o == "user" else o for o in cells]
        )
        return list(
            zip(
                keys,
                kinds,
                titles,
                summaries,
                start_days,
                end_days,
                precisions,
                wordings,
                confidence,
                origins,
                details,
                strict=True,
            )
        )

    return check


@functools.lru_cache(maxsize=1 << 16)
def _date_cell(date: str, precision: str) -> tuple[int, int, str] | None:
    """A date cell's start and end day and its precision's name, None for an empty range.

    Raises DateError as :meth:`FuzzyDate.parse` does. A range with its precision given is its
    first part's start to its last part's end (as FuzzyDate.parse reads it): on a miss the
    parts are looked up in their own cache, since they repeat far more than the pairs do.
    """
    first_text, slash, last_text = date.partition("/")
    if slash and precision and "/" not in last_text:
        start_day = _cached_date(first_text, precision)[0]
        _, end_day, name = _cached_date(last_text, precision)
        if end_day <= start_day:
            return None
        return start_day, end_day, name
    return _cached_date(date, precision or None)


@functools.lru_cache(maxsize=1 << 16)
def _details_cell(kind: str, cell: str) -> str | None:
    """A details cell as the event table stores it, or None when in doubt (see below)."""
    if cell in ("", "{}") and kind in _kinds_without_required_details():
        return "{}"
    return _checked_details(kind, cell)


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
