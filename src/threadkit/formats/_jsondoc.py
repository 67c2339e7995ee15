"""What the ``json`` and ``jsonl`` formats share: the member table and the checked reading of it.

Both formats write an article, its authors and its comments as JSON objects
whose members are the model's fields under the model's names. The table
here is derived from :func:`attrs.fields` of :class:`~threadkit.Article`,
:class:`~threadkit.Author` and :class:`~threadkit.Comment`, each field given
the JSON kind of its type, so the member names, their order, which are
required and what each defaults to are written once, in the model. From it
come the sets of members each reader knows, the checks of the checked
readers (one loop over the table), the order the writers follow, the
msgspec structures of the fast readers (:mod:`._jsonstructs`) and a test
that holds the shipped JSON Schema to it.

What differs between the formats (the version, the migrations, how deeply
a document nests, the members of a record) is handed in as a
:class:`Spec`, so nothing here imports either format.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any, NamedTuple, NoReturn

import attrs

from threadkit._io import huge_number, json_nesting, member_path
from threadkit._model import EMPTY_EXTRA, built_comment
from threadkit._values import STATES, shared_zone
from threadkit.errors import ParseError, ValidationError
from threadkit.model import EXTRA_MAX_DEPTH, Article, Author, Comment, Extra

__all__ = [
    "ABSENT",
    "ARTICLE",
    "AUTHOR",
    "COMMENT",
    "DATETIME_SHAPES",
    "DIGITS_AS_ZERO",
    "MARKER",
    "TWICE",
    "Invalid",
    "Kind",
    "Member",
    "Repeated",
    "Spec",
    "article",
    "check_version",
    "comment",
    "described",
    "extra_of",
    "names",
    "pairs",
    "parse",
    "refused",
    "wrong_type",
]

MARKER = "threadkit"
"""The version marker's member, on the article object of either format."""

ABSENT: Any = object()
"""What a member left out of an object reads as, and the default of a required one."""


class Kind(enum.Enum):
    """The JSON shape of a member's value, named by the type its field is declared with.

    The values are the model's annotations, as strings (its module postpones
    them): a field of a type no kind has stops the import, until it is given
    one and the readers and writers a way to take it.
    """

    STRING = "str"
    OPTIONAL_STRING = "str | None"
    DATETIME = "datetime | None"
    INTEGER = "int | None"
    STATE = "CommentState"
    AUTHOR = "Author | None"
    AUTHORS = "tuple[Author, ...]"
    STRINGS = "tuple[str, ...]"
    COMMENTS = "tuple[Comment, ...]"
    EXTRA = "Extra"


class Member(NamedTuple):
    """One member of an object: the model's field of that name."""

    name: str
    kind: Kind
    default: Any
    """The field's default, or :data:`ABSENT` when the member is required."""


def _table(cls: type[Any]) -> tuple[Member, ...]:
    return tuple(
        Member(
            field.name,
            Kind(field.type),
            ABSENT if field.default is attrs.NOTHING else field.default,
        )
        for field in attrs.fields(cls)
    )


AUTHOR = _table(Author)
"""The members of an author object, in the model's field order."""

COMMENT = _table(Comment)
"""The members of a comment object, in the model's field order."""

ARTICLE = _table(Article)
"""The members of the article object but the marker, in the model's field order."""


def names(table: tuple[Member, ...]) -> frozenset[str]:
    """The names of the members of *table*."""
    return frozenset(member.name for member in table)


@attrs.frozen
class Spec:
    """What the shared reading needs to know of one format."""

    format: str
    """Its name, for the errors."""
    version: int
    """The version of the documents it writes."""
    migrations: Mapping[int, object]
    """The older versions it reads, each with its migration (run by the format itself)."""
    nesting: int
    """How deeply its documents can nest: where a parser gives out past it, the error points."""
    article_members: frozenset[str]
    """The members its article object may hold."""
    comment_members: frozenset[str]
    """The members its comment objects may hold."""


# -- errors ---------------------------------------------------------------------


