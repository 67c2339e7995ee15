"""How ``threadkit convert --jobs N`` scales from one worker process to more.

Writes 2,000 small articles (seeded: a thread of 10 to 60 comments each,
up to 6 levels deep, in the plain-text format) into a temporary folder,
then times the whole command, as a user runs it::

    python -m threadkit convert IN --to json -o OUT --force --jobs N

for each N, the runs taken in turn round after round so that a change in
the machine's load hits them alike, and prints the best and the median wall
time of each N with its speed-up over ``--jobs 1``. Every output is checked
against its input after the last round.

The figure to read is the speed-up; on a machine with two cores the
ceiling is 2, less the start of the worker processes and whatever else the
machine is doing. Run it with nothing else busy::

    .venv/bin/python bench/bench_jobs.py
    .venv/bin/python bench/bench_jobs.py --files 500 --jobs 1 2 4 --rounds 3
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import threadkit
from threadkit import Article, Author, Comment

VOCABULARY = (
    "the council vote road school budget housing a of to and in that is for it on was "
    "with as be this have not are but at by they from or one will all would there "
    "café naïve Zürich “quoted” — …"
)
WORDS = tuple(VOCABULARY.split())


def _text(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(5, 60))).capitalize() + "."


def make_article(rng: random.Random, number: int) -> Article:
    """A small article whose thread is built bottom-up, so no recursion is needed."""
    count = rng.randint(10, 60)
    # Decide each comment's depth first, then build the deepest ones first.
    depths = [1]
    for _ in range(count - 1):
        depths.append(rng.randint(1, min(6, depths[-1] + 1)))
    pending: dict[int, list[Comment]] = {}
    for depth in reversed(depths):
        replies = tuple(reversed(pending.pop(depth + 1, [])))
        comment = Comment(
            text=_text(rng),
            author=Author(name=f"reader{rng.randint(1, 300)}"),
            score=rng.randint(-5, 40),
            replies=replies,
        )
        pending.setdefault(depth, []).append(comment)
    return Article(
        title=f"Story {number}: {_text(rng)[:60]}",
        body="\n\n".join(_text(rng) for _ in range(3)),
        authors=(Author(name="Desk"),),
        comments=tuple(reversed(pending[1])),
    )


def time_command(arguments: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "threadkit", *arguments],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=2000, help="how many input files (2000)")
    parser.add_argument(
        "--jobs", type=int, nargs="+", default=[1, 2], help="the --jobs values to time (1 2)"
    )
    parser.add_argument("--rounds", type=int, default=5, help="rounds of each (5)")
    parser.add_argument("--seed", type=int, default=6)
    args = parser.parse_args()

    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory(prefix="bench-jobs-") as temporary:
        inputs = Path(temporary) / "in"
        outputs = Path(temporary) / "out"
        inputs.mkdir()
        outputs.mkdir()
        articles = {}
        for number in range(1, args.files + 1):
            article = make_article(rng, number)
            name = f"story-{number:05}"
            threadkit.dump(article, inputs / f"{name}.txt", format="text")
            articles[name] = article
        size = sum(path.stat().st_size for path in inputs.iterdir())
        comments = sum(article.comment_count for article in articles.values())
        print(f"python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} cpus")
        print(
            f"{args.files} files, {comments} comments, {size / 1e6:.1f} MB of text, "
            f"converted to json, {args.rounds} rounds"
        )
        times: dict[int, list[float]] = {jobs: [] for jobs in args.jobs}
        for _ in range(args.rounds):
            for jobs in args.jobs:
                command = ["convert", str(inputs), "--to", "json", "-o", str(outputs)]
                times[jobs].append(time_command([*command, "--force", "--jobs", str(jobs)]))
        base = min(times[args.jobs[0]])
        print(f"{'jobs':>4}  {'best s':>7}  {'median s':>8}  {'files/s':>7}  speed-up")
        for jobs, runs in times.items():
            best = min(runs)
            print(
                f"{jobs:>4}  {best:7.2f}  {statistics.median(runs):8.2f}  "
                f"{args.files / best:7.0f}  {base / best:8.2f}"
            )
        for name, article in articles.items():
            if threadkit.load(outputs / f"{name}.json") != article:
                raise SystemExit(f"{name}.json does not hold its input's article")
        print("checked: every output holds its input's article")


if __name__ == "__main__":
    main()
