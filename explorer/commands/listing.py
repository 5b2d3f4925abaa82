"""``list``: the store's events as an aligned table, filtered by kind, time and text."""

from __future__ import annotations

import argparse
import sys

from explorer.cli import EXIT_OK, command, fail
from explorer.domain.dates import DateError, FuzzyDate
from explorer.domain.events import EventKind, EventSummary
from explorer.domain.search_query import SearchQuery, parse_search
from explorer.store.opening import open_store
from explorer.store.search import SearchMatch

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
        "--search",
        metavar="TEXT",
        help="as the window's search box: words in any field an event's pane shows, a date"
        " ('2020', 'Aug 2021', '2014..2021'), fields ('place:Brussels', 'source:UNDP',"
        " 'kind:summit'); a date in quotes stays a word",
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
    query = parse_search(options.search) if options.search is not None else None
    if query is not None and query.interval is not None:
        # said on stderr so that the table stays the same to a script
        print(
            f"search: {query.interval.text!r} read as the date {query.interval.label()}"
            " (put it in quotes to search for the words)",
            file=sys.stderr,
        )
    store = open_store(options.db, must_exist=True)
    try:
        events = _matching(store, kinds, start, end, query, options.limit)
        matches = store.search_matches(query, [e.id for e in events]) if query else None
    finally:
        store.close()
    print_table(events, matches if query and query.terms else None)
    return EXIT_OK


def _matching(
    store, kinds, start: int | None, end: int | None, query: SearchQuery | None, limit: int | None
):
    bounds = store.bounds()
    if bounds is None:
        return []
    lo = bounds[0] if start is None else start
    hi = bounds[1] if end is None else end
    if query is not None:
        hits = store.search(query, limit=1_000_000, kinds=kinds)
        return [e for e in hits if e.when.start_day < hi and e.when.end_day > lo][:limit]
    return store.events_between(lo, hi, kinds, limit=limit)


def print_table(events: list[EventSummary], matches: dict[int, SearchMatch] | None = None) -> None:
    """An aligned table, one event a line, and a count at the end; with ``matches``, a last
    column says where each event matched, the matched words in [brackets]."""
    rows = [(e.when.exact_text(), e.kind.label, e.title, e.key) for e in events]
    columns = COLUMNS
    if matches is not None:
        columns = (*COLUMNS, "MATCH")
        rows = [(*row, _match_text(matches.get(e.id))) for row, e in zip(rows, events, strict=True)]
    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(columns)]
    out = sys.stdout
    for row in [columns, *rows]:
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=True)]
        out.write("  ".join(cells).rstrip() + "\n")
    out.write(f"{len(rows):,} event{'s' if len(rows) != 1 else ''}\n")


def _match_text(match: SearchMatch | None) -> str:
    return f"{match.field}: {' '.join(match.bracketed().split())}" if match else ""
