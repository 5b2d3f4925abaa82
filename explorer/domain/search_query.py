"""What a search asks: a date (see :mod:`explorer.domain.date_query`), words, phrases and fields.

``2020 defence``, ``"legal basis"``, ``place:Brussels``, ``source:UNDP``, ``kind:summit``,
``increase 16,000``. Plain Python: the store turns a :class:`SearchQuery` into SQL.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from explorer.domain.date_query import DateInterval, split_dates
from explorer.domain.events import EventKind

# what a user may write before a colon, and the field (index column) it names
SEARCH_FIELDS = {
    "title": "title",
    "summary": "summary",
    "kind": "kind",  # not an index column: a filter on the event's kind (see kinds_named)
    "place": "place",
    "details": "details",
    "detail": "details",
    "relation": "relations",
    "relations": "relations",
    "related": "relations",
    "source": "sources",
    "sources": "sources",
    "publisher": "sources",
    "note": "notes",
    "notes": "notes",
}
# How the list names the field a match was found in.
FIELD_LABELS = {
    "title": "title",
    "summary": "summary",
    "place": "place",
    "details": "details",
    "relations": "related",
    "sources": "source",
    "notes": "notes",
}

# Words an analyst uses for a change of size, and the words the sources use for it: a search for
# one finds the others ("increase" finds "enlarge ... from about 13,000 to about 16,000").
_SYNONYM_GROUPS = (
    ("increase", "raise", "grow", "enlarge", "expand", "reinforce", "boost", "add"),
    ("decrease", "reduce", "reduction", "cut", "shrink", "lower", "drawdown"),
)
SYNONYMS = {word: group for group in _SYNONYM_GROUPS for word in group}


def synonyms(word: str) -> tuple[str, ...]:
    """The words of ``word``'s synonym group, in any of its forms (increased, grows), or ()."""
    for base in (word, word[:-1], word[:-2], word[:-3], word[:-3] + "e"):
        if base in SYNONYMS and (base == word or word.endswith(("s", "d", "ing"))):
            return SYNONYMS[base]
    return ()


_TERM = re.compile(
    r'(?:(?P<field>[A-Za-z]+):)?(?:"(?P<phrase>[^"]*)"?|(?P<word>[^\s"]+))', re.UNICODE
)
_WORD = re.compile(r"\w+", re.UNICODE)
_NUMBER = re.compile(r"^\d{1,3}(?:[,.\u202f\u00a0' ]\d{3})+$|^\d+$")


@dataclass(frozen=True, slots=True)
class SearchTerm:
    """One thing every match must contain: a word, a number or a phrase, maybe in one field.

    ``words`` are the term's words in order (a phrase has several); ``number`` holds the digits
    of a number written with or without thousands separators.
    """

    words: tuple[str, ...]
    field: str | None = None
    phrase: bool = False
    number: str | None = None


@dataclass(frozen=True, slots=True)
class SearchQuery:
    """A search as typed, taken apart: the date read from it and the terms of the rest."""

    text: str
    interval: DateInterval | None
    terms: tuple[SearchTerm, ...]
    rest: str
    kinds: frozenset[EventKind] | None = None  # from kind: terms; None when not narrowed

    @property
    def is_empty(self) -> bool:
        """True when the text asks for nothing (no date, no words, no kind)."""
        return self.interval is None and not self.terms and self.kinds is None


def kinds_named(words: tuple[str, ...]) -> frozenset[EventKind]:
    """The kinds whose name has a word starting with each of ``words``: meeting -> leaders'
    and ministerial meetings; troop -> troop-level change; un -> UN resolution."""
    found = set()
    for kind in EventKind:
        names = set(re.findall(r"\w+", f"{kind.value} {kind.label}".replace("_", " ").lower()))
        if all(any(name.startswith(word) for name in names) for word in words):
            found.add(kind)
    return frozenset(found)


def parse_search(text: str, dates: bool = True) -> SearchQuery:
    """Take a search text apart; with ``dates`` False a date stays words."""
    split = split_dates(text) if dates else None
    interval = split.interval if split else None
    rest = split.rest if split else " ".join(text.split())
    terms: list[SearchTerm] = []
    kinds: frozenset[EventKind] | None = None
    for match in _TERM.finditer(rest):
        field_name, phrase, word = match.group("field", "phrase", "word")
        field = SEARCH_FIELDS.get(field_name.lower()) if field_name else None
        if field_name and field is None:  # "A:B" that names no field: plain words
            word = f"{field_name}:{word}" if word is not None else field_name
            phrase = None if word else phrase
        body = phrase if phrase is not None else word
        if body is None:
            continue
        if phrase is None and _NUMBER.match(body):
            terms.append(SearchTerm((body,), field, number=re.sub(r"\D", "", body)))
            continue
        words = tuple(w.lower() for w in _WORD.findall(body))
        if not words:
            continue
        if field == "kind":
            named = kinds_named(words)
            kinds = named if kinds is None else kinds & named
            continue
        if phrase is None and len(words) > 1 and not field:
            # "A400M-class" or "Kabul/Bagram": each part a word of its own
            terms += [SearchTerm((w,)) for w in words]
            continue
        terms.append(SearchTerm(words, field, phrase=phrase is not None or len(words) > 1))
    return SearchQuery(text, interval, tuple(terms), rest, kinds)


def highlighted(marked: str, start: str = "\x02", end: str = "\x03") -> tuple[str, tuple]:
    """Plain text and its highlighted ranges ``(offset, length)`` from a marked-up snippet."""
    plain: list[str] = []
    ranges: list[tuple[int, int]] = []
    length, opened = 0, None
    for piece in re.split(f"([{start}{end}])", marked):
        if piece == start:
            opened = length
        elif piece == end:
            if opened is not None and length > opened:
                ranges.append((opened, length - opened))
            opened = None
        else:
            plain.append(piece)
            length += len(piece)
    return "".join(plain), tuple(ranges)
