"""Spoken messages for assistive technology: a screen reader says the text once, without
moving the focus (Qt's accessible announcement, AT-SPI's ``object:announcement``)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent
from PySide6.QtWidgets import QWidget


class Announcements(QObject):
    """Every message sent, as a signal too (what a test or a log listens to)."""

    said = Signal(str)


announcements = Announcements()


def announce(widget: QWidget, text: str, *, assertive: bool = False) -> None:
    """Have a screen reader say ``text`` (interrupting itself only when ``assertive``)."""
    if not text:
        return
    event = QAccessibleAnnouncementEvent(widget, text)
    if assertive:
        event.setPoliteness(QAccessible.AnnouncementPoliteness.Assertive)
    QAccessible.updateAccessibility(event)
    announcements.said.emit(text)
