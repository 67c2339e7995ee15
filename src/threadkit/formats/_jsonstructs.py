"""The msgspec structures the ``json`` and ``jsonl`` fast readers decode into, from the table.

Loaded by the fast readers only, on their first use, since it imports
msgspec. Each structure is made with :func:`msgspec.defstruct` from the
members of :mod:`threadkit.formats._jsondoc`, typed by their kind, so
msgspec checks member names and JSON types in C; what the types cannot say
(the normal form of strings, the shape of dates, ``extra``, the limits) is
checked here and in the readers. Anything a fast reader cannot vouch for
raises :class:`Diagnose` (or :class:`~threadkit.formats._jsondoc.Invalid`,
or a :class:`ValueError`), and the checked reader takes the document.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, tzinfo
from typing import Any

import msgspec
from msgspec import UNSET, UnsetType

from threadkit._model import EMPTY_EXTRA, built_comment
from threadkit._values import STATES, shared_zone
from threadkit.formats._jsondoc import (
    ABSENT,
    ARTICLE,
    AUTHOR,
    COMMENT,
    DATETIME_SHAPES,
    DIGITS_AS_ZERO,
    MARKER,
    Invalid,
    Kind,
    Member,
    Spec,
    article,
    check_version,
    extra_of,
)
from threadkit.model import Article, Author, Comment

__all__ = [
    "ARTICLE_FIELDS",
    "COMMENT_FIELDS",
    "ArticleDoc",
    "AuthorDoc",
    "CommentDoc",
    "Diagnose",
    "attempt",
    "colons",
    "comment",
    "head",
    "tally",
]


class Diagnose(Exception):
    """The document needs the checked reader."""


# What each kind decodes to. Every member with a default may be left out and
# decodes to UNSET then, so that the members a document holds can be counted
# (see tally). The comments of a comment are a forward reference, resolved in
# this module when a decoder is made.
_TYPES: dict[Kind, Any] = {
    Kind.STRING: str,
    Kind.OPTIONAL_STRING: str | None,
    Kind.DATETIME: str | None,
    Kind.INTEGER: int | None,
    Kind.STATE: str,
    Kind.EXTRA: dict[str, Any],
}


def _field(member: Member) -> tuple[str, Any] | tuple[str, Any, Any]:
    """The defstruct field of *member*, typed by its kind."""
    kind = _TYPES[member.kind]
    if member.default is ABSENT:
        return member.name, kind
    return member.name, kind | UnsetType, UNSET


# gc=False: the structures never form cycles and live only while one
# document is read, so the cyclic collector need not track them. Authors are
# frozen, to be hashed: a document's authors are built once each.
AuthorDoc: Any = msgspec.defstruct(
    "AuthorDoc",
    [_field(member) for member in AUTHOR],
    forbid_unknown_fields=True,
    frozen=True,
    gc=False,
)
"""An author object."""

# A comment's author is one, made first.
_TYPES[Kind.AUTHOR] = AuthorDoc | None

COMMENT_FIELDS = [_field(member) for member in COMMENT if member.kind is not Kind.COMMENTS]
"""The defstruct fields of a comment's own members (all but its replies), in the table's order.

Every structure of a comment starts with them.
"""

CommentDoc: Any = msgspec.defstruct(
    "CommentDoc",
    [
        *COMMENT_FIELDS,
        *(
            (member.name, "tuple[CommentDoc, ...] | UnsetType", UNSET)
            for member in COMMENT
            if member.kind is Kind.COMMENTS
        ),
    ],
    forbid_unknown_fields=True,
    gc=False,
    module=__name__,
)
"""A comment object of the ``json`` format, its replies nested in it."""

ARTICLE_FIELDS: list[tuple[str, Any, Any]] = [
    (name, Any, UNSET)
    for name in (MARKER, *(m.name for m in ARTICLE if m.kind is not Kind.COMMENTS))
]
"""The defstruct fields of the article's own members and the marker.

