"""What the importers share: the report, value cleaning, JSON and XML input.

An importer turns a platform's export into flat ``(key, parent_key,
comment)`` triples and article fields, then :func:`assemble` rebuilds the
thread with :func:`threadkit.tree.rebuild` and hands an
:class:`ImportReport` to the caller's ``report`` callback.

Platform values the model refuses are made to fit and recorded as a
:class:`Repair` rather than raised: characters the model cannot carry are
removed, a time that cannot be read is left out (its raw value stays in
``extra``), an integer too large for ``extra`` becomes a string.
"""

from __future__ import annotations

import codecs
import io
import json
import math
import re
import sys
from collections.abc import (
    Callable,
    Collection,
    Hashable,
    Iterable,
    Iterator,
    Mapping,
    Sequence,
)
from datetime import UTC, datetime, timedelta
from typing import IO, Any, TypeAlias, cast

import attrs
import lxml.etree

from threadkit import tree
from threadkit._forest import depth as forest_depth
from threadkit._forest import visits_pre
from threadkit._html_text import to_text
from threadkit._io import (
    MAX_COMMENTS,
    MAX_DEPTH,
    Errors,
    check_options,
    codec,
    decode,
    huge_number,
    read_limited,
    take,
    too_big,
    too_many,
    undecodable,
)
from threadkit._values import INT64, REFUSED, shared_zone
from threadkit.errors import LimitError, ParseError
from threadkit.model import (
    EXTRA_MAX_DEPTH,
    Article,
    Author,
    Comment,
    CommentState,
)
from threadkit.tree import CyclePolicy, DuplicatePolicy, OrphanPolicy, RebuildReport

__all__ = ["ImportReport", "Repair", "Reporter", "Source", "UnloadedReplies"]

Source: TypeAlias = "str | bytes | IO[bytes] | IO[str]"
"""What an importer reads: a whole document, or an open file to stream from."""

_LINE_SPACE = re.compile(r"[\r\n]+")


# -- the report --------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class UnloadedReplies:
    """A placeholder in an export for replies it does not hold.

    Reddit's ``more`` objects ("load more comments", "continue this thread")
    and the ids in a Hacker News item's ``kids`` that the export has no item
    for are placeholders: the platform has those replies, the file does not.

    .. versionadded:: 0.1
    """

    parent: str | None
    """The id of the comment the replies answer; ``None`` for the article itself."""
    ids: tuple[str, ...] = ()
    """The ids of the unloaded replies, as far as the export names them."""
    count: int | None = None
    """How many comments the platform says are behind the placeholder, when it says."""


@attrs.frozen(kw_only=True)
class Repair:
    """A value an importer changed or left out so that the model accepts it.

    .. versionadded:: 0.1
    """

    where: str
    """What held the value, such as ``"comment d8r4im1: text"``."""
    message: str
    """What was wrong and what was done."""

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@attrs.frozen(kw_only=True)
class ImportReport:
    """What an importer found and did while reading one article.

    Pass ``report=callback`` to :func:`threadkit.load_all` (or any
    importer's reader) and the callback receives one report per article,
    just before that article is returned or yielded. ``reports.append``
    makes a good callback.

    .. versionadded:: 0.1
    """

    format: str
    """The importer's format name, such as ``"reddit"``."""
    index: int
    """The article's position in the source, from 0."""
    article: Article = attrs.field(repr=False, eq=False)
    """The article the report is about."""
    rebuild: RebuildReport
    """How the thread was rebuilt: orphans, duplicates, cycles, replies before their parent."""
    unloaded: tuple[UnloadedReplies, ...] = ()
    """Placeholders for replies the export does not hold, in the order met."""
    repairs: tuple[Repair, ...] = ()
    """Values changed or left out to fit the model, in the order met."""

    @property
    def unloaded_count(self) -> int:
        """How many replies the placeholders stand for, as far as the export tells."""
        return sum(max(len(p.ids), p.count or 0) for p in self.unloaded)

    @property
    def clean(self) -> bool:
        """Whether nothing was repaired, in the thread or in a value."""
        return self.rebuild.clean and not self.repairs

    def __str__(self) -> str:
        parts = [f"{self.format} article {self.index}: {self.rebuild}"]
        if self.unloaded:
            parts.append(
                f"{len(self.unloaded)} placeholder(s) for {self.unloaded_count} unloaded replies"
            )
        if self.repairs:
            parts.append(f"{len(self.repairs)} value(s) repaired")
        return "; ".join(parts)


