"""Who said how much in a thread: one row per participant, as an aligned table.

For each name that signed a comment (and ``(anonymous)`` for comments
without one): how many comments they wrote, how many words, how many direct
replies those comments received, and the deepest level they wrote at. The
walk uses ``Article.visits()``, which gives each comment's depth without
recursion, so a thread of any depth works.

Run it from the repository's root::

    $ python examples/thread_stats.py examples/sample.txt
    Harlow Council Approves Protected Bike Lane on Mill Street in 5–4 Vote
    12 comments, 5 top-level, 3 levels deep

    participant      comments  words  replies received  deepest
    ---------------  --------  -----  ----------------  -------
    Marguerite Osei         2    103                 1        3
    Pete Lindqvist          2    105                 2        3
    (anonymous)             1     22                 0        1
    bikedad42               1     37                 1        1
    Dana Whitcombe          1     37                 0        2
    hwilkins                1     17                 0        2
    Jonah P.                1     12                 0        2
    Rosa Delgado            1     37                 1        2
    Sam Ferreira            1     25                 1        1
    TomFromTheHill          1     32                 1        2
"""

from __future__ import annotations

import sys
from dataclasses import dataclass

import threadkit


@dataclass
class Participant:
    name: str
    comments: int = 0
    words: int = 0
    replies_received: int = 0
    deepest: int = 0


def participants(article: threadkit.Article) -> list[Participant]:
    """One :class:`Participant` per name, most comments first, then by name."""
    table: dict[str, Participant] = {}
    for visit in article.visits():
        comment = visit.comment
        name = comment.author.name if comment.author and comment.author.name else "(anonymous)"
        row = table.setdefault(name, Participant(name))
        row.comments += 1
        row.words += len(comment.text.split())
        row.replies_received += len(comment.replies)
        row.deepest = max(row.deepest, visit.depth)
    return sorted(table.values(), key=lambda row: (-row.comments, row.name.casefold()))


def render(rows: list[Participant]) -> str:
    """The rows as a table: names left-aligned, numbers right-aligned."""
    header = ("participant", "comments", "words", "replies received", "deepest")
    cells = [header] + [
        (row.name, str(row.comments), str(row.words), str(row.replies_received), str(row.deepest))
        for row in rows
    ]
    widths = [max(len(line[i]) for line in cells) for i in range(len(header))]
    lines = []
    for line in cells:
        first = line[0].ljust(widths[0])
        rest = [cell.rjust(width) for cell, width in zip(line[1:], widths[1:], strict=True)]
        lines.append("  ".join([first, *rest]))
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)


def main() -> None:
    path = sys.argv[1] if len(sys.argv) > 1 else "examples/sample.txt"
    article = threadkit.load(path)
    rows = participants(article)
    print(article.title)
    print(
        f"{article.comment_count} comments, {len(article.comments)} top-level, "
        f"{article.depth} levels deep"
    )
    print()
    print(render(rows))


if __name__ == "__main__":
    main()
