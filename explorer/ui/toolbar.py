"""The main toolbar: Back, Forward, Zoom In, Zoom Out, Fit All and Find, the window's own actions
with icons painted in the palette's text colour (so they follow light and dark)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QAction, QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtWidgets import QToolBar, QWidget

ICON_SIZE = 20
# (action name, text on the button); None is a separator
TOOLBAR_ACTIONS: tuple[tuple[str, str] | None, ...] = (
    ("back", "Back"),
    ("forward", "Forward"),
    None,
    ("zoom_in", "Zoom In"),
    ("zoom_out", "Zoom Out"),
    ("fit_all", "Fit All"),
    None,
    ("find", "Find"),
)


class MainToolBar(QToolBar):
    """The toolbar the View menu shows or hides; the window saves whether it is shown."""

    def __init__(self, actions: Callable[[str], QAction], parent: QWidget) -> None:
        super().__init__("Toolbar", parent)
        self.setObjectName("main_toolbar")  # saveState() keys the toolbar by this name
        self.setAccessibleName("Toolbar")
        self.setAccessibleDescription("Back, forward, zoom and find")
        self.setMovable(False)
        self.setIconSize(QSize(ICON_SIZE, ICON_SIZE))
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.tool_actions: dict[str, QAction] = {}
        for entry in TOOLBAR_ACTIONS:
            if entry is None:
                self.addSeparator()
                continue
            name, text = entry
            action = actions(name)
            action.setIconText(text)
            keys = action.shortcut().toString(action.shortcut().SequenceFormat.NativeText)
            action.setToolTip(f"{action.statusTip()} ({keys})" if keys else action.statusTip())
            self.addAction(action)
            self.tool_actions[name] = action
        toggle = self.toggleViewAction()
        toggle.setText("&Toolbar")
        toggle.setObjectName("toolbar")
        toggle.setStatusTip("Show or hide the toolbar")
        self._paint_icons()

    def _paint_icons(self) -> None:
        colour = self.palette().color(self.palette().ColorRole.WindowText)
        for name, action in self.tool_actions.items():
            action.setIcon(_icon(name, colour))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.PaletteChange:
            self._paint_icons()
        super().changeEvent(event)


def _icon(name: str, colour: QColor) -> QIcon:
    """A simple line icon for the action ``name``, at 1x and 2x."""
    icon = QIcon()
    for scale in (1, 2):
        size = ICON_SIZE * scale
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.scale(scale, scale)
        pen = QPen(colour, 1.8)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        _DRAW[name](painter)
        painter.end()
        icon.addPixmap(pixmap)
    return icon


def _arrow(painter: QPainter, left: bool) -> None:
    path = QPainterPath()
    tip, tail = (4.0, 16.0) if left else (16.0, 4.0)
    inner = tip + (5.0 if left else -5.0)
    path.moveTo(tail, 10)
    path.lineTo(tip, 10)
    path.moveTo(inner, 5)
    path.lineTo(tip, 10)
    path.lineTo(inner, 15)
    painter.drawPath(path)


def _magnifier(painter: QPainter, sign: str) -> None:
    painter.drawEllipse(QRectF(3, 3, 11, 11))
    painter.drawLine(QPointF(12.2, 12.2), QPointF(17, 17))
    if sign:
        painter.drawLine(QPointF(5.8, 8.5), QPointF(11.2, 8.5))
    if sign == "+":
        painter.drawLine(QPointF(8.5, 5.8), QPointF(8.5, 11.2))


def _fit_all(painter: QPainter) -> None:
    painter.drawLine(QPointF(3, 4), QPointF(3, 16))
    painter.drawLine(QPointF(17, 4), QPointF(17, 16))
    path = QPainterPath()
    path.moveTo(6, 10)
    path.lineTo(14, 10)
    path.moveTo(8.5, 7.5)
    path.lineTo(6, 10)
    path.lineTo(8.5, 12.5)
    path.moveTo(11.5, 7.5)
    path.lineTo(14, 10)
    path.lineTo(11.5, 12.5)
    painter.drawPath(path)


_DRAW: dict[str, Callable[[QPainter], None]] = {
    "back": lambda p: _arrow(p, left=True),
    "forward": lambda p: _arrow(p, left=False),
    "zoom_in": lambda p: _magnifier(p, "+"),
    "zoom_out": lambda p: _magnifier(p, "-"),
    "fit_all": _fit_all,
    "find": lambda p: _magnifier(p, ""),
}
