"""How threadkit's json and jsonl formats compare with the json module, in one process.

Builds a synthetic article with a thread of 100,000 comments (seeded, so
every run measures the same thread), writes it in both formats, then times,
best of several rounds, the two sides taken in turn:

* json read: threadkit's reader on the document's bytes, over json.loads of
  the same bytes;
* json write: threadkit's writer from the Article, over json.dumps (with
  the same indent=2, ensure_ascii=False) of the dicts json.loads gives for
  the document, which are exactly what the writer writes;
* jsonl read and write: the same, line by line, with compact separators.

The ratios are what matters (targets: json read at most 1.5, json write at
most 1.0). Run it with nothing else busy::

    .venv/bin/python bench/bench_json.py
    .venv/bin/python bench/bench_json.py --comments 20000 --rounds 3
"""

from __future__ import annotations

import argparse
import gc
import json
import platform
import time
from collections.abc import Callable
from typing import Any

from threads import build

from threadkit.formats import json as tk_json
from threadkit.formats import jsonl as tk_jsonl


def race(ours: Callable[[], Any], theirs: Callable[[], Any], rounds: int) -> tuple[float, float]:
    """The best of *rounds* timings of each, in seconds, taken in turn.

    Alternating the two, round by round, makes a busy machine slow both alike.
    """
    mine, baseline = [], []
    for _ in range(rounds):
        for function, times in ((ours, mine), (theirs, baseline)):
            gc.collect()
            start = time.perf_counter()
            function()
            times.append(time.perf_counter() - start)
    return min(mine), min(baseline)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--comments", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=5)
    options = parser.parse_args(argv)

    article = build("realistic", options.comments)
    document = tk_json.write(article)
    data = document.encode("utf-8")
    plain = json.loads(data)
    if json.dumps(plain, indent=2, ensure_ascii=False) + "\n" != document:
        raise SystemExit("the writer's output differs from json.dumps of its own dicts")
    if tk_json.read(data) != article:
        raise SystemExit("the json round trip lost something")
    lines_text = tk_jsonl.write(article)
    lines_data = lines_text.encode("utf-8")
    records = [json.loads(line) for line in lines_text[:-1].split("\n")]

    def dump_lines() -> str:
        return "".join(
            json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"
            for record in records
        )

    if dump_lines() != lines_text:
        raise SystemExit("the jsonl writer's output differs from json.dumps of its records")

    runs = options.rounds
    cases = [
        ("json read", lambda: tk_json.read(data), lambda: json.loads(data), "json.loads"),
        (
            "json write",
            lambda: tk_json.write(article),
            lambda: json.dumps(plain, indent=2, ensure_ascii=False),
            "json.dumps, indent=2",
        ),
        (
            "json write",
            lambda: tk_json.write(article),
            lambda: json.dumps(plain, ensure_ascii=False),
            "json.dumps, compact",
        ),
        (
            "jsonl read",
            lambda: tk_jsonl.read(lines_data),
            lambda: [json.loads(line) for line in lines_data[:-1].split(b"\n")],
            "json.loads per line",
        ),
        ("jsonl write", lambda: tk_jsonl.write(article), dump_lines, "json.dumps per line"),
    ]
    rows = [(name, *race(ours, theirs, runs), baseline) for name, ours, theirs, baseline in cases]

    depth = article.depth
    print(
        f"{article.comment_count:,} comments, depth {depth}, "
        f"json {len(data) / 1e6:.1f} MB, jsonl {len(lines_data) / 1e6:.1f} MB; "
        f"best of {runs}; Python {platform.python_version()}"
    )
    print(f"{'':12} {'threadkit':>10} {'baseline':>10} {'ratio':>6}  baseline")
    for name, ours, theirs, baseline in rows:
        print(f"{name:12} {ours:9.3f}s {theirs:9.3f}s {ours / theirs:6.2f}  {baseline}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
