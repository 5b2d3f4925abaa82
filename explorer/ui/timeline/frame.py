"""The geometry of one frame of the timeline, computed from the numpy columns: lane boxes, glyph
positions, span bars, uncertainty bands, density per pixel column, labels and troop steps.

Painting, picking and the tests all read the same Frame, so what is checked is what is drawn.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from PySide6.QtGui import QFontMetricsF

from explorer.domain.binning import (
    LabelPlacement,
    column_edges,
    count_overlapping,
    place_labels,
)
from explorer.domain.events import Lane
from explorer.ui.timeline.data import LONG_DAYS, LaneColumns, TimelineData, TitleCache
from explorer.ui.timeline.style import GLYPH_SIZE

TITLE_H = 17.0  # lane title strip
ROW_H = 16.0  # one row of glyphs (or span bars) with their labels
LABEL_H = 14.0
LABEL_GAP = 5.0  # clears the selection halo
MAX_LABELS = 300  # per frame, as the scale issue asks
HALF = GLYPH_SIZE / 2
LANE_WEIGHT = {Lane.MISSIONS: 2.0}
STEP_ROWS = 2  # rows of the missions lane above its troop step chart
MIN_LABEL = 40.0  # narrower room hides a label rather than show two letters


@dataclass(frozen=True, slots=True)
class Mapping:
    """Day -> pixel mapping of a frame (x = day * scale + offset) and the plot's pixel box."""

    scale: float
    offset: float
    left: float
    top: float
    width: float
    height: float

    def x(self, day):
        """Pixel x of a day (scalar or array)."""
        return day * self.scale + self.offset

    def day(self, x: float) -> float:
        """Day at pixel x."""
        return (x - self.offset) / self.scale

    @property
    def first_day(self) -> float:
        """Day at the plot's left edge."""
        return self.day(self.left)

    @property
    def last_day(self) -> float:
        """Day at the plot's right edge."""
        return self.day(self.left + self.width)


@dataclass(slots=True)
class LaneFrame:
    """One shown lane in this frame."""

    lane: Lane
    top: float
    bottom: float
    rows: int  # rows available: 0 is the point row, 1.. hold long spans
    density: np.ndarray | None = None  # point-like events per pixel column, when too many
    density_box: tuple[float, float] = (0.0, 0.0)  # top and bottom of its bars
    span_density: np.ndarray | None = None  # long spans per pixel column, when too many
    span_density_box: tuple[float, float] = (0.0, 0.0)
    step_top: float = 0.0  # the troop step chart's box (missions lane)
    step_bottom: float = 0.0

    def row_y(self, row):
        """Centre y of a row (scalar or array); rows beyond the lane's room share the last one."""
        return self.top + TITLE_H + ROW_H / 2 + np.minimum(row, self.rows - 1) * ROW_H


@dataclass(slots=True)
class Frame:
    """Everything drawn in one frame, in device pixels of the view."""

    mapping: Mapping
    lanes: list[LaneFrame]
    # glyphs: event positions (into EventColumns), centres, kinds, drawn dimmed
    glyph_pos: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    glyph_x: np.ndarray = field(default_factory=lambda: np.zeros(0))
    glyph_y: np.ndarray = field(default_factory=lambda: np.zeros(0))
    glyph_kind: np.ndarray = field(default_factory=lambda: np.zeros(0, np.uint8))
    glyph_dim: np.ndarray = field(default_factory=lambda: np.zeros(0, bool))
    # bars: [x0, y0, w, h] for exact spans, bands for intervals known only roughly
    bar_rects: np.ndarray = field(default_factory=lambda: np.zeros((0, 4)))
    bar_kind: np.ndarray = field(default_factory=lambda: np.zeros(0, np.uint8))
    bar_pos: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    band_rects: np.ndarray = field(default_factory=lambda: np.zeros((0, 4)))
    band_kind: np.ndarray = field(default_factory=lambda: np.zeros(0, np.uint8))
    band_pos: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    # labels: [x, y, w, h], text (already elided) and event id
    label_rects: np.ndarray = field(default_factory=lambda: np.zeros((0, 4)))
    label_text: list[str] = field(default_factory=list)
    label_ids: list[int] = field(default_factory=list)
    missing_titles: list[int] = field(default_factory=list)
    # troop steps: polyline points, per-step hit boxes [x0, y0, w, h] and step indices
    step_points: np.ndarray = field(default_factory=lambda: np.zeros((0, 2)))
    step_boxes: np.ndarray = field(default_factory=lambda: np.zeros((0, 4)))
    step_index: list[int] = field(default_factory=list)
    # eras and commitment marks: [x0, x1] and their index in TimelineData
    era_spans: list[tuple[float, float, int]] = field(default_factory=list)
    commitment_marks: list[tuple[float, float, int]] = field(default_factory=list)
    selected_xy: tuple[float, float] | None = None
    selected_title: str = ""  # shown in full beside the selected glyph, over neighbours' labels

    def lane_at(self, y: float) -> LaneFrame | None:
        """The lane under pixel y."""
        return next((lf for lf in self.lanes if lf.top <= y < lf.bottom), None)


