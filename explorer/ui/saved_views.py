"""View > Save View… and the Views menu: saved views brought back, renamed and deleted."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QVBoxLayout,
)

from explorer.domain.events import Lane
from explorer.domain.views import MAX_NAME, SavedView
from explorer.store.errors import StoreError
from explorer.store.saved_views import delete_view, list_views, rename_view, save_view
from explorer.ui.dialogs import show_message


def current_view(window, name: str) -> SavedView:
    """What the window shows now, under ``name``."""
    state = window.view_state
    first, end = state.visible_range
    selected = window.store.summary(state.selected) if state.selected is not None else None
    return SavedView(
        name=name.strip(),
        first_day=first,
        end_day=end,
        lanes=tuple(lane.value for lane in Lane if lane in state.lanes),
        kinds=tuple(k.value for k, box in window.list_panel.kind_boxes.items() if box.isChecked()),
        search=window.list_panel.search_box.text().strip(),
        selected=selected.key if selected else None,
    )


def apply_view(window, view: SavedView) -> None:
    """Bring back the lanes, kinds, search, selection and range of ``view``."""
    state = window.view_state
    state.set_lanes(frozenset(Lane(value) for value in view.lanes))
    for kind, box in window.list_panel.kind_boxes.items():
        box.setChecked(kind.value in view.kinds)
    window.list_panel.search_box.setText(view.search)
    event_id = window.store.id_of(view.selected) if view.selected else None
    state.select(event_id, origin="saved view")
    # last: selecting may have moved the view to show the event
    state.set_visible_range(view.first_day, view.end_day, origin="saved view")
    window.statusBar().showMessage(f"View “{view.name}”", 4000)


class NameDialog(QDialog):
    """Asks for a view's name (and, to rename or delete, which view)."""

    def __init__(self, window, title: str, names: list[str] | None, with_name: bool) -> None:
        super().__init__(window)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        form = QFormLayout()
        self.which = None
        if names is not None:
            self.which = QComboBox(self)
            self.which.addItems(names)
            self.which.setAccessibleName("View")
            form.addRow("&View:", self.which)
        self.name = None
        if with_name:
            self.name = QLineEdit(self)
            self.name.setMaxLength(MAX_NAME)
            self.name.setAccessibleName("Name")
            form.addRow("&Name:", self.name)
            if self.which is not None:
                self.which.currentTextChanged.connect(self.name.setText)
                self.name.setText(self.which.currentText())
        self.problem = QLabel("", self)
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept_if_named)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def accept_if_named(self) -> None:
        """Accept unless the name is empty."""
        if self.name is not None and not self.name.text().strip():
            self.problem.setText("A view needs a name.")
            return
        self.accept()


def save_current_view(window) -> NameDialog:
    """View > Save View…: ask for a name, then save what the window shows."""
    dialog = NameDialog(window, "Save View", None, with_name=True)

    def save() -> None:
        view = current_view(window, dialog.name.text())
        try:
            replaced = save_view(window.store, view)
        except StoreError as exc:
            show_message(window, "The view could not be saved", str(exc), error=True)
            return
        done = "Replaced" if replaced else "Saved"
        window.statusBar().showMessage(f"{done} view “{view.name}”", 4000)

    dialog.accepted.connect(save)
    dialog.open()
    return dialog


def _names(window) -> list[str]:
    return [view.name for view in list_views(window.store)]


def rename_saved_view(window) -> NameDialog | None:
    """Views > Rename View…"""
    names = _names(window)
    if not names:
        return None
    dialog = NameDialog(window, "Rename View", names, with_name=True)

    def rename() -> None:
        try:
            rename_view(window.store, dialog.which.currentText(), dialog.name.text())
        except StoreError as exc:
            show_message(window, "The view could not be renamed", str(exc), error=True)

    dialog.accepted.connect(rename)
    dialog.open()
    return dialog


def delete_saved_view(window) -> NameDialog | None:
    """Views > Delete View…"""
    names = _names(window)
    if not names:
        return None
    dialog = NameDialog(window, "Delete View", names, with_name=False)
    dialog.accepted.connect(lambda: delete_view(window.store, dialog.which.currentText()))
    dialog.open()
    return dialog


def _fill_views_menu(window, menu: QMenu) -> None:
    """The saved views (numbered 1-9 for the keyboard), then Rename and Delete."""
    menu.clear()
    views = list_views(window.store)
    for number, view in enumerate(views, start=1):
        label = view.name.replace("&", "&&")
        text = f"&{number} {label}" if number <= 9 else label
        action = menu.addAction(text)
        action.setObjectName(f"view_{number}")
        action.setStatusTip(f"Bring back the view “{view.name}”")
        action.triggered.connect(lambda _c=False, v=view: apply_view(window, v))
    if views:
        menu.addSeparator()
    for name, text, run in (
        ("rename_view", "&Rename View…", rename_saved_view),
        ("delete_view", "&Delete View…", delete_saved_view),
    ):
        action = menu.addAction(text)
        action.setObjectName(name)
        action.setEnabled(bool(views))
        action.triggered.connect(lambda _c=False, run=run: run(window))
        window.actions.by_name[name] = action


def install_saved_views(window) -> QMenu:
    """View > Save View… and the Views menu (before Go), filled afresh each time it opens."""
    window.actions.insert(
        window,
        "&View",
        window.actions["full_screen"],
        "save_view",
        "Sa&ve View…",
        "Ctrl+Shift+S",
        "Save the range, lanes, kinds, search and selection under a name",
        save_current_view,
    )
    go_menu = next(m for m in window.actions.menus if m.title() == "&Go")
    menu = QMenu("Vie&ws", window)
    window.menuBar().insertMenu(go_menu.menuAction(), menu)
    window.actions.menus.insert(window.actions.menus.index(go_menu), menu)
    menu.aboutToShow.connect(lambda: _fill_views_menu(window, menu))
    _fill_views_menu(window, menu)
    return menu
