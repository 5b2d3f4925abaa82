"""Benchmark (not a test): the time-window query on a store of 100,000 synthetic events.

    python -m tests.store.bench_window_query [EVENTS] [QUERIES]

Builds the store with explorer.store.generate (2001-2021, single days and spans of up to
years), then prints the median and 95th percentile of ``Store.events_between`` over random
windows of several widths, with how many events each window returned.
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from explorer.store import Store
from explorer.store.generate import FIRST_DAY, LAST_DAY, write_store
from explorer.store.store import span_bins_filter

WIDTHS = {"1 week": 7, "1 month": 30, "1 year": 365, "5 years": 5 * 365, "all 21 years": 7670}


def measure(store: Store, width: int, queries: int, rng: random.Random) -> tuple[float, float, int]:
    """Median ms, 95th percentile ms and median events returned over random windows."""
    times, counts = [], []
    for _ in range(queries):
        start = rng.randrange(FIRST_DAY, max(FIRST_DAY + 1, LAST_DAY - width))
        began = time.perf_counter()
        found = store.events_between(start, start + width)
        times.append((time.perf_counter() - began) * 1000)
        counts.append(len(found))
    return _summarise(times, counts)


def measure_index(store: Store, width: int, queries: int, rng: random.Random):
    """The same, for the span index alone: the ids of the events in the window."""
    times, counts = [], []
    for _ in range(queries):
        start = rng.randrange(FIRST_DAY, max(FIRST_DAY + 1, LAST_DAY - width))
        began = time.perf_counter()
        bins_sql, bins_params = span_bins_filter(start, start + width)
        ids = store.execute(
            f"SELECT id FROM event e WHERE ({bins_sql}) AND +e.start_day < ? AND +e.end_day > ?",
            (*bins_params, start + width, start),
        ).fetchall()
        times.append((time.perf_counter() - began) * 1000)
        counts.append(len(ids))
    return _summarise(times, counts)


def _summarise(times: list[float], counts: list[int]) -> tuple[float, float, int]:
    times.sort()
    return (
        statistics.median(times),
        times[int(0.95 * (len(times) - 1))],
        int(statistics.median(counts)),
    )


def main(argv: list[str]) -> None:
    """Build a store, run the queries, print one line per window width."""
    events = int(argv[0]) if argv else 100_000
    queries = int(argv[1]) if len(argv) > 1 else 300
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.sqlite3"
        began = time.perf_counter()
        write_store(path, events, seed=1)
        print(f"{events:,} synthetic events written in {time.perf_counter() - began:.1f} s")
        rng = random.Random(7)
        with Store(path) as store:
            store.events_between(FIRST_DAY, LAST_DAY)  # warm the page cache
            for label, width in WIDTHS.items():
                median, p95, found = measure(store, width, queries, rng)
                index_median, _, _ = measure_index(store, width, queries, rng)
                print(
                    f"window {label:>12}: median {median:7.2f} ms, p95 {p95:7.2f} ms,"
                    f" {found:,} events returned (median); span index alone {index_median:.2f} ms"
                )


if __name__ == "__main__":
    main(sys.argv[1:])
