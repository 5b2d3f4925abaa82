"""Timeline Explorer: a zoomable timeline of NATO-Afghanistan relations."""

import os

# numpy asks the kernel for huge pages on every array of 4 MB or more; with the usual
# "madvise" setting the kernel then compacts memory on the spot for each fresh array. An edit
# at a million events copies a dozen such arrays, and that compaction made the first edits
# 10-20 ms slower. Read when numpy is imported, so it is set before anything imports it;
# an explicit setting in the environment wins.
os.environ.setdefault("NUMPY_MADVISE_HUGEPAGE", "0")

__version__ = "0.1.0"
