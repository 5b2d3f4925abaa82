"""The geometry of one frame of the timeline in device pixels: the day -> pixel mapping, lane
boxes, glyph positions, span bars, uncertainty bands, density per pixel column, labels and
troop steps.

Painting, picking and the tests all read the same Frame, so what is checked is what is drawn.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from explorer.domain.events import Lane
from explorer.timeline.model import LONG_DAYS, DrawnIntervals, LaneColumns

Measure = Callable[[str], float]  # the width of a text in pixels, in the view's font
Elide = Callable[[str, float], str]  # the text cut to fit a width, with an ellipsis at the right

GLYPH_SIZE = 12.0  # logical pixels, the side of a glyph's box
TITLE_H = 17.0  # lane title strip
ROW_H = 16.0  # one row of glyphs (or span bars) with their labels
LABEL_H = 14.0
LABEL_GAP = 5.0  # clears the selection halo
MAX_LABELS = 300  # per frame: more text than this is unreadable, and costs frame time
HALF = GLYPH_SIZE / 2
LANE_WEIGHT = {Lane.MISSIONS: 2.0}  # its troop step chart
# summits and meetings crowd their row: a second line for labels under their glyphs
LANE_ROWS_NEEDED = {Lane.MEETINGS: 2}
STEP_CHART_MIN = 22.0  # the troop step chart's least height, its labels apart
STEP_ROWS = 2  # rows of the missions lane above its troop step chart
MIN_LABEL = 64.0  # narrower room hides a label rather than show three letters
LINES = 64  # label lines per lane: a row's line key is lane number * LINES + row
STACK_STEP = 7.0  # events of one day in one row are drawn fanned out by this much
STACK_MAX = 3  # more of them than this and the top one says how many more ("+4")
BRACKET_W = 1.5  # the bracket at an end of a band known only roughly
TICK_HALF = 7.0  # half the height of a fund's commitment tick
PLATE_PAD = 4.0  # text inset of the selected event's title plate


@dataclass(frozen=True, slots=True)
class PixelMapping:
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

    mapping: PixelMapping
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
    # which ends of each band are bracketed (not known to the day): [left, right]
    band_brackets: np.ndarray = field(default_factory=lambda: np.zeros((0, 2), bool))
    bar_dim: np.ndarray = field(default_factory=lambda: np.zeros(0, bool))  # not a match
    band_dim: np.ndarray = field(default_factory=lambda: np.zeros(0, bool))
    # events drawn fanned out or hidden on one spot: per glyph, its stack (-1: alone)
    glyph_stack: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    stacks: list[tuple[int, int]] = field(default_factory=list)  # glyph index ranges [a, b)
    # labels: [x, y, w, h], text (already elided) and event id
    label_rects: np.ndarray = field(default_factory=lambda: np.zeros((0, 4)))
    label_text: list[str] = field(default_factory=list)
    label_ids: list[int] = field(default_factory=list)
    label_dim: np.ndarray = field(default_factory=lambda: np.zeros(0, bool))  # not a match
    missing_titles: list[int] = field(default_factory=list)
    # troop steps: polyline points, per-step hit boxes [x0, y0, w, h] and step indices
    step_points: np.ndarray = field(default_factory=lambda: np.zeros((0, 2)))
    step_boxes: np.ndarray = field(default_factory=lambda: np.zeros((0, 4)))
    step_index: list[int] = field(default_factory=list)
    # stretches with no sourced figure: hit boxes [x0, y0, w, h], dashed lines [x0, x1, y]
    gap_boxes: np.ndarray = field(default_factory=lambda: np.zeros((0, 4)))
    gap_lines: np.ndarray = field(default_factory=lambda: np.zeros((0, 3)))
    gap_text: list[str] = field(default_factory=list)
    # eras [x0, x1, index] and commitment marks [x, y, index], index into the TimelineModel's
    era_spans: list[tuple[float, float, int]] = field(default_factory=list)
    # era names in the top lane's title strip: [x, w] (x of the text; w the room it may take)
    era_label_rects: list[tuple[float, float, int]] = field(default_factory=list)
    commitment_marks: list[tuple[float, float, int]] = field(default_factory=list)
    selected_xy: tuple[float, float] | None = None
    selected_title: str = ""  # shown in full beside the selected glyph, over neighbours' labels
    plate_rect: tuple[float, float, float, float] | None = None  # the selected title's plate
    plate_text: str = ""  # the selected title as it fits the plate

    def mark_rects(self) -> np.ndarray:
        """Rects [x, y, w, h] of the marks drawn across a row (band brackets, commitment
        ticks): what labels must keep clear of."""
        rects = [
            (x - 0.75, y - TICK_HALF, 1.5, 2 * TICK_HALF) for x, y, _i in self.commitment_marks
        ]
        for (x, y, w, h), (at_left, at_right) in zip(
            self.band_rects, self.band_brackets, strict=True
        ):
            if w >= 6.0:
                if at_left:
                    rects.append((x, y, BRACKET_W, h))
                if at_right:
                    rects.append((x + w - BRACKET_W, y, BRACKET_W, h))
        return np.asarray(rects, np.float64).reshape(-1, 4)

    def lane_at(self, y: float) -> LaneFrame | None:
        """The lane under pixel y."""
        return next((lf for lf in self.lanes if lf.top <= y < lf.bottom), None)


def lane_boxes(
    shown: list[Lane], top: float, height: float, has_steps: bool
) -> list[tuple[Lane, float, float]]:
    """Split the plot's height between the shown lanes: each first gets what it needs to be
    read (a row of glyphs; summits a second line for their labels; missions room for the troop
    step chart), then the rest is shared by weight (missions twice, for their step chart)."""
    needs = [_lane_need(lane, has_steps) for lane in shown]
    weights = [LANE_WEIGHT.get(lane, 1.0) if has_steps else 1.0 for lane in shown]
    spare = height - sum(needs)
    if spare < 0:  # too small for everything: everything shrinks alike
        heights = [need * height / sum(needs) for need in needs]
    else:
        heights = [need + spare * w / sum(weights) for need, w in zip(needs, weights, strict=True)]
    boxes, y = [], top
    for lane, h in zip(shown, heights, strict=True):
        boxes.append((lane, y, y + h))
        y += h
    return boxes


def _lane_need(lane: Lane, has_steps: bool) -> float:
    """The height a lane needs to be read: its title strip and rows (and step chart)."""
    if lane is Lane.MISSIONS and has_steps:
        return TITLE_H + STEP_ROWS * ROW_H + LABEL_H + STEP_CHART_MIN + 6
    rows = LANE_ROWS_NEEDED.get(lane, 1)
    return TITLE_H + rows * ROW_H + 3


def anchor_x(lane: LaneColumns | DrawnIntervals, pos: np.ndarray, m: PixelMapping) -> np.ndarray:
    """Glyph x of lane events: the middle of a short interval (a day, a meeting, a month known
    only roughly); the start of a long span or band, pinned to the left edge while it shows."""
    start = m.x(lane.start[pos])
    end = m.x(lane.end[pos])
    spans = (lane.end[pos] - lane.start[pos]) >= LONG_DAYS
    pinned = np.clip(start, m.left + HALF + 1, np.maximum(end - HALF, m.left + HALF + 1))
    return np.where(spans, pinned, (start + end) / 2)


def drawn_row(lane: LaneColumns | DrawnIntervals, pos: np.ndarray) -> np.ndarray:
    """Row of lane events: 0 for points, 1 + the packed span row for long intervals."""
    long = (lane.end[pos] - lane.start[pos]) >= LONG_DAYS
    return np.where(long, lane.span_row[pos] + 1, 0)
