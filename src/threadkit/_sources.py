"""Opening a source of articles: the one way :func:`threadkit.load_all` and the CLI read.

A source is a path or an open file. Its format is the one named, else it is
guessed from the path's suffix (or the file's ``name``) and the first bytes,
which are read and then gone back over. A stream that cannot go back, such
as a pipe, is read whole first, no further than ``max_bytes`` and one. The
articles are then read one at a time as they are asked for, so that a large
export need not fit in memory.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import IO, Any, NamedTuple

from threadkit._io import MAX_BYTES, check_options, read_limited
from threadkit.formats import Format, get_format, guess_format
from threadkit.model import Article

__all__ = ["HEAD", "Articles", "Opened", "PathOrFile", "name_of", "open_articles"]

PathOrFile = str | os.PathLike[str] | IO[bytes] | IO[str]

HEAD = 4096
"""How much of a source is read to guess its format: as much as sniffing looks at."""


class Articles(Iterator[Article]):
    """The articles of a source, read as they are asked for.

    Reading them to the end, an error while reading them, or :meth:`close`
    closes the file opened for them, if any; after that there are no more.
    """

    __slots__ = ("_articles", "_stream")

    def __init__(self, articles: Iterator[Article], stream: IO[bytes] | None) -> None:
        self._articles = articles
        self._stream = stream

    def __next__(self) -> Article:
        try:
            return next(self._articles)
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        """Stop reading, and close the file opened for these articles."""
        articles, self._articles = self._articles, iter(())
        close = getattr(articles, "close", None)
        try:
            if close is not None:
                close()
        finally:
            if self._stream is not None:
                self._stream.close()


class Opened(NamedTuple):
    """A source once opened: its format, and its articles still to be read."""

    format: Format
    articles: Articles


def name_of(source: PathOrFile) -> str | os.PathLike[str] | None:
    """The name to guess *source*'s format by: a path, or an open file's ``name``."""
    if isinstance(source, str | os.PathLike):
        return source
    name = getattr(source, "name", None)
    return name if isinstance(name, str) else None


def open_articles(source: PathOrFile, format: str | Format | None = None, **options: Any) -> Opened:
    """Open *source* and pick its format, ready to read its articles.

    A missing file, an unknown or unguessable format and an option that is
    not valid raise here; a problem in the document raises while the
    articles are read. A file given open stays open: its owner closes it.
    """
    max_bytes = options.get("max_bytes", MAX_BYTES)
    check_options(max_bytes, None, None, "strict")
    if not isinstance(source, str | os.PathLike):
        fmt, articles = _choose(source, name_of(source), format, max_bytes, options)
        return Opened(fmt, Articles(articles, None))
    stream = open(source, "rb")  # noqa: SIM115 - closed when the articles are
    try:
        fmt, articles = _choose(stream, source, format, max_bytes, options)
    except BaseException:
        stream.close()
        raise
    return Opened(fmt, Articles(articles, stream))


def _choose(
    stream: IO[bytes] | IO[str],
    name: str | os.PathLike[str] | None,
    format: str | Format | None,
    max_bytes: int | None,
    options: dict[str, Any],
) -> tuple[Format, Iterator[Article]]:
    if format is not None:
        fmt = get_format(format)
        return fmt, fmt.read_all(stream, **options)
    if stream.seekable():
        position = stream.tell()
        head = stream.read(HEAD)
        stream.seek(position)
        fmt = guess_format(name, head)
        return fmt, fmt.read_all(stream, **options)
    whole = read_limited(stream, max_bytes)
    fmt = guess_format(name, whole)
    return fmt, fmt.read_all(whole, **options)
