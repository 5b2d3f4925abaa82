"""Accessible interfaces Qt's own widgets do not give: the timeline as a list of events,
headings with the heading role, link buttons with the link role. One QAccessible factory
(:func:`install`, once per process) hands them out."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QAbstractButton, QAccessibleWidget, QLabel, QWidget

ROLE_PROPERTY = "accessibleRole"  # "heading" or "link" on a QLabel or a button
_installed = False


class HeadingAccessible(QAccessibleWidget):
    """A label that heads a section: read as a heading, named by its text."""

    def __init__(self, label: QLabel) -> None:
        super().__init__(label, QAccessible.Role.Heading, label.text())

    def text(self, kind: QAccessible.Text) -> str:
        label = self.widget()
        if kind == QAccessible.Text.Name:
            return label.accessibleName() or label.text()
        if kind == QAccessible.Text.Description:
            return label.accessibleDescription()
        return super().text(kind)


class LinkAccessible(QAccessibleWidget):
    """A button that reads like a link: role link, pressed by the reader's default action."""

    def __init__(self, button: QAbstractButton) -> None:
        super().__init__(button, QAccessible.Role.Link, button.accessibleName())

    def text(self, kind: QAccessible.Text) -> str:
        button = self.widget()
        if kind == QAccessible.Text.Name:
            return button.accessibleName() or button.text()
        if kind == QAccessible.Text.Description:
            return button.accessibleDescription()
        return super().text(kind)

    def state(self) -> QAccessible.State:
        state = super().state()
        state.linked = True
        return state

    def actionNames(self) -> list[str]:  # noqa: N802 - Qt override
        return [QAccessibleWidget.pressAction(), *super().actionNames()]

    def doAction(self, name: str) -> None:  # noqa: N802 - Qt override
        if name == QAccessibleWidget.pressAction():
            self.widget().click()
        else:
            super().doAction(name)


def mark(widget: QWidget, role: str) -> QWidget:
    """Give ``widget`` the accessible role ``role`` ("heading" or "link"); returns it."""
    widget.setProperty(ROLE_PROPERTY, role)
    return widget


def _factory(_key: str, obj: QObject):
    if not isinstance(obj, QWidget):
        return None
    from explorer.ui.timeline.accessible import TimelineAccessible
    from explorer.ui.timeline.widget import TimelineWidget

    if isinstance(obj, TimelineWidget):
        return TimelineAccessible(obj)
    role = obj.property(ROLE_PROPERTY)
    if role == "heading" and isinstance(obj, QLabel):
        return HeadingAccessible(obj)
    if role == "link" and isinstance(obj, QAbstractButton):
        return LinkAccessible(obj)
    return None


def install() -> None:
    """Install the factory (before the first widget it serves is asked for its interface)."""
    global _installed
    if not _installed:
        QAccessible.installFactory(_factory)
        _installed = True
