"""How well threadkit finds the article body of real pages: trafilatura's snippets.

Run by hand from the repository's root::

    .venv/bin/python bench/body_eval.py [--show NAME] [--trafilatura]

``../shared/corpus/html-evaldata.json`` holds, for 17 pages of
``../shared/corpus/html``, snippets that a correct extraction of the main
text contains (``with``) and boilerplate snippets it must not contain
(``without``), from trafilatura's own evaluation. This prints, per page,
how many of each are in ``article.body`` (white space collapsed on both
sides), and the totals; the targets are at least 94% of the ``with``
snippets found and at most 6% of the ``without`` snippets leaked.
``--trafilatura`` scores ``trafilatura.extract`` the same way, when it is
installed; ``--show NAME`` prints the body of the pages whose file name
contains NAME.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
EVALDATA = SHARED / "corpus" / "html-evaldata.json"
PAGES = SHARED / "corpus" / "html"

_SPACE = re.compile(r"\s+")
# The address threadkit keeps after a link's text: "the report <https://x.org/r>".
_LINK = re.compile(r" <(?:https?|mailto):[^<>\s]*>")


def normal(text: str) -> str:
    """*text* with every run of white space made one space, ends stripped."""
    return _SPACE.sub(" ", text).strip()


def cases() -> list[tuple[str, list[str], list[str]]]:
    """(file, with, without) for each page of the evaluation data, by file name."""
    data = json.loads(EVALDATA.read_text(encoding="utf-8"))
    found = [(entry["file"], entry["with"], entry["without"]) for entry in data.values()]
    return sorted(found)


def hits(body: str, snippets: list[str], *, links: bool = True) -> list[bool]:
    """Whether each snippet is in *body*, white space collapsed on both sides.

    Without *links*, the link addresses threadkit keeps after a link's text
    are taken out of *body* first: the text as a reader sees it, as the
    snippets were written (a snippet across a link cannot match otherwise).
    """
    text = normal(body if links else _LINK.sub("", body))
    return [normal(snippet) in text for snippet in snippets]


def threadkit_body(path: Path) -> str:
    """The body threadkit reads from the page at *path*."""
    from threadkit.formats import html

    return html.read(path.read_bytes()).body


def trafilatura_body(path: Path) -> str:  # pragma: no cover - optional comparison
    """What ``trafilatura.extract`` takes for the main text of the page at *path*."""
    import trafilatura

    return trafilatura.extract(path.read_bytes()) or ""


def score(
    extract: Callable[[Path], str], show: str | None = None, *, links: bool = True
) -> tuple[list[tuple[str, int, int, int, int]], tuple[int, int, int, int]]:
    """Per page (file, with found, with total, without leaked, without total), and the sums."""
    rows = []
    for name, wanted, unwanted in cases():
        body = extract(PAGES / name)
        if show is not None and show in name:
            print(f"--- {name}\n{body}\n---")
        found = sum(hits(body, wanted, links=links))
        leaked = sum(hits(body, unwanted, links=links))
        rows.append((name, found, len(wanted), leaked, len(unwanted)))
    totals = (
        sum(row[1] for row in rows),
        sum(row[2] for row in rows),
        sum(row[3] for row in rows),
        sum(row[4] for row in rows),
    )
    return rows, totals


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", help="print the bodies of pages whose name contains this")
    parser.add_argument("--trafilatura", action="store_true", help="score trafilatura too")
    parser.add_argument(
        "--reader", action="store_true", help="take link addresses out of the body first"
    )
    options = parser.parse_args(argv)
    if not EVALDATA.is_file():
        print(f"{EVALDATA} is absent: nothing to evaluate", file=sys.stderr)
        return 1
    extractors: list[tuple[str, Callable[[Path], str]]] = [("threadkit", threadkit_body)]
    if options.trafilatura:
        extractors.append(("trafilatura", trafilatura_body))
    for label, extract in extractors:
        rows, (found, wanted, leaked, unwanted) = score(
            extract, options.show, links=not options.reader
        )
        print(f"\n{label}\n| page | with found | without leaked |\n| --- | --- | --- |")
        for name, hit, total, leak, bad in rows:
            mark = "" if hit == total and not leak else "  <--"
            print(f"| {name} | {hit}/{total} | {leak}/{bad} |{mark}")
        print(
            f"| total | {found}/{wanted} ({100 * found / wanted:.0f}%) "
            f"| {leaked}/{unwanted} ({100 * leaked / unwanted:.0f}%) |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
