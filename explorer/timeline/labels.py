"""The text of a frame: events of one day fanned out in a stack, labels placed where they cross
no glyph, mark or other label (summits and search matches first, a short title when the whole
one does not fit), and the selected event's title plate, which hides the labels it covers."""

from __future__ import annotations

import numpy as np

from explorer.domain.binning import LabelRoom, place_labels_ranked
from explorer.domain.events import EventKind, Lane
from explorer.domain.short_titles import short_title
from explorer.store.columns import KIND_ORDER
from explorer.timeline.annotations import lane_title_width
from explorer.timeline.frame import (
    BRACKET_W,
    HALF,
    LABEL_GAP,
    LABEL_H,
    LINES,
    MAX_LABELS,
    MIN_LABEL,
    PLATE_PAD,
    ROW_H,
    STACK_MAX,
    STACK_STEP,
    TITLE_H,
    Elide,
    Frame,
    Measure,
)
from explorer.timeline.model import TimelineModel
from explorer.timeline.titles import TitleCache

MARK_CLEARANCE = 2.0  # pixels between a label and a mark beside it
TITLE_LINE = LINES - 1
CROWDED = 60  # glyphs of a lane past which labels stay on their glyphs' lines  # the line of the lane's title strip
WIDTH_CACHE = 20000  # titles whose widths are remembered


