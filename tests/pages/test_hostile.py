"""Hostile and broken pages from elsewhere: only ThreadkitError escapes, and work stays linear.

Linearity is checked twice, on a page and on the same page eight times as
big: by the number of Python function calls a read makes, counted with
:func:`sys.setprofile` (exact, but blind to work inside C, such as a regular
expression backtracking), and by the processor time of the read, best of
three. Work that grows with the square of its input takes about 64 times as
much at eight times the size; linear work about 8. The bounds leave room for
a busy machine, not for the square.
"""

from __future__ import annotations

import contextlib
import sys
import time
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import threadkit
from threadkit import ThreadkitError

HEAD = "<!DOCTYPE html><html lang='de'><head><meta charset='utf-8'><title>Seite | Blatt</title>"


def calls(read: Callable[[], object]) -> int:
    """How many Python-level calls *read* makes (after a first read, which loads modules)."""
    with contextlib.suppress(ThreadkitError):
        read()
    count = 0

    def profile(frame: object, event: str, arg: object) -> None:
        nonlocal count
        if event == "call":
            count += 1

    sys.setprofile(profile)
    try:
        read()
    except ThreadkitError:
        pass
    finally:
        sys.setprofile(None)
    return count


def seconds(read: Callable[[], object]) -> float:
    """The processor time *read* takes, best of three."""
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        with contextlib.suppress(ThreadkitError):
            read()
        best = min(best, time.process_time() - start)
    return best


def read(page: str) -> Callable[[], object]:
    data = page.encode("utf-8")
    return lambda: threadkit.loads(data, format="html")


def wordpress(comments: int) -> str:
    items = "".join(
        f'<li id="comment-{n}" class="comment depth-1"><div class="comment-author">'
        f'<b class="fn">Leser {n}</b></div><div class="comment-metadata"><time '
        f'datetime="2021-05-{1 + n % 28:02d}T10:00:00+02:00">Mai</time></div>'
        f'<div class="comment-content"><p>Kommentar Nummer {n}, mit etwas Text.</p></div></li>'
        for n in range(comments)
    )
    return (
        HEAD + "</head><body><article><h1>Seite</h1><p>Der Artikel hat einen Absatz, der lang "
        "genug ist, um als Text zu gelten, und noch einen Satz dazu.</p></article>"
        f'<div id="comments"><ol class="comment-list">{items}</ol></div></body></html>'
    )


def deep(levels: int) -> str:
    # Replies inside replies, deeper than any parser nests: lxml re-parents
    # what lies past its depth limit, and nothing here may recurse.
    opening = '<div class="comment depth-1"><div class="comment-content">x</div>'
    return (
        HEAD
        + "</head><body><h1>Tief</h1><div id='comments'>"
        + opening * levels
        + "</div>" * levels
        + "</div></body></html>"
    )


FAMILIES: dict[str, Callable[[int], str]] = {
    "many comments": lambda n: wordpress(50 * n),
    "deep nesting": lambda n: deep(200 * n),
    "deep nesting of an unknown system": lambda n: (
        HEAD
        + "</head><body><h1>T</h1><section class='kommentare'>"
        + "<div class='note'><span class='author'>A</span> <time datetime='2020-05-12'>x</time>"
        "<p>Text</p>" * (200 * n) + "</div>" * (200 * n) + "</section></body></html>"
    ),
    "nested comment sections": lambda n: (
        HEAD + "<body><h1>T</h1>" + "<div class='comments'><p>x</p>" * (200 * n)
    ),
    "unclosed tags": lambda n: HEAD + "<body><h1>T</h1>" + "<div><p>Text <b>" * (100 * n),
    "a long paragraph": lambda n: HEAD + "<body><h1>T</h1><p>" + "Wort " * (5_000 * n),
    "unterminated attributes": lambda n: HEAD + '<body><h1>T</h1><a href="' + "x" * (10_000 * n),
    "many headings": lambda n: HEAD + "<body>" + "<h2>Überschrift</h2><p>kurz</p>" * (200 * n),
    "dates everywhere": lambda n: (
        HEAD
        + "<body><h1>T</h1><div class='comments'>"
        + "<div class='comment'><span class='author'>A</span> 12.05.2020 um 10:00 "
        "<p>12.05.2020 12.05.2020</p></div>" * (50 * n) + "</div></body></html>"
    ),
}


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_work_grows_linearly(family: str) -> None:
    build = FAMILIES[family]
    small, large = calls(read(build(1))), calls(read(build(8)))
    assert large <= 12 * small, (small, large)
    small_time, large_time = seconds(read(build(1))), seconds(read(build(8)))
    assert large_time <= 24 * max(small_time, 0.001), (small_time, large_time)


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_only_threadkit_errors_escape(family: str) -> None:
    with contextlib.suppress(ThreadkitError):
        threadkit.loads(FAMILIES[family](4).encode(), format="html")


def test_a_deep_thread_is_read_without_recursion() -> None:
    # 2,000 nested replies: more than the interpreter's recursion limit.
    article = threadkit.loads(deep(2_000).encode(), format="html")
    assert article.comment_count == 2_000


SEEDS = [
    wordpress(3),
    deep(5),
    HEAD + "</head><body><article itemscope itemtype='https://schema.org/NewsArticle'>"
    "<h1 itemprop='headline'>Brücke</h1><div itemprop='articleBody'><p>Die Brücke ist zu."
    "</p></div><div itemprop='comment' itemscope itemtype='https://schema.org/Comment'>"
    "<span itemprop='author'>Ana</span><p itemprop='text'>Endlich.</p></div></article>"
    "</body></html>",
    HEAD + "</head><body><table><tr class='athing comtr' id='1'><td><table><tr>"
    "<td class='ind' indent='0'></td><td class='default'><span class='comhead'>"
    "<a class='hnuser'>pg</a> <span class='age' title='2015-04-08T12:00:00'>"
    "<a href='item?id=1'>1 hour ago</a></span></span><div class='commtext'>Hi</div>"
    "</td></tr></table></td></tr></table></body></html>",
]


@st.composite
def damaged(draw: st.DrawFn) -> bytes:
    data = bytearray(SEEDS[draw(st.integers(0, len(SEEDS) - 1))].encode("utf-8"))
    for _ in range(draw(st.integers(1, 4))):
        where = draw(st.integers(0, len(data)))
        kind = draw(st.integers(0, 3))
        if kind == 0:
            del data[where : where + draw(st.integers(1, 40))]
        elif kind == 1:
            data[where:where] = draw(st.binary(min_size=1, max_size=12))
        elif kind == 2:
            end = min(len(data), where + draw(st.integers(1, 80)))
            data[where:where] = data[where:end] * draw(st.integers(2, 6))
        else:
            data[where:where] = draw(
                st.sampled_from([b"<", b">", b"</div>", b"<li class='comment'>", b"&#0;", b"\x00"])
            )
    return bytes(data)


@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(damaged())
def test_damaged_pages_are_read_or_refused(data: bytes) -> None:
    try:
        article = threadkit.loads(data, format="html")
    except ThreadkitError:
        return
    # What comes back is a valid article that every format can hold.
    assert threadkit.loads(threadkit.dumps(article, "json"), "json") == article
