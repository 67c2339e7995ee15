"""Readers, flatten and rebuild pause the cyclic garbage collector, and give it back.

The collector's setting belongs to the whole program: whatever happens in
a reader (an error, another reader nested inside it or running in another
thread), the collector must be on after the last reader is done exactly
when it was on before the first one started.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator

import pytest

import threadkit
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


def test_readers_in_two_threads_resume_when_both_are_done() -> None:
    gc.enable()
    inside = threading.Barrier(2)
    first_out = threading.Event()
    seen: list[bool] = []

    def first() -> None:
        with collector_paused():
            inside.wait()
        first_out.set()

    def second() -> None:
        with collector_paused():
            inside.wait()
            first_out.wait()
            seen.append(gc.isenabled())  # the first reader left: still paused

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert seen == [False]
    assert gc.isenabled()


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