class Invalid(Exception):
    """A refusal inside one JSON object, to be made a ParseError where the object is known.

    *where* is relative to that object (``".published"``, ``".author.name"``,
    ``"[2]"``, or ``""`` for the object itself).
    """

    def __init__(self, where: str, message: str) -> None:
        super().__init__(where, message)
        self.where = where
        self.message = message


TWICE = "member given twice in one object (JSON leaves its meaning open)"
"""The refusal of a member name given twice in one object."""


class Repeated:
    """What :func:`pairs` gives in place of an object holding a member name twice.

    So that the refusal is reported where the object stands.
    """

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name


def pairs(members: list[tuple[str, Any]]) -> dict[str, Any] | Repeated:
    """The parser's hook for every JSON object: a dict, unless a name repeats."""
    found = dict(members)
    if len(found) != len(members):
        seen = set()
        for name, _ in members:
            if name in seen:
                return Repeated(name)
            seen.add(name)
    return found


def described(value: object) -> str:
    """*value*, a parsed JSON value, as an error message names it."""
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
    if isinstance(value, Repeated):
        return f"an object with the member {json.dumps(value.name, ensure_ascii=False)} twice"
    return type(value).__name__


def wrong_type(where: str, expected: str, value: object) -> NoReturn:
    """Refuse *value* at *where*: it is not *expected*, or an object holding a name twice."""
    if isinstance(value, Repeated):
        raise Invalid(where + member_path(value.name), TWICE)
    raise Invalid(where, f"expected {expected}, got {described(value)}")


def refused(error: ValidationError) -> Invalid:
    """The refusal of a model constructor, located within the object it was built from."""
    # A model constructor names the field as "Class.member[index]"; the part
    # after the class name is already a relative JSONPath.
    owner, dot, field = error.field.partition(".")
    if dot and owner in ("Article", "Author", "Comment"):
        return Invalid("." + field, error.message)
    return Invalid("", f"{error.field}: {error.message}")


def _unknown_member(raw: dict[str, Any], known: frozenset[str]) -> NoReturn:
    name = next(name for name in raw if name not in known)
    raise Invalid(
        member_path(name),
        f"unknown member {json.dumps(name, ensure_ascii=False)}; "
        'fields the model has no place for belong in "extra"',
    )


# -- the document as a whole --------------------------------------------------------


def parse(text: str, spec: Spec, line: int | None = None) -> object:
    """:func:`json.loads` of *text*, objects through :func:`pairs`, its failures as ParseError.

    *line* is the line of a record; for a whole document, the line the
    decoder gives.
    """
    try:
        return json.loads(text, object_pairs_hook=pairs)
    except json.JSONDecodeError as error:
        raise ParseError(
            f"malformed JSON: {error.msg}",
            format=spec.format,
            line=error.lineno if line is None else line,
            column=error.colno,
        ) from None
    except RecursionError:
        found = json_nesting(text, spec.nesting)
        column = None if found is None else found[1]
        if line is None and found is not None:
            line = found[0]
        raise ParseError(
            "nested deeper than the JSON parser can take; threads this deep need the jsonl format",
            format=spec.format,
            line=line,
            column=column,
        ) from None
    except ValueError as error:  # e.g. an integer with more digits than Python converts
        huge = huge_number(text, spec.format, "malformed JSON: ", line)
        if huge is not None:
            raise huge from None
        raise ParseError(f"malformed JSON: {error}", format=spec.format, line=line) from None


def check_version(document: dict[str, Any], spec: Spec) -> int:
    """The version the marker of *document* gives, if it is one that can be read."""
    version = document.get(MARKER, ABSENT)
    if version is ABSENT:
        raise Invalid("", f'not a threadkit document: the version member "{MARKER}" is missing')
    if type(version) is not int:
        raise Invalid("." + MARKER, f"the version must be an integer, got {described(version)}")
    if version != spec.version and version not in spec.migrations:
        known = ", ".join(str(known) for known in sorted({*spec.migrations, spec.version}))
        raise Invalid(
            "." + MARKER,
            f"document version {version} is not one this threadkit reads (it reads {known})",
        )
    return version


# -- values ---------------------------------------------------------------------------

