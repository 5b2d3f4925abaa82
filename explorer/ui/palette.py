"""Light and dark palettes (Fusion), the system's own, and the WCAG contrast of text colours."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

from explorer.ui.colour import blend, contrast_ratio, opaque, relative_luminance

Role = QPalette.ColorRole

# Pairs (foreground, background) that carry text in our widgets: they must keep 4.5:1.
TEXT_PAIRS: tuple[tuple[Role, Role], ...] = (
    (Role.WindowText, Role.Window),
    (Role.Text, Role.Base),
    (Role.Text, Role.AlternateBase),
    (Role.ButtonText, Role.Button),
    (Role.HighlightedText, Role.Highlight),
    (Role.Link, Role.Window),
    (Role.Link, Role.Base),
    (Role.PlaceholderText, Role.Base),
    (Role.ToolTipText, Role.ToolTipBase),
)

_LIGHT = {
    Role.Window: "#efefef",
    Role.WindowText: "#000000",
    Role.Base: "#ffffff",
    Role.AlternateBase: "#f5f5f5",
    Role.Text: "#000000",
    Role.Button: "#efefef",
    Role.ButtonText: "#000000",
    Role.BrightText: "#ffffff",
    # Fusion's own highlight (#308cc6) gives white text only 3.4:1
    Role.Highlight: "#1d5f96",
    Role.HighlightedText: "#ffffff",
    Role.Link: "#0b57a4",
    Role.LinkVisited: "#6a2c91",
    Role.PlaceholderText: "#595959",
    Role.ToolTipBase: "#ffffdc",
    Role.ToolTipText: "#000000",
}
_DARK = {
    Role.Window: "#2b2b2b",
    Role.WindowText: "#e8e8e8",
    Role.Base: "#1e1e1e",
    Role.AlternateBase: "#262626",
    Role.Text: "#e8e8e8",
    Role.Button: "#353535",
    Role.ButtonText: "#e8e8e8",
    Role.BrightText: "#ffffff",
    Role.Highlight: "#2f6aa3",
    Role.HighlightedText: "#ffffff",
    Role.Link: "#8cc4ff",
    Role.LinkVisited: "#d0a8ff",
    Role.PlaceholderText: "#a6a6a6",
    Role.ToolTipBase: "#3a3a3a",
    Role.ToolTipText: "#f0f0f0",
    Role.Light: "#4a4a4a",
    Role.Midlight: "#3c3c3c",
    Role.Mid: "#2f2f2f",
    Role.Dark: "#1a1a1a",
    Role.Shadow: "#000000",
}


def build_palette(scheme: str) -> QPalette:
    """The palette of 'light' or 'dark' (Fusion-based; disabled text greyed)."""
    colours = _DARK if scheme == "dark" else _LIGHT
    palette = QStyleFactory.create("Fusion").standardPalette()
    for role, name in colours.items():
        palette.setColor(QPalette.ColorGroup.All, role, QColor(name))
    grey = QColor("#808080") if scheme == "dark" else QColor("#8a8a8a")
    for role in (Role.WindowText, Role.Text, Role.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, grey)
    return palette


class ColorSchemes:
    """Switches the application between the system's look and our light and dark palettes."""

    _of_app: dict[int, ColorSchemes] = {}

    @classmethod
    def of(cls, app: QApplication) -> ColorSchemes:
        """The one switcher of ``app``: it remembers the system look from before any change."""
        if id(app) not in cls._of_app:
            cls._of_app[id(app)] = cls(app)
        return cls._of_app[id(app)]

    def __init__(self, app: QApplication) -> None:
        self._app = app
        self._system_style = app.style().name()
        self._system_palette = QPalette(app.palette())

    def apply(self, scheme: str) -> None:
        """Use 'system', 'light' or 'dark'."""
        if scheme == "system":
            self._app.setStyle(self._system_style)
            self._app.setPalette(readable(self._system_palette))
            return
        self._app.setStyle("Fusion")
        self._app.setPalette(build_palette(scheme))


def readable(palette: QPalette, minimum: float = 4.5) -> QPalette:
    """The palette with every text pair raised to ``minimum`` contrast, changing as little as
    possible: the text colour moves towards black or white (for highlighted text, the highlight
    moves instead, so selections keep the system's hue)."""
    fixed = QPalette(palette)
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        for foreground, background in TEXT_PAIRS:
            fg, bg = fixed.color(group, foreground), fixed.color(group, background)
            if contrast_ratio(fg, bg) >= minimum:
                continue
            if foreground == Role.HighlightedText:
                fixed.setColor(group, background, _push(bg, fg, minimum))
            else:
                fixed.setColor(group, foreground, _push(fg, bg, minimum))
    return fixed


def _push(colour: QColor, against: QColor, minimum: float) -> QColor:
    """``colour`` darkened (on a light ``against``) or lightened until it reaches ``minimum``."""
    solid = opaque(colour, against)
    darken = relative_luminance(against) > 0.18
    target = QColor("#000000") if darken else QColor("#ffffff")
    for step in range(1, 21):
        candidate = blend(target, solid, step / 20)
        if contrast_ratio(candidate, against) >= minimum:
            return candidate
    return target
