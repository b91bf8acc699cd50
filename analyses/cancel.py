"""Honest cancel: long loops check the user's cancel often enough that it takes effect within a second or two."""
from __future__ import annotations

import time
from collections.abc import Callable

#: A chunk of work between two checks is sized to take about this long (s).
CHUNK_SECONDS = 0.3


def check(is_canceled: Callable[[], bool] | None, what: str) -> None:
    """Raise InterruptedError when the user has canceled; the plugin reports it as canceled, never as success."""
    if is_canceled is not None and is_canceled():
        raise InterruptedError(f"{what} canceled")


def in_chunks(count: int, work: Callable[[int, int], None], is_canceled: Callable[[], bool] | None, what: str,
              first: int = 256) -> None:
    """Call work(start, stop) over range(count) in chunks of about CHUNK_SECONDS each, checking for cancel
    before each: the chunk grows or shrinks with the measured time, since the cost per item is not known."""
    start, size = 0, first
    while start < count:
        check(is_canceled, what)
        stop = min(count, start + size)
        began = time.perf_counter()
        work(start, stop)
        took = time.perf_counter() - began
        size = max(1, int(size * min(4.0, CHUNK_SECONDS / max(took, 1e-4))))
        start = stop
