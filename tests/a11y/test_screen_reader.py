"""The app under the real Linux accessibility stack, driven from the keyboard: at every step of
the tour a screen reader gets an event whose text names what a sighted user sees.

Needs Xvfb, D-Bus, at-spi2-core, openbox, xdotool and the system Python's AT-SPI bindings
(.ci/run installs them as root); skipped, saying which is missing, where they are not."""

import json
import os
import shutil

import pytest

from explorer.store import Store
from explorer.store.columns import load_columns
from tests.a11y.desktop import Desktop, missing_parts

FOCUSED = "object:state-changed:focused"
ANNOUNCED = "object:announcement"
SELECTED = "object:state-changed:selected"
SUMMIT_QUERY, SUMMIT = "warsaw summit", "Warsaw Summit"  # the meeting a user looks for


@pytest.fixture(scope="module")
def desktop(tmp_path_factory, bundled_template):
    why = missing_parts()
    if why:
        pytest.skip(f"no accessibility stack: {why}")
    folder = tmp_path_factory.mktemp("a11y")
    store = folder / "events.sqlite3"
    shutil.copy(bundled_template, store)
    try:
        started = Desktop(store, folder / "home")
    except (RuntimeError, OSError) as exc:
        pytest.skip(f"the accessibility stack did not start: {exc}")
    yield started
    started.close()
    transcript = os.environ.get("A11Y_TRANSCRIPT")  # what the reader heard, for a person to read
    if transcript:
        with open(transcript, "w", encoding="utf-8") as out:
            for record in started.reader.transcript:
                out.write(json.dumps(record, ensure_ascii=False) + "\n")


@pytest.fixture(scope="module")
def bundled_template(tmp_path_factory):
    from tests.store.factory import bundled_store

    return bundled_store(tmp_path_factory.mktemp("bundled") / "template.sqlite3")


@pytest.fixture(scope="module")
def first_events(bundled_template):
    """The first events in time, as the list and the timeline name them."""
    store = Store(bundled_template)
    try:
        ids = load_columns(store).ids[:4]
        return [store.summary(int(i)).accessible_text() for i in ids]
    finally:
        store.close()


@pytest.fixture(scope="module")
def summit_hits(bundled_template):
    """The events a search for SUMMIT_QUERY lists, as the timeline names them."""
    store = Store(bundled_template)
    try:
        return [summary.accessible_text() for summary in store.search(SUMMIT_QUERY)]
    finally:
        store.close()


def press(desktop, key, wanted, timeout=10.0):
    """Press ``key``; the first record ``wanted`` accepts (after the key was typed)."""
    reader = desktop.reader
    reader.send(f"mark {key}")
    reader.send(f"key {key}")
    return reader.until(wanted, timeout)[-1]


def selected_item(record):
    """The timeline's current event changed (the list's selection moves it)."""
    return record.get("event") == SELECTED and record.get("role") == "list item"


def search_down_to(desktop, query, title):
    """Type ``query`` into the search box, then go down the results as a listener does, one
    row at a time, until the row of the event ``title`` is heard. Returns the count the search
    said and the events heard on the way; each row's focused cell shows part of its event."""
    reader = desktop.reader
    reader.send(f"type {query}")
    count = reader.until(announced(f"for “{query}”"), timeout=15)[-1]["data"]
    rows = []
    for _ in range(12):
        reader.send("mark Down")
        reader.send("key Down")
        step = reader.until(cell_and_event_heard())
        [cell] = [r["name"] for r in step if focus_of("table cell")(r)]
        [event] = [r["name"] for r in step if selected_item(r)]
        assert cell and cell in event, (cell, event)  # the date the cell shows, of that event
        rows.append(event)
        if event.startswith(f"{title}, "):
            return count, rows
    raise AssertionError(f"{title} not reached going down the results; heard {rows}")


def cell_and_event_heard():
    """Accepts the record by which both a focused table cell and the timeline's newly selected
    event have been heard, in whichever order they come."""
    heard = set()

    def wanted(record):
        if focus_of("table cell")(record):
            heard.add("cell")
        if selected_item(record):
            heard.add("event")
        return heard == {"cell", "event"}

    return wanted


