"""What the ``jsonl`` format is: its version, its records and its migrations.

The package's readers and writer take them from here, and hand the shared
reading in :mod:`threadkit.formats._jsondoc` the :data:`SPEC` it needs.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from threadkit.formats._jsondoc import ARTICLE, COMMENT, MARKER, Kind, Spec, names
from threadkit.model import EXTRA_MAX_DEPTH

__all__ = ["MIGRATIONS", "RECORD", "SPEC", "VERSION", "Migration"]

VERSION = 1
"""The version of the record layout the writer writes (the face documents it)."""

RECORD = "record"
"""The member that says what a record is: ``"article"`` or ``"comment"``."""

Migration = Callable[[list[dict[str, Any]]], list[dict[str, Any]]]
"""Turns the records of a document of one version into those of the next."""

MIGRATIONS: dict[int, Migration] = {}
"""One function per old version N, turning the records of a version-N document into N+1 ones.

It takes the article record first, then the others in the order of their
lines, and gives one record for one, so that line numbers still point at
their source. Version 1 is the first version.
"""

SPEC = Spec(
    format="jsonl",
    version=VERSION,
    migrations=MIGRATIONS,
    # A record nests no comment: only its extra, as deep as the model allows.
    nesting=1 + EXTRA_MAX_DEPTH,
    article_members=names(tuple(m for m in ARTICLE if m.kind is not Kind.COMMENTS))
    | {MARKER, RECORD},
    comment_members=names(tuple(m for m in COMMENT if m.kind is not Kind.COMMENTS))
    | {RECORD, "key", "parent"},
)
"""What the shared reading needs of the ``jsonl`` format."""
