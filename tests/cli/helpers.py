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
