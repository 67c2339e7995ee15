"""The ``json`` format: one nested, human-readable, versioned JSON document.

A document is a JSON object holding the version marker ``"threadkit": 1``
followed by the :class:`~threadkit.Article` fields under the model's names,
with each comment's replies nested inside it::

    {
      "threadkit": 1,
      "title": "Rates held",
      "comments": [
        {
          "text": "First!",
          "replies": [
            {
              "text": "Second."
            }
          ]
        }
      ]
    }

The writer leaves out every field at its default and writes members in the
model's field order, indented by two spaces, non-ASCII characters as they
are, with a final line feed: the output is exactly what
``json.dumps(document, indent=2, ensure_ascii=False) + "\\n"`` gives for the
same document. The reader accepts fields left out or written at their
default, and is strict about everything else: a member of the wrong JSON
type, an unknown member, a date and time without a UTC offset or a value a
model constructor refuses is a :class:`~threadkit.ParseError` whose ``path``
is a JSONPath such as ``$.comments[3].replies[0].published``.

Nesting is bounded: comments may nest at most :data:`MAX_DEPTH` levels, so
that every document stays within what common JSON parsers take. Writing a
deeper thread raises :class:`~threadkit.UnrepresentableError` and reading
one raises :class:`~threadkit.ParseError`; the ``jsonl`` format carries any
depth.

The shipped JSON Schema, :func:`schema`, describes the documents this
version writes.

.. versionadded:: 0.1
"""

# Why the reader and writer are written by hand rather than with cattrs: the
# walk along ``replies`` must be iterative (cattrs' structure and unstructure
# hooks for a recursive class call themselves once per level), the reader
# must refuse what cattrs coerces (1 for "1", "1" for 1) and report a
# JSONPath for every refusal, and the writer emits the indented document
# directly instead of building dicts for json.dumps, whose indenting encoder
# is pure Python and the slowest part of a write. See bench/bench_json.py.

from __future__ import annotations

import functools
import importlib.resources
import json
import re
from collections.abc import Callable
from datetime import datetime
from json.encoder import encode_basestring
from typing import Any, NoReturn

from threadkit._io import (
    MAX_BYTES,
    MAX_COMMENTS,
    Errors,
    Source,
    huge_number,
    json_nesting,
    too_deep,
    too_many,
)
from threadkit._io import MAX_DEPTH as _MAX_DEPTH
from threadkit._model import built_comment
from threadkit._values import STATES, shared_zone
from threadkit.errors import ParseError, UnrepresentableError, ValidationError
from threadkit.model import (
    EXTRA_MAX_DEPTH,
    Article,
    Author,
    Comment,
    CommentState,
    Extra,
)

__all__ = ["MAX_DEPTH", "VERSION", "read", "schema", "sniff", "write"]

VERSION = 1
"""The document version this module writes, the value of the ``"threadkit"`` member."""

MAX_DEPTH = 200
"""How many levels comments may nest in a document (a top-level comment is level 1).

A comment at level *d* sits at JSON nesting level ``2 * d + 1``; with its
``extra`` nested as deeply as the model allows, a document within the bound
nests at most 433 levels, well inside the default limits of Python's
:mod:`json` (about 1,000) and of orjson (1,024).
"""

_FORMAT = "json"

# -- version marker and migrations ---------------------------------------------

_Migration = Callable[[dict[str, Any]], dict[str, Any]]

# One function per old version N, turning a version-N document (as parsed by
# json.loads) into a version N+1 document. Version 1 is the first version, so
# there is nothing to migrate yet. A migration must not recurse along
# "replies": walk them with an explicit stack.
_MIGRATIONS: dict[int, _Migration] = {}


def _version(document: dict[str, Any], migrations: dict[int, Any], current: int = VERSION) -> int:
    """The version the marker of *document* gives, if it is one that can be read."""
    version = document.get("threadkit", _MISSING)
    if version is _MISSING:
        raise _Invalid("", 'not a threadkit document: the version member "threadkit" is missing')
    if type(version) is not int:
        raise _Invalid(".threadkit", f"the version must be an integer, got {_kind(version)}")
    if version != current and version not in migrations:
        known = ", ".join(str(known) for known in sorted({*migrations, current}))
        raise _Invalid(
            ".threadkit",
            f"document version {version} is not one this threadkit reads (it reads {known})",
        )
    return version


