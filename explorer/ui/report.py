"""Reports as documents: the timeline drawn offscreen, the text laid out by QTextDocument and
painted page by page onto a PDF writer or a printer, with a footer on every page."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QEventLoop, QMarginsF, QRectF, QSize, QSizeF, Qt, QTimer, QUrl
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QFont,
    QGuiApplication,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)

from explorer.domain.events import Event, Lane
from explorer.domain.report import TIMELINE_IMAGE, ReportScope, report_html
from explorer.store.formats import store_title
from explorer.store.report_events import ReportFilter, referenced_titles, report_events
from explorer.ui.open_store import OpenStore
from explorer.ui.palette import build_palette
from explorer.ui.timeline.widget import TimelineWidget
from explorer.ui.view_state import ViewState

IMAGE_SIZE = QSize(1100, 420)  # scaled to the text's width: ~160 dpi on A4
# the timeline fetches its label titles shortly after its first frame (as the screenshot waits)
SETTLE_MS = 300
PDF_DPI = 300
REPORT_TITLE = "Timeline Explorer report"


@dataclass
class Report:
    """A laid-out report: its document, the events it holds and its footer text."""

    html: str
    image: QImage | None
    events: list[Event]
    footer: str
    title: str

    def document(self, width: float | None = None) -> QTextDocument:
        """The report laid out as rich text; the timeline image ``width`` wide if given."""
        document = QTextDocument()
        document.setDefaultFont(QFont("DejaVu Sans", 10))
        html = self.html
        if self.image is not None:
            document.addResource(
                QTextDocument.ResourceType.ImageResource, QUrl(TIMELINE_IMAGE), self.image
            )
            if width:
                height = width * self.image.height() / self.image.width()
                html = html.replace(
                    f"<img src='{TIMELINE_IMAGE}'>",
                    f"<img src='{TIMELINE_IMAGE}' width='{width:.0f}' height='{height:.0f}'>",
                )
        document.setHtml(html)
        return document


def build_report(
    open_store: OpenStore,
    chosen: ReportFilter,
    scope: ReportScope,
    *,
    lanes: frozenset[Lane] | None = None,
    title: str = REPORT_TITLE,
    now: dt.datetime | None = None,
) -> Report:
    """Select the events, draw the timeline over their range and lay out the text."""
    store = open_store.store
    events = report_events(store, chosen)
    now = now or dt.datetime.now().astimezone()
    name = store_title(store)
    html = report_html(
        events,
        title=title,
        scope=scope,
        store_name=name,
        generated=now,
        titles=referenced_titles(store, events),
        with_image=bool(events),
    )
    image = None
    if events:
        image = timeline_image(open_store, *_image_range(events, chosen), lanes=lanes)
    footer = f"{name} · generated {now:%d %B %Y %H:%M}"
    return Report(html, image, events, footer, title)


def _image_range(events: list[Event], chosen: ReportFilter) -> tuple[float, float]:
    """The filter's range where it has one, else the events' own with a margin."""
    first = min(e.when.start_day for e in events)
    end = max(e.when.end_day for e in events)
    if not chosen.keys and chosen.first_day is not None:
        first = chosen.first_day
    if not chosen.keys and chosen.end_day is not None:
        end = chosen.end_day
    margin = max(15.0, (end - first) * 0.04)
    return first - margin, end + margin


def timeline_image(
    open_store: OpenStore,
    first_day: float,
    end_day: float,
    *,
    lanes: frozenset[Lane] | None = None,
) -> QImage:
    """The real timeline widget over ``store``, drawn offscreen in light colours."""
    state = ViewState()
    if lanes is not None:
        state.set_lanes(lanes)
    widget = TimelineWidget(open_store, state)
    widget.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
    widget.setPalette(build_palette("light"))  # paper is white, whatever the window's colours
    widget.resize(IMAGE_SIZE)
    widget.show()
    state.set_visible_range(first_day, end_day, origin="report")
    loop = QEventLoop()
    QTimer.singleShot(SETTLE_MS, loop.quit)
    loop.exec()
    image = widget.grab().toImage()
    widget.close()
    widget.deleteLater()
    return image


def paint_report(report: Report, device: QPagedPaintDevice) -> int:
    """Paint every page of ``report`` onto a PDF writer or printer; returns the page count."""
    resolution = device.resolution()
    area = device.pageLayout().paintRectPixels(resolution)
    footer_height = resolution * 0.3
    page = QSizeF(area.width(), area.height() - footer_height)
    # QTextDocument scales an image's width from screen pixels to the device's: undo that
    screen = QGuiApplication.primaryScreen()
    screen_dpi = screen.logicalDotsPerInchX() if screen else 96.0
    document = report.document(page.width() * screen_dpi / device.logicalDpiX())
    document.documentLayout().setPaintDevice(device)
    document.setTextWidth(page.width())
    pages = page_spans(document, page.height())
    painter = QPainter()
    if not painter.begin(device):
        raise OSError("the document could not be started")
    try:
        footer_font = QFont("DejaVu Sans", 8)
        for number, (top, bottom) in enumerate(pages):
            if number:
                device.newPage()
            painter.save()
            painter.translate(0, -top)
            painter.setClipRect(QRectF(0, top, page.width(), bottom - top))
            # A line is drawn where it meets the layout's clip, even by its last pixel (a
            # line's box overlaps the next by about one): drawn clipped, its text would be in
            # the PDF on both pages. The layout's clip keeps clear of the cut by a little.
            context = QAbstractTextDocumentLayout.PaintContext()
            inset = resolution / 75
            context.clip = QRectF(0, top + inset, page.width(), bottom - top - 2 * inset)
            document.documentLayout().draw(painter, context)
            painter.restore()
            painter.setFont(footer_font)
            footer = QRectF(0, page.height(), page.width(), footer_height)
            bottom_left = Qt.AlignmentFlag.AlignBottom | Qt.AlignmentFlag.AlignLeft
            painter.drawText(footer, bottom_left, report.footer)
            painter.drawText(
                footer,
                Qt.AlignmentFlag.AlignBottom | Qt.AlignmentFlag.AlignRight,
                f"Page {number + 1} of {len(pages)}",
            )
    finally:
        painter.end()
    return len(pages)


def page_spans(document: QTextDocument, height: float) -> list[tuple[float, float]]:
    """(top, bottom) of each page of a laid-out document, cut only between paragraphs.

    A paragraph across a page break is drawn on both pages and clipped: the clipped lines
    are not seen, but their text is in the PDF twice (a search finds it twice). So a page
    ends before the paragraph that would cross it, or, for one taller than a page, between
    its lines.
    """
    blocks, lines = [], []
    layout = document.documentLayout()
    block = document.begin()
    while block.isValid():
        rect = layout.blockBoundingRect(block)
        blocks.append((rect.top(), rect.bottom()))
        text_layout = block.layout()
        for i in range(text_layout.lineCount()):
            line = text_layout.lineAt(i)
            lines.append((rect.top() + line.y(), rect.top() + line.y() + line.height()))
        block = block.next()
    total = document.size().height()
    spans, top = [], 0.0
    while top < total - 1:
        bottom = top + height
        for pieces in (blocks, lines):
            cut = bottom
            while across := [t for t, b in pieces if top < t < cut < b]:
                cut = min(across)
            if cut > top + height / 4:  # else the piece is too tall: try its lines
                bottom = cut
                break
        spans.append((top, bottom))
        top = bottom
    return spans or [(0.0, height)]


def write_pdf(report: Report, path) -> int:
    """Write the report to a PDF file; returns the page count."""
    writer = QPdfWriter(str(path))
    writer.setResolution(PDF_DPI)
    writer.setTitle(report.title)
    writer.setCreator("Timeline Explorer")
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(18, 15, 18, 12),
            QPageLayout.Unit.Millimeter,
        )
    )
    return paint_report(report, writer)
