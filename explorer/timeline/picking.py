"""Where an event is drawn in a frame, and which event is under a pixel (lane-aware)."""

from __future__ import annotations

import numpy as np

from explorer.store.columns import LANE_ORDER
from explorer.timeline.frame import HALF, ROW_H, Frame, anchor_x, drawn_row
from explorer.timeline.model import TimelineModel, nearest_in_lane

PICK_SLACK = 4.0  # pixels around a glyph that still count as a hit


def event_point(model: TimelineModel, frame: Frame, position: int) -> tuple[float, float] | None:
    """Centre (device pixels) of the glyph of the event at ``position`` in EventColumns, or None
    when its lane is hidden. Works whether or not the lane is drawn as density."""
    lane = LANE_ORDER[int(model.columns.lane[position])]
    lf = next((lf for lf in frame.lanes if lf.lane is lane), None)
    if lf is None:
        return None
    drawn = np.flatnonzero(frame.glyph_pos == position)
    if len(drawn):  # where it is drawn, fanned out of a stack of one day's events
        return float(frame.glyph_x[drawn[0]]), float(frame.glyph_y[drawn[0]])
    at = np.array([position])
    x = float(anchor_x(model.drawn, at, frame.mapping)[0])
    y = float(lf.row_y(drawn_row(model.drawn, at))[0])
    return x, y


def stack_at(model: TimelineModel, frame: Frame, x: float, y: float) -> list[int]:
    """The event ids of the stack (events of one day in one row) under (x, y), top one last;
    empty when no stack is there."""
    if not len(frame.glyph_pos):
        return []
    near = (np.abs(frame.glyph_x - x) <= HALF + PICK_SLACK) & (np.abs(frame.glyph_y - y) <= HALF)
    stacks = frame.glyph_stack[near]
    stacks = stacks[stacks >= 0]
    if not len(stacks):
        return []
    a, b = frame.stacks[int(stacks[0])]
    return [int(i) for i in model.columns.ids[frame.glyph_pos[a:b]]]


def gap_at(frame: Frame, x: float, y: float) -> str | None:
    """The note of the troop chart's unsourced stretch under (x, y), if any."""
    for (x0, y0, w, h), text in zip(frame.gap_boxes, frame.gap_text, strict=True):
        if x0 <= x <= x0 + w and y0 <= y <= y0 + h:
            return text
    return None


def pick(model: TimelineModel, frame: Frame, x: float, y: float) -> int | None:
    """The event id under (x, y): a troop step, a commitment mark, the nearest glyph in the row
    under the cursor, a span or band containing the point, or in a density lane the event
    starting nearest the cursor."""
    lf = frame.lane_at(y)
    if lf is None:
        return None
    boxes = frame.step_boxes
    if len(boxes):
        inside = np.flatnonzero(
            (boxes[:, 0] <= x)
            & (x <= boxes[:, 0] + boxes[:, 2])
            & (boxes[:, 1] <= y)
            & (y <= boxes[:, 1] + boxes[:, 3])
        )
        if len(inside):
            return model.steps[frame.step_index[int(inside[0])]].event_id
    for mx, my, i in frame.commitment_marks:
        if abs(mx - x) <= 3 and abs(my - y) <= 7:
            return model.commitments[i].meeting_id
    if len(frame.glyph_pos):
        dx = np.abs(frame.glyph_x - x)
        near = (dx <= HALF + PICK_SLACK) & (np.abs(frame.glyph_y - y) <= ROW_H / 2)
        hits = np.flatnonzero(near)
        if len(hits):
            best = hits[np.argmin(dx[hits])]
            return int(model.columns.ids[frame.glyph_pos[best]])
    for rects, positions in ((frame.bar_rects, frame.bar_pos), (frame.band_rects, frame.band_pos)):
        if len(rects):
            inside = np.flatnonzero(
                (rects[:, 0] - 2 <= x)
                & (x <= rects[:, 0] + rects[:, 2] + 2)
                & (rects[:, 1] - 2 <= y)
                & (y <= rects[:, 1] + rects[:, 3] + 2)
            )
            if len(inside):
                best = inside[np.argmin(rects[inside, 2])]  # the shortest: the most specific
                return int(model.columns.ids[positions[best]])
    if lf.density is not None:
        j = nearest_in_lane(model, lf.lane, frame.mapping.day(x))
        if j is not None and abs(frame.mapping.x(model.columns.start[j]) - x) <= PICK_SLACK:
            return int(model.columns.ids[j])
    return None
