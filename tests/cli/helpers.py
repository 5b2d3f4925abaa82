"""Store files damaged or changed behind the app's back, for command-line tests."""

import sqlite3
from pathlib import Path


def files_in(folder: Path) -> dict[str, bytes]:
    """Every file in a folder with its bytes: to prove nothing was touched."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def corrupt_event_table(path: Path) -> None:
    """Scribble over the event table's root page, as a failing disk would."""
    conn = sqlite3.connect(path)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    root = conn.execute("SELECT rootpage FROM sqlite_schema WHERE name = 'event'").fetchone()[0]
    conn.close()
    with open(path, "r+b") as f:
        f.seek((root - 1) * page_size + 8)
        f.write(b"\xff\x13" * (page_size // 4))


def remove_behind_the_apps_back(path: Path, key: str) -> None:
    """Delete an event with foreign keys off, leaving relations that point at nothing."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("DELETE FROM event WHERE key = ?", (key,))
    conn.commit()
    conn.close()


# Rows another program might write into a store of ours: each breaks one rule of a field.
BAD_VALUE_ROWS = [
    ("bad-kind", "kind", ("dragon", "day", 17000, 17001, "{}")),
    ("bad-precision", "precision", ("other", "fortnight", 17000, 17001, "{}")),
    ("bad-json", "details", ("troop_level_change", "day", 17000, 17001, "{not json")),
    ("bad-details", "details", ("other", "day", 17000, 17001, "[1, 2]")),
    ("bad-fund-json", "details", ("fund", "day", 17000, 17001, '{"commitments": [')),
    ("bad-milestone-json", "details", ("mission_milestone", "day", 17000, 17001, "{,}")),
    ("bad-first-day", "date", ("other", "day", -(10**9), 17001, "{}")),
    ("bad-last-day", "date", ("other", "day", 17000, 10**9, "{}")),
    ("bad-day-text", "date", ("other", "day", "later", "soon", "{}")),
]


def write_bad_values(path: Path) -> None:
    """Add BAD_VALUE_ROWS to a store behind the app's back (titles hold markup too)."""
    conn = sqlite3.connect(path)
    for key, _field, (kind, precision, start, end, details) in BAD_VALUE_ROWS:
        conn.execute(
            "INSERT INTO event (key, kind, title, start_day, end_day, precision, details)"
            " VALUES (?,?,?,?,?,?,?)",
            (key, kind, "<b>bad</b>", start, end, precision, details),
        )
    conn.commit()
    conn.close()


def bundled_count() -> int:
    """How many events the bundled dataset holds (what a bundled store starts with)."""
    from explorer.store.dataset import bundled_dataset

    return len(bundled_dataset().events)
