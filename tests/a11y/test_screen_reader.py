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


def press(desktop, key, wanted, timeout=10.0):
    """Press ``key``; the first record ``wanted`` accepts (after the key was typed)."""
    reader = desktop.reader
    reader.send(f"mark {key}")
    reader.send(f"key {key}")
    return reader.until(wanted, timeout)[-1]


def focus_named(text):
    return lambda r: r.get("event") == FOCUSED and text in r.get("name", "")


def focus_of(role):
    return lambda r: r.get("event") == FOCUSED and r.get("role") == role


def announced(text):
    return lambda r: r.get("event") == ANNOUNCED and text in r.get("data", "")


def test_the_keyboard_tour_is_spoken(desktop, first_events):
    reader = desktop.reader
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
    reader.send("type warsaw")
    heard = reader.until(announced("for “warsaw”"), timeout=15)[-1]
    assert heard["data"].startswith("4 matches")
    heard = press(desktop, "Down", focus_of("table cell"))
    assert heard["name"]  # the first hit's date, as the cell shows it
    heard = press(desktop, "Return", focus_of("list item"))
    assert heard["description"].split(" of ")[0].isdigit()


def test_no_focusable_object_is_unnamed(desktop):
    press(desktop, "F6", lambda r: r.get("event") == FOCUSED)  # the details hold a pane now
    found = desktop.reader.ask("focusables", timeout=60)
    focusables = [r["focusable"] for r in found if "focusable" in r]
    assert len(focusables) > 10
    unnamed = [f for f in focusables if not f.get("name", "").strip()]
    assert unnamed == []


def test_a_meetings_summary_and_decisions_are_read_as_text(desktop):
    reader = desktop.reader
    press(desktop, "ctrl+f", focus_named("Search events"))
    reader.send("type warsaw summit")
    reader.until(announced("for “warsaw summit”"), timeout=15)
    press(desktop, "Down", lambda r: r.get("event") == FOCUSED)  # into the results
    selected = "object:state-changed:selected"
    for _ in range(5):  # down the rows to the summit's (the timeline selects each in turn)
        reader.send("key Down")
        heard = reader.until(lambda r: r.get("event") == selected and r["role"] == "list item")
        if heard[-1]["name"].startswith("Warsaw Summit"):
            break
    press(desktop, "Return", focus_named("Warsaw Summit"))
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
