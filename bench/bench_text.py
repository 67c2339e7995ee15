"""How threadkit's text format compares with its json format, on the same article, in one process.

Builds the synthetic 100,000-comment article of ``bench_json.py`` (seeded, so
every run measures the same thread: ids, dates, scores, states, some URLs,
authors with profile links, a little ``extra``), then times, interleaved
round by round so that a busy machine slows both sides alike, best of
several rounds:

* text read: :func:`threadkit.formats.text.read` of the dump's bytes,
  over :func:`threadkit.formats.json.read` of the JSON document's bytes;
* text write: :func:`threadkit.formats.text.write` of the article, over
  :func:`threadkit.formats.json.write` of the same article.

Targets: both ratios at most 1.0 (text no slower than JSON).

Then it reads and writes reply chains 1,250, 2,500 and 5,000 deep. Each
level indents every line below it, so the dump grows with the square of the
depth (about 50 MB at 5,000); the seconds per megabyte should stay flat,
which is what reading and writing in time linear in the dump's size means.

Run it with nothing else busy::

    .venv/bin/python bench/bench_text.py
    .venv/bin/python bench/bench_text.py --comments 20000 --rounds 3
"""

from __future__ import annotations

import argparse
import gc
import platform
import time
from collections.abc import Callable
from typing import Any

from threads import build

from threadkit import Article, Author, Comment
from threadkit.formats import json as tk_json
from threadkit.formats import text as tk_text


def compare(article: Article, rounds: int = 5) -> list[tuple[str, float, float]]:
    """Best times of text and JSON reading and writing *article*.

    Returns ``(what, text seconds, json seconds)`` rows for ``"read"`` and
    ``"write"``. Checks first that both formats give the article back.
    """
    dump = tk_text.write(article).encode("utf-8")
    document = tk_json.write(article).encode("utf-8")
    if tk_text.read(dump) != article:
        raise SystemExit("the text round trip lost something")
    if tk_json.read(document) != article:
        raise SystemExit("the json round trip lost something")
    tasks: dict[str, Callable[[], Any]] = {
        "text read": lambda: tk_text.read(dump),
        "json read": lambda: tk_json.read(document),
        "text write": lambda: tk_text.write(article),
        "json write": lambda: tk_json.write(article),
    }
    best = dict.fromkeys(tasks, float("inf"))
    for _ in range(rounds):
        for name, task in tasks.items():
            gc.collect()
            start = time.perf_counter()
            task()
            best[name] = min(best[name], time.perf_counter() - start)
    return [
        ("read", best["text read"], best["json read"]),
        ("write", best["text write"], best["json write"]),
    ]


def chain(depth: int) -> Article:
    """An article whose thread is one reply chain *depth* comments deep."""
    comment = Comment(text="The last word.", author=Author(name="Zoe"))
    for level in range(depth - 1, 0, -1):
        author = Author(name=f"reader{level % 7}") if level % 3 else None
        comment = Comment(text=f"Reply {level}, which goes on.", author=author, replies=(comment,))
    return Article(title="A long argument", comments=(comment,))


def depth_scaling(
    depths: tuple[int, ...] = (1250, 2500, 5000), rounds: int = 3
) -> list[tuple[int, float, float, float]]:
    """``(depth, megabytes, read seconds, write seconds)`` for reply chains *depths* deep."""
    rows = []
    for depth in depths:
        article = chain(depth)
        dump = tk_text.write(article).encode("utf-8")
        if tk_text.read(dump) != article:
            raise SystemExit(f"the {depth}-deep chain did not come back")
        read_time = write_time = float("inf")
        for _ in range(rounds):
            gc.collect()
            start = time.perf_counter()
            tk_text.read(dump)
            read_time = min(read_time, time.perf_counter() - start)
            start = time.perf_counter()
            tk_text.write(article)
            write_time = min(write_time, time.perf_counter() - start)
        rows.append((depth, len(dump) / 1e6, read_time, write_time))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--comments", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument(
        "--no-chains", dest="chains", action="store_false", help="skip the deep reply chains"
    )
    options = parser.parse_args(argv)

    article = build("realistic", options.comments)
    rows = compare(article, options.rounds)
    text_size = len(tk_text.write(article).encode("utf-8"))
    json_size = len(tk_json.write(article).encode("utf-8"))
    print(
        f"{article.comment_count:,} comments, depth {article.depth}, "
        f"text {text_size / 1e6:.1f} MB, json {json_size / 1e6:.1f} MB; "
        f"best of {options.rounds} interleaved rounds; Python {platform.python_version()}"
    )
    print(f"{'':6} {'text':>9} {'json':>9} {'ratio':>6}")
    for name, text_time, json_time in rows:
        print(f"{name:6} {text_time:8.3f}s {json_time:8.3f}s {text_time / json_time:6.2f}")
    if options.chains:
        print()
        print(f"{'chain':>6} {'MB':>6} {'read':>8} {'write':>8} {'read/MB':>9} {'write/MB':>9}")
        for depth, size, read_time, write_time in depth_scaling(rounds=options.rounds):
            print(
                f"{depth:6} {size:6.1f} {read_time:7.3f}s {write_time:7.3f}s "
                f"{read_time / size * 1000:7.1f}ms {write_time / size * 1000:7.1f}ms"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
