"""The ``jsonl`` format: JSON Lines, one flat record a line, for threads of any depth.

The first line is the article record: the version marker
``"threadkit": 1``, ``"record": "article"`` and the
:class:`~threadkit.Article` fields other than ``comments``. Every comment
follows on a line of its own, in thread order (pre-order), as a comment
record: ``"record": "comment"``, its ``"key"`` (an integer, unique in the
document), the ``"parent"`` key of the comment it replies to (``null`` at
the top level) and the :class:`~threadkit.Comment` fields other than
``replies``::

    {"threadkit":1,"record":"article","title":"Rates held"}
    {"record":"comment","key":1,"parent":null,"text":"First!"}
    {"record":"comment","key":2,"parent":1,"text":"Second."}

Fields follow the rules of the ``json`` format (:mod:`threadkit.formats.json`):
the same names and value types, left out at their default by the writer,
accepted either way by the reader, everything else refused with a
:class:`~threadkit.ParseError` giving the ``line`` and the JSONPath of the
member within the record.

Since no record nests inside another, any JSON Lines tool can read the file
(``pandas.read_json(path, lines=True)``, ``jq -c``), and the depth of a
thread is unbounded. The reader does not depend on the order of the lines:
it finds the article record wherever it is and orders replies by key, and
the writer numbers comments in thread order, so a file whose lines were
sorted or shuffled reads as the same article.

.. versionadded:: 0.1
"""

from __future__ import annotations

import functools
import re

from threadkit._io import MAX_BYTES, MAX_COMMENTS, MAX_DEPTH, Errors, Source
from threadkit.formats._reading import read_either
from threadkit.formats.jsonl import _checked, _spec
from threadkit.formats.jsonl._writer import write
from threadkit.model import Article
from threadkit.tree import DuplicatePolicy, OrphanPolicy

__all__ = ["VERSION", "read", "sniff", "write"]

VERSION = _spec.VERSION
"""The version of the record layout this module writes, on the article record as ``"threadkit"``.

It moves independently of the ``json`` format's :data:`~threadkit.formats.json.VERSION`.
"""


# The options every reader takes are spelled out in its signature, for
# help() and the documentation (the format contract in DEVELOPERS.md); the
# json format's face reads the same way, with its own two readers.
def read(
    data: Source,
    *,
    max_bytes: int | None = MAX_BYTES,
    max_depth: int | None = MAX_DEPTH,
    max_comments: int | None = MAX_COMMENTS,
    encoding: str | None = None,
    errors: Errors = "strict",
    orphans: OrphanPolicy = "error",
    duplicates: DuplicatePolicy = "error",
) -> Article:
    """Read an article from a ``jsonl`` document.

    *data* is the document as text, as bytes or as an open file; bytes are
    decoded by the rules every reader shares (UTF-8 with or without a byte
    order mark, UTF-16 with one, else see :ref:`encodings`). Blank lines
    are skipped; the lines may come in any order. The limits and *encoding*
    and *errors* are described under :ref:`limits`.

    A document threadkit wrote holds neither orphans nor duplicate keys; one
    made otherwise, from a filtered table or appended re-scrapes, may. The
    policies say what to do, as :func:`threadkit.tree.rebuild`'s do:
    *orphans* for a comment whose parent key is no comment's key
    (``"keep"`` it at the top level, ``"drop"`` it and its replies, or
    ``"error"``), *duplicates* for a key used again (``"keep"`` both unless
    they are equal, the ``"first"``, the ``"last"`` one in the first one's
    place, or ``"error"``). Keys are compared after they are read, so a
    later line with an earlier key still counts as the later copy.

    Raises:
        ParseError: the document is not one this version reads (with the
            ``line``, the ``column`` for malformed JSON, and the ``path``
            for a member within a record): no article record or two of
            them, a record of an unknown kind, a key used twice or a parent
            key that is no comment's key (unless a policy says otherwise),
            parent keys that go round in a cycle, a member of the wrong
            type, an unknown member, or a value the model refuses.
        LimitError: the document crosses a limit (with the ``line``).

    .. versionadded:: 0.1
    """
    from threadkit.formats.jsonl import _fast  # lazy: msgspec, imported on first use

    checked = _checked.read
    if orphans != "error" or duplicates != "error":
        # The fast reader steps aside for any orphan or key used twice, so the
        # policies matter to the checked reader alone.
        _checked.check_policies(orphans, duplicates)
        checked = functools.partial(_checked.read, orphans=orphans, duplicates=duplicates)
    return read_either(
        data,
        _fast.read,
        checked,
        format=_spec.SPEC.format,
        max_bytes=max_bytes,
        max_depth=max_depth,
        max_comments=max_comments,
        encoding=encoding,
        errors=errors,
    )


# -- sniffing ------------------------------------------------------------------------

_FIRST_LINE = re.compile(r"\s*+\{[^\n]*")
_MARKER = re.compile(r'"threadkit"\s*+:\s*+\d')
_ARTICLE = re.compile(r'"record"\s*+:\s*+"article"')


def sniff(head: str) -> bool:
    """Whether *head* starts a ``jsonl`` document.

    That is, whether its first line is a JSON object with the version marker
    and ``"record": "article"``.

    .. versionadded:: 0.1
    """
    first = _FIRST_LINE.match(head)
    if first is None:
        return False
    line = first.group()
    return _MARKER.search(line) is not None and _ARTICLE.search(line) is not None
