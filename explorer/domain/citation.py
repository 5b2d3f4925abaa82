"""An event as one line to paste into notes or a report: title, date as written, sources."""

from __future__ import annotations

from explorer.domain.events import Event, Source


def source_text(source: Source) -> str:
    """'NATO: NATO-Afghanistan relations, section 3, para. 2, https://…'."""
    parts = [f"{source.publisher}: {source.title}" if source.publisher else source.title]
    if source.section:
        parts.append(f"section {source.section}")
    if source.paragraph:
        parts.append(f"para. {source.paragraph}")
    if source.url:
        parts.append(source.url)
    return ", ".join(parts)


def citation(event: Event) -> str:
    """'Warsaw Summit (8–9 July 2016). Sources: …' — 'no source recorded' when there is none."""
    sources = "; ".join(source_text(s) for s in event.sources) or "no source recorded"
    return f"{event.title} ({event.when.display()}). Source{'s' if len(event.sources) > 1 else ''}: {sources}"
