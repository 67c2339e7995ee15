"""The plain-text format: an article and its thread as a text-mode browser dumps a news page.

A dump reads top to bottom: the title, an optional subtitle, the body, an
``Author: NAME`` line with the author's bio, then the comments as bullets
``•`` indented two spaces per level, each with its text indented two more::

    Council Approves Bike Lane

    After a year of hearings, councillors back a cycle track

    The town council voted 5–4 on Tuesday night.

    Author: Dana Whitcombe

    Dana Whitcombe covers town government.

      • Pete Lindqvist

        I run the hardware store at Mill and Church.

        • Rosa Delgado

          Pete, the traffic study counted your block.

      • A comment without a named author is one bullet line.

What the dialect itself cannot say is carried by two conventions that never
appear for an article holding only what such a dump holds:

* *Metadata lines* ``[key: value]`` (or a bare ``[flag]``) directly under
  the line they describe: the title, an ``Author:`` line or a bullet.
* *Literal lines*: a line of text starting with a backslash is taken
  literally, so text that looks like syntax stays text. A second backslash
  at its end protects trailing whitespace.

The grammar is given in full in ``docs/formats/text.md``. Threads may be
nested at most :data:`MAX_DEPTH` levels: each level indents every line below
it, so a dump grows with the square of a reply chain's depth.

.. versionadded:: 0.1
"""

from __future__ import annotations

from threadkit._gc import collector_paused
from threadkit._io import MAX_BYTES, MAX_COMMENTS, Errors, Source, read_input
from threadkit._io import MAX_DEPTH as _MAX_DEPTH
from threadkit.formats.text import _grammar, _reader
from threadkit.formats.text._writer import write
from threadkit.model import Article

__all__ = ["MAX_DEPTH", "SUBTITLE_MAX_LENGTH", "read", "sniff", "write"]

# Assigned, not imported: autodoc reads a constant's docstring where it is assigned.
MAX_DEPTH = _grammar.MAX_DEPTH
"""How deeply replies may nest: the writer and the reader refuse deeper threads.

.. versionadded:: 0.1
"""

SUBTITLE_MAX_LENGTH = _grammar.SUBTITLE_MAX_LENGTH
"""The longest paragraph, in characters, that the reader takes for an unmarked subtitle.

.. versionadded:: 0.1
"""


# The signature every reader shares: DEVELOPERS.md, "The format contract".
def read(
    data: Source,
    *,
    max_bytes: int | None = MAX_BYTES,
    max_depth: int | None = _MAX_DEPTH,
    max_comments: int | None = MAX_COMMENTS,
    encoding: str | None = None,
    errors: Errors = "strict",
) -> Article:
    """Read an article from a plain-text dump.

    Reads the canonical form :func:`write` produces and dumps as text-mode
    browsers make them: CRLF or CR line endings, trailing spaces, runs of
    blank lines and a missing or extra final newline read the same.

    *data* is the dump as text, as bytes or as an open file; bytes are
    decoded by the rules every reader shares (see :ref:`encodings`). The
    limits and *encoding* and *errors* are described under :ref:`limits`;
    the format's own bound of :data:`MAX_DEPTH` levels applies whatever
    *max_depth* says.

    Raises:
        ParseError: the input is not a dump (with its line and column).
        LimitError: the input crosses a limit (with its line and column,
            or the byte offset for ``max_bytes``).

    .. versionadded:: 0.1
    """
    text = read_input(
        data,
        format=_grammar.FORMAT,
        max_bytes=max_bytes,
        max_depth=max_depth,
        max_comments=max_comments,
        encoding=encoding,
        errors=errors,
    )
    with collector_paused():
        return _reader.read(text, max_depth, max_comments)


def sniff(head: str) -> bool:
    """Whether *head* may be a plain-text dump: any text that does not look like JSON or markup.

    The registry tries this format last, as the fallback.

    .. versionadded:: 0.1
    """
    text = head.lstrip() if isinstance(head, str) else ""
    if not text:
        return False
    first = text[0]
    if first == "{":
        return False
    return not (first == "<" and len(text) > 1 and (text[1].isalpha() or text[1] in "!?/"))