Reporter: TypeAlias = Callable[[ImportReport], object]
"""A callback that receives each :class:`ImportReport`."""


# -- cleaning values ----------------------------------------------------------------


class Notes:
    """Cleans platform values for the model, recording every repair."""

    def __init__(self) -> None:
        self.repairs: list[Repair] = []
        self.unloaded: list[UnloadedReplies] = []

    def repair(self, where: str, message: str) -> None:
        self.repairs.append(Repair(where=where, message=message))

    def _strip(self, value: str, where: str) -> str:
        # Every character the model refuses is one str.isprintable() refuses.
        if value.isprintable():
            return value
        if "\r" in value:
            value = value.replace("\r\n", "\n").replace("\r", "\n")
        if REFUSED.search(value) is None:
            return value
        cleaned, removed = REFUSED.subn("", value)
        self.repair(
            where,
            f"removed {removed} character(s) the model cannot carry "
            "(control characters, lone surrogates, noncharacters)",
        )
        return cleaned

    def line(self, value: object, where: str) -> str | None:
        """A line field: ``None`` for nothing, line breaks joined with a space."""
        if value is None or isinstance(value, bool):
            return None
        if not isinstance(value, str):
            value = str(value) if isinstance(value, int | float) else None
            if value is None:
                return None
        text = self._strip(value, where)
        if "\n" in text or "\r" in text:
            text = _LINE_SPACE.sub(" ", text.strip())
        return text.strip() or None

    def text(self, value: object, where: str) -> str:
        """A text field from plain text."""
        if not isinstance(value, str):
            return ""
        return self._strip(value, where)

    def html(self, value: object, where: str, *, newlines: bool = False) -> str:
        """A text field from an HTML fragment."""
        if not isinstance(value, str):
            return ""
        return to_text(self._strip(value, where), newlines=newlines)

    def epoch(self, value: object, where: str) -> datetime | None:
        """A time from Unix seconds."""
        if value is None or isinstance(value, bool) or not isinstance(value, int | float):
            if value not in (None, False, ""):
                self.repair(where, f"{value!r} is not a Unix time; left out")
            return None
        try:
            return datetime.fromtimestamp(value, UTC)
        except (OverflowError, OSError, ValueError):
            self.repair(where, f"{value!r} is out of range for a time; left out")
            return None

    def iso(self, value: object, where: str) -> datetime | None:
        """A time from ISO 8601 text; a time without an offset is taken as UTC."""
        if not isinstance(value, str) or not value.strip():
            return None
        try:
            when = datetime.fromisoformat(value.strip())
        except ValueError:
            self.repair(where, f"{value!r} is not an ISO 8601 time; left out")
            return None
        return self.aware(when, where)

    def aware(self, when: datetime, where: str) -> datetime:
        """*when* with UTC attached when naive, and a whole-minute offset."""
        if when.tzinfo is None:
            return when.replace(tzinfo=UTC)
        offset = when.utcoffset()
        if offset is not None and offset % timedelta(minutes=1):
            self.repair(where, f"offset {offset} is not whole minutes; converted to UTC")
            return when.astimezone(UTC)
        return shared_zone(when)

    def score(self, value: object, where: str) -> int | None:
        if value is None or isinstance(value, bool) or not isinstance(value, int):
            return None
        if not INT64.start <= value < INT64.stop:
            self.repair(where, f"{value} does not fit in 64 bits; left out")
            return None
        return value

    def extra(self, value: Mapping[str, Any], where: str, depth: int = 2) -> dict[str, Any]:
        """A mapping of raw platform fields, made fit for :class:`~threadkit.Extra`.

        *depth* is the nesting level the mapping will sit at (the article's or
        comment's ``extra`` is level 1).
        """
        cleaned = self._json(value, where, depth)
        assert isinstance(cleaned, dict)
        return cleaned

    def _json(self, value: object, where: str, depth: int) -> Any:
        if value is None or isinstance(value, bool | str):
            return self._strip(value, where) if isinstance(value, str) else value
        if isinstance(value, int):
            if INT64.start <= value < INT64.stop:
                return value
            self.repair(where, f"{value} does not fit in 64 bits; kept as a string")
            return str(value)
        if isinstance(value, float):
            if math.isfinite(value):
                return value
            self.repair(where, f"{value} is not a finite number; kept as a string")
            return repr(value)
        if isinstance(value, Mapping | list | tuple):
            if depth > EXTRA_MAX_DEPTH:
                self.repair(
                    where, f"nested deeper than {EXTRA_MAX_DEPTH} levels; kept as JSON text"
                )
                return self._strip(dumps(value), where)
            if isinstance(value, Mapping):
                out: dict[str, Any] = {}
                for key, item in value.items():
                    name = self._strip(str(key), where)
                    if name in out:
                        # Two keys became one once cleaned: keep both values.
                        number = 2
                        while f"{name} ({number})" in out:
                            number += 1
                        self.repair(where, f"key {name!r} repeats once cleaned; renamed")
                        name = f"{name} ({number})"
                    out[name] = self._json(item, where, depth + 1)
                return out
            return [self._json(item, where, depth + 1) for item in value]
        return self._strip(str(value), where)


