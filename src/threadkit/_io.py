"""Bytes in and out: reading limits, decoding input, writing files atomically.

Every reader takes the same input options, checked here: ``max_bytes``,
``max_depth`` and ``max_comments`` (see :data:`MAX_BYTES`,
:data:`MAX_DEPTH`, :data:`MAX_COMMENTS`), ``encoding`` and ``errors``.
"""

from __future__ import annotations

import codecs
import contextlib
import json
import os
import re
import sys
from collections.abc import Sequence
from typing import IO, Literal, TypeAlias

from threadkit._forest import depth_breach
from threadkit.errors import LimitError, ParseError

MAX_BYTES = 256 * 1024 * 1024
"""The default ``max_bytes``: 256 MiB (a million comments written as html take about 240 MB)."""

MAX_DEPTH = 100_000
"""The default ``max_depth``: replies nested 100,000 levels, as deep as threadkit guarantees."""

MAX_COMMENTS = 1_000_000
"""The default ``max_comments``: a million comments in one article."""

Errors: TypeAlias = Literal["strict", "replace"]
Source: TypeAlias = "str | bytes | IO[bytes] | IO[str]"
ThreadLimits: TypeAlias = "tuple[int | None, int | None]"
"""``(max_depth, max_comments)``, for the parts of a reader that build the thread."""

_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def check_options(
    max_bytes: int | None, max_depth: int | None, max_comments: int | None, errors: str
) -> None:
    """Refuse option values that are not limits, before any input is read."""
    for name, value in (
        ("max_bytes", max_bytes),
        ("max_depth", max_depth),
        ("max_comments", max_comments),
    ):
        if value is None:
            continue
        if type(value) is not int:
            raise TypeError(f"{name} must be an int or None, not {type(value).__name__}")
        if value < 0:
            raise ValueError(f"{name} must not be negative, got {value}")
    if errors not in ("strict", "replace"):
        raise ValueError(f"errors must be 'strict' or 'replace', not {errors!r}")


def too_big(format: str, max_bytes: int) -> LimitError:
    """The error for input longer than *max_bytes*, located where it crossed the limit."""
    return LimitError(
        "max_bytes", max_bytes, "the input is larger", format=format, offset=max_bytes
    )


def read_limited(stream: IO[bytes] | IO[str], max_bytes: int | None) -> str | bytes:
    """All of *stream*, but never more than ``max_bytes + 1`` bytes (characters for text)."""
    if max_bytes is None:
        return stream.read()
    chunks = []
    size = 0
    while size <= max_bytes:
        chunk = stream.read(max_bytes + 1 - size)
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    if len(chunks) == 1:
        return chunks[0]
    empty: str | bytes = stream.read(0) if not chunks else chunks[0][:0]
    return empty.join(chunks)  # type: ignore[arg-type]


def take(
    data: Source | bytearray | memoryview, *, format: str, max_bytes: int | None
) -> str | bytes:
    """The whole of *data*, refused with a :class:`LimitError` past *max_bytes*.

    A stream is read no further than one byte past the limit. Text (``str``)
    is measured in characters.
    """
    if isinstance(data, bytearray | memoryview):
        data = bytes(data)
    elif not isinstance(data, str | bytes):
        data = read_limited(data, max_bytes)
    if max_bytes is not None and len(data) > max_bytes:
        raise too_big(format, max_bytes)
    return data


def codec(encoding: str) -> str:
    """The Python codec name for *encoding*; :class:`LookupError` if it names no text encoding.

    Codecs from bytes to bytes (``base64``, ``zlib``) or str to str (``rot13``)
    are not text encodings: a document cannot be written in them.
    """
    try:
        name = codecs.lookup(encoding).name
        b"a".decode(name, "ignore")  # LookupError for a codec that is not a text encoding
    except LookupError:
        raise LookupError(f"unknown encoding {encoding!r}") from None
    return name


