"""The other tools' formats for ``export`` and ``import`` (TimelineJS, iCalendar, Timeline)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from explorer.cli import EXIT_OK, fail
from explorer.store.columns import refresh_columns_cache
from explorer.store.errors import StoreError
from explorer.store.formats import (
    EXPORT_FORMATS,
    EXTENSIONS,
    IMPORT_FORMATS,
    NATIVE_FORMATS,
    choose_format,
    export_events,
    import_other_format,
    store_title,
    write_events,
)
from explorer.store.opening import open_store


def add_format_option(parser: argparse.ArgumentParser, importing: bool) -> None:
    """``--format``, for a file whose extension does not say it."""
    formats = IMPORT_FORMATS if importing else EXPORT_FORMATS
    parser.add_argument(
        "--format",
        choices=formats,
        help="the file's format (default: from its extension: "
        + ", ".join(f"{e} {f}" for e, f in EXTENSIONS.items() if f in formats)
        + "; an imported .json holding TimelineJS slides is read as timelinejs)",
    )


def chosen_format(options: argparse.Namespace, importing: bool) -> str | None:
    """The format to use when it is not our own by extension, else None (the streamed path)."""
    name = str(options.file)
    if name == "-":
        return options.format if options.format not in (None, "json") else None
    fmt = choose_format(name, options.format, importing=importing)
    native_by_name = EXTENSIONS.get(Path(name).suffix.lower()) == fmt
    if fmt in NATIVE_FORMATS and not native_by_name:
        raise StoreError(f"{name}: a {fmt} file must be named *.{fmt}")
    return None if fmt in NATIVE_FORMATS else fmt


def run_export_other(options: argparse.Namespace, fmt: str) -> int:
    """Export the whole store as TimelineJS or iCalendar."""
    store = open_store(options.db, must_exist=True)
    try:
        if options.file == "-":
            if fmt == "ics":
                sys.stdout.reconfigure(newline="")  # the calendar's CRLF line ends as they are
            write_events(sys.stdout, store.iter_events(), fmt, title=store_title(store))
            sys.stdout.flush()
            return EXIT_OK
        count = export_events(store, options.file, fmt)
        total = store.count()
    finally:
        store.close()
    left_out = ""
    if fmt == "ics" and count < total:
        left_out = (
            f" ({total - count} left out: a calendar holds meetings and mission milestones"
            " known to the day)"
        )
    print(f"exported {count} events to {options.file}{left_out}", file=sys.stderr)
    return EXIT_OK


def run_import_other(options: argparse.Namespace, fmt: str) -> int:
    """Import a TimelineJS or Timeline file: all of its events or none."""
    if not options.file.is_file():
        return fail(f"{options.file}: no such file")
    store = open_store(options.db)
    try:
        before = store.count()
        changes = import_other_format(store, options.file, fmt, replace=options.replace)
        if changes.any:
            refresh_columns_cache(store)
        count = store.count()
    except StoreError as exc:
        return fail(str(exc))
    finally:
        store.close()
    done = f"{count - before} new events"
    if changes.updated:
        done += f", {len(changes.updated)} updated"
    print(f"imported {done} from {options.file} ({fmt}); the store holds {count} events")
    return EXIT_OK
