"""Reading the curated dataset (and the JSON export format) into validated events.

One event object in a file becomes one :class:`Event`; any fault is reported with the file,
the event id and the field, so a reviewer can find it at once.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Mapping
from typing import Any

from explorer.domain.dates import DateError, FuzzyDate, parse_date_cached
from explorer.domain.details import DetailsError, referenced_keys, validate_details
from explorer.domain.events import Event, EventKind, Relation, RelationType, Source

# \Z, not $: "$" also matches before a final newline, which let "abc\n" in beside "abc"
KEY_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}\Z")
CONFIDENCES = ("high", "medium", "low")
SAFE_URL = re.compile(r"^https?://", re.IGNORECASE)
# Limits on one event, so that one hostile event cannot take the app's memory or time (see
# README, "Reliability"): a text field, the whole event as JSON, a list in its details, and
# how deep its details nest.
MAX_FIELD_CHARS = 100_000
MAX_EVENT_CHARS = 1_000_000
MAX_LIST_ITEMS = 10_000
MAX_DETAILS_DEPTH = 32


class DatasetError(ValueError):
    """A malformed event: names the file, the event id and the field."""

    def __init__(self, file: str, event_id: str | None, field: str, message: str) -> None:
        where = file
        if event_id:
            where += f", event {event_id!r}"
        super().__init__(f"{where}, field {field!r}: {message}")
        self.file, self.event_id, self.field = file, event_id, field


def parse_sources_catalogue(data: Any, file: str) -> dict[str, Source]:
    """The ``{"sources": {ref: {...}}}`` catalogue as Source templates (no section/paragraph)."""
    entries = data.get("sources") if isinstance(data, dict) else None
    if not isinstance(entries, dict):
        raise DatasetError(file, None, "sources", "must be an object of source ids")
    catalogue = {}
    for ref, entry in entries.items():
        if not isinstance(entry, dict) or not isinstance(entry.get("title"), str):
            raise DatasetError(file, None, f"sources.{ref}.title", "must be a text")
        url = entry.get("url")
        if url is not None and (not isinstance(url, str) or not SAFE_URL.match(url)):
            raise DatasetError(file, None, f"sources.{ref}.url", "must be an http(s) address")
        catalogue[ref] = Source(entry["title"], url, publisher=str(entry.get("publisher") or ""))
    return catalogue


def parse_event(
    raw: Any, file: str, catalogue: Mapping[str, Source] | None = None, origin: str = "user"
) -> Event:
    """One event object -> Event. Sources are either ``{"ref": ...}`` into ``catalogue`` or inline."""
    if not isinstance(raw, dict):
        raise DatasetError(file, None, "event", "must be an object")
    key = raw.get("id")
    if not isinstance(key, str) or not KEY_PATTERN.match(key):
        raise DatasetError(file, str(key) if key else None, "id", "must be a short slug")

    def fail(field: str, message: str) -> DatasetError:
        return DatasetError(file, key, field, message)

    try:
        kind = EventKind(raw.get("kind"))
    except ValueError:
        raise fail("kind", f"unknown kind {raw.get('kind')!r}") from None
    title = raw.get("title")
    if not isinstance(title, str) or not title.strip():
        raise fail("title", "must be a non-empty text")
    for name in ("title", "date", "precision", "date_wording", "summary", "origin"):
        _check_text(raw.get(name), name, fail, optional=name != "title")
    try:
        when = _parse_date(raw.get("date"), raw.get("precision"), raw.get("date_wording"))
    except DateError as exc:
        raise fail("date", str(exc)) from None
    summary = raw.get("summary", "")
    if not isinstance(summary, str):
        raise fail("summary", "must be a text")
    confidence = raw.get("confidence", "high")
    if confidence not in CONFIDENCES:
        raise fail("confidence", f"must be one of {', '.join(CONFIDENCES)}")
    details = raw.get("details")
    details = {} if details is None else details
    if not isinstance(details, dict):
        raise fail("details", "must be an object")
    _check_nested(details, "details", fail)
    sources = tuple(
        _parse_source(s, i, catalogue, fail) for i, s in enumerate(_seq(raw, "sources", fail))
    )
    relations = []
    for i, rel in enumerate(_seq(raw, "relations", fail)):
        if not isinstance(rel, dict):
            raise fail(f"relations[{i}]", "must be an object")
        try:
            rtype = RelationType(rel.get("type"))
        except ValueError:
            raise fail(f"relations[{i}].type", f"unknown relation {rel.get('type')!r}") from None
        target = rel.get("target")
        if not isinstance(target, str) or not KEY_PATTERN.match(target):
            raise fail(f"relations[{i}].target", "must name an event id")
        relations.append(Relation(rtype, key, target))
    event = Event(
        key=key,
        kind=kind,
        title=title.strip(),
        when=when,
        summary=summary.strip(),
        confidence=confidence,
        details=details,
        sources=sources,
        relations=tuple(relations),
        origin=origin,
    )
    try:
        validate_details(event)
    except DetailsError as exc:
        field = exc.field if exc.field.startswith("details") else f"details.{exc.field}"
        raise fail(field, str(exc).split(": ", 1)[-1]) from None
    return event


def _check_text(value: Any, field: str, fail, optional: bool = True) -> None:
    """A text field: a string (or absent, when optional) that UTF-8 can hold, not too long."""
    if value is None and optional:
        return
    if not isinstance(value, str):
        raise fail(field, f"must be a text, not {_json_type(value)}")
    if len(value) > MAX_FIELD_CHARS:
        raise fail(field, f"longer than {MAX_FIELD_CHARS:,} characters")
    if not value.isascii():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise fail(field, "holds a lone surrogate (\\ud800-\\udfff), not text") from None


def _check_nested(value: Any, field: str, fail) -> None:
    """Details (or any nested JSON value): every text valid, lists and depth bounded, numbers
    finite, and the whole no bigger than one event may be. Iterative: no recursion to overflow."""
    size = 0
    stack = [(value, field, 0)]
    while stack:
        item, where, depth = stack.pop()
        if depth > MAX_DETAILS_DEPTH:
            raise fail(where, f"nested deeper than {MAX_DETAILS_DEPTH} levels")
        if isinstance(item, str):
            _check_text(item, where, fail)
            size += len(item) + 3
        elif isinstance(item, dict):
            size += 2 + 2 * len(item)
            for name, inner in item.items():
                _check_text(name, f"{where}.{name}", fail)
                size += len(name) + 3
                stack.append((inner, f"{where}.{name}", depth + 1))
        elif isinstance(item, list):
            if len(item) > MAX_LIST_ITEMS:
                raise fail(where, f"a list of more than {MAX_LIST_ITEMS:,} items")
            size += 2 + len(item)
            stack += [(inner, f"{where}[{i}]", depth + 1) for i, inner in enumerate(item)]
        elif isinstance(item, float):
            if item != item or item in (float("inf"), float("-inf")):
                raise fail(where, "must be a finite number")
            size += 24
        elif isinstance(item, bool) or item is None:
            size += 5
        elif isinstance(item, int):
            if not -(2**63) <= item < 2**63:
                raise fail(where, "a whole number too large to store")
            size += 20
        else:
            raise fail(where, f"not a JSON value ({type(item).__name__})")
        if size > MAX_EVENT_CHARS:
            raise fail(field, f"larger than {MAX_EVENT_CHARS:,} characters")


def _json_type(value: Any) -> str:
    names = {dict: "an object", list: "a list", bool: "true or false", int: "a number"}
    return names.get(type(value), "a number" if isinstance(value, float) else repr(value))


def check_references(events: Iterable[tuple[str, Event]], known_keys: set[str]) -> None:
    """Every relation target and every key named in details must exist in ``known_keys``."""
    for file, event in events:
        for i, rel in enumerate(event.relations):
            if rel.target_key not in known_keys:
                raise DatasetError(
                    file, event.key, f"relations[{i}].target", f"no event {rel.target_key!r}"
                )
        for field, ref in referenced_keys(event):
            if ref not in known_keys:
                raise DatasetError(file, event.key, field, f"no event {ref!r}")


def event_to_json(event: Event) -> dict[str, Any]:
    """The JSON object of an event, with inline sources (the export format)."""
    return {
        "id": event.key,
        "kind": event.kind.value,
        "title": event.title,
        "date": event.when.iso(),
        "precision": event.when.precision.value,
        "date_wording": event.when.wording,
        "summary": event.summary,
        "confidence": event.confidence,
        "origin": event.origin,
        "details": event.details,
        "relations": [{"type": r.type.value, "target": r.target_key} for r in event.relations],
        "sources": [
            {
                "title": s.title,
                "url": s.url,
                "section": s.section,
                "paragraph": s.paragraph,
                "publisher": s.publisher,
            }
            for s in event.sources
        ],
    }


def _parse_date(text: Any, precision: Any, wording: Any) -> FuzzyDate:
    """FuzzyDate.parse, through the one cache of parsed dates when the fields are texts."""
    if not isinstance(text, str) or not (precision is None or isinstance(precision, str)):
        return FuzzyDate.parse(text, precision, wording)
    when = parse_date_cached(text, precision or None)
    return dataclasses.replace(when, wording=wording) if wording else when


def _seq(raw: dict, name: str, fail) -> list:
    value = raw.get(name) or []
    if not isinstance(value, list):
        raise fail(name, "must be a list")
    if len(value) > MAX_LIST_ITEMS:
        raise fail(name, f"a list of more than {MAX_LIST_ITEMS:,} items")
    return value


def _parse_source(raw: Any, i: int, catalogue: Mapping[str, Source] | None, fail) -> Source:
    if not isinstance(raw, dict):
        raise fail(f"sources[{i}]", "must be an object")
    for name in ("title", "url", "section", "paragraph", "publisher"):
        value = raw.get(name)
        # a section or paragraph may be given as a number ("paragraph": 3)
        if not (name in ("section", "paragraph") and isinstance(value, int)):
            _check_text(value, f"sources[{i}].{name}", fail)
    section = str(raw.get("section") or "")
    paragraph = str(raw.get("paragraph") or "")
    if "ref" in raw:
        template = (catalogue or {}).get(raw["ref"])
        if template is None:
            raise fail(f"sources[{i}].ref", f"no source {raw['ref']!r} in the catalogue")
        return Source(template.title, template.url, section, paragraph, template.publisher)
    title = raw.get("title")
    if not isinstance(title, str) or not title.strip():
        raise fail(f"sources[{i}].title", "must be a non-empty text")
    url = raw.get("url")
    if url is not None and (not isinstance(url, str) or not SAFE_URL.match(url)):
        raise fail(f"sources[{i}].url", "must be an http(s) address")
    return Source(title, url, section, paragraph, str(raw.get("publisher") or ""))
