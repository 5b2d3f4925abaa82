"""TimelineJS (Knight Lab's web timeline) JSON: our events out as slides, and slides back in.

The format is the one TimelineJS3 reads (``events``, an optional ``title`` slide and ``eras``);
dates are objects of ``year``/``month``/``day`` holding only the parts we know, so a date known
to the month stays a month. Text fields are HTML in TimelineJS: ours are escaped on the way
out and tags are dropped on the way in.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable
from typing import Any

from explorer.domain.dataset import SAFE_URL
from explorer.domain.dates import DateError, FuzzyDate
from explorer.domain.events import Event, EventKind, Source
from explorer.domain.formats import FormatError, KeyMaker, plain_text

# kinds that need details TimelineJS cannot carry come back as 'other'
_NEEDS_DETAILS = {EventKind.TROOP_LEVEL_CHANGE}
_KIND_BY_NAME = {
    name.casefold(): kind
    for kind in EventKind
    if kind not in _NEEDS_DETAILS
    for name in (kind.value, kind.label, kind.label.capitalize())
}


# -- export -----------------------------------------------------------------------------------


def timelinejs_document(events: Iterable[Event], headline: str, text: str = "") -> dict[str, Any]:
    """The TimelineJS JSON object of ``events``, with a title slide."""
    document: dict[str, Any] = {
        "title": {"text": {"headline": html.escape(headline), "text": _paragraphs(text)}},
        "events": [event_slide(event) for event in events],
    }
    return document


def event_slide(event: Event) -> dict[str, Any]:
    """One event as a TimelineJS slide: dates at the precision we know them."""
    parts = event.when.iso().split("/")
    slide: dict[str, Any] = {"unique_id": event.key, "start_date": _date_object(parts[0])}
    if len(parts) == 2:
        slide["end_date"] = _date_object(parts[1])
    if event.when.wording:
        slide["display_date"] = event.when.wording
    slide["text"] = {"headline": html.escape(event.title), "text": _paragraphs(event.summary)}
    slide["group"] = event.kind.heading  # "UN resolution", not capitalize()'s "Un resolution"
    if event.sources:
        first = event.sources[0]
        credit = first.publisher or first.title
        if first.url:
            slide["media"] = {
                "url": first.url,
                "credit": html.escape(credit),
                "caption": html.escape(first.title),
            }
        else:
            cited = ", ".join(x for x in (first.title, first.section, first.publisher) if x)
            slide["text"]["text"] += f"<p>Source: {html.escape(cited)}</p>"
    return slide


def _date_object(iso_part: str) -> dict[str, str]:
    names = ("year", "month", "day")
    return {name: str(int(value)) for name, value in zip(names, iso_part.split("-"), strict=False)}


def _paragraphs(text: str) -> str:
    return "".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines() if line.strip())


def dumps(document: dict[str, Any]) -> str:
    """The document as JSON text, readable and stable."""
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


# -- import -----------------------------------------------------------------------------------


def read_timelinejs(text: str, file: str) -> list[Event]:
    """Every slide and era of a TimelineJS JSON text as events; any fault raises FormatError."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise FormatError(file, f"line {exc.lineno}", "json", exc.msg) from None
    if not isinstance(data, dict) or not isinstance(data.get("events"), list):
        raise FormatError(file, "top level", "events", "must be a list of slides")
    keys = KeyMaker("tljs")
    events = [
        _slide_event(slide, f"element events[{i}]", file, keys, era=False)
        for i, slide in enumerate(data["events"])
    ]
    eras = data.get("eras") or []
    if not isinstance(eras, list):
        raise FormatError(file, "top level", "eras", "must be a list")
    events += [
        _slide_event(era, f"element eras[{i}]", file, keys, era=True) for i, era in enumerate(eras)
    ]
    return events


def _slide_event(slide: Any, where: str, file: str, keys: KeyMaker, era: bool) -> Event:
    def fail(field: str, message: str) -> FormatError:
        return FormatError(file, where, field, message)

    if not isinstance(slide, dict):
        raise fail("slide", "must be an object")
    text = slide.get("text") or {}
    if not isinstance(text, dict):
        raise fail("text", "must be an object")
    title = plain_text(str(text.get("headline") or "")).replace("\n", " ")
    if not title:
        raise fail("text.headline", "must be a non-empty text (the event's title)")
    start = _iso_part(slide.get("start_date"), "start_date", fail)
    iso = start
    if slide.get("end_date") is not None:
        end = _iso_part(slide.get("end_date"), "end_date", fail)
        if end != start:
            iso = f"{start}/{end}"
    elif era:
        raise fail("end_date", "an era needs an end date")
    wording = slide.get("display_date")
    if wording is not None and not isinstance(wording, str):
        raise fail("display_date", "must be a text")
    try:
        when = FuzzyDate.parse(iso, wording=plain_text(wording or "") or None)
    except DateError as exc:
        raise fail("end_date" if "/" in iso else "start_date", str(exc)) from None
    kind = EventKind.OTHER
    group = slide.get("group")
    if isinstance(group, str):
        kind = _KIND_BY_NAME.get(group.strip().casefold(), EventKind.OTHER)
    return Event(
        key=keys.make(slide.get("unique_id"), title, start),
        kind=kind,
        title=title,
        when=when,
        summary=plain_text(str(text.get("text") or "")),
        sources=_sources(slide.get("media"), fail),
    )


def _iso_part(value: Any, field: str, fail) -> str:
    if not isinstance(value, dict):
        raise fail(field, "must be an object with a year")
    numbers = []
    for name, low, high in (("year", 1, 9999), ("month", 1, 12), ("day", 1, 31)):
        raw = value.get(name)
        if raw is None or raw == "":
            break
        try:
            number = int(str(raw).strip())
        except ValueError:
            raise fail(f"{field}.{name}", f"not a whole number: {raw!r}") from None
        if not low <= number <= high:
            raise fail(f"{field}.{name}", f"{number} is outside {low}-{high}")
        numbers.append(number)
    if not numbers:
        raise fail(f"{field}.year", "is missing")
    return "-".join([f"{numbers[0]:04d}", *(f"{n:02d}" for n in numbers[1:])])


def _sources(media: Any, fail) -> tuple[Source, ...]:
    if media is None:
        return ()
    if not isinstance(media, dict):
        raise fail("media", "must be an object")
    url = media.get("url")
    url = url.strip() if isinstance(url, str) and SAFE_URL.match(url.strip()) else None
    credit = plain_text(str(media.get("credit") or ""))
    caption = plain_text(str(media.get("caption") or ""))
    title = caption or credit or url
    if not title:
        return ()
    publisher = credit if caption and credit != caption else ""
    return (Source(title.replace("\n", " "), url, publisher=publisher.replace("\n", " ")),)
