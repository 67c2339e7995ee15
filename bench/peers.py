"""The libraries a user would pick instead of threadkit, each modelling the same document.

Each peer models the article, its authors and its comments as frozen nested
types with aware datetimes, the fields and defaults of threadkit's model
(``extra`` as a plain dict, the moderation state as its string), and reads
and writes the same ``json`` document threadkit writes:

* pydantic: frozen models, ``model_validate_json`` and
  ``model_dump_json(indent=2, exclude_defaults=True)``;
* cattrs: frozen attrs classes, ``structure`` of what :func:`json.loads`
  gives, and :func:`json.dumps` (``indent=2``) of what ``unstructure`` gives;
* msgspec Structs: frozen, defaults left out, ``msgspec.json.decode`` with
  ``type=`` and ``msgspec.json.encode`` then ``msgspec.json.format(indent=2)``;
* msgspec straight into the frozen attrs classes cattrs uses, and back;
* orjson: dicts, ``orjson.loads`` and ``orjson.dumps`` with ``OPT_INDENT_2``.

They are benchmark-only dependencies (the ``bench`` dependency group); a
peer not installed is reported as missing, not fatal. Each one's reading is
checked before it is timed: what it writes must read back to what it read,
and hold as many comments as the document.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from typing import Any

import attrs
import msgspec

try:
    import pydantic
except ImportError:  # a benchmark-only dependency: its rows are left out
    pydantic = None

__all__ = ["PEERS", "Peer", "comments_in"]


class Peer:
    """One peer: its name, how it reads bytes, how it writes what it read."""

    def __init__(
        self, name: str, read: Callable[[bytes], Any], write: Callable[[Any], str | bytes]
    ) -> None:
        self.name = name
        self.read = read
        self.write = write


def comments_in(document: Any) -> int:
    """How many comments a JSON value (dicts) holds, counted without recursion."""
    stack = list(document.get("comments", ()))
    total = 0
    while stack:
        comment = stack.pop()
        total += 1
        stack.extend(comment.get("replies", ()))
    return total


# -- attrs classes, for cattrs and for msgspec straight into attrs ---------------------
# Each peer models the same fields in its own library's types (attrs, Structs,
# pydantic), written out in full: the comparison is of what a user of that
# library would declare, so the declarations repeat by design.


@attrs.frozen
class AAuthor:
    name: str | None = None
    bio: str = ""
    url: str | None = None
    id: str | None = None


@attrs.frozen
class AComment:
    text: str
    author: AAuthor | None = None
    id: str | None = None
    published: datetime | None = None
    edited: datetime | None = None
    score: int | None = None
    state: str = "visible"
    url: str | None = None
    replies: tuple[AComment, ...] = ()
    extra: dict[str, Any] = attrs.field(factory=dict)


@attrs.frozen
class AArticle:
    threadkit: int
    title: str
    subtitle: str | None = None
    body: str = ""
    authors: tuple[AAuthor, ...] = ()
    published: datetime | None = None
    url: str | None = None
    site: str | None = None
    tags: tuple[str, ...] = ()
    comments: tuple[AComment, ...] = ()
    extra: dict[str, Any] = attrs.field(factory=dict)


# -- msgspec Structs --------------------------------------------------------------------


class SAuthor(msgspec.Struct, frozen=True, omit_defaults=True):
    name: str | None = None
    bio: str = ""
    url: str | None = None
    id: str | None = None


class SComment(msgspec.Struct, frozen=True, omit_defaults=True):
    text: str
    author: SAuthor | None = None
    id: str | None = None
    published: datetime | None = None
    edited: datetime | None = None
    score: int | None = None
    state: str = "visible"
    url: str | None = None
    replies: tuple[SComment, ...] = ()
    extra: dict[str, Any] = {}


class SArticle(msgspec.Struct, frozen=True, omit_defaults=True):
    threadkit: int
    title: str
    subtitle: str | None = None
    body: str = ""
    authors: tuple[SAuthor, ...] = ()
    published: datetime | None = None
    url: str | None = None
    site: str | None = None
    tags: tuple[str, ...] = ()
    comments: tuple[SComment, ...] = ()
    extra: dict[str, Any] = {}


# -- pydantic models, when pydantic is installed ------------------------------------------

if pydantic is not None:

    class PAuthor(pydantic.BaseModel):
        model_config = pydantic.ConfigDict(frozen=True)
        name: str | None = None
        bio: str = ""
        url: str | None = None
        id: str | None = None

    class PComment(pydantic.BaseModel):
        model_config = pydantic.ConfigDict(frozen=True)
        text: str
        author: PAuthor | None = None
        id: str | None = None
        published: pydantic.AwareDatetime | None = None
        edited: pydantic.AwareDatetime | None = None
        score: int | None = None
        state: str = "visible"
        url: str | None = None
        replies: tuple[PComment, ...] = ()
        extra: dict[str, Any] = pydantic.Field(default_factory=dict)

    class PArticle(pydantic.BaseModel):
        model_config = pydantic.ConfigDict(frozen=True)
        threadkit: int
        title: str
        subtitle: str | None = None
        body: str = ""
        authors: tuple[PAuthor, ...] = ()
        published: pydantic.AwareDatetime | None = None
        url: str | None = None
        site: str | None = None
        tags: tuple[str, ...] = ()
        comments: tuple[PComment, ...] = ()
        extra: dict[str, Any] = pydantic.Field(default_factory=dict)


def _cattrs() -> Peer:
    import cattrs  # lazy: a benchmark-only dependency

    converter = cattrs.Converter(omit_if_default=True)
    converter.register_structure_hook(datetime, lambda value, _: datetime.fromisoformat(value))
    converter.register_unstructure_hook(datetime, datetime.isoformat)

    def read(data: bytes) -> AArticle:
        return converter.structure(json.loads(data), AArticle)

    def write(article: AArticle) -> str:
        return json.dumps(converter.unstructure(article), indent=2, ensure_ascii=False)

    return Peer("cattrs, frozen attrs", read, write)


def _msgspec_attrs() -> Peer:
    decoder = msgspec.json.Decoder(AArticle)
    encoder = msgspec.json.Encoder()
    try:
        decoder.decode(b'{"threadkit": 1, "title": ""}')
    except attrs.exceptions.FrozenInstanceError:
        # Decoding into frozen attrs classes came in a later msgspec than the
        # project's lower bound; the row is left out, as for a missing library.
        raise ImportError(
            f"msgspec {msgspec.__version__} cannot decode into frozen attrs classes"
        ) from None

    def write(article: AArticle) -> bytes:
        return msgspec.json.format(encoder.encode(article), indent=2)

    return Peer("msgspec into frozen attrs", decoder.decode, write)


def _msgspec_structs() -> Peer:
    decoder = msgspec.json.Decoder(SArticle)
    encoder = msgspec.json.Encoder()

    def write(article: SArticle) -> bytes:
        return msgspec.json.format(encoder.encode(article), indent=2)

    return Peer("msgspec Structs, frozen", decoder.decode, write)


def _pydantic() -> Peer:
    if pydantic is None:
        raise ImportError("pydantic is not installed")

    def write(article: Any) -> str:
        return article.model_dump_json(indent=2, exclude_defaults=True)  # type: ignore[no-any-return]

    return Peer("pydantic, frozen models", PArticle.model_validate_json, write)


def _orjson() -> Peer:
    import orjson  # lazy: a benchmark-only dependency

    def write(document: Any) -> bytes:
        return orjson.dumps(document, option=orjson.OPT_INDENT_2)

    return Peer("orjson, dicts", orjson.loads, write)


PEERS: tuple[Callable[[], Peer], ...] = (
    _pydantic,
    _cattrs,
    _msgspec_structs,
    _msgspec_attrs,
    _orjson,
)
"""Each peer's maker, which imports the library: ImportError if it is not installed."""
