"""The model as plain dicts and lists, through cattrs: the converter and configure_converter.

``converter.unstructure(article)`` gives the document of the ``json`` format
as Python values: dicts, lists, strings, numbers, booleans and ``None``,
members at their default left out, dates and times as ISO 8601 strings
with their offset, so that ``json.dumps(converter.unstructure(article))`` is
a document ``threadkit.loads`` reads back. ``converter.structure(value,
Article)`` builds an article from such values through the constructors,
refusing what the ``json`` reader refuses (a member of the wrong type, an
unknown member) with a :class:`~threadkit.ValidationError` whose ``field``
is the JSONPath of the value (``$.comments[3].replies[0].score``).

cattrs' own hooks for an attrs class call themselves once per level of
nesting, which a reply chain 100,000 deep would never survive: the hooks
registered here walk the thread with a stack of their own. Values of any
depth go through them, though the ``json`` format's writer and Python's
:mod:`json` have bounds of their own (:data:`threadkit.formats.json.MAX_DEPTH`,
the recursion limit).

The module imports cattrs, which ``import threadkit`` leaves for the first
use of ``threadkit.converter``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import Any, NoReturn, TypeVar

import cattrs

from threadkit._values import STATES, CommentState
from threadkit.errors import ValidationError
from threadkit.formats.json import VERSION
from threadkit.model import Article, Author, Comment, Extra

__all__ = ["configure_converter", "converter"]

_ARTICLE_MEMBERS = frozenset(
    {
        "threadkit",
        "title",
        "subtitle",
        "body",
        "authors",
        "published",
        "url",
        "site",
        "tags",
        "comments",
        "extra",
    }
)
_COMMENT_MEMBERS = frozenset(
    {"text", "author", "id", "published", "edited", "score", "state", "url", "replies", "extra"}
)
_AUTHOR_MEMBERS = frozenset({"name", "bio", "url", "id"})
_VISIBLE = CommentState.VISIBLE

_C = TypeVar("_C", bound=cattrs.Converter)


# -- unstructuring --------------------------------------------------------------------


def unstructure_author(author: Author) -> dict[str, Any]:
    """*author* as the ``json`` format writes it: the fields that are set."""
    out: dict[str, Any] = {}
    if author.name is not None:
        out["name"] = author.name
    if author.bio:
        out["bio"] = author.bio
    if author.url is not None:
        out["url"] = author.url
    if author.id is not None:
        out["id"] = author.id
    return out


def _comment_members(comment: Comment) -> dict[str, Any]:
    out: dict[str, Any] = {"text": comment.text}
    if comment.author is not None:
        out["author"] = unstructure_author(comment.author)
    if comment.id is not None:
        out["id"] = comment.id
    if comment.published is not None:
        out["published"] = _iso(comment.published)
    if comment.edited is not None:
        out["edited"] = _iso(comment.edited)
    if comment.score is not None:
        out["score"] = comment.score
    if comment.state is not _VISIBLE:
        out["state"] = comment.state.value
    if comment.url is not None:
        out["url"] = comment.url
    return out


def unstructure_comments(roots: Sequence[Comment]) -> list[dict[str, Any]]:
    """*roots* and everything below them as the ``json`` format's comment objects."""
    out: list[dict[str, Any]] = []
    stack: list[tuple[Comment, list[dict[str, Any]]]] = [(root, out) for root in reversed(roots)]
    pop, extend = stack.pop, stack.extend
    while stack:
        comment, into = pop()
        members = _comment_members(comment)
        if comment.replies:
            replies: list[dict[str, Any]] = []
            members["replies"] = replies
            extend([(reply, replies) for reply in reversed(comment.replies)])
        if comment.extra:
            members["extra"] = comment.extra.thaw()
        into.append(members)
    return out


def unstructure_comment(comment: Comment) -> dict[str, Any]:
    """*comment*, replies and all, as the ``json`` format's comment object."""
    return unstructure_comments((comment,))[0]


