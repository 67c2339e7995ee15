"""The ``json`` format's fast reader: msgspec's typed decoding, for documents needing no diagnosis.

The checked reader has :func:`json.loads` build a dict for every comment
and then checks it member by member in Python. Here msgspec decodes the
document straight into the structures of
:mod:`threadkit.formats._jsonstructs`, checking member names and JSON types
in C, and only what the types cannot say (normal form of strings, the shape
of dates, authors, ``extra``, the limits) is checked in Python.

:func:`read` gives an article only when it is the one the checked reader
gives for the same text; for anything else (malformed JSON, a wrong type,
an unknown or repeated member, a value the model would normalise or refuse,
a limit crossed, an older version) it gives None, and the checked reader
runs and, if it comes to that, reports the error with its line or JSONPath.
A property test holds the two readers equal.
"""

from __future__ import annotations

from typing import Any

import msgspec
from msgspec import UNSET

from threadkit.formats._jsonstructs import ArticleDoc, Diagnose, attempt, comment, head
from threadkit.formats.json._spec import MAX_DEPTH, SPEC
from threadkit.model import Article, Author, Comment

__all__ = ["read"]

# float_hook=float: floats are converted by float(), as json.loads does, so
# that both readers give the same float for every spelling of a number.
_DECODE = msgspec.json.Decoder(ArticleDoc, float_hook=float).decode


def read(data: str | bytes, max_depth: int | None, max_comments: int | None) -> Article | None:
    """The article *data* holds, or None when the checked reader must decide.

    *data* is the document as text, or as bytes that can only be UTF-8.
    """
    if isinstance(data, str) and not data.isascii():
        # msgspec keeps the UTF-8 form of such a str on the str (an ASCII one
        # is UTF-8 already), which would double what the caller's document
        # holds for as long as the caller keeps it; this copy goes as soon as
        # the reading is done.
        try:
            data = data.encode()
        except UnicodeEncodeError:  # a lone surrogate
            return None
    return attempt(_DECODE, data, SPEC, _read, max_depth, max_comments)


def _read(
    document: Any, max_depth: int | None, max_comments: int | None
) -> tuple[dict[str, Any], tuple[Comment, ...], int]:
    raw, count = head(document, SPEC)
    docs = document.comments
    if docs is UNSET:
        docs = ()
    else:
        count += 1  # "comments"
    deepest = MAX_DEPTH if max_depth is None else min(max_depth, MAX_DEPTH)
    most = -1 if max_comments is None else max_comments
    comments, counted = _comments(docs, deepest, most)
    return raw, comments, count + counted


def _comments(docs: tuple[Any, ...], deepest: int, most: int) -> tuple[tuple[Comment, ...], int]:
    """The comments *docs* hold, and the count of their colons and members (see tally)."""
    authors: dict[Any, tuple[Author | None, int]] = {}
    frames: list[tuple[tuple[Any, ...], int, list[Comment], Any]] = []
    items, position = docs, 0
    built: list[Comment] = []
    owner: Any = None
    count = 0
    while True:
        if position < len(items):
            doc = items[position]
            position += 1
            most -= 1
            if most == -1 or len(frames) >= deepest:
                raise Diagnose
            nested = doc.replies
            if nested:  # neither UNSET (which is false) nor empty
                frames.append((items, position, built, owner))
                items, position, built, owner = nested, 0, [], doc
                continue
            made, counted = comment(doc, (), authors)
        elif owner is None:
            return tuple(built), count
        else:
            replies = tuple(built)
            doc = owner
            items, position, built, owner = frames.pop()
            made, counted = comment(doc, replies, authors)
            # Letting go of the structures below it, their comments built,
            # frees them now, for the comments that follow to reuse.
            doc.replies = UNSET
        built.append(made)
        count += counted
