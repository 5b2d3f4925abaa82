"""Computing a frame from the timeline model: which events show as glyphs, bars, bands or
density in each lane, and which titles fit as labels without overlapping."""

from __future__ import annotations

import numpy as np

from explorer.domain.binning import (
    LabelPlacement,
    column_edges,
    count_overlapping,
    place_labels,
)
from explorer.domain.events import Lane
from explorer.timeline.annotations import add_eras_and_commitments, add_troop_steps
from explorer.timeline.frame import (
    GLYPH_SIZE,
    HALF,
    LABEL_GAP,
    LABEL_H,
    MAX_LABELS,
    MIN_LABEL,
    ROW_H,
    STEP_ROWS,
    TITLE_H,
    Elide,
    Frame,
    LaneFrame,
    Measure,
    PixelMapping,
    anchor_x,
    drawn_row,
    lane_boxes,
)
from explorer.timeline.model import LaneColumns, TimelineModel
from explorer.timeline.titles import TitleCache


class FrameBuilder:
    """Computes frames; keeps the text widths it measured (titles do not change width)."""

    def __init__(self, measure: Measure, elide: Elide) -> None:
        self.measure = measure
        self.elide = elide
        self._widths: dict[int, float] = {}

    def set_text_metrics(self, measure: Measure, elide: Elide) -> None:
        """A new font: forget measured widths."""
        self.measure, self.elide = measure, elide
        self._widths.clear()

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
        pieces: dict[str, list] = {k: [] for k in ("pos", "x", "y", "kind", "row")}
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
        self._glyphs(frame, model, pieces, match_mask)
        self._labels(frame, model, titles, pieces)
        add_troop_steps(frame, model, self.measure)
        add_eras_and_commitments(frame, model)
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

    def _glyphs(self, frame: Frame, model: TimelineModel, pieces, match_mask) -> None:
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

    def _labels(self, frame: Frame, model: TimelineModel, titles: TitleCache, pieces) -> None:
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
        # numpy.ma, a noticeable stall inside the first frame that has labels
        room_keys = ks[roomy]
        # [: len] keeps the mask empty when no glyph has room (an IndexError here, inside
        # paint, crashed the app)
        firsts = np.r_[True, room_keys[1:] != room_keys[:-1]][: len(room_keys)]
        for key in room_keys[firsts]:
            cand = roomy[ks[roomy] == key]
            wanted = np.empty(len(cand))
            event_ids = model.columns.ids[frame.glyph_pos[order[cand]]]
            for j, event_id in enumerate(event_ids):
                wanted[j] = self._width(int(event_id), titles, missing)
                if hidden[cand[j]] and wanted[j]:
                    wanted[j] += self.measure(f" +{hidden[cand[j]]}")
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
                    room = w - self.measure(suffix)
                    text = self.elide(title, room) + suffix
                else:
                    text = self.elide(title, w)
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
            width = self.measure(summary.title) + 2
            if len(self._widths) > 20000:
                self._widths.clear()
            self._widths[event_id] = width
        return width
