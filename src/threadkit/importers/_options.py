"""The options every importer takes, bundled into one value.

Each importer spells the shared keywords out in its own signature, so that
``help()`` and editors show them, and turns them into one
:class:`ImportOptions` before anything else; what lies below the signatures
(the input helpers, the assembly of articles) takes that one value. The
options are described once, in the table of docs/formats/importers.md.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from threadkit._io import MAX_BYTES, MAX_COMMENTS, MAX_DEPTH, Errors, check_options, too_many
from threadkit.importers._report import Reporter
from threadkit.tree import CyclePolicy, DuplicatePolicy, OrphanPolicy

__all__ = ["ImportOptions"]


@attrs.frozen(kw_only=True)
class ImportOptions:
    """How an importer rebuilds threads, reports, limits and decodes its input.

    Made from an importer's keywords by :meth:`of`, first thing, so that
    limits and an ``errors`` value that are not valid are refused before any
    input is read; the rebuild policies are checked by
    :func:`threadkit.tree.rebuild`.
    """

    orphans: OrphanPolicy = "keep"
    duplicates: DuplicatePolicy = "keep"
    cycles: CyclePolicy = "break"
    report: Reporter | None = None
    max_bytes: int | None = MAX_BYTES
    max_depth: int | None = MAX_DEPTH
    max_comments: int | None = MAX_COMMENTS
    encoding: str | None = None
    errors: Errors = "strict"
    recover: bool = False
    """Read XML that is not well-formed as well as possible; only the XML importers take it."""

    def __attrs_post_init__(self) -> None:
        check_options(self.max_bytes, self.max_depth, self.max_comments, self.errors)

    @classmethod
    def of(cls, keywords: Mapping[str, Any]) -> ImportOptions:
        """The options among *keywords*, an importer's ``locals()`` on entry.

        Names that are not options (the source, an importer's own options)
        are left alone, and an option missing from *keywords* has its default.
        """
        given = {name: keywords[name] for name in _NAMES if name in keywords}
        return cls(**given)

    def count(
        self, format: str, held: int, *, path: object = None, line: int | None = None
    ) -> None:
        """Refuse another comment for an article that already holds *held* of them.

        *path* (a ``JSONPath``, or a string) is made a string only then: a
        deep thread's paths are long.
        """
        if self.max_comments is not None and held >= self.max_comments:
            where = None if path is None else str(path)
            raise too_many(format, self.max_comments, path=where, line=line)


_NAMES = tuple(field.name for field in attrs.fields(ImportOptions))