# -- errors ---------------------------------------------------------------------


class _Invalid(Exception):
    # A refusal inside one JSON object. *where* is relative to that object
    # (".published", ".author.name", "[2]", or "" for the object itself); the
    # caller, which knows where the object is, turns it into a ParseError.
    def __init__(self, where: str, message: str) -> None:
        super().__init__(where, message)
        self.where = where
        self.message = message


_MISSING: Any = object()
_TWICE = "member given twice in one object (JSON leaves its meaning open)"
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _member_path(name: str) -> str:
    """The JSONPath step to member *name*: ``.name`` or ``["odd name"]``."""
    if _IDENTIFIER.fullmatch(name):
        return "." + name
    return "[" + json.dumps(name, ensure_ascii=False) + "]"


class _Repeated:
    # What the parser gives in place of an object holding a member name twice,
    # so that the refusal is reported where the object stands.
    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any] | _Repeated:
    """The parser's hook for every JSON object: a dict, unless a name repeats."""
    members = dict(pairs)
    if len(members) != len(pairs):
        seen = set()
        for name, _ in pairs:
            if name in seen:
                return _Repeated(name)
            seen.add(name)
    return members


def _kind(value: object) -> str:
    if value is None:
        return "null"
    if value is True or value is False:
        return "a boolean"
    if type(value) is int:
        return f"the number {value}"
    if type(value) is float:
        return f"the number {value!r}"
    if type(value) is str:
        return "a string"
    if type(value) is list:
        return "an array"
    if type(value) is dict:
        return "an object"
    if isinstance(value, _Repeated):
        return f"an object with the member {json.dumps(value.name, ensure_ascii=False)} twice"
    return type(value).__name__


def _wrong_type(where: str, expected: str, value: object) -> NoReturn:
    if value is _MISSING:
        raise _Invalid(where, "missing required member")
    if isinstance(value, _Repeated):
        raise _Invalid(where + _member_path(value.name), _TWICE)
    raise _Invalid(where, f"expected {expected}, got {_kind(value)}")


def _refused(error: ValidationError) -> _Invalid:
    # A model constructor names the field as "Class.member[index]"; the part
    # after the class name is already a relative JSONPath.
    owner, dot, member = error.field.partition(".")
    if dot and owner in ("Article", "Author", "Comment"):
        return _Invalid("." + member, error.message)
    return _Invalid("", f"{error.field}: {error.message}")


def _unknown_member(raw: dict[str, Any], known: frozenset[str]) -> NoReturn:
    name = next(name for name in raw if name not in known)
    raise _Invalid(
        _member_path(name),
        f"unknown member {json.dumps(name, ensure_ascii=False)}; "
        'fields the model has no place for belong in "extra"',
    )


# -- reading values ---------------------------------------------------------------

# The shapes of the date and times read, every digit written as 0: one
# bytes.translate and one set lookup check a value, where a regex takes twice
# as long. Any byte other than an ASCII digit or one of "-:.TZ+" becomes "x".
_DIGITS_AS_ZERO = bytes(
    ord("0") if b"0"[0] <= byte <= b"9"[0] else byte if byte in b"-:.TZ+" else ord("x")
    for byte in range(256)
)
_DATETIME_SHAPES = frozenset(
    b"0000-00-00T00:00:00" + (b"." + b"0" * digits if digits else b"") + offset
    for digits in range(7)
    for offset in (b"Z", b"+00:00", b"-00:00")
)
_AUTHOR_MEMBERS = frozenset({"name", "bio", "url", "id"})


def _optional_string(raw: dict[str, Any], name: str) -> str | None:
    value = raw.get(name)
    if value is not None and type(value) is not str:
        _wrong_type("." + name, "a string or null", value)
    return value


