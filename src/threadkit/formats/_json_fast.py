"""The json reader's fast path: typed decoding with msgspec, for documents that need no diagnosis.

The checked reader of :mod:`threadkit.formats.json` has :func:`json.loads`
build a dict for every comment and then checks it member by member in
Python. Here msgspec decodes the document straight into typed structs,
checking member names and JSON types in C, and only what the types cannot
say (normal form of strings, the shape of dates, authors, ``extra``, the
limits) is checked in Python.

:func:`read` gives an article only when it is the one the checked reader
gives for the same text; for anything else (malformed JSON, a wrong type,
an unknown or repeated member, a value the model would normalise or refuse,
a limit crossed, an older version) it gives None, and the checked reader
runs and, if it comes to that, reports the error with its line or JSONPath.
tests/formats/test_json_fast.py holds the two readers equal.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

import msgspec
from msgspec import UNSET, UnsetType

from threadkit._gc import collector_paused
from threadkit._io import Errors, Source, check_options, decode, plain_utf8, take
from threadkit._model import built_comment
from threadkit._values import STATES, shared_zone
from threadkit.formats.json import (
    _DATETIME_SHAPES,
    _DIGITS_AS_ZERO,
    _MIGRATIONS,
    _NO_EXTRA,
    MAX_DEPTH,
    VERSION,
    _article,
    _extra,
    _Invalid,
    _version,
)
from threadkit.model import Article, Author, Comment

__all__ = ["read", "read_either"]


# Every member defaults to UNSET, so that the members a document holds can be
# counted: see _tally. gc=False: the structs never form cycles and live only
# while one document is read, so the cyclic collector need not track them.
class _AuthorDoc(msgspec.Struct, forbid_unknown_fields=True, frozen=True, gc=False):
    name: str | UnsetType | None = UNSET
    bio: str | UnsetType = UNSET
    url: str | UnsetType | None = UNSET
    id: str | UnsetType | None = UNSET


class _CommentDoc(msgspec.Struct, forbid_unknown_fields=True, gc=False):
    text: str
    author: _AuthorDoc | UnsetType | None = UNSET
    id: str | UnsetType | None = UNSET
    published: str | UnsetType | None = UNSET
    edited: str | UnsetType | None = UNSET
    score: int | UnsetType | None = UNSET
    state: str | UnsetType = UNSET
    url: str | UnsetType | None = UNSET
    replies: tuple[_CommentDoc, ...] | UnsetType = UNSET
    extra: dict[str, Any] | UnsetType = UNSET


# The article's own members are few: they are decoded as plain JSON values
# and checked by the checked reader's _article. The jsonl article record has
# the same ones (see _jsonl_fast).
class _ArticleFields(msgspec.Struct, forbid_unknown_fields=True, gc=False):
    threadkit: Any = UNSET
    title: Any = UNSET
    subtitle: Any = UNSET
    body: Any = UNSET
    authors: Any = UNSET
    published: Any = UNSET
    url: Any = UNSET
    site: Any = UNSET
    tags: Any = UNSET
    extra: Any = UNSET


class _ArticleDoc(_ArticleFields, forbid_unknown_fields=True, gc=False):
    comments: tuple[_CommentDoc, ...] | UnsetType = UNSET


# float_hook=float: floats are converted by float(), as json.loads does, so
# that both readers give the same float for every spelling of a number.
_DECODE = msgspec.json.Decoder(_ArticleDoc, float_hook=float).decode
_FIELDS = _ArticleDoc.__struct_fields__
_astuple = msgspec.structs.astuple
_COMMENT_FIELDS = len(_CommentDoc.__struct_fields__)


class _Diagnose(Exception):
    """The document needs the checked reader."""


def read_either(
    data: Source,
    fast: Callable[[str | bytes, int | None, int | None], Article | None],
    checked: Callable[[str, int | None, int | None], Article],
    *,
    format: str,
    max_bytes: int | None,
    max_depth: int | None,
    max_comments: int | None,
    encoding: str | None,
    errors: Errors,
) -> Article:
    """Read *data* with the *fast* reader, or with the *checked* one where it steps aside.

    The json and jsonl readers both read this way, with the collector paused.
    Bytes go to msgspec as they are when only UTF-8 can be meant: that spares
    decoding them, and the rare ones that need decode's rules (or are not
    UTF-8) are decoded for the checked reader.
    """
    check_options(max_bytes, max_depth, max_comments, errors)
    raw = take(data, format=format, max_bytes=max_bytes)
    with collector_paused():
        plain = plain_utf8(raw, encoding)
        source = (
            plain
            if plain is not None
            else decode(raw, format=format, encoding=encoding, errors=errors)
        )
        article = fast(source, max_depth, max_comments)
        if article is not None:
            return article
        if isinstance(source, str):
            text = source
        else:
            text = decode(raw, format=format, encoding=encoding, errors=errors)
        return checked(text, max_depth, max_comments)


def read(data: str | bytes, max_depth: int | None, max_comments: int | None) -> Article | None:
    """The article *data* holds, or None when the checked reader must decide.

    *data* is the document as text, or as bytes that can only be UTF-8.
    """
    # A repeated member is not an error to msgspec, which keeps the last one:
    # the document's members are counted instead (see _tally), and an escaped
    # colon (\u003a, one of the rare \u0030 to \u003f) would make that count wrong.
    if isinstance(data, str) and not data.isascii():
        # msgspec keeps the UTF-8 form of such a str on the str (an ASCII one
        # is UTF-8 already), which would double what the caller's document
        # holds for as long as the caller keeps it; this copy goes as soon as
        # the reading is done.
        try:
            data = data.encode()
        except UnicodeEncodeError:  # a lone surrogate
            return None
    if type(data) is bytes:
        if b"\\u003" in data:
            return None
        colons = data.count(b":")
    else:
        assert isinstance(data, str)
        if "\\u003" in data:
            return None
        colons = data.count(":")
    try:
        document = _DECODE(data)
    # msgspec before 0.23 raises UnicodeDecodeError, not a DecodeError, for
    # bytes that are not UTF-8.
    except (msgspec.MsgspecError, RecursionError, UnicodeDecodeError):
        return None
    try:
        return _read(document, colons, max_depth, max_comments)
    except (_Diagnose, _Invalid, ValueError):  # ValueError: a ValidationError, a date out of range
        return None


def _read(
    document: _ArticleDoc, colons: int, max_depth: int | None, max_comments: int | None
) -> Article:
    raw = {
        name: value
        for name, value in zip(_FIELDS, _astuple(document), strict=True)
        if value is not UNSET
    }
    tally = len(raw)  # the article's own members, "comments" among them
    docs = raw.pop("comments", ())
    tally += _tally(list(raw.values()))
    if _version(raw, _MIGRATIONS) != VERSION:
        raise _Diagnose
    deepest = MAX_DEPTH if max_depth is None else min(max_depth, MAX_DEPTH)
    most = -1 if max_comments is None else max_comments
    comments, counted = _comments(docs, deepest, most)
    if tally + counted != colons:
        raise _Diagnose
    return _article(raw, comments)


def _comments(
    docs: tuple[_CommentDoc, ...], deepest: int, most: int
) -> tuple[tuple[Comment, ...], int]:
    """The comments *docs* hold, and the count of their colons and members (see _tally)."""
    authors: dict[_AuthorDoc, tuple[Author | None, int]] = {}
    frames: list[tuple[tuple[_CommentDoc, ...], int, list[Comment], _CommentDoc | None]] = []
    items, position = docs, 0
    built: list[Comment] = []
    owner: _CommentDoc | None = None
    tally = 0
    while True:
        if position < len(items):
            doc = items[position]
            position += 1
            most -= 1
            if most == -1 or len(frames) >= deepest:
                raise _Diagnose
            nested = doc.replies
            if nested:  # neither UNSET (which is false) nor empty
                frames.append((items, position, built, owner))
                items, position, built, owner = nested, 0, [], doc
                continue
            comment, count = _comment(_astuple(doc), (), authors)
        elif owner is None:
            return tuple(built), tally
        else:
            replies = tuple(built)
            doc = owner
            items, position, built, owner = frames.pop()
            comment, count = _comment(_astuple(doc), replies, authors)
        built.append(comment)
        tally += count


def _comment(
    values: tuple[Any, ...],
    replies: tuple[Comment, ...],
    authors: dict[_AuthorDoc, tuple[Author | None, int]],
) -> tuple[Comment, int]:
    """One comment from the values of a _CommentDoc, and its colons and members (see _tally)."""
    # Run once per comment: written out, as the checked reader's _comment is.
    text, author_doc, id_, published, edited, score, state, url, _, extra = values
    tally = _COMMENT_FIELDS - values.count(UNSET) + text.count(":")
    author: Author | None = None
    if author_doc is not UNSET and author_doc is not None:
        try:
            author, count = authors[author_doc]
        except KeyError:
            author, count = authors[author_doc] = _author(author_doc)
        tally += count
    if id_ is UNSET:
        id_ = None
    elif id_ is not None:
        tally += id_.count(":")
    if published is UNSET or published is None:
        published = None
    else:
        tally += 2 if published[-1] == "Z" else 3
        published = _moment(published)
    if edited is UNSET or edited is None:
        edited = None
    else:
        tally += 2 if edited[-1] == "Z" else 3
        edited = _moment(edited)
    if score is UNSET:
        score = None
    try:
        state = STATES["visible" if state is UNSET else state]
    except KeyError:
        raise _Diagnose from None
    if url is UNSET:
        url = None
    elif url is not None:
        tally += url.count(":")
    if extra is UNSET:
        extra = _NO_EXTRA
    else:
        tally += _tally(extra)
        extra = _extra(extra, "")
    built = built_comment(text, author, id_, published, edited, score, state, url, replies, extra)
    return built, tally


def _moment(value: str) -> datetime:
    """What _parse_datetime gives for *value*; its colons are 2 with "Z", else 3."""
    # The same shapes as the checked reader's, but decoded first (msgspec's
    # strings hold no lone surrogate to encode).
    if value.encode().translate(_DIGITS_AS_ZERO) not in _DATETIME_SHAPES:
        raise _Diagnose
    return shared_zone(_fromisoformat(value))


_fromisoformat = datetime.fromisoformat


def _author(doc: _AuthorDoc) -> tuple[Author | None, int]:
    values = _astuple(doc)
    name, bio, url, id_ = (None if value is UNSET else value for value in values)
    author = Author(name=name, bio="" if bio is None else bio, url=url, id=id_)
    tally = 4 - values.count(UNSET) + _tally([name, bio, url, id_])
    return (None if author.is_empty() else author), tally


def _tally(value: object) -> int:
    """The colons in *value*: one per member of each object, plus those in its strings and names.

    A JSON document holds exactly as many colons as its objects have members,
    plus those inside its strings, since no other token holds one and only
    the escape ``\\u003a`` gives one that is not written as one. When a member
    is repeated, the decoder keeps one of them and this count of what it
    kept falls short of the document's.
    """
    tally = 0
    stack = [value]
    while stack:
        item = stack.pop()
        if type(item) is str:
            tally += item.count(":")
        elif type(item) is dict:
            tally += len(item)
            for name, member in item.items():
                tally += name.count(":")
                stack.append(member)
        elif type(item) is list:
            stack.extend(item)
    return tally
