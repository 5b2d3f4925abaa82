"""Every text from a store reaches Qt as plain text: labels, links, list cells and tooltips.

A title like '<img src="file:///etc/passwd"><b>x</b>' must be shown as written; read as rich
text, Qt would try to load the local file and show a bold 'x'."""

import json

from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as QtGui
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from explorer.domain.dataset import parse_event
from explorer.store import Store
from explorer.ui.timeline.widget import tooltip_text
from tests.ui.helpers import select

HOSTILE = '<img src="file:///etc/passwd"><b>x</b>'


def shown_as(text: str, rich_allowed: bool) -> str:
    """What a person sees for ``text``: rendered when Qt takes it for rich text."""
    if rich_allowed and QtGui.mightBeRichText(text):
        document = QTextDocument()
        document.setHtml(text)
        return document.toPlainText()
    return text


def add_hostile_events(path):
    meeting = {
        "id": "hostile", "kind": "summit", "title": HOSTILE, "date": "2016-07-08",
        "date_wording": HOSTILE, "summary": HOSTILE,
        "details": {"place": HOSTILE, "participants": [HOSTILE], "decisions": [{"text": HOSTILE}]},
        "sources": [{"title": HOSTILE, "url": "https://example.org/a", "section": HOSTILE,
                     "publisher": HOSTILE}],
    }  # fmt: skip
    follower = {
        "id": "follower", "kind": "other", "title": "Follower", "date": "2016-08",
        "relations": [{"type": "decided_at", "target": "hostile"}],
    }  # fmt: skip
    with Store(path) as store:
        store.add_events([parse_event(json.loads(json.dumps(e)), "t") for e in (meeting, follower)])


def texts_with_markup(root: QWidget) -> list[tuple[str, str, str]]:
    """(widget, kind of text, what is seen) for every text on screen that holds HOSTILE."""
    found = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible():
            continue
        if "etc/passwd" in widget.toolTip():
            found.append((widget.objectName(), "tooltip", shown_as(widget.toolTip(), True)))
        if isinstance(widget, QLabel) and "etc/passwd" in widget.text():
            rich = widget.textFormat() != Qt.TextFormat.PlainText
            found.append((widget.objectName(), "label", shown_as(widget.text(), rich)))
        if isinstance(widget, QAbstractButton) and "etc/passwd" in widget.text():
            found.append((widget.objectName(), "button", widget.text().replace("&&", "&")))
    return found


def test_details_labels_links_and_tooltips_show_store_text_literally(make_window, store_path):
    add_hostile_events(store_path)
    window = make_window()
    select(window, "hostile")
    seen = texts_with_markup(window.detail_view)
    assert len([s for s in seen if s[1] == "label"]) >= 4  # title, summary, place, wording ...
    for name, kind, text in seen:
        assert HOSTILE in text, (name, kind, text)

    select(window, "follower")  # its "decided at" link shows the hostile title
    links = [s for s in texts_with_markup(window.detail_view) if s[1] in ("button", "tooltip")]
    assert {kind for _, kind, _ in links} == {"button", "tooltip"}
    for name, kind, text in links:
        assert HOSTILE in text, (name, kind, text)


def test_the_list_and_the_timeline_tooltip_show_store_text_literally(make_window, store_path):
    add_hostile_events(store_path)
    window = make_window()
    window.list_panel.search_box.setText("passwd")
    model = window.list_panel.table.model()
    rows = [
        r for r in range(model.rowCount())
        if model.data(model.index(r, 2), Qt.ItemDataRole.DisplayRole) == HOSTILE
    ]  # fmt: skip
    assert rows, "the hostile event is listed"
    for column in range(model.columnCount()):
        tip = model.data(model.index(rows[0], column), Qt.ItemDataRole.ToolTipRole)
        assert HOSTILE in shown_as(tip, True)
    summary = window.store.summary_by_key("hostile")
    assert shown_as(tooltip_text(summary), True).startswith(HOSTILE)
