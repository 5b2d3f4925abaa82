"""The timeline widget: lanes over a date axis, an overview strip and a legend, linked to the
shared ViewState (it writes what the user does and follows what other panes do)."""

from __future__ import annotations

import html

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, QSize, Qt, QTimer
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPainter,
)
from PySide6.QtWidgets import QMenu, QToolTip, QVBoxLayout, QWidget

from explorer.domain.events import Changes
from explorer.store.columns import KIND_ORDER, LANE_ORDER
from explorer.timeline.builder import FrameBuilder
from explorer.timeline.frame import STACK_MAX, Elide, Frame, Measure, PixelMapping
from explorer.timeline.model import TimelineModel, load_timeline_model, with_kinds
from explorer.timeline.patching import EditSplice, patch_filtered_model, patch_timeline_model
from explorer.timeline.picking import event_point, gap_at, pick, stack_at
from explorer.timeline.spoken import place_in_lane, view_text
from explorer.timeline.titles import TitleCache
from explorer.ui import accessible as accessible_interfaces
from explorer.ui.announce import announce
from explorer.ui.open_store import OpenStore
from explorer.ui.timeline import accessible
from explorer.ui.timeline.axis import DateAxis
from explorer.ui.timeline.item import TimelineItem
from explorer.ui.timeline.keys import handle_key
from explorer.ui.timeline.legend import LegendBar
from explorer.ui.timeline.overview import OverviewStrip
from explorer.ui.view_state import ViewState

MIN_RANGE_DAYS = 7.0
PRELOAD_TITLES = 20000  # a store this small has all its titles read at once
TITLE_FETCH_MS = 60  # label titles missing from the cache are fetched this long after a frame