def author(
    notes: Notes, where: str, *, name: object = None, url: object = None, id: object = None
) -> Author | None:
    """An :class:`Author` from raw values, or ``None`` when none is set."""
    made = Author(
        name=notes.line(name, f"{where}: author name"),
        url=notes.line(url, f"{where}: author url"),
        id=notes.line(id, f"{where}: author id"),
    )
    return None if made.is_empty() else made


def drop_empty(mapping: Mapping[str, Any]) -> dict[str, Any]:
    """*mapping* without ``None`` values."""
    return {key: value for key, value in mapping.items() if value is not None}


# -- assembling an article ------------------------------------------------------------

Triple: TypeAlias = "tuple[Hashable, Hashable | None, Comment]"


@attrs.frozen(kw_only=True)
class Policies:
    """The rebuild policies and the report callback an importer was given."""

    orphans: OrphanPolicy = "keep"
    duplicates: DuplicatePolicy = "keep"
    cycles: CyclePolicy = "break"
    report: Reporter | None = None
    max_depth: int | None = MAX_DEPTH
    max_comments: int | None = MAX_COMMENTS

    def count(
        self, format: str, held: int, *, path: object = None, line: int | None = None
    ) -> None:
        """Refuse another comment for an article that already holds *held* of them.

        *path* (a :class:`JSONPath`, or a string) is made a string only then:
        a deep thread's paths are long.
        """
        if self.max_comments is not None and held >= self.max_comments:
            where = None if path is None else str(path)
            raise too_many(format, self.max_comments, path=where, line=line)


def assemble(
    format: str,
    index: int,
    fields: Mapping[str, Any],
    items: Iterable[Triple],
    notes: Notes,
    policies: Policies,
    *,
    report: bool = True,
    places: Sequence[object] | None = None,
) -> Article:
    """Rebuild the thread from *items*, make the article and report on it.

    *places*, one for each item, say where it is in the source (a line, or a
    :class:`JSONPath`), for the error when the thread is nested too deep.

    With *report* false the report is left to :meth:`Pending.report`, for an
    importer that learns more about the article after building it.
    """
    return build(format, index, fields, items, notes, policies, places).finish(report=report)


@attrs.define
class Pending:
    """An article built, whose report is still open to more repairs."""

    format: str
    index: int
    article: Article
    rebuilt: RebuildReport
    notes: Notes
    policies: Policies

    def report(self) -> None:
        if self.policies.report is not None:
            self.policies.report(
                ImportReport(
                    format=self.format,
                    index=self.index,
                    article=self.article,
                    rebuild=self.rebuilt,
                    unloaded=tuple(self.notes.unloaded),
                    repairs=tuple(self.notes.repairs),
                )
            )

    def finish(self, *, report: bool = True) -> Article:
        if report:
            self.report()
        return self.article


def build(
    format: str,
    index: int,
    fields: Mapping[str, Any],
    items: Iterable[Triple],
    notes: Notes,
    policies: Policies,
    places: Sequence[object] | None = None,
) -> Pending:
    """Rebuild the thread from *items* and make the article, its report still open."""
    items = list(items)
    rebuilt = tree.rebuild(
        items, orphans=policies.orphans, duplicates=policies.duplicates, cycles=policies.cycles
    )
    # Depth is known only once the thread is linked, under the rebuild
    # policies; checked before the article is made.
    if policies.max_depth is not None and forest_depth(rebuilt.comments) > policies.max_depth:
        raise _too_deep(format, index, rebuilt.comments, policies.max_depth, items, places)
    article = Article(comments=rebuilt.comments, **fields)
    return Pending(format, index, article, rebuilt.report, notes, policies)


