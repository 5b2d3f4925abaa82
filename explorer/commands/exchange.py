"""``export FILE`` and ``import FILE``: the store to and from JSON or CSV."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from explorer.cli import EXIT_OK, EXIT_PROBLEM, command, fail
from explorer.commands.other_formats import (
    add_format_option,
    chosen_format,
    run_export_other,
    run_import_other,
)
from explorer.store.columns import refresh_columns_cache
from explorer.store.errors import StoreError
from explorer.store.event_files import file_format
from explorer.store.export import export_to_path, write_export
from explorer.store.importing import import_events
from explorer.store.opening import open_store

# progress lines only for files big enough to take a while
PROGRESS_MIN_BYTES = 1 << 20


def _export_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "file",
        metavar="FILE",
        help="where to write: a .json, .csv or .ics file, or - for JSON on standard output",
    )
    add_format_option(parser, importing=False)
    parser.add_argument(
        "--only-mine",
        action="store_true",
        help="only the events you added or edited (with your notes)",
    )


def _import_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "file", type=Path, metavar="FILE", help="a .json, .csv or .timeline file to import"
    )
    add_format_option(parser, importing=True)
    parser.add_argument(
        "--replace",
        action="store_true",
        help="update events whose id is already in the store (default: refuse them)",
    )


@command(
    "export",
    "write every event (details, relations, sources) to a .json or .csv file",
    _export_arguments,
)
def run_export(options: argparse.Namespace) -> int:
    """Export the whole store; the file is replaced only when the export is complete."""
    if other := chosen_format(options, importing=False):
        return run_export_other(options, other)
    if options.file != "-":
        file_format(options.file)  # refuse an unknown extension before opening anything
    store = open_store(options.db, must_exist=True)
    try:
        if options.file == "-":
            write_export(store, sys.stdout, "json", only_mine=options.only_mine)
            sys.stdout.flush()
            return EXIT_OK
        count = export_to_path(store, options.file, only_mine=options.only_mine)
    finally:
        store.close()
    print(f"exported {count} events to {options.file}", file=sys.stderr)
    return EXIT_OK


@command(
    "import",
    "add the events of a .json or .csv file to the store: all of them or, on any fault, none",
    _import_arguments,
)
def run_import(options: argparse.Namespace) -> int:
    """Import a file in one transaction; a bad event is named with its line and field."""
    if options.file.is_dir():
        return fail(f"{options.file}: is a folder, not a file to import")
    if other := chosen_format(options, importing=True):
        return run_import_other(options, other)
    file_format(options.file)
    if not options.file.is_file():
        return fail(f"{options.file}: no such file")
    store = open_store(options.db)
    started = time.perf_counter()
    try:
        try:
            changes = import_events(
                store, options.file, replace=options.replace, progress=_ProgressLine()
            )
        except StoreError as exc:
            message = str(exc)
            if "nothing was imported" not in message:
                message += "; nothing was imported"
            return fail(message)
        done = f"{changes.added_count} new events"
        if changes.updated_count:
            done += f", {changes.updated_count} updated"
        seconds = time.perf_counter() - started
        # the import is committed: from here on a fault must not be reported as "nothing"
        try:
            if changes.any:
                # pack the timeline's columns now, so the window opens the store without doing it
                refresh_columns_cache(store)
        except StoreError as exc:
            print(
                f"error: imported {done}, but then packing the timeline's columns failed "
                f"(the window packs them when it opens): {exc}",
                file=sys.stderr,
            )
            return EXIT_PROBLEM
    finally:
        store.close()
    print(f"imported {done} in {seconds:.1f} s; the store holds {changes.store_count} events")
    return EXIT_OK


class _ProgressLine:
    """Prints 'importing: 35% (700,000 events)' to stderr about every 5%."""

    def __init__(self) -> None:
        self.shown = -1

    def __call__(self, rows: int, done: int, total: int) -> None:
        if total < PROGRESS_MIN_BYTES:
            return
        percent = min(100, 100 * done // max(total, 1))
        if percent // 5 > self.shown // 5 or (percent == 100 and self.shown < 100):
            self.shown = percent
            print(f"importing: {percent:3d}% ({rows:,} events)", file=sys.stderr, flush=True)