class LabelMaker:
    """Places a frame's labels and the selected title's plate, measuring text as the view does."""

    def __init__(self, measure: Measure, elide: Elide) -> None:
        self.measure = measure
        self.elide = elide
        self._widths: dict[int, tuple[float, str | None, float]] = {}
        self._certain_days: dict[int, tuple[int, int] | None] = {}

    def set_text_metrics(self, measure: Measure, elide: Elide) -> None:
        """A new font: forget measured widths."""
        self.measure, self.elide = measure, elide
        self._widths.clear()

    # -- stacks ----------------------------------------------------------------------------

    def _stack(self, frame: Frame, model: TimelineModel, pieces) -> None:
        """Glyphs on one spot of one row (events of one day) fanned out side by side, centred on
        their day; past STACK_MAX the rest lie under the top one, whose label says how many."""
        xs, keys = frame.glyph_x, pieces["row_key"]
        n = len(xs)
        frame.glyph_stack = np.full(n, -1, np.int64)
        pieces["hidden"] = np.zeros(n, np.int64)
        pieces["under"] = np.zeros(n, bool)  # lies under the top glyph of its stack
        same = np.r_[False, (keys[1:] == keys[:-1]) & (np.abs(np.diff(xs)) < 0.5)]
        if not same.any():
            return
        starts = np.flatnonzero(~same)
        sizes = np.diff(np.r_[starts, n])
        run = np.cumsum(~same) - 1  # each glyph's run of glyphs on one spot
        size, first = sizes[run], starts[run]
        place = np.arange(n) - first  # place in its run
        shown = np.minimum(size, STACK_MAX)
        stacked = size >= 2
        fan = (np.minimum(place, shown - 1) - (shown - 1) / 2) * STACK_STEP
        xs[stacked] = xs[first[stacked]] + fan[stacked]
        number = np.cumsum(sizes >= 2) - 1
        frame.glyph_stack = np.where(stacked, number[run], -1)
        multi = np.flatnonzero(sizes >= 2)
        frame.stacks = list(
            zip(starts[multi].tolist(), (starts + sizes)[multi].tolist(), strict=True)
        )
        top = place == size - 1
        pieces["under"] = stacked & (place >= shown - 1) & ~top
        pieces["hidden"] = np.where(stacked & top, size - shown, 0)

    # -- labels ----------------------------------------------------------------------------

    def _commitment_obstacles(self, frame: Frame, pieces) -> None:
        """A fund's commitment ticks stand across its row: its title stops before them."""
        number = next((i for i, lf in enumerate(frame.lanes) if lf.lane is Lane.FUNDS), None)
        if number is None or not frame.commitment_marks:
            return
        rows = frame.lanes[number].rows
        marks = np.asarray(frame.commitment_marks, np.float64)
        row = np.rint((marks[:, 1] - frame.lanes[number].row_y(0)) / ROW_H).astype(np.int64)
        keys = number * LINES + np.minimum(row, rows - 1)
        pieces["obst"].append((keys, marks[:, 0]))

    def _labels(self, frame, model: TimelineModel, titles: TitleCache, pieces, match_mask):
        """Each lane's labels, ranked, beside their glyphs on the glyph's line, or under the
        glyph on the free line below, or over it in the lane's title strip."""
        if not len(frame.glyph_pos):
            return
        m = frame.mapping
        keys = pieces["row_key"]
        blockers = (
            _Blockers(keys, frame.glyph_x, HALF, LABEL_GAP),
            _Blockers(*_joined(pieces["obst"]), BRACKET_W, MARK_CLEARANCE),
        )
        hidden = pieces["hidden"]
        # a glyph left of the plot (the middle of a band that starts off screen) gets no label
        roomy = np.flatnonzero(~pieces["under"] & (frame.glyph_x >= m.left - HALF))
        rects, texts, ids, missing = [], [], [], []
        lane_of = keys[roomy] // LINES
        for number in np.flatnonzero(np.bincount(lane_of, minlength=1)):
            cand = roomy[lane_of == number]
            event_ids = model.columns.ids[frame.glyph_pos[cand]]
            wanted, least, strict = (np.empty(len(cand)) for _ in range(3))
            elides = np.ones(len(cand), bool)
            for j, event_id in enumerate(event_ids):
                width, _short, short_width = self._width(int(event_id), titles, missing)
                suffix = self.measure(f" +{hidden[cand[j]]}") if hidden[cand[j]] else 0.0
                wanted[j] = width + suffix if width else 0.0
                least[j] = (short_width or MIN_LABEL) + suffix
                strict[j] = (short_width or width) + suffix
                elides[j] = not short_width
            has = wanted > 0
            cand, wanted, event_ids = cand[has], wanted[has], event_ids[has]
            if not len(cand) or len(texts) >= MAX_LABELS:
                continue
            rooms = self._rooms(frame, int(number), cand, keys, blockers, least[has], strict[has])
            eras = [(x, x + w) for x, w, _i in frame.era_label_rects] if number == 0 else []
            placed = place_labels_ranked(
                rooms,
                wanted,
                self._rank(model, frame.glyph_pos[cand], match_mask),
                most=MAX_LABELS - len(texts),
                reserved={int(number) * LINES + TITLE_LINE: eras},
                elides=elides[has],
            )
            lf = frame.lanes[int(number)]
            for k, line, lx, w in zip(
                placed.kept, placed.line, placed.left, placed.width, strict=True
            ):
                row = int(line) % LINES
                if row == TITLE_LINE:
                    y = lf.top + TITLE_H / 2 + 0.5
                else:  # LaneFrame.row_y, for one row (numpy on scalars costs here)
                    y = lf.top + TITLE_H + ROW_H / 2 + min(row, lf.rows - 1) * ROW_H
                event_id = int(event_ids[k])
                rects.append((lx, y - LABEL_H / 2, w, LABEL_H))
                texts.append(self._text(event_id, titles, w, int(hidden[cand[k]])))
                ids.append(event_id)
        frame.label_rects = np.asarray(rects, np.float64).reshape(-1, 4)
        frame.label_text, frame.label_ids, frame.missing_titles = texts, ids, missing[:MAX_LABELS]

    def _rooms(self, frame, number: int, cand, keys, blockers, least, strict) -> list[LabelRoom]:
        """Where the labels of one lane's candidates may go: right and left of the glyph on its
        row, and (unless the lane is crowded) on the line under it and the line over it, which
        for the first row is the lane's title strip."""
        m, lf = frame.mapping, frame.lanes[number]
        x, key = frame.glyph_x[cand], keys[cand]
        right_edge = m.left + m.width - 2
        lo = x + HALF + LABEL_GAP
        rooms = [LabelRoom(key, lo, _right_room(blockers, key, lo, right_edge), least)]
        hi = x - HALF - LABEL_GAP
        rooms.append(LabelRoom(key, _left_room(blockers, key, hi, m.left + 2), hi, strict, True))
        if len(cand) > CROWDED:  # a crowded lane has no room on other lines either
            return rooms
        row, under = key % LINES, np.maximum(x - HALF, m.left + 2)
        # the line under the glyph's row (the next row, if the lane has it)
        below = key + 1
        hi = np.where(row + 1 < lf.rows, _right_room(blockers, below, x, right_edge), -np.inf)
        floor = _left_room(blockers, below, x, m.left + 2)
        rooms.append(LabelRoom(below, under, hi, strict, around=x, floor=floor))
        # the line over it: the row above, or the lane's title strip right of its title (the
        # top lane's also holds era names, reserved)
        title_end = m.left + lane_title_width(lf.lane.label, self.measure) + 6
        above = np.where(row == 0, number * LINES + TITLE_LINE, key - 1)
        hi = _right_room(blockers, above, x, right_edge)
        floor = np.where(row == 0, title_end, _left_room(blockers, above, x, m.left + 2))
        rooms.append(LabelRoom(above, under, hi, strict, around=x, floor=floor))
        return rooms

    @staticmethod
    def _rank(model: TimelineModel, positions: np.ndarray, match_mask) -> np.ndarray:
        """Search matches first, then summits (the headings of the story), then the rest."""
        summit = model.columns.kind[positions] == _SUMMIT_CODE
        rank = np.where(summit, 0, 1)
        if match_mask is not None:
            rank = rank + np.where(match_mask[positions], 0, 2)
        return rank

    def _text(self, event_id: int, titles: TitleCache, width: float, hidden: int) -> str:
        """The whole title if it fits, else its short form if that fits, else elided."""
        summary = titles.get(event_id)
        title = summary.title if summary is not None else ""
        full, short, short_width = self._widths.get(event_id, (0.0, None, 0.0))
        suffix = f" +{hidden}" if hidden else ""
        room = width - (self.measure(suffix) if suffix else 0.0)
        if full <= room + 0.5:
            return title + suffix
        if short is not None and short_width <= room + 0.5:
            return short + suffix
        return self.elide(title, room) + suffix

    def _width(self, event_id: int, titles: TitleCache, missing: list[int]):
        """(whole title's width, short title, its width); zeros while the title is not fetched."""
        cached = self._widths.get(event_id)
        if cached is None:
            summary = titles.get(event_id)
            if summary is None:
                missing.append(event_id)
                return 0.0, None, 0.0
            short = short_title(summary.kind, summary.title, summary.when)
            short_width = self.measure(short) + 2 if short else 0.0
            cached = (self.measure(summary.title) + 2, short, short_width)
            if len(self._widths) > WIDTH_CACHE:
                self._widths.clear()
            self._widths[event_id] = cached
        return cached

    def _dim_labels(self, frame: Frame, model: TimelineModel, match_mask) -> None:
        """While searching, the labels of events that do not match are drawn faded."""
        if match_mask is None or not frame.label_ids:
            frame.label_dim = np.zeros(len(frame.label_ids), bool)
            return
        positions = [model.columns.index_of(i) for i in frame.label_ids]
        frame.label_dim = np.array([p is None or not match_mask[p] for p in positions], bool)

    # -- the selected title's plate ----------------------------------------------------------

    def add_selection(self, frame: Frame, event_id: int, point, title: str) -> None:
        """The selected event's halo at ``point`` and its whole title on a plate beside it
        (left of it when there is no room on the right); labels the plate covers are hidden,
        the event's own label with them (the plate says it)."""
        frame.selected_xy = point
        frame.selected_title = title
        if point is None or not title:
            return
        m = frame.mapping
        x, y = point
        room = max(m.width - 2 * HALF - 16 - 2 * PLATE_PAD, 0.0)
        text = title if self.measure(title) <= room else self.elide(title, room)
        width = self.measure(text) + 2 * PLATE_PAD
        left = x + HALF + 4
        if left + width > m.left + m.width:
            left = max(x - HALF - 4 - width, m.left)
        plate = (left, y - LABEL_H / 2 - 1, width, LABEL_H + 2)
        frame.plate_rect, frame.plate_text = plate, text
        px, py, pw, ph = plate
        r = frame.label_rects
        covered = (
            (r[:, 0] < px + pw + 2)
            & (px - 2 < r[:, 0] + r[:, 2])
            & (r[:, 1] < py + ph)
            & (py < r[:, 1] + r[:, 3])
        )
        covered |= np.asarray(frame.label_ids, np.int64) == event_id
        keep = np.flatnonzero(~covered)
        frame.label_rects = r[keep]
        frame.label_text = [frame.label_text[i] for i in keep]
        frame.label_ids = [frame.label_ids[i] for i in keep]
        if len(frame.label_dim) == len(covered):
            frame.label_dim = frame.label_dim[keep]


