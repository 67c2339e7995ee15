"""The registry of formats.

Each format is a module beside this one with the same shape: ``read(data)``
returns an :class:`~threadkit.Article` from ``str`` or ``bytes``,
``write(article)`` returns ``str``, and ``sniff(head)`` says whether the start
of a document looks like this format. A built-in format is a module and a
row of :data:`FORMATS`; a format of one's own (see :doc:`/formats/adding`) is
a :class:`Format` given to :func:`register`, or named by an entry point in the
``threadkit.formats`` group, and is then seen by :func:`get_format`,
:func:`guess_format`, :func:`threadkit.load` and the command line alike.
Modules are imported only when first used, and entry points are read only
when the built-in formats do not answer, so ``import threadkit`` stays cheap.

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
import warnings
from collections.abc import Iterable, Iterator
from types import ModuleType
from typing import IO, Any

import attrs

from threadkit._io import MAX_BYTES, read_limited
from threadkit.errors import FormatUnavailableError, ReadOnlyFormatError, UnknownFormatError
from threadkit.formats._shape import foreign_kind
from threadkit.model import Article

__all__ = [
    "ENTRY_POINT_GROUP",
    "FORMATS",
    "Format",
    "get_format",
    "guess_format",
    "nearest_format",
    "register",
    "registered",
    "unregister",
]


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
        if _BY_NAME.get(self.name.lower()) is self:
            return importlib.import_module(self.module)
        try:
            return importlib.import_module(self.module)
        except Exception as error:  # a plug-in's failure is its own, whatever it is
            raise FormatUnavailableError(
                f"format {self.name!r} cannot be used: its module {self.module!r} "
                f"cannot be imported ({type(error).__name__}: {error})"
            ) from error

    def options(self, function: str = "read") -> tuple[str, ...] | None:
        """The keyword options the format's *function* (``"read"`` or ``"write"``) takes.

        Read from the function's signature; ``None`` when it takes any keyword
        (``**options``) and says nothing more. :meth:`read`, :meth:`read_all`
        and :meth:`write` refuse any other keyword with a :class:`TypeError`
        naming the format and these options.

        .. versionadded:: 0.1
        """
        key = (self.module, function)
        if key not in _OPTIONS:
            _OPTIONS[key] = _options_of(self._implementation(), function)
        return _OPTIONS[key]

    def _check(self, function: str, options: dict[str, Any]) -> None:
        if not options:
            return
        allowed = self.options(function)
        if allowed is None:
            return
        for name in options:
            # report= goes to every reader: those that make no report leave it out.
            if name not in allowed and not (name == "report" and function == "read"):
                raise _unknown_option(self.name, function, name, allowed)

    def read(self, data: str | bytes, **options: Any) -> Article:
        """Read one article from *data*.

        ``report=`` is left out for a reader that makes no report (``json``,
        ``jsonl``: they repair nothing and warn of nothing), so that one call
        reads sources of any format. Raises :class:`TypeError` for another
        option the reader does not take.
        """
        self._check("read", options)
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
        self._check("read", options)
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

        Raises :class:`~threadkit.ReadOnlyFormatError` for a read-only format, and
        :class:`TypeError` for an option the writer does not take.
        """
        if not self.writable:
            writable = ", ".join(fmt.name for fmt in registered() if fmt.writable)
            raise ReadOnlyFormatError(
                f"{self.name} is read-only: threadkit imports it but cannot write it; "
                f"write one of: {writable}"
            )
        self._check("write", options)
        text: str = self._implementation().write(article, **options)
        return text

    def sniff(self, head: str) -> bool:
        """Whether *head*, the start of a document, looks like this format.

        ``False`` for a plug-in whose module has no ``sniff``: it is then
        guessed by its suffixes only.
        """
        try:
            implementation = self._implementation()
        except FormatUnavailableError as error:
            # As for an entry point that cannot be loaded: a broken plug-in
            # must not stop the other formats from being guessed.
            warnings.warn(f"threadkit: {error}", RuntimeWarning, stacklevel=2)
            return False
        sniff = getattr(implementation, "sniff", None)
        return sniff is not None and bool(sniff(head))


_OPTIONS: dict[tuple[str, str], tuple[str, ...] | None] = {}


def _options_of(module: ModuleType, function: str) -> tuple[str, ...] | None:
    """The keywords *function* of *module* takes after its first argument, by its signature.

    A reader that passes ``**options`` on to ``read_all`` takes what that takes.
    """
    import inspect  # lazy: only options given to a format need it

    for name in (function, "read_all") if function == "read" else (function,):
        implementation = getattr(module, name, None)
        if implementation is None:
            continue
        parameters = list(inspect.signature(implementation).parameters.values())[1:]
        if any(p.kind is inspect.Parameter.VAR_KEYWORD for p in parameters):
            continue
        return tuple(
            p.name
            for p in parameters
            if p.kind in (inspect.Parameter.KEYWORD_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)
        )
    return None


def _unknown_option(format: str, function: str, name: str, allowed: tuple[str, ...]) -> TypeError:
    import difflib  # lazy: for the message of a mistake only

    role = "writer" if function == "write" else "reader"
    close = difflib.get_close_matches(name, allowed, n=1)
    guess = f" (did you mean {close[0]!r}?)" if close else ""
    takes = f"its options are {', '.join(allowed)}" if allowed else "it takes none"
    return TypeError(f"the {format} {role} takes no option {name!r}{guess}; {takes}")


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


