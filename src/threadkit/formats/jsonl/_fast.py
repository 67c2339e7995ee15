"""The ``jsonl`` format's fast reader: msgspec, for documents laid out as the writer lays them out.

It decodes into the structures of :mod:`threadkit.formats._jsonstructs` and
checks and counts as the ``json`` fast reader does: :func:`read` gives an
article only when it is the one the checked reader gives for the same text,
and None for anything else, which the checked reader then reads or refuses
with its line and path. Besides what the ``json`` fast reader leaves aside,
that is any document whose records are not in the writer's order: the
article record first, then the comments in pre-order with increasing keys,
each one's parent a comment above it on the path from the top. Those the
checked reader orders and links itself. A property test holds the two
readers equal.
"""

from __future__ import annotations

from typing import Any

import msgspec
from msgspec import UNSET, UnsetType

from threadkit._values import INT64
from threadkit.formats._jsonstructs import (
    ARTICLE_FIELDS,
    COMMENT_FIELDS,
    Diagnose,
    attempt,
    comment,
    head,
)
from threadkit.formats.jsonl._spec import RECORD, SPEC
from threadkit.model import Article, Author, Comment

__all__ = ["read"]

_ArticleRecord: Any = msgspec.defstruct(
    "ArticleRecord",
    ARTICLE_FIELDS,
    tag_field=RECORD,
    tag="article",
    forbid_unknown_fields=True,
    gc=False,
)

# A comment record has the members of a json comment but "replies", and its
# key and parent after them.
_CommentRecord: Any = msgspec.defstruct(
    "CommentRecord",
    [
        *COMMENT_FIELDS,
        ("key", int | UnsetType, UNSET),
        ("parent", int | UnsetType | None, UNSET),
    ],
    tag_field=RECORD,
    tag="comment",
    forbid_unknown_fields=True,
    gc=False,
)

_DECODE = msgspec.json.Decoder(list[_ArticleRecord | _CommentRecord], float_hook=float).decode


def read(data: str | bytes, max_depth: int | None, max_comments: int | None) -> Article | None:
    """The article *data* holds, or None when the checked reader must decide."""
    # One JSON value a line, as the checked reader insists: the lines become
    # the items of one array, which is malformed if a value spans lines or
    # two share one (the checked reader's first try does the same).
    # A line holding two values joined by a comma would still make a valid
    # array, so the items are counted against the lines too.
    if type(data) is bytes:
        # Two copies of the document, where slicing and adding made four.
        joined = data.replace(b"\n", b",")
        body = memoryview(joined)[:-1] if data.endswith(b"\n") else joined
        array: str | bytes = b"".join((b"[", body, b"]"))
        # The copy with commas is not needed past the join: let it go now
        # rather than keep a third copy of the document while it is read.
        del body, joined
        lines = data.count(b"\n") + (not data.endswith(b"\n"))
    else:
        assert isinstance(data, str)
        text = data[:-1] if data.endswith("\n") else data
        array = "[" + text.replace("\n", ",") + "]"
        lines = text.count("\n") + 1

    def decode(array: str | bytes) -> list[Any]:
        records: list[Any] = _DECODE(array)
        if len(records) != lines:
            raise msgspec.DecodeError("more than one JSON value on a line")
        return records

    return attempt(decode, array, SPEC, _read, max_depth, max_comments)


def _read(
    records: list[Any], max_depth: int | None, max_comments: int | None
) -> tuple[dict[str, Any], tuple[Comment, ...], int]:
    if not records or type(records[0]) is not _ArticleRecord:
        raise Diagnose
    if max_comments is not None and len(records) - 1 > max_comments:
        raise Diagnose
    raw, count = head(records[0], SPEC)
    comments, counted = _thread(records, max_depth)
    return raw, comments, count + 1 + counted  # + 1: the member "record"


def _thread(records: list[Any], max_depth: int | None) -> tuple[tuple[Comment, ...], int]:
    """The thread of the comment records, and their colons and members (see tally)."""
    authors: dict[Any, tuple[Author | None, int]] = {}
    roots: list[Comment] = []
    # The path from the top to the last record read: each comment's key, its
    # record and the replies built so far. A comment is built once the
    # records below it are done, when it leaves the path.
    path: list[tuple[int, Any, list[Comment]]] = []
    deepest = -1 if max_depth is None else max_depth
    previous = INT64.start - 1
    count = 0
    for index in range(1, len(records)):
        record = records[index]
        # The path holds the record until its comment is built; letting go of
        # it here frees it then, so that the comments that follow reuse its
        # memory rather than memory past the whole document's records.
        records[index] = None
        if type(record) is not _CommentRecord:
            raise Diagnose
        key = record.key
        parent = record.parent
        if key is UNSET or parent is UNSET:
            raise Diagnose  # a key or parent left out
        if key not in INT64 or key <= previous:
            raise Diagnose
        previous = key
        while path and path[-1][0] != parent:
            count += _close(path, roots, authors)
        if parent is not None and not path:
            raise Diagnose  # the parent is not on the path: not in pre-order
        if len(path) == deepest:
            raise Diagnose
        path.append((key, record, []))
        count += 1  # "record"; the key and parent are the structure's
    while path:
        count += _close(path, roots, authors)
    return tuple(roots), count


def _close(
    path: list[tuple[int, Any, list[Comment]]],
    roots: list[Comment],
    authors: dict[Any, tuple[Author | None, int]],
) -> int:
    """Build the comment at the end of *path* into its parent's replies; its count (see tally)."""
    _, record, replies = path.pop()
    made, count = comment(record, tuple(replies), authors)
    (path[-1][2] if path else roots).append(made)
    return count
