"""The registry of formats.

Each format is a module beside this one with the same shape: ``read(data)``
returns an :class:`~threadkit.Article` from ``str`` or ``bytes``,
``write(article)`` returns ``str``, and ``sniff(head)`` says whether the start
of a document looks like this format. Adding a format is adding a module and
a row to :data:`FORMATS`. Modules are imported only when first used, so
``import threadkit`` stays cheap.

Importers are read-only formats (:attr:`Format.writable` is false), their
modules in ``threadkit.importers``: they read a platform's export and cannot
write it. A module whose source may hold several articles also has
``read_all(data)``, which yields them one by one and accepts an open binary
file to stream from.

.. versionadded:: 0.1
"""

from __future__ import annotations

import codecs
import functools
import importlib
import os
from collections.abc import Iterable, Iterator
from types import ModuleType
from typing import IO, Any

import attrs

from threadkit._io import MAX_BYTES, read_limited
from threadkit.errors import ReadOnlyFormatError, UnknownFormatError
from threadkit.formats._shape import foreign_kind
from threadkit.model import Article

__all__ = ["FORMATS", "Format", "get_format", "guess_format", "nearest_format"]


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
    writable: bool = attrs.field(default=True, kw_only=True)
    """Whether threadkit can write this format; importers of platform exports cannot.

    .. versionadded:: 0.1
    """

    def _implementation(self) -> ModuleType:
        return importlib.import_module(self.module)

    def read(self, data: str | bytes, **options: Any) -> Article:
        """Read one article from *data*.

        ``report=`` is left out for a reader that makes no report (``json``,
        ``jsonl``: they repair nothing and warn of nothing), so that one call
        reads sources of any format.
        """
        implementation = self._implementation()
        article: Article = implementation.read(data, **_accepted(implementation.read, options))
        return article

    def read_all(
        self, data: str | bytes | IO[bytes] | IO[str], **options: Any
    ) -> Iterator[Article]:
        """Yield every article in *data*: a document, or an open file to stream from.

        Formats that hold one article yield it alone.

        .. versionadded:: 0.1
        """
        implementation = self._implementation()
        read_all = getattr(implementation, "read_all", None)
        if read_all is not None:
            articles: Iterator[Article] = iter(read_all(data, **_accepted(read_all, options)))
            return articles
        options = _accepted(implementation.read, options)
        if not isinstance(data, str | bytes):
            data = read_limited(data, options.get("max_bytes", MAX_BYTES))
        return iter((self.read(data, **options),))

    def write(self, article: Article, **options: Any) -> str:
        """Write *article* as a document of this format.

        Raises :class:`~threadkit.ReadOnlyFormatError` for a read-only format.
        """
        if not self.writable:
            writable = ", ".join(fmt.name for fmt in FORMATS if fmt.writable)
            raise ReadOnlyFormatError(
                f"{self.name} is read-only: threadkit imports it but cannot write it; "
                f"write one of: {writable}"
            )
        text: str = self._implementation().write(article, **options)
        return text

    def sniff(self, head: str) -> bool:
        """Whether *head*, the start of a document, looks like this format."""
        return bool(self._implementation().sniff(head))


def _accepted(reader: Any, options: dict[str, Any]) -> dict[str, Any]:
    """*options* without ``report`` when *reader*, a format's function, takes no such option."""
    if "report" in options and not _reports(reader):
        return {name: value for name, value in options.items() if name != "report"}
    return options


@functools.cache
def _reports(read: Any) -> bool:
    import inspect  # lazy: only a report= given to a reader needs it

    parameters = inspect.signature(read).parameters.values()
    return any(p.name == "report" or p.kind is p.VAR_KEYWORD for p in parameters)


