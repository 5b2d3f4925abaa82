"""The detail pane reads as a person writes: headings, names, figures, dates once, a chart."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QLabel

from explorer.domain.dates import FuzzyDate
from explorer.domain.events import Event, EventKind, Source
from explorer.ui.details.widgets import LinkButton
from explorer.ui.event_list import DATE, KIND
from explorer.ui.timeline.widget import tooltip_text
from tests.ui.helpers import pane_texts, select

FACT_SHEET_URL = "https://www.nato.int/cps/en/natohq/topics_8189.htm"


def captions(window):
    """The bold captions of the pane's rows ('Mission', 'Date as written', ...)."""
    return [label.text() for label in window.detail_view.pane.findChildren(QLabel) if label.buddy()]


def test_kind_headings_keep_their_capitals(make_window):
    window = make_window()
    select(window, "unscr-1386-2001")
    assert window.detail_view.pane.subtitle_label.text().startswith("UN resolution · ")
    select(window, "isaf-level-2006-09")
    assert window.detail_view.pane.subtitle_label.text().startswith("Troop-level change · ")


def test_the_mission_is_named_in_full(make_window):
    window = make_window()
    select(window, "rsm-increase-2018")
    texts = pane_texts(window)
    assert "Resolute Support Mission" in texts and "RSM" not in texts
    assert "Troop level — Resolute Support Mission" in texts
    select(window, "resolute-support-mission")
    # a reader hears the field by what it shows, told what it is by its caption
    [field] = [
        label.buddy()
        for label in window.detail_view.pane.findChildren(QLabel)
        if label.text() == "Mission" and label.buddy()
    ]
    spoken = QAccessible.queryAccessibleInterface(field)
    assert spoken.text(QAccessible.Text.Name) == "Resolute Support Mission"
    assert spoken.text(QAccessible.Text.Description) == "Mission"
    assert "RSM" not in pane_texts(window)


def test_a_level_stated_without_a_change_shows_no_zero_change(make_window):
    window = make_window()
    select(window, "rsm-sustained-beyond-2016")  # 13,000 before and after
    texts = pane_texts(window)
    assert not any("+0" in t for t in texts), texts
    assert "about 13,000" in texts and "none: the level is kept" in texts
    select(window, "isaf-level-2006-09")  # a level, with no figure before it
    texts = pane_texts(window)
    assert "about 20,000" in texts
    assert not any(t.startswith("unknown") for t in texts), texts
    assert "Change" not in captions(window)
    select(window, "rsm-increase-2018")  # a real change keeps its figures
    assert "+3,000 (+23.1 %)" in pane_texts(window)


def test_date_as_written_only_when_the_source_says_more(make_window):
    window = make_window()
    select(window, "warsaw-summit-2016")  # "8-9 July 2016" only repeats the exact form
    assert "Date as written" not in captions(window)
    assert "8–9 July 2016 (2016-07-08/2016-07-09)" in pane_texts(window)
    select(window, "isaf-level-2006-09")  # no wording at all: no row, never a lone "—"
    assert "Date as written" not in captions(window)
    select(window, "resolute-support-mission")
    assert "Date as written" in captions(window)
    assert "1 January 2015 – early September 2021" in pane_texts(window)


def test_the_troop_chart_has_a_labelled_axis_with_thousands_separators(make_window):
    window = make_window()
    select(window, "isaf-level-2010-08")
    chart = window.detail_view.pane.chart
    left = chart.getPlotItem().getAxis("left")
    assert left.labelText == "Troops"
    low, high = left.range
    labels = [
        text
        for _spacing, values in left.tickValues(low, high, left.height())
        for text in left.tickStrings(values, left.scale, 1)
    ]
    big = [t for t in labels if t.replace(",", "").isdigit() and int(t.replace(",", "")) >= 10_000]
    assert big, labels
    assert all("," in t for t in big), labels
    assert not any("e" in t.lower() for t in labels), labels


def test_the_chart_highlights_the_selected_changes_step(make_window):
    window = make_window()
    select(window, "rsm-sustained-beyond-2016")
    chart = window.detail_view.pane.chart
    start, end, level = chart.highlighted
    assert level == 13_000
    assert end > start  # the step itself, not only its riser (which is zero here)
    assert chart.highlight_label.toPlainText() == "~13,000"
    select(window, "rsm-increase-2018")
    assert window.detail_view.pane.chart.highlighted[2] == 16_000


