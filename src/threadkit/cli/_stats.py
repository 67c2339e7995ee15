"""``threadkit stats``: the numbers of :func:`threadkit.tree.stats`, as a table or JSON.

Nothing is counted here: a program that calls :func:`~threadkit.tree.stats`
gets the numbers this command prints, for each article and, over all of
them, for the totals row.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from threadkit import tree
from threadkit.cli._common import (
    EXIT_FAILURE,
    EXIT_OK,
    Failure,
    Style,
    complain,
    counted,
    gather_inputs,
    reading,
    stdout,
    wants_color,
    write_human,
)
from threadkit.cli._show import author_name, first_line
from threadkit.model import Article, Comment

__all__ = ["run"]


def _numbers(numbers: tree.ThreadStats) -> dict[str, Any]:
    """The members of *numbers* as JSON, under the names :class:`~threadkit.tree.ThreadStats`
    gives them."""
    return {
        "comments": numbers.comments,
        "top_level_comments": numbers.top_level_comments,
        "depth": numbers.depth,
        "participants": numbers.participants,
        "deleted": numbers.deleted,
        "first_published": _when(numbers.first_published),
        "last_published": _when(numbers.last_published),
        "replies_per_comment": numbers.replies_per_comment,
        "most_replied": _most_replied(numbers.most_replied),
    }


def _when(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat()


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


def _dates(first: str | None, last: str | None) -> str:
    """The dates a thread spans, as ``2024-09-14 – 2024-09-16``, each in its own offset."""
    if first is None or last is None:
        return "-"
    start, end = first[:10], last[:10]
    return start if start == end else f"{start} – {end}"


_COLUMNS = ("comments", "depth", "authors", "deleted", "dates")


def _row(label: str, entry: dict[str, Any]) -> list[str]:
    return [
        label,
        str(entry["comments"]),
        str(entry["depth"]),
        str(entry["participants"]),
        str(entry["deleted"]),
        _dates(entry["first_published"], entry["last_published"]),
    ]


def _table(entries: Sequence[dict[str, Any]], totals: dict[str, Any], style: Style) -> str:
    """One row per article, then the totals; numbers aligned right, aligned with spaces.

    A row is headed by its file's name, followed by ``#N`` when the file
    holds several articles.
    """
    several = {entry["file"] for entry in entries if entry["article"] > 1}
    rows = [
        _row(
            f"{entry['file']} #{entry['article']}"
            if entry["file"] in several
            else str(entry["file"]),
            entry,
        )
        for entry in entries
    ]
    articles = counted(len(entries), "article", "articles")
    total = _row(f"total ({articles})", totals)
    header = ["file", *_COLUMNS]
    table = [header, *rows, total]
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]

    def line(cells: Sequence[str]) -> str:
        padded = [
            cell.ljust(widths[i]) if i in (0, len(cells) - 1) else cell.rjust(widths[i])
            for i, cell in enumerate(cells)
        ]
        return "  ".join(padded).rstrip()

    rule = style.paint("  ".join("─" * width for width in widths), Style.DIM)
    out = [style.paint(line(header), Style.BOLD)]
    if style.enabled:
        out.append(rule)
    out.extend(line(row) for row in rows)
    if style.enabled:
        out.append(rule)
    out.append(style.paint(line(total), Style.BOLD))
    return "\n".join(out) + "\n"


def run(args: argparse.Namespace) -> int:
    """``threadkit stats``."""
    inputs, _ = gather_inputs(args.inputs, args.files_from)
    entries: list[dict[str, Any]] = []
    read: list[Article] = []
    failed = 0
    for source in inputs:
        found: list[dict[str, Any]] = []
        articles: list[Article] = []
        try:
            with reading(source, args.source_format) as opened:
                for number, article in enumerate(opened.articles, 1):
                    articles.append(article)
                    found.append(
                        {
                            "file": opened.name,
                            "article": number,
                            "format": opened.format.name,
                            "title": article.title,
                            **_numbers(tree.stats(article)),
                        }
                    )
        except Failure as failure:
            complain(str(failure))
            failed += 1
            continue
        entries += found
        read += articles
    totals = {"articles": len(entries), **_numbers(tree.stats(read))}
    if args.json:
        document = {"articles": entries, "totals": totals}
        write_human(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    elif entries:
        style = Style(wants_color(None, stdout()))
        write_human(_table(entries, totals, style))
    return EXIT_FAILURE if failed else EXIT_OK
