"""Readers, flatten and rebuild pause the cyclic garbage collector, and give it back.

The collector's setting belongs to the whole program: whatever happens in
a reader (an error, another reader nested inside it or running in another
thread), the collector must be on after the last reader is done exactly
when it was on before the first one started.
"""

from __future__ import annotations

import gc
import random
import signal
import threading
import time
from collections.abc import Iterator

import pytest

import threadkit
import threadkit.tree
from threadkit._gc import collector_paused

SAMPLE = threadkit.Article(title="T", comments=(threadkit.Comment(text="a"),))


@pytest.fixture(autouse=True)
def restore_the_collector() -> Iterator[None]:
    was = gc.isenabled()
    yield
    if was:
        gc.enable()
    else:
        gc.disable()


@pytest.mark.parametrize("format", ["json", "jsonl", "text", "html"])
@pytest.mark.parametrize("enabled", [True, False])
def test_a_read_leaves_the_collector_as_it_was(format: str, enabled: bool) -> None:
    gc.enable() if enabled else gc.disable()
    assert threadkit.loads(threadkit.dumps(SAMPLE, format), format) == SAMPLE
    assert gc.isenabled() is enabled
    with pytest.raises(threadkit.ParseError):
        threadkit.loads("", format)
    assert gc.isenabled() is enabled


def test_paused_inside_and_back_after_an_error() -> None:
    gc.enable()
    seen = []

    def fail() -> None:
        with collector_paused():
            seen.append(gc.isenabled())
            raise KeyError

    with pytest.raises(KeyError):
        fail()
    assert seen == [False]
    assert gc.isenabled()


def test_nested_readers_resume_when_the_outer_one_is_done() -> None:
    gc.enable()
    with collector_paused():
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_with_another_thread_running_the_collector_is_left_alone() -> None:
    # Another thread might read the setting or change it meanwhile: a pause
    # would undo its gc.disable(), or leave the collector off for it.
    gc.enable()
    inside = threading.Event()
    changed = threading.Event()
    seen: list[bool] = []

    def program() -> None:
        inside.wait()
        gc.disable()  # the program's own choice, made during a read
        changed.set()

    other = threading.Thread(target=program)
    other.start()
    with collector_paused():
        seen.append(gc.isenabled())
        inside.set()
        changed.wait()
    other.join()
    assert seen == [True]
    assert not gc.isenabled()  # still the program's choice


def test_a_pause_cut_short_is_repaired_by_the_next_one() -> None:
    # Ctrl-C on the first instruction of __exit__ leaves the collector off
    # with the block gone; the next pause turns it back on.
    gc.enable()

    def cut_short() -> None:
        # What a with statement does before its block, without the block
        # and without its __exit__.
        enter = collector_paused().__enter__
        enter()
        assert not gc.isenabled()

    cut_short()
    assert not gc.isenabled()
    with collector_paused():
        assert gc.isenabled() is False  # paused again, by this block
    assert gc.isenabled()


def test_an_interrupt_anywhere_in_a_read_leaves_the_collector_on() -> None:
    # Real signals at random moments, as Ctrl-C lands: the collector is on
    # after every read, whether the interrupt cut it short or not.
    article = threadkit.Article(
        title="T", comments=tuple(threadkit.Comment(text=f"c{n}") for n in range(20))
    )
    document = threadkit.dumps(article, "json").encode()
    records = threadkit.tree.flatten(article)
    gc.enable()
    start = time.perf_counter()
    threadkit.loads(document, "json")
    threadkit.tree.rebuild(records)
    duration = time.perf_counter() - start
    randomly = random.Random(22)

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGALRM, interrupt)
    interrupted = off = 0
    try:
        for _ in range(1500):
            try:
                try:
                    signal.setitimer(signal.ITIMER_REAL, randomly.uniform(1e-6, duration))
                    threadkit.loads(document, "json")
                    threadkit.tree.rebuild(records)
                finally:
                    signal.setitimer(signal.ITIMER_REAL, 0)
            except KeyboardInterrupt:
                interrupted += 1
            if not gc.isenabled():
                off += 1
                gc.enable()
    finally:
        signal.signal(signal.SIGALRM, previous)
    assert interrupted > 100
    assert off == 0


@pytest.mark.parametrize("enabled", [True, False])
def test_flatten_and_rebuild_leave_the_collector_as_they_found_it(enabled: bool) -> None:
    gc.enable() if enabled else gc.disable()
    records = threadkit.tree.flatten(SAMPLE)
    assert gc.isenabled() is enabled
    assert threadkit.tree.rebuild(records).comments == SAMPLE.comments
    assert gc.isenabled() is enabled
    twice = records + records
    with pytest.raises(threadkit.errors.RebuildError):
        threadkit.tree.rebuild(twice, duplicates="error")
    assert gc.isenabled() is enabled
