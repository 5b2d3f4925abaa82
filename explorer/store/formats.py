"""Choosing a file format, and the formats of other tools (TimelineJS, iCalendar, Timeline).

Our own JSON and CSV stream through :mod:`explorer.store.export` and :mod:`explorer.store.importing`; the other tools' files are
small, so they are converted whole by :mod:`explorer.domain.formats` and written with
:meth:`Store.add_events`, one transaction: a file is imported whole or not at all.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

from explorer.domain.dataset import event_to_json
from explorer.domain.events import Changes, Event
from explorer.domain.formats import FormatError
from explorer.domain.formats.ics import icalendar_text
from explorer.domain.formats.timeline_xml import read_timeline_xml
from explorer.domain.formats.timelinejs import dumps, read_timelinejs, timelinejs_document
from explorer.store.errors import ImportRejected, StoreError
from explorer.store.event_files import (
    csv_row,
    csv_writer,
    json_event_line,
    json_footer,
    json_header,
)
from explorer.store.export import export_to_path, write_replacing
from explorer.store.importing import import_events
from explorer.store.store import Store

EXPORT_FORMATS = ("json", "csv", "timelinejs", "ics")
IMPORT_FORMATS = ("json", "csv", "timelinejs", "timeline")
NATIVE_FORMATS = ("json", "csv")
EXTENSIONS = {".json": "json", ".csv": "csv", ".ics": "ics", ".timeline": "timeline"}
# how far into a .json file to look for what kind of JSON it is
_SNIFF_BYTES = 1 << 16
_TIMELINEJS_HINT = re.compile(rb'"(start_date|unique_id)"\s*:')
_NATIVE_HINT = re.compile(rb'"format_version"\s*:')


def choose_format(path: Path | str, given: str | None, *, importing: bool) -> str:
    """The format named by ``given``, else by the file's extension; refuses what cannot be done.

    An imported ``.json`` file is looked into: TimelineJS slides are read as TimelineJS.
    """
    allowed = IMPORT_FORMATS if importing else EXPORT_FORMATS
    fmt = given or EXTENSIONS.get(Path(path).suffix.lower())
    if fmt is None:
        names = ", ".join(sorted({e for e, f in EXTENSIONS.items() if f in allowed}))
        raise StoreError(f"{path}: unknown file type; name it {names} or give --format")
    if fmt not in allowed:
        verb = "imported" if importing else "exported"
        raise StoreError(f"{path}: the {fmt} format cannot be {verb} (only {', '.join(allowed)})")
    if importing and given is None and fmt == "json" and _looks_like_timelinejs(Path(path)):
        return "timelinejs"
    return fmt


def _looks_like_timelinejs(path: Path) -> bool:
    try:
        with open(path, "rb") as binary:
            head = binary.read(_SNIFF_BYTES)
    except OSError:
        return False  # the import names the problem
    return bool(_TIMELINEJS_HINT.search(head)) and not _NATIVE_HINT.search(head)


def store_title(store: Store) -> str:
    """The name a document gives the store: its file's name."""
    return store.path.name


# -- export -----------------------------------------------------------------------------------


def write_events(
    out: TextIO,
    events: Iterable[Event],
    fmt: str,
    *,
    title: str = "",
    now: dt.datetime | None = None,
) -> int:
    """Write ``events`` to ``out`` in ``fmt``; returns how many were written."""
    events = list(events) if fmt in ("timelinejs", "ics") else events
    if fmt == "timelinejs":
        count = len(events)
        out.write(dumps(timelinejs_document(events, title, f"{count} events")))
        return count
    if fmt == "ics":
        text = icalendar_text(events, title, now or dt.datetime.now(dt.UTC))
        out.write(text)
        return text.count("BEGIN:VEVENT")
    count = 0
    if fmt == "csv":
        writer = csv_writer(out)
        for event in events:
            writer.writerow(csv_row(event_to_json(event)))
            count += 1
        return count
    out.write(json_header())
    for event in events:
        out.write(json_event_line(event_to_json(event), first=count == 0))
        count += 1
    out.write(json_footer(empty=count == 0))
    return count


def export_events(
    store: Store, path: Path | str, fmt: str, events: Iterable[Event] | None = None
) -> int:
    """Write ``events`` (default: the whole store) to ``path``, replacing it only when complete."""
    path = Path(path)
    if events is None and fmt in NATIVE_FORMATS and EXTENSIONS.get(path.suffix.lower()) == fmt:
        return export_to_path(store, path)  # streamed, with the saved views
    chosen = store.iter_events() if events is None else events
    newline = "" if fmt in ("csv", "ics") else None  # the CSV writer and ICS bring their own
    return write_replacing(
        path, lambda out: write_events(out, chosen, fmt, title=store_title(store)), newline
    )


# -- import -----------------------------------------------------------------------------------


def read_other_format(path: Path | str, fmt: str) -> list[Event]:
    """Every event of a TimelineJS or Timeline file, or ImportRejected naming place and field."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ImportRejected(f"{path}: no such file") from None
    except OSError as exc:
        raise ImportRejected(f"{path}: cannot be read ({exc.strerror})") from None
    try:
        if fmt == "timeline":
            return read_timeline_xml(data, path.name)
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise FormatError(path.name, f"byte {exc.start}", "encoding", "not UTF-8") from None
        return read_timelinejs(text, path.name)
    except FormatError as exc:
        raise ImportRejected(f"{exc}; nothing was imported", field=exc.field) from None


def import_other_format(
    store: Store, path: Path | str, fmt: str, *, replace: bool = False, origin: object = None
) -> Changes:
    """Import a TimelineJS or Timeline file in one transaction: every event or none."""
    events = read_other_format(path, fmt)
    try:
        return store.add_events(events, replace=replace, origin=origin)
    except ImportRejected as exc:
        hint = "" if replace else " (import with --replace to update)"
        message = f"{Path(path).name}: {exc}{hint if 'already' in str(exc) else ''}"
        raise ImportRejected(f"{message}; nothing was imported", field=exc.field) from None


def import_file(
    store: Store,
    path: Path | str,
    *,
    replace: bool = False,
    progress=None,
    cancelled=None,
) -> Changes:
    """Import any file the app reads, its format from its name (a .json of TimelineJS slides
    is seen as such): ours streamed, with progress and cancel; other tools' files whole."""
    fmt = choose_format(path, None, importing=True)
    if fmt in NATIVE_FORMATS:
        return import_events(store, path, replace=replace, progress=progress, cancelled=cancelled)
    return import_other_format(store, path, fmt, replace=replace)
