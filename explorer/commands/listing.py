"""``list``: the store's events as an aligned table, filtered by kind, time and text."""

from __future__ import annotations

import argparse
import sys

from explorer.cli import EXIT_OK, command, fail
from explorer.domain.dates import DateError, FuzzyDate
from explorer.domain.events import EventKind, EventSummary
from explorer.store.opening import open_store

COLUMNS = ("DATE", "KIND", "TITLE", "ID")


def _arguments(parser: argparse.ArgumentParser) -> None:
    kinds = ", ".join(k.value for k in EventKind)
    parser.add_argument(
        "--kind", action="append", metavar="K", help=f"only this kind (repeatable): {kinds}"
    )
    parser.add_argument(
        "--from", dest="start", metavar="DATE", help="from this date on (YYYY, YYYY-MM, YYYY-MM-DD)"
    )
    parser.add_argument("--to", dest="end", metavar="DATE", help="up to this date, inclusive")
    parser.add_argument(
        "--search", metavar="TEXT", help="only events whose title or summary has these words"
    )
    parser.add_argument(
        "--limit", type=int, metavar="N", help="at most N events (the first in time, or the best)"
    )


@command("list", "print the events as a table (date, kind, title, id)", _arguments)
def run_list(options: argparse.Namespace) -> int:
    """Print the matching events in time order (by relevance with --search)."""
    known = [k.value for k in EventKind]
    unknown = [k for k in options.kind or () if k not in known]
    if unknown:
        return fail(f"--kind: unknown kind {unknown[0]!r}; choose from {', '.join(known)}")
    kinds = [EventKind(k) for k in options.kind] if options.kind else None
    try:
        start = FuzzyDate.parse(options.start).start_day if options.start else None
        end = FuzzyDate.parse(options.end).end_day if options.end else None
    except DateError as exc:
        return fail(f"--from/--to: {exc}")
    if start is not None and end is not None and start >= end:
        return fail(f"--from {options.start} comes after --to {options.end}: no day is in both")
    if options.limit is not None and options.limit < 0:
        return fail("--limit: must be 0 or more")
    if options.limit is not None:
        # SQLite counts in 64 bits; a limit past that is no limit
        options.limit = min(options.limit, 2**63 - 1)
    store = open_store(options.db, must_exist=True)
    try:
        events = _matching(store, kinds, start, end, options.search, options.limit)
    finally:
        store.close()
    print_table(events)
    return EXIT_OK


def _matching(
    store, kinds, start: int | None, end: int | None, search: str | None, limit: int | None
):
    bounds = store.bounds()
    if bounds is None:
        return []
    lo = bounds[0] if start is None else start
    hi = bounds[1] if end is None else end
    if search is not None:
        hits = store.search(search, limit=1_000_000, kinds=kinds)
        return [e for e in hits if e.when.start_day < hi and e.when.end_day > lo][:limit]
    return store.events_between(lo, hi, kinds, limit=limit)


def print_table(events: list[EventSummary]) -> None:
    """An aligned table, one event a line, and a count at the end."""
    rows = [(e.when.exact_text(), e.kind.label, e.title, e.key) for e in events]
    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(COLUMNS)]
    out = sys.stdout
    for row in [COLUMNS, *rows]:
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=True)]
        out.write("  ".join(cells).rstrip() + "\n")
    out.write(f"{len(rows):,} event{'s' if len(rows) != 1 else ''}\n")
