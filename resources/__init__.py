"""Bundled resources (dataset, icons, desktop files), importable as explorer.resources."""
