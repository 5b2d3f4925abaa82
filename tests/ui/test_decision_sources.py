"""A source cited for one decision is shown under that decision, and still at the pane's foot."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication, QLabel

from explorer.ui.details.widgets import LinkButton
from tests.ui.helpers import pane_texts, press, select
from tests.ui.test_editing import run_editor, set_cell

FACT_SHEET = "NATO-Afghanistan relations (NATO fact sheet)"
FACT_SHEET_URL = "https://www.nato.int/cps/en/natohq/topics_8189.htm"
FINANCE_2 = (
    f"Source 2: {FACT_SHEET} — Financial support for the Afghan security forces, paragraph 2"
    " (NATO Public Diplomacy Division)"
)


def _decision(pane, start):
    """The label of the decision whose text starts with ``start``, and what is shown under it
    (labels' texts and links' texts, top to bottom)."""
    found = [
        label
        for label in pane.findChildren(QLabel)
        if label.text().startswith(start) and label.accessibleDescription().startswith("Decision ")
    ]
    assert len(found) == 1, start
    shown = []
    for widget in _stacked_widgets(found[0].parentWidget())[1:]:
        shown.append(widget.full_text if isinstance(widget, LinkButton) else widget.text())
    return found[0], shown


def _stacked_widgets(holder):
    """The labels and links of a stacked holder, top to bottom, through nested holders."""
    found = []
    layout = holder.layout()
    for i in range(layout.count()):
        widget = layout.itemAt(i).widget()
        found += [widget] if isinstance(widget, (QLabel, LinkButton)) else _stacked_widgets(widget)
    return found


def test_selecting_a_meeting_shows_a_decisions_own_source_beside_it(make_window, qtbot):
    window = make_window()
    select(window, "chicago-summit-2012")
    pane = window.detail_view.pane
    qtbot.waitUntil(lambda: pane.isVisible())

    # the fact sheet's paragraph on the Trust Fund's reform, under that decision, then the event
    label, shown = _decision(pane, "Reform the ANA Trust Fund")
    adapted = window.store.summary_by_key("ana-tf-adapted-2013").title
    assert shown[:3] == [FINANCE_2, FACT_SHEET_URL, adapted]
    source_label = _stacked_widgets(label.parentWidget())[1]
    assert source_label.textFormat() == Qt.TextFormat.PlainText
    spoken = QAccessible.queryAccessibleInterface(source_label).text(QAccessible.Text.Name)
    assert spoken == FINANCE_2  # a screen reader reads what is shown
    # drawn right under the decision's text, above the next decision
    next_label, _ = _decision(pane, "Allies and partners pledge funding")
    below = source_label.mapTo(pane, source_label.rect().topLeft()).y()
    assert label.mapTo(pane, label.rect().bottomLeft()).y() <= below
    # and stands in from the decision's text, so it reads as part of it
    indent = source_label.mapTo(pane, source_label.rect().topLeft()).x()
    assert indent > label.mapTo(pane, label.rect().topLeft()).x()
    assert below < next_label.mapTo(pane, next_label.rect().topLeft()).y()

    # the Afghan pledge rests on the first paragraph only; a decision no source is named for
    # shows none
    _, pledge = _decision(pane, "Afghan authorities to fund their own forces")
    assert [t for t in pledge if t.startswith("Source ")] == [
        f"Source 1: {FACT_SHEET} — Financial support for the Afghan security forces, paragraph 1"
        " (NATO Public Diplomacy Division)"
    ]
    _, plan = _decision(pane, "Plan Afghan forces of 352,000")
    assert not [t for t in plan if t.startswith("Source ")]

    # the foot still lists all five, numbered as the decisions name them
    foot = [t for t in pane_texts(window) if t.startswith(FACT_SHEET)]
    assert f"{FACT_SHEET} — Financial support for the Afghan security forces, paragraph 2" in (
        t.removesuffix(" (NATO Public Diplomacy Division)") for t in foot
    )
    assert len(window.store.event(pane.record.key).sources) == 5


def test_a_decisions_sources_are_reached_by_tab_in_reading_order(make_window, qtbot):
    window = make_window()
    select(window, "lisbon-summit-2010")
    window.detail_view.setFocus()
    stops = []  # every stop of Tab in the pane: (what is shown, its description)
    for _ in range(150):
        press(qtbot, Qt.Key.Key_Tab)
        focus = QApplication.focusWidget()
        if not window.detail_view.isAncestorOf(focus):
            continue
        if isinstance(focus, LinkButton):
            text = focus.full_text
        else:
            text = focus.text() if isinstance(focus, QLabel) else type(focus).__name__
        if stops and stops[0][0] == text:
            break  # round the pane once
        stops.append((text, focus.accessibleDescription()))
    texts = [text for text, _ in stops]
    first = next(i for i, t in enumerate(texts) if t.startswith("Approve transition"))
    transition = window.store.summary_by_key("inteqal-first-tranche-2011").title
    news = "https://www.nato.int/cps/en/natohq/news_68728.htm?selectedLocale=en"
    # decision 1, its source (NATO's news item on the transition) with its link, what it concerns
    assert texts[first + 1].startswith("Source 2: NATO news 20 Nov 2010")
    assert stops[first + 2] == (news, f"Source 2 of decision 1, opens {news} in the web browser")
    assert texts[first + 3] == transition
    # decision 2 names the fact sheet first, then the same news item
    assert texts[first + 4].startswith("Sign the Declaration on an Enduring Partnership")
    assert texts[first + 5].startswith(f"Source 1: {FACT_SHEET} — NATO-Afghanistan Enduring")
    assert stops[first + 6][1] == (
        f"Source 1 of decision 2, opens {FACT_SHEET_URL} in the web browser"
    )
    assert texts[first + 7].startswith("Source 2: NATO news 20 Nov 2010")
    # and the foot still lists the fact sheet, after the decisions
    foot = f"{FACT_SHEET} — NATO-Afghanistan Enduring Partnership, paragraph 1"
    assert texts.index(f"{foot} (NATO Public Diplomacy Division)") > first + 7


def test_the_editor_keeps_a_decisions_sources_and_checks_them(make_window, qtbot):
    window = make_window()
    select(window, "warsaw-summit-2016")
    before = window.store.event("warsaw-summit-2016").details["decisions"]

    def fill(editor):
        decisions = editor.detail_widgets["decisions"][1]
        assert [row["sources"] for row in decisions.rows()] == ["1", "2", "3", "2"]
        set_cell(decisions, 2, 2, "3, 9")  # the summit has three sources
        error = editor.errors["details.decisions"]
        assert error.isVisible() and "no source 9: the event has 3 sources" in error.text()
        assert not editor.save_button.isEnabled()
        set_cell(decisions, 2, 2, "3 1")
        editor.title_edit.setText("Warsaw Summit (mine)")
        assert editor.save_button.isEnabled(), editor.summary_label.text()
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)

    run_editor(qtbot, window.actions["edit_event"].trigger, fill)
    after = window.store.event("warsaw-summit-2016").details["decisions"]
    assert [d.get("sources") for d in after] == [[1], [2], [3, 1], [2]]
    assert [d["text"] for d in after] == [d["text"] for d in before]
    _, shown = _decision(window.detail_view.pane, "Deepen the Enduring Partnership")
    assert [t for t in shown if t.startswith("Source ")] == [
        f"Source 3: {FACT_SHEET} — NATO-Afghanistan Enduring Partnership, paragraph 1"
        " (NATO Public Diplomacy Division)",
        f"Source 1: {FACT_SHEET} — Resolute Support Mission, paragraph 6"
        " (NATO Public Diplomacy Division)",
    ]