def _datetime(raw: dict[str, Any], name: str) -> datetime | None:
    value = raw.get(name)
    return None if value is None else _parse_datetime(value, "." + name)


def _parse_datetime(value: object, where: str) -> datetime:
    if type(value) is not str:
        _wrong_type(where, "a date and time string or null", value)
    assert isinstance(value, str)
    if value.encode("utf-8", "surrogatepass").translate(_DIGITS_AS_ZERO) not in _DATETIME_SHAPES:
        raise _Invalid(
            where,
            f"{json.dumps(value, ensure_ascii=False)} is not an ISO 8601 date and time "
            "with a UTC offset, such as 2024-05-01T12:30:00+02:00",
        )
    try:
        moment = datetime.fromisoformat(value)
    except ValueError as error:
        raise _Invalid(where, f"{json.dumps(value)}: {error}") from None
    return shared_zone(moment)


def _author(
    value: object, where: str, cache: dict[tuple[Any, ...], Author | None]
) -> Author | None:
    # Authors repeat across a thread: the same members, in the same order,
    # give the same Author, built and checked once per document.
    if type(value) is not dict:
        _wrong_type(where, "an object or null", value)
    assert isinstance(value, dict)
    key = tuple(value.items())
    try:
        return cache[key]
    except (KeyError, TypeError):  # TypeError: an unhashable member, refused below
        pass
    if not value.keys() <= _AUTHOR_MEMBERS:
        try:
            _unknown_member(value, _AUTHOR_MEMBERS)
        except _Invalid as error:
            raise _Invalid(where + error.where, error.message) from None
    name = value.get("name")
    bio = value.get("bio", "")
    url = value.get("url")
    id_ = value.get("id")
    if name is not None and type(name) is not str:
        _wrong_type(where + ".name", "a string or null", name)
    if type(bio) is not str:
        _wrong_type(where + ".bio", "a string", bio)
    if url is not None and type(url) is not str:
        _wrong_type(where + ".url", "a string or null", url)
    if id_ is not None and type(id_) is not str:
        _wrong_type(where + ".id", "a string or null", id_)
    try:
        built = Author(name=name, bio=bio, url=url, id=id_)
    except ValidationError as error:
        refusal = _refused(error)
        raise _Invalid(where + refusal.where, refusal.message) from None
    author = None if built.is_empty() else built
    cache[key] = author
    return author


def _extra(value: object, where: str) -> Extra:
    if type(value) is not dict:
        _wrong_type(where, "an object", value)
    assert isinstance(value, dict)
    if not value:
        return Extra.of(None)
    try:
        return Extra(value)
    except ValidationError as error:
        inner, message = _locate_in_extra(value, error)
        raise _Invalid(where + inner, message) from None


def _locate_in_extra(value: dict[str, Any], error: ValidationError) -> tuple[str, str]:
    # Extra's own error names a Python path; find the offending place again,
    # without recursion, to name it as a JSONPath. Containers are checked
    # against the depth bound as the model counts it (the mapping itself is
    # level 1); scalars and keys are checked by the model itself.
    stack: list[tuple[object, str, int]] = [(value, "", 1)]
    while stack:
        node, where, level = stack.pop()
        if type(node) is dict or type(node) is list:
            if level > EXTRA_MAX_DEPTH:
                return where, f"nested deeper than {EXTRA_MAX_DEPTH} levels"
            if type(node) is dict:
                children = []
                for key, item in node.items():
                    try:
                        Extra({key: None})
                    except ValidationError as refusal:
                        return where + _member_path(key), f"member name: {refusal.message}"
                    children.append((item, where + _member_path(key), level + 1))
            else:
                assert isinstance(node, list)
                children = [(item, f"{where}[{i}]", level + 1) for i, item in enumerate(node)]
            stack.extend(reversed(children))
        elif isinstance(node, _Repeated):
            return where + _member_path(node.name), _TWICE
        else:
            try:
                Extra({"value": node})
            except ValidationError as refusal:
                return where, refusal.message
    return "", error.message


# -- reading comments -------------------------------------------------------------

