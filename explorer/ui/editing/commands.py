"""Every edit as a QUndoCommand whose redo and undo each make one store operation (one
transaction) and hand its Changes to the open store, which tells every pane.

A command whose store operation fails (the store cannot be written, the event changed
elsewhere) marks itself obsolete: QUndoStack then drops it, so the stack never offers to undo
or redo a change the store does not hold. :class:`EditHistory` reports the failure.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from explorer.domain.events import Changes, Event
from explorer.store import edits
from explorer.store.edits import EventState
from explorer.store.errors import StoreError
from explorer.ui.open_store import OpenStore

NOTE_COMMAND_ID = 1


def quoted(title: str) -> str:
    """A title as an undo action names it: 'Warsaw Summit', cut short when long."""
    return f"'{title if len(title) <= 40 else title[:39] + '…'}'"


class StoreCommand(QUndoCommand):
    """One undoable edit: ``do`` and ``undo`` are one store operation each."""

    def __init__(self, history: EditHistory, text: str) -> None:
        super().__init__(text)
        self.history = history

    @property
    def store(self):
        """The store the edit is made in."""
        return self.history.open_store.store

    def do(self) -> Changes:  # pragma: no cover - every command overrides it
        raise NotImplementedError

    def undo_it(self) -> Changes:  # pragma: no cover - every command overrides it
        raise NotImplementedError

    def select_after(self, undone: bool) -> str | None:
        """The key to select once the command ran (None: leave the selection)."""
        return None

    def redo(self) -> None:
        self._run(self.do, undone=False)

    def undo(self) -> None:
        self._run(self.undo_it, undone=True)

    def _run(self, operation: Callable[[], Changes], undone: bool) -> None:
        try:
            changes = operation()
        except StoreError as exc:
            # the stack deletes an obsolete command: the message is kept by the history
            self.history.failure = str(exc)
            self.setObsolete(True)
            return
        self.history.applied(changes, self.select_after(undone))

    def remember(self, *keys: str) -> None:
        """Note the revision this window's write left on ``keys``."""
        for key in keys:
            self.history.remember(key)

    def expected(self, key: str, fallback: int) -> int:
        """The revision an undo or redo of ``key`` must find: the one this window wrote last
        (another window's write since then makes it refuse)."""
        return self.history.revisions.get(key, fallback)


class AddEvent(StoreCommand):
    """New Event."""

    def __init__(self, history: EditHistory, event: Event) -> None:
        super().__init__(history, f"New Event {quoted(event.title)}")
        self.event = event

    def do(self) -> Changes:
        changes = edits.add_event(self.store, self.event, origin=self.history)
        self.remember(self.event.key)
        return changes

    def undo_it(self) -> Changes:
        key = self.event.key
        changes = edits.remove_added_event(
            self.store, key, self.expected(key, 0), origin=self.history
        )
        self.remember(key)
        return changes

    def select_after(self, undone: bool) -> str | None:
        return None if undone else self.event.key


class _NewVersion(StoreCommand):
    """A command that gives an existing event another version, undone by putting the version
    before back (with the dataset's own copy it had)."""

    def __init__(self, history: EditHistory, text: str, before: EventState) -> None:
        super().__init__(history, text)
        self.before = before
        self._first = True

    def revision(self, key: str) -> int:
        """The revision the store must hold: the first time, that of the copy the user edited;
        then the one this window last wrote."""
        revision = self.before.revision if self._first else self.expected(key, -1)
        self._first = False
        return revision

    def undo_it(self) -> Changes:
        before, key = self.before, self.before.event.key
        changes = edits.set_version(
            self.store, before.event, self.expected(key, -1), before.dataset_event, self.history
        )
        self.remember(key)
        return changes


class EditEvent(_NewVersion):
    """Edit Event: the user's new version, undone back to the version before."""

    def __init__(self, history: EditHistory, before: EventState, after: Event) -> None:
        super().__init__(history, f"Edit {quoted(after.title)}", before)
        self.after = after

    def do(self) -> Changes:
        key = self.after.key
        changes = edits.update_event(self.store, self.after, self.revision(key), self.history)
        self.remember(key)
        return changes

    def select_after(self, undone: bool) -> str | None:
        return self.after.key


class RevertEvent(_NewVersion):
    """Revert to the dataset's version."""

    def __init__(self, history: EditHistory, before: EventState) -> None:
        super().__init__(history, f"Revert {quoted(before.event.title)}", before)

    def do(self) -> Changes:
        key = self.before.event.key
        changes = edits.revert_to_dataset(self.store, key, self.revision(key), self.history)
        self.remember(key)
        return changes

    def select_after(self, undone: bool) -> str | None:
        return self.before.event.key


