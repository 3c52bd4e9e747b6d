"""Python's cycle collector, tuned for code that builds many objects at once (inputs read, pages laid out)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

# By default the young generation is scanned every 700 new objects and, as the heap grows, the whole
# heap again and again: a 2,000-activity report spends 15 % of its layout there, the parse of
# 100,000 rows 30 % of its checks. With these thresholds whole-heap scans become rare, so a loop
# over many units of work (reports) calls collect_leftovers() after each one.
_BULK_THRESHOLDS = (50_000, 20, 100)


@contextmanager
def bulk_allocation() -> Iterator[None]:
    """Collect cycles less often inside the block; what existed before it (imports) is not scanned again."""
    thresholds = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(*_BULK_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        gc.unfreeze()


def collect_leftovers() -> None:
    """Free the cycles one unit of work left behind, between units inside bulk_allocation().

    Measured over 30 reports in one process: 62 s and 169 MB at most with a collection after
    each report, 62 s and 209 MB without, 68 s and 180 MB with Python's default thresholds."""
    gc.collect()
