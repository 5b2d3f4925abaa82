"""The timeline as numbers: lanes, layout, frame geometry, picking and keyboard navigation over
the store's numpy columns. No Qt: text is measured and elided through callables passed in."""
