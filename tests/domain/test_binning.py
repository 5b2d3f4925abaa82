"""Density per pixel column, label placement and date ticks (pure numpy, no Qt)."""

import numpy as np

from explorer.domain.binning import (
    column_edges,
    count_overlapping,
    date_ticks,
    overlap_counts,
    place_labels,
)
from explorer.domain.dates import date_of, day_number


def random_intervals(n, seed=1):
    rng = np.random.default_rng(seed)
    start = np.sort(rng.integers(0, 10_000, n)).astype(float)
    length = np.where(rng.random(n) < 0.2, rng.integers(30, 3000, n), 1).astype(float)
    return start, start + length


def test_density_per_column_equals_a_direct_count():
    start, end = random_intervals(5000)
    edges = column_edges(2000.0, 7000.0, 300)
    counts = overlap_counts(start, np.sort(end), edges)
    direct = [
        int(np.sum((start < b) & (end > a))) for a, b in zip(edges[:-1], edges[1:], strict=True)
    ]
    assert counts.tolist() == direct
    assert counts.sum() > 0


def test_count_overlapping_equals_a_direct_count():
    start, end = random_intervals(3000, seed=7)
    for first, last in [(0, 10), (500.5, 510.2), (9000, 20000), (-100, 0)]:
        direct = int(np.sum((start < last) & (end > first)))
        assert count_overlapping(start, np.sort(end), first, last) == direct


def test_labels_never_overlap_and_stay_within_their_room():
    rng = np.random.default_rng(3)
    left = np.sort(rng.uniform(0, 2000, 60))
    wanted = rng.uniform(20, 200, 60)
    limit = np.append(left[1:] - 5, 2000.0)
    placed = place_labels(left, wanted, limit, gap=6, min_width=30)
    assert len(placed.kept) > 5
    rights = placed.left + placed.width
    assert np.all(placed.left[1:] >= rights[:-1] + 6)
    assert np.all(rights <= limit[placed.kept] + 1e-9)
    assert np.all(placed.width >= np.minimum(30, wanted[placed.kept]))
    assert np.all(placed.width <= wanted[placed.kept])


def test_a_label_without_room_is_hidden_not_squeezed():
    placed = place_labels(np.array([0.0, 10.0]), np.array([100.0, 100.0]), np.array([12.0, 500.0]))
    assert placed.kept.tolist() == [1]
    assert placed.width.tolist() == [100.0]


def majors(first, last, width=1300):
    return [
        (date_of(t.day).isoformat(), t.label) for t in date_ticks(first, last, width) if t.major
    ]


def test_date_ticks_adapt_to_the_zoom():
    d = day_number
    import datetime as dt

    whole = majors(d(dt.date(2001, 1, 1)), d(dt.date(2022, 1, 1)))
    assert all(label.isdigit() and len(label) == 4 for _, label in whole)
    months = majors(d(dt.date(2016, 1, 1)), d(dt.date(2017, 6, 1)))
    assert ("2017-01-01", "Jan 2017") in months and ("2016-07-01", "Jul") in months
    days = majors(d(dt.date(2016, 7, 4)), d(dt.date(2016, 7, 11)))
    assert ("2016-07-08", "8 Jul") in days
    centuries = majors(d(dt.date(1900, 1, 1)), d(dt.date(2100, 1, 1)))
    assert [label for _, label in centuries][:3] == ["1900", "1920", "1940"]


def test_minor_ticks_are_unlabelled_and_between_majors():
    ticks = date_ticks(17000, 17400, 1300)
    minor = [t for t in ticks if not t.major]
    assert minor and all(t.label == "" for t in minor)
    assert len({t.day for t in ticks}) == len(ticks)


def test_ranked_labels_go_first_and_take_the_other_side_when_needed():
    from explorer.domain.binning import LabelRoom, place_labels_ranked

    # glyphs at 100 and 130: the right-hand one ranks first and takes its right side; the
    # left-hand one has 20 px on its right, so its label goes left of it
    x = np.array([100.0, 130.0])
    right = LabelRoom(np.zeros(2), x + 5, np.array([125.0, 400.0]), np.full(2, 40.0))
    left = LabelRoom(np.zeros(2), np.array([0.0, 105.0]), x - 5, np.full(2, 40.0), True)
    placed = place_labels_ranked([right, left], np.array([60.0, 60.0]), np.array([1, 0]))
    spots = dict(
        zip(placed.kept.tolist(), zip(placed.left, placed.width, strict=True), strict=True)
    )
    assert spots[1] == (135.0, 60.0)
    assert spots[0] == (35.0, 60.0)


def test_a_label_with_a_short_form_takes_its_whole_or_short_width():
    from explorer.domain.binning import LabelRoom, place_labels_ranked

    room = LabelRoom(np.zeros(1), np.array([0.0]), np.array([80.0]), np.array([50.0]))
    fixed = place_labels_ranked([room], np.array([120.0]), np.zeros(1), elides=np.array([False]))
    free = place_labels_ranked([room], np.array([120.0]), np.zeros(1))
    assert fixed.width.tolist() == [50.0] and free.width.tolist() == [80.0]


def test_a_label_keeps_clear_of_reserved_text():
    from explorer.domain.binning import LabelRoom, place_labels_ranked

    room = LabelRoom(np.zeros(1), np.array([0.0]), np.array([300.0]), np.array([40.0]))
    placed = place_labels_ranked(
        [room], np.array([100.0]), np.zeros(1), reserved={0: [(50.0, 80.0)]}
    )
    assert placed.width.tolist() == [44.0]  # up to the reserved stretch, less the gap
