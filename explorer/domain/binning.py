"""Level-of-detail arithmetic for the timeline, in plain numpy: events per pixel column from
cumulative counts, label placement that never overlaps, and date ticks that suit the zoom."""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass

import numpy as np

from explorer.domain.dates import END_DAY, FIRST_DAY, date_of, day_number

_MONTH_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def column_edges(first_day: float, last_day: float, columns: int) -> np.ndarray:
    """``columns + 1`` day numbers splitting ``[first_day, last_day)`` into equal pixel columns."""
    return np.linspace(first_day, last_day, max(int(columns), 1) + 1)


def overlap_counts(starts: np.ndarray, ends_sorted: np.ndarray, edges: np.ndarray) -> np.ndarray:
    """How many intervals ``[start, end)`` overlap each column ``[edges[i], edges[i+1])``.

    ``starts`` and ``ends_sorted`` are each sorted ascending (the same intervals, sorted apart):
    an interval overlaps a column when it starts before the column's end and does not end at or
    before the column's start, so the count is a difference of two binary searches.
    """
    started = np.searchsorted(starts, edges[1:], side="left")
    finished = np.searchsorted(ends_sorted, edges[:-1], side="right")
    return (started - finished).astype(np.int64)


def count_overlapping(
    starts: np.ndarray, ends_sorted: np.ndarray, first: float, last: float
) -> int:
    """How many intervals overlap ``[first, last)`` (two binary searches)."""
    started = int(np.searchsorted(starts, last, side="left"))
    finished = int(np.searchsorted(ends_sorted, first, side="right"))
    return started - finished


@dataclass(frozen=True, slots=True)
class LabelPlacement:
    """Labels kept in one row: which candidates, and each label's left edge and width in pixels."""

    kept: np.ndarray  # indices into the candidates
    left: np.ndarray  # float64 pixels
    width: np.ndarray  # float64 pixels (possibly less than wanted: the text is elided)


def place_labels(
    left: np.ndarray,
    wanted: np.ndarray,
    limit: np.ndarray,
    *,
    gap: float = 6.0,
    min_width: float = 28.0,
) -> LabelPlacement:
    """Greedy left-to-right placement of labels in one row so that no two overlap.

    Candidate ``i`` would start at ``left[i]`` (ascending) and take ``wanted[i]`` pixels, but may
    not reach past ``limit[i]`` (usually the next glyph). A label is kept, elided to the room it
    has, when that room is at least ``min_width`` (or the whole text, if shorter) and it starts
    ``gap`` pixels after the last kept label; otherwise it is hidden.
    """
    kept, lefts, widths = [], [], []
    right_edge = -np.inf
    for i in range(len(left)):
        x = float(left[i])
        if x < right_edge + gap:
            continue
        width = min(float(wanted[i]), float(limit[i]) - x)
        if width < min(min_width, float(wanted[i])):
            continue
        kept.append(i)
        lefts.append(x)
        widths.append(width)
        right_edge = x + width
    return LabelPlacement(
        np.asarray(kept, np.int64), np.asarray(lefts, np.float64), np.asarray(widths, np.float64)
    )


@dataclass(frozen=True, slots=True)
class LabelRoom:
    """Where one row's candidates may put their labels on one line: ``[lo[i], hi[i])``, the
    label touching ``lo`` (or ``hi``, for a label left of its glyph), at least ``least[i]``
    pixels wide."""

    line: np.ndarray  # per candidate, the line: labels on one line keep apart
    lo: np.ndarray
    hi: np.ndarray
    least: np.ndarray
    anchor_right: bool = False
    # set for a line above or below the glyphs: the label may slide within [lo, hi) as long
    # as it stays over x = around[i], starting at lo[i] when it can
    around: np.ndarray | None = None
    floor: np.ndarray | None = None  # with ``around``: the leftmost the label may start


@dataclass(frozen=True, slots=True)
class RankedPlacement:
    """Labels kept: which candidates, on which line, each label's left edge and width."""

    kept: np.ndarray
    line: np.ndarray
    left: np.ndarray
    width: np.ndarray


