"""Every kind has its own shape and a colour readable on light and dark bases; the legend says so."""

import pytest
from PySide6.QtGui import QColor

from explorer.domain.events import EventKind
from explorer.ui.colour import contrast_ratio
from explorer.ui.timeline.style import KIND_STYLES, kind_color

# light base, and the dark bases of common dark palettes (Fusion dark, Breeze dark, ours)
BASES = ["#ffffff", "#f5f5f5", "#1e1e1e", "#232629", "#2b2b2b", "#353535"]


@pytest.mark.parametrize("kind", list(EventKind))
@pytest.mark.parametrize("base", BASES)
def test_glyph_colours_keep_3_to_1_contrast_on_light_and_dark_bases(kind, base):
    assert contrast_ratio(kind_color(kind), QColor(base)) >= 3.0


def test_the_contrast_arithmetic_is_wcag():
    assert round(contrast_ratio(QColor("#000000"), QColor("#ffffff")), 1) == 21.0
    assert round(contrast_ratio(QColor("#767676"), QColor("#ffffff")), 2) == 4.54


def test_every_kind_has_its_own_shape_and_colour():
    assert len({s.shape for s in KIND_STYLES.values()}) == len(EventKind)
    assert len({s.color for s in KIND_STYLES.values()}) == len(EventKind)


def test_the_legend_shows_every_kind_with_its_glyph(small_store, make_timeline):
    timeline, _ = make_timeline(small_store)
    texts = [text.text() for _, text in timeline.legend.entries]
    assert texts == [k.label[:1].upper() + k.label[1:] for k in EventKind]
    assert all(not icon.pixmap().isNull() for icon, _ in timeline.legend.entries)
