"""Small building blocks of the detail panes: plain-text labels and keyboard-reachable links.

Text from the store is never interpreted as markup: labels use Qt.PlainText and link buttons
escape '&' (which QPushButton would otherwise read as a mnemonic).

For a screen reader every field is a stop of Tab in reading order, named by the text it shows
(a form field's caption is its label, through the buddy relation); headings have the heading
role and link buttons the link role.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QFont, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from explorer.ui import accessible
from explorer.ui.plain_text import plain_tooltip

WEB_SCHEMES = ("http", "https")
_FIELD_STYLE = (
    "QLabel { border: 1px solid transparent; }"
    " QLabel:focus { border: 1px solid palette(highlight); border-radius: 2px; }"
)


def is_web_url(url: str | None) -> bool:
    """True for an absolute http or https address (the only links we hand to the browser)."""
    if not url:
        return False
    parsed = QUrl(url, QUrl.ParsingMode.StrictMode)
    return parsed.isValid() and parsed.scheme().lower() in WEB_SCHEMES and bool(parsed.host())


def open_web_url(url: str) -> bool:
    """Open an http(s) address in the system's browser; anything else is refused."""
    if not is_web_url(url):
        return False
    return QDesktopServices.openUrl(QUrl(url))


def text_label(
    text: str, parent: QWidget | None = None, *, name: str = "", role: str = ""
) -> QLabel:
    """A wrapping, selectable label that shows ``text`` literally; Tab reaches it. Its
    accessible name is the text it shows; ``name`` says what the text is (its description),
    ``role`` gives it another accessible role ("heading")."""
    label = QLabel(parent)
    if role:  # before anything asks for the label's accessible interface, which Qt keeps
        accessible.install()
        accessible.mark(label, role)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(
        Qt.TextInteractionFlag.TextSelectableByMouse
        | Qt.TextInteractionFlag.TextSelectableByKeyboard
    )
    label.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    label.setStyleSheet(_FIELD_STYLE)
    if name and name != text:  # a label's accessible name is its text already
        label.setAccessibleDescription(name)
    return label


def caption_label(text: str, parent: QWidget | None = None) -> QLabel:
    """A form field's caption: bold, not a stop of Tab (its field is, labelled by it)."""
    caption = QLabel(parent)
    caption.setTextFormat(Qt.TextFormat.PlainText)
    caption.setText(text)
    caption.setWordWrap(True)
    font = QFont(caption.font())
    font.setBold(True)
    caption.setFont(font)
    return caption


def heading(text: str, parent: QWidget | None = None, *, scale: float = 1.15) -> QLabel:
    """A bold section heading in the system font, a little larger, with the heading role."""
    label = text_label(text, parent, role="heading")
    font = QFont(label.font())
    font.setBold(True)
    if font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * scale)
    label.setFont(font)
    return label


class LinkButton(QPushButton):
    """A flat, underlined button that reads like a link: Tab reaches it, Enter or Space follows it.

    The full text stays in the tooltip and the accessible name when the button elides it;
    ``name`` names it otherwise (a source by its title, not its address).
    """

    def __init__(
        self,
        text: str,
        on_follow: Callable[[], object],
        *,
        description: str = "",
        name: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        accessible.install()
        accessible.mark(self, "link")
        self.full_text = text
        self.setFlat(True)
        self.setAutoDefault(False)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.setMinimumWidth(60)
        font = QFont(self.font())
        font.setUnderline(True)
        self.setFont(font)
        self.setStyleSheet(
            "QPushButton { color: palette(link); text-align: left; border: 2px solid transparent;"
            " padding: 1px 3px; background: transparent; }"
            " QPushButton:focus { border: 2px solid palette(highlight); border-radius: 3px; }"
        )
        self.setToolTip(plain_tooltip(text))
        self.setAccessibleName(name or text)
        self.setAccessibleDescription(description)
        self._set_shown_text(text)
        self.clicked.connect(on_follow)

    def _set_shown_text(self, text: str) -> None:
        self.setText(text.replace("&", "&&"))

    def sizeHint(self):  # noqa: N802 - Qt override
        hint = super().sizeHint()
        hint.setWidth(self.fontMetrics().horizontalAdvance(self.full_text) + 16)
        return hint

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        room = max(20, event.size().width() - 14)
        elided = self.fontMetrics().elidedText(self.full_text, Qt.TextElideMode.ElideRight, room)
        self._set_shown_text(elided)
        super().resizeEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
            self.click()
            return
        super().keyPressEvent(event)


def form(parent: QWidget | None = None) -> QFormLayout:
    """A two-column form whose values wrap instead of widening the pane."""
    layout = QFormLayout()
    layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
    layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    layout.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    return layout


def add_row(layout: QFormLayout, label: str, value: QWidget | str) -> QWidget:
    """Add ``label: value`` (a string value becomes a plain-text label); returns the value widget."""
    caption = caption_label(label)
    if isinstance(value, str):
        value = text_label(value, name=label)
    caption.setBuddy(value)
    layout.addRow(caption, value)
    return value


def stacked(parent: QWidget, *widgets: QWidget) -> QWidget:
    """Widgets one above the other in a margin-free holder (one form field)."""
    holder = QWidget(parent)
    layout = QVBoxLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    for widget in widgets:
        layout.addWidget(widget)
    return holder
