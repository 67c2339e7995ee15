"""A format of one's own: comments as CSV rows that name their parent, as a plug-in.

Forums, comment plug-ins and scrapers often export a thread as a table, one
row per comment, each naming the comment it answers in a ``parent_id``
column (empty at the top level)::

    id,parent_id,author,published,score,body
    c1,,Ann,2024-05-01T09:30:00+02:00,4,<p>First!</p>
    c2,c1,Bo,2024-05-01 10:00,,<p>Me too &amp; <b>more</b></p>

This module reads such a file as a threadkit format: ``body`` is HTML,
``published`` ISO 8601 (UTC when it has no offset), ``score`` an integer, and
any other column goes to the comment's ``extra``. Registered, it works with
``threadkit.load``, ``threadkit.convert``, guessing by the ``.csv`` suffix or
by the header, and on the command line::

    threadkit.formats.register(csv_format.FORMAT)  # or by an entry point

See "Adding a format" in the documentation. Run it from the repository's
root to read the sample above::

    $ python examples/csv_format.py
    Comments (2 comments)
    - Ann, 2024-05-01 09:30 (score 4): First!
      - Bo, 2024-05-01 10:00: Me too & more
"""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

import threadkit
from threadkit import Article, Author, Comment, Format, ParseError, ValidationError
from threadkit.formats.helpers import (
    MAX_BYTES,
    MAX_COMMENTS,
    MAX_DEPTH,
    Errors,
    Source,
    check_thread,
    clean_line,
    html_to_text,
    read_input,
    too_many,
)
from threadkit.tree import DuplicatePolicy, OrphanPolicy, rebuild

NAME = "csv"
COLUMNS = ("id", "parent_id", "author", "published", "score", "body")

FORMAT = Format(
    NAME,
    "csv_format",  # the module: this file, importable as csv_format
    (".csv",),
    "comments as CSV rows naming their parent (a plug-in)",
    writable=False,
)
"""The row for threadkit's registry: register it, or name it in an entry point."""


def read(
    data: Source,
    *,
    title: str = "Comments",
    orphans: OrphanPolicy = "keep",
    duplicates: DuplicatePolicy = "last",
    max_bytes: int | None = MAX_BYTES,
    max_depth: int | None = MAX_DEPTH,
    max_comments: int | None = MAX_COMMENTS,
    encoding: str | None = None,
    errors: Errors = "strict",
) -> Article:
    """The article of a CSV export, titled *title*, its thread rebuilt from ``parent_id``.

    A re-scrape appended to the file wins (``duplicates="last"``), and a reply
    whose parent is not in the file is kept at the top level
    (``orphans="keep"``): both are :func:`threadkit.tree.rebuild`'s policies.
    """
    text = read_input(
        data,
        format=NAME,
        max_bytes=max_bytes,
        max_depth=max_depth,
        max_comments=max_comments,
        encoding=encoding,
        errors=errors,
    )
    rows = csv.DictReader(io.StringIO(text, newline=""))
    try:
        header = rows.fieldnames
        if not header or "id" not in header:
            raise ParseError("the first line is no header with an id column", format=NAME, line=1)
        items = []
        for row in rows:
            line = rows.line_num
            if max_comments is not None and len(items) == max_comments:
                raise too_many(NAME, max_comments, line=line)
            key = row.get("id") or ""
            try:
                comment = _comment(row)
            except (ValueError, ValidationError) as error:
                raise ParseError(f"comment {key!r}: {error}", format=NAME, line=line) from None
            items.append((key, row.get("parent_id") or None, comment))
    except csv.Error as error:
        raise ParseError(str(error), format=NAME, line=rows.line_num) from None
    comments = rebuild(items, orphans=orphans, duplicates=duplicates).comments
    check_thread(comments, format=NAME, max_depth=max_depth, max_comments=max_comments)
    return Article(title=title, comments=comments)


def _comment(row: dict[str, str | None]) -> Comment:
    published = row.get("published") or None
    when = None
    if published is not None:
        when = datetime.fromisoformat(published)
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
    score = row.get("score") or None
    extra = {name: value for name, value in row.items() if name not in COLUMNS and value}
    name = clean_line(row.get("author"))
    return Comment(
        text=html_to_text(row.get("body") or ""),
        author=Author(name=name) if name else None,
        id=clean_line(row.get("id")),
        published=when,
        score=None if score is None else int(score),
        extra=extra,
    )


def sniff(head: str) -> bool:
    """Whether *head* starts with a header naming ``id`` and ``parent_id``."""
    first = head.split("\n", 1)[0].strip().lower().split(",")
    return "id" in first and "parent_id" in first


SAMPLE = """\
id,parent_id,author,published,score,body
c1,,Ann,2024-05-01T09:30:00+02:00,4,<p>First!</p>
c2,c1,Bo,2024-05-01 10:00,,<p>Me too &amp; <b>more</b></p>
"""


def main() -> None:
    threadkit.formats.register(FORMAT)
    article = threadkit.loads(SAMPLE)  # the header says: csv
    print(f"{article.title} ({article.comment_count} comments)")
    for visit in article.visits():
        comment = visit.comment
        author = comment.author.name if comment.author and comment.author.name else "?"
        when = f", {comment.published:%Y-%m-%d %H:%M}" if comment.published else ""
        score = f" (score {comment.score})" if comment.score is not None else ""
        print(f"{'  ' * (visit.depth - 1)}- {author}{when}{score}: {comment.text}")


if __name__ == "__main__":
    main()
