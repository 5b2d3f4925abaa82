"""``delete ID...``: the Edit menu's Delete Event from the command line (restorable)."""

from __future__ import annotations

import argparse
import sys

from explorer.cli import EXIT_OK, command
from explorer.store import edits
from explorer.store.opening import open_store


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("ids", nargs="+", metavar="ID", help="the id of an event to delete")


@command(
    "delete",
    "delete events by id (all or, when one is missing, none); the window's Edit > Deleted"
    " Events restores them",
    _arguments,
)
def run_delete(options: argparse.Namespace) -> int:
    """Delete the named events in one transaction."""
    store = open_store(options.db, must_exist=True)
    try:
        changes = edits.delete_events(store, options.ids)
    finally:
        store.close()
    count = len(changes.removed)
    print(
        f"deleted {count} event{'s' if count != 1 else ''}; Edit > Deleted Events restores them",
        file=sys.stderr,
    )
    return EXIT_OK
