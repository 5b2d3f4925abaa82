"""The window's editing: the Edit menu's slots over one undo stack, the context menus of the
timeline and the list, the read-only banner, and following edits made in another window."""

from __future__ import annotations

import os
import sqlite3

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer
from PySide6.QtGui import QAction, QContextMenuEvent, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QMenu, QMessageBox, QToolBar, QWidget

from explorer.domain.citation import citation
from explorer.domain.events import Changes
from explorer.store import edits
from explorer.store.errors import StoreError
from explorer.ui.editing.commands import (
    AddEvent,
    DeleteEvents,
    EditEvent,
    EditHistory,
    EditNote,
    RestoreEvents,
    RevertEvent,
    SetBookmark,
)
from explorer.ui.editing.editor import EventEditor

OTHER_WINDOW_POLL_MS = 1000
BOOKMARKS_SHOWN = 40
RELATED_SHOWN = 30  # in the context menu; the details pane lists every one
EDIT_ACTIONS = ("new_event", "edit_event", "delete_event", "revert_event", "bookmark")


def read_only_reason(store) -> str | None:
    """Why the store cannot be edited, or None when it can."""
    path = store.path
    if store.read_only:
        return f"{path.name} is open read-only"
    if not os.access(path, os.W_OK):
        return f"{path.name} is a read-only file"
    if not os.access(path.parent, os.W_OK):
        return f"the folder of {path.name} cannot be written"
    return None