def _too_deep(
    format: str,
    index: int,
    roots: tuple[Comment, ...],
    max_depth: int,
    items: list[Triple],
    places: Sequence[object] | None,
) -> LimitError:
    # The first comment too deep, and below it a leaf, which is too deep as
    # well: the rebuild gives a comment with replies a new object, but a leaf
    # is the item's own, so its place is known.
    comment = next(visit.comment for visit in visits_pre(roots) if visit.depth > max_depth)
    while comment.replies:
        comment = comment.replies[0]
    named = f"comment {comment.id!r}" if comment.id is not None else "a comment"
    message = f"{named} of article {index + 1} is nested deeper"
    place = None
    if places is not None:
        position = next((n for n, item in enumerate(items) if item[2] is comment), None)
        place = None if position is None else places[position]
    if isinstance(place, int):
        return LimitError("max_depth", max_depth, message, format=format, line=place)
    path = None if place is None else str(place)
    return LimitError("max_depth", max_depth, message, format=format, path=path)


def single(
    articles: Iterator[Article], format: str, *, line: int | None = None, path: str | None = None
) -> Article:
    """The one article of a source, or a :class:`ParseError` saying to use ``load_all``.

    The source as a whole is at *line* (XML) or *path* (JSON): its start.
    """
    try:
        first = next(articles)
    except StopIteration:
        raise ParseError(
            "the source holds no article", format=format, line=line, path=path
        ) from None
    for _ in articles:
        raise ParseError(
            "the source holds more than one article; "
            "read it with threadkit.load_all() or threadkit.loads_all()",
            format=format,
            line=line,
            path=path,
        )
    return first


def title_or(notes: Notes, where: str, *candidates: object) -> str:
    """The first candidate that makes a non-empty title line."""
    for candidate in candidates:
        title = notes.line(candidate, where) if candidate is not None else None
        if title:
            return title
    raise AssertionError("the last candidate must always make a title")


def state_of(*, deleted: bool = False, removed: bool = False, spam: bool = False) -> CommentState:
    if deleted:
        return CommentState.DELETED
    if removed:
        return CommentState.REMOVED
    if spam:
        return CommentState.SPAM
    return CommentState.VISIBLE


# -- JSON input -------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Input:
    """How an importer takes its input: the size limit and the decoding options."""

    max_bytes: int | None
    encoding: str | None = None
    errors: Errors = "strict"


def options(
    input: Input,
    policies: Policies,
) -> None:
    """Refuse option values that are not limits, before any input is read."""
    check_options(input.max_bytes, policies.max_depth, policies.max_comments, input.errors)


def read_text(data: Source, format: str, input: Input) -> str:
    """The whole of *data* as text, within the size limit."""
    raw = take(data, format=format, max_bytes=input.max_bytes)
    return decode(raw, format=format, encoding=input.encoding, errors=input.errors)


def load_json(data: Source, format: str, input: Input) -> Any:
    """Parse JSON from *data*; nesting of any depth is read without recursion."""
    text = read_text(data, format, input)
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise ParseError(
            f"not valid JSON: {error.msg}", format=format, line=error.lineno, column=error.colno
        ) from None
    except RecursionError:
        return _loads_deep(text, format)
    except ValueError:  # an integer with more digits than Python converts
        huge = huge_number(text, format, "not valid JSON: ")
        if huge is not None:
            raise huge from None
        return _loads_deep(text, format)


_scanstring: Callable[[str, int, bool], tuple[str, int]] = json.decoder.scanstring  # type: ignore[attr-defined]
_WHITESPACE = re.compile(r"[ \t\n\r]*")
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?")
_CONSTANTS: dict[str, Any] = {
    "null": None,
    "true": True,
    "false": False,
    "NaN": math.nan,
    "Infinity": math.inf,
    "-Infinity": -math.inf,
}


