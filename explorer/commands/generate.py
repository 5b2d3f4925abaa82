"""``generate``: write a synthetic event store (or CSV) for trying and benchmarking large data."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from explorer.cli import EXIT_OK, command, fail


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--events", type=int, required=True, metavar="N", help="how many events")
    parser.add_argument(
        "--out", type=Path, required=True, metavar="FILE", help="FILE.db (a store) or FILE.csv"
    )
    parser.add_argument("--seed", type=int, default=0, help="same seed, same events (default 0)")
    parser.add_argument("--force", action="store_true", help="replace FILE if it exists")


@command("generate", "write a synthetic store (.db) or CSV (.csv) of N events", _arguments)
def run_generate(options: argparse.Namespace) -> int:
    """Generate ``--events`` synthetic events into ``--out``, printing progress to stderr."""
    from explorer.store.generate import write_csv, write_store

    out: Path = options.out
    if options.events < 0:
        return fail("--events must be zero or more")
    if not 0 <= options.seed < 2**63:
        return fail("--seed must be a whole number from 0 to 2^63 - 1")
    suffix = out.suffix.lower()
    if suffix not in (".db", ".csv", ".sqlite", ".sqlite3"):
        return fail(f"{out}: name it FILE.db for a store or FILE.csv for an importable CSV")
    if out.exists():
        if not options.force:
            return fail(f"{out}: already exists (use --force to replace it)")
        for extra in ("", "-wal", "-shm"):
            Path(f"{out}{extra}").unlink(missing_ok=True)
    started = time.perf_counter()

    def progress(done: int, total: int) -> None:
        print(f"\r{done:,} / {total:,} events", end="", file=sys.stderr, flush=True)

    write = write_csv if suffix == ".csv" else write_store
    try:
        write(out, options.events, options.seed, progress=progress)
    except OSError as exc:
        # a folder that does not exist or cannot be written (/proc): no half file is left
        for extra in ("", "-wal", "-shm"):
            Path(f"{out}{extra}").unlink(missing_ok=True)
        return fail(f"{out}: cannot be written ({exc.strerror or exc})")
    except BaseException:
        for extra in ("", "-wal", "-shm"):
            Path(f"{out}{extra}").unlink(missing_ok=True)
        raise
    took = time.perf_counter() - started
    print(f"\nwrote {options.events:,} events to {out} in {took:.1f} s", file=sys.stderr)
    return EXIT_OK
