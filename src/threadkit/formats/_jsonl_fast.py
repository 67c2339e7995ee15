"""The jsonl reader's fast path: msgspec, for documents laid out as the writer lays them out.

Like :mod:`threadkit.formats._json_fast`, whose checks and counting it
shares: :func:`read` gives an article only when it is the one the checked
reader gives for the same text, and None for anything else, which the
checked reader then reads or refuses with its line and path. Besides what
the json fast path leaves aside, that is any document whose records are not
in the writer's order: the article record first, then the comments in
pre-order with increasing keys, each one's parent a comment above it on the
path from the top. Those the checked reader orders and links itself.
tests/formats/test_jsonl_fast.py holds the two readers equal.
"""

from __future__ import annotations

from typing import Any

import msgspec
from msgspec import UNSET, UnsetType

from threadkit._values import INT64
from threadkit.formats._json_fast import (
    _ArticleFields,
    _comment,
    _CommentDoc,
    _Diagnose,
    _tally,
)
from threadkit.formats.json import _article, _Invalid, _version
from threadkit.formats.jsonl import _ARTICLE_RECORD, _MIGRATIONS, VERSION
from threadkit.model import Article, Author, Comment

__all__ = ["read"]


class _ArticleRecord(
    _ArticleFields, tag_field="record", tag="article", forbid_unknown_fields=True, gc=False
):
    pass


# A comment record has the members of a json comment but "replies" (which
# must stay UNSET), and its key and parent after them.
class _CommentRecord(
    _CommentDoc, tag_field="record", tag="comment", forbid_unknown_fields=True, gc=False
):
    key: int | UnsetType = UNSET
    parent: int | UnsetType | None = UNSET


_DECODE = msgspec.json.Decoder(list[_ArticleRecord | _CommentRecord], float_hook=float).decode
_ARTICLE_FIELDS = _ArticleRecord.__struct_fields__
_astuple = msgspec.structs.astuple


def read(data: str | bytes, max_depth: int | None, max_comments: int | None) -> Article | None:
    """The article *data* holds, or None when the checked reader must decide."""
    # One JSON value a line, as the checked reader insists: the lines become
    # the items of one array, which is malformed if a value spans lines or
    # two share one (jsonl._parse_at_once does the same).
    if type(data) is bytes:
        if b"\\u003" in data:  # an escaped colon: see _json_fast.read
            return None
        colons = data.count(b":")
        # Two copies of the document where slicing and adding made four:
        # half the time (0.07 s to 0.04 s for 100,000 comments).
        joined = data.replace(b"\n", b",")
        body = memoryview(joined)[:-1] if data.endswith(b"\n") else joined
        array: str | bytes = b"".join((b"[", body, b"]"))
    else:
        assert isinstance(data, str)
        if "\\u003" in data:
            return None
        colons = data.count(":")
        text = data[:-1] if data.endswith("\n") else data
        array = "[" + text.replace("\n", ",") + "]"
    try:
        records = _DECODE(array)
    # UnicodeError: a lone surrogate; and msgspec before 0.23 raises
    # UnicodeDecodeError, not a DecodeError, for bytes that are not UTF-8.
    except (msgspec.MsgspecError, RecursionError, UnicodeError):
        return None
    try:
        return _read(records, colons, max_depth, max_comments)
    except (_Diagnose, _Invalid, ValueError):
        return None


def _read(
    records: list[_ArticleRecord | _CommentRecord],
    colons: int,
    max_depth: int | None,
    max_comments: int | None,
) -> Article:
    if not records or type(records[0]) is not _ArticleRecord:
        raise _Diagnose
    if max_comments is not None and len(records) - 1 > max_comments:
        raise _Diagnose
    raw = {
        name: value
        for name, value in zip(_ARTICLE_FIELDS, _astuple(records[0]), strict=True)
        if value is not UNSET
    }
    tally = len(raw) + 1 + _tally(list(raw.values()))  # + 1: the member "record"
    if _version(raw, _MIGRATIONS, VERSION) != VERSION:
        raise _Diagnose
    comments, counted = _thread(records, max_depth)
    if tally + counted != colons:
        raise _Diagnose
    return _article(raw, comments, _ARTICLE_RECORD)


def _thread(
    records: list[_ArticleRecord | _CommentRecord], max_depth: int | None
) -> tuple[tuple[Comment, ...], int]:
    """The thread of the comment records, and their colons and members (see _tally)."""
    authors: dict[Any, tuple[Author | None, int]] = {}
    roots: list[Comment] = []
    # The path from the top to the last record read: each comment's key, the
    # values of its record and the replies built so far. A comment is built
    # once the records below it are done, when it leaves the path.
    path: list[tuple[int, tuple[Any, ...], list[Comment]]] = []
    deepest = -1 if max_depth is None else max_depth
    previous = INT64.start - 1
    tally = 0
    for index in range(1, len(records)):
        record = records[index]
        if type(record) is not _CommentRecord:
            raise _Diagnose
        values = _astuple(record)
        key = values[10]
        parent = values[11]
        if values[8] is not UNSET or key is UNSET or parent is UNSET:
            raise _Diagnose  # "replies", or a key or parent left out
        if key not in INT64 or key <= previous:
            raise _Diagnose
        previous = key
        while path and path[-1][0] != parent:
            tally += _close(path, roots, authors)
        if parent is not None and not path:
            raise _Diagnose  # the parent is not on the path: not in pre-order
        if len(path) == deepest:
            raise _Diagnose
        path.append((key, values, []))
        tally += 3  # "record", "key" and "parent"
    while path:
        tally += _close(path, roots, authors)
    return tuple(roots), tally


def _close(
    path: list[tuple[int, tuple[Any, ...], list[Comment]]],
    roots: list[Comment],
    authors: dict[Any, tuple[Author | None, int]],
) -> int:
    """Build the comment at the end of *path* into its parent's replies; its tally."""
    _, values, replies = path.pop()
    comment, tally = _comment(values[:10], tuple(replies), authors)
    (path[-1][2] if path else roots).append(comment)
    return tally