def unstructure_article(article: Article) -> dict[str, Any]:
    """*article* as the ``json`` format's document, version marker first."""
    out: dict[str, Any] = {"threadkit": VERSION, "title": article.title}
    if article.subtitle is not None:
        out["subtitle"] = article.subtitle
    if article.body:
        out["body"] = article.body
    if article.authors:
        out["authors"] = [unstructure_author(author) for author in article.authors]
    if article.published is not None:
        out["published"] = _iso(article.published)
    if article.url is not None:
        out["url"] = article.url
    if article.site is not None:
        out["site"] = article.site
    if article.tags:
        out["tags"] = list(article.tags)
    if article.comments:
        out["comments"] = unstructure_comments(article.comments)
    if article.extra:
        out["extra"] = article.extra.thaw()
    return out


# -- structuring ----------------------------------------------------------------------


class _Refused(Exception):
    # A refusal inside one object: *where* is relative to it (".score",
    # ".author.name", or "" for the object itself).
    def __init__(self, where: str, message: str) -> None:
        super().__init__(where, message)
        self.where = where
        self.message = message


def _kind(value: object) -> str:
    if value is None or isinstance(value, bool | int | float):
        return repr(value)
    return f"a {type(value).__name__}"


def _wrong(where: str, expected: str, value: object) -> NoReturn:
    raise _Refused(where, f"expected {expected}, got {_kind(value)}")


def _string(value: object, where: str) -> str:
    if type(value) is str:
        return value
    if isinstance(value, str):
        return str.__str__(value)
    _wrong(where, "a str", value)


def _optional_string(raw: Mapping[str, Any], name: str) -> str | None:
    value = raw.get(name)
    return None if value is None else _string(value, "." + name)


def _iso(moment: datetime) -> str:
    """*moment* in ISO 8601 as the json writer spells it: ``Z`` for a zero offset."""
    text = moment.isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def _moment(raw: Mapping[str, Any], name: str) -> datetime | None:
    value = raw.get(name)
    if value is None or isinstance(value, datetime):
        return value
    text = _string(value, "." + name)
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        raise _Refused(
            "." + name,
            f"{text!r} is not an ISO 8601 date and time, such as 2024-05-01T12:30:00+02:00",
        ) from None


def _list(value: object, where: str) -> Sequence[Any]:
    if isinstance(value, list | tuple):
        return value
    if isinstance(value, Sequence) and not isinstance(value, str | bytes | bytearray):
        return value
    _wrong(where, "a list", value)


def _mapping(value: object, where: str) -> Mapping[str, Any]:
    if isinstance(value, Mapping):
        return value
    _wrong(where, "a mapping (a dict)", value)


def _plain(value: object) -> object:
    # tomlkit reads documents as tables of its own items (a boolean in an
    # array is no bool): its unwrap() gives plain Python values.
    unwrap = getattr(value, "unwrap", None) if type(value) is not dict else None
    return unwrap() if callable(unwrap) else value


def _check_members(raw: Mapping[str, Any], known: frozenset[str]) -> None:
    for name in raw:
        if name not in known:
            shown = f".{name}" if isinstance(name, str) else f"[{name!r}]"
            raise _Refused(
                shown,
                f"unknown member {name!r}; fields the model has no place for belong in 'extra'",
            )


def _refused(error: ValidationError) -> _Refused:
    # A constructor names the field "Class.member[index]": the part after the
    # class is a relative path already.
    owner, dot, member = error.field.partition(".")
    if dot and owner in ("Article", "Author", "Comment"):
        return _Refused("." + member, error.message)
    return _Refused("", f"{error.field}: {error.message}")


def _extra(raw: Mapping[str, Any]) -> Extra:
    value = raw.get("extra")
    if value is None:
        return Extra.of(None)
    try:
        return Extra.of(_mapping(value, ".extra"))
    except ValidationError as error:
        # Extra names the place as a Python path below "extra".
        raise _Refused(".extra", error.message if error.field == "extra" else str(error)) from None


def _author(value: object, where: str) -> Author:
    raw = _mapping(value, where)
    try:
        _check_members(raw, _AUTHOR_MEMBERS)
        bio = raw.get("bio", "")
        return Author(
            name=_optional_string(raw, "name"),
            bio="" if bio is None else _string(bio, ".bio"),
            url=_optional_string(raw, "url"),
            id=_optional_string(raw, "id"),
        )
    except _Refused as refusal:
        raise _Refused(where + refusal.where, refusal.message) from None
    except ValidationError as error:
        found = _refused(error)
        raise _Refused(where + found.where, found.message) from None


def _score(raw: Mapping[str, Any]) -> int | None:
    value = raw.get("score")
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        _wrong(".score", "an int", value)
    return int(value)


