"""An edit laid into the timeline model in place gives the model a full layout gives, lane by
lane: the same events in the same order with the same intervals and counts."""

from dataclasses import replace

import numpy as np

from explorer.domain.dates import FuzzyDate
from explorer.store.columns import load_columns, patch_columns
from explorer.store.edits import add_event, delete_events, event_state, restore_events, update_event
from explorer.timeline.model import load_timeline_model
from explorer.timeline.patching import patch_timeline_model
from tests.store.factory import event
from tests.timeline.stores import small_store  # noqa: F401 (fixture)

FIELDS = ("index", "start", "end", "end_sorted", "kind", "exact")


def assert_same_layout(patched, full):
    assert patched.bounds == full.bounds
    for lanes in ("points", "spans"):
        for lane, part in getattr(full, lanes).items():
            mine = getattr(patched, lanes)[lane]
            for name in FIELDS:
                assert np.array_equal(getattr(mine, name), getattr(part, name)), (lane, name)
            assert mine.max_duration >= part.max_duration
            edges = (
                np.linspace(part.start[0] - 5, part.end_sorted[-1] + 5, 97) if len(part) else None
            )
            if edges is not None:
                assert np.array_equal(mine.overlap_counts(edges), part.overlap_counts(edges))
            assert set(np.unique(mine.span_row)) <= {0, 1, 2}


def test_adding_moving_and_deleting_events_patch_the_model_as_a_full_layout_would(
    small_store,  # noqa: F811 (the fixture imported above)
):
    store = small_store
    model = load_timeline_model(store, load_columns(store))
    edits = [
        lambda: add_event(store, event("point", "2012-06-01", "summit")),
        lambda: add_event(store, event("long", "2011-01-01/2012-12-31", "agreement")),
        lambda: add_event(store, event("before-all", "1990-01-01", "visit")),
        lambda: update_event(
            store,
            replace(store.event("point"), when=FuzzyDate.parse("2019-02")),
            event_state(store, "point").revision,
        ),
        lambda: delete_events(store, ["unscr-2189", "long"]),
        lambda: restore_events(store, ["long"]),
    ]
    for edit in edits:
        changes = edit()
        columns = patch_columns(store, model.columns, changes.row_ids)
        patched = patch_timeline_model(model, columns, changes.row_ids)
        assert patched is not None
        assert_same_layout(patched, load_timeline_model(store, columns))
        model = patched


def test_an_edit_of_what_the_annotations_draw_asks_for_a_full_layout(
    small_store,  # noqa: F811 (the fixture imported above)
):
    store = small_store
    model = load_timeline_model(store, load_columns(store))
    changes = delete_events(store, ["troops-2017"])
    columns = patch_columns(store, model.columns, changes.row_ids)
    assert patch_timeline_model(model, columns, changes.row_ids) is None


def test_a_long_run_of_random_edits_keeps_the_patched_model_equal_to_a_full_layout(
    small_store,  # noqa: F811 (the fixture imported above)
):
    """Points and spans in every lane, many on the same day: forty random adds, moves and
    deletes, each patched into the last patched model and compared with a full layout."""
    import datetime as dt

    store = small_store
    rng = np.random.default_rng(7)
    kinds = ["summit", "visit", "agreement", "un_resolution", "ministerial_meeting", "other"]

    def random_date():
        first = dt.date(2005, 1, 1) + dt.timedelta(days=int(rng.integers(0, 40)) * 30)
        if rng.random() < 0.4:  # a span drawn in a span row
            return f"{first.isoformat()}/{(first + dt.timedelta(days=int(rng.integers(45, 900)))).isoformat()}"
        return first.isoformat()

    for i in range(30):
        store.add_events([event(f"seed{i}", random_date(), kinds[i % len(kinds)])])
    model = load_timeline_model(store, load_columns(store))
    keys = [f"seed{i}" for i in range(30)]
    for step in range(40):
        action = rng.choice(["add", "move", "delete"]) if keys else "add"
        if action == "add":
            key = f"added{step}"
            changes = add_event(store, event(key, random_date(), kinds[step % len(kinds)]))
            keys.append(key)
        elif action == "move":
            key = keys[int(rng.integers(len(keys)))]
            moved = replace(store.event(key), when=FuzzyDate.parse(random_date()))
            changes = update_event(store, moved, event_state(store, key).revision)
        else:
            key = keys.pop(int(rng.integers(len(keys))))
            changes = delete_events(store, [key])
        columns = patch_columns(store, model.columns, changes.row_ids)
        patched = patch_timeline_model(model, columns, changes.row_ids)
        assert patched is not None, step
        assert_same_layout(patched, load_timeline_model(store, columns))
        # each event's drawn row is the row its lane part holds for it
        for part in (*patched.points.values(), *patched.spans.values()):
            assert np.array_equal(patched.drawn.span_row[part.index], part.span_row)
            assert np.array_equal(patched.drawn.end[part.index], part.end)
        model = patched
    assert sum(len(part) for part in model.spans.values()) > 5  # spans were patched too


def test_the_kind_filters_model_is_patched_as_filtering_the_patched_model_would(
    small_store,  # noqa: F811 (the fixture imported above)
):
    """With a kind filter on, an edit patches the filter's model too: the same lanes as
    filtering the whole patched model again, whether the edited event's kind is shown or not."""
    from explorer.store.columns import KIND_ORDER
    from explorer.timeline.model import with_kinds
    from explorer.timeline.patching import EditSplice, patch_filtered_model

    store = small_store
    hidden = {"visit", "summit"}
    codes = np.array([i for i, k in enumerate(KIND_ORDER) if k.value not in hidden], np.intp)
    whole = load_timeline_model(store, load_columns(store))
    shown = with_kinds(whole, codes)
    assert shown is not whole
    edits = [
        lambda: add_event(store, event("hidden-point", "2012-06-01", "visit")),
        lambda: add_event(store, event("shown-point", "2012-06-01", "agreement")),
        lambda: add_event(store, event("shown-span", "2011-01-01/2012-12-31", "agreement")),
        lambda: update_event(
            store,
            replace(store.event("shown-point"), when=FuzzyDate.parse("2008")),
            event_state(store, "shown-point").revision,
        ),
        lambda: delete_events(store, ["hidden-point", "shown-span", "visit-2010"]),
    ]
    for edit in edits:
        changes = edit()
        columns = patch_columns(store, whole.columns, changes.row_ids)
        patched = patch_timeline_model(whole, columns, changes.row_ids)
        edit = EditSplice.of(whole.columns, columns, changes.row_ids)
        shown = patch_filtered_model(shown, whole, patched, edit, codes)
        assert_same_layout(shown, with_kinds(patched, codes))
        assert_same_layout(shown, with_kinds(load_timeline_model(store, columns), codes))
        whole = patched
