"""Files of the open-source 'Timeline' desktop app (``.timeline``, XML) read as events.

What the app calls a period (an event whose end is after its start) becomes a span; a
category whose name is one of our kinds ('Summit', 'ministerial meeting') gives that kind,
any other category is kept in the event's details; eras become spans of kind 'other';
containers' events are linked to their container ('part of'). Colours, icons, alerts,
progress and the saved view have no counterpart and are left out.
"""

from __future__ import annotations

import re
import xml.parsers.expat
from dataclasses import dataclass, field

from explorer.domain.dataset import SAFE_URL
from explorer.domain.dates import DateError, FuzzyDate, Precision
from explorer.domain.events import Event, EventKind, Relation, RelationType, Source
from explorer.domain.formats import FormatError, KeyMaker

_TIME = re.compile(r"^(-?\d+)-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{1,2})(?::(\d{1,2}))?)?$")
_CONTAINER = re.compile(r"^\[(-?\d+)\](.*)$", re.DOTALL)
_SUBEVENT = re.compile(r"^\((-?\d+)\)(.*)$", re.DOTALL)
_NEEDS_DETAILS = {EventKind.TROOP_LEVEL_CHANGE}
_KIND_BY_NAME = {
    name.casefold(): kind
    for kind in EventKind
    if kind not in _NEEDS_DETAILS
    for name in (kind.value, kind.label, kind.label.replace("-", " "))
}


@dataclass
class _Element:
    tag: str
    line: int
    text: str = ""
    children: list[_Element] = field(default_factory=list)

    def child(self, tag: str) -> _Element | None:
        return next((c for c in self.children if c.tag == tag), None)

    def value(self, tag: str) -> str | None:
        found = self.child(tag)
        return None if found is None else found.text.strip()


def read_timeline_xml(data: bytes, file: str) -> list[Event]:
    """Every event and era of a ``.timeline`` file; any fault raises FormatError."""
    root = _parse(data, file)
    if root.tag != "timeline":
        raise FormatError(file, f"line {root.line}", root.tag, "not a Timeline file (<timeline>)")
    timetype = root.value("timetype")
    if timetype not in (None, "gregoriantime"):
        raise FormatError(
            file,
            f"line {root.child('timetype').line}",
            "timetype",
            f"only Gregorian timelines can be read, not {timetype!r}",
        )
    keys = KeyMaker("tl")
    events: list[Event] = []
    containers: dict[str, str] = {}
    for element in _children(root, "events", "event"):
        events.append(_event(element, file, keys, containers))
    for element in _children(root, "eras", "era"):
        events.append(_span(element, file, keys, "name", era=True))
    return events


def _children(root: _Element, group: str, tag: str) -> list[_Element]:
    parent = root.child(group)
    return [] if parent is None else [c for c in parent.children if c.tag == tag]


def _event(element: _Element, file: str, keys: KeyMaker, containers: dict[str, str]) -> Event:
    event = _span(element, file, keys, "text", era=False)
    text = element.value("text") or ""
    relations: tuple[Relation, ...] = ()
    if match := _CONTAINER.match(text):
        containers[match.group(1)] = event.key
    elif (match := _SUBEVENT.match(text)) and match.group(1) in containers:
        relations = (Relation(RelationType.PART_OF, event.key, containers[match.group(1)]),)
    details, kind = {}, EventKind.OTHER
    category = element.value("category")
    if category:
        kind = _KIND_BY_NAME.get(category.casefold(), EventKind.OTHER)
        if kind is EventKind.OTHER:
            details = {"category": category}
    sources = ()
    link = element.value("hyperlink")
    if link and SAFE_URL.match(link):
        sources = (Source(link, link),)
    return Event(
        key=event.key,
        kind=kind,
        title=event.title,
        when=event.when,
        summary=element.value("description") or "",
        details=details,
        sources=sources,
        relations=relations,
    )


def _span(element: _Element, file: str, keys: KeyMaker, title_tag: str, era: bool) -> Event:
    where = f"line {element.line}, <{element.tag}>"
    title = element.value(title_tag) or ""
    for pattern in (_CONTAINER, _SUBEVENT):
        if not era and (match := pattern.match(title)):
            title = match.group(2)
    title = " ".join(title.split())
    if not title:
        raise FormatError(file, where, title_tag, "must be a non-empty text")
    start = _date(element, "start", file)
    milestone = (element.value("milestone") or "").lower() == "true"
    end = start if milestone else _date(element, "end", file)
    if end < start:
        line = element.child("end").line
        raise FormatError(file, f"line {line}, <end>", "end", "ends before it starts")
    fuzzy = (element.value("fuzzy") or "").lower() == "true"
    iso = start if end == start else f"{start}/{end}"
    try:
        when = FuzzyDate.parse(iso, Precision.APPROXIMATE if fuzzy else None)
    except DateError as exc:
        raise FormatError(file, where, "start", str(exc)) from None
    kind = EventKind.OTHER
    return Event(key=keys.make(None, title, start), kind=kind, title=title, when=when)


def _date(element: _Element, tag: str, file: str) -> str:
    found = element.child(tag)
    if found is None:
        raise FormatError(file, f"line {element.line}, <{element.tag}>", tag, "is missing")
    match = _TIME.match(found.text.strip())
    if not match:
        raise FormatError(
            file,
            f"line {found.line}, <{tag}>",
            tag,
            f"not a time: {found.text.strip()!r} (expected YYYY-MM-DD HH:MM:SS)",
        )
    year, month, day = (int(g) for g in match.groups()[:3])
    if not 1 <= year <= 9999:
        raise FormatError(
            file, f"line {found.line}, <{tag}>", tag, f"year {year} is outside 1-9999"
        )
    try:
        FuzzyDate.parse(f"{year:04d}-{month:02d}-{day:02d}")
    except DateError as exc:
        raise FormatError(file, f"line {found.line}, <{tag}>", tag, str(exc)) from None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _parse(data: bytes, file: str) -> _Element:
    """A small tree with each element's line; DOCTYPEs (and so entity tricks) are refused."""
    parser = xml.parsers.expat.ParserCreate()
    stack: list[_Element] = []
    root: list[_Element] = []

    def start(tag: str, _attributes: dict) -> None:
        element = _Element(tag, parser.CurrentLineNumber)
        (stack[-1].children if stack else root).append(element)
        stack.append(element)

    def end(_tag: str) -> None:
        stack.pop()

    def text(chunk: str) -> None:
        if stack:
            stack[-1].text += chunk

    def doctype(*_args) -> None:
        raise FormatError(file, f"line {parser.CurrentLineNumber}", "DOCTYPE", "not allowed")

    parser.StartElementHandler, parser.EndElementHandler = start, end
    parser.CharacterDataHandler, parser.StartDoctypeDeclHandler = text, doctype
    try:
        parser.Parse(data, True)
    except xml.parsers.expat.ExpatError as exc:
        where = f"line {exc.lineno}, column {exc.offset + 1}"
        raise FormatError(file, where, "xml", xml.parsers.expat.errors.messages[exc.code]) from None
    if not root:
        raise FormatError(file, "line 1", "timeline", "no XML element")
    return root[0]
