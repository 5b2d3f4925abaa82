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

from explorer.domain.dataset import (
    CONFIDENCES,
    KEY_PATTERN,
    MAX_FIELD_CHARS,
    DatasetError,
    parse_event,
)
from explorer.domain.dates import DateError, parse_date_cached
from explorer.domain.details import referenced_keys
from explorer.domain.events import EventKind


def plain_batch_check(header: list[str]) -> Callable[[list[list[str]]], list[tuple] | None]:
    """A check of rows of a CSV file with this header, a batch at a time, a column at a time.

    Returns every row's event table columns (explorer.store.event_table's order) when the
    whole batch is surely valid, else None: the caller then checks the rows one at a time (a
    batch of one each), and gives a row still in doubt to the domain, which names the fault
    and its line. Each step runs over a whole column in C (set inclusion, ``map`` over cached
    functions, ``zip``): checking plain rows 256 at a time took about a third less than one
    by one.
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
        for name in ("title", "summary", "date_wording", "origin"):
            cells = column(name)
            if cells is not None and max(map(len, cells)) > MAX_FIELD_CHARS:
                return None  # over the limit on one field: the domain says which
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

    Raises DateError as :meth:`FuzzyDate.parse` does. This remembers whole cells as the
    table's columns; the parsing is remembered once, by the domain. A range with its precision
    given is its first part's start to its last part's end (as FuzzyDate.parse reads it): on a
    miss the parts are parsed apart, since they repeat far more than the pairs do.
    """
    first_text, slash, last_text = date.partition("/")
    if slash and precision and "/" not in last_text:
        if len(first_text.strip()) != len(last_text.strip()):
            when = parse_date_cached(date, precision)  # ends known to different precisions
            return when.start_day, when.end_day, when.stored_precision
        start_day = parse_date_cached(first_text, precision).start_day
        last = parse_date_cached(last_text, precision)
        if last.end_day <= start_day:
            return None
        return start_day, last.end_day, last.precision.value
    when = parse_date_cached(date, precision or None)
    return when.start_day, when.end_day, when.stored_precision


@functools.lru_cache(maxsize=1 << 16)
def _details_cell(kind: str, cell: str) -> str | None:
    """A details cell as the event table stores it, or None when in doubt (see below)."""
    if cell in ("", "{}") and kind in _kinds_without_required_details():
        return "{}"
    return _checked_details(kind, cell)


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
    except (ValueError, RecursionError):  # the domain's parser names the fault
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
