"""Small helpers of the main-window tests: what a user sees in the panes."""

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel

from explorer.ui.details.widgets import LinkButton


def select(window, key):
    """Select an event by key as another pane would (origin 'test')."""
    event_id = window.store.id_of(key)
    assert event_id is not None, key
    window.view_state.select(event_id, origin="test")
    return event_id


def selected_key(window):
    """The key of the selected event, or None."""
    selected = window.view_state.selected
    return window.store.summary(selected).key if selected is not None else None


def pane_texts(window):
    """Every text the detail pane shows (labels and links)."""
    pane = window.detail_view.pane
    assert pane is not None
    labels = [label.text() for label in pane.findChildren(QLabel)]
    return labels + [link.full_text for link in pane.findChildren(LinkButton)]


def link(window, text):
    """The detail pane's link with this text, scrolled into view as a user would."""
    found = [b for b in window.detail_view.pane.findChildren(LinkButton) if b.full_text == text]
    assert found, f"no link {text!r} in {pane_texts(window)}"
    QApplication.processEvents()  # let the new pane lay out before scrolling to the link
    window.detail_view.ensureWidgetVisible(found[0])
    QApplication.processEvents()
    return found[0]


def press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier):
    """Press a key where the keyboard focus is, as a user would."""
    target = QApplication.focusWidget()
    assert target is not None, "keyboard focus was lost"
    qtbot.keyClick(target, key, modifier)
    QTest.qWait(1)


def focus_inside(window):
    """True when some widget of the window has the keyboard focus."""
    focus = QApplication.focusWidget()
    return focus is not None and (focus is window or window.isAncestorOf(focus))


def timeline_item(timeline, event_id):
    """The timeline's accessible list item of ``event_id`` (what a screen reader reads)."""
    from PySide6.QtGui import QAccessible

    iface = QAccessible.queryAccessibleInterface(timeline)
    items = [iface.child(i) for i in range(iface.childCount())]
    found = [item for item in items if getattr(item, "event_id", None) == event_id]
    assert found, f"event {event_id} is not an item of the timeline's accessible list"
    return found[0]
