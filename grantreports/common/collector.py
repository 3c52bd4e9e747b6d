"""Python's cycle collector, tuned for code that builds many objects at once (inputs read, pages laid out)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

# By default the young generation is scanned every 700 new objects and, as the heap grows, the whole
# heap again and again: a 2,000-activity report spends 15 % of its layout there, the parse of
# 100,000 rows 30 % of its checks. The price is memory: cycles wait longer to be freed, and the
# largest render job at 1,000 grants went from 190 to 281 MB (bench/RESULTS.md; the limit is 400 MB).
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