_COMMENT_MEMBERS = frozenset(
    {"text", "author", "id", "published", "edited", "score", "state", "url", "replies", "extra"}
)
_NO_REPLIES: list[Any] = []
_NO_EXTRA = Extra.of(None)


def _comment(
    raw: dict[str, Any],
    replies: tuple[Comment, ...],
    authors: dict[tuple[Any, ...], Author | None],
    known: frozenset[str] = _COMMENT_MEMBERS,
) -> Comment:
    """Build one comment from its JSON object; *replies* are already built."""
    # Run once per comment: the checks are written out rather than shared.
    if not raw.keys() <= known:
        _unknown_member(raw, known)
    get = raw.get
    text = get("text", _MISSING)
    if type(text) is not str:
        _wrong_type(".text", "a string", text)
    author = get("author")
    if author is not None:
        author = _author(author, ".author", authors)
    id_ = get("id")
    if id_ is not None and type(id_) is not str:
        _wrong_type(".id", "a string or null", id_)
    published = get("published")
    if published is not None:
        published = _parse_datetime(published, ".published")
    edited = get("edited")
    if edited is not None:
        edited = _parse_datetime(edited, ".edited")
    score = get("score")
    if score is not None and type(score) is not int:
        _wrong_type(".score", "an integer or null", score)
    state = get("state", "visible")
    try:
        state = STATES[state]
    except (KeyError, TypeError):
        if type(state) is not str:
            _wrong_type(".state", "a string", state)
        allowed = ", ".join(STATES)
        raise _Invalid(
            ".state", f"{json.dumps(state, ensure_ascii=False)} is not one of {allowed}"
        ) from None
    url = get("url")
    if url is not None and type(url) is not str:
        _wrong_type(".url", "a string or null", url)
    extra = get("extra", _MISSING)
    extra = _NO_EXTRA if extra is _MISSING else _extra(extra, ".extra")
    try:
        return built_comment(
            text, author, id_, published, edited, score, state, url, replies, extra
        )
    except ValidationError as error:
        raise _refused(error) from None


# A frame of the reading stack: the list being read, the position after the
# item being read, the comments built from it so far, and the object whose
# "replies" the list is (None for the article's "comments").
_Frame = tuple[list[Any], int, list[Comment], "dict[str, Any] | None"]


def _frames_path(frames: list[_Frame], position: int) -> str:
    # The relative path of the item just read: the last one taken from the
    # innermost list, below the comments whose replies are being read.
    steps = [".comments"]
    steps.extend(f"[{after - 1}].replies" for _, after, _, _ in frames)
    steps.append(f"[{position - 1}]")
    return "".join(steps)


def _read_comments(
    items: object,
    authors: dict[tuple[Any, ...], Author | None],
    max_depth: int | None = None,
    max_comments: int | None = None,
) -> tuple[Comment, ...]:
    deepest = MAX_DEPTH if max_depth is None else min(max_depth, MAX_DEPTH)
    most = -1 if max_comments is None else max_comments
    if type(items) is not list:
        _wrong_type(".comments", "an array", items)
    assert isinstance(items, list)
    if items and deepest < 1:  # below, depth is checked where replies open
        assert max_depth is not None
        raise too_deep(_FORMAT, max_depth, path="$.comments[0]")
    frames: list[_Frame] = []
    built: list[Comment] = []
    owner: dict[str, Any] | None = None
    position = 0
    try:
        while True:
            if position < len(items):
                raw = items[position]
                position += 1
                most -= 1
                if most == -1:
                    assert max_comments is not None
                    path = "$" + _frames_path(frames, position)
                    raise too_many(_FORMAT, max_comments, path=path)
                if type(raw) is not dict:
                    _wrong_type("", "an object", raw)
                replies = raw.get("replies", _NO_REPLIES)
                if type(replies) is not list:
                    _wrong_type(".replies", "an array", replies)
                if replies:
                    if len(frames) + 2 > deepest and deepest < MAX_DEPTH:
                        assert max_depth is not None
                        path = "$" + _frames_path(frames, position) + ".replies[0]"
                        raise too_deep(_FORMAT, max_depth, path=path)
                    if len(frames) + 2 > MAX_DEPTH:
                        raise _Invalid(
                            ".replies",
                            f"comments nested deeper than {MAX_DEPTH} levels, the bound of "
                            "the json format; the jsonl format carries threads of any depth",
                        )
                    frames.append((items, position, built, owner))
                    items, position, built, owner = replies, 0, [], raw
                    continue
                built.append(_comment(raw, (), authors))
            elif owner is None:
                return tuple(built)
            else:
                replies_built = tuple(built)
                raw = owner
                items, position, built, owner = frames.pop()
                built.append(_comment(raw, replies_built, authors))
    except _Invalid as error:
        raise _Invalid(_frames_path(frames, position) + error.where, error.message) from None


