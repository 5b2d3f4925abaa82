"""The window's QActions and menus, and the Keyboard Shortcuts dialog generated from them."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMenu,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from explorer.domain.events import Lane

SK = QKeySequence.StandardKey
Keys = SK | str | tuple[str, ...] | None

# Keys the timeline handles itself (it has focus), and keys of the panes that are not actions.
# Shown in the dialog beside the actions.
TIMELINE_KEYS: tuple[tuple[str, str], ...] = (
    ("Left / Right", "Previous / next event in time, among the lanes shown"),
    ("Up / Down", "Nearest event in time in the lane above / below"),
    ("Home / End", "First / last event"),
    ("Page Up / Page Down", "Pan by one screen width"),
    ("+ / - (Ctrl+= / Ctrl+-)", "Zoom in / out around the current event"),
    ("0", "Fit all"),
    ("Shift+Z", "Zoom to the current event"),
    ("Enter", "Move into the details, onto the first link"),
)
PANE_KEYS: tuple[tuple[str, str], ...] = (
    ("Tab / Shift+Tab", "Next / previous control or link within a pane"),
    ("Enter or Space", "Follow the focused link in the details"),
    ("Escape", "From the details or the list, back to the timeline"),
    ("Down", "In the search box: move into the results"),
    ("Enter", "In the search box or the list: select and return to the timeline"),
)
LANE_SHORTCUTS = {lane: f"Ctrl+{i}" for i, lane in enumerate(Lane, start=1)}


@dataclass(frozen=True)
class Spec:
    """One action: its name (attribute on the window's ``actions``), menu text with mnemonic,
    keys, status tip and the window method it triggers."""

    name: str
    text: str
    keys: Keys
    tip: str
    slot: str
    checkable: bool = False


MENUS: tuple[tuple[str, tuple[Spec | None, ...]], ...] = (
    (
        "&File",
        (
            Spec("open_store", "&Open Store…", SK.Open, "Open another event store", "choose_store"),
            Spec(
                "import_events",
                "&Import Events…",
                "Ctrl+I",
                "Add the events of a CSV or JSON file to this store",
                "choose_import",
            ),
            Spec(
                "cancel_import",
                "&Cancel Import",
                None,  # Escape already means "back to the timeline"; Alt+F, C reaches it
                "Stop the running import; the store stays as it was",
                "cancel_import",
            ),
            Spec(
                "export_view",
                "&Export View as PNG or SVG…",
                "Ctrl+E",
                "Save the timeline as an image",
                "choose_export",
            ),
            None,
            Spec("quit", "&Quit", "Ctrl+Q", "Close Timeline Explorer", "close"),
        ),
    ),
    (
        "&Edit",
        (
            Spec("undo", "&Undo", SK.Undo, "Take back the last change", "editing.undo"),
            Spec("redo", "&Redo", SK.Redo, "Make the change taken back again", "editing.redo"),
            None,
            Spec(
                "new_event", "&New Event…", SK.New, "Add an event of your own", "editing.new_event"
            ),
            Spec(
                "edit_event",
                "&Edit Event…",
                "F2",
                "Change the selected event",
                "editing.edit_event",
            ),
            Spec(
                "delete_event",
                "&Delete Event",
                SK.Delete,
                "Delete the selected event (restorable from Deleted Events)",
                "editing.delete_event",
            ),
            Spec(
                "revert_event",
                "Re&vert to the Dataset's Version",
                None,
                "Replace your version of the selected event with the dataset's",
                "editing.revert_event",
            ),
            None,
            Spec(
                "bookmark",
                "&Bookmark",
                "Ctrl+D",
                "Star the selected event",
                "editing.toggle_bookmark",
                checkable=True,
            ),
            Spec(
                "copy_citation",
                "&Copy Citation",
                SK.Copy,
                "Copy the selected event's title, date as written and sources",
                "editing.copy_citation",
            ),
            None,
            Spec(
                "deleted_events",
                "Dele&ted Events…",
                None,
                "See and restore deleted events",
                "editing.show_deleted_events",
            ),
        ),
    ),
    (
        "&View",
        (
            Spec("fit_all", "Fit &All", "0", "Show the whole history", "fit_all"),
            Spec(
                "zoom_selection",
                "Zoom to &Selection",
                "Shift+Z",
                "Zoom to the selected event",
                "zoom_to_selection",
            ),
            Spec("zoom_in", "Zoom &In", SK.ZoomIn, "Zoom in", "zoom_in"),
            Spec("zoom_out", "Zoom &Out", SK.ZoomOut, "Zoom out", "zoom_out"),
            None,
            *(
                Spec(
                    f"lane_{lane.value}",
                    f"Lane &{i}: {lane.label}",
                    LANE_SHORTCUTS[lane],
                    f"Show or hide the lane {lane.label}",
                    "apply_lane_actions",
                    checkable=True,
                )
                for i, lane in enumerate(Lane, start=1)
            ),
            None,
            Spec(
                "full_screen",
                "F&ull Screen",
                SK.FullScreen,
                "Use the whole screen",
                "toggle_full_screen",
                checkable=True,
            ),
        ),
    ),
    (
        "&Go",
        (
            Spec("back", "&Back", SK.Back, "The previous selection", "go_back"),
            Spec("forward", "&Forward", SK.Forward, "The next selection", "go_forward"),
            None,
            Spec("find", "&Search Events…", SK.Find, "Search the events", "focus_search"),
            Spec(
                "where_am_i",
                "&Where Am I",
                "F7",
                "Say the dates in view, how many events they and the list hold, and the selection",
                "where_am_i",
            ),
            Spec("next_pane", "&Next Pane", "F6", "Timeline, list, details in turn", "next_pane"),
            Spec(
                "previous_pane",
                "&Previous Pane",
                "Shift+F6",
                "Details, list, timeline in turn",
                "previous_pane",
            ),
        ),
    ),
    (
        "&Help",
        (
            Spec(
                "shortcuts",
                "&Keyboard Shortcuts",
                SK.HelpContents,
                "Every key of the app",
                "show_shortcuts",
            ),
            Spec(
                "data_quality",
                "&Data Quality…",
                None,
                "What the data-quality check finds in this store, each opening its event",
                "show_data_quality",
            ),
            Spec("about", "&About Timeline Explorer", None, "Version and data", "show_about"),
        ),
    ),
)
COLOR_SCHEME_TEXT = (
    ("system", "Follow &System"),
    ("light", "&Light"),
    ("dark", "&Dark"),
)


class WindowActions:
    """Every QAction of the main window by name; ``scheme_actions`` switch the palette."""

    def __init__(self, window: QMainWindow) -> None:
        self.by_name: dict[str, QAction] = {}
        self.menus: list[QMenu] = []
        for title, specs in MENUS:
            menu = window.menuBar().addMenu(title)
            self.menus.append(menu)
            for spec in specs:
                if spec is None:
                    menu.addSeparator()
                    continue
                menu.addAction(self._action(window, spec))
            if title == "&View":
                self._add_scheme_menu(window, menu)

    def _action(self, window: QMainWindow, spec: Spec) -> QAction:
        action = QAction(spec.text, window)
        action.setObjectName(spec.name)
        if isinstance(spec.keys, SK):
            action.setShortcuts(QKeySequence.keyBindings(spec.keys))
        elif isinstance(spec.keys, str):
            action.setShortcut(QKeySequence(spec.keys))
        action.setStatusTip(spec.tip)
        action.setToolTip(spec.tip)
        action.setCheckable(spec.checkable)
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(lambda _checked=False, slot=spec.slot: _call(window, slot))
        window.addAction(action)  # shortcuts work even while the menu bar is hidden
        self.by_name[spec.name] = action
        return action

    def _add_scheme_menu(self, window: QMainWindow, view_menu: QMenu) -> None:
        menu = view_menu.addMenu("&Colours")
        group = QActionGroup(window)
        self.scheme_actions: dict[str, QAction] = {}
        for scheme, text in COLOR_SCHEME_TEXT:
            action = QAction(text, window, checkable=True)
            action.setObjectName(f"scheme_{scheme}")
            action.setStatusTip(f"Colours: {text.replace('&', '').lower()}")
            action.triggered.connect(lambda _c=False, s=scheme: window.set_color_scheme(s))
            group.addAction(action)
            menu.addAction(action)
            self.scheme_actions[scheme] = action
            self.by_name[f"scheme_{scheme}"] = action

    def insert(
        self,
        window: QMainWindow,
        menu_title: str,
        before: QAction | None,
        name: str,
        text: str,
        keys: SK | str | None,
        tip: str,
        run,
    ) -> QAction:
        """An action made as the menus' own are (window-wide shortcut, tips, named), put in the
        menu ``menu_title`` before ``before`` (None: at its end); ``run(window)`` acts."""
        action = QAction(text, window)
        action.setObjectName(name)
        if isinstance(keys, SK):
            action.setShortcuts(QKeySequence.keyBindings(keys))
        elif isinstance(keys, str):
            action.setShortcut(QKeySequence(keys))
        action.setStatusTip(tip)
        action.setToolTip(tip)
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(lambda _checked=False: run(window))
        window.addAction(action)
        menu = next(m for m in self.menus if m.title() == menu_title)
        menu.insertAction(before, action)
        self.by_name[name] = action
        return action

    def add_view_toggle(self, action: QAction) -> None:
        """Put a show/hide action (the toolbar's) in the View menu, above Full Screen."""
        view_menu = next(m for m in self.menus if m.title() == "&View")
        view_menu.insertAction(self.by_name["full_screen"], action)
        self.by_name[action.objectName()] = action

    def __getitem__(self, name: str) -> QAction:
        return self.by_name[name]

    def lane_action(self, lane: Lane) -> QAction:
        """The View action that shows or hides ``lane``."""
        return self.by_name[f"lane_{lane.value}"]


def _call(window: QMainWindow, slot: str) -> None:
    """Call ``slot`` on the window, or on one of its parts ('editing.undo')."""
    target: object = window
    for name in slot.split("."):
        target = getattr(target, name)
    target()


def menu_paths(menus: list[QMenu]) -> list[tuple[QAction, str, str]]:
    """(action, 'View > Colours > Dark', mnemonic route 'Alt+V, C, D') of every menu action."""
    found: list[tuple[QAction, str, str]] = []

    def walk(menu: QMenu, path: list[str], route: list[str]) -> None:
        for action in menu.actions():
            if action.isSeparator():
                continue
            here = [*path, _plain(action.text())]
            keys = [*route, _mnemonic(action.text())]
            if action.menu():
                walk(action.menu(), here, keys)
            else:
                found.append((action, " > ".join(here), ", ".join(k for k in keys if k)))

    for menu in menus:
        first = _mnemonic(menu.title())
        walk(menu, [_plain(menu.title())], [f"Alt+{first}" if first else ""])
    return found


def shortcut_text(action: QAction) -> str:
    """The action's shortcuts as the user types them, 'Alt+Left, Backspace'."""
    return ", ".join(s.toString(QKeySequence.SequenceFormat.NativeText) for s in action.shortcuts())


def _plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def _mnemonic(text: str) -> str:
    cleaned = text.replace("&&", "")
    at = cleaned.find("&")
    return cleaned[at + 1].upper() if 0 <= at < len(cleaned) - 1 else ""


class ShortcutsDialog(QDialog):
    """Help > Keyboard Shortcuts: generated from the actions themselves, so it cannot drift."""

    def __init__(self, menus: list[QMenu], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard Shortcuts")
        self.setAccessibleName("Keyboard shortcuts")
        self.setAccessibleDescription("Every key of the app: menu actions, timeline and panes")
        rows: list[tuple[str, str, str]] = []
        for action, path, route in menu_paths(menus):
            keys = shortcut_text(action)
            rows.append((path, keys or "—", route))
        rows += [(f"Timeline: {what}", keys, "") for keys, what in TIMELINE_KEYS]
        rows += [(f"Panes: {what}", keys, "") for keys, what in PANE_KEYS]
        self.table = QTableWidget(len(rows), 3, self)
        self.table.setHorizontalHeaderLabels(["Action", "Keys", "Through the menu"])
        self.table.setAccessibleName("Shortcuts")
        self.table.setAccessibleDescription("One row per action with its keys and menu route")
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(True)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for r, values in enumerate(rows):
            for c, value in enumerate(values):
                self.table.setItem(r, c, QTableWidgetItem(value))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        intro = QLabel("Menu actions work from anywhere in the window.", self)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(760, 560)

    def rows(self) -> list[tuple[str, str, str]]:
        """The table's rows as text (for tests and for copying)."""
        return [
            tuple(self.table.item(r, c).text() for c in range(3))
            for r in range(self.table.rowCount())
        ]
