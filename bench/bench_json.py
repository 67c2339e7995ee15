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
import random
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from threadkit import Article, Author, Comment, CommentState
from threadkit.formats import json as tk_json
from threadkit.formats import jsonl as tk_jsonl

VOCABULARY = (
    "the a of to and in that is for it on was with as be this have not are but at by "
    "they from or an one will all would there their what so up out if about who get "
    "which go me when make can like time no just him know take people into year your "
    "good some could them see other than then now look only come its over think also "
    "back after use two how our work first well way even new want because any these "
    "give day most us rate bank inflation policy minister report council vote housing "
    "school budget tax energy climate election court police hospital transport water "
    "café naïve déjà façade jalapeño Zürich São Kraków 東京 € “quoted” — …"
)
WORDS = tuple(VOCABULARY.split())
ZONES = tuple(timezone(timedelta(minutes=m)) for m in (0, 60, 120, -300, -240, 330, 540, -420))
MAX_DEPTH = 30


def _text(rng: random.Random) -> str:
    # Lengths spread like real comments: many short ones, a long tail.
    words = max(1, int(rng.lognormvariate(3.3, 0.9)))
    paragraphs = []
    while words > 0:
        size = min(words, rng.randint(15, 80))
        words -= size
        sentence = " ".join(rng.choice(WORDS) for _ in range(size))
        paragraphs.append(sentence[0].upper() + sentence[1:] + ".")
    return "\n\n".join(paragraphs)


def build_article(count: int, seed: int = 20240501) -> Article:
    """A synthetic article whose thread has *count* comments."""
    rng = random.Random(seed)
    people = []
    for number in range(max(1, count // 12)):
        name = f"{rng.choice(WORDS).capitalize()}{rng.choice(WORDS).capitalize()}{number}"
        people.append(
            Author(
                name=name,
                url=f"https://news.example/users/{name.lower()}" if rng.random() < 0.3 else None,
                id=f"u{number}" if rng.random() < 0.8 else None,
                bio=_text(rng) if rng.random() < 0.05 else "",
            )
        )
    # Shape: each comment starts a thread, continues the latest comment's
    # conversation, or replies to a comment picked in proportion to the
    # replies it already has (which gives power-law reply counts).
    parents: list[int] = []
    depths: list[int] = []
    popular: list[int] = []  # a comment once, plus once per reply it has
    for index in range(count):
        roll = rng.random()
        parent = -1
        if index and roll < 0.35 and depths[index - 1] < MAX_DEPTH:
            parent = index - 1
        elif index and roll < 0.9:
            parent = rng.choice(popular)
            if depths[parent] >= MAX_DEPTH:
                parent = -1
        parents.append(parent)
        depths.append(1 if parent < 0 else depths[parent] + 1)
        popular.append(index)
        if parent >= 0:
            popular.append(parent)
    start = datetime(2024, 5, 1, 6, 0, tzinfo=UTC)
    fields = []
    for index in range(count):
        when = start + timedelta(seconds=index * 7 + rng.randint(0, 6))
        published = when.astimezone(rng.choice(ZONES))
        roll = rng.random()
        state = CommentState.VISIBLE
        if roll < 0.03:
            state = CommentState.DELETED
        elif roll < 0.05:
            state = CommentState.REMOVED
        fields.append(
            {
                "text": "" if state is not CommentState.VISIBLE else _text(rng),
                "author": None if rng.random() < 0.08 else rng.choice(people),
                "id": f"c{1_000_000 + index}",
                "published": published,
                "edited": published + timedelta(minutes=rng.randint(1, 90))
                if rng.random() < 0.1
                else None,
                "score": int(rng.paretovariate(1.2)) - 1 - (rng.random() < 0.1) * 5,
                "state": state,
                "url": f"https://news.example/c/{1_000_000 + index}"
                if rng.random() < 0.5
                else None,
                "extra": {"flair": rng.choice(WORDS), "awards": rng.randint(1, 9)}
                if rng.random() < 0.05
                else None,
            }
        )
    # Build from the leaves up: a reply always comes after its parent.
    replies: list[list[Comment]] = [[] for _ in range(count)]
    roots: list[Comment] = []
    for index in range(count - 1, -1, -1):
        comment = Comment(replies=tuple(reversed(replies[index])), **fields[index])
        (roots if parents[index] < 0 else replies[parents[index]]).append(comment)
    return Article(
        title="Central bank holds rates as inflation cools",
        subtitle="Markets had expected the pause",
        body="\n\n".join(_text(rng) for _ in range(12)),
        authors=(Author(name="Dana Reporter", url="https://news.example/staff/dana"),),
        published=start,
        url="https://news.example/economy/rates-held",
        site="The Example News",
        tags=("economy", "rates", "inflation"),
        comments=tuple(reversed(roots)),
    )


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

    article = build_article(options.comments)
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
