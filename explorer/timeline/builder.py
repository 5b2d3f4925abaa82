"""Computing a frame from the timeline model: which events show as glyphs, bars, bands or
density in each lane, and which titles fit as labels without overlapping."""

from __future__ import annotations

import numpy as np

from explorer.domain.binning import column_edges, count_overlapping
from explorer.domain.events import Lane
from explorer.timeline.annotations import add_eras_and_commitments, add_troop_steps
from explorer.timeline.edges import certain_days
from explorer.timeline.frame import (
    GLYPH_SIZE,
    LINES,
    ROW_H,
    STEP_ROWS,
    TITLE_H,
    Frame,
    LaneFrame,
    PixelMapping,
    anchor_x,
    drawn_row,
    lane_boxes,
)
from explorer.timeline.labels import LabelMaker
from explorer.timeline.model import LaneColumns, TimelineModel
from explorer.timeline.titles import TitleCache

CERTAIN_CACHE = 20000  # events whose certain days are remembered
SPLIT_BAND_PX = 12.0  # narrower bands are drawn whole


class FrameBuilder(LabelMaker):
    """Computes frames; keeps the text widths it measured (titles do not change width)."""

    def build(
        self,
        model: TimelineModel,
        m: PixelMapping,
        shown: list[Lane],
        titles: TitleCache,
        match_mask: np.ndarray | None,
    ) -> Frame:
        """The frame for this mapping, lanes and search."""
        lanes = []
        for lane, top, bottom in lane_boxes(shown, m.top, m.height, bool(model.steps)):
            rows = max(1, int((bottom - top - TITLE_H - 2) // ROW_H))
            if lane is Lane.MISSIONS and model.steps:
                rows = min(rows, STEP_ROWS)
            lanes.append(LaneFrame(lane, top, bottom, rows))
        frame = Frame(m, lanes)
        self._titles, self._ids = titles, model.columns.ids
        pieces: dict[str, list] = {
            k: [] for k in ("pos", "x", "y", "kind", "row", "obst", "bar", "band")
        }
        first, last = m.first_day, m.last_day
        # more glyphs than one per four pixel columns only overlap: draw those as density;
        # long spans crossing the window are counted apart, so a thousand years-long spans do
        # not hide the day's individual events
        limit = max(100, int(m.width // 4))
        span_limit = max(24, limit // 8)
        edges = None
        for number, lf in enumerate(lanes):
            points, spans = model.points[lf.lane], model.spans[lf.lane]
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
        self._join_rects(frame, pieces)
        if match_mask is not None:
            frame.bar_dim, frame.band_dim = ~match_mask[frame.bar_pos], ~match_mask[frame.band_pos]
        self._glyphs(frame, model, pieces, match_mask)
        add_eras_and_commitments(frame, model, self.measure)
        self._commitment_obstacles(frame, pieces)
        self._labels(frame, model, titles, pieces, match_mask)
        add_troop_steps(frame, model, self.measure)
        self._dim_labels(frame, model, match_mask)
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
        row = np.minimum(drawn_row(lane, pos), lf.rows - 1)
        y = lf.row_y(row)
        x0 = np.maximum(m.x(lane.start[pos]), m.left - 2)
        x1 = np.minimum(m.x(lane.end[pos]), m.left + m.width + 2)
        wide = (x1 - x0) > 2.0
        bars = np.flatnonzero(wide & lane.exact[pos])
        self._add_rects(pieces, "bar", x0[bars], x1[bars], y[bars], row[bars], lane, pos[bars])
        self._bands(
            frame,
            lane,
            pos[wide & ~lane.exact[pos]],
            y[wide & ~lane.exact[pos]],
            row[wide & ~lane.exact[pos]],
            number,
            pieces,
        )
        pieces["pos"].append(lane.index[pos])
        pieces["x"].append(x)
        pieces["y"].append(y)
        pieces["kind"].append(lane.kind[pos])
        # labels are placed per drawn row: one key per (lane, row on screen)
        pieces["row"].append(number * LINES + np.asarray(row, np.int64))

    @staticmethod
    def _add_rects(pieces, target: str, x0, x1, y, row, lane, pos, brackets=None) -> None:
        """Bars (known to the day) or bands (known roughly) from ``x0`` to ``x1`` at ``y``,
        gathered for :meth:`_join_rects`."""
        if not len(pos):
            return
        h = np.where(row > 0, 6.0, 4.0) if target == "bar" else np.full(len(pos), GLYPH_SIZE + 2)
        rects = np.column_stack([x0, y - h / 2, x1 - x0, h])
        pieces[target].append((rects, lane.kind[pos], lane.index[pos], brackets))

    @staticmethod
    def _join_rects(frame: Frame, pieces) -> None:
        for target in ("bar", "band"):
            parts = pieces[target]
            if not parts:
                continue
            setattr(frame, f"{target}_rects", np.concatenate([p[0] for p in parts]))
            setattr(frame, f"{target}_kind", np.concatenate([p[1] for p in parts]))
            setattr(frame, f"{target}_pos", np.concatenate([p[2] for p in parts]))
            if target == "band":
                frame.band_brackets = np.concatenate([p[3] for p in parts])

    def _bands(self, frame: Frame, lane: LaneColumns, pos, y, row, number: int, pieces) -> None:
        """Intervals not known to the day: the certain part as a bar with sharp edges, each rough
        end as a faded band with a bracket at its outer edge (the whole interval as a band when
        no day of it is certain)."""
        if not len(pos):
            return
        m = frame.mapping
        lo, hi = m.left - 2, m.left + m.width + 2
        start, end = lane.start[pos].astype(np.float64), lane.end[pos].astype(np.float64)
        first, last = start.copy(), start.copy()  # the certain days (empty: none certain)
        # a band a few pixels wide shows no edge apart: only wider ones are split
        wide = np.flatnonzero((end - start) * m.scale >= SPLIT_BAND_PX)
        for j, position in zip(wide.tolist(), lane.index[pos[wide]].tolist(), strict=True):
            certain = self._certain(int(self._ids[position]))
            if certain is not None:
                first[j], last[j] = certain
        split = last > first
        xs, xa, xb, xe = (np.clip(m.x(v), lo, hi) for v in (start, first, last, end))
        # up to three parts an interval: whole band | fading start band, fading end band
        part_x0 = np.concatenate([xs, xs, xb])
        part_x1 = np.concatenate([xe, xa, xe])
        keep = np.concatenate([~split, split & (first > start), split & (end > last)])
        left_end = np.r_[np.ones(2 * len(pos), bool), np.zeros(len(pos), bool)]
        right_end = np.r_[
            np.ones(len(pos), bool), np.zeros(len(pos), bool), np.ones(len(pos), bool)
        ]
        sel = np.flatnonzero(keep & ((part_x1 - part_x0) > 0.5))
        x0, x1, of = part_x0[sel], part_x1[sel], sel % len(pos)
        # an end cut off by the plot's edge is not an end: no bracket there
        brackets = np.column_stack([left_end[sel] & (x0 > lo), right_end[sel] & (x1 < hi)])
        self._add_rects(pieces, "band", x0, x1, y[of], row[of], lane, pos[of], brackets)
        marked = (x1 - x0) >= 6.0
        for at, side in ((x0, brackets[:, 0]), (x1, brackets[:, 1])):
            chosen = np.flatnonzero(marked & side)
            key = number * LINES + np.asarray(row[of][chosen], np.int64)
            pieces["obst"].append((key, at[chosen]))
        sel = np.flatnonzero(split & ((xb - xa) > 0.5))
        self._add_rects(pieces, "bar", xa[sel], xb[sel], y[sel], row[sel], lane, pos[sel])

    def _certain(self, event_id: int) -> tuple[int, int] | None:
        """The days an event surely covers, from its date's per-end precision (None while its
        summary is not fetched: drawn as a band until then)."""
        if event_id in self._certain_days:
            return self._certain_days[event_id]
        summary = self._titles.get(event_id)
        if summary is None:
            return None
        if len(self._certain_days) > CERTAIN_CACHE:
            self._certain_days.clear()
        certain = self._certain_days[event_id] = certain_days(summary.when)
        return certain

    def _glyphs(self, frame: Frame, model: TimelineModel, pieces, match_mask) -> None:
        if not pieces["pos"]:
            return
        keys = np.concatenate(pieces["row"])
        xs = np.concatenate(pieces["x"])
        order = np.lexsort((xs, keys))  # drawn left to right, a stack's top one last
        frame.glyph_pos = np.concatenate(pieces["pos"])[order]
        frame.glyph_x = xs[order]
        frame.glyph_y = np.concatenate(pieces["y"])[order]
        frame.glyph_kind = np.concatenate(pieces["kind"])[order]
        pieces["row_key"] = keys[order]
        self._stack(frame, model, pieces)
        if match_mask is not None:
            frame.glyph_dim = ~match_mask[frame.glyph_pos]
        else:
            frame.glyph_dim = np.zeros(len(frame.glyph_pos), bool)