# -- reading the article ----------------------------------------------------------

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


def _article(
    raw: dict[str, Any], comments: tuple[Comment, ...], known: frozenset[str] = _ARTICLE_MEMBERS
) -> Article:
    """Build an article from its JSON object, without its comments."""
    if not raw.keys() <= known:
        _unknown_member(raw, known)
    title = raw.get("title", _MISSING)
    if type(title) is not str:
        _wrong_type(".title", "a string", title)
    body = raw.get("body", "")
    if type(body) is not str:
        _wrong_type(".body", "a string", body)
    raw_authors = raw.get("authors", _NO_REPLIES)
    if type(raw_authors) is not list:
        _wrong_type(".authors", "an array", raw_authors)
    cache: dict[tuple[Any, ...], Author | None] = {}
    authors = []
    for index, value in enumerate(raw_authors):
        if type(value) is not dict:
            _wrong_type(f".authors[{index}]", "an object", value)
        author = _author(value, f".authors[{index}]", cache)
        if author is None:
            raise _Invalid(f".authors[{index}]", "an author needs some member set")
        authors.append(author)
    tags = raw.get("tags", _NO_REPLIES)
    if type(tags) is not list:
        _wrong_type(".tags", "an array", tags)
    for index, tag in enumerate(tags):
        if type(tag) is not str:
            _wrong_type(f".tags[{index}]", "a string", tag)
    extra = raw.get("extra", _MISSING)
    extra = _NO_EXTRA if extra is _MISSING else _extra(extra, ".extra")
    try:
        return Article(
            title=title,
            subtitle=_optional_string(raw, "subtitle"),
            body=body,
            authors=tuple(authors),
            published=_datetime(raw, "published"),
            url=_optional_string(raw, "url"),
            site=_optional_string(raw, "site"),
            tags=tuple(tags),
            comments=comments,
            extra=extra,
        )
    except ValidationError as error:
        raise _refused(error) from None


def _parse(text: str, format: str, line: int | None = None) -> object:
    # json.loads with its failures as ParseError. *line* is the line of a
    # jsonl record; for a json document, the line the decoder gives.
    try:
        return json.loads(text, object_pairs_hook=_object)
    except json.JSONDecodeError as error:
        raise ParseError(
            f"malformed JSON: {error.msg}",
            format=format,
            line=error.lineno if line is None else line,
            column=error.colno,
        ) from None
    except RecursionError:
        # Where the nesting passes what any json document needs (see MAX_DEPTH).
        found = json_nesting(text, 2 * MAX_DEPTH + 1 + EXTRA_MAX_DEPTH)
        column = None if found is None else found[1]
        if line is None and found is not None:
            line = found[0]
        raise ParseError(
            "nested deeper than the JSON parser can take; threads this deep need the jsonl format",
            format=format,
            line=line,
            column=column,
        ) from None
    except ValueError as error:  # e.g. an integer with more digits than Python converts
        huge = huge_number(text, format, "malformed JSON: ", line)
        if huge is not None:
            raise huge from None
        raise ParseError(f"malformed JSON: {error}", format=format, line=line) from None