class DeleteEvents(StoreCommand):
    """Delete Event: into the Deleted events view; undo restores it whole."""

    def __init__(self, history: EditHistory, keys: list[str], title: str) -> None:
        super().__init__(history, f"Delete {quoted(title)}")
        self.keys = keys

    def do(self) -> Changes:
        changes = edits.delete_events(self.store, self.keys, origin=self.history)
        self.remember(*self.keys)
        return changes

    def undo_it(self) -> Changes:
        changes = edits.restore_events(self.store, self.keys, origin=self.history)
        self.remember(*self.keys)
        return changes

    def select_after(self, undone: bool) -> str | None:
        return self.keys[0] if undone else None


class RestoreEvents(DeleteEvents):
    """Restore from the Deleted events view; undo deletes it again."""

    def __init__(self, history: EditHistory, keys: list[str], title: str) -> None:
        super().__init__(history, keys, title)
        self.setText(f"Restore {quoted(title)}")

    def do(self) -> Changes:
        return super().undo_it()

    def undo_it(self) -> Changes:
        return super().do()

    def select_after(self, undone: bool) -> str | None:
        return None if undone else self.keys[0]


class EditNote(StoreCommand):
    """Edit Note: saves in a row of one event's note merge into one undo step."""

    def __init__(
        self, history: EditHistory, key: str, title: str, old: str, new: str, origin: object
    ) -> None:
        super().__init__(history, f"Edit Note on {quoted(title)}")
        self.key, self.old, self.new = key, old, new
        self._origin = origin  # the pane the note was typed in already shows it

    def id(self) -> int:  # noqa: A003 - Qt override
        return NOTE_COMMAND_ID

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt override
        if not isinstance(other, EditNote) or other.key != self.key:
            return False
        self.new = other.new
        return True

    def do(self) -> Changes:
        origin, self._origin = self._origin, self.history
        return edits.set_note(self.store, self.key, self.new, origin=origin)

    def undo_it(self) -> Changes:
        return edits.set_note(self.store, self.key, self.old, origin=self.history)

    def select_after(self, undone: bool) -> str | None:
        return self.key if undone else None


class SetBookmark(StoreCommand):
    """Bookmark (or remove the bookmark of) an event."""

    def __init__(self, history: EditHistory, key: str, title: str, on: bool) -> None:
        super().__init__(history, f"{'Bookmark' if on else 'Remove Bookmark'} {quoted(title)}")
        self.key, self.on = key, on

    def do(self) -> Changes:
        return edits.set_bookmark(self.store, self.key, self.on, origin=self.history)

    def undo_it(self) -> Changes:
        return edits.set_bookmark(self.store, self.key, not self.on, origin=self.history)


class EditHistory(QObject):
    """The window's undo stack over the open store. ``failed`` carries the message of an edit
    the store refused or could not write (nothing of it was kept, in the store or the stack)."""

    failed = Signal(str)
    applied_changes = Signal(object)  # Changes, after the panes followed them

    def __init__(self, open_store: OpenStore, select: Callable[[str | None], None], parent=None):
        super().__init__(parent)
        self.open_store = open_store
        self.stack = QUndoStack(self)
        self.failure: str | None = None
        self.revisions: dict[str, int] = {}  # what this window's last write left, by key
        self._select = select

    def push(self, command: StoreCommand) -> bool:
        """Make the edit; True when the store took it."""
        self.stack.push(command)  # redo() runs now; an obsolete command is dropped at once
        return self._report()

    def undo(self) -> bool:
        """Edit > Undo; False when the store refused it (the step is gone from the stack)."""
        self.stack.undo()
        return self._report()

    def redo(self) -> bool:
        """Edit > Redo; False when the store refused it (the step is gone from the stack)."""
        self.stack.redo()
        return self._report()

    def _report(self) -> bool:
        if self.failure is None:
            return True
        message, self.failure = self.failure, None
        self.failed.emit(message)
        return False

    def remember(self, key: str) -> None:
        """Note the revision of ``key`` as this window's write left it."""
        state = edits.event_state(self.open_store.store, key)
        if state is None:
            self.revisions.pop(key, None)
        else:
            self.revisions[key] = state.revision

    def applied(self, changes: Changes, select_key: str | None) -> None:
        """A command's store operation committed: every pane follows, then the selection."""
        self.open_store.notify(changes)
        if select_key is not None or changes.removed:
            self._select(select_key)
        self.applied_changes.emit(changes)
