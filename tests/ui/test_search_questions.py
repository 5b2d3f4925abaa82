"""The analyst's questions, asked through the window's search box as a user types them."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt

from explorer.domain.dates import day_number
from explorer.ui.event_list import MATCH, TITLE
from tests.ui.helpers import link, pane_texts, selected_key


def _search(window, qtbot, text):
    panel = window.list_panel
    panel.search_box.clear()
    qtbot.keyClicks(panel.search_box, text)
    qtbot.waitUntil(lambda: not panel._search_timer.isActive())
    return panel


def _listed(window) -> list[str]:
    model = window.list_panel.model
    return [model.summary(r).key for r in range(model.rowCount())]


def _choose(window, qtbot, key):
    """Click the row of ``key`` in the list, as a user picks an answer."""
    panel = window.list_panel
    row = panel.model.row_of(window.store.id_of(key))
    assert row is not None, f"{key} not in {_listed(window)}"
    panel.table.scrollTo(panel.model.index(row, TITLE))
    rect = panel.table.visualRect(panel.model.index(row, TITLE))
    qtbot.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert selected_key(window) == key


def _day(y, m, d):
    return day_number(dt.date(y, m, d))


def test_a_year_lists_every_meeting_of_that_year_and_shows_that_year(make_window, qtbot):
    window = make_window()
    panel = _search(window, qtbot, "2020")
    listed = _listed(window)
    for key in (
        "defence-ministers-2020-02",
        "defence-ministers-2020-06",
        "ana-tf-board-2020-10",
        "us-taliban-agreement-2020",
    ):
        assert key in listed
    assert not [k for k in listed if k.endswith("2016") or "2016-" in k]
    assert "warsaw-summit-2016" not in listed
    assert panel.date_line.isVisible()
    assert "2020" in panel.date_label.text()
    start, end = window.view_state.visible_range
    assert start <= _day(2020, 1, 1) + 1 and end >= _day(2020, 12, 31) - 1
    assert end - start < 2 * 366  # the timeline shows that year, not the whole story
    _choose(window, qtbot, "ana-tf-board-2020-10")


def test_a_month_finds_the_fall_of_kabul_and_the_airlift(make_window, qtbot):
    window = make_window()
    _search(window, qtbot, "August 2021")
    listed = _listed(window)
    assert {"taliban-take-kabul-2021", "kabul-airlift-2021"} <= set(listed)
    assert "brussels-summit-2021" not in listed
    _choose(window, qtbot, "kabul-airlift-2021")


def test_a_date_can_be_turned_back_into_words(make_window, qtbot):
    window = make_window()
    panel = _search(window, qtbot, "2020 defence")
    assert set(_listed(window)) >= {"defence-ministers-2020-02", "defence-ministers-2020-06"}
    assert "defence-ministers-2017-11" not in _listed(window)
    qtbot.mouseClick(panel.date_as_text, Qt.MouseButton.LeftButton)
    assert panel.search_box.text() == '"2020" defence'
    assert not panel.date_line.isVisible()
    # "2020" as a word: the defence meetings whose texts mention it, not the whole year's
    assert "defence-ministers-2017-11" not in _listed(window)
    assert "us-taliban-agreement-2020" not in _listed(window)


@pytest.mark.parametrize(
    ("typed", "answer", "field", "word"),
    [
        ("legal basis", "resolute-support-mission", "related", "legal"),
        ("increase 16000", "defence-ministers-2017-11", "details", "Enlarge"),
        ("place:Brussels", "brussels-summit-2018", "place", "Brussels"),
        ("source:UNDP", "lotfa", "source", "UNDP"),
    ],
)
def test_words_find_the_pane_that_holds_them_and_say_where(
    make_window, qtbot, typed, answer, field, word
):
    window = make_window()
    panel = _search(window, qtbot, typed)
    assert not panel.table.isColumnHidden(MATCH)
    row = panel.model.row_of(window.store.id_of(answer))
    assert row is not None, _listed(window)
    shown = panel.model.index(row, MATCH).data()
    assert shown.startswith(f"{field}: ")
    # the delegate painted the matched word highlighted, as plain text
    panel.table.scrollTo(panel.model.index(row, MATCH))
    panel.table.viewport().repaint()
    delegate = panel.table.itemDelegateForColumn(MATCH)
    painted = delegate.painted.get(row)
    assert painted and word in [text for text, _rect in painted]
    cell = panel.table.visualRect(panel.model.index(row, MATCH))
    visible = [rect for text, rect in painted if text == word and rect.width() > 0]
    assert visible and all(cell.contains(rect.center().toPoint()) for rect in visible)
    _choose(window, qtbot, answer)


def test_the_match_column_goes_away_with_the_search(make_window, qtbot):
    window = make_window()
    panel = _search(window, qtbot, "kabul")
    assert not panel.table.isColumnHidden(MATCH)
    panel.search_box.clear()
    qtbot.waitUntil(lambda: panel.table.isColumnHidden(MATCH))
    assert window.view_state.search_matches is None


def test_a_from_to_filter_narrows_the_list_timeline_and_status_bar(make_window, qtbot):
    window = make_window()
    panel = window.list_panel
    dates = panel.period_filter
    qtbot.keyClicks(dates.start_field, "2014")
    qtbot.keyClick(dates.start_field, Qt.Key.Key_Return)
    qtbot.keyClicks(dates.end_field, "Aug 2021")
    qtbot.keyClick(dates.end_field, Qt.Key.Key_Return)
    period = window.view_state.period
    assert (period.start_day, period.end_day) == (_day(2014, 1, 1), _day(2021, 9, 1))
    start, end = window.view_state.visible_range
    assert start <= _day(2014, 1, 1) + 1 and end >= _day(2021, 8, 31) - 1
    assert end - start < 9 * 366
    qtbot.waitUntil(lambda: "Dates January 2014 – August 2021 · " in window.range_label.text())
    listed = _listed(window)
    assert "wales-summit-2014" in listed and "kabul-airlift-2021" in listed
    assert "chicago-summit-2012" not in listed
    # the filter holds for a search too
    _search(window, qtbot, "summit")
    found = _listed(window)
    assert "warsaw-summit-2016" in found and "chicago-summit-2012" not in found
    panel.search_box.clear()
    qtbot.waitUntil(lambda: not panel.searching)
    # a day picked on the calendar
    dates.end_field.calendar.clicked.emit(QDate(2016, 7, 8))
    assert dates.end_field.text() == "2016-07-08"
    assert window.view_state.period.end_day == _day(2016, 7, 9)
    # not a date: one line says so and the period stays
    dates.end_field.clear()
    qtbot.keyClicks(dates.end_field, "soon")
    qtbot.keyClick(dates.end_field, Qt.Key.Key_Return)
    assert "not a date" in dates.message.text() and "\n" not in dates.message.text()
    assert window.view_state.period is not None
    # clearing returns to the whole story
    qtbot.mouseClick(dates.clear_button, Qt.MouseButton.LeftButton)
    assert window.view_state.period is None
    assert dates.message.text() == ""
    first, last = window.store.bounds()
    qtbot.waitUntil(lambda: window.view_state.visible_range[0] <= first)
    assert window.view_state.visible_range[1] >= last
    qtbot.waitUntil(lambda: "Dates" not in window.range_label.text())


def test_the_brussels_summits_pane_follows_its_funding_commitment(make_window, qtbot):
    window = make_window()
    _search(window, qtbot, "Brussels 2018")
    _choose(window, qtbot, "brussels-summit-2018")
    texts = pane_texts(window)
    assert "Commitment extended: through 2024 (to 31 December 2024)" in texts
    assert "Extends (until the end of 2020):" in texts
    reaffirmations = [t for t in texts if t.startswith("Reaffirmed at")]
    assert len(reaffirmations) >= 3
    for title in (
        "London Leaders' Meeting",
        "Defence Ministers with Resolute Support partners",  # February 2020
        "Defence Ministers' meeting (virtual)",  # June 2020
        "Warsaw Summit",
    ):
        assert title in texts, title
    # the links go there, and the later meeting's pane says what it reaffirmed
    qtbot.mouseClick(link(window, "London Leaders' Meeting"), Qt.MouseButton.LeftButton)
    assert selected_key(window) == "london-leaders-meeting-2019"
    texts = pane_texts(window)
    assert "Reaffirms (through 2024):" in texts and "Brussels Summit" in texts