They are few: decoded as plain JSON values and checked as the checked
readers check them.
"""

ArticleDoc: Any = msgspec.defstruct(
    "ArticleDoc",
    [
        *ARTICLE_FIELDS,
        *(
            (member.name, tuple[CommentDoc, ...] | UnsetType, UNSET)
            for member in ARTICLE
            if member.kind is Kind.COMMENTS
        ),
    ],
    forbid_unknown_fields=True,
    gc=False,
)
"""A document of the ``json`` format."""

_ARTICLE_NAMES = [field[0] for field in ARTICLE_FIELDS]

_astuple = msgspec.structs.astuple

# A comment's own members, in the order its structure starts with them in
# both formats (the table's order), checked here once rather than by index
# on every comment.
_OWN = ("text", "author", "id", "published", "edited", "score", "state", "url", "extra")
assert tuple(field[0] for field in COMMENT_FIELDS) == _OWN
_VISIBLE = STATES["visible"]


def comment(
    doc: Any, replies: tuple[Comment, ...], authors: dict[Any, tuple[Author | None, int]]
) -> tuple[Comment, int]:
    """One comment from its structure, and the colons and members of the structure (see tally).

    *doc* is a :data:`CommentDoc` or a structure that starts as one does.
    """
    # Run once per comment: its members unpacked from one tuple rather than
    # taken one by one.
    values = _astuple(doc)
    text, author_doc, id_, published, edited, score, state, url, extra = values[:9]
    count = len(values) - values.count(UNSET) + text.count(":")
    author: Author | None = None
    if author_doc is not UNSET and author_doc is not None:
        try:
            author, counted = authors[author_doc]
        except KeyError:
            author, counted = authors[author_doc] = _author(author_doc)
        count += counted
    if id_ is UNSET:
        id_ = None
    elif id_ is not None:
        count += id_.count(":")
    if published is UNSET or published is None:
        published = None
    else:
        count += 2 if published[-1:] == "Z" else 3
        published = moment(published)
    if edited is UNSET or edited is None:
        edited = None
    else:
        count += 2 if edited[-1:] == "Z" else 3
        edited = moment(edited)
    if score is UNSET:
        score = None
    if state is UNSET:
        state = _VISIBLE
    else:
        state = STATES.get(state)
        if state is None:
            raise Diagnose
    if url is UNSET:
        url = None
    elif url is not None:
        count += url.count(":")
    if extra is UNSET:
        extra = EMPTY_EXTRA
    else:
        count += tally(extra)
        extra = extra_of(extra, "")
    built = built_comment(text, author, id_, published, edited, score, state, url, replies, extra)
    return built, count


def moment(value: str) -> datetime:
    """What the checked reader gives for *value*; its colons are 2 with "Z", else 3."""
    # The same shapes as the checked reader's, but decoded first (msgspec's
    # strings hold no lone surrogate to encode).
    if value.encode().translate(DIGITS_AS_ZERO) not in DATETIME_SHAPES:
        raise Diagnose
    if value[-1] == "Z":  # UTC itself, shared already
        return _fromisoformat(value)
    # The zone of an offset already seen is looked up by its text, and the
    # date made with it from the time without it, as shared_zone makes it:
    # cheaper than parsing a zone of its own and then looking up its twin.
    zone = _ZONE_OF.get(value[-6:])
    if zone is None:
        parsed = shared_zone(_fromisoformat(value))
        _ZONE_OF[value[-6:]] = parsed.tzinfo  # type: ignore[assignment]
        return parsed
    return _datetime(_fromisoformat(value[:-6]).__reduce__()[1][0], zone)  # type: ignore[arg-type, call-arg]


_fromisoformat = datetime.fromisoformat
_datetime = datetime

# Each UTC offset written as ``+HH:MM`` or ``-HH:MM`` that a date was read
# with, to the time zone object shared_zone keeps for it: fewer than 20,000
# spellings fit the shapes read.
_ZONE_OF: dict[str, tzinfo] = {}
_AUTHOR_NAMES = AuthorDoc.__struct_fields__


def _author(doc: Any) -> tuple[Author | None, int]:
    fields = {
        name: value
        for name, value in zip(_AUTHOR_NAMES, _astuple(doc), strict=True)
        if value is not UNSET
    }
    author = Author(**fields)
    return (None if author.is_empty() else author), len(fields) + tally(list(fields.values()))


def colons(data: str | bytes) -> int | None:
    """The colons in *data*, or None when an escape could hide one.

    A repeated member is no error to msgspec, which keeps the last one: the
    members a document holds are counted instead (see :func:`tally`), and an
    escaped colon (``\\u003a``, one of the rare ``\\u0030`` to ``\\u003f``)
    would make that count wrong.
    """
    # Searched backwards: the reverse search skips by the escape's first
    # character, the backslash, where the forward search skips by its last,
    # a digit, far more common in a document (docs/performance.md).
    if type(data) is bytes:
        return None if data.rfind(b"\\u003") != -1 else data.count(b":")
    assert isinstance(data, str)
    return None if data.rfind("\\u003") != -1 else data.count(":")


def attempt(
    decode: Callable[[str | bytes], Any],
    data: str | bytes,
    spec: Spec,
    build: Callable[[Any, int | None, int | None], tuple[dict[str, Any], tuple[Comment, ...], int]],
    max_depth: int | None,
    max_comments: int | None,
) -> Article | None:
    """The article *data* holds, or None where the checked reader must decide.

    *build* takes what *decode* makes of *data* and the limits, and gives
    the article's own members (as :func:`head` gives them), its comments,
    and the colons and members it counted (see :func:`tally`), which must be
    all the colons *data* holds.
    """
    count = colons(data)
    if count is None:
        return None
    try:
        decoded = decode(data)
    # UnicodeError: a lone surrogate; and msgspec before 0.23 raises
    # UnicodeDecodeError, not a DecodeError, for bytes that are not UTF-8.
    except (msgspec.MsgspecError, RecursionError, UnicodeError):
        return None
    try:
        raw, comments, counted = build(decoded, max_depth, max_comments)
        if counted != count:
            return None
        return article(raw, comments, spec)
    except (Diagnose, Invalid, ValueError):  # ValueError: a ValidationError, a date out of range
        return None


def head(doc: Any, spec: Spec) -> tuple[dict[str, Any], int]:
    """The article's own members and the marker that *doc* holds, and their colons and members.

    Raises:
        Diagnose: the document is not of the version *spec* writes.
    """
    raw = {
        name: value
        for name, value in zip(_ARTICLE_NAMES, _astuple(doc), strict=False)
        if value is not UNSET
    }
    if check_version(raw, spec) != spec.version:
        raise Diagnose
    return raw, len(raw) + tally(list(raw.values()))


def tally(value: object) -> int:
    """The colons in *value*: one per member of each object, plus those in its strings and names.

    A JSON document holds exactly as many colons as its objects have members,
    plus those inside its strings, since no other token holds one and only
    the escape ``\\u003a`` gives one that is not written as one. When a member
    is repeated, the decoder keeps one of them and this count of what it
    kept falls short of the document's.
    """
    count = 0
    stack = [value]
    while stack:
        item = stack.pop()
        if type(item) is str:
            count += item.count(":")
        elif type(item) is dict:
            count += len(item)
            for name, member in item.items():
                count += name.count(":")
                stack.append(member)
        elif type(item) is list:
            stack.extend(item)
    return count