DIGITS_AS_ZERO = bytes(
    ord("0") if b"0"[0] <= byte <= b"9"[0] else byte if byte in b"-:.TZ+" else ord("x")
    for byte in range(256)
)
"""A :meth:`bytes.translate` table: ASCII digits to ``0``, ``-:.TZ+`` kept, any other byte ``x``."""

DATETIME_SHAPES = frozenset(
    b"0000-00-00T00:00:00" + (b"." + b"0" * digits if digits else b"") + offset
    for digits in range(7)
    for offset in (b"Z", b"+00:00", b"-00:00")
)
"""The shapes of the dates and times read, through :data:`DIGITS_AS_ZERO`.

One translation and one set lookup check a value, quicker than a regular
expression.
"""


def extra_of(value: object, where: str) -> Extra:
    """The :class:`~threadkit.Extra` of an ``extra`` member's value."""
    if type(value) is not dict:
        wrong_type(where, "an object", value)
    assert isinstance(value, dict)
    if not value:
        return EMPTY_EXTRA
    try:
        return Extra(value)
    except ValidationError as error:
        inner, message = _locate_in_extra(value, error)
        raise Invalid(where + inner, message) from None


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
                        return where + member_path(key), f"member name: {refusal.message}"
                    children.append((item, where + member_path(key), level + 1))
            else:
                assert isinstance(node, list)
                children = [(item, f"{where}[{i}]", level + 1) for i, item in enumerate(node)]
            stack.extend(reversed(children))
        elif isinstance(node, Repeated):
            return where + member_path(node.name), TWICE
        else:
            try:
                Extra({"value": node})
            except ValidationError as refusal:
                return where, refusal.message
    return "", error.message


# -- one member of each kind ----------------------------------------------------------
#
# Each reads the value of a member that is present, at *where*, with the
# document's cache of authors. A member left out takes its field's default,
# and so does null where that default is None, before these run.

_Cache = dict[tuple[Any, ...], Author | None]


def _string(value: object, where: str, cache: _Cache) -> object:
    if type(value) is not str:
        wrong_type(where, "a string", value)
    return value


def _optional_string(value: object, where: str, cache: _Cache) -> object:
    if type(value) is not str:
        wrong_type(where, "a string or null", value)
    return value


def _datetime(value: object, where: str, cache: _Cache) -> datetime:
    if type(value) is not str:
        wrong_type(where, "a date and time string or null", value)
    assert isinstance(value, str)
    if value.encode("utf-8", "surrogatepass").translate(DIGITS_AS_ZERO) not in DATETIME_SHAPES:
        raise Invalid(
            where,
            f"{json.dumps(value, ensure_ascii=False)} is not an ISO 8601 date and time "
            "with a UTC offset, such as 2024-05-01T12:30:00+02:00",
        )
    try:
        moment = datetime.fromisoformat(value)
    except ValueError as error:
        raise Invalid(where, f"{json.dumps(value)}: {error}") from None
    return shared_zone(moment)


def _integer(value: object, where: str, cache: _Cache) -> object:
    if type(value) is not int:
        wrong_type(where, "an integer or null", value)
    return value


def _state(value: object, where: str, cache: _Cache) -> object:
    try:
        return STATES[value]  # type: ignore[index]
    except (KeyError, TypeError):
        if type(value) is not str:
            wrong_type(where, "a string", value)
        allowed = ", ".join(STATES)
        raise Invalid(
            where, f"{json.dumps(value, ensure_ascii=False)} is not one of {allowed}"
        ) from None


def _author(value: object, where: str, cache: _Cache) -> Author | None:
    # The author an author object gives, None for one with no member set.
    # Authors repeat across a thread: the same members, in the same order,
    # give the same Author, built and checked once per document.
    if type(value) is not dict:
        wrong_type(where, "an object or null", value)
    assert isinstance(value, dict)
    key = tuple(value.items())
    try:
        return cache[key]
    except (KeyError, TypeError):  # TypeError: an unhashable member, refused below
        pass
    try:
        built = Author(**_fields(value, _AUTHOR_PLAN, _AUTHOR_MEMBERS, cache, None))
    except Invalid as error:
        raise Invalid(where + error.where, error.message) from None
    except ValidationError as error:
        refusal = refused(error)
        raise Invalid(where + refusal.where, refusal.message) from None
    author = None if built.is_empty() else built
    cache[key] = author
    return author