def read(
    data: Source,
    *,
    max_bytes: int | None = MAX_BYTES,
    max_depth: int | None = _MAX_DEPTH,
    max_comments: int | None = MAX_COMMENTS,
    encoding: str | None = None,
    errors: Errors = "strict",
) -> Article:
    """Read an article from a ``json`` document.

    *data* is the document as text, as bytes or as an open file; bytes are
    decoded by the rules every reader shares (UTF-8 with or without a byte
    order mark, UTF-16 with one, else see :ref:`encodings`). The limits
    and *encoding* and *errors* are described under :ref:`limits`; the
    format's own bound of :data:`MAX_DEPTH` levels applies whatever
    *max_depth* says.

    Raises :class:`~threadkit.ParseError`: for malformed JSON with the
    ``line`` and ``column``; for a document this version cannot read, a
    member of the wrong type, an unknown member or a value the model refuses
    with the JSONPath of the offending member as ``path``.

    Raises :class:`~threadkit.LimitError` when the document crosses a limit.

    .. versionadded:: 0.1
    """
    from threadkit.formats import _json_fast  # lazy: msgspec, imported on first use

    return _json_fast.read_either(
        data,
        _json_fast.read,
        _read_checked,
        format=_FORMAT,
        max_bytes=max_bytes,
        max_depth=max_depth,
        max_comments=max_comments,
        encoding=encoding,
        errors=errors,
    )


def _read_checked(text: str, max_depth: int | None, max_comments: int | None) -> Article:
    """Parse with json.loads and check each member: slower, and the source of every error."""
    document = _parse(text, _FORMAT)
    try:
        if type(document) is not dict:
            _wrong_type("", "an object", document)
        assert isinstance(document, dict)
        version = _version(document, _MIGRATIONS)
        while version != VERSION:
            document = _MIGRATIONS[version](document)
            version += 1
        authors: dict[tuple[Any, ...], Author | None] = {}
        comments = _read_comments(
            document.get("comments", _NO_REPLIES), authors, max_depth, max_comments
        )
        return _article(document, comments)
    except _Invalid as error:
        raise ParseError(error.message, format=_FORMAT, path="$" + error.where) from None


# -- writing -----------------------------------------------------------------------


def _json_value(value: object, indent: str) -> str:
    # Extra values: plain json.dumps, re-indented to where they stand. A
    # string never holds a raw line feed, so every "\n" is a line break.
    return json.dumps(value, indent=2, ensure_ascii=False).replace("\n", "\n" + indent)


def _author_json(author: Author, indent: str) -> str:
    inner = indent + "  "
    members = []
    if author.name is not None:
        members.append(f'{inner}"name": {encode_basestring(author.name)}')
    if author.bio:
        members.append(f'{inner}"bio": {encode_basestring(author.bio)}')
    if author.url is not None:
        members.append(f'{inner}"url": {encode_basestring(author.url)}')
    if author.id is not None:
        members.append(f'{inner}"id": {encode_basestring(author.id)}')
    return "{\n" + ",\n".join(members) + "\n" + indent + "}"


@functools.cache
def _indents(level: int) -> tuple[str, str, str, str]:
    # For a comment at *level*: the indent of its braces, of its members, the
    # line feeds that open and separate them, and the opening of "replies".
    brace = " " * (4 * level)
    member = brace + "  "
    return brace, member, ",\n" + member, ",\n" + member + '"replies": [\n'


def write(article: Article) -> str:
    """Write *article* as a ``json`` document.

    Deterministic: fields at their default are left out, members come in the
    model's field order, indented by two spaces, and the text ends with a
    line feed.

    Raises :class:`~threadkit.UnrepresentableError` when comments nest deeper
    than :data:`MAX_DEPTH` levels.

    .. versionadded:: 0.1
    """
    out = ["{\n", f'  "threadkit": {VERSION},\n  "title": {encode_basestring(article.title)}']
    append = out.append
    if article.subtitle is not None:
        append(f',\n  "subtitle": {encode_basestring(article.subtitle)}')
    if article.body:
        append(f',\n  "body": {encode_basestring(article.body)}')
    if article.authors:
        append(',\n  "authors": [\n    ')
        append(",\n    ".join(_author_json(author, "    ") for author in article.authors))
        append("\n  ]")
    if article.published is not None:
        append(f',\n  "published": "{article.published.isoformat()}"')
    if article.url is not None:
        append(f',\n  "url": {encode_basestring(article.url)}')
    if article.site is not None:
        append(f',\n  "site": {encode_basestring(article.site)}')
    if article.tags:
        append(',\n  "tags": [\n    ')
        append(",\n    ".join(encode_basestring(tag) for tag in article.tags))
        append("\n  ]")
    if article.comments:
        append(',\n  "comments": [\n')
        _write_comments(article.comments, append)
        append("\n  ]")
    if article.extra:
        append(f',\n  "extra": {_json_value(article.extra.thaw(), "  ")}')
    append("\n}\n")
    return "".join(out)


