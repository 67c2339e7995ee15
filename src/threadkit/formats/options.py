"""The options of each built-in format's reader and writer, as typed dictionaries.

:func:`threadkit.loads`, :func:`~threadkit.load`, :func:`~threadkit.dumps`
and :func:`~threadkit.dump` (and the ``_all`` readers) take their options as
keywords typed by these, one per format named, so a type checker (mypy,
pyright) refuses a misspelt option or one the format does not take::

    threadkit.loads(data, format="json", max_comment=10)  # a type error

At run time an option the format does not take is a :class:`TypeError`
naming the format and listing the options it takes. Options other than
those of :class:`ReadOptions` need the format named: a format guessed from
a file's name or content, or named by a ``str`` that is no literal, takes
the options every reader takes, and a :class:`~threadkit.Format` object
(a plug-in format's, say) takes any keyword the type checker cannot check.
Use these types to annotate options passed on by code of your own::

    def read_quietly(path: str, **options: Unpack[ReadOptions]) -> Article:
        return threadkit.load(path, **options)

Every key is optional; the defaults and meanings are those of each
reader's and writer's signature.

.. versionadded:: 0.1
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from typing import TYPE_CHECKING, Any, Literal, TypedDict

if TYPE_CHECKING:
    from threadkit._io import Errors
    from threadkit.formats.text import TextReport
    from threadkit.importers._report import Reporter
    from threadkit.pages import Finder, PageReport, Rule
    from threadkit.tree import CyclePolicy, DuplicatePolicy, OrphanPolicy

__all__ = [
    "AnyReadOptions",
    "DisqusReadOptions",
    "HTMLReadOptions",
    "HTMLWriteOptions",
    "ImportReadOptions",
    "JSONLReadOptions",
    "ReadOptions",
    "RedditReadOptions",
    "TextReadOptions",
    "WordPressReadOptions",
]


class ReadOptions(TypedDict, total=False):
    """The options every reader takes: the limits and the decoding of bytes.

    ``max_bytes``, ``max_depth``, ``max_comments`` (see :ref:`limits`),
    ``encoding`` and ``errors`` (see :ref:`encodings`). The ``json`` reader
    takes these alone.

    .. versionadded:: 0.1
    """

    max_bytes: int | None
    max_depth: int | None
    max_comments: int | None
    encoding: str | None
    errors: Errors


class TextReadOptions(ReadOptions, total=False):
    """The ``text`` reader's options: those of every reader and ``report``.

    ``report`` is called with a :class:`~threadkit.formats.text.TextReport`
    of the lines read as text that look like syntax, as
    :func:`threadkit.formats.text.read` describes it.

    .. versionadded:: 0.1
    """

    report: Callable[[TextReport], object] | None


class JSONLReadOptions(ReadOptions, total=False):
    """The ``jsonl`` reader's options: those of every reader, ``orphans`` and ``duplicates``.

    What to do with a comment whose parent key is no comment's and with a key
    used twice, as :func:`threadkit.formats.jsonl.read` describes them.

    .. versionadded:: 0.1
    """

    orphans: OrphanPolicy
    duplicates: DuplicatePolicy


class HTMLReadOptions(ReadOptions, total=False):
    """The ``html`` reader's options: those of every reader, and how to read a page.

    ``url``, ``rules`` and ``report``, as :func:`threadkit.formats.html.read`
    describes them.

    .. versionadded:: 0.1
    """

    url: str | None
    rules: Iterable[Rule | Finder]
    report: Callable[[PageReport], object] | None


class HTMLWriteOptions(TypedDict, total=False):
    """The ``html`` writer's options; the other writers take none.

    ``fragment``, ``max_nesting`` and ``lang``, as
    :func:`threadkit.formats.html.write` describes them.

    .. versionadded:: 0.1
    """

    fragment: bool
    max_nesting: int
    lang: str


class ImportReadOptions(ReadOptions, total=False):
    """The options every importer takes (``hackernews`` and ``mastodon`` take these alone).

    Those of every reader, and ``orphans``, ``duplicates``, ``cycles`` and
    ``report``: see the table of :doc:`/formats/importers`.

    .. versionadded:: 0.1
    """

    orphans: OrphanPolicy
    duplicates: DuplicatePolicy
    cycles: CyclePolicy
    report: Reporter | None


class RedditReadOptions(ImportReadOptions, total=False):
    """The ``reddit`` importer's options: every importer's, and ``text``.

    .. versionadded:: 0.1
    """

    text: Literal["markdown", "html"]


class DisqusReadOptions(ImportReadOptions, total=False):
    """The ``disqus`` importer's options: every importer's, ``recover`` and ``spill_after``.

    .. versionadded:: 0.1
    """

    recover: bool
    spill_after: int


class WordPressReadOptions(ImportReadOptions, total=False):
    """The ``wordpress`` importer's options: every importer's, ``post_types`` and ``recover``.

    .. versionadded:: 0.1
    """

    post_types: Collection[str] | None
    recover: bool


class AnyReadOptions(ReadOptions, total=False):
    """Every option some reader takes: those of a format guessed from a name or content.

    Which of them the guessed format takes is known only at run time, where
    an option its reader does not take is a :class:`TypeError`.

    .. versionadded:: 0.1
    """

    url: str | None
    rules: Iterable[Rule | Finder]
    report: Callable[[Any], object] | None
    orphans: OrphanPolicy
    duplicates: DuplicatePolicy
    cycles: CyclePolicy
    text: Literal["markdown", "html"]
    recover: bool
    spill_after: int
    post_types: Collection[str] | None
