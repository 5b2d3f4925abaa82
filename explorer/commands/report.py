"""``report OUT.pdf``: the chosen events as a PDF with the timeline, details and footnotes."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import tempfile
from pathlib import Path

from explorer.cli import EXIT_OK, command, fail
from explorer.domain.dates import DateError, FuzzyDate
from explorer.domain.events import EventKind


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("output", type=Path, metavar="OUT.pdf", help="the PDF file to write")
    parser.add_argument("--from", dest="first", metavar="DATE", help="first day (YYYY[-MM[-DD]])")
    parser.add_argument("--to", dest="last", metavar="DATE", help="last day (YYYY[-MM[-DD]])")
    parser.add_argument(
        "--kind",
        action="append",
        metavar="K",
        help="only events of this kind (repeat, or K1,K2): "
        + ", ".join(k.value for k in EventKind),
    )
    parser.add_argument("--search", metavar="TEXT", help="only events whose title or summary match")
    parser.add_argument("--ids", metavar="ID,...", help="exactly these events (no other filter)")


@command("report", "write a PDF report of events: timeline, details and cited sources", _arguments)
def run_report(options: argparse.Namespace) -> int:
    """Check the options, then lay out and write the report offscreen."""
    from explorer.domain.report import ReportScope
    from explorer.store.report_events import ReportFilter

    if options.output.suffix.lower() != ".pdf":
        return fail(f"{options.output}: the report is written as PDF; name it *.pdf")
    try:
        first = FuzzyDate.parse(options.first).start_day if options.first else None
        end = FuzzyDate.parse(options.last).end_day if options.last else None
    except DateError as exc:
        return fail(f"--from/--to: {exc}")
    if first is not None and end is not None and end <= first:
        return fail("--to must not come before --from")
    kinds = tuple(k.strip() for text in options.kind or () for k in text.split(",") if k.strip())
    unknown = [k for k in kinds if k not in {e.value for e in EventKind}]
    if unknown:
        return fail(f"--kind: unknown kind {unknown[0]!r}")
    keys = tuple(k.strip() for k in (options.ids or "").split(",") if k.strip())
    if keys and (first is not None or end is not None or kinds or options.search):
        return fail("--ids names the events itself; give it without --from, --to, --kind, --search")
    chosen = ReportFilter(first, end, kinds, options.search or "", keys)
    scope = ReportScope(first, end, kinds, options.search or "", "as listed" if keys else "")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")
    from explorer.store.opening import open_store

    store = open_store(options.db, must_exist=options.db is not None)
    try:
        return _write(store, chosen, scope, options.output)
    finally:
        store.close()


def _quiet_offscreen(_mode, _context, message: str) -> None:
    if "propagateSizeHints" not in message:
        print(message, file=sys.stderr)


def _write(store, chosen, scope, output: Path) -> int:
    from PySide6.QtCore import qInstallMessageHandler

    from explorer.ui.application import create_application
    from explorer.ui.open_store import OpenStore
    from explorer.ui.report import build_report, write_pdf

    create_application([])
    # the offscreen platform says this of every window it shows; it means nothing here
    qInstallMessageHandler(_quiet_offscreen)
    report = build_report(OpenStore(store), chosen, scope)
    if not report.events:
        return fail("no events match; nothing was written")
    output.parent.mkdir(parents=True, exist_ok=True)
    # written beside the target and moved over it: never half a PDF under its name
    handle, temporary = tempfile.mkstemp(prefix=f".{output.name}.", dir=output.parent)
    os.close(handle)
    try:
        pages = write_pdf(report, temporary)
        if os.path.getsize(temporary) == 0:
            return fail(f"{output}: could not be written")
        os.chmod(temporary, 0o644)
        os.replace(temporary, output)
    except OSError as exc:
        return fail(f"{output}: cannot write here ({exc.strerror or exc})")
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
    count = len(report.events)
    print(
        f"{output}: {count} event{'s' if count != 1 else ''}, {pages} page{'s' if pages != 1 else ''}"
    )
    return EXIT_OK
