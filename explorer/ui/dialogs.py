"""The main window's dialogs: open a store, export the view, messages, shortcuts, about."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from explorer import __version__
from explorer.locations import APP_NAME
from explorer.ui.actions import ShortcutsDialog

STORE_FILTER = "Event stores (*.sqlite3 *.sqlite *.db);;All files (*)"
EXPORT_FILTER = "PNG image (*.png);;SVG drawing (*.svg)"


def show_message(window: QWidget, title: str, text: str, *, error: bool = False) -> QMessageBox:
    """A window-modal message that does not block the event loop; text is shown literally."""
    box = QMessageBox(window)
    box.setIcon(QMessageBox.Icon.Critical if error else QMessageBox.Icon.Information)
    box.setWindowTitle(title)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(text)
    box.setAccessibleName(title)
    box.setAccessibleDescription(text)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def start_folder(window) -> str:
    """Where a file dialog opens: the last folder used, else the open store's folder."""
    folder = window.settings.last_folder
    return folder if folder and Path(folder).is_dir() else str(Path(window.store.path).parent)


def choose_store(window) -> None:
    """File > Open Store…: ask for a file, then open it."""
    path, _ = QFileDialog.getOpenFileName(window, "Open Store", start_folder(window), STORE_FILTER)
    if path:
        window.settings.last_folder = str(Path(path).parent)
        open_store_file(window, Path(path))


def open_store_file(window, path: Path) -> bool:
    """Open ``path`` and show it in every pane; a problem is explained in a message box."""
    from explorer.store import Store
    from explorer.store.errors import StoreError

    try:
        store = Store(path, create=False)
    except StoreError as exc:
        show_message(window, "The store could not be opened", str(exc), error=True)
        return False
    except OSError as exc:
        show_message(window, "The store could not be opened", f"{path}: {exc}", error=True)
        return False
    window.open_store.replace(store)
    return True


def choose_export(window) -> None:
    """File > Export View…: ask for a PNG or SVG file name, then save the timeline."""
    start = str(Path(start_folder(window)) / "timeline.png")
    path, chosen = QFileDialog.getSaveFileName(window, "Export View", start, EXPORT_FILTER)
    if not path:
        return
    target = Path(path)
    if target.suffix.lower() not in (".png", ".svg"):
        target = target.with_suffix(".svg" if chosen.startswith("SVG") else ".png")
    window.settings.last_folder = str(target.parent)
    export_view(window, target)


def export_view(window, path: Path) -> bool:
    """Save what the timeline shows as PNG (pixels) or SVG (drawn through QSvgGenerator)."""
    widget = window.timeline
    try:
        if path.suffix.lower() == ".svg":
            ok = _render_svg(widget, path)
        else:
            ok = widget.grab().save(str(path), "PNG")
    except OSError as exc:
        ok, reason = False, str(exc)
    else:
        reason = "the file could not be written"
    if not ok:
        show_message(window, "Export failed", f"{path}: {reason}", error=True)
    else:
        window.statusBar().showMessage(f"Saved {path}", 5000)
    return ok


def _render_svg(widget: QWidget, path: Path) -> bool:
    generator = QSvgGenerator()
    generator.setFileName(str(path))
    size = widget.size()
    generator.setSize(size)
    generator.setViewBox(QRect(0, 0, size.width(), size.height()))
    generator.setTitle(APP_NAME)
    generator.setDescription("Timeline exported from Timeline Explorer")
    painter = QPainter()
    if not painter.begin(generator):
        return False
    try:
        widget.render(painter, QPoint())
    finally:
        painter.end()
    return path.exists() and path.stat().st_size > 0


def show_shortcuts(window) -> ShortcutsDialog:
    """Help > Keyboard Shortcuts (non-blocking)."""
    dialog = ShortcutsDialog(window.actions.menus, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.resize(QSize(760, min(620, window.height())))
    dialog.open()
    return dialog


def show_about(window) -> QMessageBox:
    """Help > About."""
    dataset = window.store.meta("dataset_version") or "none"
    text = (
        f"{APP_NAME} {__version__}\n\n"
        "NATO–Afghanistan relations, 2001–2021, on one zoomable timeline.\n\n"
        f"Store: {window.store.path}\n"
        f"Events: {window.store.count():,}\n"
        f"Bundled dataset version: {dataset}"
    )
    return show_message(window, f"About {APP_NAME}", text)
