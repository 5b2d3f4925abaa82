"""A typed wrapper over QSettings (an INI file), created in main(), never at import time."""

from __future__ import annotations

import math
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from explorer.domain.dates import END_DAY, FIRST_DAY
from explorer.domain.events import Lane
from explorer.locations import settings_path

COLOR_SCHEMES = ("system", "light", "dark")


class Settings:
    """Preferences and window state. ``path`` is injectable so tests use ``tmp_path``.

    Window state lives under ``window/`` and ``view/``; preferences under ``appearance/``.
    Lists are stored as comma-separated text so the INI file stays readable and typed.
    """

    def __init__(self, path: Path | None = None) -> None:
        self.path = Path(path) if path else settings_path()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._qsettings = QSettings(str(self.path), QSettings.Format.IniFormat)

    def _bytes(self, key: str) -> QByteArray | None:
        value = self._qsettings.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def _text(self, key: str) -> str | None:
        value = self._qsettings.value(key)
        if isinstance(value, list):  # QSettings reads "a, b" back as a list
            value = ",".join(str(v) for v in value)
        return str(value) if value not in (None, "") else None

    def _numbers(self, key: str) -> list[float] | None:
        text = self._text(key)
        if not text:
            return None
        try:
            numbers = [float(part) for part in text.split(",")]
        except ValueError:
            return None  # a hand-edited file: ignore the value rather than fail to start
        # "nan" and "inf" read as floats too, and no position or size is either
        return numbers if all(math.isfinite(n) for n in numbers) else None

    # window state (kept apart from preferences, under "window/")
    @property
    def window_geometry(self) -> QByteArray | None:
        """The main window's saved geometry."""
        return self._bytes("window/geometry")

    @window_geometry.setter
    def window_geometry(self, value: QByteArray) -> None:
        self._qsettings.setValue("window/geometry", value)

    @property
    def window_state(self) -> QByteArray | None:
        """The main window's saved dock/toolbar state."""
        return self._bytes("window/state")

    @window_state.setter
    def window_state(self, value: QByteArray) -> None:
        self._qsettings.setValue("window/state", value)

    def splitter_sizes(self, name: str) -> list[int] | None:
        """Saved sizes of the splitter ``name`` (e.g. 'main', 'lower')."""
        numbers = self._numbers(f"window/splitter_{name}")
        if not numbers or any(not 0 <= n < 1e6 for n in numbers):
            return None
        return [int(n) for n in numbers]

    def set_splitter_sizes(self, name: str, sizes: list[int]) -> None:
        """Remember the sizes of the splitter ``name``."""
        self._qsettings.setValue(f"window/splitter_{name}", ",".join(str(int(s)) for s in sizes))

    # what the user was looking at (under "view/")
    @property
    def visible_range(self) -> tuple[float, float] | None:
        """(start_day, end_day) of the timeline when the window was closed."""
        numbers = self._numbers("view/visible_range")
        if not numbers or len(numbers) != 2 or numbers[1] <= numbers[0]:
            return None
        if numbers[0] < FIRST_DAY or numbers[1] > END_DAY:  # outside years 1-9999
            return None
        return numbers[0], numbers[1]

    @visible_range.setter
    def visible_range(self, value: tuple[float, float]) -> None:
        self._qsettings.setValue("view/visible_range", f"{value[0]:.3f},{value[1]:.3f}")

    @property
    def lanes(self) -> frozenset[Lane] | None:
        """The lanes shown, or None when never saved."""
        text = self._qsettings.value("view/lanes")
        if text is None:
            return None
        names = text if isinstance(text, list) else str(text).split(",")
        return frozenset(Lane(n) for n in names if n in Lane.__members__.values())

    @lanes.setter
    def lanes(self, value: frozenset[Lane]) -> None:
        ordered = [lane.value for lane in Lane if lane in value]
        self._qsettings.setValue("view/lanes", ",".join(ordered))

    @property
    def selected_event(self) -> str | None:
        """The key of the selected event (keys are stable across dataset updates)."""
        return self._text("view/selected_event")

    @selected_event.setter
    def selected_event(self, key: str | None) -> None:
        self._qsettings.setValue("view/selected_event", key or "")

    # preferences (under "appearance/")
    @property
    def color_scheme(self) -> str:
        """'system' (follow the desktop), 'light' or 'dark'."""
        value = self._text("appearance/color_scheme")
        return value if value in COLOR_SCHEMES else "system"

    @color_scheme.setter
    def color_scheme(self, value: str) -> None:
        if value not in COLOR_SCHEMES:
            raise ValueError(f"unknown colour scheme {value!r}")
        self._qsettings.setValue("appearance/color_scheme", value)

    @property
    def last_folder(self) -> str | None:
        """The folder of the last opened or exported file, for file dialogs."""
        return self._text("window/last_folder")

    @last_folder.setter
    def last_folder(self, value: str) -> None:
        self._qsettings.setValue("window/last_folder", value)

    def sync(self) -> None:
        """Write to disk now."""
        self._qsettings.sync()