def lane_boxes(
    shown: list[Lane], top: float, height: float, has_steps: bool
) -> list[tuple[Lane, float, float]]:
    """Split the plot's height between the shown lanes (missions taller for its step chart)."""
    weights = [LANE_WEIGHT.get(lane, 1.0) if has_steps else 1.0 for lane in shown]
    total = sum(weights) or 1.0
    boxes, y = [], top
    for lane, w in zip(shown, weights, strict=True):
        h = height * w / total
        boxes.append((lane, y, y + h))
        y += h
    return boxes


def anchor_x(lane: LaneColumns, pos: np.ndarray, m: Mapping) -> np.ndarray:
    """Glyph x of lane events: the middle of a short interval (a day, a meeting, a month known
    only roughly); the start of a long span or band, pinned to the left edge while it shows."""
    start = m.x(lane.start[pos])
    end = m.x(lane.end[pos])
    spans = (lane.end[pos] - lane.start[pos]) >= LONG_DAYS
    pinned = np.clip(start, m.left + HALF + 1, np.maximum(end - HALF, m.left + HALF + 1))
    return np.where(spans, pinned, (start + end) / 2)


def event_row(lane: LaneColumns, pos: np.ndarray) -> np.ndarray:
    """Row of lane events: 0 for points, 1 + the packed span row for long intervals."""
    long = (lane.end[pos] - lane.start[pos]) >= LONG_DAYS
    return np.where(long, lane.span_row[pos] + 1, 0)