def _state(raw: Mapping[str, Any]) -> CommentState:
    value = raw.get("state")
    if value is None:
        return _VISIBLE
    if isinstance(value, CommentState):
        return value
    state = STATES.get(_string(value, ".state"))
    if state is None:
        raise _Refused(".state", f"{value!r} is not one of {', '.join(STATES)}")
    return state


def _comment_fields(value: object) -> tuple[dict[str, Any], Sequence[Any]]:
    """The constructor's arguments but ``replies``, and the raw replies, of one comment."""
    raw = _mapping(value, "")
    _check_members(raw, _COMMENT_MEMBERS)
    if "text" not in raw:
        raise _Refused(".text", "missing required member")
    author = raw.get("author")
    fields = {
        "text": _string(raw["text"], ".text"),
        "author": None if author is None else _author(author, ".author"),
        "id": _optional_string(raw, "id"),
        "published": _moment(raw, "published"),
        "edited": _moment(raw, "edited"),
        "score": _score(raw),
        "state": _state(raw),
        "url": _optional_string(raw, "url"),
        "extra": _extra(raw),
    }
    replies = raw.get("replies")
    return fields, () if replies is None else _list(replies, ".replies")


def _build(fields: dict[str, Any], replies: tuple[Comment, ...]) -> Comment:
    try:
        return Comment(replies=replies, **fields)
    except ValidationError as error:
        raise _refused(error) from None


# A frame of the structuring stack: the raw list being read, the position of
# the next item, the comments built from it so far, and the fields of the
# comment whose replies the list is (None for the list at the top).
_Frame = tuple[Sequence[Any], int, list[Comment], "dict[str, Any] | None"]


def _path(top: str, frames: list[_Frame], within: str, single: bool) -> str:
    # Made only for an error: a deep thread's paths are long. With *single*,
    # the list at the top is no list of the caller's but holds one comment.
    parts = [top]
    for index, (_, position, _, _) in enumerate(frames):
        if index or not single:
            parts.append(f"[{position - 1}]")
        if index < len(frames) - 1:
            parts.append(".replies")
    return "".join(parts) + within


def structure_comments(
    value: object, top: str = "$", *, single: bool = False
) -> tuple[Comment, ...]:
    """The comments of the list *value*, replies and all; *top* is its JSONPath.

    With *single*, *value* is a list of one comment that *top* names itself.
    """
    roots: list[Comment] = []
    try:
        items = _list(value, "")
    except _Refused as refusal:
        raise ValidationError(top, refusal.message) from None
    frames: list[_Frame] = [(items, 0, roots, None)]
    while frames:
        items, position, built, owner = frames[-1]
        if position == len(items):
            frames.pop()
            if owner is not None:
                replies = tuple(built)
                try:
                    frames[-1][2].append(_build(owner, replies))
                except _Refused as refusal:
                    raise ValidationError(
                        _path(top, frames, refusal.where, single), refusal.message
                    ) from None
            continue
        frames[-1] = (items, position + 1, built, owner)
        try:
            fields, raw_replies = _comment_fields(items[position])
            if not raw_replies:
                built.append(_build(fields, ()))
                continue
        except _Refused as refusal:
            raise ValidationError(
                _path(top, frames, refusal.where, single), refusal.message
            ) from None
        frames.append((raw_replies, 0, [], fields))
    return tuple(roots)


def structure_comment(value: object, _: object = Comment) -> Comment:
    """A comment, replies and all, from a ``json`` comment object."""
    return structure_comments([_plain(value)], "$", single=True)[0]


def structure_author(value: object, _: object = Author) -> Author:
    """An author from a ``json`` author object."""
    try:
        return _author(_plain(value), "")
    except _Refused as refusal:
        raise ValidationError("$" + refusal.where, refusal.message) from None


