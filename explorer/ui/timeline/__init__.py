"""The timeline's widgets and painting: one pyqtgraph item paints the frames that the Qt-free
model in :mod:`explorer.timeline` computes."""
