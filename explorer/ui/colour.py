"""Colour arithmetic, once: blending over a background and the WCAG 2 contrast of two colours."""

from __future__ import annotations

from PySide6.QtGui import QColor


def blend(colour: QColor, base: QColor, alpha: float) -> QColor:
    """``colour`` at ``alpha`` over ``base``, as an opaque colour."""
    return QColor.fromRgbF(
        *(
            alpha * c + (1 - alpha) * b
            for c, b in zip(colour.getRgbF()[:3], base.getRgbF()[:3], strict=True)
        )
    )


def opaque(colour: QColor, background: QColor) -> QColor:
    """``colour`` as it shows over ``background`` (its own alpha blended in)."""
    return blend(colour, background, colour.alphaF()) if colour.alphaF() < 1.0 else colour


def relative_luminance(colour: QColor) -> float:
    """WCAG 2 relative luminance of an opaque colour (sRGB, the standard's 0.04045 threshold)."""

    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in (colour.redF(), colour.greenF(), colour.blueF()))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(foreground: QColor, background: QColor) -> float:
    """WCAG 2 contrast ratio (1 to 21) of two colours; a translucent foreground is blended."""
    lighter, darker = sorted(
        (relative_luminance(opaque(foreground, background)), relative_luminance(background)),
        reverse=True,
    )
    return (lighter + 0.05) / (darker + 0.05)