def _loads_deep(text: str, format: str) -> Any:
    """A JSON parser with an explicit stack, for documents nested too deeply for :mod:`json`."""

    def fail(message: str, at: int) -> ParseError:
        line = text.count("\n", 0, at) + 1
        column = at - text.rfind("\n", 0, at)
        return ParseError(f"not valid JSON: {message}", format=format, line=line, column=column)

    def skip(at: int) -> int:
        match = _WHITESPACE.match(text, at)
        assert match is not None
        return match.end()

    def key_at(at: int) -> tuple[str, int]:
        if not text.startswith('"', at):
            raise fail("expecting a property name in double quotes", at)
        try:
            key, at = _scanstring(text, at + 1, True)
        except json.JSONDecodeError as error:
            raise fail(error.msg, error.pos) from None
        at = skip(at)
        if not text.startswith(":", at):
            raise fail("expecting ':' delimiter", at)
        return key, skip(at + 1)

    containers: list[list[Any] | dict[str, Any]] = []
    keys: list[str] = []
    end = len(text)
    at = skip(0)
    while True:
        char = text[at : at + 1]
        value: Any
        if char == "{":
            at = skip(at + 1)
            if text.startswith("}", at):
                value, at = {}, at + 1
            else:
                key, at = key_at(at)
                containers.append({})
                keys.append(key)
                continue
        elif char == "[":
            at = skip(at + 1)
            if text.startswith("]", at):
                value, at = [], at + 1
            else:
                containers.append([])
                keys.append("")
                continue
        elif char == '"':
            try:
                value, at = _scanstring(text, at + 1, True)
            except json.JSONDecodeError as error:
                raise fail(error.msg, error.pos) from None
        else:
            for word, constant in _CONSTANTS.items():
                if text.startswith(word, at):
                    value, at = constant, at + len(word)
                    break
            else:
                match = _NUMBER.match(text, at)
                if match is None:
                    raise fail("expecting a value", at)
                number = match.group()
                try:
                    value = float(number) if match.group(1) or match.group(2) else int(number)
                except ValueError:
                    digits = len(number.lstrip("-"))
                    raise fail(
                        f"a number with {digits:_} digits, more than the "
                        f"{sys.get_int_max_str_digits():_} Python converts "
                        "(sys.set_int_max_str_digits)",
                        at,
                    ) from None
                at = match.end()
        while True:
            if not containers:
                at = skip(at)
                if at != end:
                    raise fail("extra data", at)
                return value
            top = containers[-1]
            if isinstance(top, list):
                top.append(value)
            else:
                top[keys[-1]] = value
            at = skip(at)
            char = text[at : at + 1]
            if char == ",":
                at = skip(at + 1)
                if isinstance(top, dict):
                    keys[-1], at = key_at(at)
                break
            if char == ("]" if isinstance(top, list) else "}"):
                at += 1
                value = containers.pop()
                keys.pop()
                continue
            raise fail("expecting ',' delimiter", at)


def dumps(value: object) -> str:
    """Compact JSON text for *value*, written without recursion."""
    out: list[str] = []
    stack: list[object] = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, _Raw):
            out.append(item.text)
        elif isinstance(item, Mapping):
            out.append("{")
            entries = list(item.items())
            stack.append(_Raw("}"))
            for index in range(len(entries) - 1, -1, -1):
                key, child = entries[index]
                stack.append(child)
                stack.append(_Raw(("," if index else "") + json.dumps(str(key)) + ":"))
        elif isinstance(item, list | tuple):
            out.append("[")
            stack.append(_Raw("]"))
            for index in range(len(item) - 1, -1, -1):
                stack.append(item[index])
                if index:
                    stack.append(_Raw(","))
        else:
            out.append(json.dumps(item))
    return "".join(out)


@attrs.frozen
class _Raw:
    text: str


class JSONPath:
    """Where a value sits in the document, kept as a chain so a deep thread costs no more.

    Turned into a JSONPath only when a message needs it.
    """

    __slots__ = ("parent", "parts")

    def __init__(self, parent: JSONPath | None, *parts: str | int) -> None:
        self.parent = parent
        self.parts = parts

    def __call__(self, *parts: str | int) -> JSONPath:
        return JSONPath(self, *parts)

    def __str__(self) -> str:
        chunks: list[tuple[str | int, ...]] = []
        node: JSONPath | None = self
        while node is not None:
            chunks.append(node.parts)
            node = node.parent
        return path_of([part for chunk in reversed(chunks) for part in chunk])


def path_of(parts: Sequence[str | int]) -> str:
    """A JSONPath such as ``$[1].data.children[3]``."""
    out = ["$"]
    for part in parts:
        out.append(f"[{part}]" if isinstance(part, int) else f".{part}")
    return "".join(out)


# -- XML input ----------------------------------------------------------------------------