def focus_named(text):
    return lambda r: r.get("event") == FOCUSED and text in r.get("name", "")


def focus_of(role):
    return lambda r: r.get("event") == FOCUSED and r.get("role") == role


def announced(text):
    return lambda r: r.get("event") == ANNOUNCED and text in r.get("data", "")


def test_the_keyboard_tour_is_spoken(desktop, first_events, summit_hits):
    heard = press(desktop, "Home", focus_named(first_events[0]))
    assert heard["role"] == "list item" and heard["description"].startswith("1 of ")
    for expected in first_events[1:4]:
        heard = press(desktop, "Right", focus_named(expected))
        assert heard["role"] == "list item" and " of " in heard["description"]
    current = first_events[3]
    title = current.split(",")[0]

    heard = press(desktop, "Return", focus_of("heading"))
    assert heard["name"] == title
    fields = []
    for _ in range(4):  # Tab reads on through the pane: kind and date, the summary, the fields
        fields.append(press(desktop, "Tab", lambda r: r.get("event") == FOCUSED))
    assert all(field["name"].strip() for field in fields), fields
    summary = [f for f in fields if f["description"] == "Summary"]
    assert summary and len(summary[0]["name"]) > 40  # the summary's words, read as its name

    heard = press(desktop, "Escape", focus_of("list item"))
    assert heard["name"] == current
    heard = press(desktop, "plus", lambda r: r.get("event") == ANNOUNCED)
    assert heard["data"].startswith("Showing ") and " events" in heard["data"]
    heard = press(desktop, "F7", announced("Selected: "))
    assert current in heard["data"] and "List: " in heard["data"]

    heard = press(desktop, "F6", lambda r: r.get("event") == FOCUSED)
    assert heard["name"] == "Events" and heard["role"] == "table"
    press(desktop, "ctrl+f", announced("Search events"))
    count, rows = search_down_to(desktop, SUMMIT_QUERY, SUMMIT)
    assert count == f"{len(summit_hits)} matches for “{SUMMIT_QUERY}”"
    assert set(rows) <= set(summit_hits)  # each row heard is one the list shows
    heard = press(desktop, "Return", focus_of("list item"))
    assert heard["name"].startswith(f"{SUMMIT}, ")
    assert heard["description"].endswith(" in Summits and meetings")
    assert heard["description"].split(" of ")[0].isdigit()


def test_no_focusable_object_is_unnamed(desktop):
    press(desktop, "F6", lambda r: r.get("event") == FOCUSED)  # the details hold a pane now
    found = desktop.reader.ask("focusables", timeout=60)
    focusables = [r["focusable"] for r in found if "focusable" in r]
    assert len(focusables) > 10
    unnamed = [f for f in focusables if not f.get("name", "").strip()]
    assert unnamed == []


def test_a_meetings_summary_and_decisions_are_read_as_text(desktop, first_events):
    # from wherever the last test left the focus: the timeline's first event, outside the results
    press(desktop, "ctrl+f", lambda r: focus_named("Search events")(r) or announced("Search")(r))
    desktop.reader.send("key BackSpace")  # the last search, selected by Ctrl+F, is cleared
    press(desktop, "Escape", lambda r: focus_of("list item")(r) or focus_of("list")(r))
    press(desktop, "Home", lambda r: focus_named(first_events[0])(r) or announced("First")(r))
    press(desktop, "ctrl+f", focus_named("Search events"))
    search_down_to(desktop, SUMMIT_QUERY, SUMMIT)
    press(desktop, "Return", focus_named(SUMMIT))
    press(desktop, "Return", focus_of("heading"))
    read = []
    for _ in range(40):
        heard = press(desktop, "Tab", lambda r: r.get("event") == FOCUSED)
        read.append(heard)
        if heard.get("description") == "Decision 1":
            break
    summary = [r for r in read if r.get("description") == "Summary"]
    assert summary and "Warsaw" in summary[0]["name"]
    decision = read[-1]
    assert decision["description"] == "Decision 1" and len(decision["name"]) > 20
