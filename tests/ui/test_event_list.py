"""The list model: a correct Qt model that reads titles a page at a time, however big the store."""

import numpy as np
from PySide6.QtCore import Qt

from explorer.store import Store
from explorer.store.columns import load_columns
from explorer.ui import event_list
from explorer.ui.event_list import DATE, KIND, EventListModel


def _fill(store, n):
    rng = np.random.default_rng(1)
    start = rng.integers(11323, 18993, n)
    kinds = ["summit", "fund", "visit", "troop_level_change"]
    with store.transaction() as conn:
        conn.executemany(
            "INSERT INTO event (key, kind, title, start_day, end_day, precision)"
            " VALUES (?,?,?,?,?,'day')",
            (
                (f"e{i}", kinds[i % 4], f"Event {i}", int(start[i]), int(start[i]) + 1)
                for i in range(n)
            ),
        )


def test_the_model_passes_qt_model_tester(qtmodeltester, store_path):
    store = Store(store_path)
    columns = load_columns(store)
    model = EventListModel(store)
    model.set_rows(columns.ids, columns.start, columns.kind)
    qtmodeltester.check(model)
    model.sort(KIND, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model)
    store.close()


def test_a_big_list_reads_only_the_pages_it_shows(tmp_path):
    store = Store(tmp_path / "big.sqlite3")
    _fill(store, 20_000)
    columns = load_columns(store)
    model = EventListModel(store)
    model.set_rows(columns.ids, columns.start, columns.kind)
    assert model.rowCount() == 20_000
    for row in range(0, 20_000, 997):  # scrolling through the whole list
        assert model.index(row, 2).data().startswith("Event ")
    assert len(model._pages) <= event_list.CACHED_PAGES
    model.sort(DATE, Qt.SortOrder.DescendingOrder)
    days = [model.summary(r).when.start_day for r in (0, 1, 10_000, 19_999)]
    assert days == sorted(days, reverse=True)
    model.sort(KIND, Qt.SortOrder.AscendingOrder)
    assert model.summary(0).kind.label == "fund" and model.summary(19_999).kind.label == "visit"
    row = model.row_of(int(columns.ids[17_777]))
    assert model.event_id(row) == int(columns.ids[17_777])
    store.close()


def test_the_title_column_takes_the_room_not_the_marks(make_window):
    from explorer.ui.event_list import MARK, TITLE

    window = make_window()
    header = window.list_panel.table.horizontalHeader()
    last_shown = max(
        header.visualIndex(c) for c in range(header.count()) if not header.isSectionHidden(c)
    )
    assert header.logicalIndex(last_shown) == TITLE  # the stretching column is the title
    assert header.sectionSize(TITLE) > 3 * header.sectionSize(MARK)
