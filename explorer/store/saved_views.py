"""Saved views in the store: list, save, rename and delete, each in one transaction."""

from __future__ import annotations

import json

from explorer.domain.views import SavedView, ViewError
from explorer.store.errors import StoreError
from explorer.store.store import Store


def list_views(store: Store) -> list[SavedView]:
    """Every saved view, by name; a view that cannot be read is skipped (and kept)."""
    views = []
    for name, state in store.execute("SELECT name, state FROM saved_view ORDER BY name"):
        try:
            views.append(SavedView.from_json({**json.loads(state), "name": name}))
        except (ValueError, ViewError):
            continue
    return views


def save_view(store: Store, view: SavedView) -> bool:
    """Save ``view`` under its name; True when it replaced a view of that name."""
    state = json.dumps({k: v for k, v in view.to_json().items() if k != "name"}, sort_keys=True)
    with store.transaction() as conn:
        existed = conn.execute("SELECT 1 FROM saved_view WHERE name = ?", (view.name,)).fetchone()
        conn.execute(
            "INSERT INTO saved_view (name, state) VALUES (?, ?)"
            " ON CONFLICT (name) DO UPDATE SET state = excluded.state",
            (view.name, state),
        )
    return existed is not None


def rename_view(store: Store, old: str, new: str) -> None:
    """Give a saved view another name; refuses a name in use."""
    new = new.strip()
    if not new:
        raise StoreError("a view needs a name")
    with store.transaction() as conn:
        if (
            new != old
            and conn.execute("SELECT 1 FROM saved_view WHERE name = ?", (new,)).fetchone()
        ):
            raise StoreError(f"there is already a view named {new!r}")
        if not conn.execute("UPDATE saved_view SET name = ? WHERE name = ?", (new, old)).rowcount:
            raise StoreError(f"no view named {old!r}")


def delete_view(store: Store, name: str) -> None:
    """Delete a saved view."""
    with store.transaction() as conn:
        conn.execute("DELETE FROM saved_view WHERE name = ?", (name,))