def place_labels_ranked(
    rooms: list[LabelRoom],
    wanted: np.ndarray,
    rank: np.ndarray,
    *,
    gap: float = 6.0,
    most: int | None = None,
    reserved: dict[int, list[tuple[float, float]]] | None = None,
    elides: np.ndarray | None = None,
) -> RankedPlacement:
    """Labels placed in order of ``rank`` (lowest first: summits, search matches; then left to
    right), each in the first of its ``rooms`` where its whole text fits, else in the roomiest
    one that gives it at least its ``least`` width; a label with no such room is hidden.
    ``reserved`` holds stretches of lines that other text takes already; a candidate whose
    ``elides`` is False has two widths only, its whole one and its least (a short title)."""
    placed: dict[int, tuple[list[float], list[float]]] = {
        line: ([a for a, _b in sorted(spans)], [b for _a, b in sorted(spans)])
        for line, spans in (reserved or {}).items()
    }
    kept, lines, lefts, widths = [], [], [], []
    spans = [
        (
            np.broadcast_to(room.line, room.lo.shape).tolist(),
            room.lo.tolist(),
            room.hi.tolist(),
            room.least.tolist(),
            room.anchor_right,
            None if room.around is None else room.around.tolist(),
            (room.lo if room.floor is None else room.floor).tolist(),
        )
        for room in rooms
    ]
    elide = [True] * len(wanted) if elides is None else elides.tolist()
    # candidates with no room wide enough anywhere are dropped before the loop (most of them,
    # in a crowded row)
    possible = np.zeros(len(wanted), bool)
    for room in rooms:
        start = room.lo if room.floor is None else room.floor
        possible |= room.hi - start >= np.minimum(room.least, wanted)
    order = np.lexsort((rooms[0].lo, rank))
    for i in order[possible[order]].tolist():
        if most is not None and len(kept) >= most:
            break
        want, best = float(wanted[i]), None
        for lines_, los, his, leasts, anchor_right, around, floors in spans:
            need, line = min(leasts[i], want), lines_[i]
            if his[i] - floors[i] < need:
                continue
            starts, ends = placed.setdefault(line, ([], []))
            if around is not None:
                lo, hi = _free_room_around(starts, ends, around[i], his[i], gap)
                lo = max(lo, floors[i])
                width = _width(want, need, hi - lo, elide[i])
                left = min(max(lo, los[i]), hi - width)
                if not left <= around[i] <= left + width:
                    continue
            else:
                lo, hi = _free_room(starts, ends, los[i], his[i], gap, anchor_right)
                width = _width(want, need, hi - lo, elide[i])
                left = hi - width if anchor_right else lo
            if width >= need and (best is None or width > best[2] + 0.5):
                best = (line, left, width)
            if best is not None and best[2] >= want:
                break
        if best is None:
            continue
        starts, ends = placed[best[0]]
        at = bisect.bisect_right(starts, best[1])
        starts.insert(at, best[1])
        ends.insert(at, best[1] + best[2])
        kept.append(int(i))
        lines.append(best[0])
        lefts.append(best[1])
        widths.append(best[2])
    return RankedPlacement(
        np.asarray(kept, np.int64),
        np.asarray(lines, np.int64),
        np.asarray(lefts, np.float64),
        np.asarray(widths, np.float64),
    )


def _width(want: float, need: float, room: float, elides: bool) -> float:
    """The width a label takes in ``room``: whole, else elided to the room or its least."""
    if room >= want:
        return want
    return room if elides or room < need else need


def _free_room_around(
    starts: list[float], ends: list[float], at: float, hi: float, gap: float
) -> tuple[float, float]:
    """The free stretch of a line around ``at`` (up to ``hi``), empty when ``at`` is taken."""
    k = bisect.bisect_right(starts, at)
    lo = ends[k - 1] + gap if k else -np.inf
    end = min(hi, starts[k] - gap if k < len(starts) else np.inf)
    return (lo, end) if lo <= at <= end else (at, at)


