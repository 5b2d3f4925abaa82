"""A big CSV file's rows read and checked a batch at a time, in a helper process if it pays.

Reading and checking CSV rows is Python work, about twice the time SQLite takes to insert
them, with the GIL taken back between statements, so a thread cannot overlap the two
(measured: no gain). A second process can: the helper reads and checks, the importing process
unpickles and writes. The helper leaves one batch in three unchecked for the importing
process, which would otherwise wait. On two cores a large import takes a sixth less so. The helper is this interpreter on this module, or the frozen app asked to be it (see
explorer/app.py), talking through a pipe; where it cannot start, reading happens here.

Both ways yield the same stream, ``(lines, checked, rows)`` per batch of up to ``size`` rows:
``checked`` holds the event table's columns of every row when the batch passed
:func:`plain_batch_check`, else it is None and ``rows`` holds the cells, for the caller to check
(a batch at once, then row by row, which names the fault). A fault in the file itself (a
broken quote, a row of the wrong width, bytes that are not UTF-8) is raised as
:class:`ImportRejected` after every batch before it, as reading in this process does.
"""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import struct
import subprocess
import sys
import traceback
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

from explorer.store.errors import ImportRejected, StoreError
from explorer.store.event_files import CsvRows
from explorer.store.plain_rows import plain_batch_check

Batch = tuple[Sequence[int], list[tuple] | None, list[list[str]] | None]

# rows a message from the helper holds: big enough that a message costs little, small enough
# that the importing process never waits long for the first
MESSAGE_ROWS = 20_000
# below this size a file is read here: starting a process would cost more than it saves
READ_AHEAD_BYTES = 8 << 20
# the helper leaves one batch in this many for the importing process to check: reading and
# checking everything in the helper took it nearly twice as long as the importer took to
# write, which waited; sharing the checks evens the two out
LEAVE_EVERY = 3
# how the frozen app (which has no ``python -m``) is asked to be the helper: see explorer/app.py
HELPER_FLAG = "--read-ahead-helper"
_LENGTH = struct.Struct("<Q")


class CheckedRows:
    """The batches of ``rows`` (whose header is read), from here or from a helper process.

    ``position`` is how far into the file reading has got, for a progress bar. ``close()``
    stops the helper (iterating to the end, or stopping early, closes it too).
    """

    def __init__(
        self, path: Path, binary: BinaryIO, rows: CsvRows, size: int, *, helper: bool
    ) -> None:
        self.path, self.binary, self.rows, self.size = path, binary, rows, size
        self.helper = helper
        self.position = binary.tell()
        self._process: subprocess.Popen[bytes] | None = None

    def __iter__(self) -> Iterator[Batch]:
        return self._from_helper() if self.helper else self._from_here()

    def _from_here(self) -> Iterator[Batch]:
        for item in checked_batches(self.rows, self.size):
            self.position = self.binary.tell()
            yield item

    def _from_helper(self) -> Iterator[Batch]:
        try:
            process = subprocess.Popen(
                [*helper_command(), str(self.path), self.rows.name, str(self.size)],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,  # faults come as messages; nothing to fill a pipe
                env=_helper_environment(),
                creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0),
            )
        except OSError:
            yield from self._from_here()  # no second process here: read in this one
            return
        self._process = process
        received = False
        try:
            while True:
                message = _receive(process.stdout)
                if message is None:
                    if received:
                        raise StoreError(f"{self.path}: the process reading the file stopped")
                    # it never started working (no interpreter, a broken install): read here
                    yield from self._from_here()
                    return
                received = True
                tag = message[0]
                if tag == "rows":
                    _, batches, self.position = message
                    yield from batches
                elif tag == "rejected":
                    _, text, line, field = message
                    raise ImportRejected(text, line, field)
                elif tag == "failed":
                    raise StoreError(f"{self.path}: reading the file failed: {message[1]}")
                else:  # "end"
                    return
        finally:
            self.close()

    def close(self) -> None:
        """Stop the helper process, if one runs."""
        process, self._process = self._process, None
        if process is None:
            return
        if process.poll() is None:
            process.kill()
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=5)
        if process.stdout is not None:
            process.stdout.close()


def checked_batches(rows: CsvRows, size: int, leave_every: int = 0) -> Iterator[Batch]:
    """The batches of ``rows``, each checked, except one in ``leave_every`` (if given)."""
    check = plain_batch_check(rows.header)
    for number, (lines, batch) in enumerate(rows.batches(size)):
        checked = None if leave_every and number % leave_every == 0 else check(batch)
        yield lines, checked, None if checked is not None else batch


def helper_command() -> list[str]:
    """How to start a helper: this interpreter on this module, or the frozen app itself."""
    if getattr(sys, "frozen", False):
        return [sys.executable, HELPER_FLAG]
    return [sys.executable, "-m", __name__]


def _helper_environment() -> dict[str, str]:
    # the helper must import this package as this process did, from wherever that was
    env = dict(os.environ)
    package_parent = str(Path(__file__).resolve().parents[2])
    env["PYTHONPATH"] = os.pathsep.join(p for p in (package_parent, env.get("PYTHONPATH")) if p)
    return env


def _receive(stream: BinaryIO | None) -> tuple | None:
    """One message from the helper, or None at the end of its output."""
    assert stream is not None
    head = stream.read(_LENGTH.size)
    if len(head) < _LENGTH.size:
        return None
    (size,) = _LENGTH.unpack(head)
    body = stream.read(size)
    if len(body) < size:
        return None
    return pickle.loads(body)  # noqa: S301 - from our own helper process, never from a file


def read_in_helper(path: str, name: str, size: int, out: BinaryIO) -> None:
    """The helper process: read and check ``path``, send the batches, then "end"."""
    gc.disable()  # no reference cycles here, and a million rows would set it off many times

    def send(message: tuple) -> None:
        body = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
        out.write(_LENGTH.pack(len(body)))
        out.write(body)
        out.flush()

    try:
        with open(path, "rb") as binary:
            rows = CsvRows(binary, name)  # held: its text reader closes the file when freed
            batches: list[Batch] = []
            count = 0
            try:
                # one batch in LEAVE_EVERY goes unchecked: the importing process, which would
                # otherwise wait for this one, checks it (see CheckedRows)
                for item in checked_batches(rows, size, LEAVE_EVERY):
                    batches.append(item)
                    count += len(item[0])
                    if count >= MESSAGE_ROWS:
                        send(("rows", batches, binary.tell()))
                        batches, count = [], 0
            except ImportRejected as exc:
                send(("rows", batches, binary.tell()))
                send(("rejected", str(exc), exc.line, exc.field))
                return
            send(("rows", batches, binary.tell()))
            send(("end",))
    except BrokenPipeError:
        pass  # the importing process stopped listening (cancelled, or a fault found there)
    except OSError as exc:
        with contextlib.suppress(OSError):
            send(("failed", f"{path}: {exc.strerror or exc}"))
    except Exception:  # noqa: BLE001 - reported to the importing process, not swallowed
        with contextlib.suppress(OSError):
            send(("failed", traceback.format_exc(limit=3)))


def main(argv: list[str]) -> int:
    """``python -m explorer.store.read_ahead PATH NAME SIZE``: the helper, writing to stdout."""
    path, name, size = argv
    # a windowed frozen app has no sys.stdout, though its parent gave it a pipe
    out = sys.stdout.buffer if sys.stdout is not None else os.fdopen(1, "wb", closefd=False)
    read_in_helper(path, name, int(size), out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
