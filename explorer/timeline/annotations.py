"""The history's annotations in a frame: troop-level steps, mission eras, fund commitments."""

from __future__ import annotations

import numpy as np

from explorer.domain.dates import date_of
from explorer.domain.events import Lane
from explorer.timeline.frame import LABEL_H, ROW_H, TITLE_H, Frame, Measure, drawn_row
from explorer.timeline.model import TimelineModel


def add_troop_steps(frame: Frame, model: TimelineModel, measure: Measure) -> None:
    """The missions' troop levels as a step chart in the missions lane, each step a hit box
    and, where it fits without overlapping, a label ("~16,000")."""
    lf = next((lf for lf in frame.lanes if lf.lane is Lane.MISSIONS), None)
    if lf is None or not model.steps:
        return
    m = frame.mapping
    lf.step_top = lf.top + TITLE_H + lf.rows * ROW_H + LABEL_H + 2
    lf.step_bottom = lf.bottom - 4
    if lf.step_bottom - lf.step_top < 10:
        return
    top_level = max(s.level for s in model.steps)
    points, boxes, index = [], [], []
    placed: list[tuple[float, float, float, float]] = []
    texts, ids = [], []
    gaps: list[tuple[float, float, float]] = []
    gap_text: list[str] = []
    for i, step in enumerate(model.steps):
        x0, x1 = float(m.x(step.start)), float(m.x(step.end))
        # a figure is held only as long as a source gives it: the rest is drawn as a gap
        solid_end = x1 if step.sourced_until is None else float(m.x(step.sourced_until))
        y = lf.step_bottom - (lf.step_bottom - lf.step_top) * step.level / top_level
        previous = model.steps[i - 1] if i else None
        if previous is not None and previous.mission == step.mission:
            if previous.sourced_until is None:
                points.append((x0, points[-1][1]))
            else:
                points.append((np.nan, np.nan))
        elif points:
            points.append((np.nan, np.nan))  # a gap between missions
        points += [(x0, y), (solid_end, y)]
        if solid_end < x1 and solid_end < m.left + m.width and x1 > m.left:
            gaps.append((solid_end, x1, y))
            gap_text.append(_gap_text(step.sourced_until, step.end))
        if solid_end < m.left or x0 > m.left + m.width:
            continue
        boxes.append((x0 - 3, y - 4, solid_end - x0 + 6, 8))
        index.append(i)
        text = step.text
        w = measure(text) + 2
        rect = (max(x0, m.left) + 2, y - LABEL_H - 1, w, LABEL_H)
        fits = rect[0] + w <= min(solid_end, m.left + m.width)
        if fits and not any(_overlap(rect, r) for r in placed):
            placed.append(rect)
            texts.append(text)
            ids.append(step.event_id)
    frame.gap_lines = np.asarray(gaps, np.float64).reshape(-1, 3)
    frame.gap_boxes = np.column_stack(
        [
            frame.gap_lines[:, 0],
            np.full(len(gaps), lf.step_top),
            frame.gap_lines[:, 1] - frame.gap_lines[:, 0],
            np.full(len(gaps), lf.step_bottom - lf.step_top),
        ]
    ).reshape(-1, 4)
    frame.gap_text = gap_text
    frame.step_points = np.asarray(points, np.float64).reshape(-1, 2)
    frame.step_boxes = np.asarray(boxes, np.float64).reshape(-1, 4)
    frame.step_index = index
    if placed:
        frame.label_rects = np.vstack([frame.label_rects, np.asarray(placed)])
        frame.label_text += texts
        frame.label_ids += ids


def add_eras_and_commitments(frame: Frame, model: TimelineModel, measure: Measure) -> None:
    """Mission eras on screen with room for their names in the top lane's title strip (right
    of the lane's title), and ticks where each fund commitment was made."""
    m = frame.mapping
    title_end = m.left + lane_title_width(frame.lanes[0].lane.label, measure) if frame.lanes else 0
    for i, era in enumerate(model.eras):
        x0, x1 = float(m.x(era.start)), float(m.x(era.end))
        if x1 > m.left and x0 < m.left + m.width:
            x0, x1 = max(x0, m.left), min(x1, m.left + m.width)
            frame.era_spans.append((x0, x1, i))
            start = max(x0 + 4, title_end + 12)
            room = min(x1 - start - 4, measure(era.title) * ITALIC_WIDER + 2)
            if room > 30:
                frame.era_label_rects.append((start, room, i))
    funds = next((lf for lf in frame.lanes if lf.lane is Lane.FUNDS), None)
    if funds is None:
        return
    for i, mark in enumerate(model.commitments):
        x = float(m.x(mark.day))
        position = model.columns.index_of(mark.fund_id)
        if position is None or not m.left <= x <= m.left + m.width:
            continue
        y = float(funds.row_y(drawn_row(model.drawn, np.array([position]))[0]))
        frame.commitment_marks.append((x, y, i))


ITALIC_WIDER = 1.05  # era names are drawn in italic, lane titles in bold: a little wider
BOLD_WIDER = 1.15


def lane_title_width(title: str, measure: Measure) -> float:
    """The room a lane's bold title takes at the left of its title strip."""
    return measure(title) * BOLD_WIDER + 8


def _gap_text(first: float, end: float) -> str:
    """'No troop figure is sourced from 1 July 2005 to 30 June 2006.'"""
    a, b = date_of(int(first)), date_of(int(end) - 1)
    return f"No troop figure is sourced from {a.day} {a:%B %Y} to {b.day} {b:%B %Y}."


def _overlap(a, b) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]