def decode(
    data: str | bytes,
    *,
    format: str,
    encoding: str | None = None,
    errors: Errors = "strict",
) -> str:
    """Return *data* as text, by the rules every reader shares.

    In order: the caller's *encoding*; a byte order mark (UTF-8, UTF-16 LE
    or BE); UTF-8 when the bytes are valid UTF-8; windows-1252 when the
    bytes before the first one that is not UTF-8 are all ASCII (undeclared
    Latin-1 or Windows text). Anything else is invalid UTF-8: a
    :class:`ParseError` naming the byte offset, or U+FFFD in place of each
    bad sequence with ``errors="replace"``. A leading U+FEFF is dropped.
    """
    if isinstance(data, str):
        return data[1:] if data.startswith("\ufeff") else data
    if encoding is not None:
        text = _decode(data, codec(encoding), format, errors)
    elif data.startswith(_UTF8_BOM):
        text = _decode(data[3:], "utf-8", format, errors)
    elif data.startswith(_UTF16_BOMS):
        text = _decode(data, "utf-16", format, errors)
    else:
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError as error:
            if data[: error.start].isascii():
                text = _decode(data, "cp1252", format, errors)
            elif errors == "replace":
                text = data.decode("utf-8", "replace")
            else:
                raise undecodable(error, "utf-8", format, 0) from None
    return text[1:] if text.startswith("\ufeff") else text


def plain_utf8(data: str | bytes, encoding: str | None) -> bytes | None:
    """*data*, when it is bytes that :func:`decode` would take as UTF-8 with nothing to strip.

    That is, bytes without a byte order mark when no *encoding* is given:
    a parser that checks UTF-8 itself may read them as they are, and leave
    anything that is not valid UTF-8 to :func:`decode`.
    """
    if type(data) is not bytes or encoding is not None:
        return None
    if data.startswith(_UTF8_BOM) or data.startswith(_UTF16_BOMS):
        return None
    return data


def _decode(data: bytes, name: str, format: str, errors: Errors) -> str:
    try:
        return data.decode(name, errors)
    except UnicodeError as error:
        raise undecodable(error, name, format, 0) from None


_NAMES = {
    "utf-8": "UTF-8",
    "utf-16": "UTF-16",
    "cp1252": "windows-1252 (the fallback for text that is not UTF-8)",
}


def undecodable(error: UnicodeError, name: str, format: str, base: int) -> ParseError:
    """The :class:`ParseError` for bytes *name* cannot decode, *base* the offset of the chunk.

    Some decoders raise a bare :class:`UnicodeError`, without a place (UTF-16
    or UTF-32 input too short for its byte order mark): then *base* is it.
    """
    if isinstance(error, UnicodeDecodeError):
        bad = " ".join(f"0x{byte:02X}" for byte in error.object[error.start : error.end][:4])
        problem = f"{error.reason} ({bad})"
        base += error.start
    else:
        problem = str(error)
    return ParseError(
        f"input is not valid {_NAMES.get(name, name)}: {problem}; pass errors='replace' "
        "to read it with U+FFFD in their place, or the right encoding=",
        format=format,
        offset=base,
    )


def atomic_write(path: str | os.PathLike[str], data: bytes) -> None:
    """Write *data* to *path* so that the file is either complete or untouched."""
    target = os.fspath(path)
    directory = os.path.dirname(os.path.abspath(target))
    import tempfile  # lazy: slow to import, and rarely needed

    handle, temporary = tempfile.mkstemp(
        dir=directory, prefix=f".{os.path.basename(target)}.", suffix=".tmp"
    )
    try:
        os.chmod(temporary, _new_file_mode(target))
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _new_file_mode(target: str) -> int:
    # mkstemp makes the file private; give it the mode an ordinary open() would.
    try:
        return os.stat(target).st_mode & 0o7777
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


def too_deep(
    format: str,
    max_depth: int,
    *,
    line: int | None = None,
    column: int | None = None,
    path: str | None = None,
) -> LimitError:
    """The error for a comment nested one level deeper than *max_depth* allows."""
    return LimitError(
        "max_depth",
        max_depth,
        "a comment is nested deeper",
        format=format,
        line=line,
        column=column,
        path=path,
    )