class TimelineWidget(QWidget):
    """The zoomable timeline of one store, following and writing the shared ViewState."""

    def __init__(
        self, open_store: OpenStore, view_state: ViewState, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        accessible_interfaces.install()  # before anything asks for this widget's accessible interface
        self.open_store, self.view_state = open_store, view_state
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName("Timeline")
        self.setAccessibleDescription(
            "Events by lane over time. Arrow keys move between events, plus and minus zoom."
        )
        self.legend = LegendBar(self)
        self.plot = pg.PlotWidget(axisItems={"bottom": DateAxis()}, enableMenu=False)
        self.plot.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # clicks give focus to this widget
        self.plot.setAccessibleName("Timeline drawing")
        self.plot.hideButtons()
        self.plot.hideAxis("left")
        self.view_box = self.plot.getViewBox()
        self.view_box.setMouseEnabled(x=True, y=False)
        self.view_box.setMenuEnabled(False)
        self.view_box.invertY(True)
        self.view_box.setYRange(0, 1, padding=0)
        self.item = TimelineItem(self._frame_for, self.palette)
        self.plot.addItem(self.item)
        self.overview = OverviewStrip(self.palette, self._overview_moved)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.legend)
        layout.addWidget(self.plot, 1)
        layout.addWidget(self.overview)

        self._builder = FrameBuilder(*text_metrics(self.font()))
        self._apply_palette()
        self._frame: tuple[tuple, Frame] | None = None
        self._match_mask: np.ndarray | None = None
        self._search_version = 0
        self._wanted_titles: list[int] = []
        self._title_timer = QTimer(self, singleShot=True, interval=TITLE_FETCH_MS)
        self._title_timer.timeout.connect(self._fetch_titles)

        self.view_box.sigXRangeChanged.connect(self._range_changed)
        self.plot.scene().sigMouseClicked.connect(self._clicked)
        self.plot.viewport().installEventFilter(self)
        view_state.selection_changed.connect(self._selection_changed)
        view_state.visible_range_changed.connect(self._visible_range_changed)
        view_state.lanes_changed.connect(self._repaint)
        view_state.search_changed.connect(self._search_changed)
        view_state.kinds_changed.connect(self._kinds_changed)
        self.stack_menu: QMenu | None = None  # the events of a stack too deep to fan out
        open_store.changed.connect(self.follow_changes)
        self._load()
        self.fit_all()

    # -- store -------------------------------------------------------------------------------

    def follow_changes(self, changes: Changes) -> None:
        """The store changed (an import, an edit: the view stays) or another store was opened
        (the view fits it): re-read the annotations over the shared columns."""
        if not changes.any or changes.row_ids == ():  # a note or a bookmark: nothing moved
            return
        if changes.names_rows and self._follow_edit(changes.row_ids):
            return
        kept = None if changes.opened else self.visible_range()
        self._load()
        self.set_range(*(kept or self.full_range()))

    def _follow_edit(self, row_ids: tuple[int, ...]) -> bool:
        """An edit laid into the model in place (False when it touched what the annotations
        draw): the kind filter's model and the search mask are patched alike, titles, limits
        and overview follow; the view stays where it is."""
        whole, shown = self.whole_model, self.model
        columns = self.open_store.columns
        edit = EditSplice.of(whole.columns, columns, row_ids)
        patched = patch_timeline_model(whole, columns, row_ids, edit)
        if patched is None:
            return False
        kept = self.visible_range()
        if shown is not whole:
            shown = patch_filtered_model(shown, whole, patched, edit, self._kind_codes())
        else:  # nothing was filtered out, but the edit may bring an event of a hidden kind
            shown = with_kinds(patched, self._kind_codes())
        if self._match_mask is not None:
            matches = self.view_state.search_matches or ()
            found = [int(columns.ids[q]) in matches for q in edit.added]
            self._match_mask = edit.splice.apply(self._match_mask, found)
            self._search_version += 1
        self.whole_model, self.model = patched, shown
        self.titles.forget(row_ids)
        self.titles.fetch_many(i for i in row_ids if columns.index_of(int(i)) is not None)
        self._set_limits()
        self._show_model()
        self.set_range(*kept)
        return True

    def _load(self) -> None:
        """Load the open store's annotations and titles over its columns."""
        store = self.open_store.store
        self.whole_model = load_timeline_model(store, self.open_store.columns)
        self.model: TimelineModel = self.whole_model
        self.titles = TitleCache(store)
        if len(self.model.columns) <= PRELOAD_TITLES:
            first, last = self.model.bounds
            self.titles.preload(store.events_between(int(first), int(last) + 1))
        self.item.era_titles = [era.title for era in self.model.eras]
        self._set_limits_and_overview()

    def _set_limits_and_overview(self) -> None:
        """Zoom limits, the overview, the kind filter and the search mask of the model."""
        self._set_limits()
        self._kinds_changed(self.view_state.kinds)
        self._search_changed(self.view_state.search_matches)

    def _set_limits(self) -> None:
        """How far the view zooms and pans, and the overview's extent: the model's span."""
        first, last = self.full_range()
        self.view_box.setLimits(
            xMin=first, xMax=last, minXRange=MIN_RANGE_DAYS, maxXRange=last - first, yMin=0, yMax=1
        )
        self.overview.set_extent(first, last)

    def _kind_codes(self) -> np.ndarray:
        return np.array([KIND_ORDER.index(kind) for kind in self.view_state.kinds], np.intp)

    def _kinds_changed(self, _kinds=None) -> None:
        """Draw only the kinds the filter shows, on the timeline and the overview alike."""
        self.model = with_kinds(self.whole_model, self._kind_codes())
        self._show_model()

    def _show_model(self) -> None:
        parts = [*self.model.points.values(), *self.model.spans.values()]
        self.overview.strip.set_events([(part.start, part.end_sorted) for part in parts])
        self.item.update()

    def full_range(self) -> tuple[float, float]:
        """The store's span with margins: the furthest the view zooms out."""
        first, last = self.model.bounds
        margin = max(30.0, (last - first) * 0.03)
        return first - margin, last + margin

    # -- zoom and pan ------------------------------------------------------------------------

    def visible_range(self) -> tuple[float, float]:
        """(first day, last day) shown."""
        (x0, x1), _ = self.view_box.viewRange()
        return float(x0), float(x1)

    def set_range(self, first: float, last: float) -> None:
        """Show ``first`` .. ``last`` (clamped to the zoom limits)."""
        self.view_box.setXRange(first, last, padding=0)

    def fit_all(self) -> None:
        """Show the whole store."""
        self.set_range(*self.full_range())

    def zoom_by(self, factor: float, around_day: float | None = None) -> None:
        """Zoom in (factor > 1) or out around a day (default: the middle of the view)."""
        x0, x1 = self.visible_range()
        c = (x0 + x1) / 2 if around_day is None else around_day
        self.set_range(c - (c - x0) / factor, c + (x1 - c) / factor)

    def zoom_to_selection(self) -> None:
        """Fit the view to the selected event (at least a few weeks around it)."""
        position = self.selected_position()
        if position is None:
            return
        start = float(self.model.columns.start[position])
        end = float(self.model.drawn.end[position])
        width = max(end - start, 21.0) * 1.6
        middle = (start + end) / 2
        self.set_range(middle - width / 2, middle + width / 2)

    def pan_by_screens(self, screens: float) -> None:
        """Move the view by a number of screen widths (negative: back in time)."""
        x0, x1 = self.visible_range()
        shift = (x1 - x0) * screens
        first, last = self.full_range()
        shift = min(max(shift, first - x0), last - x1)
        self.set_range(x0 + shift, x1 + shift)

    def bring_into_view(self, event_id: int) -> None:
        """Pan (keeping the zoom) so that the event's glyph is on screen."""
        position = self.model.columns.index_of(event_id)
        if position is None:
            return
        x0, x1 = self.visible_range()
        start = float(self.model.columns.start[position])
        end = float(self.model.drawn.end[position])
        margin = (x1 - x0) * 0.05
        if end < x0 + margin or start > x1 - margin:
            middle = start if end - start > (x1 - x0) else (start + end) / 2
            self.set_range(middle - (x1 - x0) / 2, middle + (x1 - x0) / 2)

    # -- geometry ----------------------------------------------------------------------------

    def current_frame(self) -> Frame:
        """The frame as the view shows it now (what the last or next paint draws)."""
        self.view_box.prepareForPaint()  # the view box applies range changes lazily
        vb_transform = self.item.deviceTransform(self.plot.viewportTransform())
        return self._frame_for(self.item.mapping_from(vb_transform))

    def viewport_widget(self) -> QWidget:
        """The widget that receives mouse events over the timeline (for clicks in tests)."""
        return self.plot.viewport()

    def glyph_position(self, event_id: int) -> QPoint | None:
        """Where the event's glyph is, in this widget's coordinates (None when not shown)."""
        position = self.model.columns.index_of(event_id)
        if position is None:
            return None
        point = event_point(self.model, self.current_frame(), position)
        if point is None:
            return None
        return self.plot.viewport().mapTo(self, QPointF(*point).toPoint())

    def event_at(self, pos: QPoint) -> int | None:
        """The event under a point in this widget's coordinates."""
        viewport = self.plot.viewport().mapFrom(self, pos)
        return pick(self.model, self.current_frame(), viewport.x(), viewport.y())

    def _frame_for(self, mapping: PixelMapping) -> Frame:
        shown = tuple(lane for lane in LANE_ORDER if lane in self.view_state.lanes)
        selected = self.view_state.selected
        key = (mapping, shown, id(self.model), self.titles.version, self._search_version, selected)
        if self._frame is not None and self._frame[0] == key:
            return self._frame[1]
        frame = self._builder.build(self.model, mapping, list(shown), self.titles, self._match_mask)
        position = self.selected_position()
        if position is not None and self._kind_shown(position):
            # from the cache only: a paint never reads the store (the selection put it there)
            summary = self.titles.get(selected)
            if summary is None:
                frame.missing_titles.append(selected)
            point = event_point(self.model, frame, position)
            self._builder.add_selection(frame, selected, point, summary.title if summary else "")
        self._frame = (key, frame)
        if frame.missing_titles:
            self._wanted_titles = frame.missing_titles
            self._title_timer.start()
        return frame

    def _kind_shown(self, position: int) -> bool:
        """Whether the kind filter shows the event at ``position``."""
        return KIND_ORDER[int(self.model.columns.kind[position])] in self.view_state.kinds

    def _fetch_titles(self) -> None:
        wanted, self._wanted_titles = self._wanted_titles, []
        if not self.isVisible():
            return  # hidden or closing (its store may be closed already): the next frame asks
        self.titles.fetch_many(wanted)
        self.item.update()

    def hideEvent(self, event) -> None:  # noqa: N802 (Qt override)
        """No title fetches while hidden."""
        self._title_timer.stop()
        super().hideEvent(event)

    def selected_position(self) -> int | None:
        """The selected event's position in the model's columns (None: nothing selected, or
        not in this store)."""
        selected = self.view_state.selected
        return None if selected is None else self.model.columns.index_of(selected)

    # -- reacting to the view state -----------------------------------------------------------

    def _range_changed(self, _vb=None, _range=None) -> None:
        # pyqtgraph applies a range change to the view's transform lazily, in the paint event;
        # a transform changed while painting dirties the scene again and the viewport paints a
        # second time. Applying it now keeps it to one paint per frame.
        self.view_box.updateMatrix()
        x0, x1 = self.visible_range()
        self.overview.show_window(x0, x1)
        self.view_state.set_visible_range(x0, x1, origin=self)

    def _overview_moved(self, first: float, last: float) -> None:
        self.view_state.set_visible_range(first, last, origin=self.overview)

    def _visible_range_changed(self, first: float, last: float, origin: object) -> None:
        if origin is not self:
            self.set_range(first, last)

    def _selection_changed(self, event_id, origin) -> None:
        if event_id is not None and self.model.columns.index_of(event_id) is not None:
            # the record every pane shares, read now so the next paint finds its title cached
            record = self.open_store.selected_event(event_id)
            if record is not None:
                self.titles.remember(record.summary)
        if event_id is not None and origin is not self:
            self.bring_into_view(event_id)
        self._announce(event_id)
        self.item.update()

    def _search_changed(self, matches) -> None:
        self._search_version += 1
        if matches is None:
            self._match_mask = None
        else:
            wanted = np.fromiter((int(m) for m in matches), np.int64, len(matches))
            self._match_mask = np.isin(self.model.columns.ids, wanted)
        self.item.dimmed_density = matches is not None
        self.item.update()

    def _repaint(self, *_args) -> None:
        self.item.update()

    def _announce(self, event_id: int | None) -> None:
        """Tell assistive technology which event is current: its item in the timeline's
        accessible list takes the focus (one event per change, not a rename of the widget)."""
        if event_id is not None and self.model.columns.index_of(event_id) is not None:
            accessible.focus_event(self, event_id)

    def place_text(self, event_id: int) -> str:
        """'3 of 85 in Summits and meetings': the event's place in its lane in view."""
        position = self.model.columns.index_of(event_id)
        if position is None:
            return ""
        return place_in_lane(self.model.columns, position, *self.visible_range()).text()

    def view_text(self) -> str:
        """'Showing 1 Jan 2010 – 31 Dec 2012, 85 events' (the lanes shown)."""
        return view_text(self.model.columns, *self.visible_range(), self.view_state.lanes)

    def announce_view(self) -> None:
        """Say the dates in view and how many events they hold (after a zoom or a pan)."""
        announce(self, self.view_text())

    def say(self, text: str) -> None:
        """Say ``text`` (an edge reached, no event below)."""
        announce(self, text)

    # -- mouse, keys, focus -------------------------------------------------------------------

    def _clicked(self, event) -> None:
        if event.button() != Qt.MouseButton.LeftButton or event.double():
            return
        viewport = self.plot.mapFromScene(event.scenePos())
        frame = self.current_frame()
        found = pick(self.model, frame, viewport.x(), viewport.y())
        stack = stack_at(self.model, frame, viewport.x(), viewport.y())
        if len(stack) > STACK_MAX and found in stack:
            self.show_stack_menu(stack, event.screenPos().toPoint())
        elif found is not None:
            self.view_state.select(found, origin=self)
        self.setFocus(Qt.FocusReason.MouseFocusReason)

    def show_stack_menu(self, event_ids: list[int], at: QPoint) -> QMenu:
        """A menu of the events of one day drawn on one spot, each choice selecting its event."""
        menu = QMenu(self)
        menu.setAccessibleName("Events on this spot")
        for event_id in event_ids:
            summary = self.titles.fetch(event_id)
            if summary is None:
                continue
            # a menu's text is plain; '&' would otherwise mark a shortcut
            action = menu.addAction(
                f"{summary.title} — {summary.when.display()}".replace("&", "&&")
            )
            action.triggered.connect(
                lambda _checked=False, e=event_id: self.view_state.select(e, origin=self)
            )
        menu.aboutToHide.connect(menu.deleteLater)
        self.stack_menu = menu
        menu.popup(at)
        return menu

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        """Tooltips over the timeline's viewport."""
        if event.type() == QEvent.Type.ToolTip and watched is self.plot.viewport():
            text = self.tooltip_at(event.pos())
            if text is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPos(), text, self.plot.viewport())
            return True
        return super().eventFilter(watched, event)

    def tooltip_at(self, pos: QPoint) -> str | None:
        """The tooltip over a viewport point: the events of a stack (one day, one spot), one
        event, or the note of a stretch where no troop figure is sourced."""
        frame = self.current_frame()
        stack = stack_at(self.model, frame, pos.x(), pos.y())
        if len(stack) > 1:
            return stack_tooltip([self.titles.fetch(event_id) for event_id in stack])
        found = pick(self.model, frame, pos.x(), pos.y())
        summary = None if found is None else self.titles.fetch(found)
        if summary is not None:
            return tooltip_text(summary)
        gap = gap_at(frame, pos.x(), pos.y())
        return None if gap is None else f"<qt>{html.escape(gap)}</qt>"

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt override)
        """Arrows, Home/End, PageUp/PageDown, +/-, 0 and Shift+Z; everything else propagates."""
        if not handle_key(self, event):
            super().keyPressEvent(event)

    def focusInEvent(self, event) -> None:  # noqa: N802 (Qt override)
        """Show the focus indicator on the current event; a reader hears which it is."""
        self.item.show_focus = True
        self.item.update()
        super().focusInEvent(event)
        # after Qt has told the reader the timeline has the focus, its current event takes it
        QTimer.singleShot(0, self, lambda: self._announce(self.view_state.selected))

    def focusOutEvent(self, event) -> None:  # noqa: N802 (Qt override)
        """Hide the focus indicator."""
        self.item.show_focus = False
        self.item.update()
        super().focusOutEvent(event)

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        """Follow font and palette changes."""
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.PaletteChange):
            self._builder.set_text_metrics(*text_metrics(self.font()))
            self._frame = None
            self.legend.refresh()
            self._apply_palette()
            self.item.update()
        super().changeEvent(event)

    def _apply_palette(self) -> None:
        """Backgrounds and axes in the palette's colours (pyqtgraph's default is black)."""
        palette = self.palette()
        base = palette.color(palette.ColorRole.Base)
        text = palette.color(palette.ColorRole.Text)
        for plot in (self.plot, self.overview):
            plot.setBackground(base)
            axis = plot.getAxis("bottom")
            axis.setPen(palette.color(palette.ColorRole.Mid))
            axis.setTextPen(text)
        highlight = QColor(palette.color(palette.ColorRole.Highlight))
        highlight.setAlphaF(0.25)
        self.overview.region.setBrush(highlight)
        highlight.setAlphaF(0.9)
        for line in self.overview.region.lines:
            line.setPen(highlight)

    # -- export -------------------------------------------------------------------------------

    def render_to_image(self, size: QSize | None = None) -> QImage:
        """The widget as an image (at ``size`` if given)."""
        if size is not None and size != self.size():
            old = self.size()
            self.resize(size)
            image = self.grab().toImage()
            self.resize(old)
            return image
        return self.grab().toImage()

    def export_svg(self, path) -> None:
        """Write the widget as an SVG drawing."""
        from PySide6.QtSvg import QSvgGenerator

        generator = QSvgGenerator()
        generator.setFileName(str(path))
        generator.setSize(self.size())
        generator.setViewBox(self.rect())
        generator.setTitle("Timeline Explorer")
        painter = QPainter(generator)
        self.render(painter, QPoint())
        painter.end()


