"""The event list: a table model over event ids that loads titles a page at a time.

Rows are numpy arrays (id, start day, kind), so a window of a million events costs a few
megabytes; the summaries (title, date) are read from the store only for the pages the view
paints. Sorting by date and kind is a numpy sort over those arrays, so it stays exact however
few rows have been painted.
"""

from __future__ import annotations

from collections import OrderedDict

import numpy as np
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from explorer.domain.events import EventKind, EventSummary
from explorer.domain.search_query import SearchQuery
from explorer.store.columns import KIND_ORDER
from explorer.store.search import SearchMatch
from explorer.ui.plain_text import plain_tooltip

Index = QModelIndex | QPersistentModelIndex

DATE, KIND, TITLE, MARK, MATCH = range(5)
RANKED = -1  # the sort 'column' of search hits kept in the order the search ranked them
HEADERS = ("Date", "Kind", "Title", "Yours", "Match")
EVENT_ID_ROLE = Qt.ItemDataRole.UserRole + 1
MATCH_ROLE = Qt.ItemDataRole.UserRole + 2  # the SearchMatch of a row, for the delegate
PAGE_ROWS = 256
CACHED_PAGES = 64  # at most 16k summaries in memory
TITLE_SORT_LIMIT = 5000  # sorting by title reads every title: only for lists this short

# kinds sorted by their label, so "sort by kind" reads alphabetically
_KIND_RANK = np.array(
    [sorted(KIND_ORDER, key=lambda k: k.label.casefold()).index(k) for k in KIND_ORDER], np.uint8
)
_KIND_CODE = {kind: i for i, kind in enumerate(KIND_ORDER)}


