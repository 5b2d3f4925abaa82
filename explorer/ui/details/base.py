"""What every detail pane shows: title, kind and date, summary, related events and sources."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QFormLayout, QFrame, QVBoxLayout, QWidget

from explorer.domain.events import EventSummary, Source, sentence_case
from explorer.ui.details.warnings import event_warnings, rule_text
from explorer.ui.details.widgets import (
    LinkButton,
    add_row,
    caption_label,
    form,
    heading,
    is_web_url,
    open_web_url,
    stacked,
    text_label,
)
from explorer.ui.open_store import SelectedEvent

SelectKey = Callable[[str], None]


def source_text(source: Source) -> str:
    """'Title — section, paragraph (publisher)' in plain words."""
    paragraph = source.paragraph
    if paragraph.isdigit():  # the fact sheet's paragraphs are numbered bare: say what it is
        paragraph = f"paragraph {paragraph}"
    where = ", ".join(part for part in (source.section, paragraph) if part)
    text = source.title + (f" — {where}" if where else "")
    return text + (f" ({source.publisher})" if source.publisher else "")


CONFIDENCE_TEXT = {
    "high": "high: an official or primary source, or several reports agreeing",
    "medium": "medium: a secondary report or a mirror page, or figures that differ between sources",
    "low": "low: a single weak source, or conflicting data",
}


class DetailPane(QWidget):
    """Base of the panes: subclasses add their kind's fields in :meth:`add_kind_fields`."""

    def __init__(
        self,
        store,
        selected: SelectedEvent,
        select_key: SelectKey,
        cache: dict | None = None,
        parent=None,
    ) -> None:
        super().__init__(parent)
        event = selected.event
        self.store, self.record, self._select_key = store, event, select_key
        self.linked = selected.linked
        self.cache = {} if cache is None else cache  # per-store results shared between panes
        self.links: list[LinkButton] = []
        self.setAccessibleName(f"Details of {event.title}")
        self.setAccessibleDescription(f"{event.kind.label}, {event.when.display()}")
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(10, 8, 10, 8)
        self.layout_.setSpacing(6)
        self.title_label = heading(event.title, self, scale=1.35)
        self.title_label.setAccessibleDescription("Title of the selected event")
        self.layout_.addWidget(self.title_label)
        subtitle = f"{event.kind.heading} · {event.when.display()}"
        self.subtitle_label = text_label(subtitle, self)
        self.layout_.addWidget(self.subtitle_label)
        if event.summary:
            self.summary_label = text_label(event.summary, self, name="Summary")
            self.layout_.addWidget(self.summary_label)
        self.add_warnings()
        self.fields = form()
        self.layout_.addLayout(self.fields)
        self.add_kind_fields()
        self.add_related_events()
        self.add_sources()
        self.layout_.addStretch(1)

    # -- helpers for subclasses --------------------------------------------------------------

    def add_kind_fields(self) -> None:
        """Add the fields of this kind of event (subclasses)."""

    def add_date_rows(self, layout: QFormLayout) -> None:
        """The source's wording (only when it says more than the exact form), the exact form
        with its ISO text, and which end of an interval is uncertain."""
        when = self.record.when
        if when.distinct_wording:
            self.row(layout, "Date as written", when.distinct_wording)
        self.row(layout, "Exact date", f"{when.exact_text()} ({when.iso()})")
        if when.uncertain_end:
            self.row(layout, "Uncertain", when.uncertain_end)

    def section(self, title: str) -> QFormLayout:
        """Start a titled section; returns its form."""
        self.layout_.addSpacing(6)
        self.layout_.addWidget(heading(title, self))
        layout = form()
        self.layout_.addLayout(layout)
        return layout

    def link_to_key(self, key: str | None) -> QWidget:
        """A link that selects the event ``key`` (plain text when the store lacks it)."""
        other = self.store.summary_by_key(key) if key else None
        if other is None:
            return text_label(f"(not in this store: {key})" if key else "—", self)
        return self.link_to(other)

    def link_to(self, other: EventSummary) -> LinkButton:
        """A link that selects ``other``; its description says kind and date."""
        link = LinkButton(
            other.title,
            lambda _checked=False, key=other.key: self._select_key(key),
            description=f"Go to {other.accessible_text()}",
            parent=self,
        )
        self.links.append(link)
        return link

    def row(self, layout: QFormLayout, label: str, value: QWidget | str) -> QWidget:
        """Add ``label: value`` to ``layout``."""
        return add_row(layout, label, value)

    # -- sections every pane has -------------------------------------------------------------

    def add_warnings(self) -> None:
        """The data-quality findings about this event (the same as ``check`` and Help > Data
        Quality list them), in a framed box under the summary, where a reader sees them first."""
        self.warnings = event_warnings(self.store, self.record, self.cache)
        if not self.warnings:
            return
        box = QFrame(self)
        box.setObjectName("data_quality_warnings")
        box.setFrameShape(QFrame.Shape.StyledPanel)
        box.setAccessibleName("Data-quality warnings")
        inner = QVBoxLayout(box)
        inner.setContentsMargins(8, 6, 8, 6)
        inner.setSpacing(2)
        title = heading("Data-quality warnings", box, scale=1.0)
        inner.addWidget(title)
        for number, finding in enumerate(self.warnings, start=1):
            text = f"{rule_text(finding.rule)}: {finding.message}"
            inner.addWidget(text_label(text, box, name=f"Warning {number}: {text}"))
        self.layout_.addWidget(box)

    def add_related_events(self) -> None:
        """Every related event, both directions, each a link (decided at, extends, ...)."""
        if not self.linked:
            return
        layout = self.section("Related events")
        for item in self.linked:
            self.row(layout, sentence_case(item.label), self.link_to(item.other))

    def add_sources(self) -> None:
        """The sources (title, section, paragraph), web links opening in the browser."""
        layout = self.section("Sources")
        confidence = CONFIDENCE_TEXT.get(self.record.confidence, self.record.confidence)
        if not self.record.sources:  # never shown as high without a source to rest on
            confidence = "not rated: no source recorded"
        add_row(layout, "Confidence", confidence)
        if not self.record.sources:
            layout.addRow(text_label("No source recorded.", self))
        for number, source in enumerate(self.record.sources, start=1):
            parts = self.source_parts(number, source_text(source), f"Source {number}")
            caption = caption_label(f"{number}.", self)
            caption.setAccessibleName(f"Source {number}")
            layout.addRow(caption, stacked(self, *parts))

    def source_parts(self, number: int, text: str, what: str) -> list[QWidget]:
        """The text of the event's source ``number`` and, below it, its address: a link to the
        browser when it is http(s), plain text otherwise. ``what`` names it in the link's
        description ('Source 2', 'Source 2 of decision 1')."""
        source = self.record.sources[number - 1]
        parts: list[QWidget] = [text_label(text, self)]
        if is_web_url(source.url):
            link = LinkButton(
                source.url,
                lambda _checked=False, url=source.url: open_web_url(url),
                name=source.title or source.url,
                description=f"{what}, opens {source.url} in the web browser",
                parent=self,
            )
            self.links.append(link)
            parts.append(link)
        elif source.url:
            parts.append(text_label(source.url, self))
        return parts