class FrameBuilder:
    """Computes frames; keeps the text widths it measured (titles do not change width)."""

    def __init__(self, font_metrics: QFontMetricsF) -> None:
        self.fm = font_metrics
        self._widths: dict[int, float] = {}

    def set_font_metrics(self, fm: QFontMetricsF) -> None:
        """A new font: forget measured widths."""
        self.fm = fm
        self._widths.clear()

    def build(
        self,
        data: TimelineData,
        m: Mapping,
        shown: list[Lane],
        titles: TitleCache,
        match_mask: np.ndarray | None,
    ) -> Frame:
        """The frame for this mapping, lanes and search."""
        lanes = []
        for lane, top, bottom in lane_boxes(shown, m.top, m.height, bool(data.steps)):
            rows = max(1, int((bottom - top - TITLE_H - 2) // ROW_H))
            if lane is Lane.MISSIONS and data.steps:
                rows = min(rows, STEP_ROWS)
            lanes.append(LaneFrame(lane, top, bottom, rows))
        frame = Frame(m, lanes)
        pieces: dict[str, list] = {k: [] for k in ("pos", "x", "y", "kind", "row")}
        first, last = m.first_day, m.last_day
        # more glyphs than one per four pixel columns only overlap: draw those as density;
        # long spans crossing the window are counted apart, so a thousand years-long spans do
        # not hide the day's individual events
        limit = max(100, int(m.width // 4))
        span_limit = max(24, limit // 8)
        edges = None
        for number, lf in enumerate(lanes):
            points, spans = data.points[lf.lane], data.spans[lf.lane]
            body_top, body_bottom = lf.top + TITLE_H + 1, lf.bottom - 2
            dense = count_overlapping(points.start, points.end_sorted, first, last) > limit
            dense_spans = count_overlapping(spans.start, spans.end_sorted, first, last) > span_limit
            if dense or dense_spans:
                edges = column_edges(first, last, int(m.width)) if edges is None else edges
            if dense:
                lf.density = points.overlap_counts(edges)
                lf.density_box = (body_top, body_bottom)
                self._matches_over_density(frame, lf, number, match_mask, points, limit, pieces)
            else:
                self._lane_shapes(frame, lf, number, points, points.window(first, last), pieces)
            if dense_spans:
                lf.span_density = spans.overlap_counts(edges)
                split = float(lf.row_y(1) - ROW_H / 2) if lf.rows > 1 else body_top
                if dense and lf.rows > 1:
                    split = (body_top + body_bottom) / 2
                    lf.density_box = (body_top, split)
                lf.span_density_box = (split, body_bottom)
            else:
                self._lane_shapes(frame, lf, number, spans, spans.window(first, last), pieces)
        self._glyphs(frame, data, pieces, match_mask)
        self._labels(frame, data, titles, pieces)
        # imported here: annotations builds on this module (Frame, rows); a cached module lookup
        from explorer.ui.timeline.annotations import add_eras_and_commitments, add_troop_steps

        add_troop_steps(frame, data, self.fm)
        add_eras_and_commitments(frame, data)
        return frame

    def _matches_over_density(
        self, frame: Frame, lf: LaneFrame, number: int, match_mask, points, limit, pieces
    ) -> None:
        """While searching, the matches in a dense lane are still drawn one by one, over the
        faded density (a search answers a few hundred events at most)."""
        if match_mask is None:
            return
        m = frame.mapping
        lo = int(np.searchsorted(points.start, m.first_day - points.max_duration))
        hi = int(np.searchsorted(points.start, m.last_day))
        hits = lo + np.flatnonzero(match_mask[points.index[lo:hi]])
        hits = hits[points.end[hits] > m.first_day]
        if 0 < len(hits) <= limit:
            self._lane_shapes(frame, lf, number, points, hits, pieces)

    def _lane_shapes(
        self, frame: Frame, lf: LaneFrame, number: int, lane: LaneColumns, pos, pieces
    ) -> None:
        m = frame.mapping
        x = anchor_x(lane, pos, m)
        row = np.minimum(event_row(lane, pos), lf.rows - 1)
        y = lf.row_y(row)
        x0 = np.maximum(m.x(lane.start[pos]), m.left - 2)
        x1 = np.minimum(m.x(lane.end[pos]), m.left + m.width + 2)
        wide = (x1 - x0) > 2.0
        exact = lane.exact[pos]
        for mask, target in ((wide & exact, "bar"), (wide & ~exact, "band")):
            sel = np.flatnonzero(mask)
            h = (
                np.where(row[sel] > 0, 6.0, 4.0)
                if target == "bar"
                else np.full(len(sel), GLYPH_SIZE + 2)
            )
            rects = np.column_stack([x0[sel], y[sel] - h / 2, x1[sel] - x0[sel], h])
            prior = getattr(frame, f"{target}_rects")
            setattr(frame, f"{target}_rects", np.vstack([prior, rects]))
            setattr(
                frame,
                f"{target}_kind",
                np.concatenate([getattr(frame, f"{target}_kind"), lane.kind[pos[sel]]]),
            )
            setattr(
                frame,
                f"{target}_pos",
                np.concatenate([getattr(frame, f"{target}_pos"), lane.index[pos[sel]]]),
            )
        pieces["pos"].append(lane.index[pos])
        pieces["x"].append(x)
        pieces["y"].append(y)
        pieces["kind"].append(lane.kind[pos])
        # labels are placed per drawn row: one key per (lane, row on screen)
        pieces["row"].append(number * 64 + np.asarray(row, np.int64))

    def _glyphs(self, frame: Frame, data: TimelineData, pieces, match_mask) -> None:
        if not pieces["pos"]:
            return
        frame.glyph_pos = np.concatenate(pieces["pos"])
        frame.glyph_x = np.concatenate(pieces["x"])
        frame.glyph_y = np.concatenate(pieces["y"])
        frame.glyph_kind = np.concatenate(pieces["kind"])
        pieces["row_key"] = np.concatenate(pieces["row"])
        if match_mask is not None:
            frame.glyph_dim = ~match_mask[frame.glyph_pos]
        else:
            frame.glyph_dim = np.zeros(len(frame.glyph_pos), bool)

    def _labels(self, frame: Frame, data: TimelineData, titles: TitleCache, pieces) -> None:
        if not len(frame.glyph_pos):
            return
        m = frame.mapping
        right = m.left + m.width
        keys = pieces["row_key"]
        order = np.lexsort((frame.glyph_x, keys))
        xs, ks = frame.glyph_x[order], keys[order]
        same_row_next = np.append(ks[1:] == ks[:-1], False)
        next_x = np.where(same_row_next, np.append(xs[1:], right), right)
        left = xs + HALF + LABEL_GAP
        limit = np.minimum(next_x - HALF - LABEL_GAP, right - 2)
        # a glyph left of the plot (the middle of a band that starts off screen) gets no label
        roomy = np.flatnonzero((limit - left >= MIN_LABEL / 2) & (xs >= m.left - HALF))
        # glyphs drawn on the same spot (events of one day in a big store): the last one's
        # label says how many more are hidden under it, "+25"
        index = np.arange(len(xs))
        same_spot = np.r_[False, (ks[1:] == ks[:-1]) & (np.diff(xs) < 0.5)]
        run_start = np.maximum.accumulate(np.where(same_spot, 0, index))
        hidden = index - run_start
        rects, texts, ids, missing = [], [], [], []
        # ks is sorted: its distinct values without np.unique, whose first call imports
        # numpy.ma (some 20 ms inside the first frame that has labels)
        room_keys = ks[roomy]
        # [: len] keeps the mask empty when no glyph has room (an IndexError here, inside
        # paint, crashed the app)
        firsts = np.r_[True, room_keys[1:] != room_keys[:-1]][: len(room_keys)]
        for key in room_keys[firsts]:
            cand = roomy[ks[roomy] == key]
            wanted = np.empty(len(cand))
            event_ids = data.columns.ids[frame.glyph_pos[order[cand]]]
            for j, event_id in enumerate(event_ids):
                wanted[j] = self._width(int(event_id), titles, missing)
                if hidden[cand[j]] and wanted[j]:
                    wanted[j] += self.fm.horizontalAdvance(f" +{hidden[cand[j]]}")
            has = wanted > 0
            cand, wanted, event_ids = cand[has], wanted[has], event_ids[has]
            placed: LabelPlacement = place_labels(
                left[cand], wanted, limit[cand], min_width=MIN_LABEL
            )
            for k, lx, w in zip(placed.kept, placed.left, placed.width, strict=True):
                if len(texts) >= MAX_LABELS:
                    break
                event_id = int(event_ids[k])
                y = frame.glyph_y[order[cand[k]]]
                title = titles.get(event_id).title
                more = int(hidden[cand[k]])
                if more:
                    suffix = f" +{more}"
                    room = w - self.fm.horizontalAdvance(suffix)
                    text = self.fm.elidedText(title, _ELIDE_RIGHT, room) + suffix
                else:
                    text = self.fm.elidedText(title, _ELIDE_RIGHT, w)
                rects.append((lx, y - LABEL_H / 2, w, LABEL_H))
                texts.append(text)
                ids.append(event_id)
        frame.label_rects = np.asarray(rects, np.float64).reshape(-1, 4)
        frame.label_text, frame.label_ids, frame.missing_titles = texts, ids, missing[:MAX_LABELS]

    def _width(self, event_id: int, titles: TitleCache, missing: list[int]) -> float:
        width = self._widths.get(event_id)
        if width is None:
            summary = titles.get(event_id)
            if summary is None:
                missing.append(event_id)
                return 0.0
            width = self.fm.horizontalAdvance(summary.title) + 2
            if len(self._widths) > 20000:
                self._widths.clear()
            self._widths[event_id] = width
        return width


from PySide6.QtCore import Qt  # noqa: E402

_ELIDE_RIGHT = Qt.TextElideMode.ElideRight
