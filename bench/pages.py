"""Pages from elsewhere: what threadkit reads from real pages, and how fast, beside trafilatura.

For each page of ``../shared/corpus/html/`` and the Hacker News item page of
``../shared/corpus/hackernews/``, one row: the comments found against the
count the corpus manifest gives (user comments, pingbacks not counted; a
forum's opening post is the article), the depth found against the
manifest's, how many comments have an author, the body's hits on
trafilatura's evaluation snippets (``../shared/corpus/html-evaldata.json``:
snippets the main text must hold, and boilerplate it must not), and the
time threadkit takes to read the page beside the time of
``trafilatura.extract(page, include_comments=True, with_metadata=True)``
on the same bytes, best of the rounds, in CPU seconds. Then the totals and
the targets of the issue "Real web pages".

trafilatura is a benchmark-only dependency (``pip install --group bench``);
without it the timing column is left empty. Run from the repository's root::

    .venv/bin/python bench/pages.py
    .venv/bin/python bench/pages.py --rounds 5
"""

from __future__ import annotations

import argparse
import gc
import json
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

import threadkit
from threadkit.pages import PageReport

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"

# (comments, depth) for each page, read off ../shared/corpus/MANIFEST.md by
# hand: user comments only (pingbacks apart), depth 1 for top-level only.
EXPECTED: dict[str, tuple[int, int]] = {
    "californiaglobe.com.amazon.html": (12, 2),
    "cicero.de.pandemie.html": (8, 2),
    "cubadebate.cu-sesiona.html": (11, 3),
    "dietagespresse.com-halloween.html": (6, 2),
    "exxpress.at-zaehne.html": (25, 2),
    "golfpost.de-premiere.html": (33, 3),
    "gormulus.wordpress.com.durfen.html": (40, 3),
    "handelsblatt.com.grenzschliessungen.html": (3, 1),
    "hpd.de-Homosexuellenhass.html": (10, 4),
    "katzen-forum.net-Pepe.html": (17, 1),
    "lopinion.fr.glyphosate.html": (6, 1),
    "moritz-meyer.net.vreni.html": (20, 4),
    "netzpolitik.org.abmahnungen.html": (74, 5),
    "newspaper4k_latvian_article.html": (0, 0),
    "readability_002.html": (2, 2),
    "readability_aclu.html": (10, 2),
    "readability_citylab-1.html": (0, 0),
    "readability_pixnet.html": (39, 1),
    "readability_schema-org-context-object.html": (0, 0),
    "readability_wordpress.html": (13, 4),
    "spektrum.de.engelbart.html": (59, 2),
    "uebermedien.de-Israel.html": (17, 1),
    "verfassungsblog.de.expertinnen.html": (5, 3),
    "zdnet.de.facebook.html": (2, 1),
    "hn_item_9342369_page.html": (121, 8),
}
_SPACE = re.compile(r"\s+")


def _pages() -> list[Path]:
    found = sorted((CORPUS / "html").glob("*.html"))
    return [*found, CORPUS / "hackernews" / "hn_item_9342369_page.html"]


def _normal(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def _best(call: Callable[[], object], rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        gc.collect()
        start = time.process_time()
        call()
        best = min(best, time.process_time() - start)
    return best


def _trafilatura() -> Callable[[bytes], object] | None:
    try:
        import trafilatura
    except ImportError:
        return None

    def extract(data: bytes) -> object:
        return trafilatura.extract(data, include_comments=True, with_metadata=True)

    return extract


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--rounds", type=int, default=3, help="rounds per timing (best kept)")
    args = parser.parse_args(argv)
    if not CORPUS.is_dir():
        print(f"{CORPUS} is not there: the benchmark needs ../shared beside the checkout")
        return 1
    evaldata = json.loads((CORPUS / "html-evaldata.json").read_text(encoding="utf-8"))
    snippets = {entry["file"]: entry for entry in evaldata.values()}
    extract = _trafilatura()
    header = (
        f"{'page':42} {'comments':>9} {'depth':>6} {'authors':>8} {'with':>6} {'without':>8}"
        f" {'ms':>6} {'traf. ms':>9}"
    )
    print(header)
    print("-" * len(header))
    totals = {
        "exact": 0,
        "found": 0,
        "expected": 0,
        "depth": 0,
        "authored": 0,
        "with": 0,
        "with_all": 0,
        "without": 0,
        "without_all": 0,
        "ours": 0.0,
        "theirs": 0.0,
    }
    for path in _pages():
        data = path.read_bytes()
        want_count, want_depth = EXPECTED[path.name]
        reports: list[PageReport] = []
        try:
            article = threadkit.loads(data, format="html", report=reports.append)
        except threadkit.ThreadkitError as error:
            print(f"{path.name[:42]:42} error: {error}")
            totals["expected"] += want_count
            continue
        count = article.comment_count
        authored = sum(
            1 for visit in article.visits() if visit.comment.author and visit.comment.author.name
        )
        totals["exact"] += count == want_count
        totals["found"] += min(count, want_count)
        totals["expected"] += want_count
        totals["depth"] += article.depth == want_depth
        totals["authored"] += min(authored, want_count)
        with_text = without_text = "-"
        entry = snippets.get(path.name)
        if entry is not None:
            body = _normal(article.body)
            hits = sum(_normal(s) in body for s in entry["with"])
            leaks = sum(_normal(s) in body for s in entry["without"])
            totals["with"] += hits
            totals["with_all"] += len(entry["with"])
            totals["without"] += leaks
            totals["without_all"] += len(entry["without"])
            with_text = f"{hits}/{len(entry['with'])}"
            without_text = f"{leaks}/{len(entry['without'])}"
        ours = _best(lambda data=data: threadkit.loads(data, format="html"), args.rounds)  # type: ignore[misc]
        totals["ours"] += ours
        theirs_text = "-"
        if extract is not None:
            theirs = _best(lambda data=data: extract(data), args.rounds)  # type: ignore[misc]
            totals["theirs"] += theirs
            theirs_text = f"{theirs * 1000:.0f}"
        print(
            f"{path.name[:42]:42} {count:>4}/{want_count:<4} {article.depth:>2}/{want_depth:<3}"
            f" {authored:>8} {with_text:>6} {without_text:>8} {ours * 1000:>6.0f} {theirs_text:>9}"
        )
    pages = len(EXPECTED)
    print()
    print(f"comment count exact: {totals['exact']} of {pages} pages (target: 23)")
    found = totals["found"] / max(totals["expected"], 1)
    print(f"comments found: {totals['found']} of {totals['expected']}, {found:.1%} (target: 97%)")
    print(f"depth right: {totals['depth']} of {pages} pages (target: 22)")
    authored = totals["authored"] / max(totals["found"], 1)
    print(f"comments with their author: {authored:.1%} (target: 90%)")
    if totals["with_all"]:
        hit = totals["with"] / totals["with_all"]
        leak = totals["without"] / totals["without_all"]
        print(
            f"body snippets: {totals['with']} of {totals['with_all']} found"
            f" ({hit:.1%}, target 94%),"
            f" {totals['without']} of {totals['without_all']} leaked ({leak:.1%}, target 6%)"
        )
    if extract is not None:
        ratio = totals["ours"] / totals["theirs"]
        print(
            f"time: threadkit {totals['ours']:.3f} s, trafilatura {totals['theirs']:.3f} s,"
            f" ratio {ratio:.2f} (target: 0.5)"
        )
    else:
        print("time: trafilatura is not installed (pip install --group bench)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
