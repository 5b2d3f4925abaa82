"""A screen reader's ears, run by the system Python (which has the AT-SPI bindings): prints the
AT-SPI events of one application as JSON lines and obeys commands read from standard input.

Commands, one per line: ``key NAME`` (xdotool's key names, e.g. Right, Return, ctrl+f),
``type TEXT``, ``focusables`` (every focusable object of the app's active window), ``find NAME``
(the text of every object whose name contains NAME), ``mark TEXT`` (echoed, to cut the
transcript into steps), ``quit``. Every command's answer ends with {"done": COMMAND}.
"""

import json
import os
import subprocess
import sys

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi, GLib  # noqa: E402

EVENTS = (
    "object:state-changed:focused",
    "object:state-changed:selected",
    "object:announcement",
    "object:active-descendant-changed",
    "object:text-changed:insert",
    "object:selection-changed",
)
APP = sys.argv[1] if len(sys.argv) > 1 else "Timeline Explorer"


def out(record):
    print(json.dumps(record, ensure_ascii=False), flush=True)


def describe(obj):
    """Name, role, description and (for text) the object's text."""
    if obj is None:
        return {}
    try:
        found = {
            "name": obj.get_name() or "",
            "role": obj.get_role_name(),
            "description": obj.get_description() or "",
        }
        text = obj.get_text_iface()
        if text is not None:
            found["text"] = Atspi.Text.get_text(
                text, 0, min(Atspi.Text.get_character_count(text), 4000)
            )
        parent = obj.get_parent()
        if parent is not None and found["role"] in ("list item", "table cell"):
            found["index"] = obj.get_index_in_parent()
            found["siblings"] = parent.get_child_count()
        return found
    except GLib.Error as exc:
        return {"error": str(exc)}


def app_of(obj):
    try:
        app = obj.get_application()
        return app.get_name() if app else ""
    except GLib.Error:
        return ""


def on_event(event):
    if app_of(event.source) != APP:
        return
    if event.type.startswith("object:state-changed") and not event.detail1:
        return  # losing focus or selection says nothing a reader speaks
    record = {"event": event.type, "detail1": event.detail1, **describe(event.source)}
    data = event.any_data
    if isinstance(data, str):
        record["data"] = data
    elif isinstance(data, Atspi.Accessible):
        record["child"] = describe(data)
    out(record)


def application():
    desktop = Atspi.get_desktop(0)
    for i in range(desktop.get_child_count()):
        app = desktop.get_child_at_index(i)
        if app is not None and app.get_name() == APP:
            return app
    return None


def walk(obj, depth=0):
    if obj is None or depth > 40:
        return
    yield obj
    for i in range(obj.get_child_count()):
        yield from walk(obj.get_child_at_index(i), depth + 1)


def active_window():
    app = application()
    if app is None:
        return None
    for i in range(app.get_child_count()):
        window = app.get_child_at_index(i)
        if window is not None and window.get_state_set().contains(Atspi.StateType.ACTIVE):
            return window
    return app.get_child_at_index(0) if app.get_child_count() else None


def focusables():
    for obj in walk(active_window()):
        states = obj.get_state_set()
        if states.contains(Atspi.StateType.FOCUSABLE) and states.contains(Atspi.StateType.SHOWING):
            out({"focusable": describe(obj)})


def find(name):
    for obj in walk(active_window()):
        found = describe(obj)
        if name.casefold() in found.get("name", "").casefold():
            out({"found": found})


def press(spec):
    """Type a key as a person would: through the X server (xdotool's XTEST), not into Qt."""
    subprocess.run(["xdotool", "key", "--delay", "30", spec], check=True, timeout=10)


def type_text(text):
    subprocess.run(["xdotool", "type", "--delay", "30", text], check=True, timeout=20)


_pending = bytearray()


def commands(fd, _condition):
    """Run every complete line read (unbuffered: several may arrive in one read)."""
    data = os.read(fd, 65536)
    if not data:
        Atspi.event_quit()
        return False
    _pending.extend(data)
    while b"\n" in _pending:
        line, _, rest = bytes(_pending).partition(b"\n")
        _pending[:] = rest
        if not command(line.decode()):
            return False
    return True


def command(line):
    verb, _, rest = line.strip().partition(" ")
    try:
        if verb == "key":
            press(rest)
        elif verb == "type":
            type_text(rest)
        elif verb == "focusables":
            focusables()
        elif verb == "find":
            find(rest)
        elif verb == "mark":
            out({"mark": rest})
        elif verb == "ready":
            out({"ready": application() is not None})
        elif verb == "quit":
            out({"done": verb})
            Atspi.event_quit()
            return False
    except Exception as exc:  # a failing command is reported, the reader keeps listening
        out({"error": f"{verb}: {exc}"})
    out({"done": verb})
    return True


def main():
    listener = Atspi.EventListener.new(on_event)
    for kind in EVENTS:
        listener.register(kind)
    GLib.io_add_watch(sys.stdin.fileno(), GLib.IO_IN | GLib.IO_HUP, commands)
    out({"listening": True})
    Atspi.event_main()


if __name__ == "__main__":
    main()
