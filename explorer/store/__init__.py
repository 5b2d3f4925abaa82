"""The SQLite event store (sqlite3 only, no Qt)."""

from explorer.store.errors import (
    EditRefused,
    ImportCancelled,
    ImportRejected,
    NotAStore,
    StoreCorrupt,
    StoreEnvironmentError,
    StoreError,
    StoreFull,
    StoreLocked,
    StoreNotFound,
    StoreReadOnly,
    StoreTooNew,
)
from explorer.store.store import Store

__all__ = [
    "EditRefused",
    "ImportCancelled",
    "ImportRejected",
    "NotAStore",
    "Store",
    "StoreCorrupt",
    "StoreEnvironmentError",
    "StoreError",
    "StoreFull",
    "StoreLocked",
    "StoreNotFound",
    "StoreReadOnly",
    "StoreTooNew",
]
