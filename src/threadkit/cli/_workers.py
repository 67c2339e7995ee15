"""Converting many files: worker processes, Ctrl-C, and a progress bar.

The pool knows nothing of formats: it hands each :class:`Task` to the
*run* function it is given and collects its :class:`Outcome`.
"""

from __future__ import annotations

import contextlib
import os
import queue
import signal
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, NamedTuple, TextIO, TypeAlias

from threadkit.cli._common import Failure

if TYPE_CHECKING:
    from multiprocessing.process import BaseProcess
    from multiprocessing.queues import Queue
    from multiprocessing.synchronize import Event

__all__ = [
    "STOPPING",
    "Interrupted",
    "Outcome",
    "Progress",
    "Runner",
    "Task",
    "in_workers",
    "interruptible",
    "stop_if_asked",
    "whole_write",
]


class Task(NamedTuple):
    """One input of ``convert`` and where its output goes (``None``: standard output)."""

    position: int
    source: str
    destination: str | None


class Outcome(NamedTuple):
    """What became of one :class:`Task`: the files written, or the error, or an interruption.

    *skipped* names the outputs that exist already when, without ``--force``,
    the task was left alone for them.
    """

    position: int
    written: tuple[str, ...]
    error: str | None
    interrupted: bool = False
    skipped: tuple[str, ...] = ()


Runner: TypeAlias = Callable[[Task], Outcome]
"""Converts one task; a problem with its file is in the outcome, not raised."""


# What stops a conversion as Ctrl-C does: what timeout, systemd, docker stop
# and a CI's cancel send (SIGTERM), and a closed terminal (SIGHUP).
STOPPING = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


class Interrupted(KeyboardInterrupt):
    """Ctrl-C, or another signal of :data:`STOPPING`: the command exits with 128 + *signum*."""

    def __init__(self, signum: int = signal.SIGINT) -> None:
        super().__init__(signum)
        self.signum = signum


class _Interrupts:
    """Where a signal stops ``convert``: anywhere but in the middle of writing a file.

    A file being written is finished (or, on an error, removed) first, and
    the conversion stops at the next file. In a worker process, a signal
    between two files is ignored: the main process stops the batch.
    """

    writing = False
    deferred = 0  # the signal that came while a file was being written
    idle = False


def _on_interrupt(signum: int, frame: object) -> None:
    if _Interrupts.writing:
        _Interrupts.deferred = signum
    elif not _Interrupts.idle:
        raise Interrupted(signum)


@contextlib.contextmanager
def whole_write() -> Iterator[None]:
    """Let a signal wait until the file being written is whole, or removed."""
    _Interrupts.writing = True
    try:
        yield
    finally:
        _Interrupts.writing = False


def _handled(signum: int) -> bool:
    # SIGINT as Python set it up; the others left to their default. One the
    # caller ignores (a background job's SIGINT, nohup's SIGHUP) stays ignored.
    expected = signal.default_int_handler if signum == signal.SIGINT else signal.SIG_DFL
    return signal.getsignal(signum) is expected


