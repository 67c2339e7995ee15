"""An article from an importer's comments: the thread rebuilt, the limits kept, the report sent.

An importer turns a platform's export into article fields and flat
``(key, parent_key, comment)`` triples; :func:`build` rebuilds the thread
with :func:`threadkit.tree.rebuild` under the caller's policies, checks its
depth and makes the :class:`~threadkit.Article`, and :meth:`Pending.finish`
hands an :class:`~threadkit.ImportReport` to the caller's ``report`` callback.

A comment whose parent key names no comment of the source (an orphan) keeps
that key in ``extra["parent_id"]`` (:data:`threadkit.tree.PARENT_ID`), so that
:func:`threadkit.tree.graft` can put it back once its parent is loaded.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Iterator, Mapping, Sequence
from typing import Any, TypeAlias

import attrs

from threadkit import tree
from threadkit._forest import depth as forest_depth
from threadkit._forest import visits_pre
from threadkit._model import with_extra
from threadkit.errors import LimitError, ParseError
from threadkit.importers._clean import Notes
from threadkit.importers._options import ImportOptions
from threadkit.importers._report import ImportReport
from threadkit.model import Article, Comment, Extra
from threadkit.tree import PARENT_ID, RebuildReport

__all__ = ["Pending", "Triple", "build", "single", "with_parent_id"]

Triple: TypeAlias = "tuple[Hashable, Hashable | None, Comment]"
"""What an importer makes of one comment: its key, its parent's key, the comment."""


@attrs.define
class Pending:
    """An article built, whose report is still open to more repairs."""

    format: str
    index: int
    article: Article
    rebuilt: RebuildReport
    notes: Notes
    options: ImportOptions

    def finish(self) -> Article:
        """The article, once its report went to the caller's callback."""
        if self.options.report is not None:
            self.options.report(
                ImportReport(
                    format=self.format,
                    index=self.index,
                    article=self.article,
                    rebuild=self.rebuilt,
                    unloaded=tuple(self.notes.unloaded),
                    repairs=tuple(self.notes.repairs),
                    notes=tuple(self.notes.notes),
                    unloaded_total=self.notes.unloaded_total,
                )
            )
        return self.article


def build(
    format: str,
    index: int,
    fields: Mapping[str, Any],
    items: Iterable[Triple],
    notes: Notes,
    options: ImportOptions,
    places: Sequence[object] | None = None,
) -> Pending:
    """Rebuild the thread from *items* and make the article, its report still open.

    *places*, one for each item, say where it is in the source (a line, or a
    ``JSONPath``), for the error when the thread is nested too deep. An
    importer that learns more about the article once it is built (a later
    repair) notes it before calling :meth:`Pending.finish`.
    """
    items = _keep_parent_ids(list(items), notes)
    rebuilt = tree.rebuild(
        items, orphans=options.orphans, duplicates=options.duplicates, cycles=options.cycles
    )
    # Depth is known only once the thread is linked, under the rebuild
    # policies; checked before the article is made.
    if options.max_depth is not None and forest_depth(rebuilt.comments) > options.max_depth:
        raise _too_deep(format, index, rebuilt.comments, options.max_depth, items, places)
    article = Article(comments=rebuilt.comments, **fields)
    return Pending(format, index, article, rebuilt.report, notes, options)


def with_parent_id(comment: Comment, parent: str) -> Comment:
    """*comment*, not yet in a thread, with *parent* kept as the id of the parent it answers."""
    return with_extra(comment, Extra({**comment.extra, PARENT_ID: parent}))


def _keep_parent_ids(items: list[Triple], notes: Notes) -> list[Triple]:
    """*items*, each orphan's comment keeping the id of the parent the source lacks."""
    keys = {item[0] for item in items}
    for position, (key, parent, comment) in enumerate(items):
        if parent is not None and parent not in keys and isinstance(parent, str):
            named = f"comment {comment.id}" if comment.id is not None else "a comment"
            kept = notes.line(parent, f"{named}: parent id")
            if kept is not None:
                items[position] = (key, parent, with_parent_id(comment, kept))
    return items


def _too_deep(
    format: str,
    index: int,
    roots: tuple[Comment, ...],
    max_depth: int,
    items: list[Triple],
    places: Sequence[object] | None,
) -> LimitError:
    # The first comment too deep, and below it a leaf, which is too deep as
    # well: the rebuild gives a comment with replies a new object, but a leaf
    # is the item's own, so its place is known.
    comment = next(visit.comment for visit in visits_pre(roots) if visit.depth > max_depth)
    while comment.replies:
        comment = comment.replies[0]
    named = f"comment {comment.id!r}" if comment.id is not None else "a comment"
    message = f"{named} of article {index + 1} is nested deeper"
    place = None
    if places is not None:
        position = next((n for n, item in enumerate(items) if item[2] is comment), None)
        place = None if position is None else places[position]
    if isinstance(place, int):
        return LimitError("max_depth", max_depth, message, format=format, line=place)
    path = None if place is None else str(place)
    return LimitError("max_depth", max_depth, message, format=format, path=path)


def single(
    articles: Iterator[Article], format: str, *, line: int | None = None, path: str | None = None
) -> Article:
    """The one article of a source, or a :class:`ParseError` saying to use ``load_all``.

    The source as a whole is at *line* (XML) or *path* (JSON): its start.
    """
    try:
        first = next(articles)
    except StopIteration:
        raise ParseError(
            "the source holds no article", format=format, line=line, path=path
        ) from None
    for _ in articles:
        raise ParseError(
            "the source holds more than one article; "
            "read it with threadkit.load_all() or threadkit.loads_all()",
            format=format,
            line=line,
            path=path,
        )
    return first