def _authors(value: object, where: str, cache: _Cache) -> object:
    if type(value) is not list:
        wrong_type(where, "an array", value)
    assert isinstance(value, list)
    authors = []
    for index, item in enumerate(value):
        at = f"{where}[{index}]"
        if type(item) is not dict:
            wrong_type(at, "an object", item)
        author = _author(item, at, cache)
        if author is None:
            raise Invalid(at, "an author needs some member set")
        authors.append(author)
    return tuple(authors)


def _strings(value: object, where: str, cache: _Cache) -> object:
    if type(value) is not list:
        wrong_type(where, "an array", value)
    assert isinstance(value, list)
    for index, item in enumerate(value):
        if type(item) is not str:
            wrong_type(f"{where}[{index}]", "a string", item)
    return tuple(value)


def _extra(value: object, where: str, cache: _Cache) -> object:
    return extra_of(value, where)


_READERS: dict[Kind, Callable[[object, str, _Cache], object]] = {
    Kind.STRING: _string,
    Kind.OPTIONAL_STRING: _optional_string,
    Kind.DATETIME: _datetime,
    Kind.INTEGER: _integer,
    Kind.STATE: _state,
    Kind.AUTHOR: _author,
    Kind.AUTHORS: _authors,
    Kind.STRINGS: _strings,
    Kind.EXTRA: _extra,
}

# For each member of a table, in order: its name, the path to it, its
# reader (None for the comments, which the caller builds), its default, and
# the type of the values it takes as they are (a string for a string, an
# int for an integer), which spares the call for the most common values.
_Plan = tuple[
    tuple[str, str, Callable[[object, str, _Cache], object] | None, Any, type | None], ...
]
_AS_THEY_ARE = {Kind.STRING: str, Kind.OPTIONAL_STRING: str, Kind.INTEGER: int}


def _plan(table: tuple[Member, ...]) -> _Plan:
    return tuple(
        (
            name,
            "." + name,
            None if kind is Kind.COMMENTS else _READERS[kind],
            default,
            _AS_THEY_ARE.get(kind),
        )
        for name, kind, default in table
    )


_AUTHOR_PLAN = _plan(AUTHOR)
_AUTHOR_MEMBERS = names(AUTHOR)
_COMMENT_PLAN = _plan(COMMENT)
_ARTICLE_PLAN = _plan(ARTICLE)


def _fields(
    raw: dict[str, Any], plan: _Plan, known: frozenset[str], cache: _Cache, nested: object
) -> dict[str, Any]:
    """The fields *raw* gives, checked in the table's order; *nested* for the comments."""
    if not raw.keys() <= known:
        _unknown_member(raw, known)
    fields = {}
    get = raw.get
    for name, where, read, default, plain in plan:
        value = get(name, ABSENT)
        if type(value) is plain:
            fields[name] = value
        elif read is None:
            fields[name] = nested
        elif value is ABSENT:
            if default is ABSENT:
                raise Invalid(where, "missing required member")
            fields[name] = default
        elif value is None and default is None:
            fields[name] = None
        else:
            fields[name] = read(value, where, cache)
    return fields


def comment(
    raw: dict[str, Any], replies: tuple[Comment, ...], cache: _Cache, spec: Spec
) -> Comment:
    """Build one comment from its JSON object; *replies* are already built."""
    fields = _fields(raw, _COMMENT_PLAN, spec.comment_members, cache, replies)
    try:
        # built_comment takes the fields in the model's order, the table's.
        return built_comment(*fields.values())
    except ValidationError as error:
        raise refused(error) from None


def article(raw: dict[str, Any], comments: tuple[Comment, ...], spec: Spec) -> Article:
    """Build an article from its JSON object, without its comments (already built)."""
    fields = _fields(raw, _ARTICLE_PLAN, spec.article_members, {}, comments)
    try:
        return Article(**fields)
    except ValidationError as error:
        raise refused(error) from None