# -- formats of one's own --------------------------------------------------------------------

ENTRY_POINT_GROUP = "threadkit.formats"
"""The entry-point group a distribution names its formats in: ``name = module:FORMAT``."""

_PLUGINS: dict[str, Format] = {}
"""The formats registered by a call or an entry point, by lower-case name, in order."""
_entry_points_read = False


def register(format: Format, *, replace: bool = False) -> None:
    """Add *format* to the registry, after the built-in formats.

    From then on :func:`get_format` finds it by name, :func:`guess_format` by
    its suffixes and by its module's ``sniff`` (tried after every built-in
    format but before ``text``, which accepts almost anything), and
    :func:`threadkit.load`, :func:`threadkit.dumps` and the command line use
    it as they use the built-in ones. Its module is imported on first use.

    Args:
        format: The format: its name, module, suffixes and summary.
        replace: Replace a format registered under the same name before.

    Raises:
        TypeError: *format* is not a :class:`Format`.
        ValueError: Its name is a built-in format's, or, without *replace*,
            a registered format's.

    .. versionadded:: 0.1
    """
    if not isinstance(format, Format):
        raise TypeError(f"register takes a Format, not {type(format).__name__}")
    key = format.name.lower()
    if key in _BY_NAME:
        raise ValueError(f"{format.name!r} is a built-in format; choose another name")
    if key in _PLUGINS and not replace:
        raise ValueError(f"a format named {format.name!r} is registered already; pass replace=True")
    _PLUGINS.pop(key, None)
    _PLUGINS[key] = format


def unregister(name: str) -> None:
    """Take the format registered as *name* out of the registry.

    Raises:
        UnknownFormatError: No format of one's own is registered as *name*
            (the built-in formats cannot be taken out).

    .. versionadded:: 0.1
    """
    _read_entry_points()
    if _PLUGINS.pop(name.lower(), None) is None:
        raise UnknownFormatError(f"no registered format {name!r}")


def registered() -> tuple[Format, ...]:
    """Every format, in the order :func:`guess_format` sniffs them.

    The built-in formats of :data:`FORMATS`, then the formats registered by
    :func:`register` or by entry point, then ``text``. Reads the entry points
    first.

    .. versionadded:: 0.1
    """
    _read_entry_points()
    return (*FORMATS[:-1], *_PLUGINS.values(), FORMATS[-1])


def _read_entry_points() -> None:
    """Register the formats the installed distributions name, once.

    An entry point that cannot be loaded, or gives no :class:`Format`, is a
    warning, not an error: a broken plug-in must not stop the other formats.
    """
    global _entry_points_read
    if _entry_points_read:
        return
    _entry_points_read = True
    from importlib.metadata import entry_points  # lazy: slow to import, rarely needed

    for entry in entry_points(group=ENTRY_POINT_GROUP):
        try:
            loaded = entry.load()
            if not isinstance(loaded, Format):
                raise TypeError(f"it gives a {type(loaded).__name__}, not a threadkit.Format")
            if loaded.name.lower() not in _PLUGINS:  # one registered by a call wins
                register(loaded)
        except Exception as error:  # any failure of a plug-in is its own
            warnings.warn(
                f"threadkit: the format plug-in {entry.name!r} ({entry.value}) cannot be "
                f"loaded: {error}",
                RuntimeWarning,
                stacklevel=3,
            )


def get_format(name: str | Format) -> Format:
    """The format called *name*; raises :class:`~threadkit.UnknownFormatError`.

    Names are case-insensitive; a format of one's own (:func:`register`) is
    found as a built-in one is.

    .. versionadded:: 0.1
    """
    if isinstance(name, Format):
        return name
    key = name.lower()
    found = _BY_NAME.get(key) or _PLUGINS.get(key)
    if found is None:
        _read_entry_points()
        found = _PLUGINS.get(key)
    if found is None:
        formats = registered()
        known = ", ".join(fmt.name for fmt in formats)
        nearest = nearest_format(name, formats)
        hint = f"; did you mean {nearest.name}?" if nearest is not None else ";"
        raise UnknownFormatError(f"unknown format {name!r}{hint} known formats: {known}")
    return found


def _with_suffix(suffix: str, plugins: bool) -> tuple[Format, ...]:
    found = _BY_SUFFIX.get(suffix, ())
    if plugins or not found:
        _read_entry_points()
    return found + tuple(fmt for fmt in _PLUGINS.values() if suffix in fmt.suffixes)


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
    then says what the content looked like, when that is known. Formats of
    one's own take part (:func:`register`): a suffix only they claim is
    theirs, and content is sniffed by them after the built-in formats and
    before ``text``; a suffix a built-in format claims stays its own unless
    the content says otherwise.

    .. versionadded:: 0.1
    """
    head: str | None = None
    if content is not None:
        head = _head(content[:4096])
    if path is not None:
        suffix = os.path.splitext(os.fspath(path))[1].lower()
        candidates = _with_suffix(suffix, plugins=head is not None)
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
        for fmt in registered():
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
    names = ", ".join(fmt.name for fmt in registered())
    seen = f": it looks like {looks_like}, not a thread" if looks_like is not None else ""
    raise UnknownFormatError(
        f"cannot tell the format{where}{seen}; name one of: {names}",
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