def _free_room(
    starts: list[float], ends: list[float], lo: float, hi: float, gap: float, anchor_right: bool
) -> tuple[float, float]:
    """The part of ``[lo, hi)`` next to its anchored end (``lo``, or ``hi`` for a label on the
    left of its glyph) that no placed label comes within ``gap`` of; empty when the anchor is
    taken."""
    if hi <= lo:
        return lo, lo
    anchor = hi if anchor_right else lo
    at = bisect.bisect_left(starts, anchor)
    before_end = ends[at - 1] + gap if at else -np.inf
    after_start = starts[at] - gap if at < len(starts) else np.inf
    if not before_end <= anchor <= after_start:
        return lo, lo
    return max(lo, before_end), min(hi, after_start)


@dataclass(frozen=True, slots=True)
class DateTick:
    """A tick on the date axis: its day number, its label and whether it is a major tick."""

    day: int
    label: str
    major: bool


# (unit, step) from the finest to the coarsest; a level is used when its ticks are far enough apart
_LEVELS = (
    ("day", 1),
    ("day", 2),
    ("day", 7),
    ("month", 1),
    ("month", 3),
    ("month", 6),
    ("year", 1),
    ("year", 2),
    ("year", 5),
    ("year", 10),
    ("year", 20),
    ("year", 50),
    # a store may reach from year 1 to 9999
    ("year", 100),
    ("year", 200),
    ("year", 500),
    ("year", 1000),
    ("year", 2000),
)
_APPROX_DAYS = {"day": 1.0, "month": 30.44, "year": 365.25}


def _ticks_of(unit: str, step: int, first: float, last: float) -> list[int]:
    """Day numbers of every tick of one level inside ``[first, last]``."""
    lo = date_of(int(np.floor(first)))
    hi = date_of(int(np.ceil(last)))
    days: list[int] = []
    if unit == "day":
        start = int(np.ceil(first))
        if step == 7:  # weeks start on Mondays (day 0, 1970-01-01, was a Thursday)
            start += (4 - start) % 7
        else:
            start += start % step
        days = list(range(start, int(np.floor(last)) + 1, step))
    elif unit == "month":
        year, month = lo.year, lo.month
        while (year, month) <= (hi.year, hi.month):
            if (month - 1) % step == 0:
                days.append(day_number(dt.date(year, month, 1)))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    else:
        for year in range(lo.year - lo.year % step, hi.year + 1, step):
            if 1 <= year <= 9999:
                days.append(day_number(dt.date(year, 1, 1)))
    return [d for d in days if first <= d <= last]


def _label(day: int, unit: str) -> str:
    date = date_of(day)
    if unit == "year":
        return str(date.year)
    if unit == "month":
        return (
            f"{_MONTH_ABBR[date.month - 1]} {date.year}"
            if date.month == 1
            else _MONTH_ABBR[date.month - 1]
        )
    return f"{date.day} {_MONTH_ABBR[date.month - 1]}"


def date_ticks(first: float, last: float, width_px: float, min_px: float = 70.0) -> list[DateTick]:
    """Major ticks (labelled, about ``min_px`` apart or more) and minor ticks (the next finer
    level, unlabelled) for days ``first`` .. ``last`` shown over ``width_px`` pixels.

    Labels adapt to the zoom: decades or years when zoomed out, months, then days.
    """
    # the view may reach past the years a date can have (around year 1 or 9999): no ticks there
    first, last = max(float(first), FIRST_DAY), min(float(last), END_DAY - 1)
    if not first <= last:
        return []
    span = max(float(last) - float(first), 1e-9)
    px_per_day = width_px / span
    chosen = len(_LEVELS) - 1
    for i, (unit, step) in enumerate(_LEVELS):
        if _APPROX_DAYS[unit] * step * px_per_day >= min_px:
            chosen = i
            break
    unit, step = _LEVELS[chosen]
    ticks = [DateTick(d, _label(d, unit), True) for d in _ticks_of(unit, step, first, last)]
    if chosen > 0:
        minor_unit, minor_step = _LEVELS[chosen - 1]
        if _APPROX_DAYS[minor_unit] * minor_step * px_per_day >= 6:
            majors = {t.day for t in ticks}
            ticks += [
                DateTick(d, "", False)
                for d in _ticks_of(minor_unit, minor_step, first, last)
                if d not in majors
            ]
    return sorted(ticks, key=lambda t: t.day)
