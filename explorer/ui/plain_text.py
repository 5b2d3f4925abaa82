"""Text from a store shown by Qt literally, wherever Qt would guess it to be rich text."""

from __future__ import annotations

import html


def plain_tooltip(text: str) -> str:
    """A tooltip that shows ``text`` as written: tooltips guess rich text by themselves (a title
    '<img src="file:///...">' would load a local file), so the text goes escaped in a <qt> block."""
    return "<qt>" + html.escape(text).replace("\n", "<br>") + "</qt>"
