"""What the ``json`` and ``jsonl`` writers encode: msgspec structures made from the member table.

Loaded by the writers on their first use, since it imports msgspec. Each
structure is made with :func:`msgspec.defstruct` from the members of
:mod:`threadkit.formats._jsondoc`, in the table's order, each with its
field's default, and leaves out the members at their default as it is
encoded. A writer puts the model's values into them as they are, with one
structure per comment and per distinct author, and msgspec writes the text
in C: strings escaped as :func:`json.dumps` escapes them with
``ensure_ascii=False``, dates and times as ISO 8601 (``Z`` for a zero
offset), the moderation state by its value. An ``extra`` of strings,
numbers that are not floats, booleans and nulls is encoded by msgspec too;
any other is written by :func:`json.dumps` and handed over as it is, so that
its floats are spelled as Python spells them. The ``json`` writer then
indents the whole document with :func:`msgspec.json.format`.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Sequence
from typing import Any

import msgspec

from threadkit._gc import collector_paused
from threadkit._model import EMPTY_EXTRA
from threadkit.formats._jsondoc import ABSENT, ARTICLE, AUTHOR, COMMENT, MARKER, Kind, Member
from threadkit.model import Article, Author, Comment, Extra

__all__ = ["ENCODER", "article_out", "article_record", "comment_records", "comments_out"]


def _fields(table: tuple[Member, ...]) -> list[tuple[str, Any] | tuple[str, Any, Any]]:
    return [
        (member.name, Any) if member.default is ABSENT else (member.name, Any, member.default)
        for member in table
    ]


def _struct(name: str, fields: list[Any]) -> Any:
    # gc=False: a structure holds model values and lists of structures, never
    # itself, and lives only while one document is written.
    return msgspec.defstruct(name, fields, omit_defaults=True, gc=False, module=__name__)


_AuthorOut: Any = _struct("AuthorOut", _fields(AUTHOR))
_CommentOut: Any = _struct("CommentOut", _fields(COMMENT))

_ArticleOut: Any = _struct("ArticleOut", [(MARKER, Any), *_fields(ARTICLE)])
_OWN = tuple(member for member in ARTICLE if member.kind is not Kind.COMMENTS)
_AT = next(index for index, member in enumerate(ARTICLE) if member.kind is Kind.COMMENTS)


@functools.cache
def _records(record: str) -> tuple[Any, Any]:
    # The jsonl records, led by the member that says what each is: the
    # article's (with the marker first), and a comment's with its key and its
    # parent's, which are always written.
    own = tuple(member for member in COMMENT if member.kind is not Kind.COMMENTS)
    return (
        _struct("ArticleRecordOut", [(MARKER, Any), (record, Any), *_fields(_OWN)]),
        _struct("CommentRecordOut", [(record, Any), ("key", Any), ("parent", Any), *_fields(own)]),
    )


_SCALARS = frozenset({str, int, bool, type(None)})
_compact = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def _extra(value: object) -> object:
    # msgspec calls this for the one type of the model it cannot encode. An
    # empty Extra never gets here: the writers put EMPTY_EXTRA, the default,
    # in its place.
    if type(value) is not Extra:
        raise TypeError(f"cannot write a {type(value).__name__} as JSON")
    plain = value.thaw()
    # msgspec writes strings, ints, booleans and nulls as json.dumps does, and
    # faster; but it spells some floats otherwise (1e16 for 1e+16), and a
    # float may sit anywhere below a list or an object.
    if _SCALARS.issuperset(map(type, plain.values())):
        return plain
    return msgspec.Raw(_compact(plain).encode("utf-8"))


ENCODER = msgspec.json.Encoder(enc_hook=_extra)
"""The encoder of the structures here."""


def _author(author: Author) -> Any:
    return _AuthorOut(author.name, author.bio if author.bio else "", author.url, author.id)


def _encoded_author(author: Author) -> Any:
    # A commenter's object is the same text wherever it stands (the json
    # writer indents it with the rest), so it is encoded once, not at each
    # of the comments that share it.
    return msgspec.Raw(ENCODER.encode(_author(author)))


def _article_values(article: Article) -> list[Any]:
    values: list[Any] = []
    for name, kind, _ in _OWN:
        value = getattr(article, name)
        if kind is Kind.AUTHORS:
            value = tuple(_author(author) for author in value) if value else ()
        elif kind is Kind.EXTRA and not value:
            value = EMPTY_EXTRA
        values.append(value)
    return values


def article_out(article: Article, version: int, comments: list[Any]) -> Any:
    """The ``json`` document of *article*, its comments already made by :func:`comments_out`."""
    values = _article_values(article)
    values.insert(_AT, comments if comments else ())
    return _ArticleOut(version, *values)


def article_record(article: Article, version: int, record: str) -> Any:
    """The article record of a ``jsonl`` document, *record* the member that names it."""
    return _records(record)[0](version, "article", *_article_values(article))


@collector_paused()
def comments_out(roots: Sequence[Comment], max_depth: int, refuse: Any) -> list[Any]:
    """The forest *roots* as nested structures, replies in lists.

    A comment at level *max_depth* (roots are at 1) with replies calls
    *refuse*, which raises.
    """
    # This loop and comment_records' are each their writer's whole cost per
    # comment, so each is spelled out rather than calling a shared step per
    # comment; the fields go in by position, in the model's order, as
    # _model's copies of a comment pass them (a copy with another extra or
    # other replies is a Comment, where this makes a structure of other values).
    make, empty = _CommentOut, EMPTY_EXTRA
    authors: dict[int, Any] = {}
    top: list[Any] = []
    stack: list[tuple[Sequence[Comment], list[Any], int]] = [(roots, top, 1)]
    pop, push = stack.pop, stack.append
    while stack:
        siblings, into, level = pop()
        add = into.append
        for comment in siblings:
            author = comment.author
            if author is not None:
                made = authors.get(id(author))
                if made is None:
                    made = authors[id(author)] = _encoded_author(author)
                author = made
            replies: Any = comment.replies
            if replies:
                if level >= max_depth:
                    refuse()
                below: list[Any] = []
                push((replies, below, level + 1))
                replies = below
            extra = comment.extra
            if extra is not empty and not extra:
                extra = empty
            add(
                make(
                    comment.text,
                    author,
                    comment.id,
                    comment.published,
                    comment.edited,
                    comment.score,
                    comment.state,
                    comment.url,
                    replies,
                    extra,
                )
            )
    return top


@collector_paused()
def comment_records(roots: Sequence[Comment], record: str, head: Any) -> list[Any]:
    """*head*, then the comments of *roots* as ``jsonl`` records keyed 1, 2, 3, ... in thread order.

    The article record comes in as *head* so that the whole document is one
    list, encoded in one call.
    """
    make, empty = _records(record)[1], EMPTY_EXTRA
    authors: dict[int, Any] = {}
    records: list[Any] = [head]
    add = records.append
    # Two stacks in step: the comments to write, and their parents' keys.
    stack = list(reversed(roots))
    parents: list[int | None] = [None] * len(stack)
    pop, push = stack.pop, stack.extend
    pop_parent, push_parents = parents.pop, parents.extend
    key = 0
    while stack:
        comment = pop()
        parent = pop_parent()
        key += 1
        author = comment.author
        if author is not None:
            made = authors.get(id(author))
            if made is None:
                made = authors[id(author)] = _encoded_author(author)
            author = made
        extra = comment.extra
        if extra is not empty and not extra:
            extra = empty
        add(
            make(
                "comment",
                key,
                parent,
                comment.text,
                author,
                comment.id,
                comment.published,
                comment.edited,
                comment.score,
                comment.state,
                comment.url,
                extra,
            )
        )
        replies = comment.replies
        if replies:
            push(replies[::-1])
            push_parents((key,) * len(replies))
    return records
