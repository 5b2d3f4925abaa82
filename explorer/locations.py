"""Where things are: bundled resources (checkout, wheel or frozen bundle) and per-user folders."""

from __future__ import annotations

import os
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

import platformdirs

APP_ID = "org.timelineexplorer.TimelineExplorer"
APP_NAME = "Timeline Explorer"
APP_SLUG = "timeline-explorer"
ORGANIZATION = "Timeline Explorer"
ORGANIZATION_DOMAIN = "timelineexplorer.org"
# TIMELINE_EXPLORER_HOME moves every per-user file under one folder (tests, portable use).
HOME_VARIABLE = "TIMELINE_EXPLORER_HOME"


def _resources_root() -> Traversable:
    """``explorer.resources`` in a wheel, an editable install or a bundle; in a plain checkout
    (``python -m explorer`` run from the repository, which shadows an installed copy), the
    top-level ``resources/`` folder it is built from."""
    try:
        return resources.files("explorer.resources")
    except ModuleNotFoundError:
        checkout = Path(__file__).resolve().parent.parent / "resources"
        if (checkout / "data" / "manifest.json").is_file():
            return checkout
        raise


def resource(*parts: str) -> Traversable:
    """A bundled resource file, e.g. ``resource("data", "manifest.json")``."""
    node = _resources_root()
    for part in parts:
        node = node / part
    return node


def resource_path(*parts: str) -> Path:
    """A bundled resource as a real file path (wheels and bundles unpack resources as files)."""
    return Path(str(resource(*parts)))


def user_data_dir() -> Path:
    """The per-user data folder (the writable store lives here); survives upgrades."""
    home = os.environ.get(HOME_VARIABLE)
    if home:
        return Path(home) / "data"
    return Path(platformdirs.user_data_dir(APP_SLUG, appauthor=False))


def user_config_dir() -> Path:
    """The per-user settings folder."""
    home = os.environ.get(HOME_VARIABLE)
    if home:
        return Path(home) / "config"
    return Path(platformdirs.user_config_dir(APP_SLUG, appauthor=False))


def default_store_path() -> Path:
    """The user's own store, created from the bundled dataset on first run."""
    return user_data_dir() / "events.sqlite3"


def settings_path() -> Path:
    """The settings file (an INI file written through QSettings)."""
    return user_config_dir() / "settings.ini"