def structure_article(value: object, _: object = Article) -> Article:
    """An article from the ``json`` format's document, with or without its version marker."""
    try:
        raw = _mapping(_plain(value), "")
        _check_members(raw, _ARTICLE_MEMBERS)
        version = raw.get("threadkit", VERSION)
        if isinstance(version, bool) or version != VERSION:
            raise _Refused(".threadkit", f"version {version!r} is not {VERSION}, which this reads")
        if "title" not in raw:
            raise _Refused(".title", "missing required member")
        authors = raw.get("authors")
        tags = raw.get("tags")
        fields: dict[str, Any] = {
            "title": _string(raw["title"], ".title"),
            "subtitle": _optional_string(raw, "subtitle"),
            "body": "" if raw.get("body") is None else _string(raw["body"], ".body"),
            "authors": ()
            if authors is None
            else tuple(
                _author(item, f".authors[{i}]") for i, item in enumerate(_list(authors, ".authors"))
            ),
            "published": _moment(raw, "published"),
            "url": _optional_string(raw, "url"),
            "site": _optional_string(raw, "site"),
            "tags": ()
            if tags is None
            else tuple(_string(item, f".tags[{i}]") for i, item in enumerate(_list(tags, ".tags"))),
            "extra": _extra(raw),
        }
    except _Refused as refusal:
        raise ValidationError("$" + refusal.where, refusal.message) from None
    comments = raw.get("comments")
    thread = () if comments is None else structure_comments(comments, "$.comments")
    try:
        return Article(comments=thread, **fields)
    except ValidationError as error:
        found = _refused(error)
        raise ValidationError("$" + found.where, found.message) from None


def _structure_extra(value: object, _: object = Extra) -> Extra:
    return Extra.of(_mapping_or_refuse(_plain(value)))


def _mapping_or_refuse(value: object) -> Mapping[str, Any]:
    try:
        return _mapping(value, "")
    except _Refused as refusal:
        raise ValidationError("$", refusal.message) from None


def _structure_state(value: object, _: object = CommentState) -> CommentState:
    try:
        return _state({"state": value})
    except _Refused as refusal:
        raise ValidationError("$", refusal.message) from None


def _unstructure_state(state: CommentState) -> str:
    return state.value


def _thaw(extra: Extra) -> dict[str, Any]:
    return extra.thaw()


def configure_converter(converter: _C) -> _C:
    """Teach a cattrs converter the model; returns the same converter.

    Registers hooks for :class:`~threadkit.Article`, :class:`~threadkit.Comment`,
    :class:`~threadkit.Author`, :class:`~threadkit.Extra` and
    :class:`~threadkit.CommentState`, so that the converter unstructures them
    into the ``json`` format's values and structures them back (see
    :data:`converter`). Give it one of cattrs' ``preconf`` converters to
    read and write the model as msgpack, YAML, TOML, BSON or CBOR with their
    usual one-liner::

        from cattrs.preconf.msgpack import make_converter

        packer = threadkit.configure_converter(make_converter())
        data = packer.dumps(article)
        assert packer.loads(data, threadkit.Article) == article

    Dates and times stay ISO 8601 strings whatever the converter does with a
    ``datetime`` of its own: they keep their UTC offset, which BSON and
    msgpack timestamps would lose. TOML has no null, so an ``extra`` holding
    ``None`` cannot be written as TOML.

    .. versionadded:: 0.1
    """
    hooks: list[tuple[type[Any], Callable[[Any], Any], Callable[[Any, Any], Any]]] = [
        (Article, unstructure_article, structure_article),
        (Comment, unstructure_comment, structure_comment),
        (Author, unstructure_author, structure_author),
        (Extra, _thaw, _structure_extra),
        (CommentState, _unstructure_state, _structure_state),
    ]
    for kind, unstructure, structure in hooks:
        converter.register_unstructure_hook(kind, unstructure)
        converter.register_structure_hook(kind, structure)
    return converter


class _ModelConverter(cattrs.Converter):
    """A cattrs converter that knows the model.

    ``converter.unstructure(article)`` gives the ``json`` format's document as
    dicts and lists (so ``json.dumps`` of it is a document
    :func:`threadkit.loads` reads), and ``converter.structure(value,
    threadkit.Article)`` builds an article through the constructors, refusing
    what the ``json`` reader refuses with a :class:`~threadkit.ValidationError`
    whose ``field`` is the JSONPath of the value
    (``$.comments[3].replies[0].score``). Both walk threads of any depth
    without recursion, and both work inside classes of your own that hold
    the model's. Register hooks for your own classes on it, or teach another
    converter the model with :func:`configure_converter`. ``import
    threadkit`` leaves cattrs for the first use.

    .. versionadded:: 0.1
    """


converter: cattrs.Converter = configure_converter(_ModelConverter())