def text_metrics(font: QFont) -> tuple[Measure, Elide]:
    """How the frame builder measures and elides text in ``font``."""
    fm = QFontMetricsF(font)
    right = Qt.TextElideMode.ElideRight
    return fm.horizontalAdvance, lambda text, width: fm.elidedText(text, right, width)


def tooltip_text(summary) -> str:
    """Title, kind and the date once (the source's wording only where it says more), always
    as escaped text."""
    title, kind = html.escape(summary.title), html.escape(summary.kind.label)
    return f"<qt><b>{title}</b><br>{kind}<br>{html.escape(summary.when.full_text())}</qt>"


STACK_TOOLTIP_ROWS = 12  # a stack's tooltip names this many events, then says how many more


def stack_tooltip(summaries) -> str:
    """The events drawn on one spot, one per line (escaped), with a hint for the deep ones."""
    found = [s for s in summaries if s is not None]
    lines = [
        f"<b>{html.escape(s.title)}</b> · {html.escape(s.kind.label)}"
        for s in found[:STACK_TOOLTIP_ROWS]
    ]
    if len(found) > STACK_TOOLTIP_ROWS:
        lines.append(f"and {len(found) - STACK_TOOLTIP_ROWS:,} more")
    when = html.escape(found[0].when.display()) if found else ""
    hint = "<br><i>Click to choose one.</i>" if len(found) > STACK_MAX else ""
    return f"<qt>{len(found):,} events · {when}<br>{'<br>'.join(lines)}{hint}</qt>"