def xml_stream(data: Source | bytearray | memoryview, format: str, input: Input) -> IO[bytes]:
    """A binary stream of UTF-8 for lxml, whatever the source and its encoding."""
    if isinstance(data, bytes | bytearray | memoryview):
        data = io.BytesIO(data)
    elif not isinstance(data, str) and isinstance(data.read(0), str):
        data = read_limited(data, input.max_bytes)
    if isinstance(data, str):
        text = take(data, format=format, max_bytes=input.max_bytes)
        assert isinstance(text, str)
        try:
            return io.BytesIO(text.encode("utf-8"))
        except UnicodeEncodeError as error:
            raise ParseError(
                f"input holds a lone surrogate (U+{ord(text[error.start]):04X})",
                format=format,
                offset=error.start,
            ) from None
    return cast(IO[bytes], _Transcoded(cast(IO[bytes], data), format, input))


_XML_DECLARATION = re.compile(
    rb"<\?xml[^>]*?\bencoding\s*=\s*[\"']([A-Za-z0-9._\-]+)[\"']", re.ASCII
)


class _Transcoded:
    """An XML source read as UTF-8, counted against ``max_bytes`` as it is read.

    The encoding is the caller's, else the byte order mark's, else the XML
    declaration's; undeclared input is UTF-8, read as windows-1252 instead
    when the bytes before the first one that is not UTF-8 are all ASCII,
    as :func:`threadkit._io.decode` does. Valid UTF-8 passes through as it is.
    """

    def __init__(self, stream: IO[bytes], format: str, input: Input) -> None:
        self._stream = stream
        self._format = format
        self._max = input.max_bytes
        self._errors = input.errors
        self._seen = 0  # bytes taken from the source
        self._fed = 0  # offset in the source of the next byte to convert
        self._tail = b""  # the start of a UTF-8 sequence cut by a read
        self._ascii = True
        self._out = b""
        self._done = False
        self._pending = b""
        self._name = None if input.encoding is None else codec(input.encoding)
        self._decoder: codecs.IncrementalDecoder | None = None
        self._started = False

    def _start(self) -> None:
        # On the first read, so that a problem is raised while iterating.
        self._started = True
        self._pending = self._raw(1024)
        if self._name is None:
            self._name = self._declared()
        if self._name == "utf-8":
            # Declared UTF-8 passes through as it is, checked, with no fallback.
            self._ascii = False
        elif self._name is not None:
            self._decoder = codecs.getincrementaldecoder(self._name)(self._errors)

    def _declared(self) -> str | None:
        head = self._pending
        if head.startswith(b"\xef\xbb\xbf"):
            return "utf-8-sig"
        if head.startswith((b"\xff\xfe", b"\xfe\xff")):
            return "utf-16"
        # After any text before the first tag, which recover=True skips.
        match = _XML_DECLARATION.match(head, max(head.find(b"<"), 0))
        if match is None:
            return None
        label = match.group(1).decode("ascii")
        try:
            return codec(label)
        except LookupError:
            raise ParseError(
                f"the XML declaration names an unknown encoding, {label!r}; "
                "pass the right encoding=",
                format=self._format,
                line=1,
            ) from None

    def _raw(self, size: int) -> bytes:
        if self._max is not None:
            size = min(size, self._max + 1 - self._seen)
        chunk = self._stream.read(size)
        if not isinstance(chunk, bytes):
            raise TypeError("expected a binary stream")
        self._seen += len(chunk)
        if self._max is not None and self._seen > self._max:
            raise too_big(self._format, self._max)
        return chunk

    def read(self, size: int = -1) -> bytes:
        if not self._started:
            self._start()
        while not self._done and (size < 0 or len(self._out) < size):
            if self._pending:
                chunk, self._pending = self._pending, b""
            else:
                chunk = self._raw(1 << 16)
            self._done = not chunk
            self._out += self._convert(chunk, self._done)
        if size < 0:
            out, self._out = self._out, b""
        else:
            out, self._out = self._out[:size], self._out[size:]
        return out

    def _convert(self, chunk: bytes, final: bool) -> bytes:
        if self._decoder is not None:
            return self._decode(chunk, final)
        data = self._tail + chunk
        try:
            text, used = codecs.utf_8_decode(data, "strict", final)
        except UnicodeDecodeError as error:
            if self._ascii and data[: error.start].isascii():
                self._name = "cp1252"
            elif self._errors == "replace":
                self._name = "utf-8"
            else:
                raise undecodable(error, "utf-8", self._format, self._fed) from None
            self._decoder = codecs.getincrementaldecoder(self._name)(self._errors)
            self._tail = b""
            return self._decode(data, final)
        self._ascii = self._ascii and text.isascii()
        self._tail = data[used:]
        self._fed += used
        return data[:used]

    def _decode(self, data: bytes, final: bool) -> bytes:
        assert self._decoder is not None
        assert self._name is not None
        buffered = len(self._decoder.getstate()[0])
        try:
            text = self._decoder.decode(data, final)
        except UnicodeError as error:
            raise undecodable(error, self._name, self._format, self._fed - buffered) from None
        self._fed += len(data)
        return text.encode("utf-8", "surrogatepass")


