"""Paints the list's Match column: the field a search matched in, then its snippet with the
matched words highlighted. The text is laid out as plain text with format ranges, never parsed
as markup, whatever the store holds."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPointF, QRectF
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPalette, QTextCharFormat, QTextLayout
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from explorer.store.search import SearchMatch
from explorer.ui.event_list import MATCH_ROLE

_GAP = 4  # pixels between the cell's edge and the text
_LEAD = 12  # characters kept before a matched word when the snippet is shifted to show it
ELLIPSIS = "…"


def _x_after(line, offset: int, word: tuple[int, int]) -> float:
    """Where a matched word ends on the laid-out line."""
    return line.cursorToX(offset + word[0] + word[1])[0]


class MatchDelegate(QStyledItemDelegate):
    """Draws a :class:`SearchMatch` with its matched words bold on a highlight colour."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        # what the last paint of each row highlighted and left visible: (word, rectangle) pairs
        self.painted: dict[int, list[tuple[str, QRectF]]] = {}

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        match = index.data(MATCH_ROLE)
        if not isinstance(match, SearchMatch):
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        group = QPalette.ColorGroup.Normal
        text_colour = opt.palette.color(
            group, QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        prefix = f"{match.field}: "
        rect = QRectF(opt.rect).adjusted(_GAP, 0, -_GAP, 0)
        text, ranges = match.text, list(match.ranges)
        layout, line = self._laid_out(prefix, text, ranges, opt, selected)
        if ranges and _x_after(line, len(prefix), ranges[0]) > rect.width():
            # the first matched word lies past the cell's edge: start the snippet a few
            # characters before it (fewer in a narrow cell), so that what matched is what shows
            whole, whole_ranges = text, ranges
            for lead in (_LEAD, _LEAD // 3, 0):
                cut = max(0, whole_ranges[0][0] - lead)
                text = ELLIPSIS + whole[cut:]
                ranges = [(a - cut + len(ELLIPSIS), n) for a, n in whole_ranges]
                layout, line = self._laid_out(prefix, text, ranges, opt, selected)
                if _x_after(line, len(prefix), ranges[0]) <= rect.width():
                    break
        origin = QPointF(rect.left(), rect.top() + (rect.height() - line.height()) / 2)
        painter.save()
        painter.setClipRect(rect)
        painter.setPen(text_colour)
        layout.draw(painter, origin)
        painter.restore()
        painted = [
            (
                text[start : start + length],
                QRectF(
                    origin.x() + line.cursorToX(len(prefix) + start)[0],
                    origin.y(),
                    line.cursorToX(len(prefix) + start + length)[0]
                    - line.cursorToX(len(prefix) + start)[0],
                    line.height(),
                ).intersected(rect),
            )
            for start, length in ranges
        ]
        # only what shows: a word past the cell's edge is clipped away
        self.painted[index.row()] = [(word, box) for word, box in painted if box.width() > 0]

    def _laid_out(self, prefix: str, text: str, ranges, opt, selected: bool):
        """The prefix and snippet as one laid-out line (the cell clips what does not fit)."""
        layout = QTextLayout(prefix + text, opt.font)
        layout.setFormats(self._formats(ranges, len(prefix), opt, selected))
        layout.beginLayout()
        line = layout.createLine()
        line.setLineWidth(1e6)
        layout.endLayout()
        return layout, line

    @staticmethod
    def _formats(
        ranges, offset: int, opt: QStyleOptionViewItem, selected: bool
    ) -> list[QTextLayout.FormatRange]:
        formats = []
        field = QTextLayout.FormatRange()
        field.start, field.length = 0, offset
        field.format = QTextCharFormat()
        dim = opt.palette.color(QPalette.ColorRole.PlaceholderText)
        if not selected:
            field.format.setForeground(QBrush(dim))
        formats.append(field)
        mark = QColor(opt.palette.color(QPalette.ColorRole.Highlight))
        mark.setAlpha(70)
        for start, length in ranges:
            word = QTextLayout.FormatRange()
            word.start, word.length = offset + start, length
            word.format = QTextCharFormat()
            word.format.setFontWeight(QFont.Weight.Bold)
            if not selected:
                word.format.setBackground(QBrush(mark))
            formats.append(word)
        return formats
