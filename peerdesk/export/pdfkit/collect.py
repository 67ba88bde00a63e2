"""Laying out a PDF without the cyclic garbage collector's pauses.

A report allocates millions of small objects (fragments, lines, words) while its whole story
stays alive, so Python's cycle collector runs thousands of times and its full passes walk
every flowable laid out so far: about a fifth of the report's time at 300 entries, and more
as the story grows. Reference counting still frees every object as usual; only reference
cycles wait (reportlab makes few: the document and its canvas, freed at the next collection
after the layout). The collector is paused for the layout and restored after it, also when
the layout fails or is cancelled, and when several layouts overlap (in threads).
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_depth = 0  # layouts in progress
_was_enabled = False  # whether the collector ran before the first of them


@contextmanager
def collection_paused() -> Iterator[None]:
    """Pause the cycle collector while the block runs (restored as it was after the last
    overlapping block ends)."""
    global _depth, _was_enabled
    with _lock:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _was_enabled:
                gc.enable()