_XML_CHUNK = 1 << 16

# The errors after which libxml2 reads no further even when recovering: a
# resource limit, under the name each libxml2 release gives it.
_XML_STOPS = frozenset({"ERR_RESOURCE_LIMIT", "ERR_ENTITY_LOOP", "ERR_NO_MEMORY"})


class XMLReader:
    """Elements of an XML document read as a stream, safely.

    External entities, DTDs and the network are never used. A document that
    is not well-formed raises :class:`ParseError` with its line and column,
    unless *recover* is true: then text before the first tag is skipped and
    lxml reads what it can, each problem it met becoming a repair note
    (:meth:`problems`).
    """

    def __init__(
        self,
        data: Source,
        format: str,
        input: Input,
        *,
        tags: Sequence[str],
        recover: bool = False,
    ) -> None:
        stream = xml_stream(data, format, input)
        self.format = format
        self.recover = recover
        self.skipped = 0
        if recover:
            stream = self._skip_junk(stream)
        self._stream = stream
        # A pull parser fed by hand rather than iterparse: how many bytes
        # iterparse reads at a time, and whether it hands out the elements
        # parsed before an error, changed between lxml releases. Fed here,
        # every element completed before a problem is yielded first, on
        # every lxml.
        self._parser = lxml.etree.XMLPullParser(
            events=("end",),
            tag=tags,
            encoding="utf-8",
            resolve_entities=False,
            no_network=True,
            load_dtd=False,
            dtd_validation=False,
            huge_tree=False,
            remove_comments=True,
            remove_pis=True,
            recover=recover,
        )
        self._reported = 0

    def _skip_junk(self, stream: IO[bytes]) -> IO[bytes]:
        # The stream is UTF-8 without a byte order mark (see _Transcoded).
        head = stream.read(65536)
        first = head.find(b"<")
        if first > 0:
            self.skipped = first
            head = head[first:]
        return cast(IO[bytes], _Prefixed(head, stream))

    def __iter__(self) -> Iterator[lxml.etree._Element]:
        parser = self._parser
        try:
            while chunk := self._stream.read(_XML_CHUNK):
                try:
                    parser.feed(chunk)
                finally:
                    # Before the error, if any: what was whole before it.
                    yield from self._ready()
                if self.recover and self._stopped():
                    # libxml2 refused something for good (an entity
                    # amplification): recovering, some releases then close
                    # the open elements as if they had ended. They did not:
                    # nothing after the refusal is read.
                    return
            try:
                parser.close()
            finally:
                yield from self._ready()
        except lxml.etree.XMLSyntaxError as error:
            line, column = error.position
            hint = "" if self.recover else "; pass recover=True to read what can be recovered"
            # lxml says line 0, column 0 for input with no element at all.
            raise ParseError(
                f"not well-formed XML: {error.msg}{hint}",
                format=self.format,
                line=max(line, 1),
                column=max(column, 1),
            ) from None

    def _ready(self) -> Iterator[lxml.etree._Element]:
        for _, found in self._parser.read_events():
            # Only "end" events are asked for: each is an element.
            element = cast(lxml.etree._Element, found)
            if self.recover:
                self._check_decodable(element)
            yield element

    def _stopped(self) -> bool:
        return any(entry.type_name in _XML_STOPS for entry in self._log())

    def _log(self) -> list[lxml.etree._LogEntry]:
        return list(self._parser.feed_error_log)

    def _check_decodable(self, element: lxml.etree._Element) -> None:
        # Recovering, libxml2 keeps a reference to a lone surrogate (&#xD800;)
        # as bytes that are not UTF-8, and lxml fails with UnicodeDecodeError
        # wherever they are read: look here, where the line is known.
        for node in element.iter():
            try:
                node.tag, node.text, node.attrib.items()
            except UnicodeDecodeError:
                raise ParseError(
                    "a character reference to a lone surrogate (such as &#xD800;), "
                    "which even recovering cannot read",
                    format=self.format,
                    line=line_of(node) or line_of(element),
                ) from None

    def problems(self, notes: Notes, *, before: int | None = None) -> None:
        """Record the problems met so far as repairs in *notes*.

        With *before*, only those on lines before it: lxml reads ahead, so
        its log may already hold problems that belong to what comes next.
        """
        if self.skipped:
            notes.repair("document", f"skipped {self.skipped} byte(s) before the first tag")
            self.skipped = 0
        if not self.recover:
            return
        log = self._log()
        while self._reported < len(log):
            entry = log[self._reported]
            if before is not None and entry.line >= before:
                break
            notes.repair(
                f"document line {entry.line}, column {entry.column}",
                f"{entry.message.strip()}; recovered",
            )
            self._reported += 1