class WindowEditing(QObject):
    """Everything the Edit menu does, for one main window."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.history = EditHistory(window.open_store, self._select_key, self)
        self.history.failed.connect(self._show_failure)
        self.history.stack.indexChanged.connect(self._on_index_changed)
        self.message_box: QMessageBox | None = None
        self.banner = QToolBar("Read-only", window)
        self.banner.setObjectName("read_only_banner")
        self.banner.setMovable(False)
        self.banner_label = QLabel(self.banner)
        self.banner_label.setTextFormat(Qt.TextFormat.PlainText)
        self.banner_label.setAccessibleName("Read-only store")
        self.banner.addWidget(self.banner_label)
        window.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.banner)
        self._data_version = self._store_data_version()
        self._poll = QTimer(self, interval=OTHER_WINDOW_POLL_MS)
        self._poll.timeout.connect(self.follow_other_windows)
        self._poll.start()
        window.installEventFilter(self)
        window.view_state.selection_changed.connect(self._on_selection_changed)
        window.open_store.changed.connect(self._on_store_changed)
        self._hook_panes()
        self.bookmarks_menu = QMenu("&Bookmarks", window)
        self.bookmarks_menu.setObjectName("bookmarks_menu")
        help_menu = window.actions.menus[-1]
        window.menuBar().insertMenu(help_menu.menuAction(), self.bookmarks_menu)
        window.actions.menus.insert(len(window.actions.menus) - 1, self.bookmarks_menu)
        self.bookmarks_menu.aboutToShow.connect(self.fill_bookmarks_menu)
        self.fill_bookmarks_menu()
        hooks = window.detail_view.user_hooks
        hooks.revert, hooks.bookmark = window.actions["revert_event"], window.actions["bookmark"]
        hooks.save_note = self.save_note

    @property
    def store(self):
        """The open store."""
        return self.window.open_store.store

    # -- state of the actions ----------------------------------------------------------------

    def update_actions(self) -> None:
        """Enable what can be done now and name what Undo and Redo would do."""
        actions = self.window.actions
        stack = self.history.stack
        reason = read_only_reason(self.store)
        self.banner.setVisible(reason is not None)
        self.window.detail_view.user_hooks.editable = reason is None
        if reason is not None:
            self.banner_label.setText(f"Editing is off: {reason}. You can read but not change it.")
        record = self.window.open_store.selected_event(self.window.view_state.selected)
        selected = record.state if record is not None else None
        writable = reason is None
        actions["undo"].setEnabled(writable and stack.canUndo())
        actions["redo"].setEnabled(writable and stack.canRedo())
        actions["undo"].setText("&Undo " + stack.undoText() if stack.canUndo() else "&Undo")
        actions["redo"].setText("&Redo " + stack.redoText() if stack.canRedo() else "&Redo")
        actions["new_event"].setEnabled(writable)
        for name in ("edit_event", "delete_event", "bookmark"):
            actions[name].setEnabled(writable and selected is not None)
        actions["revert_event"].setEnabled(writable and selected is not None and selected.edited)
        actions["bookmark"].setChecked(selected is not None and selected.bookmarked)
        actions["copy_citation"].setEnabled(selected is not None)
        actions["deleted_events"].setEnabled(writable)

    def writable(self) -> bool:
        """False for a store that cannot be written (double-click and the context menu ask
        here too, not only the disabled actions)."""
        return read_only_reason(self.store) is None

    def may_forget_history(self, other: str) -> bool:
        """Before another store is opened: True when there is no undo history to lose, or the
        user chose to open it anyway (Cancel keeps this store and its history)."""
        steps = self.history.stack.count()
        if steps == 0:
            return True
        edits_text = f"{steps} edit" if steps == 1 else f"{steps} edits"
        box = QMessageBox(QMessageBox.Icon.Question, "Open Another Store", "", parent=self.window)
        box.setObjectName("forget_history_question")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(
            f"Opening another store forgets the undo history of this one ({edits_text}): "
            "they stay saved, but can no longer be undone."
        )
        box.setInformativeText(f"Open {other}?")
        open_button = box.addButton("&Open", QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(open_button)
        self.message_box = box
        box.exec()
        return box.clickedButton() is open_button

    def _on_index_changed(self, _index: int) -> None:
        self.update_actions()

    def _on_selection_changed(self, _event_id: int | None, _origin: object) -> None:
        self.update_actions()

    def selected_state(self) -> edits.EventState | None:
        """The selected event with its revision, note and bookmark, as stored now (an edit
        names the revision it was made on)."""
        record = self.window.open_store.selected_event(self.window.view_state.selected)
        return edits.event_state(self.store, record.summary.key) if record else None

    def _on_store_changed(self, changes: Changes) -> None:
        if changes.opened:  # the steps name events of the store that was open
            self.history.stack.clear()
            self.history.revisions.clear()
        self._data_version = self._store_data_version()
        self.update_actions()

    # -- the Edit menu ----------------------------------------------------------------------

    def undo(self) -> None:
        """Edit > Undo."""
        self.history.undo()

    def redo(self) -> None:
        """Edit > Redo."""
        self.history.redo()

    def new_event(self) -> None:
        """Edit > New Event: the editor, empty; Save adds the event."""
        if not self.writable():
            return
        editor = EventEditor(self.store, None, self.window)
        self.window.open_store.prepare_for_edits()  # while the editor is on screen
        if editor.exec() and editor.result_event is not None:
            self.history.push(AddEvent(self.history, editor.result_event))
        self.window.open_store.drop_edit_buffers()

    def edit_event(self) -> None:
        """Edit > Edit Event: the editor over the selected event."""
        if not self.writable():
            return
        state = self.selected_state()
        if state is None:
            return
        editor = EventEditor(self.store, state, self.window)
        self.window.open_store.prepare_for_edits()
        if editor.exec() and editor.result_event is not None and editor.result_event != state.event:
            self.history.push(EditEvent(self.history, state, editor.result_event))
        self.window.open_store.drop_edit_buffers()

    def delete_event(self) -> None:
        """Edit > Delete Event: into Deleted events; Undo brings it back."""
        if not self.writable():
            return
        state = self.selected_state()
        if state is not None:
            command = DeleteEvents(self.history, [state.event.key], state.event.title)
            if self.history.push(command):
                self.window.statusBar().showMessage(
                    f"Deleted “{state.event.title}”. Undo, or restore it from Edit > Deleted"
                    " Events.",
                    8000,
                )

    def revert_event(self) -> None:
        """Edit > Revert to the Dataset's Version."""
        if not self.writable():
            return
        state = self.selected_state()
        if state is not None and state.edited:
            self.history.push(RevertEvent(self.history, state))

    def toggle_bookmark(self) -> None:
        """Edit > Bookmark (Ctrl+D)."""
        if not self.writable():
            return
        state = self.selected_state()
        if state is not None:
            on = not state.bookmarked
            self.history.push(SetBookmark(self.history, state.event.key, state.event.title, on))

    def copy_citation(self) -> None:
        """Edit > Copy Citation (Ctrl+C): title, date as written and sources."""
        state = self.selected_state()
        if state is not None:
            QGuiApplication.clipboard().setText(citation(state.event))
            self.window.statusBar().showMessage("Citation copied", 3000)

    def save_note(self, key: str, title: str, old: str, new: str) -> None:
        """A note typed in the details pane: saved as one undoable step per pause."""
        command = EditNote(self.history, key, title, old, new, self.window.detail_view)
        self.history.push(command)

    def restore(self, keys: list[str], title: str) -> bool:
        """Restore deleted events (from the Deleted events view), undoably."""
        return self.history.push(RestoreEvents(self.history, keys, title))

    def show_deleted_events(self) -> None:
        """Edit > Deleted Events…"""
        from explorer.ui.editing.deleted import DeletedEventsDialog

        DeletedEventsDialog(self, self.window).exec()

    def show_related(self) -> None:
        """Show Related > All in the Details Pane: the details pane, on its links."""
        self.window.detail_view.focus_first_link()

    def fill_bookmarks_menu(self) -> None:
        """The Bookmarks menu: each starred event, in time order, opens it."""
        menu = self.bookmarks_menu
        menu.clear()
        starred = edits.bookmarked_events(self.store)[:BOOKMARKS_SHOWN]
        if not starred:
            empty = menu.addAction("&No bookmarks yet: Edit > Bookmark (Ctrl+D) stars an event")
            empty.setEnabled(False)
        for number, summary in enumerate(starred, start=1):
            title = summary.title.replace("&", "&&")  # a title's & is text, not a mnemonic
            text = f"&{number} {title}" if number < 10 else title
            action = menu.addAction(f"{text} ({summary.when.display()})")
            action.triggered.connect(
                lambda _checked=False, event_id=summary.id: self.window.view_state.select(
                    event_id, origin=self
                )
            )

    # -- context menus ----------------------------------------------------------------------

    def _hook_panes(self) -> None:
        window = self.window
        self._timeline_viewport = window.timeline.viewport_widget()
        self._timeline_viewport.installEventFilter(self)
        window.timeline.installEventFilter(self)
        table = self._table = window.list_panel.table
        self._table_viewport = table.viewport()
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.DefaultContextMenu)
        table.installEventFilter(self)
        table.viewport().installEventFilter(self)
        for pane in (window.timeline, table):
            shortcut = QShortcut(QKeySequence("Shift+F10"), pane)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda pane=pane: self.show_context_menu(pane))

    def context_menu(self) -> QMenu:
        """The menu of the selected event: Edit, Delete, Bookmark, Copy Citation, Zoom to
        Event, Show Related."""
        actions = self.window.actions
        menu = QMenu(self.window)
        menu.setObjectName("event_context_menu")
        for name in ("edit_event", "delete_event", "bookmark", "copy_citation"):
            menu.addAction(actions[name])
        menu.addSeparator()
        zoom = QAction("&Zoom to Event", menu)
        zoom.triggered.connect(self.window.zoom_to_selection)
        zoom.setEnabled(self.window.view_state.selected is not None)
        menu.addAction(zoom)
        menu.addMenu(self.related_menu(menu))
        return menu

    def related_menu(self, parent: QMenu) -> QMenu:
        """Show Related: the selected event's related events grouped by relation ("decided
        at Warsaw Summit"), each selecting its event; disabled when there are none."""
        menu = QMenu("Show &Related", parent)
        menu.setObjectName("related_menu")
        record = self.window.open_store.selected_event(self.window.view_state.selected)
        linked = list(record.linked) if record is not None else []
        # by relation (what this event points at first), in time order within each
        linked.sort(key=lambda item: (not item.outgoing, item.label))
        for number, item in enumerate(linked[:RELATED_SHOWN], start=1):
            # an action's text is never rich text, but & would make a mnemonic
            title = item.other.title.replace("&", "&&")
            text = f"{item.label} {title} ({item.other.when.display()})"
            action = menu.addAction(f"&{number} {text}" if number < 10 else text)
            action.triggered.connect(
                lambda _checked=False, event_id=item.other.id: self.window.view_state.select(
                    event_id, origin=self
                )
            )
        if len(linked) > RELATED_SHOWN:
            menu.addSeparator()
            more = menu.addAction(f"&All {len(linked)} in the Details Pane")
            more.triggered.connect(self.show_related)
        menu.menuAction().setEnabled(bool(linked))
        return menu

    def show_context_menu(self, pane: QWidget, at: QPoint | None = None) -> QMenu:
        """Open the context menu over ``pane`` (at the selected event when from the keyboard)."""
        self.update_actions()
        if at is None:
            at = self._selected_point(pane)
        menu = self.context_menu()
        self.last_menu = menu
        menu.popup(pane.mapToGlobal(at))
        return menu

    def _selected_point(self, pane: QWidget) -> QPoint:
        selected = self.window.view_state.selected
        if pane is self.window.timeline and selected is not None:
            point = self.window.timeline.glyph_position(selected)
            if point is not None:
                return point
        if pane is self.window.list_panel.table:
            table = pane
            index = table.currentIndex()
            if index.isValid():
                return table.viewport().mapTo(table, table.visualRect(index).center())
        return pane.rect().center()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        # only the references kept at hand are compared: this runs for every event of the
        # window, also while its widgets are being destroyed
        kind = event.type()
        if kind == QEvent.Type.WindowActivate and watched is self.window:
            self.follow_other_windows()
        elif kind == QEvent.Type.Close and watched is self.window:
            self.window.detail_view.save_note()
        elif kind == QEvent.Type.MouseButtonDblClick:
            return self._double_click(watched, event.position().toPoint())
        elif kind == QEvent.Type.ContextMenu and isinstance(event, QContextMenuEvent):
            return self._context_event(watched, event)
        return False

    def _double_click(self, watched: QObject, pos: QPoint) -> bool:
        timeline = self.window.timeline
        if watched is self._timeline_viewport:
            found = timeline.event_at(self._timeline_viewport.mapTo(timeline, pos))
            if found is None:
                return False
            self.window.view_state.select(found, origin=self)
        elif watched is self._table_viewport:
            index = self._table.indexAt(pos)
            if not index.isValid():
                return False
            self._table.setCurrentIndex(index)
        else:
            return False
        QTimer.singleShot(0, self.edit_event)
        return True

    def _context_event(self, watched: QObject, event: QContextMenuEvent) -> bool:
        window = self.window
        keyboard = event.reason() == QContextMenuEvent.Reason.Keyboard
        if watched is self._timeline_viewport or watched is window.timeline:
            pane = window.timeline
            if watched is self._timeline_viewport and not keyboard:
                at = self._timeline_viewport.mapTo(pane, event.pos())
                found = pane.event_at(at)
                if found is not None:
                    window.view_state.select(found, origin=pane)
                self.show_context_menu(pane, at)
            else:
                self.show_context_menu(pane)
            return True
        table = self._table
        if watched is table or watched is self._table_viewport:
            if not keyboard:
                pos = (
                    event.pos()
                    if watched is table.viewport()
                    else table.viewport().mapFrom(table, event.pos())
                )
                index = table.indexAt(pos)
                if index.isValid():
                    table.setCurrentIndex(index)
                self.show_context_menu(table, table.viewport().mapTo(table, pos))
            else:
                self.show_context_menu(table)
            return True
        return False

    # -- failures and other windows -----------------------------------------------------------

    def _show_failure(self, message: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, "Not saved", message, parent=self.window)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setInformativeText(
            "Nothing of this change was kept; the window shows the store as it is."
        )
        self.message_box = box
        box.open()
        self.window.statusBar().showMessage(f"Not saved: {message}", 10000)
        # what the store holds now, whoever changed it
        self.window.open_store.notify(Changes(store_replaced=True, origin=self))
        self.update_actions()

    def _store_data_version(self) -> int:
        try:
            return self.store.execute("PRAGMA data_version").fetchone()[0]
        except (StoreError, sqlite3.ProgrammingError):  # closed or broken: not followed
            return -1

    def follow_other_windows(self) -> None:
        """Another window or program committed to this store: show what it holds now."""
        version = self._store_data_version()
        if version != self._data_version and version != -1:
            self._data_version = version
            self.window.open_store.follow_other_writers(origin=self)

    def _select_key(self, key: str | None) -> None:
        event_id = self.store.id_of(key) if key else None
        self.window.view_state.select(event_id, origin=self)
        self.update_actions()
