"""Pausing Python's cyclic garbage collector while a thread is built."""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Iterator

__all__ = ["collector_paused"]


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while threadkit builds a thread.

    A reader, :func:`~threadkit.tree.flatten` and
    :func:`~threadkit.tree.rebuild` make one object the collector tracks
    for every comment, and none of them can be part of a reference cycle, so
    the collector's passes over a heap that grows with the thread free
    nothing, and took half the time of reading a large document and more
    than half of flattening one (docs/performance.md). Objects are still
    freed by reference counting as ever. The collector comes back when the
    last of them running in the process is done, unless it was off before
    the first one started. Also a decorator, as every context manager made
    with :func:`contextlib.contextmanager` is.
    """
    global _readers, _resume
    with _readers_lock:
        if _readers == 0:
            _resume = gc.isenabled()
            gc.disable()
        _readers += 1
    try:
        yield
    finally:
        with _readers_lock:
            _readers -= 1
            if _readers == 0 and _resume:
                gc.enable()


# How many readers are inside collector_paused, and whether the collector was
# on when the first of them came in; readers in several threads share them.
_readers = 0
_resume = False
_readers_lock = threading.Lock()
