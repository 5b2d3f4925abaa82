"""Other tools' file formats as pure conversions between their text and our events.

Each reader returns every event of a file or raises :class:`FormatError` naming the file, the
place (line or element) and the field: a file is taken whole or not at all.
"""

from __future__ import annotations

import html
import re

from explorer.domain.dataset import KEY_PATTERN


class FormatError(ValueError):
    """A file of another tool that cannot be read; names the file, the place and the field."""

    def __init__(self, file: str, where: str, field: str, message: str) -> None:
        place = f"{file}, {where}" if where else file
        super().__init__(f"{place}, field {field!r}: {message}")
        self.file, self.where, self.field = file, where, field


_TAG = re.compile(r"<[^>]*>")
_BREAK = re.compile(r"<\s*(br|/p|/div|/li)\s*/?\s*>", re.IGNORECASE)
_SPACES = re.compile(r"[ \t\r\f\v]+")
_NOT_KEY = re.compile(r"[^a-z0-9]+")


def plain_text(markup: str) -> str:
    """HTML (as TimelineJS holds text) to plain text: tags dropped, entities decoded."""
    text = _BREAK.sub("\n", markup)
    text = html.unescape(_TAG.sub("", text))
    lines = (_SPACES.sub(" ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def slug(text: str, limit: int = 60) -> str:
    """A key-safe slug of a title: 'Battle of Nineveh' -> 'battle-of-nineveh'."""
    return _NOT_KEY.sub("-", text.lower()).strip("-")[:limit].strip("-") or "event"


class KeyMaker:
    """Event ids for a file's events: the file's own id where usable, else title and date."""

    def __init__(self, prefix: str) -> None:
        self.prefix, self.used = prefix, set()

    def make(self, own_id: str | None, title: str, iso_start: str) -> str:
        """A new id, unique within the file."""
        if own_id and KEY_PATTERN.match(own_id):
            base = own_id
        else:
            base = f"{self.prefix}-{slug(title)}-{iso_start}"
        key, n = base, 2
        while key in self.used:
            key, n = f"{base}-{n}", n + 1
        self.used.add(key)
        return key
