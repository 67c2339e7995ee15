"""What a format of one's own needs: input and limits, text from HTML, cleaned strings.

The built-in readers and the importers use these; a plug-in format (see
:doc:`/formats/adding`) uses them to behave as they do:

- :func:`read_input` checks the options every reader takes (the limits of
  :ref:`limits`, ``encoding`` and ``errors``), refuses input past
  ``max_bytes`` and decodes bytes by the rules every reader shares
  (:ref:`encodings`); :func:`check_thread` refuses a thread deeper than
  ``max_depth`` or larger than ``max_comments``. Both raise
  :class:`~threadkit.LimitError` and :class:`~threadkit.ParseError` with the
  format's name.
- :func:`html_to_text` turns an HTML fragment (a comment body as a platform
  stores it) into a text field, by the rules the importers and the page
  reader follow: paragraphs, line breaks, lists, quotations and links.
- :func:`clean_text` and :func:`clean_line` make any string fit a text or
  a line field, removing the characters the model refuses (controls, lone
  surrogates, noncharacters) where the constructors would refuse them.

.. versionadded:: 0.1
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TypeAlias

from threadkit._forest import count_upto, depth
from threadkit._io import MAX_BYTES as _MAX_BYTES
from threadkit._io import MAX_COMMENTS as _MAX_COMMENTS
from threadkit._io import MAX_DEPTH as _MAX_DEPTH
from threadkit._io import Errors as _Errors
from threadkit._io import Source as _Source
from threadkit._io import read_input as _read_input
from threadkit._io import too_deep as _too_deep
from threadkit._io import too_many as _too_many
from threadkit._values import REFUSED, check_text
from threadkit.errors import LimitError
from threadkit.model import Comment

__all__ = [
    "MAX_BYTES",
    "MAX_COMMENTS",
    "MAX_DEPTH",
    "Errors",
    "Source",
    "check_thread",
    "clean_line",
    "clean_text",
    "html_to_text",
    "read_input",
    "too_deep",
    "too_many",
]

Source: TypeAlias = _Source
"""What a reader takes: a document as ``str`` or ``bytes``, or an open file."""

Errors: TypeAlias = _Errors
"""The values of the ``errors`` option: ``"strict"`` or ``"replace"``."""

MAX_BYTES = _MAX_BYTES
"""The default ``max_bytes`` of every reader: 256 MiB."""

MAX_DEPTH = _MAX_DEPTH
"""The default ``max_depth`` of every reader: 100,000 levels."""

MAX_COMMENTS = _MAX_COMMENTS
"""The default ``max_comments`` of every reader: a million."""

_LINE_BREAKS = re.compile(r"[\r\n]+")


# The options every reader takes, spelled out as each reader's signature
# spells them (DEVELOPERS.md, "The format contract").
def read_input(
    data: Source,
    *,
    format: str,
    max_bytes: int | None = MAX_BYTES,
    max_depth: int | None = MAX_DEPTH,
    max_comments: int | None = MAX_COMMENTS,
    encoding: str | None = None,
    errors: Errors = "strict",
) -> str:
    """The document *data* as text, the options every reader takes checked first.

    Args:
        data: The document, or an open file (binary or text) to read it from.
        format: The format's name, for the errors' messages.
        max_bytes: Refuse input longer than this (bytes, or characters of a
            ``str``); ``None`` for no limit.
        max_depth: Checked here to be a limit; the reader applies it, with
            :func:`check_thread`.
        max_comments: As *max_depth*.
        encoding: The encoding of bytes; ``None`` to tell it as every
            reader does (a byte order mark, UTF-8, else windows-1252).
        errors: ``"strict"`` to refuse bytes that are not in the encoding,
            ``"replace"`` to read them as U+FFFD.

    Raises:
        LimitError: *data* is longer than *max_bytes*.
        ParseError: The bytes are not in the encoding.
        TypeError: A limit is not an int or ``None``.
        ValueError: A limit is negative, or *errors* is neither value.

    .. versionadded:: 0.1
    """
    return _read_input(
        data,
        format=format,
        max_bytes=max_bytes,
        max_depth=max_depth,
        max_comments=max_comments,
        encoding=encoding,
        errors=errors,
    )


def check_thread(
    comments: Sequence[Comment],
    *,
    format: str,
    max_depth: int | None = MAX_DEPTH,
    max_comments: int | None = MAX_COMMENTS,
) -> None:
    """Refuse a thread deeper than *max_depth* or with more than *max_comments* comments.

    For a reader that builds the whole thread before it can tell (one that
    rebuilds it from parent ids with :func:`threadkit.tree.rebuild`, say).
    A reader that meets the comments one by one does better to count as it
    goes and stop at the first one too many.

    Raises:
        LimitError: The thread crosses a limit (a
            :class:`~threadkit.ParseError`).

    .. versionadded:: 0.1
    """
    if max_comments is not None and count_upto(comments, max_comments) > max_comments:
        raise _too_many(format, max_comments)
    if max_depth is not None and depth(comments) > max_depth:
        raise _too_deep(format, max_depth)


def too_many(format: str, max_comments: int, *, line: int | None = None) -> LimitError:
    """The error to raise for the comment one past *max_comments*, on *line* if known.

    For a reader that counts comments as it meets them.

    .. versionadded:: 0.1
    """
    return _too_many(format, max_comments, line=line)


def too_deep(format: str, max_depth: int, *, line: int | None = None) -> LimitError:
    """The error to raise for a comment nested deeper than *max_depth*, on *line* if known.

    .. versionadded:: 0.1
    """
    return _too_deep(format, max_depth, line=line)


def clean_text(value: str) -> str:
    """*value* as a text field: refused characters removed, line breaks as the model keeps them.

    ``"\\r\\n"`` and ``"\\r"`` become ``"\\n"``, line breaks at the ends go, and
    runs of blank lines become one: the value the constructors would keep,
    where they would refuse *value* for a character.

    .. versionadded:: 0.1
    """
    if not value.isprintable():
        value = REFUSED.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))
    return check_text("text", value)


def clean_line(value: str | None) -> str | None:
    """*value* as a line field: refused characters removed, line breaks made spaces, stripped.

    ``None`` for ``None`` or for a value with nothing left.

    .. versionadded:: 0.1
    """
    if value is None:
        return None
    if not value.isprintable():
        value = REFUSED.sub("", _LINE_BREAKS.sub(" ", value))
    return value.strip() or None


def html_to_text(
    html: str, *, newlines: bool = False, links: bool = True, quotes: bool = True
) -> str:
    """Plain text, with paragraphs and line breaks, from the HTML fragment *html*.

    The rules of the importers and the page reader: block elements are
    paragraphs, ``<br>`` a line break, list items lines starting with ``"- "``
    or ``"1. "``, white space collapsed except in ``<pre>``, character
    references decoded once, scripts and styles dropped. With *links*, a
    link whose text is not its address keeps the address after the text,
    ``the report <https://x.org/r>``; with *quotes*, every line of a
    ``<blockquote>`` starts with ``"> "``. With *newlines*, a line feed in the
    text counts as a line break and a blank line as a paragraph break (as
    WordPress stores comments). Characters the model refuses are removed
    first; the result is a text field the constructors keep as it is.
    Nesting of any depth is read without recursion.

    .. versionadded:: 0.1
    """
    from threadkit._html_text import to_text  # lazy: the module imports lxml

    if not html.isprintable():
        html = REFUSED.sub("", html.replace("\r\n", "\n").replace("\r", "\n"))
    return check_text("text", to_text(html, newlines=newlines, links=links, quotes=quotes))
