"""Bulk work without the cyclic garbage collector's passes in between.

An import (a counts CSV, a tally file) builds a few objects per row for 100,000 rows and
keeps them until it ends (the rows, their plans, their entries), with no reference cycles:
what it drops, reference counting frees at once. Meanwhile the collector's full passes walk
every live object, the parsed vote's included, and find nothing to free: on the benchmark's
large vote they took 2-2.5 s of a CSV import that took 19 s
(docs/dev/performance-notebook.md, "CSV import, per row"). The collector is switched back on
afterwards if it was on.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """No collector passes inside the block; on again after it if it was on before."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
