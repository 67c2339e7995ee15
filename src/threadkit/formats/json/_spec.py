"""What the ``json`` format is: its version, its depth bound and its migrations.

The package's readers and writer take them from here, and hand the shared
reading in :mod:`threadkit.formats._jsondoc` the :data:`SPEC` it needs.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from threadkit.formats._jsondoc import ARTICLE, COMMENT, MARKER, Spec, names
from threadkit.model import EXTRA_MAX_DEPTH

__all__ = ["MAX_DEPTH", "MIGRATIONS", "SPEC", "VERSION", "Migration"]

VERSION = 1
"""The document version the writer writes (the face documents it)."""

MAX_DEPTH = 200
"""How many levels comments may nest (the face documents it)."""

Migration = Callable[[dict[str, Any]], dict[str, Any]]
"""Turns a document of one version, as :func:`json.loads` parsed it, into one of the next."""

MIGRATIONS: dict[int, Migration] = {}
"""One function per old version N, turning a version-N document into a version N+1 one.

Version 1 is the first version, so there is nothing to migrate yet. A
migration must not recurse along ``"replies"``: it walks them with an
explicit stack.
"""

SPEC = Spec(
    format="json",
    version=VERSION,
    migrations=MIGRATIONS,
    # A comment at level d nests at JSON level 2 * d + 1, its extra as deep
    # again as the model allows.
    nesting=2 * MAX_DEPTH + 1 + EXTRA_MAX_DEPTH,
    article_members=names(ARTICLE) | {MARKER},
    comment_members=names(COMMENT),
)
"""What the shared reading needs of the ``json`` format."""
