"""Errors of the store. Subclasses of :class:`StoreEnvironmentError` are caused by the user's
environment (a locked, read-only, full, corrupt or too-new file) and are explained to the user;
any other exception is a bug."""

from __future__ import annotations


class StoreError(Exception):
    """Base of every error the store raises on purpose."""


class StoreEnvironmentError(StoreError):
    """Something about the file or disk, not the program, went wrong; the message says what."""


class StoreNotFound(StoreEnvironmentError):
    """The store file does not exist (and was not to be created)."""


class NotAStore(StoreEnvironmentError):
    """The file exists but is not a SQLite database, or not one of ours."""


class StoreCorrupt(StoreEnvironmentError):
    """The SQLite file is damaged."""


class StoreTooNew(StoreEnvironmentError):
    """The store was written by a newer version of the app; it is left untouched."""


class StoreReadOnly(StoreEnvironmentError):
    """The store or its folder cannot be written."""


class StoreLocked(StoreEnvironmentError):
    """Another program holds a lock on the store."""


class StoreFull(StoreEnvironmentError):
    """The disk is full."""


class ImportRejected(StoreError):
    """An import file is malformed; nothing was written. ``line`` and ``field`` say where."""

    def __init__(self, message: str, line: int | None = None, field: str | None = None) -> None:
        super().__init__(message)
        self.line, self.field = line, field


class ImportCancelled(StoreError):
    """The user cancelled an import; it was rolled back and the store is as it was."""


class EditRefused(StoreError):
    """An edit the store will not make as asked (the event changed elsewhere, is gone, or its
    id is taken); nothing was written and the message says why."""
