"""An edit laid into the timeline model in place: the few events it moved taken out of their
lanes and put in again, every other event only renumbered. At a million events this is a few
array copies where laying the whole store out again (and re-reading its annotations) takes most
of a second."""

from __future__ import annotations

import bisect
from dataclasses import replace

import numpy as np

from explorer.domain.events import EventKind
from explorer.domain.splice import Splice
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
    model: TimelineModel,
    columns: EventColumns,
    row_ids: tuple[int, ...],
    edit: EditSplice | None = None,
) -> TimelineModel | None:
    """``model`` over the new ``columns`` in which the events ``row_ids`` were taken out and
    read again (``edit``: where, when the caller has worked it out); None when the change
    touches what the annotations draw (lay out anew then)."""
    old = model.columns
    edit = edit or EditSplice.of(old, columns, row_ids)
    if _touches_annotations(model, old, edit, columns, row_ids):
        return None
    splice, old_positions, new_positions = edit.splice, edit.removed, edit.added
    # where funds are stretched to their horizon the drawn ends are a copy: it follows
    end = model.drawn.end
    end = columns.end if end is old.end else splice.apply(end, columns.end[new_positions])
    drawn = DrawnIntervals(
        columns.start, end, splice.apply(model.drawn.span_row, np.zeros(len(new_positions)))
    )
    patched = replace(model, columns=columns, drawn=drawn, points={}, spans={})
    added = np.asarray(new_positions, np.int64)
    long = (end[added] - columns.start[added]) >= LONG_DAYS
    for code, lane in enumerate(LANE_ORDER):
        in_lane = columns.lane[added] == code
        patched.points[lane] = _patch_part(
            model.points[lane], old_positions, splice, columns, drawn, added[in_lane & ~long]
        )
        patched.spans[lane] = _patch_part(
            model.spans[lane], old_positions, splice, columns, drawn, added[in_lane & long]
        )
    if len(columns):
        patched.bounds = (float(columns.start[0]), _last_end(model, old_positions, end, added))
    return patched


def patch_filtered_model(
    filtered: TimelineModel,
    whole: TimelineModel,
    patched_whole: TimelineModel,
    edit: EditSplice,
    kind_codes: np.ndarray,
) -> TimelineModel:
    """The kind filter's model (``with_kinds(whole, kind_codes)``) after the edit that made
    ``patched_whole`` of ``whole`` (``edit``): its lane parts patched the same way, with only the added
    events of the kinds shown, over the patched whole model's columns and drawn intervals.
    What :func:`~explorer.timeline.model.with_kinds` would give, without filtering a million
    events again."""
    columns, drawn = patched_whole.columns, patched_whole.drawn
    shown = np.zeros(256, bool)
    shown[np.asarray(kind_codes, np.intp)] = True
    added = np.asarray(edit.added, np.int64)
    long = (drawn.end[added] - columns.start[added]) >= LONG_DAYS
    patched = replace(
        filtered, columns=columns, drawn=drawn, bounds=patched_whole.bounds, points={}, spans={}
    )
    for code, lane in enumerate(LANE_ORDER):
        in_lane = columns.lane[added] == code
        for parts, patched_parts, is_long in (
            ("points", patched.points, False),
            ("spans", patched.spans, True),
        ):
            here = added[in_lane & (long == is_long)]
            part = getattr(filtered, parts)[lane]
            if part is getattr(whole, parts)[lane] and shown[columns.kind[here]].all():
                # the filter kept this part whole and keeps what was added: share it again
                patched_parts[lane] = getattr(patched_whole, parts)[lane]
                continue
            here = here[shown[columns.kind[here]]]
            patched_parts[lane] = _patch_part(
                part, edit.removed, edit.splice, columns, drawn, here, rows=drawn.span_row[here]
            )
    return patched


class EditSplice:
    """How an edit changed the columns: the old positions of the events it read again
    (``removed``), their new positions (``added``) and the splice between the two."""

    __slots__ = ("removed", "added", "splice")

    def __init__(self, removed: list[int], added: list[int], length: int) -> None:
        self.removed, self.added = removed, added
        self.splice = Splice(length, removed, added)

    @staticmethod
    def of(old: EventColumns, columns: EventColumns, row_ids: tuple[int, ...]) -> EditSplice:
        removed = sorted(p for i in row_ids if (p := old.index_of(int(i))) is not None)
        added = sorted(p for i in row_ids if (p := columns.index_of(int(i))) is not None)
        return EditSplice(removed, added, len(old))


