"""Pausing Python's cyclic garbage collector while a thread is built."""

from __future__ import annotations

import functools
import gc
import sys
import threading
from collections.abc import Callable
from types import CodeType, FrameType
from typing import ParamSpec, TypeVar

__all__ = ["collector_paused"]

_P = ParamSpec("_P")
_R = TypeVar("_R")


# Named as a function: it was one, and is used as one.
class collector_paused:
    """Pause Python's cyclic garbage collector while threadkit builds a thread.

    A reader, :func:`~threadkit.tree.flatten` and
    :func:`~threadkit.tree.rebuild` make one object the collector tracks
    for every comment, and none of them can be part of a reference cycle, so
    the collector's passes over a heap that grows with the thread free
    nothing, and took half the time of reading a large document and more
    than half of flattening one (docs/performance.md). Objects are still
    freed by reference counting as ever.

    The collector's setting belongs to the whole process, so it is touched
    only when that cannot surprise anyone: when the collector is on and
    the calling thread is the only one. Then it is turned off for the call
    and on again after it. Otherwise (the program turned it off itself, or
    other threads run, which might read it or change it meanwhile) the call
    runs with the collector as it is.

    As a decorator, which is how threadkit uses it, no interrupt can leave
    the collector off: it is turned off inside a ``try`` whose ``finally``
    turns it on before the interpreter looks for a signal again. As a
    ``with`` statement, Ctrl-C landing on the first instruction of
    ``__exit__`` can; the next pause finds that the block which turned it
    off is gone and turns it back on.
    """

    __slots__ = ("_resume",)

    def __init__(self) -> None:
        self._resume = False

    @property
    def __enter__(self) -> Callable[[], object]:
        # The with statement calls what this returns with nothing in between:
        # gc.disable itself, one call in C, so that no interrupt can land
        # after the collector is off and before __exit__ is sure to run.
        if not _may_pause(1):
            return _nothing
        self._resume = True
        return gc.disable

    def __exit__(self, *exc: object) -> None:
        global _pauser
        if self._resume:
            gc.enable()
            _pauser = None
            self._resume = False

    def __call__(self, function: Callable[_P, _R]) -> Callable[_P, _R]:
        @functools.wraps(function)
        def paused(*args: _P.args, **kwargs: _P.kwargs) -> _R:
            global _pauser
            resume = _may_pause(0)
            try:
                if resume:
                    gc.disable()
                return function(*args, **kwargs)
            finally:
                # Nothing here lets the interpreter run a signal handler
                # before gc.enable() has run.
                if resume:
                    gc.enable()
                    _pauser = None

        return paused


def _may_pause(depth: int) -> bool:
    """Whether the collector may be turned off for the frame *depth* levels above the caller.

    Turns the collector back on first when a pause that turned it off was
    cut short (its frame is gone). The frame is recorded as the pause's.
    """
    global _pauser
    if not gc.isenabled():
        if _pauser is None or _on_stack(_pauser):
            return False  # off by the program's choice, or by a pause further out
        gc.enable()
        _pauser = None
    if threading.active_count() != 1:
        return False
    frame = sys._getframe(depth + 1)
    _pauser = (id(frame), frame.f_code)
    return True


def _nothing() -> None:
    return None


def _on_stack(pauser: tuple[int, CodeType]) -> bool:
    """Whether the frame that paused the collector is still running, in this thread."""
    frame: FrameType | None = sys._getframe(1)
    while frame is not None:
        if id(frame) == pauser[0] and frame.f_code is pauser[1]:
            return True
        frame = frame.f_back
    return False


# The frame that turned the collector off, as its id and its code (holding
# the frame itself would keep its locals alive): while it runs, the collector
# is off on purpose; once it is gone, the pause was cut short.
_pauser: tuple[int, CodeType] | None = None
