"""``check``: is the store sound (SQLite integrity, every event valid, no dangling link) and is
the bundled dataset valid? Exit 0 when all is well, 1 with a report. Data-quality findings
(unsourced events, confidence marks, troop series, missing relations, lost precision) are
listed as warnings by event id; they fail the exit status only with ``--strict``."""

from __future__ import annotations

import argparse
import sqlite3

from explorer.cli import EXIT_OK, EXIT_PROBLEM, command, store_path
from explorer.domain.dataset import DatasetError, event_to_json, parse_event
from explorer.domain.details import referenced_keys
from explorer.domain.quality import findings
from explorer.store.dataset import META_DATASET_VERSION, bundled_dataset
from explorer.store.errors import StoreError
from explorer.store.opening import open_store
from explorer.store.store import Store

# a damaged store could report a problem for every one of a million events
MAX_REPORTED = 20
# a generated store has no sources at all: a million identical warnings help nobody
MAX_WARNINGS = 200


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--strict", action="store_true", help="data-quality warnings fail the exit status too"
    )


@command(
    "check",
    "check the store and the bundled dataset; exit 1 with a report if unsound",
    _arguments,
)
def run_check(options: argparse.Namespace) -> int:
    """Report every problem found; exit status 0 only when there is none (and, with
    ``--strict``, no data-quality warning either)."""
    path = store_path(options)
    problems: list[str] = []
    warnings: list[str] = []
    try:
        dataset = bundled_dataset()
        print(f"bundled dataset {dataset.version}: {len(dataset.events)} events, valid")
    except DatasetError as exc:
        problems.append(f"bundled dataset: {exc}")
    store = open_store(options.db, must_exist=True)
    try:
        problems += [f"store: {p}" for p in store.integrity_problems()]
        try:
            problems += [f"store: {p}" for p in event_problems(store)]
            if not problems:
                warnings = [f.line() for f in findings(store.iter_events())]
            count, version = store.count(), store.meta(META_DATASET_VERSION)
        except (StoreError, sqlite3.DatabaseError) as exc:
            problems.append(f"store: {exc}")
            count, version = "?", None
    finally:
        store.close()
    for warning in warnings[:MAX_WARNINGS]:
        print(f"warning: {warning}")
    if len(warnings) > MAX_WARNINGS:
        print(f"... and {len(warnings) - MAX_WARNINGS} more warnings")
    if not problems:
        print(f"store {path}: {count} events (dataset {version or 'none'}), sound")
        if warnings:
            print(f"{len(warnings)} data-quality warning{'s' if len(warnings) > 1 else ''}")
        return EXIT_PROBLEM if warnings and options.strict else EXIT_OK
    problems = _counted(problems)
    shown = problems[:MAX_REPORTED]
    for problem in shown:
        print(f"problem: {problem}")
    if len(problems) > len(shown):
        print(f"... and {len(problems) - len(shown)} more")
    print(f"{len(problems)} problem{'s' if len(problems) > 1 else ''} found in {path}")
    return EXIT_PROBLEM


def _counted(problems: list[str]) -> list[str]:
    """Each distinct problem once, with how often it occurred."""
    counts: dict[str, int] = {}
    for problem in problems:
        counts[problem] = counts.get(problem, 0) + 1
    return [p if n == 1 else f"{p} ({n} times)" for p, n in counts.items()]


def event_problems(store: Store) -> list[str]:
    """Each stored event read back through the domain's validation; links to missing events."""
    problems = [
        f"event {key!r}, field {field!r}: a value this app cannot read (the window skips the event)"
        for key, field in store.invalid_events(MAX_REPORTED + 1)
    ]
    keys = {row[0] for row in store.execute("SELECT key FROM event")}
    for event in store.iter_events():
        try:
            parse_event(event_to_json(event), "event", origin=event.origin)
        except DatasetError as exc:
            problems.append(str(exc))
        for field, key in referenced_keys_safely(event):
            if key not in keys:
                problems.append(f"event {event.key!r}, field {field!r}: no event {key!r}")
        if len(problems) > MAX_REPORTED:
            break
    return problems


def referenced_keys_safely(event) -> list[tuple[str, str]]:
    """The keys an event's details name; none when the details are malformed (reported above)."""
    try:
        return referenced_keys(event)
    except ValueError:
        return []
