"""Benchmark: HTML read and write of a 10,000-comment thread against lxml alone.

Run by hand::

    .venv/bin/python bench/bench_html.py [--comments N] [--rounds R]

It builds one deterministic thread (a seeded random tree: replies to recent
comments, paragraphs of ordinary prose, authors, dates, scores, some edits
and deletions), writes it once to get the page's bytes, then times, in the
same process and interleaved round by round:

* ``write``: :func:`threadkit.formats.html.write` of the article;
* ``lxml.html.tostring``: serialising the document tree that lxml parsed
  from those bytes;
* ``read``: :func:`threadkit.formats.html.read` of the bytes;
* ``lxml.html.fromstring``: parsing the same bytes with lxml alone.

It prints the best CPU time (``time.process_time``, so that other work on
a shared machine does not count) of each and the ratios read/fromstring and
write/tostring; the targets are at most 2.0 for both.
"""

from __future__ import annotations

import argparse
import gc
import random
import sys
import time
from collections.abc import Callable
from datetime import datetime, timedelta, timezone

import lxml.html

from threadkit import Article, Author, Comment
from threadkit.formats import html

_VOCABULARY = """
the a of to and in that is for it on with as was be this by at not are have from but they we
his an or which you one were all there their has been would will more if can about when what
so no up out into than them some could other time only new people council vote budget city
school road minister report police housing tax plan money year week article agree point think
really just because should never always problem
"""
WORDS = tuple(_VOCABULARY.split())


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(5, 22))]
    return " ".join(words).capitalize() + rng.choice(".!?.")


def _text(rng: random.Random) -> str:
    paragraphs = []
    for _ in range(rng.choice((1, 1, 1, 2, 2, 3))):
        paragraphs.append(" ".join(_sentence(rng) for _ in range(rng.randint(1, 4))))
    return "\n\n".join(paragraphs)


def build_article(count: int, seed: int = 2024) -> Article:
    """A deterministic article with *count* comments in a realistic tree."""
    rng = random.Random(seed)
    zone = timezone(timedelta(hours=1))
    start = datetime(2024, 3, 1, 8, 0, tzinfo=zone)
    people = [
        Author(
            name=f"{rng.choice(WORDS).capitalize()} {rng.choice(WORDS).capitalize()} {n}",
            url=f"https://example.org/u/{n}" if n % 3 == 0 else None,
            id=f"user-{n}",
        )
        for n in range(800)
    ]
    parents: list[int] = []
    for index in range(count):
        if index and rng.random() < 0.7:
            parents.append(rng.randrange(max(0, index - 50), index))
        else:
            parents.append(-1)
    fields = []
    for index in range(count):
        deleted = rng.random() < 0.03
        fields.append(
            {
                "text": "" if deleted else _text(rng),
                "author": None if deleted else rng.choice(people),
                "id": f"c{index}",
                "published": start + timedelta(minutes=3 * index),
                "edited": start + timedelta(minutes=3 * index + 7) if rng.random() < 0.1 else None,
                "score": rng.randint(-5, 400),
                "state": "deleted" if deleted else "visible",
            }
        )
    children: list[list[int]] = [[] for _ in range(count)]
    roots = []
    for index, parent in enumerate(parents):
        (roots if parent < 0 else children[parent]).append(index)
    built: dict[int, Comment] = {}
    for index in range(count - 1, -1, -1):
        replies = tuple(built.pop(child) for child in children[index])
        built[index] = Comment(replies=replies, **fields[index])
    return Article(
        title="Council approves the new budget after a long night",
        subtitle="The vote was closer than expected",
        body="\n\n".join(_text(rng) for _ in range(8)),
        authors=(Author(name="Jane Reporter", bio="Covers the city council."),),
        published=start,
        url="https://news.example.org/budget",
        site="The Example Times",
        tags=("politics", "budget"),
        comments=tuple(built[index] for index in roots),
    )


def _best(timings: dict[str, list[float]], name: str, action: Callable[[], object]) -> None:
    # CPU time of this process: other work on a shared machine does not count.
    gc.collect()
    began = time.process_time()
    action()
    timings.setdefault(name, []).append(time.process_time() - began)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--comments", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args(argv)

    article = build_article(args.comments)
    page = html.write(article)
    data = page.encode("utf-8")
    tree = lxml.html.fromstring(data)
    if html.read(data) != article:
        print("error: the page does not read back as the article", file=sys.stderr)
        return 1
    print(
        f"thread: {article.comment_count} comments, depth {article.depth}; "
        f"page: {len(data) / 1e6:.2f} MB"
    )
    timings: dict[str, list[float]] = {}
    for _ in range(args.rounds):
        _best(timings, "write", lambda: html.write(article))
        _best(timings, "lxml.html.tostring", lambda: lxml.html.tostring(tree))
        _best(timings, "read", lambda: html.read(data))
        _best(timings, "lxml.html.fromstring", lambda: lxml.html.fromstring(data))
    best = {name: min(values) for name, values in timings.items()}
    for name, value in best.items():
        print(f"{name:>22}: {value * 1000:8.1f} ms CPU (best of {args.rounds})")
    read_ratio = best["read"] / best["lxml.html.fromstring"]
    write_ratio = best["write"] / best["lxml.html.tostring"]
    print(f"{'read / fromstring':>22}: {read_ratio:8.2f}  (target <= 2.0)")
    print(f"{'write / tostring':>22}: {write_ratio:8.2f}  (target <= 2.0)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