def _last_end(model: TimelineModel, removed, end, added) -> float:
    """The latest drawn end: the old one unless an event ending there was taken out."""
    last = model.bounds[1]
    if any(float(model.drawn.end[p]) >= last for p in removed):
        return float(end.max())
    return max([last, *(float(end[q]) for q in added)])


def _touches_annotations(model, old, edit: EditSplice, columns, row_ids) -> bool:
    kinds = {int(old.kind[p]) for p in edit.removed} | {int(columns.kind[p]) for p in edit.added}
    if kinds & ANNOTATED_KINDS:
        return True
    annotated = {c.meeting_id for c in model.commitments} | {e.event_id for e in model.eras}
    return bool(annotated & {int(i) for i in row_ids})


def _patch_part(
    part: LaneColumns,
    old_positions: list[int],
    splice: Splice,
    columns: EventColumns,
    drawn: DrawnIntervals,
    added: np.ndarray,
    rows: np.ndarray | None = None,
) -> LaneColumns:
    """One lane part with its events at ``old_positions`` taken out, the rest renumbered by
    ``splice`` and the events at ``added`` (new positions) put in: one copy of each field.
    The added events' span ``rows`` are chosen here (and noted in ``drawn``) unless given."""
    gone = [
        at
        for p in old_positions
        if (at := int(np.searchsorted(part.index, part.index.dtype.type(p)))) < len(part)
        and part.index[at] == p
    ]
    if not gone and not len(added):  # only renumbered
        return replace(part, index=splice.renumber(part.index))
    kept_index = np.delete(part.index, gone) if gone else part.index
    renumbered = splice.renumber(kept_index)
    # needles of the positions' own type: another type would convert every position first
    needles = added.astype(renumbered.dtype)
    places = (np.searchsorted(renumbered, needles) + np.arange(len(added))).tolist()
    here = Splice(len(part), gone, places)
    index = Splice(len(renumbered), (), places).apply(renumbered, added)
    starts, ends = columns.start[added], drawn.end[added]
    if rows is None:
        rows = _span_rows(part, gone, starts, ends)
        drawn.span_row[added] = rows
    end_sorted = _spliced_sorted(part.end_sorted, part.end[gone], ends)
    patched = LaneColumns(
        index=index,
        start=here.apply(part.start, starts),
        end=here.apply(part.end, ends),
        end_sorted=end_sorted,
        kind=here.apply(part.kind, columns.kind[added]),
        exact=here.apply(part.exact, columns.exact[added]),
        span_row=here.apply(part.span_row, rows),
        max_duration=max([part.max_duration, *(ends - starts).tolist()]),
        day0=part.day0,
        started_before=part.started_before,
        ended_before=part.ended_before,
    )
    _patch_day_tables(part, patched, part.start[gone], part.end[gone], starts, ends)
    return patched


def _span_rows(part: LaneColumns, gone: list[int], starts, ends) -> np.ndarray:
    """The span row of each added interval: the row least used where it lies (0 for points)."""
    rows = np.zeros(len(starts), np.uint8)
    placed: list[tuple[float, float, int]] = []
    for i, (first, last) in enumerate(zip(starts.tolist(), ends.tolist(), strict=True)):
        if last - first < LONG_DAYS:
            continue
        lo = int(np.searchsorted(part.start, first - part.max_duration))
        hi = int(np.searchsorted(part.start, last))
        overlapping = part.end[lo:hi] > first
        overlapping[[at - lo for at in gone if lo <= at < hi]] = False
        counts = np.bincount(part.span_row[lo:hi][overlapping], minlength=SPAN_ROWS)[:SPAN_ROWS]
        for other_first, other_last, row in placed:
            if other_first < last and other_last > first:
                counts[row] += 1
        rows[i] = int(np.argmin(counts))
        placed.append((first, last, int(rows[i])))
    return rows


def _spliced_sorted(values: np.ndarray, removed: np.ndarray, added: np.ndarray) -> np.ndarray:
    """Sorted ``values`` without one element equal to each of ``removed``, with ``added``."""
    positions: list[int] = []
    for value in sorted(removed.tolist()):
        at = int(np.searchsorted(values, value))
        while at in positions:  # equal values: the next one
            at += 1
        positions.append(at)
    new = np.sort(np.asarray(added, values.dtype))
    removed_sorted = sorted(positions)
    places = []
    for j, value in enumerate(new.tolist()):
        before = int(np.searchsorted(values, value, side="right"))
        places.append(before - bisect.bisect_left(removed_sorted, before) + j)
    return Splice(len(values), positions, places).apply(values, new)


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
