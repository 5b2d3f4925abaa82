"""Saved views: a name and what the window showed (range, lanes, kinds, search, selection)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from explorer.domain.events import EventKind, Lane

MAX_NAME = 200


class ViewError(ValueError):
    """A saved view that cannot be read; ``field`` names the part."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field


@dataclass(frozen=True)
class SavedView:
    """What a saved view brings back. Days are the timeline's (days since 1970-01-01)."""

    name: str
    first_day: float
    end_day: float
    lanes: tuple[str, ...] = tuple(lane.value for lane in Lane)
    kinds: tuple[str, ...] = tuple(kind.value for kind in EventKind)
    search: str = ""
    selected: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The view as the JSON object stored and exported."""
        return {
            "name": self.name,
            "range": [self.first_day, self.end_day],
            "lanes": list(self.lanes),
            "kinds": list(self.kinds),
            "search": self.search,
            "selected": self.selected,
        }

    @classmethod
    def from_json(cls, raw: Any) -> SavedView:
        """A view from its JSON object; ViewError names the field at fault."""
        if not isinstance(raw, dict):
            raise ViewError("view", "must be an object")
        name = raw.get("name")
        if not isinstance(name, str) or not name.strip() or len(name) > MAX_NAME:
            raise ViewError("name", f"must be a text of 1 to {MAX_NAME} characters")
        span = raw.get("range")
        if (
            not isinstance(span, list)
            or len(span) != 2
            or not all(isinstance(x, int | float) and not isinstance(x, bool) for x in span)
            or not span[0] < span[1]
        ):
            raise ViewError("range", "must be [first day, end day] with first < end")
        lanes = _names(raw, "lanes", {lane.value for lane in Lane})
        kinds = _names(raw, "kinds", {kind.value for kind in EventKind})
        search = raw.get("search") or ""
        if not isinstance(search, str):
            raise ViewError("search", "must be a text")
        selected = raw.get("selected")
        if selected is not None and not isinstance(selected, str):
            raise ViewError("selected", "must be an event id or null")
        return cls(name.strip(), float(span[0]), float(span[1]), lanes, kinds, search, selected)


def _names(raw: dict, field: str, allowed: set[str]) -> tuple[str, ...]:
    value = raw.get(field)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ViewError(field, "must be a list of names")
    unknown = [v for v in value if v not in allowed]
    if unknown:
        raise ViewError(field, f"unknown name {unknown[0]!r}")
    return tuple(value)
