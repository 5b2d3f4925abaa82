"""The main window's dialogs: open a store, export the view, messages, shortcuts, about."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, QStandardPaths, Qt
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


def documents_folder() -> str:
    """The user's documents folder, where export dialogs start (not the app's data folder)."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return folder if folder and Path(folder).is_dir() else str(Path.home())


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
    """Open ``path`` and show it in every pane (after a question when there are edits to
    undo); a problem is explained in a message box and keeps the history."""
    from explorer.store import Store
    from explorer.store.errors import StoreError

    # asked before the file is touched: opening may migrate it, Cancel must leave it as it is
    if not window.editing.may_forget_history(path.name):
        return False
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
    start = str(Path(documents_folder()) / "timeline.png")
    path, chosen = QFileDialog.getSaveFileName(window, "Export View", start, EXPORT_FILTER)
    if not path:
        return
    target = Path(path)
    if target.suffix.lower() not in (".png", ".svg"):
        target = target.with_suffix(".svg" if chosen.startswith("SVG") else ".png")
    export_view(window, target)


def export_view(window, path: Path) -> bool:
    """Save what the timeline shows as PNG (pixels) or SVG (drawn through QSvgGenerator),
    captioned with the range shown and the store's name."""
    from explorer.ui.view_caption import captioned_image, view_caption, write_captioned_svg

    widget, caption = window.timeline, view_caption(window)
    try:
        if path.suffix.lower() == ".svg":
            ok = write_captioned_svg(widget, caption, path)
        else:
            ok = captioned_image(widget, caption).save(str(path), "PNG")
    except OSError as exc:
        ok, reason = False, str(exc)
    else:
        reason = "the file could not be written"
    if not ok:
        show_message(window, "Export failed", f"{path}: {reason}", error=True)
    else:
        window.statusBar().showMessage(f"Saved {path}", 5000)
    return ok


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
