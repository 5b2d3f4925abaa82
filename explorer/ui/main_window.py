"""The main window: timeline on top, event list and details below, linked through one ViewState."""

from __future__ import annotations

import contextlib
from pathlib import Path

import numpy as np
from PySide6.QtCore import QEvent, QSize, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QSizeGrip,
    QSplitter,
    QWidget,
)

from explorer.domain.dates import END_DAY, FIRST_DAY, date_of
from explorer.domain.events import Changes, Lane
from explorer.locations import APP_NAME
from explorer.store.change_log import trim_change_log
from explorer.store.columns import KIND_ORDER, EventColumns, repack_if_stale
from explorer.store.errors import StoreError
from explorer.store.store import Store
from explorer.timeline.navigation import ZOOM_STEP
from explorer.ui import accessible, dialogs
from explorer.ui.actions import WindowActions
from explorer.ui.announce import announce
from explorer.ui.details.view import DetailView
from explorer.ui.editing.window_edits import WindowEditing
from explorer.ui.go_to_date import install_go_to_date
from explorer.ui.history import SelectionHistory
from explorer.ui.importer import WindowImport
from explorer.ui.list_panel import EventListPanel
from explorer.ui.open_store import OpenStore
from explorer.ui.palette import ColorSchemes
from explorer.ui.quality_dialog import DataQualityDialog
from explorer.ui.saved_views import install_saved_views
from explorer.ui.settings import Settings
from explorer.ui.timeline.widget import TimelineWidget
from explorer.ui.toolbar import MainToolBar
from explorer.ui.view_state import ViewState
from explorer.ui.window_outputs import install_output_actions

STATUS_DELAY_MS = 60
# the first start's split, in per cent for the first pane: the timeline gets a little more than
# half the height (its lanes need it beside the toolbar), the list a little more than half the width
FIRST_SHARE = {"main_splitter": 55, "lower_splitter": 50}


