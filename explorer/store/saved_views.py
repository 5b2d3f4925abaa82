"""Saved views in the store: list, save, rename and delete, each in one transaction."""

from __future__ import annotations

import json
from typing import Any

from explorer.domain.views import SavedView, ViewError
from explorer.store.errors import ImportRejected, StoreError
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
    state = _state(view)
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


def import_views(conn, raw: Any, file: str, replace: bool) -> int:
    """Write the ``views`` of an imported JSON file inside the import's transaction.

    A malformed view refuses the whole import (ImportRejected names it); a view whose name is
    taken is kept as it is unless ``replace``.
    """
    if raw is None:
        return 0
    if not isinstance(raw, list):
        raise ImportRejected(f"{file}, field 'views': must be a list", field="views")
    verb = "INSERT INTO saved_view (name, state) VALUES (?, ?)" + (
        " ON CONFLICT (name) DO UPDATE SET state = excluded.state"
        if replace
        else " ON CONFLICT (name) DO NOTHING"
    )
    for i, item in enumerate(raw):
        try:
            view = SavedView.from_json(item)
        except ViewError as exc:
            field = f"views[{i}].{exc.field}"
            raise ImportRejected(
                f"{file}, field {field!r}: {str(exc).split(': ', 1)[-1]}", field=field
            ) from None
        conn.execute(verb, (view.name, _state(view)))
    return len(raw)


def _state(view: SavedView) -> str:
    return json.dumps({k: v for k, v in view.to_json().items() if k != "name"}, sort_keys=True)
