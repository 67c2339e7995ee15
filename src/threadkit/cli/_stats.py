"""``threadkit stats``: the numbers of :func:`threadkit.tree.stats`, as a table or JSON.

Nothing is counted here: a program that calls :func:`~threadkit.tree.stats`
gets the numbers this command prints.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Sequence
from typing import Any

import attrs

from threadkit import tree
from threadkit.cli._common import (
    EXIT_FAILURE,
    EXIT_OK,
    Failure,
    Style,
    complain,
    counted,
    reading,
    stdout,
    wants_color,
    write_human,
)
from threadkit.cli._show import author_name, first_line
from threadkit.formats import Format
from threadkit.model import Article, Comment

__all__ = ["run"]


def _entry(file: str, number: int, fmt: Format, article: Article) -> dict[str, Any]:
    """What ``stats --json`` prints for article *number* of *file*.

    The numbers keep the names :class:`~threadkit.tree.ThreadStats` gives
    them; the most replied comment is told by its author, id, replies and
    the start of its text.
    """
    numbers = tree.stats(article)
    return {
        "file": file,
        "article": number,
        "format": fmt.name,
        "title": article.title,
        **attrs.asdict(numbers, recurse=False),
        "most_replied": _most_replied(numbers.most_replied),
    }


def _most_replied(best: Comment | None) -> dict[str, Any] | None:
    if best is None:
        return None
    excerpt, _ = first_line(best.text)
    return {
        "author": author_name(best),
        "id": best.id,
        "replies": len(best.replies),
        "excerpt": excerpt[:60],
    }


_STAT_ROWS: tuple[tuple[str, Callable[[dict[str, Any]], str]], ...] = (
    ("format", lambda s: str(s["format"])),
    ("comments", lambda s: str(s["comments"])),
    ("top-level comments", lambda s: str(s["top_level_comments"])),
    ("depth", lambda s: str(s["depth"])),
    ("participants", lambda s: str(s["participants"])),
    ("replies per comment", lambda s: f"{s['replies_per_comment']:.2f}"),
    ("most replied", lambda s: _describe_most_replied(s["most_replied"])),
)


def _describe_most_replied(best: dict[str, Any] | None) -> str:
    if best is None:
        return "-"
    who = best["author"] or "(anonymous)"
    return f"{who} ({counted(best['replies'], 'reply', 'replies')})"


def _stats_table(results: Sequence[dict[str, Any]], style: Style) -> str:
    """Metrics as rows, one column per article, aligned with spaces.

    A column is headed by its file's name, followed by ``#N`` when the file
    holds several articles.
    """
    several = {result["file"] for result in results if result["article"] > 1}
    header = [
        "",
        *(
            f"{result['file']} #{result['article']}"
            if result["file"] in several
            else str(result["file"])
            for result in results
        ),
    ]
    rows = [[label, *(cell(result) for result in results)] for label, cell in _STAT_ROWS]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(cells)).rstrip()

    out = [style.paint(line(header), Style.BOLD)]
    if style.enabled:
        out.append(style.paint("  ".join("─" * width for width in widths), Style.DIM))
    out.extend(line(row) for row in rows)
    return "\n".join(out) + "\n"


def run(args: argparse.Namespace) -> int:
    """``threadkit stats``."""
    results: list[dict[str, Any]] = []
    failed = 0
    for source in args.files:
        found: list[dict[str, Any]] = []
        try:
            with reading(source, args.source_format) as opened:
                for number, article in enumerate(opened.articles, 1):
                    found.append(_entry(opened.name, number, opened.format, article))
        except Failure as failure:
            complain(str(failure))
            failed += 1
            continue
        results += found
    if args.json:
        write_human(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    elif results:
        style = Style(wants_color(None, stdout()))
        write_human(_stats_table(results, style))
    return EXIT_FAILURE if failed else EXIT_OK
