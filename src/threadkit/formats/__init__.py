"""The registry of formats.

Each format is a module beside this one with the same shape: ``read(data)``
returns an :class:`~threadkit.Article` from ``str`` or ``bytes``,
``write(article)`` returns ``str``, and ``sniff(head)`` says whether the start
of a document looks like this format. Adding a format is adding a module and
a row to :data:`FORMATS`. Modules are imported only when first used, so
``import threadkit`` stays cheap.

.. versionadded:: 0.1
"""

from __future__ import annotations

import importlib
import os
from types import ModuleType
from typing import Any

import attrs

from threadkit.errors import UnknownFormatError
from threadkit.model import Article

__all__ = ["FORMATS", "Format", "get_format", "guess_format"]


@attrs.frozen
class Format:
    """One registered format.

    .. versionadded:: 0.1
    """

    name: str
    """The name used by :func:`threadkit.loads`, :func:`threadkit.dumps` and the CLI."""
    module: str = attrs.field(repr=False)
    """The module implementing it."""
    suffixes: tuple[str, ...]
    """File name suffixes, the first one preferred when writing."""
    summary: str = attrs.field(repr=False)
    """One line on what the format is."""

    def _implementation(self) -> ModuleType:
        return importlib.import_module(self.module)

    def read(self, data: str | bytes, **options: Any) -> Article:
        """Read one article from *data*."""
        article: Article = self._implementation().read(data, **options)
        return article

    def write(self, article: Article, **options: Any) -> str:
        """Write *article* as a document of this format."""
        text: str = self._implementation().write(article, **options)
        return text

    def sniff(self, head: str) -> bool:
        """Whether *head*, the start of a document, looks like this format."""
        return bool(self._implementation().sniff(head))


# Sniffing tries the rows in this order, so more specific formats come first
# and the plain-text format, which accepts almost anything, comes last.
FORMATS: tuple[Format, ...] = (
    Format("json", "threadkit.formats.json", (".json",), "nested JSON, versioned schema"),
    Format(
        "jsonl", "threadkit.formats.jsonl", (".jsonl", ".ndjson"), "JSON Lines, one record a line"
    ),
    Format(
        "html", "threadkit.formats.html", (".html", ".htm"), "HTML5 page with schema.org markup"
    ),
    Format("text", "threadkit.formats.text", (".txt", ".text"), "plain-text dump dialect"),
)
"""Every format threadkit reads and writes, in sniffing order."""

_BY_NAME = {fmt.name: fmt for fmt in FORMATS}
_BY_SUFFIX = {suffix: fmt for fmt in FORMATS for suffix in fmt.suffixes}


def get_format(name: str | Format) -> Format:
    """The format called *name*; raises :class:`~threadkit.UnknownFormatError`."""
    if isinstance(name, Format):
        return name
    try:
        return _BY_NAME[name.lower()]
    except KeyError:
        known = ", ".join(_BY_NAME)
        raise UnknownFormatError(f"unknown format {name!r}; known formats: {known}") from None


def guess_format(
    path: str | os.PathLike[str] | None = None, content: str | bytes | None = None
) -> Format:
    """Guess a format from a file's suffix, then from its content.

    Raises :class:`~threadkit.UnknownFormatError` when neither tells.
    """
    if path is not None:
        suffix = os.path.splitext(os.fspath(path))[1].lower()
        if suffix in _BY_SUFFIX:
            return _BY_SUFFIX[suffix]
    if content is not None:
        head = content[:4096]
        if isinstance(head, bytes):
            head = head.decode("utf-8", "replace")
        head = head.lstrip("\ufeff")
        for fmt in FORMATS:
            if fmt.sniff(head):
                return fmt
    where = f" for {os.fspath(path)!r}" if path is not None else ""
    raise UnknownFormatError(f"cannot tell the format{where}; name one of: {', '.join(_BY_NAME)}")