def _write_comments(roots: tuple[Comment, ...], append: Callable[[str], None]) -> None:
    authors: dict[tuple[int, int], str] = {}
    visible = CommentState.VISIBLE
    stack: list[tuple[Comment, int] | str] = []
    _push_siblings(stack, roots, 1)
    pop = stack.pop
    while stack:
        item = pop()
        if isinstance(item, str):
            append(item)
            continue
        comment, level = item
        brace, member, next_member, open_replies = _indents(level)
        append(f'{brace}{{\n{member}"text": {encode_basestring(comment.text)}')
        author = comment.author
        if author is not None:
            key = (id(author), level)
            text = authors.get(key)
            if text is None:
                text = authors[key] = _author_json(author, member)
            append(f'{next_member}"author": {text}')
        if comment.id is not None:
            append(f'{next_member}"id": {encode_basestring(comment.id)}')
        if comment.published is not None:
            append(f'{next_member}"published": "{comment.published.isoformat()}"')
        if comment.edited is not None:
            append(f'{next_member}"edited": "{comment.edited.isoformat()}"')
        if comment.score is not None:
            append(f'{next_member}"score": {comment.score}')
        if comment.state is not visible:
            append(f'{next_member}"state": "{comment.state.value}"')
        if comment.url is not None:
            append(f'{next_member}"url": {encode_basestring(comment.url)}')
        extra = comment.extra
        close = f"\n{brace}}}"
        if extra:
            close = f'{next_member}"extra": {_json_value(extra.thaw(), member)}{close}'
        if comment.replies:
            if level >= MAX_DEPTH:
                raise UnrepresentableError(
                    f"json: comments nest deeper than {MAX_DEPTH} levels, the bound of the "
                    "json format (JSON parsers limit nesting); write the article as jsonl, "
                    "which carries threads of any depth"
                )
            append(open_replies)
            stack.append(f"\n{member}]{close}")
            _push_siblings(stack, comment.replies, level + 1)
        else:
            append(close)


def _push_siblings(
    stack: list[tuple[Comment, int] | str], siblings: tuple[Comment, ...], level: int
) -> None:
    # Pushed in reverse, so that they pop in thread order, with the separator
    # between neighbours.
    for index in range(len(siblings) - 1, 0, -1):
        stack.append((siblings[index], level))
        stack.append(",\n")
    stack.append((siblings[0], level))


# -- sniffing and the schema ---------------------------------------------------------

# The marker as the first member, not followed by a "record" member (a jsonl line).
_SNIFF = re.compile(r'\s*+\{\s*+"threadkit"\s*+:\s*+\d++\s*+(?!,\s*+"record")')


def sniff(head: str) -> bool:
    """Whether *head* starts a ``json`` document: an object whose first member is the marker.

    .. versionadded:: 0.1
    """
    return _SNIFF.match(head) is not None


def schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the documents :func:`write` produces.

    A new dictionary on every call, read from the file shipped in the package,
    ``threadkit/schema/article-1.schema.json``.

    .. versionadded:: 0.1
    """
    resource = (
        importlib.resources.files("threadkit")
        .joinpath("schema")
        .joinpath(f"article-{VERSION}.schema.json")
    )
    loaded: dict[str, Any] = json.loads(resource.read_text(encoding="utf-8"))
    return loaded
