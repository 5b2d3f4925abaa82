"""A few elements taken out of sorted arrays and a few put in, in one copy per array.

An edit moves one or two events among a million: every column aligned with the events (ids,
days, kinds, drawn ends, span rows) changes the same way. :class:`Splice` works the change out
once, as runs to copy and places to fill, and then lays it into each array with one pass of
slice copies (no ``np.delete`` then ``np.insert``, which copy twice)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


class Splice:
    """Take the positions ``removed`` out of an array of ``length`` and put new values so that
    they stand at ``places`` (positions of the result); the kept elements keep their order.

    ``removed`` and ``places`` may come in any order; each holds distinct positions.
    """

    __slots__ = ("length", "removed", "places", "result_length", "_runs")

    def __init__(self, length: int, removed: Sequence[int], places: Sequence[int]) -> None:
        self.length = int(length)
        self.removed = sorted({int(p) for p in removed})
        self.places = sorted({int(p) for p in places})
        if len(self.places) != len(places) or len(self.removed) != len(removed):
            raise ValueError("a position is named twice")
        if self.removed and not 0 <= self.removed[0] <= self.removed[-1] < self.length:
            raise ValueError("a removed position is outside the array")
        self.result_length = self.length - len(self.removed) + len(self.places)
        if self.places and not 0 <= self.places[0] <= self.places[-1] < self.result_length:
            raise ValueError("a place is outside the result")
        self._runs = self._plan()

    def _plan(self) -> list[tuple[int, int, int]]:
        """(result start, source start, count) of each run of kept elements."""
        kept: list[tuple[int, int]] = []  # (start, stop) runs of the source
        previous = 0
        for at in self.removed:
            if at > previous:
                kept.append((previous, at))
            previous = at + 1
        if previous < self.length:
            kept.append((previous, self.length))
        runs: list[tuple[int, int, int]] = []
        places = iter(self.places)
        next_place = next(places, self.result_length)
        destination = 0
        for start, stop in kept:
            source = start
            while source < stop:
                while destination == next_place:  # a new value stands here: skip its slot
                    destination += 1
                    next_place = next(places, self.result_length)
                count = min(stop - source, next_place - destination)
                runs.append((destination, source, count))
                destination += count
                source += count
        return runs

    def apply(
        self, array: np.ndarray, values: Sequence | np.ndarray = (), out: np.ndarray | None = None
    ) -> np.ndarray:
        """A new array: ``array`` spliced, with ``values`` (one per place, in the order of the
        ascending places) at the places. Written into the start of ``out`` when it is given
        (of the array's type, long enough, not ``array`` itself): memory already in use costs
        no page faults, where a fresh array of millions of elements costs milliseconds."""
        if len(array) != self.length:
            raise ValueError(f"the splice is for {self.length} elements, not {len(array)}")
        values = np.asarray(values, array.dtype)
        if len(values) != len(self.places):
            raise ValueError(f"{len(self.places)} values are needed, not {len(values)}")
        if out is None:
            out = np.empty(self.result_length, array.dtype)
        else:
            if out.dtype != array.dtype or len(out) < self.result_length:
                raise ValueError("the buffer is of another type or too short")
            if np.shares_memory(out, array):
                raise ValueError("the buffer holds the array being spliced")
            out = out[: self.result_length]
        for destination, source, count in self._runs:
            out[destination : destination + count] = array[source : source + count]
        if self.places:
            out[self.places] = values
        return out

    def renumber(self, positions: np.ndarray) -> np.ndarray:
        """Positions (ascending, none of them removed) in the array as they are in the result.

        Only the positions past the first change move; an edit moves one or two events, so a
        comparison pass per change beats a binary search per position."""
        first = min(self.removed[:1] + self.places[:1], default=self.length)
        # a needle of the positions' own type: a Python int would convert every position first
        lo = int(np.searchsorted(positions, positions.dtype.type(first)))
        if lo == len(positions):
            return positions
        tail = positions[lo:]
        moved = tail.copy()
        for at in self.removed:
            moved -= tail > at
        kept = moved.copy() if self.places else moved
        for gap in self.gaps():
            moved += kept >= gap
        out = np.empty_like(positions)
        out[:lo] = positions[:lo]
        out[lo:] = moved
        return out

    def gaps(self) -> list[int]:
        """For each place, how many kept elements come before it in the result."""
        return [place - j for j, place in enumerate(self.places)]