def test_the_list_date_column_tooltip_holds_the_whole_range_as_text(make_window):
    window = make_window()
    select(window, "resolute-support-mission")
    model = window.list_panel.model
    row = model.row_of(window.view_state.selected)
    tooltip = model.index(row, DATE).data(Qt.ItemDataRole.ToolTipRole)
    assert "1 January 2015 – September 2021" in tooltip
    assert "early September 2021" in tooltip
    assert tooltip.startswith("<qt>")  # plain text, whatever the store holds
    assert tooltip.count("September 2021") == 2  # the exact form and the wording, no more
    kind = model.index(row, KIND).data(Qt.ItemDataRole.ToolTipRole)
    assert kind == tooltip and "Mission milestone" in kind
    # the column is wide enough for a whole range of two days
    table = window.list_panel.table
    width = table.columnWidth(DATE)
    assert width >= table.fontMetrics().horizontalAdvance("11 August 2003 – 31 December 2014")


def test_the_list_tooltip_shows_a_hostile_title_literally(make_window):
    window = make_window()
    event = Event("hostile", EventKind.OTHER, "<b>x</b>", FuzzyDate.parse("2016-07-08"))
    window.store.add_events([event])
    model = window.list_panel.model
    model.set_summaries([window.store.summary(window.store.id_of("hostile"))])
    tooltip = model.index(0, 2).data(Qt.ItemDataRole.ToolTipRole)
    assert "&lt;b&gt;x&lt;/b&gt;" in tooltip


def test_a_tooltip_says_the_date_once(make_window):
    window = make_window()
    summary = window.store.summary(window.store.id_of("warsaw-summit-2016"))
    text = tooltip_text(summary)
    assert text.count("July 2016") == 1, text
    summary = window.store.summary(window.store.id_of("resolute-support-mission"))
    assert "as written: 1 January 2015 – early September 2021" in tooltip_text(summary)


def test_the_fact_sheet_links_to_natos_page(make_window):
    window = make_window()
    select(window, "warsaw-summit-2016")
    links = [b.full_text for b in window.detail_view.pane.findChildren(LinkButton)]
    assert FACT_SHEET_URL in links
    # every source of the bundled dataset can be opened
    for event in window.store.iter_events():
        for source in event.sources:
            assert source.url, (event.key, source.title)


def test_the_pane_shows_the_events_own_warnings(make_window):
    window = make_window()
    select(window, "warsaw-summit-2016")
    assert "Data-quality warnings" not in pane_texts(window)  # the shipped data has none
    unsourced = Event("no-source", EventKind.OTHER, "Said nowhere", FuzzyDate.parse("2016-07-08"))
    sourced_high = Event(
        "secondary-only",
        EventKind.OTHER,
        "Copied",
        FuzzyDate.parse("2016-07-09"),
        sources=(Source("A page", "https://example.org/a", publisher="Wiki (Wikipedia mirror)"),),
    )
    window.open_store.notify(window.store.add_events([unsourced, sourced_high]))
    select(window, "no-source")
    texts = pane_texts(window)
    assert "Data-quality warnings" in texts
    assert "No source: no source is given" in texts
    select(window, "secondary-only")
    assert "Confidence: marked high, but every source is secondary" in pane_texts(window)


def test_a_troop_change_shows_its_series_warning(make_window):
    window = make_window()
    wrong = Event(
        "rsm-wrong-before",
        EventKind.TROOP_LEVEL_CHANGE,
        "Resolute Support said to grow",
        FuzzyDate.parse("2019-11-15"),
        details={
            "mission": "RSM",
            "level_before": 5000,
            "level_after": 16500,
            "approximate": False,
        },
        sources=(Source("A page", "https://example.org/a"),),
        confidence="medium",
    )
    window.open_store.notify(window.store.add_events([wrong]))
    select(window, "rsm-wrong-before")
    texts = pane_texts(window)
    assert any(
        t.startswith("Troop series: level_before 5,000 does not match the previous step")
        for t in texts
    ), texts


def test_a_missions_places_are_listed_by_role(make_window):
    window = make_window()
    select(window, "resolute-support-mission")
    texts = pane_texts(window)
    assert "Kabul/Bagram" in texts
    assert "Mazar-e-Sharif (north), Herat (west), Kandahar (south), Laghman (east)" in texts
    assert {"Hub", "Spokes"} <= set(captions(window))
    assert "Place" not in captions(window)