class _Prefixed:
    """A binary stream that first serves *head*, then the rest of *stream*."""

    def __init__(self, head: bytes, stream: IO[bytes]) -> None:
        self._head = head
        self._stream = stream

    def read(self, size: int = -1) -> bytes:
        if self._head:
            if size is None or size < 0:
                out, self._head = self._head + self._stream.read(), b""
                return out
            out, self._head = self._head[:size], self._head[size:]
            return out
        return self._stream.read(size)


def release(element: lxml.etree._Element) -> None:
    """Free *element* and the siblings before it, once they have been read."""
    element.clear(keep_tail=True)  # type: ignore[call-arg]
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]


def local_name(element: lxml.etree._Element) -> str:
    tag: object = element.tag
    if not isinstance(tag, str):
        return ""
    return tag.rpartition("}")[2]


def line_of(element: lxml.etree._Element) -> int | None:
    """The line *element* starts on, when lxml knows it."""
    line: object = element.sourceline
    return line if isinstance(line, int) else None


def element_json(element: lxml.etree._Element, prefix: Callable[[str], str]) -> Any:
    """An XML element as JSON: its text, or a mapping of its children and attributes.

    Text is stripped of surrounding white space and empty children are left
    out; children with the same name make a list; *prefix* names a namespace
    (``"{uri}name"`` to ``"wp:name"``). Nesting is cut at the model's
    ``extra`` depth by :meth:`Notes.extra` later, and lxml itself refuses
    documents nested more than 256 levels, so this recursion is bounded.
    """
    children = [child for child in element if isinstance(child.tag, str)]
    attributes = {prefix(str(name)): str(value) for name, value in element.attrib.items()}
    if not children and not attributes:
        return (element.text or "").strip()
    out: dict[str, Any] = dict(attributes)
    listed: set[str] = set()
    for child in children:
        name = prefix(child.tag)
        value = element_json(child, prefix)
        if value == "":
            continue  # an empty element says nothing
        if name not in out:
            out[name] = value
        elif name in listed:
            out[name].append(value)
        else:
            out[name] = [out[name], value]
            listed.add(name)
    text = (element.text or "").strip()
    if text:
        out["#text"] = text
    return out


def split_element(
    element: lxml.etree._Element, prefix: Callable[[str], str], mapped: Collection[str]
) -> tuple[dict[str, lxml.etree._Element], dict[str, Any]]:
    """An element's children by name (the first of each), and the rest as JSON.

    The rest is :func:`element_json` of the element without the children and
    attributes named in *mapped*, which the importer reads itself.
    """
    children: dict[str, lxml.etree._Element] = {}
    rest: dict[str, Any] = {}
    for name, value in element.attrib.items():
        key = prefix(str(name))
        if key not in mapped:
            rest[key] = str(value)
    listed: set[str] = set()
    for child in element:
        tag: object = child.tag
        if not isinstance(tag, str):
            continue
        name = prefix(tag)
        if name not in children:
            children[name] = child
        if name in mapped:
            continue
        value = element_json(child, prefix)
        if value == "":
            continue
        if name not in rest:
            rest[name] = value
        elif name in listed:
            rest[name].append(value)
        else:
            rest[name] = [rest[name], value]
            listed.add(name)
    return children, rest


def boolean(notes: Notes, value: object, where: str) -> bool | None:
    """An XML boolean (``true``/``false``/``1``/``0``); ``None`` when absent or unreadable."""
    if value is None:
        return None
    if not isinstance(value, str):
        notes.repair(where, "not a boolean; kept as it is")
        return None
    token = value.strip().lower()
    if token in ("true", "1"):
        return True
    if token in ("false", "0", ""):
        return False
    notes.repair(where, f"{value!r} is not a boolean; taken as false")
    return None
