"""Timeline Explorer: a zoomable timeline of NATO-Afghanistan relations."""

__version__ = "0.1.0"
