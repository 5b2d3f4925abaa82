"""Opening the store a user asked for: a named file, or the per-user store kept up to date with
the bundled dataset. Shared by the window and the command line."""

from __future__ import annotations

from pathlib import Path

from explorer.locations import default_store_path
from explorer.store.dataset import install_bundled_dataset
from explorer.store.store import Store


def open_store(path: Path | None, *, must_exist: bool = False) -> Store:
    """Open ``path``; None opens the default per-user store, created from the bundled dataset
    (and brought up to its version) when needed. ``must_exist`` refuses to create a named one."""
    if path is None:
        path = default_store_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        store = Store(path)
        try:
            install_bundled_dataset(store)
        except BaseException:
            store.close()
            raise
        return store
    return Store(path, create=not must_exist)
