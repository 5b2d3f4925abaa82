"""The list pane: search box, kind filters and the event table, linked through the ViewState."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from explorer.domain.date_query import DateInterval
from explorer.domain.events import Changes, EventKind
from explorer.domain.search_query import SearchQuery, parse_search
from explorer.store.edits import bookmarked_ids
from explorer.ui.announce import announce
from explorer.ui.event_list import (
    DATE,
    KIND,
    MARK,
    MATCH,
    RANKED,
    TITLE,
    EventListModel,
    kind_codes,
)
from explorer.ui.match_delegate import MatchDelegate
from explorer.ui.open_store import OpenStore
from explorer.ui.period_filter import PeriodFilter
from explorer.ui.view_state import ViewState

SEARCH_DELAY_MS = 150
WINDOW_DELAY_MS = 80
SEARCH_LIMIT = 2000
DATE_COLUMN_SAMPLE = "11 August 2003 – 31 December 2014"
_SHORT_KIND = {
    EventKind.SUMMIT: "Summits",
    EventKind.LEADERS_MEETING: "Leaders",
    EventKind.MINISTERIAL_MEETING: "Ministerial",
    EventKind.MISSION_MILESTONE: "Milestones",
    EventKind.TROOP_LEVEL_CHANGE: "Troops",
    EventKind.FUND: "Funds",
    EventKind.AGREEMENT: "Agreements",
    EventKind.UN_RESOLUTION: "UN res.",
    EventKind.VISIT: "Visits",
    EventKind.OTHER: "Other",
}
_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
# the search box's tooltip (markup of our own; nothing from a store goes in it)
SEARCH_HELP = (
    "<p>Words are looked for in every field an event's pane shows: title, summary, place, "
    "level, participants, decisions, mission, fund administrator and purpose, related events "
    "and sources. Word forms match (increase, increased), as do the words sources use for a "
    "change of size (increase finds enlarge, grow). A number matches with or without "
    "thousands separators (16000, 16,000).</p>"
    "<p><b>Dates</b> narrow the list to what overlaps them and show that period: "
    "<tt>2020</tt>, <tt>Aug 2021</tt>, <tt>8 July 2016</tt>, <tt>2014-2016</tt>, "
    "<tt>2014..2021</tt>, <tt>2016-07-08</tt>; with words: <tt>2020 defence</tt>. "
    'Put a date in quotes to search for it as words: <tt>"2020"</tt>.</p>'
    "<p><b>Fields</b>: <tt>kind:summit</tt> (or <tt>kind:meeting</tt>, <tt>kind:troop</tt>), <tt>place:Brussels</tt>, <tt>source:UNDP</tt>, "
    "<tt>title:</tt>, <tt>summary:</tt>, <tt>details:</tt>, <tt>related:</tt>; "
    'a phrase in quotes: <tt>"legal basis"</tt>.</p>'
)


class EventListPanel(QWidget):
    """Events in view (or matching the search) as a sortable, accessible table."""

    activated = Signal()  # Enter on a row or in the search box: focus goes back to the timeline

    def __init__(self, open_store: OpenStore, view_state: ViewState, parent=None) -> None:
        super().__init__(parent)
        self._open_store, self._view_state = open_store, view_state
        self._following = False  # True while we mirror a selection made elsewhere
        self._search_announced = False
        self.setAccessibleName("Event list")
        self.setAccessibleDescription("Search box, kind filters and the list of events")
        self.search_box = self._build_search_box()
        self.date_line, self.date_label, self.date_as_text = self._build_date_line()
        self.kind_boxes = self._build_kind_boxes()
        self.period_filter = PeriodFilter(view_state, self)
        self.bookmarked_box = QCheckBox("★ Bookmarked", self)
        self.bookmarked_box.setAccessibleName("Bookmarked, show only bookmarked events")
        self.bookmarked_box.setAccessibleDescription("List only the events you starred (Ctrl+D)")
        self.bookmarked_box.toggled.connect(lambda _on: self._follow_filters())
        self.result_label = QLabel(self)
        self.result_label.setTextFormat(Qt.TextFormat.PlainText)
        # no accessible name of its own: a reader reads the count it shows
        self.result_label.setAccessibleDescription("How many events the list shows")
        self.model = EventListModel(open_store.store, self)
        self.table = self._build_table()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.search_box)
        layout.addWidget(self.date_line)
        kinds = QGridLayout()
        kinds.setHorizontalSpacing(12)
        kinds.setVerticalSpacing(2)
        for i, box in enumerate(self.kind_boxes.values()):
            kinds.addWidget(box, i // 5, i % 5)
        kinds.addWidget(self.bookmarked_box, 0, 5)
        layout.addLayout(kinds)
        layout.addWidget(self.period_filter)
        layout.addWidget(self.result_label)
        layout.addWidget(self.table, 1)

        self._search_timer = self._single_shot(SEARCH_DELAY_MS, self._run_search)
        self._window_timer = self._single_shot(WINDOW_DELAY_MS, self._refresh)
        self._edit_timer = self._single_shot(0, self._run_search)
        self.search_box.textChanged.connect(self._search_timer.start)
        view_state.visible_range_changed.connect(self._on_range_changed)
        view_state.lanes_changed.connect(lambda _lanes: self._refresh())
        view_state.kinds_changed.connect(self._follow_kinds)
        view_state.selection_changed.connect(self._on_selection_changed)
        view_state.period_changed.connect(lambda _period: self._follow_filters())
        open_store.changed.connect(self._on_store_changed)
        self._refresh()

    # -- building ----------------------------------------------------------------------------

    def _build_search_box(self) -> QLineEdit:
        box = QLineEdit(self)
        box.setPlaceholderText("Search events: words, a date, place:… (Ctrl+F)")
        box.setToolTip(SEARCH_HELP)
        box.setClearButtonEnabled(True)
        box.setAccessibleName("Search events")
        box.setAccessibleDescription(
            "Full-text search of every field a pane shows, and dates such as 2020 or Aug 2021; "
            "the list shows the matches and the timeline dims the rest. "
            "Down moves into the results, Enter selects and returns to the timeline."
        )
        box.installEventFilter(self)
        return box

    def _build_date_line(self) -> tuple[QWidget, QLabel, QToolButton]:
        """The line under the search box saying which words were read as a date."""
        line = QWidget(self)
        row = QHBoxLayout(line)
        row.setContentsMargins(0, 0, 0, 0)
        label = QLabel(line)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setAccessibleName("Date read from the search")
        as_text = QToolButton(line)
        as_text.setText("Search as words")
        as_text.setToolTip("Search for these words instead of the dates (puts them in quotes)")
        as_text.setAccessibleName("Search the date as words")
        as_text.clicked.connect(self.search_date_as_words)
        row.addWidget(label, 1)
        row.addWidget(as_text)
        line.hide()
        return line, label, as_text

    def _build_kind_boxes(self) -> dict[EventKind, QCheckBox]:
        boxes = {}
        for kind in EventKind:
            box = QCheckBox(_SHORT_KIND[kind], self)
            box.setChecked(True)
            # the name starts with what the box shows, so voice control finds it by that
            box.setAccessibleName(f"{_SHORT_KIND[kind]}, {kind.label} events")
            box.setAccessibleDescription(f"Include events of kind {kind.label} in the list")
            box.toggled.connect(self._on_kinds_changed)
            boxes[kind] = box
        return boxes

    def _build_table(self) -> QTableView:
        table = QTableView(self)
        table.setModel(self.model)
        table.setAccessibleName("Events")
        table.setAccessibleDescription(
            "The events in view or matching the search, with the same selection as the "
            "timeline; sort by date or kind with the column headers"
        )
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setTabKeyNavigation(False)  # Tab leaves the table, arrows move within it
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.setSortingEnabled(True)
        table.sortByColumn(DATE, Qt.SortOrder.AscendingOrder)
        table.verticalHeader().hide()
        metrics = table.fontMetrics()
        table.verticalHeader().setDefaultSectionSize(metrics.height() + 8)
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = table.horizontalHeader()
        header.setStretchLastSection(True)
        # room for a range of two whole dates; a longer one is elided, its tooltip whole
        header.resizeSection(DATE, metrics.horizontalAdvance(DATE_COLUMN_SAMPLE) + 16)
        header.resizeSection(MARK, metrics.horizontalAdvance("★ edited__"))
        # the narrow Yours column stands before the title, so that the last column, which
        # stretches, is the title (or the Match column while searching), never the marks
        header.moveSection(header.visualIndex(MARK), header.visualIndex(TITLE))
        header.resizeSection(KIND, metrics.horizontalAdvance("ministerial meeting__"))
        header.setSectionsClickable(True)
        header.resizeSection(TITLE, metrics.horizontalAdvance("x") * 30)
        table.setItemDelegateForColumn(MATCH, MatchDelegate(table))
        table.setColumnHidden(MATCH, True)
        table.selectionModel().currentRowChanged.connect(self._on_current_row_changed)
        table.doubleClicked.connect(lambda _index: self.activated.emit())
        table.installEventFilter(self)
        return table

    def _single_shot(self, delay: int, slot) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(delay)
        timer.timeout.connect(slot)
        return timer

    # -- filling -----------------------------------------------------------------------------

    def _on_store_changed(self, changes: Changes) -> None:
        """Events changed or another store opened: the rows are read again (the search is
        kept and re-run). After an edit that happens on the next turn of the event loop, so
        the timeline shows the edit first."""
        if not changes.any:
            return
        if changes.names_rows:
            self._edit_timer.start()
            return
        self.model.set_store(self._open_store.store)
        self._run_search()

    def checked_kinds(self) -> set[EventKind]:
        """Kinds ticked in the filter and drawn in a lane that is shown."""
        lanes = self._view_state.lanes
        return {k for k in self._view_state.kinds if k.lane in lanes}

    @property
    def searching(self) -> bool:
        """True while the search box holds words."""
        return bool(self.search_box.text().strip())

    def _on_kinds_changed(self) -> None:
        """A box was ticked: the filter is shared, so the timeline and status bar follow."""
        kinds = frozenset(k for k, box in self.kind_boxes.items() if box.isChecked())
        self._view_state.set_kinds(kinds)

    def _follow_kinds(self, kinds) -> None:
        for kind, box in self.kind_boxes.items():
            if box.isChecked() != (kind in kinds):
                box.blockSignals(True)
                box.setChecked(kind in kinds)
                box.blockSignals(False)
        self._follow_filters()

    def _follow_filters(self) -> None:
        """The kinds or the From/To period changed: list again under the new filters."""
        self._run_search() if self.searching else self._refresh()

    def _on_range_changed(self, _start: float, _end: float, origin: object) -> None:
        if origin is not self and not self.searching:
            self._window_timer.start()

    def _run_search(self) -> None:
        text = self.search_box.text().strip()
        query = parse_search(text) if text else None
        self._show_date(query)
        if query is None or query.is_empty:
            self._view_state.set_search_matches(None)
            self.table.setColumnHidden(MATCH, True)
            self._sort_by(DATE)  # back to time order, as the window lists events
            self._refresh()
            return
        if query.interval is not None:
            self._view_state.set_visible_range(
                query.interval.start_day, query.interval.end_day, origin=self
            )
        if not query.terms:  # a date or kind alone: those events, as the window lists them
            self._view_state.set_search_matches(None)
            self.table.setColumnHidden(MATCH, True)
            period = query.interval
            start, end = (period.start_day, period.end_day) if period else (-np.inf, np.inf)
            self._list_window(start, end, period, query.kinds)
            return
        hits = self._open_store.store.search(
            self._within_period(query), limit=SEARCH_LIMIT, kinds=self.checked_kinds()
        )
        if self.bookmarked_box.isChecked():
            starred = bookmarked_ids(self._open_store.store)
            hits = [h for h in hits if h.id in starred]
        self._view_state.set_search_matches(frozenset(h.id for h in hits))
        if self.table.isColumnHidden(MATCH):  # a search begins: best match first
            self.table.setColumnHidden(MATCH, False)
            self._sort_by(RANKED)
        self._show(lambda: self.model.set_summaries(hits, query))
        more = " (the first ones)" if len(hits) == SEARCH_LIMIT else ""
        if not hits:
            self.result_label.setText(f"No events match “{text}”")
        else:
            found = f"{len(hits):,} match{'es' if len(hits) != 1 else ''}"
            self.result_label.setText(f"{found} for “{text}”{more}")
        announce(self.search_box, self.result_label.text())

    def _sort_by(self, column: int) -> None:
        """Sort the list by ``column`` (RANKED: as the search ranked it, no header marked)."""
        if self.model.sort_column == column:
            return
        header = self.table.horizontalHeader()
        header.blockSignals(True)  # the model is sorted below, once
        header.setSortIndicator(column, Qt.SortOrder.AscendingOrder)
        header.blockSignals(False)
        self.model.sort(column, Qt.SortOrder.AscendingOrder)

    def _within_period(self, query: SearchQuery) -> SearchQuery:
        """The query narrowed to the From/To filter's period as well as its own date."""
        period = self._view_state.period
        if period is None:
            return query
        interval = period if query.interval is None else query.interval
        start = max(period.start_day, interval.start_day)
        end = max(start, min(period.end_day, interval.end_day))
        return replace(query, interval=DateInterval(start, end, interval.text))

    def _show_date(self, query: SearchQuery | None) -> None:
        interval = query.interval if query else None
        if interval is None:
            self.date_line.hide()
            return
        self.date_label.setText(f"“{interval.text}” read as a date: {interval.label()}")
        self.date_line.show()

    def search_date_as_words(self) -> None:
        """Put the words read as a date in quotes, so the search looks for them as words."""
        query = parse_search(self.search_box.text())
        if query.interval is None:
            return
        text = self.search_box.text()
        at = text.find(query.interval.text)
        if at < 0:
            return
        quoted = f'"{query.interval.text}"'
        self.search_box.setText(text[:at] + quoted + text[at + len(query.interval.text) :])
        self._search_timer.stop()
        self._run_search()

    def _refresh(self) -> None:
        if self.searching:
            self._run_search()
            return
        start, end = self._view_state.visible_range
        self._list_window(start, end)

    def _list_window(
        self,
        start: float,
        end: float,
        period: DateInterval | None = None,
        kinds: frozenset[EventKind] | None = None,
    ) -> None:
        """List the events overlapping ``[start, end)`` (the visible window, a period or all
        time) of the kinds ticked (and of ``kinds``, when a search names some)."""
        shown_kinds = self.checked_kinds() if kinds is None else self.checked_kinds() & kinds
        columns = self._open_store.columns
        period = self._view_state.period
        if period is not None:  # the From/To filter holds wherever the timeline is
            start, end = max(start, period.start_day), min(end, period.end_day)
        rows = columns.window(start, end) if end > start else np.zeros(0, np.int64)
        if len(shown_kinds) < len(
            EventKind
        ):  # the mask costs time on a million rows: only when needed
            rows = rows[np.isin(columns.kind[rows], kind_codes(shown_kinds))]
        if self.bookmarked_box.isChecked():
            starred = np.fromiter(bookmarked_ids(self._open_store.store), np.int64)
            rows = rows[np.isin(columns.ids[rows], starred)]
        count = len(rows)
        if count and int(rows[-1]) - int(rows[0]) + 1 == count:
            # a run of consecutive events (the whole store, zoomed out): the list shows views
            # of the columns instead of copies of a million ids and days
            rows = slice(int(rows[0]), int(rows[-1]) + 1)
        self._show(
            lambda: self.model.set_rows(columns.ids[rows], columns.start[rows], columns.kind[rows])
        )
        # as the status bar counts them: "1,000,000 events", "1 event"
        where = f"in {period.label()}" if period else "in view" if kinds is None else "in all"
        self.result_label.setText(f"{count:,} event{'s' if count != 1 else ''} {where}")

    def _show(self, fill) -> None:
        """Replace the rows and keep the shared selection selected in the table."""
        self._following = True
        try:
            fill()
            self._select_row(self._view_state.selected)
        finally:
            self._following = False

    # -- selection ---------------------------------------------------------------------------

    def _on_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._following or not current.isValid():
            return
        self._view_state.select(self.model.event_id(current.row()), origin=self)

    def _on_selection_changed(self, event_id: int | None, origin: object) -> None:
        if origin is self:
            return
        self._following = True
        try:
            self._select_row(event_id)
        finally:
            self._following = False

    def _select_row(self, event_id: int | None) -> None:
        row = self.model.row_of(event_id)
        selection = self.table.selectionModel()
        if row is None:
            selection.clear()
            return
        index = self.model.index(row, TITLE)
        flags = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows
        )
        selection.setCurrentIndex(index, flags)
        self.table.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)

    # -- keys ------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.search_box
            and event.type() in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress)
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
            and self.search_box.text()
        ):
            # Escape clears the search first; a second Escape (the box empty) is the pane's
            # shortcut back to the timeline
            event.accept()
            if event.type() == QEvent.Type.KeyPress:
                self.search_box.clear()
            return True
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return super().eventFilter(watched, event)
        key = event.key()
        if watched is self.search_box and key == Qt.Key.Key_Down:
            self.enter_results()
            return True
        if watched is self.search_box and key in _ENTER:
            if self._view_state.selected is None or not self.table.selectionModel().hasSelection():
                self.enter_results()
            self.activated.emit()
            return True
        if watched is self.table and key in _ENTER:
            self.activated.emit()
            return True
        return super().eventFilter(watched, event)

    def enter_results(self) -> None:
        """Move focus into the table, onto the selected row (or the first one)."""
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        if not self.table.selectionModel().hasSelection() and self.model.rowCount() > 0:
            self.table.selectRow(0)

    def focus_search(self) -> None:
        """Focus the search box with its text selected, ready to type over."""
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()
        if not self._search_announced:
            # Orca stays silent on the first focus of a line edit in a Qt window; the box
            # says itself once, later entries are spoken from the focus event alone
            self._search_announced = True
            text = self.search_box.text()
            announce(self.search_box, f"Search events, {text or 'empty'}")
