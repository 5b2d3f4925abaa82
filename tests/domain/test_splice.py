"""A splice takes positions out and puts values in with one copy: the same array as deleting
and inserting one at a time, and kept positions renumbered as they land."""

import numpy as np
import pytest

from explorer.domain.splice import Splice


def reference(array, removed, places, values):
    """Delete, then insert one value at a time at its place in the result."""
    out = list(np.delete(array, sorted(removed)))
    for place, value in sorted(zip(places, values, strict=True)):
        out.insert(place, value)
    return np.array(out, array.dtype)


def random_case(rng, length):
    removed = sorted(rng.choice(length, size=rng.integers(0, min(length, 6) + 1), replace=False))
    result_length = length - len(removed) + int(rng.integers(0, 6))
    count = result_length - (length - len(removed))
    places = sorted(rng.choice(result_length, size=count, replace=False)) if count else []
    return [int(p) for p in removed], [int(p) for p in places]


@pytest.mark.parametrize("seed", range(60))
def test_a_splice_equals_deleting_then_inserting(seed):
    rng = np.random.default_rng(seed)
    length = int(rng.integers(0, 40))
    removed, places = random_case(rng, length)
    for dtype in (np.int64, np.float64, np.uint8, bool, np.int32):
        array = rng.integers(0, 200, length).astype(dtype)
        values = rng.integers(0, 200, len(places)).astype(dtype)
        spliced = Splice(length, removed, places).apply(array, values)
        assert spliced.dtype == array.dtype
        assert np.array_equal(spliced, reference(array, removed, places, values))


@pytest.mark.parametrize("seed", range(60))
def test_kept_positions_are_renumbered_to_where_they_land(seed):
    rng = np.random.default_rng(seed)
    length = int(rng.integers(1, 40))
    removed, places = random_case(rng, length)
    splice = Splice(length, removed, places)
    # the array of its own positions, spliced with -1 for the new values: where each kept
    # position landed is where its number is found
    landed = splice.apply(np.arange(length), [-1] * len(places))
    kept = np.setdiff1d(np.arange(length), removed)
    subset = np.sort(rng.choice(kept, size=int(rng.integers(0, len(kept) + 1)), replace=False))
    for dtype in (np.int32, np.int64):
        renumbered = splice.renumber(subset.astype(dtype))
        assert renumbered.dtype == dtype
        assert [int(landed[p]) for p in renumbered] == subset.tolist()


def test_a_splice_leaves_its_source_alone_and_refuses_what_does_not_fit():
    array = np.arange(5)
    assert Splice(5, [1, 3], [0]).apply(array, [9]).tolist() == [9, 0, 2, 4]
    assert array.tolist() == [0, 1, 2, 3, 4]
    assert Splice(0, [], [0, 1]).apply(np.zeros(0), [1.5, 2.5]).tolist() == [1.5, 2.5]
    assert Splice(3, [0, 1, 2], []).apply(array[:3]).tolist() == []
    with pytest.raises(ValueError, match="outside"):
        Splice(5, [5], [])
    with pytest.raises(ValueError, match="outside"):
        Splice(5, [], [6])
    with pytest.raises(ValueError, match="twice"):
        Splice(5, [1, 1], [])
    with pytest.raises(ValueError, match="values are needed"):
        Splice(5, [], [2]).apply(array, [])
    with pytest.raises(ValueError, match="for 5 elements"):
        Splice(5, [], []).apply(np.arange(4))


def test_a_splice_writes_into_a_buffer_given_and_refuses_one_that_cannot_hold_it():
    array = np.arange(6, dtype=np.int64)
    splice = Splice(6, [2], [0, 4])
    buffer = np.full(10, -9, np.int64)
    spliced = splice.apply(array, [70, 80], out=buffer)
    assert spliced.tolist() == [70, 0, 1, 3, 80, 4, 5]
    assert np.shares_memory(spliced, buffer) and buffer[7:].tolist() == [-9, -9, -9]
    with pytest.raises(ValueError, match="too short"):
        splice.apply(array, [70, 80], out=np.zeros(6, np.int64))
    with pytest.raises(ValueError, match="another type"):
        splice.apply(array, [70, 80], out=np.zeros(10, np.int32))
    with pytest.raises(ValueError, match="holds the array"):
        big = np.arange(20, dtype=np.int64)
        Splice(6, [2], [0, 4]).apply(big[:6], [1, 2], out=big)