# Sniffing tries the rows in this order, so more specific formats come first
# and the plain-text format, which accepts almost anything, comes last.
FORMATS: tuple[Format, ...] = (
    Format(
        "reddit",
        "threadkit.importers.reddit",
        (".json",),
        "Reddit comment listing JSON (import only)",
        writable=False,
    ),
    Format(
        "hackernews",
        "threadkit.importers.hackernews",
        (".json",),
        "Hacker News items, Firebase or Algolia JSON (import only)",
        writable=False,
    ),
    Format(
        "mastodon",
        "threadkit.importers.mastodon",
        (".json",),
        "Mastodon status and context JSON (import only)",
        writable=False,
    ),
    Format(
        "disqus",
        "threadkit.importers.disqus",
        (".xml",),
        "Disqus XML export, one article per thread (import only)",
        writable=False,
    ),
    Format(
        "wordpress",
        "threadkit.importers.wordpress",
        (".xml", ".wxr"),
        "WordPress WXR export, one article per post (import only)",
        writable=False,
    ),
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
_BY_SUFFIX: dict[str, tuple[Format, ...]] = {}
for _fmt in FORMATS:
    for _suffix in _fmt.suffixes:
        _BY_SUFFIX[_suffix] = (*_BY_SUFFIX.get(_suffix, ()), _fmt)
del _fmt, _suffix


def get_format(name: str | Format) -> Format:
    """The format called *name*; raises :class:`~threadkit.UnknownFormatError`.

    .. versionadded:: 0.1
    """
    if isinstance(name, Format):
        return name
    try:
        return _BY_NAME[name.lower()]
    except KeyError:
        known = ", ".join(_BY_NAME)
        nearest = nearest_format(name)
        hint = f"; did you mean {nearest.name}?" if nearest is not None else ";"
        raise UnknownFormatError(f"unknown format {name!r}{hint} known formats: {known}") from None


def nearest_format(name: str, among: Iterable[Format] = FORMATS) -> Format | None:
    """The format of *among* that *name*, not a format's name, most likely meant.

    A suffix names its format (``htm`` means ``html``, ``txt`` means
    ``text``) when only one format of *among* has it; else the name closest
    in spelling, if any is close.

    .. versionadded:: 0.1
    """
    import difflib  # lazy: only a mistyped name needs it

    candidates = tuple(among)
    word = name.strip().lower().lstrip(".")
    by_suffix = [fmt for fmt in candidates if "." + word in fmt.suffixes]
    if len(by_suffix) == 1:
        return by_suffix[0]
    names = [fmt.name for fmt in candidates]
    close = difflib.get_close_matches(word, names, n=1, cutoff=0.6)
    if not close:
        return None
    return candidates[names.index(close[0])]


def guess_format(
    path: str | os.PathLike[str] | None = None, content: str | bytes | None = None
) -> Format:
    """Guess a format from a file's suffix, then from its content.

    A suffix several formats share (``.json``, ``.xml``) is settled by the
    content: the first of those formats whose sniffing accepts it, else the
    one threadkit can write. Content alone is taken for a plain-text dump
    only when it has a dump's shape: binary data, CSV, TSV, TOML, INI, YAML,
    Markdown, front matter and program source are not (naming the format
    reads them as asked). Raises :class:`~threadkit.UnknownFormatError`
    when neither tells; its :attr:`~threadkit.UnknownFormatError.looks_like`
    then says what the content looked like, when that is known.

    .. versionadded:: 0.1
    """
    head: str | None = None
    if content is not None:
        head = _head(content[:4096])
    if path is not None:
        suffix = os.path.splitext(os.fspath(path))[1].lower()
        candidates = _BY_SUFFIX.get(suffix, ())
        if len(candidates) == 1:
            return candidates[0]
        if candidates:
            if head is not None:
                for fmt in candidates:
                    if fmt.sniff(head):
                        return fmt
            for fmt in candidates:
                if fmt.writable:
                    return fmt
    looks_like: str | None = None
    if head is not None:
        for fmt in FORMATS:
            if not fmt.sniff(head):
                continue
            if fmt is FORMATS[-1]:
                # The last format, plain text, accepts almost any text: the
                # content must have a dump's shape too.
                looks_like = foreign_kind(head)
                if looks_like is not None:
                    break
            return fmt
    where = f" for {os.fspath(path)!r}" if path is not None else ""
    seen = f": it looks like {looks_like}, not a thread" if looks_like is not None else ""
    raise UnknownFormatError(
        f"cannot tell the format{where}{seen}; name one of: {', '.join(_BY_NAME)}",
        looks_like=looks_like,
    )


def _head(start: str | bytes) -> str:
    """The start of a document as text, to sniff: decoded by its byte order mark, else UTF-8."""
    if isinstance(start, bytes):
        if start.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            # Cut to whole code units, so that the last character is not a
            # replacement character for half of one.
            start = start[: len(start) - len(start) % 2].decode("utf-16", "replace")
        else:
            start = start.decode("utf-8", "replace")
    return start.lstrip("\ufeff")