class MainWindow(QMainWindow):
    """The application's main window over one store."""

    def __init__(self, store: Store, settings: Settings) -> None:
        super().__init__()
        accessible.install()  # before any pane is asked for its accessible interface
        self.settings = settings
        self.setObjectName("main_window")
        self.setAccessibleName(APP_NAME)
        self.setAccessibleDescription("Timeline of NATO–Afghanistan relations with event details")
        self.open_store = OpenStore(store, self)
        self.view_state = ViewState(self)
        # first of all: another store's panes must not look up the old store's selection
        self.open_store.changed.connect(self._on_store_changed)
        self.history = SelectionHistory(self.open_store, self.view_state, self)
        self.timeline = TimelineWidget(self.open_store, self.view_state, self)
        _name_timeline(self.timeline)
        self.list_panel = EventListPanel(self.open_store, self.view_state, self)
        self.detail_view = DetailView(self.open_store, self.view_state, self)
        self._build_layout()
        self._build_status_bar()
        self.actions = WindowActions(self)
        install_output_actions(self)
        install_go_to_date(self)
        install_saved_views(self)
        self.toolbar = MainToolBar(self.actions.__getitem__, self)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.toolbar)
        self.actions.add_view_toggle(self.toolbar.toggleViewAction())
        self.quality_dialog: DataQualityDialog | None = None
        self.editing = WindowEditing(self)
        self.importer = WindowImport(self)
        self.actions["cancel_import"].setEnabled(False)  # only while an import runs
        self._build_pane_keys()
        self._connect()
        self._update_title()
        self._restore()
        self.editing.update_actions()

    @property
    def store(self) -> Store:
        """The store the window shows (File > Open Store replaces it)."""
        return self.open_store.store

    @property
    def columns(self) -> EventColumns:
        """The open store's columns, shared by every pane."""
        return self.open_store.columns

    # -- building ----------------------------------------------------------------------------

    def _build_layout(self) -> None:
        self.lower_splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.lower_splitter.setObjectName("lower_splitter")
        self.lower_splitter.setAccessibleName("List and details")
        self.lower_splitter.setAccessibleDescription("Drag the handle to share the width")
        self.lower_splitter.addWidget(self.list_panel)
        self.lower_splitter.addWidget(self.detail_view)
        self.lower_splitter.setStretchFactor(0, 5)
        self.lower_splitter.setStretchFactor(1, 4)
        self.main_splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.main_splitter.setObjectName("main_splitter")
        self.main_splitter.setAccessibleName("Timeline and panes")
        self.main_splitter.setAccessibleDescription("Drag the handle to share the height")
        self.main_splitter.addWidget(self.timeline)
        self.main_splitter.addWidget(self.lower_splitter)
        self.main_splitter.setStretchFactor(0, 1)
        self.main_splitter.setStretchFactor(1, 1)
        for splitter in (self.main_splitter, self.lower_splitter):
            splitter.setChildrenCollapsible(False)
        self.main_splitter.handle(1).setAccessibleName("Resize the timeline and the panes below")
        self.lower_splitter.handle(1).setAccessibleName("Resize the list and the details")
        self.setCentralWidget(self.main_splitter)
        self.setTabOrder(self.timeline, self.list_panel.search_box)

    def _build_status_bar(self) -> None:
        self.range_label = QLabel(self)
        self.range_label.setTextFormat(Qt.TextFormat.PlainText)
        # no accessible name of its own: a reader reads the dates and count it shows
        self.range_label.setAccessibleDescription("The dates in view and how many events they hold")
        self.statusBar().addPermanentWidget(self.range_label)
        # events another program wrote with values this app cannot read: skipped, and said so
        self.skipped_label = QLabel(self)
        self.skipped_label.setObjectName("skipped_events")
        self.skipped_label.setTextFormat(Qt.TextFormat.PlainText)
        self.skipped_label.setStyleSheet(
            "QLabel { color: palette(highlighted-text); background: #b3261e; padding: 1px 6px; }"
        )
        self.statusBar().addWidget(self.skipped_label)
        self._update_skipped()
        self.statusBar().setAccessibleName("Status bar")
        self.statusBar().setAccessibleDescription("Visible date range and events in view")
        grip = self.statusBar().findChild(QSizeGrip)
        if grip is not None:
            grip.setAccessibleName("Resize the window")
        self._status_timer = QTimer(self, singleShot=True, interval=STATUS_DELAY_MS)
        self._status_timer.timeout.connect(self._update_status)
        # after the timeline: it fits a newly opened store before the status counts the view
        self.open_store.changed.connect(self._status_after_change)

    def _status_after_change(self, changes: Changes) -> None:
        # an edit: counted on the next turn of the loop, once the timeline shows it
        if changes.names_rows:
            self._status_timer.start()
        else:
            self._update_status()

    def _build_pane_keys(self) -> None:
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._pane_shortcut(key, self.timeline, self.detail_view.focus_start)
        for pane in (self.detail_view, self.list_panel):
            self._pane_shortcut(Qt.Key.Key_Escape, pane, self.focus_timeline)

    @staticmethod
    def _pane_shortcut(key: Qt.Key, pane: QWidget, slot) -> QShortcut:
        """A key that works only while the focus is inside ``pane``."""
        shortcut = QShortcut(QKeySequence(key), pane)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(slot)
        return shortcut

    def _connect(self) -> None:
        state = self.view_state
        state.selection_changed.connect(self._on_selection_changed)
        state.visible_range_changed.connect(lambda *_: self._status_timer.start())
        state.lanes_changed.connect(self._on_lanes_changed)
        state.period_changed.connect(self._on_period_changed)
        state.kinds_changed.connect(lambda _kinds: self._status_timer.start())
        self.list_panel.activated.connect(self.focus_timeline)
        self.history.changed.connect(self._update_history_actions)
        self._update_history_actions()

    # -- settings ------------------------------------------------------------------------------

    def _restore(self) -> None:
        settings = self.settings
        schemes = ColorSchemes.of(QApplication.instance())
        self.actions.scheme_actions[settings.color_scheme].setChecked(True)
        schemes.apply(settings.color_scheme)  # "system" too: it lifts unreadable text pairs
        if settings.window_geometry is None or not self.restoreGeometry(settings.window_geometry):
            self.resize(_first_size(self.screen().availableGeometry().size()))
        if settings.window_state is not None:
            self.restoreState(settings.window_state)
        for name, splitter in (("main", self.main_splitter), ("lower", self.lower_splitter)):
            sizes = settings.splitter_sizes(name)
            if sizes and len(sizes) == splitter.count():
                splitter.setSizes(sizes)
            else:
                length = max(self.height() if splitter is self.main_splitter else self.width(), 600)
                first = length * FIRST_SHARE[splitter.objectName()] // 100
                splitter.setSizes([first, length - first])
        lanes = settings.lanes
        self.view_state.set_lanes(lanes if lanes is not None else frozenset(Lane))
        self._on_lanes_changed(self.view_state.lanes)
        visible = settings.visible_range
        if visible is not None:
            self.view_state.set_visible_range(*visible, origin=self)
        key = settings.selected_event
        event_id = self.store.id_of(key) if key else None
        if event_id is not None:
            self.view_state.select(event_id, origin=self)
        self._update_status()
        self.timeline.setFocus(
            Qt.FocusReason.OtherFocusReason
        )  # the keyboard starts on the timeline

    def save_settings(self) -> None:
        """Remember geometry, splitters, visible range, lanes and selection for the next start."""
        settings = self.settings
        settings.window_geometry = self.saveGeometry()
        settings.window_state = self.saveState()
        settings.set_splitter_sizes("main", self.main_splitter.sizes())
        settings.set_splitter_sizes("lower", self.lower_splitter.sizes())
        settings.visible_range = self.view_state.visible_range
        settings.lanes = self.view_state.lanes
        selected = self.view_state.selected
        record = self.open_store.selected_event(selected)
        settings.selected_event = record.summary.key if record else None
        settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        self.importer.stop()  # a running import is cancelled and its thread joined
        if self.quality_dialog is not None:
            self.quality_dialog.stop()  # a running data-quality check too
        self.save_settings()
        # locked by another writer or the disk is full: the next start reads the events instead
        with contextlib.suppress(StoreError):
            repack_if_stale(self.store)
            trim_change_log(self.store)
        super().closeEvent(event)

    # -- linking ---------------------------------------------------------------------------------

    def _on_selection_changed(self, event_id: int | None, origin: object) -> None:
        """Bring a selection made outside the timeline into view (showing its lane if hidden)."""
        record = self.open_store.selected_event(event_id)
        if record is None or origin is self.timeline:
            return
        summary = record.summary
        lane = summary.kind.lane
        if lane not in self.view_state.lanes:
            self.view_state.set_lanes(self.view_state.lanes | {lane})
        start, end = self.view_state.visible_range
        first, last = summary.when.start_day, summary.when.end_day
        if last <= start or first >= end:
            half = (end - start) / 2
            middle = (first + last) / 2
            self.view_state.set_visible_range(middle - half, middle + half, origin=self)

    def _on_store_changed(self, changes: Changes) -> None:
        """Another store was opened: nothing of the old one is selected, the title names it."""
        if changes.opened:
            self.view_state.select(None, origin=self)
            self._update_title()
        if not changes.names_rows:
            # an edit writes only rows the app can read: the count of unreadable ones stays
            self._update_skipped()

    def _on_lanes_changed(self, lanes: frozenset[Lane]) -> None:
        for lane in Lane:
            self.actions.lane_action(lane).setChecked(lane in lanes)
        self._status_timer.start()

    def _on_period_changed(self, period) -> None:
        """The From/To filter: the timeline shows that period; cleared, the whole story."""
        if period is None:
            self.fit_all()
        else:
            self.view_state.set_visible_range(period.start_day, period.end_day, origin=self)
        self._status_timer.start()

    def apply_lane_actions(self) -> None:
        """Show the lanes whose View action is checked."""
        lanes = frozenset(lane for lane in Lane if self.actions.lane_action(lane).isChecked())
        self.view_state.set_lanes(lanes)

    def _update_skipped(self) -> None:
        skipped = self.store.count() - len(self.columns)
        self.skipped_label.setVisible(skipped > 0)
        self.skipped_label.setText(
            f"{skipped:,} event{'s' if skipped != 1 else ''} of this store cannot be read and "
            f"{'are' if skipped != 1 else 'is'} not shown; run 'check' to see which"
        )

    def _update_status(self) -> None:
        start, end = self.view_state.visible_range
        rows = self.columns.window(start, end)
        # counted as the list counts them: shown lanes, kinds the filter keeps
        shown = [
            KIND_ORDER.index(k) for k in self.view_state.kinds if k.lane in self.view_state.lanes
        ]
        count = int(np.isin(self.columns.kind[rows], np.array(shown, np.uint8)).sum())
        first = date_of(int(np.clip(start, FIRST_DAY, END_DAY - 1)))
        last = date_of(int(np.clip(np.ceil(end) - 1, FIRST_DAY, END_DAY - 1)))  # end exclusive
        period = self.view_state.period
        filtered = f"Dates {period.label()} · " if period is not None else ""
        self.range_label.setText(
            f"{filtered}{first.day} {first:%b %Y} – {last.day} {last:%b %Y} · "
            f"{count:,} event{'s' if count != 1 else ''} in view"
        )

    def _update_history_actions(self) -> None:
        self.actions["back"].setEnabled(self.history.can_go_back)
        self.actions["forward"].setEnabled(self.history.can_go_forward)

    def _update_title(self) -> None:
        self.setWindowTitle(f"{Path(self.store.path).name} — {APP_NAME}")
        self.setWindowFilePath(str(self.store.path))

    # -- actions -----------------------------------------------------------------------------------

    def fit_all(self) -> None:
        """View > Fit All."""
        self.timeline.fit_all()
        self.timeline.announce_view()

    def zoom_to_selection(self) -> None:
        """View > Zoom to Selection."""
        self.timeline.zoom_to_selection()
        self.timeline.announce_view()

    def zoom_in(self) -> None:
        """View > Zoom In."""
        self.timeline.zoom_by(ZOOM_STEP)
        self.timeline.announce_view()

    def zoom_out(self) -> None:
        """View > Zoom Out."""
        self.timeline.zoom_by(1 / ZOOM_STEP)
        self.timeline.announce_view()

    def toggle_full_screen(self) -> None:
        """View > Full Screen."""
        self.showNormal() if self.isFullScreen() else self.showFullScreen()

    def set_color_scheme(self, scheme: str) -> None:
        """View > Colours: follow the system, or our light or dark palette."""
        self.settings.color_scheme = scheme
        ColorSchemes.of(QApplication.instance()).apply(scheme)

    def go_back(self) -> None:
        """Go > Back."""
        self.history.back()

    def go_forward(self) -> None:
        """Go > Forward."""
        self.history.forward()

    def focus_search(self) -> None:
        """Go > Find: focus the search box."""
        self.list_panel.focus_search()

    def where_am_i(self) -> None:
        """Go > Where Am I (F7): say (and show) the dates in view, the counts and the selection."""
        announce(self, self.where_text(), assertive=True)
        self.statusBar().showMessage(self.where_text(), 10_000)

    def where_text(self) -> str:
        """'Showing 1 Jan 2016 – 31 Dec 2016, 12 events. List: 12 events in view. Selected:
        Warsaw Summit, summit, 8–9 July 2016, 3 of 5 in Summits and meetings.'"""
        parts = [self.timeline.view_text(), f"List: {self.list_panel.result_label.text()}"]
        record = self.open_store.selected_event(self.view_state.selected)
        if record is None:
            parts.append("Nothing selected")
        else:
            place = self.timeline.place_text(record.summary.id)
            parts.append(f"Selected: {record.summary.accessible_text()}, {place}")
        return ". ".join(parts) + "."

    def focus_timeline(self) -> None:
        """Put keyboard focus on the timeline."""
        self.timeline.setFocus(Qt.FocusReason.OtherFocusReason)

    def panes(self) -> list[QWidget]:
        """The panes F6 cycles through, in order."""
        return [self.timeline, self.list_panel, self.detail_view]

    def next_pane(self, step: int = 1) -> None:
        """Go > Next Pane (F6): timeline, list, details in turn."""
        panes = self.panes()
        focus = QApplication.focusWidget()
        here = next((i for i, p in enumerate(panes) if p is focus or p.isAncestorOf(focus)), -1)
        target = panes[(here + step) % len(panes)]
        if target is self.detail_view:
            self.detail_view.focus_start()
        elif target is self.list_panel:
            table = self.list_panel.table
            (table if table.model().rowCount() else self.list_panel.search_box).setFocus(
                Qt.FocusReason.OtherFocusReason
            )
        else:
            self.focus_timeline()

    def previous_pane(self) -> None:
        """Go > Previous Pane (Shift+F6)."""
        self.next_pane(-1)

    def show_shortcuts(self) -> None:
        """Help > Keyboard Shortcuts."""
        dialogs.show_shortcuts(self)

    def show_data_quality(self) -> None:
        """Help > Data Quality…: the findings of the check, each opening its event."""
        if self.quality_dialog is None:
            self.quality_dialog = DataQualityDialog(self.open_store, self.view_state, self)
        self.quality_dialog.show()
        self.quality_dialog.activateWindow()

    def show_about(self) -> None:
        """Help > About."""
        dialogs.show_about(self)

    def choose_store(self) -> None:
        """File > Open Store…"""
        dialogs.choose_store(self)

    def choose_export(self) -> None:
        """File > Export View…"""
        dialogs.choose_export(self)

    def choose_import(self) -> None:
        """File > Import Events…"""
        self.importer.choose()

    def cancel_import(self) -> None:
        """File > Cancel Import: roll the running import back."""
        self.importer.cancel()

    def import_file(self, path: Path) -> bool:
        """Import a CSV or JSON file in the background; False while another import runs."""
        return self.importer.start(path)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() == QEvent.Type.WindowStateChange and hasattr(self, "actions"):
            self.actions["full_screen"].setChecked(self.isFullScreen())


def _name_timeline(timeline: QWidget) -> None:
    """Give the timeline, and any focusable part of it still unnamed, a name and description."""
    timeline.setAccessibleName(timeline.accessibleName() or "Timeline")
    if not timeline.accessibleDescription():
        timeline.setAccessibleDescription(
            "Events in lanes over time; arrow keys move between events"
        )
    for part in timeline.findChildren(QWidget):
        if part.focusPolicy() & Qt.FocusPolicy.TabFocus and not part.accessibleName():
            owner = part.parentWidget()
            part.setAccessibleName(owner.accessibleName() or timeline.accessibleName())
            part.setAccessibleDescription(
                owner.accessibleDescription() or timeline.accessibleDescription()
            )


def _first_size(available: QSize) -> QSize:
    """The window's size on the very first start: the whole of a small screen, most of a big one."""
    if available.width() <= 1440:
        return available
    return QSize(max(1366, available.width() * 4 // 5), max(768, available.height() * 4 // 5))