_SUMMIT_CODE = KIND_ORDER.index(EventKind.SUMMIT)


class _Blockers:
    """Glyphs or marks (each ``half`` wide either side of its x) that labels keep ``clearance``
    from, on each line, as one sorted axis: line * AXIS + x."""

    AXIS = 1e7

    def __init__(self, keys: np.ndarray, xs: np.ndarray, half: float, clearance: float) -> None:
        self.axis = np.sort(np.asarray(keys, np.float64) * self.AXIS + np.clip(xs, -1e6, 1e6))
        self.half, self.clearance = half, clearance

    def first_after(self, keys: np.ndarray, lo: np.ndarray) -> np.ndarray:
        """Where a label starting at ``lo`` must end: the left edge, less clearance, of the
        first blocker on its line reaching past ``lo`` (inf when none)."""
        if not len(self.axis):
            return np.full(len(lo), np.inf)
        base = np.asarray(keys, np.float64) * self.AXIS
        reach = self.half + self.clearance
        at = np.searchsorted(self.axis, base + lo - reach, "right")
        found = self.axis[np.minimum(at, len(self.axis) - 1)] - base
        ok = (at < len(self.axis)) & (np.abs(found) < self.AXIS / 2)
        return np.where(ok, found - reach, np.inf)

    def last_before(self, keys: np.ndarray, hi: np.ndarray) -> np.ndarray:
        """Where a label ending at ``hi`` may start: the right edge, plus clearance, of the
        last blocker on its line starting before ``hi`` (-inf when none)."""
        if not len(self.axis):
            return np.full(len(hi), -np.inf)
        base = np.asarray(keys, np.float64) * self.AXIS
        reach = self.half + self.clearance
        at = np.searchsorted(self.axis, base + hi + reach, "left") - 1
        found = self.axis[np.maximum(at, 0)] - base
        ok = (at >= 0) & (np.abs(found) < self.AXIS / 2)
        return np.where(ok, found + reach, -np.inf)


def _right_room(blockers, keys, lo, right_edge: float) -> np.ndarray:
    """The right end of the room from ``lo`` on each key's line."""
    limits = [b.first_after(keys, lo) for b in blockers]
    return np.minimum.reduce([np.full(len(lo), right_edge), *limits])


def _left_room(blockers, keys, hi, left_edge: float) -> np.ndarray:
    """The left end of the room up to ``hi`` on each key's line."""
    limits = [b.last_before(keys, hi) for b in blockers]
    return np.maximum.reduce([np.full(len(hi), left_edge), *limits])


def _joined(obstacles) -> tuple[np.ndarray, np.ndarray]:
    """The marks' (line keys, xs) gathered from the shapes."""
    if not obstacles:
        return np.zeros(0, np.int64), np.zeros(0)
    return (
        np.concatenate([k for k, _x in obstacles]),
        np.concatenate([x for _k, x in obstacles]).astype(np.float64),
    )