def too_many(
    format: str,
    max_comments: int,
    *,
    line: int | None = None,
    column: int | None = None,
    path: str | None = None,
    offset: int | None = None,
) -> LimitError:
    """The error for the comment one past *max_comments*."""
    return LimitError(
        "max_comments",
        max_comments,
        "the input holds more comments",
        format=format,
        line=line,
        column=column,
        path=path,
        offset=offset,
    )


def read_input(
    data: Source,
    *,
    format: str,
    max_bytes: int | None,
    max_depth: int | None,
    max_comments: int | None,
    encoding: str | None,
    errors: Errors,
) -> str:
    """Check the options, then take and decode *data* (see :func:`take` and :func:`decode`)."""
    check_options(max_bytes, max_depth, max_comments, errors)
    raw = take(data, format=format, max_bytes=max_bytes)
    return decode(raw, format=format, encoding=encoding, errors=errors)


_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def member_path(name: str) -> str:
    """The JSONPath step to member *name*: ``.name``, or ``["odd name"]``."""
    if _IDENTIFIER.fullmatch(name):
        return "." + name
    return "[" + json.dumps(name, ensure_ascii=False) + "]"


class _Huge:
    __slots__ = ("digits",)

    def __init__(self, digits: int) -> None:
        self.digits = digits


def huge_number(text: str, format: str, prefix: str, line: int | None = None) -> ParseError | None:
    """The error for an integer too long for Python to convert, located by its JSONPath.

    Called after :func:`json.loads` raised a bare :class:`ValueError`;
    ``None`` when that was not the cause. The message starts with *prefix*.
    """
    limit = sys.get_int_max_str_digits()

    def integer(digits: str) -> object:
        return _Huge(len(digits.lstrip("-"))) if len(digits) > limit else 0

    try:
        document = json.loads(text, parse_int=integer)
    except (ValueError, RecursionError):
        return None
    stack: list[tuple[object, str]] = [(document, "$")]
    while stack:
        value, path = stack.pop()
        if isinstance(value, _Huge):
            return ParseError(
                f"{prefix}a number with {value.digits:_} digits, more than the {limit:_} "
                "Python converts (sys.set_int_max_str_digits)",
                format=format,
                line=line,
                path=path,
            )
        if isinstance(value, dict):
            stack.extend((item, path + member_path(key)) for key, item in value.items())
        elif isinstance(value, list):
            stack.extend((item, f"{path}[{index}]") for index, item in enumerate(value))
    return None


def thread_breach(
    parents: Sequence[int], max_depth: int | None, max_comments: int | None
) -> tuple[str, int, int] | None:
    """The first limit a flat thread crosses: ``(limit, its value, comment index)``.

    ``parents[i]`` is the index of comment *i*'s parent, as
    :func:`threadkit._forest.depth_breach` takes them. ``None`` when no limit
    is crossed.
    """
    if max_comments is not None and len(parents) > max_comments:
        return "max_comments", max_comments, max_comments
    if max_depth is None:
        return None
    deep = depth_breach(parents, max_depth)
    return None if deep is None else ("max_depth", max_depth, deep)


def breach_error(format: str, breach: tuple[str, int, int], line: int | None) -> LimitError:
    """The :class:`LimitError` for a :func:`thread_breach` result, at *line*."""
    limit, value, _ = breach
    if limit == "max_depth":
        return too_deep(format, value, line=line)
    return too_many(format, value, line=line)


_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*+"|[\[{]|[\]}]')


def json_nesting(text: str, levels: int) -> tuple[int, int] | None:
    """The line and column (1-based) where JSON *text* first nests deeper than *levels*.

    For the error when a parser's recursion gave out, which does not say where.
    """
    depth = 0
    for token in _JSON_TOKEN.finditer(text):
        char = token.group()[0]
        if char in "[{":
            depth += 1
            if depth > levels:
                at = token.start()
                return text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at)
        elif char != '"':
            depth -= 1
    return None
