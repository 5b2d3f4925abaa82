"""File menu work: open another store (errors in a message box), export the view; screenshots."""

import sqlite3

from PySide6.QtGui import QImage
from PySide6.QtWidgets import QMessageBox

from explorer.domain.dates import FuzzyDate, date_of
from explorer.domain.events import Event, EventKind, Source
from explorer.store import Store
from explorer.ui.dialogs import export_view, open_store_file
from explorer.ui.view_caption import view_caption
from tests.ui.helpers import select


def test_open_store_replaces_the_store_in_every_pane(make_window, qtbot, tmp_path):
    window = make_window()
    select(window, "warsaw-summit-2016")
    other = Store(tmp_path / "other.sqlite3")
    other.add_events(
        [
            Event(
                "only-one",
                EventKind.VISIT,
                "The only visit",
                FuzzyDate.parse("2010-03-01"),
                sources=(Source("test"),),
            )
        ]
    )
    other.close()
    assert open_store_file(window, tmp_path / "other.sqlite3")
    assert window.view_state.selected is None
    assert window.store.count() == 1
    qtbot.waitUntil(lambda: window.list_panel.model.rowCount() == 1)
    assert window.list_panel.model.summary(0).title == "The only visit"
    assert window.detail_view.pane is None
    assert "other.sqlite3" in window.windowTitle()
    assert not window.actions["back"].isEnabled()


def test_a_file_that_is_not_a_store_is_explained(make_window, tmp_path):
    window = make_window()
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite at all" * 100)
    empty_sqlite = tmp_path / "foreign.db"
    sqlite3.connect(empty_sqlite).execute("CREATE TABLE t (x)").connection.close()
    for path in (junk, tmp_path / "missing.db"):
        assert not open_store_file(window, path)
        boxes = [b for b in window.findChildren(QMessageBox) if b.isVisible()]
        assert boxes and str(path.name) in boxes[-1].text()
        assert "Traceback" not in boxes[-1].text()
        boxes[-1].close()
    assert window.store.count() > 50  # the bundled store is still shown


def test_export_view_as_png_and_svg(make_window, tmp_path):
    window = make_window()
    png, svg = tmp_path / "view.png", tmp_path / "view.svg"
    assert export_view(window, png)
    image = QImage(str(png))
    assert image.width() == window.timeline.width()
    # a caption band below the timeline, with dark text on it
    caption_rows = range(window.timeline.height() + 2, image.height() - 2)
    assert 12 < len(caption_rows) < 60
    dark = {
        (x, y)
        for y in caption_rows
        for x in range(0, image.width(), 2)
        if image.pixelColor(x, y).lightness() < 100
    }
    assert len(dark) > 50
    assert export_view(window, svg)
    text = svg.read_text(encoding="utf-8")
    assert text.lstrip().startswith("<?xml") and "<svg" in text
    assert "Summits and meetings" in text  # the lane titles are drawn as text
    first, last = window.view_state.visible_range
    caption = view_caption(window)
    assert caption.endswith(" · events.sqlite3") or caption.endswith(f" · {window.store.path.name}")
    assert str(date_of(int(first)).year) in caption
    assert caption.replace("–", "&#8211;") in text or caption in text


def test_screenshot_command_writes_a_png_of_the_requested_size(run_cli, store_path, tmp_path):
    out = tmp_path / "shot.png"
    result = run_cli(
        "--db",
        store_path,
        "screenshot",
        out,
        "--select",
        "warsaw-summit-2016",
        "--range",
        "2015",
        "2017",
        "--size",
        "1000x640",
    )
    assert result.returncode == 0, result.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1000, 640)


def test_screenshot_command_rejects_an_unknown_event(run_cli, store_path, tmp_path):
    result = run_cli("--db", store_path, "screenshot", tmp_path / "x.png", "--select", "nope")
    assert result.returncode == 2
    assert "nope" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "x.png").exists()
