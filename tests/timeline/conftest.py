"""Fixtures: the timeline model over the stores of tests.timeline.stores, without Qt."""

import pytest

from tests.timeline.helpers import Timeline
from tests.timeline.stores import bundled_store, small_store  # noqa: F401 (fixtures)


@pytest.fixture
def bundled(bundled_store):  # noqa: F811 (the fixture imported above)
    """The bundled dataset's timeline."""
    return Timeline(bundled_store)


@pytest.fixture
def small(small_store):  # noqa: F811
    """The handful of events' timeline."""
    return Timeline(small_store)