@contextlib.contextmanager
def interruptible() -> Iterator[None]:
    """Handle the signals of :data:`STOPPING` with :func:`_on_interrupt`, unless ignored."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    _Interrupts.deferred = 0
    previous = {
        signum: signal.signal(signum, _on_interrupt) for signum in STOPPING if _handled(signum)
    }
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def stop_if_asked() -> None:
    """Stop after a file that a signal let finish."""
    if _Interrupts.deferred:
        raise Interrupted(_Interrupts.deferred)


def _worker_run(task: Task, run: Runner) -> Outcome:
    try:
        _Interrupts.idle = False
        return run(task)
    except KeyboardInterrupt:
        return Outcome(task.position, (), None, interrupted=True)
    finally:
        _Interrupts.idle = True


def _worker(
    tasks: Queue[list[Task] | None],
    results: Queue[Outcome],
    stop: Event,
    run: Runner,
) -> None:
    _Interrupts.idle = True
    _Interrupts.writing = False
    _Interrupts.deferred = 0
    for signum in STOPPING:
        if signal.getsignal(signum) is not signal.SIG_IGN:
            signal.signal(signum, _on_interrupt)
    parent = os.getppid()
    while True:
        try:
            chunk = tasks.get(timeout=1)
        except queue.Empty:
            # The main process is gone (killed outright): stop, rather than
            # wait for ever holding its caller's pipes open.
            if os.getppid() != parent:
                return
            continue
        if chunk is None:
            return
        for task in chunk:
            if not (stop.is_set() or _Interrupts.deferred or os.getppid() != parent):
                results.put(_worker_run(task, run))


def in_workers(
    tasks: Sequence[Task], run: Runner, jobs: int, record: Callable[[Outcome], None]
) -> None:
    """Convert *tasks* in *jobs* worker processes, calling *record* as each file is done.

    *run* converts one task in a worker; it travels to the workers as they
    start, so under the ``spawn`` start method it must pickle.
    """
    import multiprocessing  # lazy: only batches with --jobs pay for it

    context = multiprocessing.get_context()
    queue_in: Queue[list[Task] | None] = context.Queue()
    results: Queue[Outcome] = context.Queue()
    stop = context.Event()
    workers = [
        context.Process(target=_worker, args=(queue_in, results, stop, run), daemon=True)
        for _ in range(min(jobs, len(tasks)))
    ]
    # Ctrl-C waits until the workers are started, so that a worker that
    # inherits the handler never sees it before setting up its own.
    with whole_write():
        for process in workers:
            process.start()
    # Chunks of a few files keep the queue traffic small; small enough that
    # the workers finish together.
    size = max(1, min(32, len(tasks) // (len(workers) * 8)))
    received = 0
    try:
        # Here a signal is only noted, and acted on between two results.
        # Raised wherever it came, it could stop the read of a result halfway
        # (the rest stays in the pipe, and reading what the workers still
        # finish fails on it) or land in a callback that swallows it.
        with whole_write():
            for start in range(0, len(tasks), size):
                queue_in.put(list(tasks[start : start + size]))
            for _ in workers:
                queue_in.put(None)
            while received < len(tasks):
                stop_if_asked()
                try:
                    outcome = results.get(timeout=0.5)
                except queue.Empty:
                    dead = [p.exitcode for p in workers if p.exitcode not in (None, 0)]
                    if dead:
                        stop.set()
                        raise Failure(
                            f"a worker process stopped unexpectedly (exit status {dead[0]}); "
                            f"{len(tasks) - received} of {len(tasks)} files were not converted"
                        ) from None
                    continue
                received += 1
                record(outcome)
            stop_if_asked()
    except KeyboardInterrupt:
        _stop_workers(workers, queue_in, results, stop, record)
        raise
    finally:
        queue_in.cancel_join_thread()
        for process in workers:
            process.join(timeout=5)
            if process.is_alive():
                process.terminate()


def _stop_workers(
    workers: Sequence[BaseProcess],
    queue_in: Queue[list[Task] | None],
    results: Queue[Outcome],
    stop: Event,
    record: Callable[[Outcome], None],
) -> None:
    """Stop the workers after a signal, recording the files they still finished."""
    previous = {signum: signal.signal(signum, signal.SIG_IGN) for signum in STOPPING}
    try:
        stop.set()
        for process in workers:
            if process.pid is not None and process.is_alive():
                with contextlib.suppress(ProcessLookupError):
                    os.kill(process.pid, signal.SIGINT)
        deadline = time.monotonic() + 30
        running = True
        while running and time.monotonic() < deadline:
            # A worker that has exited has sent everything it had: take
            # what is left once more before stopping.
            running = any(process.is_alive() for process in workers)
            with contextlib.suppress(queue.Empty):
                while True:
                    record(results.get(timeout=0.05))
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


class Progress:
    """A one-line progress bar on a terminal, redrawn at most ten times a second."""

    def __init__(self, total: int, stream: TextIO) -> None:
        self.total = total
        self.stream = stream
        self.done = 0
        self.failed = 0
        self.drawn = 0.0

    def advance(self, failed: bool) -> None:
        self.done += 1
        self.failed += failed
        now = time.monotonic()
        if now - self.drawn >= 0.1 or self.done == self.total:
            self.drawn = now
            self.draw()

    def draw(self) -> None:
        try:
            columns = os.get_terminal_size(self.stream.fileno()).columns
        except (OSError, ValueError):
            columns = 80
        label = f" {self.done}/{self.total} files"
        if self.failed:
            label += f", {self.failed} failed"
        room = max(10, min(40, columns - len(label) - 3))
        filled = room * self.done // self.total
        self.stream.write(f"\r[{'#' * filled}{'.' * (room - filled)}]{label}\x1b[K")
        self.stream.flush()

    def clear(self) -> None:
        self.stream.write("\r\x1b[K")
        self.stream.flush()