class EventListModel(QAbstractTableModel):
    """Date, kind and title of a set of events (the visible window or the search hits)."""

    def __init__(self, store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._ids = np.zeros(0, np.int64)
        self._start = np.zeros(0, np.float64)
        self._kind = np.zeros(0, np.uint8)
        self._ranked: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None  # search order
        self._pages: OrderedDict[int, list[EventSummary | None]] = OrderedDict()
        self._marks: dict[int, str] = {}  # for the rows of the pages read
        self._sort = (DATE, Qt.SortOrder.AscendingOrder)
        self._query: SearchQuery | None = None  # the search whose hits are shown, if any
        self._matches: OrderedDict[int, dict[int, SearchMatch]] = OrderedDict()

    # -- filling -----------------------------------------------------------------------------

    def set_store(self, store) -> None:
        """Read from another store (the rows are cleared)."""
        self._store = store
        self.set_rows(np.zeros(0, np.int64), np.zeros(0), np.zeros(0, np.uint8))

    def set_rows(
        self, ids: np.ndarray, start: np.ndarray, kind: np.ndarray, *, ranked: bool = False
    ) -> None:
        """Show these events (``kind`` indexes KIND_ORDER), in the current sort order;
        ``ranked`` rows (search hits, best first) keep their order under the RANKED sort."""
        self.beginResetModel()
        self._ids = np.asarray(ids, np.int64)
        self._start = np.asarray(start, np.float64)
        self._kind = np.asarray(kind, np.uint8)
        self._ranked = (self._ids, self._start, self._kind) if ranked else None
        self._pages.clear()
        self._matches.clear()
        self._query = None
        self._marks.clear()
        self._apply_sort()
        self.endResetModel()

    def set_summaries(
        self, summaries: list[EventSummary], query: SearchQuery | None = None
    ) -> None:
        """Show these already-read events (search hits); their summaries are kept, and where
        each matched ``query`` is read a page at a time for the Match column."""
        ids = np.fromiter((s.id for s in summaries), np.int64, len(summaries))
        start = np.fromiter((s.when.start_day for s in summaries), np.float64, len(summaries))
        kind = np.fromiter((_KIND_CODE[s.kind] for s in summaries), np.uint8, len(summaries))
        known = {s.id: s for s in summaries}
        self.set_rows(ids, start, kind, ranked=True)
        self._query = query if query is not None and query.terms else None
        for first in range(0, len(self._ids), PAGE_ROWS):
            page = [known.get(int(i)) for i in self._ids[first : first + PAGE_ROWS]]
            self._remember(first // PAGE_ROWS, page)

    # -- lookups -----------------------------------------------------------------------------

    def event_id(self, row: int) -> int | None:
        """The event id shown in ``row``."""
        return int(self._ids[row]) if 0 <= row < len(self._ids) else None

    def row_of(self, event_id: int | None) -> int | None:
        """The row showing ``event_id``, or None when it is not in the list."""
        if event_id is None:
            return None
        found = np.flatnonzero(self._ids == event_id)
        return int(found[0]) if len(found) else None

    def summary(self, row: int) -> EventSummary | None:
        """The summary shown in ``row``, read from the store with its page if needed."""
        if not 0 <= row < len(self._ids):
            return None
        number = row // PAGE_ROWS
        page = self._pages.get(number)
        if page is None:
            first = number * PAGE_ROWS
            ids = [int(i) for i in self._ids[first : first + PAGE_ROWS]]
            page = self._store.summaries(ids)
            self._marks.update(event_marks(self._store, ids))
            self._remember(number, page)
        else:
            self._pages.move_to_end(number)
        return page[row - number * PAGE_ROWS]

    def search_match(self, row: int) -> SearchMatch | None:
        """Where the event in ``row`` matched the search (None without a search of words)."""
        if self._query is None or not 0 <= row < len(self._ids):
            return None
        number = row // PAGE_ROWS
        page = self._matches.get(number)
        if page is None:
            first = number * PAGE_ROWS
            page = self._store.search_matches(self._query, self._ids[first : first + PAGE_ROWS])
            self._matches[number] = page
            while len(self._matches) > CACHED_PAGES:
                self._matches.popitem(last=False)
        else:
            self._matches.move_to_end(number)
        return page.get(int(self._ids[row]))

    def mark(self, row: int) -> str:
        """'★ yours', 'edited' ...: what the Yours column shows for ``row``."""
        event_id = self.event_id(row)
        if event_id is None:
            return ""
        if event_id not in self._marks:
            self._marks.update(event_marks(self._store, [event_id]))
        return self._marks.get(event_id, "")

    def _remember(self, number: int, page: list[EventSummary | None]) -> None:
        if number not in self._pages and len(self._marks) > CACHED_PAGES * PAGE_ROWS:
            self._marks.clear()
        self._pages[number] = page
        while len(self._pages) > CACHED_PAGES:
            self._pages.popitem(last=False)

    # -- Qt's model interface ----------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section] if 0 <= section < len(HEADERS) else None
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.AccessibleTextRole:
            summary = self.summary(section)  # the row's summary belongs to the row, not its cells
            if summary is None:
                return None
            mark = spoken_mark(self.mark(section))
            return summary.accessible_text() + (f", {mark}" if mark else "")
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if role == EVENT_ID_ROLE:
            return self.event_id(index.row())
        if index.column() == MATCH:
            return self._match_data(index.row(), role)
        if role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.AccessibleTextRole,
        ):
            return None
        summary = self.summary(index.row())
        if summary is None:
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(tooltip_lines(summary))
        column = index.column()
        if role == Qt.ItemDataRole.AccessibleTextRole and column == DATE:
            return summary.when.display()  # a reader hears the source's own wording too
        if role == Qt.ItemDataRole.AccessibleTextRole and column == MARK:
            return spoken_mark(self.mark(index.row())) or "none"  # a blank cell, still named
        if column == MARK:
            return self.mark(index.row())
        if column == DATE:  # the exact form lines up; the source's wording is in the tooltip
            return summary.when.exact_text()
        if column == KIND:
            return summary.kind.label
        return summary.title

    def _match_data(self, row: int, role: int):
        if role not in (
            MATCH_ROLE,
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.AccessibleTextRole,
        ):
            return None
        found = self.search_match(row)
        if role == MATCH_ROLE:
            return found
        if found is None:  # matched by its date or kind alone: the row's own tooltip
            summary = self.summary(row)
            if role != Qt.ItemDataRole.ToolTipRole or summary is None:
                return None
            return plain_tooltip(summary.accessible_text())
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{found.field}: {found.text}"
        words = f"Matched in {found.field}: {found.bracketed()}"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return words
        return plain_tooltip(words)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    @property
    def sort_column(self) -> int:
        """The column the rows are sorted by (RANKED: search hits, best first)."""
        return self._sort[0]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        self._sort = (column, order)
        self._pages.clear()
        self._matches.clear()
        self._apply_sort()
        self.layoutChanged.emit()

    def _apply_sort(self) -> None:
        column, order = self._sort
        if column == RANKED:
            if self._ranked is not None:  # best match first, as the search ranked them
                self._ids, self._start, self._kind = self._ranked
                return
            column = DATE  # rows that were never ranked: in time order
        if not _in_time_order(self._start, self._ids):
            self._reorder(np.lexsort((self._ids, self._start)))
        # rows are now in time order; a stable sort by another key keeps time order within it
        if column == KIND:
            permutation = np.argsort(_KIND_RANK[self._kind], kind="stable")
        elif column == TITLE and len(self._ids) <= TITLE_SORT_LIMIT:
            titles = [self._title_key(int(i)) for i in self._ids]
            permutation = np.argsort(np.array(titles, dtype=object).astype(str), kind="stable")
        else:  # already in order: keep the arrays (views of the columns at a million rows)
            if order == Qt.SortOrder.DescendingOrder:
                self._ids, self._start, self._kind = (
                    self._ids[::-1],
                    self._start[::-1],
                    self._kind[::-1],
                )
            return
        if order == Qt.SortOrder.DescendingOrder:
            permutation = permutation[::-1]
        self._reorder(permutation)

    def _reorder(self, permutation: np.ndarray) -> None:
        self._ids = self._ids[permutation]
        self._start = self._start[permutation]
        self._kind = self._kind[permutation]

    def _title_key(self, event_id: int) -> str:
        summary = self._store.summary(event_id)
        return summary.title.casefold() if summary else ""


_MARK_WORDS = {"★": "bookmarked"}


def spoken_mark(mark: str) -> str:
    """What a reader hears for a mark of the Yours column ('★ yours': 'bookmarked, yours')."""
    return ", ".join(_MARK_WORDS.get(word, word) for word in mark.split())


def event_marks(store, ids: list[int]) -> dict[int, str]:
    """For the list's Yours column: '★' for a bookmark, 'yours' for an event you added,
    'edited' for a dataset event you changed, one query for a page of rows."""
    if not ids:
        return {}
    rows = store.execute(
        "SELECT id, bookmarked, origin = 'user', dataset_json IS NOT NULL FROM event"
        f" WHERE id IN ({','.join('?' * len(ids))})",
        ids,
    )
    marks = {}
    for event_id, bookmarked, added, edited in rows:
        words = ["★"] if bookmarked else []
        words += ["yours"] if added else ["edited"] if edited else []
        marks[event_id] = " ".join(words)
    return marks


def _in_time_order(start: np.ndarray, ids: np.ndarray) -> bool:
    """True when rows are already sorted by (start, id), as EventColumns keeps them."""
    if len(start) < 2:
        return True
    step, id_step = np.diff(start), np.diff(ids)
    return bool(np.all((step > 0) | ((step == 0) & (id_step > 0))))


def tooltip_lines(summary: EventSummary) -> str:
    """Title, kind and the whole date (a long range is elided in its column), the date said
    once: the source's wording only where it says more than the exact form."""
    return f"{summary.title}\n{summary.kind.heading}\n{summary.when.full_text()}"


def kind_codes(kinds: set[EventKind]) -> np.ndarray:
    """The KIND_ORDER indices of ``kinds``, for masking EventColumns.kind."""
    return np.array(sorted(_KIND_CODE[k] for k in kinds), np.uint8)
