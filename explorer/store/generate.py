"""Synthetic event stores for trying and benchmarking large data: realistic structure, fast to write.

The events fill 2001–2021 in five lanes; most are single days, the rest spans from a few days to
years (funds and missions run longest); about two thirds fall in bursts around random centres.
Everything is drawn from one seeded generator, so a seed always gives the same events.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from explorer.domain.dates import Precision, day_number
from explorer.domain.events import EventKind
from explorer.store.bulk_write import bulk_transaction
from explorer.store.columns import refresh_columns_cache
from explorer.store.event_files import CSV_COLUMNS
from explorer.store.event_table import EVENT_COLUMNS, insert_event_rows, rows_per_insert
from explorer.store.generate_words import title_parts
from explorer.store.store import Store

FIRST_DAY = day_number(dt.date(2001, 1, 1))
LAST_DAY = day_number(dt.date(2022, 1, 1))  # exclusive
CHUNK = 50_000
KEY_PREFIX = "gen-"
# the export's CSV columns, less those a generated event leaves empty; details as JSON text
GENERATED_CSV_COLUMNS = tuple(c for c in CSV_COLUMNS if c not in ("origin", "relations", "sources"))

KINDS = tuple(EventKind)
# How common each kind is: many visits and "other" events, few summits.
KIND_WEIGHTS = {
    EventKind.SUMMIT: 0.02,
    EventKind.LEADERS_MEETING: 0.05,
    EventKind.MINISTERIAL_MEETING: 0.08,
    EventKind.MISSION_MILESTONE: 0.09,
    EventKind.TROOP_LEVEL_CHANGE: 0.08,
    EventKind.FUND: 0.04,
    EventKind.AGREEMENT: 0.08,
    EventKind.UN_RESOLUTION: 0.04,
    EventKind.VISIT: 0.17,
    EventKind.OTHER: 0.35,
}
PRECISIONS = tuple(Precision)
# Per kind: chance of day, day_range, month, year, approximate. Funds and milestones are spans.
SHAPE_WEIGHTS = {
    EventKind.FUND: (0.10, 0.70, 0.05, 0.10, 0.05),
    EventKind.MISSION_MILESTONE: (0.45, 0.40, 0.05, 0.05, 0.05),
    EventKind.SUMMIT: (0.30, 0.65, 0.05, 0.0, 0.0),
}
DEFAULT_SHAPE = (0.60, 0.15, 0.12, 0.05, 0.08)
# Median span length in days of a day_range, per kind (log-normal around it): days to years.
SPAN_MEDIAN = {EventKind.FUND: 900.0, EventKind.MISSION_MILESTONE: 120.0, EventKind.SUMMIT: 2.0}
DEFAULT_SPAN_MEDIAN = 6.0
MISSIONS = ("Task Force North", "Task Force South", "Training Mission Kabul", "Air Wing East")
_SEASONS = ((1, 4, "early"), (5, 8, "mid"), (9, 12, "late"))


@dataclass(frozen=True)
class GeneratedChunk:
    """One chunk of synthetic events as columns (row i of every array is one event)."""

    keys: list[str]
    kind: np.ndarray  # uint8 index into KINDS
    title: list[str]
    start: np.ndarray  # int64 day numbers
    end: np.ndarray  # int64, exclusive
    precision: np.ndarray  # uint8 index into PRECISIONS
    wording: list[str | None]
    details: list[str]  # JSON text

    def __len__(self) -> int:
        return len(self.keys)


def generate_chunks(count: int, seed: int = 0, chunk: int = CHUNK) -> Iterator[GeneratedChunk]:
    """``count`` synthetic events in chunks; the same ``seed`` always gives the same events."""
    root = np.random.SeedSequence(seed)
    bursts = _bursts(np.random.default_rng(root.spawn(1)[0]), count)
    for number, first in enumerate(range(0, count, chunk)):
        rng = np.random.default_rng([seed, number, 1])
        yield _chunk(rng, bursts, first, min(chunk, count - first))


def _bursts(rng: np.random.Generator, count: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Burst centres, widths (days) and weights: a few huge bursts, many small ones."""
    n = int(np.clip(count // 2_000, 4, 400))
    centre = rng.uniform(FIRST_DAY, LAST_DAY, n)
    width = np.exp(rng.normal(np.log(12.0), 1.2, n))
    weight = rng.pareto(1.2, n) + 0.05
    return centre, width, weight / weight.sum()


def _chunk(rng: np.random.Generator, bursts, first: int, n: int) -> GeneratedChunk:
    centre, width, weight = bursts
    in_burst = rng.random(n) < 0.65
    which = rng.choice(len(centre), n, p=weight)
    day = np.where(
        in_burst,
        centre[which] + rng.normal(0.0, 1.0, n) * width[which],
        rng.uniform(FIRST_DAY, LAST_DAY, n),
    )
    day = np.clip(day, FIRST_DAY, LAST_DAY - 1).astype(np.int64)
    kind = rng.choice(len(KINDS), n, p=np.array([KIND_WEIGHTS[k] for k in KINDS])).astype(np.uint8)
    precision = np.zeros(n, np.uint8)
    median = np.full(n, DEFAULT_SPAN_MEDIAN)
    for i, k in enumerate(KINDS):
        mask = kind == i
        shapes = SHAPE_WEIGHTS.get(k, DEFAULT_SHAPE)
        precision[mask] = rng.choice(len(PRECISIONS), int(mask.sum()), p=shapes)
        median[mask] = SPAN_MEDIAN.get(k, DEFAULT_SPAN_MEDIAN)
    start, end, wording = _intervals(rng, day, precision, median)
    titles = title_parts(rng, kind, KINDS)
    keys = [f"{KEY_PREFIX}{i:07d}" for i in range(first + 1, first + n + 1)]
    details = _details(rng, kind)
    return GeneratedChunk(keys, kind, titles, start, end, precision, wording, details)


def _details(rng: np.random.Generator, kind: np.ndarray) -> list[str]:
    """Details as JSON text: troop-level changes need their mission (never ISAF or RSM, so the
    curated missions' step charts stay as they are) and levels; other kinds have none."""
    details = ["{}"] * len(kind)
    rows = np.flatnonzero(kind == KINDS.index(EventKind.TROOP_LEVEL_CHANGE))
    mission = rng.integers(0, len(MISSIONS), len(rows)).tolist()
    before = (rng.integers(1, 60, len(rows)) * 250).tolist()
    step = (rng.integers(-8, 9, len(rows)) * 250).tolist()
    for row, m, b, d in zip(rows.tolist(), mission, before, step, strict=True):
        details[row] = (
            f'{{"level_after": {max(b + d, 0)}, "level_before": {b}, "mission": "{MISSIONS[m]}"}}'
        )
    return details


def _intervals(rng: np.random.Generator, day: np.ndarray, precision: np.ndarray, median):
    """Start and end days for each precision, aligned to months and years where the date is."""
    n = len(day)
    dates = day.astype("datetime64[D]")
    month = dates.astype("datetime64[M]")
    year = dates.astype("datetime64[Y]")
    span = np.clip(np.exp(rng.normal(np.log(median), 1.3, n)), 2, 4_000).astype(np.int64)
    start, end = day.copy(), day + 1
    p = precision
    code = {pr: i for i, pr in enumerate(PRECISIONS)}
    is_range = p == code[Precision.DAY_RANGE]
    # spans end by the end of 2021 (the last day can still be a one-day "range")
    end[is_range] = np.minimum(day[is_range] + span[is_range], LAST_DAY)
    is_month = p == code[Precision.MONTH]
    start[is_month] = month[is_month].astype("datetime64[D]").astype(np.int64)
    end[is_month] = (month[is_month] + 1).astype("datetime64[D]").astype(np.int64)
    is_year = p == code[Precision.YEAR]
    start[is_year] = year[is_year].astype("datetime64[D]").astype(np.int64)
    end[is_year] = (year[is_year] + 1).astype("datetime64[D]").astype(np.int64)
    # "approximate": early (Jan-Apr), mid (May-Aug) or late (Sep-Dec) in the year
    is_approx = np.flatnonzero(p == code[Precision.APPROXIMATE])
    season = (month[is_approx].astype(np.int64) % 12) // 4
    first_month = year[is_approx].astype("datetime64[M]") + season * 4
    start[is_approx] = first_month.astype("datetime64[D]").astype(np.int64)
    end[is_approx] = (first_month + 4).astype("datetime64[D]").astype(np.int64)
    wording: list[str | None] = [None] * n
    years = year[is_approx].astype(np.int64) + 1970
    for i, s, y in zip(is_approx.tolist(), season.tolist(), years.tolist(), strict=True):
        wording[i] = f"{_SEASONS[s][2]} {y}"
    return start, end, wording


# -- writing ----------------------------------------------------------------------------------

Progress = Callable[[int, int], None]


def write_store(
    path: Path | str, count: int, seed: int = 0, progress: Progress | None = None
) -> None:
    """Create a store at ``path`` (which must not exist) holding ``count`` synthetic events.

    The indexes (full-text, span, secondary) are built in bulk after the rows rather than row by
    row, which is several times faster; they and the trigger are restored unchanged.
    """
    path = Path(path)
    if path.exists():
        raise FileExistsError(f"{path}: already exists")
    store = Store(path)
    try:
        # the path an import of a big file takes: see explorer.store.bulk_write
        with bulk_transaction(store, rebuild_indexes=True) as conn:
            step = rows_per_insert(conn)
            done = 0
            for chunk in generate_chunks(count, seed):
                insert_event_rows(conn, event_table_rows(chunk), step)
                done += len(chunk)
                if progress:
                    progress(done, count)
        refresh_columns_cache(store)
    finally:
        store.close()


def event_table_rows(chunk: GeneratedChunk) -> list[tuple]:
    """The chunk's events as rows of the event table (in explorer.store.event_table's order)."""
    kinds = [k.value for k in KINDS]
    precisions = [p.value for p in PRECISIONS]
    n = len(chunk)
    columns = {
        "key": chunk.keys,
        "kind": [kinds[k] for k in chunk.kind.tolist()],
        "title": chunk.title,
        "summary": [""] * n,
        "start_day": chunk.start.tolist(),
        "end_day": chunk.end.tolist(),
        "precision": [precisions[p] for p in chunk.precision.tolist()],
        "date_wording": chunk.wording,
        "confidence": ["high"] * n,
        "origin": ["user"] * n,
        "details": chunk.details,
    }
    return list(zip(*(columns[name] for name in EVENT_COLUMNS), strict=True))


def write_csv(
    path: Path | str, count: int, seed: int = 0, progress: Progress | None = None
) -> None:
    """Write ``count`` synthetic events as CSV in the dataset's field names (for ``import``)."""
    precisions = [p.value for p in PRECISIONS]
    kinds = [k.value for k in KINDS]
    with open(path, "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(GENERATED_CSV_COLUMNS)
        done = 0
        for chunk in generate_chunks(count, seed):
            dates = iso_dates(chunk.start, chunk.end, chunk.precision)
            writer.writerows(
                zip(
                    chunk.keys,
                    [kinds[k] for k in chunk.kind.tolist()],
                    chunk.title,
                    dates,
                    [precisions[p] for p in chunk.precision.tolist()],
                    [w or "" for w in chunk.wording],
                    [""] * len(chunk),
                    ["high"] * len(chunk),
                    chunk.details,
                    strict=True,
                )
            )
            done += len(chunk)
            if progress:
                progress(done, count)


def iso_dates(start: np.ndarray, end: np.ndarray, precision: np.ndarray) -> list[str]:
    """The dataset's ISO interval text for each [start, end) (``YYYY``, ``YYYY-MM``, ``A/B``)."""
    code = {pr: i for i, pr in enumerate(PRECISIONS)}
    first = start.astype("datetime64[D]")
    last = (end - 1).astype("datetime64[D]")
    days_a = np.datetime_as_string(first).tolist()
    days_b = np.datetime_as_string(last).tolist()
    out = [a if a == b else f"{a}/{b}" for a, b in zip(days_a, days_b, strict=True)]
    for name, unit in ((Precision.MONTH, "M"), (Precision.YEAR, "Y")):
        for i in np.flatnonzero(precision == code[name]).tolist():
            out[i] = str(first[i].astype(f"datetime64[{unit}]"))
    for i in np.flatnonzero(precision == code[Precision.APPROXIMATE]).tolist():
        out[i] = f"{first[i].astype('datetime64[M]')}/{last[i].astype('datetime64[M]')}"
    return out
