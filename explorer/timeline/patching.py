"""An edit laid into the timeline model in place: the few events it moved taken out of their
lanes and put in again, every other event only renumbered. At a million events this is a few
array copies where laying the whole store out again (and re-reading its annotations) takes most
of a second."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from explorer.domain.events import EventKind
from explorer.store.columns import KIND_ORDER, LANE_ORDER, EventColumns
from explorer.timeline.model import (
    LONG_DAYS,
    DrawnIntervals,
    LaneColumns,
    TimelineModel,
    add_day_tables,
)

# kinds whose events the annotations read (eras, troop steps, fund spans): a change to one of
# them lays the store out again
ANNOTATED_KINDS = frozenset(
    KIND_ORDER.index(k)
    for k in (EventKind.MISSION_MILESTONE, EventKind.TROOP_LEVEL_CHANGE, EventKind.FUND)
)
SPAN_ROWS = 3


def patch_timeline_model(
    model: TimelineModel, columns: EventColumns, row_ids: tuple[int, ...]
) -> TimelineModel | None:
    """``model`` over the new ``columns`` in which the events ``row_ids`` were taken out and
    read again; None when the change touches what the annotations draw (lay out anew then)."""
    old = model.columns
    old_positions = sorted(p for i in row_ids if (p := old.index_of(int(i))) is not None)
    new_positions = sorted(p for i in row_ids if (p := columns.index_of(int(i))) is not None)
    if _touches_annotations(model, old, old_positions, columns, new_positions, row_ids):
        return None
    remap = _renumbering(len(old), old_positions, new_positions)
    end = model.drawn.end
    if end is old.end:
        end = columns.end
    else:  # funds stretched to their horizon: the copy follows the columns
        end = np.delete(end, old_positions)
        end = np.insert(end, _insert_at(new_positions), columns.end[new_positions])
    span_row = np.delete(model.drawn.span_row, old_positions)
    span_row = np.insert(span_row, _insert_at(new_positions), 0).astype(np.uint8)
    drawn = DrawnIntervals(columns.start, end, span_row)
    patched = replace(model, columns=columns, drawn=drawn, points={}, spans={})
    added = np.asarray(new_positions, np.int64)
    long = (end[added] - columns.start[added]) >= LONG_DAYS
    for code, lane in enumerate(LANE_ORDER):
        in_lane = columns.lane[added] == code
        patched.points[lane] = _patch_part(
            model.points[lane], old_positions, remap, columns, drawn, added[in_lane & ~long]
        )
        patched.spans[lane] = _patch_part(
            model.spans[lane], old_positions, remap, columns, drawn, added[in_lane & long]
        )
    if len(columns):
        patched.bounds = (float(columns.start[0]), float(end.max()))
    return patched


def _touches_annotations(model, old, old_positions, columns, new_positions, row_ids) -> bool:
    kinds = {int(old.kind[p]) for p in old_positions} | {
        int(columns.kind[p]) for p in new_positions
    }
    if kinds & ANNOTATED_KINDS:
        return True
    annotated = {c.meeting_id for c in model.commitments} | {e.event_id for e in model.eras}
    return bool(annotated & {int(i) for i in row_ids})


def _insert_at(new_positions: list[int]) -> np.ndarray:
    """np.insert's indices (into the array without them) for values landing at
    ``new_positions`` (ascending) of the result."""
    return np.asarray(new_positions, np.int64) - np.arange(len(new_positions))


def _renumbering(count: int, old_positions: list[int], new_positions: list[int]):
    """A function from kept old positions (ascending) to their new ones. Only the positions
    past the first change move; an edit moves one or two events, so a comparison pass per
    moved event beats a binary search per position."""
    gaps = _insert_at(new_positions).tolist()  # how many kept positions come before each new one
    first = min([*old_positions, *gaps], default=count)

    def remap(positions: np.ndarray) -> np.ndarray:
        lo = int(np.searchsorted(positions, first))
        if lo == len(positions):
            return positions
        tail = positions[lo:]
        kept = tail.copy()
        for removed in old_positions:
            kept -= tail > removed
        moved = kept.copy()
        for gap in gaps:
            moved += kept >= gap
        out = positions.copy()
        out[lo:] = moved
        return out

    return remap


def _patch_part(
    part: LaneColumns,
    old_positions: list[int],
    remap,
    columns: EventColumns,
    drawn: DrawnIntervals,
    added: np.ndarray,
) -> LaneColumns:
    """One lane part with its events at ``old_positions`` taken out, the rest renumbered and
    the events at ``added`` (new positions) put in."""
    gone = [
        at
        for p in old_positions
        if (at := int(np.searchsorted(part.index, p))) < len(part) and part.index[at] == p
    ]
    fields = {
        name: np.delete(getattr(part, name), gone) if gone else getattr(part, name)
        for name in ("index", "start", "end", "kind", "exact", "span_row")
    }
    end_sorted = part.end_sorted
    if gone:
        removed_ends = part.end[gone]
        end_sorted = np.delete(end_sorted, np.searchsorted(end_sorted, removed_ends))
    index = remap(fields["index"]).astype(part.index.dtype)
    start, end = fields["start"], fields["end"]
    kind, exact, span_row = fields["kind"], fields["exact"], fields["span_row"]
    max_duration = part.max_duration
    for q in added.tolist():
        at = int(np.searchsorted(index, q))
        q_start, q_end = float(columns.start[q]), float(drawn.end[q])
        row = _free_row(start, end, span_row, q_start, q_end) if q_end - q_start >= LONG_DAYS else 0
        drawn.span_row[q] = row
        index = np.insert(index, at, q)
        start, end = np.insert(start, at, q_start), np.insert(end, at, q_end)
        kind = np.insert(kind, at, columns.kind[q])
        exact = np.insert(exact, at, columns.exact[q])
        span_row = np.insert(span_row, at, row)
        end_sorted = np.insert(end_sorted, np.searchsorted(end_sorted, q_end), q_end)
        max_duration = max(max_duration, q_end - q_start)
    patched = LaneColumns(
        index=index,
        start=start,
        end=end,
        end_sorted=end_sorted,
        kind=kind,
        exact=exact,
        span_row=span_row.astype(np.uint8),
        max_duration=max_duration,
        day0=part.day0,
        started_before=part.started_before,
        ended_before=part.ended_before,
    )
    _patch_day_tables(part, patched, part.start[gone] if gone else (), part.end[gone] if gone else (),
                      columns.start[added], drawn.end[added])  # fmt: skip
    return patched


def _free_row(start, end, span_row, first: float, last: float) -> int:
    """The span row least used by the spans overlapping ``[first, last)``."""
    lo = int(np.searchsorted(start, first - (end - start).max(initial=0.0)))
    hi = int(np.searchsorted(start, last))
    overlapping = span_row[lo:hi][end[lo:hi] > first]
    counts = np.bincount(overlapping, minlength=SPAN_ROWS)[:SPAN_ROWS]
    return int(np.argmin(counts))


def _patch_day_tables(old: LaneColumns, part: LaneColumns, gone_starts, gone_ends,
                      new_starts, new_ends) -> None:  # fmt: skip
    """Move the per-day counts by the events taken out and put in; a day outside the tables
    (or not a whole one) rebuilds them for this part alone."""
    if old.started_before is None or old.ended_before is None:
        part.started_before = part.ended_before = None
        if len(new_starts) or len(gone_starts):
            add_day_tables(part)
        return
    started, ended = old.started_before.copy(), old.ended_before.copy()
    top = len(started) - 1
    changes = [(s, -1) for s in gone_starts] + [(s, 1) for s in new_starts]
    end_changes = [(e, -1) for e in gone_ends] + [(e, 1) for e in new_ends]
    for day, _ in changes + end_changes:
        if day != np.floor(day) or not 0 <= day - old.day0 < top:
            part.started_before = part.ended_before = None
            add_day_tables(part)
            return
    # table[d] counts the values below day0 + d: a value v moves every entry past it
    for table, moves in ((started, changes), (ended, end_changes)):
        for value, step in moves:
            table[int(value - old.day0) + 1 :] += step
    part.started_before, part.ended_before = started, ended
