"""The timeline model over a real store without Qt: what the widget holds, with text measured
as 6 px a character."""

from explorer.store.columns import LANE_ORDER, load_columns
from explorer.timeline.builder import FrameBuilder
from explorer.timeline.frame import Frame, PixelMapping
from explorer.timeline.model import TimelineModel, load_timeline_model
from explorer.timeline.titles import TitleCache

CHAR_W = 6.0


def measure(text: str) -> float:
    """Every character 6 px wide."""
    return CHAR_W * len(text)


def elide(text: str, width: float) -> str:
    """As Qt elides on the right: as many characters as fit with an ellipsis."""
    if measure(text) <= width:
        return text
    keep = max(0, int(width // CHAR_W) - 1)
    return text[:keep] + "…" if keep else ""


class Timeline:
    """A model, its titles and a frame builder: what the widget holds, without the widget."""

    def __init__(self, store) -> None:
        self.store = store
        self.model: TimelineModel = load_timeline_model(store, load_columns(store))
        self.titles = TitleCache(store)
        first, last = self.model.bounds
        self.titles.preload(store.events_between(int(first), int(last) + 1))
        self.builder = FrameBuilder(measure, elide)

    def frame(
        self,
        first: float | None = None,
        last: float | None = None,
        width: float = 1200.0,
        height: float = 520.0,
        shown=LANE_ORDER,
        matches=None,
    ) -> Frame:
        """The frame showing days ``first`` .. ``last`` (default: everything)."""
        if first is None or last is None:
            first, last = self.model.bounds
        left, top = 10.0, 5.0
        scale = width / (last - first)
        mapping = PixelMapping(scale, left - first * scale, left, top, width, height)
        lanes = [lane for lane in LANE_ORDER if lane in shown]
        return self.builder.build(self.model, mapping, lanes, self.titles, matches)

    def position(self, key: str) -> int:
        """The event's position in the model's columns."""
        return self.model.columns.index_of(self.store.id_of(key))
