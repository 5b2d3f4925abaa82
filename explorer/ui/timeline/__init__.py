"""The timeline view: pyqtgraph items painted from numpy columns."""
