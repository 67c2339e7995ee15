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
are, dates and times as :meth:`datetime.datetime.isoformat` writes them but
a zero offset as ``Z``, with a final line feed: the output is exactly what
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
# directly (see _writer).

from __future__ import annotations

import importlib.resources
import json
import re
from typing import Any

from threadkit._io import MAX_BYTES, MAX_COMMENTS, Errors, Source
from threadkit._io import MAX_DEPTH as _MAX_DEPTH
from threadkit.formats._reading import read_either
from threadkit.formats.json import _checked, _spec
from threadkit.formats.json._writer import write
from threadkit.model import Article

__all__ = ["MAX_DEPTH", "VERSION", "read", "schema", "sniff", "write"]

VERSION = _spec.VERSION
"""The document version this module writes, the value of the ``"threadkit"`` member."""

MAX_DEPTH = _spec.MAX_DEPTH
"""How many levels comments may nest in a document (a top-level comment is level 1).

A comment at level *d* sits at JSON nesting level ``2 * d + 1``; with its
``extra`` nested as deeply as the model allows, a document within the bound
nests at most 433 levels, well inside the default limits of Python's
:mod:`json` (about 1,000) and of orjson (1,024).
"""


# The options every reader takes are spelled out in its signature, for
# help() and the documentation (the format contract in DEVELOPERS.md); the
# jsonl format's face reads the same way, with its own two readers.
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

    Raises:
        ParseError: malformed JSON (with the ``line`` and ``column``); a
            document this version cannot read, a member of the wrong type,
            an unknown member or a value the model refuses (with the
            JSONPath of the offending member as ``path``).
        LimitError: the document crosses a limit.

    .. versionadded:: 0.1
    """
    from threadkit.formats.json import _fast  # lazy: msgspec, imported on first use

    return read_either(
        data,
        _fast.read,
        _checked.read,
        format=_spec.SPEC.format,
        max_bytes=max_bytes,
        max_depth=max_depth,
        max_comments=max_comments,
        encoding=encoding,
        errors=errors,
    )


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
