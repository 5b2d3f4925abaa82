"""Accessible names and descriptions, the list as an alternative to the timeline, contrast."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from explorer.store.columns import load_columns
from explorer.ui.colour import contrast_ratio
from explorer.ui.details.widgets import LinkButton
from explorer.ui.palette import TEXT_PAIRS, build_palette
from tests.ui.helpers import select


def _name_and_description(widget):
    interface = QAccessible.queryAccessibleInterface(widget)
    return (
        interface.text(QAccessible.Text.Name),
        interface.text(QAccessible.Text.Description),
    )


def _focusable_widgets(window):
    for widget in window.findChildren(QWidget):
        if widget.isVisibleTo(window) and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            yield widget


def test_every_focusable_widget_has_an_accessible_name_and_description(make_window):
    window = make_window()
    select(window, "warsaw-summit-2016")
    missing = []
    for widget in _focusable_widgets(window):
        name, description = _name_and_description(widget)
        if isinstance(widget, QLabel):  # a field of the details: its text is what it says
            description = name
        if not name.strip() or not description.strip():
            parent = widget.parentWidget()
            missing.append(f"{type(widget).__name__} in {type(parent).__name__} {name!r}")
    assert missing == []
    for pane in (window.timeline, window.list_panel, window.detail_view, window.statusBar()):
        assert all(text.strip() for text in _name_and_description(pane)), pane


def test_links_say_where_they_go(make_window):
    window = make_window()
    select(window, "rsm-increase-2018")
    links = window.detail_view.pane.findChildren(LinkButton)
    deciding = [link for link in links if "Defence Ministers" in link.full_text]
    name, description = _name_and_description(deciding[0])
    assert name == deciding[0].full_text
    assert description.startswith("Go to ") and "ministerial meeting" in description


def test_the_list_holds_the_same_events_as_the_timeline(make_window, qtbot):
    window = make_window()
    window.timeline.fit_all()
    qtbot.waitUntil(lambda: window.list_panel.model.rowCount() == window.store.count())
    model = window.list_panel.model
    listed = {model.event_id(r) for r in range(model.rowCount())}
    assert listed == set(load_columns(window.store).ids.tolist())
    summary = model.summary(0)
    # each cell says its own content once; the row's summary is the row's (its header)
    role = Qt.ItemDataRole.AccessibleTextRole
    assert model.index(0, 2).data(role) in (None, summary.title)
    assert model.index(0, 2).data(Qt.ItemDataRole.DisplayRole) == summary.title
    assert model.index(0, 0).data(role) == summary.when.display()
    assert model.headerData(0, Qt.Orientation.Vertical, role) == summary.accessible_text()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_text_colours_keep_wcag_aa_contrast(scheme):
    palette = build_palette(scheme)
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        for foreground, background in TEXT_PAIRS:
            ratio = contrast_ratio(
                palette.color(group, foreground), palette.color(group, background)
            )
            assert ratio >= 4.5, f"{scheme}: {foreground.name} on {background.name} is {ratio:.2f}"


def test_contrast_arithmetic_matches_wcag():
    from PySide6.QtGui import QColor

    assert contrast_ratio(QColor("#000000"), QColor("#ffffff")) == pytest.approx(21.0)
    assert contrast_ratio(QColor("#777777"), QColor("#ffffff")) == pytest.approx(4.48, abs=0.01)
    assert contrast_ratio(QColor("#ffffff"), QColor("#ffffff")) == pytest.approx(1.0)


def test_dark_colours_reach_every_pane(make_window):
    window = make_window()
    select(window, "rsm-increase-2018")
    window.actions["scheme_dark"].trigger()
    QApplication.processEvents()
    dark = build_palette("dark")
    role = QPalette.ColorRole
    for widget in (window.list_panel.table, window.detail_view.pane, window.timeline):
        assert widget.palette().color(role.Base) == dark.color(role.Base)
    assert window.settings.color_scheme == "dark"
    window.actions["scheme_system"].trigger()
    assert window.settings.color_scheme == "system"


def test_the_system_palette_is_followed_but_unreadable_pairs_are_lifted(make_window):
    window = make_window()  # "system" scheme: the platform's own palette, made readable
    palette = QApplication.palette()
    for foreground, background in TEXT_PAIRS:
        ratio = contrast_ratio(palette.color(foreground), palette.color(background))
        assert ratio >= 4.5, f"system: {foreground.name} on {background.name} is {ratio:.2f}"
    table = window.list_panel.table.palette()
    assert (
        contrast_ratio(
            table.color(QPalette.ColorRole.HighlightedText),
            table.color(QPalette.ColorRole.Highlight),
        )
        >= 4.5
    )


def test_readable_changes_only_what_fails():
    from PySide6.QtGui import QColor

    from explorer.ui.palette import readable

    palette = build_palette("light")
    palette.setColor(QPalette.ColorRole.Highlight, QColor("#308cc6"))  # Fusion's: 3.4:1 on white
    palette.setColor(QPalette.ColorRole.Link, QColor("#7aa7ff"))
    fixed = readable(palette)
    role = QPalette.ColorRole
    assert contrast_ratio(fixed.color(role.HighlightedText), fixed.color(role.Highlight)) >= 4.5
    assert contrast_ratio(fixed.color(role.Link), fixed.color(role.Window)) >= 4.5
    assert fixed.color(role.Text) == palette.color(role.Text)
    assert fixed.color(role.HighlightedText) == palette.color(role.HighlightedText)
